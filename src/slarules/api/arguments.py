"""Arguments of the public API checked where they enter, so that misuse is a ``TypeError``
(a value of the wrong kind) or a ``UsageError`` (a ``ValueError``: a value of the right kind
that is wrong) naming the argument, never an ``AttributeError`` from deep inside.

Why here: the stages below trust their inputs (a ``Mapping`` of params, a ``Ruleset``); the
API is the one door Python callers come through, so it says what it takes once.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import UsageError, refuse_data_frame, require_text, type_name
from ..i18n import _

__all__ = ["require_bool", "require_events", "require_params", "require_text", "type_name"]


def require_bool(value: object, what: str) -> bool:
    """``value`` if it is ``True`` or ``False``: ``lenient="false"`` (a text from a
    configuration file) was true, and skipped every bad line without a word."""
    if not isinstance(value, bool):
        raise TypeError(
            _("{what} must be True or False, not {kind} {value!r}").format(
                what=what, kind=type_name(value), value=value
            )
        )
    return value


def require_params(params: object) -> Mapping[str, object] | None:
    """``params``: None or a mapping of parameter names (texts) to values."""
    if params is None:
        return None
    if not isinstance(params, Mapping):
        raise TypeError(
            _(
                "params must be a mapping of parameter names to values "
                "(e.g. {{'contract_total': Decimal('800000')}}), not {kind}"
            ).format(kind=type_name(params))
        )
    for name in params:
        if not isinstance(name, str):
            raise TypeError(
                _("params: a parameter name must be a text, not {kind} ({name!r})").format(
                    kind=type_name(name), name=name
                )
            )
    return params


def require_events(events: object) -> Any:
    """``events``: a path (``str`` or ``Path``), a binary stream, or an iterable of event
    dicts. A text stream, bytes, a single dict or a non-iterable is a ``TypeError``: bytes
    would be read as an iterable of numbers, a dict as the iterable of its keys."""
    if isinstance(events, str) and _looks_like_log_text(events):
        raise UsageError(
            _(
                "events is the text of an event log, not the path of one: pass "
                "io.BytesIO(text.encode('utf-8')), or the list of its event dicts"
            )
        )
    if isinstance(events, (str, Path)):
        return events
    refuse_data_frame(events, "events")
    if hasattr(events, "read"):
        if _is_text_stream(events):
            raise TypeError(
                _(
                    "events: a stream must be binary (open(path, 'rb'), sys.stdin.buffer), "
                    "not a text stream"
                )
            )
        return events
    if isinstance(events, (bytes, bytearray, memoryview, Mapping)) or not isinstance(
        events, Iterable
    ):
        raise TypeError(
            _(
                "events must be a path, a binary stream or an iterable of event dicts, not {kind}"
            ).format(kind=type_name(events))
        )
    return events


def _looks_like_log_text(text: str) -> bool:
    """Whether a ``str`` given as ``events`` is a log's content (``response.text``), not a
    path: it opens a JSON object or holds a line break, and names no file. Read as a path,
    it gave "cannot read the events file" with the whole log as the file's name."""
    if not (text.lstrip().startswith("{") or "\n" in text):
        return False
    try:
        return not os.path.lexists(text)
    except (ValueError, OSError):  # a NUL, a name too long: no file of that name
        return True


def _is_text_stream(stream: object) -> bool:
    """Whether ``stream`` reads texts (``io.StringIO``, ``open(path)``), by its type
    rather than by reading from it (which would consume the log)."""
    return isinstance(stream, io.TextIOBase)
