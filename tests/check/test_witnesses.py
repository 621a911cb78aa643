"""The witnesses SPEC §9 names, asserted directly (independent of the golden text)."""

from __future__ import annotations

from pathlib import Path

from slarules.check import check_paths

GOLDEN = Path(__file__).parent / "golden"


def witnesses(name: str, code: str) -> list[str | None]:
    return [d.witness for d in check_paths([str(GOLDEN / name)]) if d.code == code]


def test_fujian_slt_80_89_leaves_89_5_without_a_payment() -> None:
    # “考核分数80-89分（含80分），支付85%合同款”: literally [80, 89]; 89.5 is in no band.
    assert "89.5" in witnesses("fujian-slt-bands.sla", "SLR303")


def test_sichuan_suggestions_leave_n_2() -> None:
    # “提出次数≥3次 2分 / 1次≤提出次数<2次 1分 / 没有提出 0分”: n = 2 is in no row.
    assert witnesses("sichuan-suggestions.sla", "SLR306") == ["2"]


def test_sichuan_downtime_grades_leave_exactly_24_hours() -> None:
    # “优秀：年故障时间<24小时 … 一般：24小时<年故障时间<36小时 … 较差：36小时<年故障时间”
    found = [
        d
        for d in check_paths([str(GOLDEN / "sichuan-downtime.sla")])
        if d.code == "SLR306" and "item 年故障时间 " in d.message
    ]
    assert [d.witness for d in found] == ["24h", "36h"]
    assert [d.message.split(" leaves ")[1] for d in found] == [
        "downtime(故障.restore) = 24h uncovered",
        "downtime(故障.restore) = 36h uncovered",
    ]
