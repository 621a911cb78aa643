"""Working hours, derived due times and forced grades: the constructs that need the
calendar or the event vocabulary to be meaningful.

- A calendar's ``hours`` must parse (SLR140: a schedule the engine cannot evaluate would
  stop the replay instead of the check). Its seasonal ``hours … from MM-DD to MM-DD``
  lines must each parse, none may be ``24x7``, and together they must cover every day of
  the year exactly once (SLR140, with the first day in two seasons or in none as witness);
  a calendar cannot have both an all-year ``hours`` and seasonal ones (SLR140: which would
  govern a season's days?).
- ``deliverable X due … after NAME``: NAME is a date parameter, a ticket event type or a
  milestone name; a parameter of another type, or a non-ticket event type (``occurrence``,
  ``due`` …), is SLR211. Each delay is at least 1 (SLR106); its calendar must exist (SLR201).
- ``deliverable X due … after end of PERIOD``: PERIOD must be declared (SLR208).
- ``GRADE: [a, b] when occurrence of KIND``: KIND must be declared (SLR205).
"""

from __future__ import annotations

from .. import model as m
from ..calendar.hours import parse_hours
from ..calendar.seasons import build_seasons
from ..i18n import _
from .base import Checker
from .references import NON_TICKET_EVENTS

__all__ = ["run"]


def run(c: Checker) -> None:
    for calendar in c.ruleset.calendars:
        if calendar.seasons:
            _seasons(c, calendar)
        else:
            _hours(c, calendar)
    for deliverable in c.ruleset.deliverables:
        if deliverable.due is not None:
            _due(c, deliverable.name, deliverable.due)
    for card in c.ruleset.scorecards:
        for item in m.walk_items(card.entries):
            for rule in item.rules:
                if isinstance(rule, m.JudgedRule):
                    _forced_grades(c, item, rule)


def _hours(c: Checker, calendar: m.CalendarDef) -> None:
    try:
        parse_hours(calendar.hours)
    except ValueError as exc:
        where = c.locate(calendar.span, "hours")
        c.report(
            "SLR140",
            where,
            _("calendar {calendar_name}: {exc}").format(calendar_name=calendar.name, exc=exc),
        )


def _seasons(c: Checker, calendar: m.CalendarDef) -> None:
    if calendar.hours:
        message = _(
            "calendar {calendar_name} has both all-year hours and "
            "seasonal hours (from … to …); give every season its own "
            "hours line instead"
        ).format(calendar_name=calendar.name)
        c.report("SLR140", calendar.seasons[0].span, message)
        return
    try:
        build_seasons((s.hours, s.start, s.end) for s in calendar.seasons)
    except ValueError as exc:
        span = calendar.seasons[0].span
        text = str(exc)
        for season in calendar.seasons:  # point at the season the message names
            if season.hours in text or f"{season.start} to {season.end}" in text:
                span = season.span
        witness = _day_in(text)
        c.report(
            "SLR140",
            span,
            _("calendar {calendar_name}: {text}").format(calendar_name=calendar.name, text=text),
            witness,
        )


def _day_in(text: str) -> str | None:
    """The MM-DD a season message ends its claim with (the witness day), if any."""
    for marker in (" on ", " covers "):
        if marker in text:
            return text.split(marker, 1)[1][:5]
    return None


def _due(c: Checker, deliverable: str, due: m.DueRule) -> None:
    after = due.after
    if due.period_end:
        _period_end(c, deliverable, due)
    param = next((p for p in c.ruleset.params if p.name == after), None)
    where = c.locate(due.span, after, after="after")
    if due.period_end:
        pass  # a period, checked above
    elif param is not None and param.type != "date":
        message = _(
            "deliverable {deliverable} is due after {after}, a {type} "
            "parameter; a due time counts from an event or a date "
            "parameter"
        ).format(deliverable=deliverable, after=after, type=param.type)
        c.report("SLR211", where, message)
    elif param is None and after in NON_TICKET_EVENTS:
        message = _(
            "deliverable {deliverable} is due after “{after}” events, "
            "which carry no instant of the contract; name a milestone "
            "(signed, inspected…) or a ticket event"
        ).format(deliverable=deliverable, after=after)
        c.report("SLR211", where, message)
    for delay in due.delays:
        if isinstance(delay.value, int) and delay.value < 1:
            message = _(
                "deliverable {deliverable} is due “{text}” after an event; a "
                "period counted in days, workdays or months needs a whole "
                "number ≥ 1 (the day of the event is never counted)"
            ).format(deliverable=deliverable, text=delay.text)
            c.report("SLR106", delay.span, message)
    if due.calendar is not None and due.calendar not in c.calendars:
        where = c.locate(due.span, due.calendar, after="on")
        c.unknown("SLR201", _("calendar"), due.calendar, c.calendars, where)


def _period_end(c: Checker, deliverable: str, due: m.DueRule) -> None:
    """``after end of PERIOD``: PERIOD must be declared (SLR208) and, with several delays,
    the chain counts from its last day like any other (nothing more to check)."""
    periods = {p.name for p in c.ruleset.periods}
    if due.after not in periods:
        where = c.locate(due.span, due.after, after="of")
        c.unknown("SLR208", "period", due.after, periods, where)


def _forced_grades(c: Checker, item: m.Item, rule: m.JudgedRule) -> None:
    kinds = {k.name for k in c.ruleset.kinds}
    for grade in rule.grades:
        if grade.forced_by is not None and grade.forced_by not in kinds:
            c.unknown("SLR205", _("kind"), grade.forced_by, kinds, grade.forced_span)
