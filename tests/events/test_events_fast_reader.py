"""The compiled per-type event readers agree with the full check (``slarules.events``).

``parse_event`` first tries a reader compiled for the event's type, which accepts the common
well-formed event in a few cheap checks and otherwise declines (returns None), leaving the
event to the full check that explains what is wrong.  So: every event the fast reader
accepts, the full check accepts and builds identically; every event it declines still gets
the full check's answer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules
from slarules.events.reader import EventProblem, _parse_event_checked, parse_event
from slarules.events.vocabulary import Vocabulary

RULES = slarules.loads(
    """
ruleset "fast" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
kind 迟到
kind 安全事件
deliverable 月报
cause 采购人原因
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  exclude cause 采购人原因
  tier 1级 { respond 15分钟 }
  tier 2级 { respond 30分钟 }
}
scorecard 考核 per 月度 assessed by 监理 {
  item 考勤 max 10 { deduct 1 per occurrence of 迟到 }
  item 安全 max 20 no floor { deduct judged [5, 20] per occurrence of 安全事件 }
  item 技术支持 max 25 { judged step 1 { 优秀: [20, 25]  一般: [10, 19]  较差: [0, 9] } }
}
"""
)
AT = "2026-03-02T10:00:00+08:00"

GOOD: list[dict[str, Any]] = [
    {"at": AT, "type": "opened", "ticket": "T1", "sla": "故障", "tier": "1级"},
    {"at": AT, "type": "opened", "ticket": 17, "sla": "故障", "tier": "2级", "id": "E-1"},
    {"at": "2026-03-02T02:00:00Z", "type": "responded", "ticket": "T1"},
    {"at": "2026-03-01T21:00:00-05:00", "type": "closed", "ticket": "T1", "note": "好"},
    {"at": AT, "type": "paused", "ticket": "T1", "note": None, "assessor": "监理"},
    {"at": AT, "type": "retiered", "ticket": "T1", "tier": "2级"},
    {"at": AT, "type": "attributed", "ticket": "T1", "cause": "采购人原因"},
    {"at": AT, "type": "occurrence", "kind": "迟到", "count": 2, "ticket": "T1"},
    {"at": AT, "type": "occurrence", "kind": "安全事件", "points": Decimal("7.5")},
    {"at": AT, "type": "occurrence", "kind": "迟到", "period": "2026-03"},
    {"at": AT, "type": "judgement", "item": "技术支持", "points": 20, "scorecard": "考核"},
    {"at": AT, "type": "score", "scorecard": "考核", "score": "40.5"},
    {"at": AT, "type": "due", "deliverable": "月报", "period": "2026-03"},
    {"at": AT, "type": "milestone", "name": "验收"},
]

# Accepted by the full check in a form the fast reader leaves to it.
GOOD_BUT_UNUSUAL: list[dict[str, Any]] = [
    {"at": " 2026-03-02T10:00:00+08:00 ", "type": "responded", "ticket": "T1"},
    {"at": "2026-03-02t10:00:00z", "type": "responded", "ticket": "T1"},
    {"at": "2026-03-02 10:00+08:00", "type": "responded", "ticket": "T1"},
    {"at": "2026-03-02T10:00:00.250+08:00", "type": "responded", "ticket": "T1"},
    {"at": AT, "type": "responded", "ticket": "T1", "x-source": "helpdesk"},
]

BAD: list[dict[str, Any]] = [
    {"at": "2026-03-02T10:00:00", "type": "responded", "ticket": "T1"},
    {"at": "2026-02-30T10:00:00+08:00", "type": "responded", "ticket": "T1"},
    {"at": "1969-12-31T10:00:00+08:00", "type": "responded", "ticket": "T1"},
    {"at": "2026-03-02T10:00:00+0800", "type": "responded", "ticket": "T1"},
    {"at": AT, "type": "responded", "ticket": " "},
    {"at": AT, "type": "responded", "ticket": True},
    {"at": AT, "type": "responded", "ticket": None},
    {"at": AT, "type": "opened", "ticket": "T1", "sla": "故障", "tier": "9级"},
    {"at": AT, "type": "opened", "ticket": "T1", "sla": "故", "tier": "1级"},
    {"at": AT, "type": "retiered", "ticket": "T1", "tier": "9级"},
    {"at": AT, "type": "paused", "ticket": "T1", "note": 3},
    {"at": AT, "type": "paused", "ticket": "T1", "assessor": "财务"},
    {"at": AT, "type": "paused", "ticket": "T1", "teir": "1级"},
    {"at": AT, "type": "occurrence", "kind": "迟到", "count": Decimal("1.5")},
    {"at": AT, "type": "occurrence", "kind": "安全事件"},
    {"at": AT, "type": "occurrence", "kind": "迟到", "period": "2026-13"},
    {"at": AT, "type": "judgement", "item": "技术支持", "points": None},
    {"at": AT, "type": "judgement", "item": "技术支持", "points": 26},
    {"at": AT, "type": "score", "scorecard": "考核", "score": 71},
    {"at": AT, "type": "due", "deliverable": "周报"},
]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(RULES.model)


def _shape(event: Any) -> tuple[object, ...]:
    """The event's fields, with ``at`` as text so the zone and the wall time count too."""
    return (event, event.at.isoformat(), event.at.tzinfo, str(event.ref))


@pytest.mark.parametrize("raw", GOOD, ids=lambda raw: raw["type"])
def test_the_fast_reader_accepts_and_builds_what_the_full_check_builds(
    raw: dict[str, Any], vocab: Vocabulary
) -> None:
    reader = slarules.events.reader._compile_readers(vocab)[raw["type"]]
    fast = reader(raw, 7, "line")
    assert fast is not None, "the fast reader should take this common event"
    assert _shape(fast) == _shape(_parse_event_checked(raw, 7, vocab, "line"))
    assert _shape(parse_event(raw, 7, vocab)) == _shape(fast)


@pytest.mark.parametrize("raw", GOOD_BUT_UNUSUAL, ids=lambda raw: repr(raw["at"]))
def test_unusual_forms_go_to_the_full_check_and_are_accepted(
    raw: dict[str, Any], vocab: Vocabulary
) -> None:
    reader = slarules.events.reader._compile_readers(vocab)[raw["type"]]
    assert reader(raw, 1, "line") is None
    assert _shape(parse_event(raw, 1, vocab)) == _shape(_parse_event_checked(raw, 1, vocab, "line"))


@pytest.mark.parametrize("raw", BAD, ids=str)
def test_bad_events_are_declined_and_explained_by_the_full_check(
    raw: dict[str, Any], vocab: Vocabulary
) -> None:
    reader = slarules.events.reader._compile_readers(vocab)[raw["type"]]
    assert reader(raw, 1, "line") is None
    with pytest.raises(EventProblem) as fast:
        parse_event(raw, 1, vocab)
    with pytest.raises(EventProblem) as full:
        _parse_event_checked(raw, 1, vocab, "line")
    assert (fast.value.code, fast.value.message) == (full.value.code, full.value.message)
