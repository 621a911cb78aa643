"""The build hook of the optional compiled build (hatch_build.py): it does nothing unless
``SLARULES_COMPILE=1``, and refuses an editable compiled install. The compiled build itself
is built and tested by ``make test-compiled`` (too slow for ``make test``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _hook_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hook() -> Any:
    module = _hook_module()
    config = {"mypyc-modules": ["slarules/engine/clocks.py"]}
    return module.CompiledBuildHook(str(ROOT), config, None, None, str(ROOT), "wheel")


def test_without_the_switch_the_wheel_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLARULES_COMPILE", raising=False)
    build_data: dict[str, Any] = {"force_include": {}, "pure_python": True}
    _hook().initialize("standard", build_data)
    assert build_data == {"force_include": {}, "pure_python": True}


def test_an_editable_compiled_install_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLARULES_COMPILE", "1")
    with pytest.raises(RuntimeError, match="not an editable one"):
        _hook().initialize("editable", {"force_include": {}})
