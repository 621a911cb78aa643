"""Audit R4, fujian-slt-2024: a contract total written in the rule file with a third
decimal (``param contract_total: money = 100000.005元``, the way a buyer copying "100,000.005"
might) — ``check`` said "the 1 periods of 服务年's term are paid a base of 100000.01 each,
100000.01 in all, more than contract_total 100000.01" (witness "100000.01 > 100000.01"):
a warning that contradicts itself. One year's base, "合同总金额", rounded once to the 分 (SPEC
§4) is 100000.01, which is not more than the contract total rounded the same way.
(A --param with a third decimal is refused: test_fujian_scjg_2023_r4_params.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_one_year_base_of_the_total_is_not_more_than_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "rulesets" / "fujian-slt-2024.sla").read_text("utf-8")
    assert "param contract_total: money = 500000元" in text
    rules = tmp_path / "slt.sla"
    rules.write_text(text.replace("money = 500000元", "money = 100000.005元"), "utf-8")
    capsys.readouterr()
    main(["check", str(rules), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert [d for d in found if d["code"] == "SLR420"] == []
