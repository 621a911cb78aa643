"""``slarules fmt --write``: the file rewritten in canonical form, in place and atomically;
never standard input; a file with a syntax error left as it was, a draft whose mistakes only
``check`` finds rewritten like any other (docs/language.md, "Canonical layout")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slarules.cli import main

MESSY = 'ruleset "x" {   timezone "Asia/Shanghai" }\n'
CANONICAL = 'ruleset "x" {\n  timezone "Asia/Shanghai"\n}\n'


def test_write_rewrites_the_file_in_canonical_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "r.sla"
    rules.write_text(MESSY, encoding="utf-8")
    rules.chmod(0o640)
    assert main(["fmt", "--write", str(rules)]) == 0
    assert rules.read_text(encoding="utf-8") == CANONICAL
    assert (rules.stat().st_mode & 0o777) == 0o640  # the file keeps its mode
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"{rules}: reformatted\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.sla"]  # no temporary file left


def test_a_canonical_file_is_not_touched(tmp_path: Path) -> None:
    rules = tmp_path / "r.sla"
    rules.write_text(CANONICAL, encoding="utf-8")
    before = rules.stat()
    assert main(["fmt", "--write", str(rules)]) == 0
    after = rules.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_write_through_a_link_rewrites_its_target(tmp_path: Path) -> None:
    target = tmp_path / "r.sla"
    target.write_text(MESSY, encoding="utf-8")
    link = tmp_path / "link.sla"
    link.symlink_to(target)
    assert main(["fmt", "--write", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == CANONICAL


def test_a_file_with_errors_is_left_as_it_was(tmp_path: Path) -> None:
    rules = tmp_path / "r.sla"
    rules.write_text('ruleset "x" {  timezone "Asia/Shanghai"\n', encoding="utf-8")
    assert main(["fmt", "--write", str(rules)]) == 1
    assert rules.read_text(encoding="utf-8") == 'ruleset "x" {  timezone "Asia/Shanghai"\n'


def test_a_draft_with_check_errors_is_rewritten(tmp_path: Path) -> None:
    # It parses, so fmt lays it out; the unknown kind is check's business, not fmt's.
    draft = MESSY + "scorecard s per month { item a max 10 { deduct 1 per occurrence of 没有 } }\n"
    rules = tmp_path / "r.sla"
    rules.write_text(draft, encoding="utf-8")
    assert main(["check", str(rules)]) == 1
    assert main(["fmt", "--write", str(rules)]) == 0
    assert rules.read_text(encoding="utf-8").startswith(CANONICAL)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fmt", "--write", "-"], "cannot rewrite standard input"),
        (["fmt", "--write", "--check", "r.sla"], "give --check or --write, not both"),
    ],
)
def test_write_refuses_standard_input_and_check(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err
