"""What a settled ticket keeps, and what it shares (docs/performance.md, "Memory").

A replay keeps every ticket's result to the end (SPEC §7 lists every ticket), so the bytes
a result holds decide the replay's memory. These tests pin the sharing the engine relies on
(one ``EventRef`` per event wherever it is cited, one string per tier and per role pattern,
no intervals tuple or elapsed timedelta for a one-span target) and that none of it changes
a value: the public attributes read the same as in a result built by hand, and a ticket the
tracker keeps as its result (or a ``SettledTicket``) answers as the full state does after any
later event."""

from __future__ import annotations

from datetime import timedelta

import pytest

import slarules
from slarules import Tracker
from slarules.engine import ticket_book
from slarules.engine.clocks import TicketState
from slarules.engine.evidence import TargetResult, TicketResult
from slarules.engine.settled import SettledTicket

from .test_final_tickets import CASES, RULES, ev, sh


def _fed(events: list[dict[str, object]]) -> Tracker:
    tracker = Tracker(slarules.loads(RULES))
    for event in events:
        tracker.feed(event)
    return tracker


def _two_tickets() -> Tracker:
    """T1 and T2 in tier 2级 of 故障 (respond and restore start at opened), both closed."""
    events = []
    for ticket, day in (("T1", 2), ("T2", 3)):
        events += [
            {**ev("opened", sh(day, 10), sla="故障", tier="2级"), "ticket": ticket},
            {**ev("responded", sh(day, 10, 5)), "ticket": ticket},
            {**ev("restored", sh(day, 11)), "ticket": ticket},
            {**ev("reported", sh(day, 11, 30)), "ticket": ticket},
            {**ev("closed", sh(day, 11, 40)), "ticket": ticket},
        ]
    return _fed(events)


def test_targets_started_by_one_event_share_its_ref_and_time() -> None:
    t1, _t2 = _two_tickets()._engine.evidence(sh(9, 0)).tickets
    respond, restore, report = t1.targets
    opened = t1.events[0]
    # respond and restore both run "from opened": one EventRef, one datetime, cited thrice
    assert respond.events[0] is opened and restore.events[0] is opened
    assert respond.start is restore.start is t1.opened
    # report starts at restored, the event that stopped restore: the same ref again
    assert report.events[0] is restore.events[1] is t1.events[2]


def test_tickets_share_tier_and_role_strings() -> None:
    t1, t2 = _two_tickets()._engine.evidence(sh(9, 0)).tickets
    # "2级" decoded from two events is one string of the plan, as is the tiers_seen tuple
    assert t1.tier == "2级" and t1.tier is t2.tier and t1.tiers_seen is t2.tiers_seen
    assert t1.targets[0].tier is t1.tier
    # role patterns are interned: "sx" (started, stopped) once for every target
    assert t1.targets[0].roles == "sx"
    assert t1.targets[0].roles is t2.targets[0].roles is t1.targets[1].roles


def test_a_one_span_target_keeps_no_intervals_or_elapsed() -> None:
    ticket = _two_tickets()._engine.evidence(sh(9, 0)).tickets[0]
    respond, _restore, report = ticket.targets
    # respond: 10:00 → 10:05 on the 24×7 calendar, one span, all of it working time
    assert respond._intervals is None and respond._elapsed is None
    assert respond.intervals == ((sh(2, 10), sh(2, 10, 5)),)
    assert respond.elapsed == timedelta(minutes=5)
    # report: 11:00 → 11:30 on the mon-fri 09:00-12:00 calendar (Monday 2 March): one span,
    # all working time too; a span crossing the lunch break would keep its elapsed
    assert report.elapsed == timedelta(minutes=30) and report._elapsed is None


def test_a_span_with_time_off_keeps_its_elapsed() -> None:
    # report from restored 11:30 to reported 14:00 on 工作时间 (09:00-12:00, 13:30-17:30):
    # 30 minutes before lunch + 30 after = 1 hour of the 2.5 wall-clock hours
    tracker = _fed(
        [
            ev("opened", sh(2, 10), sla="故障", tier="2级"),
            ev("responded", sh(2, 10, 5)),
            ev("restored", sh(2, 11, 30)),
            ev("reported", sh(2, 14)),
            ev("closed", sh(2, 14, 10)),
        ]
    )
    report = tracker._engine.evidence(sh(9, 0)).tickets[0].targets[2]
    assert report._intervals is None and report._elapsed == timedelta(hours=1)
    assert report.elapsed == timedelta(hours=1)


def test_a_packed_target_equals_one_built_by_hand() -> None:
    respond = _two_tickets()._engine.evidence(sh(9, 0)).tickets[0].targets[0]
    by_hand = TargetResult(
        respond.metric,
        respond.status,
        sh(2, 10),
        respond.deadline,
        sh(2, 10, 5),
        timedelta(minutes=5),
        intervals=((sh(2, 10), sh(2, 10, 5)),),
        events=respond.events,
        tier="2级",
        unit=respond.unit,
        roles="sx",
    )
    assert respond == by_hand and hash(respond) == hash(by_hand)
    assert respond != TargetResult(
        respond.metric,
        respond.status,
        sh(2, 10),
        respond.deadline,
        sh(2, 10, 5),
        timedelta(minutes=5),
        intervals=((sh(2, 10), sh(2, 10, 4)),),  # a different span: not equal
        events=respond.events,
        tier="2级",
        unit=respond.unit,
        roles="sx",
    )


# Cases whose settled ticket keeps more than its result (packed clocks: a restart's
# history, a downgrade's or upgrade's floor, a pause), so it stays a TicketState.
_NEVER_KEPT = frozenset({"downgrade", "restart history", "upgrade floor"})
_CASES = {
    **CASES,
    # kept at the first close; the reopening arrives on the kept ticket (revived, restore
    # runs again); from then on restore has two spans, packed: a TicketState stays
    "reopened twice": [
        ev("opened", sh(2, 10), sla="故障", tier="2级"),
        ev("responded", sh(2, 10, 5)),
        ev("restored", sh(2, 11)),
        ev("reported", sh(2, 11, 30)),
        ev("closed", sh(2, 11, 40)),
        ev("reopened", sh(2, 13)),
        ev("restored", sh(2, 14)),
        ev("closed", sh(2, 14, 10)),
        ev("reopened", sh(3, 9)),
        ev("restored", sh(3, 9, 30), note="换件"),
        ev("closed", sh(3, 10)),
    ],
    # report runs past the close: settled by ``reported`` (a SettledTicket, the close not
    # being the last event), then attributed and reopened
    "reported after the close": [
        ev("opened", sh(2, 10), sla="故障", tier="2级"),
        ev("responded", sh(2, 10, 5)),
        ev("restored", sh(2, 11)),
        ev("closed", sh(2, 11, 10)),
        ev("reported", sh(2, 14)),
        ev("reopened", sh(3, 9)),
        ev("restored", sh(3, 9, 30)),
        ev("closed", sh(3, 10)),
        ev("attributed", sh(3, 11), cause="采购人原因"),
    ],
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_a_ticket_kept_as_its_result_answers_as_the_full_state(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unlike test_final_tickets, no status() call in between: status revives the state,
    # and the point here is the next event arriving on a SettledTicket.
    ruleset = slarules.loads(RULES)
    kept, full = Tracker(ruleset), Tracker(ruleset)
    kept_seen = False
    for event in _CASES[name]:
        kept.feed(event)
        with monkeypatch.context() as patch:
            patch.setattr(ticket_book, "settled", lambda state: None)
            full.feed(event)
        assert isinstance(full._engine._tickets["T1"], TicketState)
        kept_seen = kept_seen or not isinstance(kept._engine._tickets["T1"], TicketState)
        at = sh(9, 0)
        assert kept._engine.evidence(at).tickets == full._engine.evidence(at).tickets
    assert kept_seen or name in _NEVER_KEPT


def test_a_second_close_of_a_kept_ticket_names_the_first() -> None:
    # T1 settled at its close (event 5): kept as its result, whose last event is the close
    tracker = _two_tickets()
    assert isinstance(tracker._engine._tickets["T1"], TicketResult)
    with pytest.raises(slarules.RuleError, match=r"already closed \(event 5\)"):
        tracker.feed(ev("closed", sh(9, 0)))


def test_a_ticket_settled_after_its_close_keeps_the_close() -> None:
    # settled by "reported" (event 5), after the close (event 4): a SettledTicket, which
    # must still name event 4 as the close, not the ticket's last event
    tracker = _fed(_CASES["reported after the close"][:5])
    kept = tracker._engine._tickets["T1"]
    assert isinstance(kept, SettledTicket) and kept.final.events[-1] != kept.closed_ref
    with pytest.raises(slarules.RuleError, match=r"already closed \(event 4\)"):
        tracker.feed(ev("closed", sh(9, 0)))
