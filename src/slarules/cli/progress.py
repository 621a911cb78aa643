"""A progress line for long replays, so that a person replaying millions of events sees how
far it has got and how long is left.

It writes to a text stream (the command line passes stderr) and only when that stream is a
terminal: redirected to a file or a pipe, or under a test runner, it writes nothing.  It
never touches the report: the JSON output is the same with or without it.

The one line, rewritten in place with ``\\r`` at most a few times a second::

    replay: 1,234,567 events  45.2%  98,765 events/s  ETA 0:00:12

Once the whole file is read the line says ``evaluating…`` (scoring and the report come
after the reading, and take no time the ETA could have known), and ``close()`` leaves a last
line with the total: ``replay: 2,731,000 events in 0:00:41``.

The percentage and the time left come from bytes of the events file read so far, which is
known exactly where the event count is not.  Time is read from the monotonic clock only to
throttle and to estimate; it never reaches a result.  All arithmetic is in integers
(nanoseconds, per-mille), so nothing here is a float.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]

_NS = 1_000_000_000


def _monotonic_ns() -> int:
    return time.monotonic_ns()  # clock-ok: throttles and estimates the display only


class Progress:
    """Prints a throttled, one-line status for a replay of ``total_bytes`` of events.

    ``update(events, bytes_read)`` may be called as often as convenient; the line is redrawn
    only when ``interval_ns`` has passed since the last one.  ``close()`` writes the total
    and ends the line, if anything was drawn at all.  ``clock`` returns nanoseconds (the
    monotonic clock by default); tests pass a fake one.
    """

    def __init__(
        self,
        total_bytes: int,
        stream: TextIO,
        *,
        interval_ns: int = _NS // 5,
        clock: Callable[[], int] | None = None,
        label: str = "replay",
    ) -> None:
        self.total_bytes = max(0, total_bytes)
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self.interval_ns = interval_ns
        self.clock = clock or _monotonic_ns
        self.label = label
        self.started = self.clock() if self.enabled else 0
        self.last_drawn: int | None = None
        self.width = 0
        self.events = 0
        self.bytes_read = 0

    def __call__(self, events: int, bytes_read: int) -> None:
        """The callback the event loader takes: same as :meth:`update`."""
        self.update(events, bytes_read)

    def update(self, events: int, bytes_read: int) -> None:
        self.events, self.bytes_read = events, bytes_read
        if not self.enabled:
            return
        now = self.clock()
        if self.last_drawn is not None and now - self.last_drawn < self.interval_ns:
            return
        self._draw(now)

    def close(self) -> None:
        """Draw the total and end the line, so later output starts on a fresh one."""
        if not self.enabled or self.last_drawn is None:
            return
        took = _clock_text(max(self.clock() - self.started, 0) // _NS)
        self._write(f"{self.label}: {_events(self.events)} in {took}")
        self.stream.write("\n")
        self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def line(self, now: int) -> str:
        """The status text at clock time ``now`` (nanoseconds)."""
        elapsed = max(now - self.started, 1)
        parts = [f"{self.label}: {_events(self.events)}"]
        if self.total_bytes:
            permille = min(self.bytes_read * 1000 // self.total_bytes, 1000)
            parts.append(f"{permille // 10}.{permille % 10}%")
        parts.append(f"{self.events * _NS // elapsed:,} events/s")
        if self.total_bytes and self.bytes_read >= self.total_bytes:
            parts.append("evaluating…")
        elif self.total_bytes and self.bytes_read:
            left = self.total_bytes - self.bytes_read
            parts.append(f"ETA {_clock_text(left * elapsed // self.bytes_read // _NS)}")
        return "  ".join(parts)

    def _draw(self, now: int) -> None:
        self._write(self.line(now))
        self.last_drawn = now

    def _write(self, text: str) -> None:
        # Pad over the previous line's tail, which a shorter line would leave behind.
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or minimal stream is not a terminal
        return False


def _clock_text(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _events(count: int) -> str:
    """``1 event``, ``10,000 events``: the status line agrees with its count."""
    return f"{count:,} event" if count == 1 else f"{count:,} events"
