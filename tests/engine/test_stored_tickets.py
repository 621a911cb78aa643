"""Scoring and the report read a spilled replay's tickets from its store, in passes.

After a replay whose book spilled settled tickets to disk (``engine.spill.after``), the
evidence's ``tickets`` are a ``StoredTickets`` that reads the store at each pass
(``engine/ticket_runs.py``); scoring slices it by ``opened`` (``scoring/by_opening.py``)
and keeps only a record of each breached and late target (``TicketIndex``), and the
report writes the tickets as it reads them. These tests check that every report form is
the same byte for byte as the in-memory replay's, that the stored path really ran, that
scoring does not hold every ticket (``test_scoring_does_not_hold_every_ticket`` fails if
it does) nor a result per breach (``test_scoring_holds_no_result_per_breach``).
"""

from __future__ import annotations

import gc
import importlib
import pickle
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules import engine
from slarules.engine import ticket_book
from slarules.engine.evidence import BREACHED, TargetResult, TicketResult
from slarules.engine.scoring import aggregates, items
from slarules.engine.scoring.cited_texts import CitedTexts
from slarules.engine.scoring.results import Texts
from slarules.engine.scoring.ticket_index import CitedTarget, CitedTicket
from slarules.engine.ticket_runs import StoredTickets
from slarules.i18n import use_language
from slarules.report.html import render_report_html

from .test_ticket_store import NAMES, pair

GUANGXI = pair("guangxi-gat-2024")[0]


def _spilled(replay: Any, after: int | None) -> Any:
    with engine.spill.set_to(after):
        return replay()


def _forms(report: Any) -> tuple[str, str, str, str]:
    return (
        report.to_json(),
        report.to_text(),
        report.to_text(summary=True),
        render_report_html(report),
    )


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a ``StoredTickets`` was read (whole, or a range of ``opened``):
    the stored path ran."""
    walked = [0]
    walk, between = StoredTickets.__iter__, StoredTickets.opened_between

    def counted(self: StoredTickets) -> Any:
        walked[0] += 1
        return walk(self)

    def counted_range(self: StoredTickets, start: Any, end: Any) -> Any:
        walked[0] += 1
        return between(self, start, end)

    monkeypatch.setattr(StoredTickets, "__iter__", counted)
    monkeypatch.setattr(StoredTickets, "opened_between", counted_range)
    return walked


@pytest.mark.parametrize("name", NAMES)
def test_every_form_of_every_sample_is_the_same_read_from_the_store(
    name: str, passes: list[int]
) -> None:
    rules, events = pair(name)
    ruleset = slarules.load(rules)
    kept = _spilled(lambda: ruleset.replay(events), None)
    assert passes == [0] and isinstance(kept.tickets, tuple)
    stored = _spilled(lambda: ruleset.replay(events), 0)
    assert _forms(stored) == _forms(kept)
    if name not in {"aliyun-ecs-2021", "cn-zwyw-2025"}:  # their tickets never close
        assert passes[0] >= 2  # the stored path ran: scoring's pass and the report's


def test_a_selected_period_is_the_same_read_from_the_store(passes: list[int]) -> None:
    rules, events = pair("guangxi-gat-2024")
    ruleset = slarules.load(rules)
    for period in ("考核周期:1", "考核周期:2"):
        kept = _spilled(lambda p=period: ruleset.replay(events, period=p), None)
        stored = _spilled(lambda p=period: ruleset.replay(events, period=p), 0)
        assert _forms(stored) == _forms(kept)
    assert passes[0] >= 4


def test_ids_out_of_natural_order_are_sorted_the_same() -> None:
    """Ids opened as T10, T9, T2: the report lists T2, T9, T10 both ways (spilled, the
    one pass finds them out of order and sorts them in memory)."""
    rules = (
        'ruleset "order" { timezone "Asia/Shanghai" }\n'
        'calendar 全天 { hours "24x7" }\n'
        "sla 故障 {\n  calendar 全天\n  metric restore from opened to restored\n"
        "  tier 1级 { restore 4小时 }\n}\n"
    )
    events: list[dict[str, Any]] = []
    for hour, ticket in ((9, "T10"), (10, "T9"), (11, "T2")):
        at = f"2026-03-02T{hour:02}:00:00+08:00"
        events.append({"type": "opened", "at": at, "ticket": ticket, "sla": "故障", "tier": "1级"})
        later = f"2026-03-02T{hour:02}:30:00+08:00"
        events.append({"type": "restored", "at": later, "ticket": ticket})
        events.append({"type": "closed", "at": later, "ticket": ticket})
    events.sort(key=lambda e: e["at"])
    ruleset = slarules.loads(rules)
    kept = _spilled(lambda: ruleset.replay(events), None)
    stored = _spilled(lambda: ruleset.replay(events), 0)
    assert [t.ticket for t in stored.tickets] == ["T2", "T9", "T10"]
    assert _forms(stored) == _forms(kept)


def _alive_results() -> int:
    return sum(1 for x in gc.get_objects() if type(x) is TicketResult)


@pytest.fixture(scope="module")
def bench_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A guangxi log of the bench's generator (``benchmarks/loggen.py``, imported from the
    repository as ``tests/benchmarks/conftest.py`` does)."""
    repo = str(Path(__file__).resolve().parents[2])
    if repo not in sys.path:
        sys.path.insert(0, repo)
    loggen = importlib.import_module("benchmarks.loggen")
    log = tmp_path_factory.mktemp("log") / "events.jsonl"
    loggen.generate(log, loggen.vocab_for(GUANGXI), 6_000, seed=5)
    return log


@pytest.mark.parametrize("after", [None, 0])
def test_scoring_does_not_hold_every_ticket(
    after: int | None, bench_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the count rules run, the results alive are those scoring keeps (breached and
    late tickets, a fifth of them here) and the open ones, not every ticket: fewer than
    half. Spill off, every ticket is alive (the check can fail)."""
    seen: list[int] = []
    count = aggregates.count

    def counting(counter: Any, view: Any) -> Any:
        if len(seen) < 3:
            gc.collect()
            seen.append(_alive_results())
        return count(counter, view)

    monkeypatch.setattr(aggregates, "count", counting)
    monkeypatch.setattr(items, "count", counting)
    ruleset = slarules.load(GUANGXI)
    report = _spilled(lambda: ruleset.replay(bench_log), after)
    total = len(report.tickets)
    assert total > 1_000 and seen
    if after is None:
        assert min(seen) >= total
    else:
        assert max(seen) < total // 2


def test_scoring_holds_no_result_per_breach(
    bench_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the count rules of a spilled replay run, the period index keeps a record of
    each breach (``CitedTarget``, docs/performance.md *Step C*), not its ticket's result
    and targets: the ``TicketResult`` and ``TargetResult`` objects alive are those of the
    few tickets still open at the end of the log, not one per breached ticket (step B kept
    a head of each, a ``TicketResult`` with its breached targets: this fails there).
    Counted above those alive before the replay (what earlier tests in the same process
    still hold)."""
    seen: list[tuple[int, int]] = []
    count = aggregates.count

    def alive() -> tuple[int, int]:
        gc.collect()
        types = [type(x) for x in gc.get_objects()]
        return types.count(TicketResult), types.count(TargetResult)

    before = alive()

    def counting(counter: Any, view: Any) -> Any:
        if len(seen) < 3:
            results, targets = alive()
            seen.append((results - before[0], targets - before[1]))
        return count(counter, view)

    monkeypatch.setattr(aggregates, "count", counting)
    monkeypatch.setattr(items, "count", counting)
    report = _spilled(lambda: slarules.load(GUANGXI).replay(bench_log), 0)
    breached = sum(1 for t in report.tickets if any(x.status == BREACHED for x in t.targets))
    assert breached > 200 and seen, breached
    assert max(results for results, _targets in seen) < breached // 10, (seen, breached)
    assert max(targets for _results, targets in seen) < breached // 10


def test_scoring_holds_no_record_per_breach(
    bench_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the count rules of a spilled replay run, a period's breaches are rows of the
    index's columns (docs/performance.md *Step D*): the ``CitedTarget`` and ``CitedTicket``
    records a rule reads are made as it reads them, and none is kept. Step C kept one of
    each per breach while the period was scored (this fails there: hundreds alive)."""
    seen: list[int] = []
    count = aggregates.count

    def counting(counter: Any, view: Any) -> Any:
        found = count(counter, view)
        if len(seen) < 40:
            gc.collect()
            seen.append(sum(1 for x in gc.get_objects() if type(x) in (CitedTarget, CitedTicket)))
        return found

    monkeypatch.setattr(aggregates, "count", counting)
    monkeypatch.setattr(items, "count", counting)
    report = _spilled(lambda: slarules.load(GUANGXI).replay(bench_log), 0)
    breached = sum(1 for t in report.tickets if any(x.status == BREACHED for x in t.targets))
    assert breached > 200 and len(seen) == 40, breached
    assert max(seen) < 10, seen


def test_cited_texts_are_made_in_the_language_scored_in(bench_log: Path) -> None:
    """The evidence of a line that counts breaches is made when the report reads it
    (``CitedTexts``), in the language the replay was scored in, not the reader's: a
    report scored in Chinese and written after the language went back to English cites
    ``超时``, as it did when its texts were made while scoring."""
    with use_language("zh"):
        report = _spilled(lambda: slarules.load(GUANGXI).replay(bench_log), 0)
        cited = [x for x in gc.get_objects() if type(x) is CitedTexts]
        inside = [list(x) for x in cited]
    outside = [list(x) for x in cited]
    assert cited and outside == inside and report.tickets
    texts = [text for found in outside for text in found]
    assert any("超时" in text for text in texts) and not any("breached" in t for t in texts)


def test_packed_texts_read_as_the_tuple_of_them() -> None:
    """``Texts`` (a long evidence list, packed) is the sequence of its texts: equal to
    their tuple (and to another packing of them), indexed and sliced like it, pickled as
    it, surrogates and all (a ticket id from JSON may hold one)."""
    texts = tuple(f"ticket T{i}: 响应 breached (line {i} → line {i + 9}) \ud800" for i in range(40))
    packed = Texts(texts)
    assert packed == texts and texts == tuple(packed) and packed == Texts(list(texts))
    assert packed != texts[:-1] and packed != Texts(texts[1:]) and len(packed) == 40
    assert packed[0] == texts[0] and packed[-1] == texts[-1] and packed[3:7] == texts[3:7]
    assert list(packed) == list(texts) and hash(packed) == hash(texts)
    assert pickle.loads(pickle.dumps(packed)) == texts
    assert Texts(["ab", "c"]) != Texts(["a", "bc"])  # where each text ends counts
    with pytest.raises(IndexError):
        packed[40]


def test_a_report_read_from_the_store_can_be_written_by_another_thread() -> None:
    """A report made in one thread and written in another (a worker's, a server's pool)
    reads the store all the same (``check_same_thread=False``)."""
    rules, events = pair("guangxi-gat-2024")
    ruleset = slarules.load(rules)
    kept = _spilled(lambda: ruleset.replay(events), None).to_json()
    stored = _spilled(lambda: ruleset.replay(events), 0)
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(stored.to_json).result() == kept


def test_a_periods_index_reads_only_the_marked_records(
    bench_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A period's index over a spilled run counts the period's tickets from the store's
    columns and reads only the ``marked`` ones (a target breached, late or running): the
    same index as over every ticket read, for fewer reads (about a fifth of the tickets are
    marked in the bench log; every ticket was read before)."""
    from slarules.engine.evidence import Run, marked
    from slarules.engine.ticket_records import RecordCodec
    from slarules.events.reader import EventSource

    model = slarules.load(GUANGXI).model
    source = EventSource(str(bench_log))
    engine.spill.after = 0
    try:
        tracker = engine.load_events(model, source)
        evidence = tracker.final_evidence(None)
    finally:
        source.close()
        engine.spill.after = ticket_book._Spill.after
    tickets = evidence.tickets
    assert isinstance(tickets, StoredTickets)
    every = list(tickets)
    start, end = every[len(every) // 4].opened, every[3 * len(every) // 4].opened
    reads = [0]
    loads = RecordCodec.loads

    def counted(codec: RecordCodec, record: bytes) -> Any:
        reads[0] += 1
        return loads(codec, record)

    monkeypatch.setattr(RecordCodec, "loads", counted)
    index = aggregates.TicketIndex(Run(tickets, start, end), keep_every=False)
    in_period = [t for t in every if start <= t.opened < end]
    wanted = [t for t in in_period if marked(t)]
    assert 0 < len(wanted) < len(in_period) // 2
    assert index.count == len(in_period) and reads[0] <= len(wanted)
    full = aggregates.TicketIndex(in_period, keep_every=True)
    assert index.unstopped == full.unstopped

    def cited(records: Iterable[Any]) -> list[tuple[str, str, int, str]]:
        return [(r.owner.ticket, r.metric, r.days_late, r.trail) for r in records]

    groups = index.groups()
    assert groups.keys() == full.groups().keys() and groups
    for key, records in full.groups().items():
        assert cited(groups[key]) == cited(records)
    tickets.close()
