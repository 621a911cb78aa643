"""What every benchmark shares: the result row, timing, the table, and where data lives.

Benchmarks report ratios measured in one run (SPEC §10), so each row carries both times and
the ratio between them; absolute times only say how fast the machine was that day.

Times are the process's CPU time (``time.process_time``), not wall time: every measured
piece of work is single-threaded and CPU-bound (inputs are in the page cache), so CPU time is
the work done, and other processes on a shared machine do not inflate one side of a ratio
more than the other.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DATA_DIR = Path(os.environ.get("SLARULES_BENCH_DATA") or Path(__file__).resolve().parent / "data")
REPO = Path(__file__).resolve().parent.parent
GUANGXI_RULES = REPO / "rulesets" / "guangxi-gat-2024.sla"


@dataclass(frozen=True)
class Row:
    """One line of the table. ``passed`` is None for an informative row with no target."""

    name: str
    ours: str
    reference: str
    ratio: str
    target: str
    passed: bool | None
    notes: tuple[str, ...] = field(default=())

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "info"}[self.passed]


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """CPU time of one call (garbage collector off, as ``timeit`` does) and its result."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.process_time()
        result = fn()
        return time.process_time() - start, result
    finally:
        if enabled:
            gc.enable()


def best_of(repeat: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeat`` runs: the least disturbed by the rest of the machine."""
    best, result = timed(fn)
    for _ in range(repeat - 1):
        seconds, result = timed(fn)
        best = min(best, seconds)
    return best, result


def fmt_seconds(seconds: float) -> str:
    """A duration in the unit that keeps three significant figures readable."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e9:.0f} ns"


def fmt_ratio(value: float) -> str:
    return f"{value:.1f}×" if value >= 10 else f"{value:.2f}×"


def render_table(rows: Iterable[Row]) -> str:
    """The one table ``make bench`` prints, notes listed underneath."""
    rows = list(rows)
    header = ("benchmark", "slarules", "reference", "ratio", "target", "result")
    cells = [header] + [(r.name, r.ours, r.reference, r.ratio, r.target, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(header), line(tuple("-" * w for w in widths))]
    out += [line(c) for c in cells[1:]]
    notes = [f"  {r.name}: {n}" for r in rows for n in r.notes]
    if notes:
        out += ["", "notes:", *notes]
    return "\n".join(out) + "\n"


def peak_rss_bytes() -> int:
    """Peak resident memory of this process image, in bytes.

    Linux's ``VmHWM`` first: ``ru_maxrss`` survives ``execve``, so a child started from a
    parent that had grown (pandas, 100,000 queries) would report the parent's peak as its
    own; ``VmHWM`` belongs to the address space the exec created.  ``ru_maxrss`` (KiB on
    Linux) where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def data_path(name: str) -> Path:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return DATA_DIR / name


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file and rename, so a half-written file is never reused."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def say(message: str) -> None:
    """Progress of the benchmark run itself, on stderr so the table stays clean on stdout."""
    import sys

    print(message, file=sys.stderr, flush=True)
