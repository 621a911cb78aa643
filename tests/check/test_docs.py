"""docs/diagnostics.md explains every code the checker can emit, with its severity."""

from __future__ import annotations

import re
from pathlib import Path

from slarules.check.codes import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md"
HEADING = re.compile(r"^### (SLR\d{3}) — (.+) \((error|warning)\)$", re.MULTILINE)


def test_every_code_has_a_section_with_its_severity() -> None:
    documented = {code: severity for code, _title, severity in HEADING.findall(DOC.read_text())}
    assert documented == {code: c.severity for code, c in CODES.items()}


def test_every_code_emitted_by_the_checks_is_catalogued() -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "slarules"
    text = "".join(p.read_text() for p in [*src.glob("check*.py"), *src.glob("checks/*.py")])
    used = set(re.findall(r'"(SLR\d{3})"', text))
    assert used <= set(CODES)
