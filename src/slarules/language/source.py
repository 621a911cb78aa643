"""Reading a rule file: its bytes, and those bytes as UTF-8 text, or a located ``RuleError``
saying why not.

Shared by ``slarules.load``, ``slarules check`` and ``slarules fmt``, so that an unreadable
file gives the same diagnostic (SLR005, SLR006) whichever command reads it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .. import model as m
from ..errors import ERROR, Diagnostic, RuleError
from ..i18n import _
from .syntax import MAX_SOURCE_BYTES


def read_rule_file(path: str | Path) -> str:
    """The file's text; unreadable or non-UTF-8 files become a located ``RuleError``."""
    return decode_rule_file(read_rule_bytes(path), path)


def read_rule_bytes(path: str | Path) -> bytes:
    """The file's bytes. Only a regular file is read: a FIFO or a device would block or
    never end, a directory has no text; each is a located ``RuleError`` (SLR005)."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        # An int is a file descriptor to os.stat and open: load(5) read, then closed,
        # whatever the process had open as descriptor 5.
        raise TypeError(
            _("a rule file is given by its path, not a {kind}").format(kind=type(path).__name__)
        )
    where = m.Span(str(path), 1, 1, 1, 1)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = _("a directory") if stat.S_ISDIR(info.st_mode) else _("a pipe, device or socket")
            raise RuleError(
                [
                    Diagnostic.at(
                        where,
                        ERROR,
                        "SLR005",
                        _("cannot read file: it is {kind}").format(kind=kind),
                    )
                ]
            )
        # The size before the text: a file over the limit is refused from its size (SLR003),
        # and at most one byte past the limit is ever read, should it grow in between.
        if info.st_size > MAX_SOURCE_BYTES:
            raise _too_large(where, _("{st_size} bytes").format(st_size=info.st_size))
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            raise _too_large(where, _("over the limit"))
        return data
    except OSError as exc:
        raise RuleError(
            [
                Diagnostic.at(
                    where,
                    ERROR,
                    "SLR005",
                    _("cannot read file: {value}").format(value=exc.strerror or exc),
                )
            ]
        ) from None
    except ValueError as exc:  # a path with a NUL byte
        message = _("cannot read file: {exc}").format(exc=exc)
        raise RuleError([Diagnostic.at(where, ERROR, "SLR005", message)]) from None


def _too_large(where: m.Span, size: str) -> RuleError:
    message = _("rule file is {size}; the limit is {max_source_bytes} bytes").format(
        size=size, max_source_bytes=MAX_SOURCE_BYTES
    )
    return RuleError([Diagnostic.at(where, ERROR, "SLR003", message)])


def decode_rule_file(data: bytes, path: str | Path) -> str:
    """A rule file's bytes as text; non-UTF-8 is a located ``RuleError`` (SLR006) at the
    line and column of the first byte that is not, quoting that line (the bytes that are
    not UTF-8 shown as U+FFFD), and naming the encoding it was likely saved in."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        before = data[line_start : exc.start].decode("utf-8", "replace").removeprefix("\ufeff")
        col = len(before) + 1
        shown = data.decode("utf-8", "replace").removeprefix("\ufeff")
        span = m.Span(str(path), line, col, line, col + 1)
        message = _("the file is not UTF-8 text (byte {start})").format(start=exc.start)
        message += _encoding_hint(data)
        raise RuleError([Diagnostic.at(span, ERROR, "SLR006", message, source=shown)]) from None


def _encoding_hint(data: bytes) -> str:
    """What the bytes likely are, for the author to save the file again as UTF-8: an
    editor's "Unicode" (UTF-16, with its byte order mark), or GBK/GB18030, what Chinese
    Windows editors write as "ANSI"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _(": it is UTF-16; save it as UTF-8")
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return _(': it reads as GBK/GB18030 (Windows "ANSI" for Chinese); save it as UTF-8')
