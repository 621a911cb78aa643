"""``replay_partitioned``: one large log replayed by ticket partitions (tickets map, periods
reduce), with the single replay's report, byte for byte.

Map: partition ``k`` of ``K`` (a Dask task, :func:`partition_task`) loads the rule file,
reads the whole log and keeps the clocks of the tickets whose id hashes to ``k``
(``slarules.engine.partition``). Reduce: the partitions' tickets and the evidence they all
share make the single replay's ``Evidence``, which is scored and reported here as
``Ruleset.replay`` does. A log with a bad event, and ``lenient``, go to the single replay,
so that the diagnostics and the skipped-event warnings are exactly its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import engine
from ..api import Ruleset, load
from ..engine.options import parse_as_of, parse_period
from ..engine.partition import Partition, merge, replay_partition
from ..errors import RuleError, UsageError
from ..events.reader import EventSource
from ..i18n import _
from ..report import Report
from ..report.inputs import build
from .cluster import dask_client

__all__ = ["partition_task", "replay_partitioned"]


def partition_task(
    rules_path: str,
    events_path: str,
    index: int,
    count: int,
    params: Mapping[str, object] | None,
    as_of: datetime | None,
) -> Partition | None:
    """Map one partition (a Dask task). None when the log has a bad event or cannot be
    evaluated: the caller then runs the single replay, which says why."""
    rules = load(rules_path)
    source = EventSource(events_path)
    try:
        with engine.collector_paused():
            return replay_partition(rules.model, source, index, count, params=params, as_of=as_of)
    except (RuleError, ValueError, OverflowError, OSError):
        return None
    finally:
        source.close()


def replay_partitioned(
    rules: str | Path | Ruleset,
    events: str | Path,
    partitions: int,
    *,
    as_of: datetime | str | None = None,
    params: Mapping[str, object] | None = None,
    period: str | None = None,
    lenient: bool = False,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Report:
    """The report of ``rules.replay(events, …)``, computed in ``partitions`` ticket
    partitions: on ``client`` (a ``distributed.Client``), or on a cluster made from
    ``scheduler``/``workers`` (see ``cluster.dask_client``); ``client="serial"`` runs the
    partitions one after the other in this process (no Dask needed: for tests)."""
    if partitions < 1:
        raise UsageError(
            _("--partitions {partitions}: give at least one partition").format(
                partitions=partitions
            )
        )
    ruleset = rules if isinstance(rules, Ruleset) else load(rules)
    when = parse_as_of(as_of) if as_of is not None else None
    selection = parse_period(ruleset.model, period) if period is not None else None
    if lenient or partitions == 1:
        return ruleset.replay(events, as_of=when, params=params, period=period, lenient=lenient)
    args = (
        str(Path(ruleset.path).resolve()),
        str(Path(events).resolve()),
        partitions,
        params,
        when,
    )
    if client == "serial":
        parts = [_map(None, args, k) for k in range(partitions)]
    elif client is not None:
        parts = _map_on(client, args)
    else:
        with dask_client(scheduler, workers) as made:
            parts = _map_on(made, args)
    if any(part is None for part in parts):
        return ruleset.replay(events, as_of=when, params=params, period=period)
    with engine.collector_paused():
        evidence = merge([part for part in parts if part is not None])
        tracker = engine.Tracker(ruleset.model, params)  # the context scoring needs
        source_name = str(events)
        first = parts[0]
        assert first is not None
        return build(
            tracker,
            evidence,
            selection,
            source_name,
            first.events_sha256,
            ruleset.warnings,
            ruleset.sha256,
        )


_Args = tuple[str, str, int, Mapping[str, object] | None, datetime | None]


def _map(_: None, args: _Args, index: int) -> Partition | None:
    rules_path, events_path, count, params, when = args
    return partition_task(rules_path, events_path, index, count, params, when)


def _map_on(client: Any, args: _Args) -> list[Partition | None]:
    rules_path, events_path, count, params, when = args
    futures = [
        client.submit(partition_task, rules_path, events_path, k, count, params, when, pure=False)
        for k in range(count)
    ]
    parts: list[Partition | None] = client.gather(futures)
    return parts
