"""Measures (docs/language.md §9): one number per period instance, with its inputs.

The window: the period instance, or with ``rolling N months`` the N months that end where
the instance ends, clipped to the term when the period is a cycle (``window``). Tickets count
in the window containing their ``opened`` (as in every score); excluded tickets count in no
measure.

**Started units of lateness.** A breached target is late from its deadline D to its stop S
(or, still running, to ``as_of``: the figure then grows until it stops). The number of
started units n counts every unit that has begun:

- ``hours``: n = ⌈L / 1h⌉, L the working time from D to S on the metric's calendar
  (wall-clock when the SLA has none): 1h01m late is 2 started hours;
- ``workdays``: n = the workdays of the metric's calendar (of the ruleset's first calendar
  with China's days when the SLA has none) on which some working time lies between D and
  S: late from Tuesday 16:00 to Wednesday 10:00 is 2 started workdays; a weekend or
  holiday in between starts none;
- ``days``: n = ⌈(S − D) / 24h⌉, wall-clock, as ``day late of``.

Unit k (the first unit late is k = 1) costs the amount of the row whose interval holds k,
nothing when no row does; the ticket's points are capped by ``cap … per ticket``. Rows are
graduated: ``{ [1, 3) -> 0.5 each  [3, inf) -> 1 each }`` charges 0.5 for units 1 and 2
and 1 for unit 3 onward (3 started workdays: 0.5 + 0.5 + 1 = 2 points).

**Attainment** (``percent of SLA.METRIC met``): targets met over targets decided (met or
breached) among the window's tickets; a running target not yet late is undecided and in
neither. No decided target: the ``if no tickets`` value, else unknown (what reads it waits).
The value is a fraction (90% is 0.9), as a percentage literal evaluates.

**Aggregates** (``downtime(…)``, ``count(…)``, ``mttr(…)``, ``availability(…)``) over the
window: ``measure_aggregates.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import attrs

from ... import model as m
from ...calendar import Calendar
from ...calendar.months import add_months_to_date
from ...calendar.periods import PeriodInstance, Periods
from ...i18n import N_, _, ngettext
from ...language.literals import decimal_text
from ..evidence import BREACHED, MET, TargetResult, TicketResult
from .aggregates import CalendarLookup, View, aggregate
from .availability import Availability
from .cited_texts import breach_text
from .composite import ExprEval, Scope, Value
from .measure_aggregates import TicketsBefore, aggregate_measure
from .results import MeasureResult, iso_duration

ZERO = Decimal(0)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)
NO_FIELD = "(none)"


def window(measure: m.Measure, inst: PeriodInstance, periods: Periods) -> PeriodInstance:
    """The instance itself, or the ``rolling`` months that end where it ends, **clipped to
    the term** when the measure's period is a cycle: a window never starts before the
    first cycle (the contract's start: "the term so far"), and it ends where the instance
    ends, which is never after the term (``Periods.get`` cuts the last cycle there, and
    there is no instance after it).

    One rule for every body: tickets, breaches, counted periods and downtime all read the
    same window, so a ticket of the previous contract, a month before this one existed and
    evidence after the term are in no window, and the label says what was counted."""
    if measure.rolling is None:
        return inst
    end = inst.end
    start = _rolling_start(measure.rolling, end)
    clipped = False
    if periods.defs[measure.period].kind == "cycle":
        term_start = periods.get(measure.period, 1).start
        if start < term_start:
            start, clipped = term_start, True
    texts = {
        "first": start.date().isoformat(),
        "last": (end - _DAY).date().isoformat(),
        "months": measure.rolling.text,
    }
    if clipped:
        label = _("{first} – {last} (rolling {months}, term so far)").format(**texts)
    else:
        label = _("{first} – {last} (rolling {months})").format(**texts)
    # ``period`` names the measure's period: evidence that names an instance of it counts in
    # the windows that hold that instance (``views.EvidenceViews._attribute``).
    return PeriodInstance(measure.period, "rolling", 0, label, start, end)


def _rolling_start(rolling: m.Literal, end: datetime) -> datetime:
    """Where ``rolling N months`` ending at ``end`` would start without a term."""
    return datetime.combine(add_months_to_date(end.date(), -int(rolling.number)), end.timetz())


def term_so_far(measure: m.Measure, where: PeriodInstance) -> bool:
    """Whether ``where``, the window of ``measure``, was cut at the term's start."""
    return measure.rolling is not None and where.start > _rolling_start(measure.rolling, where.end)


@attrs.define
class MeasureEnv:
    """What evaluating a measure needs from the evaluator."""

    scope: Scope
    view: Callable[[PeriodInstance], View]
    calendar_for: CalendarLookup
    workdays: Calendar  # the default calendar for workdays (``context.workday_calendar``)
    tickets_before: TicketsBefore  # every ticket opened before an instant (downtime)
    has_evidence: Callable[[PeriodInstance], bool]  # whether any evidence counts in it
    first_event: datetime | None  # the log's first event (None: an empty log)


def evaluate_measure(measure: m.Measure, inst: PeriodInstance, env: MeasureEnv) -> MeasureResult:
    where = window(measure, inst, env.scope.periods)
    body = measure.body
    missing: list[str] = []
    value: Value
    if isinstance(body, m.Lateness):
        value, inputs = _lateness(body, env.view(where), env)
    elif isinstance(body, m.AttainmentRate):
        value, inputs = _attainment(body, env.view(where))
        if value is None:
            missing.append(
                _("{measure} {period}: no decided target (no if no tickets)").format(
                    measure=measure.name, period=inst.label
                )
            )
    elif isinstance(body, m.BreachCount):
        value, inputs = _breaches(body, env.view(where))
    elif isinstance(body, m.PeriodCount):
        value, inputs = _periods(body, where, env, missing)
    elif isinstance(body, m.GroupCount):
        value, inputs = _groups(body, env.view(where), env, missing)
    else:
        value, inputs = aggregate_measure(
            body, where, env.view(where), env.scope, env.calendar_for, env.tickets_before
        )
    return MeasureResult(
        measure.name,
        inst,
        measure.cite,
        value,
        measure.is_percentage,
        where.label if measure.rolling is not None else None,
        tuple(inputs),
        tuple(sorted(set(missing))),
        measure.is_duration,
        term_so_far(measure, where),
    )


# ---- lateness ------------------------------------------------------------------------------


def _lateness(body: m.Lateness, view: View, env: MeasureEnv) -> tuple[Decimal, list[str]]:
    ref = body.ref
    total = ZERO
    inputs: list[str] = []
    for ticket, target in _targets(view, ref, body.tiers):
        if target.status != BREACHED or target.deadline is None:
            continue
        stop = target.stop if target.stop is not None else view.as_of
        calendar = env.calendar_for(ref.name, target.metric)
        units = started_units(body.unit, target.deadline, stop, calendar, env.workdays)
        points, parts = charge(body.rows, units)
        head = (
            _("ticket {ticket}: {metric} due {due}, done {stop}")
            if target.stop is not None
            else _("ticket {ticket}: {metric} due {due}, still open at {stop}")
        )
        text = (
            head.format(
                ticket=ticket.ticket,
                metric=target.metric,
                due=_time(target.deadline),
                stop=_time(stop),
            )
            + f"{view.trail(target)}: "
            + _started_text(body.unit, units)
            + _late_detail(body.unit, target.deadline, stop, calendar, env.workdays)
        )
        if units:
            text += f": {parts} = {decimal_text(points)}"
        if body.cap is not None and points > body.cap.number:
            points = body.cap.number
            text += _(", cap {cap} per ticket → {points}").format(
                cap=body.cap.text, points=decimal_text(points)
            )
        inputs.append(text)
        total += points
    return total, inputs


def _started_text(unit: str, units: int) -> str:
    """``3 started days late``: the count the points table charges, in the unit's words."""
    if unit == "days":
        text = ngettext("{units} started day late", "{units} started days late", units)
    elif unit == "hours":
        text = ngettext("{units} started hour late", "{units} started hours late", units)
    else:
        text = ngettext("{units} started workday late", "{units} started workdays late", units)
    return text.format(units=units)


def started_units(
    unit: str, deadline: datetime, stop: datetime, calendar: Calendar | None, workdays: Calendar
) -> int:
    """The started units of lateness from ``deadline`` to ``stop`` (module docstring)."""
    if stop <= deadline:
        return 0
    if unit == "days":
        return _ceil(stop - deadline, _DAY)
    if unit == "hours":
        late = calendar.elapsed(deadline, stop) if calendar is not None else stop - deadline
        return _ceil(late, _HOUR)
    return _workdays_touched(calendar or workdays, deadline, stop)


def _ceil(late: timedelta, unit: timedelta) -> int:
    whole, rest = divmod(late, unit)
    return int(whole) + (1 if rest else 0)


def _workdays_touched(calendar: Calendar, start: datetime, stop: datetime) -> int:
    return len(_workdays_late(calendar, start, stop))


def _workdays_late(calendar: Calendar, start: datetime, stop: datetime) -> list[date]:
    """Workdays with working time inside (start, stop): one step per day of lateness."""
    tz = calendar.tz
    day = start.astimezone(tz).date()
    last = stop.astimezone(tz).date()
    found: list[date] = []
    while day <= last:
        if calendar.is_workday(day):
            begin = max(start, _midnight(day, calendar))
            end = min(stop, _midnight(day + _DAY, calendar))
            if begin < end and calendar.elapsed(begin, end) > timedelta(0):
                found.append(day)
        day += _DAY
    return found


_DAYS_SHOWN = 12


def _late_detail(
    unit: str, deadline: datetime, stop: datetime, calendar: Calendar | None, workdays: Calendar
) -> str:
    """What an auditor needs to recount the started units: the working time late (hours),
    or the workdays that started (so holidays and make-up days can be checked)."""
    if stop <= deadline or unit == "days":
        return ""
    if unit == "hours":
        late = calendar.elapsed(deadline, stop) if calendar is not None else stop - deadline
        return _(" ({late} of working time)").format(late=iso_duration(late))
    days = [d.isoformat() for d in _workdays_late(calendar or workdays, deadline, stop)]
    if not days:
        return ""
    shown = days if len(days) <= _DAYS_SHOWN else [*days[: _DAYS_SHOWN - 1], "…", days[-1]]
    return f" ({', '.join(shown)})"


def _midnight(day: date, calendar: Calendar) -> datetime:
    return datetime.combine(day, time(0), tzinfo=calendar.tz)


def charge(rows: tuple[m.LateRow, ...], units: int) -> tuple[Decimal, str]:
    """Points for units 1..``units`` under the rows, and how: ``2 × 0.5 + 1 × 1``."""
    total = ZERO
    parts: list[str] = []
    for row in rows:
        lo, hi = _whole_range(row.interval, units)
        if hi < lo:
            continue
        n = hi - lo + 1
        total += n * row.amount.number
        parts.append(f"{n} × {decimal_text(row.amount.number)}")
    return total, " + ".join(parts) or "0"


def _whole_range(interval: m.Interval, units: int) -> tuple[int, int]:
    """The whole numbers k with 1 ≤ k ≤ units that ``interval`` holds, as (first, last)."""
    low, high = interval.low.number, interval.high.number
    first = 1
    if low is not None:
        first = max(first, int(low.to_integral_value(rounding=ROUND_CEILING)))
        if not interval.low.closed and Decimal(first) == low:
            first += 1
    last = units
    if high is not None:
        last = min(last, int(high.to_integral_value(rounding=ROUND_FLOOR)))
        if not interval.high.closed and Decimal(last) == high:
            last -= 1
    return first, last


# ---- attainment and counts -------------------------------------------------------------------


def _targets(
    view: View, ref: m.Reference, tiers: tuple[str, ...]
) -> list[tuple[TicketResult, TargetResult]]:
    return [
        (t, x)
        for t in view.of_sla(ref.name)
        for x in t.targets
        if (ref.member is None or x.metric == ref.member)
        and (not tiers or x.counted_tier(t) in tiers)
    ]


def _attainment(body: m.AttainmentRate, view: View) -> tuple[Value, list[str]]:
    met = breached = 0
    inputs: list[str] = []
    for ticket, target in _targets(view, body.ref, body.tiers):
        if target.status == MET:
            met += 1
        elif target.status == BREACHED:
            breached += 1
        else:
            continue
        text = (
            _("ticket {ticket}: {metric} met{trail}")
            if target.status == MET
            else _("ticket {ticket}: {metric} breached{trail}")
        )
        inputs.append(
            text.format(ticket=ticket.ticket, metric=target.metric, trail=view.trail(target))
        )
    decided = met + breached
    if decided == 0:
        if body.if_none is None:
            return None, [_("no decided target")]
        inputs.append(_("no decided target: if no tickets {value}").format(value=body.if_none.text))
        return body.if_none.number / 100, inputs
    inputs.append(_("{met} met of {decided} decided").format(met=met, decided=decided))
    return Decimal(met) / Decimal(decided), inputs


def _breaches(body: m.BreachCount, view: View) -> tuple[Decimal, list[str]]:
    ref = body.ref
    if body.tickets:
        texts = [
            _("ticket {ticket}: breached [{trails}]").format(
                ticket=t.ticket, trails="; ".join(f"{x.metric}{view.trail(x)}" for x in xs)
            )
            for t, xs in view.breached_tickets(ref.name, ref.member, body.tiers)
        ]
        return Decimal(len(texts)), texts  # one text per breached ticket
    found = view.breaches(ref.name, ref.member, body.tiers)
    texts = [breach_text(x.owner, x, x.trail) for x in found]
    return Decimal(len(found)), texts


def _periods(
    body: m.PeriodCount, where: PeriodInstance, env: MeasureEnv, missing: list[str]
) -> tuple[Value, list[str]]:
    """Instances of the period inside the window, started by ``as_of``, where it holds."""
    scope = env.scope
    instances = [
        i
        for i in scope.periods.overlapping(body.period, where.start, where.end)
        if i.start >= where.start and i.end <= where.end and scope.started(i)
    ]
    count, unknown = 0, False
    inputs: list[str] = []
    for inst in instances:
        ev = ExprEval(scope, inst)
        holds = ev.cond(body.condition)
        missing.extend(ev.missing)
        terms = _terms(scope.model, ev.terms)
        verdict = _(_VERDICTS[holds])
        inputs.append(f"{inst.label}{_unassessed(inst, env)}: {terms}: {verdict}")
        count += holds is True
        unknown = unknown or holds is None
    return (None if unknown else Decimal(count)), inputs


_VERDICTS = {True: N_("counts"), False: N_("does not count"), None: N_("unknown")}


def _unassessed(inst: PeriodInstance, env: MeasureEnv) -> str:
    """`` (no evidence)`` for a counted period with nothing in it, and why when it ends
    before the log's first event: a calendar month has no term (§2), so a window reaches into
    months before the service, which are scored as empty periods; the report says so rather
    than let ``月度考核 = 100`` read as a month assessed at 100 (cn-zwyw-2025)."""
    if env.has_evidence(inst):
        return ""
    first = env.first_event
    if first is not None and inst.end <= first:
        day = first.astimezone(inst.start.tzinfo).date().isoformat()
        return _(" (no evidence; before the log's first event, {day})").format(day=day)
    return _(" (no evidence)")


class _GroupScope:
    """The evaluator's scope, with counts and durations read over one group's tickets."""

    def __init__(self, scope: Scope, view: View, calendar_for: CalendarLookup) -> None:
        self.scope = scope
        self.model = scope.model
        self.periods = scope.periods
        self._view = view
        self._calendar_for = calendar_for

    def param(self, name: str) -> object | None:
        return self.scope.param(name)

    def scored_period(self, name: str) -> str | None:
        return self.scope.scored_period(name)

    def score(self, name: str, inst: PeriodInstance) -> tuple[Value, tuple[str, ...]]:
        return self.scope.score(name, inst)

    def started(self, inst: PeriodInstance) -> bool:
        return self.scope.started(inst)

    def count(self, agg: m.Aggregate, inst: PeriodInstance) -> Decimal:
        return aggregate(self.model, agg, self._view, self._calendar_for).quantity

    def availability(self, agg: m.Aggregate, inst: PeriodInstance) -> Availability:
        """The service's availability, not the group's: an outage is of the service
        (``availability`` reads every ticket of the SLA and the maintenance windows)."""
        return self.scope.availability(agg, inst)


def _groups(
    body: m.GroupCount, view: View, env: MeasureEnv, missing: list[str]
) -> tuple[Value, list[str]]:
    # Keyed by the value or None (no field): a ticket whose camera is the text "(none)" is
    # not in the group of the tickets that name no camera. Sorted: the missing group first.
    groups: dict[tuple[bool, str], list[TicketResult]] = {}
    for ticket in view.of_sla(body.sla):
        value = ticket_field(ticket, body.field)
        groups.setdefault((value is not None, value or ""), []).append(ticket)
    count, unknown = 0, False
    inputs: list[str] = []
    for has_value, value in sorted(groups):
        tickets = groups[has_value, value]
        key = (f'"{value}"' if value == NO_FIELD else value) if has_value else NO_FIELD
        sub = attrs.evolve(view, tickets=tuple(tickets), excluded=(), source=None)
        ev = ExprEval(_GroupScope(env.scope, sub, env.calendar_for), view.period)
        holds = ev.cond(body.condition)
        missing.extend(ev.missing)
        terms = _terms(env.scope.model, ev.terms)
        verdict = _(_VERDICTS[holds])
        ids = ", ".join(t.ticket for t in tickets)
        group = _("{field} {value} (tickets {tickets})").format(
            field=body.field, value=key, tickets=ids
        )
        inputs.append(f"{group}: {terms}: {verdict}")
        count += holds is True
        unknown = unknown or holds is None
    return (None if unknown else Decimal(count)), inputs


def ticket_field(ticket: TicketResult, field: str) -> str | None:
    """The value of an ``opened`` event's declared field, None when it has none (shown as
    ``(none)``; a value that is that very text is shown in quotes)."""
    for name, value in ticket.fields:
        if name == field:
            return value
    return None


def _terms(model: m.RuleFile, terms: dict[str, Value]) -> str:
    """``达标率 = 87.5%; downtime(视频.restore) = PT9H``: what a condition read."""
    percentages = {x.name for x in model.measures if x.is_percentage}
    return "; ".join(f"{k} = {_term(k, v, k in percentages)}" for k, v in terms.items())


def _term(name: str, value: Value, percentage: bool) -> str:
    if value is None:
        return _("unknown")
    if name.startswith(("mttr(", "downtime(")):
        return iso_duration(value, days=False)
    if percentage:
        shown = (value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
        return f"{decimal_text(shown)}%"
    return decimal_text(value)


def _time(t: datetime) -> str:
    """Minutes, or seconds where they matter (late by 1 h 0 min 1 s is 2 started hours)."""
    return t.isoformat(timespec="minutes" if t.second == 0 and t.microsecond == 0 else "seconds")


def value_text(value: Decimal, percentage: bool, duration: bool = False) -> str:
    """``87.5%`` for a percentage measure (held as 0.875), ``PT5H`` for a duration (held in
    seconds), else the number."""
    if duration:
        return iso_duration(value, days=False)
    return f"{decimal_text(value * 100)}%" if percentage else decimal_text(value)


def points_below(threshold: m.Literal, value: Decimal, percentage: bool) -> Decimal:
    """Points (percentage points for a percentage) that ``value`` lies below ``threshold``."""
    limit = threshold.number / 100 if threshold.unit is m.Unit.PERCENT else threshold.number
    gap = limit - value
    if gap <= 0:
        return ZERO
    return gap * 100 if percentage else gap


__all__ = [
    "MeasureEnv", "evaluate_measure", "points_below", "started_units", "value_text", "window",
]  # fmt: skip
