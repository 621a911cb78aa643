"""Helpers of the promise tests (docs/promises.md): run slarules as a user does, through the
installed ``slarules`` script of the environment running the tests, in its own process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULESETS = ROOT / "rulesets"
SLT = RULESETS / "fujian-slt-2024.sla"
SLT_EVENTS = RULESETS / "samples" / "fujian-slt-2024.events.jsonl"
ZAMMAD_CSV = RULESETS / "samples" / "exports" / "guangxi-gat-2024.zammad.csv"

Run = Callable[..., subprocess.CompletedProcess[bytes]]


def installed_cli() -> list[str]:
    """The console script beside the interpreter (``.venv/bin/slarules``), as a user runs
    it; ``python -m slarules.cli`` only where no script is installed."""
    script = Path(sys.executable).with_name("slarules")
    if script.is_file():
        return [str(script)]
    found = shutil.which("slarules")
    return [found] if found else [sys.executable, "-m", "slarules.cli"]


def clean_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test process's environment without the variables whose effect a test states."""
    dropped = ("PYTHONIOENCODING", "LC_ALL", "LANG", "LANGUAGE", "LC_MESSAGES", "TZ")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return env | (extra or {})


def run_installed(
    *argv: str | Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: bytes = b"",
) -> subprocess.CompletedProcess[bytes]:
    """``slarules ARGV`` as its own process, with ``env`` added to a clean environment."""
    return subprocess.run(
        [*installed_cli(), *map(str, argv)],
        env=clean_environment(env), cwd=cwd, input=stdin,
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
