"""Fifth pass: a spilled replay's report through the Python API (docs/api.md), used the ways
a helpdesk developer uses a report: kept after its evidence, written twice, written from
other threads at once, pickled, copied, and after ``StoredTickets.close()``.

For a replay of more than 50,000 tickets ``report.tickets`` is not a tuple but a sequence
read from a temporary store each time it is walked (docs/api.md; docs/performance.md,
*Scoring and the report from the store*). These tests force that path
(``engine.spill.after = 0``) and compare with the in-memory report.

Found and fixed: after ``report.tickets.close()`` every use of the report (``to_json``,
``to_text``, iterating, indexing, pickling) raised ``sqlite3.ProgrammingError: Cannot
operate on a closed database.``, a library's internal error that says nothing of the
report. docs/performance.md says the sequence "cannot be read afterwards"; it is now a
``UsageError`` (a ``ValueError``, as reading a closed file is) that says the tickets' store
was closed and what to do.
"""

from __future__ import annotations

import copy
import gc
import io
import json
import pickle
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules import engine
from slarules.engine import ticket_book
from slarules.engine.ticket_runs import StoredTickets
from slarules.engine.ticket_store import TicketStore
from slarules.report.html import render_report_html

RULES = (
    'ruleset "api-r5" { timezone "Asia/Shanghai" }\n'
    'calendar 全天 { hours "24x7" }\n'
    "period 月度 = month\n"
    "sla 故障 {\n  calendar 全天\n  metric restore from opened to restored\n"
    "  tier 1级 { restore 4小时 }\n}\n"
    "scorecard 考核 per 月度 {\n  item 恢复 max 100 { deduct 5 per breach of 故障 }\n}\n"
)


def _events() -> list[dict[str, Any]]:
    """Tickets T1..T9 in natural order (so the report keeps reading the store), every
    third one restored late (a breach), the last one still open."""
    events: list[dict[str, Any]] = []
    for n in range(1, 10):
        at = f"2026-03-{n + 1:02}T09:00:00+08:00"
        ticket = f"T{n}"
        events.append({"type": "opened", "at": at, "ticket": ticket, "sla": "故障", "tier": "1级"})
        if n == 9:
            continue
        hour = 15 if n % 3 == 0 else 10
        done = f"2026-03-{n + 1:02}T{hour}:00:00+08:00"
        events.append({"type": "restored", "at": done, "ticket": ticket})
        events.append({"type": "closed", "at": done, "ticket": ticket})
    return events


def _replay(after: int | None) -> Any:
    with engine.spill.set_to(after):
        return slarules.loads(RULES).replay(_events())


def _forms(report: Any) -> tuple[str, str, str, str]:
    return (
        report.to_json(),
        report.to_text(),
        report.to_text(summary=True),
        render_report_html(report),
    )


@pytest.fixture
def kept() -> Any:
    return _replay(None)


@pytest.fixture
def stored() -> Iterator[Any]:
    report = _replay(0)
    assert isinstance(report.tickets, StoredTickets)  # the path under test
    yield report


def test_the_stored_report_is_the_same_written_twice(kept: Any, stored: Any) -> None:
    assert _forms(stored) == _forms(kept)
    assert _forms(stored) == _forms(kept)  # the store is read again, not used up


def test_the_report_outlives_its_replay_and_evidence(kept: Any) -> None:
    """Nothing but the report is kept: the store stays open as long as the report."""
    report = _replay(0)
    gc.collect()
    assert _forms(report) == _forms(kept)


def test_the_store_is_closed_once_the_report_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[TicketStore] = []
    close = TicketStore.close

    def closing(store: TicketStore) -> None:
        closed.append(store)
        close(store)

    monkeypatch.setattr(TicketStore, "close", closing)
    report = _replay(0)
    assert isinstance(report.tickets, StoredTickets)
    seen = len(closed)
    del report
    gc.collect()
    assert len(closed) == seen + 1


def test_many_threads_write_one_stored_report_at_once(kept: Any, stored: Any) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = [pool.submit(_forms, stored) for _ in range(12)]
        assert all(job.result() == _forms(kept) for job in jobs)


def test_a_pickled_or_copied_stored_report_is_the_same(kept: Any, stored: Any) -> None:
    for other in (pickle.loads(pickle.dumps(stored)), copy.deepcopy(stored), copy.copy(stored)):
        assert _forms(other) == _forms(kept)
    assert isinstance(pickle.loads(pickle.dumps(stored)).tickets, tuple)


def test_the_stored_tickets_behave_as_a_sequence(kept: Any, stored: Any) -> None:
    tickets, expected = stored.tickets, kept.tickets
    assert len(tickets) == len(expected) == 9
    assert list(tickets) == list(expected) and tickets == expected
    assert tickets[0] == expected[0] and tickets[-1] == expected[-1]
    assert tickets[2:5] == expected[2:5]
    assert expected[4] in tickets and tickets.index(expected[4]) == 4
    with pytest.raises(IndexError):
        tickets[9]
    with pytest.raises(TypeError):
        tickets["T1"]  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "use",
    [
        lambda r: r.to_json(),
        lambda r: r.to_text(),
        lambda r: r.to_text(summary=True),
        lambda r: render_report_html(r),
        lambda r: list(r.tickets),
        lambda r: r.tickets[0],
        lambda r: pickle.dumps(r),
    ],
    ids=["json", "text", "summary", "html", "iterate", "index", "pickle"],
)
def test_a_report_after_its_tickets_are_closed_says_so(stored: Any, use: Any) -> None:
    """docs/performance.md: closed, "the sequence cannot be read afterwards". What the
    caller gets is a ``UsageError`` saying the tickets' store was closed, not SQLite's
    ``ProgrammingError``."""
    stored.tickets.close()
    with pytest.raises(slarules.UsageError, match="closed") as caught:
        use(stored)
    assert not isinstance(caught.value.__cause__, sqlite3.Error)
    stored.tickets.close()  # closing twice is harmless


def test_a_report_kept_whole_before_closing_stays_readable(kept: Any, stored: Any) -> None:
    """The way docs/api.md gives to keep the tickets: ``tuple(report.tickets)``."""
    tickets = tuple(stored.tickets)
    stored.tickets.close()
    assert tickets == tuple(kept.tickets)


GUANGXI = Path(__file__).resolve().parents[2] / "rulesets" / "guangxi-gat-2024.sla"
GUANGXI_LOG = GUANGXI.parent / "samples" / "guangxi-gat-2024.events.jsonl"


def _at_every_threshold(make: Any) -> list[Any]:
    """``make()`` with the spill off, from the first settled ticket, and after 4 tickets."""
    made = []
    for after in (None, 0, 4):
        try:
            engine.spill.after = after
            made.append(make())
        finally:
            engine.spill.after = ticket_book._Spill.after
    return made


def test_the_frames_are_the_same_spilled() -> None:
    pytest.importorskip("pandas")
    rules = slarules.load(GUANGXI)

    def frames() -> tuple[str, ...]:
        report = rules.replay(GUANGXI_LOG)
        return tuple(
            frame.to_csv()
            for frame in (report.tickets_frame(), report.lines_frame(), report.payments_frame())
        )

    first, *others = _at_every_threshold(frames)
    assert all(other == first for other in others)


def test_a_stream_or_dicts_replay_the_same_spilled() -> None:
    rules = slarules.load(GUANGXI)
    data = GUANGXI_LOG.read_bytes()
    dicts = [json.loads(line, parse_float=Decimal) for line in data.splitlines() if line.strip()]
    by_stream = _at_every_threshold(lambda: rules.replay(io.BytesIO(data)).to_json())
    by_dicts = _at_every_threshold(lambda: rules.replay(dicts).to_json())
    assert len(set(by_stream)) == 1 and len(set(by_dicts)) == 1


def test_a_diff_of_two_spilled_replays_is_the_same(tmp_path: Path) -> None:
    lenient = GUANGXI.read_text(encoding="utf-8").replace("(-inf, 80) -> 20%", "(-inf, 80) -> 15%")
    assert lenient != GUANGXI.read_text(encoding="utf-8")
    other = tmp_path / "guangxi-15pct.sla"
    other.write_text(lenient, encoding="utf-8")
    diffs = _at_every_threshold(
        lambda: slarules.diff_replays(GUANGXI, other, GUANGXI_LOG).to_json()
    )
    assert "15" in diffs[0] and diffs == [diffs[0]] * 3


def test_a_partitioned_replay_on_dask_threads_is_the_same_spilled() -> None:
    """Each partition's tracker reads this process's setting on a threaded cluster."""
    scale = pytest.importorskip("slarules.scale")
    pytest.importorskip("distributed")
    single = slarules.load(GUANGXI).replay(GUANGXI_LOG).to_json()
    with scale.dask_client(workers=2, processes=False) as client:
        split = _at_every_threshold(
            lambda: scale.replay_partitioned(GUANGXI, GUANGXI_LOG, 3, client=client).to_json()
        )
    assert split == [single] * 3
