"""Audit R4, sichuan-sthjt-2025: the service year's scores as the purchaser receives them —
JSON, text (en, zh), summary, HTML and Excel show the same quarterly scores, final
assessment and final score. The contract states no amount of money, so no period may show
one.

Contract (shared/contracts/sichuan-sthjt-2025.txt, 7.1考核规则):
  "最终考核得分计算方式为：季度考核得分平均值*40%+最终考核得分*60%"
  "考评分值达到85分及以上…退还履约保函。若考评分值为65分及以上、85分以下，中标方应对运维
  绩效考评中反馈出的问题进行及时整改"

By hand: quarters 88, 74, 88, 94 (the purchaser's forms), final assessment 65:
  mean = (88 + 74 + 88 + 94) / 4 = 344 / 4 = 86; 86 × 40% = 34.4; 65 × 60% = 39;
  最终得分 = 73.4 → "65分及以上、85分以下" → 整改后重新考评.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

D = Decimal
SC = "sichuan-sthjt-2025"
QUARTERS = [("2025-08-28", 88), ("2025-11-27", 74), ("2026-02-26", 88), ("2026-05-28", 94)]


def test_every_rendering_shows_the_hand_worked_scores_and_no_money(
    kit: Any, views: Any, tmp_path: Path
) -> None:
    events = [
        kit.ev(f"{day} 17:00", "score", scorecard="季度考核", score=score)
        for day, score in QUARTERS
    ]
    events.append(kit.ev("2026-05-29 17:00", "score", scorecard="最终考核", score=65))
    rendered = views.render(tmp_path, SC, events, as_of="2026-06-30T00:00:00+08:00")
    expected: dict[str, dict[str, Any]] = {
        f"服务季度:{k}": {"scores": {"季度考核": D(score)}}
        for k, (_, score) in enumerate(QUARTERS, start=1)
    }
    expected["服务年:1"] = {"scores": {"最终考核": D(65), "最终得分": D("73.4")}}
    assert views.disagreements(rendered, expected) == []
    year = kit.period(rendered["json"], "服务年:1")
    assert year["payment"]["status"] == "no_terms" and year["payment"]["payable"] is None
    assert "整改后重新考评" in kit.flags(year)
    sheets = rendered["xlsx"].sheetnames
    assert not any(name.endswith(" 付款") and "服务季度" in name for name in sheets)
