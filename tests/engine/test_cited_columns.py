"""The columns a period's index keeps per breached or late target start narrow (a name's slot
and the deadline order one byte, days late two: ``ticket_index.appended``) and are widened
by the first value that does not fit. These tests put values past each narrow bound through
the index and read them back as the count rules read them: the same numbers and texts as
values that fit, never wrapped or clipped (docs/performance.md, *Step E*)."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slarules.engine.evidence import BREACHED, MET, TargetResult, TicketResult
from slarules.engine.scoring.chunked import CHUNK_BYTES, ChunkedColumn, appended
from slarules.engine.scoring.cited_texts import LATE, CitedTexts
from slarules.engine.scoring.ticket_index import CitedTarget, TicketIndex

SH = ZoneInfo("Asia/Shanghai")
OPENED = datetime(2026, 3, 2, 9, tzinfo=SH)


def target(metric: str, days_late: int, tier: str | None = None) -> TargetResult:
    """A target built by hand (no events: its evidence text has no trail)."""
    status = BREACHED if days_late else MET
    return TargetResult(metric, status, OPENED, None, None, None, days_late, tier=tier)


def ticket(name: str, tier: str, *targets: TargetResult) -> TicketResult:
    return TicketResult(name, "故障", tier, OPENED + timedelta(minutes=len(name)), None, targets)


INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@given(st.sampled_from("BbHhIi"), st.lists(INT64, max_size=40))
def test_a_column_keeps_every_valueappended_whatever_its_start(
    start: str, values: list[int]
) -> None:
    column = array(start)
    for value in values:
        column = appended(column, value)
    assert list(column) == values


def test_a_column_starts_narrow_and_widens_only_as_far_as_needed() -> None:
    column = appended(array("B"), 7)
    assert column.typecode == "B"
    column = appended(column, 300)  # past a byte: two
    assert column.typecode == "H"
    column = appended(column, 70_000)  # past two bytes: four
    assert (column.typecode, list(column)) == ("i", [7, 300, 70_000])


def test_a_value_past_64_bits_is_refused_not_wrapped() -> None:
    with pytest.raises(OverflowError):
        appended(array("h"), 2**63)


def test_days_late_past_the_two_byte_column_still_add_up_and_read_right() -> None:
    # A report 40,000 days late (over the 32,767 a two-byte column holds) and one 3 days late:
    # `per day late of 故障.report` adds 40,000 + 3 = 40,003 days, and cites each as it is.
    index = TicketIndex(
        [
            ticket("T1", "紧急", target("report", 40_000)),
            ticket("T2", "紧急", target("report", 3)),
        ]
    )
    assert index._columns.days_late.typecode == "i"  # widened: the path under test
    late = index.late("故障", "report", excluded=False)
    assert late.days_late() == 40_003
    assert [x.days_late for x in late] == [40_000, 3]
    assert list(CitedTexts(late, LATE, "report")) == [
        "ticket T1: report 40000 days late",
        "ticket T2: report 3 days late",
    ]


def test_more_names_than_a_byte_of_slots_still_filter_by_tier() -> None:
    # 300 tickets, each of its own tier 级0 … 级299 (with "respond" and "故障": over the
    # 255 slots a one-byte column holds), each with its respond breached 1 day late.
    tiers = [f"级{n}" for n in range(300)]
    index = TicketIndex(
        [ticket(f"T{n}", tier, target("respond", 1)) for n, tier in enumerate(tiers)]
    )
    assert index._columns.ticket_tier.typecode == "H"  # widened: the path under test
    breached = index.breached("故障", excluded=False)
    assert len(breached) == 300
    assert [(x.owner.ticket, x.owner.tier) for x in breached][298:] == [
        ("T298", "级298"),
        ("T299", "级299"),
    ]
    # 级299 has slot 301 (slot 0 is None, 级0 is 1, respond 2, 级1 … 级299 3 … 301)
    assert [x.owner.ticket for x in breached.matching("respond", ("级299",))] == ["T299"]
    assert [x.owner.ticket for x in breached.first_breach_in(("级257", "级3"))] == ["T3", "T257"]


def test_a_ticket_with_more_cited_targets_than_a_byte_finds_its_first_breach() -> None:
    # One ticket with 300 breached targets m0 … m299 (built by hand: no deadlines, so their
    # deadline order is the ticket's order, 0 … 299), each of its own tier; a second one.
    # `per breached ticket of 故障 tier 级299` counts neither ticket (T1's first breach is m0,
    # of 级0), `tier 级0` counts T1 once.
    many = [target(f"m{n}", 1, tier=f"级{n}") for n in range(300)]
    index = TicketIndex([ticket("T1", "紧急", *many), ticket("T2", "一般", target("m0", 1))])
    assert index._columns.due.typecode == "H"  # widened: the path under test
    breached = index.breached("故障", excluded=False)
    assert [x.due for x in breached][:1] + [x.due for x in breached][299:] == [0, 299, 0]
    assert len(breached.first_breach_in(("级299",))) == 0
    assert {x.owner.ticket for x in breached.first_breach_in(("级0",))} == {"T1"}


def cited(group: Iterable[CitedTarget]) -> list[tuple[str, str]]:
    return [(x.owner.ticket, x.metric) for x in group]


def test_breached_and_late_rows_are_one_array_until_a_target_is_only_one_of_them() -> None:
    # respond of T1 and T2 breached and late: one array of rows serves both groups. T3's
    # respond breached but 0 days late (a target built by hand), T4's report late but not
    # breached: from then on each group keeps its own rows.
    both = TicketIndex(
        [ticket("T1", "紧急", target("respond", 1)), ticket("T2", "紧急", target("respond", 2))]
    )
    assert both.breached("故障", False, "respond").rows is both.late("故障", "respond", False).rows
    split = TicketIndex(
        [
            ticket("T1", "紧急", target("respond", 1), target("report", 1)),
            ticket("T2", "紧急", target("respond", 2)),
            ticket("T3", "紧急", TargetResult("respond", BREACHED, OPENED, None, None, None, 0)),
            ticket("T4", "紧急", TargetResult("report", MET, OPENED, None, None, None, 5)),
        ]
    )
    assert cited(split.breached("故障", False, "respond")) == [
        ("T1", "respond"),
        ("T2", "respond"),
        ("T3", "respond"),
    ]
    assert cited(split.late("故障", "respond", False)) == [("T1", "respond"), ("T2", "respond")]
    assert cited(split.breached("故障", False, "report")) == [("T1", "report")]
    assert cited(split.late("故障", "report", False)) == [("T1", "report"), ("T4", "report")]
    # every metric's breaches, in ticket then target order (T1's respond before its report)
    assert cited(split.breached("故障", False)) == [
        ("T1", "respond"),
        ("T1", "report"),
        ("T2", "respond"),
        ("T3", "respond"),
    ]
    assert split.breached("故障", False) is split.breached("故障", False)  # made once


@given(st.sampled_from("BbHhIi"), st.lists(INT64, max_size=1_200))
def test_a_chunked_column_keeps_every_valueappended_whatever_its_start(
    start: str, values: list[int]
) -> None:
    # Up to 1,200 values: past the 512 one-byte values (128 four-byte) of a chunk, widened
    # on the way wherever a value does not fit, read back by place and in order.
    column = ChunkedColumn(start)
    for value in values:
        column.append(value)
    assert len(column) == len(values)
    assert list(column) == values
    assert [column[i] for i in range(len(values))] == values
    for outside in (len(values), len(values) + 600, -1):
        with pytest.raises(IndexError):
            column[outside]


def allocated(chunk: array[int]) -> int:
    """The bytes of ``chunk``'s buffer as allocated (``sys.getsizeof`` counts them, the
    array's own object apart)."""
    return sys.getsizeof(chunk) - sys.getsizeof(array(chunk.typecode))


def test_every_full_chunk_of_a_column_is_a_small_block_of_at_most_512_bytes() -> None:
    # 3,000 tickets with a breached respond each (days late 1 … 3,000, ticket rows past a
    # byte): each column holds 3,000 values, so several full chunks. Every full chunk's
    # buffer is at most 512 bytes, pymalloc's largest small block (docs/performance.md,
    # *Step E*, *Chunks*): a column past it would again come from the system malloc.
    index = TicketIndex([ticket(f"T{n}", "紧急", target("respond", n + 1)) for n in range(3_000)])
    columns = index._columns
    kept = [
        columns.ticket_tier,
        columns.excluded,
        columns.assessor,
        columns.owner,
        columns.metric,
        columns.target_tier,
        columns.days_late,
        columns.due,
        columns.trail_start,
        columns.trail_stop,
        columns.ids._ends,
    ]
    for column in kept:
        assert len(column) == 3_000
        assert len(column._chunks) >= 3_000 * column._tail.itemsize // CHUNK_BYTES
        assert all(allocated(chunk) <= CHUNK_BYTES for chunk in column._chunks)
    assert list(columns.days_late) == list(range(1, 3_001))
    assert [x.owner.ticket for x in index.breached("故障", excluded=False)][-1] == "T2999"
    assert CHUNK_BYTES == 512
