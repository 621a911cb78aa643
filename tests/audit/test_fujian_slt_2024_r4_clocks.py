"""Audit round 4, clocks: fujian-slt-2024 under unusual event orders — a 故障级别 changed while
the restore clock stands stopped and then reopened (the evidence of the change), changes
during a pause, in the same second as the report or the fix, two in one second, an agreed
time then a change, a pause still open at the evaluation time.

Worked by hand from the table "二、服务响应要求" (紧急: 响应时间 10分钟, 恢复时间 4小时内;
一般: 半小时内, 8小时内（具体要视问题解决的难易程度和限制条件定）; 轻微: 按需, 按需) and the
rule file's documented readings (docs/rulesets/fujian-slt-2024.md): a 7×24 calendar; a pause
holds only a 一般 fault's restore clock; `retier remeasure allow full` (a deadline passed
before the change stays breached, a running one is measured against the new level from the
report, after an upgrade the new level's whole time from the change, never more than it
had); SPEC §3.8: a reopening resumes the restore clock and the time between the fix and the
reopening does not count. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import slarules

SLT = "fujian-slt-2024"
DAY = "2024-07-15"  # a Monday; the calendar is 7×24, so the day does not matter
AS_OF = "2024-07-16 12:00"


def _t(hhmm: str, day: str = DAY) -> str:
    return f"{day}T{hhmm}:00+08:00"


def _lines(refs: list[dict[str, Any]]) -> list[int]:
    return [ref["line"] for ref in refs]


def _restore(kit: Any, tier: str, *steps: Any) -> dict[str, Any]:
    events = kit.ticket("F", "故障", tier, f"{DAY} 10:00", *steps)
    found: dict[str, Any] = kit.target(kit.replay(SLT, events, as_of=AS_OF), "F", "restore")
    return found


# -- 1. the known defect: the evidence of a change applied at a reopening ----------------------


def test_a_change_while_the_fix_stands_is_cited_as_the_change_not_the_reopening(
    kit: Any,
) -> None:
    # 紧急 at 10:00 (event 1), answered 10:05 (2), restored 11:00 (3): 1 h of "4小时内" used.
    # Lowered to 一般 at 11:30 (4): the restore clock is stopped, nothing moves yet. Closed
    # 11:40 (5), reopened 13:00 (6): the clock runs again and owes 一般's "8小时内" from the
    # report, plus the 2 h between the fix and the reopening (SPEC §3.8): 18:00 + 2 h = 20:00
    # (紧急's 14:00 + 2 h = 16:00 had not passed at 13:00, so the change applies). Restored
    # 15:00 (7): met, measured as 一般. The evidence says what each line did: line 4 is the
    # change of level, line 6 the reopening — not line 6 twice and line 4 nowhere (the
    # defect: the reopening line was listed as `retiered`, the change itself lost).
    restore = _restore(
        kit, "紧急",
        (f"{DAY} 10:05", "responded"), (f"{DAY} 11:00", "restored"),
        (f"{DAY} 11:30", "retiered", {"tier": "一般"}), (f"{DAY} 11:40", "closed"),
        (f"{DAY} 13:00", "reopened"), (f"{DAY} 15:00", "restored"),
    )  # fmt: skip
    assert (restore["status"], restore["deadline"], restore["tier"]) == ("met", _t("20:00"), "一般")
    evidence = restore["evidence"]
    assert _lines(evidence["retiered"]) == [4]
    assert _lines(evidence["reopened"]) == [6]
    assert (evidence["start"]["line"], evidence["stop"]["line"]) == (1, 7)


def test_a_change_at_the_instant_of_the_fix_logged_after_it_is_cited_as_the_change(
    kit: Any,
) -> None:
    # 一般 at 10:00, answered 10:05, restored 12:00 (3) and raised to 紧急 in the same second,
    # logged after the fix (4): ties go in file order (docs/events.md, Order), so the clock
    # had stopped, met as 一般. Closed 12:10 (5), reopened 13:00 (6): 紧急 owes, from the
    # report, 14:00 + the hour 12:00–13:00 = 15:00, but an upgrade never backdates: `allow
    # full` gives 紧急's 4 h from when the clock runs again, 17:00, never more than the 一般
    # 19:00 (18:00 + 1 h) → 17:00. Line 4 is the change, line 6 the reopening.
    restore = _restore(
        kit, "一般",
        (f"{DAY} 10:05", "responded"), (f"{DAY} 12:00", "restored"),
        (f"{DAY} 12:00", "retiered", {"tier": "紧急"}), (f"{DAY} 12:10", "closed"),
        (f"{DAY} 13:00", "reopened"), (f"{DAY} 17:00", "restored"),
    )  # fmt: skip
    assert (restore["status"], restore["deadline"], restore["tier"]) == ("met", _t("17:00"), "紧急")
    assert _lines(restore["evidence"]["retiered"]) == [4]
    assert _lines(restore["evidence"]["reopened"]) == [6]


def test_a_change_and_back_while_the_fix_stands_moves_nothing(kit: Any) -> None:
    # 一般 at 10:00, answered 10:05, restored 11:00 (3). Raised to 紧急 at 11:10 (4) and
    # lowered back to 一般 at 11:20 (5): the ticket ends where it started, so the reopened
    # clock owes 一般 as before: 18:00 + the gap 11:00–13:00 = 20:00; no change moved it, so
    # no `retiered` line belongs to the restore target.
    restore = _restore(
        kit, "一般",
        (f"{DAY} 10:05", "responded"), (f"{DAY} 11:00", "restored"),
        (f"{DAY} 11:10", "retiered", {"tier": "紧急"}),
        (f"{DAY} 11:20", "retiered", {"tier": "一般"}),
        (f"{DAY} 11:30", "closed"), (f"{DAY} 13:00", "reopened"), (f"{DAY} 19:00", "restored"),
    )  # fmt: skip
    assert (restore["status"], restore["deadline"], restore["tier"]) == ("met", _t("20:00"), "一般")
    assert _lines(restore["evidence"]["retiered"]) == []
    assert _lines(restore["evidence"]["reopened"]) == [7]


def test_two_different_changes_while_the_fix_stands_are_cited_in_log_order(kit: Any) -> None:
    # 紧急 at 10:00, answered 10:05, restored 11:00 (3). Lowered to 一般 at 11:10 (4), then
    # to 轻微 at 11:20 (5): "按需", no restore time unless one is agreed. Closed 11:30 (6),
    # reopened 13:00 (7): the clock owes 轻微's (nothing agreed: not_applicable), and both
    # changes brought it there: lines 4 and 5.
    restore = _restore(
        kit, "紧急",
        (f"{DAY} 10:05", "responded"), (f"{DAY} 11:00", "restored"),
        (f"{DAY} 11:10", "retiered", {"tier": "一般"}),
        (f"{DAY} 11:20", "retiered", {"tier": "轻微"}),
        (f"{DAY} 11:30", "closed"), (f"{DAY} 13:00", "reopened"), (f"{DAY} 19:00", "restored"),
    )  # fmt: skip
    assert (restore["status"], restore["tier"]) == ("not_applicable", "轻微")
    assert _lines(restore["evidence"]["retiered"]) == [4, 5]
    assert _lines(restore["evidence"]["reopened"]) == [7]


def test_a_change_after_a_late_fix_stays_a_breach_and_moves_nothing(kit: Any) -> None:
    # 紧急 at 10:00, restored 14:30 (2): half an hour after "4小时内" (14:00), a 紧急 breach.
    # Lowered to 一般 at 15:00 (3), closed 15:10 (4), reopened 16:00 (5), restored 17:00 (6).
    # At the reopening the 紧急 deadline (14:00; the gap 14:30–16:00 begins after it and moves
    # nothing) has passed: the change cannot erase the breach (SPEC §3.7), so the target stays
    # a 紧急 breach, and no change moved it: no `retiered` line.
    restore = _restore(
        kit, "紧急",
        (f"{DAY} 14:30", "restored"), (f"{DAY} 15:00", "retiered", {"tier": "一般"}),
        (f"{DAY} 15:10", "closed"), (f"{DAY} 16:00", "reopened"), (f"{DAY} 17:00", "restored"),
    )  # fmt: skip
    assert (restore["status"], restore["deadline"], restore["tier"]) == (
        "breached", _t("14:00"), "紧急")  # fmt: skip
    assert _lines(restore["evidence"]["retiered"]) == []
    assert _lines(restore["evidence"]["reopened"]) == [5]


def test_the_live_tracker_cites_the_same_lines(kit: Any) -> None:
    # The same life as the first test, fed one event at a time: the tracker's report (the
    # ticket reopened after it was settled at its close) names the same events.
    events = kit.ticket(
        "F", "故障", "紧急", f"{DAY} 10:00",
        (f"{DAY} 10:05", "responded"), (f"{DAY} 11:00", "restored"),
        (f"{DAY} 11:30", "retiered", {"tier": "一般"}), (f"{DAY} 11:40", "closed"),
        (f"{DAY} 13:00", "reopened"), (f"{DAY} 15:00", "restored"), (f"{DAY} 15:10", "closed"),
    )  # fmt: skip
    tracker = kit.ruleset(SLT).tracker()
    for event in events:
        tracker.feed(event)
    live = tracker.report(as_of=kit.at(AS_OF)).to_json()
    replayed = kit.ruleset(SLT).replay(events, as_of=kit.at(AS_OF)).to_json()
    live_target = json.loads(live)["tickets"][0]["targets"][1]
    assert live_target == json.loads(replayed)["tickets"][0]["targets"][1]
    assert _lines(live_target["evidence"]["retiered"]) == [4]
    assert _lines(live_target["evidence"]["reopened"]) == [6]


# -- 2. unusual orders ---------------------------------------------------------------------


@pytest.mark.parametrize("order", list(itertools.permutations(("retiered", "paused", "responded"))))
def test_a_change_a_pause_and_the_answer_in_one_second_in_every_order(
    kit: Any, order: tuple[str, ...]
) -> None:
    # 一般 at 10:00; at 10:20 the same second holds a change to 紧急, a pause and the answer,
    # in the log order given (ties go in file order: docs/events.md, Order); resumed 11:00.
    # respond: 一般's "半小时内" is 10:30. Answered before the change, it stopped as 一般, met.
    # Changed first, it is measured as 紧急: 10:10 from the report, but an upgrade never
    # backdates and `allow full` gives 紧急's 10 minutes from the change, 10:30, never more
    # than the 10:30 it had → 10:30, answered 10:20: met, as 紧急. The pause holds only a
    # 一般 fault's restore clock and never respond. restore: 紧急 from the report is 14:00;
    # the upgrade's floor is 10:20 + 4 h = 14:20 (no more than 一般's 18:00) → 14:20, never
    # restored by 23:00: breached. The pause, before the change, held the clock for no time
    # (released at the change, in the same second); after it, it holds nothing (紧急).
    steps = [(f"{DAY} 10:20", kind, {"tier": "紧急"} if kind == "retiered" else {})
             for kind in order]  # fmt: skip
    events = kit.ticket("F", "故障", "一般", f"{DAY} 10:00", *steps, (f"{DAY} 11:00", "resumed"))
    report = kit.replay(SLT, events, as_of=f"{DAY} 23:00")
    respond, restore = kit.target(report, "F", "respond"), kit.target(report, "F", "restore")
    answered_first = order.index("responded") < order.index("retiered")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        "met", _t("10:30"), "一般" if answered_first else "紧急")  # fmt: skip
    assert (restore["status"], restore["deadline"], restore["tier"]) == (
        "breached", _t("14:20"), "紧急")  # fmt: skip


def test_ties_keep_file_order_in_a_log_sorted_for_being_out_of_order(
    kit: Any, tmp_path: Path
) -> None:
    # The same second written once in China time and once in UTC (10:20+08:00 = 02:20Z),
    # answer before change, in a log that is out of order (a later ticket first), so the
    # replay sorts it: the sort keeps file order among equal instants (docs/events.md,
    # Order), so respond stopped as 一般 before the change, as in the test above.
    other = kit.ticket("G", "故障", "一般", f"{DAY} 12:00")
    events = [*other, *kit.ticket(
        "F", "故障", "一般", f"{DAY} 10:00",
        (f"{DAY} 10:20", "responded"),
    )]  # fmt: skip
    events.append({"at": "2024-07-15T02:20:00Z", "type": "retiered", "ticket": "F", "tier": "紧急"})
    path = tmp_path / "unordered.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    data = json.loads(kit.ruleset(SLT).replay(path, as_of=kit.at(f"{DAY} 23:00")).to_json())
    respond = kit.target(data, "F", "respond")
    assert (respond["status"], respond["deadline"], respond["tier"]) == ("met", _t("10:30"), "一般")
    assert kit.target(data, "F", "restore")["deadline"] == _t("14:20")


def test_two_changes_in_one_second_down_and_back_buy_nothing(kit: Any) -> None:
    # 一般 at 10:00; at 10:20, 紧急 and straight back to 一般 in the same second (lines 2, 3).
    # respond: as 紧急 due at 10:30 (the upgrade's floor, as above); back as 一般, 一般's own
    # 10:30 → 10:30. restore: as 紧急 14:20; back as 一般 it is measured from the report
    # again, 18:00 (a downgrade's floor, at most the 14:20 in force, lies below it). Answered
    # 10:31: a 一般 breach; restored 17:00: met. Both lines moved the restore clock.
    events = kit.ticket(
        "F", "故障", "一般", f"{DAY} 10:00",
        (f"{DAY} 10:20", "retiered", {"tier": "紧急"}),
        (f"{DAY} 10:20", "retiered", {"tier": "一般"}),
        (f"{DAY} 10:31", "responded"), (f"{DAY} 17:00", "restored"),
    )  # fmt: skip
    report = kit.replay(SLT, events, as_of=f"{DAY} 23:00")
    respond, restore = kit.target(report, "F", "respond"), kit.target(report, "F", "restore")
    assert (respond["status"], respond["deadline"], respond["tier"]) == (
        "breached", _t("10:30"), "一般")  # fmt: skip
    assert (restore["status"], restore["deadline"], restore["tier"]) == ("met", _t("18:00"), "一般")
    assert _lines(restore["evidence"]["retiered"]) == [2, 3]


def test_an_agreed_time_survives_a_change_up_and_back(kit: Any) -> None:
    # 一般 at 10:00, answered 10:05; 10:30 the parties agree 24小时 for the restore ("8小时内
    # （具体要视问题解决的难易程度…定）": the ticket's agreement, `8小时 or agreed`) → due
    # tomorrow 10:00. 11:00 raised to 紧急 ("4小时内", no agreement taken): 14:00 from the
    # report, floored at 11:00 + 4 h = 15:00 (no later than tomorrow 10:00) → 15:00. 12:00
    # back to 一般: the agreement is the ticket's, so 24 h from the report again, tomorrow
    # 10:00 — no later than the 一般 deadline it had before (tomorrow 10:00). Restored
    # tomorrow 09:00: met, as 一般.
    events = kit.ticket(
        "F", "故障", "一般", f"{DAY} 10:00",
        (f"{DAY} 10:05", "responded"),
        (f"{DAY} 10:30", "agreed", {"metric": "restore", "target": "24小时"}),
        (f"{DAY} 11:00", "retiered", {"tier": "紧急"}),
    )  # fmt: skip
    up = kit.target(kit.replay(SLT, events, as_of=f"{DAY} 11:30"), "F", "restore")
    assert (up["status"], up["deadline"], up["tier"], up["agreed"]) == (
        "running", _t("15:00"), "紧急", None)  # fmt: skip
    events += kit.ticket("F", "故障", "一般", f"{DAY} 10:00",
                         (f"{DAY} 12:00", "retiered", {"tier": "一般"}),
                         ("2024-07-16 09:00", "restored"))[1:]  # fmt: skip
    back = kit.target(kit.replay(SLT, events, as_of=AS_OF), "F", "restore")
    assert (back["status"], back["deadline"], back["tier"], back["agreed"]) == (
        "met", _t("10:00", "2024-07-16"), "一般", "24小时")  # fmt: skip


def test_a_pause_never_resumed_holds_the_time_left_at_the_evaluation_time(kit: Any) -> None:
    # 一般 at 10:00, answered 10:05, paused 11:00 and never resumed. The restore clock ran
    # 1 h of "8小时内"; a ticket paused at the evaluation time is measured as if the pause
    # ended then (docs/language.md, clock semantics 2): at tomorrow 12:00 it is running,
    # 7 h left, due tomorrow 19:00 — and the live status says the same.
    events = kit.ticket("F", "故障", "一般", f"{DAY} 10:00",
                        (f"{DAY} 10:05", "responded"), (f"{DAY} 11:00", "paused"))  # fmt: skip
    restore = kit.target(kit.replay(SLT, events, as_of=AS_OF), "F", "restore")
    assert (restore["status"], restore["deadline"], restore["elapsed"]) == (
        "running", _t("19:00", "2024-07-16"), "PT1H")  # fmt: skip
    tracker = kit.ruleset(SLT).tracker()
    for event in events:
        tracker.feed(event)
    live = tracker.status("F", at=kit.at(AS_OF)).metric("restore")
    assert (live.state, live.paused, live.remaining) == ("running", True, timedelta(hours=7))


def test_a_resume_without_a_pause_is_refused_with_its_line(kit: Any) -> None:
    # "resumed only when paused" (docs/events.md): the second line is refused, named.
    events = kit.ticket("F", "故障", "一般", f"{DAY} 10:00", (f"{DAY} 10:05", "resumed"))
    with pytest.raises(slarules.RuleError, match=r"event 2: ticket F is not paused \[SLR917\]"):
        kit.replay(SLT, events, as_of=AS_OF)


def test_a_fault_closed_unrestored_and_reopened_keeps_its_answer(kit: Any) -> None:
    # 一般 at 10:00, answered 10:05 ("半小时内": met), closed 10:10 without a restore,
    # reopened 12:00. The restore clock never stopped (it runs: 18:00); the answer at 10:05
    # was given, and nothing in the table asks for another: at 14:00 respond is still met.
    # The rule file says so: `reopen resumes restore` (docs/rulesets/fujian-slt-2024.md,
    # reading 14); before it, the answer ran again from 12:00 with 25 minutes left, due 12:25.
    events = kit.ticket(
        "F", "故障", "一般", f"{DAY} 10:00", (f"{DAY} 10:05", "responded"),
        (f"{DAY} 10:10", "closed"), (f"{DAY} 12:00", "reopened"),
    )  # fmt: skip
    report = kit.replay(SLT, events, as_of=f"{DAY} 14:00")
    respond, restore = kit.target(report, "F", "respond"), kit.target(report, "F", "restore")
    assert (respond["status"], respond["stop"]) == ("met", _t("10:05"))
    assert (restore["status"], restore["deadline"], restore["stop"]) == (
        "running",
        _t("18:00"),
        None,
    )


def test_a_fault_closed_while_paused_does_not_run_for_ever(kit: Any) -> None:
    # 一般 at 10:00, answered 10:05, paused 11:00 (一般's restore clock is held), closed
    # 11:30 without a restore and never reopened. A year later the fault's "8小时内" must
    # have an outcome: it cannot still be running. Nothing can resume a closed ticket, so
    # the close ends the pause (docs/language.md, clock semantics 5): the clock held
    # 11:00–11:30 runs again from the close, 8 h + that half hour → due 18:30; never
    # restored, it is breached from then on, and the `closed` line (4) ended the pause.
    events = kit.ticket(
        "F", "故障", "一般", f"{DAY} 10:00", (f"{DAY} 10:05", "responded"),
        (f"{DAY} 11:00", "paused"), (f"{DAY} 11:30", "closed"),
    )  # fmt: skip
    restore = kit.target(kit.replay(SLT, events, as_of="2025-07-01 00:00"), "F", "restore")
    assert (restore["status"], restore["deadline"], restore["stop"]) == (
        "breached", _t("18:30"), None)  # fmt: skip
    assert _lines(restore["evidence"]["paused"]) == [3]
    assert _lines(restore["evidence"]["resumed"]) == [4]
    running = kit.target(kit.replay(SLT, events, as_of=f"{DAY} 18:00"), "F", "restore")
    assert (running["status"], running["elapsed"]) == ("running", "PT7H30M")


def test_a_fault_closed_while_paused_and_reopened_is_not_paused(kit: Any) -> None:
    # As above, reopened 12:00 (the half hour 11:30–12:00 after the close: the restore
    # clock never stopped, so it ran; only a stopped clock's gap is not counted) and
    # restored 18:20: due 18:30 → met. The reopened ticket is no longer paused: a
    # `resumed` now is refused, a new `paused` is taken.
    events = kit.ticket(
        "F", "故障", "一般", f"{DAY} 10:00", (f"{DAY} 10:05", "responded"),
        (f"{DAY} 11:00", "paused"), (f"{DAY} 11:30", "closed"), (f"{DAY} 12:00", "reopened"),
        (f"{DAY} 18:20", "restored"),
    )  # fmt: skip
    restore = kit.target(kit.replay(SLT, events, as_of=AS_OF), "F", "restore")
    assert (restore["status"], restore["deadline"]) == ("met", _t("18:30"))
    refused = [*events[:5], {**events[0], "at": _t("12:10"), "type": "resumed"}]
    for key in ("sla", "tier"):
        refused[-1].pop(key, None)
    with pytest.raises(slarules.RuleError, match=r"event 6: ticket F is not paused \[SLR917\]"):
        kit.replay(SLT, refused, as_of=AS_OF)
