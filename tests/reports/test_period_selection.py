"""``--period``/``period=`` filters the report: the periods that lie within the selection,
and the tickets that belong to it; a selection with no period within it (a month inside a
yearly cycle, a year after the term) is a usage error that lists what to give instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import slarules
from slarules.cli import main

# A contract scored per service year (one year from 2024-07-01, "for 1") and per month.
RULES_TEXT = """
ruleset "periods" { timezone "Asia/Shanghai" }
param start: date = 2024-07-01
calendar 全天 { hours "24x7" days none }
period 服务年 = cycle 12 months from start for 1
period 月度 = month
sla 故障 {
  calendar 全天
  metric resolve from opened to resolved
  tier 一般 { resolve 4小时 }
}
scorecard 年度考核 per 服务年 {
  item 解决 max 100 { deduct 5 per breach of 故障 }
}
"""
YEARLY = slarules.loads(RULES_TEXT, "periods.sla")
MONTHLY = slarules.loads(RULES_TEXT.replace("per 服务年", "per 月度"), "monthly.sla")


def ticket(
    name: str, opened: str, resolved: str | None, closed: str | None
) -> list[dict[str, str]]:
    events = [{"at": opened, "type": "opened", "ticket": name, "sla": "故障", "tier": "一般"}]
    if resolved is not None:
        events.append({"at": resolved, "type": "resolved", "ticket": name})
    if closed is not None:
        events.append({"at": closed, "type": "closed", "ticket": name})
    return events


# A: opened and closed in August. B: opened 08-31, closed in September (open in both).
# C: opened in September, never closed (open from September on). D: October.
EVENTS = sorted(
    [
        *ticket("A", "2024-08-05T10:00:00+08:00", "2024-08-05T11:00:00+08:00",
                "2024-08-06T10:00:00+08:00"),
        *ticket("B", "2024-08-31T20:00:00+08:00", "2024-09-01T02:00:00+08:00",
                "2024-09-02T10:00:00+08:00"),
        *ticket("C", "2024-09-10T10:00:00+08:00", None, None),
        *ticket("D", "2024-10-08T10:00:00+08:00", "2024-10-08T12:00:00+08:00",
                "2024-10-09T10:00:00+08:00"),
    ],
    key=lambda e: e["at"],
)  # fmt: skip
AS_OF = "2024-12-31T00:00:00+08:00"


def test_a_month_reports_its_period_and_the_tickets_open_in_it() -> None:
    report = MONTHLY.replay(EVENTS, as_of=AS_OF, period="2024-09")
    assert [p.label for p in report.periods] == ["2024-09"]
    # B was open on 09-01 (closed 09-02); C opened 09-10 and is still open; A closed in
    # August and D opened in October are not September's.
    assert [t.ticket for t in report.tickets] == ["B", "C"]
    # The list of tickets is a view; the scores are unchanged by it: a breach counts in
    # the period containing the ticket's opening (docs/language.md §5). B (opened 08-31
    # 20:00, resolved after 6h > 4h) is August's breach; C (opened 09-10, unresolved past
    # 14:00) is September's: 100 - 5 = 95.
    assert report.periods[0].scorecards[0].score == 95


def test_a_quarter_reports_the_months_within_it() -> None:
    report = MONTHLY.replay(EVENTS, as_of=AS_OF, period="2024-Q3")
    assert [p.label for p in report.periods] == ["2024-07", "2024-08", "2024-09"]
    assert [t.ticket for t in report.tickets] == ["A", "B", "C"]


def test_a_month_inside_a_yearly_cycle_is_an_error_naming_the_cycle() -> None:
    with pytest.raises(slarules.UsageError) as info:
        YEARLY.replay(EVENTS, as_of=AS_OF, period="2024-09")
    assert str(info.value) == (
        "period 2024-09: this contract scores per 服务年, and no such period lies within "
        "2024-09; a period is reported whole, never cut: give 服务年:1 (2024-07-01 – 2025-06-30)"
    )


def test_the_whole_cycle_reports_every_ticket_of_it() -> None:
    report = YEARLY.replay(EVENTS, as_of=AS_OF, period="服务年:1")
    assert [p.label for p in report.periods] == ["服务年:1"]
    assert [t.ticket for t in report.tickets] == ["A", "B", "C", "D"]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026", "period 2026 is outside the contract's cycles (服务年 runs 2024-07-01 – "
                 "2025-06-30); give 服务年:1"),
        ("2023-12", "period 2023-12 is outside the contract's cycles"),
        ("服务年:2", "the term of 服务年 has 1 cycle; 服务年:2 is outside the contract"),
        ("季度:1", "季度 is not a declared cycle (declared: 服务年)"),
        ("last-month", "use 2026, 2026-Q1, 2026-03, cycle:N or NAME:N (this rule file's "
                       "cycles: 服务年)"),
    ],
)  # fmt: skip
def test_an_unknown_or_out_of_term_period_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str, message: str
) -> None:
    rules = tmp_path / "periods.sla"
    rules.write_text(RULES_TEXT, encoding="utf-8")
    events = tmp_path / "events.jsonl"
    lines = [json.dumps(e, ensure_ascii=False) + "\n" for e in EVENTS]
    events.write_text("".join(lines), encoding="utf-8")
    code = main(["replay", str(rules), str(events), "--as-of", AS_OF, "--period", period])
    assert code == 2
    assert message in capsys.readouterr().err
