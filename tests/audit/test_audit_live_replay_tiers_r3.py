"""Audit round 3: the live tracker agrees with a replay at every prefix of a log full of tier
changes (SPEC §10: "batch replay equals feeding the tracker event by event"; docs/api.md:
``Tracker.status`` gives each target's deadline and state).

For random logs of one or two tickets on each reference rule file with tiers — tier changes
up, down, back, to the same tier, at the same timestamp as a pause, resume, close, reopen or
milestone, during a pause and after a close — the status the tracker gives after each event
(at that event's time, and at a later moment) must be what a replay of the prefix says at
the same moment: the same deadline, state, stop and tier for every target. Nothing here is
an expected number; the property is the agreement itself.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules

ROOT = Path(__file__).resolve().parents[2]

# rule file → (SLA, tiers, milestone event types, causes, zone, first instant)
CASES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str]] = {
    "guangxi-gat-2024": (
        "事件", ("1级", "2级", "3级", "4级"), ("responded", "resolved", "reported"),
        ("采购人原因", "第三方原因"), "Asia/Shanghai", "2024-09-30T20:00:00",
    ),
    "fujian-slt-2024": (
        "故障", ("紧急", "一般", "轻微"), ("responded", "restored"), (),
        "Asia/Shanghai", "2024-09-30T20:00:00",
    ),
    "fujian-gxt-2026": (
        "故障", ("一般", "紧急", "灾难性"),
        ("responded", "arrived", "engineer_arrived", "resolved", "workaround", "escalated"),
        (), "Asia/Shanghai", "2026-02-13T20:00:00",
    ),
    "fujian-scjg-2023": (
        "故障", ("故障", "咨询"), ("responded", "resolved", "reported"), ("突发应急事件",),
        "Asia/Shanghai", "2023-09-28T16:00:00",
    ),
    "cn-zwyw-2025": (
        "工单", ("一级", "二级", "三级"), ("responded", "resolved"), (),
        "Asia/Shanghai", "2025-09-30T16:00:00",
    ),
    "dk-itdrift-2026": (
        "incident", ("kategori1", "kategori2", "kategori3"),
        ("responded", "resolved", "requested", "rca_reported"), (),
        "Europe/Copenhagen", "2026-03-27T14:00:00",
    ),
    "sichuan-sthjt-2025": (
        "故障", ("故障",), ("responded", "restored", "reported"), (),
        "Asia/Shanghai", "2025-09-30T20:00:00",
    ),
}  # fmt: skip
ACTIONS = ("retier", "retier", "retier", "pause", "close", "milestone", "attribute")
_RULES: dict[str, slarules.Ruleset] = {}


def rules(name: str) -> slarules.Ruleset:
    if name not in _RULES:
        _RULES[name] = slarules.load(ROOT / "rulesets" / f"{name}.sla")
    return _RULES[name]


def elapsed_after(at: datetime, minutes: int) -> datetime:
    """``minutes`` of elapsed time after ``at``, in ``at``'s zone. ``at + timedelta`` adds
    to the wall clock: across a spring-forward it gives a time that never happened (02:30
    in Copenhagen on 2026-03-29, read as +01:00), an instant before the one drawn next."""
    return (at.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(at.tzinfo)


def time_ordered(lives: list[list[tuple[datetime, dict[str, Any]]]]) -> list[dict[str, Any]]:
    """The tickets' lives as one log in time order; events at the same time keep the order
    they were drawn in (the first ticket's first)."""
    events = [(when, order, event) for order, (when, event) in enumerate(chain(*lives))]
    # As instants: two datetimes of one zone compare by their wall clocks (a fall-back hour
    # twice), not by when they happened.
    events.sort(key=lambda item: (item[0].astimezone(UTC), item[1]))
    return [{"at": when.isoformat(), **event} for when, _, event in events]


@st.composite
def logs(draw: st.DrawFn, name: str) -> list[dict[str, Any]]:
    """One or two tickets' valid lives; steps of 0 to 300 minutes (0: a tie in time, kept
    in file order), with a bias to ties and short steps so that changes land on deadlines,
    pauses and closes."""
    sla, tiers, milestones, causes, zone, first = CASES[name]
    start = datetime.fromisoformat(first).replace(tzinfo=ZoneInfo(zone))
    lives: list[list[tuple[datetime, dict[str, Any]]]] = []
    for index in range(draw(st.integers(1, 2))):
        at = elapsed_after(start, draw(st.integers(0, 90)))
        tier = draw(st.sampled_from(tiers))
        ticket = f"T{index}"
        life = [(at, {"type": "opened", "ticket": ticket, "sla": sla, "tier": tier})]
        paused = closed = False
        for action in draw(st.lists(st.sampled_from(ACTIONS), max_size=10)):
            step = draw(st.sampled_from([0, 0, 1, 5, 10, 15, 30, 60, 240, 1440, 4320]))
            at = elapsed_after(at, step)
            event: dict[str, Any] = {"ticket": ticket}
            if closed and action in ("retier", "pause"):
                action = "close"  # a closed ticket takes no change nor pause (SLR917)
            if action == "retier":
                tier = draw(st.sampled_from(tiers))  # the same tier too: a no-op change
                event |= {"type": "retiered", "tier": tier}
            elif action == "pause":
                event["type"] = "resumed" if paused else "paused"
                paused = not paused
            elif action == "close":
                event["type"] = "reopened" if closed else "closed"
                closed = not closed
                paused = False  # a close ends a pause (docs/language.md, clock semantics 5)
            elif action == "attribute" and causes:
                event |= {"type": "attributed", "cause": draw(st.sampled_from(causes))}
            else:
                event["type"] = draw(st.sampled_from(milestones))
            life.append((at, event))
        lives.append(life)
    return time_ordered(lives)


def _live(name: str, tracker: slarules.Tracker, at: datetime) -> dict[str, Any]:
    tz = ZoneInfo(CASES[name][4])

    def iso(value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(tz).isoformat()

    out: dict[tuple[str, str], tuple[str, str | None, str | None, timedelta | None]] = {}
    for ticket in tracker.tickets:
        status = tracker.status(ticket, at=at)
        for metric in status.metrics:
            out[(ticket, metric.metric)] = (
                metric.state,
                iso(metric.deadline),
                iso(metric.stop),
                None if metric.state == "not_applicable" else metric.elapsed,
            )
    return out


def _check_every_prefix(name: str, events: list[dict[str, Any]], later: int) -> None:
    tracker = rules(name).tracker()
    for k, event in enumerate(events, start=1):
        tracker.feed(event)
        at = datetime.fromisoformat(event["at"])
        for when in (at, at + timedelta(minutes=later)):
            live = _live(name, tracker, when)
            replayed = _replayed_with_params(name, events[:k], when)
            assert live == replayed, (k, when.isoformat(), events[:k])


_ISO = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")


def _duration(text: str) -> timedelta:
    """``P1DT2H3M4S`` → a timedelta (the report's durations, SPEC §7)."""
    found = _ISO.fullmatch(text)
    assert found is not None, text
    days, hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _replayed_with_params(name: str, events: list[dict[str, Any]], at: datetime) -> Any:
    report = rules(name).replay(events, as_of=at)
    data: dict[str, Any] = json.loads(report.to_json())
    tz = ZoneInfo(CASES[name][4])

    def norm(value: str | None) -> str | None:
        return None if value is None else datetime.fromisoformat(value).astimezone(tz).isoformat()

    return {
        (t["ticket"], x["metric"]): (
            x["status"],
            norm(x["deadline"]),
            norm(x["stop"]),
            None if x["status"] == "not_applicable" else _duration(x["elapsed"]),
        )
        for t in data["tickets"]
        for x in t["targets"]
    }


@pytest.mark.parametrize("name", sorted(CASES))
@settings(
    max_examples=int(os.environ.get("R3_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_live_status_equals_the_replay_of_every_prefix(name: str, data: st.DataObject) -> None:
    events = data.draw(logs(name))
    later = data.draw(st.sampled_from([1, 14, 61, 600, 3000]))
    _check_every_prefix(name, events, later)


def test_the_generated_lives_count_elapsed_time_across_a_clock_change() -> None:
    """Copenhagen springs forward at 02:00 on 2026-03-29: an hour after 01:30 (+01:00) is
    03:30 (+02:00), and a log drawn across the change stays in time order as instants (the
    wall-clock sum gave 02:30+01:00, then 03:00+02:00 half an hour *before* it: SLR920)."""
    cph = ZoneInfo("Europe/Copenhagen")
    at = elapsed_after(datetime(2026, 3, 29, 1, 30, tzinfo=cph), 60)
    assert at.isoformat() == "2026-03-29T03:30:00+02:00"
    close = datetime(2026, 3, 29, 1, 30, tzinfo=cph)
    life = [(close, {"type": "closed"}), (elapsed_after(close, 30), {"type": "reopened"})]
    stamps = [datetime.fromisoformat(e["at"]) for e in time_ordered([life])]
    assert stamps == sorted(stamps) and [e["type"] for e in time_ordered([life])] == [
        "closed",
        "reopened",
    ]
