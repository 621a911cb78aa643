"""Every module of the package imports on its own, first, in a fresh interpreter.

``tests/test_architecture.py`` reads the imports and forbids circles; this test runs them.
Each module is imported as the very first ``slarules`` module, both through the package (as
users do) and from a bare package whose ``__init__`` does not run (the order a tool importing
one module directly might produce), so a circle shows up whichever module starts it.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import slarules

MODULES = sorted(info.name for info in pkgutil.walk_packages(slarules.__path__, prefix="slarules."))

# One interpreter for all modules: before each import every ``slarules`` module is dropped
# from ``sys.modules``, which makes the import as fresh as a new interpreter's for this package.
_SCRIPT = """
import importlib, json, sys, types
bare, names, path = sys.argv[1] == "bare", json.loads(sys.argv[2]), json.loads(sys.argv[3])
failures = {}
for name in names:
    for loaded in [m for m in sys.modules if m == "slarules" or m.startswith("slarules.")]:
        del sys.modules[loaded]
    if bare:
        package = types.ModuleType("slarules")
        package.__path__ = path
        sys.modules["slarules"] = package
    try:
        importlib.import_module(name)
    except Exception as exc:
        failures[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failures))
"""


def test_the_package_has_the_modules_this_test_expects() -> None:
    assert {"slarules.events", "slarules.engine", "slarules.calendar", "slarules.api"} <= set(
        MODULES
    )


def _import_failures(mode: str, names: list[str]) -> dict[str, str]:
    path = json.dumps(list(slarules.__path__))
    command = [sys.executable, "-c", _SCRIPT, mode, json.dumps(names), path]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    failures: dict[str, str] = json.loads(result.stdout)
    return failures


def test_every_module_imports_first_from_a_bare_package() -> None:
    assert _import_failures("bare", MODULES) == {}


def test_the_public_modules_import_first_through_the_package() -> None:
    # Through ``slarules/__init__`` every import starts from the same modules, so the public
    # ones suffice here.
    public = ["slarules.events", "slarules.engine", "slarules.calendar", "slarules.report"]
    assert _import_failures("package", public) == {}
