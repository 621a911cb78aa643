"""fujian-scjg-2023: a disagreement found while building the independent oracle (task AL,
tests/oracles/fujian_scjg_2023.py, which leaves reopenings out for this reason).

"1个工作日内…解决故障" is counted in 工作日 per the Civil Code (reading 2: the day of the
report is not counted; the period ends at 24:00 of the next working day), and a reopened
fault's resolution "runs again from where it stopped, the time between the fix and the
reopening not counted" (reading 12). A fault reported Monday 6 Mar 2023 10:00 is due
Tuesday 7 Mar 24:00; fixed Monday 11:00 it had used none of its working day (Monday, the
day of the report, is not counted). Reopened Thursday 9 Mar 09:00, it again has one whole
working day: Thursday, the day of the reopening, is not counted either way, so the fix is
due Friday 10 Mar 24:00; fixed Friday 16:00 it is on time.

slarules moves the days deadline by the gap's *office time* (Monday 11:00 to Thursday
09:00: 19 hours of 服务时间), which lands on Friday 15:30: a days target that ends at 24:00
when first set ends at a clock time of the office calendar after a reopening, and the
Friday 16:00 fix is a breach. Fixed: a target counted in days is moved by whole days
(engine/metric_clock.py, `days_deadline`): the days used before the fix are those after the
day the count began up to the fix's day; the rest count again from the day after the
reopening (walkthrough reading 12).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import slarules

RULES = Path(__file__).resolve().parents[2] / "rulesets" / "fujian-scjg-2023.sla"


def _x(at: str, kind: str) -> dict[str, str]:
    return {"at": f"2023-03-{at}+08:00", "type": kind, "ticket": "S"}


def test_a_reopened_fault_keeps_a_whole_working_day_ending_at_midnight() -> None:
    log = [
        {**_x("06T10:00:00", "opened"), "sla": "故障", "tier": "故障"},
        _x("06T10:10:00", "responded"),
        _x("06T11:00:00", "resolved"),
        _x("06T12:00:00", "closed"),
        _x("09T09:00:00", "reopened"),
        _x("10T16:00:00", "resolved"),
    ]
    text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in log)
    report = slarules.load(RULES).replay(
        io.BytesIO(text.encode("utf-8")), as_of="2023-04-01T00:00:00+08:00"
    )
    resolve = next(
        x for x in json.loads(report.to_json())["tickets"][0]["targets"] if x["metric"] == "resolve"
    )
    assert (resolve["status"], resolve["deadline"]) == ("met", "2023-03-11T00:00:00+08:00")


def test_a_fault_fixed_on_its_last_day_is_due_the_day_it_reopens() -> None:
    # Reported Monday 6 Mar 10:00: "1个工作日内…解决故障", the one working day is Tuesday 7
    # Mar (reading 2). Fixed Tuesday 15:00, on that day: the day is used, none is left.
    # Reopened Thursday 9 Mar 09:00: due at 24:00 of that day (2023-03-10 00:00), so a fix
    # on Friday 10 Mar 16:00 is late (before, office time moved it to Friday 15:30).
    log = [
        {**_x("06T10:00:00", "opened"), "sla": "故障", "tier": "故障"},
        _x("06T10:10:00", "responded"),
        _x("07T15:00:00", "resolved"),
        _x("07T16:00:00", "closed"),
        _x("09T09:00:00", "reopened"),
        _x("10T16:00:00", "resolved"),
    ]
    text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in log)
    report = slarules.load(RULES).replay(
        io.BytesIO(text.encode("utf-8")), as_of="2023-04-01T00:00:00+08:00"
    )
    resolve = next(
        x for x in json.loads(report.to_json())["tickets"][0]["targets"] if x["metric"] == "resolve"
    )
    assert (resolve["status"], resolve["deadline"]) == ("breached", "2023-03-10T00:00:00+08:00")
