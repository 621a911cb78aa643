"""Audit r3b: sichuan-sthjt-2025 — the 最终得分 and what it does to money. The contract fixes
no amount and no payment schedule; its score decides only the 履约保函 (7.1):

  "最终考核得分计算方式为：季度考核得分平均值*40%+最终考核得分*60%"
  "考评分值达到85分及以上，采购方即可按照最终验收时间向中标方无息退还履约保函。"
  "若考评分值为65分及以上、85分以下，中标方应对…问题进行及时整改…重新考评"

So the year's payment has no terms: no `payable` (null, status `no_terms`), no money lines,
whatever the score; the score feeds the flags only. Baseline by hand from 7.2 (as in
test_audit_sichuan_sthjt_2025_whole_term.py): an empty period scores 48 + 技术支持服务 +
日常运维工作质量 (each judged 0–25). Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

NAME = "sichuan-sthjt-2025"
QUARTER_JUDGED = ("2025-08-29 16:00", "2025-11-28 16:00", "2026-02-27 16:00", "2026-05-29 16:00")
MONEY_KINDS = {"base", "milestone", "pay_band", "deduct_band", "linear", "formula"}


def judge(kit: Any, stamp: str, card: str, tech: int, daily: int = 25) -> list[Any]:
    return [
        kit.ev(stamp, "judgement", item="技术支持服务", points=str(tech), scorecard=card),
        kit.ev(stamp, "judgement", item="日常运维工作质量", points=str(daily), scorecard=card),
    ]


def events_for(kit: Any, quarters: list[int], final: int | None) -> list[Any]:
    # The 半年运维总结报告 delivered in time (due 2025-12-08 24:00), so it costs nothing, and
    # the 工作交接 done in time (due 2025-06-23 24:00, the 15th 工作日), so no flag is raised.
    events: list[Any] = [
        kit.ev("2025-06-20 17:00", "delivered", deliverable="工作交接"),
        kit.ev("2025-12-05 10:00", "delivered", deliverable="半年运维总结报告"),
    ]
    for stamp, tech in zip(QUARTER_JUDGED, quarters, strict=False):
        events += judge(kit, stamp, "季度考核", tech)
    if final is not None:
        events += judge(kit, "2026-05-29 17:00", "最终考核", final)
    events.sort(key=lambda e: e["at"])
    return events


def _year(kit: Any, report: dict[str, Any]) -> dict[str, Any]:
    year: dict[str, Any] = kit.period(report, "服务年:1")
    return year


def test_a_fractional_mean_returns_the_bond_and_pays_nothing_stated(kit: Any) -> None:
    # Quarters judged tech 12, 11, 13, 10 (daily 25): 85, 84, 86, 83 → mean 84.5 → × 40% =
    # 33.8. 最终考核 tech 13 → 86 × 60% = 51.6. 最终得分 = 85.4 ≥ 85 → 退还履约保函.
    # No amount in the contract: payable null, status no_terms, no money line.
    report = kit.replay(NAME, events_for(kit, [12, 11, 13, 10], 13), as_of="2026-06-10 00:00")
    year = _year(kit, report)
    assert str(year["composite"]["最终得分"]["score"]) in ("85.4", "85.40")
    assert kit.flags(year) == ["退还履约保函"]
    payment = year["payment"]
    assert (payment["status"], payment["payable"]) == ("no_terms", None)
    assert not [x for x in payment["lines"] if x["kind"] in MONEY_KINDS]


def test_a_mean_of_84_75_and_a_final_85_is_84_9_and_asks_for_rectification(kit: Any) -> None:
    # Quarters tech 12, 12, 12, 11 → 85, 85, 85, 84 → mean 84.75 × 40% = 33.9; final tech
    # 12 → 85 × 60% = 51. 最终得分 84.9: "65分及以上、85分以下" → 整改后重新考评, no bond
    # returned; still no money.
    report = kit.replay(NAME, events_for(kit, [12, 12, 12, 11], 12), as_of="2026-06-10 00:00")
    year = _year(kit, report)
    assert str(year["composite"]["最终得分"]["score"]) in ("84.9", "84.90")
    assert kit.flags(year) == ["整改后重新考评"]
    assert (year["payment"]["status"], year["payment"]["payable"]) == ("no_terms", None)


def test_mid_year_the_final_score_waits_and_no_amount_is_shown(kit: Any) -> None:
    # As of 2025-12-01 two quarters are judged (85, 85) and the 最终考核 is not: 最终得分
    # cannot be known, so no bond decision is flagged; the payment still states no terms
    # (no amount appears as owed while the score waits).
    report = kit.replay(NAME, events_for(kit, [12, 12], None), as_of="2025-12-01 00:00")
    year = _year(kit, report)
    assert year["ended"] is False
    assert not {"退还履约保函", "整改后重新考评", "最终考核不合格"} & set(kit.flags(year))
    assert (year["payment"]["status"], year["payment"]["payable"]) == ("no_terms", None)


def test_a_term_from_the_15th_scores_its_quarters_and_year_on_their_own_edges(kit: Any) -> None:
    # --param start=2025-06-15, 结束日=2026-06-14 ("自…起至…结束，为期一年"): quarters
    # 06-15 – 09-15, – 12-15, – 03-15, – 06-15 00:00 (the term ends after 24:00 of 06-14), the
    # year 2025-06-15 – 2026-06-15. Quarters judged 2025-09-12, 12-12, 2026-03-13, 06-12
    # (the last inside the 4th quarter, before 06-15): tech 12, 11, 13, 10 → 85, 84, 86, 83,
    # mean 84.5 × 40% = 33.8; 最终考核 tech 13 → 86 × 60% = 51.6 → 85.4 → 退还履约保函;
    # no terms, no money.
    params = {"start": "2025-06-15", "结束日": "2026-06-14"}
    # The 工作交接 is due on the 15th 工作日 from Sunday 15 Jun (16–20, 23–27 Jun, 30 Jun,
    # 1–4 Jul → 4 Jul 24:00); done 20 Jun, in time.
    events: list[Any] = [
        kit.ev("2025-06-20 17:00", "delivered", deliverable="工作交接"),
        kit.ev("2025-12-10 10:00", "delivered", deliverable="半年运维总结报告"),
    ]
    stamps = ("2025-09-12 16:00", "2025-12-12 16:00", "2026-03-13 16:00", "2026-06-12 16:00")
    for stamp, tech in zip(stamps, (12, 11, 13, 10), strict=True):
        events += judge(kit, stamp, "季度考核", tech)
    events += judge(kit, "2026-06-12 17:00", "最终考核", 13)
    events.sort(key=lambda e: e["at"])
    report = kit.replay(NAME, events, as_of="2026-06-20 00:00", params=params)
    quarters = [kit.period(report, f"服务季度:{k}") for k in (1, 2, 3, 4)]
    assert [q["end"] for q in quarters] == [
        "2025-09-15T00:00:00+08:00",
        "2025-12-15T00:00:00+08:00",
        "2026-03-15T00:00:00+08:00",
        "2026-06-15T00:00:00+08:00",
    ]
    assert [str(kit.card(q, "季度考核")["score"]) for q in quarters] == ["85", "84", "86", "83"]
    year = _year(kit, report)
    assert year["end"] == "2026-06-15T00:00:00+08:00"
    assert str(year["composite"]["最终得分"]["score"]) in ("85.4", "85.40")
    assert kit.flags(year) == ["退还履约保函"]
    assert (year["payment"]["status"], year["payment"]["payable"]) == ("no_terms", None)
    assert not report["outside_term"]
