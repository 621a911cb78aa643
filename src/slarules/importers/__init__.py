"""Helpdesk exports in: CSV, XLSX or JSON tables mapped to slarules events by a mapping file.

    result = import_events("tickets.csv", "zammad")        # a shipped mapping, or a .toml path
    report = slarules.load("rules.sla").replay(result.events)

See docs/import.md for the mapping format and the shipped mappings (zammad, glpi, generic).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from collections.abc import Mapping as MappingABC
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from ..errors import refuse_data_frame
from ..i18n import _
from ..outfiles import replace_atomically
from .mapping import Mapping, MappingError, builtin_names, load_mapping
from .reader import ExportError, read_table
from .rows_to_events import EventImportError, ImportProblem, ImportResult, convert, convert_rows

__all__ = [
    "EventImportError",
    "ExportError",
    "ImportProblem",
    "ImportResult",
    "Mapping",
    "MappingError",
    "builtin_names",
    "import_events",
    "load_mapping",
    "write_events",
]


def import_events(
    source: str | Path | Iterable[MappingABC[str, Any]],
    mapping: str | Path | Mapping | MappingABC[str, Any],
    *,
    lenient: bool = False,
) -> ImportResult:
    """Events from an export file (``.csv``, ``.xlsx``, ``.json``) or from rows (dicts,
    e.g. ``DataFrame.to_dict("records")``), mapped by ``mapping``: a shipped mapping's name,
    a ``.toml`` path, a parsed dict or a :class:`Mapping`. Raises
    :class:`EventImportError` listing every row that cannot be mapped, unless ``lenient``."""
    if not isinstance(mapping, (str, Path, Mapping, MappingABC)):
        raise TypeError(
            _(
                "mapping must be a shipped mapping's name, a .toml path or a dict, not {kind}"
            ).format(kind=type(mapping).__name__)
        )
    refuse_data_frame(source, "source")
    if not isinstance(source, (str, Path)) and (
        isinstance(source, (bytes, bytearray, MappingABC)) or not isinstance(source, Iterable)
    ):
        raise TypeError(
            _("source must be an export's path or an iterable of row dicts, not {kind}").format(
                kind=type(source).__name__
            )
        )
    if not isinstance(lenient, bool):  # lenient="false" was true: rows left out silently
        raise TypeError(
            _("{what} must be True or False, not {kind} {value!r}").format(
                what="lenient", kind=type(lenient).__name__, value=lenient
            )
        )
    checked = mapping if isinstance(mapping, Mapping) else load_mapping(mapping)
    if isinstance(source, (str, Path)):
        return convert(read_table(source, checked), checked, lenient=lenient)
    return convert_rows(source, checked, lenient=lenient)


def event_line(event: MappingABC[str, Any]) -> str:
    """One JSON Lines line; decimals as texts, which the event log reads exactly."""
    # Plain notation (format "f"): the log reads "100", not "1E+2"; the importer bounds
    # every number first, so the digits written are few.
    plain = {k: format(v, "f") if isinstance(v, Decimal) else v for k, v in event.items()}
    return json.dumps(plain, ensure_ascii=False) + "\n"


def write_events(events: Iterable[MappingABC[str, Any]], out: TextIO | str | Path) -> None:
    """Write the events as a JSON Lines log. To a path the write is atomic: a temporary
    file beside it, renamed over it only once complete, so a failed import never leaves a
    half-written log where a complete one is expected."""
    if not isinstance(out, (str, Path)):
        for event in events:
            out.write(event_line(event))
        return

    def write_lines(fd: int) -> None:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            for event in events:
                stream.write(event_line(event))

    replace_atomically(out, write_lines)
