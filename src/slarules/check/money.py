"""Money: one currency per rule file (docs/language.md §1, model/money.py).

Every money literal — in an expression, a payment line, a parameter's default — must be in
the currency the file's header declares (CNY without one): ``500 EUR`` in a DKK file is
SLR112, so no sum, cap or comparison can mix currencies. (An unknown ``currency`` code is
SLR113, found by the parser.)
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from .base import Checker
from .walk import all_roots, exprs


def run(c: Checker) -> None:
    declared = c.ruleset.currency
    for literal in _money_literals(c.ruleset):
        written = m.literal_currency(literal)
        if written is not None and written != declared:
            c.report(
                "SLR112",
                literal.span,
                f"{literal.text} is in {written}, but the rule file's currency is {declared}"
                f"{_hint(declared)}; a rule file states every amount in one currency",
            )


def _hint(declared: str) -> str:
    if declared == m.DEFAULT_CURRENCY:
        return " (the default: declare another with `currency EUR` in the ruleset header)"
    return ""


def _money_literals(ruleset: m.RuleFile) -> Iterator[m.Literal]:
    """Every money literal of the file, in a fixed order."""
    for param in ruleset.params:
        if param.default is not None and param.default.unit is m.Unit.MONEY:
            yield param.default
    for root in all_roots(ruleset):
        for node in exprs(root):
            if isinstance(node, m.Literal) and node.unit is m.Unit.MONEY:
                yield node
