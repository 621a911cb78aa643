"""Syntax added after writing the reference rulesets: it parses into the model, prints back
canonically (``parse(fmt(x)) == parse(x)``, ``fmt(fmt(x)) == fmt(x)``), and leaves the
older forms as they were."""

from __future__ import annotations

from slarules import model as m
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "gaps" { timezone "Asia/Shanghai" }
param contract_total: money = 1200元
param mid_due: date = 2026-06-30
calendar 全天 { hours "24x7" }
period 月 = month
kind 事故
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  pause restore in tier 一般, 轻微
  tier 紧急 { respond 10m  restore 4h }
  tier 一般 { respond 30m  restore 8h }
  tier 轻微 { }
}
scorecard 考核 per 月 { item 响应 max 100 { deduct 1 per breach of 故障.respond } }
scorecard 外部 per 月 max 10 { }
payment per 月 {
  base contract_total / 12
  milestone 预付款 50% of contract_total / 12 due 15 workdays after invoiced
  milestone 尾款 payout - 50% of contract_total / 12 due 15 workdays after balance_invoiced
  milestone 中期 25% of contract_total due by mid_due when count(事故) == 0
  milestone 年末 10元 due by 2026-12-31
  pay band 考核 of contract_total / 12 { [90, 100] -> 100%  [0, 90) -> 80% }
  deduct band (外部 of 10) of contract_total cap 50元 { [90, 100] -> 0%  [0, 90) -> 2% }
  deduct 5% of contract_total per point below 90 in 考核 fraction prorated cap contract_total / 12
  deduct (90 - 考核) * 1元 when 考核 < 90 cap 10元
  flag 修复慢 when mttr(故障.restore) >= 1h or downtime(故障.restore) > 24h
  flag 连续不合格 when 考核 < 60 for 2 consecutive periods
}
"""


def test_the_new_constructs_parse_into_the_model() -> None:
    model = parse(RULES, "gaps.sla")
    sla = model.slas[0]
    assert (sla.pauses, sla.pause_tiers) == (("restore",), ("一般", "轻微"))
    assert model.scorecards[1].max is not None and model.scorecards[1].max.text == "10"
    entries = model.payments[0].entries
    balance, mid, year_end = entries[2], entries[3], entries[4]
    assert isinstance(balance, m.Milestone) and isinstance(balance.amount, m.BinOp)
    assert isinstance(balance.amount.left, m.Payout)
    assert isinstance(mid, m.Milestone)
    assert (mid.delay, mid.after, mid.by) == (None, None, "mid_due")
    assert isinstance(mid.condition, m.Compare)
    assert isinstance(year_end, m.Milestone) and year_end.by_date is not None
    band = entries[6]
    assert isinstance(band, m.PaymentBand) and band.mode == "deduct"
    assert isinstance(band.score, m.BinOp) and isinstance(band.amount, m.Ref)
    assert isinstance(band.cap, m.Literal)
    linear, formula = entries[7], entries[8]
    assert isinstance(linear, m.LinearDeduction) and isinstance(linear.cap, m.BinOp)
    assert isinstance(formula, m.FormulaDeduction) and isinstance(formula.cap, m.Literal)
    flag = entries[9]
    assert isinstance(flag, m.Flag) and isinstance(flag.condition, m.Or)
    left = flag.condition.left
    assert isinstance(left, m.Compare) and isinstance(left.left, m.Aggregate)
    assert left.left.fn == "mttr"


def test_the_new_constructs_print_back() -> None:
    model = parse(RULES, "gaps.sla")
    printed = format_ruleset(model)
    assert parse(printed, "gaps.sla") == model
    assert format_ruleset(parse(printed, "gaps.sla")) == printed
    for text in (
        "pause restore in tier 一般, 轻微",
        "scorecard 外部 per 月 max 10 { }",
        "due 15 workdays after balance_invoiced",
        "due by mid_due when count(事故) == 0",
        "due by 2026-12-31",
        "pay band 考核 of contract_total / 12 {",
        # `of` inside a band's score prints as `*`: a bare `of` would end the score.
        "deduct band 外部 * 10 of contract_total cap 50元 {",
        "fraction prorated cap contract_total / 12",
        "when 考核 < 90 cap 10元",
        "mttr(故障.restore) >= 1h or downtime(故障.restore) > 24h",
    ):
        assert text in printed, text


def test_a_pause_line_may_still_be_followed_by_a_tier() -> None:
    # `pause restore` then `tier 紧急 { … }`: the older form, unchanged (which is why the
    # filter is written `in tier`).
    model = parse(RULES.replace("pause restore in tier 一般, 轻微", "pause restore"), "x.sla")
    assert (model.slas[0].pauses, model.slas[0].pause_tiers) == (("restore",), ())
    assert [t.name for t in model.slas[0].tiers] == ["紧急", "一般", "轻微"]


def test_payout_is_a_name_where_a_name_is_expected() -> None:
    # Issue 13: keywords are not reserved where a name is expected (a parameter's name);
    # in an expression `payout` stays the payment's value (tests/language/test_keyword_names.py).
    model = parse(RULES.replace("param mid_due", "param payout"), "x.sla")
    assert "payout" in [p.name for p in model.params]
