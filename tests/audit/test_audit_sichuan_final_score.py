"""Audit: sichuan-sthjt-2025, the year's result — the quarters' mean and the 最终考核 at the
85 and 65 edges, and "连续两个季度" across quarter boundaries — worked by hand from the
contract (shared/contracts/sichuan-sthjt-2025.txt, 7.1考核规则):

  "考核分季度考核和最终考核，最终考核得分计算方式为：季度考核得分平均值*40%+最终考核得分*60%"
  "考核得分65分以下的为不合格，连续两个季度考核不合格，采购方发整改通知书…"
  "考评分值达到85分及以上，采购方即可按照最终验收时间向中标方无息退还履约保函。若考评分值为65分
  及以上、85分以下，中标方应对…问题进行及时整改…"

The contract has no payment terms; the rule file reports the bond decision as flags. Its
documented reading of "季度": four service quarters from 2025-06-01 (Jun–Aug, Sep–Nov,
Dec–Feb, Mar–May). Scores are given by `score` events (the purchaser's forms). Nothing here
was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

SC = "sichuan-sthjt-2025"
QUARTER_ENDS = ("2025-08-25", "2025-11-25", "2026-02-25", "2026-05-25")


def _year(kit: Any, quarters: tuple[str, str, str, str], final: str) -> Any:
    events = [
        kit.ev(f"{day} 10:00", "score", scorecard="季度考核", score=q)
        for day, q in zip(QUARTER_ENDS, quarters, strict=True)
    ]
    events.append(kit.ev("2026-05-28 10:00", "score", scorecard="最终考核", score=final))
    return kit.replay(SC, events, as_of="2026-06-30 00:00")


@pytest.mark.parametrize(
    "quarters, final, result, flag",
    [
        # mean(80, 90, 85, 85) = 85; 85 × 40% + 85 × 60% = 85: "达到85分及以上" → bond back.
        (("80", "90", "85", "85"), "85", "85", "退还履约保函"),
        # mean(80, 90, 85, 84.975) = 339.975 / 4 = 84.99375; × 40% = 33.9975; 85 × 60% = 51
        # → 84.9975: "85分以下" → 整改后重新考评.
        (("80", "90", "85", "84.975"), "85", "84.9975", "整改后重新考评"),
        # mean 60 → 24; 最终 70 → 42: 66, "65分及以上、85分以下" → 整改后重新考评.
        (("60", "60", "60", "60"), "70", "66", "整改后重新考评"),
        # mean 60 → 24; 最终 68.33 → 40.998: 64.998, below 65 → 最终考核不合格.
        (("60", "60", "60", "60"), "68.33", "64.998", "最终考核不合格"),
        # mean 65 → 26; 最终 65 → 39: exactly 65, "65分及以上" → 整改后重新考评.
        (("65", "65", "65", "65"), "65", "65", "整改后重新考评"),
    ],
)
def test_the_final_result_at_the_85_and_65_edges(
    kit: Any, quarters: tuple[str, str, str, str], final: str, result: str, flag: str
) -> None:
    report = _year(kit, quarters, final)
    year = kit.period(report, "服务年:1")
    assert year["composite"]["最终得分"]["score"] == result
    bond_flags = {"退还履约保函", "整改后重新考评", "最终考核不合格"}
    assert bond_flags & set(kit.flags(year)) == {flag}


@pytest.mark.parametrize(
    "quarters, notice_in",
    [
        # Q1 60 and Q3 60 are below 65 but not consecutive (Q2 70 between): no notice.
        (("60", "70", "60", "70"), None),
        # Q2 64.99 and Q3 60, consecutive across 30 Nov / 1 Dec: the notice in Q3.
        (("70", "64.99", "60", "70"), "服务季度:3"),
        # Q2 65 is not "65分以下": Q1 60, Q2 65, Q3 60 → no two consecutive → no notice.
        (("60", "65", "60", "70"), None),
    ],
)
def test_two_consecutive_failed_quarters(
    kit: Any, quarters: tuple[str, str, str, str], notice_in: str | None
) -> None:
    report = _year(kit, quarters, "80")
    failed = [f"服务季度:{k + 1}" for k, q in enumerate(quarters) if Decimal(q) < 65]
    for k in range(1, 5):
        quarter = kit.period(report, f"服务季度:{k}")
        flags = kit.flags(quarter)
        assert ("季度考核不合格" in flags) == (f"服务季度:{k}" in failed)
        assert ("整改通知书" in flags) == (f"服务季度:{k}" == notice_in)
    year_flags = kit.flags(kit.period(report, "服务年:1"))
    assert ("年内连续两个季度不合格" in year_flags) == (notice_in is not None)
