"""Fifth pass: day data that begins after 1970 or ends before 2100 (the ``holidays`` package
covers Germany from 1991 and Japan to 2099; China 1950-2100, which the earlier rounds' checks
assumed for every calendar).

Found and fixed:

- An event dated before a calendar's day data (a German office calendar, an event in 1985)
  was accepted, and the replay then stopped with exit 2 and ``holidays … has no DE holiday
  data for 1985 (it covers 1991-2100)``, naming no event; an event past the data of a
  calendar whose data ends before 2100 (Japan's, 2099) the same. The tracker checked an
  event's day only from the year 2100 on. It now checks an event in or outside the first and
  last years every calendar of the rule file covers: SLR924 at the event, exit 1, as for
  China's 2101.
- ``--as-of`` before a calendar's day data said it "is past the day data … it covers no day
  before it; give an evaluation time on or before that day". It now says the time is before
  the day data and names the first day covered.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

import slarules
from slarules.cli import main

GERMAN = """\
ruleset "de" { timezone "Europe/Berlin" }
calendar Büro { hours "mon-fri 09:00-17:00" days DE counting plain }
sla Störung {
  calendar Büro
  metric restore from opened to restored
  tier P1 { restore 4h }
}
"""
JAPANESE = GERMAN.replace("Europe/Berlin", "Asia/Tokyo").replace("days DE", "days JP")


def _opened(at: str) -> dict[str, str]:
    return {"at": at, "type": "opened", "ticket": "1", "sla": "Störung", "tier": "P1"}


def _cli(
    tmp_path: Path, rules: str, events: list[dict[str, str]], *options: str
) -> tuple[int, str]:
    path, log = tmp_path / "r.sla", tmp_path / "e.jsonl"
    path.write_text(rules, encoding="utf-8")
    log.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["replay", str(path), str(log), "--summary", *options])
    return code, err.getvalue()


@pytest.mark.parametrize(
    ("rules", "at"),
    [
        (GERMAN, "1985-03-04T10:00:00+01:00"),  # DE data from 1991
        (GERMAN, "1991-01-01T00:30:00+01:00"),  # in 1991 locally, 1990 in UTC: covered
        (JAPANESE, "2100-03-01T10:00:00+09:00"),  # JP data to 2099
    ],
)
def test_an_event_outside_a_calendars_day_data_is_an_error_at_the_event(
    tmp_path: Path, rules: str, at: str
) -> None:
    covered = at.startswith("1991")
    code, err = _cli(tmp_path, rules, [_opened(at)])
    if covered:
        assert code == 0, err
        return
    assert code == 1, err
    assert "e.jsonl:1:1: error:" in err and "[SLR924]" in err
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(rules).replay([_opened(at)])
    assert caught.value.diagnostics[0].code == "SLR924"


def test_an_as_of_before_the_day_data_says_before_and_the_first_day(tmp_path: Path) -> None:
    code, err = _cli(
        tmp_path, GERMAN, [_opened("1992-03-04T10:00:00+01:00")],
        "--as-of", "1986-01-01T00:00:00+01:00",
    )  # fmt: skip
    assert code == 2
    assert "is before the day data of calendar Büro" in err
    assert "the first day it covers is 1991-01-01" in err and "on or after" in err
    assert "past" not in err
