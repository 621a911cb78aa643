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
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, BinaryIO

from .. import model as m
from ..calendar import MAX_YEAR, MIN_YEAR
from ..calendar.instants import in_zone
from ..i18n import _
from ..language.literals import LiteralError, parse_agreed_target
from ..textsafe import escape_controls
from .checks import _check_names, _check_numbers, _period
from .compiled import compile_readers as _compile_readers
from .export_rows import ExportRows
from .fastpath import FastLines
from .jsonlines import (
    MAX_DEPTH,
    canonical_line,
    decode_line,
    line_bytes,
    structure_problem,
)
from .types import (
    _EXTENSION,
    _FIELDS,
    _METRIC_FIELDS,
    AFTER_AS_OF,
    BAD_LINE,
    BAD_TIMESTAMP,
    BAD_VALUE,
    COMMON_FIELDS,
    CONFLICTING_ID,
    DUPLICATE_ID,
    MISSING_FIELD,
    OUT_OF_ORDER,
    TICKET_STATE,
    UNEXPECTED_FIELD,
    UNKNOWN_NAME,
    UNKNOWN_TYPE,
    UNREADABLE,
    Event,
    EventProblem,
    EventRef,
    _jtype,
    _text,
    clip,
    parse_decimal,
    parse_timestamp,
)
from .vocabulary import LIFECYCLE, OTHER_TYPES, Vocabulary, did_you_mean, known_list

__all__ = [
    "AFTER_AS_OF",
    "BAD_LINE",
    "BAD_TIMESTAMP",
    "BAD_VALUE",
    "COMMON_FIELDS",
    "CONFLICTING_ID",
    "DUPLICATE_ID",
    "MAX_DEPTH",
    "MISSING_FIELD",
    "OUT_OF_ORDER",
    "TICKET_STATE",
    "UNEXPECTED_FIELD",
    "UNKNOWN_NAME",
    "UNKNOWN_TYPE",
    "UNREADABLE",
    "Event",
    "EventProblem",
    "EventRef",
    "EventSource",
    "ExportRows",
    "Record",
    "canonical_line",
    "decode_line",
    "in_zone",
    "line_bytes",
    "parse_decimal",
    "parse_event",
    "parse_timestamp",
    "source_text",
    "structure_problem",
]

# ---- one event ---------------------------------------------------------------------------


def parse_event(raw: object, line: int, vocab: Vocabulary, where: str = "line") -> Event:
    """Check one event against the rule file and return it typed; raise ``EventProblem``.
    ``where`` names the position in references: ``"line"`` in a file, ``"event"`` in an
    iterable or a tracker's feed (as the error messages do).

    Two readers, one meaning: a compiled reader per event type (``_readers``) accepts the
    common, well-formed event in a few cheap checks, and anything it is not sure of goes to
    the full check (``_parse_event_checked``), which explains what is wrong.  The fast one
    only ever accepts what the full one accepts, and builds the same event."""
    if type(raw) is dict:
        readers = vocab.readers
        if readers is None:
            readers = vocab.readers = _compile_readers(vocab)
        kind = raw.get("type")
        reader = readers.get(kind) if type(kind) is str else None
        if reader is not None:
            event = reader(raw, line, where)
            if event is not None:
                return event
    return _parse_event_checked(raw, line, vocab, where)


def _parse_event_checked(raw: object, line: int, vocab: Vocabulary, where: str) -> Event:
    """:func:`parse_event`, checking everything in order and raising the first problem."""
    if not isinstance(raw, Mapping):
        raise EventProblem(
            BAD_LINE, _("an event is a JSON object, not {raw}").format(raw=_jtype(raw))
        )
    if any(not isinstance(k, str) for k in raw):
        raise EventProblem(BAD_LINE, _("an event's field names must be texts"))
    for key in ("type", "at"):
        if key not in raw:
            raise EventProblem(MISSING_FIELD, _("missing field {key!r}").format(key=key))
    kind = raw["type"]
    if not isinstance(kind, str):
        raise EventProblem(
            BAD_VALUE, _("type must be a text, not {kind}").format(kind=_jtype(kind))
        )
    fields = _fields_of(kind, vocab)
    written = parse_timestamp(raw["at"])
    try:
        at = in_zone(written, vocab.tz)
    except OverflowError:  # 9999-12-31T23:00-12:00 is in year 10000 anywhere east of it
        at = None
    if at is None or not MIN_YEAR <= at.year <= MAX_YEAR - 1:  # a year for deadlines
        raise EventProblem(
            BAD_TIMESTAMP,
            _("at {isoformat} is outside {min_year}-{value}").format(
                isoformat=written.isoformat(), min_year=MIN_YEAR, value=MAX_YEAR - 1
            ),
        )
    required, optional = fields
    _check_fields(raw, kind, required, optional)
    values = {key: _text(raw, key) for key in ("ticket", "sla", "tier", "cause", "kind")}
    values |= {key: _text(raw, key) for key in ("item", "scorecard", "deliverable", "name")}
    values["metric"] = _text(raw, "metric")
    event = Event(
        at=at,
        type=kind,
        ref=EventRef(line, _text(raw, "id"), where),
        assessor=_text(raw, "assessor"),
        note=_note(raw),
        count=_number(raw, "count"),
        points=_number(raw, "points"),
        score=_number(raw, "score"),
        amount=_number(raw, "amount"),
        period=_period(raw, vocab),
        agreed=_agreed_target(raw, values["metric"]),
        fields=_group_fields(raw, kind, vocab),
        start=_window_instant(raw, "start", vocab),
        end=_window_instant(raw, "end", vocab),
        **values,
    )
    if event.start is not None and event.end is not None and event.end <= event.start:
        raise EventProblem(
            BAD_VALUE,
            _(
                "a maintenance window ends after it starts: end {isoformat} "
                "is not after start {isoformat2}"
            ).format(isoformat=event.end.isoformat(), isoformat2=event.start.isoformat()),
        )
    _check_names(event, vocab)
    _check_numbers(event, vocab)
    _check_currency(raw, vocab)
    return event


def _check_currency(raw: Mapping[str, Any], vocab: Vocabulary) -> None:
    """An event's ``currency`` (optional) names the rule file's: amounts are never
    converted, so an amount in another currency is refused rather than misread."""
    if "currency" not in raw:
        return
    written = raw["currency"]
    if written != vocab.currency:
        shown = clip(written) if isinstance(written, str) else _jtype(written)
        raise EventProblem(
            BAD_VALUE,
            _(
                "currency {shown!r}: amounts are in {currency}, the rule "
                "file's currency; convert the amount, or leave the field out"
            ).format(shown=shown, currency=vocab.currency),
        )


def _group_fields(
    raw: Mapping[str, Any], kind: str, vocab: Vocabulary
) -> tuple[tuple[str, str], ...]:
    """An ``opened`` event's fields that measures group by, as written (in NFC)."""
    if kind != "opened":
        return ()
    found = ((name, _text(raw, name)) for name in vocab.group_fields)
    return tuple((name, value) for name, value in found if value is not None)


def _fields_of(kind: str, vocab: Vocabulary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if kind == "opened" and vocab.group_fields:  # the fast reader leaves these to us
        required, optional = _FIELDS[kind]
        return required, (*optional, *vocab.group_fields)
    if kind in _FIELDS:
        return _FIELDS[kind]
    if kind in vocab.ticket_types:
        return _METRIC_FIELDS
    known = (*LIFECYCLE, *OTHER_TYPES, *vocab.ticket_types)
    raise EventProblem(
        UNKNOWN_TYPE,
        _("unknown event type {kind!r}{hint}; the rule file allows: {known}").format(
            kind=clip(kind), hint=did_you_mean(clip(kind), known), known=known_list(known)
        ),
    )


def _check_fields(
    raw: Mapping[str, Any], kind: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    for key in required:
        if key not in raw or raw[key] is None:
            raise EventProblem(
                MISSING_FIELD, _("an event of type {kind} needs {key!r}").format(kind=kind, key=key)
            )
    allowed = (*COMMON_FIELDS, *required, *optional)
    for key in sorted(raw):
        if key not in allowed and not _EXTENSION.match(key):
            raise EventProblem(
                UNEXPECTED_FIELD,
                _(
                    "field {key!r} does not belong to an event of type {kind}{hint}; it "
                    "takes {allowed} (and x-… fields of your own)"
                ).format(
                    key=key, kind=kind, hint=did_you_mean(key, allowed), allowed=", ".join(allowed)
                ),
            )


def _agreed_target(raw: Mapping[str, Any], metric: str | None) -> m.Target | None:
    """The ``target`` of an ``agreed`` event, read as a target for ``metric``."""
    if metric is None or "target" not in raw:
        return None
    text = raw["target"]
    if not isinstance(text, str):
        raise EventProblem(
            BAD_VALUE,
            _('target must be a text such as "48小时", not {text}').format(text=_jtype(text)),
        )
    try:
        amount, by_close = parse_agreed_target(text)
    except LiteralError as exc:
        raise EventProblem(BAD_VALUE, str(exc)) from None
    return m.Target(metric, amount, close_of_business=by_close, agreed=True)


def _window_instant(raw: Mapping[str, Any], key: str, vocab: Vocabulary) -> datetime | None:
    """A maintenance window's ``start`` or ``end``: an RFC 3339 timestamp, like ``at``."""
    if key not in raw:
        return None
    written = parse_timestamp(raw[key], key)
    try:
        instant = in_zone(written, vocab.tz)
    except OverflowError:
        instant = None
    if instant is None or not MIN_YEAR <= instant.year <= MAX_YEAR - 1:
        raise EventProblem(
            BAD_TIMESTAMP,
            _("{key} {isoformat} is outside {min_year}-{value}").format(
                key=key, isoformat=written.isoformat(), min_year=MIN_YEAR, value=MAX_YEAR - 1
            ),
        )
    return instant


def _note(raw: Mapping[str, Any]) -> str | None:
    if "note" not in raw or raw["note"] is None:
        return None
    if not isinstance(raw["note"], str):
        raise EventProblem(
            BAD_VALUE, _("note must be a text, not {raw}").format(raw=_jtype(raw["note"]))
        )
    return str(raw["note"])


def _number(raw: Mapping[str, Any], key: str) -> Decimal | None:
    if key not in raw or raw[key] is None:
        return None
    return parse_decimal(raw[key], key)


Record = tuple[int, object, str | bytes | None, Event | None]
"""One event of a source: see :meth:`EventSource.records`."""


def source_text(text: str | bytes | None) -> str | None:
    """The line as an error message quotes it: a record's bytes decoded (undecodable bytes
    replaced), without the line break."""
    if isinstance(text, bytes):
        return text.decode("utf-8", errors="replace").rstrip("\r\n")
    return text


# ---- sources -----------------------------------------------------------------------------


class EventSource:
    """A log to read: a JSON Lines file, a binary stream of JSON Lines (standard input),
    or a sequence of dicts. ``records()`` yields ``(position, raw object or EventProblem,
    source text)`` for every event, and may be called again (to sort an unordered log): a
    stream is copied to a temporary file as it is first read, and read again from there.
    ``sha256`` covers the bytes read, or the canonical JSON lines of the dicts, once
    ``records()`` has been read to the end.

    ``name`` is the path as given (for error messages, which the user acts on);
    ``report_name`` is what the report embeds: the file's name without its directories,
    ``<stdin>`` or ``<iterable>``, so that the report's bytes do not depend on where the
    command was run from or reveal the user's directories."""

    def __init__(self, events: str | Path | BinaryIO | Iterable[Mapping[str, Any]]) -> None:
        self.path: Path | None = None
        self.stream: BinaryIO | None = None
        self._spool: IO[bytes] | None = None
        self.items: Sequence[object] = ()
        self.rows: tuple[int, ...] | None = None  # an export's rows: see ExportRows
        self._export_sha256 = ""
        if isinstance(events, ExportRows):
            self.name = events.path
            self.report_name = escape_controls(Path(events.path).name or events.path)
            self.items, self.rows = events, events.rows
            self._export_sha256 = events.sha256
        elif isinstance(events, (str, Path)):
            self.path = Path(events)
            self.name = str(events)
            self.report_name = escape_controls(self.path.name or self.name)
        elif hasattr(events, "read"):
            self.stream = events  # type: ignore[assignment]
            self.name = self.report_name = "<stdin>"
        else:
            self.name = self.report_name = "<iterable>"
            self.items = events if isinstance(events, Sequence) else list(events)
        self.sha256 = ""
        self.bytes_read = 0  # of the file so far, for a progress display

    @property
    def is_file(self) -> bool:
        return self.path is not None or self.stream is not None

    @property
    def unit(self) -> str:
        """What a position counts: ``line`` of a file, ``row`` of an export (ExportRows) or
        ``event`` of an iterable."""
        if self.is_file:
            return "line"
        return "event" if self.rows is None else "row"

    @property
    def is_located(self) -> bool:
        """Whether a position is a place in a file the user has (a line, an export's row),
        so that a diagnostic is ``FILE:POSITION`` rather than ``event N`` of an iterable."""
        return self.is_file or self.rows is not None

    def where(self, position: int) -> str:
        """How a message names the event: ``line 12`` or ``event 12``."""
        return f"{self.unit} {position}"

    def records(self, fast: FastLines | None = None) -> Iterator[Record]:
        """Every event as ``(position, raw, text, event)``: ``event`` is the checked event
        when ``fast`` (the msgspec fast path, files only) accepted the line, and then
        ``raw`` is the decoded object only if the event has an ``id`` (the tracker compares
        repeated ids by content), else None, and ``text`` the line's bytes (see
        :func:`source_text`); otherwise ``event`` is None and ``raw`` is
        the decoded object or the ``EventProblem`` of the line, for ``parse_event``."""
        return self._file_records(fast) if self.is_file else self._item_records()

    def _item_records(self) -> Iterator[Record]:
        digest = hashlib.sha256()
        rows = self.rows
        for index, raw in enumerate(self.items, start=1):
            text = canonical_line(raw)
            digest.update(line_bytes(text) + b"\n")
            problem = structure_problem(raw)
            position = index if rows is None else rows[index - 1]
            yield position, (raw if problem is None else problem), text, None
        # The report names the export: its sha256 is the export's, which the auditor can
        # check against the file they have (the mapped events have no file of their own).
        self.sha256 = self._export_sha256 or digest.hexdigest()

    def _lines(self) -> Iterator[bytes]:
        """The raw lines of the file, or of the stream's copy in a temporary file (made
        whole before the first line is read, so a second pass sees every line)."""
        if self.path is not None:
            with self.path.open("rb") as handle:
                yield from handle
            return
        if self._spool is None:
            assert self.stream is not None
            self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
            shutil.copyfileobj(self.stream, self._spool)
        self._spool.seek(0)
        for line in self._spool:  # noqa: UP028 - `yield from` would close it with this generator
            yield line

    def close(self) -> None:
        """Delete the spooled copy of a stream, if any."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _file_records(self, fast: FastLines | None) -> Iterator[Record]:
        digest = hashlib.sha256()
        self.bytes_read = 0
        read_fast = fast.read if fast is not None else None
        for number, data in enumerate(self._lines(), start=1):
            digest.update(data)
            self.bytes_read += len(data)
            body = data[3:] if number == 1 and data.startswith(b"\xef\xbb\xbf") else data
            if not body.strip():
                continue  # blank lines separate nothing and carry nothing
            if read_fast is not None:
                event = read_fast(body, number, "line")
                if event is not None:  # its text is decoded only if an error quotes it
                    yield number, (None if event.ref.id is None else decode_line(body)), body, event
                    continue
            text = source_text(body)
            raw: object
            try:
                raw = decode_line(body)
            except EventProblem as problem:
                raw = problem
            yield number, raw, text, None
        self.sha256 = digest.hexdigest()
