"""`slarules import`, `replay --mapping` and `slarules example` on the command line: exit
codes (SPEC §6), located messages, atomic output that never replaces an input, and a round
trip through the generic mapping."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slarules.cli import main
from slarules.importers import import_events, write_events
from slarules.importers.examples import catalogue

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "rulesets" / "samples" / "exports"
HEADER = "#,Title,State,Priority,Created At,First Response At,Closed At\n"


def test_import_writes_the_log_to_stdout(capsys: Any) -> None:
    assert main(["import", str(EXPORTS / "fujian-slt-2024.glpi.csv"), "--mapping", "glpi"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    # 4 tickets × (opened, responded, restored, closed)
    assert len(lines) == 16
    assert lines[0]["at"] == "2024-08-05T09:00:00+08:00"
    assert "16 events from 4 rows" in captured.err


def test_unmappable_rows_exit_1_with_located_messages(tmp_path: Path, capsys: Any) -> None:
    export = tmp_path / "z.csv"
    export.write_text(HEADER + "1,t,open,9 panic,2024-09-10 09:00,,\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    assert main(["import", str(export), "--mapping", "zammad", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"error: {export}, row 2, column 'Priority': '9 panic' is not among" in err
    assert not out.exists()  # nothing written when the import fails


def test_lenient_exits_0_and_lists_the_skipped_rows(tmp_path: Path, capsys: Any) -> None:
    export = tmp_path / "z.csv"
    export.write_text(
        HEADER + "1,t,open,9 panic,2024-09-10 09:00,,\n2,t,open,1 low,2024-09-10 09:00,,\n",
        encoding="utf-8",
    )
    assert main(["import", str(export), "--mapping", "zammad", "--lenient"]) == 0
    captured = capsys.readouterr()
    assert f"skipped: {export}, row 2, column 'Priority'" in captured.err
    assert [json.loads(x)["ticket"] for x in captured.out.splitlines()] == ["2"]


def test_out_is_replaced_atomically_and_never_an_input(tmp_path: Path, capsys: Any) -> None:
    export = tmp_path / "z.csv"
    export.write_text(HEADER + "2,t,open,1 low,2024-09-10 09:00,,\n", encoding="utf-8")
    before = export.read_text(encoding="utf-8")
    assert main(["import", str(export), "--mapping", "zammad", "--out", str(export)]) == 2
    assert export.read_text(encoding="utf-8") == before
    out = tmp_path / "events.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert main(["import", str(export), "--mapping", "zammad", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "opened"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "z.csv"]  # no temp


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "missing.csv", "--mapping", "zammad"], "export not found"),
        (
            ["import", str(EXPORTS / "fujian-slt-2024.glpi.csv"), "--mapping", "nope"],
            "mapping not found",
        ),
        (["example", "nope", "x"], "no example 'nope'"),
    ],
)
def test_wrong_usage_exits_2(argv: list[str], message: str, capsys: Any) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_replay_with_mapping_exits_1_on_unmappable_rows(tmp_path: Path, capsys: Any) -> None:
    export = tmp_path / "z.csv"
    export.write_text(HEADER + "1,t,open,9 panic,2024-09-10 09:00,,\n", encoding="utf-8")
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    assert main(["replay", rules, str(export), "--mapping", "zammad"]) == 1
    assert "row 2, column 'Priority'" in capsys.readouterr().err


def test_example_list_names_every_ruleset_and_mapping(capsys: Any) -> None:
    assert main(["example", "--list"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    rulesets = sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla"))
    assert names == [*rulesets, "generic", "glpi", "zammad", "all"]


def test_example_copies_the_ruleset_its_log_and_its_exports(tmp_path: Path, capsys: Any) -> None:
    assert main(["example", "guangxi-gat-2024", str(tmp_path / "d")]) == 0
    # The layout of the repository's rulesets/, so README paths work as written.
    assert _tree(tmp_path / "d") == [
        "guangxi-gat-2024.sla",
        "samples/exports/guangxi-gat-2024.zammad.csv",
        "samples/guangxi-gat-2024.events.jsonl",
    ]
    copied = (tmp_path / "d" / "guangxi-gat-2024.sla").read_bytes()
    assert copied == (ROOT / "rulesets" / "guangxi-gat-2024.sla").read_bytes()
    # A second copy would overwrite the user's (maybe edited) files: refused without --force.
    assert main(["example", "guangxi-gat-2024", str(tmp_path / "d")]) == 2
    assert main(["example", "guangxi-gat-2024", str(tmp_path / "d"), "--force"]) == 0


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_example_of_a_mapping_copies_it_with_its_sample(tmp_path: Path) -> None:
    assert main(["example", "zammad", str(tmp_path)]) == 0
    export = "samples/exports/guangxi-gat-2024.zammad.csv"
    assert _tree(tmp_path) == [export, "zammad.toml"]
    # The copy is a working mapping (what a user edits for their own contract).
    events = import_events(tmp_path / export, tmp_path / "zammad.toml").events
    assert len(events) == 17


def test_example_all_is_the_repository_rulesets_folder(tmp_path: Path) -> None:
    assert main(["example", "all", str(tmp_path)]) == 0
    rulesets = ROOT / "rulesets"
    expected = [
        *rulesets.glob("*.sla"),
        *rulesets.glob("samples/*.events.jsonl"),
        *rulesets.glob("samples/exports/*"),
    ]
    assert _tree(tmp_path) == sorted(p.relative_to(rulesets).as_posix() for p in expected)


def test_every_example_has_files() -> None:
    assert all(example.files for example in catalogue())


# ---- round trip through the generic mapping -------------------------------------------

_TYPES = ("opened", "responded", "paused", "resumed", "restored", "closed")
_instants = st.integers(min_value=0, max_value=400 * 24 * 60).map(
    lambda minutes: datetime(2024, 7, 1, tzinfo=UTC) + timedelta(minutes=minutes)
)
_event = st.fixed_dictionaries(
    {
        "at": _instants,
        "type": st.sampled_from(_TYPES),
        "ticket": st.text("ABC123-", min_size=1, max_size=6),
        "note": st.one_of(st.none(), st.text(max_size=10).map(str.strip)),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_event, max_size=20), st.sampled_from([0, 8, -5]))
def test_events_written_as_a_generic_csv_import_back_unchanged(
    events: list[dict[str, Any]], hours: int
) -> None:
    # Any log, written as a one-row-per-event CSV in any offset, imports back as the same
    # events, sorted by instant with ties in row order.
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["at", "type", "ticket", "note"])
    for e in events:
        at = e["at"].astimezone(timezone(timedelta(hours=hours))).isoformat()
        writer.writerow([at, e["type"], e["ticket"], e["note"] or ""])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        path.write_text(rows.getvalue(), encoding="utf-8")
        imported = import_events(path, "generic").events
    expected = sorted(enumerate(events), key=lambda pair: (pair[1]["at"], pair[0]))
    got = [
        (datetime.fromisoformat(e["at"]), e["type"], e["ticket"], e.get("note")) for e in imported
    ]
    assert got == [(e["at"], e["type"], e["ticket"], e["note"] or None) for _, e in expected]
    again = io.StringIO()
    write_events(imported, again)
    lines = again.getvalue().split("\n")[:-1]  # not splitlines(): a note may hold U+0085
    assert [json.loads(line) for line in lines] == imported


def test_replay_with_mapping_places_event_errors_at_export_rows(capsys: Any) -> None:
    # The GLPI sample names SLA 故障, which guangxi-gat-2024 does not declare: the replay's
    # error about the first event (ticket 101's opening) points at row 2 of the export.
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    export = str(EXPORTS / "fujian-slt-2024.glpi.csv")
    assert main(["replay", rules, export, "--mapping", "glpi"]) == 1
    err = capsys.readouterr().err
    assert f"{export}:2:1: error: unknown SLA '故障'" in err
    assert "<iterable>" not in err
