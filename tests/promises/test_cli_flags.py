"""Documented behaviour of command-line flags that no test held to its word (docs/promises.md,
section "Command line"): ``fmt --check`` and plain ``fmt`` (docs/language.md, "Canonical
layout"), ``--format xlsx`` needing ``--out`` and ``--summary`` being text only
(docs/reports.md), ``--mapping`` refusing standard input (docs/import.md), ``example
--list`` (docs/import.md: "the eight rulesets …, the three shipped mappings, and ``all``")
and ``--version``. Each wrong combination is a usage error (exit 2) that writes nothing to
standard output and names the flag to use."""

from __future__ import annotations

from pathlib import Path

import pytest

import slarules as api

from .support import RULESETS, SLT, SLT_EVENTS, ZAMMAD_CSV, Run


@pytest.fixture
def canonical(slarules: Run, tmp_path: Path) -> Path:
    """fujian-slt-2024 as ``fmt`` prints it (the shipped file keeps short blocks on a line)."""
    printed = slarules("fmt", SLT)
    assert printed.returncode == 0
    path = tmp_path / "canonical.sla"
    path.write_bytes(printed.stdout)
    return path


def test_fmt_check_exits_0_on_a_canonical_file_and_writes_nothing(
    slarules: Run, canonical: Path
) -> None:
    done = slarules("fmt", "--check", canonical)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_fmt_check_exits_1_naming_a_file_it_leaves_alone(
    slarules: Run, canonical: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.sla"
    data = canonical.read_bytes().replace(b"\n", b"\r\n")  # CR LF: same meaning, not canonical
    draft.write_bytes(data)
    done = slarules("fmt", "--check", draft)
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode("utf-8") == f"{draft}: not in canonical form\n"
    assert draft.read_bytes() == data
    printed = slarules("fmt", draft)
    assert printed.returncode == 0 and printed.stdout == canonical.read_bytes()
    assert draft.read_bytes() == data  # printing never writes


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--format", "xlsx"], "--format xlsx writes a workbook: give --out FILE"),
        (["--summary", "--format", "json"], "--summary is a form of the text report"),
        (["--summary", "--format", "html"], "--summary is a form of the text report"),
    ],
)
def test_a_format_and_flag_that_do_not_go_together_are_a_usage_error(
    slarules: Run, argv: list[str], said: str
) -> None:
    done = slarules("replay", SLT, SLT_EVENTS, *argv)
    assert done.returncode == 2 and done.stdout == b""
    assert said in done.stderr.decode("utf-8")


def test_an_export_is_never_read_from_standard_input(slarules: Run) -> None:
    done = slarules("replay", SLT, "-", "--mapping", "zammad", stdin=ZAMMAD_CSV.read_bytes())
    assert done.returncode == 2 and done.stdout == b""
    assert "not from standard input (-)" in done.stderr.decode("utf-8")


def test_example_list_names_every_ruleset_mapping_and_all(slarules: Run) -> None:
    done = slarules("example", "--list")
    assert done.returncode == 0
    kinds = {}
    for line in done.stdout.decode("utf-8").splitlines():
        name, kind = line.split()[:2]
        kinds[name] = kind
    rulesets = {p.stem for p in RULESETS.glob("*.sla")}
    assert len(rulesets) == 8
    assert {n for n, k in kinds.items() if k == "ruleset"} == rulesets
    assert {n for n, k in kinds.items() if k == "mapping"} == {"generic", "glpi", "zammad"}
    assert kinds["all"] == "all"


def test_version_is_the_packages(slarules: Run) -> None:
    done = slarules("--version")
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == f"slarules {api.__version__}\n"
