"""Terms: whether the periods' bases can add up to more than the contract total (SLR420),
and whether a payment's milestones, each once, schedule more than it (SLR421).

A payment's ``base`` is what each period of its period declaration is worth. Over the
contract's term the bases should add up to no more than ``contract_total``: a monthly
contract of 合同总金额/12 has twelve months, not thirteen. With the parameters' defaults,
``check`` warns when the term's count of cycles times the base exceeds the total, and when
a cycle period has no term at all (then nothing bounds how many cycles pay a base). A base
that reads a score or the evidence is not known before a replay and is not checked; nor is
a calendar month, quarter or year, which has no term in the language.

The milestones of a payment are the contract's schedule: each entry is paid at least once
(guangxi's 25% / 25% / 50% of 合同金额, once each over the term). When their amounts, each
counted once, add up to more than ``contract_total``, the file schedules more than the
contract pays whatever the event log says: a writer's slip (60% for 50%), SLR421 at the
milestone that takes the schedule over. A milestone whose amount reads a score or
``payout`` is not known before a replay, and then the payment is not checked.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from .. import model as m
from ..calendar.periods import Periods
from ..i18n import _, ngettext
from .base import Checker

CENT = Decimal("0.01")


def run(c: Checker) -> None:
    total = _static(c, m.Ref("contract_total"))
    if total is None:
        return
    for payment in c.ruleset.payments:
        _check_milestones(c, payment, total)
        base = next((e for e in payment.entries if isinstance(e, m.PayBase)), None)
        period = c.ruleset.names.periods.get(payment.period)
        if base is None or period is None:
            continue
        amount = _static(c, base.amount)
        if amount is None or amount <= 0:
            continue
        _check_base(c, base, period, amount.quantize(CENT, rounding=ROUND_HALF_UP), total)


def _check_milestones(c: Checker, payment: m.Payment, total: Decimal) -> None:
    """SLR421 at the first milestone whose amount takes the schedule (the milestones in the
    order of the file, each once) over ``contract_total`` (see the module docstring)."""
    limit = total.quantize(CENT, rounding=ROUND_HALF_UP)
    milestones = [e for e in payment.entries if isinstance(e, m.Milestone)]
    amounts = [_static(c, e.amount) for e in milestones]
    if not milestones or any(a is None for a in amounts):
        return
    running = Decimal(0)
    for index, (entry, amount) in enumerate(zip(milestones, amounts, strict=True)):
        assert amount is not None
        running += amount
        whole = running.quantize(CENT, rounding=ROUND_HALF_UP)
        if whole <= limit:
            continue
        shown = [
            f"{e.name} {(a or Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP):f}"
            for e, a in zip(milestones[: index + 1], amounts, strict=False)
        ]
        message = _(
            "milestone {name} takes the payment's schedule to {whole}, more than "
            "contract_total {limit}: the milestones, each paid once, schedule more than "
            "the contract pays"
        ).format(name=entry.name, whole=f"{whole:f}", limit=f"{limit:f}")
        witness = f"{' + '.join(shown)} = {whole:f} > {limit:f}"
        c.report("SLR421", entry.span, message, witness=witness)
        return


def _check_base(
    c: Checker, base: m.PayBase, period: m.PeriodDef, amount: Decimal, total: Decimal
) -> None:
    if period.kind != "cycle":
        return  # a calendar month, quarter or year states no term in the language
    count = _term_count(c, period)
    each, limit = f"{amount:f}", f"{total.quantize(CENT, rounding=ROUND_HALF_UP):f}"
    if count is None:
        if period.has_term:
            return  # the term cannot be resolved here; the references check says why
        message = _(
            "each period of {period_name} is paid a base of {each}, and "
            "{period_name} has no term, so the bases can add up to more "
            "than contract_total {limit}; state the term on the period: "
            "`for N` (periods) or `through DATE` (its last day)"
        ).format(period_name=period.name, each=each, limit=limit)
        c.report(
            "SLR420",
            base.span,
            message,
            witness=_("{period_name} has no term").format(period_name=period.name),
        )
        return
    whole = amount * count
    # The bases are rounded, so they are compared with the total rounded the same way: a
    # default of 100000.005元 pays one year 100000.01, which is not more than itself.
    if whole > total.quantize(CENT, rounding=ROUND_HALF_UP):
        message = ngettext(
            "the {count} period of {period_name}'s term is paid a base "
            "of {each}, {whole:f} in all, more than contract_total "
            "{limit}",
            "the {count} periods of {period_name}'s term are paid a base "
            "of {each} each, {whole:f} in all, more than contract_total "
            "{limit}",
            count,
        ).format(count=count, period_name=period.name, each=each, whole=whole, limit=limit)
        witness = f"{count} × {each} = {whole:f} > {limit}"
        c.report("SLR420", base.span, message, witness=witness)


def term_last_day(c: Checker, period: m.PeriodDef) -> date | None:
    """The last day of a cycle's term, with the parameters' defaults; None without a term
    or when it cannot be resolved."""
    count = _term_count(c, period)
    if count is None:
        return None
    try:
        tz = ZoneInfo(c.ruleset.timezone)
        end = Periods((period,), tz, _defaults(c)).term_end(period.name)
    except _UNRESOLVED:
        return None
    return None if end is None else end.date() - timedelta(days=1)


# A term that cannot be resolved: a bad timezone (SLR109), a date or count out of range
# (SLR119; OverflowError past year 9999), a parameter of the wrong type.
_UNRESOLVED = (ValueError, KeyError, LookupError, OverflowError, OSError, TypeError)


def _defaults(c: Checker) -> dict[str, object]:
    """The parameters' defaults, under the values given for a replay (if any)."""
    found: dict[str, object] = {
        p.name: p.default.value for p in c.ruleset.params if p.default is not None
    }
    return found | c.param_values


def _term_count(c: Checker, period: m.PeriodDef) -> int | None:
    """How many periods the term has, with the parameters' defaults; None without a term
    or when it cannot be resolved."""
    if period.kind != "cycle" or not period.has_term:
        return None
    if period.months is None or period.months < 1:
        return None  # `cycle 0 months`: SLR106 says so; laying out its term would divide by 0
    try:
        tz = ZoneInfo(c.ruleset.timezone)
        return Periods((period,), tz, _defaults(c)).term_count(period.name)
    except _UNRESOLVED:
        return None


def _static(c: Checker, e: m.Expr) -> Decimal | None:
    """The value of ``e`` from literals and parameter defaults alone; None when it reads
    anything else (a score, the evidence, ``payout``) or is not a number."""
    if isinstance(e, m.Literal):
        return _literal(e)
    if isinstance(e, m.Ref):
        param = c.params.get(e.name)
        if param is None or param.default is None:
            return None
        return _literal(param.default)
    if isinstance(e, m.Neg):
        v = _static(c, e.operand)
        return None if v is None else -v
    if isinstance(e, m.BinOp):
        a, b = _static(c, e.left), _static(c, e.right)
        return None if a is None or b is None else m.arithmetic(e.op, a, b)
    return None


def _literal(lit: m.Literal) -> Decimal | None:
    if lit.unit is m.Unit.PERCENT:
        return lit.number / 100
    if lit.unit in (m.Unit.NUMBER, m.Unit.MONEY):
        return lit.number
    return None
