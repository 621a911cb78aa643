"""Second hostile pass: ``replay-many`` manifests (docs/scale.md).

A bad manifest line is a usage error (exit 2) naming the manifest's line, before any
replay starts. Two lines were not: a key given twice (``{"rules": "a.sla", "rules":
"b.sla"}``) replayed the last one without a word, where an event log refuses a repeated
key (SLR910); and a line nested 100,000 brackets deep ended in a ``RecursionError``
traceback. What held is pinned too: a relative path is relative to the manifest's folder
whatever the current directory, a log listed twice writes two reports only with two
``out``, a report over another line's input is refused, a missing file is that pair's
usage error while the other pairs go on.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .test_hostile_cli import run

ROOT = Path(__file__).parents[2]
RULES = ROOT / "rulesets" / "guangxi-gat-2024.sla"
EVENTS = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(RULES, tmp_path / "g.sla")
    shutil.copy(EVENTS, tmp_path / "g.jsonl")
    return tmp_path


def many(folder: Path, *lines: str) -> tuple[int, str, str]:
    manifest = folder / "m.jsonl"
    manifest.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    code, out, err = run("replay-many", str(manifest), "--workers", "1")
    return code, out.decode(), err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '{"rules": "g.sla", "rules": "other.sla", "events": "g.jsonl"}',
            "m.jsonl:1: the key 'rules' is given twice",
        ),
        (
            '{"rules": "g.sla", "events": "g.jsonl", "params": {"contract_total": "1", '
            '"contract_total": "2"}}',
            "m.jsonl:1: the key 'contract_total' is given twice",
        ),
        ('{"rules": ' + "[" * 100_000 + "]" * 100_000 + "}", "m.jsonl:1: not a JSON object"),
    ],
    ids=["rules twice", "a parameter twice", "nested 100000 deep"],
)
def test_a_bad_manifest_line_is_a_usage_error_naming_it(
    folder: Path, line: str, message: str
) -> None:
    code, out, err = many(folder, '{"rules": "g.sla", "events": "g.jsonl", "out": "a.json"}', line)
    assert (code, out) == (2, ""), err
    assert message.replace("1:", "2:") in err and "Traceback" not in err, err
    assert not (folder / "a.json").exists()  # before any replay starts


def test_paths_are_relative_to_the_manifest_whatever_the_directory(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    (folder / "m.jsonl").write_text('{"rules": "g.sla", "events": "g.jsonl", "out": "r.json"}\n')
    monkeypatch.chdir(elsewhere)
    code, _, err = run("replay-many", os.path.join("..", "m.jsonl"), "--workers", "1")
    assert code == 0, err
    assert (folder / "r.json").exists() and not (elsewhere / "r.json").exists()


def test_a_log_listed_twice_needs_two_outs(folder: Path) -> None:
    line = '{"rules": "g.sla", "events": "g.jsonl"}'
    code, out, err = many(folder, line, line)
    assert (code, out) == (2, "") and "m.jsonl:2: writes the same report as line 1" in err
    code, out, err = many(
        folder,
        '{"rules": "g.sla", "events": "g.jsonl", "out": "a.json"}',
        '{"rules": "g.sla", "events": "g.jsonl", "out": "b.json", '
        '"as_of": "2025-01-01T00:00:00+08:00"}',
    )
    assert code == 0, err
    assert (folder / "a.json").read_bytes() != (folder / "b.json").read_bytes()


def test_a_report_over_another_lines_input_is_refused(folder: Path) -> None:
    shutil.copy(folder / "g.jsonl", folder / "g2.jsonl")
    before = (folder / "g.jsonl").read_bytes()
    code, out, err = many(
        folder,
        '{"rules": "g.sla", "events": "g.jsonl", "out": "r.json"}',
        '{"rules": "g.sla", "events": "g2.jsonl", "out": "g.jsonl"}',
    )
    assert (code, out) == (2, "") and "m.jsonl:2: out " in err and "g.jsonl is an input" in err
    assert (folder / "g.jsonl").read_bytes() == before


def test_a_missing_file_is_that_pairs_usage_error_and_the_others_go_on(folder: Path) -> None:
    code, out, err = many(
        folder,
        '{"rules": "g.sla", "events": "missing.jsonl"}',
        '{"rules": "g.sla", "events": "g.jsonl", "out": "r.json"}',
    )
    assert code == 2
    first, second = out.splitlines()
    assert first.startswith("usage   2") and second.startswith("ok      0")
    assert "== " in err and "m.jsonl:1" in err and "missing.jsonl" in err
    assert json.loads((folder / "r.json").read_text(encoding="utf-8"))["periods"]
