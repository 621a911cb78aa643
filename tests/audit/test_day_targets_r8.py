"""Audit round 8: a target counted in whole days whose tier changes, then stops and runs again.

A target in days or workdays ("1个工作日内处理完毕", "3个工作日内") is moved by whole days across
a pause or a reopening gap (docs/language.md, clock semantics 2): the days used before the
hole are those after the day the count began up to the day the hole began; the rest count
again from the day after the clock runs again, the period ending at 24:00. A tier change with
`retier remeasure allow full` keeps a *floor*, the new tier's own time counted from the
change (docs/language.md §3 retier 2). Until this round that floor, and a deadline the clock
remembered for a tier it left, were moved by the office time of a later hole, as a target in
hours is, and so ended at a clock time (Friday 15:30) that no target in days has. Here they
move as the target itself does, by whole days, counted from the change.

Rule files and readings:

- cn-zwyw-2025 (docs/rulesets/cn-zwyw-2025.md): 工作时间 Monday to Friday 08:30-12:00,
  14:00-17:30 (7 h a day), State Council holidays and make-up workdays; "一级：…1个工作日内处理
  完毕；二级：…3个工作日内处理完毕；三级：…5个工作日内处理完毕", counted per the Civil Code (the
  day of the report not counted, 24:00 of the last workday); a change of 级别 read as `retier
  remeasure allow full`. The text names no pause: the pause cases below use the same file
  with `pause all` added, as a purchaser who agrees to 挂起 a ticket while waiting on the user
  would write it (the rule for a pause and for a reopening gap is the same, clock semantics 2).
  Without a `reopen resumes` line a reopening resumes the clock the resolution stopped last:
  `resolve`.
- fujian-scjg-2023 (docs/rulesets/fujian-scjg-2023.md readings 11 and 12): 服务时间 Monday to
  Friday 08:00-12:00, 14:30-17:30 (7 h); "1个工作日内提供故障解决方案并解决故障"; a 咨询 raised to
  故障 owes one 工作日 from the change; `reopen resumes resolve`.

2025: 国庆节、中秋节 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班. November 2025
and 4-12 September 2023 have no holiday. Every expected time is worked by hand below; none was
copied from slarules' output. The old (office-time) answer is given beside each to show the
test tells the two readings apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]
RETIER_LINE = "  retier remeasure allow full cite"


@pytest.fixture(scope="module")
def zwyw() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")


@pytest.fixture(scope="module")
def zwyw_paused() -> slarules.Ruleset:
    """cn-zwyw-2025 with `pause all` (the purchaser's 挂起), nothing else changed."""
    text = (ROOT / "rulesets" / "cn-zwyw-2025.sla").read_text("utf-8")
    assert text.count(RETIER_LINE) == 1
    return slarules.loads(text.replace(RETIER_LINE, "  pause all\n" + RETIER_LINE))


@pytest.fixture(scope="module")
def scjg() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "fujian-scjg-2023.sla")


def at(stamp: str) -> str:
    """``2025-11-03 10:00`` → RFC 3339 in China's offset."""
    return stamp.replace(" ", "T") + ":00+08:00"


def ticket(
    sla: str, tier: str, opened: str, *steps: tuple[str, str] | tuple[str, str, str]
) -> list[Any]:
    """Ticket ``T`` opened at ``opened``, then (time, type[, new tier]) steps."""
    out: list[dict[str, Any]] = [
        {"at": at(opened), "type": "opened", "ticket": "T", "sla": sla, "tier": tier}
    ]
    for step in steps:
        event: dict[str, Any] = {"at": at(step[0]), "type": step[1], "ticket": "T"}
        if len(step) == 3:
            event["tier"] = step[2]
        out.append(event)
    return out


def resolve(rules: slarules.Ruleset, events: list[Any], as_of: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(rules.replay(events, as_of=at(as_of)).to_json())
    found: dict[str, Any] = next(
        x for x in data["tickets"][0]["targets"] if x["metric"] == "resolve"
    )
    return found


# -- a tier change, then a pause -------------------------------------------------------------


def test_a_pause_after_an_upgrade_moves_the_floor_by_whole_days(
    zwyw_paused: slarules.Ruleset,
) -> None:
    # 三级 opened Mon 11-03 10:00 ("5个工作日": Tue … Mon 11-10 24:00); raised to 一级 Tue
    # 11-04 10:00. 一级 from the report: 1 workday → Tue 11-04 24:00; allow full: one workday
    # from the change → Wed 11-05 24:00, before the 三级 deadline: the floor, Wed 24:00.
    # Paused Tue 15:00, resumed Thu 11-06 11:00. The floor, counted from the change (Tue, not
    # counted), has 1 workday, Wed; the pause began on Tue: none used; the one workday counts
    # again from the day after Thu → Fri 11-07 24:00. (The target from the report: Tue was
    # its 1 workday, paused on it: nothing left, due end of Thu; the floor is later.)
    # Old reading: Wed 24:00 + the pause's office time (Tue 2½ h + Wed 7 h + Thu 2½ h = 12 h:
    # Thu 7 h, Fri 08:30-12:00, 14:00-15:30) = Fri 15:30, and a Fri 16:00 fix would be late.
    events = ticket(
        "工单", "三级", "2025-11-03 10:00",
        ("2025-11-03 10:30", "responded"), ("2025-11-04 10:00", "retiered", "一级"),
        ("2025-11-04 15:00", "paused"), ("2025-11-06 11:00", "resumed"),
        ("2025-11-07 16:00", "resolved"),
    )  # fmt: skip
    found = resolve(zwyw_paused, events, "2025-11-30 00:00")
    assert (found["tier"], found["deadline"], found["status"]) == (
        "一级", "2025-11-08T00:00:00+08:00", "met")  # fmt: skip


def test_a_pause_before_an_upgrade_needs_no_floor(zwyw_paused: slarules.Ruleset) -> None:
    # 三级 opened Mon 11-03 10:00, paused Mon 15:00, resumed Wed 11-05 10:00, raised to 一级
    # Wed 11:00. 一级 from the report: Mon not counted, paused the same day: nothing used; the
    # 1 workday counts from the day after Wed → Thu 11-06 24:00. allow full from the change:
    # Thu 11-06 24:00 too (and 三级's, Wed + 5 workdays = Wed 11-12 24:00, is later): no
    # floor above it, due Thu 24:00; a Fri 09:00 fix is late.
    events = ticket(
        "工单", "三级", "2025-11-03 10:00",
        ("2025-11-03 10:30", "responded"), ("2025-11-03 15:00", "paused"),
        ("2025-11-05 10:00", "resumed"), ("2025-11-05 11:00", "retiered", "一级"),
        ("2025-11-07 09:00", "resolved"),
    )  # fmt: skip
    found = resolve(zwyw_paused, events, "2025-11-30 00:00")
    assert (found["deadline"], found["status"]) == ("2025-11-07T00:00:00+08:00", "breached")


def test_a_pause_across_national_day_and_a_make_up_sunday(zwyw_paused: slarules.Ruleset) -> None:
    # 三级 opened Thu 2025-09-25 10:00; raised to 一级 Fri 09-26 10:00. 一级 from the report:
    # Fri 09-26 24:00; allow full from the change: the next workday after Friday is the
    # make-up Sunday 09-28 → Sun 09-28 24:00 (三级's 5 workdays end Thu 10-09): the floor.
    # Paused Fri 16:00, resumed Tue 09-30 10:00. The floor's 1 workday (Sun 09-28) was not
    # reached (the pause began Friday, the day of the change): 1 left, counted from the day
    # after Tue 09-30: 10-01 … 10-08 are the holiday, so Thu 10-09 → 10-09 24:00. (From the
    # report: Fri was its day, paused on it, due end of Tue 09-30: earlier.) Resolved Thu
    # 10-09 16:00: met. Moved by office time the floor would end at a clock time on 10-09.
    events = ticket(
        "工单", "三级", "2025-09-25 10:00",
        ("2025-09-25 10:30", "responded"), ("2025-09-26 10:00", "retiered", "一级"),
        ("2025-09-26 16:00", "paused"), ("2025-09-30 10:00", "resumed"),
        ("2025-10-09 16:00", "resolved"),
    )  # fmt: skip
    found = resolve(zwyw_paused, events, "2025-11-01 00:00")
    assert (found["deadline"], found["status"]) == ("2025-10-10T00:00:00+08:00", "met")


# -- two tier changes with a pause between ---------------------------------------------------


def test_a_downgrade_after_the_pause_is_measured_from_the_report(
    zwyw_paused: slarules.Ruleset,
) -> None:
    # As the first case (一级 Tue 11-04 10:00, floor Wed 24:00; paused Tue 15:00 - Thu 11:00:
    # one-workday floor now Fri 11-07 24:00), then lowered to 二级 Thu 11-06 14:00.
    # 二级 from the report, "3个工作日": Tue 11-04 used before the pause (1), 2 left from the
    # day after Thu: Fri, Mon → Mon 11-10 24:00; not before the floor a downgrade keeps
    # (never after what the ticket had: Fri 24:00), so due Mon 11-10 24:00.
    events = ticket(
        "工单", "三级", "2025-11-03 10:00",
        ("2025-11-03 10:30", "responded"), ("2025-11-04 10:00", "retiered", "一级"),
        ("2025-11-04 15:00", "paused"), ("2025-11-06 11:00", "resumed"),
        ("2025-11-06 14:00", "retiered", "二级"), ("2025-11-10 16:00", "resolved"),
    )  # fmt: skip
    found = resolve(zwyw_paused, events, "2025-11-30 00:00")
    assert (found["tier"], found["deadline"], found["status"]) == (
        "二级", "2025-11-11T00:00:00+08:00", "met")  # fmt: skip


def test_a_change_back_after_a_pause_keeps_the_remembered_day(
    zwyw_paused: slarules.Ruleset,
) -> None:
    # 三级 Mon 11-03 10:00 → 一级 Tue 11-04 10:00 (floor Wed 11-05 24:00) → 二级 Tue 11:00: the
    # clock leaves 一级 with Wed 24:00 (二级 from the report: Thu 11-06 24:00). Paused Tue
    # 15:00, resumed Thu 11-06 11:00. Back to 一级 Thu 14:00: 一级 gives no more than it gave
    # — its Wed 24:00, moved as the target is, by whole days from when the clock left it
    # (Tue): Wed not reached, 1 workday left after Thu → Fri 11-07 24:00. allow full from
    # the change: Fri 24:00 as well; 二级's deadline (Tue used, 2 left: Fri, Mon → Mon 11-10
    # 24:00) is later. So due Fri 11-07 24:00, and a Fri 16:00 fix is met. Old reading: the
    # remembered Wed 24:00 + 12 office hours = Fri 15:30, and the fix late.
    events = ticket(
        "工单", "三级", "2025-11-03 10:00",
        ("2025-11-03 10:30", "responded"), ("2025-11-04 10:00", "retiered", "一级"),
        ("2025-11-04 11:00", "retiered", "二级"), ("2025-11-04 15:00", "paused"),
        ("2025-11-06 11:00", "resumed"), ("2025-11-06 14:00", "retiered", "一级"),
        ("2025-11-07 16:00", "resolved"),
    )  # fmt: skip
    found = resolve(zwyw_paused, events, "2025-11-30 00:00")
    assert (found["tier"], found["deadline"], found["status"]) == (
        "一级", "2025-11-08T00:00:00+08:00", "met")  # fmt: skip


# -- a reopening after a tier change ---------------------------------------------------------


def test_zwyw_reopened_after_an_upgrade(zwyw: slarules.Ruleset) -> None:
    # The reference file as it stands. 三级 Mon 11-03 10:00 → 一级 Tue 11-04 10:00 (floor
    # Wed 11-05 24:00, as above); resolved Tue 15:00, closed, reopened Thu 11-06 11:00. The
    # gap moves the floor as the pause did: Wed not reached, 1 workday left after Thu → Fri
    # 11-07 24:00; resolved Fri 16:00: met (old reading: Fri 15:30, late).
    events = ticket(
        "工单", "三级", "2025-11-03 10:00",
        ("2025-11-03 10:30", "responded"), ("2025-11-04 10:00", "retiered", "一级"),
        ("2025-11-04 15:00", "resolved"), ("2025-11-04 15:10", "closed"),
        ("2025-11-06 11:00", "reopened"), ("2025-11-07 16:00", "resolved"),
    )  # fmt: skip
    found = resolve(zwyw, events, "2025-11-30 00:00")
    assert (found["deadline"], found["status"]) == ("2025-11-08T00:00:00+08:00", "met")


def test_scjg_consultation_raised_to_a_fault_then_reopened(scjg: slarules.Ruleset) -> None:
    # Reading 11's example: a 咨询 of Mon 2023-09-04 09:00 raised to 故障 Wed 09-06 10:00
    # owes "1个工作日内…解决故障" by Thu 09-07 24:00 (from the report it would be Tue 09-05
    # 24:00, before the change: the floor holds). Fixed Wed 15:00, closed; reopened Mon 09-11
    # 09:00 (reading 12: the gap does not count, whole days). The floor's workday, Thu, was
    # not reached (fixed the day of the change): 1 left, after Mon → Tue 09-12 24:00; fixed
    # Tue 15:00: met. Old reading: Thu 24:00 + the gap's 服务时间 (Wed 2½ h, Thu 7 h, Fri 7 h,
    # Mon 1 h = 17½ h: Fri 7, Mon 7, Tue 08:00-11:30) = Tue 11:30, and the fix late.
    events = ticket(
        "故障", "咨询", "2023-09-04 09:00",
        ("2023-09-04 09:10", "responded"), ("2023-09-06 10:00", "retiered", "故障"),
        ("2023-09-06 15:00", "resolved"), ("2023-09-06 15:10", "closed"),
        ("2023-09-11 09:00", "reopened"), ("2023-09-12 15:00", "resolved"),
    )  # fmt: skip
    found = resolve(scjg, events, "2023-09-30 00:00")
    assert (found["tier"], found["deadline"], found["status"]) == (
        "故障", "2023-09-13T00:00:00+08:00", "met")  # fmt: skip
