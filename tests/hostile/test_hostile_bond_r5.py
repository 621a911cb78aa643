"""Fifth pass: the bond's ``returned due N workdays after EVENT`` (docs/language.md,
payments), new in the last stop: zero and huge N, a bond the deductions take whole, no
final acceptance logged, an amount from a parameter, ``fmt``, and check's diagnostics.

Found and fixed:

- ``returned due 0 workdays`` (and a milestone's ``due 0 workdays``) got two errors: the
  right one (SLR106, "names no day") and a false SLR403 saying the delay "ends beyond the
  calendar's day data (n must be at least 1 (got 0) …)": the horizon check counted a delay
  below 1, which is SLR106's to report, and took the calendar's refusal for the day data's
  end. It now leaves delays below 1 to SLR106, as it leaves those above the bounds to SLR119.
- SLR106 and SLR119 on the bond's delay called it "milestone bond", a milestone the file
  does not have; they now name "the bond's return".

Every expected number below is worked out by hand from the rule file in ``BOND_RULES``.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.cli import main
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

# One quarter's term on a workday calendar (mon-fri 09:00-12:00, 13:30-17:30, China's
# holidays); a 3,600元 bond (a parameter) returned 10 workdays after final acceptance,
# deductions from it first; the quarter's score loses 10 per breach, and below 90 the
# contract loses 5% of its 120,000元.
BOND_RULES = """\
ruleset "bond-r5" { timezone "Asia/Shanghai" }
param contract_total: money = 120000元
param bond_amount: money = 3600元
param start: date = 2026-01-01
calendar 工作日 { hours "mon-fri 09:00-12:00,13:30-17:30" days CN }
period 季度 = cycle 3 months from start for 1
sla 故障 {
  calendar 工作日
  metric restore from opened to restored
  tier 紧急 { restore 4小时 }
}
scorecard 季评 per 季度 {
  item 恢复 max 100 { deduct 10 per breach of 故障 }
}
payment per 季度 {
  BOND
  deductions from bond first
  milestone 验收款 50% of contract_total due 5 workdays after accepted
  milestone 尾款 50% of contract_total due 10 workdays after final_accepted
  deduct band 季评 of contract_total {
    [90, 100] -> 0%
    [0, 90) -> 5%
  }
}
"""
RETURNED = "bond bond_amount returned due 10 workdays after final_accepted"


def _rules(tmp_path: Path, bond: str = RETURNED, name: str = "bond.sla") -> Path:
    path = tmp_path / name
    path.write_text(BOND_RULES.replace("BOND", bond), encoding="utf-8")
    return path


def _log(tmp_path: Path, final: bool = True) -> Path:
    """Two 紧急 faults, each opened at 10:00 and restored at 16:00 on a Tuesday and a
    Wednesday of January 2026: 4 working hours from 10:00 are 10:00-12:00 and 13:30-15:30,
    so each is due at 15:30 and restored late: two breaches."""
    events: list[dict[str, Any]] = [
        {"at": "2026-01-05T09:00:00+08:00", "type": "milestone", "name": "accepted"}
    ]
    for ticket, day in (("A", "06"), ("B", "07")):
        opened, restored = f"2026-01-{day}T10:00:00+08:00", f"2026-01-{day}T16:00:00+08:00"
        events.append(
            {"at": opened, "type": "opened", "ticket": ticket, "sla": "故障", "tier": "紧急"}
        )
        events.append({"at": restored, "type": "restored", "ticket": ticket})
        events.append({"at": restored, "type": "closed", "ticket": ticket})
    if final:
        events.append(
            {"at": "2026-03-02T09:00:00+08:00", "type": "milestone", "name": "final_accepted"}
        )
    path = tmp_path / ("final.jsonl" if final else "no-final.jsonl")
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    return path


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _payment(tmp_path: Path, *options: str, final: bool = True) -> dict[str, Any]:
    code, out, err = _cli(
        "replay", str(_rules(tmp_path)), str(_log(tmp_path, final)), "--format", "json", *options
    )
    assert code == 0, err
    (period,) = json.loads(out)["periods"]
    payment: dict[str, Any] = period["payment"]
    return payment


def _line(payment: dict[str, Any], kind: str) -> dict[str, Any]:
    (line,) = [x for x in payment["lines"] if x["kind"] == kind]
    return line


def test_a_bond_the_deductions_take_whole_is_returned_as_zero(tmp_path: Path) -> None:
    """Two breaches: 季评 = 100 - 2 × 10 = 80, in [0, 90): 5% of 120,000 = 6,000 deducted,
    3,600 of it from the bond ("deductions from bond first"), which is then empty: the
    return line says 0.00. It is due 10 workdays after final_accepted (Monday 2 March 2026,
    no holiday in March): 3-6, 9-13 and 16 March, so at 24:00 on the 16th. The payable is
    the two milestones (60,000 + 60,000, both due inside the quarter) less the 2,400 the
    bond did not cover: 117,600."""
    payment = _payment(tmp_path)
    assert payment["bond"] == {
        "amount": "3600.00",
        "opening": "3600.00",
        "deducted": "3600.00",
        "remaining": "0.00",
    }
    returned = _line(payment, "bond_return")
    assert (returned["amount"], returned["due"]) == ("0.00", "2026-03-17T00:00:00+08:00")
    assert payment["payable"] == "117600.00"


def test_a_bond_amount_from_a_parameter(tmp_path: Path) -> None:
    """--param bond_amount=123456.78元: the 6,000 deduction fits in the bond, 117,456.78 is
    returned, and the payable keeps both milestones whole: 120,000."""
    payment = _payment(tmp_path, "--param", "bond_amount=123456.78元")
    assert (payment["bond"]["deducted"], payment["bond"]["remaining"]) == ("6000.00", "117456.78")
    assert _line(payment, "bond_return")["amount"] == "117456.78"
    assert payment["payable"] == "120000.00"


def test_no_final_acceptance_leaves_the_return_pending(tmp_path: Path) -> None:
    """final_accepted never logged, the quarter over (as of 1 April): the return line and
    the final payment wait for it, named; nothing is invented."""
    payment = _payment(tmp_path, "--as-of", "2026-04-01T00:00:00+08:00", final=False)
    returned = _line(payment, "bond_return")
    assert returned["amount"] is None and returned["due"] is None
    assert any("final_accepted" in w for w in returned["waiting_for"])
    assert payment["payable"] is None


def _diagnostics(path: Path) -> list[dict[str, Any]]:
    code, out, _err = _cli("check", str(path), "--format", "json")
    found: list[dict[str, Any]] = json.loads(out)
    assert code == (1 if any(d["severity"] == "error" for d in found) else 0)
    return found


@pytest.mark.parametrize("unit", ["workdays", "days"])
def test_a_bond_returned_after_zero_days_is_one_error_that_names_the_bond(
    tmp_path: Path, unit: str
) -> None:
    path = _rules(tmp_path, f"bond bond_amount returned due 0 {unit} after final_accepted")
    found = _diagnostics(path)
    assert [d["code"] for d in found] == ["SLR106"], found
    (only,) = found
    assert "bond" in only["message"] and "milestone" not in only["message"]
    assert (only["line"], only["col"]) == (16, 33)  # at the delay


def test_a_milestone_due_zero_workdays_is_one_error(tmp_path: Path) -> None:
    text = BOND_RULES.replace("BOND", RETURNED).replace(
        "due 5 workdays after accepted", "due 0 workdays after accepted"
    )
    path = tmp_path / "m.sla"
    path.write_text(text, encoding="utf-8")
    assert [d["code"] for d in _diagnostics(path)] == ["SLR106"]


@pytest.mark.parametrize("delay", ["99999 workdays", "3661 days", "2611个工作日"])
def test_a_bond_returned_after_more_than_ten_years_names_the_bond(
    tmp_path: Path, delay: str
) -> None:
    path = _rules(tmp_path, f"bond bond_amount returned due {delay} after final_accepted")
    found = _diagnostics(path)
    assert [d["code"] for d in found] == ["SLR119"], found
    assert "bond" in found[0]["message"] and "milestone" not in found[0]["message"]


def test_the_longest_return_evaluation_allows_checks_and_replays(tmp_path: Path) -> None:
    """2,610 workdays (the ten years SLR119 allows) from a term ending in 2026 stays inside
    China's day data (to 2100): no error, and the replay dates the return."""
    path = _rules(tmp_path, "bond bond_amount returned due 2610 workdays after final_accepted")
    assert [d for d in _diagnostics(path) if d["severity"] == "error"] == []
    code, out, err = _cli("replay", str(path), str(_log(tmp_path)), "--format", "json")
    assert code == 0, err
    (period,) = json.loads(out)["periods"]
    assert _line(period["payment"], "bond_return")["due"] > "2036"


@pytest.mark.parametrize(
    "bond",
    [
        RETURNED,
        "bond bond_amount returned due 10个工作日 after final_accepted",
        "bond bond_amount returned due 3 days after final_accepted",
        "bond bond_amount returned due 3日 after final_accepted",
        "bond 2% of contract_total + bond_amount returned due 1 workdays after 终验",
        "bond bond_amount",
    ],
)
def test_the_bond_prints_and_parses_back_the_same(tmp_path: Path, bond: str) -> None:
    text = BOND_RULES.replace("BOND", bond)
    model = parse(text, "x.sla")
    printed = format_ruleset(model)
    assert parse(printed, "x.sla") == model
    assert format_ruleset(parse(printed, "x.sla")) == printed
    slarules.loads(printed)  # and it still checks clean


@pytest.mark.parametrize("second", ["2026-03-09T09:00:00+08:00", "2026-03-31T23:00:00+08:00"])
def test_a_bond_returned_twice_is_warned_about(tmp_path: Path, second: str) -> None:
    """final_accepted logged twice: the contract returns the bond once ("并将履约保证金全额
    退回"), so a second return line is a repeated event in the log, and the report says so.
    What the first return gave back (117,456.78) is gone: the second line gives back 0.00,
    not 117,456.78 again (234,913.56 of a 123,456.78 bond, as before round 8;
    tests/audit/test_guangxi_gat_2024_r8_oracle.py)."""
    log = _log(tmp_path)
    again = {"at": second, "type": "milestone", "name": "final_accepted"}
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(again) + "\n")
    code, out, err = _cli(
        "replay", str(_rules(tmp_path)), str(log), "--format", "json",
        "--param", "bond_amount=123456.78元", "--as-of", "2026-04-01T00:00:00+08:00",
    )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    (period,) = report["periods"]
    returned = [x for x in period["payment"]["lines"] if x["kind"] == "bond_return"]
    assert [x["amount"] for x in returned] == ["117456.78", "0.00"]
    warned = [w for w in report["warnings"] if "bond" in w]
    assert len(warned) == 1, report["warnings"]
    assert "returned 2 times" in warned[0] and "117456.78 in all" in warned[0]
    assert "123456.78" in warned[0]


def test_a_bond_returned_once_is_not_warned_about(tmp_path: Path) -> None:
    code, out, err = _cli(
        "replay", str(_rules(tmp_path)), str(_log(tmp_path)), "--format", "json",
        "--param", "bond_amount=123456.78元",
    )  # fmt: skip
    assert code == 0, err
    assert not [w for w in json.loads(out)["warnings"] if "bond" in w]
