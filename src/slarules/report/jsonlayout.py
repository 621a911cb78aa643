"""The pieces of the report's JSON layout (:mod:`slarules.report.document`): the indented
skeleton, the lists written on one line by the C encoder, and event references as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
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
    for _ in _member_chunks(data, indent, out, _NEVER):
        pass


def _pretty(value: Any, indent: str, out: list[str]) -> None:
    """``value`` as ``json.dumps(indent=2)`` lays it out at ``indent``, except for the
    one-line lists (module docstring)."""
    for _ in _pretty_chunks(value, indent, out, _NEVER):
        pass


_NEVER = 1 << 62  # a ``limit`` that is never reached: everything stays in ``out``
CHUNK_PIECES = 4096
"""How many pieces ``pretty_chunks`` gathers before it hands them on."""
CHUNK_CHARACTERS = 1 << 16
"""A one-line list longer than this (an item's evidence) is handed on at once."""


def pretty_chunks(value: Any, indent: str) -> Iterator[str]:
    """``_pretty``'s text in pieces of about ``CHUNK_PIECES`` parts each, so that a
    report's periods (one evidence line per breach, hundreds of megabytes for a
    year of a large helpdesk) are written as they are laid out, never held whole."""
    out: list[str] = []
    yield from _pretty_chunks(value, indent, out, CHUNK_PIECES)
    if out:
        yield "".join(out)


def _member_chunks(data: dict[str, Any], indent: str, out: list[str], limit: int) -> Iterator[str]:
    first = True
    for key in sorted(data):
        out.append(
            indent + _ONE_LINE(key) + ": " if first else ",\n" + indent + _ONE_LINE(key) + ": "
        )
        first = False
        value = data[key]
        if key in _ONE_LINE_LISTS and isinstance(value, Sequence) and not isinstance(value, str):
            # a breach per ticket, megabytes for a long log: made here, a text at a time,
            # from the packed or cited texts (``Texts``) the results keep
            yield from _one_line_chunks(value, out, limit)
        else:
            yield from _pretty_chunks(value, indent, out, limit)
        if len(out) >= limit:
            yield "".join(out)
            out.clear()


def _one_line_chunks(items: Sequence[Any], out: list[str], limit: int) -> Iterator[str]:
    """``_ONE_LINE(list(items))`` into ``out``, an item at a time (an item is laid out as
    the list's encoder lays it out), handed on every ``CHUNK_CHARACTERS``: a year's
    evidence is never held as a list of its texts nor as one string."""
    out.append("[")
    size = 0
    for i, item in enumerate(items):
        piece = _ONE_LINE(item)
        out.append(", " + piece if i else piece)
        size += len(piece)
        if size > CHUNK_CHARACTERS and limit != _NEVER:
            yield "".join(out)
            out.clear()
            size = 0
    out.append("]")


def _pretty_chunks(value: Any, indent: str, out: list[str], limit: int) -> Iterator[str]:
    """Lay ``value`` out into ``out``; whenever ``out`` holds ``limit`` pieces after a
    member or an item, yield them joined and start again."""
    if isinstance(value, dict) and value:
        out.append("{\n")
        yield from _member_chunks(value, indent + _INDENT, out, limit)
        out.append("\n" + indent + "}")
    elif isinstance(value, list) and value:
        inner = indent + _INDENT
        out.append("[\n")
        for i, item in enumerate(value):
            out.append(inner if i == 0 else ",\n" + inner)
            if isinstance(item, dict | list):
                yield from _pretty_chunks(item, inner, out, limit)
            else:
                out.append(_ONE_LINE(item))
            if len(out) >= limit:
                yield "".join(out)
                out.clear()
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
