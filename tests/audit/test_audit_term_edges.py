"""Audit: evidence at the edges of a contract's term is never lost (docs/language.md §2,
"Terms"; engine/scoring/term.py).

Three rules, each worked by hand from the contract text quoted beside the test:
- a deliverable due time the rule file computes that falls before the first cycle counts in
  the first cycle, one that falls at or after the term's end counts in the last, and its
  evidence text says so;
- anything else dated outside the term is listed under ``outside_term`` ("before the term
  (from DATE)" / "after the term"), never dropped;
- every cycle of a term up to ``as_of`` is reported from the first cycle, whenever the log
  begins; calendar months (no term) are still reported from the first event.
Nothing here was copied from slarules' output.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import slarules
from slarules.report.html import render_report_html
from slarules.report.text import render_report_text

GXT = "fujian-gxt-2026"
SCJG = "fujian-scjg-2023"


def _labels(report: dict[str, Any]) -> list[str]:
    return [p["period"] for p in report["periods"]]


# ---- item 3: every cycle of the term is reported ----------------------------------------


def test_a_log_that_starts_in_the_second_cycle_still_reports_the_first_with_its_payment(
    kit: Any,
) -> None:
    # fujian-gxt-2026: "2026—2027年", two 12-month 服务周期 from 2026-01-01 (the rule file's
    # reading); each cycle's base is 1000000 / 2 = 500000.00 ("项目合同款项", the documented
    # placeholder). The log's first event is in 2027, cycle 2:
    # - 服务周期:1 (2026) has no evidence: nothing deducted, 服务考核 = 100, no "低于90分"
    #   deduction → 500000.00, and it must be in the report (the whole term's money).
    # - 服务周期:2: one 操作失误事故 ("每次扣10分") and one 服务不规范 ("每发现一次扣5分") →
    #   100 − 15 = 85; "低于90分的，每低1分扣除项目合同款项的5%" → 5 × 5% × 1000000 = 250000
    #   → 500000 − 250000 = 250000.00.
    # The term pays 500000.00 + 250000.00 = 750000.00.
    events = [
        kit.ev("2027-03-10 10:00", "occurrence", kind="操作失误事故"),
        kit.ev("2027-06-15 10:00", "occurrence", kind="服务不规范"),
    ]
    report = kit.replay(GXT, events, as_of="2028-01-10 00:00")
    assert _labels(report) == ["服务周期:1", "服务周期:2"]
    first, second = kit.period(report, "服务周期:1"), kit.period(report, "服务周期:2")
    assert kit.card(first, "服务考核")["score"] == "100"
    assert first["payment"]["payable"] == "500000.00"
    assert kit.card(second, "服务考核")["score"] == "85"
    assert second["payment"]["payable"] == "250000.00"
    total = sum(Decimal(p["payment"]["payable"]) for p in report["periods"])
    assert total == Decimal("750000.00")


def test_the_first_cycle_is_reported_while_the_second_is_running(kit: Any) -> None:
    # Same contract, as_of 2027-07-01: 服务周期:1 has ended (2027-01-01) with no evidence →
    # 500000.00; 服务周期:2 has started and is reported, not yet ended.
    events = [kit.ev("2027-03-10 10:00", "occurrence", kind="操作失误事故")]
    report = kit.replay(GXT, events, as_of="2027-07-01 00:00")
    assert _labels(report) == ["服务周期:1", "服务周期:2"]
    first = kit.period(report, "服务周期:1")
    assert first["ended"] is True
    assert first["payment"]["payable"] == "500000.00"
    assert kit.period(report, "服务周期:2")["ended"] is False


def test_a_period_selection_is_still_a_filter(kit: Any) -> None:
    # docs/reports.md: a selection is a filter. Selecting 服务周期:2 reports it alone, even
    # though the term begins with 服务周期:1.
    events = [kit.ev("2027-03-10 10:00", "occurrence", kind="操作失误事故")]
    report = kit.ruleset(GXT).replay(events, as_of=kit.at("2028-01-10 00:00"), period="服务周期:2")
    data = json.loads(report.to_json())
    assert [p["period"] for p in data["periods"]] == ["服务周期:2"]


def test_scjg_months_before_the_first_event_are_reported_and_wait_for_their_score(
    kit: Any,
) -> None:
    # fujian-scjg-2023: twelve 服务月 from 2023-03-01; "每个月需根据采购人制定的运维服务考核表
    # （百分制）接受运维情况考核": each month waits for its score. A log that begins in May
    # (服务月:3) reports 服务月:1 and 2 too — incomplete, since nobody logged their forms, so
    # their payments wait — and 服务月:3 scored 90 pays its full 360000 / 12 = 30000.00.
    # as_of 1 June 00:00 is the first instant of 服务月:4: it has started and is reported.
    events = [kit.ev("2023-05-31 17:00", "score", scorecard="运维服务考核", score=90)]
    report = kit.replay(SCJG, events, as_of="2023-06-01 00:00")
    assert _labels(report) == ["服务月:1", "服务月:2", "服务月:3", "服务月:4"]
    for label in ("服务月:1", "服务月:2"):
        month = kit.period(report, label)
        assert month["complete"] is False
        assert month["payment"]["payable"] is None
    assert kit.period(report, "服务月:3")["payment"]["payable"] == "30000.00"


def test_calendar_months_still_start_at_the_first_event(kit: Any) -> None:
    # aliyun-ecs-2021: "一个服务周期为一个自然月" — a calendar month, no term. A log that
    # begins in May 2021 reports May and June (as_of 10 June), nothing before.
    events = kit.ticket(
        "T1", "ECS实例", "实例", "2021-05-10 10:00", ("2021-05-10 10:30", "restored")
    )
    report = kit.replay("aliyun-ecs-2021", events, as_of="2021-06-10 00:00")
    assert _labels(report) == ["2021-05", "2021-06"]


# ---- item 1: computed due times before the first cycle ------------------------------------


def test_a_plan_due_before_the_first_month_counts_in_the_first_month_only(kit: Any) -> None:
    # "成交人须在合同签订后10日内向采购人书面提交实施计划和运维方案…否则…采购人有权单方面解除
    # 合同". Signed Wednesday 15 Feb 2023, the months run from 2023-03-01: day 10 is Saturday
    # 25 Feb → Monday 27 Feb 24:00, before 服务月:1. Delivered 5 Mar: late → 解除合同权, in
    # the first month (the obligation is the contract's), not in the second. Month 1 scored
    # 90: nothing withheld ("低于80分"), 30000.00.
    events = [
        kit.ev("2023-02-15 10:00", "milestone", name="signed"),
        kit.ev("2023-03-05 10:00", "delivered", deliverable="实施计划和运维方案"),
        kit.ev("2023-03-31 10:00", "score", scorecard="运维服务考核", score=90),
        kit.ev("2023-04-28 10:00", "score", scorecard="运维服务考核", score=90),
    ]
    report = kit.replay(SCJG, events, as_of="2023-05-10 00:00")
    first, second = kit.period(report, "服务月:1"), kit.period(report, "服务月:2")
    assert "解除合同权" in kit.flags(first)
    assert "解除合同权" not in kit.flags(second)
    assert first["payment"]["payable"] == "30000.00"
    assert report["outside_term"] == []


# ---- item 2: computed due times after the term ------------------------------------------


def test_the_last_months_report_says_it_is_counted_in_the_last_month(kit: Any) -> None:
    # dk-itdrift-2026: "Leverandøren afleverer en månedsrapport senest 10 Arbejdsdage efter
    # hver måneds afslutning"; 36 months from 2026-01-01. December 2028's report is due 10
    # Arbejdsdage after 31 December 2028: 2, 3, 4, 5, 8, 9, 10, 11, 12, 15 January 2029 (1
    # January is nytårsdag) → 2029-01-15 24:00, after the term. Months 1…35's reports are
    # delivered on the 1st of the next month (on time). At as_of 2029-02-01 00:00 December's
    # is outstanding, 16 days after its due time (16 Jan … 31 Jan): "5 bodspoint for en
    # manglende månedsrapport" in måned:36, "0,1 % af det månedlige driftsvederlag pr.
    # bodspoint" → 100000 − 5 × 100 = 99500.00 DKK.
    rules = kit.ruleset("dk-itdrift-2026")
    events: list[dict[str, Any]] = []
    for k in range(2, 37):
        year, month = 2026 + (k - 1) // 12, (k - 1) % 12 + 1
        stamp = f"{year}-{month:02d}-01T12:00:00+01:00"
        events.append({"at": stamp, "type": "delivered", "deliverable": "månedsrapport"})
    report = json.loads(rules.replay(events, as_of="2029-02-01T00:00:00+01:00").to_json())
    last = kit.period(report, "måned:36")
    item = kit.item(kit.card(last, "bod"), "rapportering")
    texts = [text for line in item["lines"] for text in line["evidence"]]
    assert texts == [
        "månedsrapport due 10 workdays after end of måned (måned:36) = 2029-01-15 24:00 "
        "(after the term: counted in måned:36): outstanding, 16 days late"
    ]
    assert last["payment"]["payable"] == "99500.00"
    assert report["outside_term"] == []


# ---- anything else outside the term is listed -------------------------------------------


def test_a_score_before_the_first_month_is_listed_as_before_the_term(kit: Any) -> None:
    # fujian-scjg-2023: the service year begins 2023-03-01. A form dated 20 Feb 2023 scores
    # no month of the contract: it is listed, "before the term (from 2023-03-01)", and the
    # first month is scored by its own form (90: nothing withheld, 30000.00), not by it.
    events = [
        kit.ev("2023-02-20 10:00", "score", scorecard="运维服务考核", score=50),
        kit.ev("2023-03-31 10:00", "score", scorecard="运维服务考核", score=90),
    ]
    report = kit.replay(SCJG, events, as_of="2023-04-01 00:00")
    assert report["outside_term"] == [
        {
            "period": "服务月",
            "term_end": "2024-03-01T00:00:00+08:00",
            "evidence": ["event 1: score 运维服务考核, before the term (from 2023-03-01)"],
        }
    ]
    assert kit.period(report, "服务月:1")["payment"]["payable"] == "30000.00"
    assert any("before or after the term of 服务月" in w for w in report["warnings"])


@pytest.mark.parametrize(
    ("stamp", "side"),
    [
        ("2025-12-20 00:00", "before the term (from 2026-01-01)"),
        ("2028-01-05 00:00", "after the term"),
    ],
)
def test_a_deadline_a_due_event_gives_outside_the_term_is_listed(
    kit: Any, stamp: str, side: str
) -> None:
    # fujian-gxt-2026: "定期提供汇总数据及报告" sets no time, so the purchaser gives each
    # 运维报告's deadline with a `due` event. A deadline outside 2026-01-01 … 2027-12-31 is no
    # rule of the contract's: it is listed, not moved into a cycle. Cycle 1 has no other
    # evidence: 100 points, 500000.00.
    events = [kit.ev(stamp, "due", deliverable="运维报告")]
    report = kit.replay(GXT, events, as_of="2028-02-01 00:00")
    assert [o["evidence"] for o in report["outside_term"]] == [[f"event 1: 运维报告 due, {side}"]]
    assert kit.period(report, "服务周期:1")["payment"]["payable"] == "500000.00"


def test_a_ticket_opened_before_the_term_is_listed_and_costs_the_first_cycle_nothing(
    kit: Any,
) -> None:
    # fujian-gxt-2026: the term begins 2026-01-01. A 一般 fault reported 2025-12-31 22:00
    # and answered 2026-01-01 01:00 misses "应在接到应用方故障通知1小时内响应" by two hours, but
    # a ticket's breach counts in the period it was opened in, and it was opened before the
    # contract's first cycle: it counts in none, and is listed as before the term. 服务周期:1
    # keeps 100 points ("未能按照服务响应时间要求响应的每次扣2分" does not apply) → 500000.00.
    events = kit.ticket(
        "T1",
        "故障",
        "一般",
        "2025-12-31 22:00",
        ("2026-01-01 01:00", "responded"),
        ("2026-01-01 02:00", "resolved"),
    )
    report = kit.replay(GXT, events, as_of="2027-01-10 00:00")
    assert [o["evidence"] for o in report["outside_term"]] == [
        ["event 1: ticket T1 opened, before the term (from 2026-01-01)"]
    ]
    first = kit.period(report, "服务周期:1")
    assert kit.card(first, "服务考核")["score"] == "100"
    assert first["payment"]["payable"] == "500000.00"


def test_the_text_and_html_reports_list_what_is_before_the_term(kit: Any) -> None:
    # The same score as above, dated 20 Feb 2023, before 服务月:1 (2023-03-01): both
    # renderings a person reads list it under the term, not only the JSON.
    events = [kit.ev("2023-02-20 10:00", "score", scorecard="运维服务考核", score=50)]
    report = kit.ruleset(SCJG).replay(events, as_of=kit.at("2023-04-01 00:00"))
    line = "event 1: score 运维服务考核, before the term (from 2023-03-01)"
    text = render_report_text(report)
    assert "Outside the term of 服务月" in text
    assert f"  - {line}" in text
    page = render_report_html(report)
    assert "Outside the term of 服务月" in page
    linked = "<a href='#le1'>event 1</a>: score 运维服务考核, before the term (from 2023-03-01)"
    assert f"<li>{linked}</li>" in page
    assert "id='le1'" in page  # the line index holds the event it links to


# ---- a ticket's computed due time follows its ticket -------------------------------------

PER_TICKET = """
ruleset "term-edge-tickets" { timezone "Asia/Shanghai" }
param start: date = 2026-01-01
calendar 全天 { hours "24x7" days CN }
period 服务季度 = cycle 3 months from start for 2
deliverable 故障报告 due 3 days after restored
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 4h }
}
scorecard 文档 per 服务季度 {
  item 及时 max 100 {
    deduct 1 per day late of 故障报告
  }
}
"""


def test_a_tickets_report_due_after_the_term_counts_only_if_the_ticket_is_the_contracts(
    kit: Any,
) -> None:
    # Two quarters from 2026-01-01: the term ends 2026-07-01 00:00. "故障报告 due 3 days
    # after restored" (calendar days, Civil Code: the restoring day is not counted, a last
    # day on a rest day moves to the next working day).
    # - Ticket A, opened and restored Monday 29 June (inside the term): due 29 + 3 = Thursday
    #   2 July 24:00, after the term → it counts in 服务季度:2, the last quarter. Delivered
    #   Sunday 5 July 10:00: 2 days 10 hours late → 3 started days → 100 − 3 = 97.
    # - Ticket B, opened and restored Thursday 2 July (after the term): no ticket of the
    #   contract, so neither is its report. Due 2 + 3 = Sunday 5 July → Monday 6 July 24:00,
    #   never delivered; it is listed with its ticket as after the term, and costs nothing.
    rules = slarules.loads(PER_TICKET)
    events = [
        kit.ev("2026-06-29 10:00", "opened", ticket="A", sla="故障", tier="一般"),
        kit.ev("2026-06-29 12:00", "restored", ticket="A"),
        kit.ev("2026-07-02 10:00", "opened", ticket="B", sla="故障", tier="一般"),
        kit.ev("2026-07-02 12:00", "restored", ticket="B"),
        kit.ev("2026-07-05 10:00", "delivered", deliverable="故障报告", ticket="A"),
    ]
    report = json.loads(rules.replay(events, as_of=kit.at("2026-07-20 00:00")).to_json())
    last = kit.period(report, "服务季度:2")
    item = kit.item(kit.card(last, "文档"), "及时")
    assert item["score"] == "97"
    assert [text for line in item["lines"] for text in line["evidence"]] == [
        "故障报告 due 3 days after restored event 2 of ticket A = 2026-07-02 24:00 "
        "(after the term: counted in 服务季度:2), delivered event 5: 3 days late"
    ]
    assert [o["evidence"] for o in report["outside_term"]] == [
        [
            "event 3: ticket B opened, after the term",
            "故障报告 due 3 days after restored event 4 of ticket B = 2026-07-06 24:00, "
            "after the term",
        ]
    ]
