"""Each reference rule file says which clock a reopening runs again (`reopen resumes …`,
docs/language.md): the answer (响应) is never owed twice. Worked by hand from the tables:

- fujian-gxt-2026 一般: "应在接到应用方故障通知1小时内响应，非灾难性问题4小时内解决" (全天, 7×24);
  紧急 adds "驻点技术人员在1个小时内赶赴现场";
- sichuan-sthjt-2025 故障: "响应时间为30分钟", "对故障的恢复时间不超过1小时" (全天, 7×24).

Without the line, a ticket closed before its fix and reopened had its answer as the last
stopped clock, and the answer ran again. Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

GXT, STH = "fujian-gxt-2026", "sichuan-sthjt-2025"


def test_gxt_closed_unfixed_and_reopened_keeps_its_answer(kit: Any) -> None:
    # 一般 at 10:00 (Tue 10 Mar 2026), answered 10:30 (1 h: due 11:00, met), closed 10:40
    # unfixed, reopened 12:00. At 13:00 respond is still met at 10:30; resolve never stopped
    # and runs on: 4 h → due 14:00. (Without the line: the answer runs again from 12:00 with
    # its 30 minutes left, due 12:30, breached at 13:00.)
    events = kit.ticket(
        "F", "故障", "一般", "2026-03-10 10:00", ("2026-03-10 10:30", "responded"),
        ("2026-03-10 10:40", "closed"), ("2026-03-10 12:00", "reopened"),
    )  # fmt: skip
    report = kit.replay(GXT, events, as_of="2026-03-10 13:00")
    respond, resolve = kit.target(report, "F", "respond"), kit.target(report, "F", "resolve")
    assert (respond["status"], respond["stop"]) == ("met", "2026-03-10T10:30:00+08:00")
    assert (resolve["status"], resolve["deadline"]) == ("running", "2026-03-10T14:00:00+08:00")


def test_gxt_an_arrival_stays_and_the_fix_runs_again(kit: Any) -> None:
    # 紧急 at 10:00, answered 10:10, resident on site 10:50 (1 h: met), resolved 12:00,
    # closed 12:10, reopened 13:00. The last fix stopped resolve only: it runs again, 4 h +
    # the hour 12:00–13:00 not counted → 15:00; the arrival at 10:50 stays met.
    events = kit.ticket(
        "F", "故障", "紧急", "2026-03-10 10:00", ("2026-03-10 10:10", "responded"),
        ("2026-03-10 10:50", "arrived"), ("2026-03-10 12:00", "resolved"),
        ("2026-03-10 12:10", "closed"), ("2026-03-10 13:00", "reopened"),
    )  # fmt: skip
    report = kit.replay(GXT, events, as_of="2026-03-10 13:30")
    arrive, resolve = kit.target(report, "F", "arrive"), kit.target(report, "F", "resolve")
    assert (arrive["status"], arrive["stop"]) == ("met", "2026-03-10T10:50:00+08:00")
    assert (resolve["status"], resolve["deadline"]) == ("running", "2026-03-10T15:00:00+08:00")


def test_sichuan_closed_unrestored_and_reopened_keeps_its_answer(kit: Any) -> None:
    # 故障 at 10:00 (Tue 15 Jul 2025), answered 10:20 (30 min: due 10:30, met), closed 10:25
    # unrestored, reopened 11:30. At 12:00 respond is still met at 10:20 (without the line:
    # 10 minutes left from 11:30, due 11:40, breached); restore runs on from 10:00, 1 h →
    # due 11:00, and at 12:00 it is breached: the reopening moves nothing for a clock that
    # never stopped.
    events = kit.ticket(
        "F", "故障", "故障", "2025-07-15 10:00", ("2025-07-15 10:20", "responded"),
        ("2025-07-15 10:25", "closed"), ("2025-07-15 11:30", "reopened"),
    )  # fmt: skip
    report = kit.replay(STH, events, as_of="2025-07-15 12:00")
    respond, restore = kit.target(report, "F", "respond"), kit.target(report, "F", "restore")
    assert (respond["status"], respond["stop"]) == ("met", "2025-07-15T10:20:00+08:00")
    assert (restore["status"], restore["deadline"]) == ("breached", "2025-07-15T11:00:00+08:00")
