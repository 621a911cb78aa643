"""The ``slarules`` fixture of the promise tests (helpers in ``support.py``)."""

from __future__ import annotations

import pytest

from .support import Run, run_installed


@pytest.fixture
def slarules() -> Run:
    """``slarules(*argv, env=…, cwd=…, stdin=b"…")``: the installed command's CompletedProcess."""
    return run_installed
