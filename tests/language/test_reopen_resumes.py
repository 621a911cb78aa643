"""``reopen resumes METRIC, …`` / ``reopen resumes nothing`` in an SLA: parsed, printed back
by ``fmt`` (round trip), checked (SLR203 for a name that is no metric, SLR137 for a metric
the opening does not start), and what a reopening then does to the clocks (SPEC §3.8,
docs/language.md, clock semantics 4). Expected times worked by hand on a 24×7 calendar."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

import slarules
from slarules.check import check_ruleset
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

TEMPLATE = """ruleset "r" {{
  timezone "Asia/Shanghai"
}}

calendar 全天 {{
  hours "24x7"
  days none
}}

sla 故障 {{
  calendar 全天
  metric respond from opened to responded
  metric arrive from opened to arrived, restored
  metric restore from opened to restored
  metric report from restored to reported
  {reopen}
  tier P1 {{
    respond 10分钟
    arrive 2小时
    restore 4小时
    report 1日
  }}
}}
"""
DAY = "2024-07-15"


def _rules(reopen: str) -> slarules.Ruleset:
    return slarules.loads(TEMPLATE.format(reopen=reopen))


def _events(*steps: tuple[str, str]) -> list[dict[str, Any]]:
    events = [{"at": f"{DAY}T10:00:00+08:00", "type": "opened", "ticket": "F", "sla": "故障",
               "tier": "P1"}]  # fmt: skip
    events += [
        {"at": f"{DAY}T{hhmm}:00+08:00", "type": kind, "ticket": "F"} for hhmm, kind in steps
    ]
    return events


def _targets(rules: slarules.Ruleset, events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    report = rules.replay(events, as_of=datetime.fromisoformat(f"{DAY}T{as_of}:00+08:00"))
    ticket = json.loads(report.to_json())["tickets"][0]
    return {t["metric"]: t for t in ticket["targets"]}


# -- language ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ['reopen resumes arrive, restore cite "恢复时间"', "reopen resumes nothing"]
)
def test_the_line_parses_and_prints_back(line: str) -> None:
    text = TEMPLATE.format(reopen=line)
    model = parse(text, "r.sla")
    reopen = model.slas[0].reopen
    assert reopen is not None
    assert reopen.metrics == (("arrive", "restore") if "arrive" in line else ())
    assert format_ruleset(model) == text
    assert check_ruleset(model) == []


def test_without_the_line_the_sla_has_none() -> None:
    model = parse(TEMPLATE.format(reopen=""), "r.sla")
    assert model.slas[0].reopen is None
    assert "reopen" not in format_ruleset(model)


def test_a_metric_called_nothing_is_quoted_to_be_resumed() -> None:
    # `nothing` is the keyword; a metric of that name is written "nothing" (docs/language.md).
    text = TEMPLATE.format(reopen='reopen resumes "nothing"')
    reopen = parse(text, "r.sla").slas[0].reopen
    assert reopen is not None and reopen.metrics == ("nothing",)


def test_a_name_that_is_no_metric_is_slr203_at_the_name() -> None:
    model = parse(TEMPLATE.format(reopen="reopen resumes restor"), "r.sla")
    [found] = check_ruleset(model)
    assert (found.code, found.line, found.col) == ("SLR203", 16, 18)
    assert "did you mean “restore”" in found.message


def test_a_metric_the_opening_does_not_start_is_slr136() -> None:
    model = parse(TEMPLATE.format(reopen="reopen resumes restore, report"), "r.sla")
    [found] = check_ruleset(model)
    assert (found.code, found.line, found.col) == ("SLR137", 16, 27)
    assert "report" in found.message and "restored" in found.message


# -- evaluation --------------------------------------------------------------------------


def test_closed_before_the_fix_and_reopened_keeps_its_answer() -> None:
    # Answered 10:05 (10 min: due 10:10, met), closed 10:30 with no restore, reopened 11:00.
    # `reopen resumes restore`: restore never stopped, so nothing runs again: respond stays
    # met at 10:05; restore runs on, due 14:00 (10:00 + 4 h; no gap: it never stopped).
    events = _events(("10:05", "responded"), ("10:30", "closed"), ("11:00", "reopened"))
    found = _targets(_rules("reopen resumes restore"), events, "13:00")
    assert (found["respond"]["status"], found["respond"]["stop"]) == (
        "met", f"{DAY}T10:05:00+08:00")  # fmt: skip
    assert (found["restore"]["status"], found["restore"]["deadline"]) == (
        "running", f"{DAY}T14:00:00+08:00")  # fmt: skip
    # Without the line the metrics from `opened` are the candidates, and the latest stop
    # among them is the answer: it runs again from 11:00 with 5 of its 10 minutes left,
    # due 11:05, and at 13:00 it is breached (the defect the line cures).
    old = _targets(_rules(""), events, "13:00")
    assert (old["respond"]["status"], old["respond"]["deadline"]) == (
        "breached", f"{DAY}T11:05:00+08:00")  # fmt: skip


def test_an_arrival_that_happened_stays_and_the_fix_runs_again() -> None:
    # Arrived 10:30, restored 11:00, closed, reopened 12:00. `reopen resumes arrive,
    # restore`: the latest stop among them is the restore (11:00), so only restore runs
    # again: 4 h from 10:00 + the hour 11:00–12:00 not counted → 15:00. The arrival at
    # 10:30 stays met.
    events = _events(("10:05", "responded"), ("10:30", "arrived"), ("11:00", "restored"),
                     ("11:10", "closed"), ("12:00", "reopened"))  # fmt: skip
    found = _targets(_rules("reopen resumes arrive, restore"), events, "13:00")
    assert (found["arrive"]["status"], found["arrive"]["stop"]) == (
        "met", f"{DAY}T10:30:00+08:00")  # fmt: skip
    assert (found["restore"]["status"], found["restore"]["deadline"]) == (
        "running", f"{DAY}T15:00:00+08:00")  # fmt: skip


def test_a_fix_that_stopped_the_arrival_too_runs_both_again() -> None:
    # Restored remotely 11:00 (no arrival): the fix stopped arrive and restore alike, so
    # both run again at 12:00: arrive 2 h + 1 h gap → 13:00, restore 4 h + 1 h → 15:00.
    events = _events(("10:05", "responded"), ("11:00", "restored"), ("11:10", "closed"),
                     ("12:00", "reopened"))  # fmt: skip
    found = _targets(_rules("reopen resumes arrive, restore"), events, "12:30")
    assert found["arrive"]["deadline"] == f"{DAY}T13:00:00+08:00"
    assert found["restore"]["deadline"] == f"{DAY}T15:00:00+08:00"
    assert found["arrive"]["status"] == found["restore"]["status"] == "running"


def test_nothing_runs_again_with_nothing() -> None:
    # `reopen resumes nothing`: every stopped clock keeps its result after the reopening.
    events = _events(("10:05", "responded"), ("11:00", "restored"), ("11:10", "closed"),
                     ("12:00", "reopened"))  # fmt: skip
    found = _targets(_rules("reopen resumes nothing"), events, "23:00")
    assert [found[k]["status"] for k in ("respond", "arrive", "restore")] == ["met"] * 3
