"""numpy and pandas values where a Python value is accepted: a DataFrame's rows give
``numpy.int64`` ticket ids, ``pandas.Timestamp`` times and ``NaT``/``NaN`` for empty cells.

Neither library is imported: the values are recognised by what they are (a numpy scalar
has ``dtype`` and ``item()``; a pandas ``Timestamp`` is a ``datetime``; ``NaT`` and ``NaN``
are not equal to themselves). What they become:

- a numpy integer, float or bool → the Python ``int``, ``float`` or ``bool`` (``item()``);
  a numpy text is already a ``str``; only a scalar (``shape == ()``) is converted: an array
  or a Series, even of one element, is left as it is and refused where a value is read, as
  a JSON list would be (``item()`` of a longer array raised ``ValueError``, and a
  one-element array was read as its element);
- a ``pandas.Timestamp`` → a ``datetime`` with the same zone; a naive one stays naive, and
  so stays an error. One finer than a microsecond is refused, as a text time with more than
  6 fractional digits is: rounding would turn a stop 100 ns after its deadline into a met
  target (``Series.dt.floor("us")`` says which way to round);
- a ``numpy.datetime64`` has no time zone at all: it is refused with a message saying how to
  give one (``Series.dt.tz_localize("Asia/Shanghai")``), never read in a guessed zone;
- ``NaT``, ``NaN`` and ``pandas.NA`` (an empty cell) → None, so that an empty field is
  reported as missing, as in an event log.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from ..errors import ERROR, Diagnostic, RuleError, UsageError
from ..i18n import N_, _

_ZONE_HINT = (
    "numpy.datetime64 {what} has no time zone, and slarules never guesses one: give a "
    "zone-aware pandas Timestamp (e.g. Series.dt.tz_localize('Asia/Shanghai')) or an "
    "RFC 3339 text with its offset"
)

_FINER = N_(
    "{what} is finer than a microsecond: slarules holds times to 6 fractional digits and "
    "will not round a time silently (a stop 100 ns after its deadline is late); round it "
    "to microseconds (Series.dt.floor('us') or .round('us'))"
)


def plain(value: object, what: str = "value") -> object:
    """``value`` as the Python value it stands for (module docstring)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    kind = type(value).__name__
    if kind == "datetime64":
        raise UsageError(_ZONE_HINT.format(what=f"{what} {value}"))
    if kind in ("NaTType", "NAType"):
        return None
    if isinstance(value, datetime):
        to_pydatetime = getattr(value, "to_pydatetime", None)
        if to_pydatetime is not None:  # pandas.Timestamp
            if getattr(value, "nanosecond", 0):
                raise UsageError(_(_FINER).format(what=f"{what} {value}"))
            value = to_pydatetime(warn=False)
        return value
    item_of = getattr(value, "item", None)
    if hasattr(value, "dtype") and callable(item_of) and getattr(value, "shape", None) == ():
        item = item_of()  # a numpy scalar
        return None if isinstance(item, float) and item != item else item
    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return None
    return value


def plain_event(event: Mapping[str, Any], position: int, path: str) -> dict[str, Any]:
    """An event whose values are plain Python values; empty cells (None after
    :func:`plain`) are left out, as a JSON line leaves out a field it does not have.
    A value that cannot stand for any (a zone-less ``datetime64``) is an event error naming
    ``event N`` at ``path:N``, like every other bad event (SLR912)."""
    if not isinstance(event, Mapping):
        return event  # refused, with its position, by the event check
    out: dict[str, Any] = {}
    for key, value in event.items():
        try:
            field = plain(value, f"field {key}")
        except UsageError as exc:
            message = _("event {position}: {message}").format(position=position, message=exc)
            raise RuleError([Diagnostic(path, position, 1, ERROR, "SLR912", message)]) from None
        if field is not None or value is None:
            out[key] = field
    return out


def plain_events(events: Iterable[Mapping[str, Any]], path: str) -> Iterator[dict[str, Any]]:
    """:func:`plain_event` of each event, lazily (a log can be long)."""
    for position, event in enumerate(events, start=1):
        yield plain_event(event, position, path)


def plain_params(params: Mapping[str, object] | None) -> dict[str, object] | None:
    """Parameter values as Python values (``numpy.int64(800000)`` for a money parameter)."""
    if params is None:
        return None
    return {name: plain(value, f"parameter {name}") for name, value in params.items()}
