"""Every module of the package imports on its own, first, in a fresh interpreter.

``tests/test_architecture.py`` reads the imports and forbids circles; this test runs them.
Each module is imported as the very first ``slarules`` module, both through the package (as
users do) and from a bare package whose ``__init__`` does not run (the order a tool importing
one module directly might produce), so a circle shows up whichever module starts it.

Importing ``a.b.c`` first always imports its package ``a.b`` first, to the end, and only then
``a.b.c``. So one interpreter imports each package once and forks (POSIX): every child starts
from exactly the state a fresh interpreter has after importing that package, and imports one
module of it. The result is the one of a fresh interpreter per module, without executing the
shared packages again for every module (158 modules: 6 s of CPU instead of 25 s).
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import slarules

MODULES = sorted(info.name for info in pkgutil.walk_packages(slarules.__path__, prefix="slarules."))

# ``bare``: ``slarules`` is an empty package (its ``__init__`` never runs); ``package``: the
# real one, imported first as for any user. Then each module in ``names`` is imported first
# below its package's state: in a forked child where ``os.fork`` exists, else (``loop``) after
# dropping every ``slarules`` module from ``sys.modules``, which makes the import as fresh as a
# new interpreter's for this package. Prints {module: error} for the modules that failed.
_SCRIPT = """
import importlib, json, os, sys, types
mode, names, path = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
forking = hasattr(os, "fork") and sys.argv[4] == "fork"

def start():
    for loaded in [m for m in sys.modules if m == "slarules" or m.startswith("slarules.")]:
        del sys.modules[loaded]
    if mode == "bare":
        package = types.ModuleType("slarules")
        package.__path__ = path
        sys.modules["slarules"] = package

def failure(exc):
    return f"{type(exc).__name__}: {exc}"

def below(package):
    return [n for n in names if n.rpartition(".")[0] == package]

def report(name, message):
    os.write(1, (json.dumps([name, message]) + "\\n").encode())

def fork_into(package):
    # Every child of ``package`` (imported to the end in this process), each in its own fork.
    for name in below(package):
        child = os.fork()
        if child == 0:
            try:
                importlib.import_module(name)
            except Exception as exc:
                for failed in [n for n in names if n == name or n.startswith(name + ".")]:
                    report(failed, failure(exc))
                os._exit(0)
            fork_into(name)
            os._exit(0)
        _, status = os.waitpid(child, 0)
        if status != 0:
            report(name, f"the child importing it ended with status {status}")

if forking:
    # The libraries slarules uses are imported once, as the loop below keeps them between
    # modules; only ``slarules`` itself is imported afresh in every child.
    start()
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            pass
    start()
    if mode == "package":
        importlib.import_module("slarules")
    fork_into("slarules")
else:
    for name in names:
        start()
        try:
            importlib.import_module(name)
        except Exception as exc:
            report(name, failure(exc))
"""


def test_the_package_has_the_modules_this_test_expects() -> None:
    assert {"slarules.events", "slarules.engine", "slarules.calendar", "slarules.api"} <= set(
        MODULES
    )


def _import_failures(mode: str, names: list[str], how: str = "fork") -> dict[str, str]:
    path = json.dumps(list(slarules.__path__))
    command = [sys.executable, "-c", _SCRIPT, mode, json.dumps(names), path, how]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return {name: message for name, message in map(json.loads, result.stdout.splitlines())}


def test_every_module_imports_first_from_a_bare_package() -> None:
    assert _import_failures("bare", MODULES) == {}


def test_every_module_imports_first_through_the_package() -> None:
    assert _import_failures("package", MODULES) == {}


@pytest.mark.slow  # the loop is the slow way this test avoids: about 15 s of CPU
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forking run needs os.fork")
def test_forking_gives_what_a_fresh_interpreter_per_module_gives() -> None:
    # The loop imports each module in a fresh state, one after another (the way this test ran
    # before it forked); on a sample of modules of every depth, both ways agree.
    sample = [n for n in MODULES if n.count(".") == 1 or n.startswith("slarules.engine.scoring")]
    assert _import_failures("bare", sample, "loop") == _import_failures("bare", sample) == {}
