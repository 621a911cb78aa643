"""What ``slarules deadline`` says about every metric of a tier (SPEC §6, issue 13).

For a ticket of one SLA and tier opened at a time, each metric of the SLA gets one line:

- a metric that starts at ``opened`` has its deadline, as it always had;
- a metric that starts at another event (``report from restored``, a root-cause report
  ``from requested``) has a deadline only once that event has happened: without it the line
  gives the target and the event it counts from; with the event's time (``--from
  restored=TS``) the deadline is computed as for ``opened``;
- a target owed only ``when`` an event happens is conditional, and says so;
- a target that an agreement sets (``agreed``) has no time of its own; ``8小时 or agreed``
  has the 8 hours unless an agreement for the ticket says otherwise;
- a metric the tier has no target for says so.

The engine computes; the command line prints (``cli/deadline.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from attrs import frozen

from .. import model as m
from ..calendar import Calendar
from ..calendar.instants import in_zone
from .clocks import base_deadline, clock_start, metric_calendar

# What a line owes: always, only once an event has happened, or only what is agreed.
OWED = "owed"
WHEN = "when"
AGREED = "agreed"
NO_TARGET = "no_target"


@frozen
class DeadlineLine:
    """One metric of the tier. ``start`` and ``deadline`` are None when the metric's start
    event has no time given; ``owed`` is ``owed``, ``when`` (only once ``when`` has
    happened), ``agreed`` (only an agreement sets it) or ``no_target``."""

    metric: str
    start_event: str
    target: str | None
    owed: str
    when: str | None
    or_agreed: bool
    start: datetime | None
    deadline: datetime | None


def deadline_lines(
    sla: m.Sla,
    tier: m.Tier,
    calendars: Mapping[str, Calendar],
    fallback: Calendar,
    starts: Mapping[str, datetime],
) -> list[DeadlineLine]:
    """A line per metric of ``sla`` in declaration order; ``starts``: the time of each start
    event known (``opened`` and every ``--from EVENT=TS``)."""
    targets = {t.metric: t for t in tier.targets}
    lines = []
    for metric in sla.metrics:
        target = targets.get(metric.name)
        start_at = starts.get(metric.start)
        if target is None:
            lines.append(
                DeadlineLine(metric.name, metric.start, None, NO_TARGET, None, False, None, None)
            )
            continue
        owed = WHEN if target.when else AGREED if target.amount is None else OWED
        text = target.amount.text if target.amount is not None else None
        if text is not None and target.close_of_business:
            text += " by close"
        deadline = None
        if start_at is not None and target.amount is not None:
            calendar = metric_calendar(sla, metric, calendars, fallback)
            start = clock_start(metric, calendars, start_at)
            deadline = in_zone(base_deadline(calendar, target, start), calendar.tz)
        lines.append(
            DeadlineLine(
                metric.name,
                metric.start,
                text,
                owed,
                target.when,
                target.agreed and target.amount is not None,
                start_at,
                deadline,
            )
        )
    return lines
