"""The Dask cluster a scaled replay runs on: a local one by default, or any scheduler.

Dask is an extra (``pip install 'slarules[dask]'``), never a dependency of a single replay:
it is imported here, inside the functions that need it, and its absence is a usage error
that names the extra.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import UsageError
from ..i18n import _

__all__ = ["DASK_MISSING", "dask_client", "require_dask"]

DASK_MISSING = (
    "this needs Dask, which slarules installs only as an extra: "
    "pip install 'slarules[dask]' (or run without --scheduler/--partitions)"
)


def require_dask() -> Any:
    """The ``distributed`` module, or a ``UsageError`` naming the extra."""
    try:
        import distributed
    except ImportError:
        raise UsageError(DASK_MISSING) from None
    return distributed


def dask_config() -> Any:
    """``dask.config`` (installed with ``distributed``)."""
    require_dask()
    import dask.config

    return dask.config


@contextmanager
def dask_client(
    scheduler: str | None = None, workers: int | None = None, processes: bool = True
) -> Iterator[Any]:
    """A ``distributed.Client``: connected to ``scheduler`` (``tcp://host:8786``) when one
    is given, else to a ``LocalCluster`` of ``workers`` single-threaded workers (default:
    one per CPU), processes unless ``processes=False`` (threads: for tests). Closed after."""
    distributed = require_dask()
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(
                _("cannot reach the Dask scheduler {scheduler}: {error}").format(
                    scheduler=scheduler, error=exc
                )
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise UsageError(_("--workers {count}: give at least one worker").format(count=count))
    # Dask's statistical profiler samples every worker's stack every 10 ms: on a replay
    # (deep, pure-Python stacks) that cost more than a third of the work. The workers
    # take the configuration they are made with.
    with dask_config().set({"distributed.worker.profile.enabled": False}):
        cluster = distributed.LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()
