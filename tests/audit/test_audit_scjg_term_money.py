"""Audit: fujian-scjg-2023, the money of the whole service year, worked by hand from the
contract text (shared/contracts/fujian-scjg-2023.txt, 四、6 质量保证要求):

  "成交人在服务期内每个月需根据采购人制定的运维服务考核表（百分制）接受运维情况考核。若有出现
  月考核分数低于80分或严重网络数据安全和保密事故的，每出现一次，采购人有权不予支付当月的金额
  （合同总金额/12*（100-当月考核分数）%）"

and "本项目服务期为自合同签订之日起1年". The rule file's documented readings
(docs/rulesets/fujian-scjg-2023.md): twelve service months from `start` (2023-03-01), the
right to withhold is exercised, withheld at most once a month, a month scored 100 withholds
(100 − 100)% = nothing. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules

SCJG = "fujian-scjg-2023"
D = Decimal

# Month n of the service year (start 2023-03-01): 1 = March 2023 … 12 = February 2024.
# (month label, score date, score, serious incidents, hand-worked payable, reason)
YEAR: list[tuple[int, str, str, int, str]] = [
    # "低于80分": 80 is not below 80 → nothing withheld → 30000.00 (360000 / 12).
    (1, "2023-03-31 17:00", "80", 0, "30000.00"),
    # 79.99 < 80: (100 − 79.99)% = 20.01% of 30000 = 6003.00 withheld → 23997.00.
    (2, "2023-04-28 17:00", "79.99", 0, "23997.00"),
    # 0: 100% of 30000 withheld → 0.00, never below zero.
    (3, "2023-05-31 17:00", "0", 0, "0.00"),
    # 100 and one serious incident: (100 − 100)% = 0 withheld → 30000.00.
    (4, "2023-06-30 17:00", "100", 1, "30000.00"),
    # 95 and two serious incidents: the month's amount once, 5% of 30000 = 1500.00 → 28500.00.
    (5, "2023-07-31 17:00", "95", 2, "28500.00"),
    # 79.5 and one incident: once, 20.5% of 30000 = 6150.00 → 23850.00.
    (6, "2023-08-31 17:00", "79.5", 1, "23850.00"),
    # 90 → 30000.00.
    (7, "2023-09-28 17:00", "90", 0, "30000.00"),
    # 33.33: 66.67% of 30000 = 20001.00 → 9999.00.
    (8, "2023-10-31 17:00", "33.33", 0, "9999.00"),
    # 79.995: 20.005% of 30000 = 6001.50 → 23998.50.
    (9, "2023-11-30 17:00", "79.995", 0, "23998.50"),
    # 85 → 30000.00; 88 → 30000.00.
    (10, "2023-12-29 17:00", "85", 0, "30000.00"),
    (11, "2024-01-31 17:00", "88", 0, "30000.00"),
    # The last month, 2024-02-01 … 2024-02-29 (leap year), scored at 23:59 on its last day:
    # 70 → 30% of 30000 = 9000.00 withheld → 21000.00.
    (12, "2024-02-29 23:59", "70", 0, "21000.00"),
]
# Withheld over the year: 6003 + 30000 + 1500 + 6150 + 20001 + 6001.50 + 9000 = 78655.50;
# the year pays 360000 − 78655.50 = 281344.50.
YEAR_PAYS = "281344.50"


def _year_events(kit: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for _, stamp, score, incidents, _pay in YEAR:
        day = stamp.split(" ")[0]
        for k in range(incidents):
            events.append(kit.ev(f"{day} 0{k + 1}:00", "occurrence", kind="严重安全保密事故"))
        events.append(kit.ev(stamp, "score", scorecard="运维服务考核", score=score))
    # One minute after the year (2024-03-01 00:00): a thirteenth form, outside the contract.
    events.append(kit.ev("2024-03-01 00:00", "score", scorecard="运维服务考核", score="50"))
    return sorted(events, key=lambda e: e["at"])


@pytest.fixture(scope="module")
def year(kit: Any) -> dict[str, Any]:
    report: dict[str, Any] = kit.replay(SCJG, _year_events(kit), as_of="2024-04-01 00:00")
    return report


@pytest.mark.parametrize("month, stamp, score, incidents, payable", YEAR)
def test_each_month_of_the_year_pays_its_twelfth_less_the_formula(
    kit: Any, year: dict[str, Any], month: int, stamp: str, score: str, incidents: int,
    payable: str,
) -> None:  # fmt: skip
    period = kit.period(year, f"服务月:{month}")
    assert kit.line(period, "base")["amount"] == "30000.00"
    assert period["payment"]["payable"] == payable
    assert period["payment"]["status"] == "final"


def test_the_year_pays_the_contract_total_less_what_the_clause_withholds(
    year: dict[str, Any],
) -> None:
    payables = [D(p["payment"]["payable"]) for p in year["periods"]]
    assert len(payables) == 12
    assert sum(payables) == D(YEAR_PAYS)
    # The form dated 2024-03-01 00:00 belongs to no month: the year ended at 24:00 on 29 Feb.
    assert year["outside_term"]


@pytest.mark.parametrize(
    "total, bases",
    [
        # 100000 / 12 = 8333.333…: twelve lines of 8333.33 would pay 99999.96, four cents
        # short of "合同总金额". Eleven months of 8333.33 and a last of 8333.37, or any split
        # that adds up, keeps the year equal to the contract total; what cannot be right is a
        # year whose bases do not add up to it.
        ("100000", "100000.00"),
        # 100000.10 / 12 = 8333.341666…: 8333.34 × 12 = 100000.08, eight cents too many.
        ("100000.10", "100000.10"),
    ],
)
def test_twelve_bases_add_up_to_a_contract_total_that_twelve_does_not_divide(
    kit: Any, total: str, bases: str
) -> None:
    events = [
        kit.ev(f"{2023 + (m + 2) // 12}-{(m + 2) % 12 + 1:02d}-20 10:00", "score",
               scorecard="运维服务考核", score=100)
        for m in range(12)
    ]  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2024-03-31 00:00", params={"contract_total": total})
    lines = [D(kit.line(p, "base")["amount"]) for p in report["periods"]]
    assert sum(lines) == D(bases)
    assert sum(D(p["payment"]["payable"]) for p in report["periods"]) == D(bases)


def test_a_form_score_below_zero_is_refused_not_withheld_beyond_the_month(kit: Any) -> None:
    # "运维服务考核表（百分制）": a score from 0 to 100. Read as a score, −5 would withhold
    # (100 − (−5))% = 105% of the month, 31500.00 of 30000.00 — more than "当月的金额". It is
    # no score the form can give: the event is refused with its line, like a score above 100.
    events = [kit.ev("2023-03-20 10:00", "score", scorecard="运维服务考核", score=-5)]
    with pytest.raises(slarules.RuleError, match="below zero"):
        kit.replay(SCJG, events)


def test_a_plan_due_before_the_first_month_and_delivered_late_is_not_lost(kit: Any) -> None:
    # "成交人须在合同签订后10日内向采购人书面提交实施计划和运维方案…否则…采购人有权单方面解除
    # 合同". Signed Wednesday 15 Feb 2023 (the walkthrough: the due time follows the `signed`
    # event, the months follow `start`, 2023-03-01): day 10 is Saturday 25 Feb → Monday 27 Feb
    # 24:00. Delivered 5 Mar: late → 解除合同权. The report must show it somewhere: as the
    # first month's flag, or as evidence outside the term.
    events = [
        kit.ev("2023-02-15 10:00", "milestone", name="signed"),
        kit.ev("2023-03-05 10:00", "delivered", deliverable="实施计划和运维方案"),
        kit.ev("2023-03-31 10:00", "score", scorecard="运维服务考核", score=90),
    ]
    report = kit.replay(SCJG, events, as_of="2023-04-10 00:00")
    first = kit.period(report, "服务月:1")
    assert "解除合同权" in kit.flags(first) or report["outside_term"]


def test_a_plan_due_in_the_first_month_and_delivered_late_gives_the_right_to_rescind(
    kit: Any,
) -> None:
    # Signed 1 Mar 2023: day 10 is Saturday 11 Mar → Monday 13 Mar 24:00 (the walkthrough's
    # own example). Delivered 15 Mar: late → 解除合同权 in 服务月:1; the month's money is
    # unaffected (score 90: 30000.00).
    events = [
        kit.ev("2023-03-01 10:00", "milestone", name="signed"),
        kit.ev("2023-03-15 10:00", "delivered", deliverable="实施计划和运维方案"),
        kit.ev("2023-03-31 10:00", "score", scorecard="运维服务考核", score=90),
    ]
    first = kit.period(kit.replay(SCJG, events, as_of="2023-04-10 00:00"), "服务月:1")
    assert "解除合同权" in kit.flags(first)
    assert first["payment"]["payable"] == "30000.00"
