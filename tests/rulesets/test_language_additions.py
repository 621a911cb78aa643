"""The three constructs added for the reference rulesets (docs/language.md §5, §6):

- the counter ``late delivery of DELIVERABLE`` (sichuan: 未按时提交每次扣2分);
- ``count(KIND)`` / ``count(SLA)`` in expressions (fujian-scjg: 或严重网络数据安全和保密事故);
- ``late(DELIVERABLE)`` in expressions (fujian-scjg: 10日内提交实施计划，否则…解除合同).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "additions" { timezone "Asia/Shanghai" }
param contract_total: money = 1200元
calendar 全天 { hours "24x7" }
period 月 = month
kind 事故
deliverable 报告
sla 故障 { calendar 全天  metric respond from opened to responded  tier 一般 { respond 1h } }
scorecard 考核 per 月 {
  item 文档 max 10 { deduct 2 per late delivery of 报告 }
  item 响应 max 90 { deduct 1 per breach of 故障.respond }
}
payment per 月 {
  base contract_total / 12
  deduct 10元 * count(事故) when count(事故) > 0
  flag 报告逾期 when late(报告) > 0
  flag 故障多 when count(故障) >= 2
}
"""


def at(day: str, time: str = "10:00") -> str:
    return f"2026-03-{day}T{time}:00+08:00"


def replay(events: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(slarules.loads(RULES).replay(events).to_json())
    return next(p for p in data["periods"] if p["period"] == "2026-03")


def test_a_late_delivery_counts_once_however_late() -> None:
    # One report 1 day late and one 9 days late, one on time: 2 late deliveries × 2 = 4.
    events = [
        {"at": at("02"), "type": "due", "deliverable": "报告"},
        {"at": at("03"), "type": "delivered", "deliverable": "报告"},
        {"at": at("05"), "type": "due", "deliverable": "报告"},
        {"at": at("14"), "type": "delivered", "deliverable": "报告"},
        {"at": at("20"), "type": "due", "deliverable": "报告"},
        {"at": at("19"), "type": "delivered", "deliverable": "报告"},
    ]
    period = replay(events)
    item = next(i for i in period["scorecards"][0]["items"] if i["name"] == "文档")
    assert (item["score"], item["lines"][0]["count"]) == ("6", "2")
    assert [f["name"] for f in period["payment"]["flags"]] == ["报告逾期"]


def test_count_reads_occurrences_and_tickets_of_the_period() -> None:
    # Two 事故 → 2 × 10元 = 20.00 withheld from 100.00; two tickets → flag 故障多.
    events = [
        {"at": at("02"), "type": "occurrence", "kind": "事故"},
        {"at": at("09"), "type": "occurrence", "kind": "事故"},
        {"at": at("03"), "type": "opened", "ticket": "A", "sla": "故障", "tier": "一般"},
        {"at": at("04"), "type": "opened", "ticket": "B", "sla": "故障", "tier": "一般"},
    ]
    payment = replay(events)["payment"]
    formula = next(x for x in payment["lines"] if x["kind"] == "formula")
    assert formula["amount"] == "-20.00"
    assert "count(事故) = 2" in formula["basis"]
    assert payment["payable"] == "80.00"
    assert [f["name"] for f in payment["flags"]] == ["故障多"]


def test_the_constructs_print_and_parse_back() -> None:
    model = parse(RULES, "additions.sla")
    printed = format_ruleset(model)
    assert "late delivery of 报告" in printed
    assert "count(事故)" in printed and "late(报告)" in printed
    assert parse(printed, "additions.sla") == model
    assert check_ruleset(model) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("deduct 2 per late delivery of 报吿", "SLR206"),
        ("deduct 2 per late delivery of 事故", "SLR206"),
    ],
)
def test_unknown_deliverables_are_refused(text: str, code: str) -> None:
    bad = RULES.replace("deduct 2 per late delivery of 报告", text)
    codes = {d.code for d in check_ruleset(parse(bad, "bad.sla"))}
    assert code in codes


@pytest.mark.parametrize(
    ("condition", "code"),
    [
        ("late(报吿) > 0", "SLR206"),
        ("count(事古) > 0", "SLR205"),
        ("count(故障.respond) > 0", "SLR211"),
    ],
)
def test_unknown_names_in_count_and_late_are_refused(condition: str, code: str) -> None:
    bad = RULES.replace("late(报告) > 0", condition)
    codes = {d.code for d in check_ruleset(parse(bad, "bad.sla"))}
    assert code in codes
