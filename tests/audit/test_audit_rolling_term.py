"""Audit: a rolling window never reaches outside the contract's term (docs/language.md §9,
"A window that reaches before the term").

The rule, quoted from §9: "With `rolling N months`, a window whose months reach before the
first instance of the measure's period (a cycle's first day: the start of the contract)
covers **the term so far** … the report labels it `(rolling 12 months, term so far)`" — for
every body: lateness, rates, counts of breaches, of periods and of groups, and aggregates.
A month before the contract existed is no failure of the vendor and no pass either: it is
not in the window. Evidence after the term "counts in no period" (§2, "The contract's
term"), so it is in no window either.

The log (Asia/Shanghai, a 24x7 calendar, respond within 1h, restore within 4h) holds the
previous contract's tickets, the first months of this one, its last month, and tickets after
it. Every expected number below is worked out by hand from those events.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules.report.html import render_report_html
from slarules.report.summary import render_report_summary
from slarules.report.text import render_report_text
from slarules.report.xlsx import report_xlsx_bytes

RULES = """
ruleset "audit-rolling-term" { timezone "Asia/Shanghai" }
param start: date = 2025-03-01
calendar 全天 { hours "24x7" days none }
period 月度 = cycle 1 months from start for 12
period 自然月 = month
kind 巡检 cite "每月至少巡检一次"
sla 工单 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  tier 一般 { respond 1h  restore 4h }
}
measure 延误分 per 月度 rolling 12 months = lateness of 工单.respond in started hours {
  [1, inf) -> 1 each
}
measure 及时率 per 月度 rolling 12 months = percent of 工单.respond met if no tickets 100%
measure 违约数 per 月度 rolling 12 months = count of breaches of 工单
measure 违约工单 per 月度 rolling 12 months = count of breached tickets of 工单
measure 多单站点 per 月度 rolling 12 months = count of 工单 by site where count(工单) >= 2
measure 未巡检月数 per 月度 rolling 12 months = count of 自然月 where count(巡检) < 1
measure 故障时长 per 月度 rolling 12 months = downtime(工单.restore)
measure 工单数 per 月度 rolling 12 months = count(工单)
flag 违约过多 when 违约数 >= 3 cite "连续12个月内违约3次及以上"
flag 未巡检 when 未巡检月数 >= 3 cite "连续12个月内累计3个月未巡检"
"""

# The term: `cycle 1 months from start for 12` from 2025-03-01: 月度:1 is March 2025, 月度:12
# February 2026; the term ends 2026-03-01 00:00 (§2: "the contract then has only those
# cycles"). 自然月 is the calendar month; with start on the 1st, its months are the cycles'.


def _ticket(tid: str, site: str, opened: str, responded: str, restored: str) -> list[Any]:
    """Times are local (+08:00), ``YYYY-MM-DD HH:MM``."""

    def at(text: str) -> str:
        return text.replace(" ", "T") + ":00+08:00"

    return [
        {"at": at(opened), "type": "opened", "ticket": tid, "sla": "工单", "tier": "一般",
         "site": site},
        {"at": at(responded), "type": "responded", "ticket": tid},
        {"at": at(restored), "type": "restored", "ticket": tid},
    ]  # fmt: skip


def _inspection(day: str) -> dict[str, Any]:
    return {"at": f"{day}T10:00:00+08:00", "type": "occurrence", "kind": "巡检"}


EVENTS = [
    # Before the start (the previous contract):
    # P1: respond due 11:00, answered 13:00 (2h late: breached); restore due 14:00, restored
    #     20:00 (breached). Down 10:00–20:00, all before the term.
    *_ticket("P1", "A", "2025-02-10 10:00", "2025-02-10 13:00", "2025-02-10 20:00"),
    # P2: answered in 30 min (met); restored 03-01 04:00, 6h after opening (breached). Down
    #     02-28 22:00 – 03-01 04:00: 4h of it inside the term.
    *_ticket("P2", "A", "2025-02-28 22:00", "2025-02-28 22:30", "2025-03-01 04:00"),
    _inspection("2025-02-03"),
    # The first months:
    # T1: respond due 10:00, answered 11:30: 1h30m late → 2 started hours, breached;
    #     restored 12:00, 3h (met). Down 3h.
    *_ticket("T1", "A", "2025-03-05 09:00", "2025-03-05 11:30", "2025-03-05 12:00"),
    # T2: answered in 20 min (met); restored 15:00, 6h (breached). Down 6h.
    *_ticket("T2", "B", "2025-04-10 09:00", "2025-04-10 09:20", "2025-04-10 15:00"),
    # T3: answered in 30 min, restored in 1h: both met. Down 1h.
    *_ticket("T3", "A", "2025-04-20 09:00", "2025-04-20 09:30", "2025-04-20 10:00"),
    _inspection("2025-03-03"),
    _inspection("2025-04-03"),
    # The last month, February 2026:
    # T4: respond due 10:00, answered 10:30: 30 min late → 1 started hour, breached;
    #     restored 11:00, 2h (met). Down 2h.
    *_ticket("T4", "B", "2026-02-10 09:00", "2026-02-10 10:30", "2026-02-10 11:00"),
    # After the term: Q1 late on both targets, and an inspection. Neither is in any window.
    *_ticket("Q1", "B", "2026-03-05 09:00", "2026-03-05 12:00", "2026-03-05 19:00"),
    _inspection("2026-03-03"),
]

AS_OF = "2026-03-10T00:00:00+08:00"


def _replay(rules: str = RULES, events: list[Any] = EVENTS, as_of: str = AS_OF) -> Any:
    return slarules.loads(rules).replay(sorted(events, key=lambda e: e["at"]), as_of=as_of)


def _period(report: Any, label: str) -> Any:
    return next(p for p in report.periods if p.label == label)


def _measure(report: Any, name: str, label: str) -> Any:
    return next(x for x in _period(report, label).measures if x.name == name)


def _values(report: Any, label: str) -> dict[str, Any]:
    return {x.name: x.value for x in _period(report, label).measures}


def test_the_first_month_reads_only_the_term_so_far() -> None:
    # 月度:1: 12 months back from 2025-04-01 is 2024-04-01, before the start: the window is
    # 2025-03-01 – 2025-03-31, the term so far. Its only ticket is T1 (P1 and P2 were opened
    # under the previous contract).
    # - 延误分: T1 2 started hours × 1 = 2 (with P1: 2 more, 4);
    # - 及时率: T1 breached: 0 of 1 = 0% (with P1, P2: 1 of 3);
    # - 违约数: T1's respond = 1 (with P1's two and P2's restore: 4, and the flag
    #   "违约3次及以上" in the contract's first month, for the previous vendor's tickets);
    # - 违约工单: T1 = 1 (with P1, P2: 3);
    # - 多单站点: site A has T1 only: 0 (with P1, P2: A has 3 tickets, 1);
    # - 未巡检月数: 2025-03 has an inspection: 0 (with April 2024 – February 2025: 10
    #   months without one, and the flag raised before the vendor could inspect anything);
    # - 故障时长: T1 3h + P2's 4h after 03-01 00:00 = 7h: "a fault opened before the window
    #   counts for its part inside it" — the service was down while this contract ran;
    # - 工单数: T1 = 1 (with P1, P2: 3).
    report = _replay()
    assert _values(report, "月度:1") == {
        "延误分": Decimal(2),
        "及时率": Decimal(0),
        "违约数": Decimal(1),
        "违约工单": Decimal(1),
        "多单站点": Decimal(0),
        "未巡检月数": Decimal(0),
        "故障时长": Decimal(7 * 3600),
        "工单数": Decimal(1),
    }
    assert _period(report, "月度:1").flags == ()
    for x in _period(report, "月度:1").measures:
        assert x.window == "2025-03-01 – 2025-03-31 (rolling 12 months, term so far)", x.name
        assert x.term_so_far
    assert not any(
        "P1" in line or "P2" in line for line in _measure(report, "及时率", "月度:1").inputs
    )
    # The counted months are those of the term only: no 2024 month is listed.
    assert _measure(report, "未巡检月数", "月度:1").inputs == (
        "2025-03: count(巡检) = 1: does not count",
    )


def test_the_second_month() -> None:
    # 月度:2: the window is 2025-03-01 – 2025-04-30 (term so far): T1, T2, T3.
    # - 延误分: T1's 2 (T2, T3 answered in time) = 2;
    # - 及时率: T2, T3 met, T1 breached: 2 of 3;
    # - 违约数: T1 respond + T2 restore = 2; 违约工单: T1, T2 = 2;
    # - 多单站点: site A T1, T3 (2: counts), site B T2 (1) = 1;
    # - 未巡检月数: March and April both inspected = 0;
    # - 故障时长: P2 4h + T1 3h + T2 6h + T3 1h (no overlap) = 14h; 工单数 3.
    report = _replay()
    values = _values(report, "月度:2")
    rate = values.pop("及时率")  # 2/3 to the engine's precision: recount it from its input
    assert "2 met of 3 decided" in _measure(report, "及时率", "月度:2").inputs
    assert (rate * 3).quantize(Decimal("1e-20")) == 2
    assert values == {
        "延误分": Decimal(2),
        "违约数": Decimal(2),
        "违约工单": Decimal(2),
        "多单站点": Decimal(1),
        "未巡检月数": Decimal(0),
        "故障时长": Decimal(14 * 3600),
        "工单数": Decimal(3),
    }
    assert _measure(report, "工单数", "月度:2").window == (
        "2025-03-01 – 2025-04-30 (rolling 12 months, term so far)"
    )


def test_months_without_inspection_count_from_the_start_only() -> None:
    # "连续12个月内累计3个月未巡检": inspections in March and April 2025 only (within the term).
    # 月度:4 (June): the window is March – June: May and June failed = 2, no flag.
    # 月度:5 (July): May, June, July = 3 → the flag 未巡检. The months before the start are
    # in no window: without the term they would have given 10 failures in March already.
    report = _replay()
    assert _measure(report, "未巡检月数", "月度:4").value == Decimal(2)
    assert _period(report, "月度:4").flags == ()
    assert _measure(report, "未巡检月数", "月度:5").value == Decimal(3)
    assert [f.name for f in _period(report, "月度:5").flags] == ["未巡检"]


def test_the_last_month_ends_with_the_term() -> None:
    # 月度:12 (February 2026): 12 months back from 2026-03-01 is 2025-03-01, the start: the
    # window is the whole term, 2025-03-01 – 2026-02-28, and not "so far". Q1 and the
    # inspection of 2026-03-03 are after the term: in no window.
    # - 延误分: T1 2 + T4 1 = 3; 及时率: T2, T3 met, T1, T4 breached: 2 of 4 = 50%;
    # - 违约数: T1 respond, T2 restore, T4 respond = 3 → the flag 违约过多 (Q1's two
    #   breaches would make 5); 违约工单: T1, T2, T4 = 3;
    # - 多单站点: A (T1, T3) and B (T2, T4) = 2;
    # - 未巡检月数: 12 months, March and April 2025 inspected: 10;
    # - 故障时长: 4 + 3 + 6 + 1 + 2 = 16h (Q1's 10h are after the term); 工单数 4.
    report = _replay()
    assert _values(report, "月度:12") == {
        "延误分": Decimal(3),
        "及时率": Decimal("0.5"),
        "违约数": Decimal(3),
        "违约工单": Decimal(3),
        "多单站点": Decimal(2),
        "未巡检月数": Decimal(10),
        "故障时长": Decimal(16 * 3600),
        "工单数": Decimal(4),
    }
    assert [f.name for f in _period(report, "月度:12").flags] == ["违约过多", "未巡检"]
    for x in _period(report, "月度:12").measures:
        assert x.window == "2025-03-01 – 2026-02-28 (rolling 12 months)", x.name
        assert not x.term_so_far
    # Q1 and the late inspection are reported as outside the contract, not in a window.
    outside = [text for found in report.outside_term for text in found.evidence]
    assert any("ticket Q1 opened" in text for text in outside)
    assert not any("Q1" in line for x in _period(report, "月度:12").measures for line in x.inputs)


def test_a_term_cut_short_ends_the_last_window_with_it() -> None:
    # `through 2026-02-15`: 月度:12 is 2026-02-01 – 2026-02-15 (§2: "the last cycle cut short
    # there"). Its window ends 2026-02-16 00:00; 12 months back is 2025-02-16, before the
    # start: 2025-03-01 – 2026-02-15, the term so far. T5, opened 2026-02-20, is after the
    # term: 工单数 = T1, T2, T3, T4 = 4, and T5's breaches are not counted (违约数 3).
    # February 2026 is not a whole 自然月 inside the window: "instances of PERIOD inside the
    # window" — 未巡检月数 counts April 2025 – January 2026 minus April = 9 (March and April
    # inspected; May – January = 9 months).
    rules = RULES.replace("for 12", "through 2026-02-15")
    t5 = _ticket("T5", "B", "2026-02-20 09:00", "2026-02-20 12:00", "2026-02-20 19:00")
    report = _replay(rules, [*EVENTS, *t5])
    last = _period(report, "月度:12")
    assert (last.start.isoformat(), last.end.isoformat()) == (
        "2026-02-01T00:00:00+08:00",
        "2026-02-16T00:00:00+08:00",
    )
    assert _measure(report, "工单数", "月度:12").value == Decimal(4)
    assert _measure(report, "违约数", "月度:12").value == Decimal(3)
    assert _measure(report, "未巡检月数", "月度:12").value == Decimal(9)
    assert _measure(report, "工单数", "月度:12").window == (
        "2025-03-01 – 2026-02-15 (rolling 12 months, term so far)"
    )


def test_a_term_that_starts_mid_month() -> None:
    # start 2025-03-15: 月度:1 is 03-15 – 04-14, 月度:3 is 05-15 – 06-14 (§2: a cycle ends
    # the day before the corresponding date). The term starts in the middle of the log.
    # - 月度:1: window 2025-03-15 – 2025-04-14, the term so far: T1 (03-05) was opened before
    #   the start; only T2 (04-10) counts: 工单数 1. No 自然月 lies wholly inside the window
    #   ("instances of PERIOD inside the window"): March is cut by the start, so neither a
    #   failure nor a pass: 未巡检月数 0 with no month listed.
    # - 月度:3: window 2025-03-15 – 2025-06-14: T2, T3 = 2 tickets; 自然月 April (inspected
    #   04-03) and May (none) lie inside: 未巡检月数 1.
    report = _replay(RULES.replace("2025-03-01", "2025-03-15"))
    first = _measure(report, "未巡检月数", "月度:1")
    assert (first.value, first.inputs) == (Decimal(0), ())
    assert first.window == "2025-03-15 – 2025-04-14 (rolling 12 months, term so far)"
    assert _measure(report, "工单数", "月度:1").value == Decimal(1)
    assert _measure(report, "工单数", "月度:3").value == Decimal(2)
    third = _measure(report, "未巡检月数", "月度:3")
    assert third.value == Decimal(1)
    assert [line.split(":")[0].split(" (")[0] for line in third.inputs] == ["2025-04", "2025-05"]


def test_every_renderer_says_term_so_far() -> None:
    # The label is the window's, in the JSON, the text report, HTML and the summary line.
    report = _replay()
    data = report.to_dict()
    first = next(p for p in data["periods"] if p["period"] == "月度:1")
    assert {x["window"] for x in first["measures"]} == {
        "2025-03-01 – 2025-03-31 (rolling 12 months, term so far)"
    }
    label = "2025-03-01 – 2025-03-31 (rolling 12 months, term so far)"
    assert f"(window {label})" in render_report_text(report)
    assert label in render_report_html(report)
    pytest.importorskip("xlsxwriter")
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(report)))
    cells = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert label in cells
    summary = render_report_summary(report)
    assert "  月度:1: 延误分 2 (term so far); 及时率 0% (term so far);" in summary
    assert "  月度:12: 延误分 3; 及时率 50%;" in summary
    with slarules.i18n.use_language("zh"):
        zh = _replay()
    zh_first = _measure(zh, "工单数", "月度:1")
    assert zh_first.window == "2025-03-01 – 2025-03-31（滚动 12 months，服务期开始以来）"


# ---- cn-zwyw-2025: "连续12个月内累计3个月考核得分低于80分的，采购人有权解除合同" --------------

ZWYW = Path(__file__).resolve().parents[2] / "rulesets" / "cn-zwyw-2025.sla"


def _low_month(year_month: str) -> list[dict[str, Any]]:
    # 11 巡检缺失 in the month: "未按计划巡检的，每次扣2分" → 巡检 30 − 22 = 8. No ticket:
    # 工单处理时效 40, 响应及时率 100% ("if no tickets 100%") → 工单响应 30. 40 + 30 + 8 = 78 < 80.
    return [
        {"at": f"{year_month}-{day:02d}T16:00:00+08:00", "type": "occurrence", "kind": "巡检缺失"}
        for day in range(1, 12)
    ]


def test_cn_zwyw_three_low_months_within_twelve_terminate() -> None:
    # `period 月度 = month`: calendar months, which have no term (§2); the window is the 12
    # months ending with the assessed month, as the walkthrough says ("in the 12 months ending
    # with the assessed month … The months before the service began are evaluated like the
    # others and, having no evidence, score 100: they never count").
    # Low months (78): 2025-01, 2025-06, 2025-12.
    # - 2025-01: window 2024-02 – 2025-01: 2024 months score 100 and do not count; 1.
    # - 2025-12: window 2025-01 – 2025-12: 3 → 可解除合同.
    # - 2026-01: window 2025-02 – 2026-01: 2025-06, 2025-12 = 2 → no flag ("连续12个月内").
    events = [*_low_month("2025-01"), *_low_month("2025-06"), *_low_month("2025-12")]
    report = slarules.loads(ZWYW.read_text(encoding="utf-8")).replay(
        events, as_of="2026-01-31T18:00:00+08:00"
    )
    assert _period(report, "2025-01").scorecards[0].score == Decimal(78)
    january = _measure(report, "低分月数", "2025-01")
    assert january.value == Decimal(1)
    assert january.window == "2024-02-01 – 2025-01-31 (rolling 12 months)"
    assert not january.term_so_far
    assert len(january.inputs) == 12
    assert _measure(report, "低分月数", "2025-12").value == Decimal(3)
    assert [f.name for f in _period(report, "2025-12").flags] == ["可解除合同"]
    assert _measure(report, "低分月数", "2026-01").value == Decimal(2)
    assert _period(report, "2026-01").flags == ()


# ---- property: whatever the dates, a window counts exactly the term's tickets -------------

PROPERTY_RULES = """
ruleset "rolling-term-property" {{ timezone "Asia/Shanghai" }}
param start: date = {start}
calendar 全天 {{ hours "24x7" days none }}
period 月度 = cycle 1 months from start for {term}
sla 工单 {{ calendar 全天  metric respond from opened to responded  tier 一般 {{ respond 1h }} }}
measure 工单数 per 月度 rolling {months} months = count(工单)
"""


def _month_start(year: int, month: int, shift: int) -> date:
    index = year * 12 + month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


@settings(max_examples=25, deadline=None)
@given(
    first=st.tuples(st.integers(2024, 2026), st.integers(1, 12)),
    term=st.integers(1, 24),
    months=st.integers(1, 24),
    offsets=st.lists(st.integers(-18 * 31, 30 * 31), min_size=1, max_size=12),
)
def test_a_rolling_count_reads_the_tickets_opened_in_the_term_and_the_window(
    first: tuple[int, int], term: int, months: int, offsets: list[int]
) -> None:
    # Independent arithmetic: with the start on a 1st, 月度:k runs from the 1st of month k to
    # the 1st of month k + 1, and its window from max(start, end − N months) to its end
    # (language.md §9). A ticket opened at day offset d from the start counts in 月度:k's
    # window exactly when it was opened in it: before the start, never.
    months = min(months, term)  # SLR430: a window no longer than the term
    start = _month_start(*first, 0)
    rules = PROPERTY_RULES.format(start=start.isoformat(), term=term, months=months)
    # Each at 10:00 local; one on the first day, so that the report shows every cycle (it
    # starts with the first evidence), and as_of after the last event.
    opened = [start, *(start + timedelta(days=d) for d in offsets)]
    events = [
        {"at": f"{day.isoformat()}T10:00:00+08:00", "type": "opened", "ticket": f"X{i}",
         "sla": "工单", "tier": "一般"}
        for i, day in enumerate(opened)
    ]  # fmt: skip
    end_of_term = _month_start(*first, term)
    as_of = max(end_of_term, *opened) + timedelta(days=1)
    report = _replay(rules, events, f"{as_of.isoformat()}T00:00:00+08:00")
    for k in range(1, term + 1):
        end = _month_start(*first, k)
        begin = max(start, _month_start(*first, k - months))
        expected = sum(1 for day in opened if begin <= day < end)
        found = _measure(report, "工单数", f"月度:{k}")
        assert found.value == Decimal(expected), (k, begin, end)
        assert found.term_so_far == (k < months)
