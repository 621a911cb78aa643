"""Count rules read a period's tickets through an index built once per period
(``aggregates.TicketIndex``) and filtered once per sheet (``View``). A view built without
that index (by hand) indexes its own tickets; both must count the same tickets with the
same evidence, whatever the sheet sees.

Tickets (as in test_ticket_assessor, plus an excluded one and a tier filter):
T1 甲 respond breached under 紧急; T2 untagged, respond breached under 紧急 then moved to
一般; T3 乙 respond and restore breached; T4 乙 met; T5 untagged, respond breached,
attributed to 采购人原因 (excluded)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from attrs import evolve

import slarules
from slarules import Tracker
from slarules import model as m
from slarules.engine.scoring.aggregates import View, count
from slarules.engine.scoring.evaluator import Evaluator

RULES = """
ruleset "index" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
cause 采购人原因
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  exclude cause 采购人原因
  tier 紧急 { respond 10分钟 restore 4小时 }
  tier 一般 { respond 1小时 restore 8小时 }
}
scorecard 部门评分 per 月度 assessed by 甲 50%, 乙 50% {
  item 响应 max 10 { deduct 1 per breach of 故障 }
}
"""


def ev(day: str, time: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": f"2026-03-{day}T{time}:00+08:00", "type": type_, **fields}


def opened(day: str, ticket: str, **fields: Any) -> dict[str, Any]:
    return ev(day, "09:00", "opened", ticket=ticket, sla="故障", tier="紧急", **fields)


EVENTS = [
    opened("02", "T1", assessor="甲"),
    ev("02", "09:30", "responded", ticket="T1"),
    ev("02", "10:00", "restored", ticket="T1"),
    opened("03", "T2"),
    ev("03", "09:30", "responded", ticket="T2"),
    ev("03", "09:40", "retiered", ticket="T2", tier="一般"),
    ev("03", "10:00", "restored", ticket="T2"),
    opened("04", "T3", assessor="乙"),
    ev("04", "09:30", "responded", ticket="T3"),
    ev("04", "15:00", "restored", ticket="T3"),
    opened("05", "T4", assessor="乙"),
    ev("05", "09:05", "responded", ticket="T4"),
    ev("05", "10:00", "restored", ticket="T4"),
    opened("06", "T5"),
    ev("06", "09:30", "responded", ticket="T5"),
    ev("06", "10:00", "restored", ticket="T5"),
    ev("06", "11:00", "attributed", ticket="T5", cause="采购人原因"),
]

REF = m.Reference("故障", "respond")
COUNTERS: list[m.Counter] = [
    m.PerBreach(m.Reference("故障", None)),
    m.PerBreach(REF),
    m.PerBreach(REF, ("紧急",)),
    m.PerBreach(m.Reference("故障", "restore"), ("一般",)),
    m.PerBreachedTicket("故障"),
    m.PerBreachedTicket("故障", ("紧急",)),
    m.PerDayLate(REF),
]


def _views(sheet: str | None) -> tuple[View, View]:
    ruleset = slarules.loads(RULES, "index.sla")
    tracker = Tracker(ruleset)
    for event in EVENTS:
        tracker.feed(event)
    engine = tracker._engine
    evaluator = Evaluator(engine.ctx, engine.evidence("2026-03-31T00:00:00+08:00"), "<x>")
    start = datetime(2026, 3, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    inst = evaluator.periods.at("月度", start)
    assert inst is not None
    view = evaluator.view(inst, sheet, frozenset({"甲", "乙"}) if sheet else frozenset())
    return view, evolve(view, source=None)


def test_sheet_甲_counts_its_own_and_untagged_breaches() -> None:
    indexed, own = _views("甲")
    # 甲 sees T1 (its own), T2 (untagged) and T5 (untagged, excluded): respond breaches
    # T1 and T2 count, T5's is set aside as excluded.
    found = count(m.PerBreach(REF), indexed)
    assert found.quantity == 2
    # T1 is events 1-3 (opened, responded, restored), T2 events 4-7.
    assert found.evidence == (
        "ticket T1: respond breached (event 1 → event 2)",
        "ticket T2: respond breached (event 4 → event 5)",
    )
    assert found.excluded == ("ticket T5: respond breached, excluded (采购人原因)",)
    for counter in COUNTERS:
        assert count(counter, indexed) == count(counter, own), counter


def test_sheet_乙_and_an_unassessed_view_agree_with_their_own_index() -> None:
    indexed, _ = _views("乙")
    # 乙 sees T2, T3, T4, T5: T3 breached both targets, T2 respond (measured under 紧急).
    found = count(m.PerBreachedTicket("故障"), indexed)
    assert found.evidence == (
        "ticket T2: respond breached (event 4 → event 5)",
        # T3 is events 8-10: opened 8, responded 9, restored 10.
        "ticket T3: respond, restore breached "
        "[respond (event 8 → event 9); restore (event 8 → event 10)]",
    )
    for sheet in ("乙", None):
        indexed, own = _views(sheet)
        for counter in COUNTERS:
            assert count(counter, indexed) == count(counter, own), (sheet, counter)


def test_the_excluded_tickets_are_cited_as_the_report_reads_them() -> None:
    """20 tickets X00 … X19 (one a day from 2 March), each 紧急, responded after 30 minutes
    (the 10分钟 target breached, one started day late), restored within the 4小时, then
    attributed to 采购人原因, which the SLA excludes: every count over respond sets all 20
    aside. From 16 texts on, a list is cited as ``CitedTexts`` (made when the report reads
    it, docs/performance.md *Step E*), excluded ones too: they were packed ``Texts``."""
    from slarules.engine.scoring.cited_texts import CitedTexts

    events = []
    for n in range(20):
        day, name = f"{2 + n:02d}", f"X{n:02d}"
        events += [
            opened(day, name),
            ev(day, "09:30", "responded", ticket=name),
            ev(day, "10:00", "restored", ticket=name),
            ev(day, "11:00", "attributed", ticket=name, cause="采购人原因"),
        ]
    ruleset = slarules.loads(RULES, "index.sla")
    tracker = Tracker(ruleset)
    for event in events:
        tracker.feed(event)
    engine = tracker._engine
    evaluator = Evaluator(engine.ctx, engine.evidence("2026-03-31T00:00:00+08:00"), "<x>")
    inst = evaluator.periods.at("月度", datetime(2026, 3, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert inst is not None
    view = evaluator.view(inst, None)
    names = [f"X{n:02d}" for n in range(20)]
    breaches = count(m.PerBreach(REF), view)
    assert breaches.quantity == 0 and breaches.evidence == ()
    assert type(breaches.excluded) is CitedTexts
    assert list(breaches.excluded) == [
        f"ticket {x}: respond breached, excluded (采购人原因)" for x in names
    ]
    for counter in (m.PerDayLate(REF), m.PerBreachedTicket("故障", ("紧急",))):
        found = count(counter, view)
        assert found.quantity == 0 and type(found.excluded) is CitedTexts, counter
        assert list(found.excluded) == [f"ticket {x}: excluded (采购人原因)" for x in names]


def test_the_views_keep_only_the_excluded_ids_their_evidence_names() -> None:
    """Whether a ticket is excluded is asked of the tickets occurrences and deliveries name
    (SPEC §3.9: their evidence is scored nowhere); the views keep those excluded ids only,
    not every excluded ticket of the log (docs/performance.md, *Step E*). T5 is excluded
    (EVENTS); a 故障 occurrence naming T5 and one naming T1 (not excluded)."""
    from slarules.engine.scoring.by_opening import ByOpening

    ruleset = slarules.loads(RULES, "index.sla")
    tracker = Tracker(ruleset)
    for event in EVENTS:
        tracker.feed(event)
    tickets = tracker._engine.evidence("2026-03-31T00:00:00+08:00").tickets
    assert [t.ticket for t in tickets if t.excluded] == ["T5"]
    assert ByOpening(tickets, {"T1", "T5", "T9"}).excluded == {"T5"}
    assert ByOpening(tickets, {"T1", "T9"}).excluded == frozenset()
