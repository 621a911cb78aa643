"""What every subcommand writes with: UTF-8 output whatever the locale, and the check that
an input path names a regular file (a missing one is wrong usage, exit 2)."""

from __future__ import annotations

import io
import os
import stat
import sys
from typing import TextIO

from ..errors import UsageError
from ..i18n import _

EXIT_OK = 0


class ClosedOutput(io.TextIOBase):
    """Stands for a standard output the caller closed (``slarules replay … >&-``: Python
    then has ``sys.stdout = None``, and the first write was an ``AttributeError``
    traceback). Writing to it is a usage error that says so (exit 2), as ``cat`` fails on
    a closed output rather than losing it silently; ``--out FILE`` needs no stdout."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise UsageError(
            _("standard output is closed, so nothing can be written to it; give --out FILE")
        )


def guard_standard_streams() -> None:
    """Stand in for closed standard streams before a command runs: a closed stdout is
    :class:`ClosedOutput`, a closed stderr (nowhere to say anything) the null device."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)


def write_utf8(stream: TextIO, text: str) -> None:
    """``text`` as UTF-8 bytes, whatever ``PYTHONIOENCODING`` or the locale says: the
    report's bytes are part of its promise. A stream without a byte buffer (a test's
    StringIO) takes the text as it is."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()


def require_file(path: str, what: str) -> None:
    """A missing input file is wrong usage (exit 2), not an invalid one; so is anything
    but a regular file (a FIFO would block, a device never end). ``-`` (standard input)
    is accepted where the caller allows it, before this is called."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        raise UsageError(_("{what} not found: {path}").format(what=what, path=path)) from None
    if not stat.S_ISREG(mode):
        kind = _("a directory") if stat.S_ISDIR(mode) else _("a pipe, device or socket")
        raise UsageError(
            _("{what} {path} is {kind}, not a regular file").format(what=what, path=path, kind=kind)
            + (_("; to read standard input, give -") if what == _("events file") else "")
        )
