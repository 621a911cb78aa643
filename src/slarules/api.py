"""The public, flat API: ``load``, ``loads`` and the ``Ruleset`` they return.

``Ruleset`` wraps the parsed and checked model and is the entry point to evaluation:
``replay`` for a whole event log, ``tracker`` for helpdesk code that feeds events one by
one, ``deadlines`` for a single ticket. Evaluation lives in ``slarules.engine``; this module
only wires the stages together.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import model as m
from .check import check_ruleset
from .diagnostics import ERROR, WARNING, Diagnostic, RuleError
from .parser import parse

if TYPE_CHECKING:
    from .calendar import Calendar
    from .engine.tracker import Tracker
    from .report import Report


class Ruleset:
    """A checked rule file, ready to evaluate. ``warnings`` holds the checker's warnings
    that the file did not acknowledge."""

    def __init__(
        self, model: m.Ruleset, warnings: Iterable[Diagnostic] = (), sha256: str | None = None
    ) -> None:
        self.model = model
        self.warnings = list(warnings)
        # The digest of the rule file's bytes as read (a byte-order mark included), which
        # the report gives so that it matches ``sha256sum`` of the file.
        self.sha256 = sha256 or hashlib.sha256(model.source.encode("utf-8")).hexdigest()

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def path(self) -> str:
        return self.model.path

    def __repr__(self) -> str:
        return f"<Ruleset {self.model.name!r} from {self.model.path}>"

    def calendar(self, name: str) -> Calendar:
        """The ``slarules.Calendar`` a calendar declaration describes."""
        from .engine.context import build_calendar

        definition = self.model.find("calendars", name)
        if not isinstance(definition, m.CalendarDef):
            raise KeyError(name)
        return build_calendar(definition, self.model.timezone)

    def replay(
        self,
        events: str | Path | BinaryIO | Iterable[Mapping[str, Any]],
        *,
        as_of: datetime | str | None = None,
        params: Mapping[str, object] | None = None,
        period: str | None = None,
        lenient: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        """Evaluate a whole event log: a JSON Lines path, a binary stream of JSON Lines
        (``sys.stdin.buffer``), or an iterable of dicts.
        ``progress(events, bytes_read)`` hears how far the reading has got."""
        from .engine import replay

        return replay(
            self,
            events,
            as_of=as_of,
            params=params,
            period=period,
            lenient=lenient,
            progress=progress,
        )

    def tracker(self, params: Mapping[str, object] | None = None) -> Tracker:
        """A live tracker for helpdesk code: ``feed`` events, ask ``status``, get ``report``."""
        from .engine.tracker import Tracker

        return Tracker(self, params=params)

    def deadlines(self, sla: str, tier: str, at: datetime | str) -> dict[str, datetime]:
        """Each metric's deadline, for metrics that start at ``opened``, for a ticket of
        ``sla`` and ``tier`` opened at ``at``."""
        from .engine import deadlines

        return deadlines(self, sla, tier, at)


def loads(text: str, name: str = "<string>", *, sha256: str | None = None) -> Ruleset:
    """Parse and check rule-file text; raise ``RuleError`` if it has errors. ``sha256``
    is the digest of the bytes the text was read from (default: of its UTF-8)."""
    model = parse(text, name)
    diagnostics = check_ruleset(model)
    errors = [d for d in diagnostics if d.severity == ERROR]
    if errors:
        raise RuleError(diagnostics)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Ruleset(model, [d for d in diagnostics if d.severity == WARNING], sha256)


def load(path: str | Path) -> Ruleset:
    """Read, parse and check a rule file."""
    data = read_rule_bytes(path)
    return loads(decode_rule_file(data, path), str(path), sha256=hashlib.sha256(data).hexdigest())


def read_rule_file(path: str | Path) -> str:
    """The file's text; unreadable or non-UTF-8 files become a located ``RuleError``."""
    return decode_rule_file(read_rule_bytes(path), path)


def read_rule_bytes(path: str | Path) -> bytes:
    """The file's bytes. Only a regular file is read: a FIFO or a device would block or
    never end, a directory has no text; each is a located ``RuleError`` (SLR005)."""
    from .syntax import MAX_SOURCE_BYTES

    where = m.Span(str(path), 1, 1, 1, 1)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a pipe, device or socket"
            raise RuleError(
                [Diagnostic.at(where, ERROR, "SLR005", f"cannot read file: it is {kind}")]
            )
        # The size before the text: a file over the limit is refused from its size (SLR003),
        # and at most one byte past the limit is ever read, should it grow in between.
        if info.st_size > MAX_SOURCE_BYTES:
            raise _too_large(where, f"{info.st_size} bytes")
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise _too_large(where, "over the limit")
        return data
    except OSError as exc:
        raise RuleError(
            [Diagnostic.at(where, ERROR, "SLR005", f"cannot read file: {exc.strerror or exc}")]
        ) from None
    except ValueError as exc:  # a path with a NUL byte
        message = f"cannot read file: {exc}"
        raise RuleError([Diagnostic.at(where, ERROR, "SLR005", message)]) from None


def _too_large(where: m.Span, size: str) -> RuleError:
    from .syntax import MAX_SOURCE_BYTES

    message = f"rule file is {size}; the limit is {MAX_SOURCE_BYTES} bytes"
    return RuleError([Diagnostic.at(where, ERROR, "SLR003", message)])


def decode_rule_file(data: bytes, path: str | Path) -> str:
    """A rule file's bytes as text; non-UTF-8 is a located ``RuleError`` (SLR006)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        span = m.Span(str(path), line, 1, line, 1)
        message = f"the file is not UTF-8 text (byte {exc.start})"
        raise RuleError([Diagnostic.at(span, ERROR, "SLR006", message)]) from None
