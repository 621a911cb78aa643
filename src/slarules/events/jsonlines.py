"""One JSON Lines record of an event log: decoding it, and the checks that need its text.

Split from :mod:`slarules.events.reader` (which re-exports these names). A line is decoded with
``Decimal`` for numbers (never binary floats) and refused, as SLR910 naming the line, when it
repeats a key in one object, nests deeper than ``MAX_DEPTH`` or holds a lone surrogate: no
reading of such a line is safe (docs/reliability.md). ``canonical_line`` is the
deterministic text of a dict, for digests and duplicate detection.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ..i18n import _
from .types import BAD_LINE, EventProblem, clip

__all__ = [
    "MAX_DEPTH",
    "canonical_line",
    "decode_line",
    "line_bytes",
    "structure_problem",
]


def canonical_line(raw: object) -> str:
    """A deterministic JSON text of one event dict (keys sorted, no spaces, Decimals and
    datetimes as texts): what an iterable's ``sha256`` is computed over, one per line.
    Encode it with :func:`line_bytes` (a rejected event may hold a lone surrogate)."""

    def default(value: object) -> object:
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        return str(value)

    try:
        return json.dumps(
            raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default
        )
    except (TypeError, ValueError):  # keys of mixed types: the event is rejected anyway
        try:
            return repr(_huge_ints_as_decimals(raw))
        except RecursionError:
            return "<nested too deeply>"
    except RecursionError:  # rejected too (structure_problem), but the digest needs a text
        return "<nested too deeply>"


def _huge_ints_as_decimals(value: object) -> object:
    """``value`` with every int as a Decimal: Python refuses to write an int of more than
    4,300 digits as text (``json.dumps`` and ``repr`` raise ValueError), and an API caller
    may pass one (``"count": 10**5000``, refused later as out of bounds). A Decimal of the
    same value has no such limit, so the digest's text stays exact and deterministic."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, dict):
        return {k: _huge_ints_as_decimals(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_huge_ints_as_decimals(v) for v in value]
    return value


def line_bytes(text: str) -> bytes:
    """UTF-8 of a canonical line; a lone surrogate (in an event rejected for it) is kept
    as its three bytes instead of failing the digest."""
    return text.encode("utf-8", "surrogatepass")


MAX_DEPTH = 32
"""How deeply an event's values may nest (``{"x-a": [[…]]}``); deeper is SLR910."""


def structure_problem(value: object) -> EventProblem | None:
    """What makes a decoded value unusable as JSON text, or None: nesting deeper than
    ``MAX_DEPTH``, a text holding a lone surrogate (``"\\ud800"`` decodes to one, and no
    UTF-8 output can carry it), a field name that is not a text.  Walks iteratively, so
    depth cannot exhaust Python's stack; visits each value once."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                return EventProblem(BAD_LINE, _("a text holds a lone surrogate (not Unicode text)"))
        elif isinstance(item, (dict, list, tuple)):
            if depth >= MAX_DEPTH:
                return EventProblem(
                    BAD_LINE,
                    _("values nest deeper than {max_depth} levels").format(max_depth=MAX_DEPTH),
                )
            if isinstance(item, dict):
                for key, inner in item.items():
                    if not isinstance(key, str):
                        return EventProblem(BAD_LINE, _("an event's field names must be texts"))
                    stack.append((key, depth + 1))
                    stack.append((inner, depth + 1))
            else:
                stack.extend((inner, depth + 1) for inner in item)
    return None


# The escapes are read by re, not by Python: mypyc refuses a lone surrogate in a literal.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _reject_constant(name: str) -> object:
    raise ValueError(_("{name} is not a number").format(name=name))


MAX_INT_DIGITS = 4300
"""The most digits a JSON integer may have: Python's default bound, as our own."""


def _bounded_int(text: str) -> int:
    """A JSON integer, read the same on every host: ``int(text)`` obeys the host's
    ``PYTHONINTMAXSTRDIGITS`` (as low as 640), so a log with a 1,000-digit ticket number
    was read on one host and refused on another. Through ``Decimal`` no host bound
    applies; the bound is ``MAX_INT_DIGITS``."""
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(_("a number with thousands of digits"))
    return int(Decimal(text))


# One decoder for every line: ``json.loads`` with options builds a new one per call.
_DECODER = json.JSONDecoder(
    parse_float=Decimal, parse_int=_bounded_int, parse_constant=_reject_constant
)


def decode_line(data: bytes) -> object:
    """One JSON Lines record; ``EventProblem`` for bytes that are not UTF-8 JSON, for a
    key repeated in one object (JSON would keep the last silently), and for what
    :func:`structure_problem` refuses."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EventProblem(
            BAD_LINE, _("not UTF-8 text (byte {value})").format(value=exc.start + 1)
        ) from None
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise EventProblem(
            BAD_LINE, _("values nest deeper than {max_depth} levels").format(max_depth=MAX_DEPTH)
        ) from None
    except (ValueError, InvalidOperation) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        if "integer string conversion" in detail:  # Python's int-from-text limit
            detail = _("a number with thousands of digits")
        raise EventProblem(
            BAD_LINE, _("malformed JSON: {detail}").format(detail=clip(detail, 120))
        ) from None
    if not _plainly_flat(text, value):
        problem = structure_problem(value) or _repeated_key(text)
        if problem is not None:
            raise problem
    return value


def _plainly_flat(text: str, value: object) -> bool:
    """Whether the line is, cheaply seen, one object of scalars with every key once and
    no escaped surrogate — the common line, which then needs no second look.

    Every key is followed by ``":`` unless whitespace comes between (``" :``, caught by
    the quote-space tests), so when no such whitespace occurs, the object's distinct keys
    number at most the ``":`` pairs; equal counts leave no room for a repeat.  A ``":``
    inside a text only makes the count larger (a second look, never a miss)."""
    return (
        type(value) is dict
        and text.count("{") == 1
        and "[" not in text
        and "\\ud" not in text
        and "\\uD" not in text
        and '" ' not in text
        and '"\t' not in text
        and '"\r' not in text
        and text.count('":') == len(value)
    )


def _repeated_key(text: str) -> EventProblem | None:
    """The first key repeated within one object of ``text`` (nested objects too)."""
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _unused in items:
            if key in seen and not repeated:
                repeated.append(key)
            seen.add(key)
        return dict(items)

    decoder = json.JSONDecoder(
        parse_float=Decimal,
        parse_int=_bounded_int,
        parse_constant=_reject_constant,
        object_pairs_hook=pairs,
    )
    decoder.decode(text)
    if repeated:
        return EventProblem(
            BAD_LINE,
            _("field {repeated!r} appears twice in one object (which one counts?)").format(
                repeated=clip(repeated[0])
            ),
        )
    return None
