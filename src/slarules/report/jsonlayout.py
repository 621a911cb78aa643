"""The pieces of the report's JSON layout (:mod:`slarules.report.document`): the indented
skeleton, the lists written on one line by the C encoder, and event references as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..events.types import EventRef

_INDENT = "  "
_ONE_LINE_LISTS = frozenset({"evidence", "superseded", "excluded"})
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": ")).encode


_string: Callable[[str], str] = json.encoder.encode_basestring  # what _ONE_LINE uses (C)


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _members(data: dict[str, Any], indent: str, out: list[str]) -> None:
    """An object's members, keys sorted, one per line at ``indent`` (no braces)."""
    first = True
    for key in sorted(data):
        out.append(
            indent + _ONE_LINE(key) + ": " if first else ",\n" + indent + _ONE_LINE(key) + ": "
        )
        first = False
        value = data[key]
        if key in _ONE_LINE_LISTS and isinstance(value, list):
            out.append(_ONE_LINE(value))
        else:
            _pretty(value, indent, out)


def _pretty(value: Any, indent: str, out: list[str]) -> None:
    """``value`` as ``json.dumps(indent=2)`` lays it out at ``indent``, except for the
    one-line lists (module docstring)."""
    if isinstance(value, dict) and value:
        out.append("{\n")
        _members(value, indent + _INDENT, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, list) and value:
        inner = indent + _INDENT
        out.append("[\n")
        for i, item in enumerate(value):
            out.append(inner if i == 0 else ",\n" + inner)
            _pretty(item, inner, out)
        out.append("\n" + indent + "]")
    else:
        out.append(_ONE_LINE(value))


def ref_dict(ref: EventRef | None) -> dict[str, Any] | None:
    """An event reference as JSON: ``{"line": 12, "id": "E-7"}`` (``line`` is the position
    of the event among those of an iterable when the events did not come from a file)."""
    return None if ref is None else {"line": ref.line, "id": ref.id}


def _ref_text(ref: EventRef | None) -> str:
    """``ref_dict(ref)`` as one-line JSON."""
    return "null" if ref is None else f'{{"id": {_text(ref.id)}, "line": {int(ref.line)}}}'


def _refs_text(refs: tuple[EventRef, ...]) -> str:
    return "[" + ", ".join([_ref_text(ref) for ref in refs]) + "]"
