"""Audit r8: a milestone paid more often than the contract schedules it is never silent.

guangxi-gat-2024 (shared/contracts/guangxi-gat-2024.txt, 付款方式) pays its 合同金额 in three
instalments, each once:

  "确认项目通过科信办组织的阶段验收后，在10个工作日内向中标人支付合同金额的25%"
  "…中标人维护过程中无重大事故发生，2025年下半年根据项目实施服务情况再支付合同金额的25%"
  "中标人按照合同要求做好维护工作至维护期满并经最终验收合格后10个工作日内，支付合同金额的50%"

The payment has no `base`: its milestones are the cycles' cash. Each milestone event makes a
line (docs/language.md §6), so a `final_accepted` logged twice pays 最终验收款 twice — 150%
of the contract in all. The lines are kept as the log states them; the report now warns,
naming each line (event, amount, due time, cycle) and the total against the schedule
(docs/language.md §6, "A milestone is paid once over the term"). fujian-slt-2024 (a payment
WITH a base) keeps its own per-period warning. Every amount and date is worked out by hand
from the clauses; nothing is copied from slarules' output.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.i18n import use_language
from slarules.report.html import render_report_html
from slarules.report.summary import render_report_summary
from slarules.report.text import render_report_text

GX = "guangxi-gat-2024"
SAMPLES = Path(__file__).resolve().parents[2] / "rulesets"


def _scores(kit: Any) -> list[dict[str, Any]]:
    """Both cycles scored 100 by both assessors: 表3 "95≤…≤100 0%" deducts nothing, so the
    cycles' payments are their milestones alone."""
    return [
        kit.ev(f"202{4 + n}-08-30 10:00", "score", scorecard=card, score=100,
               period=f"考核周期:{n}")
        for n in (1, 2)
        for card in ("监理评分", "服务总队评分")
    ]  # fmt: skip


def _term_warnings(report: dict[str, Any]) -> list[str]:
    return [w for w in report["warnings"] if "over the term" in w]


def _milestones(report: dict[str, Any]) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (p["period"], x["name"], x["amount"], x["due"])
        for p in report["periods"]
        for x in p["payment"]["lines"]
        if x["kind"] == "milestone"
    ]


def _final_twice(kit: Any) -> list[dict[str, Any]]:
    # events 1–4 the scores, 5 accepted, 6 and 7 final_accepted (as the warning numbers them).
    return [
        *_scores(kit),
        kit.ev("2024-09-20 10:00", "milestone", name="accepted"),
        kit.ev("2026-11-02 10:00", "milestone", name="final_accepted"),
        kit.ev("2026-11-03 10:00", "milestone", name="final_accepted"),
    ]


# 合同金额 10000000元 (param contract_total): 25% = 2500000.00, 50% = 5000000.00.
# accepted Fri 2024-09-20 → 10 工作日 on China's calendar: Mon 23, 24, 25, 26, 27 (5), Sun
# 29 (调休 workday, 6), Mon 30 (7), Oct 1–7 National Day, Tue Oct 8 (8), 9 (9), 10 (10):
# due at the end of Thu 2024-10-10 = 2024-10-11T00:00+08:00, in 考核周期:1.
STAGE = ("考核周期:1", "阶段验收款", "2500000.00", "2024-10-11T00:00:00+08:00")
# 中期款 "2025年下半年": due by 2025-12-31 (param mid_due) → 2026-01-01T00:00, in 考核周期:2
# (2025-09-02 – 2026-09-01); no 重大事故, so it is paid.
MID = ("考核周期:2", "中期款", "2500000.00", "2026-01-01T00:00:00+08:00")
# final_accepted Mon 2026-11-02 (after the term: it counts in the last cycle): Nov 3, 4, 5, 6,
# 9, 10, 11, 12, 13, 16 → due 2026-11-17T00:00; logged again Tue 2026-11-03: Nov 4, 5, 6, 9,
# 10, 11, 12, 13, 16, 17 → due 2026-11-18T00:00.
FINAL_1 = ("考核周期:2", "最终验收款", "5000000.00", "2026-11-17T00:00:00+08:00")
FINAL_2 = ("考核周期:2", "最终验收款", "5000000.00", "2026-11-18T00:00:00+08:00")


def test_final_acceptance_logged_twice_pays_the_fifty_percent_twice_and_says_so(kit: Any) -> None:
    report = kit.replay(GX, _final_twice(kit), as_of="2027-01-01 00:00")
    # The lines are kept as the log states them: 2500000 + 2500000 + 5000000 × 2 =
    # 15000000.00, 150% of the contract.
    assert _milestones(report) == [STAGE, MID, FINAL_1, FINAL_2]
    assert _term_warnings(report) == [
        "payment per 考核周期: milestone 最终验收款 is paid 2 times over the term ("
        "final_accepted at event 6: 5000000.00, due 2026-11-17T00:00:00+08:00, in 考核周期:2; "
        "final_accepted at event 7: 5000000.00, due 2026-11-18T00:00:00+08:00, in 考核周期:2"
        "), 10000000.00 in all against the 5000000.00 the schedule pays once; each milestone "
        "is paid once over the term: check the event log for a repeated final_accepted event"
    ]


def test_final_acceptance_logged_once_no_warning(kit: Any) -> None:
    events = _final_twice(kit)[:-1]
    report = kit.replay(GX, events, as_of="2027-01-01 00:00")
    # 2500000 + 2500000 + 5000000 = 10000000.00: the contract, once.
    assert _milestones(report) == [STAGE, MID, FINAL_1]
    assert _term_warnings(report) == []


def _stage_twice(kit: Any) -> list[dict[str, Any]]:
    return [
        *_scores(kit),
        kit.ev("2024-09-20 10:00", "milestone", name="accepted"),
        kit.ev("2025-10-10 10:00", "milestone", name="accepted", note="重复录入"),
    ]


# accepted again Fri 2025-10-10 (考核周期:2): Sat Oct 11 (调休 workday after National Day
# 2025, 1), Mon 13, 14, 15, 16, 17 (6), 20, 21, 22, 23 (10) → due 2025-10-24T00:00.
STAGE_2 = ("考核周期:2", "阶段验收款", "2500000.00", "2025-10-24T00:00:00+08:00")
STAGE_TWICE = (
    "payment per 考核周期: milestone 阶段验收款 is paid 2 times over the term ("
    "accepted at event 5: 2500000.00, due 2024-10-11T00:00:00+08:00, in 考核周期:1; "
    "accepted at event 6: 2500000.00, due 2025-10-24T00:00:00+08:00, in 考核周期:2"
    "), 5000000.00 in all against the 2500000.00 the schedule pays once; each milestone "
    "is paid once over the term: check the event log for a repeated accepted event"
)


def test_stage_acceptance_logged_twice_across_cycles_warns(kit: Any) -> None:
    # Before the final acceptance (as of 2026-03-01): the total so far, 2500000 × 3 =
    # 7500000.00, is not above the contract, but 阶段验收款 alone is paid twice its 25%.
    report = kit.replay(GX, _stage_twice(kit), as_of="2026-03-01 00:00")
    assert _milestones(report)[:3] == [STAGE, STAGE_2, MID]
    assert _term_warnings(report) == [STAGE_TWICE]


def test_a_report_of_one_cycle_still_sees_the_other(kit: Any) -> None:
    # --period 考核周期:2 shows only cycle 2's 阶段验收款; the first was paid in cycle 1, so the
    # line shown is the second payment of the 25%, and the warning must say so.
    ruleset = kit.ruleset(GX)
    report = ruleset.replay(
        _stage_twice(kit), as_of=kit.at("2026-03-01 00:00"), period="考核周期:2"
    )
    data = json.loads(report.to_json())
    assert [p["period"] for p in data["periods"]] == ["考核周期:2"]
    assert _term_warnings(data) == [STAGE_TWICE]


def test_the_warning_in_every_report_format_and_both_languages(kit: Any) -> None:
    ruleset = kit.ruleset(GX)
    events, as_of = _final_twice(kit), kit.at("2027-01-01 00:00")
    english = ruleset.replay(events, as_of=as_of)
    head = "payment per 考核周期: milestone 最终验收款 is paid 2 times over the term"
    assert any(w.startswith(head) for w in json.loads(english.to_json())["warnings"])
    assert head in render_report_text(english)
    assert head in render_report_html(english)
    # The summary counts the warnings: the bond's second return (0.00) and this one.
    assert "2 warnings: see the full report" in render_report_summary(english)
    openpyxl = pytest.importorskip("openpyxl")
    from slarules.report.xlsx import report_xlsx_bytes

    book = openpyxl.load_workbook(io.BytesIO(report_xlsx_bytes(english)))
    notes = [str(c.value) for row in book["说明"].iter_rows() for c in row]
    assert any(v.startswith(head) for v in notes)
    with use_language("zh"):
        chinese = ruleset.replay(events, as_of=as_of)
        text = render_report_text(chinese)
    assert "里程碑款 最终验收款 在服务期内支付了 2 次" in text
    assert "共 10000000.00，而付款安排只支付一次 5000000.00" in text
    assert "请检查事件日志中是否重复记录了 final_accepted 事件" in text


# fujian-slt-2024, a payment WITH a base (合同总金额 500000 in 1 服务年): two invoices schedule
# two advances of 50% = 250000.00 (tests/audit/test_audit_slt_repeated_trigger.py works the
# dates out); the per-period warning names them, and no term warning repeats it.
def test_fujian_slt_invoiced_twice_keeps_its_own_warning(kit: Any) -> None:
    grades = {"日常使用培训": 10, "日常巡检": 20, "故障处理": 10, "技术支持": 10, "需求变更": 10}
    events = [kit.ev(d, "milestone", name="invoiced") for d in ("2024-07-01 09:00",
                                                                 "2024-07-08 09:00")]  # fmt: skip
    events += [kit.ev("2025-06-13 10:00", "judgement", item=k, points=v) for k, v in grades.items()]
    events.append(kit.ev("2025-06-16 09:00", "milestone", name="balance_invoiced"))
    report = kit.replay("fujian-slt-2024", events, as_of="2025-08-01 00:00")
    assert [w for w in report["warnings"] if "schedule 750000.00, more than the" in w] != []
    assert "payment of 服务年:1: the milestones 预付款 250000.00" in report["warnings"][-1]
    assert _term_warnings(report) == []


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.sla")))
def test_no_warning_on_the_sample_logs(name: str) -> None:
    # Each sample logs every milestone event at most once: the warning is not noise.
    ruleset = slarules.load(SAMPLES / f"{name}.sla")
    report = ruleset.replay(SAMPLES / "samples" / f"{name}.events.jsonl")
    assert [w for w in report.warnings if "over the term" in w] == []


REPEATED = """\
ruleset "monthly" { timezone "Asia/Shanghai" }
param contract_total: money = 300000元
param start: date = 2026-01-01
period 服务月 = cycle 1 months from start for 3
payment per 服务月 {
  milestone 月付款 contract_total / 3 due 5 workdays after invoiced
}
"""


def _invoices(kit: Any, days: list[str]) -> list[dict[str, Any]]:
    return [kit.ev(f"{d} 10:00", "milestone", name="invoiced") for d in days]


def test_an_instalment_repeated_every_cycle_is_compared_with_the_contract_total(
    kit: Any,
) -> None:
    # "每月支付合同总额的1/3" over a 3-month term: 300000 / 3 = 100000.00 per invoice; the
    # schedule (100000.00, once) is less than the contract, so the instalment repeats, and
    # three invoices (one a month) pay 300000.00, the contract: no warning.
    ruleset = slarules.loads(REPEATED, "monthly.sla")
    three = ["2026-01-20", "2026-02-20", "2026-03-20"]
    report = ruleset.replay(_invoices(kit, three), as_of=kit.at("2026-05-01 00:00"))
    assert [w for w in report.warnings if "over the term" in w] == []
    # A fourth invoice (Fri 2026-03-27) pays 400000.00, more than the contract's 300000.00.
    # Due dates: Tue Jan 20 → 21, 22, 23, 26, 27 → 2026-01-28T00:00; Fri Feb 20 (春节 2026:
    # Feb 15–23 off, Feb 28 调休) → Feb 24, 25, 26, 27, 28 → 2026-03-01T00:00; Fri Mar 20 →
    # 23, 24, 25, 26, 27 → 2026-03-28T00:00; Fri Mar 27 → 30, 31, Apr 1, 2, 3 → 2026-04-04.
    report = ruleset.replay(
        _invoices(kit, [*three, "2026-03-27"]), as_of=kit.at("2026-05-01 00:00")
    )
    assert [w for w in report.warnings if "over the term" in w] == [
        "payment per 服务月: the milestones over the term ("
        "月付款 100000.00 (due 2026-01-28T00:00:00+08:00, in 服务月:1); "
        "月付款 100000.00 (due 2026-03-01T00:00:00+08:00, in 服务月:2); "
        "月付款 100000.00 (due 2026-03-28T00:00:00+08:00, in 服务月:3); "
        "月付款 100000.00 (due 2026-04-04T00:00:00+08:00, in 服务月:3)"
        ") add up to 400000.00, more than contract_total 300000.00: check the event log for "
        "a repeated event"
    ]


def test_a_period_payment_without_a_term_is_not_compared(kit: Any) -> None:
    # Without a term nothing says how many months the contract total covers: no warning,
    # however many invoices (docs/language.md §6).
    text = REPEATED.replace("cycle 1 months from start for 3", "month")
    ruleset = slarules.loads(text, "monthly.sla")
    days = ["2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23"]
    report = ruleset.replay(_invoices(kit, days), as_of=kit.at("2026-05-01 00:00"))
    assert [w for w in report.warnings if "over the term" in w] == []
