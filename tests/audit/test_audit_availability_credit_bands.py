"""Audit: `availability(SLA.METRIC)` with credit bands and announced maintenance
(docs/language.md §6). Contract (a Danish SaaS SLA): "Tjenesten skal være tilgængelig mindst
99,5 % af tiden hver måned" / "available at least 99.5% of the time each month", with
credits "99,99 % – 99,80 % → 0 %; 99,79 % – 99,50 % → 6 %; 99,49 % – 99,00 % → 12 %;
under 99,00 % → 25 %" of the month's fee, and maintenance excluded when "announced … at
least 8 hours in advance". Expected numbers are worked out by hand: Europe/Copenhagen
changes to CET on Sun 2026-10-25 (03:00 CEST -> 02:00 CET), so October 2026 has
31×24 + 1 = 745 hours; November has 30×24 = 720."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import slarules

RULES = """
ruleset "audit-avail" { timezone "Europe/Copenhagen" currency DKK }
calendar doegn { hours "24x7" days none }
period maaned = month
sla tjeneste {
  calendar doegn
  metric nede from opened to restored
  exclude maintenance announced 8h ahead from downtime cite "at least 8 hours in advance"
  tier drift { }
}
payment per maaned {
  base 100000 DKK
  deduct band availability(tjeneste.nede) {
    [99.8%, 100%] -> 0%
    [99.5%, 99.8%) -> 6% cite "99,79 % – 99,50 % → 6 %"
    [99%, 99.5%) -> 12%
    [0%, 99%) -> 25%
  }
}
payment per maaned {
  base 0 DKK
  deduct 1000000 DKK per point below 100% in availability(tjeneste.nede) fraction prorated
}
"""


def _outage(tid: str, start: str, end: str) -> list[dict[str, Any]]:
    return [
        {"at": start, "type": "opened", "ticket": tid, "sla": "tjeneste", "tier": "drift"},
        {"at": end, "type": "restored", "ticket": tid},
    ]


def _window(announced: str, start: str, end: str) -> dict[str, Any]:
    return {"at": announced, "type": "maintenance", "sla": "tjeneste", "start": start, "end": end}


def _lines(events: list[dict[str, Any]], label: str) -> tuple[Decimal | None, Decimal | None]:
    """(band deduction, 1000000 DKK × percentage points unavailable) for the month."""
    report = slarules.loads(RULES).replay(
        sorted(events, key=lambda e: e["at"]), as_of="2027-01-01T00:00:00+01:00"
    )
    period = next(p for p in report.periods if p.label == label)
    payments = period.payments if hasattr(period, "payments") else [period.payment]
    band = next(x for p in payments for x in p.lines if x.kind.endswith("band"))
    linear = next(x for p in payments for x in p.lines if x.kind == "linear")
    return band.amount, linear.amount


def test_outage_across_the_month_end_is_split_and_october_has_745_hours() -> None:
    # 2026-10-31 22:00 CET -> 2026-11-01 02:00 CET: 2 h in October, 2 h in November.
    # October: 2/745 = 0.268456375…% down -> 99.7315% -> band 6% = 6000; linear
    # 1000000 × 0.268456375838… = 268456.38. November: 2/720 = 0.277777…% -> 277777.78, 6%.
    events = _outage("O1", "2026-10-31T22:00:00+01:00", "2026-11-01T02:00:00+01:00")
    assert _lines(events, "2026-10") == (Decimal("-6000.00"), Decimal("-268456.38"))
    assert _lines(events, "2026-11") == (Decimal("-6000.00"), Decimal("-277777.78"))


def test_outage_across_the_autumn_dst_change_counts_real_time() -> None:
    # 2026-10-25 01:00 CEST (23:00Z on the 24th) -> 02:30 CET (01:30Z): 2.5 h real time (the
    # wall clock shows 1.5 h). 2.5/745 = 0.335570469…% -> 335570.47; 99.6644% -> 6%.
    events = _outage("O2", "2026-10-25T01:00:00+02:00", "2026-10-25T02:30:00+01:00")
    assert _lines(events, "2026-10") == (Decimal("-6000.00"), Decimal("-335570.47"))


def test_availability_exactly_at_the_band_boundary() -> None:
    # 99.5% of 720 h leaves 3.6 h = 3 h 36 min down: exactly 99.5% -> [99.5%, 99.8%) -> 6%.
    # Linear: 0.5 point × 1000000 = 500000.
    exact = _outage("B1", "2026-11-10T10:00:00+01:00", "2026-11-10T13:36:00+01:00")
    assert _lines(exact, "2026-11") == (Decimal("-6000.00"), Decimal("-500000.00"))
    # One second more: 12961/2592000 s = 0.50003858…% down -> below 99.5% -> 12% = 12000;
    # linear 500038.58.
    more = _outage("B2", "2026-11-10T10:00:00+01:00", "2026-11-10T13:36:01+01:00")
    assert _lines(more, "2026-11") == (Decimal("-12000.00"), Decimal("-500038.58"))


def test_maintenance_announced_exactly_eight_hours_ahead_is_excluded() -> None:
    # Window 2026-11-20 02:00-04:00 CET announced 2026-11-19 18:00: exactly 8 h ahead ("at
    # least 8 hours") -> not downtime. With the 3 h 36 min outage: still exactly 99.5% -> 6%.
    outage = _outage("M1", "2026-11-10T10:00:00+01:00", "2026-11-10T13:36:00+01:00")
    on_time = _window(
        "2026-11-19T18:00:00+01:00", "2026-11-20T02:00:00+01:00", "2026-11-20T04:00:00+01:00"
    )
    assert _lines([*outage, on_time], "2026-11") == (Decimal("-6000.00"), Decimal("-500000.00"))
    # Announced 18:00:01: 7 h 59 min 59 s ahead -> the 2 h count: 5 h 36 min = 5.6/720 =
    # 0.777…% down -> 99.2222% -> 12%; linear 777777.78.
    late = _window(
        "2026-11-19T18:00:01+01:00", "2026-11-20T02:00:00+01:00", "2026-11-20T04:00:00+01:00"
    )
    assert _lines([*outage, late], "2026-11") == (Decimal("-12000.00"), Decimal("-777777.78"))


def test_the_band_line_shows_a_value_on_the_side_of_the_boundary_it_was_counted() -> None:
    # 3 h 36 min 1 s down in November: exactly 99.49996141…%, counted in [99%, 99.5%). The
    # report must not show it as 99.5% (a value that would belong to the 6% row): cut to 4
    # decimals it is 99.4999%, with the downtime and service time to redo it exactly.
    events = _outage("B2", "2026-11-10T10:00:00+01:00", "2026-11-10T13:36:01+01:00")
    report = slarules.loads(RULES).replay(events, as_of="2026-12-01T00:00:00+01:00")
    period = next(p for p in report.periods if p.label == "2026-11")
    assert period.payment is not None
    band = next(x for x in period.payment.lines if x.kind == "deduct_band")
    assert "availability(tjeneste.nede) = 99.4999% in [99%, 99.5%)" in band.basis
    assert "downtime = PT3H36M1S" in band.basis and "service time = PT720H" in band.basis
    # The linear line: 12961/2592000 × 100 = 0.500038580…% points below 100%, × 1000000 =
    # 500038.58; the shown points must multiply back to it (not "0.5 × 1000000").
    linear = next(x for x in period.payment.lines if x.kind == "linear")
    assert "0.50003858… percentage points below 100%" in linear.basis


CN_OFFICE = """
ruleset "audit-avail-cn" { timezone "Asia/Shanghai" }
calendar 工作时间 { hours "mon-fri 09:00-17:00" days CN }
period 月 = month
sla 平台 {
  calendar 工作时间
  metric 中断 from opened to restored
  exclude maintenance announced 8h ahead from downtime and period
  tier 故障 { }
}
payment per 月 {
  base 0元
  deduct 1000000元 per point below 100% in availability(平台.中断) fraction prorated
}
"""


def test_service_time_of_october_2026_on_a_5x8_calendar_with_national_day() -> None:
    # October 2026 has 22 weekdays; 国庆 takes Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 (17 left) and
    # Sat 10-10 is a make-up workday: 18 workdays × 8 h = 144 h of service time.
    # Outage Fri 10-09 16:00 -> Mon 10-12 10:00: 1 h (Fri) + 8 h (Sat make-up) + 1 h (Mon) =
    # 10 h down. 10/144 = 6.9444…% -> 1000000 × 6.94444… = 6944444.44.
    # With a window Mon 10-12 09:00-10:00 announced a day ahead, "from downtime and period":
    # 9 h down over 143 h: 9/143 = 6.2937062937…% -> 6293706.29.
    outage = [
        {"at": "2026-10-09T16:00:00+08:00", "type": "opened", "ticket": "C1", "sla": "平台",
         "tier": "故障"},
        {"at": "2026-10-12T10:00:00+08:00", "type": "restored", "ticket": "C1"},
    ]  # fmt: skip
    window = {"at": "2026-10-11T09:00:00+08:00", "type": "maintenance", "sla": "平台",
              "start": "2026-10-12T09:00:00+08:00", "end": "2026-10-12T10:00:00+08:00"}  # fmt: skip
    for events, expected in ((outage, "-6944444.44"), ([*outage, window], "-6293706.29")):
        report = slarules.loads(CN_OFFICE).replay(
            sorted(events, key=lambda e: e["at"]), as_of="2026-11-01T00:00:00+08:00"
        )
        period = next(p for p in report.periods if p.label == "2026-10")
        assert period.payment is not None
        linear = next(x for x in period.payment.lines if x.kind == "linear")
        assert linear.amount == Decimal(expected)


def _codes(text: str) -> list[str]:
    from slarules.check import check_ruleset
    from slarules.language.parser import parse

    return [d.code for d in check_ruleset(parse(text))]


def test_check_finds_the_gap_the_danish_bands_leave_when_written_literally() -> None:
    # "99,99 % – 99,80 % → 0 %; 99,79 % – 99,50 % → 6 %" written literally leaves
    # (99.79%, 99.8%) and (99.99%, 100%] to no row: SLR303 (money would be undefined).
    literal = RULES.replace("[99.8%, 100%] -> 0%", "[99.8%, 99.99%] -> 0%").replace(
        "[99.5%, 99.8%) -> 6%", "[99.5%, 99.79%] -> 6%"
    )
    assert "SLR303" in _codes(literal)
    assert "SLR303" not in _codes(RULES)
    # A percentage compared with a plain number is a unit error (99.5 where 99.5% was meant).
    wrong = RULES.replace(
        "payment per maaned {\n  base 100000 DKK",
        "payment per maaned {\n  base 100000 DKK\n"
        "  flag under when availability(tjeneste.nede) < 99.5",
        1,
    )
    assert "SLR110" in _codes(wrong)


def test_an_outage_still_open_at_as_of_and_a_late_window_overlapping_it() -> None:
    # As of 2026-11-15 12:00 CET an outage opened 10:00 is still open: down 2 h so far,
    # over the whole month's 720 h (a running period is measured over its whole length).
    # A window 11:00-13:00 announced at 10:30 (30 min ahead, not 8 h) counts as downtime,
    # overlapping the outage (counted once); its 12:00-13:00 part lies after as_of and has
    # not happened (a running ticket is likewise counted up to as_of): 10:00-12:00 = 2 h.
    # 2/720 = 0.27777…% -> 99.7222% -> band [99.5%, 99.8%) 6% = 6000; linear 277777.78.
    # (Before the fix slarules counted the window's future hour: 3 h, linear 416666.67.)
    events = [
        {"at": "2026-11-15T10:00:00+01:00", "type": "opened", "ticket": "R1",
         "sla": "tjeneste", "tier": "drift"},
        _window("2026-11-15T10:30:00+01:00", "2026-11-15T11:00:00+01:00",
                "2026-11-15T13:00:00+01:00"),
    ]  # fmt: skip
    report = slarules.loads(RULES).replay(events, as_of="2026-11-15T12:00:00+01:00")
    period = next(p for p in report.periods if p.label == "2026-11")
    assert period.payment is not None
    band = next(x for x in period.payment.lines if x.kind == "deduct_band")
    linear = next(x for x in period.payment.lines if x.kind == "linear")
    assert (band.amount, linear.amount) == (Decimal("-6000.00"), Decimal("-277777.78"))
