"""The calendars' horizon: a file that checks clean can be evaluated to the end of its term.

- SLR403 (error): the contract's term, plus the longest delay or target counted from it,
  must end inside the years the calendar has day data for. China's day source (the
  ``holidays`` data) covers 1950-2100: with ``param start: date = 2099-12-31``, a one-year
  term ends on 2100-12-30, and "due 1000 workdays after invoiced" counted from an invoice
  on that day would need China's holidays of 2101-2104, which no one has. A replay of such a
  file would stop at the first event that reaches it, so ``check`` names the line. The
  delays checked: a tier's target (a ticket opened on the term's last day), a payment
  milestone or a deliverable ``due N (work)days after EVENT``, and the term itself on every
  calendar.
  A deliverable with nested delays (``due 7 days after 6 months after start``) is counted
  as the replay counts it: the inner steps to their last day, then the outer one.
  ``check`` reads the parameters' defaults; a replay given other values (``--param
  start=2100-06-01``) asks ``params_past_day_data`` the same with those, and stops with a
  usage error naming the values and the rule file's line before any event is read.
- An evaluation time past the day data (``--as-of 2101-03-02T10:00:00+08:00``: a clock
  still running then needs the day's hours): ``as_of_past_day_data`` names the option, its
  value and the last day each calendar covers, instead of an error naming nothing.
- SLR404 (error): a calendar with working hours must keep having working time to the end of
  the years it covers. Extra holidays listed over every working day from some date on leave
  a calendar that never works again: a clock started after that date never ends (a replay
  stops with "beyond 2200"), so ``check`` names the calendar and its last working day.

Work: nothing for a calendar without extra holidays; for one with them, a look at the year
after the last (it ends at the first working day, within a week on an ordinary calendar),
and only when none works there, one walk back over the days its extra holidays close; per
target, milestone and deliverable, one due-time computation of at most ten years
(``evaluable``'s bounds), and only for a file with a term.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from .. import model as m
from ..calendar import MIN_YEAR, Calendar, add_months_to_date
from ..calendar.declared import build_calendar
from ..i18n import _
from .base import Checker
from .evaluable import MAX_DAYS, MAX_WORKDAYS, MAX_WORKING_WEEKS
from .terms import term_last_day

__all__ = ["as_of_past_day_data", "params_past_day_data", "run"]

# A calendar whose last working day lies more than this before the end of its years has
# stopped working (a seasonal calendar may rest a few months; none rests a whole year).
_RESTING = timedelta(days=366)
# Errors that say a computation left the years a calendar covers (or could not be built:
# the other checks report why).
_OUTSIDE = (ValueError, OverflowError, KeyError, LookupError, OSError, TypeError)


def run(c: Checker) -> None:
    calendars = _built(c)
    for name, cal in calendars.items():
        _stops_working(c, c.calendars[name], cal)
    last, period = _term_end(c)
    if last is None or period is None:
        return
    for name, cal in calendars.items():
        problem = _reach(partial(cal.day_hours, last))
        if problem is not None:
            message = _(
                "the term of period {period} ends on {last}, and calendar {calendar} has "
                "no day data for it ({problem}): end the term earlier"
            ).format(period=period.name, last=last, calendar=name, problem=problem)
            c.report("SLR403", period.span, message, last.isoformat())
            return  # every delay from there would say the same
    for sla in c.ruleset.slas:
        _targets(c, sla, calendars, last, period)
    _milestones(c, calendars, last, period)
    _deliverables(c, calendars, last, period)


def _built(c: Checker) -> dict[str, Calendar]:
    """Each calendar as evaluation builds it; one that cannot be built is left out (other
    checks report why: SLR108, SLR109, SLR140)."""
    out: dict[str, Calendar] = {}
    for definition in c.ruleset.calendars:
        try:
            out[definition.name] = build_calendar(definition, c.ruleset.timezone)
        except _OUTSIDE:
            continue
    return out


def _term_end(c: Checker) -> tuple[date | None, m.PeriodDef | None]:
    """The latest last day of a term among the periods (parameters at their defaults)."""
    found: tuple[date | None, m.PeriodDef | None] = (None, None)
    for period in c.ruleset.periods:
        last = term_last_day(c, period)
        if last is not None and (found[0] is None or last > found[0]):
            found = (last, period)
    return found


def _reach(compute: Callable[[], object]) -> str | None:
    """None when ``compute()`` stays inside the calendar's years, else why not."""
    try:
        compute()
    except _OUTSIDE as exc:
        return str(exc) or _("beyond the years slarules covers")
    return None


def _bounded(amount: m.Literal) -> bool:
    """A target or delay within ``evaluable``'s bounds (beyond them SLR119 says so; a
    count of days below 1 names no day, SLR106, and the calendar refuses to count it)."""
    value = amount.value
    if amount.unit is m.Unit.DURATION:
        return isinstance(value, timedelta) and value <= timedelta(weeks=MAX_WORKING_WEEKS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return False
    return value <= (MAX_WORKDAYS if amount.unit is m.Unit.WORKDAYS else MAX_DAYS)


def _due(cal: Calendar, start: datetime, amount: m.Literal, cob: bool = False) -> datetime | None:
    """The due time of ``amount`` counted from ``start`` (as the engine counts it); None
    for a unit counted otherwise."""
    value = amount.value
    if amount.unit is m.Unit.DURATION:
        assert isinstance(value, timedelta)
        return cal.add(start, value)
    if amount.unit is m.Unit.WORKDAYS:
        assert isinstance(value, int)
        return cal.add_workdays(start, value, close_of_business=cob)
    if amount.unit is m.Unit.DAYS:
        assert isinstance(value, int)
        return cal.add_days(start, value, close_of_business=cob)
    return None


def _targets(
    c: Checker, sla: m.Sla, calendars: dict[str, Calendar], last: date, period: m.PeriodDef
) -> None:
    """SLR403 for a target that, for a ticket opened late on the term's last day, would end
    beyond its calendar's day data."""
    metric_calendar = {x.name: x.calendar or sla.calendar for x in sla.metrics}
    for tier in sla.tiers:
        for target in tier.targets:
            cal = calendars.get(metric_calendar.get(target.metric) or "")
            amount = target.amount
            if cal is None or amount is None or not _bounded(amount):
                continue
            start = datetime.combine(last, time(23, 59), cal.tz)
            cob = target.close_of_business
            problem = _reach(partial(_due, cal, start, amount, cob))
            if problem is not None:
                what = _("target {metric} {amount} of tier {tier}").format(
                    metric=target.metric, amount=amount.text, tier=tier.name
                )
                _report(c, target.span, what, last, period, problem)


def _milestones(
    c: Checker, calendars: dict[str, Calendar], last: date, period: m.PeriodDef
) -> None:
    """SLR403 for a milestone ``due N (work)days after EVENT``, or a bond ``returned due N
    (work)days after EVENT``, whose event, logged on the term's last day, would be due
    beyond the workday calendar's day data."""
    cal = _workday_calendar(c, calendars)
    if cal is None:
        return
    start = datetime.combine(last, time(12), cal.tz)
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            delay, what = _event_delay(entry)
            if delay is None or what is None:
                continue
            if delay.unit not in (m.Unit.DAYS, m.Unit.WORKDAYS) or not _bounded(delay):
                continue
            begin = start
            later = entry.not_before_date if isinstance(entry, m.Milestone) else None
            if later is not None and later > last:  # `after later of EVENT and DATE`
                begin = datetime.combine(later, time(0), cal.tz)
            problem = _reach(partial(_due, cal, begin, delay))
            if problem is not None:
                _report(c, entry.span, what, last, period, problem)


def _event_delay(entry: object) -> tuple[m.Literal | None, str | None]:
    """A payment entry's delay after an event, and how SLR403 names it (None, None for an
    entry without one)."""
    if isinstance(entry, m.Milestone) and entry.delay is not None:
        return entry.delay, _("milestone {name} due {delay} after {after}").format(
            name=entry.name, delay=entry.delay.text, after=entry.after
        )
    if isinstance(entry, m.PayBond) and entry.returned_delay is not None:
        return entry.returned_delay, _("the bond returned due {delay} after {after}").format(
            delay=entry.returned_delay.text, after=entry.returned_after
        )
    return None, None


def _deliverables(
    c: Checker, calendars: dict[str, Calendar], last: date, period: m.PeriodDef
) -> None:
    """SLR403 for a deliverable ``due N (work)days after EVENT`` (or after the end of a
    period; or ``due 7 days after 6 months after …``, nested) whose event, on the term's
    last day, would be due beyond the day data."""
    default = _workday_calendar(c, calendars)
    for deliverable in c.ruleset.deliverables:
        due = deliverable.due
        if due is None or not due.delays:
            continue
        cal = calendars.get(due.calendar) if due.calendar is not None else default
        outer = due.delays[0]
        if cal is None or outer.unit not in (m.Unit.DAYS, m.Unit.WORKDAYS):
            continue
        if not all(_bounded(delay) for delay in due.delays):
            continue
        problem = _reach(partial(_nested_due, cal, last, due.delays))
        if problem is not None:
            steps = " after ".join(delay.text for delay in due.delays)
            what = _("deliverable {name} due {delay} after {after}").format(
                name=deliverable.name, delay=steps, after=due.after
            )
            _report(
                c, due.span if due.span.line > 0 else deliverable.span, what, last, period, problem
            )


def _nested_due(cal: Calendar, day: date, delays: tuple[m.Literal, ...]) -> None:
    """The due time of ``delays`` (outermost first) counted from ``day``, as the engine
    counts it (engine/deliverables.py ``due_after_day``): each inner step to its last day,
    then the outer one from noon of that day; the day it ends on must have day data."""
    for delay in reversed(delays[1:]):
        day = _inner_last_day(cal, day, delay)
    end = _due(cal, datetime.combine(day, time(12), cal.tz), delays[0])
    if end is not None:
        cal.day_hours(end.astimezone(cal.tz).date())


def _inner_last_day(cal: Calendar, day: date, delay: m.Literal) -> date:
    value = delay.value
    assert isinstance(value, int) and not isinstance(value, bool)
    if delay.unit is m.Unit.WORKDAYS:
        return cal.add_workdays(datetime.combine(day, time(12), cal.tz), value).date()
    if delay.unit is m.Unit.MONTHS:
        return add_months_to_date(day, value)
    return day + timedelta(days=value)


def _workday_calendar(c: Checker, calendars: dict[str, Calendar]) -> Calendar | None:
    """The calendar milestones count workdays on (engine/context.py: the first calendar
    with China's days, else Monday-Friday 09:00-17:00 with China's days)."""
    for definition in c.ruleset.calendars:
        if definition.days == "CN":
            return calendars.get(definition.name)
    try:
        ZoneInfo(c.ruleset.timezone)
        return Calendar("mon-fri 09:00-17:00", holidays="CN", tz=c.ruleset.timezone)
    except _OUTSIDE:
        return None  # a bad timezone: SLR109


def _report(
    c: Checker, span: m.Span, what: str, last: date, period: m.PeriodDef, problem: str
) -> None:
    message = _(
        "{what}, counted from the last day of the term of period {period} ({last}), ends "
        "beyond the calendar's day data ({problem}): a replay could not compute it; "
        "shorten it or end the term earlier"
    ).format(what=what, period=period.name, last=last, problem=problem)
    c.report("SLR403", span, message, last.isoformat())


def _stops_working(c: Checker, definition: m.CalendarDef, cal: Calendar) -> None:
    """SLR404 when the calendar's last working day lies more than a year before the end of
    the years it covers. Only extra holidays can close a weekly schedule for good: after
    the last of them the schedule works again, so a calendar without extra holidays costs
    nothing, and one with them a look at the days after the last (a week on an ordinary
    calendar); only when none works there is the walk back to its last working day."""
    if cal.is_24x7 or not definition.extra_holidays:
        return
    last_extra = max(definition.extra_holidays)
    end = last_extra
    for offset in range(1, 367):
        day = last_extra + timedelta(days=offset)
        try:
            if cal.day_hours(day):
                return  # the schedule works again after the last extra holiday
        except _OUTSIDE:
            break  # the calendar's years end here
        end = day
    found = _last_working_day(cal, last_extra)
    if found is not None and end - found <= _RESTING:
        return
    if found is None:
        message = _("calendar {calendar} has no working time at all (to {end})").format(
            calendar=definition.name, end=end
        )
    else:
        message = _(
            "calendar {calendar} has no working time after {day} (to {end}, the last day "
            "it covers): a clock on it that starts later never ends, and a replay of such "
            "a ticket would stop; remove the extra holidays that close every working day"
        ).format(calendar=definition.name, day=found, end=end)
    c.report("SLR404", definition.span, message, None if found is None else found.isoformat())


def _last_working_day(cal: Calendar, end: date) -> date | None:
    """The last day at or before ``end`` with working hours, None if there is none (the
    walk is bounded by the extra holidays: every day it passes is one, or a day off)."""
    day, first = end, date(MIN_YEAR, 1, 1)
    while day >= first:
        try:
            if cal.day_hours(day):
                return day
        except _OUTSIDE:
            pass  # a year without day data: no working time known there
        day -= timedelta(days=1)
    return None


# ---- at replay time ------------------------------------------------------------------------


def params_past_day_data(ruleset: m.RuleFile, given: Mapping[str, object]) -> list[str]:
    """For a replay given parameter values ``given`` (typed: ``resolve_params``), what
    SLR403 says with them — the term, or a delay counted from its last day, ending past a
    calendar's day data — each naming the values and the rule file's line. ``check``
    passed with the defaults; other values (``start=2100-06-01``) can still reach past
    2100, and the replay would stop at the first event there, naming nothing."""
    if not given:
        return []
    c = Checker(ruleset)
    c.param_values = dict(given)
    run(c)
    values = ", ".join(f"{name}={value}" for name, value in sorted(given.items()))
    return [
        _("{path}:{line}:{col}: with {params}: {message}").format(
            path=d.path, line=d.line, col=d.col, params=values, message=d.message
        )
        for d in c.diagnostics
        if d.code == "SLR403" and not _before_the_years(d.witness)
    ]


def _before_the_years(witness: str | None) -> bool:
    """Whether the term's last day (the witness) lies before the years calendars cover: a
    term wholly before 1970 is not past the day data (a replay of events after it
    evaluates nothing in it; the parameter's own bounds accept such a date)."""
    return witness is not None and date.fromisoformat(witness).year < MIN_YEAR


def as_of_past_day_data(ruleset: m.RuleFile, when: datetime, option: str) -> str | None:
    """Why the evaluation time ``when`` cannot be used, when its day (in the rule file's
    zone) lies past a calendar's day data: naming ``option`` (``--as-of``), its value and
    the last day the calendar covers; None when every calendar covers it. A clock still
    running at ``when`` needs that day's hours, and the error would otherwise name nothing."""
    c = Checker(ruleset)
    for name, cal in sorted(_built(c).items()):
        day = when.astimezone(cal.tz).date()
        problem = _reach(partial(cal.day_hours, day))
        if problem is None:
            continue
        last = _last_covered(cal, day)
        if last is None:  # before the data (Germany's begins in 1991): name its first day
            first = date(cal.day_data_years[0], 1, 1)
            return _(
                "{option} {value!r} is before the day data of calendar {calendar} ({problem}): "
                "the first day it covers is {first}; give an evaluation time on or after that "
                "day"
            ).format(
                option=option, value=when.isoformat(), calendar=name, problem=problem, first=first
            )
        where = _("the last day it covers is {last}").format(last=last)
        return _(
            "{option} {value!r} is past the day data of calendar {calendar} ({problem}): "
            "{where}; give an evaluation time on or before that day"
        ).format(option=option, value=when.isoformat(), calendar=name, problem=problem, where=where)
    return None


def _last_covered(cal: Calendar, beyond: date) -> date | None:
    """The last day before ``beyond`` that the calendar has day data for (a binary search:
    the data covers one run of years), None when there is none."""
    low, high = date(MIN_YEAR, 1, 1), beyond
    if _reach(partial(cal.day_hours, low)) is not None:
        return None
    while (high - low).days > 1:
        middle = low + (high - low) // 2
        if _reach(partial(cal.day_hours, middle)) is None:
            low = middle
        else:
            high = middle
    return low
