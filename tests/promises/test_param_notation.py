"""Promise (docs/language.md §2, "Header and parameters"): "A value given with ``--param``
or ``params=`` is read as the rule file would write it", and §1: "Digits are ASCII or
full-width (``１５分钟`` is 15 minutes, as an input method types it)". A differential test:
each value is written once as the parameter's default in the rule file and once given as
``params=`` (what ``--param`` reads); both must refuse it, or both read the same value.

Found by this test: ``--param contract_total=８０万元`` was a usage error while the rule file
read ``= ８０万元`` as 800000; and a full-width date (``２０２４-０７-０１``) was "not a calendar
date" in the rule file itself (SLR101), though every other literal reads full-width digits.
The one difference kept: ``--param`` takes ``true``/``false`` in any letter case."""

from __future__ import annotations

import json
import re

import pytest

import slarules

from .support import RULESETS

CASES = {
    ("fujian-slt-2024", "contract_total", "money"): [
        "800000", "800000元", "80万元", "８０万元", "80 万元", "800000.5元", "５０００００",
        "1e5", "٣元", "৪0", "-5元", "0", "800000.005元", "800,000", "+5", "0x10", "1_000",
        "100000000000000", "1000000000000000",
    ],
    ("aliyun-ecs-2021", "maintenance_notice", "duration"): [
        "4h", "30m", "30分钟", "１５分钟", "1.5h", "90min", "1h30m", "PT1H", "5", "0m",
        "4 h", "4小时", "4 hours", "1.25m", "0.5s",
    ],
    ("fujian-slt-2024", "start", "date"): [
        "2024-07-01", "２０２４-０７-０１", "2024-０７-01", "2024-7-1", "2024-02-30",
        "2024/07/01", "20240701", "٢٠٢٤-07-01",
    ],
    ("guangxi-gat-2024", "small_firm", "bool"): ["true", "false", "yes", "1"],
}  # fmt: skip
IDS = [(*key, value) for key, values in CASES.items() for value in values]


def read_params(rules: slarules.Ruleset, name: str, **options: object) -> dict[str, str]:
    log = RULESETS / "samples" / f"{name}.events.jsonl"
    data = json.loads(rules.replay(log, **options).to_json())  # type: ignore[arg-type]
    params: dict[str, str] = data["inputs"]["params"]
    return params


def as_default(name: str, param: str, kind: str, value: str) -> str | None:
    """The parameter's value with ``value`` written as its default, or None if refused."""
    text = (RULESETS / f"{name}.sla").read_text(encoding="utf-8")
    line = re.search(rf"param {param}: {kind} = .*?(?= cite|\n)", text)
    assert line is not None
    try:
        rules = slarules.loads(text.replace(line.group(0), f"param {param}: {kind} = {value}"))
        return read_params(rules, name)[param]
    except (slarules.RuleError, slarules.UsageError):
        return None


def as_given(name: str, param: str, value: str) -> str | None:
    """The parameter's value given as ``params={param: value}``, or None if refused."""
    rules = slarules.load(RULESETS / f"{name}.sla")
    try:
        return read_params(rules, name, params={param: value})[param]
    except slarules.UsageError:
        return None


@pytest.mark.parametrize(("name", "param", "kind", "value"), IDS)
def test_a_parameter_reads_as_the_rule_file_writes_it(
    name: str, param: str, kind: str, value: str
) -> None:
    assert as_given(name, param, value) == as_default(name, param, kind, value)


def test_full_width_digits_are_read_and_other_scripts_refused() -> None:
    """The cases above that must be accepted are, and foreign digits are not: without this
    the differential would also pass if both sides refused everything."""
    assert as_given("fujian-slt-2024", "contract_total", "８０万元") == "800000.00"
    assert as_given("fujian-slt-2024", "start", "２０２４-０７-０１") == "2024-07-01"
    assert as_given("aliyun-ecs-2021", "maintenance_notice", "１５分钟") == "PT15M"
    assert as_default("fujian-slt-2024", "start", "date", "２０２４-０７-０１") == "2024-07-01"
    assert as_given("fujian-slt-2024", "contract_total", "٣元") is None
    assert as_default("fujian-slt-2024", "contract_total", "money", "٣元") is None
