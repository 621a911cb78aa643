"""The SLA part of the rule model: metrics, targets, tiers, exclusions and exemptions."""

from __future__ import annotations

import typing
from typing import TypeAlias

from attrs import frozen

from .availability import MaintenanceExclusion
from .base import Acknowledgement, Literal, Span, _span

# ``typing.Literal``: ``Literal`` here is the rule language's own (a number, a duration…).
RetierMode: TypeAlias = typing.Literal["remeasure", "restart"]


# ---- SLAs ------------------------------------------------------------------------------------


@frozen
class Metric:
    """A clock: starts at ``start`` and stops at the first of ``stops``, measured on
    ``calendar`` (the SLA's when None). ``start_calendar`` (``starting on X then Y``): the
    clock starts at X's next working instant after the start event, then counts on
    ``calendar`` (Y)."""

    name: str
    start: str
    stops: tuple[str, ...]
    calendar: str | None = None
    cite: str | None = None
    span: Span = _span()
    start_calendar: str | None = None


@frozen
class Target:
    """A tier's target for one metric: a duration of working time, or N days / workdays
    counted per the Civil Code (ending 24:00, or close of business with ``by close``).
    ``downgrade``: a downgrade to a later-declared tier before the deadline also discharges
    it (the ticket then owes the new tier's target). ``agreed``: a ticket's ``agreed`` event
    may set the amount (``8小时 or agreed``); with ``amount`` None only an agreement sets it
    (``restore agreed``: 按需). ``when``: the target is owed only once the ticket has had
    that event (``engineer_arrive 3小时 when escalated``: 如现场服务人员无法解决)."""

    metric: str
    amount: Literal | None
    close_of_business: bool = False
    downgrade: bool = False
    cite: str | None = None
    span: Span = _span()
    agreed: bool = False
    when: str | None = None


@frozen
class SlaEvents:
    """``event requested, …``: ticket events an SLA's metrics may start at that are no
    life-cycle type and no metric's stop event (a root-cause report from ``requested``)."""

    names: tuple[str, ...]
    cite: str | None = None
    span: Span = _span()


@frozen
class Tier:
    name: str
    targets: tuple[Target, ...] = ()
    cite: str | None = None
    span: Span = _span()


@frozen
class Exclusion:
    """Tickets attributed to one of these causes are reported but scored nowhere."""

    causes: tuple[str, ...]
    cite: str | None = None
    span: Span = _span()


@frozen
class Exemption:
    """Metrics that become ``not_applicable`` for a ticket attributed to one of the causes
    (fujian-scjg: 突发应急事件除外)."""

    metrics: tuple[str, ...]
    causes: tuple[str, ...]
    cite: str | None = None
    span: Span = _span()


@frozen
class WarnLevels:
    """``warn at 50%, 75%, 90%``: the shares of a target's time at which helpdesk code
    warns that a running target is at risk (as ServiceNow and Jira warn at 50/75/90%).
    It changes no result: the live status reports the highest level a target has reached."""

    levels: tuple[Literal, ...]  # percentages as written, in the order written
    cite: str | None = None
    span: Span = _span()


@frozen
class Reopen:
    """``reopen resumes restore[, …]`` (or ``reopen resumes nothing``): the metrics a
    ``reopened`` event may set running again. Of these, the ones that have stopped and whose
    stop came last run again (the resolution the reopening undoes); the others keep their
    result. When the listed metrics stop at different events, the resolution is the last
    stop of one that only the shared events stop (``SlaPlan.reopen_anchors``): an arrival
    that happened stays. Without the line, the candidates are the metrics that start at
    ``opened``. A contract's answer (响应) is given once: a ticket closed before its fix and
    reopened, or one whose resolution stops no metric, must not owe its answer again."""

    metrics: tuple[str, ...]  # empty: ``nothing``
    cite: str | None = None
    span: Span = _span()


ALL_METRICS = ("*",)


@frozen
class Sla:
    name: str
    calendar: str | None
    metrics: tuple[Metric, ...]
    tiers: tuple[Tier, ...]
    pauses: tuple[str, ...] = ()  # metric names, or ALL_METRICS
    retier: RetierMode = "remeasure"
    exclusions: tuple[Exclusion, ...] = ()
    exemptions: tuple[Exemption, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    cite: str | None = None
    span: Span = _span()
    pause_cite: str | None = None  # ``pause … cite "…"``
    retier_cite: str | None = None  # ``retier … cite "…"``
    # ``pause … tier T, …``: pauses hold the clocks only while the ticket holds one of these
    # tiers (fujian-slt: the 限制条件 of the 一般 row); empty: every tier.
    pause_tiers: tuple[str, ...] = ()
    # ``retier remeasure allow D``: after a change, a running target's deadline is never
    # before the change + D (nor after its deadline before the change); ``allow full``: +
    # the new tier's own target. None and False: never before the change itself (SPEC §3.7).
    retier_allow: Literal | None = None
    retier_allow_full: bool = False
    # ``exclude maintenance announced 8h ahead``: announced maintenance windows are not
    # downtime for ``availability(…)`` (None: every maintenance window is downtime).
    maintenance: MaintenanceExclusion | None = None
    warn: WarnLevels | None = None  # ``warn at …``
    events: tuple[SlaEvents, ...] = ()
    reopen: Reopen | None = None  # ``reopen resumes …``; None: the metrics from ``opened``
