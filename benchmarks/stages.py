"""Where a replay's time goes, per event, against ``json.loads`` of the same file.

``python -m benchmarks.probe stages RULES EVENTS [--spill-after N] [--table]``: one process,
three passes over EVENTS, CPU time (``time.process_time``) of each:

1. ``json.loads`` of every line: the reference of the 3× target (issue 15, item 3).
2. The reading stage alone: every line decoded, checked and built into an ``Event`` by the
   path a replay takes (the msgspec fast path, falling back to the pure one).
3. ``Ruleset.replay`` and ``Report.write_json`` (into a digest, as ``--out`` writes it),
   with timers on the per-ticket steps only: settling a ticket (``TicketState._settle``:
   its clocks' results), the ticket store's writes (``put``), its look-ups of an id and
   read-backs (``take``), and the records read back by scoring and the report
   (``RecordCodec.loads``). Per-event functions carry no timer (a timer costs about as much
   as the cheapest of them); their stage is what is left of ingesting once reading and the
   timed steps are taken out.

Stages (µs per event; each is CPU time of this process divided by the events):

- ``json``: the reference; ``read``: decode, check, build the Event.
- ``apply``: check and apply every event to its ticket (the tracker), what ``load_events``
  spends beyond reading, settling and the store.
- ``settle``: each ticket's result computed when it closes (clocks, deadlines, calendar).
- ``spill_write``, ``spill_take``, ``spill_read``: the store (records made and inserted;
  the id looked up for every new ticket and a ticket revived by a later event; records
  read back by scoring and by the report).
- ``evidence``: ``Tracker.final_evidence`` (the open tickets' results, the store handed
  over); ``scoring``: scorecards, periods, payment and the Report object, without the
  store reads; ``write``: the JSON report written, without the store reads.
- ``timers``: what the timers themselves cost (measured, then subtracted from ``apply``,
  ``scoring`` and ``write``, where their calls happen).

The stages of pass 3 are measured in one replay; ``read`` in its own pass just before it
(the reading inside a replay cannot be timed without a timer per event).
"""

from __future__ import annotations

import functools
import gc
import io
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STAGES = (
    ("read", "reading: decode, check, build the Event"),
    ("apply", "check and apply every event (the tracker)"),
    ("settle", "settling: each closed ticket's clocks' results"),
    ("spill_write", "spill: records made and inserted"),
    ("spill_take", "spill: id look-up of new tickets, revivals"),
    ("spill_read", "spill: records read back (scoring, report)"),
    ("evidence", "final evidence (open tickets, store handed over)"),
    ("scoring", "scoring, periods, payment, Report object"),
    ("write", "JSON report written (Report.write_json)"),
    ("timers", "the timers of this measurement"),
)


class _Clock:
    """Accumulates CPU seconds per stage; a timed call inside another timed call is
    charged to the inner stage only."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls = 0
        self._inner = 0.0  # seconds charged to timed calls inside the current one

    def timed(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        clock = self
        now = time.process_time

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            outer_inner, clock._inner = clock._inner, 0.0
            start = now()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = now() - start
                clock.seconds[stage] = clock.seconds.get(stage, 0.0) + spent - clock._inner
                clock._inner = outer_inner + spent
                clock.calls += 1

        return wrapper


@contextmanager
def _patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _timer_cost(repeat: int = 200_000) -> float:
    """Seconds one timed call adds (two clock reads and the wrapper), measured here."""
    clock = _Clock()
    nothing = clock.timed("x", lambda: None)
    start = time.process_time()
    for _ in range(repeat):
        nothing()
    with_timer = time.process_time() - start
    bare = lambda: None  # noqa: E731
    start = time.process_time()
    for _ in range(repeat):
        bare()
    return max(with_timer - (time.process_time() - start), 0.0) / repeat


def _json_seconds(events: Path) -> tuple[float, int]:
    from .probe import parse_only

    start = time.process_time()
    count = parse_only(events)
    return time.process_time() - start, count


def _read_seconds(rules: Any, events: Path) -> float:
    """The reading stage as a replay runs it (``EventSource`` records, the fast path,
    falling back to ``parse_event``), without the tracker."""
    from slarules.events.fastpath import FastLines, available
    from slarules.events.jsonlines import decode_line
    from slarules.events.reader import parse_event
    from slarules.events.vocabulary import Vocabulary

    vocab = Vocabulary(rules.model)
    read = FastLines(vocab).read if available() else None
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        with events.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                if read is None or read(line, number, "line") is None:
                    parse_event(decode_line(line), number, vocab)
        return time.process_time() - start
    finally:
        gc.enable()


class _Sink(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def measure_stages(rules_path: Path, events: Path) -> dict[str, Any]:
    """The three passes (see module docstring); µs per event for each stage."""
    import slarules
    from slarules.api import rules as api_rules
    from slarules.engine.clocks import TicketState
    from slarules.engine.ticket_records import RecordCodec
    from slarules.engine.ticket_store import TicketStore
    from slarules.engine.tracker import Tracker

    ruleset = slarules.load(rules_path)
    json_seconds, count = _json_seconds(events)
    read_seconds = _read_seconds(ruleset, events)
    per_call = _timer_cost()

    clock = _Clock()
    patches = [
        (TicketState, "_settle", clock.timed("settle", TicketState._settle)),
        (TicketStore, "put", clock.timed("spill_write", TicketStore.put)),
        (TicketStore, "take", clock.timed("spill_take", TicketStore.take)),
        (RecordCodec, "loads", clock.timed("spill_read", RecordCodec.loads)),
        (api_rules.engine, "load_events", clock.timed("apply", api_rules.engine.load_events)),
        (Tracker, "final_evidence", clock.timed("evidence", Tracker.final_evidence)),
        (api_rules, "build", clock.timed("scoring", api_rules.build)),
    ]
    with _all_patched(patches):
        gc.collect()
        start = time.process_time()
        report = ruleset.replay(events)
        replay_seconds = time.process_time() - start
        replay_calls, reads_before = clock.calls, clock.seconds.get("spill_read", 0.0)
        start = time.process_time()
        report.write_json(_Sink())
        write_seconds = time.process_time() - start
    seconds = dict(clock.seconds)
    write_reads = seconds.get("spill_read", 0.0) - reads_before
    write_calls = clock.calls - replay_calls
    # What the timers cost is taken out of the stages whose time holds their calls: the
    # write pass's from ``write``, the replay's from ``apply`` (most are settle, put, take).
    seconds["write"] = write_seconds - write_reads - write_calls * per_call
    seconds["apply"] = seconds.get("apply", 0.0) - read_seconds - replay_calls * per_call
    seconds["read"] = read_seconds
    seconds["timers"] = clock.calls * per_call
    per_event = {name: 1e6 * seconds.get(name, 0.0) / max(count, 1) for name, _text in STAGES}
    total = replay_seconds + write_seconds
    return {
        "events": count,
        "json_us": 1e6 * json_seconds / max(count, 1),
        "stages_us": per_event,
        "replay_seconds": replay_seconds,
        "write_seconds": write_seconds,
        "total_us": 1e6 * total / max(count, 1),
        "ratio": total / json_seconds if json_seconds else None,
        "timed_calls": clock.calls,
        "timer_us_per_call": 1e6 * per_call,
    }


@contextmanager
def _all_patched(patches: list[tuple[Any, str, Any]]) -> Iterator[None]:
    if not patches:
        yield
        return
    (obj, name, value), rest = patches[0], patches[1:]
    with _patched(obj, name, value), _all_patched(rest):
        yield


def table(result: dict[str, Any]) -> str:
    """The stages as the table docs/performance.md keeps."""
    lines = [" µs/event  stage", f"{result['json_us']:9.2f}  json.loads alone (the reference)"]
    for name, text in STAGES:
        lines.append(f"{result['stages_us'][name]:9.2f}  {text}")
    lines.append(
        f"{result['total_us']:9.2f}  in all: {result['ratio']:.1f}× json"
        f" ({result['events']:,} events)"
    )
    return "\n".join(lines)
