"""The :class:`Calendar` a rule file's calendar declaration describes: the one place that
turns a ``calendar`` block of the model into working time, for the checks (which build it
to refuse what the constructor refuses) and for evaluation alike."""

from __future__ import annotations

from .. import model as m
from . import Calendar


def build_calendar(definition: m.CalendarDef, tz: str) -> Calendar:
    """``tz`` is the ruleset's timezone, used unless the calendar names its own."""
    return Calendar(
        definition.hours,
        holidays=None if definition.days == "none" else definition.days,
        tz=definition.timezone or tz,
        extra_holidays=definition.extra_holidays,
        extra_workdays=definition.extra_workdays,
        seasons=[(s.hours, s.start, s.end) for s in definition.seasons],
        subdiv=definition.subdiv,
        counting=definition.counting or "civil",
    )
