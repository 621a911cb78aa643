"""Settled tickets spilled to disk give the very report the in-memory book gives.

``engine.spill.after`` is how many tickets a replay keeps in memory before it moves the
settled ones to a temporary SQLite store (``engine/ticket_book.py``, ``ticket_store.py``);
0 spills from the first settled ticket, None never. Every test here replays both ways and
compares report bytes (or evidence), and checks that the spill path really ran: the store
was made, and a later event on a spilled ticket really read it back from disk.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules import engine
from slarules.engine import ticket_book
from slarules.engine.clocks import TicketState
from slarules.engine.evidence import TicketResult
from slarules.engine.settled import SettledTicket
from slarules.engine.ticket_store import TicketStore
from slarules.events.reader import EventSource
from slarules.scale import replay_partitioned

from .test_compact_results import _CASES
from .test_final_tickets import RULES, sh

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla"))
UNSETTLED = frozenset({"aliyun-ecs-2021", "cn-zwyw-2025"})  # their tickets never close


class _Watch:
    """Counts the stores made, the tickets read back from disk, and the stores closed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.stores: list[TicketStore] = []
        self.revived = 0
        self.closed = 0
        watch = self
        made, take, close = TicketStore.__init__, TicketStore.take, TicketStore.close

        def init(store: TicketStore, *args: Any) -> None:
            made(store, *args)
            watch.stores.append(store)

        def taken(store: TicketStore, ticket: str) -> Any:
            found = take(store, ticket)
            watch.revived += found is not None
            return found

        def closing(store: TicketStore) -> None:
            watch.closed += 1
            close(store)

        monkeypatch.setattr(TicketStore, "__init__", init)
        monkeypatch.setattr(TicketStore, "take", taken)
        monkeypatch.setattr(TicketStore, "close", closing)


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Watch]:
    seen = _Watch(monkeypatch)
    yield seen
    engine.spill.after = ticket_book._Spill.after


def _both_ways(replay: Any, after: int = 0) -> tuple[str, str]:
    """The report's JSON in memory (spill off) and spilled (after ``after`` tickets)."""
    with engine.spill.set_to(None):
        kept = replay().to_json()
    with engine.spill.set_to(after):
        spilled = replay().to_json()
    return kept, spilled


def pair(name: str) -> tuple[Path, Path]:
    return ROOT / "rulesets" / f"{name}.sla", ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("after", [0, 2])
def test_every_sample_gives_the_same_report_spilled(name: str, after: int, watch: _Watch) -> None:
    rules, events = pair(name)
    ruleset = slarules.load(rules)
    kept, spilled = _both_ways(lambda: ruleset.replay(events), after)
    assert spilled == kept
    # the spill path ran (where a ticket settles: aliyun's never close), and its store was
    # closed once the evidence was read
    assert len(watch.stores) == (name not in UNSETTLED) and watch.closed == len(watch.stores)
    for store in watch.stores:
        with pytest.raises(sqlite3.ProgrammingError):
            next(store.ids())


def test_the_text_reports_are_the_same_spilled(watch: _Watch) -> None:
    rules, events = pair("guangxi-gat-2024")
    ruleset = slarules.load(rules)
    kept, spilled = _reports(lambda: ruleset.replay(events))
    assert spilled.to_text() == kept.to_text()
    assert spilled.to_text(summary=True) == kept.to_text(summary=True)
    assert watch.stores


def _reports(replay: Any) -> tuple[Any, Any]:
    try:
        engine.spill.after = None
        kept = replay()
        engine.spill.after = 0
        spilled = replay()
    finally:
        engine.spill.after = ticket_book._Spill.after
    return kept, spilled


@pytest.mark.parametrize("name", sorted(_CASES))
def test_later_events_on_spilled_tickets(name: str, watch: _Watch) -> None:
    """Reopenings, late reports and attributions after a ticket settled (the cases of
    ``test_compact_results``: a ticket kept as its result, a ``SettledTicket``, a
    ``TicketState`` with packed clocks), with a second ticket opened after them so that
    the spilled one sits between open ones, evaluated at several times."""
    events = [*_CASES[name], {"type": "opened", "at": sh(4, 9).isoformat(), "ticket": "T2",
                               "sla": "故障", "tier": "2级"}]  # fmt: skip
    ruleset = slarules.loads(RULES)
    for as_of in (None, sh(2, 13, 30), sh(3, 9, 15)):
        # as_of cuts the log: a ticket settled then is evaluated before its reopening
        cut = [e for e in events if as_of is None or e["at"] <= as_of.isoformat()]
        kept, spilled = _both_ways(lambda c=cut, a=as_of: ruleset.replay(c, as_of=a or sh(9, 0)))
        assert spilled == kept
    revives = {"late report", "reopened twice", "reported after the close"}
    assert watch.revived > 0 or name not in revives


def test_a_repeated_opening_of_a_spilled_ticket_is_refused_the_same(watch: _Watch) -> None:
    events = [
        *_CASES["reopened twice"],
        {**_CASES["reopened twice"][0], "at": sh(4, 9).isoformat()},
    ]
    ruleset = slarules.loads(RULES)
    messages = []
    for after in (None, 0):
        engine.spill.after = after
        with pytest.raises(slarules.RuleError) as caught:
            ruleset.replay(events)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "already opened" in messages[0]
    assert watch.stores and watch.closed == len(watch.stores)  # closed on the error path too


@settings(max_examples=20, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    shuffle=st.none() | st.integers(min_value=0, max_value=2**32),
    cut=st.none() | st.floats(min_value=0.1, max_value=0.9),
    after=st.integers(min_value=0, max_value=5),
)
def test_out_of_order_logs_and_as_of_inside_give_the_same_report(
    name: str, shuffle: int | None, cut: float | None, after: int, tmp_path_factory: Any
) -> None:
    """A log out of time order (replay sorts it before feeding) and an ``as_of`` inside
    it (tickets still open then, events after it left out), spilled after any count."""
    rules, events = pair(name)
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    as_of = json.loads(lines[int(len(lines) * cut)])["at"] if cut is not None else None
    if shuffle is not None:
        random.Random(shuffle).shuffle(lines)
    log = tmp_path_factory.mktemp("log") / events.name
    log.write_text("".join(lines), encoding="utf-8")
    ruleset = slarules.load(rules)
    kept, spilled = _both_ways(lambda: ruleset.replay(log, as_of=as_of), after)
    assert spilled == kept


@pytest.mark.parametrize("name", ["guangxi-gat-2024", "fujian-slt-2024"])
def test_partitioned_replay_spilled_is_the_single_one(name: str, watch: _Watch) -> None:
    rules, events = pair(name)
    single = slarules.load(rules).replay(events).to_json()
    try:
        engine.spill.after = 0
        split = replay_partitioned(rules, events, 3, client="serial").to_json()
    finally:
        engine.spill.after = ticket_book._Spill.after
    assert split == single
    assert len(watch.stores) >= 2 and watch.closed == len(watch.stores)  # one a partition


def _kept(case: str, upto: int | None = None) -> tuple[engine.Tracker, Any]:
    tracker = engine.Tracker(slarules.loads(RULES).model)
    for event in _CASES[case][:upto]:
        tracker.feed(event)
    return tracker, tracker._tickets["T1"]


# (case, events fed): a ticket kept as its result alone, as a SettledTicket, as a state
# with packed clocks
KINDS = {
    TicketResult: ("reopened twice", 5),
    SettledTicket: ("reported after the close", 5),
    TicketState: ("restart history", None),
}


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda k: k.__name__)
def test_the_store_gives_back_what_it_was_given(kind: type) -> None:
    """Each kind of settled ticket, read back: equal, its SLA's plan the tracker's, and the
    texts every result repeats shared again (one object for the tier, the status, the
    metric, as in a result that never left memory)."""
    tracker, ticket = _kept(*KINDS[kind])
    assert type(ticket) is kind
    store = TicketStore(tracker._plans)
    store.put(0, "T1", ticket)
    store.put(1, "T2", ticket)
    assert "T1" in store and "T3" not in store and len(store) == 2
    (seq1, first), (seq2, second) = store.tickets()
    assert (seq1, seq2) == (0, 1) and type(first) is kind
    at = sh(9, 0)
    mine, theirs = result_of(first, at), result_of(ticket, at)
    assert mine == theirs and mine is not theirs
    if kind is not TicketResult:
        assert first.plan is ticket.plan and first.plan.sla is ticket.plan.sla
    other = result_of(second, at)
    assert other.tier is mine.tier and other.targets[0].status is mine.targets[0].status
    assert other.targets[0].metric is mine.targets[0].metric
    # taken out: gone from the store, with its place
    taken = store.take("T1")
    assert taken is not None and taken[0] == 0 and result_of(taken[1], at) == theirs
    assert store.take("T1") is None and "T1" not in store and len(store) == 1
    assert [seq for seq, _ticket in store.ids()] == [1]
    store.close()


def result_of(kept: Any, at: Any) -> TicketResult:
    return kept if isinstance(kept, TicketResult) else kept.result(at)


def _evidence_tickets(rules: Path, log: Path, as_of: str | None, after: int | None) -> Any:
    """The evidence's tickets, in the order the tracker keeps them (the report sorts them
    by id and scoring by opening time, so only this shows the opening order itself)."""
    model = slarules.load(rules).model
    when = datetime.fromisoformat(as_of) if as_of is not None else None
    source = EventSource(str(log))
    engine.spill.after = after
    try:
        tracker = engine.load_events(model, source, as_of=when)
        tickets = tracker.evidence(when).tickets, tracker.tickets
        tracker.release_tickets()
        return tickets
    finally:
        source.close()
        engine.spill.after = ticket_book._Spill.after


@settings(max_examples=15, deadline=None)
@given(
    name=st.sampled_from(sorted(set(NAMES) - UNSETTLED)),
    cut=st.floats(min_value=0.2, max_value=0.9),
    after=st.integers(min_value=0, max_value=3),
)
def test_the_evidence_keeps_the_opening_order(name: str, cut: float, after: int) -> None:
    """Cut inside the log, some tickets are still open (in memory) between settled ones
    (on disk): the evidence lists them all in opening order, as the memory book does, and
    ``Tracker.tickets`` names them in that order."""
    rules, events = pair(name)
    lines = events.read_text(encoding="utf-8").splitlines()
    as_of = json.loads(lines[int(len(lines) * cut)])["at"]
    kept = _evidence_tickets(rules, events, as_of, None)
    spilled = _evidence_tickets(rules, events, as_of, after)
    assert spilled == kept


def test_a_ticket_open_before_a_spilled_one_stays_before_it() -> None:
    """T0 opened first and still open (in memory), T1 opened after it and settled (on
    disk), then T1 reopened (back in memory) and settled again: the evidence and
    ``Tracker.tickets`` still list T0 first."""
    first = {"type": "opened", "at": sh(2, 9).isoformat(), "ticket": "T0"}
    first |= {"sla": "故障", "tier": "2级"}
    events = [first, *_CASES["reopened twice"]]
    model = slarules.loads(RULES).model
    orders = []
    for after in (None, 0):
        engine.spill.after = after
        try:
            tracker = engine.load_events(model, EventSource(events))
        finally:
            engine.spill.after = ticket_book._Spill.after
        orders.append(([t.ticket for t in tracker.evidence(sh(9, 0)).tickets], tracker.tickets))
        tracker.release_tickets()
    assert orders[0] == orders[1] == (["T0", "T1"], ("T0", "T1"))


def _id_log(tmp_path: Path) -> Path:
    """The guangxi sample with an id on every event, then repeats: the same event (dropped
    with a warning), and the same id on another event (an error), far from the first use."""
    _rules, events = pair("guangxi-gat-2024")
    rows = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    rows = [{**row, "id": f"E{k}"} for k, row in enumerate(rows)]
    last = rows[-1]["at"]
    rows.append(dict(rows[3]))  # the same event again (out of time order: the log is sorted)
    rows.append({**rows[5], "note": "改过", "at": last})  # the same id, another event
    log = tmp_path / "ids.jsonl"
    log.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return log


@pytest.mark.parametrize("after", [0, 3])
def test_repeated_ids_are_found_the_same_spilled(
    after: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slarules.engine import id_index

    databases: list[object] = []
    made = id_index._database
    monkeypatch.setattr(id_index, "_database", lambda: databases.append(made()) or databases[-1])
    rules, _events = pair("guangxi-gat-2024")
    ruleset = slarules.load(rules)
    log = _id_log(tmp_path)
    outcomes = []
    for spill_after in (None, after):
        engine.spill.after = spill_after
        try:
            with pytest.raises(slarules.RuleError) as caught:
                ruleset.replay(log)
            report = ruleset.replay(log, lenient=True).to_json()
        finally:
            engine.spill.after = ticket_book._Spill.after
        outcomes.append((str(caught.value), report))
    assert outcomes[0] == outcomes[1]
    message, report = outcomes[0]
    assert "SLR918" in message and "already used by line 6 (id E5)" in message
    assert "repeats line 4 (id E3) [SLR919]" in report
    # the spilled runs used the disk index (each replay twice: its first pass finds the log
    # out of order and stops, the second reads it sorted), and closed every one
    assert len(databases) == 4
    for db in databases:
        with pytest.raises(sqlite3.ProgrammingError):
            db.execute("SELECT 1")  # type: ignore[attr-defined]


@pytest.mark.parametrize("fails", ["connect", "insert"])
def test_a_temporary_directory_without_room_is_one_line_not_a_traceback(
    fails: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite cannot make its file (no temporary directory) or write it (a full disk):
    ``slarules replay`` says so on one line and exits 2, as for an output it cannot write."""
    from slarules.cli import main
    from slarules.engine import tempdb, ticket_store

    def broken(*_args: object, **_options: object) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    def tiny(cache_kib: int) -> sqlite3.Connection:
        db = tempdb.temporary_database(cache_kib)
        db.execute("PRAGMA max_page_count = 3")  # a full disk after a few rows
        return db

    if fails == "connect":
        monkeypatch.setattr(tempdb.sqlite3, "connect", broken)
    else:
        monkeypatch.setattr(ticket_store, "temporary_database", tiny)
    rules, events = pair("guangxi-gat-2024")
    engine.spill.after = 0
    try:
        code = main(["replay", str(rules), str(events), "--summary"])
    finally:
        engine.spill.after = ticket_book._Spill.after
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("slarules: error: cannot keep settled tickets or ids in a temporary file")
    assert "Traceback" not in err and err.count("\n") == 1
