"""The public, flat API: ``load``, ``loads`` and the ``Ruleset`` they return.

``Ruleset`` wraps the parsed and checked model and is the entry point to evaluation:
``replay`` for a whole event log, ``tracker`` for helpdesk code that feeds events one by
one, ``deadlines`` for a single ticket. Evaluation lives in ``slarules.engine``; this module
only wires the stages together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import model as m
from .check import check_ruleset
from .errors import ERROR, WARNING, Diagnostic, RuleError
from .language.parser import parse

if TYPE_CHECKING:
    from .calendar import Calendar
    from .engine.tracker import Tracker
    from .report import Report


class Ruleset:
    """A checked rule file, ready to evaluate. ``warnings`` holds the checker's warnings
    that the file did not acknowledge."""

    def __init__(self, model: m.Ruleset, warnings: Iterable[Diagnostic] = ()) -> None:
        self.model = model
        self.warnings = list(warnings)

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
        events: str | Path | Iterable[Mapping[str, Any]],
        *,
        as_of: datetime | str | None = None,
        params: Mapping[str, object] | None = None,
        period: str | None = None,
        lenient: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> Report:
        """Evaluate a whole event log: a JSON Lines path, or an iterable of dicts.
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


def loads(text: str, name: str = "<string>") -> Ruleset:
    """Parse and check rule-file text; raise ``RuleError`` if it has errors."""
    model = parse(text, name)
    diagnostics = check_ruleset(model)
    errors = [d for d in diagnostics if d.severity == ERROR]
    if errors:
        raise RuleError(diagnostics)
    return Ruleset(model, [d for d in diagnostics if d.severity == WARNING])


def load(path: str | Path) -> Ruleset:
    """Read, parse and check a rule file."""
    text = read_rule_file(path)
    return loads(text, str(path))


def read_rule_file(path: str | Path) -> str:
    """The file's text; unreadable or non-UTF-8 files become a located ``RuleError``."""
    where = m.Span(str(path), 1, 1, 1, 1)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise RuleError(
            [Diagnostic.at(where, ERROR, "SLR005", f"cannot read file: {exc.strerror}")]
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        span = m.Span(str(path), line, 1, line, 1)
        message = f"the file is not UTF-8 text (byte {exc.start})"
        raise RuleError([Diagnostic.at(span, ERROR, "SLR006", message)]) from None
