"""Calendars of other countries (issue 13): ``days DK``, ``subdiv BY``, a calendar's own
``timezone`` and its ``counting`` convention.

- ``days`` names China (``CN``), no day source (``none``) or a country the ``holidays``
  package knows, and ``subdiv`` one of that country's subdivisions; China's day source and
  ``none`` take no subdivision (SLR104).
- A calendar's ``timezone`` is an IANA name, as the ruleset's (SLR109).
- ``counting`` is ``civil`` or ``plain`` (SLR141). A calendar with another country's days
  and no stated counting counts days by the Civil Code of the PRC, which is rarely what a
  Danish or Norwegian contract means: SLR142 (a warning) asks the file to say which.
"""

from __future__ import annotations

from .. import model as m
from ..calendar import COUNTINGS
from ..calendar.countries import supported
from .base import Checker
from .evaluable import timezone_problem

__all__ = ["country_problem", "run"]


def country_problem(cal: m.CalendarDef) -> str | None:
    """Why the calendar's day source (``days`` and ``subdiv``) cannot be used, or None."""
    if cal.days in ("CN", "none"):
        if cal.subdiv is None:
            return None
        whose = "China's day source" if cal.days == "CN" else "a calendar without days"
        return f"calendar {cal.name}: {whose} has no subdivision “{cal.subdiv}”"
    problem = supported(cal.days, cal.subdiv)
    return f"calendar {cal.name}: {problem}" if problem is not None else None


def run(c: Checker) -> None:
    for cal in c.ruleset.calendars:
        problem = country_problem(cal)
        if problem is not None:
            word = "subdiv" if cal.subdiv is not None and cal.days in ("CN", "none") else "days"
            c.report("SLR104", c.locate(cal.span, word), problem)
        if cal.timezone is not None:
            zone = timezone_problem(cal.timezone)
            if zone is not None:
                c.report("SLR109", c.locate(cal.span, "timezone"), f"calendar {cal.name}: {zone}")
        if cal.counting is not None and cal.counting not in COUNTINGS:
            message = (
                f"calendar {cal.name}: unknown counting “{cal.counting}”; write counting civil "
                "(the Civil Code of the PRC) or counting plain (the same time on the N-th day)"
            )
            c.report("SLR141", c.locate(cal.span, "counting"), message)
        if cal.counting is None and cal.days not in ("CN", "none") and problem is None:
            message = (
                f"calendar {cal.name} has the days of {cal.days} but counts days by the Civil "
                "Code of the PRC (24:00 of the last day, moved off rest days); say which "
                "convention the contract means: counting plain, or counting civil"
            )
            c.report("SLR142", c.locate(cal.span, "days"), message)
