"""The environment the tests run in is the lock file, exactly.

`make test` builds `.venv` from `requirements/dev.txt` (hashes required, no dependency
resolution), so a fresh clone runs with the versions the suite last passed with. This test
is the proof on every run: every pin of the lock that applies to this interpreter and
platform is installed at its locked version, and nothing outside the lock is installed.
`make test-latest` and `make test-oldest` install other versions on purpose and set
`SLARULES_UNLOCKED=1`, which skips it.
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker

LOCK = Path(__file__).resolve().parents[2] / "requirements" / "dev.txt"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")
# Installed by `python -m venv` itself, or the project under test.
NOT_IN_LOCK = {"pip", "setuptools", "slarules"}

pytestmark = pytest.mark.skipif(
    os.environ.get("SLARULES_UNLOCKED") == "1", reason="an environment that is not the lock"
)


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _pins() -> dict[str, str]:
    """Name -> version of every pin whose environment marker holds here."""
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match and (match[3] is None or Marker(match[3]).evaluate()):
            pins[_name(match[1])] = match[2]
    return pins


def _installed() -> dict[str, str]:
    return {_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def test_the_lock_pins_what_this_platform_needs() -> None:
    pins = _pins()
    assert {"attrs", "holidays", "lark", "tzdata", "pytest", "hypothesis"} <= pins.keys()


def test_every_locked_package_is_installed_at_its_locked_version() -> None:
    installed = _installed()
    wrong = {
        name: (version, installed.get(name))
        for name, version in _pins().items()
        if installed.get(name) != version
    }
    assert not wrong, f"not as locked (lock, installed): {wrong}; run `make` to rebuild .venv"


def test_nothing_outside_the_lock_is_installed() -> None:
    extra = sorted(set(_installed()) - set(_pins()) - NOT_IN_LOCK)
    assert not extra, f"installed but not in {LOCK.name}: {extra}"
