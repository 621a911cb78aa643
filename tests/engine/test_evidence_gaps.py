"""Constructs added after writing the reference rulesets, outside payments: durations in
conditions (``mttr``/``downtime``), pauses limited to tiers, evidence that names its period,
``for N consecutive periods`` over a finer score, and a scorecard's ``max``. Expected numbers
are worked out by hand in the comments."""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules
from slarules.errors import RuleError
from slarules.report.text import render_report_text

RULES = """
ruleset "gaps" { timezone "Asia/Shanghai" }
param contract_total: money = 1200元
param limit: duration = 2h
param start: date = 2026-01-01
calendar 全天 { hours "24x7" days none }
period 季度 = cycle 3 months from start
period 年度 = cycle 12 months from start
period 月 = month
kind 事故
deliverable 年报
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  pause restore in tier 一般
  tier 紧急 { respond 10m  restore 4h }
  tier 一般 { respond 30m  restore 8h }
}
scorecard 季考 per 季度 { item 分 max 100 { judged } }
scorecard 年考 per 年度 {
  item 报告 max 40 { deduct 10 per late delivery of 年报 }
  item 事故 max 60 { deduct 6 per occurrence of 事故 }
}
scorecard 满意度 per 月 max 10 { }
payment per 年度 {
  base contract_total
  flag 修复慢 when mttr(故障.restore) >= 1h
  flag 停机长 when downtime(故障.restore) > limit
  flag 连续两季不合格 when 季考 < 60 for 2 consecutive periods
}
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": f"2026-{at}:00+08:00", "type": type_, **fields}


def report(events: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(slarules.loads(RULES).replay(events, **options).to_json())
    return data


def period(data: dict[str, Any], label: str) -> dict[str, Any]:
    found = [p for p in data["periods"] if p["period"] == label]
    assert found, [p["period"] for p in data["periods"]]
    return found[0]


def target(data: dict[str, Any], ticket: str, metric: str) -> dict[str, Any]:
    t = next(t for t in data["tickets"] if t["ticket"] == ticket)
    found: dict[str, Any] = next(x for x in t["targets"] if x["metric"] == metric)
    return found


def quarter_grades(*points: str) -> list[dict[str, Any]]:
    """Judgements of the four quarters of 2026 (given on their last days)."""
    days = ("03-31T12:00", "06-30T12:00", "09-30T12:00", "12-31T12:00")
    return [ev(day, "judgement", item="分", points=p) for day, p in zip(days, points, strict=True)]


def payment_flags(data: dict[str, Any]) -> list[str]:
    return sorted(f["name"] for f in period(data, "年度:1")["payment"]["flags"])


def fault(tid: str, tier: str, opened: str, restored: str, *steps: tuple[str, str]) -> list[Any]:
    events = [ev(opened, "opened", ticket=tid, sla="故障", tier=tier)]
    events += [ev(at, kind, ticket=tid) for at, kind in steps]
    return [*events, ev(restored, "restored", ticket=tid)]


# ---- 5. durations --------------------------------------------------------------------------


def test_mttr_and_downtime_compare_with_durations() -> None:
    # Restores of 30 min and 1 h 40 → mttr 65 min ≥ 1h → 修复慢; downtime 2 h 10 > limit 2h →
    # 停机长. With the second at 1 h 20: mttr 55 min, downtime 1 h 50 → neither.
    def flags(second: str) -> list[str]:
        events = [
            *fault("A", "紧急", "02-02T09:00", "02-02T09:30"),
            *fault("B", "紧急", "05-04T09:00", second),
            *quarter_grades("90", "90", "90", "90"),
        ]
        return payment_flags(report(events))

    assert flags("05-04T10:40") == sorted(["停机长", "修复慢"])
    assert flags("05-04T10:20") == []


def test_a_duration_term_reads_as_iso_8601_in_the_basis() -> None:
    # One restore of 1 h 30 → "mttr(故障.restore) = PT1H30M".
    events = [*fault("A", "紧急", "02-02T09:00", "02-02T10:30"), *quarter_grades(*["90"] * 4)]
    flags = period(report(events), "年度:1")["payment"]["flags"]
    basis = next(f["basis"] for f in flags if f["name"] == "修复慢")
    assert basis == "mttr(故障.restore) >= 1h: mttr(故障.restore) = PT1H30M"


# ---- 6. pause limited to tiers ---------------------------------------------------------------


def test_a_pause_holds_only_the_listed_tier() -> None:
    # `pause restore in tier 一般`: 一般 opened 10:00, paused 11:00–13:00, restored 17:00 →
    # 5 h counted, deadline 10:00 + 8 h + 2 h = 20:00. 紧急 with the same events: 7 h
    # counted, deadline 14:00 → breached. The respond clock is never paused.
    steps = (("10:05", "responded"), ("11:00", "paused"), ("13:00", "resumed"))
    general = fault(
        "G", "一般", "03-02T10:00", "03-02T17:00", *(("03-02T" + t, k) for t, k in steps)
    )
    urgent = fault(
        "U", "紧急", "03-03T10:00", "03-03T17:00", *(("03-03T" + t, k) for t, k in steps)
    )
    data = report([*general, *urgent])
    g, u = target(data, "G", "restore"), target(data, "U", "restore")
    assert (g["status"], g["elapsed"], g["deadline"]) == (
        "met",
        "PT5H",
        "2026-03-02T20:00:00+08:00",
    )
    assert (u["status"], u["elapsed"], u["deadline"]) == (
        "breached",
        "PT7H",
        "2026-03-03T14:00:00+08:00",
    )


def test_a_retier_during_a_pause_releases_the_clock() -> None:
    # 一般 opened 10:00, paused 11:00, upgraded to 紧急 12:00 (the pause stops holding),
    # resumed 13:00, restored 14:30 → held 11:00–12:00 only: 3 h 30 counted against 紧急's
    # 4 h, deadline 10:00 + 4 h + 1 h = 15:00 → met.
    events = fault(
        "T",
        "一般",
        "03-02T10:00",
        "03-02T14:30",
        ("03-02T10:05", "responded"),
        ("03-02T11:00", "paused"),
        ("03-02T13:00", "resumed"),
    )
    events.insert(3, ev("03-02T12:00", "retiered", ticket="T", tier="紧急"))
    t = target(report(events), "T", "restore")
    assert (t["status"], t["elapsed"], t["deadline"]) == (
        "met",
        "PT3H30M",
        "2026-03-02T15:00:00+08:00",
    )


# ---- 7. evidence that names its period --------------------------------------------------------


def test_a_judgement_counts_in_the_period_it_names() -> None:
    # The first quarter (Jan–Mar) is graded on 2 Apr with "period": "季度:1" → 季度:1 scores
    # 80; 季度:2 has no judgement (incomplete). The report covers 季度:1 although the log
    # starts in April.
    events = [
        ev("04-02T10:00", "judgement", item="分", points="80", period="季度:1"),
        ev("04-03T10:00", "occurrence", kind="事故"),
    ]
    data = report(events)
    assert period(data, "季度:1")["scorecards"][0]["score"] == "80"
    assert period(data, "季度:2")["complete"] is False


def test_a_due_after_the_year_counts_in_the_year_it_names() -> None:
    # 年报 due 8 Jan 2027 for 年度:1 and delivered 10 Jan → late → 报告 40 − 10 = 30 in
    # 年度:1; without the period it counts in 年度:2 and 年度:1 keeps 40.
    def year_score(**due: str) -> str:
        events = [
            *quarter_grades("90", "90", "90", "90"),
            {"at": "2027-01-08T00:00:00+08:00", "type": "due", "deliverable": "年报", **due},
            {"at": "2027-01-10T10:00:00+08:00", "type": "delivered", "deliverable": "年报"},
        ]
        cards = period(report(events), "年度:1")["scorecards"]
        return str(next(c for c in cards if c["name"] == "年考")["score"])

    assert year_score(period="年度:1") == "90"
    assert year_score() == "100"


def test_a_calendar_label_is_written_canonically() -> None:
    # "2026-3" names the month 2026-03 (a month period is declared): the score 7 given on
    # 2 Apr counts in March.
    events = [ev("04-02T10:00", "score", scorecard="满意度", score="7", period="2026-3")]
    data = report(events)
    assert period(data, "2026-03")["scorecards"][0]["score"] == "7"


@pytest.mark.parametrize(
    ("label", "code", "words"),
    [
        ("季节:1", "SLR914", "季节 is not a declared cycle"),
        ("2026-Q1", "SLR914", "declares no quarter period"),
        ("季度:0", "SLR915", "numbered from 1"),
        ("last quarter", "SLR915", "not understood"),
    ],
)
def test_an_unknown_period_label_is_an_error_naming_the_line(
    label: str, code: str, words: str, tmp_path: Any
) -> None:
    log = tmp_path / "events.jsonl"
    good = ev("04-01T10:00", "occurrence", kind="事故")
    bad = ev("04-02T10:00", "judgement", item="分", points="80", period=label)
    log.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in (good, bad)) + "\n")
    with pytest.raises(RuleError) as caught:
        slarules.loads(RULES).replay(str(log))
    problem = caught.value.diagnostics[0]
    assert (problem.line, problem.code) == (2, code)
    assert words in problem.message


def test_a_period_on_an_event_that_takes_none_is_refused() -> None:
    with pytest.raises(RuleError) as caught:
        slarules.loads(RULES).replay(
            [ev("04-02T10:00", "delivered", deliverable="年报", period="季度:1")]
        )
    assert caught.value.diagnostics[0].code == "SLR916"


# ---- 8. consecutive periods of a finer score ----------------------------------------------------


def test_two_consecutive_failing_quarters_flag_the_year() -> None:
    # 连续两个季度不合格 in the yearly payment: quarters 50, 55, 90, 90 → 季度:1 and 季度:2
    # below 60 → flag; 50, 90, 55, 90 → never two in a row → no flag.
    assert "连续两季不合格" in payment_flags(report(quarter_grades("50", "55", "90", "90")))
    assert "连续两季不合格" not in payment_flags(report(quarter_grades("50", "90", "55", "90")))


# ---- 9. a scorecard's max ------------------------------------------------------------------------


def test_an_item_less_scorecard_is_out_of_its_max() -> None:
    # 满意度 max 10: a given 7 reports as 7 / 10; 11 is above the maximum (SLR915).
    data = report([ev("03-31T10:00", "score", scorecard="满意度", score="7")])
    card = period(data, "2026-03")["scorecards"][0]
    assert (card["score"], card["max"]) == ("7", "10")
    with pytest.raises(RuleError) as caught:
        report([ev("03-31T10:00", "score", scorecard="满意度", score="11")])
    assert caught.value.diagnostics[0].code == "SLR915"


def test_an_item_less_scorecard_without_max_is_out_of_100() -> None:
    rules = RULES.replace("scorecard 满意度 per 月 max 10 { }", "scorecard 满意度 per 月 { }")
    data = json.loads(
        slarules.loads(rules)
        .replay([ev("03-31T10:00", "score", scorecard="满意度", score="92")])
        .to_json()
    )
    card = period(data, "2026-03")["scorecards"][0]
    assert (card["score"], card["max"]) == ("92", "100")
    text = render_report_text(
        slarules.loads(rules).replay([ev("03-31T10:00", "score", scorecard="满意度", score="92")])
    )
    assert "92 / 100" in text
