"""The canonical text of the money entries of a payment (docs/language.md §6, issue 13),
for the printer (``slarules fmt``) and for the names of report lines. Kept apart from
``printer.py`` so that neither module outgrows ~600 lines."""

from __future__ import annotations

from collections.abc import Callable

from .. import model as m

ExprText = Callable[[m.Expr], str]
CondText = Callable[[m.Condition], str]
NameText = Callable[[str], str]  # printer.name: a name, quoted where it must be


def settlement_text(s: m.Settlement | None, name: NameText) -> str:
    """`` settled next period`` / `` claimed by EVENT within N days``, or nothing."""
    if s is None:
        return ""
    if s.mode == "next":
        return " settled next period"
    assert s.event is not None and s.days is not None
    return f" claimed by {name(s.event)} within {s.days.text}"


def money_head(e: m.MoneyLine, expr: ExprText, cond: CondText, name: NameText) -> str:
    """What a money line says, without its options: ``credit 5% of 月费 when …``."""
    if isinstance(e, m.CreditWhen):
        return f"credit {expr(e.amount)} when {cond(e.condition)}"
    if isinstance(e, m.PointsToMoney):
        return f"{e.mode} {expr(e.amount)} per point of {expr(e.points)}"
    amount = "stated amount" if e.amount is None else expr(e.amount)
    return f"{e.mode} {amount} per occurrence of {name(e.per)}"


def money_entry_text(
    e: m.MoneyLine | m.CapGroup, expr: ExprText, cond: CondText, name: NameText
) -> str:
    """The whole entry, options included (without its ``cite``)."""
    if isinstance(e, m.CapGroup):
        return f"group {name(e.name)} cap {expr(e.cap)}"
    text = money_head(e, expr, cond, name)
    if e.cap is not None:
        text += f" cap {expr(e.cap)}"
    text += settlement_text(e.settlement, name)
    if e.group is not None:
        text += f" in group {name(e.group)}"
    return text
