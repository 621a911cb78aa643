"""Event codes, the checked :class:`Event`, where it came from (:class:`EventRef`) and the
readers of single field values.

``reader`` re-exports what the other stages use. Like the rest of ``slarules.events`` this module
depends on nothing in :mod:`slarules.engine`: the engine reads events, never the reverse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Final

from attrs import frozen

from ..calendar import MAX_YEAR, MIN_YEAR
from ..i18n import N_, _
from ..language.literals import number_bound_problem
from ..model import Target

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
COMPUTED_DUE = "SLR923"  # a due event for a deliverable whose due time the rules compute

COMMON_FIELDS = ("at", "type", "id", "assessor", "note")
# Required and optional fields per non-metric type; metric events take "ticket" only.
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "opened": (("ticket", "sla", "tier"), ()),
    "paused": (("ticket",), ()),
    "resumed": (("ticket",), ()),
    "retiered": (("ticket", "tier"), ()),
    "agreed": (("ticket", "metric", "target"), ()),
    "attributed": (("ticket", "cause"), ()),
    "reopened": (("ticket",), ()),
    "closed": (("ticket",), ()),
    "occurrence": (("kind",), ("count", "points", "ticket", "period", "amount", "currency")),
    "judgement": (("item", "points"), ("scorecard", "period")),
    "score": (("scorecard", "score"), ("period",)),
    "due": (("deliverable",), ("period",)),
    "delivered": (("deliverable",), ("ticket",)),
    "milestone": (("name",), ("period",)),
    # A maintenance window: ``at`` is when it was announced, ``start``/``end`` the window;
    # without ``sla`` it concerns every SLA (docs/events.md).
    "maintenance": (("start", "end"), ("sla",)),
}
_METRIC_FIELDS: tuple[tuple[str, ...], tuple[str, ...]] = (("ticket",), ())
_EXTENSION = re.compile(r"x[-_]")  # x-… / x_… fields are the helpdesk's own, ignored

_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}"
    r"(?::[0-9]{2}(?:\.(?P<micro>[0-9]{1,6})(?P<sub>[0-9]*))?)?"
    r"(?P<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})?"
)
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_LONGEST_TIMESTAMP = 64
# The first and last instants that are in MIN_YEAR..MAX_YEAR - 1 on some clock (UTC+14, UTC-12).
_FIRST_INSTANT = datetime(MIN_YEAR, 1, 1, tzinfo=timezone(timedelta(hours=14)))
_END_INSTANT = datetime(MAX_YEAR, 1, 1, tzinfo=timezone(timedelta(hours=-12)))


class EventProblem(Exception):
    """One bad event: a stable code and a message naming what is wrong and what would be
    right. The caller adds where (path and line)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_EVENT_FIELDS = (
    "at", "type", "ref", "ticket", "sla", "tier", "cause", "kind", "count", "points", "item",
    "scorecard", "score", "deliverable", "name", "assessor", "note", "period", "amount",
    "metric", "agreed", "fields", "start", "end",
)  # fmt: skip


@frozen(order=True, weakref_slot=False)  # one per event, kept by results: 8 bytes less
class EventRef:
    """Where an event came from: its 1-based line in the log, or its 1-based position in
    an iterable of dicts (or among the events fed to a tracker), and its ``id`` if it had
    one. ``where`` says which: ``"line"`` for a file, ``"event"`` otherwise, so a reference
    reads as error messages do: ``"line 12"``, ``"event 12 (id E-7)"``."""

    line: int
    id: str | None = None
    where: str = "line"

    def __str__(self) -> str:
        return f"{self.where} {self.line}" + (f" (id {self.id})" if self.id else "")


_new_object = object.__new__
_set_line = EventRef.__dict__["line"].__set__
_set_id = EventRef.__dict__["id"].__set__
_set_where = EventRef.__dict__["where"].__set__


def event_ref(line: int, id: str | None, where: str) -> EventRef:
    """``EventRef(line, id, where)``, built without attrs' frozen ``__init__`` (which sets
    each field through ``object.__setattr__``): the readers build one per event, and this
    takes two thirds of the time. The same object, equal and hashed the same."""
    ref: EventRef = _new_object(EventRef)
    _set_line(ref, line)
    _set_id(ref, id)
    _set_where(ref, where)
    return ref


class Event:
    """One checked event. ``at`` is in the ruleset's timezone; numbers are ``Decimal``;
    ``ref`` is where it came from (1-based line, or index in an iterable, and its id).

    A plain ``__slots__`` class, read-only by contract (``Final`` for the type checker):
    one is built per event, and a frozen attrs class took five times as long to build
    (2.5 µs against 0.5), a fifth of all the time spent reading a log."""

    __slots__ = _EVENT_FIELDS

    at: Final[datetime]
    type: Final[str]
    ref: Final[EventRef]
    ticket: Final[str | None]
    sla: Final[str | None]
    tier: Final[str | None]
    cause: Final[str | None]
    kind: Final[str | None]
    count: Final[Decimal | None]
    points: Final[Decimal | None]
    item: Final[str | None]
    scorecard: Final[str | None]
    score: Final[Decimal | None]
    deliverable: Final[str | None]
    name: Final[str | None]
    assessor: Final[str | None]
    note: Final[str | None]
    period: Final[str | None]  # canonical label of the period the event names
    amount: Final[Decimal | None]  # money (the file's currency) on an occurrence
    metric: Final[str | None]  # ``agreed``: the metric whose target is agreed
    agreed: Final[Target | None]  # ``agreed``: the target (its ``target`` field, read)
    # ``opened``: the fields measures group by (``count of SLA by camera``), (name, text)
    fields: Final[tuple[tuple[str, str], ...]]
    start: Final[datetime | None]  # ``maintenance``: the window's start
    end: Final[datetime | None]  # ``maintenance``: the window's end

    def __init__(
        self,
        at: datetime,
        type: str,
        ref: EventRef,
        ticket: str | None = None,
        sla: str | None = None,
        tier: str | None = None,
        cause: str | None = None,
        kind: str | None = None,
        count: Decimal | None = None,
        points: Decimal | None = None,
        item: str | None = None,
        scorecard: str | None = None,
        score: Decimal | None = None,
        deliverable: str | None = None,
        name: str | None = None,
        assessor: str | None = None,
        note: str | None = None,
        period: str | None = None,
        amount: Decimal | None = None,
        metric: str | None = None,
        agreed: Target | None = None,
        fields: tuple[tuple[str, str], ...] = (),
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> None:
        self.at = at
        self.type = type
        self.ref = ref
        self.ticket = ticket
        self.sla = sla
        self.tier = tier
        self.cause = cause
        self.kind = kind
        self.count = count
        self.points = points
        self.item = item
        self.scorecard = scorecard
        self.score = score
        self.deliverable = deliverable
        self.name = name
        self.assessor = assessor
        self.note = note
        self.period = period
        self.amount = amount
        self.metric = metric
        self.agreed = agreed
        self.fields = fields
        self.start = start
        self.end = end

    @property
    def line(self) -> int:
        return self.ref.line

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _EVENT_FIELDS)

    def __eq__(self, other: object) -> bool:
        return type(other) is Event and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = (f"{n}={v!r}" for n, v in zip(_EVENT_FIELDS, self._values(), strict=True))
        return f"Event({', '.join(shown)})"


# ---- field readers ---------------------------------------------------------------------


def parse_timestamp(value: object, what: str = "at") -> datetime:
    """An RFC 3339 timestamp with its UTC offset (``Z`` or ``±hh:mm``); an aware datetime
    is accepted as is. A timestamp without an offset is an error, never a guess."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise EventProblem(
                BAD_TIMESTAMP,
                _("{what} {isoformat} has no UTC offset").format(
                    what=what, isoformat=value.isoformat()
                ),
            )
        return _within_years(value, what, value.isoformat())
    if not isinstance(value, str):
        raise EventProblem(
            BAD_TIMESTAMP,
            _("{what} must be an RFC 3339 text, not {value}").format(
                what=what, value=_jtype(value)
            ),
        )
    if len(value) > _LONGEST_TIMESTAMP:
        raise EventProblem(
            BAD_TIMESTAMP,
            _("{what} {value!r} is not an RFC 3339 timestamp").format(what=what, value=clip(value)),
        )
    text = value.strip()
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        raise EventProblem(
            BAD_TIMESTAMP,
            _(
                "{what} {value!r} is not an RFC 3339 timestamp such as 2026-03-02T09:15:00+08:00"
            ).format(what=what, value=value),
        )
    if match.group("sub") and match.group("sub").strip("0"):
        raise EventProblem(
            BAD_TIMESTAMP,
            _(
                "{what} {value!r} is finer than a microsecond: slarules holds times to 6 "
                "fractional digits and will not round a time silently (a stop 100 ns after "
                "its deadline is late); round the export to microseconds"
            ).format(what=what, value=value),
        )
    if match.group("offset") is None:
        raise EventProblem(
            BAD_TIMESTAMP,
            _("{what} {value!r} has no UTC offset; write it with one, e.g. {text}+08:00").format(
                what=what, value=value, text=text
            ),
        )
    if match.group("sub"):  # only zeros beyond the microsecond: the same instant
        text = text[: match.end("micro")] + text[match.end("sub") :]
    try:
        at = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise EventProblem(
            BAD_TIMESTAMP, _("{what} {value!r} is not a valid time").format(what=what, value=value)
        ) from None
    return _within_years(at, what, repr(value))


def instant_within_years(at: datetime) -> bool:
    """Whether the aware ``at`` is an instant of 1970-2199 on some clock between -12:00 and
    +14:00 (the bound every event time is checked against first)."""
    try:
        return _FIRST_INSTANT <= at < _END_INSTANT
    except OverflowError:  # 0001-01-01T00:00+01:00 is in year 0 in UTC
        return False


def _within_years(at: datetime, what: str, shown: str) -> datetime:
    """``at`` if it is an instant of the years slarules lays out (1970-2199 on some clock
    between -12:00 and +14:00: the event reader then checks the year in the rule file's
    zone); else an error naming the value and the bound, never the bare ``year 0 is out of
    range`` that arithmetic on it would raise later."""
    if not instant_within_years(at):
        raise EventProblem(
            BAD_TIMESTAMP,
            _("{what} {value} is outside the years {min_year}-{max_year} slarules covers").format(
                what=what, value=shown, min_year=MIN_YEAR, max_year=MAX_YEAR - 1
            ),
        )
    return at


def parse_decimal(value: object, what: str) -> Decimal:
    """An exact number from a JSON number (already a Decimal or int) or a numeric text.
    Booleans and binary floats are refused: a float has already lost the written digits.
    Every number must lie within the bounds rule-file numbers have
    (:func:`slarules.literals.number_bound_problem`), so arithmetic on it stays exact."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        hint = _(" (use an int, a Decimal or a text)") if type(value).__name__ == "float" else ""
        raise EventProblem(
            BAD_VALUE,
            _("{what} must be a number, not {value}{hint}").format(
                what=what, value=_jtype(value), hint=hint
            ),
        )
    if isinstance(value, str):
        if len(value) > _LONGEST_NUMBER or _DECIMAL.fullmatch(value.strip()) is None:
            raise EventProblem(
                BAD_VALUE,
                _("{what} {value!r} is not a number").format(what=what, value=clip(value)),
            )
        number = Decimal(value.strip())
    else:
        number = Decimal(value)
    problem = number_bound_problem(number)
    if problem is not None:
        raise EventProblem(
            BAD_VALUE,
            _("{what} {number} {problem}").format(
                what=what, number=clip(str(number)), problem=problem
            ),
        )
    return number


# A numeric text longer than this is refused before it is converted: no number within the
# bounds needs it (15 digits, a point, 6 places, a sign and some spaces).
_LONGEST_NUMBER = 64
_CLIP = 40


def clip(text: str, size: int = _CLIP) -> str:
    """``text`` cut to ``size`` characters with an ellipsis, for a message that quotes a
    value of any length (a 5,000-digit ticket id, a megabyte of note)."""
    return text if len(text) <= size else text[: size - 1] + "…"


_JSON_TYPES: dict[type, str] = {
    bool: N_("true/false"),
    int: N_("a number"),
    Decimal: N_("a number"),
    str: N_("a text"),
    list: N_("a list"),
    dict: N_("an object"),
    type(None): N_("null"),
}


def _jtype(value: object) -> str:
    """What a value is, in words: ``a number``, ``a list``; any other Python type by its
    name, with the article its sound takes (``an int64``, ``a float``)."""
    name = _JSON_TYPES.get(type(value))
    if name is not None:
        return _(name)
    name = type(value).__name__
    if name[:1].lower() in "aeio":
        return _("an {type}").format(type=name)
    return _("a {type}").format(type=name)


MAX_INT_ID_DIGITS: Final = 4000
_INT_ID_BOUND: Final = 10**MAX_INT_ID_DIGITS


def int_id_text(value: int) -> str | None:
    """A ticket number or event id given as an int, in decimal, or None when it has more
    than ``MAX_INT_ID_DIGITS`` digits. ``str(value)`` raised a bare ``ValueError`` above
    4,300 digits, and at a lower count where the host sets ``PYTHONINTMAXSTRDIGITS``: the
    bound is ours, and the digits are written through ``Decimal``, which has no such limit,
    so that every host reads the same ids."""
    if not -_INT_ID_BOUND < value < _INT_ID_BOUND:
        return None
    return str(Decimal(value))


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    """A name field: a non-empty text (a ticket number may be a JSON integer).

    A name the rule file declares (kind, tier, item, …) is read in Unicode NFC, as the rule
    file's names are, so canonically equal spellings (U+F90A and 金) name the same thing.
    Ticket numbers and event ids are identifiers of another system and are kept as written."""
    if key not in raw:
        return None
    value = raw[key]
    if key in ("ticket", "id") and isinstance(value, int) and not isinstance(value, bool):
        written = int_id_text(value)
        if written is None:
            raise EventProblem(
                BAD_VALUE,
                _("{key} is a whole number of more than {digits} digits; give it as a text").format(
                    key=key, digits=MAX_INT_ID_DIGITS
                ),
            )
        return written
    if isinstance(value, str) and not value.strip():
        # Say what is wrong with the text: a full-width space or a NEL is invisible in the
        # line the message quotes (repr shows it escaped; a long run of them is cut).
        shown = repr(value[:20]) + ("…" if len(value) > 20 else "")
        raise EventProblem(
            BAD_VALUE,
            _("{key} is empty or only white space ({value})").format(key=key, value=shown),
        )
    if not isinstance(value, str):
        raise EventProblem(
            BAD_VALUE,
            _("{key} must be a non-empty text, not {value}").format(key=key, value=_jtype(value)),
        )
    if key in ("ticket", "id"):
        return value
    return unicodedata.normalize("NFC", value)
