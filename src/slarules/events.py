"""The event log (SPEC §5): JSON Lines, or an iterable of dicts, read and checked event by event.

Each line is one JSON object. ``parse_event`` turns it into a typed :class:`Event` and checks
everything that can be known from the line and the rule file alone: the timestamp has an
offset, the type exists, every name is declared, required fields are present, numbers are
exact (JSON is parsed with ``parse_float=Decimal``; binary floats are refused), judged points
lie in their ranges. What depends on earlier events (a ticket never opened, a second
``opened``, a repeated ``id``) is checked where the state lives, in
``slarules.engine.tracker``.

Reading order and memory. Events are processed in order of ``at``, ties in file order.
:class:`EventSource` reads a file line by line, so a time-ordered log is replayed in one pass
that holds only the current line (plus the evidence the log leaves: tickets, occurrences…).
An out-of-order log is detected at its first out-of-order event; the replay then reads the
whole file again, keeps every parsed event in memory and sorts them stably by
``(at, line)``, so an unordered log costs memory proportional to its length and a second
read. A one-shot iterator of dicts cannot be read twice and is therefore held in a list;
pass a file path, a list, or feed a ``Tracker`` to stream without it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import frozen

from . import model as m
from .calendar import MAX_YEAR, MIN_YEAR
from .engine.evidence import EventRef
from .engine.periods import parse_period
from .engine.vocabulary import LIFECYCLE, OTHER_TYPES, Vocabulary, did_you_mean, known_list
from .printer import interval_text

# Diagnostic codes for event logs (SLR9xx; SLR901 is the parameter check in engine/context).
BAD_LINE = "SLR910"  # malformed JSON, not an object, not UTF-8
MISSING_FIELD = "SLR911"
BAD_TIMESTAMP = "SLR912"
UNKNOWN_TYPE = "SLR913"
UNKNOWN_NAME = "SLR914"
BAD_VALUE = "SLR915"  # wrong JSON type, bad number, out of range
UNEXPECTED_FIELD = "SLR916"
TICKET_STATE = "SLR917"  # never opened, opened twice, closed, paused twice…
CONFLICTING_ID = "SLR918"  # an id repeated with different content
DUPLICATE_ID = "SLR919"  # an id repeated with identical content: dropped (warning)
OUT_OF_ORDER = "SLR920"  # fed to a Tracker before the last event fed
UNREADABLE = "SLR921"  # the events file cannot be read
AFTER_AS_OF = "SLR922"  # events after the evaluation time (warning)

COMMON_FIELDS = ("at", "type", "id", "assessor", "note")
# Required and optional fields per non-metric type; metric events take "ticket" only.
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "opened": (("ticket", "sla", "tier"), ()),
    "paused": (("ticket",), ()),
    "resumed": (("ticket",), ()),
    "retiered": (("ticket", "tier"), ()),
    "attributed": (("ticket", "cause"), ()),
    "reopened": (("ticket",), ()),
    "closed": (("ticket",), ()),
    "occurrence": (("kind",), ("count", "points", "ticket", "period")),
    "judgement": (("item", "points"), ("scorecard", "period")),
    "score": (("scorecard", "score"), ("period",)),
    "due": (("deliverable",), ("period",)),
    "delivered": (("deliverable",), ()),
    "milestone": (("name",), ()),
}
_METRIC_FIELDS: tuple[tuple[str, ...], tuple[str, ...]] = (("ticket",), ())
_EXTENSION = re.compile(r"x[-_]")  # x-… / x_… fields are the helpdesk's own, ignored

_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?P<offset>[Zz]|[+-]\d{2}:\d{2})?"
)
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


class EventProblem(Exception):
    """One bad event: a stable code and a message naming what is wrong and what would be
    right. The caller adds where (path and line)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@frozen
class Event:
    """One checked event. ``at`` is in the ruleset's timezone; numbers are ``Decimal``;
    ``ref`` is where it came from (1-based line, or index in an iterable, and its id)."""

    at: datetime
    type: str
    ref: EventRef
    ticket: str | None = None
    sla: str | None = None
    tier: str | None = None
    cause: str | None = None
    kind: str | None = None
    count: Decimal | None = None
    points: Decimal | None = None
    item: str | None = None
    scorecard: str | None = None
    score: Decimal | None = None
    deliverable: str | None = None
    name: str | None = None
    assessor: str | None = None
    note: str | None = None
    period: str | None = None  # canonical label of the period the event names

    @property
    def line(self) -> int:
        return self.ref.line


# ---- field readers ---------------------------------------------------------------------


def parse_timestamp(value: object, what: str = "at") -> datetime:
    """An RFC 3339 timestamp with its UTC offset (``Z`` or ``±hh:mm``); an aware datetime
    is accepted as is. A timestamp without an offset is an error, never a guess."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise EventProblem(BAD_TIMESTAMP, f"{what} {value.isoformat()} has no UTC offset")
        return value
    if not isinstance(value, str):
        raise EventProblem(BAD_TIMESTAMP, f"{what} must be an RFC 3339 text, not {_jtype(value)}")
    text = value.strip()
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        raise EventProblem(
            BAD_TIMESTAMP,
            f"{what} {value!r} is not an RFC 3339 timestamp such as 2026-03-02T09:15:00+08:00",
        )
    if match.group("offset") is None:
        raise EventProblem(
            BAD_TIMESTAMP,
            f"{what} {value!r} has no UTC offset; write it with one, e.g. {text}+08:00",
        )
    try:
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise EventProblem(BAD_TIMESTAMP, f"{what} {value!r} is not a valid time") from None


def parse_decimal(value: object, what: str) -> Decimal:
    """An exact number from a JSON number (already a Decimal or int) or a numeric text.
    Booleans and binary floats are refused: a float has already lost the written digits."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        hint = " (use an int, a Decimal or a text)" if type(value).__name__ == "float" else ""
        raise EventProblem(BAD_VALUE, f"{what} must be a number, not {_jtype(value)}{hint}")
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value.strip()) is None:
            raise EventProblem(BAD_VALUE, f"{what} {value!r} is not a number")
        return Decimal(value.strip())
    number = Decimal(value)
    if not number.is_finite():
        raise EventProblem(BAD_VALUE, f"{what} must be a finite number")
    return number


def _jtype(value: object) -> str:
    names = {bool: "true/false", int: "a number", Decimal: "a number", str: "a text"}
    names |= {list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), f"a {type(value).__name__}")


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    """A name field: a non-empty text (a ticket number may be a JSON integer)."""
    if key not in raw:
        return None
    value = raw[key]
    if key in ("ticket", "id") and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise EventProblem(BAD_VALUE, f"{key} must be a non-empty text, not {_jtype(value)}")
    return value


# ---- one event ---------------------------------------------------------------------------


def parse_event(raw: object, line: int, vocab: Vocabulary, where: str = "line") -> Event:
    """Check one event against the rule file and return it typed; raise ``EventProblem``.
    ``where`` names the position in references: ``"line"`` in a file, ``"event"`` in an
    iterable or a tracker's feed (as the error messages do)."""
    if not isinstance(raw, Mapping):
        raise EventProblem(BAD_LINE, f"an event is a JSON object, not {_jtype(raw)}")
    if any(not isinstance(k, str) for k in raw):
        raise EventProblem(BAD_LINE, "an event's field names must be texts")
    for key in ("type", "at"):
        if key not in raw:
            raise EventProblem(MISSING_FIELD, f"missing field {key!r}")
    kind = raw["type"]
    if not isinstance(kind, str):
        raise EventProblem(BAD_VALUE, f"type must be a text, not {_jtype(kind)}")
    fields = _fields_of(kind, vocab)
    at = parse_timestamp(raw["at"]).astimezone(vocab.tz)
    if not MIN_YEAR <= at.year <= MAX_YEAR - 1:  # leave a year for deadlines to run into
        raise EventProblem(
            BAD_TIMESTAMP, f"at {at.isoformat()} is outside {MIN_YEAR}-{MAX_YEAR - 1}"
        )
    required, optional = fields
    _check_fields(raw, kind, required, optional)
    values = {key: _text(raw, key) for key in ("ticket", "sla", "tier", "cause", "kind")}
    values |= {key: _text(raw, key) for key in ("item", "scorecard", "deliverable", "name")}
    event = Event(
        at=at,
        type=kind,
        ref=EventRef(line, _text(raw, "id"), where),
        assessor=_text(raw, "assessor"),
        note=_note(raw),
        count=_number(raw, "count"),
        points=_number(raw, "points"),
        score=_number(raw, "score"),
        period=_period(raw, vocab),
        **values,
    )
    _check_names(event, vocab)
    _check_numbers(event, vocab)
    return event


def _fields_of(kind: str, vocab: Vocabulary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if kind in _FIELDS:
        return _FIELDS[kind]
    if kind in vocab.ticket_types:
        return _METRIC_FIELDS
    known = (*LIFECYCLE, *OTHER_TYPES, *vocab.ticket_types)
    raise EventProblem(
        UNKNOWN_TYPE,
        f"unknown event type {kind!r}{did_you_mean(kind, known)}; "
        f"the rule file allows: {known_list(known)}",
    )


def _check_fields(
    raw: Mapping[str, Any], kind: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    for key in required:
        if key not in raw or raw[key] is None:
            raise EventProblem(MISSING_FIELD, f"a {kind} event needs {key!r}")
    allowed = (*COMMON_FIELDS, *required, *optional)
    for key in sorted(raw):
        if key not in allowed and not _EXTENSION.match(key):
            raise EventProblem(
                UNEXPECTED_FIELD,
                f"field {key!r} does not belong to a {kind} event{did_you_mean(key, allowed)}; "
                f"it takes {', '.join(allowed)} (and x-… fields of your own)",
            )


def _period(raw: Mapping[str, Any], vocab: Vocabulary) -> str | None:
    """The period an event names (``"period": "服务季度:1"``, ``"2026-Q1"``…), checked
    against the rule file's periods and written canonically; None when it names none."""
    text = _text(raw, "period")
    if text is None:
        return None
    periods = vocab.model.periods
    declared = ", ".join(p.name for p in periods) or "none"
    try:
        selection = parse_period(vocab.model, text)
    except ValueError as exc:
        cycles = {p.name for p in periods if p.kind == "cycle"} | {"cycle"}
        named = ":" in text and text.rsplit(":", 1)[0].strip() not in cycles
        code = UNKNOWN_NAME if named else BAD_VALUE
        raise EventProblem(code, f"{exc}; the rule file declares the periods: {declared}") from None
    if selection.kind != "cycle" and all(p.kind != selection.kind for p in periods):
        raise EventProblem(
            UNKNOWN_NAME,
            f"period {text!r} is a {selection.kind}, but the rule file declares no "
            f"{selection.kind} period (it declares: {declared})",
        )
    return selection.label


def _note(raw: Mapping[str, Any]) -> str | None:
    if "note" not in raw or raw["note"] is None:
        return None
    if not isinstance(raw["note"], str):
        raise EventProblem(BAD_VALUE, f"note must be a text, not {_jtype(raw['note'])}")
    return str(raw["note"])


def _number(raw: Mapping[str, Any], key: str) -> Decimal | None:
    if key not in raw or raw[key] is None:
        return None
    return parse_decimal(raw[key], key)


def _unknown(what: str, name: str, known: Sequence[str]) -> EventProblem:
    return EventProblem(
        UNKNOWN_NAME,
        f"unknown {what} {name!r}{did_you_mean(name, known)}; "
        f"the rule file declares: {known_list(known)}",
    )


def _check_names(event: Event, vocab: Vocabulary) -> None:
    """Every name must be declared by the rule file (tiers are checked against the SLA)."""
    if event.sla is not None:
        sla = vocab.slas.get(event.sla)
        if sla is None:
            raise _unknown("SLA", event.sla, list(vocab.slas))
        tiers = [t.name for t in sla.tiers]
        if event.tier is not None and event.tier not in tiers:
            raise _unknown(f"tier of SLA {sla.name}", event.tier, tiers)
    elif event.tier is not None and event.tier not in vocab.tiers:
        raise _unknown("tier", event.tier, vocab.tiers)
    checks = (
        ("cause", event.cause, vocab.causes),
        ("kind", event.kind, vocab.kinds),
        ("deliverable", event.deliverable, vocab.deliverables),
        ("scorecard", event.scorecard, list(vocab.scorecards)),
        ("item", event.item, list(vocab.items)),
        ("assessor", event.assessor, vocab.assessors),
    )
    for what, name, known in checks:
        if name is not None and name not in known:
            raise _unknown(what, name, known)


def _check_numbers(event: Event, vocab: Vocabulary) -> None:
    if event.type == "occurrence":
        _check_occurrence(event, vocab)
    elif event.type == "judgement":
        _check_judgement(event, vocab)
    elif event.type == "score":
        _check_score(event, vocab)


def _check_occurrence(event: Event, vocab: Vocabulary) -> None:
    assert event.kind is not None
    count = event.count
    if count is not None:
        if count <= 0:
            raise EventProblem(BAD_VALUE, f"count must be positive, not {count}")
        item = vocab.whole_kinds.get(event.kind)
        if item is not None and count != count.to_integral_value():
            raise EventProblem(
                BAD_VALUE,
                f"count {count} is not a whole number, but item {item} counts "
                f"{event.kind} per occurrence",
            )
    ranges = vocab.judged_kinds.get(event.kind, [])
    if ranges and event.points is None:
        item, interval = ranges[0]
        raise EventProblem(
            MISSING_FIELD,
            f"an occurrence of {event.kind} needs 'points': item {item} deducts "
            f"judged {interval_text(interval)} per occurrence",
        )
    if event.points is not None and not ranges:
        raise EventProblem(
            BAD_VALUE,
            f"points given, but no rule judges {event.kind} (its points would be ignored)",
        )
    for item, interval in ranges:
        assert event.points is not None
        if not interval.contains(event.points):
            raise EventProblem(
                BAD_VALUE,
                f"points {event.points} outside item {item}'s judged {interval_text(interval)}",
            )


def _check_judgement(event: Event, vocab: Vocabulary) -> None:
    """The item must be judged and the points inside its range. Without ``scorecard`` a
    judgement applies to the item of that name in every scorecard, so the points must fit
    each of them."""
    assert event.item is not None and event.points is not None
    places = vocab.items[event.item]
    if event.scorecard is not None:
        places = [(c, i) for c, i in places if c.name == event.scorecard]
        if not places:
            raise EventProblem(
                UNKNOWN_NAME, f"scorecard {event.scorecard} has no item {event.item}"
            )
        card = places[0][0]
        names = [a.name for a in card.assessors]
        if event.assessor is not None and names and event.assessor not in names:
            raise _unknown(f"assessor of scorecard {card.name}", event.assessor, names)
    for _, item in places:
        judged, table = Vocabulary.judged_range(item)
        if judged is None and not table:
            raise EventProblem(BAD_VALUE, f"item {item.name} is not judged; it takes no judgement")
        _check_judged_points(event.points, item, judged)


def _check_judged_points(points: Decimal, item: m.Item, judged: m.JudgedRule | None) -> None:
    top = Decimal(item.max.number)
    if not Decimal(0) <= points <= top:
        raise EventProblem(BAD_VALUE, f"points {points} outside item {item.name}'s [0, {top}]")
    if judged is None:
        return
    if judged.step is not None:
        step = Decimal(judged.step.number)
        if step > 0 and points % step != 0:
            raise EventProblem(
                BAD_VALUE, f"points {points}: item {item.name} is judged in steps of {step}"
            )
    if judged.grades and not any(g.interval.contains(points) for g in judged.grades):
        grades = ", ".join(f"{g.name} {interval_text(g.interval)}" for g in judged.grades)
        raise EventProblem(
            BAD_VALUE, f"points {points} fall in no grade of item {item.name} ({grades})"
        )


def _check_score(event: Event, vocab: Vocabulary) -> None:
    assert event.scorecard is not None and event.score is not None
    card = vocab.scorecards[event.scorecard]
    top = vocab.scorecard_max(card)
    if top is not None and event.score > top:
        raise EventProblem(
            BAD_VALUE, f"score {event.score} is above scorecard {card.name}'s maximum {top}"
        )
    if event.assessor is not None and card.assessors:
        names = [a.name for a in card.assessors]
        if event.assessor not in names:
            raise _unknown(f"assessor of scorecard {card.name}", event.assessor, names)


# ---- sources -----------------------------------------------------------------------------


def canonical_line(raw: object) -> str:
    """A deterministic JSON text of one event dict (keys sorted, no spaces, Decimals and
    datetimes as texts): what an iterable's ``sha256`` is computed over, one per line."""

    def default(value: object) -> object:
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        return str(value)

    try:
        return json.dumps(
            raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default
        )
    except (TypeError, ValueError):  # keys of mixed types: the event is rejected anyway
        return repr(raw)


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


# One decoder for every line: ``json.loads`` with options builds a new one per call.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)


def decode_line(data: bytes) -> object:
    """One JSON Lines record; ``EventProblem`` for bytes that are not UTF-8 JSON."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EventProblem(BAD_LINE, f"not UTF-8 text (byte {exc.start + 1})") from None
    try:
        return _DECODER.decode(text)
    except (ValueError, InvalidOperation) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise EventProblem(BAD_LINE, f"malformed JSON: {detail}") from None


class EventSource:
    """A log to read: a JSON Lines file or a sequence of dicts. ``records()`` yields
    ``(position, raw object or EventProblem, source text)`` for every event, and may be
    called again (to sort an unordered log). ``sha256`` covers the file's bytes, or the
    canonical JSON lines of the dicts, once ``records()`` has been read to the end."""

    def __init__(self, events: str | Path | Iterable[Mapping[str, Any]]) -> None:
        self.path: Path | None = None
        self.items: Sequence[object] = ()
        if isinstance(events, (str, Path)):
            self.path = Path(events)
            self.name = str(events)
        else:
            self.name = "<iterable>"
            self.items = events if isinstance(events, Sequence) else list(events)
        self.sha256 = ""
        self.bytes_read = 0  # of the file so far, for a progress display

    @property
    def is_file(self) -> bool:
        return self.path is not None

    @property
    def unit(self) -> str:
        """What a position counts: ``line`` of a file or ``event`` of an iterable."""
        return "line" if self.is_file else "event"

    def where(self, position: int) -> str:
        """How a message names the event: ``line 12`` or ``event 12``."""
        return f"{self.unit} {position}"

    def records(self) -> Iterator[tuple[int, object, str | None]]:
        return self._file_records() if self.path is not None else self._item_records()

    def _item_records(self) -> Iterator[tuple[int, object, str | None]]:
        digest = hashlib.sha256()
        for index, raw in enumerate(self.items, start=1):
            text = canonical_line(raw)
            digest.update(text.encode("utf-8") + b"\n")
            yield index, raw, text
        self.sha256 = digest.hexdigest()

    def _file_records(self) -> Iterator[tuple[int, object, str | None]]:
        assert self.path is not None
        digest = hashlib.sha256()
        self.bytes_read = 0
        with self.path.open("rb") as handle:
            for number, data in enumerate(handle, start=1):
                digest.update(data)
                self.bytes_read += len(data)
                body = data[3:] if number == 1 and data.startswith(b"\xef\xbb\xbf") else data
                if not body.strip():
                    continue  # blank lines separate nothing and carry nothing
                text = body.decode("utf-8", errors="replace").rstrip("\r\n")
                raw: object
                try:
                    raw = decode_line(body)
                except EventProblem as problem:
                    raw = problem
                yield number, raw, text
        self.sha256 = digest.hexdigest()
