"""Payments: where ``payout`` has a value, and what a milestone is due by.

- ``payout`` is what the payment's ``pay band`` pays in the period, so it needs exactly one
  pay band in its payment, and it cannot be read where it would depend on itself: in the
  ``base``, the ``bond`` or a band. A milestone that reads it needs a ``base`` (without
  one the base is the sum of the milestones). Outside a payment it has no value. SLR213.
- ``due by NAME`` names a date parameter (SLR209 when there is none of that name, SLR211
  when it is not a date).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..i18n import _
from .base import Checker
from .walk import condition_exprs, entry_exprs, exprs


def run(c: Checker) -> None:
    for composite in c.ruleset.composites:
        _nowhere(
            c,
            [composite.expr],
            _("composite {composite_name}").format(composite_name=composite.name),
        )
    for flag in c.ruleset.flags:
        _nowhere(
            c, condition_exprs(flag.condition), _("flag {flag_name}").format(flag_name=flag.name)
        )
    for payment in c.ruleset.payments:
        _payment(c, payment)


def _payouts(roots: list[m.Expr]) -> Iterator[m.Payout]:
    for root in roots:
        for node in exprs(root):
            if isinstance(node, m.Payout):
                yield node


def _nowhere(c: Checker, roots: list[m.Expr], where: str) -> None:
    for node in _payouts(roots):
        message = _(
            "payout is what a payment's pay band pays in its period; it has no value in {where}"
        ).format(where=where)
        c.report("SLR213", node.span, message)


def _payment(c: Checker, payment: m.Payment) -> None:
    bands = [e for e in payment.entries if isinstance(e, m.PaymentBand) and e.mode == "pay"]
    has_base = any(isinstance(e, m.PayBase) for e in payment.entries)
    for entry in payment.entries:
        if isinstance(entry, m.Milestone):
            _due_by(c, entry)
        for node in _payouts(entry_exprs(entry)):
            problem = _payout_problem(entry, len(bands), has_base)
            if problem is not None:
                c.report("SLR213", node.span, problem)


def _payout_problem(entry: m.PaymentEntry, bands: int, has_base: bool) -> str | None:
    """Why ``payout`` has no value in ``entry``, or None when it has one."""
    if isinstance(entry, m.PayBase | m.PayBond | m.PaymentBand):
        what = {m.PayBase: _("the base"), m.PayBond: _("the bond"), m.PaymentBand: "a band"}
        return _(
            "payout cannot be read in {what}: the pay band's payout is "
            "computed from the base, before the bond and the other bands"
        ).format(what=what[type(entry)])
    if bands != 1:
        found = _("no pay band") if bands == 0 else _("{bands} pay bands").format(bands=bands)
        return _("payout is what the payment's pay band pays, but this payment has {found}").format(
            found=found
        )
    if isinstance(entry, m.Milestone) and not has_base:
        return _(
            "a milestone that reads payout needs a base: without one the "
            "base is the sum of the milestones, which would then depend "
            "on itself"
        )
    return None


def _due_by(c: Checker, milestone: m.Milestone) -> None:
    """The parameter of ``due by PARAM`` or ``after later of EVENT and PARAM`` must be a
    date parameter."""
    if isinstance(milestone.by, str):
        _date_param(c, milestone, milestone.by, "by")
    if isinstance(milestone.not_before, str):
        _date_param(c, milestone, milestone.not_before, "and")


def _date_param(c: Checker, milestone: m.Milestone, name: str, keyword: str) -> None:
    where = c.locate(milestone.span, name, after=keyword)
    param = c.params.get(name)
    dates = [p.name for p in c.ruleset.params if p.type == "date"]
    if param is None:
        c.unknown("SLR209", _("date parameter"), name, dates, where)
    elif param.type != "date":
        message = _(
            "{param_name} is a {type} parameter; a milestone is due by a date parameter or a date"
        ).format(param_name=param.name, type=param.type)
        c.report("SLR211", where, message)
