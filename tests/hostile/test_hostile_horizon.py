"""Events whose due times lie beyond China's day data (the ``holidays`` data covers
1950-2100): what ``check`` cannot see (events after the term, a ``--param`` that moves it)
is an error of the event in the replay (SLR924, exit 1, the event's line), never a
traceback nor an unlocated usage error.

Worked by hand: guangxi-gat-2024's report is owed "故障排除后3天内" (Civil Code days on
全天, days CN), so a fault resolved on Fri 31 Dec 2100 owes it on 3 Jan 2101 at the
earliest; fujian-slt-2024's advance is due "15个工作日内" of the invoice, so an invoice of
30 Dec 2100 is due in January 2101; guangxi's CGYWZHJG平台 answers on its 5×8 calendar (days
CN), so a fault reported Fri 31 Dec 2100 at 20:00 starts counting in 2101.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import slarules

from .test_hostile_cli import run

ROOT = Path(__file__).resolve().parents[2]
GX = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
SLT = str(ROOT / "rulesets" / "fujian-slt-2024.sla")


def _log(tmp_path: Path, *events: dict[str, Any]) -> str:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    return str(path)


def _ticket(at: str, ticket: str, kind: str, **fields: str) -> dict[str, Any]:
    return {"at": f"{at}+08:00", "type": kind, "ticket": ticket, **fields}


def test_a_fault_resolved_on_the_last_day_of_2100_names_its_opening(tmp_path: Path) -> None:
    log = _log(
        tmp_path,
        _ticket("2100-12-28T10:00:00", "T", "opened", sla="事件", tier="1级"),
        _ticket("2100-12-28T10:05:00", "T", "responded"),
        _ticket("2100-12-31T10:00:00", "T", "resolved"),
    )
    code, _out, err = run("replay", GX, log)
    assert code == 1 and "Traceback" not in err, err
    assert f"{log}:1:1: error: line 1: ticket T: the report deadline lies beyond" in err
    assert "2101" in err and "[SLR924]" in err


def test_a_5x8_answer_that_starts_in_2101_names_its_opening(tmp_path: Path) -> None:
    log = _log(tmp_path, _ticket("2100-12-31T20:00:00", "T", "opened", sla="CGYWZHJG平台",
                                 tier="故障"))  # fmt: skip
    code, _out, err = run("replay", GX, log)
    assert code == 1 and "line 1: ticket T: the respond deadline" in err and "[SLR924]" in err


def test_an_invoice_of_30_december_2100_names_its_line_under_a_moved_term(tmp_path: Path) -> None:
    # `--param start=2099-12-31` moves the one-year term to end on 2100-12-30; the file
    # checked clean with its own start (2024-07-01), so only the replay can see it.
    log = _log(
        tmp_path,
        {"at": "2100-06-01T10:00:00+08:00", "type": "occurrence", "kind": "迟到早退"},
        {"at": "2100-12-30T10:00:00+08:00", "type": "milestone", "name": "invoiced"},
    )
    # The replay now counts the term with the values given, as `check` counts it with the
    # defaults (SLR403): the milestone's line in the rule file is named, with the value,
    # before any event is read (wrong usage, exit 2).
    code, _out, err = run("replay", SLT, log, "--param", "start=2099-12-31")
    assert code == 2 and "Traceback" not in err, err
    line = next(i for i, x in enumerate(Path(SLT).read_text("utf-8").splitlines(), 1)
                if "milestone 预付款" in x)  # fmt: skip
    assert f"fujian-slt-2024.sla:{line}:3: with start=2099-12-31: milestone 预付款 due" in err


def test_the_api_raises_a_rule_error_naming_the_event() -> None:
    rules = slarules.load(GX)
    events = [
        _ticket("2100-12-28T10:00:00", "T", "opened", sla="事件", tier="1级"),
        _ticket("2100-12-31T10:00:00", "T", "resolved"),
    ]
    with pytest.raises(slarules.RuleError) as refused:
        rules.replay(events)
    [found] = refused.value.diagnostics
    assert (found.code, found.line) == ("SLR924", 1)
    assert found.message.startswith("event 1: ticket T: the report deadline")


def test_a_fault_resolved_earlier_in_december_2100_is_evaluated(tmp_path: Path) -> None:
    # Resolved Tue 21 Dec 2100: "3天内" ends 24 Dec 24:00 (a Friday), inside 2100: no error.
    log = _log(
        tmp_path,
        _ticket("2100-12-21T08:00:00", "T", "opened", sla="事件", tier="1级"),
        _ticket("2100-12-21T08:05:00", "T", "responded"),
        _ticket("2100-12-21T10:00:00", "T", "resolved"),
    )
    code, out, err = run("replay", GX, log, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    owed = next(t for t in report["tickets"][0]["targets"] if t["metric"] == "report")
    assert owed["deadline"] == "2100-12-25T00:00:00+08:00"
