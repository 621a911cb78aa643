"""Audit R4, fujian-scjg-2023: the parameters as a buyer sets them — the contract total at
its extremes and with one decimal too many, a term starting on the 31st and crossing a year,
a term starting on 29 February — and the money of every month and of the term, by hand.

Contract (shared/contracts/fujian-scjg-2023.txt):
  "本项目服务期为自合同签订之日起1年。"
  "若有出现月考核分数低于80分…采购人有权不予支付当月的金额（合同总金额/12*（100-当月考核分数）%）"
SPEC §4: "Money is CNY": an amount of 人民币 is in 元 and 分 (0.01), so a contract total
with a third decimal (100000.005) is not an amount of money; the report would otherwise
state one contract total (100000.01, rounded for display) and compute with another
(100000.005). Refused, as a wrong value is (exit 2), naming the parameter.

The rule file's reading of the months (docs/rulesets/fujian-scjg-2023.md): twelve months
counted from `start`, each ending the day before the date k months after `start`, or on the
last day of that month when it has no such date (Civil Code art. 202). The months' bases are
合同总金额/12 rounded to the cent, the last one carrying the cents, so the twelve add up to
the contract total.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from slarules.cli import main

D = Decimal
SCJG = "fujian-scjg-2023"
ROOT = Path(__file__).resolve().parents[2]


def _months(kit: Any, firsts: list[str], scores: list[Any]) -> list[dict[str, Any]]:
    events = [
        kit.ev(f"{firsts[0]} 09:00", "milestone", name="signed"),
        kit.ev(f"{firsts[0]} 10:00", "delivered", deliverable="实施计划和运维方案"),
    ]
    events += [
        kit.ev(f"{day} 12:00", "score", scorecard="运维服务考核", score=score)
        for day, score in zip(firsts, scores, strict=True)
    ]
    return events


FROM_MARCH = ["2023-03-01", "2023-04-01", "2023-05-01", "2023-06-01", "2023-07-01",
              "2023-08-01", "2023-09-01", "2023-10-01", "2023-11-01", "2023-12-01",
              "2024-01-01", "2024-02-01"]  # fmt: skip
SCORES = [100, "79.5", 90, 90, 90, 90, 90, 90, 90, 90, 90, 90]


@pytest.mark.parametrize(
    "total, bases, withheld, term",
    [
        # 0.01: 0.01/12 = 0.000833… → 0.00 for months 1–11; the last month carries the cent,
        # 0.01 − 11 × 0.00 = 0.01. Month 2 at 79.5 withholds 0.01/12 × 20.5% = 0.00017… →
        # 0.00. The term pays 0.01, the whole contract.
        ("0.01", ["0.00"] * 11 + ["0.01"], "0.00", "0.01"),
        # 99999999.99: /12 = 8333333.3325 → 8333333.33; the last month 99999999.99 −
        # 11 × 8333333.33 = 99999999.99 − 91666666.63 = 8333333.36. Month 2 at 79.5:
        # 8333333.3325 × 20.5% = 1708333.3331625 → 1708333.33. The term pays
        # 99999999.99 − 1708333.33 = 98291666.66.
        ("99999999.99", ["8333333.33"] * 11 + ["8333333.36"], "-1708333.33", "98291666.66"),
    ],
)
def test_the_contract_total_at_its_extremes_pays_the_term_to_the_cent(
    kit: Any, views: Any, tmp_path: Path, total: str, bases: list[str], withheld: str, term: str
) -> None:
    rendered = views.render(
        tmp_path, SCJG, _months(kit, FROM_MARCH, SCORES), as_of="2024-03-15T00:00:00+08:00",
        params={"contract_total": total},
    )  # fmt: skip
    periods = rendered["json"]["periods"]
    assert [kit.line(p, "base")["amount"] for p in periods] == bases
    assert [kit.line(p, "formula")["amount"] for p in periods] == [
        "0.00", withheld, *["0.00"] * 10
    ]  # fmt: skip
    assert sum(D(b) for b in bases) == D(total)
    assert sum(D(p["payment"]["payable"]) for p in periods) == D(term)
    sums = views.finance_sums(rendered["xlsx"])
    assert sum(added for added, _ in sums.values()) == D(term)


@pytest.mark.parametrize("total", ["100000.005", "100000.004", "1.2345678万元"])
def test_a_contract_total_with_a_third_decimal_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], total: str
) -> None:
    # 100000.005 is not an amount of 人民币 (the 分 is the smallest unit): the buyer has
    # mistyped, and neither 100000.00 nor 100000.01 may be guessed. 1.2345678万元 is
    # 12345.678元: a third decimal too.
    log = tmp_path / "events.jsonl"
    log.write_text("", "utf-8")
    rules = str(ROOT / "rulesets" / f"{SCJG}.sla")
    as_of = ["--as-of", "2024-03-15T00:00:00+08:00"]
    code = main(["replay", rules, str(log), *as_of, "--param", f"contract_total={total}"])
    err = capsys.readouterr().err
    assert code == 2
    assert "contract_total" in err and "0.01" in err


def test_a_contract_total_given_to_the_api_with_a_third_decimal_is_refused(kit: Any) -> None:
    with pytest.raises(Exception, match=r"contract_total.*0\.01"):
        kit.ruleset(SCJG).replay(
            [], as_of="2024-03-15T00:00:00+08:00", params={"contract_total": D("100000.005")}
        )


# Start on the 31st, crossing a year: month k ends the day before (31 Jan + k months), or on
# the last day of that month when it has no 31st: Feb 28 (no Feb 31), Mar 30, Apr 30 (no
# Apr 31), May 30, Jun 30, Jul 30, Aug 30, Sep 30, Oct 30, Nov 30, Dec 30, and the twelfth
# month ends 2024-01-30, the day before 2024-01-31 ("自合同签订之日起1年").
FROM_31_JAN = ["2023-01-31", "2023-03-01", "2023-03-31", "2023-05-01", "2023-05-31",
               "2023-07-01", "2023-07-31", "2023-08-31", "2023-10-01", "2023-10-31",
               "2023-12-01", "2023-12-31"]  # fmt: skip
# Start on 29 Feb 2024: the 29th of each month exists until February 2025, which has none:
# the year ends on its last day, 2025-02-28.
FROM_29_FEB = ["2024-02-29", "2024-03-29", "2024-04-29", "2024-05-29", "2024-06-29",
               "2024-07-29", "2024-08-29", "2024-09-29", "2024-10-29", "2024-11-29",
               "2024-12-29", "2025-01-29"]  # fmt: skip


@pytest.mark.parametrize(
    "start, firsts, last_day",
    [("2023-01-31", FROM_31_JAN, "2024-01-30"), ("2024-02-29", FROM_29_FEB, "2025-02-28")],
)
def test_a_term_from_the_31st_or_29_february_pays_each_month_its_score(
    kit: Any, start: str, firsts: list[str], last_day: str
) -> None:
    # Contract total 120000.00: each month 10000.00 exactly. A score logged at noon on the
    # first day of each month is that month's. Month 2 at 79.5 withholds 10000 × 20.5% =
    # 2050.00; the term pays 120000 − 2050 = 117950.00.
    report = kit.replay(
        SCJG, _months(kit, firsts, SCORES), as_of="2025-06-01 00:00",
        params={"start": start, "contract_total": "120000"},
    )  # fmt: skip
    periods = report["periods"]
    assert [p["start"][:10] for p in periods] == firsts
    assert periods[-1]["end"][:10] == _next_day(last_day)
    scores = [kit.card(p, "运维服务考核")["score"] for p in periods]
    assert scores == [str(s) for s in SCORES]
    assert [p["payment"]["payable"] for p in periods] == [
        "10000.00", "7950.00", *["10000.00"] * 10
    ]  # fmt: skip
    assert sum(D(p["payment"]["payable"]) for p in periods) == D("117950.00")


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
