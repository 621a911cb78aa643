"""Availability of the model (docs/language.md, Availability and percentages): the SLA
clause that excludes maintenance windows announced in advance. Re-exported by
``slarules.model``.

``availability(SLA.METRIC)`` itself is an ``Aggregate`` (fn ``"availability"``) like
``downtime(SLA.METRIC)``, whose union of running intervals it reuses."""

from __future__ import annotations

import typing

from attrs import frozen

from .base import Literal, Span, _span

# Where an announced window is left out: of the downtime only (the window is neither up
# nor down time: many SLAs), or of the downtime and of the period's length (the window is
# not service time at all: "planned maintenance is excluded from the measurement period").
MaintenanceScope: typing.TypeAlias = typing.Literal["downtime", "period"]


@frozen
class MaintenanceExclusion:
    """``exclude maintenance announced 8h ahead [from downtime [and period]]``: a
    ``maintenance`` event whose ``at`` (the announcement) is at least ``notice`` of
    wall-clock time (a duration, or a ``duration`` parameter's value) before its ``start``
    is excluded; one announced later counts as
    downtime. ``scope`` "downtime" (the default) leaves the period's length whole;
    "period" also shortens it by the excluded window."""

    notice: Literal | str  # a duration, or the name of a duration parameter
    scope: MaintenanceScope = "downtime"
    cite: str | None = None
    span: Span = _span()
