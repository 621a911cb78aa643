"""Two money checks that ``check`` did not make:

- SLR136: a money literal with a third decimal (``100000.005元``) was evaluated as written
  while ``--param contract_total=100000.005`` is a usage error ("money is in 分, 2
  decimals"): the rule file now gets a located error; the amount of a ``per …`` line is a
  rate (money per occurrence or per point) and may have more decimals.
- SLR118 for the base and the milestones: an amount that reads a score and can be negative
  was warned on deduction and credit lines only; a ``base`` a low score makes negative was
  replayed as a refund without a word.
"""

from __future__ import annotations

import json

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.errors import ERROR, WARNING
from slarules.language.parser import parse

HEAD = """\
ruleset "t" { timezone "Asia/Shanghai" }
param total: money = TOTAL
kind 事件
period 月度 = month
scorecard 考核 per 月度 {
  item a max 100 { deduct 60 per occurrence of 事件 }
}
payment per 月度 { PAY }
"""
PAY_LINE = 8
PAY_COLUMN = len("payment per 月度 { ") + 1


def text(pay: str, total: str = "100000元") -> str:
    return HEAD.replace("TOTAL", total).replace("PAY", pay)


def found(pay: str, total: str = "100000元") -> list[tuple[str, str, int, int]]:
    model = parse(text(pay, total), "t.sla")
    return [(d.code, d.severity, d.line, d.col) for d in check_ruleset(model) if d.code != "SLR501"]


# ---- SLR136 -------------------------------------------------------------------------------


def test_a_parameter_default_with_a_third_decimal_is_refused_where_it_is_written() -> None:
    column = len("param total: money = ") + 1
    assert found("base total", "100000.005元") == [("SLR136", ERROR, 2, column)]


@pytest.mark.parametrize(
    "pay",
    [
        "base total - 0.001元",
        "base total deduct 5.555元 when 考核 < 90",
        "base total deduct 5% of total when 考核 < 90 cap 100.125元",
        "base total damages 5.555元 when 考核 < 90",
    ],
)
def test_an_amount_with_a_third_decimal_is_refused_at_the_literal(pay: str) -> None:
    literal = next(w for w in pay.split() if w.endswith("元") and "." in w)
    assert found(pay) == [("SLR136", ERROR, PAY_LINE, PAY_COLUMN + pay.index(literal))]


@pytest.mark.parametrize(
    "pay",
    [
        "base total - 0.01元",  # whole 分
        "base 1.23456万元",  # 12345.6元: 万元 is multiplied out before the check
        "base total deduct 0.125元 per occurrence of 事件",  # a rate per occurrence
        "base total deduct 0.005元 per point of 100 - 考核",  # a rate per point
        "base total damages 0.125元 per occurrence of 事件",  # a rate per occurrence
        "base total deduct 5.5% of total when 考核 < 90.125",  # percentages, scores
    ],
)
def test_whole_cents_rates_and_percentages_are_not_reported(pay: str) -> None:
    assert found(pay) == []


def test_the_rule_file_and_param_agree() -> None:
    # The same value is refused from the command line (engine/options.py) and in the file.
    rules = slarules.loads(text("base total"), "t.sla")
    with pytest.raises(slarules.UsageError, match="more decimals than money has"):
        rules.replay([], params={"total": "100000.005"})
    with pytest.raises(slarules.RuleError, match="SLR136"):
        slarules.loads(text("base total", "100000.005元"), "t.sla")


# ---- SLR118 on the base and the milestones --------------------------------------------------

# 考核 is a scorecard of max 100 floored at 0: (考核 - 50) × 100元 runs from -5000元 to
# 5000元. One 事件 in March deducts 60 points: 考核 is 40 and the base (40 - 50) × 100元 =
# -1000元, which the replay pays back as a refund of 1000元.
EVENTS = [{"at": "2026-03-05T10:00:00+08:00", "type": "occurrence", "kind": "事件"}]


@pytest.mark.parametrize(
    "pay",
    [
        "base (考核 - 50) * 100元",
        "base total milestone 尾款 (考核 - 50) * 100元 due 15 workdays after 事件",
    ],
)
def test_a_base_or_milestone_a_low_score_makes_negative_is_a_warning(pay: str) -> None:
    column = PAY_COLUMN + pay.index("(考核")
    assert found(pay) == [("SLR118", WARNING, PAY_LINE, column)]
    rules = slarules.loads(text(pay), "t.sla")
    message = next(d.message for d in rules.warnings if d.code == "SLR118")
    assert "as low as -5000" in message
    assert "paid back to the customer as a refund" in message


def test_the_negative_base_it_warns_of_is_refunded() -> None:
    rules = slarules.loads(text("base (考核 - 50) * 100元"), "t.sla")
    report = json.loads(rules.replay(EVENTS, as_of="2026-04-01T00:00:00+08:00").to_json())
    march = next(p for p in report["periods"] if p["period"] == "2026-03")
    lines = {x["kind"]: x["amount"] for x in march["payment"]["lines"]}
    assert lines == {"base": "-1000.00", "refund": "1000.00"}


@pytest.mark.parametrize(
    "pay",
    [
        "base max((考核 - 50) * 100元, 0元)",
        "base 考核 * 100元",  # a floored score is never below 0
        "base total - 900元",  # parameters only: judged at replay
        # The balance after an advance: its sign depends on the pay band's rows and the
        # base together (fujian-slt-2024's 剩余服务费), which the ranges do not relate.
        "base total milestone 尾款 payout - 50% of total due 15 workdays after 事件 "
        "pay band 考核 { [0, 100] -> 100% }",
    ],
)
def test_a_base_or_milestone_kept_from_below_zero_is_not_reported(pay: str) -> None:
    assert found(pay) == []


def test_a_quotient_of_quantities_that_are_never_negative_is_not_reported_negative() -> None:
    # total ≥ 0 and 考核 in [0, 100]: total / 考核 is 0 or more wherever it has a value
    # (where 考核 is 0 the replay stops at the division: SLR133 says so), so SLR118 is not
    # given; before, any divisor that could be zero made the range (-∞, ∞).
    assert [code for code, *_ in found("base total / 考核")] == ["SLR133"]
    assert [code for code, *_ in found("base total / (考核 - 50)")] == ["SLR118", "SLR133"]
