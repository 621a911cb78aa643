"""The calendars' day data at replay time: China's (``holidays``) covers 1950-2100.

- ``--as-of`` on a day past it: a clock still running then needs that day's hours. The
  replay stopped with "holidays … has no China holiday data for 2101 (it covers
  1950-2100)", naming neither the option nor its value (SPEC §6: wrong usage, exit 2).
- ``--param`` values that carry the term past it, where the defaults passed ``check``
  (SLR403 reads the defaults): fujian-scjg-2023, "服务期为自合同签订之日起1年", with
  ``start=2100-06-01`` has a term to 2101-05-31, a year with no day data.
Dates worked by hand from the contracts and the day data's last year.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import slarules
from slarules.cli import main
from slarules.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
SCJG = ROOT / "rulesets" / "fujian-scjg-2023.sla"
SAMPLE = ROOT / "rulesets" / "samples" / "fujian-scjg-2023.events.jsonl"
AS_OF = "2101-03-02T10:00:00+08:00"


def test_as_of_past_the_day_data_names_the_option_its_value_and_the_last_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["replay", str(SCJG), str(SAMPLE), "--as-of", AS_OF]) == 2
    err = capsys.readouterr().err
    assert f"--as-of '{AS_OF}' is past the day data of calendar 服务时间" in err
    # The data ends with 2100: its last day is 31 December 2100.
    assert "the last day it covers is 2100-12-31" in err
    # The last second of 2100 (in the rule file's zone) is still a day with data.
    assert main(["replay", str(SCJG), str(SAMPLE), "--as-of", "2100-12-31T23:59:59+08:00"]) == 0


def test_the_library_names_as_of() -> None:
    rules = slarules.load(SCJG)
    with pytest.raises(UsageError, match=re.escape(f"as_of '{AS_OF}' is past the day data")):
        rules.replay(SAMPLE, as_of=AS_OF)


def test_params_that_end_the_term_past_the_day_data_are_named_with_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "events.jsonl"
    log.write_text(
        '{"at": "2100-06-02T10:00:00+08:00", "type": "opened", "ticket": "A", '
        '"sla": "故障", "tier": "故障"}\n',
        encoding="utf-8",
    )
    assert main(["replay", str(SCJG), str(log), "--param", "start=2100-06-01"]) == 2
    err = capsys.readouterr().err
    line = next(
        i for i, x in enumerate(SCJG.read_text("utf-8").splitlines(), 1) if "period 服务月" in x
    )
    assert f"fujian-scjg-2023.sla:{line}:1: with start=2100-06-01: the term of period" in err
    assert "ends on 2101-05-31" in err
    # The same start a year earlier ends the term on 2100-05-31: no error.
    assert main(["replay", str(SCJG), str(log), "--param", "start=2099-06-01"]) == 0


def test_a_live_trackers_report_names_as_of_too() -> None:
    live = slarules.load(SCJG).tracker()
    live.feed(
        {"at": "2023-03-02T10:00:00+08:00", "type": "opened", "ticket": "A", "sla": "故障",
         "tier": "故障"}
    )  # fmt: skip
    with pytest.raises(UsageError, match=re.escape("the last day it covers is 2100-12-31")):
        live.report(as_of=AS_OF)


def test_a_live_trackers_status_names_at() -> None:
    """``status(at=…)`` on a day past the data: the clock of a ticket still open then needs
    that day's hours. It said "no China holiday data for 2101", naming neither ``at`` nor
    its value; a status on the last day with data still answers."""
    live = slarules.load(SCJG).tracker()
    live.feed(
        {"at": "2023-03-02T10:00:00+08:00", "type": "opened", "ticket": "A", "sla": "故障",
         "tier": "故障"}
    )  # fmt: skip
    with pytest.raises(UsageError, match=re.escape(f"at '{AS_OF}' is past the day data")):
        live.status("A", at=AS_OF)
    assert live.status("A", at="2100-12-31T23:59:59+08:00").ticket == "A"
