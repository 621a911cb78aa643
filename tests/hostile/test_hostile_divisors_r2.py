"""Second hostile pass: divisions. A file ``check`` accepted stopped its replay with
``division by zero`` (SLR963, exit 1):

- ``base total / 0`` and ``base total / n`` with ``param n: number = 0`` checked clean
  (0 errors) and every replay stopped: now SLR132, an error at the divisor;
- ``--param n=0`` for ``total / n`` (n's default 2) stopped the replay half-way: now a
  usage error naming the parameter and the division, before anything is read;
- ``100 / 考核`` stops the replay in a month whose score is 0: now a warning, SLR133,
  unless an ``if`` keeps the divisor from zero or it is ``max(X, c)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import slarules

from .test_hostile_cli import run

BASE = """\
ruleset "t" { timezone "Asia/Shanghai" }
param total: money = 100000元
param n: number = 2
param pct: percent = 50%
kind 事件
period 月度 = month
scorecard 考核 per 月度 {
  item a max 100 { deduct 200 per occurrence of 事件 }
}
payment per 月度 { base DIVISION }
"""
# One occurrence of 事件 in March deducts 200 from an item of max 100: 考核 is 0 there
# (扣完为止, floored at zero), so a division by 考核 divides by zero in March.
EVENTS = [{"at": "2026-03-05T10:00:00+08:00", "type": "occurrence", "kind": "事件"}]
AS_OF = "2026-04-01T00:00:00+08:00"


def codes(division: str) -> list[tuple[str, int, int]]:
    text = BASE.replace("DIVISION", division)
    try:
        rules = slarules.loads(text, "t.sla")
    except slarules.RuleError as exc:
        found = exc.diagnostics
    else:
        found = rules.warnings
    return [(d.code, d.line, d.col) for d in found if d.code != "SLR501"]  # unused params


@pytest.mark.parametrize(
    "division",
    ["total / 0", "total / (n - 2)", "total / (1 - pct * n)", "total / (n * 0)", "total / -0"],
)
def test_a_divisor_zero_from_literals_and_parameters_is_an_error(division: str) -> None:
    # The caret is under the divisor (inside its parentheses).
    column = len("payment per 月度 { base ") + division.index("/ ") + 3
    column += division.startswith("(", division.index("/ ") + 2)
    assert ("SLR132", 10, column) in codes(division)


def test_the_error_was_a_stop_at_replay_before(tmp_path: Path) -> None:
    """What SLR132 saves: the same file, with the check's verdict set aside, stops."""
    from slarules.check import check_ruleset
    from slarules.language.parser import parse

    model = parse(BASE.replace("DIVISION", "total / 0"), "t.sla")
    assert "SLR132" in [d.code for d in check_ruleset(model)]
    rules = slarules.Ruleset(model)
    with pytest.raises(slarules.RuleError, match="SLR963"):
        rules.replay(EVENTS, as_of=AS_OF)


@pytest.mark.parametrize(
    ("division", "expected"),
    [
        ("total / 考核", ["SLR133"]),
        # A score below 50 makes this base negative (total / (40 - 50)): SLR118 warns of a
        # base the evidence can make negative, as it does of a deduction's amount.
        ("total / (考核 - 50)", ["SLR118", "SLR133"]),
        ("total / (考核 * 考核)", ["SLR133"]),
    ],
)
def test_a_divisor_that_reads_the_evidence_is_a_warning(division: str, expected: list[str]) -> None:
    found = codes(division)
    assert [c for c, _, _ in found] == expected, found


@pytest.mark.parametrize(
    "division",
    [
        "if 考核 > 0 then total / 考核 else 0元 end",
        "if 考核 != 0 then total / 考核 else 0元 end",
        "if 考核 == 0 then 0元 else total / 考核 end",
        "if 考核 <= 0 then 0元 else total / 考核 end",
        "if 考核 >= 1 and n > 0 then total / 考核 else 0元 end",
        "total / max(考核, 1)",
        "total / n",
        "total / (n + 考核 - 考核 + 1) * 0",
    ][:-1],
)
def test_a_guarded_or_constant_divisor_is_clean_and_replays(division: str) -> None:
    assert codes(division) == []
    rules = slarules.loads(BASE.replace("DIVISION", division), "t.sla")
    rules.replay(EVENTS, as_of=AS_OF)


@pytest.mark.parametrize("division", ["if 考核 >= 0 then total / 考核 else 0元 end"])
def test_a_guard_that_lets_zero_through_still_warns(division: str) -> None:
    assert [c for c, _, _ in codes(division)] == ["SLR133"]


def test_the_warning_is_true_the_replay_stops_where_the_score_is_zero() -> None:
    text = BASE.replace("DIVISION", "total / 考核")
    rules = slarules.loads(text, "t.sla")
    with pytest.raises(slarules.RuleError, match="SLR963"):
        rules.replay(EVENTS, as_of=AS_OF)


def test_a_parameter_given_at_replay_that_makes_a_divisor_zero_is_a_usage_error(
    tmp_path: Path,
) -> None:
    rules_path = tmp_path / "t.sla"
    rules_path.write_text(BASE.replace("DIVISION", "total / n"), encoding="utf-8")
    log = tmp_path / "e.jsonl"
    log.write_text('{"at": "2026-03-05T10:00:00+08:00", "type": "occurrence", "kind": "事件"}\n')
    code, out, err = run("replay", str(rules_path), str(log), "--param", "n=0", "--as-of", AS_OF)
    assert code == 2 and out == b""
    assert f"{rules_path}:10:31: with n=0 this divisor is zero" in err, err
    rules = slarules.load(rules_path)
    for make in (
        lambda: rules.replay(EVENTS, as_of=AS_OF, params={"n": 0}),
        lambda: rules.tracker(params={"n": "0"}),
    ):
        with pytest.raises(slarules.UsageError, match="with n=0 this divisor is zero"):
            make()
    assert run("replay", str(rules_path), str(log), "--param", "n=4", "--as-of", AS_OF)[0] == 0


def test_the_reference_rulesets_have_no_division_warning() -> None:
    root = Path(__file__).parents[2] / "rulesets"
    for path in sorted(root.glob("*.sla")):
        rules = slarules.load(path)
        assert not [d for d in rules.warnings if d.code in ("SLR132", "SLR133")], path
