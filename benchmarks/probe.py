"""One measurement in a fresh interpreter: ``python -m benchmarks.probe MODE RULES EVENTS``.

Each replay measurement runs in its own process so that its peak resident memory
(``ru_maxrss``) is its own, and so that no measurement inherits the heap of the one before.
Prints one JSON object on stdout:

* ``json``: parse every line of EVENTS with the standard library's ``json`` alone (the
  reference a replay is compared with); ``seconds`` is the best of ``--repeat`` passes.
* ``decode``: the reading stage alone (every line to a checked ``Event``), by the msgspec
  fast path and by the pure-Python path, in one process: ``fast_seconds``, ``pure_seconds``.
* ``stages``: where a replay's time goes, µs per event by stage against ``json.loads``
  (``benchmarks/stages.py``; ``--table`` prints the table docs/performance.md keeps).
* ``replay``: ``slarules.load(RULES).replay(EVENTS)``; ``seconds`` covers the replay (reading,
  checking and evaluating every event, scoring, building the report), not loading the rules;
  ``render_seconds`` is ``Report.write_json()`` on top (the JSON written piece by piece, as
  ``replay --format json --out`` writes it), ``report_sha256`` the digest of its UTF-8
  bytes (to compare the compiled build's report with the pure one's), and
  ``extension_modules`` the slarules modules this interpreter imported as C extensions
  (none in the pure build).  ``samples`` are (events read, peak
  RSS) pairs taken through the replay's progress callback; with ``--rss-limit`` the replay
  is stopped once its memory passes the limit (``stopped_at`` says after how many events).

Both report ``peak_rss`` and ``baseline_rss`` (after imports and set-up, before the
measured work), in bytes.  Times are CPU seconds of this process (see ``common``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

from .common import peak_rss_bytes


def parse_only(events: Path) -> int:
    """What the reference does: read the file and ``json.loads`` each line, nothing else."""
    loads = json.loads
    count = 0
    with events.open(encoding="utf-8") as handle:
        for line in handle:
            loads(line)
            count += 1
    return count


def measure_json(events: Path, repeat: int) -> dict[str, Any]:
    baseline = peak_rss_bytes()
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.process_time()
        count = parse_only(events)
        best = min(best, time.process_time() - start)
    peak = peak_rss_bytes()
    return {"seconds": best, "events": count, "baseline_rss": baseline, "peak_rss": peak}


class _Stopped(Exception):
    """Raised from the progress callback when memory passes the limit."""

    def __init__(self, events: int) -> None:
        super().__init__(events)
        self.events = events


class MemoryWatch:
    """The replay's progress callback: samples peak memory as the log is read (about ten
    samples over the file), and stops the replay once it passes ``limit`` bytes, so that a
    replay whose memory grows with the log fails fast instead of running for minutes."""

    def __init__(self, total_bytes: int, limit: int | None) -> None:
        self.total_bytes = max(total_bytes, 1)
        self.limit = limit
        self.samples: list[tuple[int, int]] = []  # (events read, peak RSS)
        self.next_sample = 0

    def __call__(self, events: int, bytes_read: int) -> None:
        rss = peak_rss_bytes()
        if bytes_read >= self.next_sample:
            self.samples.append((events, rss))
            self.next_sample = bytes_read + self.total_bytes // 10
        if self.limit is not None and rss > self.limit:
            self.samples.append((events, rss))
            raise _Stopped(events)


def measure_replay(
    rules: Path, events: Path, render: bool, rss_limit: int | None = None
) -> dict[str, Any]:
    import gc

    import slarules

    ruleset = slarules.load(rules)
    gc.collect()
    baseline = peak_rss_bytes()
    watch = MemoryWatch(events.stat().st_size, rss_limit)
    start = time.process_time()
    try:
        report = ruleset.replay(events, progress=watch)
    except _Stopped as stop:
        return {
            "seconds": time.process_time() - start,
            "baseline_rss": baseline,
            "peak_rss": peak_rss_bytes(),
            "stopped_at": stop.events,
            "samples": watch.samples,
        }
    seconds = time.process_time() - start
    result: dict[str, Any] = {"seconds": seconds, "baseline_rss": baseline}
    result["peak_rss"] = peak_rss_bytes()
    result["samples"] = watch.samples
    result |= _report_counts(report)
    if render:
        start = time.process_time()
        digest = _Digest()
        report.write_json(digest)  # as `slarules replay --format json --out` writes it
        result["render_seconds"] = time.process_time() - start
        result["render_bytes"] = digest.size
        result["report_sha256"] = digest.sha256.hexdigest()
        result["peak_rss_rendered"] = peak_rss_bytes()
    result["extension_modules"] = extension_modules()
    return result


class _Digest(io.TextIOBase):
    """A text sink that keeps only the UTF-8 digest and size of what is written to it."""

    def __init__(self) -> None:
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, text: str) -> int:
        encoded = text.encode("utf-8")
        self.sha256.update(encoded)
        self.size += len(encoded)
        return len(text)


def extension_modules() -> list[str]:
    """The slarules modules imported as C extensions (the compiled build's), sorted."""
    from importlib.machinery import EXTENSION_SUFFIXES

    return sorted(
        name
        for name, module in list(sys.modules.items())
        if name.startswith("slarules.")
        and str(getattr(module, "__file__", "")).endswith(tuple(EXTENSION_SUFFIXES))
    )


def measure_decode(rules: Path, events: Path, repeat: int) -> dict[str, Any]:
    """The reading stage alone, both ways, in this one process: every line checked into an
    ``Event`` by the msgspec fast path (``FastLines.read``, falling back as a replay does)
    and by the pure-Python path (``decode_line`` + ``parse_event``). Best of ``repeat``."""
    import gc

    import slarules
    from slarules.events.fastpath import FastLines, available
    from slarules.events.jsonlines import decode_line
    from slarules.events.reader import parse_event
    from slarules.events.vocabulary import Vocabulary

    vocab = Vocabulary(slarules.load(rules).model)
    lines = [line for line in events.read_bytes().splitlines() if line.strip()]

    def pure() -> None:
        for number, line in enumerate(lines, start=1):
            parse_event(decode_line(line), number, vocab)

    def fast() -> None:
        read = FastLines(vocab).read
        for number, line in enumerate(lines, start=1):
            if read(line, number, "line") is None:
                parse_event(decode_line(line), number, vocab)

    result: dict[str, Any] = {"events": len(lines), "msgspec": available()}
    for name, fn in (("pure", pure), ("fast", fast)):
        if name == "fast" and not available():
            continue
        best = float("inf")
        for _ in range(repeat):
            gc.collect()
            gc.disable()
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
            gc.enable()
        result[f"{name}_seconds"] = best
    return result


def _report_counts(report: Any) -> dict[str, Any]:
    """How big the result is: events counted and tickets listed, where the report says."""
    counts: dict[str, Any] = {}
    for name in ("event_count", "events"):
        value = getattr(getattr(report, "inputs", None), name, None)
        if isinstance(value, int):
            counts["events"] = value
    tickets = getattr(report, "tickets", None)
    if tickets is not None:
        counts["tickets"] = len(tickets)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("mode", choices=("json", "replay", "decode", "stages"))
    parser.add_argument("rules", type=Path)
    parser.add_argument("events", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--render", action="store_true")
    parser.add_argument("--rss-limit", type=int, help="stop the replay past this many bytes")
    parser.add_argument(
        "--table", action="store_true", help="stages: print the table instead of JSON"
    )
    parser.add_argument(
        "--spill-after",
        type=int,
        help="spill settled tickets to disk past this many (engine.spill.after; default: the"
        " engine's; a negative number: never)",
    )
    args = parser.parse_args(argv)
    if args.mode == "json":
        result = measure_json(args.events, args.repeat)
    elif args.mode == "decode":
        result = measure_decode(args.rules, args.events, args.repeat)
    else:
        from slarules import engine

        if args.spill_after is not None:
            engine.spill.after = args.spill_after if args.spill_after >= 0 else None
        if args.mode == "stages":
            from .stages import measure_stages, table

            result = measure_stages(args.rules, args.events)
            if args.table:
                sys.stdout.write(table(result) + "\n")
                return 0
        else:
            result = measure_replay(args.rules, args.events, args.render, args.rss_limit)
        result["spill_after"] = engine.spill.after
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
