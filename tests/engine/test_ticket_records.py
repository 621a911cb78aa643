"""The ticket store's records (``engine/ticket_records.py``) give back what they were given.

Every settled ticket of every sample is written and read back, and compared with the
ticket it came from: the same kind, the same result at any evaluation time, the same
slots for a packed state, the same plan. A result built by hand with every optional part
(ids and ``"event"`` references, a target event the ticket does not list, several spans,
an elapsed time, an agreed target, a cause, notes, an assessor, fields, the second of two
equal wall times in Copenhagen) round-trips too; one whose instants are in two zones, or
that holds a value ``marshal`` cannot write, takes the pickled format and still does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from attrs import evolve

import slarules
from slarules import engine
from slarules.engine.clocks import TicketState
from slarules.engine.evidence import TargetResult, TicketResult
from slarules.engine.settled import SettledTicket, result_at
from slarules.engine.ticket_records import RecordCodec
from slarules.events.reader import EventSource
from slarules.events.types import EventRef

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla"))
FLAT = {TicketResult: b"R", SettledTicket: b"S", TicketState: b"T"}
LATER = datetime(2100, 1, 1, tzinfo=UTC)


def _settled_tickets(name: str) -> tuple[Any, list[Any]]:
    """The sample's tracker (nothing spilled) and every settled ticket it keeps."""
    model = slarules.load(ROOT / "rulesets" / f"{name}.sla").model
    source = EventSource(str(ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"))
    try:
        with engine.spill.set_to(None):
            tracker = engine.load_events(model, source)
    finally:
        source.close()
    book = tracker._tickets
    kept = [k for k in book.kept() if not (isinstance(k, TicketState) and not k.final)]
    return tracker, kept


def _same_state(mine: TicketState, theirs: TicketState) -> None:
    for slot in TicketState.__slots__:
        if slot in ("plan", "sla"):
            assert getattr(mine, slot) is getattr(theirs, slot)
        else:
            assert getattr(mine, slot) == getattr(theirs, slot), slot


@pytest.mark.parametrize("name", NAMES)
def test_every_settled_ticket_of_every_sample_comes_back(name: str) -> None:
    tracker, kept = _settled_tickets(name)
    codec = RecordCodec(tracker._plans)
    kinds = set()
    for ticket in kept:
        record = codec.dumps(ticket)
        kinds.add(record[:1])
        back = codec.loads(record)
        assert type(back) is type(ticket)
        assert result_at(back, LATER) == result_at(ticket, LATER)
        if isinstance(ticket, SettledTicket):
            assert back.closed_ref == ticket.closed_ref and back.plan is ticket.plan
        if isinstance(ticket, TicketState):
            _same_state(back, ticket)
        # the result's instants, names and references shared where the ticket shared them
        mine, theirs = result_at(back, LATER), result_at(ticket, LATER)
        for a, b in zip(mine.targets, theirs.targets, strict=True):
            assert (a.start is mine.opened) == (b.start is theirs.opened)
            assert [mine.events.index(r) for r in a.events] == [
                theirs.events.index(r) for r in b.events
            ]
    if kept:
        # the samples' tickets all take the flat format (one zone, plain values)
        assert kinds <= set(FLAT.values()), kinds


def test_names_read_back_are_one_object_each() -> None:
    tracker, kept = _settled_tickets("guangxi-gat-2024")
    codec = RecordCodec(tracker._plans)
    first, second = (result_at(codec.loads(codec.dumps(k)), LATER) for k in kept[:2])
    if first.sla == second.sla:  # equal names are one object, as in memory
        assert first.sla is second.sla
    assert first.targets[0].metric is second.targets[0].metric
    assert first.targets[0].unit is second.targets[0].unit


CPH = ZoneInfo("Europe/Copenhagen")


def _every_part(zone_of_stop: Any = CPH) -> TicketResult:
    """A result with every optional part set (see module docstring)."""
    opened = datetime(2026, 10, 25, 2, 30, tzinfo=CPH)  # the first 02:30 (summer time)
    again = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=CPH)  # the second (winter time)
    stop = datetime(2026, 10, 27, 9, 0, tzinfo=zone_of_stop)
    refs = (
        EventRef(3, "E-1", "event"),
        EventRef(9, None, "event"),
        EventRef(12, "E-9", "line"),
    )
    outside = EventRef(99, "X", "line")  # among a target's events, not the ticket's
    spans = ((opened, again), (datetime(2026, 10, 26, 8, 0, tzinfo=CPH), stop))
    target = TargetResult(
        "resolve", "breached", opened, datetime(2026, 10, 26, 12, 0, tzinfo=CPH), stop,
        timedelta(hours=27, microseconds=5), 2, True, spans, (refs[0], outside, refs[2]),
        "重大", "workdays", "48小时", "sax",
    )  # fmt: skip
    unset = TargetResult(
        "respond", "not_applicable", None, None, None, None, 0, False, (), (), "一般", None
    )
    return TicketResult(
        "T-Ω", "故障", "一般", opened, "停电", (target, unset), ("重大", "一般"), again, refs,
        ("line 9: 客户不在", "line 12: ok"), "运维部", (("camera", "C-7"), ("site", "南宁")),
    )  # fmt: skip


def test_a_result_with_every_optional_part_comes_back_flat() -> None:
    codec = RecordCodec({})
    result = _every_part()
    record = codec.dumps(result)
    assert record[:1] == b"R"
    back = codec.loads(record)
    assert back == result and back is not result
    target, theirs = back.targets[0], result.targets[0]
    assert target.intervals == theirs.intervals and target.elapsed == theirs.elapsed
    assert back.closed.fold == 1 and back.opened.fold == 0  # type: ignore[union-attr]
    assert back.closed.utcoffset() == timedelta(hours=1)  # type: ignore[union-attr]
    assert back.opened.tzinfo is CPH and target.start is back.opened
    assert target.events[0] is back.events[0] and target.events[1].id == "X"
    assert back.events == result.events  # the extra reference is the target's alone
    assert back.targets[1].intervals == () and back.targets[1].elapsed is None


@pytest.mark.parametrize(
    "odd",
    [
        pytest.param(lambda r: _every_part(zone_of_stop=UTC), id="two zones"),
        pytest.param(lambda r: evolve(r, notes=(_Text("a note"),)), id="a text marshal refuses"),
    ],
)
def test_what_the_flat_format_cannot_write_is_pickled(odd: Any) -> None:
    codec = RecordCodec({})
    result = odd(_every_part())
    record = codec.dumps(result)
    assert record[:1] == b"r"
    assert codec.loads(record) == result


class _Text(str):
    """A subclass of ``str``: ``marshal`` refuses it."""
