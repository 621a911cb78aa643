"""The printer's small text functions (``expr_text``, ``cond_text``, ``rule_text``…): one
spelling of rules and expressions, shared by ``fmt``, the report and the checker. They work
on any model, with no comments or source, and what they print reads back as the same
model."""

from __future__ import annotations

import pytest

from slarules import model as m
from slarules.language.parser import parse
from slarules.language.printer import (
    aggregate_text,
    cond_text,
    counter_text,
    expr_text,
    interval_text,
    row_text,
    rule_text,
)

HEAD = 'ruleset "t" { }\nperiod 年 = year\n'


def composite_expr(text: str) -> m.Expr:
    return parse(f"{HEAD}composite c per 年 = {text}\n").composites[0].expr


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        # A negated sum keeps its parentheses: "-a + b" would be another expression.
        ("-(a + b) * 2", "-(a + b) * 2"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("(a + b) / c", "(a + b) / c"),
        ("a / (b * c)", "a / (b * c)"),
        # `of` and `×` are one model with `*`; without the source, `*` is written.
        ("a of (b × c)", "a * (b * c)"),
        ("min(a, max(b, 1)) + 5%", "min(a, max(b, 1)) + 5%"),
        ('"服务 考核" * 50% + mean(季度)', '"服务 考核" * 50% + mean(季度)'),
        ("count(事件 tier 一级, 二级) + late(报告)", "count(事件 tier 一级, 二级) + late(报告)"),
        (
            "if a >= 90 and not 小企业 or b < 1 for 2 consecutive periods then 1 else 0 end",
            "if a >= 90 and not 小企业 or b < 1 for 2 consecutive periods then 1 else 0 end",
        ),
    ],
)
def test_expressions_print_with_the_fewest_parentheses(written: str, printed: str) -> None:
    e = composite_expr(written)
    assert expr_text(e) == printed
    assert expr_text(composite_expr(printed)) == printed  # reads back as the same model


def test_the_source_word_for_a_product_is_the_callers_choice() -> None:
    e = composite_expr("a of b")
    assert expr_text(e) == "a * b"
    assert expr_text(e, mul=lambda node: "of") == "a of b"


def test_a_condition_the_language_cannot_write_is_refused() -> None:
    # Conditions have no parentheses, so `a or (b or c)` has no text (parsing gives the
    # left-nested model); printing it as `a or b or c` would be another model.
    a, b, c = (m.ParamCondition(n) for n in "abc")
    assert cond_text(m.Or(m.Or(a, b), c)) == "a or b or c"
    with pytest.raises(ValueError, match="cannot be written"):
        cond_text(m.Or(a, m.Or(b, c)))


RULES = """
kind "系统 故障"
sla 事件 { metric resolve from opened to resolved tier 一级 { resolve 4h } }
scorecard 卡 per 年 {
  item 一 max 10 { deduct judged [1, 5] per occurrence of "系统 故障" cap 8 }
  item 二 max 10 { award 1 per breach of 事件.resolve tier 一级 }
  item 三 max 10 { judged step 0.5 }
  item 四 max 70 {
    points by count(事件 tier 一级), mttr(事件.resolve) {
      优: [0, 1), (-inf, 4h] -> 70
      [1, inf), [0h, inf) -> judged [0, 60]
    }
  }
}
"""


def test_rules_print_as_the_rule_file_writes_them() -> None:
    items = m.walk_items(parse(HEAD + RULES).scorecards[0].entries)
    assert [rule_text(i.rules[0]) for i in items] == [
        'deduct judged [1, 5] per occurrence of "系统 故障" cap 8',
        "award 1 per breach of 事件.resolve tier 一级",
        "judged step 0.5",
        "points by count(事件 tier 一级), mttr(事件.resolve)",
    ]
    table = items[3].rules[0]
    assert isinstance(table, m.PointsTable)
    assert [row_text(r) for r in table.rows] == [
        "优: [0, 1), (-inf, 4h] -> 70",
        "[1, inf), [0h, inf) -> judged [0, 60]",
    ]
    first = items[0].rules[0]
    assert isinstance(first, m.CountRule)
    assert counter_text(first.counter) == 'occurrence of "系统 故障"'
    assert aggregate_text(table.aggregates[1]) == "mttr(事件.resolve)"
    assert interval_text(table.rows[0].intervals[1]) == "(-inf, 4h]"
