"""Money: one currency per rule file (docs/language.md §1, model/money.py).

Every money literal — in an expression, a payment line, a parameter's default — must be in
the currency the file's header declares (CNY without one): ``500 EUR`` in a DKK file is
SLR112, so no sum, cap or comparison can mix currencies. (An unknown ``currency`` code is
SLR113, found by the parser.)

Also the other money constructs of issue 13:

- a parameter by date (a fee schedule) lists its rows in ascending order of their dates,
  each written as the parameter's type (SLR114);
- ``in group NAME`` names a ``group NAME cap …`` of the same payment, declared once and
  holding at least one line (SLR115);
- only a credit is settled later or only when claimed, and the lines of one capped group
  are settled alike, so that the cap applies to what is settled together (SLR116); a
  claim period is at least one day (SLR106);
- a money line's amount is not negative whatever the inputs (SLR117): a line's sign is its
  kind's (a deduction reduces, a refund pays back), so ``credit -5元 per point of …`` failed
  at replay and ``deduct -5元 when …`` silently paid the vendor more. Only what the file's
  literals decide is judged here; an amount that reads a parameter is checked at replay.
- an amount that reads the evidence and can be negative (``deduct (考核 - 50) * 100元 per
  occurrence of 事件``) stops the replay of a period where it is (SLR965; per occurrence,
  per point, ``credit … when``), or turns the line round there (``deduct … when``, ``deduct
  … per point below``, ``damages``: a deduction that pays the vendor more); SLR118 warns,
  as SLR133 warns of a divisor that can be zero. The ``base`` and the milestones too: a
  base below zero was replayed as a refund without a word.
- an amount of money is in whole minor units, at most two decimals (SLR136), as ``--param``
  requires; the amount of a ``per …`` line is a rate and may have more.
  The range is worked out by ``score_range`` (a scorecard 0 to its max, counts and
  measures zero or more, parameters zero or more).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Context, Decimal

from .. import model as m
from ..i18n import _
from ..language.printer import expr_text
from .base import Checker
from .score_range import score_range
from .units import PARAM_UNITS
from .walk import all_roots, exprs

_WIDE = Context(prec=120)  # quantizes any literal (at most 15 + 6 digits) exactly


def run(c: Checker) -> None:
    _currencies(c)
    _cents(c)
    for param in c.ruleset.params:
        _schedule(c, param)
    for payment in c.ruleset.payments:
        _groups(c, payment)
        _negative_amounts(c, payment)
        _maybe_negative_amounts(c, payment)
        for entry in payment.entries:
            if isinstance(entry, m.MoneyLine) and entry.settlement is not None:
                _settlement(c, entry, entry.settlement)


def _currencies(c: Checker) -> None:
    declared = c.ruleset.currency
    for literal in _money_literals(c.ruleset):
        written = m.literal_currency(literal)
        if written is not None and written != declared:
            c.report(
                "SLR112",
                literal.span,
                _(
                    "{text} is in {written}, but the rule file's currency is "
                    "{declared}{declared2}; a rule file states every amount in "
                    "one currency"
                ).format(
                    text=literal.text, written=written, declared=declared, declared2=_hint(declared)
                ),
            )


_CENT = Decimal("0.01")
_PER_UNIT = (m.MoneyPerOccurrence, m.PointsToMoney, m.LinearDeduction)


def _cents(c: Checker) -> None:
    """SLR136: an amount of money in whole minor units (0.01: 分, cent, øre), as ``--param``
    requires (``--param contract_total=100000.005`` is a usage error). ``100000.005元`` in
    the file was computed with while the report's inputs showed 100000.01. The amount of a
    ``per …`` line is a rate — money per occurrence, per point — multiplied before the line
    is rounded once: it may have more decimals (``0.125元 per point of …``)."""
    rates = {id(node) for node in _rate_literals(c.ruleset)}
    for literal in _money_literals(c.ruleset):
        value = literal.value
        if id(literal) in rates or not isinstance(value, Decimal) or not value.is_finite():
            continue
        if value != value.quantize(_CENT, context=_WIDE):
            c.report(
                "SLR136",
                literal.span,
                _(
                    "{text} has more decimals than money has: an amount is in whole "
                    "0.01 (分, cent), at most two decimals (a rate per occurrence or per "
                    "point may have more)"
                ).format(text=literal.text),
            )


def _rate_literals(ruleset: m.RuleFile) -> Iterator[m.Expr]:
    """The nodes of the amounts of ``per …`` lines: rates, not amounts."""
    for payment in ruleset.payments:
        for entry in payment.entries:
            if isinstance(entry, m.Damages) and entry.per is None:
                continue  # damages when …: an amount
            if isinstance(entry, (*_PER_UNIT, m.Damages)) and entry.amount is not None:
                yield from exprs(entry.amount)


def _hint(declared: str) -> str:
    if declared == m.DEFAULT_CURRENCY:
        return _("(the default: declare another with `currency EUR` in the ruleset header)")
    return ""


def _money_literals(ruleset: m.RuleFile) -> Iterator[m.Literal]:
    """Every money literal of the file, in a fixed order."""
    for param in ruleset.params:
        if param.schedule:
            yield from (row.value for row in param.schedule if row.value.unit is m.Unit.MONEY)
        elif param.default is not None and param.default.unit is m.Unit.MONEY:
            yield param.default
    for root in all_roots(ruleset):
        for node in exprs(root):
            if isinstance(node, m.Literal) and node.unit is m.Unit.MONEY:
                yield node


def _schedule(c: Checker, param: m.Param) -> None:
    """A fee schedule's rows: ascending dates, values of the parameter's type."""
    allowed = PARAM_UNITS.get(param.type, frozenset())
    previous: m.ScheduleRow | None = None
    for row in param.schedule:
        if previous is not None and row.start <= previous.start:
            c.report(
                "SLR114",
                row.span,
                _(
                    "parameter {param_name} by date: the row from {start} must "
                    "come after the row from {start2} (rows in ascending order "
                    "of their dates, each date once)"
                ).format(param_name=param.name, start=row.start, start2=previous.start),
            )
        if row.value.unit not in allowed or param.type in ("date", "bool"):
            c.report(
                "SLR114",
                row.value.span,
                _(
                    "parameter {param_name} is {type}; {text} is not one (a "
                    "parameter by date holds money, a number, points or a "
                    "percentage)"
                ).format(param_name=param.name, type=param.type, text=row.value.text),
            )
        previous = row


def _groups(c: Checker, payment: m.Payment) -> None:
    groups: dict[str, m.CapGroup] = {}
    for entry in payment.entries:
        if isinstance(entry, m.CapGroup):
            if entry.name in groups:
                c.report(
                    "SLR115",
                    entry.span,
                    _("group {entry_name} is declared twice").format(entry_name=entry.name),
                )
            groups.setdefault(entry.name, entry)
    members: dict[str, list[m.MoneyLine]] = {}
    for entry in payment.entries:
        if isinstance(entry, m.MoneyLine) and entry.group is not None:
            if entry.group not in groups:
                c.report(
                    "SLR115",
                    entry.span,
                    _(
                        "no group {group} in this payment; declare its cap with "
                        "`group {group} cap EXPR`"
                    ).format(group=entry.group),
                )
            members.setdefault(entry.group, []).append(entry)
    for name, group in groups.items():
        lines = members.get(name, [])
        if not lines:
            c.report(
                "SLR115",
                group.span,
                _("group {name} caps no line: mark lines `in group {name}`").format(name=name),
            )
        modes = {_settled(x.settlement) for x in lines}
        if len(modes) > 1:
            c.report(
                "SLR116",
                group.span,
                _(
                    "the lines of group {name} are settled differently "
                    "({modes}); a cap applies to lines settled together"
                ).format(name=name, modes=", ".join(sorted(modes))),
            )


def _settled(s: m.Settlement | None) -> str:
    if s is None:
        return _("in the period")
    return (
        _("next period") if s.mode == "next" else _("when claimed by {event}").format(event=s.event)
    )


def _settlement(c: Checker, entry: m.MoneyLine, s: m.Settlement) -> None:
    mode = "credit" if isinstance(entry, m.CreditWhen) else entry.mode
    if mode != "credit":
        c.report(
            "SLR116",
            s.span,
            _(
                "only a credit is settled later or when claimed; a {mode} is "
                "settled in its period (write credit … if the contract "
                "grants a service credit)"
            ).format(mode=mode),
        )
    if s.days is not None and (not isinstance(s.days.value, int) or s.days.value < 1):
        c.report("SLR106", s.days.span, _("a claim period is at least 1 day"))
    if s.days is not None and isinstance(s.days.value, int) and s.days.value > 3660:
        c.report("SLR119", s.days.span, _("a claim period is at most 3660 days"))


_AMOUNTED = (m.MoneyPerOccurrence, m.CreditWhen, m.PointsToMoney, m.FormulaDeduction, m.Damages)


def _negative_amounts(c: Checker, payment: m.Payment) -> None:
    """SLR117: an amount that the file's literals make negative, whatever the inputs."""
    for entry in payment.entries:
        if not isinstance(entry, _AMOUNTED):
            continue
        amount = entry.amount
        if amount is not None and (_sign(amount) or 0) < 0:
            c.report(
                "SLR117",
                amount.span,
                _(
                    "the amount {amount} is negative whatever the inputs; the line's kind "
                    "gives its sign (a deduction reduces the payment, a credit or refund is "
                    "owed to the customer, damages are owed by the vendor): write it positive"
                ).format(amount=expr_text(amount)),
            )


_SIGNED_AT_REPLAY = (m.MoneyPerOccurrence, m.CreditWhen, m.PointsToMoney)
"""The lines whose amount the replay refuses when it is negative (SLR965); a negative
``deduct … when``, ``… per point below`` or ``damages`` amount is taken as it is, and
turns the line round."""


_SCHEDULED = (m.PayBase, m.Milestone)
"""The lines that make the period's base: a negative one lowers the base below what the
period owes, and a base below zero is paid back to the customer as a refund."""


def _maybe_negative_amounts(c: Checker, payment: m.Payment) -> None:
    """SLR118: an amount that reads the evidence and can be negative in some period."""
    for entry in payment.entries:
        if not isinstance(entry, (*_AMOUNTED, m.LinearDeduction, *_SCHEDULED)):
            continue
        if entry.amount is None:
            continue
        amount = entry.amount
        scheduled = isinstance(entry, _SCHEDULED)
        if (_sign(amount) or 0) < 0 or not _reads_evidence(c, amount, payout=not scheduled):
            continue  # SLR117 already; or literals and parameters only (judged at replay)
        lowest, _highest = score_range(c, amount)
        if lowest >= 0:
            continue
        if isinstance(entry, _SIGNED_AT_REPLAY):
            then = _("the replay then stops in that period (SLR965)")
        elif isinstance(entry, _SCHEDULED):
            then = _(
                "the period's base then falls by it, and a base below zero is paid "
                "back to the customer as a refund"
            )
        else:
            then = _(
                "the line then turns round in that period (a deduction pays the vendor "
                "more, damages are owed to the vendor)"
            )
        message = _(
            "the amount {amount} reads the evidence and can be negative (as low as "
            "{lowest}); {then}: keep it from below zero (max(…, 0元)) or say what is "
            "owed then (if … then … else … end)"
        ).format(amount=expr_text(amount), lowest=_bound_text(lowest), then=then)
        c.report("SLR118", amount.span, message)


def _reads_evidence(c: Checker, e: m.Expr, *, payout: bool = True) -> bool:
    """Whether ``e`` reads a score, a composite, a measure, a count or (when ``payout``)
    ``payout``.

    A milestone that reads ``payout`` is the balance after an advance (fujian-slt:
    ``payout - 50% of contract_total``, "按考核结果支付剩余服务费"). Whether it can be
    negative depends on the pay band's lowest row and on the base together, which the
    ranges worked out here do not relate (both read contract_total): it would be warned
    whatever the rows, so it is not judged."""
    for node in exprs(e):
        if isinstance(node, m.Ref) and _is_evidence(c, node.name):
            return True
        if isinstance(node, m.Mean | m.Aggregate) or (payout and isinstance(node, m.Payout)):
            return True
    return False


def _is_evidence(c: Checker, name: str) -> bool:
    """A score, a composite or a measure: not a parameter, and not a name the file does not
    declare (SLR209 reports it; its range says nothing)."""
    return name in c.scorecards or name in c.composites or name in c.measures


def _bound_text(value: Decimal) -> str:
    return "-∞" if value.is_infinite() else f"{value.normalize():f}"


def _sign(e: m.Expr) -> int | None:
    """-1, 0 or 1 when the literals of ``e`` decide its sign; None when a name, a measure
    or a function does (``fee - 900元`` depends on the parameter)."""
    if isinstance(e, m.Literal):
        if isinstance(e.value, (Decimal, int)) and not isinstance(e.value, bool):
            return (e.value > 0) - (e.value < 0)
        return None
    if isinstance(e, m.Neg):
        inner = _sign(e.operand)
        return None if inner is None else -inner
    if isinstance(e, m.BinOp) and e.op in ("*", "/"):
        left, right = _sign(e.left), _sign(e.right)
        if left == 0 or (right == 0 and e.op == "*"):
            return 0
        return None if left is None or right is None else left * right
    if isinstance(e, m.BinOp) and e.op in ("+", "-"):
        left, right = _sign(e.left), _sign(e.right)
        if right is not None and e.op == "-":
            right = -right
        if left is not None and right is not None and left * right >= 0:
            return left or right
    return None
