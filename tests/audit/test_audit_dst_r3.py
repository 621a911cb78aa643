"""Audit round 3: dk-itdrift-2026 across the Danish summer-time changes (Europe/Copenhagen).

2026: summer time begins Sunday 29 March at 02:00 CET (+01:00), clocks jump to 03:00 CEST
(+02:00): 02:00–03:00 does not exist. It ends Sunday 25 October at 03:00 CEST, clocks go back
to 02:00 CET: 02:00–03:00 happens twice. Danish helligdage 2026 around Easter (Easter Sunday
5 April): skærtorsdag 2 April, langfredag 3 April, 2. påskedag 6 April.

Clauses (paraphrased, rulesets/dk-itdrift-2026.sla):
- "Arbejdsdage: mandag til fredag, bortset fra helligdage …"; Service Desk 08:00–16:00;
- "Kategori 3: Øvrige fejl": reaktion 4h (Service Desk hours), løsning "5 Arbejdsdage",
  read `counting plain` ("the same time of day on the N-th Arbejdsdag after the day of the
  event");
- "Kategori 1": reaktion 30m, løsning 4h; "Løsningstiden regnes tidligst fra Service Deskens
  åbning og løber herefter i døgnets 24 timer";
- "Servicemålene opgøres pr. kalendermåned i driftsperioden på 36 måneder" (cycles from
  2026-01-01 00:00 local time);
- "10 bodspoint pr. overskridelse for kategori 1", "1 bodspoint pr. overskridelse for
  kategori 3" (item servicemål, max 60).

Every expected number is worked out by hand from these clauses, never copied from slarules.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules

ROOT = Path(__file__).resolve().parents[2]
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(scope="module")
def rules() -> slarules.Ruleset:
    return slarules.load(ROOT / "rulesets" / "dk-itdrift-2026.sla")


def at(stamp: str) -> str:
    """``2026-03-27 10:00`` (Copenhagen wall clock, not in a gap or fold) → RFC 3339."""
    return datetime.fromisoformat(stamp).replace(tzinfo=CPH).isoformat()


def replay(rules: slarules.Ruleset, events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    report = rules.replay(sorted(events, key=lambda e: e["at"]), as_of=as_of)
    data: dict[str, Any] = json.loads(report.to_json())
    return data


def incident(tid: str, tier: str, opened: str, *steps: tuple[str, str]) -> list[dict[str, Any]]:
    """``opened`` and each step's instant are RFC 3339 strings (offsets written out)."""
    first = {"at": opened, "type": "opened", "ticket": tid, "sla": "incident", "tier": tier}
    return [first, *({"at": t, "type": kind, "ticket": tid} for t, kind in steps)]


def target(report: dict[str, Any], ticket: str, metric: str) -> dict[str, Any]:
    t = next(t for t in report["tickets"] if t["ticket"] == ticket)
    found: dict[str, Any] = next(x for x in t["targets"] if x["metric"] == metric)
    return found


def servicemaal(report: dict[str, Any], label: str) -> str:
    month = next(p for p in report["periods"] if p["period"] == label)
    card = next(c for c in month["scorecards"] if c["name"] == "bod")
    return str(next(i for i in card["items"] if i["name"] == "servicemål")["score"])


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


# ---- day-counted targets across the change: the same wall-clock time ----------------------


def test_kategori3_five_arbejdsdage_across_spring_dst_and_easter(rules: slarules.Ruleset) -> None:
    # Opened Fri 2026-03-27 10:00 CET, the desk open: the løsning clock starts at once. The
    # 5 Arbejdsdage after the day of the event: Mon 30 Mar (1), Tue 31 Mar (2), Wed 1 Apr (3),
    # [Thu 2, Fri 3 Apr helligdage, weekend, Mon 6 Apr 2. påskedag], Tue 7 Apr (4),
    # Wed 8 Apr (5). `counting plain`: 10:00 on Wed 8 Apr — summer time by then:
    # 2026-04-08T10:00+02:00 (08:00Z), not 09:00Z (which 12 × 24h + wall-clock in CET gives).
    # Resolved 09:59 CEST: met. Reaktion 4h in desk hours: 10:00–14:00 Friday, met at 11:00.
    events = incident(
        "K3", "kategori3", at("2026-03-27 10:00"),
        (at("2026-03-27 11:00"), "responded"), ("2026-04-08T09:59:00+02:00", "resolved"),
    )  # fmt: skip
    report = replay(rules, events, at("2026-04-30 12:00"))
    losning = target(report, "K3", "løsning")
    assert instant(losning["deadline"]) == instant("2026-04-08T10:00:00+02:00")
    assert losning["status"] == "met"
    assert servicemaal(report, "måned:3") == "60"


def test_kategori3_five_arbejdsdage_across_autumn_dst_breached_by_an_hour(
    rules: slarules.Ruleset,
) -> None:
    # Opened Fri 2026-10-23 15:00 CEST (+02:00). Arbejdsdage after it: Mon 26 (1), Tue 27 (2),
    # Wed 28 (3), Thu 29 (4), Fri 30 Oct (5) → 15:00 CET on Fri 30 Oct = 14:00Z (one hour
    # more than 7 × 24h: the fold of 25 Oct). Resolved 15:30 CET: breached → 1 bodspoint,
    # servicemål 60 − 1 = 59 in måned:10 (the month it was opened in).
    events = incident(
        "K3b", "kategori3", "2026-10-23T15:00:00+02:00",
        ("2026-10-23T15:30:00+02:00", "responded"), ("2026-10-30T15:30:00+01:00", "resolved"),
    )  # fmt: skip
    report = replay(rules, events, at("2026-10-31 12:00"))
    losning = target(report, "K3b", "løsning")
    assert instant(losning["deadline"]) == instant("2026-10-30T14:00:00Z")
    assert losning["status"] == "breached"
    assert servicemaal(report, "måned:10") == "59"


def test_reaktion_in_desk_hours_over_the_spring_weekend(rules: slarules.Ruleset) -> None:
    # Kategori 3 reaktion 4h in the desk's hours: opened Fri 27 Mar 14:00 CET: 2h on Friday
    # (to 16:00), 2h from Mon 30 Mar 08:00 → 10:00 CEST = 08:00Z. Answered 10:01 CEST
    # (08:01Z): breached (1 point). A clock that added 2 working hours to 08:00 CET-in-UTC
    # would put the deadline at 09:00Z and call it met.
    events = incident(
        "R3", "kategori3", at("2026-03-27 14:00"),
        ("2026-03-30T08:01:00Z", "responded"), (at("2026-03-30 12:00"), "resolved"),
    )  # fmt: skip
    report = replay(rules, events, at("2026-04-30 12:00"))
    reaktion = target(report, "R3", "reaktion")
    assert instant(reaktion["deadline"]) == instant("2026-03-30T10:00:00+02:00")
    assert reaktion["status"] == "breached"
    assert servicemaal(report, "måned:3") == "59"


# ---- month boundaries at 00:00 local time, events written in UTC --------------------------


def test_an_event_written_in_utc_counts_in_the_local_month(rules: slarules.Ruleset) -> None:
    # måned:3 ends 2026-04-01 00:00 CEST = 2026-03-31T22:00Z (summer time);
    # måned:10 ends 2026-11-01 00:00 CET = 2026-10-31T23:00Z (winter time).
    # Four kategori 1 incidents, each answered late (reaktion 30m from the desk's next opening,
    # 08:00 the next Arbejdsdag; answered 09:00 → breached, 10 bodspoint) and resolved in time
    # (løsning 4h from 08:00 → 12:00; resolved 11:00):
    # - A: 2026-03-31T21:59Z = 23:59 CEST Tue 31 Mar → måned:3;
    # - B: 2026-03-31T22:00Z = 00:00 CEST Wed 1 Apr → måned:4;
    # - C: 2026-10-31T22:59Z = 23:59 CET Sat 31 Oct → måned:10;
    # - D: 2026-10-31T23:00Z = 00:00 CET Sun 1 Nov → måned:11.
    # A and B are both due to be answered 08:30 CEST on Wed 1 Apr; C and D 08:30 CET on Mon
    # 2 Nov. servicemål: måned:3 50, måned:4 50, måned:10 50, måned:11 50.
    events = [
        *incident("A", "kategori1", "2026-03-31T21:59:00Z",
                  (at("2026-04-01 09:00"), "responded"), (at("2026-04-01 11:00"), "resolved")),
        *incident("B", "kategori1", "2026-03-31T22:00:00Z",
                  (at("2026-04-01 09:00"), "responded"), (at("2026-04-01 11:00"), "resolved")),
        *incident("C", "kategori1", "2026-10-31T22:59:00Z",
                  (at("2026-11-02 09:00"), "responded"), (at("2026-11-02 11:00"), "resolved")),
        *incident("D", "kategori1", "2026-10-31T23:00:00Z",
                  (at("2026-11-02 09:00"), "responded"), (at("2026-11-02 11:00"), "resolved")),
    ]  # fmt: skip
    report = replay(rules, events, at("2026-11-30 12:00"))
    for tid in "AB":
        assert instant(target(report, tid, "reaktion")["deadline"]) == instant(
            "2026-04-01T08:30:00+02:00"
        )
    for tid in "CD":
        assert instant(target(report, tid, "reaktion")["deadline"]) == instant(
            "2026-11-02T08:30:00+01:00"
        )
    assert [servicemaal(report, f"måned:{n}") for n in (3, 4, 10, 11)] == ["50"] * 4


# ---- a duration that crosses the gap or the fold: instants, not wall-clock ------------------

GAP = """
ruleset "audit-dst-gap" { timezone "Europe/Copenhagen" }
calendar døgn { hours "24x7" days none }
sla drift {
  calendar døgn
  metric restore from opened to restored
  pause restore
  tier a { restore 8h }
}
"""


def test_a_deadline_whose_wall_clock_time_falls_in_the_gap() -> None:
    # Opened Fri 2026-03-27 16:00 CET (15:00Z), paused at 22:00 CET (6h used: 2h left),
    # resumed Sun 29 Mar 00:30 CET (23:30Z on the 28th). 2h later is 01:30Z = 03:30 CEST; the
    # wall clock 00:30 + 2h = "02:30" does not exist that night. Restored 03:20 CEST: met.
    events = [
        {"at": "2026-03-27T16:00:00+01:00", "type": "opened", "ticket": "G", "sla": "drift",
         "tier": "a"},
        {"at": "2026-03-27T22:00:00+01:00", "type": "paused", "ticket": "G"},
        {"at": "2026-03-29T00:30:00+01:00", "type": "resumed", "ticket": "G"},
        {"at": "2026-03-29T03:20:00+02:00", "type": "restored", "ticket": "G"},
    ]  # fmt: skip
    report = json.loads(
        slarules.loads(GAP).replay(events, as_of="2026-03-31T12:00:00+02:00").to_json()
    )
    restore = target(report, "G", "restore")
    assert instant(restore["deadline"]) == instant("2026-03-29T03:30:00+02:00")
    assert restore["status"] == "met"


def test_a_deadline_in_the_repeated_hour() -> None:
    # Opened Fri 2026-10-23 16:00 CEST, paused 22:00 CEST (6h used: 2h left), resumed Sun
    # 25 Oct 01:30 CEST (23:30Z on the 24th). 2h later is 01:30Z = 02:30 CET, the *second*
    # 02:30 of the night (the wall clock would say 03:30). Restored at the first 02:45
    # (02:45 CEST = 00:45Z): met; restored at the second 02:45 (02:45 CET = 01:45Z): breached.
    base = [
        {"at": "2026-10-23T16:00:00+02:00", "type": "opened", "ticket": "F", "sla": "drift",
         "tier": "a"},
        {"at": "2026-10-23T22:00:00+02:00", "type": "paused", "ticket": "F"},
        {"at": "2026-10-25T01:30:00+02:00", "type": "resumed", "ticket": "F"},
    ]  # fmt: skip
    for restored, status in (("2026-10-25T02:45:00+02:00", "met"),
                             ("2026-10-25T02:45:00+01:00", "breached")):  # fmt: skip
        events = [*base, {"at": restored, "type": "restored", "ticket": "F"}]
        report = json.loads(
            slarules.loads(GAP).replay(events, as_of="2026-10-31T12:00:00+01:00").to_json()
        )
        restore = target(report, "F", "restore")
        assert instant(restore["deadline"]) == instant("2026-10-25T02:30:00+01:00")
        assert restore["status"] == status, restored


# ---- the monthly report over Easter: "senest 10 Arbejdsdage efter hver måneds afslutning" ----


def rapportering(report: dict[str, Any], label: str) -> str:
    month = next(p for p in report["periods"] if p["period"] == label)
    card = next(c for c in month["scorecards"] if c["name"] == "bod")
    return str(next(i for i in card["items"] if i["name"] == "rapportering")["score"])


@pytest.mark.parametrize(
    ("delivered", "score"),
    [
        # March 2026 ends Tuesday 31 March (summer time from the 29th). Arbejdsdage after it:
        # Wed 1 Apr (1), [Thu 2 skærtorsdag, Fri 3 langfredag, Mon 6 2. påskedag], Tue 7 (2),
        # Wed 8 (3), Thu 9 (4), Fri 10 (5), Mon 13 (6), Tue 14 (7), Wed 15 (8), Thu 16 (9),
        # Fri 17 April (10) → due Friday 17 April 24:00 CEST. The due time is in April, so the
        # bod is April's ("2 bodspoint for en forsinket månedsrapport": 20 − 2 = 18).
        ("2026-04-17T23:59:00+02:00", "20"),
        ("2026-04-18T00:01:00+02:00", "18"),
        # Counting as if Easter were no holiday would make it due Tuesday 14 April 24:00 and
        # the delivery of Wednesday 15 April late; it is on time.
        ("2026-04-15T10:00:00+02:00", "20"),
    ],
)
def test_marchs_report_is_due_friday_17_april_over_easter(
    rules: slarules.Ruleset, delivered: str, score: str
) -> None:
    # February's report is delivered on 2 March (on time) so that only March's is in question;
    # January's on 2 February.
    events = [
        {"at": at("2026-02-02 12:00"), "type": "delivered", "deliverable": "månedsrapport"},
        {"at": at("2026-03-02 12:00"), "type": "delivered", "deliverable": "månedsrapport"},
        {"at": delivered, "type": "delivered", "deliverable": "månedsrapport"},
    ]
    report = replay(rules, events, at("2026-04-30 12:00"))
    assert rapportering(report, "måned:4") == score


# ---- every year of the term: helligdage of 2027 and 2028 ----------------------------------


@pytest.mark.parametrize(
    ("opened", "due"),
    [
        # 2027: Easter Sunday 28 March, the night summer time begins. Kategori 3 opened Wed
        # 24 March 10:00 CET: Thu 25 (skærtorsdag), Fri 26 (langfredag), Mon 29 (2. påskedag)
        # are no Arbejdsdage: Tue 30 (1), Wed 31 (2), Thu 1 Apr (3), Fri 2 (4), Mon 5 (5) →
        # 10:00 CEST on Monday 5 April 2027.
        ("2027-03-24T10:00:00+01:00", "2027-04-05T10:00:00+02:00"),
        # 2028: Kristi himmelfartsdag Thursday 25 May. Opened Wed 24 May 10:00: Fri 26 (1),
        # Mon 29 (2), Tue 30 (3), Wed 31 (4), Thu 1 June (5) → 10:00 on 1 June 2028.
        ("2028-05-24T10:00:00+02:00", "2028-06-01T10:00:00+02:00"),
        # 2028: grundlovsdag Monday 5 June (the contract's own addition; 2. pinsedag falls on it
        # too). Opened Thu 1 June: Fri 2 (1), Tue 6 (2), Wed 7 (3), Thu 8 (4), Fri 9 (5).
        ("2028-06-01T10:00:00+02:00", "2028-06-09T10:00:00+02:00"),
        # 2027: 24 December (the contract's addition) is a Friday; juledag and 2. juledag are
        # the weekend. Opened Wed 22 Dec 10:00 CET: Thu 23 (1), [Fri 24, Sat 25, Sun 26],
        # Mon 27 (2), Tue 28 (3), Wed 29 (4), Thu 30 (5) → 10:00 on 30 December 2027.
        ("2027-12-22T10:00:00+01:00", "2027-12-30T10:00:00+01:00"),
    ],
)
def test_kategori3_five_arbejdsdage_in_later_years_of_the_term(
    rules: slarules.Ruleset, opened: str, due: str
) -> None:
    assert rules.deadlines("incident", "kategori3", opened)["løsning"] == instant(due)


# ---- a ticket opened in one month and breached in the next ---------------------------------


def test_an_overskridelse_in_february_of_a_january_incident_is_januarys(
    rules: slarules.Ruleset,
) -> None:
    # Kategori 1 reported Saturday 31 January 2026 23:00 (desk closed): reaktion from Monday
    # 2 February 08:00, due 08:30; answered 09:00 → an overskridelse, 10 bodspoint. The løsning
    # clock starts at 08:00 too: due 12:00, resolved 11:00, met. Every score counts a ticket in
    # the month of its report (docs/language.md §3, clock semantics 7: "A ticket counts in the
    # period that contains its `opened` time"), so the bod is måned:1's (servicemål 50) and
    # February keeps 60.
    events = incident(
        "J", "kategori1", at("2026-01-31 23:00"),
        (at("2026-02-02 09:00"), "responded"), (at("2026-02-02 11:00"), "resolved"),
    )  # fmt: skip
    report = replay(rules, events, at("2026-02-27 12:00"))
    assert instant(target(report, "J", "reaktion")["deadline"]) == instant(
        "2026-02-02T08:30:00+01:00"
    )
    assert (servicemaal(report, "måned:1"), servicemaal(report, "måned:2")) == ("50", "60")


# ---- service hours whose boundary lies in the gap or the fold (docs/calendar.md) -----------
# "If a schedule boundary falls inside the skipped hour (02:30 on 29 March in Berlin does not
# exist), it moves to the end of the gap (03:00). In the repeated hour in autumn, a boundary is
# its first occurrence."

NIGHT = """
ruleset "audit-dst-night" { timezone "Europe/Copenhagen" }
calendar nat { hours "daily 02:30-04:00" days none }
sla batch { calendar nat  metric respond from opened to responded  tier a { respond 1h } }
"""


@pytest.mark.parametrize(
    ("opened", "due"),
    [
        # 29 March 2026: 02:30 does not exist; the window opens at 03:00 CEST (01:00Z) and
        # closes 04:00 CEST: 1 h of service time. Opened Saturday 23:00 → due 04:00 CEST.
        ("2026-03-28T23:00:00+01:00", "2026-03-29T04:00:00+02:00"),
        # 25 October 2026: the window opens at the first 02:30 (CEST, 00:30Z) and closes at
        # 04:00 CET (03:00Z): 2 h 30 min. Opened Saturday 23:00 → 1 h after 00:30Z is 01:30Z,
        # the second 02:30 (CET).
        ("2026-10-24T23:00:00+02:00", "2026-10-25T02:30:00+01:00"),
        # An ordinary night: 02:30 – 03:30.
        ("2026-03-27T23:00:00+01:00", "2026-03-28T03:30:00+01:00"),
    ],
)
def test_service_hours_in_the_gap_and_the_fold(opened: str, due: str) -> None:
    rules = slarules.loads(NIGHT)
    assert rules.deadlines("batch", "a", opened)["respond"] == instant(due)


# ---- property: "5 Arbejdsdage" keeps the wall-clock time across any change ------------------

_EXTRA = {
    date(y, m, d) for y in (2026, 2027, 2028) for m, d in ((6, 5), (12, 24), (12, 31))
}  # the contract's additions: grundlovsdag, 24 and 31 December


def _arbejdsdag(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.DK(years=day.year) and day not in _EXTRA


@settings(max_examples=40, deadline=None)
@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 15)),
    st.integers(min_value=8 * 60, max_value=16 * 60 - 1),
)
def test_kategori3_deadline_is_the_same_local_time_five_arbejdsdage_later(
    day: date, minute: int
) -> None:
    # `counting plain`: "the same time of day on the N-th Arbejdsdag after the day of the
    # event". For an incident reported on an Arbejdsdag while the desk is open (the clock
    # starts at once), the deadline is on an Arbejdsdag, at the same Copenhagen wall-clock
    # time, with exactly 4 Arbejdsdage strictly between — whatever summer time does between.
    if not _arbejdsdag(day):
        return
    rules = slarules.load(ROOT / "rulesets" / "dk-itdrift-2026.sla")
    opened = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=CPH)
    due = rules.deadlines("incident", "kategori3", opened)["løsning"].astimezone(CPH)
    assert due.time() == opened.time()
    assert _arbejdsdag(due.date())
    between = [
        day + timedelta(days=k)
        for k in range(1, (due.date() - day).days)
        if _arbejdsdag(day + timedelta(days=k))
    ]
    assert len(between) == 4, (opened, due)
