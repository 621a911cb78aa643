"""The msgspec fast path: one JSON Lines record decoded and validated in C, or None.

``FastLines(vocab).read(data, line, where)`` decodes a line with msgspec into the typed struct
of its event type (a tagged union on ``type``: one struct per type the rule file allows,
whose fields are exactly the fields that type takes, unknown fields rejected, names texts,
``ticket`` and ``id`` texts or integers, numbers kept as their JSON text and read as exact
``Decimal``/``int``), then hands the struct's values to the same per-field checks as the
pure-Python reader (:class:`slarules.events.compiled.KindReader`). Anything it is not sure of
returns None, and the line takes the pure-Python path (``jsonlines.decode_line`` and
``reader.parse_event``), which accepts the same events and words every error message: the
fast path never produces a message, so messages cannot differ between the paths.

msgspec is an optional extra (``pip install 'slarules[fast]'``); without it ``FastLines``
is never built (:func:`fast_lines` returns None) and every line takes the pure-Python path.
docs/performance.md gives the measured gain.

What the fast path refuses, beyond what the compiled reader refuses: a line msgspec cannot
decode into its struct (malformed, not UTF-8, a lone surrogate, an unknown or ``x-…`` field,
a null, a value of another JSON type, an integer beyond 64 bits), a number written as a text,
and any line where a key might repeat (the JSON text has more ``":`` than the struct has
fields set, or whitespace before a colon): msgspec keeps the last of a repeated key silently,
the full path refuses the line.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .compiled import _NAME_FIELDS, _NUMBER_FIELDS, KindReader, compile_readers
from .types import Event
from .vocabulary import Vocabulary

try:  # the optional extra: without it, every line takes the pure-Python path
    import msgspec
except ImportError:  # pragma: no cover - the test environment installs it
    msgspec = None  # type: ignore[assignment]

__all__ = ["FastLines", "available", "fast_decoding", "fast_lines"]

_NUMBER_START = frozenset(b"-0123456789")


class _Switch:
    """Whether a replay uses the fast path when msgspec is installed. On by default; the
    tests turn it off to replay the same logs on the pure-Python path and compare the
    reports byte for byte (tests/events/test_events_fastpath.py)."""

    enabled = True


fast_decoding = _Switch()


def available() -> bool:
    """Whether msgspec is installed (the fast path can be used)."""
    return msgspec is not None


def fast_lines(vocab: Vocabulary) -> FastLines | None:
    """The fast reader for ``vocab``, or None without msgspec."""
    return FastLines(vocab) if msgspec is not None else None


def _field_type(key: str) -> Any:
    """The struct field type of ``key``: what the JSON value may be on the fast path."""
    assert msgspec is not None
    unset = msgspec.UnsetType
    if key in ("ticket", "id"):
        return str | int | unset
    if key in _NUMBER_FIELDS:
        return msgspec.Raw | unset
    if key in _NAME_FIELDS or key in ("note", "period", "currency"):
        return str | unset
    raise AssertionError(key)  # pragma: no cover - every field a reader takes is above


class FastLines:
    """The msgspec decoder of one rule file's events (see the module docstring)."""

    def __init__(self, vocab: Vocabulary) -> None:
        assert msgspec is not None
        self.readers: dict[str, KindReader] = compile_readers(vocab)
        structs: list[type] = []
        self.by_struct: dict[type, KindReader] = {}
        self.with_numbers: set[type] = set()  # structs with a number field (kept raw)
        for kind, reader in self.readers.items():
            fields: list[Any] = [("at", str)]
            fields += [(key, _field_type(key), msgspec.UNSET) for key in reader.fields]
            struct = msgspec.defstruct(
                f"Event_{len(structs)}",
                fields,
                tag_field="type",
                tag=kind,
                forbid_unknown_fields=True,
            )
            structs.append(struct)
            self.by_struct[struct] = reader
            if any(key in _NUMBER_FIELDS for key in reader.fields):
                self.with_numbers.add(struct)
        self.decoder = msgspec.json.Decoder(_union(structs))
        # RecursionError: msgspec gives up on a line nested deeper than it recurses; the
        # pure path then reports the depth as it always has.
        self.errors = (msgspec.DecodeError, msgspec.ValidationError, RecursionError)
        self.astuple = msgspec.structs.astuple
        self.unset = msgspec.UNSET
        self.raw = msgspec.Raw

    def read(self, data: bytes, line: int, where: str) -> Event | None:
        """The checked event of one line, or None for the pure-Python path to decide."""
        try:
            struct = self.decoder.decode(data)
        except self.errors:
            return None
        values = self.astuple(struct)
        unset = self.unset
        if data.count(b'":') != len(values) - values.count(unset) + 1:
            return None  # a key may repeat: the full path says so
        if b'" ' in data or b'"\t' in data or b'"\r' in data:
            # whitespace after a quote, as in ``"a" :``, where the count misses a key
            return None
        kind = type(struct)
        if kind in self.with_numbers:
            values = tuple(_number(v) if type(v) is self.raw else v for v in values)
            if None in values:
                return None
        return self.by_struct[kind].read_struct(values, unset, line, where)


def _number(raw: Any) -> int | Decimal | None:
    """A JSON number as the standard library reads it with ``parse_float=Decimal`` (an
    integer as ``int``, anything with a fraction or exponent as ``Decimal`` of its text);
    None for a text, a null or anything else, which the full path reads."""
    data = bytes(raw)
    if not data or data[0] not in _NUMBER_START:
        return None
    text = data.decode("ascii")
    try:
        if "." in text or "e" in text or "E" in text:
            return Decimal(text)
        return int(text)
    except ValueError:  # an integer of thousands of digits: the full path words it
        return None


def _union(structs: list[type]) -> Any:
    """``A | B | …`` of the structs (a tagged union for msgspec)."""
    union: Any = structs[0]
    for struct in structs[1:]:
        union = union | struct
    return union
