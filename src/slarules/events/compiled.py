"""The compiled per-type event readers: the common, well-formed event in a few cheap checks.

Split from :mod:`slarules.events.reader`. ``compile_readers(vocab)`` builds one reader per
event type the rule file allows; a reader returns the checked :class:`Event`, or None for
anything it is not sure of, which then goes to the full check (``reader._parse_event_checked``)
that explains what is wrong. A reader only ever accepts what the full check accepts, and
builds the same event. Each reader takes the event as a dict (``read``) or as the typed
struct the msgspec fast path decodes (``read_struct``, :mod:`slarules.events.fastpath`):
both go through the same per-field check (``checked``), so they agree by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from unicodedata import is_normalized
from zoneinfo import ZoneInfo

from ..calendar import MAX_YEAR, MIN_YEAR
from ..calendar.instants import unambiguous
from .checks import _check_numbers, _period
from .types import (
    _EVENT_FIELDS,
    _FIELDS,
    _METRIC_FIELDS,
    COMMON_FIELDS,
    Event,
    EventProblem,
    event_ref,
    int_id_text,
    parse_decimal,
)
from .vocabulary import Vocabulary

__all__ = ["KindReader", "compile_readers"]

_Reader = Callable[[dict[str, Any], int, str], "Event | None"]
_NAME_FIELDS = frozenset(
    ("ticket", "sla", "tier", "cause", "kind", "item", "scorecard", "deliverable", "name", "id")
) | {"assessor"}
_NUMBER_FIELDS = frozenset(("count", "points", "score", "amount"))
_AT_AND_TYPE = frozenset(("at", "type"))
# The separators of 2026-03-02T09:15:00+08:00, of …-05:00 and of …Z (see _plain_timestamp).
_PLAIN_SEPARATORS = {"--T::+:": 25, "--T::-:": 25, "--T::Z": 20}  # and the text's length
# Event's arguments after at, type and ref, in order, and their defaults: the struct reader
# builds the event by position (a keyword call costs a third more).
_EVENT_ARGS = _EVENT_FIELDS[3:]
_BLANK_ARGS: tuple[Any, ...] = tuple(() if name == "fields" else None for name in _EVENT_ARGS)
_SLA_ARG, _TIER_ARG = _EVENT_ARGS.index("sla"), _EVENT_ARGS.index("tier")
_TICKET_ARG = _EVENT_ARGS.index("ticket")
_REFUSE: Any = object()  # what ``checked`` returns for a value the full check must see
_ABSENT: Any = object()  # what ``checked`` returns for a value that counts as absent


def _ascii_or_nfc(text: str) -> bool:
    """True when ``text`` is already in Unicode NFC (ASCII always is): a name that is not
    goes to the full check, which reads names in NFC (see ``events.types._text``)."""
    return text.isascii() or is_normalized("NFC", text)


def compile_readers(vocab: Vocabulary) -> dict[str, KindReader]:
    """One reader per event type the rule file allows (see the module docstring)."""
    readers: dict[str, KindReader] = {}
    for kind in (*_FIELDS, *vocab.ticket_types):
        if kind in ("agreed", "maintenance"):  # rare, and read further: the full check
            continue
        required, optional = _FIELDS.get(kind, _METRIC_FIELDS)
        readers[kind] = KindReader(kind, required, optional, vocab)
    return readers


class KindReader:
    """The fast reader of one event type: the keys are a subset of the allowed ones and
    hold the required ones, ``at`` is a plain RFC 3339 timestamp, every name is a non-empty
    text the rule file declares, numbers are exact; anything else returns None (full check).

    Calling it reads a dict (``read``); ``read_struct`` reads the msgspec struct of the fast
    path, whose decoder has already refused unknown keys and values of the wrong JSON type."""

    def __init__(
        self, kind: str, required: tuple[str, ...], optional: tuple[str, ...], vocab: Vocabulary
    ) -> None:
        self.kind, self.vocab = kind, vocab
        self.required = required
        self.allowed = frozenset((*COMMON_FIELDS, *required, *optional))
        self.needed = frozenset(("at", *required))
        # The struct's fields other than at and type, required ones first.
        self.fields: tuple[str, ...] = tuple(
            dict.fromkeys((*required, *optional, *COMMON_FIELDS[2:]))
        )
        self.bare = len(required) + 2  # keys of an event with only its required fields
        self.tz = vocab.tz
        self.tiers_of = {
            name: frozenset(t.name for t in sla.tiers) for name, sla in vocab.slas.items()
        }
        self.any_tier = frozenset(vocab.tiers)
        self.known: dict[str, frozenset[str]] = {
            "cause": frozenset(vocab.causes),
            "kind": frozenset(vocab.kinds),
            "deliverable": frozenset(vocab.deliverables),
            "scorecard": frozenset(vocab.scorecards),
            "item": frozenset(vocab.items),
            "assessor": frozenset(vocab.assessors),
        }
        self.numbers_checked = kind in ("occurrence", "judgement", "score")
        # Per struct field: its key, whether it is required, the names that ``checked``
        # would give back as they are (declared, non-blank, in NFC: taken without it), and
        # its place among Event's arguments (-1: ``id``, which goes in the ref, or
        # ``currency``, which the event does not keep).
        self.plan: tuple[tuple[str, bool, frozenset[str] | None, int], ...] = tuple(
            (key, key in self.needed, self._plain_names(key), _arg_index(key))
            for key in self.fields
        )
        self.required_plan = self.plan[: len(required)]  # ``fields`` begin with them
        self.optional_count = len(self.plan) - len(required)

    def _plain_names(self, key: str) -> frozenset[str] | None:
        """The values of ``key`` that ``checked`` returns unchanged, known in advance."""
        known = {"sla": frozenset(self.tiers_of), "tier": self.any_tier}.get(key)
        known = self.known.get(key, known)
        if known is None:
            return None
        return frozenset(name for name in known if name.strip() and _ascii_or_nfc(name))

    def __call__(self, raw: dict[str, Any], line: int, where: str) -> Event | None:
        return self.read(raw, line, where)

    def checked(self, key: str, value: Any) -> Any:
        """``value`` of field ``key`` as the event holds it, ``_ABSENT`` for a null that
        counts as absent, or ``_REFUSE`` when the full check must look at it."""
        if key in _NAME_FIELDS:
            if type(value) is not str or not value.strip():
                if type(value) is not int or key not in ("ticket", "id"):
                    return _REFUSE
                written = int_id_text(value)
                return _REFUSE if written is None else written  # the full check says why
            known = self.known.get(key)
            if known is not None and value not in known:
                return _REFUSE  # unknown, or not in NFC: the full check says which
            if key not in ("ticket", "id") and not _ascii_or_nfc(value):
                return _REFUSE
            return value
        if key in _NUMBER_FIELDS:
            if value is None:
                return _REFUSE if key in self.needed else _ABSENT
            try:
                return parse_decimal(value, key)
            except EventProblem:
                return _REFUSE
        if key == "note":
            if value is not None and type(value) is not str:
                return _REFUSE
            return value
        if key == "period":
            try:
                return _period({"period": value}, self.vocab)
            except EventProblem:
                return _REFUSE
        if key == "currency" and value != self.vocab.currency:
            return _REFUSE  # the full check says why
        return _ABSENT  # at and type are read apart; a currency that names the file's

    def read(self, raw: dict[str, Any], line: int, where: str) -> Event | None:
        """The event of a decoded JSON object, or None (see the class docstring)."""
        keys = raw.keys()
        if not (keys <= self.allowed and self.needed <= keys):
            return None
        at = _plain_timestamp(raw["at"], self.tz)
        if at is None:
            return None
        fields: dict[str, Any] = {}
        checked = self.checked
        for key in self.required if len(keys) == self.bare else keys - _AT_AND_TYPE:
            value = checked(key, raw[key])
            if value is _REFUSE:
                return None
            if value is not _ABSENT:
                fields[key] = value
        return self.finish(at, fields, line, where)

    def read_struct(
        self, values: tuple[Any, ...], unset: object, line: int, where: str
    ) -> Event | None:
        """The event of the fast path's struct: ``values`` are ``at`` and then its fields in
        the order of ``self.fields``, ``unset`` for a key the line does not have."""
        at = _plain_timestamp(values[0], self.tz)
        if at is None:
            return None
        args: list[Any] = list(_BLANK_ARGS)
        ident = None
        checked = self.checked
        plan = self.plan
        if values.count(unset) == self.optional_count:
            # the common event, with its required fields only (or one that lacks a required
            # field and has an optional one: refused below): look at the required ones only
            plan, values = self.required_plan, values[: len(self.required_plan) + 1]
        for (key, needed, plain, index), value in zip(plan, values[1:], strict=True):
            if value is unset:
                if needed:
                    return None
                continue
            if plain is not None and value in plain:
                pass  # what ``checked`` would give
            elif index == _TICKET_ARG and type(value) is str and value.strip():
                pass  # a ticket id as written (``checked``, inline)
            else:
                value = checked(key, value)
                if value is _REFUSE:
                    return None
                if value is _ABSENT:
                    continue
            if index >= 0:
                args[index] = value
            elif key == "id":
                ident = value
        if not self.tiers_agree(args[_SLA_ARG], args[_TIER_ARG]):
            return None
        return self.numbers_agree(Event(at, self.kind, event_ref(line, ident, where), *args))

    def finish(self, at: datetime, fields: dict[str, Any], line: int, where: str) -> Event | None:
        """The checks across fields (a tier of the SLA named), then the event."""
        if not self.tiers_agree(fields.get("sla"), fields.get("tier")):
            return None
        ref = event_ref(line, fields.pop("id", None), where)
        return self.numbers_agree(Event(at, self.kind, ref, **fields))

    def tiers_agree(self, sla: str | None, tier: str | None) -> bool:
        """Whether the tier named is one of the SLA's (or of any SLA, without one)."""
        if sla is not None:
            tiers = self.tiers_of.get(sla)
            return tiers is not None and (tier is None or tier in tiers)
        return tier is None or tier in self.any_tier

    def numbers_agree(self, event: Event) -> Event | None:
        """``event``, or None when its numbers are outside the judged ranges."""
        if self.numbers_checked:
            try:
                _check_numbers(event, self.vocab)
            except EventProblem:
                return None
        return event


def _arg_index(key: str) -> int:
    """Where ``key`` goes among Event's arguments; -1 for ``id`` and ``currency``."""
    if key in ("id", "currency"):
        return -1
    return _EVENT_ARGS.index(key)


def _plain_timestamp(value: object, tz: ZoneInfo) -> datetime | None:
    """``2026-03-02T09:15:00+08:00`` or ``…Z`` in the ruleset's zone, inside the years a
    calendar covers; None for any other form (the full check reads or rejects it).  The
    separators are checked here and the digits by ``fromisoformat``, so what passes is
    exactly what the RFC 3339 pattern accepts in this form."""
    if type(value) is not str:
        return None
    if _PLAIN_SEPARATORS.get(value[4::3]) != len(value):  # positions 4, 7, 10, … 22
        return None
    try:
        at = unambiguous(datetime.fromisoformat(value).astimezone(tz))  # in_zone, inlined
    except (ValueError, OverflowError):
        return None
    return at if MIN_YEAR <= at.year <= MAX_YEAR - 1 else None
