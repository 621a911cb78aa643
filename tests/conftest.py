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

import importlib
import os
import re
import tomllib
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

_DATA_VERSION = re.compile(r"holidays \d+(?:\.\d+)+")


def mask(text: str) -> str:
    """``text`` with the holiday data's release number replaced by ``holidays VERSION``."""
    return _DATA_VERSION.sub("holidays VERSION", text)


ROOT = Path(__file__).resolve().parents[1]


def compiled_module_names() -> list[str]:
    """The modules the optional compiled build compiles (pyproject.toml, ``mypyc-modules``)."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        hooks = tomllib.load(file)["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]
    paths = hooks["custom"]["mypyc-modules"]
    return [path.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for path in paths]


def pytest_configure(config: pytest.Config) -> None:
    """Under ``make test-compiled`` (``SLARULES_EXPECT_COMPILED=1``), refuse to start unless
    every module of the compiled build is imported as a C extension: a run that silently
    tested the pure-Python sources would prove nothing about the compiled build."""
    if os.environ.get("SLARULES_EXPECT_COMPILED") != "1":
        return
    pure = [
        f"{name} ({module.__file__})"
        for name in compiled_module_names()
        if not str((module := importlib.import_module(name)).__file__).endswith(
            tuple(EXTENSION_SUFFIXES)
        )
    ]
    if pure:
        raise pytest.UsageError(f"SLARULES_EXPECT_COMPILED=1 but not compiled: {pure}")
    stamp = ROOT / ".venv-compiled" / ".installed-stamp"
    newest = max(path.stat().st_mtime for path in (ROOT / "src").rglob("*.py"))
    if stamp.exists() and stamp.stat().st_mtime < newest:
        raise pytest.UsageError("the compiled build is older than src/: run `make compiled`")


def pytest_report_header(config: pytest.Config) -> str | None:
    if os.environ.get("SLARULES_EXPECT_COMPILED") == "1":
        return f"slarules compiled build: {len(compiled_module_names())} modules are C extensions"
    return None


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
