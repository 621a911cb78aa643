"""Promise (SPEC §7; docs/reliability.md P4): the same inputs give byte-identical output,
whatever ``PYTHONIOENCODING``, ``PYTHONHASHSEED``, ``TZ`` or the locale. The hostile rounds
proved it for ``replay`` in every format and for ``import``, ``example`` and ``diff``
under three encodings; here the other commands a user pipes or diffs — ``check`` (text and
JSON, with errors), ``fmt``, ``deadline`` (text and JSON), ``diff --format json`` and the
``--summary`` text — run under three environments that differ in all four at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import RULESETS, SLT, SLT_EVENTS, Run

DK = RULESETS / "dk-itdrift-2026.sla"
AT = "2026-02-13T08:00:00Z"
ENVIRONMENTS = [
    {},
    {"PYTHONHASHSEED": "7", "TZ": "Pacific/Kiritimati", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
    {
        "PYTHONHASHSEED": "99",
        "TZ": "America/New_York",
        "LC_ALL": "zh_CN.GB18030",
        "LANG": "zh_CN.UTF-8",
        "PYTHONIOENCODING": "latin-1",
    },
]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The Danish rules with two unknown names (errors with suggestions) and a layout that
    ``fmt`` changes."""
    text = DK.read_text(encoding="utf-8").replace(
        "  calendar arbejdsdage\n", "  calendar arbejdsdag\n"
    )
    rules = tmp_path / "dk.sla"
    rules.write_text(text.replace("tier kategori1", "tier  kategori1", 1), encoding="utf-8")
    return rules


def commands(broken: Path) -> dict[str, list[str | Path]]:
    return {
        "check": ["--lang", "en", "check", broken, SLT],
        "check json": ["check", broken, "--format", "json"],
        "fmt": ["--lang", "en", "fmt", broken],
        "deadline": [
            "--lang",
            "en",
            "deadline",
            SLT,
            "--sla",
            "故障",
            "--tier",
            "一般",
            "--at",
            AT,
        ],
        "deadline json": [
            "deadline",
            DK,
            "--sla",
            "incident",
            "--tier",
            "kategori1",
            "--at",
            AT,
            "--format",
            "json",
        ],
        "diff json": ["diff", SLT, DK, SLT_EVENTS, "--format", "json"],
        "summary": ["--lang", "en", "replay", SLT, SLT_EVENTS, "--summary"],
    }


@pytest.mark.parametrize(
    "name", ["check", "check json", "fmt", "deadline", "deadline json", "diff json", "summary"]
)
def test_every_environment_gives_the_same_bytes(slarules: Run, broken: Path, name: str) -> None:
    argv = commands(broken)[name]
    results = {env_id: slarules(*argv, env=env) for env_id, env in enumerate(ENVIRONMENTS)}
    first = results[0]
    assert first.stdout or first.stderr
    for done in results.values():
        assert b"Traceback" not in done.stderr
        assert (done.returncode, done.stdout, done.stderr) == (
            first.returncode, first.stdout, first.stderr,
        )  # fmt: skip


def test_the_broken_file_has_errors_and_is_not_canonical(slarules: Run, broken: Path) -> None:
    """Without this, ``check`` and ``fmt`` above could compare two empty outputs."""
    assert slarules("check", broken).returncode == 1
    assert slarules("fmt", "--check", broken).returncode == 1
