"""Audit R4, fujian-scjg-2023: one whole service year as finance receives it — the JSON, the
text (en, zh), the one-screen summary, the HTML page and the Excel workbook show the same
money and score for every month, to the cent, and the workbook's lines add up to what it
says is payable.

Contract (shared/contracts/fujian-scjg-2023.txt, 1、服务期 / 6、质量保证要求):
  "本项目服务期为自合同签订之日起1年。"
  "成交人在服务期内每个月需根据采购人制定的运维服务考核表（百分制）接受运维情况考核。若有出现
  月考核分数低于80分或严重网络数据安全和保密事故的，每出现一次，采购人有权不予支付当月的金额
  （合同总金额/12*（100-当月考核分数）%），并视情况要求成交人支付同等金额的违约金"

Worked by hand, contract total 100000.00 (given with --param, as a buyer does):
  a month is 合同总金额/12 = 8333.333… → 8333.33; the twelve months must add up to the
  contract, so the last month carries the cents: 100000 − 11 × 8333.33 = 8333.37.
  Month 2 scores 79.5 (< 80): withheld 100000/12 × (100 − 79.5)% = 1708.3333… → 1708.33;
  the month pays 8333.33 − 1708.33 = 6625.00.
  Month 3 scores 100 with a 严重网络数据安全和保密事故: the amount withheld is the formula's,
  (100 − 100)% of the month = 0.00; the purchaser's right to damages is flagged.
  Every other month scores ≥ 80: nothing withheld.
  The year pays 11 × 8333.33 + 8333.37 − 1708.33 = 98291.67 = 100000 − 1708.33.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

D = Decimal
SCJG = "fujian-scjg-2023"
SCORES = [100, "79.5", 100, 90, 90, 90, 90, 90, 90, 90, 90, 85]
FIRSTS = ["2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
          "2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]  # fmt: skip


def _year(kit: Any) -> list[dict[str, Any]]:
    events = [
        kit.ev("2023-03-01 09:00", "milestone", name="signed"),
        kit.ev("2023-03-08 09:00", "delivered", deliverable="实施计划和运维方案"),
        kit.ev("2023-05-10 10:00", "occurrence", kind="严重安全保密事故"),
    ]
    for month, score in zip(FIRSTS, SCORES, strict=True):
        events.append(kit.ev(f"{month}-25 17:00", "score", scorecard="运维服务考核", score=score))
    return sorted(events, key=lambda e: e["at"])


def _expected() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for k, score in enumerate(SCORES, start=1):
        base = D("8333.37") if k == 12 else D("8333.33")
        withheld = D("-1708.33") if k == 2 else D("0.00")
        out[f"服务月:{k}"] = {
            "scores": {"运维服务考核": D(str(score))},
            "lines": [("base", base), ("formula", withheld)],
            "payable": base + withheld,
            "refund": D("0.00"),
            "damages": D("0.00"),
        }
    return out


@pytest.fixture(scope="module")
def rendered(kit: Any, views: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The year in every format, rendered once for the tests below."""
    return views.render(
        tmp_path_factory.mktemp("scjg"), SCJG, _year(kit), as_of="2024-03-15T00:00:00+08:00",
        params={"contract_total": "100000.00"},
    )  # fmt: skip


def test_every_rendering_shows_the_hand_worked_money_of_each_month(
    views: Any, rendered: Any
) -> None:
    assert views.disagreements(rendered, _expected()) == []
    payable = [D(p["payment"]["payable"]) for p in rendered["json"]["periods"]]
    assert sum(payable) == D("98291.67") == D("100000.00") - D("1708.33")


def test_the_workbook_lines_add_up_to_the_payable_as_finance_adds_them(
    views: Any, rendered: Any
) -> None:
    sums = views.finance_sums(rendered["xlsx"])
    expected = _expected()
    assert sorted(sums) == sorted(expected)
    for label, (added, payable) in sums.items():
        assert added == payable == expected[label]["payable"], label
