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
from ..evidence import BeyondCalendarData, MilestoneEvent
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
    as_of: datetime | None = None,
    awaited: Sequence[str] = (),
) -> list[PaymentLine]:
    """One line per milestone due in ``ev``'s period, in the order of the entries (and of
    the events for one entry). ``events`` are the milestone events whose payments belong to
    the period (see ``term.py``); ``in_period`` says whether a ``due by`` date does (by
    default: whether the period contains it). ``as_of``: a milestone with a condition due
    after it waits for its due time, when the condition is checked. Each line is rounded as
    its share of the schedule (``_as_shares``). ``awaited``: the trigger events not logged
    yet whose milestones this period lists as pending (``term.awaited_events``)."""
    if in_period is None:
        in_period = ev.inst.contains
    milestones = [e for e in entries if isinstance(e, m.Milestone)]
    out: list[tuple[PaymentLine, Decimal | None, _Before]] = []
    for entry, before in zip(milestones, _shares_before(ev, milestones, value), strict=True):
        if entry.after is not None and entry.delay is not None:
            for event in events:
                if event.name == entry.after:
                    due = _due_after_event(workdays, event, entry, _count_from(ev, entry, event))
                    when = _("{after} {event}, due {delay} after").format(
                        after=entry.after, event=event.event, delay=entry.delay.text
                    )
                    out.append((*_settled(ev, entry, due, when, value, basis, as_of), before))
            if entry.after in awaited:
                out.append((_awaiting(entry), None, before))
        else:
            day = _by_date(ev, entry)
            if in_period(_midnight(day, ev)):
                due = _midnight(day + timedelta(days=1), ev)
                when = _("due by {day} 24:00").format(day=day.isoformat())
                out.append((*_settled(ev, entry, due, when, value, basis, as_of), before))
    return [_as_share(line, amount, before) for line, amount, before in out]


# The exact sum of the milestones before an entry in the schedule, or the name of the first
# of them whose amount is unknown.
_Before = Decimal | str


def _shares_before(ev: ExprEval, milestones: Sequence[m.Milestone], value: Amount) -> list[_Before]:
    """For each milestone entry, the exact sum of the amounts of the entries before it in
    the file (the schedule), whether or not their events were logged or their conditions
    held; from the first entry whose amount is unknown on, its name."""
    out: list[_Before] = []
    total: _Before = ZERO
    mark = len(ev.missing)
    for entry in milestones:
        out.append(total)
        if isinstance(total, str):
            continue
        try:
            total += value(entry.amount)
        except Unknown:
            total = entry.name
    del ev.missing[mark:]
    return out


def _as_share(line: PaymentLine, amount: Decimal | None, before: _Before) -> PaymentLine:
    """The line rounded as its share of the schedule: round(S_k) − round(S_k−1), where
    S_k is the exact sum of the milestone entries up to and including its own, in the
    order of the file.

    Why: rounding each on its own can schedule a cent more or less than the contract
    (guangxi, contract 10000000.02: 25% + 25% + 50% rounded one by one are 2500000.01 +
    2500000.01 + 5000000.01, a cent over; as shares 2500000.01, 2500000.00 and 5000000.01);
    fujian-slt at 333333.33 and 85%: advance 166666.665 → 166666.67, balance ``payout`` −
    50% → 283333.33 − 166666.67 = 116666.66. The shares are of the *schedule* — the entries
    of the file, each counted once, with their exact amounts — not of the lines the log
    has made so far: so a line never changes when an earlier milestone's event is logged
    later, when an earlier condition fails (0.00) or when an earlier line's score becomes
    known, whatever ``as_of`` the report is run at; a running total of the lines would.
    A line whose earlier share is unknown waits for it. Each line is within 0.01 of its
    exact amount; when every entry pays once, the lines add up to the schedule's exact
    total rounded once."""
    if amount is None:
        return line
    if isinstance(before, str):
        waits = _("the amount of milestone {name}, before it in the schedule")
        return evolve(line, amount=None, waiting_for=(waits.format(name=before),))
    rounded = _money(before + amount) - _money(before)
    if rounded == line.amount:
        return line
    note = _("rounded as a share of the schedule: the milestones up to it add up to {total}")
    return evolve(
        line,
        amount=rounded,
        basis=f"{line.basis}; {note.format(total=_money(before + amount))}",
    )


def _money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def _settled(
    ev: ExprEval,
    entry: m.Milestone,
    due: datetime,
    when: str,
    value: Amount,
    basis: Basis,
    as_of: datetime | None = None,
) -> tuple[PaymentLine, Decimal | None]:
    """The milestone's line with its exact amount, or a pending one (dated, without an
    amount) that says what it waits for when an input is unknown: a milestone whose amount
    does not depend on a missing score is final while the period's other lines wait."""
    mark = len(ev.missing)
    try:
        if entry.condition is not None and as_of is not None and due > as_of:
            # The condition is about the contract up to the due time: what happens
            # between as_of and then can still make it fail (guangxi: 无重大事故发生).
            ev.missing.append(
                _("the due time {due}, when its condition is checked").format(due=due.isoformat())
            )
            raise Unknown
        return _line(ev, entry, due, when, value, basis)
    except Unknown:
        waits = tuple(dict.fromkeys(ev.missing[mark:])) or (f"{entry.name}: a value",)
        text = f"{expr_text(entry.amount)}; {when}"
        return PaymentLine(entry.name, "milestone", None, entry.cite, text, due, waits), None


def _awaiting(entry: m.Milestone) -> PaymentLine:
    """The pending line of a milestone whose trigger event has not been logged yet: no
    amount and no due date, waiting for the event (docs/language.md §6, "A milestone
    waits for its event")."""
    assert entry.after is not None and entry.delay is not None
    waits = _("the {event} milestone event, not logged yet").format(event=entry.after)
    text = _("{amount}; due {delay} after {after}, not logged yet").format(
        amount=expr_text(entry.amount), delay=entry.delay.text, after=entry.after
    )
    return PaymentLine(entry.name, "milestone", None, entry.cite, text, None, (waits,))


def _count_from(ev: ExprEval, entry: m.Milestone, event: MilestoneEvent) -> datetime:
    """Where the delay of ``entry`` starts for ``event``: at the event, or — ``after later
    of EVENT and DATE`` — at 00:00 of DATE when the event came before it: a payment whose
    condition is an event *and* a date (fujian-slt: "合同签订生效后，采购人收到…发票后，达到付款
    条件起15个工作日内") is counted from the day both hold, a day not counted itself."""
    if entry.not_before is None:
        return event.at
    day = entry.not_before_date
    if day is None:
        day = _date_param(ev, entry, str(entry.not_before))
    return max(event.at, _midnight(day, ev))


def _due_after_event(
    cal: Calendar, event: MilestoneEvent, entry: m.Milestone, start: datetime
) -> datetime:
    """The due time of ``entry`` counted from ``start`` (its event, or a later date); beyond
    the calendar's day data (an invoice logged on 30 Dec 2100, due 15 workdays later), an
    error of that event."""
    assert entry.delay is not None
    try:
        return due_after(cal, start, entry.delay)
    except (ValueError, OverflowError) as exc:
        message = _(
            "milestone {name} is due {delay} after {after}, which lies beyond the years "
            "its calendar covers ({problem})"
        ).format(name=entry.name, delay=entry.delay.text, after=entry.after, problem=exc)
        raise BeyondCalendarData(event.event, message) from None


def due_after(cal: Calendar, at: datetime, delay: m.Literal) -> datetime:
    """``delay`` (workdays or days) after ``at``, as a milestone is due."""
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
    return _date_param(ev, entry, str(entry.by))


def _date_param(ev: ExprEval, entry: m.Milestone, name: str) -> date:
    """The value of the date parameter ``name`` that ``entry`` reads."""
    value = ev.scope.param(name)
    if not isinstance(value, date) or isinstance(value, datetime):
        raise rule_error(
            ev.scope.model,
            entry.span,
            "SLR964",
            _(
                "milestone {entry_name} is due by {by}, which is not a date parameter with a value"
            ).format(entry_name=entry.name, by=name),
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
