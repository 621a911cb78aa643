"""Money of the model (docs/language.md §1 "Money and currencies", §6): the currencies a
rule file may declare, and which currency a money literal is written in.

A rule file is in one currency: ``currency DKK`` in its header (CNY without one, so the
Chinese rule files need not say it). Every money literal is that currency: ``2000元`` and
``20万元`` are CNY, ``500 DKK`` is Danish kroner; a literal in another currency is error
SLR112, so no sum can mix currencies. Amounts are exact decimals, each reported line
rounded half-up to the currency's minor unit (two decimals for every currency here).
Re-exported by ``slarules.model``.
"""

from __future__ import annotations

from attrs import frozen

from .base import Literal, Unit

DEFAULT_CURRENCY = "CNY"


@frozen
class Currency:
    """An ISO 4217 currency the language knows: its code, its minor unit (decimal places
    of a reported amount) and the suffixes a money literal may carry for it."""

    code: str
    minor_unit: int
    suffixes: tuple[str, ...]
    name: str


# Every currency here has two decimals (fen, cent, øre, penny). ``kr`` is not a suffix:
# it is the Danish, Norwegian and Swedish krone alike.
CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("CNY", 2, ("元", "万元", "CNY", "yuan"), "人民币 renminbi"),
        Currency("EUR", 2, ("EUR",), "euro"),
        Currency("DKK", 2, ("DKK",), "Danish krone"),
        Currency("NOK", 2, ("NOK",), "Norwegian krone"),
        Currency("SEK", 2, ("SEK",), "Swedish krona"),
        Currency("GBP", 2, ("GBP",), "pound sterling"),
        Currency("USD", 2, ("USD",), "US dollar"),
    )
}
_BY_SUFFIX = {suffix: c.code for c in CURRENCIES.values() for suffix in c.suffixes}
# The suffixes, longest first (``万元`` before ``元``), for the lexer's pattern.
MONEY_SUFFIXES = tuple(sorted(_BY_SUFFIX, key=lambda s: (-len(s), s)))


def currency_of_suffix(suffix: str) -> str | None:
    """The currency code a money literal's suffix names (``元`` → CNY), or None."""
    return _BY_SUFFIX.get(suffix.strip())


def literal_currency(literal: Literal) -> str | None:
    """The currency a money literal is written in, or None for any other literal (a plain
    number is in the file's currency wherever money is expected)."""
    if literal.unit is not Unit.MONEY:
        return None
    text = literal.text.rstrip()
    for suffix in MONEY_SUFFIXES:
        if text.endswith(suffix):
            return _BY_SUFFIX[suffix]
    return None


def minor_unit(code: str) -> int:
    """The decimal places of an amount in ``code`` (2 for every currency known here)."""
    currency = CURRENCIES.get(code)
    return 2 if currency is None else currency.minor_unit
