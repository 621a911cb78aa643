"""Aligned text tables for the text reports (``text``, ``summary``, ``deadline``): columns
measured in terminal columns, so that Chinese names (two columns each) keep them aligned,
and input texts shown with their control characters escaped."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain
from zoneinfo import ZoneInfo

from ..textsafe import escape_controls


def width(text: str) -> int:
    """Terminal columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: str = "") -> list[str]:
    """Aligned rows; ``right`` has an ``r`` for each right-aligned column (e.g. ``".rr"``)."""
    return list(table_lines(headers, lambda: rows, right))


def table_lines(
    headers: Sequence[str], rows: Callable[[], Iterable[Sequence[str]]], right: str = ""
) -> Iterator[str]:
    """``table``'s lines one at a time, from ``rows()`` called twice: once to measure the
    columns, once to print them, so that a table of a year's tickets is never held whole
    (about 190 MB for 193,000 tickets)."""
    sizes = [width(h) for h in headers]
    for row in rows():
        for i, cell in enumerate(row):
            sizes[i] = max(sizes[i], width(escape_controls(cell)))  # aligned as printed
    for row in chain([headers], rows()):
        cells = [
            _pad(escape_controls(cell), sizes[i], i < len(right) and right[i] == "r")
            for i, cell in enumerate(row)
        ]
        yield "  ".join(cells).rstrip()


def clip(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` display columns with an ellipsis (the JSON has it all)."""
    if width(text) <= columns:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > columns - 1:
            break
        out += ch
    return out + "…"


def local_minute(t: datetime | None, tz: ZoneInfo) -> str:
    """``t`` on the local clock of ``tz``, to the minute (``—`` when unknown)."""
    return "—" if t is None else t.astimezone(tz).strftime("%Y-%m-%d %H:%M")
