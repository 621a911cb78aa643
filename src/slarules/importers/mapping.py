"""The mapping file: how a helpdesk's export becomes slarules events (TOML, read with
``tomllib``).

A mapping says which shape the export has (one row per ticket, or one row per event),
which column feeds which event field, how the helpdesk's values (priorities, states) map
to the rule file's names, and the time zone of timestamps written without an offset. The
zone is never guessed: a naive timestamp with no ``timezone`` in the mapping is an error.
The format is documented in docs/import.md; every key is checked here, so a typo in a
mapping is an error that names the key, not a column silently ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..check.evaluable import timezone_problem
from ..events.types import COMMON_FIELDS
from ..i18n import _

SHAPES = ("ticket", "event")
AMBIGUOUS_RULES = ("error", "earlier", "later")
# The event fields a mapping may fill (SPEC §5): every field any event type takes.
EVENT_FIELDS = (
    "at",
    "type",
    "ticket",
    "sla",
    "tier",
    "metric",
    "target",
    "cause",
    "kind",
    "count",
    "points",
    "amount",
    "item",
    "scorecard",
    "score",
    "deliverable",
    "name",
    "period",
    "due",
    *(name for name in COMMON_FIELDS if name not in ("at", "type")),
)
NUMBER_FIELDS = frozenset({"count", "points", "amount", "score"})
_TOP_KEYS = frozenset(
    {
        "shape",
        "timezone",
        "ambiguous",
        "formats",
        "delimiter",
        "encoding",
        "sheet",
        "records",
        "optional",
        "fields",
        "milestones",
        "values",
        "skip",
        "description",
    }
)


class MappingError(ValueError):
    """A mapping file that cannot be used, with where and why."""


@dataclass(frozen=True)
class Source:
    """Where one event field comes from: a column of the export, or a constant."""

    column: str | None = None
    constant: str | None = None


@dataclass(frozen=True)
class Mapping:
    """A checked mapping. ``milestones`` (ticket shape) lists, in the mapping's order,
    each column and the event types its timestamp stands for."""

    name: str
    shape: str
    fields: dict[str, Source]
    milestones: tuple[tuple[str, tuple[str, ...]], ...] = ()
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    skip: dict[str, frozenset[str]] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()
    timezone: ZoneInfo | None = None
    ambiguous: str = "error"
    formats: tuple[str, ...] = ()
    delimiter: str | None = None
    encoding: str = "utf-8-sig"
    sheet: str | None = None
    records: str | None = None

    def columns(self) -> list[str]:
        """Every column the mapping reads, in a stable order."""
        named = [s.column for s in self.fields.values() if s.column is not None]
        named += [column for column, _unused in self.milestones]
        named += list(self.skip)
        return list(dict.fromkeys(named))


def builtin_names() -> list[str]:
    """The mappings shipped with slarules (``zammad``, ``glpi``, ``generic``…)."""
    folder = resources.files("slarules.importers").joinpath("mappings")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def mapping_file(spec: str) -> str:
    """The file a mapping named on the command line is read from: for a shipped mapping's
    name (``zammad``), its own file inside the package, so that ``--out`` refuses to write
    over it as over any other input (``--out`` at that path replaced the shipped mapping)."""
    if Path(spec).suffix != ".toml" and not Path(spec).exists() and spec in builtin_names():
        return str(resources.files("slarules.importers").joinpath(f"mappings/{spec}.toml"))
    return spec


def load_mapping(spec: str | Path | MappingABC[str, Any]) -> Mapping:
    """A mapping from a file path, the name of a shipped mapping, or an already parsed dict."""
    if isinstance(spec, MappingABC):
        return parse_mapping(spec, "<mapping>")
    text_spec = str(spec)
    path = Path(text_spec)
    if path.suffix != ".toml" and not path.exists() and text_spec in builtin_names():
        packaged = resources.files("slarules.importers").joinpath(f"mappings/{text_spec}.toml")
        return parse_mapping(
            _parse_toml(packaged.read_text(encoding="utf-8"), text_spec), text_spec
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        known = ", ".join(builtin_names())
        raise MappingError(
            _("{text_spec}: no such mapping file, and not a shipped mapping ({known})").format(
                text_spec=text_spec, known=known
            )
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(
            _("{text_spec}: cannot read the mapping: {exc}").format(text_spec=text_spec, exc=exc)
        ) from None
    return parse_mapping(_parse_toml(text, text_spec), text_spec)


def _parse_toml(text: str, where: str) -> dict[str, Any]:
    """The TOML of a mapping; a byte-order mark (Windows Notepad writes one) is no part of
    it, as in a rule file or a CSV export."""
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(
            _("{where}: not valid TOML: {exc}").format(where=where, exc=exc)
        ) from None
    except RecursionError:  # tomllib recurses on nested arrays and inline tables
        raise MappingError(
            _("{where}: not valid TOML: nested too deeply").format(where=where)
        ) from None


def parse_mapping(raw: MappingABC[str, Any], where: str) -> Mapping:
    """Check every key of a parsed mapping and build the :class:`Mapping`."""
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise MappingError(
            _("{where}: unknown key {unknown!r}; known: {top_keys}").format(
                where=where, unknown=unknown[0], top_keys=", ".join(sorted(_TOP_KEYS))
            )
        )
    shape = _choice(raw, "shape", SHAPES, None, where)
    fields = _fields(raw.get("fields", {}), where)
    milestones = _milestones(raw.get("milestones", {}), where)
    if shape == "ticket":
        if "ticket" not in fields:
            raise MappingError(
                _("{where}: a ticket-shaped mapping needs fields.ticket").format(where=where)
            )
        if not any("opened" in types for _unused, types in milestones):
            raise MappingError(
                _("{where}: a ticket-shaped mapping needs a milestone for opened").format(
                    where=where
                )
            )
        for key in ("at", "type"):
            if key in fields:
                raise MappingError(
                    _(
                        "{where}: fields.{key} belongs to event-shaped mappings; a "
                        "ticket-shaped one takes its times from [milestones]"
                    ).format(where=where, key=key)
                )
    else:
        if milestones:
            raise MappingError(
                _("{where}: [milestones] belongs to ticket-shaped mappings").format(where=where)
            )
        for key in ("at", "type"):
            if key not in fields:
                raise MappingError(
                    _("{where}: an event-shaped mapping needs fields.{key}").format(
                        where=where, key=key
                    )
                )
    return Mapping(
        name=where,
        shape=shape,
        fields=fields,
        milestones=milestones,
        values=_values(raw.get("values", {}), fields, where),
        skip=_skip(raw.get("skip", {}), where),
        optional=frozenset(_texts(raw.get("optional", []), "optional", where)),
        timezone=_zone(raw.get("timezone"), where),
        ambiguous=_choice(raw, "ambiguous", AMBIGUOUS_RULES, "error", where),
        formats=_formats(raw.get("formats", []), where),
        delimiter=_delimiter(raw, where),
        encoding=_optional_text(raw, "encoding", where) or "utf-8-sig",
        sheet=_optional_text(raw, "sheet", where),
        records=_optional_text(raw, "records", where),
    )


def _choice(
    raw: MappingABC[str, Any], key: str, allowed: tuple[str, ...], default: str | None, where: str
) -> str:
    value = raw.get(key, default)
    if value not in allowed:
        shown = "missing" if value is None else repr(value)
        raise MappingError(
            _("{where}: {key} is {shown}; write one of {allowed}").format(
                where=where, key=key, shown=shown, allowed=", ".join(allowed)
            )
        )
    return str(value)


def _fields(raw: object, where: str) -> dict[str, Source]:
    table = _table(raw, "fields", where)
    fields: dict[str, Source] = {}
    for name, spec in table.items():
        if name not in EVENT_FIELDS and not name.startswith(("x-", "x_")):
            raise MappingError(
                _("{where}: fields.{name} is not an event field; known: {event_fields}").format(
                    where=where, name=name, event_fields=", ".join(EVENT_FIELDS)
                )
            )
        if isinstance(spec, str):
            fields[name] = Source(column=spec)
        elif isinstance(spec, dict) and set(spec) == {"value"} and isinstance(spec["value"], str):
            fields[name] = Source(constant=spec["value"])
        else:
            raise MappingError(
                _(
                    '{where}: fields.{name} must be a column name ("Priority") '
                    'or a constant ({{ value = "事件" }})'
                ).format(where=where, name=name)
            )
    return fields


def _milestones(raw: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = _table(raw, "milestones", where)
    result = []
    for column, spec in table.items():
        types = [spec] if isinstance(spec, str) else spec
        if (
            not isinstance(types, list)
            or not types
            or not all(isinstance(t, str) and t for t in types)
        ):
            raise MappingError(
                _(
                    '{where}: milestones."{column}" must be an event type '
                    '("responded") or a list of them (["resolved", "closed"])'
                ).format(where=where, column=column)
            )
        result.append((column, tuple(types)))
    return tuple(result)


def _values(raw: object, fields: dict[str, Source], where: str) -> dict[str, dict[str, str]]:
    table = _table(raw, "values", where)
    values: dict[str, dict[str, str]] = {}
    for name, spec in table.items():
        if name not in fields:
            raise MappingError(
                _("{where}: values.{name} maps a field the mapping does not fill").format(
                    where=where, name=name
                )
            )
        inner = _table(spec, f"values.{name}", where)
        if not all(isinstance(v, str) for v in inner.values()):
            raise MappingError(
                _("{where}: every value of values.{name} must be a text").format(
                    where=where, name=name
                )
            )
        values[name] = {str(k).strip(): str(v) for k, v in inner.items()}
    return values


def _skip(raw: object, where: str) -> dict[str, frozenset[str]]:
    table = _table(raw, "skip", where)
    return {
        column: frozenset(v.strip() for v in _texts(spec, f'skip."{column}"', where))
        for column, spec in table.items()
    }


# strptime directives that give a date (a year, and a month and day or a day of the year)
# and a time of day (an hour).
_YEAR, _MONTH, _HOUR = ("%Y", "%y"), ("%m", "%b", "%B"), ("%H", "%I")


def _formats(raw: object, where: str) -> tuple[str, ...]:
    """The mapping's extra time formats, each giving a whole date and a time of day: with
    ``"%Y-%m-%d"`` a bare date was read as midnight (a date cannot time a response, and
    without a format it is refused), with ``"%H:%M"`` a time as 1900-01-01."""
    formats = tuple(_texts(raw, "formats", where))
    for pattern in formats:
        has_day = "%j" in pattern or ("%d" in pattern and any(d in pattern for d in _MONTH))
        if not any(d in pattern for d in _YEAR) or not has_day:
            missing = _("whole date (a year, a month and a day: %Y, %m, %d)")
        elif not any(d in pattern for d in _HOUR):
            missing = _("time of day (an hour: %H or %I)")
        else:
            continue
        raise MappingError(
            _("{where}: the format {pattern!r} gives no {missing}").format(
                where=where, pattern=pattern, missing=missing
            )
        )
    return formats


def _zone(raw: object, where: str) -> ZoneInfo | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise MappingError(
            _('{where}: timezone must be a text such as "Asia/Shanghai"').format(where=where)
        )
    try:
        zone = ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Asia" is a folder: OSError
        raise MappingError(
            _("{where}: unknown time zone {raw!r} (an IANA name such as Asia/Shanghai)").format(
                where=where, raw=raw
            )
        ) from None
    problem = timezone_problem(raw)  # as for a rule file: not "localtime", not "Factory"
    if problem is not None:
        raise MappingError(f"{where}: {problem}")
    return zone


def _table(raw: object, key: str, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise MappingError(_("{where}: {key} must be a table").format(where=where, key=key))
    return raw


def _texts(raw: object, key: str, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise MappingError(_("{where}: {key} must be a list of texts").format(where=where, key=key))
    return list(raw)


def _delimiter(raw: MappingABC[str, Any], where: str) -> str | None:
    """One character that is neither the quote nor a line break: ``""`` was taken as no
    delimiter at all (a comma), ``";;"`` failed inside the CSV reader with a traceback."""
    value = _optional_text(raw, "delimiter", where)
    if value is not None and (len(value) != 1 or value in '"\r\n'):
        raise MappingError(
            _(
                "{where}: delimiter must be one character, not a quote or a line break; "
                "got {value!r}"
            ).format(where=where, value=value)
        )
    return value


def _optional_text(raw: MappingABC[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise MappingError(_("{where}: {key} must be a text").format(where=where, key=key))
    return value
