"""The per-event shortcuts (docs/performance.md, "Per-event work") give what the general
code gives.

``MetricClock.result`` answers the common settled clock (one span from its start to its
stop, no history, no floor, no tier left) without building holes; ``event_ref`` builds an
``EventRef`` without attrs' frozen ``__init__``. Each is compared here with the general path
on real clocks and refs, so a shortcut that drifts from it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

import slarules
from slarules.engine import clocks
from slarules.engine.metric_clock import MetricClock
from slarules.events.types import EventRef, event_ref

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "rulesets" / "samples").glob("*.events.jsonl"))


def _settled_clocks(
    monkeypatch: pytest.MonkeyPatch, sample: Path
) -> list[tuple[MetricClock, clocks.TicketState]]:
    """Every clock of every ticket the sample's replay settles, as it was when settled."""
    rules = ROOT / "rulesets" / sample.name.replace(".events.jsonl", ".sla")
    seen: list[tuple[MetricClock, clocks.TicketState]] = []
    settle = clocks.TicketState._settle

    def keep(state: clocks.TicketState) -> None:
        if state.closed is not None and all(
            c.start is None or c.stop is not None for c in state.clocks
        ):
            seen.extend((clock, state) for clock in state.clocks)
        settle(state)

    monkeypatch.setattr(clocks.TicketState, "_settle", keep)
    slarules.load(rules).replay(sample)
    return seen


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_the_one_span_result_is_the_general_one(
    monkeypatch: pytest.MonkeyPatch, sample: Path
) -> None:
    if not hasattr(clocks.TicketState._settle, "__code__"):
        pytest.skip("the compiled build: a compiled method cannot be watched")
    shortcut = 0
    for clock, state in _settled_clocks(monkeypatch, sample):
        assert state.closed is not None
        fast = clock.result(state.closed, state.tier, state.happened)
        spans = clock.spans
        # The same instants in new objects: the shortcut recognises its clock by identity,
        # so this takes the general path.
        if len(spans) == 1 and spans[0][0] is clock.start and spans[0][1] is clock.stop:
            shortcut += 1
        clock.spans = [[a.replace() if a else a, b.replace() if b else b] for a, b in spans]
        try:
            general = clock.result(state.closed, state.tier, state.happened)
        finally:
            clock.spans = spans
        assert fast == general
        assert (fast.elapsed, fast.intervals, fast.unit) == (
            general.elapsed,
            general.intervals,
            general.unit,
        )
    if sample.name.startswith("guangxi"):
        assert shortcut > 10  # the shortcut was taken: this test compares something


def test_event_ref_is_an_event_ref() -> None:
    for line, ident, where in ((1, None, "line"), (12, "E-7", "event"), (3, "", "row")):
        built, made = event_ref(line, ident, where), EventRef(line, ident, where)
        assert type(built) is EventRef
        assert built == made and hash(built) == hash(made)
        assert (str(built), repr(built)) == (str(made), repr(made))
        assert not built < made and not made < built
        with pytest.raises(AttributeError):
            built.line = 2  # type: ignore[misc]
