"""``python -m benchmarks`` (``make bench``): run every benchmark and print one table.

Columns: benchmark, slarules time, reference time, ratio, target, pass/fail.  Progress goes
to stderr; the table (with the machine it ran on) to stdout.  Exit status 1 when a target is
missed or answers differ, so a regression cannot pass unnoticed.

``--quick`` runs every benchmark at tiny sizes (seconds, for the smoke test); the sizes can
also be set one by one.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Sequence

from .common import Row, render_table, say

ALL = ("calendar", "check", "replay", "memory", "scale")


def machine() -> str:
    """nproc, memory and Python: what the absolute numbers depend on."""
    cpus = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * size / 2**30:.1f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{usable} CPU(s){memory}, Python {platform.python_version()}"
        f" ({platform.python_implementation()}), {platform.system()} {platform.machine()}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", default=",".join(ALL), help=f"comma-separated: {','.join(ALL)}")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    parser.add_argument("--queries", type=int, help="calendar queries (100,000)")
    parser.add_argument("--pandas-queries", type=int, help="pandas on a prefix (all)")
    parser.add_argument("--rule-lines", type=int, help="rule-file lines (5,000)")
    parser.add_argument("--events", type=int, help="events for the speed run (1,000,000)")
    parser.add_argument("--memory-events", type=int, help="events for memory (5,000,000)")
    parser.add_argument("--contracts", type=int, help="replay-many pairs (20)")
    parser.add_argument("--contract-events", type=int, help="events per pair (20,000)")
    parser.add_argument("--partition-events", type=int, help="partitioned log (200,000)")
    parser.add_argument(
        "--serial", action="store_true", help="run the memory replay alone, after the others"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.queries = args.queries or (500 if quick else 100_000)
    args.rule_lines = args.rule_lines or (120 if quick else 5000)
    args.events = args.events or (2000 if quick else 1_000_000)
    args.memory_events = args.memory_events or (5000 if quick else 5_000_000)
    args.repeat = 1 if quick else 3
    args.contracts = args.contracts or (4 if quick else 20)
    args.contract_events = args.contract_events or (300 if quick else 20_000)
    args.partition_events = args.partition_events or (2000 if quick else 200_000)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(ALL))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")
    return args


def run(args: argparse.Namespace) -> list[Row]:
    """Every benchmark asked for.  The memory replay is the longest; unless ``--serial``,
    it runs in its own process on the second core while the others run, which keeps
    ``make bench`` under five minutes on two cores (times are CPU times, see ``common``)."""
    from . import bench_replay

    memory = None
    if "memory" in args.only and not args.serial:
        memory = bench_replay.start_memory(args.memory_events)
    rows: list[Row] = []
    if "calendar" in args.only:
        from . import bench_calendar

        rows += bench_calendar.run(args.queries, args.pandas_queries, repeat=args.repeat)
        from . import bench_calendar_mixes

        rows += bench_calendar_mixes.run(args.queries, repeat=args.repeat)
    if "check" in args.only:
        from . import bench_check

        rows.append(bench_check.run(args.rule_lines, repeat=args.repeat))
    smaller = None
    if "replay" in args.only:
        row, smaller = bench_replay.run_speed(args.events)
        rows.append(row)
        rows.append(bench_replay.run_compiled(args.events, smaller))
        rows.append(bench_replay.run_decode(args.events))
        rows.append(bench_replay.memory_row(smaller))
    if "memory" in args.only:
        if memory is None:
            memory = bench_replay.start_memory(args.memory_events)
        say("memory: waiting for the background replay")
        rows.append(bench_replay.finish_memory(memory, smaller))
    if "scale" in args.only:  # after the memory replay: the speed-up needs both cores
        from . import bench_scale

        rows.append(bench_scale.run_many(args.contracts, args.contract_events))
        rows.append(bench_scale.run_partitioned(args.partition_events))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    say(f"benchmarks on {machine()}")
    rows = run(args)
    sys.stdout.write(f"slarules benchmarks — {machine()}\n\n")
    sys.stdout.write(render_table(rows))
    return 1 if any(row.passed is False for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
