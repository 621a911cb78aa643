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
import math
import os
import re
import tomllib
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from hypothesis import settings

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
    """In the fast mode, every property draws the same examples on every run, also one
    declared inside a test (the default profile; ``pytest_collection_modifyitems`` sets the
    collected ones). Under ``make test-compiled`` (``SLARULES_EXPECT_COMPILED=1``), refuse to
    start unless every module of the compiled build is imported as a C extension: a run that
    silently tested the pure-Python sources would prove nothing about the compiled build."""
    if hypothesis_mode(config) == "fast":
        settings.register_profile("slarules-fast", derandomize=True, database=None)
        settings.load_profile("slarules-fast")
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


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = [f"hypothesis examples: {hypothesis_mode(config)} (SLARULES_HYPOTHESIS)"]
    if os.environ.get("SLARULES_EXPECT_COMPILED") == "1":
        lines.append(
            f"slarules compiled build: {len(compiled_module_names())} modules are C extensions"
        )
    return lines


# How many examples each property (``@given``) runs. ``thorough``: the count its ``@settings``
# names (hypothesis's 100 where none is named), the counts the suite was built with. ``fast``:
# a quarter of it, never fewer than FAST_FLOOR (nor more than the thorough count), so that
# `make test` stays within CI's time. `make test-slow` runs every property thoroughly, with
# the slow tests; SLARULES_HYPOTHESIS=thorough (or fast) chooses for any other run, and a run
# selecting the slow tests (``-m slow``, ``-m "slow or hypothesis"``) is thorough by default.
# A property marked ``full_examples`` runs its thorough count in both modes.
# The fast mode is also derandomized: each property draws the same examples on every run (a
# seed from the test's own source), so `make test` and CI are reproducible, and a red run is a
# change, not a draw. The thorough mode draws afresh each time: it is the one that explores.
HYPOTHESIS_MODES = ("fast", "thorough")
FAST_SHARE = 4
FAST_FLOOR = 10


def hypothesis_mode(config: pytest.Config) -> str:
    """``fast`` or ``thorough``: SLARULES_HYPOTHESIS if set, else thorough when the run
    selects the slow tests."""
    chosen = os.environ.get("SLARULES_HYPOTHESIS", "")
    if chosen:
        if chosen not in HYPOTHESIS_MODES:
            raise pytest.UsageError(f"SLARULES_HYPOTHESIS={chosen!r}: use fast or thorough")
        return chosen
    selection = str(config.getoption("markexpr", "") or "")
    return "thorough" if re.search(r"(?<!not )\bslow\b", selection) else "fast"


def fast_examples(thorough: int) -> int:
    """The fast mode's example count for a property that runs ``thorough`` examples."""
    return min(thorough, max(FAST_FLOOR, math.ceil(thorough / FAST_SHARE)))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In the fast mode, each property runs ``fast_examples`` of its examples, drawn the
    same way on every run (``derandomize``). Its own ``@settings`` (deadline, health checks)
    stay; only those two change, once per test function (a parametrized property is one
    function shared by its items)."""
    if hypothesis_mode(config) != "fast":
        return
    for item in items:
        test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
        if not getattr(test, "is_hypothesis_test", False) or getattr(test, "_slarules_fast", False):
            continue
        # Where hypothesis itself keeps a test's settings (its pytest plugin sets it the same
        # way); read when the test runs.
        own: settings = getattr(test, "_hypothesis_internal_use_settings", settings.default)
        count = own.max_examples
        if not item.get_closest_marker("full_examples"):  # a later test counts what it reached
            count = fast_examples(count)
        test._hypothesis_internal_use_settings = settings(  # type: ignore[union-attr]
            own, max_examples=count, derandomize=True, database=None
        )
        test._slarules_fast = True  # type: ignore[union-attr]


@pytest.fixture
def hypothesis_examples_mode(request: pytest.FixtureRequest) -> str:
    """The run's ``hypothesis_mode``: ``fast`` or ``thorough``."""
    return hypothesis_mode(request.config)


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
