"""Golden files: each ``golden/NAME.sla`` is checked and its text output compared with
``golden/NAME.expected`` byte for byte.

The witnesses SPEC §9 requires are among them: fujian-slt-2024's literal “80-89分” bands
leave 89.5 uncovered (fujian-slt-bands), sichuan-sthjt-2025's suggestion bands leave n = 2
(sichuan-suggestions) and its downtime grades exactly 24 hours (sichuan-downtime).

To regenerate after an intended change of wording: ``SLARULES_UPDATE_GOLDEN=1 pytest
tests/check/test_golden.py``, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slarules.check import check_paths
from slarules.diagnostics import render_text

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.sla"))


def test_every_golden_file_has_its_expected_output() -> None:
    expected = sorted(p.stem for p in GOLDEN.glob("*.expected"))
    assert expected == CASES
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN)
    actual = render_text(check_paths([f"{name}.sla"]))
    expected_path = GOLDEN / f"{name}.expected"
    if os.environ.get("SLARULES_UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")
