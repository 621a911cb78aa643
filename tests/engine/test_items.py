"""Item rules over hand-built evidence (docs/language.md §5): counters, caps, floors,
awards, judged amounts, judged items, points tables, assessor sheets, and the errors that
name the event line or the rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import slarules
from slarules.engine.context import Context
from slarules.engine.evidence import (
    BREACHED,
    MET,
    NOT_APPLICABLE,
    Delivery,
    Evidence,
    GivenScore,
    Judgement,
    Occurrence,
    TargetResult,
    TicketResult,
)
from slarules.engine.scoring.evaluator import evaluate
from slarules.engine.scoring.occurrence_texts import OccurrenceTexts
from slarules.engine.scoring.results import ItemResult, Results, ScorecardResult
from slarules.errors import RuleError
from slarules.events.types import EventRef
from slarules.i18n import use_language
from slarules.language.parser import parse

D = Decimal
SH = ZoneInfo("Asia/Shanghai")
HEAD = """
ruleset "t" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
period 月度 = month
"""


def t(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=SH)


def occ(
    kind: str,
    line: int,
    *,
    count: str = "1",
    points: str | None = None,
    ticket: str | None = None,
    assessor: str | None = None,
    day: int = 2,
) -> Occurrence:
    return Occurrence(kind, t(day), D(count), None if points is None else D(points), ticket,
                      assessor, EventRef(line))  # fmt: skip


def judged(
    item: str,
    points: str,
    line: int,
    *,
    assessor: str | None = None,
    scorecard: str | None = None,
    day: int = 20,
) -> Judgement:
    return Judgement(item, D(points), t(day), assessor, EventRef(line), None, scorecard)


def target(
    metric: str, status: str, days_late: int = 0, hours: tuple[tuple[int, int, int, int], ...] = ()
) -> TargetResult:
    intervals = tuple((t(a, b), t(c, d)) for a, b, c, d in hours)
    elapsed = sum((b - a for a, b in intervals), timedelta()) if intervals else None
    stop = intervals[-1][1] if intervals else None
    return TargetResult(metric, status, t(1), None, stop, elapsed, days_late, False, intervals)


def ticket(
    tid: str,
    tier: str,
    *targets: TargetResult,
    excluded: str | None = None,
    sla: str = "故障",
    day: int = 3,
) -> TicketResult:
    return TicketResult(tid, sla, tier, t(day), excluded, targets)


def run(rules: str, **evidence: object) -> Results:
    ctx = Context.build(slarules.loads(HEAD + rules).model)
    ev = Evidence(as_of=t(31, 12), first_event=t(1), **evidence)  # type: ignore[arg-type]
    return evaluate(ctx, ev, events_path="events.jsonl")


def run_unchecked(rules: str, **evidence: object) -> Results:
    """``run`` without the checker: for rules ``check`` refuses (a points table with a gap,
    SLR306) whose evaluation must still fail cleanly if such a model reaches the engine."""
    ctx = Context.build(parse(HEAD + rules))
    ev = Evidence(as_of=t(31, 12), first_event=t(1), **evidence)  # type: ignore[arg-type]
    return evaluate(ctx, ev, events_path="events.jsonl")


def card(results: Results, name: str, label: str = "2026-03") -> ScorecardResult:
    p = next(p for p in results.periods if p.label == label)
    return next(c for c in p.scorecards if c.name == name)


def item(results: Results, name: str, card_name: str = "卡") -> ItemResult:
    return next(i for i in card(results, card_name).items if i.name == name)


SLA = """
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  tier 紧急 { respond 10分钟 restore 4小时 }
  tier 一般 { respond 30分钟 restore 8小时 }
}
"""


def test_breach_counters_by_metric_tier_and_ticket() -> None:
    # Three tickets: A 紧急 (respond and restore breached), B 一般 (restore breached),
    # C 紧急 (met), X 紧急 excluded with both breached.
    # per breach of 故障 tier 紧急: A's two breaches → 2 × 1 = 2.
    # per breach of 故障.restore: A and B → 2 × 0.5 = 1.
    # per breached ticket of 故障: A and B once each → 2 × 3 = 6.
    rules = (
        SLA
        + """
    scorecard 卡 per 月度 {
      item 一 max 10 { deduct 1 per breach of 故障 tier 紧急 }
      item 二 max 10 { deduct 0.5 per breach of 故障.restore }
      item 三 max 10 { deduct 3 per breached ticket of 故障 }
      item 四 max 70 { }
    }
    """
    )
    tickets = (
        ticket("A", "紧急", target("respond", BREACHED), target("restore", BREACHED)),
        ticket("B", "一般", target("respond", MET), target("restore", BREACHED)),
        ticket("C", "紧急", target("respond", MET), target("restore", MET)),
        ticket("X", "紧急", target("respond", BREACHED), target("restore", BREACHED),
               excluded="不可抗力"),
    )  # fmt: skip
    r = run(rules, tickets=tickets)
    assert [item(r, n).score for n in ("一", "二", "三")] == [D(8), D(9), D(4)]
    one = item(r, "一")
    assert one.lines[0].evidence == ("ticket A: respond breached", "ticket A: restore breached")
    assert len(one.lines[0].excluded) == 2  # X is listed, not counted
    assert card(r, "卡").score == D(91)


def test_days_late_of_a_metric_and_of_a_deliverable() -> None:
    # per day late of 故障.restore: A 2 days + B 1 day = 3 × 2 = 6 → 4.
    # per day late of 月报: due 3/5 10:00, delivered 3/6 11:00 (25 h → 2 days); a second
    # due 3/20 10:00 still outstanding at as_of 3/31 12:00 (11 days 2 h → 12 days);
    # 14 × 0.2 = 2.8 → 7.2.
    rules = (
        SLA
        + """
    deliverable 月报
    scorecard 卡 per 月度 {
      item 一 max 10 { deduct 2 per day late of 故障.restore }
      item 二 max 10 { deduct 0.2 per day late of 月报 }
      item 三 max 80 { }
    }
    """
    )
    tickets = (
        ticket("A", "紧急", target("restore", BREACHED, days_late=2)),
        ticket("B", "一般", target("restore", BREACHED, days_late=1)),
    )
    deliveries = (
        Delivery("月报", t(5), t(6, 11), EventRef(1), EventRef(2)),
        Delivery("月报", t(20), None, EventRef(3)),
    )
    r = run(rules, tickets=tickets, deliveries=deliveries)
    assert item(r, "一").score == 4
    late = item(r, "二")
    assert (late.lines[0].count, late.score) == (D(14), D("7.2"))


def test_award_is_capped_and_never_exceeds_max() -> None:
    # award 1 per occurrence of 建议 cap 2: five suggestions → 5 capped at 2 (rule cap);
    # the item starts at its max 2, so +2 would reach 4: a max line takes back 2.
    rules = """
    kind 建议
    kind 迟到
    scorecard 卡 per 月度 {
      item 一 max 2 { award 1 per occurrence of 建议 cap 2  deduct 1 per occurrence of 迟到 }
      item 二 max 98 { }
    }
    """
    r = run(rules, occurrences=tuple(occ("建议", n) for n in range(1, 6)))
    one = item(r, "一")
    assert one.score == 2
    assert [(ln.kind, ln.points) for ln in one.lines] == [
        ("count", D(2)),
        ("count", D(0)),
        ("adjust", D(-2)),
    ]
    assert "capped at 2" in one.lines[0].rule


def test_no_floor_is_the_only_way_below_zero() -> None:
    # 12 lateness × 1 against max 10: 扣完为止 stops at 0; 扣分不设下限 goes to −2.
    rules = """
    kind 迟到
    scorecard 卡 per 月度 {
      item 扣完为止 max 10 { deduct 1 per occurrence of 迟到 }
      item 不设下限 max 10 no floor { deduct 1 per occurrence of 迟到 }
      item 其余 max 80 { }
    }
    """
    r = run(rules, occurrences=(occ("迟到", 1, count="12"),))
    assert item(r, "扣完为止").score == 0
    assert item(r, "不设下限").score == -2


def test_judged_amount_outside_its_range_names_the_event_line() -> None:
    rules = """
    kind 安全运行事件
    scorecard 卡 per 月度 {
      item 安全 max 20 no floor { deduct judged [5, 20] per occurrence of 安全运行事件 }
      item 其余 max 80 { }
    }
    """
    with pytest.raises(RuleError) as err:
        run(rules, occurrences=(occ("安全运行事件", 7, points="25"),))
    (d,) = err.value.diagnostics
    assert (d.path, d.line, d.code) == ("events.jsonl", 7, "SLR951")
    assert "[5, 20]" in d.message


def test_judged_amount_without_points_is_missing_not_guessed() -> None:
    rules = """
    kind 安全运行事件
    scorecard 卡 per 月度 {
      item 安全 max 20 no floor { deduct judged [5, 20] per occurrence of 安全运行事件 }
      item 其余 max 80 { }
    }
    """
    r = run(rules, occurrences=(occ("安全运行事件", 7, points="8"), occ("安全运行事件", 9)))
    assert item(r, "安全").score is None
    (p,) = r.periods
    assert not p.complete and any("line 9" in x for x in p.missing)


GRADED = """
scorecard 卡 per 月度 {
  item 技术支持服务 max 25 { judged step 1 { 优秀: [20, 25]  一般: [10, 19]  较差: [0, 9] } }
  item 培训 max 10 default 8 { judged }
  item 其余 max 65 { }
}
"""


def test_latest_judgement_wins_and_default_fills_a_gap() -> None:
    # Two judgements for 技术支持服务: 15 on the 10th, then 21 on the 20th → 21 (优秀).
    # 培训 has no judgement: default 8. Score 21 + 8 + 65 = 94.
    r = run(GRADED, judgements=(judged("技术支持服务", "15", 3, day=10),
                                judged("技术支持服务", "21", 4, day=20)))  # fmt: skip
    support = item(r, "技术支持服务")
    assert (support.score, support.lines[0].grade, support.lines[0].evidence) == (
        D(21),
        "优秀",
        ("line 4",),
    )
    assert item(r, "培训").score == 8 and "default 8" in item(r, "培训").lines[0].rule
    assert card(r, "卡").score == 94


@pytest.mark.parametrize(
    ("points", "problem"),
    [("19.5", "step 1"), ("26", "outside [0, 25]"), ("-1", "outside [0, 25]")],
)
def test_judgement_outside_the_grades_is_an_error(points: str, problem: str) -> None:
    with pytest.raises(RuleError) as err:
        run(GRADED, judgements=(judged("技术支持服务", points, 12),))
    (d,) = err.value.diagnostics
    assert (d.line, d.code) == (12, "SLR952") and problem in d.message


def test_judgement_for_a_named_scorecard_only() -> None:
    # Both scorecards have an item 培训; the judgement names 卡 (scorecard field), so 另一卡
    # keeps its default.
    rules = (
        GRADED
        + """
    scorecard 另一卡 per 月度 { item 培训 max 10 default 5 { judged }  item 其余 max 90 { } }
    """
    )
    r = run(rules, judgements=(judged("培训", "9", 3, scorecard="卡"),))
    assert item(r, "培训").score == 9
    assert item(r, "培训", "另一卡").score == 5


TABLE = (
    SLA
    + """
kind 故障单
scorecard 卡 per 月度 {
  item 年故障 max 6 {
    points by downtime(故障.restore), count(故障 tier 紧急) {
      优秀: [0h, 24h), [0, 10) -> 6
      一般: [24h, 36h], [0, 10) -> judged [2, 5]
    }
  }
  item 修复 max 4 { points by mttr(故障.restore) { [0h, 1h] -> 4  (1h, inf) -> 0 } }
  item 其余 max 90 { }
}
"""
)


def test_points_table_judged_row_needs_a_judgement_in_its_range() -> None:
    # downtime: 3/2 09:00-21:00 and 3/2 15:00-3/3 03:00 overlap → 18 h, plus 3/5 01:00-13:00
    # 12 h → 30 h: row 一般 → the judgement 6 is outside [2, 5] → error at its line.
    tickets = (
        ticket("A", "紧急", target("restore", MET, hours=((2, 9, 2, 21),))),
        ticket("B", "紧急", target("restore", MET, hours=((2, 15, 3, 3),))),
        ticket("C", "一般", target("restore", MET, hours=((5, 1, 5, 13),))),
    )
    with pytest.raises(RuleError) as err:
        run_unchecked(TABLE, tickets=tickets, judgements=(judged("年故障", "6", 30),))
    assert [(d.line, d.code) for d in err.value.diagnostics] == [(30, "SLR953")]
    r = run_unchecked(TABLE, tickets=tickets, judgements=(judged("年故障", "3", 30),))
    outages = item(r, "年故障")
    assert outages.score == 3
    assert "downtime(故障.restore) = PT30H" in outages.lines[0].rule
    assert "count(故障 tier 紧急) = 2" in outages.lines[0].rule
    # mttr: (12 h + 12 h + 12 h) / 3 = 12 h > 1 h → 0.
    assert item(r, "修复").score == 0


def test_points_table_without_a_covering_row_is_a_rule_error() -> None:
    # check refuses this table (SLR306, the gap at count ≥ 10); the engine must still stop
    # cleanly on it. Eleven 紧急 tickets: count 11 is in no row's [0, 10) → SLR961 at the table.
    tickets = tuple(ticket(f"T{n}", "紧急", target("restore", NOT_APPLICABLE)) for n in range(11))
    with pytest.raises(RuleError) as err:
        run_unchecked(TABLE, tickets=tickets)
    (d,) = err.value.diagnostics
    assert d.code == "SLR961" and d.line > 0 and "count(故障 tier 紧急) = 11" in d.message


ASSESSED = """
kind 失联
scorecard 总队 per 月度 assessed by 甲 60%, 乙 40% {
  item 驻点 max 10 { deduct 1 per occurrence of 失联 }
  item 其余 max 90 { }
}
scorecard 监理 per 月度 {
  item 驻点 max 10 { deduct 1 per occurrence of 失联 }
  item 其余 max 90 { }
}
"""


def test_sheets_see_their_own_and_untagged_evidence() -> None:
    # 失联 ×1 untagged (every sheet and the unassessed 监理), ×2 tagged 甲 (甲's sheet only),
    # ×4 tagged 丙 (no scorecard declares 丙: it counts as untagged, in every sheet).
    # 甲: 10 − 1 − 2 − 4 = 3 → 93; 乙: 10 − 1 − 4 = 5 → 95; 总队 = 60% × 93 + 40% × 95 = 93.8.
    # 监理 sees the untagged and 丙's: 10 − 5 = 5 → 95 (甲's evidence is 甲's only).
    occurrences = (
        occ("失联", 1),
        occ("失联", 2, count="2", assessor="甲"),
        occ("失联", 3, count="4", assessor="丙"),
    )
    r = run(ASSESSED, occurrences=occurrences)
    sheets = card(r, "总队").sheets
    assert sheets is not None
    assert [(s.assessor, s.weight, s.score) for s in sheets] == [
        ("甲", D(60), D(93)),
        ("乙", D(40), D(95)),
    ]
    assert card(r, "总队").score == D("93.8")
    assert card(r, "监理").score == 95


def test_given_sheet_score_and_given_scorecard_score() -> None:
    # 甲 gives its sheet 80 directly; 乙 is computed (100). 总队 = 0.6 × 80 + 0.4 × 100 = 88.
    # A score event without an assessor gives the whole 监理 scorecard: 70.
    scores = (
        GivenScore("总队", D(80), t(30), "甲", EventRef(5)),
        GivenScore("监理", D(70), t(30), None, EventRef(6)),
    )
    r = run(ASSESSED, scores=scores)
    sheets = card(r, "总队").sheets
    assert sheets is not None and sheets[0].given is not None
    assert card(r, "总队").score == 88
    assert card(r, "监理").score == 70 and card(r, "监理").given is not None


def test_given_score_above_the_maximum_is_an_error() -> None:
    with pytest.raises(RuleError) as err:
        run(ASSESSED, scores=(GivenScore("监理", D(101), t(30), None, EventRef(9)),))
    assert [(d.line, d.code) for d in err.value.diagnostics] == [(9, "SLR954")]


def test_supersession_needs_the_same_ticket_and_period() -> None:
    # 故障 on ticket T1 is superseded by 安全 on T1 in March; 故障 on T2 is not (安全 is on
    # T1); a 故障 on T3 in March and 安全 on T3 in April: different periods → not superseded.
    rules = """
    kind 故障 superseded by 安全
    kind 安全
    scorecard 卡 per 月度 {
      item 稳定 max 15 no floor { deduct 5 per occurrence of 故障 }
      item 其余 max 85 { }
    }
    """
    april = Occurrence("安全", datetime(2026, 4, 2, tzinfo=SH), D(1), None, "T3", None,
                       EventRef(5))  # fmt: skip
    occurrences = (
        occ("故障", 1, ticket="T1"),
        occ("安全", 2, ticket="T1"),
        occ("故障", 3, ticket="T2"),
        occ("故障", 4, ticket="T3"),
        april,
    )
    r = run(rules, occurrences=occurrences)
    line = item(r, "稳定").lines[0]
    assert line.count == 2
    assert line.superseded == ("line 1 (ticket T1) superseded by 安全 line 2",)


def test_a_long_list_of_occurrences_is_cited_as_the_report_reads_it() -> None:
    # 20 故障 on T1 … T20 (lines 1 … 20, 2 points each) and 安全 on T1 and T2 (lines 21, 22):
    # 故障 on T1 and T2 is superseded, the other 18 count, 5 points each (the item has no
    # floor): 90. From 16 texts on, the lists are made as they are read (``OccurrenceTexts``,
    # docs/performance.md *Step E*); in the language scored in, whatever the reader's.
    rules = """
    kind 故障 superseded by 安全
    kind 安全
    scorecard 卡 per 月度 {
      item 稳定 max 15 no floor { deduct 5 per occurrence of 故障 }
      item 其余 max 85 { }
    }
    """
    faults = [occ("故障", n, points="2", ticket=f"T{n}") for n in range(1, 21)]
    safety = [occ("安全", 20 + n, ticket=f"T{n}") for n in (1, 2)]
    with use_language("zh"):
        r = run(rules, occurrences=(*faults, *safety))
    line = item(r, "稳定").lines[0]
    assert line.count == 18 and line.points == -90
    assert type(line.evidence) is OccurrenceTexts and len(line.evidence) == 18
    expected = tuple(f"line {n}：2 分（工单 T{n}）" for n in range(3, 21))
    assert line.evidence == expected and tuple(line.evidence) == expected
    assert line.evidence[0] == expected[0] and line.evidence[-2:] == expected[-2:]
    assert line.superseded == (
        "line 1：2 分（工单 T1） 被 安全 line 21 取代",
        "line 2：2 分（工单 T2） 被 安全 line 22 取代",
    )


FORCED = """
kind 弱口令事件
scorecard 卡 per 月度 {
  item 日常运维 max 25 default 22 {
    judged step 1 { 优秀: [21, 25]  一般: [16, 20]  较差: [0, 15] when occurrence of 弱口令事件 }
  }
  item 开区间 max 25 {
    judged step 0.5 { 好: [10, 25]  差: [0, 10) when occurrence of 弱口令事件 }
  }
  item 其余 max 50 { }
}
"""


def test_a_forced_grade_lowers_a_judgement_or_default_to_its_top() -> None:
    # With a 弱口令事件 (line 2) in March: 日常运维 has no judgement, so its default 22 (优秀)
    # is lowered to 15, the top of the forced 较差; 开区间 judged 18 is lowered to one step
    # (0.5) under the open bound of 差 [0, 10): 9.5. Score 15 + 9.5 + 50 = 74.5.
    weak = (occ("弱口令事件", 2),)
    r = run(FORCED, occurrences=weak, judgements=(judged("开区间", "18", 3),))
    daily, open_top = item(r, "日常运维"), item(r, "开区间")
    assert (daily.score, daily.lines[0].grade) == (D(15), "较差")
    assert daily.lines[0].evidence == (
        "default 22 lowered to 15",
        "较差 forced by 弱口令事件 line 2",
    )
    assert (open_top.score, open_top.lines[0].grade) == (D("9.5"), "差")
    assert card(r, "卡").score == D("74.5")
    # Without the occurrence the default and the judgement stand: 22 + 18 + 50 = 90.
    assert card(run(FORCED, judgements=(judged("开区间", "18", 3),)), "卡").score == 90
