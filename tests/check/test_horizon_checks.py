"""SLR403 (a term plus its longest delay ends beyond the calendar's day data) and SLR404 (a
calendar that stops working): check/horizon.py. China's day data (``holidays``) covers
1950-2100; a replay that needs 2101 stops, so ``check`` must refuse what would need it.
Dates worked by hand from the fujian-slt-2024 text: "维护服务期一年" (a 12-month term from
``start``), "达到付款条件起15个工作日内，支付合同总金额的50.00%作为预付款"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse

ROOT = Path(__file__).resolve().parents[2]
SLT = (ROOT / "rulesets" / "fujian-slt-2024.sla").read_text(encoding="utf-8")
START = 'param start: date = 2024-07-01 cite "三、服务期限 维护服务期一年。"'
ADVANCE = "due 15 workdays after later of invoiced and start"


def _codes(text: str, code: str) -> list[tuple[int, str, str | None]]:
    found = check_ruleset(parse(text, "slt.sla"))
    return [(d.line, d.message, d.witness) for d in found if d.code == code]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_reference_file_is_clean_of_both() -> None:
    assert _codes(SLT, "SLR403") == [] and _codes(SLT, "SLR404") == []


def test_fuzz_seed_1499_a_milestone_that_needs_2104_is_refused_at_its_line() -> None:
    # start 2099-12-31: the 12-month term ends 2100-12-30. An invoice logged that day, +1000
    # workdays (about four years of ~250), is due in 2104: no China day data. The balance's
    # "15个工作日内" from that day reaches January 2101: also beyond. Both lines named.
    text = SLT.replace(START, "param start: date = 2099-12-31").replace(
        ADVANCE, "due 1000 workdays after invoiced"
    )
    found = _codes(text, "SLR403")
    lines = [line for line, _m, _w in found]
    assert lines == [_line_of(text, "milestone 预付款"), _line_of(text, "milestone 剩余服务费")]
    assert all(w == "2100-12-30" for _l, _m, w in found)
    assert "1000 workdays after invoiced" in found[0][1] and "2101" in found[0][1]
    with pytest.raises(slarules.RuleError) as refused:
        slarules.loads(text, "slt.sla")
    assert [d.code for d in refused.value.diagnostics].count("SLR403") == 2


def test_a_term_that_ends_in_2100_with_short_delays_is_accepted() -> None:
    # start 2099-12-01: the term ends 2100-11-30; 15 workdays from then ends in December
    # 2100 (at most 31 days even with holidays), inside the data. Clean of SLR403.
    text = SLT.replace(START, "param start: date = 2099-12-01")
    assert _codes(text, "SLR403") == []


def test_a_term_past_2100_is_refused_at_the_period() -> None:
    # start 2100-06-01: the term ends 2101-05-31, a year with no China day data: the period
    # itself is named (every delay from there would say the same).
    text = SLT.replace(START, "param start: date = 2100-06-01")
    found = _codes(text, "SLR403")
    assert [(line, w) for line, _m, w in found] == [(_line_of(text, "period 服务年"), "2101-05-31")]


def test_a_target_in_days_near_2100_is_refused_at_the_target() -> None:
    # A 60-day restore target on the China calendar: a ticket opened on the term's last day
    # (Tue 2100-11-30, start 2099-12-01) is due 60 days later, 29 January 2101 — a year with
    # no data: the target's line (the 4-hour targets of the file end inside 2100).
    text = SLT.replace(START, "param start: date = 2099-12-01").replace(
        "restore 4小时 cite", "restore 60日 cite"
    )
    found = _codes(text, "SLR403")
    assert [line for line, _m, _w in found] == [_line_of(text, "restore 60日")]
    assert "target restore 60日 of tier 紧急" in found[0][1]


RULES = """ruleset "r" {{ timezone "Asia/Shanghai" }}
calendar 办公 {{ hours "{hours}" days none{extra} }}
sla 故障 {{ calendar 办公 metric respond from opened to responded
  tier P1 {{ respond 4小时 }} }}
"""


def test_a_calendar_whose_extra_holidays_close_every_working_day_stops_working() -> None:
    # Saturdays only; every Saturday of 2199 and 2200 an extra holiday: the last working day
    # is Saturday 29 Dec 2198, more than a year before 2200-12-31.
    import datetime as dt

    day, saturdays = dt.date(2199, 1, 5), []
    while day.year <= 2200:
        saturdays.append(day.isoformat())
        day += dt.timedelta(days=7)
    extra = "\n  extra holidays " + ", ".join(saturdays)
    text = RULES.format(hours="sat 09:00-10:00", extra=extra)
    found = _codes(text, "SLR404")
    assert [(line, w) for line, _m, w in found] == [(2, "2198-12-29")]
    assert re.search(r"calendar 办公 has no working time after 2198-12-29", found[0][1])


def test_a_calendar_that_rests_for_less_than_a_year_is_accepted() -> None:
    # Every Saturday of 2200 closed but the first, 4 Jan 2200: the last working day lies less
    # than a year before 2200-12-31 — a long rest, not a calendar that stopped.
    import datetime as dt

    day, saturdays = dt.date(2200, 1, 11), []
    while day.year <= 2200:
        saturdays.append(day.isoformat())
        day += dt.timedelta(days=7)
    text = RULES.format(hours="sat 09:00-10:00", extra="\n  extra holidays " + ", ".join(saturdays))
    assert _codes(text, "SLR404") == []
    assert _codes(RULES.format(hours="mon-fri 09:00-17:00", extra=""), "SLR404") == []


def test_a_deliverable_due_after_an_event_is_refused_at_its_line() -> None:
    # A report due "10个工作日内" after an invoice: logged on the term's last day, Tue
    # 2100-11-30 (start 2099-12-01), 10 workdays end in mid-December 2100: inside. With
    # 30 workdays it ends in January 2101: the deliverable's line.
    base = SLT.replace(START, "param start: date = 2099-12-01")
    ok = base + "\ndeliverable 报告 due 10 workdays after invoiced\n"
    assert _codes(ok, "SLR403") == []
    late = base + "\ndeliverable 报告 due 30 workdays after invoiced\n"
    found = _codes(late, "SLR403")
    assert [line for line, _m, _w in found] == [_line_of(late, "deliverable 报告")]


def test_a_deliverable_with_nested_delays_is_refused_at_its_line() -> None:
    # "due 7 days after 1 months after invoiced", counted as the replay counts it: an invoice
    # on the term's last day, Tue 2100-11-30 (start 2099-12-01), + 1 month → Thu 2100-12-30,
    # + 7 days → 2101-01-06: no China day data. Before, nested delays were skipped.
    base = SLT.replace(START, "param start: date = 2099-12-01")
    late = base + "\ndeliverable 报告 due 7 days after 1 months after invoiced\n"
    found = _codes(late, "SLR403")
    assert [line for line, _m, _w in found] == [_line_of(late, "deliverable 报告")]
    assert "due 7 days after 1 months after invoiced" in found[0][1]
    # + 10 days → 2100-12-10, + 2 days → 2100-12-12: inside 2100, clean.
    ok = base + "\ndeliverable 报告 due 2 days after 10 days after invoiced\n"
    assert _codes(ok, "SLR403") == []


def test_a_bond_returned_long_after_the_term_is_refused_at_its_line() -> None:
    # guangxi: "维护期满并经最终验收合格后10个工作日内 … 并将履约保证金全额退回". Two 12-month
    # cycles from start 2098-12-01 end on 2100-11-30; the final 50% "10 workdays after
    # final_accepted" logged that day is due in December 2100, inside the data. The bond
    # made "returned due 1000 workdays after final_accepted" (about four years) needs 2104:
    # refused at the bond's line, and only there.
    guangxi = (ROOT / "rulesets" / "guangxi-gat-2024.sla").read_text(encoding="utf-8")
    text = guangxi.replace("date = 2024-09-02", "date = 2098-12-01").replace(
        "returned due 10 workdays after final_accepted",
        "returned due 1000 workdays after final_accepted",
    )
    found = _codes(text, "SLR403")
    assert [line for line, _m, _w in found] == [_line_of(text, "returned due 1000 workdays")]
    assert "the bond returned due 1000 workdays after final_accepted" in found[0][1]
    assert found[0][2] == "2100-11-30"
    short = text.replace("returned due 1000 workdays", "returned due 10 workdays")
    assert _codes(short, "SLR403") == []
