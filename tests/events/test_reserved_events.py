"""SLR212: a metric's start or stop event cannot be named like an event type the log
already gives a meaning to (docs/diagnostics.md)."""

from __future__ import annotations

import pytest

import slarules
from slarules.errors import Diagnostic

HEADER = """
ruleset "reserved" { timezone "Asia/Shanghai" }
calendar 全天 { hours "24x7" }
"""


def errors(metrics: str) -> list[Diagnostic]:
    text = HEADER + f"sla 故障 {{ calendar 全天 {metrics} tier 紧急 {{ }} }}\n"
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(text, "reserved.sla")
    return [d for d in caught.value.diagnostics if d.severity == "error"]


LIFECYCLE = ["opened", "paused", "resumed", "retiered", "attributed", "reopened", "closed"]
NON_TICKET = ["occurrence", "judgement", "score", "due", "delivered", "milestone"]


@pytest.mark.parametrize("event", LIFECYCLE)
def test_a_life_cycle_event_cannot_stop_a_metric(event: str) -> None:
    found = errors(
        f"metric respond from responded_start to {event} metric a from opened to responded_start"
    )
    assert [d.code for d in found] == ["SLR212"]
    assert f"metric respond stops at “{event}”, a ticket life-cycle event" in found[0].message
    assert "metric respond from responded_start to resolved" in found[0].message


@pytest.mark.parametrize("event", NON_TICKET)
def test_a_non_ticket_event_type_is_neither_start_nor_stop(event: str) -> None:
    # Quoted, since some of them are keywords of the language.
    found = errors(f'metric a from "{event}" to responded metric b from opened to "{event}"')
    assert [d.code for d in found] == ["SLR212", "SLR212"]
    assert f"metric a starts at “{event}”, the name of the log's {event} events" in found[0].message
    assert f"metric b stops at “{event}”" in found[1].message


def test_life_cycle_events_may_still_start_a_metric() -> None:
    text = HEADER + (
        "sla 故障 { calendar 全天 metric respond from opened to responded "
        "metric wait from paused to responded tier 紧急 { respond 1h } }\n"
    )
    assert slarules.loads(text, "ok.sla").model.slas[0].metrics[1].start == "paused"


def test_a_stop_at_its_own_start_is_reported_once() -> None:
    # SLR122 says it; SLR212 does not repeat it.
    found = errors("metric respond from opened to opened")
    assert [d.code for d in found] == ["SLR122"]
