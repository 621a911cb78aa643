"""Diagnostics: what ``check`` prints and what ``RuleError`` carries.

Every problem found in a rule file or an event log becomes a ``Diagnostic`` with a stable
code. Text rendering follows SPEC §6: ``path:line:col: severity: message``, then the source
line and a caret under the column. Codes are grouped by stage:

- ``SLR0xx`` syntax (parse stage), ``SLR1xx`` model building (types, duplicates),
- ``SLR2xx`` references, ``SLR3xx`` tables and weights, ``SLR4xx`` calendars and periods,
- ``SLR5xx`` unused definitions, ``SLR9xx`` event logs and usage.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final, Literal, TypeAlias

from attrs import frozen

from .i18n import N_, _, ngettext
from .model import Span
from .textsafe import escape_controls

Severity: TypeAlias = Literal["error", "warning"]
ERROR: Final = "error"
WARNING: Final = "warning"
SEVERITY_WORDS: Final = {ERROR: N_("error"), WARNING: N_("warning")}
"""How a severity reads in a rendered diagnostic; JSON keeps the English keyword."""


@frozen
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    witness: str | None = None
    source_line: str | None = None
    omitted: int = 0  # on a summary line: how many more of this code are not shown

    @classmethod
    def at(
        cls,
        span: Span,
        severity: Severity,
        code: str,
        message: str,
        *,
        witness: str | None = None,
        source: str | None = None,
    ) -> Diagnostic:
        """A diagnostic located at ``span``; ``source`` is the file's text, used to quote
        the offending line."""
        return cls(
            path=span.path,
            line=span.line,
            col=span.column,
            severity=severity,
            code=code,
            message=message,
            witness=witness,
            source_line=source_line(source, span.line) if source is not None else None,
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)

    def render(self) -> str:
        severity = _(SEVERITY_WORDS[self.severity])
        # The path as typed, but escaped: a file named with a line break or ESC must not
        # start a line of its own or colour the terminal (docs/reliability.md P6).
        path = escape_controls(str(self.path))
        head = f"{path}:{self.line}:{self.col}: {severity}: {self.message} [{self.code}]"
        if self.witness is not None:
            head += "\n  " + _("witness: {witness}").format(witness=self.witness)
        if self.source_line is None or self.line <= 0:
            return head
        shown, caret_at = quoted_line(self.source_line, self.col)
        return f"{head}\n{shown}\n{' ' * caret_at}^"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }
        if self.witness is not None:
            out["witness"] = self.witness
        return out


class RuleError(Exception):
    """Invalid rule file (or event log): carries every diagnostic found, sorted."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sorted(diagnostics, key=Diagnostic.sort_key)
        first = self.diagnostics[0].render().splitlines()[0] if self.diagnostics else "error"
        more = len(self.diagnostics) - 1
        tail = _(" (and {count} more)").format(count=more) if more > 0 else ""
        super().__init__(first + tail)


def source_line(source: str, line: int) -> str | None:
    """Line ``line`` of ``source`` as written (tabs and all), counted as the parser counts
    lines: only ``\n`` ends one. A form feed, a vertical tab or U+2028 inside a line is not a
    line break to lark, so it is none here either, and line numbers agree."""
    lines = split_lines(source)
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None


@functools.lru_cache(maxsize=4)
def split_lines(source: str) -> tuple[str, ...]:
    """The lines of a source text, split on ``\n`` only (a ``\r`` before it is dropped),
    once per text: a file with thousands of diagnostics must not split its text thousands
    of times."""
    return tuple(line.removesuffix("\r") for line in source.split("\n"))


MAX_QUOTED_COLUMNS = 120
"""A quoted source line longer than this is shown as a window around the column."""
TAB_STOP = 4


def quoted_line(line: str, col: int) -> tuple[str, int]:
    """The line as the terminal shows it under a diagnostic, and the terminal column of
    the caret for character column ``col`` (1-based, as lark counts: a tab is one
    character). Tabs expand to the next multiple of four columns, other invisible
    characters (form feed, U+2028, controls) show as one space, wide CJK characters count
    two columns; a long line is cut to a window around the column, marked with “…”.
    Work: linear in the line's length."""
    index = max(col - 1, 0)
    start = 0
    if len(line) > MAX_QUOTED_COLUMNS:
        start = max(0, min(index - MAX_QUOTED_COLUMNS // 2, len(line) - MAX_QUOTED_COLUMNS))
    end = min(len(line), start + MAX_QUOTED_COLUMNS)
    shown: list[str] = ["…"] if start > 0 else []
    width = 1 if start > 0 else 0
    caret_at = None
    for i in range(start, end):
        if i == index:
            caret_at = width
        piece = _display(line[i], width)
        shown.append(piece)
        width += display_width(piece)
    if caret_at is None:
        caret_at = width
    if end < len(line):
        shown.append("…")
    return "".join(shown), caret_at


def _display(ch: str, width: int) -> str:
    if ch == "\t":
        return " " * (TAB_STOP - width % TAB_STOP)
    if ch != " " and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs", "Cs", "Co"):
        return " "
    return ch


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: CJK characters are two columns wide, so the
    caret lands under the right character in a Chinese rule file."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


MAX_PER_CODE = 20
"""How many diagnostics of one code one file shows; the rest become one summary line."""


def cap_repeats(diagnostics: Iterable[Diagnostic], limit: int = MAX_PER_CODE) -> list[Diagnostic]:
    """The first ``limit`` diagnostics of each code in each file, in order, and for each
    code with more, one summary line at the first one left out that counts them. A file
    that repeats one mistake 1,500 times gets 21 lines, not 1,500 quoted source lines.
    Work: O(n log n) for n diagnostics."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    seen: dict[tuple[str, str], int] = {}
    kept: list[Diagnostic] = []
    summaries: dict[tuple[str, str], Diagnostic] = {}
    for d in ordered:
        key = (d.path, d.code)
        seen[key] = seen.get(key, 0) + 1 + d.omitted
        if seen[key] <= limit:
            kept.append(d)
        elif key not in summaries:
            summaries[key] = d
    for key, first in summaries.items():
        more = seen[key] - limit
        message = _("… and {more} more {code} from here on, not shown").format(
            more=more, code=first.code
        )
        summary = Diagnostic(
            first.path,
            first.line,
            first.col,
            first.severity,
            first.code,
            message,
            omitted=more - 1,
        )
        kept.append(summary)
    return sorted(kept, key=Diagnostic.sort_key)


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    body = "\n".join(d.render() for d in diagnostics)
    errors = sum(1 + d.omitted for d in diagnostics if d.severity == ERROR)
    warnings = sum(1 + d.omitted for d in diagnostics if d.severity == WARNING)
    summary = _("{errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
    return f"{body}\n{summary}\n" if body else f"{summary}\n"


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


class UsageError(ValueError):
    """Wrong usage that a parser of the command line cannot see: a malformed --param,
    --as-of or --period, an unknown SLA or tier. The command line exits 2."""


def type_name(value: object) -> str:
    """The type of ``value`` as a message says it (``NoneType`` reads as ``None``)."""
    return "None" if value is None else type(value).__name__


def refuse_data_frame(value: object, what: str) -> None:
    """A ``TypeError`` for a pandas DataFrame (or Series) given where rows are read: it is
    iterable, but over its column names (a Series over its values), so it was read as
    that many bad events or rows ("an event is a JSON object, not a text", "no such column
    in the header (columns: )"). Recognised by its methods, without importing pandas."""
    if hasattr(value, "to_dict") and hasattr(value, "iloc") and hasattr(value, "dtypes"):
        raise TypeError(
            _(
                "{what} is a pandas {kind}, which iterates over its {parts}: pass "
                "frame.to_dict('records'), one dict per row"
            ).format(
                what=what,
                kind=type_name(value),
                parts=_("column names") if hasattr(value, "columns") else _("values"),
            )
        )


def require_text(value: object, what: str) -> str:
    """``value`` if it is a text, else a ``TypeError`` naming ``what``: misuse of the
    public API (``Calendar(5)``, ``loads(None)``) says which argument, never an
    ``AttributeError`` from deep inside."""
    if not isinstance(value, str):
        raise TypeError(
            _("{what} must be a text, not {kind}").format(what=what, kind=type_name(value))
        )
    return value
