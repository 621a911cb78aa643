"""What the oracles' differential tests share: loading an oracle by its file, writing an
instant the way real exports mix offsets, and a log as JSON lines.

An oracle is loaded from its file rather than imported as a package module so that it
stays a plain script that imports nothing of slarules (docs/testing.md)."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

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
