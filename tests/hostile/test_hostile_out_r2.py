"""Second hostile pass: every file slarules writes, on a disk that refuses it.

Each writer (``replay --out`` in the four formats, ``import --out``, ``replay-many``,
``fmt --write``, ``example``) goes through ``slarules.outfiles.replace_atomically``. Two
failures are simulated in process (the tests run as root, for whom permission bits do not
bind): a folder the user may not write (``mkstemp`` fails with EACCES) and a full disk
(``fsync`` fails with ENOSPC). Each is exit 2 naming the file; the previous file is intact
and no temporary file is left.

Found: ``import --out`` and ``example`` never synced the file before renaming it over the
old one, so a power loss just after could leave an empty log under the promised name; on a
full disk, ``import --out`` reported success (exit 0). The sync is now done once, in
``replace_atomically``, for every writer, and the folder is synced after the rename.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from .test_hostile_cli import run

ROOT = Path(__file__).parents[2]
RULES = ROOT / "rulesets" / "guangxi-gat-2024.sla"
EVENTS = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
EXPORT = ROOT / "rulesets" / "samples" / "exports" / "guangxi-gat-2024.zammad.csv"


def _replay(fmt: str) -> Callable[[Path], list[str]]:
    return lambda out: ["replay", str(RULES), str(EVENTS), "--format", fmt, "--out", str(out)]


def _import(out: Path) -> list[str]:
    return ["import", str(EXPORT), "--mapping", "zammad", "--out", str(out)]


def _many(out: Path, folder: Path | None = None) -> list[str]:
    manifest = (folder or out.parent) / "m.jsonl"
    line = {"rules": str(RULES), "events": str(EVENTS), "out": str(out)}
    manifest.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return ["replay-many", str(manifest), "--workers", "1"]


WRITERS = {
    "replay text": _replay("text"),
    "replay json": _replay("json"),
    "replay html": _replay("html"),
    "replay xlsx": _replay("xlsx"),
    "import": _import,
}  # replay-many writes in Dask worker processes, which a monkeypatch does not reach:
# its writes go through the same replace_atomically, tested below with a missing folder.


def _enospc(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _eacces(*args: object, **kwargs: object) -> tuple[int, str]:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("writer", list(WRITERS), ids=list(WRITERS))
@pytest.mark.parametrize(
    ("target", "failure", "reason"),
    [
        (os, ("fsync", _enospc), "No space left on device"),
        (tempfile, ("mkstemp", _eacces), "Permission denied"),
    ],
    ids=["full disk", "read-only folder"],
)
def test_a_refused_write_is_exit_2_and_leaves_the_previous_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: str,
    target: object,
    failure: tuple[str, Callable[..., object]],
    reason: str,
) -> None:
    out = tmp_path / "report.out"
    out.write_bytes(b"the previous report")
    argv = WRITERS[writer](out)
    monkeypatch.setattr(target, *failure)
    code, _, err = run(*argv)
    assert code == 2, err
    assert f"cannot write {out}: {reason}" in err and "Traceback" not in err
    assert out.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "m.jsonl") == ["report.out"]


def test_replay_many_to_a_folder_it_cannot_write_is_that_pairs_usage_error(
    tmp_path: Path,
) -> None:
    out = tmp_path / "missing" / "report.out"
    code, stdout, err = run(*_many(out, tmp_path))
    assert code == 2 and stdout.decode().startswith("usage   2"), err
    assert f"cannot write {out}" in err and "Traceback" not in err


def test_fmt_write_on_a_full_disk_leaves_the_rule_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules.sla"
    rules.write_bytes(RULES.read_bytes() + b"\n\n")
    monkeypatch.setattr(os, "fsync", _enospc)
    code, _, err = run("fmt", "--write", str(rules))
    assert code == 2 and "No space left on device" in err, err
    assert rules.read_bytes() == RULES.read_bytes() + b"\n\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rules.sla"]


@pytest.mark.parametrize("writer", ["import", "example"])
def test_every_writer_syncs_the_file_before_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    argv = _import(tmp_path / "e.jsonl") if writer == "import" else [
        "example", "guangxi-gat-2024", str(tmp_path / "demo")
    ]  # fmt: skip
    code, _, err = run(*argv)
    assert code == 0, err
    assert synced, "nothing was synced to disk before the rename"
