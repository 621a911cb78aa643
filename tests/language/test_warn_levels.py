"""``warn at 50%, 75%, 90%`` in an SLA: parsed, printed back by ``fmt`` (round trip), and
checked (SLR131: levels above 0%, at most 100%, rising)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

TEMPLATE = """ruleset "w" {{
  timezone "Asia/Shanghai"
}}

calendar 全天 {{
  hours "24x7"
  days none
}}

sla 运维 {{
  calendar 全天
  metric respond from opened to responded
  {warn}
  tier P1 {{
    respond 4小时
  }}
}}
"""


def test_warn_levels_parse_and_print_back() -> None:
    text = TEMPLATE.format(warn='warn at 50%, 75%, 90% cite "按 50/75/90% 预警"')
    model = parse(text, "w.sla")
    warn = model.slas[0].warn
    assert warn is not None
    assert [level.number for level in warn.levels] == [50, 75, 90]
    assert warn.cite == "按 50/75/90% 预警"
    assert format_ruleset(model) == text
    spaced = TEMPLATE.format(warn="warn at 80 %")  # a percentage as written is kept
    assert format_ruleset(parse(spaced, "x.sla")) == spaced


def test_an_sla_without_warn_levels_prints_none() -> None:
    model = parse(TEMPLATE.format(warn=""), "w.sla")
    assert model.slas[0].warn is None
    assert "warn" not in format_ruleset(model)


@pytest.mark.parametrize(
    ("levels", "bad"),
    [("0%", ["0%"]), ("50%, 101%", ["101%"]), ("75%, 50%", ["50%"]), ("50%, 50%", ["50%"])],
)
def test_levels_must_rise_between_0_and_100(levels: str, bad: list[str]) -> None:
    model = parse(TEMPLATE.format(warn=f"warn at {levels}"), "w.sla")
    found = [d for d in check_ruleset(model) if d.code == "SLR131"]
    assert [d.message.split()[2] for d in found] == bad


def test_the_ruleset_gives_its_levels() -> None:
    rules = slarules.loads(TEMPLATE.format(warn="warn at 50%, 75.5%, 100%"))
    assert rules.warn_levels("运维") == (Decimal(50), Decimal("75.5"), Decimal(100))
