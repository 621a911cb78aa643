"""Import of exports: the events each shape gives, every located error, lenient mode, naive
and DST-ambiguous timestamps in the mapping's zone, exact numbers, XLSX and DataFrame rows."""

from __future__ import annotations

import sys
import tomllib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slarules.importers import (
    EventImportError,
    ExportError,
    ImportProblem,
    MappingError,
    import_events,
    load_mapping,
)

ZAMMAD_HEADER = "#,Title,State,Priority,Created At,First Response At,Closed At\n"

# A ticket-shaped mapping for an export in Europe/Berlin, whose clocks go back at 03:00 on
# 2024-10-27 (02:00-03:00 happens twice) and forward at 02:00 on 2024-03-31 (02:xx is skipped).
BERLIN: dict[str, Any] = {
    "shape": "ticket",
    "timezone": "Europe/Berlin",
    "fields": {"ticket": "id", "sla": {"value": "故障"}, "tier": "prio"},
    "milestones": {"opened": "opened", "restored": ["restored", "closed"]},
    "values": {"tier": {"1": "紧急", "2": "一般"}},
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, mapping: Any) -> list[ImportProblem]:
    with pytest.raises(EventImportError) as caught:
        import_events(path, mapping)
    return caught.value.problems


def test_ticket_row_gives_one_event_per_filled_milestone(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "z.csv",
        ZAMMAD_HEADER + "7,打印机,closed,3 high,2024-09-10 09:00:00,2024/9/10 9:20,\n",
    )
    events = import_events(export, "zammad").events
    assert events == [
        {
            "at": "2024-09-10T09:00:00+08:00",
            "type": "opened",
            "ticket": "7",
            "sla": "事件",
            "tier": "2级",
            "note": "打印机",
            "x-source": "z.csv row 2",
        },
        {
            "at": "2024-09-10T09:20:00+08:00",
            "type": "responded",
            "ticket": "7",
            "x-source": "z.csv row 2",
        },
    ]


def test_events_are_sorted_by_instant_then_row_then_milestone_order(tmp_path: Path) -> None:
    # Row 2 opens later than row 3; row 3's close is one column giving resolved then closed.
    export = _write(
        tmp_path,
        "z.csv",
        ZAMMAD_HEADER
        + "1,a,open,1 low,2024-09-10T10:00:00+08:00,,\n"
        + "2,b,closed,1 low,2024-09-10T01:00:00Z,,2024-09-10 10:00:00\n",
    )
    kinds = [(e["ticket"], e["type"]) for e in import_events(export, "zammad").events]
    # 01:00Z is 09:00+08:00, before ticket 1's 10:00; at 10:00 row 2 (ticket 1) comes before
    # row 3 (ticket 2), and ticket 2's column gives resolved before closed.
    assert kinds == [("2", "opened"), ("1", "opened"), ("2", "resolved"), ("2", "closed")]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (",t,open,1 low,2024-09-10 09:00,,", "#", "the ticket is empty"),
        ("5,t,open,9 panic,2024-09-10 09:00,,", "Priority", "'9 panic' is not among"),
        ("5,t,open,1 low,,2024-09-10 09:20,", "Created At", "no opening time"),
        ("5,t,open,1 low,next tuesday,,", "Created At", "not a time"),
        ("5,t,open,1 low,2024-09-10,,", "Created At", "a date without a time of day"),
        ("5,t,open,1 low,2024-09-10 09:00,2024-13-01 09:00,", "First Response At", "not a time"),
    ],
)
def test_each_unmappable_cell_is_located(
    tmp_path: Path, row: str, column: str, message: str
) -> None:
    export = _write(
        tmp_path, "z.csv", ZAMMAD_HEADER + "1,ok,open,1 low,2024-09-09 09:00,,\n" + row + "\n"
    )
    (problem,) = _problems(export, "zammad")
    assert (problem.file, problem.row, problem.column) == (str(export), 3, column)
    assert message in problem.message
    assert str(problem).startswith(f"{export}, row 3, column {column!r}: ")


def test_a_ticket_on_two_rows_is_located_at_the_second(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "z.csv",
        ZAMMAD_HEADER
        + "7,a,open,1 low,2024-09-10 09:00,,\n"
        + "8,b,open,1 low,2024-09-10 09:00,,\n"
        + "7,c,open,1 low,2024-09-11 09:00,,\n",
    )
    (problem,) = _problems(export, "zammad")
    assert (problem.row, problem.column) == (4, "#")
    assert problem.message == "ticket 7 is already on row 2"


def test_a_missing_column_is_located_in_the_header(tmp_path: Path) -> None:
    export = _write(tmp_path, "z.csv", "#,Title,State,Created At\n1,t,open,2024-09-10 09:00\n")
    problems = _problems(export, "zammad")
    assert {(p.row, p.column) for p in problems} == {
        (1, "Priority"),
        (1, "First Response At"),
        (1, "Closed At"),
    }


def test_lenient_lists_the_bad_rows_and_keeps_the_others(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "z.csv",
        ZAMMAD_HEADER
        + "1,t,open,1 low,2024-09-10 09:00,,\n"
        + "2,t,open,9 panic,2024-09-10 10:00,2024-09-10 10:05,\n"
        + "3,t,open,2 normal,2024-09-10 11:00,bad,\n",
    )
    result = import_events(export, "zammad", lenient=True)
    assert [e["ticket"] for e in result.events] == ["1"]  # a bad row gives no event at all
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "Priority"),
        (4, "First Response At"),
    ]
    assert result.rows == 3


def test_a_csv_in_another_encoding_names_the_encoding_key(tmp_path: Path) -> None:
    export = tmp_path / "z.csv"
    export.write_bytes(
        (ZAMMAD_HEADER + "1,打印机,open,1 low,2024-09-10 09:00,,\n").encode("gb18030")
    )
    with pytest.raises(ExportError, match='encoding = "gb18030"'):
        import_events(export, "zammad")
    gbk = {**load_mapping_dict("zammad"), "encoding": "gb18030"}
    (opened,) = import_events(export, gbk).events
    assert opened["note"] == "打印机"


def test_a_broken_csv_quote_is_located(tmp_path: Path) -> None:
    export = _write(
        tmp_path, "z.csv", ZAMMAD_HEADER + '1,"unclosed,open,1 low,2024-09-10 09:00,,\n'
    )
    with pytest.raises(ExportError, match=r"z.csv, row 2: cannot read the CSV file"):
        import_events(export, "zammad")


def load_mapping_dict(name: str) -> dict[str, Any]:
    root = Path(__file__).resolve().parents[2] / "src" / "slarules" / "importers" / "mappings"
    return tomllib.loads((root / f"{name}.toml").read_text(encoding="utf-8"))


def test_naive_times_take_the_mapping_zone(tmp_path: Path) -> None:
    export = _write(tmp_path, "b.csv", "id,prio,opened,restored\nA,1,2024-07-01 12:00,\n")
    (event,) = import_events(export, BERLIN).events
    assert event["at"] == "2024-07-01T12:00:00+02:00"  # summer time in Berlin


def test_naive_times_without_a_stated_zone_are_errors(tmp_path: Path) -> None:
    export = _write(tmp_path, "e.csv", "at,type,ticket\n2024-09-10 09:00,opened,T1\n")
    (problem,) = _problems(export, "generic")
    assert (problem.row, problem.column) == (2, "at")
    assert "no UTC offset" in problem.message and "timezone" in problem.message


def test_a_repeated_local_time_is_an_error_by_default(tmp_path: Path) -> None:
    export = _write(
        tmp_path, "b.csv", "id,prio,opened,restored\nA,1,2024-10-27 01:00,2024-10-27 02:30\n"
    )
    (problem,) = _problems(export, BERLIN)
    assert (problem.row, problem.column) == (2, "restored")
    assert "happens twice in Europe/Berlin" in problem.message


@pytest.mark.parametrize(("rule", "offset"), [("earlier", "+02:00"), ("later", "+01:00")])
def test_a_repeated_local_time_is_resolved_by_the_stated_rule(
    tmp_path: Path, rule: str, offset: str
) -> None:
    export = _write(
        tmp_path, "b.csv", "id,prio,opened,restored\nA,1,2024-10-27 01:00,2024-10-27 02:30\n"
    )
    events = import_events(export, {**BERLIN, "ambiguous": rule}).events
    assert events[1]["at"] == f"2024-10-27T02:30:00{offset}"


def test_the_later_repeated_hour_sorts_after_the_earlier(tmp_path: Path) -> None:
    # 02:50+02:00 (00:50Z) comes before 02:10+01:00 (01:10Z) although its wall time is later.
    export = _write(
        tmp_path,
        "b.csv",
        "id,prio,opened,restored\nA,1,2024-10-27 02:10,\nB,1,2024-10-27T02:50:00+02:00,\n",
    )
    events = import_events(export, {**BERLIN, "ambiguous": "later"}).events
    assert [e["ticket"] for e in events] == ["B", "A"]


def test_a_skipped_local_time_is_always_an_error(tmp_path: Path) -> None:
    export = _write(tmp_path, "b.csv", "id,prio,opened,restored\nA,1,2024-03-31 02:30,\n")
    (problem,) = _problems(export, {**BERLIN, "ambiguous": "earlier"})
    assert "does not exist in Europe/Berlin" in problem.message


def test_numbers_are_exact_decimals(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "e.csv",
        "at,type,kind,count,amount\n2024-09-03T09:10:00+08:00,occurrence,迟到早退,1.10,0.30\n",
    )
    (event,) = import_events(export, "generic").events
    assert event["count"] == Decimal("1.10") and isinstance(event["count"], Decimal)
    assert event["amount"] == Decimal("0.30")


def test_a_number_cell_that_is_not_a_number_is_located(tmp_path: Path) -> None:
    export = _write(
        tmp_path, "e.csv", "at,type,kind,count\n2024-09-03T09:10:00+08:00,occurrence,K,two\n"
    )
    (problem,) = _problems(export, "generic")
    assert (problem.row, problem.column) == (2, "count")


def test_json_export_rows_and_a_record_that_is_not_an_object(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "e.json",
        '{"data": [{"at": "2024-09-03T09:10:00+08:00", "type": "occurrence", "kind": "K",'
        ' "count": 0.1}, 7]}',
    )
    mapping = {**_generic(), "records": "data"}
    result = import_events(export, mapping, lenient=True)
    assert result.events[0]["count"] == Decimal("0.1")  # a JSON number, read exactly
    assert [(p.row, p.column) for p in result.problems] == [(2, None)]


def _generic() -> dict[str, Any]:
    return {
        "shape": "event",
        "fields": {"at": "at", "type": "type", "kind": "kind", "count": "count"},
    }


def test_type_values_can_drop_rows_that_are_not_sla_events(tmp_path: Path) -> None:
    export = _write(
        tmp_path,
        "e.csv",
        "when,what,ticket\n"
        "2024-09-10T09:00:00+08:00,note added,T1\n"
        "2024-09-10T09:05:00+08:00,first reply,T1\n",
    )
    mapping = {
        "shape": "event",
        "fields": {"at": "when", "type": "what", "ticket": "ticket"},
        "values": {"type": {"note added": "", "first reply": "responded"}},
    }
    result = import_events(export, mapping)
    assert [e["type"] for e in result.events] == ["responded"]
    assert result.skipped == 1


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"shape": "rows"}, "shape is 'rows'"),
        ({"shape": "event", "fields": {"at": "a"}}, "needs fields.type"),
        (
            {"shape": "ticket", "fields": {"ticket": "t"}, "milestones": {"x": "responded"}},
            "opened",
        ),
        ({**BERLIN, "timezone": "Mars/Olympus"}, "unknown time zone"),
        ({**BERLIN, "colour": "red"}, "unknown key 'colour'"),
        ({**BERLIN, "fields": {"tickt": "id"}}, "fields.tickt is not an event field"),
        ({**BERLIN, "ambiguous": "guess"}, "ambiguous is 'guess'"),
    ],
)
def test_invalid_mappings_say_what_is_wrong(mapping: dict[str, Any], message: str) -> None:
    with pytest.raises(MappingError, match=message):
        load_mapping(mapping)


def test_shipped_mappings_load() -> None:
    assert load_mapping("zammad").shape == "ticket"
    assert load_mapping("glpi").delimiter == ";"
    assert load_mapping("generic").timezone is None  # the generic mapping guesses no zone


def test_xlsx_export_reads_like_its_csv(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["#", "Title", "State", "Priority", "Created At", "First Response At", "Closed At"]
    )
    # Zammad writes date cells (naive, the downloader's zone) and numeric ticket numbers.
    sheet.append(
        [
            31001,
            "t",
            "closed",
            "3 high",
            datetime(2024, 9, 10, 9),
            None,
            datetime(2024, 9, 10, 15, 30),
        ]
    )
    book.save(tmp_path / "z.xlsx")
    csv = _write(
        tmp_path, "z.csv", ZAMMAD_HEADER + "31001,t,closed,3 high,2024/9/10 9:00,,2024/9/10 15:30\n"
    )
    from_xlsx = import_events(tmp_path / "z.xlsx", "zammad").events
    from_csv = import_events(csv, "zammad").events
    strip = [{k: v for k, v in e.items() if k != "x-source"} for e in from_xlsx]
    assert strip == [{k: v for k, v in e.items() if k != "x-source"} for e in from_csv]
    assert from_xlsx[0]["ticket"] == "31001"


def test_xlsx_without_openpyxl_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    (tmp_path / "z.xlsx").write_bytes(b"PK")
    with pytest.raises(ExportError, match=r"pip install 'slarules\[xlsx\]'"):
        import_events(tmp_path / "z.xlsx", "zammad")


def test_dataframe_rows_with_numpy_and_pandas_scalars() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "#": pd.Series([31001, 31002], dtype="int64"),
            "Title": ["a", "b"],
            "State": ["open", "open"],
            "Priority": ["1 low", "2 normal"],
            "Created At": pd.to_datetime(["2024-09-10 09:00", "2024-09-10 10:00"]),
            "First Response At": pd.to_datetime(["2024-09-10 09:30", None]),
            "Closed At": [None, None],
        }
    )
    events = import_events(frame.to_dict("records"), "zammad").events
    assert [(e["ticket"], e["type"], e["at"]) for e in events] == [
        ("31001", "opened", "2024-09-10T09:00:00+08:00"),
        ("31001", "responded", "2024-09-10T09:30:00+08:00"),
        ("31002", "opened", "2024-09-10T10:00:00+08:00"),
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2024, 12, 31)),
    st.sampled_from(["earlier", "later"]),
)
def test_a_naive_time_keeps_its_wall_time_in_the_mapping_zone(naive: datetime, rule: str) -> None:
    # Whatever the local time, the imported instant shows that wall time in the stated zone,
    # or the time is one the zone skips and is refused; never a silent shift.
    naive = naive.replace(second=0, microsecond=0)
    rows = [{"id": "A", "prio": "1", "opened": naive.isoformat(sep=" "), "restored": None}]
    zone = ZoneInfo("Europe/Berlin")
    try:
        (event,) = import_events(rows, {**BERLIN, "ambiguous": rule}).events
    except EventImportError as exc:
        (problem,) = exc.problems
        assert "does not exist" in problem.message
        assert (
            naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
            != naive
        )
        return
    at = datetime.fromisoformat(event["at"])
    assert at.astimezone(zone).replace(tzinfo=None) == naive
