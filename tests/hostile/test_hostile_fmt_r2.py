"""Second hostile pass: ``slarules fmt --write`` on files a careful tool must not replace.

``fmt --write`` writes the canonical text to a temporary file and renames it over the
original (whole or not at all). A rename needs only the directory's permission, so like
``sed -i`` it replaced a 0444 file, and it split a hard link (the other name kept the old
text) without a word. Both are now refused (exit 2) with what to do instead. Tests run as
root on the project's machine, where permission bits bind nobody: the read-only check reads
the bits themselves, and the read-only directory is simulated where the system would refuse.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from .test_hostile_cli import run

RULESET = Path(__file__).parents[2] / "rulesets" / "guangxi-gat-2024.sla"


def canonical() -> bytes:
    code, out, err = run("fmt", str(RULESET))
    assert code == 0, err
    return out


def not_canonical(path: Path) -> bytes:
    """A clean rule file in canonical form with two extra blank lines at its end: fmt
    would rewrite it."""
    data = canonical() + b"\n\n"
    path.write_bytes(data)
    return data


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    rules = tmp_path / "rules.sla"
    data = not_canonical(rules)
    rules.chmod(0o444)
    code, _, err = run("fmt", "--write", str(rules))
    assert code == 2, err
    assert "read-only" in err and "not rewritten" in err and "Traceback" not in err
    assert rules.read_bytes() == data
    assert stat.S_IMODE(rules.stat().st_mode) == 0o444


def test_a_file_with_two_hard_links_is_not_split(tmp_path: Path) -> None:
    rules = tmp_path / "rules.sla"
    data = not_canonical(rules)
    os.link(rules, tmp_path / "other-name.sla")
    code, _, err = run("fmt", "--write", str(rules))
    assert code == 2 and "hard links" in err, err
    assert rules.read_bytes() == data == (tmp_path / "other-name.sla").read_bytes()
    assert os.path.samefile(rules, tmp_path / "other-name.sla")


def test_a_symbolic_link_keeps_being_a_link_and_its_target_is_rewritten(tmp_path: Path) -> None:
    rules = tmp_path / "rules.sla"
    not_canonical(rules)
    link = tmp_path / "link.sla"
    link.symlink_to("rules.sla")
    code, _, err = run("fmt", "--write", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == "rules.sla"
    assert rules.read_bytes() == canonical()
    assert run("fmt", "--check", str(rules))[0] == 0


def test_a_dangling_result_is_never_left_in_a_read_only_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory the user cannot write: ``mkstemp`` fails with EACCES, as it would for
    anyone but root. The run is exit 2 naming the file, the file is unchanged."""
    rules = tmp_path / "rules.sla"
    data = not_canonical(rules)

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = run("fmt", "--write", str(rules))
    assert code == 2 and "cannot write" in err and "Permission denied" in err, err
    assert "Traceback" not in err
    assert rules.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["rules.sla"]


def test_a_canonical_read_only_file_is_fine(tmp_path: Path) -> None:
    """Nothing to write, nothing to refuse: a canonical 0444 file passes quietly."""
    rules = tmp_path / "rules.sla"
    rules.write_bytes(canonical())
    rules.chmod(0o444)
    code, out, err = run("fmt", "--write", str(rules))
    assert (code, out, err) == (0, b"", "")
