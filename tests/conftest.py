"""What every test folder shares: the ``--update-golden`` option and the ``golden`` fixture.

Golden files hold exact expected output (reports, diagnostics, tutorial pages). They must not
embed anything that changes with a dependency's release: the one such value slarules prints is
the holiday data's version, so :func:`mask` writes it as ``holidays VERSION`` in the file and
hides it in the output before comparing. The day
data *itself* is compared in full: reports carry a digest of it, which a new ``holidays``
release leaves unchanged unless the days changed (``tests/calendar/test_day_data_digests.py``
pins the digest of every settled year).

After an intended change of output, regenerate with ``pytest --update-golden [PATHS]`` and
review the diff: every changed byte must be explained by the change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

_DATA_VERSION = re.compile(r"holidays \d+(?:\.\d+)+")


def mask(text: str) -> str:
    """``text`` with the holiday data's release number replaced by ``holidays VERSION``."""
    return _DATA_VERSION.sub("holidays VERSION", text)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (reports, diagnostics, tutorial outputs) from the program",
    )


def updating_golden(config: pytest.Config) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(config.getoption("--update-golden"))


GoldenCheck = Callable[[Path, str], None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> GoldenCheck:
    """``golden(path, actual)``: assert ``actual`` equals the file at ``path`` (masked), or
    rewrite the file under ``--update-golden``."""
    update = updating_golden(request.config)

    def check(path: Path, actual: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(mask(actual), encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden to create it"
        assert mask(actual) == mask(path.read_text(encoding="utf-8"))

    return check
