"""Second hostile pass: the ``import`` command's mappings (docs/import.md).

Found:
- ``timezone = "Asia"`` (a folder of the zone database) ended in an ``IsADirectoryError``
  traceback; ``"localtime"``, ``"posixrules"`` and ``"Factory"`` were accepted, so an
  export's naive times were read in *the machine's* zone and the same export gave different
  event logs on different machines. A rule file refuses the same names (SLR109); a mapping
  now does too, with the same words.
- ``formats = ["%Y-%m-%d"]`` read a bare date as midnight, which the docs promise is an
  error ("a response time cannot be measured from a day"; without that format it is);
  ``formats = ["%H:%M"]`` read ``10:15`` as 1900-01-01 10:15. A format must now give a
  whole date and a time of day.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.importers import MappingError, load_mapping

from .test_hostile_cli import run

MAPPING: dict[str, Any] = {
    "shape": "ticket",
    "timezone": "Asia/Shanghai",
    "fields": {"ticket": "#", "sla": {"value": "事件"}, "tier": "Priority"},
    "milestones": {"Created At": "opened", "First Response At": "responded"},
    "values": {"tier": {"3 high": "2级"}},
}
ROWS = [
    {"#": "1", "Priority": "3 high", "Created At": "2024-09-10", "First Response At": ""},
    {"#": "2", "Priority": "3 high", "Created At": "10:15", "First Response At": ""},
]


@pytest.mark.parametrize(
    ("zone", "message"),
    [
        ("Asia", "unknown time zone 'Asia'"),
        ("localtime", "names the machine's own setting"),
        ("posixrules", "names the machine's own setting"),
        ("Factory", "names the machine's own setting"),
        (" Asia/Shanghai", "unknown time zone"),
    ],
)
def test_a_zone_that_is_no_place_is_refused(zone: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        load_mapping({**MAPPING, "timezone": zone})


def test_a_folder_as_zone_is_no_traceback_on_the_command_line(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'shape = "ticket"\ntimezone = "Asia"\n[fields]\nticket = "#"\n'
        '[milestones]\n"Created At" = "opened"\n',
        encoding="utf-8",
    )
    export = tmp_path / "t.csv"
    export.write_text("#,Created At\n1,2024-09-10 09:00\n", encoding="utf-8")
    code, out, err = run("import", str(export), "--mapping", str(mapping))
    assert code in (1, 2) and out == b"", err
    assert "unknown time zone 'Asia'" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("pattern", "missing"),
    [
        ("%Y-%m-%d", "gives no time of day"),
        ("%d/%m/%Y", "gives no time of day"),
        ("%H:%M", "gives no whole date"),
        ("%m-%d %H:%M", "gives no whole date"),
        ("%Y %d %H:%M", "gives no whole date"),
    ],
)
def test_a_format_without_a_date_or_a_time_of_day_is_refused(pattern: str, missing: str) -> None:
    with pytest.raises(MappingError, match=missing):
        load_mapping({**MAPPING, "formats": [pattern]})


@pytest.mark.parametrize("pattern", ["%Y/%m/%d %H:%M", "%d.%m.%Y %I:%M %p", "%Y-%j %H:%M"])
def test_whole_formats_still_read(pattern: str) -> None:
    load_mapping({**MAPPING, "formats": [pattern]})


def test_a_bare_date_or_time_is_each_a_located_error_whatever_the_formats() -> None:
    mapping = load_mapping({**MAPPING, "formats": ["%Y/%m/%d %H:%M"]})
    with pytest.raises(slarules.EventImportError) as caught:
        slarules.import_events(ROWS, mapping)
    text = str(caught.value)
    assert "'2024-09-10' is a date without a time of day" in text
    assert "'10:15' is not a time" in text


def _cells(created: str) -> list[dict[str, str]]:
    return [{"#": "1", "Priority": "3 high", "Created At": created, "First Response At": ""}]


@pytest.mark.parametrize(
    "created", ["2024-09-10T09:15:00.1234567+08:00", "2024-09-10 09:15:00.0000001"]
)
def test_a_cell_finer_than_a_microsecond_is_refused_as_in_an_event_log(created: str) -> None:
    """Python 3.11's ``fromisoformat`` reads any number of fractional digits and drops all
    past the sixth: ``import`` wrote ``.123456`` for ``.1234567`` without a word, where
    ``replay`` refuses the same text in an event log (SLR912)."""
    with pytest.raises(slarules.EventImportError, match="finer than a microsecond"):
        slarules.import_events(_cells(created), load_mapping(MAPPING))


def test_zeros_beyond_the_microsecond_in_a_cell_are_read() -> None:
    result = slarules.import_events(
        _cells("2024-09-10T09:15:00.123456000+08:00"), load_mapping(MAPPING)
    )
    assert str(result.events[0]["at"]).startswith("2024-09-10T09:15:00.123456+08:00")
