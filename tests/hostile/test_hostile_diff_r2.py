"""Second hostile pass: ``slarules diff`` of two reports of *different* rule files.

Periods are matched by label. Two rule files can give one label different spans: with
``cycle 6 months`` instead of guangxi's ``cycle 12 months``, ``考核周期:1`` is half a year
shorter, and the diff printed ``payable 800000.00 → 2100000.00`` as if one period had
changed its money. Now the period's dates are a change of their own, first, and the
summary line says the periods differ. What held: a composite renamed shows as one gone and
one new (``—``), a log that does not fit one of the files is that file's located error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_hostile_cli import run

ROOT = Path(__file__).parents[2]
RULES = ROOT / "rulesets" / "guangxi-gat-2024.sla"
EVENTS = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
TWELVE = "period 考核周期 = cycle 12 months from start for 2"


def variant(tmp_path: Path, old: str, new: str) -> Path:
    text = RULES.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "b.sla"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_period_of_one_label_and_two_spans_says_so(tmp_path: Path) -> None:
    # guangxi: "自合同签订通过科信办验收后，每12个月为一个考核周期" from start 2024-09-02: the
    # first cycle is 2024-09-02 – 2025-09-01 (Civil Code art. 202); in six-month cycles
    # it is 2024-09-02 – 2025-03-01.
    b = variant(tmp_path, TWELVE, "period 考核周期 = cycle 6 months from start for 4")
    code, out, err = run("diff", str(RULES), str(b), str(EVENTS))
    assert code == 0, err
    lines = out.decode().splitlines()
    summary = next(line for line in lines if line.startswith("Period 考核周期:1"))
    assert "(the periods differ: 2024-09-02 – 2025-09-01 → 2024-09-02 – 2025-03-01)" in summary
    assert lines[lines.index(summary) + 1] == (
        "  考核周期:1: dates 2024-09-02 – 2025-09-01 → 2024-09-02 – 2025-03-01"
    )
    code, out, _ = run("diff", str(RULES), str(b), str(EVENTS), "--format", "json")
    first = json.loads(out)["periods"][0]["changes"][0]
    assert first == {
        "after": "2024-09-02 – 2025-03-01",
        "before": "2024-09-02 – 2025-09-01",
        "what": "dates",
        "where": "考核周期:1",
    }


def test_the_same_spans_add_no_dates_line(tmp_path: Path) -> None:
    b = variant(tmp_path, 'cite "合同总价"', 'cite "合同总价（修订）"')
    code, out, err = run("diff", str(RULES), str(b), str(EVENTS))
    assert code == 0, err
    assert "dates" not in out.decode() and "periods differ" not in out.decode()


def test_a_renamed_composite_is_one_gone_and_one_new(tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8")
    b = tmp_path / "b.sla"
    b.write_text(text.replace("最终得分", "总分"), encoding="utf-8")
    code, out, err = run("diff", str(RULES), str(b), str(EVENTS))
    assert code == 0, err
    shown = out.decode()
    assert "考核周期:1 / 最终得分: score 62.9175 → —" in shown
    assert "考核周期:1 / 总分: score — → 62.9175" in shown


@pytest.mark.parametrize("other", ["fujian-slt-2024.sla", "aliyun-ecs-2021.sla"])
def test_a_log_that_fits_one_file_only_is_a_located_error(other: str) -> None:
    code, out, err = run("diff", str(RULES), str(ROOT / "rulesets" / other), str(EVENTS))
    assert (code, out) == (1, b"")
    assert "guangxi-gat-2024.events.jsonl:" in err and "[SLR91" in err and "Traceback" not in err
