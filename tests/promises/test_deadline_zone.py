"""Promise (SPEC §6): ``deadline`` prints each metric's deadline "as RFC 3339 in the
ruleset's timezone"; the README: ``--at`` needs its UTC offset. Before, one test gave
``--at`` in UTC, for JSON and an Asia/Shanghai file. Here the same instant is written in
UTC, in +14:00 and in the ruleset's offset, for text and JSON: the output must be the same
bytes, in +08:00 (Asia/Shanghai) and +01:00 (Europe/Copenhagen, winter). Shown to fail by
printing ``--at`` in its own offset (``at = given`` in ``cli/deadline.py``)."""

from __future__ import annotations

import json

import pytest

from .support import RULESETS, SLT, Run

SAME_INSTANT = ["2026-02-13T16:00:00+08:00", "2026-02-13T08:00:00Z", "2026-02-13T22:00:00+14:00"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_offset_of_at_does_not_change_the_output(slarules: Run, fmt: str) -> None:
    outputs = set()
    for at in SAME_INSTANT:
        done = slarules(
            "deadline", SLT, "--sla", "故障", "--tier", "一般", "--at", at, "--format", fmt
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_deadlines_are_in_the_rulesets_zone(slarules: Run) -> None:
    # fujian-slt-2024, 一般: "响应时间30分钟 … 8小时内修复" on a 7×24 calendar:
    # opened 16:00 Beijing time → respond by 16:30, restore by 24:00 (the next day's 00:00).
    done = slarules("deadline", SLT, "--sla", "故障", "--tier", "一般", "--at", SAME_INSTANT[1],
                    "--format", "json")  # fmt: skip
    data = json.loads(done.stdout)
    assert data["deadlines"] == {
        "respond": "2026-02-13T16:30:00+08:00",
        "restore": "2026-02-14T00:00:00+08:00",
    }
    assert data["at"] == "2026-02-13T16:00:00+08:00"


def test_a_european_ruleset_prints_its_own_offset(slarules: Run) -> None:
    # dk-itdrift-2026, kategori1 on the 24×7 "døgn" calendar: the opening at 08:00 UTC is
    # 09:00 in Copenhagen (winter, +01:00); every time printed carries +01:00.
    dk = RULESETS / "dk-itdrift-2026.sla"
    done = slarules("deadline", dk, "--sla", "incident", "--tier", "kategori1",
                    "--at", "2026-02-13T08:00:00Z", "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["at"] == "2026-02-13T09:00:00+01:00"
    times = [m["deadline"] for m in data["metrics"] if m["deadline"] is not None]
    assert times and all(t.endswith("+01:00") for t in times)
