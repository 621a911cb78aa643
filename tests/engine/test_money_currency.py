"""Currencies (docs/language.md §1 "Money and currencies"): a rule file declares one
currency (CNY by default), money literals carry it, and nothing mixes currencies: a
literal, an event amount or a ``--param`` in another currency is refused, never converted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.errors import RuleError, UsageError
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

D = Decimal

DKK_RULES = """
ruleset "dk-saas" { timezone "Europe/Copenhagen" currency DKK }
param fee: money = 10000 DKK
kind 设备丢失
period 月 = month
payment per 月 {
  base fee
  damages actual loss per occurrence of 设备丢失
}
"""


def _loss(amount: str, **extra: Any) -> dict[str, Any]:
    return {
        "at": "2026-03-02T10:00:00+01:00",
        "type": "occurrence",
        "kind": "设备丢失",
        "amount": amount,
        **extra,
    }


def _payment(rules: str, events: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    report = slarules.loads(rules).replay(
        events, period="2026-03", as_of="2026-04-02T00:00:00+02:00", **options
    )
    payment = report.to_dict()["periods"][0]["payment"]
    assert isinstance(payment, dict)
    return payment


def test_a_dkk_file_reports_dkk_and_rounds_each_line_half_up_to_the_ore() -> None:
    # "the Supplier shall compensate the Customer's documented loss": one loss of
    # 1234.565 DKK (an event amount, exact) is one line, rounded half-up once → 1234.57;
    # the fee 10000 DKK is the base. The report names the currency.
    payment = _payment(DKK_RULES, [_loss("1234.565", currency="DKK")])
    assert payment["currency"] == "DKK"
    assert payment["payable"] == "10000.00"
    assert payment["damages"] == "1234.57"


def test_cny_stays_the_default_currency() -> None:
    rules = DKK_RULES.replace(" currency DKK", "").replace("10000 DKK", "10000元")
    assert parse(rules).currency == "CNY"
    assert _payment(rules, [_loss("1")])["currency"] == "CNY"


def test_an_event_amount_in_another_currency_is_refused() -> None:
    with pytest.raises(RuleError, match="currency 'EUR': amounts are in DKK"):
        _payment(DKK_RULES, [_loss("12", currency="EUR")])


def test_a_literal_in_another_currency_is_slr112() -> None:
    rules = DKK_RULES.replace("base fee", "base fee\n  deduct 500 EUR when fee > 20000 DKK")
    found = [(d.code, d.line) for d in check_ruleset(parse(rules))]
    assert found == [("SLR112", 8)]
    # 元 is CNY: a CNY literal in a DKK file is refused too, and a DKK one in a CNY file.
    assert [d.code for d in check_ruleset(parse(DKK_RULES.replace("10000 DKK", "10000元")))] == [
        "SLR112"
    ]
    cny = DKK_RULES.replace(" currency DKK", "")
    assert [d.code for d in check_ruleset(parse(cny))] == ["SLR112"]


def test_an_unknown_currency_is_slr113() -> None:
    with pytest.raises(RuleError, match="SLR113"):
        parse(DKK_RULES.replace("currency DKK", "currency XYZ"))


@pytest.mark.parametrize(
    "code, literal", [("EUR", "99.50 EUR"), ("NOK", "1 NOK"), ("GBP", "7 GBP"), ("USD", "8USD")]
)
def test_each_currency_checks_clean_with_its_own_literals(code: str, literal: str) -> None:
    rules = DKK_RULES.replace("DKK", code).replace(f"10000 {code}", literal)
    assert check_ruleset(parse(rules)) == []


def test_the_currency_round_trips_through_fmt() -> None:
    model = parse(DKK_RULES)
    text = format_ruleset(model)
    assert "currency DKK" in text
    assert parse(text) == model
    assert format_ruleset(parse(text)) == text


def test_a_param_in_another_currency_is_a_usage_error() -> None:
    ruleset = slarules.loads(DKK_RULES)
    with pytest.raises(UsageError, match="money in DKK"):
        ruleset.replay([], params={"fee": "500 EUR"})
    # the file's currency, or a plain number, is accepted: 20000 DKK is the base.
    assert _payment(DKK_RULES, [], params={"fee": "20000 DKK"})["payable"] == "20000.00"
