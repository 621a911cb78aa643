"""Audit round 3, clause by clause: sichuan-sthjt-2025 — the clauses the rule file did not
encode before this round, worked by hand from the contract
(shared/contracts/sichuan-sthjt-2025.txt, 四、服务周期 (2) 运维保障服务):

  "自2025年6月1日起至2026年5月31日结束，为期一年。（自运维服务期开始起15个工作日内，服务方应同
  各系统原服务方完成工作交接；…）"

Reading (rule file and docs/rulesets/sichuan-sthjt-2025.md): the 15 工作日 count from the
term's first day, 2025-06-01, on the State Council schedule. 1 Jun 2025 is a Sunday and 2 Jun
is 端午 (holiday 31 May – 2 Jun, no make-up day), so the working days are 3, 4, 5, 6 Jun (4),
9–13 Jun (9), 16–20 Jun (14) and Monday 23 Jun (15): the handover is due 2025-06-23 24:00.
The contract attaches no points and no money to it, so a late handover raises the flag
工作交接逾期 on the service year and nothing else changes. Nothing here was copied from
slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SICHUAN = "sichuan-sthjt-2025"
YEAR_END = "2026-06-01 00:00"


def _year(kit: Any, events: list[dict[str, Any]]) -> dict[str, Any]:
    report = kit.replay(SICHUAN, events, as_of=YEAR_END)
    year: dict[str, Any] = kit.period(report, "服务年:1")
    return year


@pytest.mark.parametrize(
    "delivered, late",
    [
        # Monday 23 Jun 23:59: inside the 15th working day → in time.
        ("2025-06-23 23:59", False),
        # Tuesday 24 Jun 00:01: after 2025-06-23 24:00 → late.
        ("2025-06-24 00:01", True),
        # Friday 20 Jun is only the 14th working day: in time, whatever a count of
        # calendar days (15 days from 1 Jun = 15 Jun) would say.
        ("2025-06-20 10:00", False),
        # Tuesday 17 Jun: after a calendar-day reading's 15 Jun (a Sunday, moved to
        # Monday 16 Jun 24:00) but before the 工作日 deadline → in time.
        ("2025-06-17 10:00", False),
    ],
)
def test_the_handover_is_due_on_the_fifteenth_working_day(
    kit: Any, delivered: str, late: bool
) -> None:
    year = _year(kit, [kit.ev(delivered, "delivered", deliverable="工作交接")])
    assert ("工作交接逾期" in kit.flags(year)) is late


def test_a_late_handover_costs_no_points(kit: Any) -> None:
    # The 7.2运维质量考评表 has no row for the handover: 过程文档 counts "运维过程中产生文档及
    # 各时间节点的总结报告", not the handover. The 最终考核's 过程文档 stays at its 10 points
    # (the 半年运维总结报告 is delivered in time, due 2025-12-08 24:00).
    events = [
        kit.ev("2025-06-30 10:00", "delivered", deliverable="工作交接"),
        kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告"),
    ]
    year = _year(kit, events)
    assert "工作交接逾期" in kit.flags(year)
    card = kit.card(year, "最终考核")
    assert kit.item(card, "过程文档")["score"] == "10"


def test_a_handover_never_done_is_late_at_the_years_end(kit: Any) -> None:
    # No `delivered` event at all: the due time 2025-06-23 24:00 has passed by 2026-06-01,
    # so the handover is outstanding, hence late → 工作交接逾期.
    year = _year(kit, [kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告")])
    assert "工作交接逾期" in kit.flags(year)


def test_before_the_deadline_nothing_is_flagged(kit: Any) -> None:
    # Evaluated on Monday 23 Jun 2025 at 18:00, before 24:00 that day, with no delivery yet:
    # the handover is not due yet, so the year raises no 工作交接逾期.
    report = kit.replay(SICHUAN, [], as_of="2025-06-23 18:00")
    assert "工作交接逾期" not in kit.flags(kit.period(report, "服务年:1"))


def test_every_late_fault_ticket_costs_two_points_in_its_row(kit: Any) -> None:
    # "响应时间为30分钟 … 未及时响应、协调并处置故障，影响系统正常使用的，每次扣2分" and "对故障的
    # 恢复时间不超过1小时 … 未在规定时限内解决故障，影响系统正常使用，每次扣2分". Reading: a 故障
    # ticket affects normal use, so both breaches count. A fault opened Tue 2025-07-08 10:00,
    # answered 10:45 (45 min > 30) and restored 11:30 (90 min > 60), its report sent at once:
    # 服务响应 6 − 2 = 4, 故障恢复 6 − 2 = 4 in 服务季度:1 (Jun–Aug).
    events = kit.ticket(
        "F1",
        "故障",
        "故障",
        "2025-07-08 10:00",
        ("2025-07-08 10:45", "responded"),
        ("2025-07-08 11:30", "restored"),
        ("2025-07-08 12:00", "reported"),
    )
    report = kit.replay(SICHUAN, events, as_of="2025-09-01 00:00")
    card = kit.card(kit.period(report, "服务季度:1"), "季度考核")
    assert kit.item(card, "服务响应")["score"] == "4"
    assert kit.item(card, "故障恢复")["score"] == "4"


def test_suggestions_count_in_the_period_assessed(kit: Any) -> None:
    # "7 其他 (2分) 运维合理化建议：提出次数≥3次 2分；1次≤提出次数<2次 1分；没有提出 0分" (two
    # read as 1 point: "<2次" a slip for "<3次"). Reading: counted in the period assessed. One
    # stamped suggestion in each of Q1 (Jul), Q2 (Oct) and Q3 (Jan): each of those quarters
    # has 1 → 1 point; Q4 has none → 0; the year has 3 → 2 points in 最终考核.
    events = [
        kit.ev("2025-07-15 10:00", "occurrence", kind="合理化建议"),
        kit.ev("2025-10-15 10:00", "occurrence", kind="合理化建议"),
        kit.ev("2026-01-15 10:00", "occurrence", kind="合理化建议"),
    ]
    report = kit.replay(SICHUAN, events, as_of=YEAR_END)
    quarters = [
        kit.item(kit.card(kit.period(report, f"服务季度:{n}"), "季度考核"), "其他")["score"]
        for n in (1, 2, 3, 4)
    ]
    assert quarters == ["1", "1", "1", "0"]
    year = kit.card(kit.period(report, "服务年:1"), "最终考核")
    assert kit.item(year, "其他")["score"] == "2"


def test_the_late_annual_report_costs_the_year_and_not_the_fourth_quarter(kit: Any) -> None:
    # "运维期满一年后，一周内提供年度运维总结报告": the year ends 2026-05-31; 一周 is 1–7 Jun and
    # Sunday 7 Jun moves to Monday 8 Jun 24:00. Its `due` event names 服务年:1. Delivered
    # 10 Jun → late → "未按时提交每次扣2分": 最终考核 过程文档 10 − 2 = 8. The fourth quarter's
    # 季度考核 (Mar–May, assessed before the report was due) keeps 过程文档 10.
    events = [
        kit.ev("2025-06-20 17:00", "delivered", deliverable="工作交接"),
        kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告"),
        kit.ev("2026-06-09 00:00", "due", deliverable="年度运维总结报告", period="服务年:1"),
        kit.ev("2026-06-10 11:00", "delivered", deliverable="年度运维总结报告"),
    ]
    report = kit.replay(SICHUAN, events, as_of="2026-06-30 00:00")
    year = kit.card(kit.period(report, "服务年:1"), "最终考核")
    q4 = kit.card(kit.period(report, "服务季度:4"), "季度考核")
    assert kit.item(year, "过程文档")["score"] == "8"
    assert kit.item(q4, "过程文档")["score"] == "10"


@pytest.mark.parametrize("tech, score, failed", [(1, "65", False), (0, "64", True)])
def test_a_quarter_of_exactly_65_is_not_a_failure(
    kit: Any, tech: int, score: str, failed: bool
) -> None:
    # "考核得分65分以下的为不合格" next to "若考评分值为65分及以上、85分以下…整改": the
    # contract puts 65 in the "及以上" band, so "65分以下" is read as strictly below 65 (the
    # Civil Code's own "以下", art. 1259, would include 65; the contract's words decide). A
    # quarter with
    # no evidence: 服务响应 6 + 故障处理服务 18 (no faults: 年故障 优秀 6) + 应急保障服务 14 +
    # 过程文档 10 + 其他 0 (no suggestion) = 48, plus 日常运维工作质量 judged 16 (一般) and
    # 技术支持服务 judged 1 → 65 (not 不合格) or 0 → 64 (不合格).
    events = [
        kit.ev(
            "2025-08-29 16:00",
            "judgement",
            item="技术支持服务",
            points=str(tech),
            scorecard="季度考核",
        ),
        kit.ev(
            "2025-08-29 16:00",
            "judgement",
            item="日常运维工作质量",
            points="16",
            scorecard="季度考核",
        ),
    ]
    report = kit.replay(SICHUAN, events, as_of="2025-09-01 00:00")
    q1 = kit.period(report, "服务季度:1")
    assert kit.card(q1, "季度考核")["score"] == score
    assert ("季度考核不合格" in kit.flags(q1)) is failed
