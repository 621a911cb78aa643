"""The audit scenarios on the reference rule files use the same ``kit`` as the ruleset
scenarios (tests/rulesets/conftest.py): one copy of the helpers, loaded from there."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "_rulesets_kit", Path(__file__).resolve().parents[1] / "rulesets" / "conftest.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_KIT = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_KIT)


@pytest.fixture(scope="session")
def kit() -> Any:
    return _KIT.Kit()


_VIEWS_SPEC = importlib.util.spec_from_file_location(
    "_audit_r4_views", Path(__file__).resolve().parent / "r4_views.py"
)
assert _VIEWS_SPEC is not None and _VIEWS_SPEC.loader is not None
_VIEWS = importlib.util.module_from_spec(_VIEWS_SPEC)
_VIEWS_SPEC.loader.exec_module(_VIEWS)


@pytest.fixture(scope="session")
def views() -> Any:
    """The renderings of one replay read back (tests/audit/r4_views.py)."""
    return _VIEWS
