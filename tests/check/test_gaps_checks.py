"""What ``check`` says about the constructs added after writing the reference rulesets:
references, units and the new diagnostics (SLR213 payout, SLR315 scorecard max), and the
relaxed SLR410 for ``for N consecutive periods`` over a finer score."""

from __future__ import annotations

import pytest

from slarules.check import check_ruleset
from slarules.language.parser import parse

RULES = """
ruleset "gaps" { timezone "Asia/Shanghai" }
param contract_total: money = 1200元
param mid_due: date = 2026-06-30
calendar 全天 { hours "24x7" }
period 月 = month
period 季 = quarter
period 年 = year
kind 事故
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  pause restore in tier 一般
  tier 紧急 { restore 4h }
  tier 一般 { restore 8h }
}
scorecard 考核 per 年 { item 响应 max 100 { deduct 1 per breach of 故障.restore } }
scorecard 季考 per 季 { item 分 max 100 { judged } }
scorecard 月考 per 月 max 10 { }
payment per 年 {
  base contract_total
  milestone 尾款 payout - 600元 due 15 workdays after balance_invoiced
  milestone 中期 10元 due by mid_due when count(事故) == 0
  pay band 考核 { [90, 100] -> 100%  [0, 90) -> 80% }
  deduct band 考核 of contract_total cap 50元 { [90, 100] -> 0%  [0, 90) -> 2% }
  deduct 1% of contract_total per point below 90 in 考核 fraction prorated cap payout
  flag 修复慢 when mttr(故障.restore) >= 1h
  flag 连续两季不合格 when 季考 < 60 for 2 consecutive periods
}
"""


def codes(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in check_ruleset(parse(text, "gaps.sla"))]


def test_the_new_constructs_check_clean() -> None:
    assert codes(RULES) == []


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        # 1, 2: caps and band amounts are money
        ("cap 50元 {", "cap 5 {", "SLR110", "expected an amount of money"),
        ("考核 of contract_total cap", "考核 of 5% cap", "SLR110", "expected an amount of money"),
        # 3: payout needs one pay band, a base for milestones, and no self-reference
        ("base contract_total", "base payout", "SLR213", "cannot be read in the base"),
        ("pay band 考核 {", "deduct band 考核 {", "SLR213", "has no pay band"),
        ("base contract_total\n", "", "SLR213", "needs a base"),
        ("cap 50元 {", "cap payout {", "SLR213", "cannot be read in a band"),
        # 4: due by a date parameter
        ("due by mid_due", "due by contract_total", "SLR211", "due by a date parameter"),
        ("due by mid_due", "due by mid_dew", "SLR209", "did you mean “mid_due”"),
        # 5: durations are working time, and no money
        ("mttr(故障.restore) >= 1h", "mttr(故障.restore) >= 1 day", "SLR110", "such as 24h"),
        ("mttr(故障.restore) >= 1h", "mttr(故障.restore) >= 1元", "SLR110", "a duration"),
        ("mttr(故障.restore)", "mttr(故障)", "SLR211", "measures one metric"),
        # 6: pause tiers are the SLA's
        ("pause restore in tier 一般", "pause restore in tier 一班", "SLR204", "一般"),
        # 8: a coarser score cannot be stepped through inside a finer period
        ("季考 < 60 for 2", "季考 < 考核 for 2", "SLR410", "consecutive periods” in the payment"),
        # 9: a declared max must be what the items sum to
        ("scorecard 考核 per 年 {", "scorecard 考核 per 年 max 90 {", "SLR315", "sum to 100"),
    ],
)
def test_misuse_is_reported(old: str, new: str, code: str, words: str) -> None:
    assert old in RULES
    found = codes(RULES.replace(old, new, 1))
    assert any(c == code and words in message for c, message in found), found


def test_payout_outside_a_payment_has_no_value() -> None:
    found = codes(RULES + "composite 甲 per 年 = payout / 1元\n")
    assert [c for c, _ in found] == ["SLR213"]


def test_a_finer_score_may_be_stepped_through_but_not_a_coarser_one() -> None:
    # 连续两个季度 in a yearly payment is fine (the clean file above); a yearly score stepped
    # through in a monthly payment is SLR410.
    coarse = (
        RULES + "payment per 月 { base 1元  flag 差 when 考核 < 60 for 2 consecutive periods }\n"
    )
    found = codes(coarse)
    assert [c for c, _ in found] == ["SLR410"]
    assert "not finer than 月" in found[0][1]


def test_a_declared_max_replaces_the_sum_to_100_warning() -> None:
    # Items summing to 120 with `max 120`: neither SLR314 nor SLR315. The bands over 考核
    # then reach 120, the score with no deduction: bands up to 100 left (100, 120] to no
    # row (SLR303 since the second hostile pass; the replay stopped with SLR961).
    text = RULES.replace(
        "scorecard 考核 per 年 { item 响应 max 100 {",
        "scorecard 考核 per 年 max 120 { item 响应 max 120 {",
    )
    assert ("SLR303", "payment band 考核 leaves scores in (100, 120] uncovered") in codes(text)
    text = text.replace("[90, 100] ->", "[90, 120] ->")
    assert codes(text) == []
