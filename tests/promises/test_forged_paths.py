"""Promise (docs/reliability.md P6): "every printed message that quotes input has its
control characters escaped": a name cannot start a line of its own or move the cursor.
The hostile rounds forged ticket ids, notes and import cells; here the forger is the file
name, which ``check`` and ``replay`` print at the head of every diagnostic.

Found by this test: ``slarules check`` printed a rule file's name raw, so a file named
``x<ESC>[31m<LF>fake.sla`` coloured the terminal and began a line ``fake.sla:1:12:
error: …`` of its own, while ``fmt --check`` and the text report escaped the same name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .support import SLT, Run

FORGED = "x\x1b[31mred\nfake\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202e]")


@pytest.fixture
def bad_rules(tmp_path: Path) -> Path:
    path = tmp_path / f"{FORGED}.sla"
    path.write_bytes(SLT.read_bytes().replace(b"timezone", b"tmezone", 1))
    return path


@pytest.fixture
def bad_events(tmp_path: Path) -> Path:
    path = tmp_path / f"{FORGED}.jsonl"
    path.write_text('{"at": "2024-07-15T10:00:00+08:00"}\n', encoding="utf-8")
    return path


def only_escaped(text: str) -> None:
    """No raw control or bidi character, and every line starts where slarules began one."""
    assert not RAW.search(text), text
    assert "\\x1b[31mred\\nfake\\u202e" in text


def test_check_escapes_the_file_name(slarules: Run, bad_rules: Path) -> None:
    done = slarules("check", bad_rules)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    only_escaped(out)
    assert not any(line.startswith("fake") for line in out.splitlines())


def test_replay_escapes_the_events_file_name(slarules: Run, bad_events: Path) -> None:
    done = slarules("replay", SLT, bad_events)
    assert done.returncode == 1
    only_escaped(done.stderr.decode("utf-8"))


def test_json_keeps_the_name_exactly(slarules: Run, bad_rules: Path) -> None:
    """JSON escapes by its own rules, and a program gets the path back as it is."""
    done = slarules("check", bad_rules, "--format", "json")
    assert f'"path": "{str(bad_rules)[: -len(FORGED) - 4]}x\\u001b[31mred\\nfake\u202e.sla"' in (
        done.stdout.decode("utf-8")
    )
