"""Golden syntax errors: for each tests/language/golden/NAME.sla, the exact output of
``slarules check NAME.sla`` is NAME.expected. The messages are for procurement staff: they
name what was expected in plain words (“a duration such as 30m or 4小时”), never lark's
terminal names, and point at the character to fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from slarules.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(GOLDEN.glob("*.sla"))


@pytest.mark.parametrize("rules", CASES, ids=lambda p: p.stem)
def test_check_output_is_exactly_the_golden_text(
    rules: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(GOLDEN)
    assert main(["check", rules.name]) == 1
    expected = (GOLDEN / f"{rules.stem}.expected").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize("rules", CASES, ids=lambda p: p.stem)
def test_messages_read_as_plain_words(rules: Path) -> None:
    text = (GOLDEN / f"{rules.stem}.expected").read_text(encoding="utf-8")
    assert not re.search(r"__ANON|\$END|\b[A-Z]{2,}_[A-Z]+\b|\bRBRACE\b|\bLPAR\b", text)
    assert text.endswith("1 error, 0 warnings\n")


def test_the_required_cases_are_there() -> None:
    required = {
        "missing_brace",
        "number_for_duration",
        "unknown_character",
        "unterminated_string",
        "closed_infinite_bound",
        "invalid_date",
    }
    assert required <= {p.stem for p in CASES}
    number = (GOLDEN / "number_for_duration.expected").read_text(encoding="utf-8")
    assert "expected a duration such as 30m or 4小时" in number
