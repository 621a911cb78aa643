"""docs/diagnostics.md and its Chinese page docs/diagnostics.zh.md explain every code the
checker can emit, with its severity; each page links to the other, and the zh docs reach it."""

from __future__ import annotations

import re
from pathlib import Path

from slarules.check.codes import CODES

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "diagnostics.md"
DOC_ZH = ROOT / "docs" / "diagnostics.zh.md"
HEADING = re.compile(r"^### (SLR\d{3}) — (.+) \((error|warning)\)$", re.MULTILINE)
HEADING_ZH = re.compile(r"^### (SLR\d{3}) — (.+)（(错误|警告)）$", re.MULTILINE)
SEVERITY_ZH = {"错误": "error", "警告": "warning"}


def test_every_code_has_a_section_with_its_severity() -> None:
    documented = {code: severity for code, _title, severity in HEADING.findall(DOC.read_text())}
    assert documented == {code: c.severity for code, c in CODES.items()}


def test_every_code_has_a_chinese_section_with_its_severity() -> None:
    found = HEADING_ZH.findall(DOC_ZH.read_text(encoding="utf-8"))
    documented = {code: SEVERITY_ZH[severity] for code, _title, severity in found}
    assert documented == {code: c.severity for code, c in CODES.items()}
    assert len(found) == len(documented)  # each code once


def test_the_chinese_sections_say_what_to_do() -> None:
    # Every section of the Chinese page has a body, not only a heading.
    text = DOC_ZH.read_text(encoding="utf-8")
    bodies = re.split(r"^### SLR\d{3} .*$", text, flags=re.MULTILINE)[1:]
    assert all(len(body.split("\n## ")[0].strip()) >= 20 for body in bodies)


def test_the_pages_link_each_other_and_the_chinese_docs_reach_it() -> None:
    assert "(diagnostics.zh.md)" in DOC.read_text(encoding="utf-8")
    assert "(diagnostics.md)" in DOC_ZH.read_text(encoding="utf-8")
    assert "docs/diagnostics.zh.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "diagnostics.zh.md" in (ROOT / "docs" / "tutorial.zh.md").read_text(encoding="utf-8")


def test_every_code_emitted_by_the_checks_is_catalogued() -> None:
    src = Path(__file__).resolve().parents[2] / "src" / "slarules"
    text = "".join(p.read_text() for p in [*src.glob("check*.py"), *src.glob("checks/*.py")])
    used = set(re.findall(r'"(SLR\d{3})"', text))
    assert used <= set(CODES)
