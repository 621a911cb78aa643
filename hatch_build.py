"""The optional compiled build: ``SLARULES_COMPILE=1 pip install --no-build-isolation .``

Without ``SLARULES_COMPILE=1`` this hook does nothing and the wheel is pure Python, as
always: no compiler, no mypy. With it, the modules listed under ``mypyc-modules`` in
pyproject.toml are compiled by mypyc (the mypy of the lock, hence ``--no-build-isolation``)
into C extensions that ship next to their ``.py`` sources, and the wheel is tagged for this
interpreter and platform. Python imports the extension ahead of the source of the same name.
docs/performance.md ("The compiled build") says which modules, why, and what it gains.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SWITCH = "SLARULES_COMPILE"


class CompiledBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the listed modules with mypyc when ``SLARULES_COMPILE=1``."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if os.environ.get(SWITCH) != "1":
            return
        if version == "editable":
            raise RuntimeError(
                f"{SWITCH}=1 needs a regular install (pip install .), not an editable one: "
                "the compiled modules would hide edits to their sources"
            )
        self._scratch = Path(tempfile.mkdtemp(prefix="slarules-mypyc-"))
        for built, inside in _compile(self.config["mypyc-modules"], self._scratch):
            build_data["force_include"][str(built)] = inside
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _compile(modules: list[str], scratch: Path) -> list[tuple[Path, str]]:
    """Build the extensions for ``modules`` (paths under src/) in ``scratch``; return each
    built file with its path inside the wheel."""
    from mypyc.build import mypycify  # only a compiled build needs mypy
    from setuptools import Distribution  # type: ignore[import-untyped]

    sources = [os.path.join("src", module) for module in modules]
    extensions = mypycify(
        sources, opt_level="3", group_name="slarules", target_dir=str(scratch / "c")
    )
    distribution = Distribution({"ext_modules": extensions, "package_dir": {"": "src"}})
    build_ext = distribution.get_command_obj("build_ext")
    build_ext.build_lib = str(scratch / "lib")
    build_ext.build_temp = str(scratch / "tmp")
    distribution.run_command("build_ext")
    lib = scratch / "lib"
    built = sorted(path for path in lib.rglob("*") if path.suffix in {".so", ".pyd"})
    return [(path, path.relative_to(lib).as_posix()) for path in built]
