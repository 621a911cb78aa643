"""Scenario tests for rulesets/sichuan-sthjt-2025.sla: one clause each, exact scores and flags.

The service year is 2025-06-01 … 2026-05-31, in four service quarters (服务季度:1 = Jun–Aug
2025, …). Each quarter's 季度考核 and the year's 最终考核 use the 7.2运维质量考评表; the two
judged items get full marks (25 + 25) unless a scenario is about them. 其他 awards points
for suggestions ("没有提出。 0分"), so a quarter with no evidence at all scores 98.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import slarules

ROOT = Path(__file__).resolve().parents[2]

NAME = "sichuan-sthjt-2025"
Q1 = "服务季度:1"
QUARTER_ENDS = ("2025-08-29 16:00", "2025-11-28 16:00", "2026-02-27 16:00", "2026-05-29 16:00")


def grades(kit: Any, stamp: str, card: str, tech: str = "25", daily: str = "25") -> list[Any]:
    return [
        kit.ev(stamp, "judgement", item="技术支持服务", points=tech, scorecard=card),
        kit.ev(stamp, "judgement", item="日常运维工作质量", points=daily, scorecard=card),
    ]


def quarter(kit: Any, events: list[Any], label: str = Q1) -> tuple[dict[str, Any], Any]:
    report = kit.replay(NAME, [*events, *grades(kit, QUARTER_ENDS[0], "季度考核")])
    return report, kit.period(report, label)


def score(kit: Any, period: dict[str, Any], item: str | None = None, card: str = "季度考核") -> str:
    sheet = kit.card(period, card)
    return str(sheet["score"] if item is None else kit.item(sheet, item)["score"])


def fault(
    kit: Any, tid: str, opened: str, restored: str, responded: str | None = None, **kw: str
) -> list[Any]:
    """A fault, answered at ``responded`` (default: at once), restored, and its fault report
    sent at ``reported`` (default: when restored; pass reported="" for none)."""
    steps = [(responded or opened, "responded"), (restored, "restored")]
    reported = kw.get("reported", restored)
    if reported:
        steps.append((reported, "reported"))
    events: list[Any] = kit.ticket(tid, "故障", "故障", opened, *steps)
    return events


def test_late_response_costs_two(kit: Any) -> None:
    # "响应时间为30分钟"; "未及时响应 … 每次扣2分，扣完为止": 31 min → 服务响应 6 − 2 = 4;
    # quarter 98 − 2 = 96.
    events = fault(kit, "F", "2025-07-05 23:00", "2025-07-05 23:50", "2025-07-05 23:31")
    _, period = quarter(kit, events)
    assert score(kit, period, "服务响应") == "4"
    assert score(kit, period) == "96"


def test_restore_over_one_hour_costs_two(kit: Any) -> None:
    # "对故障的恢复时间不超过1小时"; "未在规定时限内解决故障 … 每次扣2分": 1 h 30 → 故障恢复 4.
    events = fault(kit, "F", "2025-07-05 23:00", "2025-07-06 00:30")
    _, period = quarter(kit, events)
    assert score(kit, period, "故障恢复") == "4"


def test_exactly_24_hours_of_downtime_is_not_excellent(kit: Any) -> None:
    # "优秀：年故障时间<24小时" — 24 h exactly is 一般 ("24小时<年故障时间<36小时", read as
    # [24h, 36h]), judged 2–5: judged 3 → 年故障 3; the restore breach costs 故障恢复 2 more.
    events = [
        *fault(kit, "F", "2025-07-01 08:00", "2025-07-02 08:00"),
        kit.ev("2025-08-29 16:00", "judgement", item="年故障", points="3", scorecard="季度考核"),
    ]
    _, period = quarter(kit, events)
    year_item = kit.item(kit.card(period, "季度考核"), "年故障")
    assert year_item["score"] == "3"
    assert year_item["lines"][0]["grade"] == "一般"
    assert "downtime(故障.restore) = PT24H" in year_item["lines"][0]["rule"]


def test_ten_short_faults_are_not_excellent(kit: Any) -> None:
    # "总故障数应该小于10次": ten 10-minute faults → 1 h 40 of downtime but 10 faults → 一般
    # ("10次≤总故障数≤15次"); judged 5 → 年故障 5.
    events = [
        ev
        for n in range(10)
        for ev in fault(kit, f"F{n}", f"2025-07-{n + 1:02d} 10:00", f"2025-07-{n + 1:02d} 10:10")
    ]
    events.append(
        kit.ev("2025-08-29 16:00", "judgement", item="年故障", points="5", scorecard="季度考核")
    )
    _, period = quarter(kit, events)
    assert score(kit, period, "年故障") == "5"


def test_over_36_hours_is_poor(kit: Any) -> None:
    # "较差：36小时<年故障时间" → judged 0–2: 36 h 01 of downtime, judged 1 → 年故障 1. The
    # judgement 3 (outside 较差's [0, 2]) would be refused.
    events = [
        *fault(kit, "F", "2025-07-01 08:00", "2025-07-02 20:01"),
        kit.ev("2025-08-29 16:00", "judgement", item="年故障", points="1", scorecard="季度考核"),
    ]
    _, period = quarter(kit, events)
    assert score(kit, period, "年故障") == "1"


def test_overlapping_faults_count_their_downtime_once(kit: Any) -> None:
    # "年故障时间" is the union of the faults' restore intervals: 10:00–20:00 and 15:00–02:00
    # overlap → 16 h, not 21 h → 优秀 (6 points) with 2 faults.
    events = [
        *fault(kit, "A", "2025-07-01 10:00", "2025-07-01 20:00"),
        *fault(kit, "B", "2025-07-01 15:00", "2025-07-02 02:00"),
    ]
    _, period = quarter(kit, events)
    item = kit.item(kit.card(period, "季度考核"), "年故障")
    assert item["score"] == "6"
    assert item["lines"][0]["grade"] == "优秀"
    assert "downtime(故障.restore) = PT16H, count(故障) = 2" in item["lines"][0]["rule"]


def test_two_suggestions_earn_one_point(kit: Any) -> None:
    # "1次≤提出次数<2次。 1分" read as [1, 3): two suggestions → 其他 1 (not 0).
    events = [
        kit.ev("2025-07-10 10:00", "occurrence", kind="合理化建议"),
        kit.ev("2025-08-10 10:00", "occurrence", kind="合理化建议"),
    ]
    _, period = quarter(kit, events)
    assert score(kit, period, "其他") == "1"


def test_a_late_report_costs_two_however_late(kit: Any) -> None:
    # "每次巡检报告在巡检后3个工作日内提交电子版 … 未按时提交每次扣2分": inspected Thursday
    # 10 Jul 2025; the three working days after it are Fri 11, Mon 14, Tue 15 → due 15 Jul
    # 24:00. Sent 21 Jul (5 days late) → 过程文档 10 − 2 = 8 (once, however late).
    events = [
        kit.ev("2025-07-10 15:00", "milestone", name="inspected"),
        kit.ev("2025-07-21 10:00", "delivered", deliverable="巡检报告"),
    ]
    _, period = quarter(kit, events)
    assert score(kit, period, "过程文档") == "8"


def test_the_inspection_report_counts_workdays_across_national_day(kit: Any) -> None:
    # "每次巡检报告在巡检后3个工作日内提交电子版": inspected Friday 26 Sep 2025. The 2025
    # schedule (国办发明电〔2024〕12号): 国庆节、中秋节 10月1日至8日放假调休，共8天；9月28日
    # （周日）、10月11日（周六）上班. Working days after 26 Sep: Sun 28 Sep (调休上班) is the
    # first, Mon 29 the second, Tue 30 the third → due 30 Sep 24:00. Sent Thursday 9 Oct
    # 10:00 → late → 10 − 2 = 8; sent 30 Sep 18:00 → on time → 10.
    def documents(delivered: str) -> str:
        events = [
            kit.ev("2025-09-26 15:00", "milestone", name="inspected"),
            kit.ev(delivered, "delivered", deliverable="巡检报告"),
            *grades(kit, QUARTER_ENDS[1], "季度考核"),
        ]
        return score(kit, kit.period(kit.replay(NAME, events), "服务季度:2"), "过程文档")

    assert documents("2025-10-09 10:00") == "8"
    assert documents("2025-09-30 18:00") == "10"


def test_each_inspection_has_its_own_report(kit: Any) -> None:
    # Two inspections (Thu 10 Jul → due Tue 15 Jul 24:00; Thu 17 Jul → due Tue 22 Jul
    # 24:00), one report sent 14 Jul: it fills the first (first in, first out); the second
    # is outstanding at the end of the quarter → one late report → 10 − 2 = 8.
    events = [
        kit.ev("2025-07-10 15:00", "milestone", name="inspected"),
        kit.ev("2025-07-14 10:00", "delivered", deliverable="巡检报告"),
        kit.ev("2025-07-17 15:00", "milestone", name="inspected"),
    ]
    _, period = quarter(kit, events)
    assert score(kit, period, "过程文档") == "8"


def test_the_half_year_report_is_due_a_week_after_the_half_year(kit: Any) -> None:
    # "运维期满半年后，一周内提供半年运维总结报告": the term starts 1 Jun 2025, so its first
    # half year ends with 30 Nov 2025; a week is 1-7 Dec; 7 Dec is a Sunday → due Monday
    # 8 Dec 24:00. Sent 8 Dec 20:00 → on time (Q3 过程文档 10); sent 9 Dec 09:00 → late
    # (10 − 2 = 8); never sent by the end of Q3 → outstanding, late (8).
    def documents(*delivered: str) -> str:
        events = [kit.ev(at, "delivered", deliverable="半年运维总结报告") for at in delivered]
        events += grades(kit, QUARTER_ENDS[2], "季度考核")
        return score(kit, kit.period(kit.replay(NAME, events), "服务季度:3"), "过程文档")

    assert documents("2025-12-08 20:00") == "10"
    assert documents("2025-12-09 09:00") == "8"
    assert documents() == "8"


def test_a_weak_password_forces_the_poor_grade(kit: Any) -> None:
    # 日常运维工作质量: "优秀 … 服务期间无弱口令事件发生。 21-25分", "一般 … 服务期间无弱口令
    # 事件发生。 16-20分", "较差 … 服务期间出现弱口令事件。 0-15分". A 弱口令事件 in Q1 and a
    # judgement of 23 (优秀) → forced to 较差, lowered to its top, 15: the quarter loses
    # 25 − 15 = 10 → 98 − 10 = 88. A judgement of 12 (already 较差) stands: 98 − 13 = 85.
    # Without the event, 23 stands: 98 − 2 = 96.
    weak = kit.ev("2025-07-20 10:00", "occurrence", kind="弱口令事件")

    def quarter_score(daily: str, *events: Any) -> tuple[str, str]:
        report = kit.replay(NAME, [*events, *grades(kit, QUARTER_ENDS[0], "季度考核", daily=daily)])
        period = kit.period(report, Q1)
        return score(kit, period, "日常运维工作质量"), score(kit, period)

    assert quarter_score("23", weak) == ("15", "88")
    assert quarter_score("12", weak) == ("12", "85")
    assert quarter_score("23") == ("23", "96")


def test_the_fault_report_period_moves_past_a_holiday(kit: Any) -> None:
    # "对于故障处理，2日内提供故障报告": restored Friday 3 Apr 2026; the second day, Sunday 5 Apr,
    # falls in 清明 (4–6 Apr) → the period ends Tuesday 7 Apr 24:00 → reported 7 Apr 16:00 is met.
    events = fault(kit, "F", "2026-04-03 10:00", "2026-04-03 10:30", reported="2026-04-07 16:00")
    report = kit.replay(NAME, events)
    target = kit.target(report, "F", "report")
    assert (target["deadline"], target["status"]) == ("2026-04-08T00:00:00+08:00", "met")


def test_the_final_score_weights_quarters_40_and_final_60(kit: Any) -> None:
    # "季度考核得分平均值*40%+最终考核得分*60%": quarters 98, 98, 98, 88 (Q4 技术支持 15) →
    # mean 95.5; final 88 (技术支持 15) → 95.5 × 40% + 88 × 60% = 38.2 + 52.8 = 91 ≥ 85 →
    # "采购方即可按照最终验收时间向中标方无息退还履约保函".
    events = [handover(kit), half_year_report(kit)]
    events += [ev for stamp in QUARTER_ENDS[:3] for ev in grades(kit, stamp, "季度考核")]
    events += grades(kit, QUARTER_ENDS[3], "季度考核", tech="15")
    events += grades(kit, "2026-05-29 17:00", "最终考核", tech="15")
    report = kit.replay(NAME, events)
    year = kit.period(report, "服务年:1")
    assert year["composite"]["最终得分"]["score"] == "91"
    assert kit.flags(year) == ["退还履约保函"]


def test_a_final_score_from_65_to_85_calls_for_rectification(kit: Any) -> None:
    # Quarters 98 each, final 73 (技术支持 10 and 日常运维 15: 25 lost; 其他 0): 98 × 40% +
    # 73 × 60% = 39.2 + 43.8 = 83 → "65分及以上、85分以下 … 及时整改 … 重新考评".
    events = [handover(kit), half_year_report(kit)]
    events += [ev for stamp in QUARTER_ENDS for ev in grades(kit, stamp, "季度考核")]
    events += grades(kit, "2026-05-29 17:00", "最终考核", tech="10", daily="15")
    year = kit.period(kit.replay(NAME, events), "服务年:1")
    assert year["composite"]["最终得分"]["score"] == "83"
    assert kit.flags(year) == ["整改后重新考评"]


def test_two_failing_quarters_in_a_row_bring_a_notice(kit: Any) -> None:
    # "考核得分65分以下的为不合格，连续两个季度考核不合格，采购方发整改通知书": Q1 and Q2 judged
    # 技术支持 5 and 日常运维 5 → 98 − 20 − 20 = 58 each → Q1 flag 季度考核不合格 only, Q2 both.
    events = grades(kit, QUARTER_ENDS[0], "季度考核", tech="5", daily="5")
    events += grades(kit, QUARTER_ENDS[1], "季度考核", tech="5", daily="5")
    report = kit.replay(NAME, events)
    assert kit.flags(kit.period(report, "服务季度:1")) == ["季度考核不合格"]
    assert kit.flags(kit.period(report, "服务季度:2")) == ["季度考核不合格", "整改通知书"]


def handover(kit: Any) -> Any:
    """The 工作交接, done on time (due 23 Jun 2025 24:00, the 15th 工作日 from 1 Jun)."""
    return kit.ev("2025-06-20 17:00", "delivered", deliverable="工作交接")


def half_year_report(kit: Any) -> Any:
    """The 半年运维总结报告, sent on time (due 8 Dec 2025 24:00)."""
    return kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告")


def year_grades(kit: Any) -> list[Any]:
    """Full marks for every quarter and for the final assessment, and the half-year report
    on time (a year's replay passes its due time)."""
    events = [ev for stamp in QUARTER_ENDS for ev in grades(kit, stamp, "季度考核")]
    return [half_year_report(kit), *events, *grades(kit, "2026-05-29 17:00", "最终考核")]


def test_mean_repair_time_over_an_hour_is_flagged(kit: Any) -> None:
    # "平均故障修复时间小于1小时": restores of 40 min and 1 h 30 → mean 65 min ≥ 1 h → flag
    # 平均故障修复时间未达要求; with the second at 1 h 10 the mean is 55 min → no flag.
    # Downtime 2 h 10 (< 24 h): no 年故障时间 flag either way.
    def year(second_restored: str) -> dict[str, Any]:
        events = [
            *fault(kit, "A", "2025-07-01 09:00", "2025-07-01 09:40"),
            *fault(kit, "B", "2025-10-01 09:00", second_restored),
            *year_grades(kit),
        ]
        return kit.period(kit.replay(NAME, events), "服务年:1")

    slow = year("2025-10-01 10:30")
    flag = next(f for f in slow["payment"]["flags"] if f["name"] == "平均故障修复时间未达要求")
    assert flag["basis"] == "mttr(故障.restore) >= 1h: mttr(故障.restore) = PT1H5M"
    assert "年故障时间未达要求" not in kit.flags(slow)
    assert "平均故障修复时间未达要求" not in kit.flags(year("2025-10-01 10:10"))


def test_a_year_with_24_hours_of_faults_is_flagged(kit: Any) -> None:
    # "年故障时间小于24小时": two faults of 12 h each → 24 h of downtime, not < 24 h → flag
    # 年故障时间未达要求 (and the mean repair time of 12 h → 平均故障修复时间未达要求).
    events = [
        *fault(kit, "A", "2025-07-01 08:00", "2025-07-01 20:00"),
        *fault(kit, "B", "2026-03-02 08:00", "2026-03-02 20:00"),
        *year_grades(kit),
        kit.ev("2026-05-29 17:00", "judgement", item="年故障", points="4", scorecard="最终考核"),
    ]
    year = kit.period(kit.replay(NAME, events), "服务年:1")
    assert {"年故障时间未达要求", "平均故障修复时间未达要求"} <= set(kit.flags(year))


def test_two_failing_quarters_in_a_row_are_reported_at_the_year(kit: Any) -> None:
    # "连续两个季度考核不合格": Q2 and Q3 at 58 (技术支持 5, 日常运维 5) → the year's payment
    # reports 年内连续两个季度不合格 (its quarters read per 服务季度, inside the 服务年); Q1 and
    # Q3 failing (not consecutive) → not reported.
    def year(failing: tuple[int, ...]) -> dict[str, Any]:
        events = []
        for n, stamp in enumerate(QUARTER_ENDS):
            low = n in failing
            events += grades(
                kit, stamp, "季度考核", tech="5" if low else "25", daily="5" if low else "25"
            )
        events += grades(kit, "2026-05-29 17:00", "最终考核")
        return kit.period(kit.replay(NAME, events), "服务年:1")

    assert "年内连续两个季度不合格" in kit.flags(year((1, 2)))
    assert "年内连续两个季度不合格" not in kit.flags(year((0, 2)))


def test_a_judgement_logged_after_the_quarter_names_it(kit: Any) -> None:
    # The purchaser grades 服务季度:1 (Jun–Aug) on 2 Sep: with "period": "服务季度:1" the
    # judgement counts there (技术支持服务 20 → 98 − 5 = 93), not in 服务季度:2.
    events = [
        kit.ev(
            "2025-09-02 16:00",
            "judgement",
            item="技术支持服务",
            points="20",
            scorecard="季度考核",
            period="服务季度:1",
        ),
        kit.ev(
            "2025-09-02 16:00",
            "judgement",
            item="日常运维工作质量",
            points="25",
            scorecard="季度考核",
            period="服务季度:1",
        ),
    ]
    report = kit.replay(NAME, events)
    assert score(kit, kit.period(report, Q1)) == "93"
    assert kit.period(report, "服务季度:2")["complete"] is False


def test_the_annual_report_due_after_the_year_counts_in_that_year(kit: Any) -> None:
    # "运维期满一年后，一周内提供年度运维总结报告": due 8 Jun 2026 24:00, after 服务年:1 ends; its
    # due event names 服务年:1, so delivering it on 10 Jun costs that year's 最终考核 过程文档
    # 10 − 2 = 8 ("未按时提交每次扣2分"). Without the period it would count in no 最终考核 of
    # the sample (服务年:2).
    events = [
        *year_grades(kit),
        kit.ev("2026-06-09 00:00", "due", deliverable="年度运维总结报告", period="服务年:1"),
        kit.ev("2026-06-10 11:00", "delivered", deliverable="年度运维总结报告"),
    ]
    year = kit.period(kit.replay(NAME, events), "服务年:1")
    assert score(kit, year, "过程文档", card="最终考核") == "8"
    events[-2] = kit.ev("2026-06-09 00:00", "due", deliverable="年度运维总结报告")
    year = kit.period(kit.replay(NAME, events), "服务年:1")
    assert score(kit, year, "过程文档", card="最终考核") == "10"


def test_the_service_year_so_far_reading_of_年故障(monkeypatch: Any) -> None:
    # docs/rulesets/sichuan-sthjt-2025.md, "年故障 in a quarter": the reading the file does NOT
    # take, written as two measures over the service year so far and replayed on the sample.
    # "年故障时间应该小于24小时，总故障数应该小于10次". Faults (none overlap, 7×24 calendar):
    # F1 50 min, F2 2 h 30 (Q1); F3 40 min, F4 27 h (10-11 08:00 → 10-12 11:00) (Q2);
    # F5 45 min (Q3); F6 30 min (Q4). Year so far: Q1 3 h 20, 2 faults; Q2 + 27 h 40 = 31 h,
    # 4; Q3 + 45 min = 31 h 45, 5; Q4 + 30 min = 32 h 15, 6.
    text = (ROOT / "rulesets" / f"{NAME}.sla").read_text(encoding="utf-8")
    text += (
        "measure 年故障时间 per 服务季度 rolling 12 months = downtime(故障.restore)\n"
        "measure 总故障数 per 服务季度 rolling 12 months = count(故障)\n"
    )
    monkeypatch.chdir(ROOT / "rulesets")
    report = slarules.loads(text).replay("samples/sichuan-sthjt-2025.events.jsonl")
    figures = [
        tuple(x.value for x in p.measures) for p in report.periods if p.label.startswith("服务季度")
    ]
    hour, minute = 3600, 60
    assert figures == [
        (3 * hour + 20 * minute, 2),
        (31 * hour, 4),
        (31 * hour + 45 * minute, 5),
        (32 * hour + 15 * minute, 6),
    ]
    # The file's own reading is untouched: the quarters keep 年故障 优秀 6 in Q3 and Q4.
    q3 = next(p for p in report.periods if p.label == "服务季度:3")
    [card] = [c for c in q3.scorecards if c.name == "季度考核"]
    assert str(card.score) == "88"
