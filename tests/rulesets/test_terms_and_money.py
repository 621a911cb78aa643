"""Scenario tests for the contract's term and the money of each period (issue 10, items 2
and 5): terms, payments attributed to the period they pay for, lines final before the
score, one bond account for the term, no payable without payment terms, refunds, the
bases-exceed-total check, and damages per occurrence of an actual loss.

Every expected number is worked out by hand from the contract clause quoted above it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import slarules
from slarules.check import check_ruleset
from slarules.cli import main
from slarules.language.parser import parse
from slarules.report.text import render_report_text

ROOT = Path(__file__).resolve().parents[2]


def labels(report: dict[str, Any]) -> list[str]:
    return [p["period"] for p in report["periods"]]


def bases(report: dict[str, Any]) -> list[Decimal]:
    return [
        Decimal(line["amount"])
        for p in report["periods"]
        for line in p["payment"]["lines"]
        if line["kind"] == "base"
    ]


# ---- fujian-gxt-2026: two 服务周期, then outside the contract ----------------------------------


def test_gxt_evidence_after_the_term_is_outside_the_contract_and_pays_nothing(kit: Any) -> None:
    # "福建省工业和信息化厅2026—2027年…服务项目": two 12-month 服务周期 from 2026-01-01
    # (`for cycles`, cycles = 2), the term ends 2028-01-01 00:00. Each cycle's base is
    # "项目合同款项" / 2 = 1000000 / 2 = 500000.00; the two add up to 1000000.00. An
    # occurrence on 2028-02-10 is outside the contract: no 服务周期:3, no third 500000.00.
    events = [
        kit.ev("2026-03-02 10:00", "occurrence", kind="服务不规范"),
        kit.ev("2028-02-10 10:00", "occurrence", kind="服务不规范"),
    ]
    report = kit.replay("fujian-gxt-2026", events)
    assert labels(report) == ["服务周期:1", "服务周期:2"]
    assert bases(report) == [Decimal("500000.00"), Decimal("500000.00")]
    assert sum(bases(report)) == Decimal("1000000.00")
    assert report["outside_term"] == [
        {
            "period": "服务周期",
            "term_end": "2028-01-01T00:00:00+08:00",
            "evidence": ["event 2: occurrence 服务不规范, after the term"],
        }
    ]
    assert any("outside the contract" in w for w in report["warnings"])


def test_gxt_lost_equipment_owes_the_actual_loss_on_the_event(kit: Any) -> None:
    # "服务使用商管理的设施设备…如出现丢失，需赔偿采购人损失，每丢失一件设备扣5分": two lost
    # items → 服务能力 25 − 2 × 5 = 15, 服务考核 90 (not below 90: nothing withheld), and the
    # losses stated on the events, 3200.50 + 1000 = 4200.50, owed as damages.
    events = [
        kit.ev("2026-03-02 10:00", "occurrence", kind="设备丢失", amount="3200.50"),
        kit.ev("2026-05-11 10:00", "occurrence", kind="设备丢失", amount="1000"),
    ]
    report = kit.replay("fujian-gxt-2026", events)
    period = kit.period(report, "服务周期:1")
    assert kit.item(kit.card(period, "服务考核"), "服务能力")["score"] == "15"
    line = kit.line(period, "damages")
    # Evaluated at the last event (2026-05-11), inside cycle 1: the amount is what the losses
    # logged so far give, and the line says so ("provisional" until the cycle ends).
    assert (line["amount"], line["status"]) == ("4200.50", "provisional")
    assert line["basis"] == (
        "actual loss stated on each occurrence: event 1: 3200.50; event 2: 1000.00"
    )
    payment = period["payment"]
    assert (payment["payable"], payment["damages"]) == ("500000.00", "4200.50")


def test_gxt_a_loss_without_its_amount_waits_for_it(kit: Any) -> None:
    # The same clause with the amount not yet known: the damages line waits for it, while
    # the cycle's payable (500000.00, 95 ≥ 90) does not depend on it and is final.
    events = [kit.ev("2026-03-02 10:00", "occurrence", kind="设备丢失")]
    report = kit.replay("fujian-gxt-2026", events)
    period = kit.period(report, "服务周期:1")
    line = kit.line(period, "damages")
    assert (line["amount"], line["status"]) == (None, "pending")
    assert line["waiting_for"] == ["the amount of the loss of event 1 (occurrence 设备丢失)"]
    payment = period["payment"]
    assert (payment["payable"], payment["damages"], payment["status"]) == (
        "500000.00",
        None,
        "pending",
    )


# ---- fujian-scjg-2023: twelve months, bases summing to the contract total ----------------------


def test_scjg_has_exactly_12_months_whose_bases_sum_to_the_total(kit: Any) -> None:
    # "本项目服务期为自合同签订之日起1年"; "当月的金额（合同总金额/12": 12 months from
    # 2023-03-01, each 360000 / 12 = 30000.00, 12 × 30000.00 = 360000.00. A form dated
    # 2024-03-28 would be a 13th month: it is outside the contract.
    stamps = [f"2023-{m:02d}-28 17:00" for m in range(3, 13)] + ["2024-01-26 17:00"]
    stamps += ["2024-02-27 17:00", "2024-03-28 17:00"]
    events = [kit.ev(s, "score", scorecard="运维服务考核", score="95") for s in stamps]
    report = kit.replay("fujian-scjg-2023", events)
    assert labels(report) == [f"服务月:{k}" for k in range(1, 13)]
    assert bases(report) == [Decimal("30000.00")] * 12
    assert sum(bases(report)) == Decimal("360000.00")
    assert [p["payment"]["payable"] for p in report["periods"]] == ["30000.00"] * 12
    outside = report["outside_term"]
    assert [o["evidence"] for o in outside] == [["event 13: score 运维服务考核, after the term"]]
    assert outside[0]["term_end"] == "2024-03-01T00:00:00+08:00"


def test_scjg_check_warns_when_13_months_would_pay_13_twelfths() -> None:
    # The same file with a term of 13 months: 13 × 360000 / 12 = 13 × 30000.00 = 390000.00
    # > 360000.00, so the bases exceed "合同总金额".
    text = (ROOT / "rulesets" / "fujian-scjg-2023.sla").read_text(encoding="utf-8")
    assert text.count("from start for 12 cite") == 1
    model = parse(text.replace("from start for 12 cite", "from start for 13 cite"), "scjg.sla")
    found = [d for d in check_ruleset(model) if d.code == "SLR420"]
    assert [(d.severity, d.message, d.witness) for d in found] == [
        (
            "warning",
            "the 13 periods of 服务月's term are paid a base of 30000.00 each, 390000.00 in "
            "all, more than contract_total 360000.00",
            "13 × 30000.00 = 390000.00 > 360000.00",
        )
    ]


def test_check_warns_when_a_cycle_paying_a_base_has_no_term() -> None:
    text = (ROOT / "rulesets" / "fujian-scjg-2023.sla").read_text(encoding="utf-8")
    model = parse(text.replace("from start for 12 cite", "from start cite"), "scjg.sla")
    found = [d for d in check_ruleset(model) if d.code == "SLR420"]
    assert [d.witness for d in found] == ["服务月 has no term"]
    assert "state the term on the period" in found[0].message


# ---- fujian-slt-2024: the advance before the grades, the balance after the year -----------------


def test_slt_advance_is_final_and_dated_while_the_grades_are_missing(kit: Any) -> None:
    # "采购人收到成交人等额发票后…15个工作日内，支付合同总金额的50.00%作为预付款": invoiced
    # Fri 6 Sep 2024; workdays 9–13 (5), make-up Sat 14 (6), 中秋 15–17 off, 18–20 (9),
    # 23–27 (14), make-up Sun 29 (15) → due 29 Sep 24:00; 50% × 500000 = 250000.00. No
    # grade is in yet ("年度评定"): the band and the payable wait for them; the advance does
    # not.
    events = [kit.ev("2024-09-06 15:00", "milestone", name="invoiced")]
    report = kit.replay("fujian-slt-2024", events, as_of="2024-10-15 10:00")
    period = kit.period(report, "服务年:1")
    assert period["complete"] is False
    advance = kit.line(period, "milestone")
    assert (advance["name"], advance["amount"], advance["status"]) == (
        "预付款",
        "250000.00",
        "final",
    )
    assert advance["due"] == "2024-09-30T00:00:00+08:00"
    band = kit.line(period, "pay_band")
    assert (band["amount"], band["status"]) == (None, "pending")
    assert any("judgement for item 日常巡检" in w for w in band["waiting_for"])
    payment = period["payment"]
    assert (payment["payable"], payment["status"]) == (None, "pending")


def test_slt_balance_invoiced_after_the_year_belongs_to_that_year(kit: Any) -> None:
    # "维护服务期一年" (服务年:1 = 2024-07-01 … 2025-06-30, `for 1`); "在一年服务期最后一个月
    # 当月内…成交人开具等额发票，15个工作日内由采购人按考核结果支付剩余服务费": the invoice
    # comes late, Mon 7 Jul 2025, after the year. It pays for the year: all grades full →
    # 100 → "支付100%合同款" → payout 500000.00, less the 250000.00 advance → 250000.00, due
    # 15 workdays later: 8–11 Jul (4), 14–18 (9), 21–25 (14), Mon 28 (15) → 28 Jul 24:00.
    # No second year appears.
    grades = {"日常使用培训": "10", "日常巡检": "20", "故障处理": "10", "技术支持": "10"}
    grades["需求变更"] = "10"
    events = [
        kit.ev("2024-09-06 15:00", "milestone", name="invoiced"),
        *(
            kit.ev("2025-06-20 10:00", "judgement", item=item, points=value)
            for item, value in grades.items()
        ),
        kit.ev("2025-07-07 10:00", "milestone", name="balance_invoiced"),
    ]
    report = kit.replay("fujian-slt-2024", events)
    assert labels(report) == ["服务年:1"]
    period = kit.period(report, "服务年:1")
    balance = kit.line(period, "milestone", 1)
    assert (balance["name"], balance["amount"]) == ("剩余服务费", "250000.00")
    assert balance["due"] == "2025-07-29T00:00:00+08:00"
    assert period["payment"]["payable"] == "500000.00"
    assert report["outside_term"] == []


# ---- guangxi-gat-2024: one bond for the two cycles --------------------------------------------


def test_guangxi_bond_taken_in_cycle_1_is_not_restored_in_cycle_2(kit: Any) -> None:
    # "交纳合同金额的3%作为履约保证金": 3% × 10000000 = 300000.00, one bond for the contract
    # ("维护期满并经最终验收合格后…将履约保证金全额退回"). "扣减金额 N%×合同总价", "按处罚条款
    # 要求扣除履约保证金（履约保证金不足以支付处罚款项时…直接从应付合同款中相应扣减）":
    # Cycle 1 (2024-09-02 … 2025-09-01): 监理 92, 服务总队 92 → final 92 → [90, 95) → 2% ×
    #   10000000 = 200000.00, all from the bond (300000.00 left at its start) → bond left
    #   100000.00. Cash: 阶段验收款 25% = 2500000.00 → payable 2500000.00.
    # Cycle 2 (2025-09-02 … 2026-09-01): 88 and 88 → final 88 → [85, 90) → 5% = 500000.00;
    #   the bond has only 100000.00 left → 100000.00 from it, 400000.00 from the cash.
    #   Cash: 中期款 25% (due by 2025-12-31, no 重大事故) = 2500000.00 and 最终验收款 50% =
    #   5000000.00 (final acceptance on 2026-09-10, after the term: it pays for cycle 2) →
    #   7500000.00 − 400000.00 = 7100000.00. (Restoring the full bond would have paid
    #   7300000.00: 200000.00 too much.)
    events = [
        kit.ev("2024-09-02 10:00", "milestone", name="accepted"),
        kit.ev("2025-08-25 10:00", "score", scorecard="监理评分", score="92"),
        kit.ev("2025-08-25 10:00", "score", scorecard="服务总队评分", score="92"),
        kit.ev("2026-08-25 10:00", "score", scorecard="监理评分", score="88"),
        kit.ev("2026-08-25 10:00", "score", scorecard="服务总队评分", score="88"),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay("guangxi-gat-2024", events)
    assert labels(report) == ["考核周期:1", "考核周期:2"]
    first, second = (kit.period(report, f"考核周期:{k}") for k in (1, 2))
    assert first["payment"]["bond"] == {
        "amount": "300000.00",
        "opening": "300000.00",
        "deducted": "200000.00",
        "remaining": "100000.00",
    }
    assert first["payment"]["payable"] == "2500000.00"
    assert second["payment"]["bond"] == {
        "amount": "300000.00",
        "opening": "100000.00",
        "deducted": "100000.00",
        "remaining": "0.00",
    }
    milestones = [
        (x["name"], x["amount"]) for x in second["payment"]["lines"] if x["kind"] == "milestone"
    ]
    assert milestones == [("中期款", "2500000.00"), ("最终验收款", "5000000.00")]
    assert second["payment"]["payable"] == "7100000.00"


def test_guangxi_a_refund_is_shown_as_a_refund(kit: Any) -> None:
    # "履约保证金不足以支付处罚款项时，采购人有权向中标人追回已支付的合同款": four faults →
    # final 80 → [80, 85) → 7% × 10000000 = 700000.00; the bond takes 300000.00; no
    # milestone is due in the cycle, so 400000.00 is owed back: a refund, not payable 0.00
    # alone.
    events = [
        kit.ev(f"2025-0{m}-07 10:00", "occurrence", kind="系统运行故障") for m in (1, 2, 3, 4)
    ]
    report = kit.replay("guangxi-gat-2024", events)
    period = kit.period(report, "考核周期:1")
    assert (period["payment"]["payable"], period["payment"]["refund"]) == ("0.00", "400000.00")
    assert kit.line(period, "refund")["amount"] == "400000.00"
    ruleset = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    text = render_report_text(ruleset.replay(events))
    # Evaluated at the last event, inside the cycle: "so far" says the lines may still change.
    assert (
        "payable 0.00 so far (the period has not ended: its lines may still change), "
        "REFUND owed to the purchaser 400000.00"
    ) in text


# ---- sichuan-sthjt-2025: no payment terms -----------------------------------------------------


def test_sichuan_states_no_payable_without_payment_terms(kit: Any) -> None:
    # The contract fixes no amount and no payment schedule (only "退还履约保函" at ≥ 85): the
    # year's payment has no terms and prints no payable, rather than one that reads as if
    # an amount were owed.
    events = [kit.ev("2025-07-01 10:00", "occurrence", kind="合理化建议")]
    report = kit.replay("sichuan-sthjt-2025", events)
    payment = kit.period(report, "服务年:1")["payment"]
    assert (payment["status"], payment["payable"], payment["lines"]) == ("no_terms", None, [])
    ruleset = slarules.load(ROOT / "rulesets" / "sichuan-sthjt-2025.sla")
    text = render_report_text(ruleset.replay(events))
    assert "payment: no payment terms in the rule file" in text
    year = text.split("Period 服务年:1")[1].split("\n\n")[0]
    assert re.search(r"payable \d", year) is None


def test_selecting_a_cycle_after_the_term_is_a_usage_error(capsys: Any) -> None:
    # "维护服务期一年": fujian-slt has one 服务年, so cycle:2 is outside the contract; the
    # command says so and exits 2 (wrong usage), rather than scoring a year that does not
    # exist.
    rules = str(ROOT / "rulesets" / "fujian-slt-2024.sla")
    events = str(ROOT / "rulesets" / "samples" / "fujian-slt-2024.events.jsonl")
    assert main(["replay", rules, events, "--period", "cycle:2"]) == 2
    assert "the term of 服务年 has 1 cycle;" in capsys.readouterr().err
