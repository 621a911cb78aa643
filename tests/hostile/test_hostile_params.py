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


SICHUAN = ROOT / "rulesets" / "sichuan-sthjt-2025.sla"
SICHUAN_EVENTS = ROOT / "rulesets" / "samples" / "sichuan-sthjt-2025.events.jsonl"
GXT_EVENTS = ROOT / "rulesets" / "samples" / "fujian-gxt-2026.events.jsonl"


def test_a_parameter_cannot_stretch_the_term_past_what_check_promised() -> None:
    """``check`` refuses a term over ten years (SLR119) at the parameters' defaults; a
    ``--param`` that stretches it is refused the same way at replay. Before, gxt's
    ``--param cycles=20`` replayed twenty 12-month cycles of a file whose check said
    evaluation allows ten years, and only a term reaching 2200 was refused."""
    code, _, err = run("replay", str(GXT), str(GXT_EVENTS), "--param", "cycles=10")
    assert code == 0, err
    code, stdout, err = run("replay", str(GXT), str(GXT_EVENTS), "--param", "cycles=11")
    assert code == 2 and not stdout
    assert "cycles = 11 cycles of 12 months" in err and "120 months (ten years)" in err


def test_a_through_date_parameter_cannot_stretch_the_term_either() -> None:
    """sichuan's term runs ``through 结束日`` (2026-05-31): ten years from 2025-06-01 end on
    2035-05-31, the last day allowed; a day more is refused."""
    args = ("replay", str(SICHUAN), str(SICHUAN_EVENTS), "--param")
    code, _, err = run(*args, "结束日=2035-05-31")
    assert code == 0, err
    code, stdout, err = run(*args, "结束日=2035-06-01")
    assert code == 2 and not stdout
    assert "through 2035-06-01" in err and "120 months (ten years)" in err
