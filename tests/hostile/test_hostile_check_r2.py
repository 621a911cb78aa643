"""Second hostile pass: files ``check`` accepted whose every replay stopped.

Found by ``test_hostile_constructs_r2.py`` and by hand; each is now refused by ``check`` at
its line, and each test also shows the stop the diagnostic prevents (the model replayed
with the check's verdict set aside).

- ``cycle 3 months from start through 2026-01-31`` with ``start`` 2026-06-01: "runs
  through 2026-01-31, before its start" at every replay (a ``ValueError`` from Python).
  Now SLR106. A term ``through`` more than 120 months after its start (1950 to 2100: 1,812
  monthly cycles) passed although ``for N`` is bounded to 120 months: now SLR119.
- A band over a composite whose expression leaves [0, 100] (``卡 * 2 - 50`` reaches 150;
  ``卡 - 50`` reaches −50) or over a scorecard of ``max 120`` was checked over [0, 100]:
  the replay stopped with "no row of pay band … covers 150" (SLR961). The axis is now the
  expression's range (``slarules.check.score_range``), widened to include [0, 100].
"""

from __future__ import annotations

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse

HEAD = """\
ruleset "t" { timezone "Asia/Shanghai" }
param start: date = 2026-06-01
param total: money = 1000元
kind 事件
period 月度 = month
"""
AS_OF = "2026-12-31T00:00:00+08:00"
INVOICE = [{"at": "2026-07-02T10:00:00+08:00", "type": "milestone", "name": "invoiced"}]
DEDUCT = [{"at": "2026-07-05T10:00:00+08:00", "type": "occurrence", "kind": "事件"}]


def diagnostics(text: str) -> list[tuple[str, int, str]]:
    found = check_ruleset(parse(text, "t.sla"))
    # Not the point here: unused parameters (SLR501), weights not summing to 100% (SLR312).
    return [(d.code, d.line, d.message) for d in found if d.code not in ("SLR501", "SLR312")]


def replay_anyway(text: str, events: list[dict[str, object]]) -> None:
    slarules.Ruleset(parse(text, "t.sla")).replay(events, as_of=AS_OF)


@pytest.mark.parametrize(
    ("term", "code", "message"),
    [
        ("from start through 2026-01-31", "SLR106", "runs through 2026-01-31, before its start"),
        ("from 2026-06-01 through 2026-05-31", "SLR106", "before its start 2026-06-01"),
        ("from 1950-01-01 through 2100-12-31", "SLR119", "is more than the 120 months"),
        ("from start through 2036-06-01", "SLR119", "is more than the 120 months"),
    ],
)
def test_a_term_through_a_day_before_its_start_or_too_far_is_refused(
    term: str, code: str, message: str
) -> None:
    text = HEAD + f"period 周期 = cycle 3 months {term}\npayment per 周期 {{ base total }}\n"
    found = [(c, line) for c, line, m in diagnostics(text) if message in m]
    assert found == [(code, 6)], diagnostics(text)


def test_the_term_before_its_start_stopped_the_replay() -> None:
    text = HEAD + "period 周期 = cycle 3 months from start through 2026-01-31\n"
    text += "payment per 周期 { base total }\n"
    with pytest.raises(ValueError, match="before its start"):
        replay_anyway(text, INVOICE)


def test_the_longest_term_through_a_day_is_accepted() -> None:
    text = HEAD + "period 周期 = cycle 3 months from start through 2036-05-31\n"
    text += "payment per 周期 { base total }\n"
    assert [c for c, _, _ in diagnostics(text)] == []
    slarules.loads(text, "t.sla").replay(INVOICE, as_of=AS_OF)


CARD = """\
scorecard 卡 per 月度 {
  item a max MAX { deduct 200 per occurrence of 事件 }
}
"""


@pytest.mark.parametrize(
    ("composite", "rows", "gap", "stop"),
    [
        ("卡 * 2 - 50", "[90, 100] -> 100%  [-50, 90) -> 50%", "(100, 150]", "covers 150"),
        ("卡 - 50", "[90, 100] -> 100%  [0, 90) -> 50%", "[-50, 0)", "covers -50"),
        ("卡 + 卡", "[90, 100] -> 100%  [0, 90) -> 50%", "(100, 200]", "covers 200"),
        ("卡 * 150%", "[90, 100] -> 100%  [0, 90) -> 50%", "(100, 150]", "covers 150"),
    ],
)
def test_a_band_over_a_composite_covers_every_value_it_can_take(
    composite: str, rows: str, gap: str, stop: str
) -> None:
    text = HEAD + CARD.replace("MAX", "100") + f"composite c per 月度 = {composite}\n"
    text += f"payment per 月度 {{\n  base total\n  pay band c {{ {rows} }}\n}}\n"
    found = [(c, line) for c, line, m in diagnostics(text) if f"leaves scores in {gap}" in m]
    assert found == [("SLR303", 12)], diagnostics(text)
    events = DEDUCT if "-50" in stop else []  # with DEDUCT 卡 is 0 in July: c is −50
    with pytest.raises(slarules.RuleError, match=f"SLR961|{stop}") as caught:
        replay_anyway(text, [*INVOICE, *events])
    assert stop in str(caught.value)


def test_a_band_over_a_scorecard_above_100_covers_its_max() -> None:
    text = HEAD + CARD.replace("MAX", "120")
    text += (
        "payment per 月度 {\n  base total\n  pay band 卡 { [90, 100] -> 100%  [0, 90) -> 50% }\n}\n"
    )
    assert ("SLR303", 11) in [(c, line) for c, line, _ in diagnostics(text)]
    with pytest.raises(slarules.RuleError, match="covers 120"):
        replay_anyway(text, INVOICE)
    fixed = text.replace("[90, 100] ->", "[90, 120] ->")
    assert [c for c, _, _ in diagnostics(fixed)] == ["SLR314"]  # items sum to 120, not 100
    slarules.loads(fixed, "t.sla").replay(INVOICE, as_of=AS_OF)


@pytest.mark.parametrize(
    "composite", ["卡 * 50% + 卡 * 50%", "min(卡, 100)", "max(卡, 0)", "卡 * 90% + 10"]
)
def test_a_composite_within_0_to_100_needs_no_more_rows(composite: str) -> None:
    text = HEAD + CARD.replace("MAX", "100") + f"composite c per 月度 = {composite}\n"
    text += (
        "payment per 月度 {\n  base total\n  pay band c { [90, 100] -> 100%  [0, 90) -> 50% }\n}\n"
    )
    assert [c for c, _, _ in diagnostics(text)] == []
    slarules.loads(text, "t.sla").replay([*INVOICE, *DEDUCT], as_of=AS_OF)
