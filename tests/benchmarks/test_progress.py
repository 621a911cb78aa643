"""The replay progress line: drawn on a terminal only, throttled, with honest arithmetic."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from slarules.cli.progress import Progress

SECOND = 1_000_000_000
REPO = Path(__file__).resolve().parents[2]


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeClock:
    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now


class NoIsatty:
    """A minimal writable stream without ``isatty``: never a terminal."""

    def __init__(self) -> None:
        self.written = ""

    def write(self, text: str) -> int:
        self.written += text
        return len(text)

    def flush(self) -> None:
        pass


def test_terminal_gets_a_throttled_status_line() -> None:
    clock, stream = FakeClock(), FakeTTY()
    progress = Progress(1000, stream, clock=clock, interval_ns=SECOND // 5)
    # 2 s in: 10,000 events → 5,000 events/s; 250 of 1,000 bytes → 25.0%; the remaining
    # 750 bytes at 125 bytes/s take 6 s.
    clock.now = 2 * SECOND
    progress.update(10_000, 250)
    first = "\rreplay: 10,000 events  25.0%  5,000 events/s  ETA 0:00:06"
    assert stream.getvalue() == first
    # 0.1 s later is inside the 0.2 s interval: nothing is drawn.
    clock.now = 2 * SECOND + SECOND // 10
    progress.update(10_500, 260)
    assert stream.getvalue() == first
    # 8 s in, all 1,000 bytes read: 40,000 events / 8 s = 5,000 events/s; nothing is left
    # to read, and what follows is evaluation, which the ETA cannot know.
    clock.now = 8 * SECOND
    progress.update(40_000, 1000)
    second = "\rreplay: 40,000 events  100.0%  5,000 events/s  evaluating…"
    assert stream.getvalue() == first + second


def test_close_redraws_the_last_state_and_ends_the_line() -> None:
    clock, stream = FakeClock(), FakeTTY()
    with Progress(3_600_000, stream, clock=clock) as progress:
        clock.now = 10 * SECOND
        progress.update(1_000, 1_000)  # 1,000 bytes in 10 s: 3,599,000 left take 35,990 s
        assert stream.getvalue() == "\rreplay: 1,000 events  0.0%  100 events/s  ETA 9:59:50"
        clock.now = 10 * SECOND + 1
        progress(1_234, 1_200)  # the callback form; throttled, so not drawn
        clock.now = 75 * SECOND  # the evaluation after the reading took another 65 s
    # Leaving the block writes the total (1,234 events in 75 s), padded over the longer
    # line before it, and ends the line.
    last = stream.getvalue().split("\r")[-1]
    assert last.endswith("\n") and last.rstrip() == "replay: 1,234 events in 0:01:15"


def test_a_shorter_line_is_padded_over_the_longer_one() -> None:
    clock, stream = FakeClock(), FakeTTY()
    progress = Progress(0, stream, clock=clock, interval_ns=0)  # size unknown: no % or ETA
    clock.now = SECOND
    progress.update(1_000_000, 0)
    long_line = "replay: 1,000,000 events  1,000,000 events/s"
    clock.now = 2 * SECOND
    progress.update(10, 0)
    short_line = "replay: 10 events  5 events/s"
    assert stream.getvalue() == "\r" + long_line + "\r" + short_line.ljust(len(long_line))


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    clock = FakeClock()
    for stream in (io.StringIO(), NoIsatty()):
        progress = Progress(1000, stream, clock=clock, interval_ns=0)  # type: ignore[arg-type]
        clock.now += SECOND
        progress.update(5, 500)
        progress.close()
        text = stream.getvalue() if isinstance(stream, io.StringIO) else stream.written
        assert text == ""
        assert progress.events == 5  # the state is still kept, only nothing is drawn


def test_close_without_any_update_writes_nothing() -> None:
    stream = FakeTTY()
    Progress(1000, stream, clock=FakeClock()).close()
    assert stream.getvalue() == ""


def test_cli_replay_draws_progress_on_a_terminal_and_prints_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI hooks the line up (stderr a terminal) and the JSON report is byte-identical
    to the one printed without a terminal."""
    import slarules.cli.progress as progress_module
    from slarules.cli import main

    rules = REPO / "rulesets" / "guangxi-gat-2024.sla"
    sample = REPO / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    # The sample has about a hundred events: report every 10 so that the line is drawn.
    monkeypatch.setattr("slarules.engine.EVERY_EVENTS", 10)
    args = ["replay", str(rules), str(sample), "--format", "json"]

    assert main(args) == 0
    plain = capsys.readouterr()
    assert plain.err == ""

    terminal = FakeTTY()
    clock = FakeClock()

    def ticking() -> int:  # every reading of the clock is a second later
        clock.now += SECOND
        return clock.now

    monkeypatch.setattr(progress_module, "_monotonic_ns", ticking)
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(args) == 0
    drawn = capsys.readouterr()
    assert drawn.out == plain.out
    lines = terminal.getvalue().split("\r")
    assert lines[1].startswith("replay: 10 events") and lines[-1].endswith("\n")
    # The whole sample read (every ticking clock reading is past the throttle), then the
    # total: the events of the sample, in the seconds the fake clock counted.
    count = sum(1 for line in sample.read_text(encoding="utf-8").splitlines() if line.strip())
    assert lines[-2].startswith(f"replay: {count:,} events  100.0%")
    assert lines[-2].rstrip().endswith("evaluating…")
    assert lines[-1].startswith(f"replay: {count:,} events in 0:00:")


def test_one_event_is_singular() -> None:
    # A log of one line: "1 event", not "1 events" (the rate keeps "events/s").
    clock, stream = FakeClock(), FakeTTY()
    with Progress(100, stream, clock=clock) as progress:
        clock.now = SECOND
        progress.update(1, 50)
        assert stream.getvalue() == "\rreplay: 1 event  50.0%  1 events/s  ETA 0:00:01"
        clock.now = 2 * SECOND
    assert stream.getvalue().split("\r")[-1].startswith("replay: 1 event in 0:00:02")
