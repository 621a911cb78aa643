"""Audit: fujian-slt-2024, a repeated trigger event — a second `invoiced` schedules a second
advance. The contract (shared/contracts/fujian-slt-2024.txt, 四、付款条件):

  "合同签订生效后，采购人收到成交人等额发票后，达到付款条件起15个工作日内，支付合同总金额的
  50.00%作为预付款；在一年服务期最后一个月当月内，由采购人对成交人提供的服务完成情况做出考核，
  成交人开具等额发票，15个工作日内由采购人按考核结果支付剩余服务费。"

One line per milestone event is the documented behaviour (docs/language.md §6: a payment in
several batches needs it), so the second advance is kept; the report warns that the year's
milestones schedule more than it pays, naming the lines. Worked by hand, not copied from
slarules' output.
"""

from __future__ import annotations

from typing import Any

from slarules.i18n import use_language
from slarules.report.summary import render_report_summary
from slarules.report.text import render_report_text

SLT = "fujian-slt-2024"
FULL = {"日常使用培训": 10, "日常巡检": 20, "故障处理": 10, "技术支持": 10, "需求变更": 10}
AS_OF = "2025-08-01 00:00"


def _events(kit: Any, invoices: list[str]) -> list[dict[str, Any]]:
    events = [kit.ev(day, "milestone", name="invoiced") for day in invoices]
    events += [kit.ev("2025-06-13 10:00", "judgement", item=k, points=v) for k, v in FULL.items()]
    events.append(kit.ev("2025-06-16 09:00", "milestone", name="balance_invoiced"))
    return events


def _warnings(kit: Any, report: dict[str, Any]) -> list[str]:
    return [w for w in report["warnings"] if "more than the" in w]


def test_a_second_invoice_schedules_a_second_advance_and_the_report_says_so(kit: Any) -> None:
    # Contract 500000, grades full → 100 → "90-100分…支付100%合同款": the year pays 500000.00.
    # Advance 50.00% = 250000.00 per `invoiced` event:
    #   invoiced Mon 2024-07-01: 15 工作日 (no holiday in July 2024) Jul 2–5 (4), 8–12 (9),
    #   15–19 (14), 22 (15) → due 22 Jul 24:00 = 2024-07-23T00:00+08:00;
    #   invoiced again Mon 2024-07-08: Jul 9–12 (4), 15–19 (9), 22–26 (14), 29 (15) → due
    #   29 Jul 24:00 = 2024-07-30T00:00+08:00.
    # Balance "按考核结果支付剩余服务费" = 500000.00 − 250000.00 = 250000.00, invoiced Mon
    # 2025-06-16: Jun 17–20 (4), 23–27 (9), 30 (10), Jul 1–4 (14), 7 (15) → due
    # 2025-07-08T00:00+08:00.
    # Scheduled: 250000.00 × 3 = 750000.00, more than the 500000.00 the year pays.
    events = _events(kit, ["2024-07-01 09:00", "2024-07-08 09:00"])
    report = kit.replay(SLT, events, as_of=AS_OF)
    year = kit.period(report, "服务年:1")["payment"]
    lines = [(x["name"], x["amount"]) for x in year["lines"] if x["kind"] == "milestone"]
    assert lines == [("预付款", "250000.00"), ("预付款", "250000.00"), ("剩余服务费", "250000.00")]
    assert year["payable"] == "500000.00"
    assert _warnings(kit, report) == [
        "payment of 服务年:1: the milestones "
        "预付款 250000.00 (due 2024-07-23T00:00:00+08:00), "
        "预付款 250000.00 (due 2024-07-30T00:00:00+08:00), "
        "剩余服务费 250000.00 (due 2025-07-08T00:00:00+08:00) schedule 750000.00, more than "
        "the 500000.00 the period pays before deductions; each milestone event makes a line of "
        "its own, so check the event log for a repeated event"
    ]


def test_one_invoice_schedules_the_year_and_no_warning(kit: Any) -> None:
    # One advance 250000.00 + balance 250000.00 = 500000.00, exactly what the year pays.
    report = kit.replay(SLT, _events(kit, ["2024-07-01 09:00"]), as_of=AS_OF)
    assert _warnings(kit, report) == []


def test_the_warning_in_the_text_report_and_the_summary_in_both_languages(kit: Any) -> None:
    events = _events(kit, ["2024-07-01 09:00", "2024-07-08 09:00"])
    ruleset = kit.ruleset(SLT)
    as_of = kit.at(AS_OF)
    english = ruleset.replay(events, as_of=as_of)
    text = render_report_text(english)
    assert "schedule 750000.00, more than the 500000.00 the period pays" in text
    assert "1 warning: see the full report" in render_report_summary(english)
    with use_language("zh"):
        chinese = ruleset.replay(events, as_of=as_of)
        text = render_report_text(chinese)
    assert "合计安排 750000.00，超过本期扣款前应付的 500000.00" in text
    assert "预付款 250000.00（2024-07-30T00:00:00+08:00 到期）" in text
