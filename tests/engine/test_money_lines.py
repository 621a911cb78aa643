"""Money lines (docs/language.md §6, issue 13): a monthly fee that varies by date, hourly
work from the log, service credits per occurrence and per penalty point under one cap,
refunds kept apart, and credits settled on a later invoice or only when claimed.

The contract is a Danish operations agreement written for these tests in the words such
agreements use (driftsaftale; the clauses are quoted at each test). Every expected number
is worked out by hand from the quoted clause.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules.check import check_ruleset
from slarules.engine.scoring.results import PaymentResult
from slarules.errors import RuleError, UsageError
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

D = Decimal

RULES = """
ruleset "dk-drift" { timezone "Europe/Copenhagen" currency DKK }
param vederlag: money by date {
  from 2026-01-01 -> 80000 DKK cite "Det månedlige vederlag er 80.000 kr."
  from 2026-07-01 -> 84000 DKK cite "pr. 1. juli reguleres vederlaget med 5 %"
}
kind timer
kind nedbrud
kind overfakturering
period maaned = month
scorecard kvalitet per maaned { item punkter max 100 { judged } }
payment per maaned {
  base vederlag + count(timer) * 950 DKK cite "timeafregnet arbejde: 950 kr. pr. time"
  credit 5% of vederlag per occurrence of nedbrud in group servicekredit
    cite "5 % af månedens vederlag pr. nedbrud"
  credit 1% of vederlag per point of 100 - kvalitet in group servicekredit cite "1 % pr. bodspoint"
  group servicekredit cap 50% of vederlag
    cite "Servicekreditter kan ikke overstige 50 % af månedens vederlag"
  refund stated amount per occurrence of overfakturering cite "for meget opkrævet betales tilbage"
}
"""


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at, "type": type_, **fields}


def pay(rules: str, events: list[dict[str, Any]], label: str, as_of: str) -> PaymentResult:
    report = slarules.loads(rules).replay(events, as_of=as_of)
    found = [p for p in report.periods if p.label == label]
    assert found and found[0].payment is not None, [p.label for p in report.periods]
    return found[0].payment


def lines(p: PaymentResult) -> list[tuple[str, Decimal | None]]:
    return [(x.kind, x.amount) for x in p.lines]


def test_june_fee_hours_credits_within_the_cap_and_a_refund_kept_apart() -> None:
    # June 2026: "Det månedlige vederlag er 80.000 kr."; 7.5 hours of "timeafregnet arbejde:
    # 950 kr. pr. time" = 7125 → base 87125.00. Two outages: "5 % af månedens vederlag pr.
    # nedbrud" = 2 × 4000 = 8000. Quality 93 of 100: 7 penalty points, "1 % pr. bodspoint"
    # = 7 × 800 = 5600. Credits 13600, under the cap 50 % × 80000 = 40000: nothing given
    # back. Payable 87125 − 13600 = 73525.00. An overcharge of 250.005 is paid back:
    # a refund of 250.01 (half-up, once), not netted against the payable.
    events = [
        ev("2026-06-02T10:00:00+02:00", "occurrence", kind="timer", count="7.5"),
        ev("2026-06-03T10:00:00+02:00", "occurrence", kind="nedbrud"),
        ev("2026-06-04T10:00:00+02:00", "occurrence", kind="nedbrud"),
        ev("2026-06-05T10:00:00+02:00", "occurrence", kind="overfakturering", amount="250.005"),
        ev("2026-06-30T10:00:00+02:00", "judgement", item="punkter", points="93"),
    ]
    p = pay(RULES, events, "2026-06", "2026-07-02T00:00:00+02:00")
    assert lines(p) == [
        ("base", D("87125.00")),
        ("credit", D("-8000.00")),
        ("credit", D("-5600.00")),
        ("refund", D("250.01")),
        ("group_cap", D("0.00")),
    ]
    assert (p.payable, p.refund, p.status, p.currency) == (
        D("73525.00"),
        D("250.01"),
        "final",
        "DKK",
    )
    cap = p.lines[4]  # a group's cap comes after the lines it caps
    assert "sum to 13600; cap 50% * vederlag = 40000: within the cap" in cap.basis
    assert [x.group for x in p.lines] == [
        None,
        "servicekredit",
        "servicekredit",
        None,
        "servicekredit",
    ]


def test_july_fee_rises_and_the_cap_limits_the_credits() -> None:
    # July 2026: "pr. 1. juli reguleres vederlaget med 5 %": 84000. Three outages: 3 × 5 %
    # × 84000 = 12600. Quality 60: 40 points × 1 % × 84000 = 33600. Credits 46200, but
    # they "kan ikke overstige 50 %": cap 42000, so 4200 is given back.
    # Payable 84000 − 12600 − 33600 + 4200 = 42000.00 (= 50 % of the fee).
    events = [ev(f"2026-07-0{d}T10:00:00+02:00", "occurrence", kind="nedbrud") for d in (1, 2, 3)]
    events.append(ev("2026-07-31T10:00:00+02:00", "judgement", item="punkter", points="60"))
    p = pay(RULES, events, "2026-07", "2026-08-02T00:00:00+02:00")
    assert lines(p) == [
        ("base", D("84000.00")),
        ("credit", D("-12600.00")),
        ("credit", D("-33600.00")),
        ("refund", D("0.00")),
        ("group_cap", D("4200.00")),
    ]
    assert p.payable == D("42000.00")
    assert "4200 over the cap is not owed" in p.lines[4].basis


def test_before_the_first_row_the_fee_is_unknown() -> None:
    # The schedule starts 2026-01-01: December 2025 has no fee in force; its base waits.
    events = [ev("2025-12-30T10:00:00+01:00", "judgement", item="punkter", points="100")]
    p = pay(RULES, events, "2025-12", "2026-01-02T00:00:00+01:00")
    assert p.lines[0].amount is None
    assert any("vederlag: no value before 2026-01-01" in w for w in p.waiting_for)
    with pytest.raises(UsageError, match="varies by date"):
        slarules.loads(RULES).replay([], params={"vederlag": "1 DKK"})


SETTLED = """
ruleset "dk-kredit" { timezone "Europe/Copenhagen" currency DKK }
kind nedbrud
period maaned = month
payment per maaned {
  base 10000 DKK
  credit 500 DKK per occurrence of nedbrud SETTLEMENT cite "CLAUSE"
}
"""


def test_a_credit_settled_on_the_next_invoice() -> None:
    # "Servicekreditter krediteres på den følgende måneds faktura": March's two outages
    # give a credit of 2 × 500 = 1000, shown in March as settled in 2026-04, so March pays
    # its 10000 in full, and April pays 10000 − 1000 = 9000.
    rules = SETTLED.replace("SETTLEMENT", "settled next period").replace(
        "CLAUSE", "krediteres på den følgende måneds faktura"
    )
    events = [ev(f"2026-03-0{d}T10:00:00+01:00", "occurrence", kind="nedbrud") for d in (2, 3)]
    as_of = "2026-05-02T00:00:00+02:00"
    march = pay(rules, events, "2026-03", as_of)
    credit = march.lines[1]
    assert (credit.kind, credit.amount, march.payable) == ("credit", D("-1000.00"), D("10000.00"))
    assert credit.settlement is not None
    assert (credit.settlement.status, credit.settlement.period) == ("settled_in", "2026-04")
    april = pay(rules, events, "2026-04", as_of)
    carried = april.lines[-1]
    assert (carried.amount, april.payable) == (D("-1000.00"), D("9000.00"))
    assert carried.settlement is not None
    assert (carried.settlement.status, carried.settlement.period) == ("carried_from", "2026-03")


CLAIMED = SETTLED.replace("SETTLEMENT", "claimed by kreditkrav within 30 days").replace(
    "CLAUSE", "Kunden skal fremsætte krav om servicekredit senest 30 dage efter månedens udløb"
)
OUTAGE = [ev("2026-03-02T10:00:00+01:00", "occurrence", kind="nedbrud")]


@pytest.mark.parametrize(
    "claim_at, as_of, status, payable, final",
    [
        # claimed on 10 April, within 30 days of 31 March: 10000 − 500 = 9500, final.
        ("2026-04-10T09:00:00+02:00", "2026-05-02T00:00:00+02:00", "claimed", "9500.00", True),
        # no claim yet on 15 April: the credit is not in the invoice, and the payment waits.
        (None, "2026-04-15T00:00:00+02:00", "claim_required", "10000.00", False),
        # no claim by 24:00 on 30 April (the 30th day): forfeited, 10000, final.
        (None, "2026-05-02T00:00:00+02:00", "forfeited", "10000.00", True),
        # a claim at 00:00 on 1 May is one day late: forfeited.
        ("2026-05-01T00:00:00+02:00", "2026-05-02T00:00:00+02:00", "forfeited", "10000.00", True),
    ],
)
def test_a_credit_owed_only_when_claimed(
    claim_at: str | None, as_of: str, status: str, payable: str, final: bool
) -> None:
    events = list(OUTAGE)
    if claim_at is not None:
        events.append(ev(claim_at, "milestone", name="kreditkrav"))
    p = pay(CLAIMED, events, "2026-03", as_of)
    credit = p.lines[1]
    assert credit.amount == D("-500.00")
    assert credit.settlement is not None and credit.settlement.status == status
    assert p.payable == D(payable)
    assert (p.status == "final") is final


def test_a_claim_naming_its_period_claims_it_even_before_the_period_ends() -> None:
    events = [
        *OUTAGE,
        ev("2026-03-20T09:00:00+01:00", "milestone", name="kreditkrav", period="2026-03"),
    ]
    p = pay(CLAIMED, events, "2026-03", "2026-05-02T00:00:00+02:00")
    assert p.payable == D("9500.00")


def test_deductions_per_occurrence_with_a_rate_and_a_stated_amount() -> None:
    # "Leverandøren betaler 2.000 kr. pr. nedbrud samt det dokumenterede tab, højst 5.000
    # kr.": two outages → 4000; losses 3000 + 2500.50 = 5500.50, capped at 5000.
    # Payable 10000 − 4000 − 5000 = 1000.00.
    rules = SETTLED.replace(
        'credit 500 DKK per occurrence of nedbrud SETTLEMENT cite "CLAUSE"',
        "deduct 2000 DKK per occurrence of nedbrud\n"
        "  deduct stated amount per occurrence of nedbrud cap 5000 DKK",
    )
    events = [
        ev("2026-03-02T10:00:00+01:00", "occurrence", kind="nedbrud", amount="3000"),
        ev("2026-03-03T10:00:00+01:00", "occurrence", kind="nedbrud", amount="2500.50"),
    ]
    p = pay(rules, events, "2026-03", "2026-04-02T00:00:00+02:00")
    assert lines(p) == [
        ("base", D("10000.00")),
        ("deduction", D("-4000.00")),
        ("deduction", D("-5000.00")),
    ]
    assert p.payable == D("1000.00")


_CREDIT_5 = "credit 5% of vederlag per occurrence of nedbrud in group servicekredit"
_CREDIT_1 = "credit 1% of vederlag per point of 100 - kvalitet in group servicekredit"
_GROUP = "group servicekredit cap 50% of vederlag"
BROKEN = [
    # rows out of date order
    ("SLR114", ("from 2026-07-01 -> 84000 DKK", "from 2025-07-01 -> 84000 DKK")),
    # a date where money belongs
    ("SLR114", ("from 2026-07-01 -> 84000 DKK", "from 2026-07-01 -> 2027-01-01")),
    # a line in a group the payment does not declare
    ("SLR115", (_CREDIT_1, _CREDIT_1.replace("servicekredit", "andet"))),
    # a group declared twice
    ("SLR115", (_GROUP, _GROUP + "\n  " + _GROUP)),
    # a group that caps no line
    ("SLR115", (_GROUP, _GROUP + "\n  group tom cap 1 DKK")),
    # a deduction settled next period: only credits are settled later
    (
        "SLR116",
        (
            _CREDIT_5,
            _CREDIT_5.replace("credit", "deduct").replace(
                " in group", " settled next period in group"
            ),
        ),
    ),
    # the lines of one group settled differently
    ("SLR116", (_CREDIT_5, _CREDIT_5.replace(" in group", " settled next period in group"))),
    # a claim period of 0 days
    (
        "SLR106",
        (_CREDIT_5, _CREDIT_5.replace(" in group", " claimed by krav within 0 days in group")),
    ),
]


@pytest.mark.parametrize(
    "code, change", BROKEN, ids=[f"{c}-{i}" for i, (c, _) in enumerate(BROKEN)]
)
def test_the_checker_refuses_what_cannot_apply(code: str, change: tuple[str, str]) -> None:
    old, new = change
    assert old in RULES
    assert code in [d.code for d in check_ruleset(parse(RULES.replace(old, new, 1)))]


def test_a_credit_settled_next_period_at_the_end_of_the_term_is_settled_in_its_own() -> None:
    # A term of 2 monthly cycles from 2026-03-01: cycle 2 (April) has no next invoice, so
    # its credit of 500 is set off against its own: 10000 − 500 = 9500.
    rules = SETTLED.replace("SETTLEMENT", "settled next period").replace("CLAUSE", "x")
    rules = rules.replace(
        "period maaned = month",
        "param start: date = 2026-03-01\nperiod maaned = cycle 1 months from start for 2",
    )
    events = [ev("2026-04-02T10:00:00+02:00", "occurrence", kind="nedbrud")]
    p = pay(rules, events, "maaned:2", "2026-05-02T00:00:00+02:00")
    assert p.lines[1].settlement is None
    assert p.payable == D("9500.00")


def test_the_json_report_shows_currency_schedule_settlement_and_group() -> None:
    events = [*OUTAGE]
    report = slarules.loads(CLAIMED).replay(events, as_of="2026-04-15T00:00:00+02:00")
    march = next(p for p in report.to_dict()["periods"] if p["period"] == "2026-03")
    payment = march["payment"]
    assert payment["currency"] == "DKK"
    credit = payment["lines"][1]
    assert credit["settlement"] == {
        "status": "claim_required",
        "period": None,
        "deadline": "2026-05-01T00:00:00+02:00",
        "event": None,
    }
    assert credit["group"] is None
    assert payment["status"] == "pending"
    schedule = slarules.loads(RULES).replay([], as_of="2026-02-01T00:00:00+01:00")
    texts = schedule.to_dict()["inputs"]["params"]
    assert texts == {"vederlag": "by date: 2026-01-01 80000.00; 2026-07-01 84000.00"}


def test_reference_rules_check_clean_and_round_trip() -> None:
    for text in (RULES, CLAIMED, SETTLED.replace("SETTLEMENT", "settled next period")):
        model = parse(text)
        assert check_ruleset(model) == []
        printed = format_ruleset(model)
        assert parse(printed) == model
        assert format_ruleset(parse(printed)) == printed


@settings(max_examples=25, deadline=None)
@given(outages=st.integers(0, 12), score=st.integers(0, 100))
def test_the_credits_of_a_month_never_exceed_half_the_fee(outages: int, score: int) -> None:
    # "Servicekreditter kan ikke overstige 50 % af månedens vederlag": in June the fee is
    # 80000; the credits are outages × 4000 + (100 − score) × 800, at most 40000.
    events = [
        ev(f"2026-06-{d + 1:02d}T10:00:00+02:00", "occurrence", kind="nedbrud")
        for d in range(outages)
    ]
    events.append(ev("2026-06-30T10:00:00+02:00", "judgement", item="punkter", points=str(score)))
    p = pay(RULES, events, "2026-06", "2026-07-02T00:00:00+02:00")
    credits = outages * 4000 + (100 - score) * 800
    assert p.payable == D(80000 - min(credits, 40000))
    assert p.lines[-1].amount == D(max(credits - 40000, 0))


def test_a_capped_group_settled_next_period_is_carried_with_its_cap() -> None:
    # Credits of 500 kr. per outage, "krediteres på næste faktura", at most 1000 kr. a
    # month: March's three outages give 1500, of which the cap gives back 500. March pays
    # its 10000 in full; April sets off 1500 − 500 = 1000: 9000.
    rules = SETTLED.replace(
        'credit 500 DKK per occurrence of nedbrud SETTLEMENT cite "CLAUSE"',
        "credit 500 DKK per occurrence of nedbrud settled next period in group kredit\n"
        "  group kredit cap 1000 DKK",
    )
    events = [ev(f"2026-03-0{d}T10:00:00+01:00", "occurrence", kind="nedbrud") for d in (2, 3, 4)]
    as_of = "2026-05-02T00:00:00+02:00"
    march = pay(rules, events, "2026-03", as_of)
    assert lines(march) == [
        ("base", D("10000.00")),
        ("credit", D("-1500.00")),
        ("group_cap", D("500.00")),
    ]
    assert march.payable == D("10000.00")
    april = pay(rules, events, "2026-04", as_of)
    assert [(x.kind, x.amount) for x in april.lines[-2:]] == [
        ("credit", D("-1500.00")),
        ("group_cap", D("500.00")),
    ]
    assert april.payable == D("9000.00")


def test_a_negative_amount_is_refused_not_turned_into_a_payment() -> None:
    # A credit of −500 per outage would add money to the invoice: the engine refuses it.
    # (Written with literals only, check refuses it first, SLR117; a parameter leaves the
    # sign to the engine.)
    rules = (
        SETTLED.replace('SETTLEMENT cite "CLAUSE"', "")
        .replace("credit 500 DKK", "credit rate - 500 DKK")
        .replace("kind nedbrud", "kind nedbrud\nparam rate: money = 0 DKK")
    )
    with pytest.raises(RuleError, match="SLR965"):
        pay(rules, OUTAGE, "2026-03", "2026-04-02T00:00:00+02:00")
    literal = SETTLED.replace('SETTLEMENT cite "CLAUSE"', "").replace(
        "credit 500 DKK", "credit 0 DKK - 500 DKK"
    )
    with pytest.raises(RuleError, match="SLR117"):
        slarules.loads(literal)
