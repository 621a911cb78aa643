"""What evaluation needs of a file beyond its syntax: the promise that a file ``check``
accepts can be replayed.

- the timezone is an IANA name that the bundled ``tzdata`` knows, spelt exactly: not a
  host alias such as ``localtime`` or ``posixrules`` (the same file would give different
  reports on different machines), not a directory such as ``Asia``, no stray spaces (SLR109);
- every calendar whose hours parse (``checks/deadlines`` reports those that do not, SLR140)
  builds as evaluation builds it (SLR108: no date both an extra holiday and an extra
  workday, and whatever the calendar's constructor refuses);
- every count that evaluation walks or lays out stays within ten years: targets, milestone
  and deliverable delays, cycle lengths and ``for N consecutive periods`` (SLR106 below 1,
  SLR119 above);
  dates lie in 1950-2100 (the years of the China holiday data);
  a duration target may ask for at most 520 weeks of its calendar's working time;
- no composite depends on itself, directly or through other composites (SLR129);
- no kind is superseded by itself through a chain of others (SLR127; a kind superseded by
  itself directly is reported by ``structure``).

Work: linear in the size of the model (each expression, condition and declaration is
visited once; the dependency and supersession graphs are walked once each).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources

from .. import model as m
from ..calendar import COUNTINGS
from ..calendar.countries import supported
from ..calendar.declared import build_calendar
from ..calendar.hours import SECONDS_PER_DAY, WeeklySchedule, parse_hours
from ..calendar.periods import MAX_TERM_MONTHS, months_touched
from ..calendar.seasons import build_seasons
from ..i18n import _, ngettext
from .base import Checker
from .walk import all_roots, condition_exprs, entry_condition, exprs

MAX_DAYS = 3660
"""Ten years of calendar days: the longest target or delay evaluation lays out."""
MAX_WORKDAYS = 2610
"""Ten years of working days (261 a year)."""
MAX_MONTHS = MAX_TERM_MONTHS
"""Ten years of months, for a cycle's length and a term (the replay's own bound)."""
MAX_CONSECUTIVE = 120
"""``for N consecutive periods`` looks back N - 1 periods; ten years of months at most."""
FIRST_YEAR, LAST_YEAR = 1950, 2100
"""Dates a file may write: evaluation lays out periods, cycles and workdays around them;
a date near year 9999 would run the calendar off its end, and China's day source (the
``holidays`` data) covers 1950 to 2100."""
MAX_WORKING_WEEKS = 520
"""A duration target may ask for at most this many weeks of its calendar's working time."""

# Host aliases and oddities in some zone lists: none of them names a place.
_NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


def run(c: Checker) -> None:
    _timezone(c)
    weekly = {cal.name: _weekly_seconds(c, cal) for cal in c.ruleset.calendars}
    for sla in c.ruleset.slas:
        _sla_targets(c, sla, weekly)
    for period in c.ruleset.periods:
        if period.kind == "cycle" and period.months is not None:
            _count(
                c,
                period.months,
                MAX_MONTHS,
                "months",
                period.span,
                _("cycle {period_name}").format(period_name=period.name),
            )
        _term(c, period)
        anchor = period.anchor
        if isinstance(anchor, date) and not FIRST_YEAR <= anchor.year <= LAST_YEAR:
            message = _(
                "cycle {period_name} starts on {anchor}, outside the years "
                "{first_year}-{last_year} that evaluation lays out"
            ).format(
                period_name=period.name, anchor=anchor, first_year=FIRST_YEAR, last_year=LAST_YEAR
            )
            c.report("SLR119", period.span, message)
    for condition in _conditions(c.ruleset):
        _consecutive(c, condition)
    for payment in c.ruleset.payments:
        for entry in payment.entries:
            if isinstance(entry, m.Milestone) and entry.delay is not None:
                _delay(c, _("milestone {name}").format(name=entry.name), entry.delay)
            elif isinstance(entry, m.PayBond) and entry.returned_delay is not None:
                _delay(c, _("the bond's return"), entry.returned_delay)
    for deliverable in c.ruleset.deliverables:
        if deliverable.due is not None:
            _deliverable_delays(c, deliverable.name, deliverable.due.delays)
    for literal, what in _dates(c.ruleset):
        if not FIRST_YEAR <= literal.value.year <= LAST_YEAR:  # type: ignore[union-attr]
            message = _(
                "{what} {text} lies outside the years "
                "{first_year}-{last_year} that evaluation lays out"
            ).format(what=what, text=literal.text, first_year=FIRST_YEAR, last_year=LAST_YEAR)
            c.report("SLR119", literal.span, message)
    _composite_cycles(c)
    _supersession_cycles(c)


def _term(c: Checker, period: m.PeriodDef) -> None:
    """A cycle's term, ``for N`` or ``through DATE``, within the same ten years."""
    count: int | str | Decimal | None = period.count
    months = period.months
    if isinstance(count, str):  # a number parameter: its default must do
        param = c.params.get(count)
        value = param.default.value if param is not None and param.default else None
        count = value if isinstance(value, Decimal | int) else None
        if isinstance(count, Decimal) and count == count.to_integral_value():
            count = int(count)
    if isinstance(count, Decimal) or (isinstance(count, int) and count < 1):
        message = _(
            "cycle {period_name}: a term of {count} cycles needs a whole number ≥ 1"
        ).format(period_name=period.name, count=count)
        c.report("SLR106", period.span, message)
    elif isinstance(count, int) and months is not None and count * max(months, 1) > MAX_MONTHS:
        message = ngettext(
            "cycle {period_name}: a term of {count} cycles of {months} "
            "month is more than the {max_months} months (ten years) "
            "evaluation allows",
            "cycle {period_name}: a term of {count} cycles of {months} "
            "months is more than the {max_months} months (ten years) "
            "evaluation allows",
            months,
        ).format(period_name=period.name, count=count, months=months, max_months=MAX_MONTHS)
        c.report("SLR119", period.span, message)
    through = period.through
    if isinstance(through, date) and not FIRST_YEAR <= through.year <= LAST_YEAR:
        message = _(
            "cycle {period_name} runs through {through}, outside the "
            "years {first_year}-{last_year} that evaluation lays out"
        ).format(
            period_name=period.name, through=through, first_year=FIRST_YEAR, last_year=LAST_YEAR
        )
        c.report("SLR119", period.span, message)
    _through(c, period)


def _through(c: Checker, period: m.PeriodDef) -> None:
    """A term ``through`` a day must end on or after its start and within the ten years
    a ``for N`` term has (120 months): ``from start through 2026-01-31`` with start
    2026-06-01 stopped every replay ("runs through …, before its start"), and ``from
    1950-01-01 through 2100-12-31`` laid out 1,812 monthly cycles. Parameters are read at
    their defaults, as ``for n`` is."""
    anchor, last = _date_of(c, period.anchor), _date_of(c, period.through)
    if anchor is None or last is None:
        return
    if last < anchor:
        message = _(
            "cycle {period_name} runs through {last}, before its start {anchor}: the term "
            "has no day"
        ).format(period_name=period.name, last=last, anchor=anchor)
        c.report("SLR106", period.span, message)
    elif months_touched(anchor, last) > MAX_MONTHS:
        message = _(
            "cycle {period_name}: a term from {anchor} through {last} is more than the "
            "{max_months} months (ten years) evaluation allows"
        ).format(period_name=period.name, anchor=anchor, last=last, max_months=MAX_MONTHS)
        c.report("SLR119", period.span, message)


def _date_of(c: Checker, value: str | date | None) -> date | None:
    """A literal date, or a date parameter's default."""
    found: object = value
    if isinstance(value, str):
        param = c.params.get(value)
        found = param.default.value if param is not None and param.default else None
    return found if isinstance(found, date) else None


def _dates(ruleset: m.RuleFile) -> Iterator[tuple[m.Literal, str]]:
    """Every date literal of the file that evaluation computes from: parameter defaults,
    dates in expressions and ``due by`` dates. (A cycle's literal anchor and a calendar's
    extra days are plain dates in the model; the parser keeps no literal for them.)"""
    for param in ruleset.params:
        if param.default is not None and isinstance(param.default.value, date):
            yield (
                param.default,
                _("the date of parameter {param_name}").format(param_name=param.name),
            )
    for root in all_roots(ruleset):
        for node in exprs(root):
            if isinstance(node, m.Literal) and isinstance(node.value, date):
                yield node, _("the date")
    for payment in ruleset.payments:
        for entry in payment.entries:
            if isinstance(entry, m.Milestone) and isinstance(entry.by, m.Literal):
                yield (
                    entry.by,
                    _("the due date of milestone {entry_name}").format(entry_name=entry.name),
                )


# ---- timezone and hours --------------------------------------------------------------------


@functools.cache
def iana_zones() -> frozenset[str]:
    """The zone names of the bundled ``tzdata`` package (its ``zones`` list), less the
    names that are no place. The host's zone files are not consulted, so whether a file
    checks does not depend on the machine."""
    listed = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(listed.split()) - _NOT_PLACES


def timezone_problem(name: str) -> str | None:
    """Why ``name`` is not an acceptable timezone, or None."""
    inverted = _INVERTED_SIGN.fullmatch(name)
    if inverted is not None and inverted.group(2).strip("0"):
        return _inverted_sign(name, inverted.group(1), int(inverted.group(2)))
    if name in iana_zones():
        return None
    if name.strip() != name:
        stripped = name.strip()
        hint = f"; write “{stripped}”" if stripped in iana_zones() else ""
        return _("timezone “{name}” has spaces around it{hint}").format(name=name, hint=hint)
    if name in _NOT_PLACES:
        return _(
            "timezone “{name}” names the machine's own setting, not a "
            "place, so reports would differ between machines; write an "
            "IANA name such as “Asia/Shanghai”"
        ).format(name=name)
    folded = {zone.casefold(): zone for zone in iana_zones()}
    if name.casefold() in folded:
        return _("unknown timezone “{name}”; did you mean “{folded}”?").format(
            name=name, folded=folded[name.casefold()]
        )
    return _("unknown timezone “{name}”; write an IANA name such as “Asia/Shanghai”").format(
        name=name
    )


# POSIX's fixed-offset zones count west as positive: Etc/GMT+8 is UTC-08:00. Written by
# someone who means Beijing time (UTC+8), every working-hours deadline moves 16 hours.
_INVERTED_SIGN = re.compile(r"Etc/GMT([+-])([0-9]{1,2})")


def _inverted_sign(name: str, sign: str, hours: int) -> str:
    """Why ``Etc/GMT+8`` is refused: it names UTC-08:00, the opposite of what it reads as.
    A contract's clock is a place's; the place's name says it without the trap."""
    offset = f"UTC{'-' if sign == '+' else '+'}{hours:02d}:00"
    return _(
        "timezone “{name}” is {offset}, not what it reads as: the Etc/GMT zones invert the "
        "sign (POSIX); write the place whose clock the contract keeps, such as "
        "“Asia/Shanghai” (UTC+08:00)"
    ).format(name=name, offset=offset)


def _timezone(c: Checker) -> None:
    problem = timezone_problem(c.ruleset.timezone)
    if problem is not None:
        where = c.locate(c.ruleset.span, "timezone")
        c.report("SLR109", where, problem)


def _weekly_seconds(c: Checker, cal: m.CalendarDef) -> int | None:
    """The calendar's working seconds in its leanest ordinary week (the least of its
    seasons'), or None when its hours do not parse or its seasons do not tile the year:
    SLR140 (``checks/deadlines``) reports those. A calendar whose hours are fine is then
    built as evaluation builds it (SLR108)."""
    try:
        if cal.seasons:
            if cal.hours:
                return None
            build_seasons((s.hours, s.start, s.end) for s in cal.seasons)
            schedules = [parse_hours(s.hours) for s in cal.seasons]
        else:
            schedules = [parse_hours(cal.hours)]
    except ValueError:
        return None
    zones = (c.ruleset.timezone, *([cal.timezone] if cal.timezone is not None else []))
    if all(timezone_problem(zone) is None for zone in zones) and _country_ok(cal):
        _builds(c, cal)
    return min(_seconds(schedule) for schedule in schedules)


def _country_ok(cal: m.CalendarDef) -> bool:
    """Whether the calendar's day source and counting can be built (``check/countries``
    reports them otherwise, once)."""
    if cal.counting is not None and cal.counting not in COUNTINGS:
        return False
    if cal.days in ("CN", "none"):
        return cal.subdiv is None
    return supported(cal.days, cal.subdiv) is None


def _seconds(schedule: WeeklySchedule) -> int:
    if schedule.is_24x7:
        return 7 * SECONDS_PER_DAY
    return sum(end - start for day in schedule.days for start, end in day)


def _builds(c: Checker, cal: m.CalendarDef) -> None:
    """Build the calendar exactly as evaluation will, so that whatever its constructor
    refuses (a date both an extra holiday and an extra workday, and any rule added to it
    later) is refused here, located, and not at replay time."""
    try:
        build_calendar(cal, c.ruleset.timezone)
    except (ValueError, TypeError) as exc:
        plain = _DATE_REPR.sub(lambda d: f"{d[1]}-{int(d[2]):02d}-{int(d[3]):02d}", str(exc))
        c.report(
            "SLR108",
            cal.span,
            _("calendar {cal_name} cannot be used: {plain}").format(cal_name=cal.name, plain=plain),
        )


# The constructor's messages name dates as Python writes them; people write 2026-03-02.
_DATE_REPR = re.compile(r"datetime\.date\((\d+), (\d+), (\d+)\)")


# ---- sizes of counts -------------------------------------------------------------------------


def _count(c: Checker, n: int, limit: int, unit: str, span: m.Span, what: str) -> None:
    if n < 1:
        c.report(
            "SLR106",
            span,
            _("{what}: {n} {unit} needs a whole number ≥ 1").format(what=what, n=n, unit=unit),
        )
    elif n > limit:
        message = _(
            "{what}: {n} {unit} is more than the {limit} {unit} (ten years) evaluation allows"
        ).format(what=what, n=n, unit=unit, limit=limit)
        c.report("SLR119", span, message)


def _sla_targets(c: Checker, sla: m.Sla, weekly: dict[str, int | None]) -> None:
    calendars = {metric.name: metric.calendar or sla.calendar for metric in sla.metrics}
    for tier in sla.tiers:
        for target in tier.targets:
            amount = target.amount
            if amount is None:  # ``restore agreed``: a ticket's agreed event sets it
                continue
            what = _("target {metric} of tier {tier_name}").format(
                metric=target.metric, tier_name=tier.name
            )
            if amount.unit is m.Unit.DAYS and isinstance(amount.value, int):
                _days(c, amount.value, MAX_DAYS, "days", amount.span, what)
            elif amount.unit is m.Unit.WORKDAYS and isinstance(amount.value, int):
                _days(c, amount.value, MAX_WORKDAYS, "workdays", amount.span, what)
            elif amount.unit is m.Unit.DURATION and isinstance(amount.value, timedelta):
                calendar = calendars.get(target.metric)
                per_week = weekly.get(calendar) if calendar is not None else None
                _duration(c, amount, per_week, what, calendar)


def _days(c: Checker, n: int, limit: int, unit: str, span: m.Span, what: str) -> None:
    """Days and workdays count from the day after the start (Civil Code art. 201), so a
    count of 0 names no day at all."""
    if n < 1:
        message = _(
            "{what}: {n} {unit} names no day (the start day is never counted); use ≥ 1"
        ).format(what=what, n=n, unit=unit)
        c.report("SLR106", span, message)
    elif n > limit:
        message = _(
            "{what}: {n} {unit} is more than the {limit} {unit} (ten years) evaluation allows"
        ).format(what=what, n=n, unit=unit, limit=limit)
        c.report("SLR119", span, message)


def _duration(
    c: Checker, amount: m.Literal, per_week: int | None, what: str, calendar: str | None
) -> None:
    assert isinstance(amount.value, timedelta)
    if per_week is None or per_week <= 0:
        return
    weeks = amount.value.total_seconds() / per_week
    if weeks > MAX_WORKING_WEEKS:
        message = _(
            "{what}: {text} is more than {max_working_weeks} weeks of "
            "calendar {calendar}'s working time (about ten years); no "
            "deadline could be computed"
        ).format(
            what=what, text=amount.text, max_working_weeks=MAX_WORKING_WEEKS, calendar=calendar
        )
        c.report("SLR119", amount.span, message)


def _delay(c: Checker, what: str, delay: m.Literal) -> None:
    """A payment's delay after an event (a milestone's due, the bond's return), ``what``
    naming it: at least 1 (SLR106), at most ten years (SLR119)."""
    if isinstance(delay.value, int) and delay.unit is m.Unit.WORKDAYS:
        _days(c, delay.value, MAX_WORKDAYS, "workdays", delay.span, what)
    elif isinstance(delay.value, int):
        _days(c, delay.value, MAX_DAYS, "days", delay.span, what)


def _deliverable_delays(c: Checker, name: str, delays: tuple[m.Literal, ...]) -> None:
    """A derived due time's delays, each bounded like a target (a delay below 1 is
    ``checks/deadlines``' SLR106); months, too, at most ten years."""
    for delay in delays:
        if not isinstance(delay.value, int) or delay.value < 1:
            continue
        limit = {m.Unit.WORKDAYS: MAX_WORKDAYS, m.Unit.MONTHS: MAX_MONTHS}.get(delay.unit, MAX_DAYS)
        unit = {m.Unit.WORKDAYS: "workdays", m.Unit.MONTHS: "months"}.get(delay.unit, "days")
        _days(c, delay.value, limit, unit, delay.span, _("deliverable {name}").format(name=name))


def _conditions(ruleset: m.RuleFile) -> Iterator[m.Condition]:
    """Every condition of the file: flags, payment entries and ``if`` inside expressions."""
    for flag in ruleset.flags:
        yield flag.condition
    for payment in ruleset.payments:
        for entry in payment.entries:
            condition = entry_condition(entry)
            if condition is not None:
                yield condition
    for root in all_roots(ruleset):
        for node in exprs(root):
            if isinstance(node, m.IfElse):
                yield node.condition


def _consecutive(c: Checker, condition: m.Condition) -> None:
    stack = [condition]
    while stack:
        cond = stack.pop()
        if isinstance(cond, m.Compare) and cond.consecutive is not None:
            if cond.consecutive > MAX_CONSECUTIVE:
                message = _(
                    "“for {consecutive} consecutive periods” looks back further "
                    "than the {max_consecutive} periods evaluation allows"
                ).format(consecutive=cond.consecutive, max_consecutive=MAX_CONSECUTIVE)
                c.report("SLR119", cond.span, message)
        elif isinstance(cond, m.And | m.Or):
            stack.extend((cond.right, cond.left))
        elif isinstance(cond, m.Not):
            stack.append(cond.operand)


# ---- cycles ----------------------------------------------------------------------------------


def _composite_cycles(c: Checker) -> None:
    """SLR129 for each composite, SLR165 for each measure on a dependency cycle, naming the
    cycle (a measure may read scores, and a scorecard's items may read measures). Depth-first
    search with an explicit stack: linear in declarations plus references."""
    nodes = {*c.composites, *c.measures, *c.scorecards}
    graph: dict[str, list[str]] = {}
    for comp in c.ruleset.composites:
        graph[comp.name] = _names_in([comp.expr], nodes)
    for measure in c.ruleset.measures:
        body = measure.body
        roots = (
            condition_exprs(body.condition)
            if isinstance(body, m.PeriodCount | m.GroupCount)
            else []
        )
        graph[measure.name] = _names_in(roots, nodes)
    for card in c.ruleset.scorecards:
        graph[card.name] = sorted(
            {name for item in m.walk_items(card.entries) for name in _measures_read(c, item)}
        )
    reported: set[str] = set()
    for cycle in _cycles(graph):
        first = next((n for n in cycle if n in c.composites or n in c.measures), None)
        if first is None or first in reported:
            continue
        reported.update(cycle)
        at = cycle.index(first)
        turned = [*cycle[at:], *cycle[:at]]
        path = " → ".join([*turned, first])
        if first in c.composites:
            message = _("composite {first} depends on itself ({path}); it has no value").format(
                first=first, path=path
            )
            c.report("SLR129", c.composites[first].span, message)
        else:
            message = _("measure {first} depends on itself ({path}); it has no value").format(
                first=first, path=path
            )
            c.report("SLR165", c.measures[first].span, message)


def _names_in(roots: list[m.Expr], nodes: set[str]) -> list[str]:
    return sorted(
        {
            node.name
            for root in roots
            for node in exprs(root)
            if isinstance(node, m.Ref | m.Mean) and node.name in nodes
        }
    )


def _measures_read(c: Checker, item: m.Item) -> Iterator[str]:
    for rule in item.rules:
        if isinstance(rule, m.PointsTable):
            yield from (a.ref.name for a in rule.aggregates if a.fn == "measure")
        if not isinstance(rule, m.CountRule):
            continue
        counter = rule.counter
        if isinstance(counter, m.PerPointBelow):
            yield counter.measure
        elif isinstance(counter, m.PerUnit) and counter.kind in c.measures:
            yield counter.kind


def _cycles(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """One cycle per strongly connected set found by depth-first search (white/grey/black
    colouring), in declaration order; each edge is followed once."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for root in graph:
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                yield path[path.index(child) :]
            elif child not in state and child in graph:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))


def _supersession_cycles(c: Checker) -> None:
    """SLR127 for a chain of ``superseded by`` that returns to where it began: every
    occurrence on it would go unscored. Each kind has at most one successor, so following
    the chains from every kind, marking visited kinds, is linear."""
    successor = {k.name: k.superseded_by for k in c.ruleset.kinds if k.superseded_by}
    done: set[str] = set()
    for kind in c.ruleset.kinds:
        path: list[str] = []
        on_path: set[str] = set()
        name: str | None = kind.name
        while name is not None and name not in done and name not in on_path:
            path.append(name)
            on_path.add(name)
            name = successor.get(name)
        if name is not None and name in on_path and len(path) - path.index(name) > 1:
            loop = path[path.index(name) :]
            where = c.kinds[loop[0]]
            chain = " → ".join([*loop, loop[0]])
            message = _(
                "kind {loop} is superseded by itself through {chain}: an "
                "occurrence of any of them on a ticket with another would go "
                "unscored"
            ).format(loop=loop[0], chain=chain)
            c.report("SLR127", c.locate(where.span, loop[1], after="by"), message)
        done.update(path)
