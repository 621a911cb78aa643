"""Milestones: the payment schedule of one period (docs/language.md §6).

A milestone ``due N workdays after EVENT`` gives one line per ``EVENT`` milestone event in
the period, due N workdays (or days) after it on the ruleset's working-day calendar. A
milestone ``due by DATE`` (a date, or a date parameter) gives one line in the period that
contains the date, due at 24:00 of it. ``when CONDITION``: the payment is owed only when the
condition holds at the due time — counts in it (``count``, ``late``, ``mttr``, ``downtime``)
see everything recorded before the due time, since a payment condition is about the contract
so far (guangxi: 维护过程中无重大事故发生), while scores are the period's — and it is otherwise
listed at 0.00 with the reason, so the report shows the clause was checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from attrs import evolve

from ... import model as m
from ...calendar import Calendar
from ...i18n import _
from ...language.printer import cond_text, expr_text
from ..evidence import MilestoneEvent
from .composite import ExprEval, terms_text
from .errors import rule_error
from .results import PaymentLine

ZERO = Decimal("0.00")


class Unknown(Exception):
    """A value the payment needs is unknown (a missing input): no payment is computed."""


# What the schedule needs from the payment being computed: a function that evaluates an
# amount of money, exact (raising ``Unknown``), and one that names the terms behind it.
Amount = Callable[[m.Expr], Decimal]
Basis = Callable[[m.Expr], str]
CENT = Decimal("0.01")


def milestone_lines(
    ev: ExprEval,
    entries: Sequence[m.PaymentEntry],
    events: Sequence[MilestoneEvent],
    workdays: Calendar,
    value: Amount,
    basis: Basis,
    in_period: Callable[[datetime], bool] | None = None,
    carried: Decimal = ZERO,
) -> tuple[list[PaymentLine], Decimal]:
    """One line per milestone due in ``ev``'s period, in the order of the entries (and of
    the events for one entry), and the exact sum of the milestones scheduled so far.
    ``events`` are the milestone events whose payments belong to the period (see
    ``term.py``); ``in_period`` says whether a ``due by`` date does (by default: whether the
    period contains it). ``carried``: the exact sum of the milestones the earlier cycles of
    the term scheduled, which the rounding continues from (``_adding_up``)."""
    if in_period is None:
        in_period = ev.inst.contains
    out: list[tuple[PaymentLine, Decimal | None]] = []
    for entry in entries:
        if not isinstance(entry, m.Milestone):
            continue
        if entry.after is not None and entry.delay is not None:
            for event in events:
                if event.name == entry.after:
                    due = _due_after(workdays, event.at, entry.delay)
                    when = f"{entry.after} {event.event}, due {entry.delay.text} after"
                    out.append(_settled(ev, entry, due, when, value, basis))
        else:
            day = _by_date(ev, entry)
            if in_period(_midnight(day, ev)):
                due = _midnight(day + timedelta(days=1), ev)
                when = f"due by {day.isoformat()} 24:00"
                out.append(_settled(ev, entry, due, when, value, basis))
    return _adding_up(out, carried)


def _adding_up(
    lines: Sequence[tuple[PaymentLine, Decimal | None]], carried: Decimal = ZERO
) -> tuple[list[PaymentLine], Decimal]:
    """The lines rounded so that, in order, they add up to their exact running total rounded
    once: each pays round(S_k) − round(S_k−1); and the exact running total at the end.

    Why: rounding each on its own can schedule a cent more or less than the period pays
    (fujian-slt, contract 333333.33 at 85%: advance 50% = 166666.665 → 166666.67 and balance
    ``payout`` − 50% = 116666.665 → 116666.67 add up to 283333.34, a cent over the 283333.33
    the year pays). Over a term of cycles the running total starts at ``carried``, the exact
    sum the earlier cycles scheduled, so that every instalment of the term adds up to the
    exact total rounded once (guangxi: 25% + 25% + 50% of 10000000.02 is 10000000.02, not
    10000000.03). The running total is of the *scheduled* amounts, never of what was paid
    after deductions, and only earlier lines enter it: a line never changes when a later
    one is scheduled. A line whose own rounding already adds up is unchanged; pending and
    0.00 lines take no part. Each line is within 0.01 of its exact share (two roundings of
    at most half a cent each)."""
    out: list[PaymentLine] = []
    exact = carried
    paid = _money(carried)
    for line, amount in lines:
        if amount is None:
            out.append(line)
            continue
        exact += amount
        rounded = _money(exact) - paid
        paid += rounded
        if rounded != line.amount:
            line = evolve(line, amount=rounded, basis=f"{line.basis}; {_note(carried, paid)}")
        out.append(line)
    return out, exact


def _note(carried: Decimal, paid: Decimal) -> str:
    """Why a line is not its own rounding: the period's, or the term's, lines add up."""
    if carried:
        return _("rounded so that the term's milestones so far add up to {total}").format(
            total=paid
        )
    return _("rounded so that the period's milestones add up to {total}").format(total=paid)


def _money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def _settled(
    ev: ExprEval, entry: m.Milestone, due: datetime, when: str, value: Amount, basis: Basis
) -> tuple[PaymentLine, Decimal | None]:
    """The milestone's line with its exact amount, or a pending one (dated, without an
    amount) that says what it waits for when an input is unknown: a milestone whose amount
    does not depend on a missing score is final while the period's other lines wait."""
    mark = len(ev.missing)
    try:
        return _line(ev, entry, due, when, value, basis)
    except Unknown:
        waits = tuple(dict.fromkeys(ev.missing[mark:])) or (f"{entry.name}: a value",)
        text = f"{expr_text(entry.amount)}; {when}"
        return PaymentLine(entry.name, "milestone", None, entry.cite, text, due, waits), None


def _due_after(cal: Calendar, at: datetime, delay: m.Literal) -> datetime:
    n = int(delay.value)  # type: ignore[arg-type]
    if n < 1:
        return at.astimezone(cal.tz)
    if delay.unit is m.Unit.WORKDAYS:
        return cal.add_workdays(at, n)
    return cal.add_days(at, n)


def _by_date(ev: ExprEval, entry: m.Milestone) -> date:
    """The date of ``due by``: a literal, or the value of a date parameter."""
    if entry.by_date is not None:
        return entry.by_date
    value = ev.scope.param(str(entry.by))
    if not isinstance(value, date) or isinstance(value, datetime):
        raise rule_error(
            ev.scope.model,
            entry.span,
            "SLR964",
            _(
                "milestone {entry_name} is due by {by}, which is not a date parameter with a value"
            ).format(entry_name=entry.name, by=entry.by),
        )
    return value


def _midnight(day: date, ev: ExprEval) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ev.inst.start.tzinfo)


def _line(
    ev: ExprEval,
    entry: m.Milestone,
    due: datetime,
    when: str,
    value: Amount,
    basis: Basis,
) -> tuple[PaymentLine, Decimal | None]:
    """The line of one milestone due at ``due`` with its exact amount, or 0.00 when its
    condition does not hold at the due time."""
    checked = ""
    if entry.condition is not None:
        check = ExprEval(ev.scope, ev.inst, until=due)
        check.payout = ev.payout
        check.payout_waits = ev.payout_waits
        holds = check.cond(entry.condition)
        if holds is None:
            ev.missing.extend(check.missing)
            raise Unknown
        terms = f"{cond_text(entry.condition)}: {terms_text(check.terms, check.durations)}"
        if not holds:
            reason = _("condition does not hold at the due time: {terms}; {when}").format(
                terms=terms, when=when
            )
            return PaymentLine(entry.name, "milestone", ZERO, entry.cite, reason, due), None
        checked = f"; {terms}"
    amount = value(entry.amount)
    text = f"{expr_text(entry.amount)}: {basis(entry.amount)}{checked}; {when}"
    return PaymentLine(entry.name, "milestone", _money(amount), entry.cite, text, due), amount
