"""Files that checked clean and stopped at replay, found by the mutant generator
(tests/check/fuzz/), each shrunk by hand to a few lines, with what ``check`` says now.

- an item with two ``judged`` rules (or a judged rule and a points table): SLR965 at every
  replay; now SLR134 at the second rule;
- a judged amount on a counter that has no occurrence events (``per breach of``, ``per 3
  occurrences of``): SLR965 at every replay; now SLR135 at the amount;
- a points table with no row: SLR961 in every period; now SLR306 (the gap is the whole
  domain);
- ``cycle 0 months`` with a term and a base paid per it: ``check`` itself stopped with a
  traceback (ZeroDivisionError, while it added up the bases against contract_total); now
  SLR106 alone;
- a per-occurrence, per-point or ``credit … when`` amount that reads a score and can be
  negative: SLR965 in a period with a low score; now the warning SLR118, like SLR133 for a
  divisor that can be zero.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse

BASE = """\
ruleset "t" { timezone "Asia/Shanghai" }
param total: money = 100000元
kind 事件
period 月度 = month
calendar 全天 { hours "24x7" days CN }
sla 故障 { calendar 全天 metric respond from opened to responded tier 一 { respond 1h } }
scorecard 考核 per 月度 {
  item a max 100 { ITEM }
}
payment per 月度 { base total PAY }
"""
# March: one 事件 and one ticket of 故障 answered after 2 hours (its target is 1 hour, so
# one breach of 故障.respond).
EVENTS = [
    {"at": "2026-03-05T10:00:00+08:00", "type": "occurrence", "kind": "事件"},
    {
        "at": "2026-03-05T10:00:00+08:00",
        "type": "opened",
        "ticket": "t1",
        "sla": "故障",
        "tier": "一",
    },
    {"at": "2026-03-05T12:00:00+08:00", "type": "responded", "ticket": "t1"},
]
AS_OF = "2026-04-01T00:00:00+08:00"
ITEM_COLUMN = len("  item a max 100 { ") + 1


def text(item: str, pay: str = "") -> str:
    return BASE.replace("ITEM", item).replace("PAY", pay)


def found(item: str, pay: str = "") -> list[tuple[str, str, int, int]]:
    model = parse(text(item, pay), "t.sla")
    return [(d.code, d.severity, d.line, d.col) for d in check_ruleset(model) if d.code != "SLR501"]


def replay_unchecked(item: str, pay: str = "", events: list[dict[str, object]] = EVENTS) -> None:
    """The replay as it ran when ``check`` let the file through."""
    slarules.Ruleset(parse(text(item, pay), "t.sla")).replay(events, as_of=AS_OF)


# ---- SLR134 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "second"),
    [
        ("judged judged", "judged judged".rindex("judged")),
        (
            "judged points by count(故障) { [0, inf) -> 5 }",
            "judged points by count(故障) { [0, inf) -> 5 }".index("points"),
        ),
        (
            "points by count(故障) { [0, inf) -> 5 } judged",
            "points by count(故障) { [0, inf) -> 5 } judged".rindex("judged"),
        ),
    ],
)
def test_an_item_with_two_starting_rules_is_refused_at_the_second(item: str, second: int) -> None:
    assert ("SLR134", "error", 8, ITEM_COLUMN + second) in found(item)
    with pytest.raises(slarules.RuleError, match="SLR965"):
        replay_unchecked(item)


def test_one_judged_rule_with_deductions_beside_it_is_fine() -> None:
    assert found("judged deduct 5 per occurrence of 事件") == []


# ---- SLR135 -------------------------------------------------------------------------------

AMOUNT_COLUMN = ITEM_COLUMN + len("deduct ")


@pytest.mark.parametrize(
    "counter", ["breach of 故障.respond", "2 occurrences of 事件", "breached ticket of 故障"]
)
def test_a_judged_amount_needs_occurrence_events(counter: str) -> None:
    item = f"deduct judged [1, 5] per {counter}"
    assert ("SLR135", "error", 8, AMOUNT_COLUMN) in found(item)
    # The points an occurrence of 事件 would carry; an event error when no rule judges 事件.
    judged = "事件" in counter
    events = [dict(e, points=3) if e["type"] == "occurrence" and judged else e for e in EVENTS]
    with pytest.raises(slarules.RuleError, match="SLR965"):
        replay_unchecked(item, events=events)


@pytest.mark.parametrize("counter", ["occurrence of 事件", "unit of 事件"])
def test_a_judged_amount_per_occurrence_or_unit_is_fine(counter: str) -> None:
    assert found(f"deduct judged [1, 5] per {counter}") == []


# ---- SLR306 for an empty table ----------------------------------------------------------


def test_a_points_table_without_rows_leaves_every_count_uncovered() -> None:
    item = "points by count(故障) { }"
    assert ("SLR306", "error", 8, ITEM_COLUMN) in found(item)
    with pytest.raises(slarules.RuleError, match="SLR961"):
        replay_unchecked(item)


# ---- SLR118 -------------------------------------------------------------------------------

# 考核 is a scorecard of max 100 floored at 0: (考核 - 50) × 100元 runs from (0 - 50) × 100
# = -5000元 to 5000元. The one 事件 in March deducts 60 points, so 考核 is 40 in March and
# the amount (40 - 50) × 100元 = -1000元: the replay stopped there.
NEGATIVE = [
    "deduct (考核 - 50) * 100元 per occurrence of 事件",
    "credit (考核 - 50) * 100元 when 考核 < 100",
    "deduct (考核 - 50) * 100元 per point of 100 - 考核",
]


@pytest.mark.parametrize("line", NEGATIVE)
def test_an_amount_that_a_low_score_makes_negative_is_a_warning(line: str) -> None:
    item = "deduct 60 per occurrence of 事件"
    column = len("payment per 月度 { base total ") + len(line.split(" ", 1)[0]) + 2
    assert found(item, line) == [("SLR118", "warning", 10, column)]
    rules = slarules.loads(text(item, line), "t.sla")
    message = next(d.message for d in rules.warnings if d.code == "SLR118")
    assert "as low as -5000" in message
    with pytest.raises(slarules.RuleError, match="SLR965"):
        rules.replay(EVENTS, as_of=AS_OF)


@pytest.mark.parametrize(
    "line",
    [
        "deduct max((考核 - 50) * 100元, 0元) per occurrence of 事件",
        "deduct 考核 * 100元 per occurrence of 事件",  # a floored score is never below 0
        "deduct if 考核 >= 50 then (考核 - 50) * 100元 else 0元 end per occurrence of 事件",
        "deduct total - 900元 per occurrence of 事件",  # parameters only: judged at replay
    ],
)
def test_an_amount_kept_from_below_zero_is_not_reported(line: str) -> None:
    assert found("deduct 60 per occurrence of 事件", line) == []


def test_an_if_that_does_not_keep_the_amount_from_below_zero_still_warns() -> None:
    # 考核 >= 30 leaves 考核 in [30, 100]: (30 - 50) × 100元 = -2000元 at the lowest.
    line = "deduct if 考核 >= 30 then (考核 - 50) * 100元 else 0元 end per occurrence of 事件"
    rules = slarules.loads(text("deduct 60 per occurrence of 事件", line), "t.sla")
    messages = [d.message for d in rules.warnings if d.code == "SLR118"]
    assert len(messages) == 1 and "as low as -2000" in messages[0], messages


# ---- check itself: a cycle of 0 months ------------------------------------------------


def test_a_cycle_of_zero_months_with_a_paid_base_is_reported_not_a_traceback() -> None:
    text = (
        'ruleset "t" { timezone "Asia/Shanghai" }\n'
        "param contract_total: money = 1200元\n"
        "period 服务月 = cycle 0 months from 2026-01-01 for 12\n"
        "payment per 服务月 { base contract_total / 12 }\n"
    )
    found = [(d.code, d.line, d.col) for d in check_ruleset(parse(text, "t.sla"))]
    assert found == [("SLR106", 3, 1)]


# ---- a band over a `percent of` measure --------------------------------------------------

RATE = """\
ruleset "t" { timezone "Asia/Shanghai" }
param total: money = 100000元
period 月度 = month
calendar 全天 { hours "24x7" days CN }
sla 故障 { calendar 全天 metric respond from opened to responded tier 一 { respond 1h } }
measure 响应率 per 月度 = percent of 故障.respond met if no tickets 100%
payment per 月度 { base total deduct band 响应率 of total { ROWS } }
"""


def test_a_band_over_a_rate_measure_takes_percentage_rows() -> None:
    """Refused whatever its rows: percentage rows were "expected a score" (SLR110), score
    rows left (100, inf) uncovered (SLR303). A `percent of` measure is a percentage, as
    availability(…) is."""
    rules = slarules.loads(RATE.replace("ROWS", "[0%, 90%) -> 5%  [90%, 100%] -> 0%"), "t.sla")
    # March: the one ticket answered after 2 hours against "respond 1h": 0 of 1 targets
    # met, 响应率 0%, row [0%, 90%): 5% of 100000元 = 5000元 deducted, 95000元 payable.
    report = rules.replay(EVENTS[1:], as_of=AS_OF)
    march = next(p for p in report.periods if p.label == "2026-03")
    assert march.payment is not None
    assert march.payment.payable == Decimal("95000.00")
    with pytest.raises(slarules.RuleError, match="SLR110"):
        slarules.loads(RATE.replace("ROWS", "[0, 90) -> 5%  [90, 100] -> 0%"), "t.sla")


@pytest.mark.parametrize(
    ("line", "payable"),
    [
        # 考核 is 40 in March: (40 - 50) × 100元 = -1000元 "deducted", so 100000 + 1000.
        ("deduct (考核 - 50) * 100元 when 考核 < 90", "101000.00"),
        # (40 - 50) × 1元 = -10元 a point, 90 - 40 = 50 points below: -500元 "deducted".
        ("deduct (考核 - 50) * 1元 per point below 90 in 考核 fraction prorated", "100500.00"),
    ],
)
def test_a_deduction_that_a_low_score_turns_round_is_a_warning(line: str, payable: str) -> None:
    """No stop here: the line is taken as it is, and the deduction pays the vendor more."""
    rules = slarules.loads(text("deduct 60 per occurrence of 事件", line), "t.sla")
    messages = [d.message for d in rules.warnings if d.code == "SLR118"]
    assert len(messages) == 1 and "turns round" in messages[0], messages
    march = next(p for p in rules.replay(EVENTS, as_of=AS_OF).periods if p.label == "2026-03")
    assert march.payment is not None
    assert march.payment.payable == Decimal(payable)


def test_a_negative_amount_that_does_not_end_in_cents_is_shown_rounded() -> None:
    # 考核 is 40 in March: (40 - 50) × 100元 / 3 = -333.333…元; the message showed the
    # quotient to 60 digits, which hid the sign the message is about.
    line = "deduct (考核 - 50) * 100元 / 3 per occurrence of 事件"
    rules = slarules.loads(text("deduct 60 per occurrence of 事件", line), "t.sla")
    with pytest.raises(slarules.RuleError, match=r"the amount is ≈-333\.33; state it") as error:
        rules.replay(EVENTS, as_of=AS_OF)
    assert "333333" not in str(error.value)
