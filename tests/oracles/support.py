"""What the oracles' differential tests share: loading an oracle by its file, writing an
instant the way real exports mix offsets, a log in time order and as JSON lines, and when to
evaluate it.

An oracle is loaded from its file rather than imported as a package module so that it
stays a plain script that imports nothing of slarules (docs/testing.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

CST = timezone(timedelta(hours=8))


def load_oracle(filename: str) -> Any:
    """The oracle in ``tests/oracles/<filename>``, loaded once under ``_oracle_<stem>``."""
    name = f"_oracle_{Path(filename).stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def stamp(at: datetime, style: int) -> str:
    """The instant written as +08:00 (style 0), Z (1) or +00:00 (2)."""
    if style == 0:
        return at.astimezone(CST).isoformat()
    utc = at.astimezone(UTC).isoformat()
    return utc.replace("+00:00", "Z") if style == 1 else utc


def jsonl(events: list[dict[str, Any]]) -> bytes:
    """The events as a JSON-lines log, one object a line, UTF-8."""
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events).encode("utf-8")


Pair = tuple[datetime, dict[str, Any]]


def in_time_order(pairs: list[Pair], end: datetime) -> list[Pair]:
    """The drawn (instant, event) pairs before ``end``, in time order; ties keep the order
    they were drawn in (``sorted`` is stable)."""
    return sorted((pair for pair in pairs if pair[0] < end), key=lambda pair: pair[0])


@st.composite
def stamped(draw: st.DrawFn, pairs: list[Pair]) -> list[dict[str, Any]]:
    """The pairs as events, each instant written with an offset drawn for it (``stamp``)."""
    return [{"at": stamp(at, draw(st.integers(0, 2))), **body} for at, body in pairs]


@st.composite
def evaluation_time(
    draw: st.DrawFn,
    events: list[dict[str, Any]],
    parse_at: Any,
    during: st.SearchStrategy[datetime],
    after: datetime,
) -> datetime:
    """After the term (``after``), an instant of it (``during``), or exactly an event's
    instant (events at the evaluation time count, later ones do not)."""
    choice = draw(st.integers(0, 3))
    if choice == 0 and events:
        return parse_at(draw(st.sampled_from(events))["at"])  # type: ignore[no-any-return]
    if choice == 1:
        return draw(during)
    return after
