"""``Ruleset.names``: the one name index of a rule file's declarations."""

from __future__ import annotations

from slarules import model as m
from slarules.language.parser import parse

RULES = """
ruleset "names" {
  timezone "Asia/Shanghai"
}
param contract_total: money = 100万元
calendar office {
  hours "mon-fri 09:00-17:00"
}
period 月度 = month
"""


def test_names_index_each_declaration_by_name() -> None:
    model = parse(RULES, "names.sla")
    assert model.names.params["contract_total"] is model.params[0]
    assert model.names.calendars["office"] is model.calendars[0]
    assert model.names.periods["月度"] is model.periods[0]
    assert model.names.slas == {}


def test_a_repeated_name_finds_the_first_declaration() -> None:
    # The checker reports the repeat (SLR2xx); an unchecked model still answers as the
    # linear search it replaces did: the first declaration with the name.
    first = m.PeriodDef("p", "month")
    second = m.PeriodDef("p", "year")
    model = m.RuleFile("twice", periods=(first, second))
    assert model.names.periods["p"] is first


def test_names_follow_a_changed_ruleset() -> None:
    model = m.RuleFile("before", periods=(m.PeriodDef("p", "month"),))
    changed = m.evolve(model, periods=(m.PeriodDef("q", "year"),))
    assert isinstance(changed, m.RuleFile)
    assert set(changed.names.periods) == {"q"}
