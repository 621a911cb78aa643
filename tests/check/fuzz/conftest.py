"""Make the repository's ``benchmarks`` package importable, for the logs the mutants are
replayed on (benchmarks/loggen.py): it is not installed, and pytest runs with
``--import-mode=importlib``, which leaves ``sys.path`` alone."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
