"""Parse-tree readers of the money constructs (docs/language.md §6, issue 13): fee
schedules (``param 月费: money by date { from … -> … }``), money lines per occurrence and
per point, credits, their settlement and their capped groups. Kept apart from ``tree.py``
so that neither module outgrows ~600 lines; the parser's builder inherits both."""

from __future__ import annotations

from datetime import date
from typing import Any

from lark import Token, Tree

from .. import model as m
from ..i18n import _
from .tree import Node, PTree, TreeReader, as_tree

# Parse-tree names of the money entries of a payment (grammar: ``money_entry``).
MONEY_ENTRIES = frozenset(
    {
        "deduct_per_occurrence",
        "credit_per_occurrence",
        "refund_per_occurrence",
        "credit_when",
        "deduct_per_point",
        "credit_per_point",
        "cap_group",
    }
)


class MoneyReader(TreeReader):
    """``TreeReader`` with the money constructs."""

    def currency(self, field: PTree) -> str:
        """The ``currency`` of the header: an ISO 4217 code the language knows (SLR113)."""
        code = str(field.children[0])
        if code not in m.CURRENCIES:
            known = ", ".join(m.CURRENCIES)
            self.error(
                field,
                "SLR113",
                _("unknown currency “{code}”; use one of {known}").format(code=code, known=known),
            )
            return m.DEFAULT_CURRENCY
        return code

    def d_param_schedule(self, tree: PTree) -> tuple[str, Any]:
        """``param NAME: TYPE by date { from DATE -> VALUE … }``: the default is the first
        row's value (what the checks read); the schedule is read per period."""
        rest, cite, _unused = self.split(tree.children)
        name = self.name(rest[0])
        ptype = str(as_tree(rest[1]).children[0])
        rows = tuple(self.schedule_row(as_tree(r)) for r in rest[2:])
        default = rows[0].value if rows else None
        param = m.Param(name, ptype, default, cite=cite, span=self.span(tree), schedule=rows)
        if not rows:
            self.error(tree, "SLR114", _("parameter {name} by date has no rows").format(name=name))
        return "params", param

    def schedule_row(self, tree: PTree) -> m.ScheduleRow:
        rest, cite, _unused = self.split(tree.children)
        start = self.literal(rest[0]).value
        assert isinstance(start, date)
        return m.ScheduleRow(start, self.literal(rest[1]), cite=cite, span=self.span(tree))

    def payment_entry(self, tree: PTree) -> m.PaymentEntry:
        if tree.data not in MONEY_ENTRIES:
            return super().payment_entry(tree)
        rest, cite, _unused = self.split(tree.children)
        span = self.span(tree)
        kind = tree.data
        if kind == "cap_group":
            return m.CapGroup(self.name(rest[0]), self.expr(rest[1]), cite=cite, span=span)
        mode = kind.split("_", 1)[0]
        cap, settlement, group = self.money_options(rest[-1])
        if kind == "credit_when":
            return m.CreditWhen(
                self.expr(rest[0]),
                self.condition(rest[1]),
                cap,
                settlement,
                group,
                cite=cite,
                span=span,
            )
        if kind.endswith("_per_point"):
            return m.PointsToMoney(
                mode,
                self.expr(rest[0]),
                self.expr(rest[1]),
                cap,
                settlement,
                group,
                cite=cite,
                span=span,
            )
        stated = isinstance(rest[0], Tree) and rest[0].data == "stated_amount"
        amount = None if stated else self.expr(rest[0])
        return m.MoneyPerOccurrence(
            mode, amount, self.name(rest[1]), cap, settlement, group, cite=cite, span=span
        )

    def money_options(self, node: Node) -> tuple[m.Expr | None, m.Settlement | None, str | None]:
        """``[cap EXPR] [settled next period | claimed by EVENT within N days]
        [in group NAME]``."""
        cap: m.Expr | None = None
        settlement: m.Settlement | None = None
        group: str | None = None
        for child in as_tree(node).children:
            part = as_tree(child)
            if part.data == "deduction_cap":
                cap = self.expr(part.children[0])
            elif part.data == "money_group":
                group = self.name(part.children[0])
            elif part.data == "settled_next":
                settlement = m.Settlement("next", span=self.span(part))
            else:
                event, days = part.children
                assert isinstance(days, Token)
                settlement = m.Settlement(
                    "claim", self.name(event), self.literal(days), span=self.span(part)
                )
        return cap, settlement, group
