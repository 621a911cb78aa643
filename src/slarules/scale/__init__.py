"""Replays beyond one process, on Dask (an extra: ``pip install 'slarules[dask]'``).

``replay_many`` replays many (rule file, event log) pairs as ``slarules replay`` would, one
task per pair; ``replay_partitioned`` replays one large log by ticket partitions, with the
single replay's report byte for byte. Dask is imported only when a cluster is needed
(``cluster``); see docs/scale.md.
"""

from __future__ import annotations

from .cluster import DASK_MISSING, dask_client, require_dask
from .manifest import Job, read_manifest
from .many import PairOutcome, replay_many, run_pair, summary_line
from .partitioned import replay_partitioned

__all__ = [
    "DASK_MISSING",
    "Job",
    "PairOutcome",
    "dask_client",
    "read_manifest",
    "replay_many",
    "replay_partitioned",
    "require_dask",
    "run_pair",
    "summary_line",
]
