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

from .model import Span

Severity: TypeAlias = Literal["error", "warning"]
ERROR: Final = "error"
WARNING: Final = "warning"


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
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"
        if self.witness is not None:
            head += f"\n  witness: {self.witness}"
        if self.source_line is None or self.line <= 0:
            return head
        caret = " " * (display_width(self.source_line[: max(self.col - 1, 0)])) + "^"
        return f"{head}\n{self.source_line}\n{caret}"

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
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


def source_line(source: str, line: int) -> str | None:
    lines = _split_lines(source)
    if 1 <= line <= len(lines):
        return lines[line - 1].expandtabs(4)
    return None


@functools.lru_cache(maxsize=4)
def _split_lines(source: str) -> tuple[str, ...]:
    """The lines of a source text, split once per text: a file with thousands of
    diagnostics must not split its text thousands of times."""
    return tuple(source.splitlines())


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: CJK characters are two columns wide, so the
    caret lands under the right character in a Chinese rule file."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    body = "\n".join(d.render() for d in diagnostics)
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = sum(d.severity == WARNING for d in diagnostics)
    summary = f"{errors} error{'s' if errors != 1 else ''}, "
    summary += f"{warnings} warning{'s' if warnings != 1 else ''}"
    return f"{body}\n{summary}\n" if body else f"{summary}\n"


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


class UsageError(ValueError):
    """Wrong usage that a parser of the command line cannot see: a malformed --param,
    --as-of or --period, an unknown SLA or tier. The command line exits 2."""
