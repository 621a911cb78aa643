"""Hostile parameter values (``--param NAME=VALUE`` and ``params=`` of the API).

A rule file cannot write a negative number anywhere a parameter's value goes
(``param contract_total: money = -5元`` is a syntax error at the ``-``): every value
``check`` has seen is zero or more. A parameter given on the command line or through the
API is the same value from elsewhere, so it is held to the same rule. Before, ``--param
contract_total=-5元`` was taken: the guangxi-gat-2024 report then paid 0.00 and showed a
"refund" of 1.25元 from a contract worth -5元, with exit 0 and no warning.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

import slarules
from slarules.errors import UsageError

from .test_hostile_cli import run

ROOT = Path(__file__).parents[2]
GUANGXI = ROOT / "rulesets" / "guangxi-gat-2024.sla"
GUANGXI_EVENTS = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
ALIYUN = ROOT / "rulesets" / "aliyun-ecs-2021.sla"
GXT = ROOT / "rulesets" / "fujian-gxt-2026.sla"


@pytest.mark.parametrize(
    ("rules", "param"),
    [
        (GUANGXI, "contract_total=-5元"),
        (GUANGXI, "contract_total=-0.01"),
        (GXT, "cycles=-2"),
    ],
)
def test_a_negative_parameter_on_the_command_line_is_a_usage_error(rules: Path, param: str) -> None:
    code, stdout, err = run("replay", str(rules), str(GUANGXI_EVENTS), "--param", param)
    assert (code, stdout) == (2, b""), err
    assert param.partition("=")[0] in err and "negative" in err


def test_zero_and_minus_zero_are_still_values() -> None:
    """0 is a value a rule file can write (``= 0元``); ``-0`` is the same number."""
    for value in ("0", "-0", "-0.00元"):
        code, _, err = run(
            "replay", str(GUANGXI), str(GUANGXI_EVENTS), "--param", f"contract_total={value}"
        )
        assert code == 0, (value, err)


@pytest.mark.parametrize(
    ("rules", "name", "value"),
    [
        (GUANGXI, "contract_total", Decimal("-5")),
        (GUANGXI, "contract_total", -5),
        (ALIYUN, "maintenance_notice", timedelta(minutes=-5)),
    ],
)
def test_a_negative_parameter_through_the_api_is_a_usage_error(
    rules: Path, name: str, value: object
) -> None:
    ruleset = slarules.load(rules)
    with pytest.raises(UsageError, match="negative"):
        ruleset.replay([], params={name: value})


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity")])
def test_a_number_that_is_no_number_through_the_api_is_a_usage_error(value: Decimal) -> None:
    """``Decimal("NaN") < 0`` raises InvalidOperation: the bounds are checked first."""
    ruleset = slarules.load(GUANGXI)
    with pytest.raises(UsageError, match="finite"):
        ruleset.replay([], params={"contract_total": value})
