"""Promise (SPEC §7, normative): ``replay --format json`` prints one object, keys sorted,
decimals as strings, durations as ISO 8601, timestamps as RFC 3339 in the ruleset's
timezone, with the listed keys at every level. ``tests/reports/test_report.py`` checks this
on one small log; here every key §7 names is required at every place it can occur, in the
reports of all eight shipped rulesets and sample logs (tickets met, breached, running and
not applicable; scorecards judged, deducted and given; several assessors; payment bands,
milestones, bonds, credits; the Danish ruleset in Europe/Copenhagen), each evaluated at the
end of its log and at an earlier time, when targets are still running and periods open."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import slarules

from .support import RULESETS

NAMES = sorted(p.stem for p in RULESETS.glob("*.sla"))
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")
DURATION = re.compile(r"^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")

INPUTS = {"ruleset", "events", "event_count", "calendar_data", "params", "as_of", "slarules"}
TICKET = {"ticket", "sla", "tier", "excluded", "targets"}
TARGET = {"metric", "start", "deadline", "stop", "elapsed", "status"}
STATUSES = {"met", "breached", "running", "not_applicable"}
PERIOD = {"period", "start", "end", "scorecards", "composite", "payment"}
SCORECARD = {"name", "assessor", "score", "items"}
ITEM = {"name", "max", "score", "lines"}
LINE = {"rule", "cite", "count", "points", "evidence"}
PAYMENT = {"contract_total", "lines", "payable", "flags"}


def no_float(text: str) -> Any:
    raise AssertionError(f"a JSON number with a fraction: {text} (decimals are strings)")


def report(name: str, early: bool) -> tuple[dict[str, Any], str]:
    """The JSON report of ``name``'s sample log (at its end, or a third of the way in) and
    the ruleset's zone."""
    rules = slarules.load(RULESETS / f"{name}.sla")
    log = RULESETS / "samples" / f"{name}.events.jsonl"
    as_of = None
    if early:
        times = [json.loads(line)["at"] for line in log.read_text("utf-8").splitlines() if line]
        as_of = sorted(times, key=datetime.fromisoformat)[len(times) // 3]
    text = rules.replay(log, as_of=as_of).to_json()
    data = json.loads(text, parse_float=no_float)
    return data, rules.model.timezone


def walk(value: Any) -> Any:
    """Every dict of ``value``, depth first."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner)


def items_of(card: dict[str, Any]) -> list[dict[str, Any]]:
    """A scorecard's items, or each assessor's (``assessor`` is then the list of them)."""
    if isinstance(card["assessor"], list):
        return [item for one in card["assessor"] for item in one["items"]]
    return list(card["items"])


@pytest.mark.parametrize("early", [False, True], ids=["at the end", "a third in"])
@pytest.mark.parametrize("name", NAMES)
def test_every_key_of_section_7_is_there(name: str, early: bool) -> None:
    data, _zone = report(name, early)
    assert {"inputs", "tickets", "periods", "warnings"} <= set(data)
    inputs = data["inputs"]
    assert set(inputs) >= INPUTS
    for part in ("ruleset", "events"):
        assert set(inputs[part]) >= {"path", "sha256"} and len(inputs[part]["sha256"]) == 64
    assert {"source", "version", "provisional_years"} <= set(inputs["calendar_data"])
    assert isinstance(inputs["event_count"], int) and inputs["slarules"] == slarules.__version__
    assert all(isinstance(w, str) for w in data["warnings"])
    for ticket in data["tickets"]:
        assert set(ticket) >= TICKET, ticket["ticket"]
        for target in ticket["targets"]:
            assert set(target) >= TARGET and target["status"] in STATUSES, target
    for period in data["periods"]:
        assert set(period) >= PERIOD, period["period"]
        for card in period["scorecards"]:
            assert set(card) >= SCORECARD
            for item in items_of(card):
                assert set(item) >= ITEM
                for line in item["lines"]:
                    assert set(line) >= LINE, line
        if period["payment"] is not None:
            assert set(period["payment"]) >= PAYMENT


@pytest.mark.parametrize("early", [False, True], ids=["at the end", "a third in"])
@pytest.mark.parametrize("name", NAMES)
def test_keys_sorted_times_in_the_rulesets_zone_durations_and_decimals(
    name: str, early: bool
) -> None:
    data, zone = report(name, early)
    for obj in walk(data):
        assert list(obj) == sorted(obj), list(obj)
    for ticket in data["tickets"]:
        for target in ticket["targets"]:
            for key in ("start", "deadline", "stop"):
                if target[key] is not None:
                    assert TIMESTAMP.match(target[key]), target
                    instant = datetime.fromisoformat(target[key])
                    local = instant.astimezone(ZoneInfo(zone))
                    assert instant.utcoffset() == local.utcoffset(), (zone, target[key])
            if target["elapsed"] is not None:
                assert DURATION.match(target["elapsed"]), target
    for period in data["periods"]:
        for card in period["scorecards"]:
            assert card["score"] is None or DECIMAL.match(card["score"])
            for item in items_of(card):
                assert DECIMAL.match(item["max"]), item
                for line in item["lines"]:
                    assert line["points"] is None or DECIMAL.match(line["points"]), line
        payment = period["payment"]
        if payment is not None:
            for key in ("payable", "contract_total"):
                assert payment[key] is None or DECIMAL.match(payment[key]), payment
            for line in payment["lines"]:
                assert line["amount"] is None or DECIMAL.match(line["amount"]), line
