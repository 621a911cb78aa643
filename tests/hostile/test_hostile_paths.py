"""Odd output paths on the command line (docs/reliability.md P1, P5).

``--out`` with a name longer than the file system allows (ENAMETOOLONG, 255 bytes on
ext4): ``Path.exists`` raises for it instead of saying False, and the check that ``--out``
names no input ended in an OSError traceback. It is a usage error (exit 2) like any
``--out`` that cannot be written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_hostile_cli import run

ROOT = Path(__file__).parents[2]
RULES = ROOT / "rulesets" / "guangxi-gat-2024.sla"
EVENTS = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
EXPORT = ROOT / "rulesets" / "samples" / "exports" / "guangxi-gat-2024.zammad.csv"


@pytest.mark.parametrize(
    "argv",
    [
        ["replay", str(RULES), str(EVENTS)],
        ["replay", str(RULES), str(EVENTS), "--format", "xlsx"],
        ["replay", str(RULES), str(EVENTS), "--format", "html"],
        ["replay", str(RULES), str(EXPORT), "--mapping", "zammad"],
        ["import", str(EXPORT), "--mapping", "zammad"],
    ],
    ids=["text", "xlsx", "html", "mapping", "import"],
)
@pytest.mark.parametrize("tail", ["", "/report"], ids=["file", "in-folder"])
def test_an_out_name_too_long_is_a_usage_error(tmp_path: Path, argv: list[str], tail: str) -> None:
    out = str(tmp_path / ("x" * 3000)) + tail
    code, stdout, err = run(*argv, "--out", out)
    assert "Traceback" not in err
    assert (code, stdout) == (2, b""), err
    assert "cannot write" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_replay_many_never_writes_over_its_manifest(tmp_path: Path) -> None:
    """``{"rules": …, "events": …, "out": "manifest.jsonl"}``: the report replaced the
    manifest (exit 0). The manifest is an input of the run, as the rules and events are;
    it is refused before any replay starts, as a report over an events file is."""
    manifest = tmp_path / "manifest.jsonl"
    line = {"rules": str(RULES), "events": str(EVENTS), "out": "manifest.jsonl"}
    manifest.write_text(json.dumps(line) + "\n", encoding="utf-8")
    before = manifest.read_bytes()
    code, stdout, err = run("replay-many", str(manifest), "--workers", "1")
    assert (code, stdout) == (2, b""), err
    assert "manifest.jsonl:1" in err and "not overwritten" in err
    assert manifest.read_bytes() == before


def test_example_never_writes_through_a_link_in_its_folder(tmp_path: Path) -> None:
    """``example zammad DIR`` where ``DIR/zammad.toml`` is a symbolic link: a dangling
    link was not "an existing file", and the copy wrote wherever it pointed (outside
    DIR); with ``--force`` the file it pointed at was overwritten, in place and not
    atomically. Now a link is an existing file, and ``--force`` replaces the link."""
    victim = tmp_path / "victim.sla"
    victim.write_bytes(RULES.read_bytes())
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "zammad.toml").symlink_to(tmp_path / "elsewhere.toml")  # dangling
    code, _, err = run("example", "zammad", str(folder))
    assert code == 2 and "--force" in err
    assert not (tmp_path / "elsewhere.toml").exists()
    (folder / "zammad.toml").unlink()
    (folder / "zammad.toml").symlink_to(victim)
    code, _, err = run("example", "zammad", str(folder), "--force")
    assert code == 0, err
    assert victim.read_bytes() == RULES.read_bytes()
    assert not (folder / "zammad.toml").is_symlink()
    assert (folder / "zammad.toml").read_text(encoding="utf-8").startswith("# Zammad")
