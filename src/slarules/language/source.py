"""Reading a rule file: its bytes as UTF-8 text, or a located ``RuleError`` saying why not.

Shared by ``slarules.load``, ``slarules check`` and ``slarules fmt``, so that an unreadable
file gives the same diagnostic (SLR005, SLR006) whichever command reads it.
"""

from __future__ import annotations

from pathlib import Path

from .. import model as m
from ..errors import ERROR, Diagnostic, RuleError


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
