"""What every ticket of one SLA shares (``SlaPlan``), worked out once per SLA, and where a
metric's clock runs: its calendar (``metric_calendar``) and its start (``clock_start``).
The per-ticket state machine that uses them is ``engine/clocks.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from .. import model as m
from ..calendar import Calendar
from ..events.vocabulary import sla_events


def metric_calendar(
    sla: m.Sla, metric: m.Metric, calendars: Mapping[str, Calendar], fallback: Calendar
) -> Calendar:
    """The metric's own ``on`` calendar, else the SLA's; ``fallback`` (24×7) only for a
    model the checker has not passed (SLR402 reports a metric without a calendar)."""
    name = metric.calendar or sla.calendar
    return calendars.get(name, fallback) if name is not None else fallback


def clock_start(metric: m.Metric, calendars: Mapping[str, Calendar], t: datetime) -> datetime:
    """When ``metric``'s clock starts for a start event at ``t``: at ``t``, or with
    ``starting on X then Y`` at X's next working instant (``t`` itself when X is open)."""
    if metric.start_calendar is None or metric.start_calendar not in calendars:
        return t
    return calendars[metric.start_calendar].next_working(t)


class SlaPlan:
    """What every ticket of one SLA shares, worked out once: tier order, targets by tier and
    metric, the metric events, each metric's calendar and whether the SLA pauses it."""

    def __init__(self, sla: m.Sla, calendars: Mapping[str, Calendar], fallback: Calendar) -> None:
        self.sla = sla
        pausable = set(sla.pauses)
        self.metrics = tuple(
            (
                mt,
                metric_calendar(sla, mt, calendars, fallback),
                m.ALL_METRICS[0] in pausable or mt.name in pausable,
            )
            for mt in sla.metrics
        )
        self.tier_index = {t.name: i for i, t in enumerate(sla.tiers)}
        # Each tier's name as the rule file spells it, and alone in a tuple: a ticket keeps
        # these instead of the strings decoded from its events (one object per tier, not
        # one per ticket; see docs/performance.md, "Memory").
        self.tier_names = {t.name: t.name for t in sla.tiers}
        self.only_tier = {t.name: (t.name,) for t in sla.tiers}
        self.targets = {t.name: {tg.metric: tg for tg in t.targets} for t in sla.tiers}
        self.metric_index = {mt.name: i for i, mt in enumerate(sla.metrics)}
        self.metric_events = frozenset(sla_events(sla))
        # ``when EVENT`` targets: event type → indexes of the metrics that have one.
        owed_when: dict[str, list[int]] = {}
        for tier in sla.tiers:
            for tg in tier.targets:
                if tg.when is not None and tg.metric in self.metric_index:
                    owed_when.setdefault(tg.when, []).append(self.metric_index[tg.metric])
        self.owed_when = {kind: tuple(sorted(set(found))) for kind, found in owed_when.items()}
        self.pause_tiers = frozenset(sla.pause_tiers)
        # Dispatch: event type → indexes (in metric order) of the clocks it stops / starts.
        self.stops = _index_by(sla.metrics, lambda mt: mt.stops)
        self.starts = _index_by(sla.metrics, lambda mt: (mt.start,))
        self.calendars = calendars
        self.reopen_anchors = _reopen_anchors(sla, self.metric_index)

    def takes_agreement(self, tier: str, metric: str) -> bool:
        """Whether ``tier``'s target for ``metric`` may be agreed per ticket (``agreed``)."""
        target = self.targets[tier].get(metric)
        return target is not None and target.agreed

    def resumable(self, metric: m.Metric) -> bool:
        """Whether a reopening may set ``metric``'s clock running again: a metric the SLA's
        ``reopen resumes`` line names, or without the line one that starts at ``opened``."""
        reopen = self.sla.reopen
        if reopen is None:
            return metric.start == "opened"
        return metric.name in reopen.metrics

    def pauses_in(self, tier: str) -> bool:
        """Whether a pause holds the clocks of a ticket in ``tier`` (``pause … in tier``)."""
        return not self.pause_tiers or tier in self.pause_tiers

    def tier_name(self, tier: str) -> str:
        """The plan's own string for ``tier`` (equal to it): kept instead of the event's."""
        return self.tier_names.get(tier, tier)

    def tiers_held(self, tiers: list[str]) -> tuple[str, ...]:
        """``tiers`` as a tuple, the one-tier case shared by every ticket of that tier."""
        if len(tiers) == 1:
            return self.only_tier.get(tiers[0]) or (tiers[0],)
        return tuple(tiers)


def _index_by(
    metrics: tuple[m.Metric, ...], events: Callable[[m.Metric], Iterable[str]]
) -> dict[str, tuple[int, ...]]:
    """Event type → indexes of the metrics whose ``events`` include it, in metric order."""
    out: dict[str, list[int]] = {}
    for i, mt in enumerate(metrics):
        for kind in dict.fromkeys(events(mt)):
            out.setdefault(kind, []).append(i)
    return {kind: tuple(found) for kind, found in out.items()}


def _reopen_anchors(sla: m.Sla, index: Mapping[str, int]) -> tuple[int, ...]:
    """The metrics of the ``reopen resumes`` line that only the resolution itself stops:
    those whose every stop event stops every listed metric (fujian-gxt's ``resolve``, beside
    ``arrive`` that stops at ``arrived, resolved``). The resolution a reopening undoes is
    the last stop of one of them; a listed clock that its own event stopped (the resident
    who came) is no part of it and keeps its result. Empty without the line, or when no
    listed metric is stopped only by the shared events: then the last stop of any listed
    metric is the resolution."""
    if sla.reopen is None:
        return ()
    metrics = {mt.name: mt for mt in sla.metrics}
    listed = [metrics[name] for name in sla.reopen.metrics if name in metrics]
    if not listed:
        return ()
    shared = set(listed[0].stops).intersection(*(mt.stops for mt in listed[1:]))
    return tuple(index[mt.name] for mt in listed if set(mt.stops) <= shared)
