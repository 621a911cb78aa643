"""Audit: money lines (docs/language.md §1 and §6): a fee schedule that changes mid-term,
credits per occurrence in one capped group settled next period ("Servicekreditter kan ikke
overstige 50 % af månedens vederlag"; "krediteres på den følgende måneds faktura"), refunds,
and a credit owed only when claimed ("senest 30 dage efter månedens udløb"). Every expected
number is worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import slarules
from slarules.engine.scoring.results import PaymentResult
from slarules.report.text import render_report_text

D = Decimal

TERM_RULES = """
ruleset "audit-money" { timezone "Europe/Copenhagen" currency DKK }
param start: date = 2026-05-01
param vederlag: money by date {
  from 2026-05-01 -> 80000 DKK cite "Det månedlige vederlag er 80.000 kr."
  from 2026-07-01 -> 84000 DKK cite "pr. 1. juli reguleres vederlaget med 5 %"
}
kind nedbrud
kind langsom
kind overfakturering
period maaned = cycle 1 months from start for 3
payment per maaned {
  base vederlag
  credit 5% of vederlag per occurrence of nedbrud settled next period in group servicekredit
  credit 2% of vederlag per occurrence of langsom settled next period in group servicekredit
  group servicekredit cap 50% of vederlag cite "kan ikke overstige 50 %"
  refund stated amount per occurrence of overfakturering
}
"""

CLAIM_RULES = """
ruleset "audit-claim" { timezone "Europe/Copenhagen" currency DKK }
kind nedbrud
period maaned = month
payment per maaned {
  base 10000 DKK
  credit 500 DKK per occurrence of nedbrud claimed by kreditkrav within 30 days
    cite "senest 30 dage efter månedens udløb"
}
"""


def _occ(at: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"at": at, "type": "occurrence", "kind": kind, **more}


def _pay(rules: str, events: list[dict[str, Any]], label: str, as_of: str) -> PaymentResult:
    report = slarules.loads(rules).replay(sorted(events, key=lambda e: e["at"]), as_of=as_of)
    period = next(p for p in report.periods if p.label == label)
    assert period.payment is not None
    return period.payment


def _term_events() -> list[dict[str, Any]]:
    # The log must start in May for May to be reported at all: slarules reports periods
    # from the first event (or a period an event names) to as_of, not from the term's start.
    may = [{"at": "2026-05-04T09:00:00+02:00", "type": "milestone", "name": "signed"}]
    june = [_occ(f"2026-06-{d:02d}T10:00:00+02:00", "nedbrud") for d in range(1, 9)]
    june += [_occ(f"2026-06-{d:02d}T12:00:00+02:00", "langsom") for d in range(10, 16)]
    july = [
        _occ("2026-07-02T10:00:00+02:00", "nedbrud"),
        _occ("2026-07-03T10:00:00+02:00", "overfakturering", amount="10.005"),
        _occ("2026-07-04T10:00:00+02:00", "overfakturering", amount="10.005"),
    ]
    return may + june + july


AS_OF = "2026-09-01T00:00:00+02:00"


def test_may_and_june_pay_the_first_fee_and_june_credits_wait_for_july() -> None:
    # May: fee 80000, nothing else -> 80000.
    assert _pay(TERM_RULES, _term_events(), "maaned:1", AS_OF).payable == D("80000.00")
    # June: 8 outages × 5% × 80000 = 32000, 6 slow × 2% × 80000 = 9600: 41600 > cap 50% ×
    # 80000 = 40000, the cap gives back 1600. Settled next period: June pays 80000 in full.
    june = _pay(TERM_RULES, _term_events(), "maaned:2", AS_OF)
    assert june.payable == D("80000.00")
    amounts = [(x.kind, x.amount) for x in june.lines]
    assert ("credit", D("-32000.00")) in amounts and ("credit", D("-9600.00")) in amounts
    assert ("group_cap", D("1600.00")) in amounts


def test_july_fee_rises_sets_off_june_capped_credits_and_settles_its_own_at_term_end() -> None:
    # July (the last month of the term): fee 84000 (row from 2026-07-01). June's credits
    # carried: −32000 − 9600 + 1600 = −40000 (June's cap, on June's fee). July's own outage:
    # 5% × 84000 = 4200, with no next period settled in July itself. Payable 84000 − 40000 −
    # 4200 = 39800. Refund: stated 10.005 + 10.005 = 20.01, rounded once per line (per-event
    # rounding would give 20.02), kept apart from the payable.
    july = _pay(TERM_RULES, _term_events(), "maaned:3", AS_OF)
    assert july.lines[0].amount == D("84000.00")
    assert july.payable == D("39800.00")
    assert july.refund == D("20.01")


@pytest.mark.parametrize(
    "claim_at, status, payable",
    [
        # February 2026 ends on the 28th; "within 30 days" ends 24:00 on 30 March, which is
        # CEST (summer time began 29 March): 2026-03-31T00:00+02:00.
        ("2026-03-30T23:59:00+02:00", "claimed", "9500.00"),  # last minute of the last day
        ("2026-03-31T00:01:00+02:00", "forfeited", "10000.00"),  # one minute late
        # 23:30 written in winter time is 00:30 CEST on the 31st: late, compared as instants.
        ("2026-03-30T23:30:00+01:00", "forfeited", "10000.00"),
    ],
)
def test_a_february_credit_claimed_on_the_last_allowed_day_or_a_minute_late(
    claim_at: str, status: str, payable: str
) -> None:
    events = [
        _occ("2026-02-10T10:00:00+01:00", "nedbrud"),
        {"at": claim_at, "type": "milestone", "name": "kreditkrav"},
    ]
    feb = _pay(CLAIM_RULES, events, "2026-02", "2026-04-15T00:00:00+02:00")
    credit = next(x for x in feb.lines if x.kind == "credit")
    assert credit.amount == D("-500.00")
    assert credit.settlement is not None and credit.settlement.status == status
    assert feb.payable == D(payable)


def test_two_payment_blocks_of_one_period_keep_the_file_currency() -> None:
    # A DKK file with two payment blocks per month (a fee, and a service credit stated in a
    # block of its own): every amount is DKK (§1: "every amount in one currency, the one its
    # header declares"), so the period's payment must say DKK, in the JSON and after
    # `payable` in the text report — not the CNY default.
    rules = """
ruleset "audit-two" { timezone "Europe/Copenhagen" currency DKK }
kind nedbrud
period maaned = month
payment per maaned { base 10000 DKK }
payment per maaned { base 0 DKK  credit 500 DKK per occurrence of nedbrud }
"""
    report = slarules.loads(rules).replay(
        [_occ("2026-03-02T10:00:00+01:00", "nedbrud")], as_of="2026-04-01T00:00:00+02:00"
    )
    march = next(p for p in report.periods if p.label == "2026-03")
    assert march.payment is not None
    # 10000 from the first block; the second block's 0 base less its 500 credit is a refund
    # of 500 owed by the vendor, not netted against the first block's 10000.
    assert (march.payment.payable, march.payment.refund) == (D("10000.00"), D("500.00"))
    assert march.payment.currency == "DKK"
    assert "payable 10000.00 DKK" in render_report_text(report)


def test_a_claim_naming_its_period_one_minute_after_the_window_is_forfeited() -> None:
    # A claim event naming "2026-02" but made at 00:01 CEST on 31 March, one minute after
    # 24:00 on 30 March (30 days after 28 February): too late, naming the period does not
    # extend the window -> forfeited, February pays 10000.
    events = [
        _occ("2026-02-10T10:00:00+01:00", "nedbrud"),
        {"at": "2026-03-31T00:01:00+02:00", "type": "milestone", "name": "kreditkrav",
         "period": "2026-02"},
    ]  # fmt: skip
    feb = _pay(CLAIM_RULES, events, "2026-02", "2026-04-15T00:00:00+02:00")
    credit = next(x for x in feb.lines if x.kind == "credit")
    assert credit.settlement is not None and credit.settlement.status == "forfeited"
    assert feb.payable == D("10000.00")


POINTS_RULES = """
ruleset "audit-points" { timezone "Europe/Copenhagen" currency DKK }
period maaned = month
scorecard kvalitet per maaned { item punkter max 100 { judged } }
payment per maaned {
  base 80000 DKK
  credit 1% of 80000 DKK per point of 95 - kvalitet cite "1 % pr. bodspoint"
}
"""


def test_penalty_points_convert_to_money_and_a_negative_count_is_zero() -> None:
    # "1 % pr. bodspoint", bodspoint = 95 − kvalitet (points under a 95 floor). kvalitet
    # 92.5 -> 2.5 points × 1% × 80000 = 2000 -> payable 78000. kvalitet 98 -> −3 points,
    # counted as 0 (§6: "negative counts as 0") -> 80000.
    for score, payable in (("92.5", "78000.00"), ("98", "80000.00")):
        events = [{"at": "2026-03-31T12:00:00+02:00", "type": "judgement",
                   "scorecard": "kvalitet", "item": "punkter", "points": score}]  # fmt: skip
        p = _pay(POINTS_RULES, events, "2026-03", "2026-04-02T00:00:00+02:00")
        assert p.payable == D(payable)
