"""Replay vs reading, and replay memory, on generated logs for guangxi-gat-2024.

* Speed: ``replay`` of a 1,000,000-event log against parsing the same file with the standard
  library's ``json`` alone.  Target: replay at most 3× the parse-only time.
* Reading: the msgspec fast path against the pure-Python reader, every line of the speed
  log to a checked event, in one process: the gain the optional dependency buys.
* Compiled: the same replay by the optional compiled build (``make compiled``: the modules
  pyproject.toml lists, compiled by mypyc, in ``.venv-compiled``) against the same ``json``
  time, and its report bytes against the pure replay's.  Informative when it is not built.
* Memory: peak resident memory of the 1,000,000-event replay (the speed run's) and of a
  5,000,000-event replay, each under 300 MB, the second within 10% of the first.  Memory is
  sampled through the replay's progress callback as the log is read, so the table can say
  whether it grows with the log (it should be bound by the tickets still open); a replay
  that passes twice the target is stopped there rather than left to run for minutes.

Every measurement runs in a fresh interpreter (``benchmarks.probe``), so each peak is its
own.  Logs are generated once into benchmarks/data/ and reused; generation time is reported
in the notes, never counted.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import GUANGXI_RULES, REPO, Row, fmt_ratio, fmt_seconds, say
from .loggen import event_log

TARGET_RATIO = 3.0
TARGET_MEMORY = 300 * 1024 * 1024
TARGET_FLAT = 1.10  # the 5,000,000-event peak within 10% of the 1,000,000-event one
STOP_MEMORY = 2 * TARGET_MEMORY  # a replay past this is stopped: the target is missed anyway
MB = 1024 * 1024


COMPILED_VENV = REPO / ".venv-compiled"


def _command(
    mode: str, events: Path, extra: tuple[str, ...], rules: Path, python: str = sys.executable
) -> list[str]:
    return [python, "-m", "benchmarks.probe", mode, str(rules), str(events), *extra]


def _result(command: list[str], returncode: int, stdout: str, stderr: str) -> dict[str, Any]:
    if returncode != 0:
        raise RuntimeError(f"{' '.join(command[2:])} failed:\n{stderr[-4000:]}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return result


def probe(
    mode: str,
    events: Path,
    *extra: str,
    rules: Path = GUANGXI_RULES,
    python: str = sys.executable,
) -> dict[str, Any]:
    """Run one measurement in a child interpreter (``python``: this one unless told) and
    return what it printed."""
    command = _command(mode, events, extra, rules, python)
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    return _result(command, done.returncode, done.stdout, done.stderr)


@dataclass
class Background:
    """A memory probe running in its own process while other benchmarks run."""

    events: int
    command: list[str]
    process: subprocess.Popen[str]
    generated: str | None

    def wait(self) -> dict[str, Any]:
        stdout, stderr = self.process.communicate()
        return _result(self.command, self.process.returncode, stdout, stderr)


def ensure_log(events: int, seed: int = 1) -> tuple[Path, str | None]:
    """The cached log, and a note on its generation if it had to be generated now."""
    start = time.perf_counter()
    path, generated = event_log(events, seed)
    if not generated:
        return path, None
    seconds = time.perf_counter() - start
    size = path.stat().st_size / MB
    return path, f"generated {events:,} events ({size:.0f} MB) in {seconds:.1f} s, not timed"


def run_speed(events: int = 1_000_000) -> tuple[Row, dict[str, Any]]:
    say(f"replay: preparing a {events:,}-event log")
    path, generated = ensure_log(events)
    say("replay: json parse only")
    reference = probe("json", path, "--repeat", "2")
    say(f"replay: slarules replay of {events:,} events")
    ours = probe("replay", path, "--render")
    ours["json_seconds"] = reference["seconds"]  # the compiled row compares with the same
    ratio = ours["seconds"] / reference["seconds"]
    rate = events / ours["seconds"]
    notes = [
        f"{rate:,.0f} events/s replayed; json alone {events / reference['seconds']:,.0f} lines/s",
        f"report: {ours.get('tickets', 0):,} tickets; Report.write_json() took"
        f" {fmt_seconds(ours['render_seconds'])} more ({ours['render_bytes'] / MB:.0f} MB)",
        f"peak memory {ours['peak_rss'] / MB:.0f} MB"
        f" ({ours['peak_rss_rendered'] / MB:.0f} MB after writing the JSON)",
    ]
    if generated:
        notes.append(generated)
    row = Row(
        name=f"replay {events:,} events",
        ours=fmt_seconds(ours["seconds"]),
        reference=f"{fmt_seconds(reference['seconds'])} (json)",
        ratio=fmt_ratio(ratio),
        target=f"≤ {TARGET_RATIO:g}× json",
        passed=ratio <= TARGET_RATIO,
        notes=tuple(notes),
    )
    return row, ours


def compiled_interpreter() -> tuple[Path | None, str]:
    """The compiled build's interpreter, or None and why it cannot be used."""
    python = COMPILED_VENV / "bin" / "python"
    stamp = COMPILED_VENV / ".installed-stamp"
    if not stamp.exists() or not python.exists():
        return None, "not built: `make compiled` builds it (needs a C compiler, about two minutes)"
    newest = max(path.stat().st_mtime for path in (REPO / "src").rglob("*.py"))
    if stamp.stat().st_mtime < newest:
        return None, "built before the last change to src/: `make compiled` rebuilds it"
    return python, ""


def run_compiled(events: int, pure: dict[str, Any], python: Path | None = None) -> Row:
    """The speed run again, by the compiled build (``python``: ``.venv-compiled``'s unless
    told), against the ``json`` time of the pure run ``pure``, whose report bytes it must
    reproduce exactly."""
    name = f"replay {events:,} events, compiled"
    target = f"≤ {TARGET_RATIO:g}× json"
    if python is None:
        python, why = compiled_interpreter()
        if python is None:
            return Row(name, "—", "—", "—", target, None, (why,))
    path, _ = ensure_log(events)
    say(f"replay: the compiled build's replay of {events:,} events")
    ours = probe("replay", path, "--render", python=str(python))
    json_seconds = pure["json_seconds"]
    ratio = ours["seconds"] / json_seconds
    identical = ours["report_sha256"] == pure["report_sha256"]
    compiled = ours["extension_modules"]
    notes = [
        f"{pure['seconds'] / ours['seconds']:.2f}× faster than the pure replay above;"
        f" {len(compiled)} modules compiled (mypyc)",
        "report bytes identical to the pure replay's (sha256)"
        if identical
        else "REPORT BYTES DIFFER from the pure replay's",
        f"peak memory {ours['peak_rss'] / MB:.0f} MB",
    ]
    if not compiled:
        notes.append(f"{python} imports slarules as pure Python: not the compiled build")
    return Row(
        name=name,
        ours=fmt_seconds(ours["seconds"]),
        reference=f"{fmt_seconds(json_seconds)} (json)",
        ratio=fmt_ratio(ratio),
        target=target,
        passed=identical and bool(compiled) and ratio <= TARGET_RATIO,
        notes=tuple(notes),
    )


def run_decode(events: int = 1_000_000, repeat: int = 1) -> Row:
    """The reading stage, msgspec fast path against the pure-Python path (same process)."""
    path, generated = ensure_log(events)
    say(f"reading: {events:,} lines, msgspec fast path and pure-Python path")
    result = probe("decode", path, "--repeat", str(repeat))
    notes = [f"{result['events']:,} lines to checked events, best of {repeat}"]
    if generated:
        notes.append(generated)
    pure = result["pure_seconds"]
    if "fast_seconds" not in result:
        return Row(
            name=f"reading {events:,} lines, msgspec",
            ours="—",
            reference=f"{fmt_seconds(pure)} (pure Python)",
            ratio="—",
            target="faster",
            passed=None,
            notes=(*notes, "msgspec is not installed (pip install 'slarules[fast]')"),
        )
    fast = result["fast_seconds"]
    notes.append(f"{fast / events * 1e6:.2f} µs per line against {pure / events * 1e6:.2f} µs")
    return Row(
        name=f"reading {events:,} lines, msgspec",
        ours=fmt_seconds(fast),
        reference=f"{fmt_seconds(pure)} (pure Python)",
        ratio=f"{pure / fast:.2f}× faster",
        target="faster",
        passed=fast < pure,
        notes=tuple(notes),
    )


def memory_row(measured: dict[str, Any]) -> Row:
    """The speed run's own peak (its replay, before ``to_json``) against the target."""
    events, peak = measured.get("events", 0), measured["peak_rss"]
    return Row(
        name=f"replay memory {events:,} events",
        ours=f"{peak / MB:.0f} MB",
        reference="—",
        ratio="—",
        target=f"< {TARGET_MEMORY // MB} MB",
        passed=peak < TARGET_MEMORY,
        notes=(_growth(measured["samples"], events),),
    )


def start_memory(events: int = 5_000_000) -> Background:
    """Generate (or reuse) the big log and start its replay in the background."""
    say(f"memory: preparing a {events:,}-event log")
    path, generated = ensure_log(events)
    say(f"memory: slarules replay of {events:,} events (in the background)")
    command = _command("replay", path, ("--rss-limit", str(STOP_MEMORY)), GUANGXI_RULES)
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return Background(events, command, process, generated)


def run_memory(events: int = 5_000_000, smaller: dict[str, Any] | None = None) -> Row:
    return finish_memory(start_memory(events), smaller)


def finish_memory(running: Background, smaller: dict[str, Any] | None = None) -> Row:
    """The memory row; ``smaller`` is the speed run's probe result, to compare peaks."""
    big = running.wait()
    events, peak = running.events, big["peak_rss"]
    stopped = big.get("stopped_at")
    notes = [_growth(big["samples"], events)]
    if stopped is not None:
        notes.insert(
            0, f"stopped after {stopped:,} of {events:,} events, past {STOP_MEMORY // MB} MB"
        )
    else:
        notes.append(
            f"{events / big['seconds']:,.0f} events/s; {big.get('tickets', 0):,} tickets in the"
            f" report; {big['baseline_rss'] / MB:.0f} MB before the replay (interpreter, rules)"
        )
    reference, ratio, flat = "—", "—", False
    if smaller is not None:
        small_events = smaller.get("events", 0)
        reference = f"{smaller['peak_rss'] / MB:.0f} MB ({small_events:,} ev.)"
        if stopped is None:
            ratio = fmt_ratio(peak / smaller["peak_rss"])
            flat = peak <= TARGET_FLAT * smaller["peak_rss"]
    if running.generated:
        notes.append(running.generated)
    return Row(
        name=f"replay memory {events:,} events",
        ours=f"{peak / MB:.0f} MB" if stopped is None else f"> {STOP_MEMORY // MB} MB",
        reference=reference,
        ratio=ratio,
        target=f"< {TARGET_MEMORY // MB} MB, ≤ {TARGET_FLAT:g}×",
        passed=stopped is None and peak < TARGET_MEMORY and (smaller is None or flat),
        notes=tuple(notes),
    )


def _growth(samples: list[list[int]], events: int) -> str:
    """How peak memory moved while the log was read: flat if bound by open tickets."""
    if len(samples) < 2:
        return "too few memory samples to say how memory grows"
    (e0, r0), (e1, r1) = samples[1] if len(samples) > 2 else samples[0], samples[-1]
    if e1 <= e0:
        return "too few memory samples to say how memory grows"
    per = (r1 - r0) / (e1 - e0) * 100_000 / MB
    return (
        f"while reading, peak memory went from {r0 / MB:.0f} MB at {e0:,} events to"
        f" {r1 / MB:.0f} MB at {e1:,}: {per:.1f} MB per 100,000 events"
    )
