"""The report's ticket order (``report/build.py``): ids already in natural order are kept
as they come, after a check that holds two sort keys instead of one per ticket; any other
order is sorted. Either way the order is ``natural_key``'s."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from slarules.engine.evidence import TicketResult
from slarules.report import natural_key
from slarules.report.build import _natural_order

_OPENED = datetime(2026, 1, 5, tzinfo=UTC)


def _ticket(ticket: str) -> TicketResult:
    return TicketResult(ticket, "故障", "一般", _OPENED, None, ())


def test_ids_in_order_are_kept_as_they_come() -> None:
    tickets = tuple(_ticket(t) for t in ("INC-2", "INC-10", "T9", "T10"))
    ordered = _natural_order(iter(tickets))
    assert [t.ticket for t in ordered] == ["INC-2", "INC-10", "T9", "T10"]
    assert all(a is b for a, b in zip(ordered, tickets, strict=True))


def test_ids_out_of_order_are_sorted() -> None:
    ordered = _natural_order(_ticket(t) for t in ("INC-10", "INC-2", "INC-002", "A1"))
    # natural order: "A1" first (letters), then INC-2 and INC-002 (equal value 2: the one
    # with more leading zeros after, compared as text "002" < "2"), then INC-10
    assert [t.ticket for t in ordered] == ["A1", "INC-002", "INC-2", "INC-10"]


@given(st.lists(st.text(alphabet="AB-0129①", max_size=6), unique=True, max_size=30))
def test_order_is_the_sorted_one(ids: list[str]) -> None:
    ordered = _natural_order(_ticket(t) for t in ids)
    assert [t.ticket for t in ordered] == sorted(ids, key=natural_key)
