"""Hostile money lines (docs/language.md §7, "Money beyond the five contracts"): a file
that ``check`` accepts must evaluate. A money amount that is negative whatever the inputs
(``credit -5元 per point of …``, ``deduct 2 * -3元 when …``) used to pass ``check``; the new
lines then failed at replay (SLR965), and the older ``deduct … when`` and ``damages`` lines
silently turned a deduction into more pay and damages into money the customer owes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from slarules.check import check_paths
from slarules.cli import main

HEAD = """ruleset "h" { timezone "Asia/Shanghai" }
param fee: money = 1000元
calendar 全天 { hours "24x7" days none }
period 月度 = month
kind 事件
sla 工单 {
  calendar 全天
  metric resolve from opened to resolved
  tier 一级 { resolve 4小时 }
}
measure m per 月度 = count of breaches of 工单
payment per 月度 {
  base fee
"""
LOG = (
    '{"at": "2026-01-08T14:00:00+08:00", "type": "opened", "ticket": "T1", "sla": "工单", '
    '"tier": "一级"}\n'
    '{"at": "2026-01-09T14:00:00+08:00", "type": "resolved", "ticket": "T1"}\n'
    '{"at": "2026-01-09T15:00:00+08:00", "type": "occurrence", "kind": "事件"}\n'
)


def write(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "r.sla"
    path.write_text(HEAD + "  " + line + "\n}\n", encoding="utf-8")
    return path


NEGATIVE = [
    ("credit -5元 per point of m", "-5元"),
    ("credit 2 * -3元 per point of m", "2 * -3元"),
    ("credit -5% of 1000元 when 1 > 0", "-5% of 1000元"),
    ("deduct -1元 per occurrence of 事件", "-1元"),
    ("refund -1元 per occurrence of 事件", "-1元"),
    ("deduct -5元 when m > 0", "-5元"),
    ("damages -5元 per occurrence of 事件", "-5元"),
    ("damages -5元 when m > 0", "-5元"),
    ("deduct -(5元) when m > 0", "-(5元)"),
    ("credit 5元 * -1 / 2 per point of m", "5元 * -1 / 2"),
]


@pytest.mark.parametrize(("line", "amount"), NEGATIVE)
def test_a_negative_amount_is_refused_at_its_line(
    tmp_path: Path, line: str, amount: str, capfd: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, line)
    diagnostics = check_paths([path])
    codes = [(d.code, d.line, d.col) for d in diagnostics if d.severity == "error"]
    # The payment's line is line 14 of the file; the amount starts after the keyword.
    column = len("  " + line.split(" ")[0] + " ") + 1
    assert codes == [("SLR117", 14, column)]
    assert main(["check", str(path)]) == 1
    captured = capfd.readouterr()
    err = captured.out + captured.err
    assert f"{path}:14:{column}: error:" in err
    assert amount.split(" ")[0] in err


@pytest.mark.parametrize(
    "line",
    [
        "credit 5元 per point of m",
        "credit -5元 * -1 per point of m",  # negative twice: positive
        "deduct fee - 900元 when m > 0",  # depends on a parameter: the engine decides
        "credit 0元 per point of m",
        "deduct (0 - 0) * fee when m > 0",
    ],
)
def test_amounts_not_certainly_negative_still_check_and_replay(tmp_path: Path, line: str) -> None:
    path = write(tmp_path, line)
    assert [d for d in check_paths([path]) if d.severity == "error"] == []
    log = tmp_path / "e.jsonl"
    log.write_text(LOG, encoding="utf-8")
    assert main(["replay", str(path), str(log), "--as-of", "2026-02-01T00:00+08:00"]) == 0


SCHEDULES = {
    "duration": ("duration", "1小时", "2小时", "PT1H", "PT2H"),
    "money": ("money", "1元", "2元", "1.00", "2.00"),
    "percent": ("percent", "1%", "2%", "1%", "2%"),
    "number": ("number", "1", "2", "1", "2"),
    "points": ("points", "1", "2", "1", "2"),
}


@pytest.mark.parametrize("kind", SCHEDULES)
def test_a_schedule_of_every_type_that_may_vary_is_reported(tmp_path: Path, kind: str) -> None:
    # docs/language.md: "any type but `date` and `bool` may vary". Before, a schedule of
    # durations passed check and the report crashed with an AssertionError (row_text
    # assumed a Decimal).
    type_, first, second, first_text, second_text = SCHEDULES[kind]
    path = tmp_path / "r.sla"
    path.write_text(
        HEAD.replace("payment per 月度 {\n  base fee\n", "")
        + f"param s: {type_} by date {{\n  from 1900-01-01 -> {first}\n"
        + f"  from 2999-01-01 -> {second}\n}}\n",
        encoding="utf-8",
    )
    assert [d for d in check_paths([path]) if d.severity == "error"] == []
    log = tmp_path / "e.jsonl"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "out.txt"
    args = ["replay", str(path), str(log), "--as-of", "2026-02-01T00:00+08:00"]
    assert main([*args, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert f"1900-01-01 {first_text}; 2999-01-01 {second_text}" in text


@pytest.mark.parametrize("literal", ["999999999999999万元", "100000000000万元"])
def test_a_wan_yuan_amount_over_15_digits_of_yuan_is_refused(
    tmp_path: Path, literal: str, capfd: pytest.CaptureFixture[str]
) -> None:
    # 999999999999999万元 has 15 digits as written, but is 9,999,999,999,999,990,000元: 19
    # digits before the point, past the bound every number slarules reads keeps (15).
    # 100000000000万元 is 10^15元, 16 digits. Before, both passed check and replayed.
    path = write(tmp_path, f"deduct {literal} when m > 0")
    errors = [d for d in check_paths([path]) if d.severity == "error"]
    assert [(d.code, d.line, d.col) for d in errors] == [("SLR101", 14, 10)]
    assert "15 digits" in errors[0].message
    good = write(tmp_path, "deduct 1元 when m > 0")
    log = tmp_path / "e.jsonl"
    log.write_text(LOG, encoding="utf-8")
    capfd.readouterr()
    assert main(["replay", str(good), str(log), "--param", f"fee={literal}"]) == 2
    assert "15 digits" in capfd.readouterr().err


def test_the_largest_wan_yuan_amount_is_accepted(tmp_path: Path) -> None:
    # ×10000 moves the point 4 places: 99999999999.9999万元 = 999999999999999元, 15 digits.
    path = write(tmp_path, "deduct 99999999999.9999万元 when m > 0")
    assert [d for d in check_paths([path]) if d.severity == "error"] == []
