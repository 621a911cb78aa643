"""Audit (E2): sichuan-sthjt-2025 over its whole service year — four 季度考核, the 最终考核,
the 最终得分 and the bond decision of 7.1 at its band edges (85.0 vs 84.9, 65.0 vs 64.9), two
consecutive failed quarters, and a deliverable whose working days cross the 2025 National Day
holiday and its 调休 Saturday.

The contract fixes no money (no amount, no payment schedule), so "the whole term's money" is
here the whole term's *score*, which decides the 履约保函 (7.1). Every expected number is worked
out by hand from the clause quoted beside it, never copied from slarules' output.

Baseline, by hand from 7.2运维质量考评表: a period with no evidence scores 服务响应 6 + 故障处理服务
18 (6 + 6 + 年故障 优秀 6: no fault, "<24小时" and "<10次") + 应急保障服务 14 + 过程文档 10 +
其他 0 ("没有提出。 0分") = 48, plus the two judged items 技术支持服务 (0–25) and
日常运维工作质量 (0–25). So score = 48 + tech + daily; with 25 + 25 that is 98.
"""

from __future__ import annotations

from typing import Any

NAME = "sichuan-sthjt-2025"
QUARTER_JUDGED = ("2025-08-29 16:00", "2025-11-28 16:00", "2026-02-27 16:00", "2026-05-29 16:00")
AS_OF = "2026-06-10 00:00"


def judge(kit: Any, stamp: str, card: str, tech: int, daily: int = 25) -> list[Any]:
    return [
        kit.ev(stamp, "judgement", item="技术支持服务", points=str(tech), scorecard=card),
        kit.ev(stamp, "judgement", item="日常运维工作质量", points=str(daily), scorecard=card),
    ]


def year(
    kit: Any, quarters: list[tuple[int, int]], final: tuple[int, int], extra: list[Any] = ()
) -> dict[str, Any]:
    """Replay a whole year: each quarter judged (tech, daily) at its end, the 最终考核 judged
    at the end of May 2026, the 工作交接 done in time (due 2025-06-23 24:00: "自运维服务期开始
    起15个工作日内") and the 半年运维总结报告 delivered in time (due 2025-12-08 24:00:
    "运维期满半年后，一周内"), so that neither costs anything."""
    events: list[Any] = [
        kit.ev("2025-06-20 17:00", "delivered", deliverable="工作交接"),
        kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告"),
        *extra,
    ]
    for stamp, (tech, daily) in zip(QUARTER_JUDGED, quarters, strict=True):
        events += judge(kit, stamp, "季度考核", tech, daily)
    events += judge(kit, "2026-05-29 17:00", "最终考核", *final)
    events.sort(key=lambda e: e["at"])
    report: dict[str, Any] = kit.replay(NAME, events, as_of=AS_OF)
    return report


def quarter_scores(kit: Any, report: dict[str, Any]) -> list[str]:
    periods = [kit.period(report, f"服务季度:{n}") for n in (1, 2, 3, 4)]
    return [str(kit.card(p, "季度考核")["score"]) for p in periods]


def final(kit: Any, report: dict[str, Any]) -> tuple[str, str, list[str]]:
    period = kit.period(report, "服务年:1")
    return (
        str(kit.card(period, "最终考核")["score"]),
        str(period["composite"]["最终得分"]["score"]),
        kit.flags(period),
    )


def test_final_score_of_exactly_85_returns_the_bond(kit: Any) -> None:
    # Every quarter and the year judged tech 12 ("一般 … 10-19分"), daily 25: 48 + 12 + 25 = 85.
    # "季度考核得分平均值*40%+最终考核得分*60%" = 85 × 40% + 85 × 60% = 34 + 51 = 85.0.
    # "考评分值达到85分及以上，采购方即可…退还履约保函": 85.0 is "及以上" → 退还履约保函 only.
    report = year(kit, [(12, 25)] * 4, (12, 25))
    assert quarter_scores(kit, report) == ["85", "85", "85", "85"]
    card, composite, flags = final(kit, report)
    assert card == "85"
    assert composite in ("85", "85.0")
    assert flags == ["退还履约保函"]


def test_final_score_of_84_9_does_not_return_the_bond(kit: Any) -> None:
    # Quarters 85, 85, 85 and 84 (tech 11): mean = 339 / 4 = 84.75; 最终考核 85.
    # 84.75 × 40% + 85 × 60% = 33.9 + 51 = 84.9 → "65分及以上、85分以下" → 整改后重新考评,
    # and not 退还履约保函.
    report = year(kit, [(12, 25), (12, 25), (12, 25), (11, 25)], (12, 25))
    assert quarter_scores(kit, report) == ["85", "85", "85", "84"]
    _, composite, flags = final(kit, report)
    assert composite == "84.9"
    assert flags == ["整改后重新考评"]


def test_final_score_of_exactly_65_is_not_a_failure(kit: Any) -> None:
    # tech 1 ("较差 … 0-9分"), daily 16 ("一般 … 16-20分"): 48 + 1 + 16 = 65 everywhere.
    # 65 × 40% + 65 × 60% = 65.0: "考评分值为65分及以上、85分以下" → 整改后重新考评; no quarter
    # is "65分以下" → no 季度考核不合格 and no 整改通知书.
    report = year(kit, [(1, 16)] * 4, (1, 16))
    assert quarter_scores(kit, report) == ["65", "65", "65", "65"]
    _, composite, flags = final(kit, report)
    assert composite in ("65", "65.0")
    assert flags == ["整改后重新考评"]
    for n in (1, 2, 3, 4):
        assert kit.flags(kit.period(report, f"服务季度:{n}")) == []


def test_final_score_of_64_9_fails_and_two_consecutive_failed_quarters_are_flagged(
    kit: Any,
) -> None:
    # Quarters 64 (tech 0, daily 16), 65 (tech 1), 64, 66 (tech 2); 最终考核 65 (tech 1,
    # daily 16). mean = (64 + 65 + 64 + 66) / 4 = 259 / 4 = 64.75 → 64.75 × 40% = 25.9;
    # 65 × 60% = 39 → 最终得分 64.9 → "最终考核不合格" (and not 整改后重新考评).
    # "考核得分65分以下的为不合格": quarters 1 and 3 flag 季度考核不合格; they are not
    # consecutive (quarter 2 scored 65), so no 整改通知书 anywhere, and the year does not
    # carry 年内连续两个季度不合格.
    report = year(kit, [(0, 16), (1, 16), (0, 16), (2, 16)], (1, 16))
    assert quarter_scores(kit, report) == ["64", "65", "64", "66"]
    _, composite, flags = final(kit, report)
    assert composite == "64.9"
    assert flags == ["最终考核不合格"]
    assert kit.flags(kit.period(report, "服务季度:1")) == ["季度考核不合格"]
    assert kit.flags(kit.period(report, "服务季度:2")) == []
    assert kit.flags(kit.period(report, "服务季度:3")) == ["季度考核不合格"]
    assert kit.flags(kit.period(report, "服务季度:4")) == []


def test_third_and_fourth_quarters_failing_raise_the_notice_in_the_fourth(kit: Any) -> None:
    # Quarters 70 (tech 6, daily 16), 70, 64 (tech 0), 64. "连续两个季度考核不合格，采购方
    # 发整改通知书": quarters 3 and 4 → 整改通知书 in quarter 4 (when the second falls), not in
    # quarter 3; the year carries 年内连续两个季度不合格. Year: 最终考核 70 (tech 6, daily 16);
    # mean (70 + 70 + 64 + 64) / 4 = 67; 67 × 40% + 70 × 60% = 26.8 + 42 = 68.8 → 整改后重新考评.
    report = year(kit, [(6, 16), (6, 16), (0, 16), (0, 16)], (6, 16))
    assert quarter_scores(kit, report) == ["70", "70", "64", "64"]
    assert kit.flags(kit.period(report, "服务季度:3")) == ["季度考核不合格"]
    assert kit.flags(kit.period(report, "服务季度:4")) == ["季度考核不合格", "整改通知书"]
    _, composite, flags = final(kit, report)
    assert composite == "68.8"
    assert flags == ["年内连续两个季度不合格", "整改后重新考评"]


def test_a_years_evidence_is_scored_once_per_quarter_and_once_in_the_year(kit: Any) -> None:
    # Evidence spread over the term, each judged by hand:
    # - Q1 (Jun–Aug): a fault opened 2025-08-31 23:50, answered 2025-09-01 00:25 (35 min >
    #   "响应时间为30分钟" → 服务响应 −2), restored 00:40 (50 min ≤ 1 h), reported at once. "A
    #   ticket counts in the period that contains its opened time" (docs/language.md): Q1.
    #   Q1 = 98 − 2 = 96.
    # - Q2 (Sep–Nov): three stamped suggestions ("提出次数≥3次。 2分") → 其他 2: Q2 = 100.
    # - Q3 (Dec–Feb): nothing → 98.
    # - Q4 (Mar–May): a 弱口令事件 on 2026-04-02: "较差 … 服务期间出现弱口令事件。 0-15分",
    #   the judged 25 is lowered to 15 → Q4 = 98 − 10 = 88.
    # mean = (96 + 100 + 98 + 88) / 4 = 382 / 4 = 95.5.
    # 最终考核 over the year: 服务响应 4, 故障处理服务 18 (one fault, 50 min: 优秀 6), 应急 14,
    # 技术支持 25, 日常运维 15 (the year holds the 弱口令事件), 过程文档 10, 其他 2 (three
    # suggestions in the year) = 88. 最终得分 = 95.5 × 40% + 88 × 60% = 38.2 + 52.8 = 91.0
    # → 退还履约保函.
    extra = [
        *kit.ticket(
            "F1", "故障", "故障", "2025-08-31 23:50",
            ("2025-09-01 00:25", "responded"),
            ("2025-09-01 00:40", "restored"),
            ("2025-09-01 00:40", "reported"),
        ),
        *(kit.ev(f"2025-10-{d} 10:00", "occurrence", kind="合理化建议") for d in ("09", "13")),
        kit.ev("2025-11-03 10:00", "occurrence", kind="合理化建议"),
        kit.ev("2026-04-02 10:00", "occurrence", kind="弱口令事件"),
    ]  # fmt: skip
    report = year(kit, [(25, 25)] * 4, (25, 25), extra)
    assert quarter_scores(kit, report) == ["96", "100", "98", "88"]
    card, composite, flags = final(kit, report)
    assert card == "88"
    assert composite in ("91", "91.0")
    assert flags == ["退还履约保函"]


def test_inspection_report_due_across_national_day_and_its_tiaoxiu_saturday(kit: Any) -> None:
    # "每次巡检报告在巡检后3个工作日内提交电子版". 2025 State Council schedule: 国庆节、中秋节
    # 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班.
    # Inspected Tue 2025-09-30: working days after it are Thu 10-09 (1), Fri 10-10 (2) and the
    # make-up Saturday 10-11 (3) → due 2025-10-11 24:00, in Q2 (Sep–Nov).
    # Report A delivered Sat 10-11 20:00: in time. Inspected Fri 2025-09-26: Sun 09-28 is a
    # make-up working day (1), Mon 09-29 (2), Tue 09-30 (3) → due 2025-09-30 24:00; report B
    # delivered 10-09 09:00: late → "未按时提交每次扣2分" → 过程文档 10 − 2 = 8; Q2 = 96.
    # FIFO: the first delivery (10-09) fills the first due time (09-30, late), the second
    # (10-11 20:00) the second (10-11 24:00, in time).
    events = [
        kit.ev("2025-09-26 15:00", "milestone", name="inspected"),
        kit.ev("2025-09-30 15:00", "milestone", name="inspected"),
        kit.ev("2025-10-09 09:00", "delivered", deliverable="巡检报告"),
        kit.ev("2025-10-11 20:00", "delivered", deliverable="巡检报告"),
        *judge(kit, "2025-11-28 16:00", "季度考核", 25),
    ]
    report = kit.replay(NAME, events, as_of="2025-11-30 00:00")
    q2 = kit.card(kit.period(report, "服务季度:2"), "季度考核")
    assert kit.item(q2, "过程文档")["score"] == "8"
    assert q2["score"] == "96"


def test_inspection_report_due_on_the_monday_after_the_make_up_saturday_is_late_on_sunday(
    kit: Any,
) -> None:
    # Same inspection as above (Tue 2025-09-30 → due Sat 2025-10-11 24:00, the 调休 working
    # Saturday): delivered Sun 10-12 09:00 is after it → late → 过程文档 8, Q2 96. (Were the
    # Saturday a rest day, the third working day would be Mon 10-13 and this would be in time.)
    events = [
        kit.ev("2025-09-30 15:00", "milestone", name="inspected"),
        kit.ev("2025-10-12 09:00", "delivered", deliverable="巡检报告"),
        *judge(kit, "2025-11-28 16:00", "季度考核", 25),
    ]
    report = kit.replay(NAME, events, as_of="2025-11-30 00:00")
    q2 = kit.card(kit.period(report, "服务季度:2"), "季度考核")
    assert kit.item(q2, "过程文档")["score"] == "8"


def test_items_stop_at_zero_in_the_quarter_and_in_the_year(kit: Any) -> None:
    # Q1: four faults answered after 40 min ("响应时间为30分钟" → "每次扣2分，扣完为止":
    # 8 > 6 → 服务响应 0), each restored in 50 min and reported at once. Six 巡检报告 each
    # delivered 4 working days after its inspection ("3个工作日内" → "未按时提交每次扣2分":
    # 12 > 10 → 过程文档 0, the file's reading: no row goes below zero). Four faults, 200 min
    # of downtime: 年故障 优秀 6. Q1 = 98 − 6 − 10 = 82. The year holds the same: 最终考核 82.
    # Inspections on Mondays 2025-07-07, 14, 21, 28, 08-04, 11: due Thursday 24:00; delivered
    # the Friday after at 10:00 → late.
    faults = [
        ev
        for n, day in enumerate(("07-01", "07-02", "07-03", "07-04"))
        for ev in kit.ticket(
            f"F{n}", "故障", "故障", f"2025-{day} 10:00",
            (f"2025-{day} 10:40", "responded"),
            (f"2025-{day} 10:50", "restored"),
            (f"2025-{day} 10:50", "reported"),
        )
    ]  # fmt: skip
    mondays = ("07-07", "07-14", "07-21", "07-28", "08-04", "08-11")
    fridays = ("07-11", "07-18", "07-25", "08-01", "08-08", "08-15")
    inspections = [kit.ev(f"2025-{d} 09:00", "milestone", name="inspected") for d in mondays]
    reports = [kit.ev(f"2025-{d} 10:00", "delivered", deliverable="巡检报告") for d in fridays]
    report = year(kit, [(25, 25)] * 4, (25, 25), [*faults, *inspections, *reports])
    q1 = kit.card(kit.period(report, "服务季度:1"), "季度考核")
    assert (kit.item(q1, "服务响应")["score"], kit.item(q1, "过程文档")["score"]) == ("0", "0")
    assert q1["score"] == "82"
    assert kit.card(kit.period(report, "服务年:1"), "最终考核")["score"] == "82"


def test_no_bond_decision_while_a_quarter_is_unjudged(kit: Any) -> None:
    # Quarters 1–3 and the year judged (all 98), quarter 4 never judged: "季度考核得分平均值"
    # cannot be taken without the fourth quarter, so 最终得分 is not known and 7.1 decides
    # nothing yet — neither 退还履约保函 nor 整改后重新考评 nor 最终考核不合格.
    events: list[Any] = [kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告")]
    for stamp in QUARTER_JUDGED[:3]:
        events += judge(kit, stamp, "季度考核", 25)
    events += judge(kit, "2026-05-29 17:00", "最终考核", 25)
    report = kit.replay(NAME, sorted(events, key=lambda e: e["at"]), as_of=AS_OF)
    year_period = kit.period(report, "服务年:1")
    assert year_period["complete"] is False
    decisions = {"退还履约保函", "整改后重新考评", "最终考核不合格"}
    assert decisions.isdisjoint(kit.flags(year_period))


def test_the_report_of_the_last_inspection_of_the_term_still_counts(kit: Any) -> None:
    # Inspected Thursday 2026-05-28, inside the term: "每次巡检报告在巡检后3个工作日内提交电子版"
    # → Friday 05-29 (1), Monday 06-01 (2), Tuesday 06-02 (3) → due 2026-06-02 24:00, after
    # the term ends with 05-31. Delivered Friday 06-05 → "未按时提交每次扣2分". The inspection
    # and the obligation belong to the term; with no later period to carry it, it counts in
    # the last quarter and the year: 过程文档 10 − 2 = 8 in 服务季度:4 and in 最终考核.
    extra = [
        kit.ev("2026-05-28 15:00", "milestone", name="inspected"),
        kit.ev("2026-06-05 10:00", "delivered", deliverable="巡检报告"),
    ]
    report = year(kit, [(25, 25)] * 4, (25, 25), extra)
    q4 = kit.card(kit.period(report, "服务季度:4"), "季度考核")
    assert kit.item(q4, "过程文档")["score"] == "8"
    final_card = kit.card(kit.period(report, "服务年:1"), "最终考核")
    assert kit.item(final_card, "过程文档")["score"] == "8"
