"""Golden files: each ``golden/NAME.sla`` is checked and its text output compared with
``golden/NAME.expected`` byte for byte.

The witnesses SPEC §9 requires are among them: fujian-slt-2024's literal “80-89分” bands
leave 89.5 uncovered (fujian-slt-bands), sichuan-sthjt-2025's suggestion bands leave n = 2
(sichuan-suggestions) and its downtime grades exactly 24 hours (sichuan-downtime).

To regenerate after an intended change of wording: ``pytest tests/check/test_golden.py
--update-golden``, then review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from slarules.check import check_paths
from slarules.errors import render_text

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.sla"))


def test_every_golden_file_has_its_expected_output() -> None:
    expected = sorted(p.stem for p in GOLDEN.glob("*.expected"))
    assert expected == CASES
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_golden(
    name: str, monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, str], None]
) -> None:
    monkeypatch.chdir(GOLDEN)
    golden(GOLDEN / f"{name}.expected", render_text(check_paths([f"{name}.sla"])))
