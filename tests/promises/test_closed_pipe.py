"""Promise (docs/reliability.md, "The command line"): ``slarules … | head`` ends quietly,
exit 0, for every command; only ``import`` and ``replay`` had a test. The pipe's reading end
is closed *before* slarules starts, so the very first write fails: with ``| head -1`` a
short output may fit the pipe's buffer and the test could not fail.

Found by this test: ``slarules --help``, ``slarules replay --help`` and ``slarules
--version`` into a closed pipe printed a BrokenPipeError traceback and exited 1 (argparse
writes the help while parsing, before the guard around the command)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .support import RULESETS, SLT, SLT_EVENTS, ZAMMAD_CSV, clean_environment, installed_cli

AT = "2026-02-13T16:00:00+08:00"
COMMANDS = {
    "help": ["--help"],
    "zh help": ["--lang", "zh", "--help"],
    "subcommand help": ["replay", "--help"],
    "version": ["--version"],
    "replay text": ["replay", SLT, SLT_EVENTS],
    "replay json": ["replay", SLT, SLT_EVENTS, "--format", "json"],
    "replay html": ["replay", SLT, SLT_EVENTS, "--format", "html"],
    "replay summary": ["replay", SLT, SLT_EVENTS, "--summary"],
    "check": ["check", SLT],
    "check json": ["check", SLT, "--format", "json"],
    "fmt": ["fmt", SLT],
    "diff": ["diff", SLT, SLT, SLT_EVENTS],
    "deadline": ["deadline", SLT, "--sla", "故障", "--tier", "一般", "--at", AT],
    "example list": ["example", "--list"],
    "import": ["import", ZAMMAD_CSV, "--mapping", "zammad"],
}


def run_into_closed_pipe(argv: list[str | Path]) -> subprocess.CompletedProcess[bytes]:
    """``slarules ARGV`` with standard output a pipe nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*installed_cli(), *map(str, argv)],
            stdout=write_end, stderr=subprocess.PIPE, env=clean_environment(),
            timeout=180, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)


@pytest.mark.parametrize("argv", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_closed_pipe_ends_quietly(argv: list[str | Path]) -> None:
    done = run_into_closed_pipe(argv)
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert b"BrokenPipe" not in done.stderr
    assert done.returncode == 0


def test_a_closed_pipe_does_not_hide_an_error(tmp_path: Path) -> None:
    """Invalid events still exit 1 with their diagnostics on stderr: the quiet ending is for
    the reader that left, not for the problems found."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"at": "2024-07-15T10:00:00+08:00", "type": "opened"}\n', encoding="utf-8")
    done = run_into_closed_pipe(["replay", RULESETS / "fujian-slt-2024.sla", bad])
    assert done.returncode == 1
    assert b"bad.jsonl:1:1: error:" in done.stderr
