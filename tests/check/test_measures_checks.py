"""What ``check`` says about measures (docs/language.md §9, check/measures.py): names,
units (a rate is a percentage), escalation rows without overlaps or gaps, windows, and
which fields events may carry; every diagnostic with its position."""

from __future__ import annotations

import pytest

from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

RULES = """
ruleset "measures" { timezone "Asia/Shanghai" }
calendar 办公 { hours "mon-fri 09:00-17:00" days CN }
calendar 全天 { hours "24x7" }
period 月度 = month
period 服务期 = cycle 12 months from 2025-01-01 for 2
sla 工单 {
  calendar 办公
  metric resolve from opened to resolved
  tier 一般 { resolve 2 workdays }
}
sla 视频 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 4h }
}
measure 延误扣分 per 月度 = lateness of 工单.resolve in started workdays {
  [1, 3) -> 0.5 each
  [3, inf) -> 1 each
} cap 5 per ticket
measure 达标率 per 月度 = percent of 工单.resolve met tier 一般 if no tickets 100%
measure 违约数 per 服务期 rolling 12 months = count of breaches of 工单.resolve
measure 不达标月数 per 月度 rolling 12 months = count of 月度 where 达标率 < 90%
measure 超时路数 per 月度 = count of 视频 by camera where downtime(视频.restore) > 8h
scorecard 考核 per 月度 {
  item 工单 max 100 {
    deduct 1 per unit of 延误扣分
    deduct 0.5 per point below 90% of 达标率
    deduct 1 per unit of 超时路数
  }
}
flag 三次 when 不达标月数 >= 3
composite 年违约 per 服务期 = 违约数
"""


def found(text: str) -> list[tuple[str, str, int, int]]:
    return [(d.code, d.message, d.line, d.col) for d in check_ruleset(parse(text, "m.sla"))]


def test_measures_check_clean_and_print_back() -> None:
    assert found(RULES) == []
    model = parse(RULES, "m.sla")
    assert parse(format_ruleset(model), "m.sla") == model


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        # rows: overlap (error), gap (warning), bounds that are not unit numbers, amounts
        ("[3, inf) -> 1 each", "[2, inf) -> 1 each", "SLR331", "two rows hold started unit 2"),
        ("[3, inf) -> 1 each", "[4, inf) -> 1 each", "SLR330", "started units 3"),
        ("[1, 3) -> 0.5 each", "[0.5, 3) -> 0.5 each", "SLR160", "whole numbers from 1"),
        ("[1, 3) -> 0.5 each", "[1h, 3) -> 0.5 each", "SLR160", "whole numbers from 1"),
        ("cap 5 per ticket", "cap 0 per ticket", "SLR160", "points > 0"),
        # a rate is a percentage: compared with 90, or a number threshold, is wrong
        ("达标率 < 90%", "达标率 < 90", "SLR110", "expected a percentage"),
        ("below 90% of 达标率", "below 90 of 达标率", "SLR110", "must be too"),
        ("below 90% of 达标率", "below 90% of 延误扣分", "SLR110", "must be too"),
        ("if no tickets 100%", "if no tickets 120%", "SLR160", "between 0% and 100%"),
        (" if no tickets 100%", "", "SLR161", "if no tickets 100%"),
        # names
        ("lateness of 工单.resolve", "lateness of 工单.respond", "SLR203", "unknown metric"),
        ("met tier 一般", "met tier 紧急", "SLR204", "unknown tier"),
        ("of breaches of 工单", "of breaches of 工作", "SLR202", "unknown SLA"),
        ("count of 月度 where", "count of 月份 where", "SLR208", "unknown period"),
        ("deduct 1 per unit of 延误扣分", "deduct 1 per unit of 延误分", "SLR205", "unknown kind"),
        ("below 90% of 达标率", "below 90% of 达标", "SLR209", "unknown measure"),
        ("measure 超时路数 per 月度", "measure 达标率 per 月度", "SLR130", "already declared"),
        # windows and periods
        ("rolling 12 months = count of breaches", "rolling 36 months = count of breaches",
         "SLR430", "longer than the term"),
        ("per 月度 rolling 12 months = count of 月度", "per 月度 = count of 服务期", "SLR164",
         "none fits"),
        ("deduct 1 per unit of 延误扣分", "deduct 1 per unit of 违约数", "SLR163", "per 服务期"),
        ("flag 三次 when 不达标月数 >= 3",
         "payment per 月度 { base 1元  deduct 1元 per point below 90 in 达标率 fraction up }",
         "SLR110", "expected a percentage, like the score"),
        # the group field is the log's own
        ("by camera", "by note", "SLR162", "name a field of your own"),
    ],
)  # fmt: skip
def test_misuse_is_reported(old: str, new: str, code: str, words: str) -> None:
    assert old in RULES
    diagnostics = found(RULES.replace(old, new, 1))
    assert any(c == code and words in message for c, message, _, _ in diagnostics), diagnostics


def test_an_overlap_is_reported_at_the_row_that_overlaps() -> None:
    diagnostics = found(RULES.replace("[3, inf) -> 1 each", "[2, inf) -> 1 each", 1))
    assert [(c, line, col) for c, _, line, col in diagnostics] == [("SLR331", 19, 3)]


def test_a_measure_that_depends_on_itself_through_a_scorecard() -> None:
    # 不达标月数 counts months by 达标率; make the scorecard deduct per 不达标月数 and count
    # months by the scorecard instead: 不达标月数 → 考核 → 不达标月数.
    text = RULES.replace("where 达标率 < 90%", "where 考核 < 60").replace(
        "deduct 1 per unit of 超时路数", "deduct 1 per unit of 不达标月数"
    )
    diagnostics = found(text)
    assert [(c, message) for c, message, _, _ in diagnostics] == [
        (
            "SLR165",
            "measure 不达标月数 depends on itself (不达标月数 → 考核 → 不达标月数); "
            "it has no value",
        )
    ]


def test_a_points_table_by_a_rate_is_checked_as_percentages() -> None:
    table = """
scorecard 接通考核 per 月度 max 10 {
  item 接通 max 10 {
    points by 达标率 { [95%, 100%] -> 10  [80%, 95%) -> 6  [0%, 80%) -> 0 }
  }
}
"""
    assert found(RULES + table) == []
    gap = found(RULES + table.replace("[80%, 95%)", "[85%, 95%)"))
    assert [c for c, *_ in gap] == ["SLR306"]
    plain = found(RULES + table.replace("[95%, 100%]", "[95, 100]"))
    assert any(c == "SLR110" and "a percentage" in message for c, message, *_ in plain), plain
