"""Text that is safe to print to a terminal or write as UTF-8, whatever the input held.

A ticket id, a note or a file name comes from the user's data. Printed raw, a newline in
it starts a line of its own (a forged ``payment:`` line in a text report), an ESC starts a
terminal escape sequence (recolour, move the cursor, rewrite the screen), a bidirectional
override reorders what follows, and a lone surrogate cannot be encoded at all.
:func:`escape_controls` writes each such character as a visible escape, the way Python's
``repr`` does (``\\n``, ``\\x1b``, ``\\u202e``), and leaves every other character, Chinese
included, as it is.
"""

from __future__ import annotations

import re

__all__ = ["escape_controls"]

# C0 and C1 controls and DEL (category Cc), line and paragraph separators, the
# bidirectional marks, embeddings, overrides and isolates, the BOM/zero-width no-break
# space, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control, separator, bidi and surrogate character escaped."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a regex pass
    return _UNSAFE.sub(_escape, text)
