"""Shared helpers for the reference-ruleset scenario tests (tests/rulesets/test_*.py).

Each scenario replays a handful of events against one of the five rule files in rulesets/
and reads the JSON report (SPEC §7), so expected values are compared as the exact decimal
text the report prints ("83.8", "425000.00"). The ``kit`` fixture carries the helpers:

- ``kit.replay(name, events, as_of=…, params=…)`` → the report as a dict;
- ``kit.ev("2024-07-15 10:00", "opened", ticket=…, …)`` → one event at China time;
- ``kit.ticket(tid, sla, tier, "2024-07-15 10:00", ("2024-07-15 10:08", "responded"), …)``;
- ``kit.period(report, label)``, ``kit.card(period, name)``, ``kit.item(card, name)``,
  ``kit.target(report, ticket, metric)``, ``kit.line(period, kind)``, ``kit.flags(period)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]
Event = dict[str, Any]
Step = tuple[str, str] | tuple[str, str, dict[str, Any]]


class Kit:
    """Load-once rulesets and small readers of the report."""

    def __init__(self) -> None:
        self._rulesets: dict[str, slarules.Ruleset] = {}

    def ruleset(self, name: str) -> slarules.Ruleset:
        if name not in self._rulesets:
            self._rulesets[name] = slarules.load(ROOT / "rulesets" / f"{name}.sla")
        return self._rulesets[name]

    def replay(
        self,
        name: str,
        events: list[Event],
        *,
        as_of: str | None = None,
        params: dict[str, object] | None = None,
    ) -> dict[str, Any]:
        report = self.ruleset(name).replay(
            events, as_of=self.at(as_of) if as_of else None, params=params
        )
        data: dict[str, Any] = json.loads(report.to_json())
        return data

    # -- building events

    @staticmethod
    def at(stamp: str) -> str:
        """``2024-07-15 10:00`` → ``2024-07-15T10:00:00+08:00``."""
        day, time = stamp.split(" ")
        return f"{day}T{time}:00+08:00"

    def ev(self, stamp: str, type_: str, **fields: Any) -> Event:
        return {"at": self.at(stamp), "type": type_, **fields}

    def ticket(self, tid: str, sla: str, tier: str, opened: str, *steps: Step) -> list[Event]:
        out = [self.ev(opened, "opened", ticket=tid, sla=sla, tier=tier)]
        for step in steps:
            extra: dict[str, Any] = step[2] if len(step) == 3 else {}
            out.append(self.ev(step[0], step[1], ticket=tid, **extra))
        return out

    # -- reading the report

    @staticmethod
    def period(report: dict[str, Any], label: str) -> dict[str, Any]:
        found: list[dict[str, Any]] = [p for p in report["periods"] if p["period"] == label]
        assert found, f"no period {label}: {[p['period'] for p in report['periods']]}"
        return found[0]

    @staticmethod
    def card(period: dict[str, Any], name: str) -> dict[str, Any]:
        found: list[dict[str, Any]] = [c for c in period["scorecards"] if c["name"] == name]
        assert found, f"no scorecard {name}"
        return found[0]

    @staticmethod
    def item(card: dict[str, Any], name: str, sheet: str | None = None) -> dict[str, Any]:
        items = card["items"]
        if sheet is not None:
            items = next(s for s in card["assessor"] if s["assessor"] == sheet)["items"]
        found: list[dict[str, Any]] = [i for i in items if i["name"] == name]
        assert found, f"no item {name}"
        return found[0]

    @staticmethod
    def sheet(card: dict[str, Any], name: str) -> dict[str, Any]:
        """One assessor's sheet of a scorecard ``assessed by`` several (the report lists
        them under ``assessor``)."""
        sheet: dict[str, Any] = next(s for s in card["assessor"] if s["assessor"] == name)
        return sheet

    @staticmethod
    def target(report: dict[str, Any], ticket: str, metric: str) -> dict[str, Any]:
        t = next(t for t in report["tickets"] if t["ticket"] == ticket)
        found: dict[str, Any] = next(x for x in t["targets"] if x["metric"] == metric)
        return found

    @staticmethod
    def line(period: dict[str, Any], kind: str, index: int = 0) -> dict[str, Any]:
        lines: list[dict[str, Any]] = [x for x in period["payment"]["lines"] if x["kind"] == kind]
        assert len(lines) > index, f"no {kind} line {index}: {period['payment']['lines']}"
        return lines[index]

    @staticmethod
    def flags(period: dict[str, Any]) -> list[str]:
        names = [f["name"] for f in period.get("flags", [])]
        if period.get("payment"):
            names += [f["name"] for f in period["payment"]["flags"]]
        return sorted(names)


@pytest.fixture(scope="session")
def kit() -> Kit:
    return Kit()
