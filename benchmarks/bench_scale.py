"""Replays beyond one process, on Dask (docs/scale.md): ``replay-many`` of 20 contracts on a
local cluster of 2 worker processes against the same 20 replays one after the other in one
process, and the byte-identity of a ticket-partitioned replay of one large log.

Unlike the other benchmarks, the speed-up is a ratio of **wall** times: running on two cores
at once is the point. Both sides write the same reports (JSON) to the same kind of folder.
The cluster's start (processes, imports) is timed apart and reported in the notes; the ratio
is without it, and the note gives the ratio with it. On a machine shared with other work the
wall times suffer from it, and the note says so.

The 20 pairs: the reference rulesets that ``loggen`` can write logs for (fujian-slt-2024
has a judged-only scorecard it cannot fill yet), each with logs of several seeds, so that
every pair is a different contract's year at a realistic size.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .common import REPO, Row, fmt_seconds, say
from .loggen import event_log

RULESETS = ("fujian-gxt-2026", "fujian-scjg-2023", "guangxi-gat-2024", "sichuan-sthjt-2025")
SPEEDUP_TARGET = 1.5  # two workers on two cores; 2.0 is the ceiling


def _pairs(contracts: int, events: int) -> list[tuple[Path, Path]]:
    """``contracts`` (rule file, log) pairs, cycling over the rulesets, logs generated
    once and kept under benchmarks/data/ (seeded: the same bytes every run), named by the
    rule file's vocabulary and the generator, so a changed rule file gets a new log (a log
    cached by name alone kept typed `due` events for guangxi's 发票 after the rule file
    came to compute them, and every replay of it was refused)."""
    out = []
    for n in range(contracts):
        name = RULESETS[n % len(RULESETS)]
        rules = REPO / "rulesets" / f"{name}.sla"
        log, _generated = event_log(events, seed=100 + n, rules=rules)
        out.append((rules, log))
    return out


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def run_many(contracts: int, events: int, workers: int = 2) -> Row:
    from slarules.scale import Job, dask_client, replay_many, run_pair

    say(f"scale: {contracts} pairs of {events:,} events")
    pairs = _pairs(contracts, events)
    with tempfile.TemporaryDirectory(prefix="slarules-scale-") as folder:

        def jobs(side: str) -> list[Job]:
            return [
                Job(n, str(r), str(e), str(Path(folder) / f"{side}-{n}.json"))
                for n, (r, e) in enumerate(pairs, start=1)
            ]

        start, cpu = time.perf_counter(), time.process_time()
        serial = [run_pair(job) for job in jobs("serial")]
        serial_wall, serial_cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        with dask_client(workers=workers) as client:
            # Up, with slarules imported and its parser built on every worker (as the
            # serial side has them in its process): one pair replayed by each, not timed.
            client.run(
                run_pair,
                Job(0, str(pairs[0][0]), str(pairs[0][1]), str(Path(folder) / "warm.json")),
            )
            before = sum(client.run(time.process_time).values())
            ready = time.perf_counter()
            parallel = replay_many(jobs("dask"), client=client)
            done = time.perf_counter()
            workers_cpu = sum(client.run(time.process_time).values()) - before
        startup, parallel_wall = ready - start, done - ready
        same = all(
            Path(a.job.out).read_bytes() == Path(b.job.out).read_bytes()
            for a, b in zip(serial, parallel, strict=True)
        )
        ok = all(o.status == "ok" for o in (*serial, *parallel))
    speedup = serial_wall / parallel_wall
    with_start = serial_wall / (parallel_wall + startup)
    return Row(
        f"replay-many {contracts} contracts",
        fmt_seconds(parallel_wall) + f" ({workers} w.)",
        fmt_seconds(serial_wall) + " (1 proc.)",
        f"{speedup:.2f}× faster",
        f"≥ {SPEEDUP_TARGET}× faster",
        speedup >= SPEEDUP_TARGET and same and ok,
        (
            f"wall times; {contracts} pairs × {events:,} events, LocalCluster of {workers}"
            f" worker processes; every report byte-identical to the serial one: {same}",
            f"cluster start {fmt_seconds(startup)} not counted; counted, {with_start:.2f}×",
            f"CPU time: serial {fmt_seconds(serial_cpu)}, the workers {fmt_seconds(workers_cpu)}"
            f" together: on two idle cores the speed-up would be about"
            f" {2 * serial_cpu / workers_cpu:.2f}×",
            f"load average {_load()} on {os.cpu_count()} cores at the end: wall times are only"
            " the speed-up two cores give when nothing else runs on them",
        ),
    )


def run_partitioned(events: int, partitions: int = 2, workers: int = 2) -> Row:
    import slarules
    from slarules.scale import Job, dask_client, replay_partitioned, run_pair

    rules = REPO / "rulesets" / "guangxi-gat-2024.sla"
    log, generated = event_log(events, seed=7, rules=rules)
    if generated:
        say(f"scale: generated a {events:,}-event log")
    say(f"scale: partitioned replay of {events:,} events, {partitions} partitions")
    start = time.perf_counter()
    single = slarules.load(rules).replay(log).to_json()
    single_wall = time.perf_counter() - start
    sample = REPO / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    with dask_client(workers=workers) as client, tempfile.TemporaryDirectory() as folder:
        # Warm: every worker replays the small sample once (imports, parser), not timed.
        client.run(run_pair, Job(0, str(rules), str(sample), str(Path(folder) / "warm.json")))
        start = time.perf_counter()
        split = replay_partitioned(rules, log, partitions, client=client).to_json()
        split_wall = time.perf_counter() - start
    same = split == single
    return Row(
        f"partitioned replay {events:,} ev.",
        fmt_seconds(split_wall) + f" (K={partitions})",
        fmt_seconds(single_wall) + " (single)",
        "identical" if same else "DIFFERENT",
        "byte-identical",
        same,
        (
            f"{len(single):,} bytes of JSON report; {partitions} partitions on {workers} worker"
            f" processes; {single_wall / split_wall:.2f}× the single replay's wall time"
            " (every partition reads the whole log: only the ticket work is split)",
        ),
    )
