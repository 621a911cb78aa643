"""What ``check`` says about measures over aggregates (docs/language.md §9): the aggregate's
names, and units — a ``downtime``/``mttr`` measure is a duration, compared with durations;
an ``availability`` measure is a percentage; a ``count`` is a number."""

from __future__ import annotations

import pytest

from slarules.check import check_ruleset
from slarules.language.parser import parse

RULES = """
ruleset "aggregates" { timezone "Asia/Shanghai" }
param start: date = 2025-06-01
calendar 全天 { hours "24x7" days CN }
period 服务季度 = cycle 3 months from start for 4
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 1h }
}
measure 年故障时间 per 服务季度 rolling 12 months = downtime(故障.restore)
measure 总故障数 per 服务季度 rolling 12 months = count(故障)
measure 可用率 per 服务季度 = availability(故障.restore)
flag 年故障超标 when 年故障时间 >= 24h or 总故障数 >= 10 or 可用率 < 99.5%
scorecard 季度考核 per 服务季度 max 6 {
  item 年故障 max 6 {
    points by 年故障时间, 总故障数 {
      [0h, 24h), [0, 10) -> 6
      [24h, inf), [0, inf) -> 0
      [0h, 24h), [10, inf) -> 0
    }
  }
}
"""


def found(text: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in check_ruleset(parse(text, "a.sla"))]


def test_aggregate_measures_check_clean() -> None:
    assert found(RULES) == []


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        # a duration compares with durations, a percentage with percentages
        ("年故障时间 >= 24h", "年故障时间 >= 24", "SLR110", "found a duration 年故障时间"),
        ("可用率 < 99.5%", "可用率 < 99.5", "SLR110", "expected a percentage"),
        ("总故障数 >= 10", "总故障数 >= 10h", "SLR110", "expected a number"),
        # a duration is not a number of units to deduct per
        ("points by 年故障时间, 总故障数 {",
         "deduct 1 per unit of 年故障时间 points by 年故障时间, 总故障数 {",
         "SLR110", "is a duration"),
        # a points table by a duration measure has duration rows
        ("[0h, 24h), [0, 10) -> 6", "[0, 24), [0, 10) -> 6", "SLR110", "a duration"),
        # names, as in any aggregate
        ("downtime(故障.restore)", "downtime(故障.respond)", "SLR203", "unknown metric"),
        ("count(故障)", "count(故障.restore)", "SLR211", "write count(故障)"),
        ("availability(故障.restore)", "availability(事件.restore)", "SLR202", "unknown SLA"),
    ],
)  # fmt: skip
def test_misuse_is_reported(old: str, new: str, code: str, words: str) -> None:
    assert old in RULES
    diagnostics = found(RULES.replace(old, new, 1))
    assert any(c == code and words in message for c, message in diagnostics), diagnostics


def test_one_diagnostic_per_mistake() -> None:
    diagnostics = found(RULES.replace("count(故障)", "count(故障.restore)", 1))
    assert [c for c, _ in diagnostics] == ["SLR211"]
