"""Due times computed from events: ``deliverable X due 10 days after signed``.

Contracts set most document deadlines relative to an event — 合同签订后10日内, 巡检后3个工作日
内, 故障排除后3天内, 运维期满半年后一周内 — and counting Civil Code days and 调休 by hand is
where a log keeper goes wrong. A deliverable declared with a due rule gets its due times from
the calendar instead of from ``due`` events (which the log may then not carry for it).

Instances. What ``after`` names decides how many due times there are and how deliveries
find theirs:

- a **milestone** name (``signed``, ``inspected``…): each ``milestone`` event of that name
  makes one due time; ``delivered`` events fill them first-in first-out, as typed dues are
  filled (a delivery before any open due waits for the next one);
- a **ticket event** type (``restored``, ``resolved``…, any metric start or stop or life-cycle
  type): each such event of a ticket makes one due time *for that ticket*; a ``delivered``
  event must name the ticket, and fills that ticket's due times first-in first-out;
- a **date parameter** (``start``): one due time, counted from the start of that day (a
  term that begins on it, so the day itself counts: "6 months after start" ends where the
  first 6-month cycle from ``start`` ends);
- ``end of PERIOD``: one due time per instance of the period, counted from its last day,
  for every period that has ended by the time of the event being fed (or ``as_of``), from
  the period of the first event on (the tracker opens them, ``engine/tracker.py``).

A due time that has passed at ``as_of`` with no delivery is outstanding: it counts as late,
its days late running to ``as_of`` (as a typed ``due`` does). One not yet reached does not
count.

Arithmetic (Civil Code art. 200-204, SPEC §3.3). The *reference day* is the last day not
counted: the event's local date, or the day before a date parameter. ``N days`` ends on the
reference day + N, ``N workdays`` on the N-th working day after it, ``N months`` on the
corresponding date (art. 202); the period ends at 24:00 of that last day, moved to the next
working day when it is a rest day (days and months; a workday is one already). Chained steps
(``7 days after 6 months after start``) read right to left: each inner step's last day is the
next one's reference day, unmoved — the half year ends on its date whatever day it is; only
the deadline itself gives way to a working day. On a calendar with ``counting plain`` the
deadline is 24:00 of the last day, not moved (docs/language.md §4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from .. import model as m
from ..calendar import Calendar, add_months_to_date
from ..errors import ERROR, Diagnostic, RuleError
from ..i18n import _
from .context import Context, workday_calendar

__all__ = ["DueRules", "due_after_day"]

_DAY = timedelta(days=1)


def _count(delay: m.Literal) -> int:
    value = delay.value
    assert isinstance(value, int) and not isinstance(value, bool)
    return value


def due_after_day(cal: Calendar, reference: date, delays: Sequence[m.Literal]) -> datetime:
    """The due time of ``delays`` (outermost first) counted from ``reference``, the last day
    not counted; see the module docstring. ``ValueError`` when it lies outside the years the
    calendar covers (a rule file may say ``99999 months``)."""
    try:
        return _due_after_day(cal, reference, delays)
    except OverflowError:
        raise ValueError(_("the due time lies beyond the calendar's last year")) from None


def _due_after_day(cal: Calendar, reference: date, delays: Sequence[m.Literal]) -> datetime:
    day = reference
    for delay in reversed(delays[1:]):  # inner steps: their last day, unmoved
        day = _last_day(cal, day, delay)
    if cal.counting == "plain":  # 24:00 of the last day, never moved off a rest day
        return cal.end_of_day(_last_day(cal, day, delays[0]))
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=cal.tz)
    n, unit = _count(delays[0]), delays[0].unit
    if unit is m.Unit.WORKDAYS:
        return cal.add_workdays(noon, n)
    if unit is m.Unit.MONTHS:
        return cal.add_months(noon, n)
    return cal.add_days(noon, n)


def _last_day(cal: Calendar, reference: date, delay: m.Literal) -> date:
    n = _count(delay)
    if delay.unit is m.Unit.WORKDAYS:
        noon = datetime(reference.year, reference.month, reference.day, 12, tzinfo=cal.tz)
        end = cal.add_workdays(noon, n)  # civil: 00:00 after the last day; plain: 12:00 on it
        return end.date() if cal.counting == "plain" else end.date() - _DAY
    if delay.unit is m.Unit.MONTHS:
        return add_months_to_date(reference, n)
    return reference + timedelta(days=n)


class DueRules:
    """The ruleset's due rules, indexed by what triggers them (built once per tracker)."""

    def __init__(self, ctx: Context, ticket_types: Sequence[str]) -> None:
        self.ctx = ctx
        rules = [d for d in ctx.ruleset.deliverables if d.due is not None]
        self.rules: dict[str, m.DueRule] = {d.name: d.due for d in rules if d.due is not None}
        tickets = set(ticket_types)
        dates = {p.name for p in ctx.ruleset.params if p.type == "date"}
        self.period_ends = [n for n, r in self.rules.items() if r.period_end]
        self.per_ticket = {
            n for n, r in self.rules.items() if r.after in tickets and not r.period_end
        }
        self.dated = {n for n, r in self.rules.items() if r.after in dates and not r.period_end}
        self.by_trigger: dict[str, list[str]] = {}
        for name, rule in self.rules.items():
            if name not in self.dated and not rule.period_end:
                self.by_trigger.setdefault(rule.after, []).append(name)
        self._calendars: dict[str, Calendar] = {}

    def calendar(self, deliverable: str) -> Calendar:
        """The calendar a deliverable's days count on: its ``on`` calendar, else the
        ruleset's working-day calendar (the one milestone payments use)."""
        cal = self._calendars.get(deliverable)
        if cal is None:
            named = self.rules[deliverable].calendar
            cal = self.ctx.calendars[named] if named is not None else workday_calendar(self.ctx)
            self._calendars[deliverable] = cal
        return cal

    def triggered(self, trigger: str) -> list[str]:
        """The deliverables an event of this type (or milestone name) makes due."""
        return self.by_trigger.get(trigger, [])

    def due_after_event(self, deliverable: str, at: datetime) -> datetime:
        cal = self.calendar(deliverable)
        return due_after_day(cal, at.astimezone(cal.tz).date(), self.rules[deliverable].delays)

    def due_after_period(self, deliverable: str, end: datetime) -> datetime:
        """The due time counted from the last day of a period that ends (local midnight) at
        ``end``: that day is the reference day, not counted ("10 Arbejdsdage efter måneds
        afslutning": March's report is due on the 10th working day of April)."""
        cal = self.calendar(deliverable)
        last_day = end.astimezone(cal.tz).date() - _DAY
        return due_after_day(cal, last_day, self.rules[deliverable].delays)

    def dated_dues(self, params: Mapping[str, object]) -> list[tuple[str, datetime, str]]:
        """(deliverable, due time, basis) of the rules counted from a date parameter;
        ``RuleError`` (SLR901, at the rule) for one outside the calendar's years."""
        out = []
        for name in sorted(self.dated, key=list(self.rules).index):
            rule = self.rules[name]
            start = params.get(rule.after)
            if isinstance(start, date):
                try:
                    due = due_after_day(self.calendar(name), start - _DAY, rule.delays)
                except ValueError as exc:
                    message = _("{name} would be due {rule} ({start}): {exc}").format(
                        name=name, rule=basis_text(rule), start=start, exc=exc
                    )
                    diagnostic = Diagnostic.at(rule.span, ERROR, "SLR901", message)
                    raise RuleError([diagnostic]) from None
                out.append((name, due, f"{basis_text(rule)} ({start.isoformat()})"))
        return out


def basis_text(rule: m.DueRule) -> str:
    """``10 days after signed``: the rule as written, for evidence lines."""
    steps = "".join(f"{delay.text} after " for delay in rule.delays)
    return f"{steps}{'end of ' if rule.period_end else ''}{rule.after}"
