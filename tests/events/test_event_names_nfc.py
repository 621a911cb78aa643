"""Names in an event log are read in Unicode NFC, as the rule file's names are (issue 11:
"NFC-equal names (U+F90A vs 金) are two different kinds"). U+F90A is a CJK compatibility
ideograph whose canonical decomposition is U+91D1 金: a log written by a system that keeps
the compatibility form must still name the kind the rule file declares."""

from __future__ import annotations

import json
import unicodedata

import slarules

RULES = """
ruleset "nfc" { timezone "Asia/Shanghai" }
period 月 = month
kind 金额差错
scorecard 考核 per 月 {
  item 准确 max 10 { deduct 2 per occurrence of 金额差错 }
}
"""

COMPAT = "\uf90a"  # 金 in its compatibility form


def test_the_compatibility_form_is_a_different_string_but_the_same_name() -> None:
    assert COMPAT != "金" and unicodedata.normalize("NFC", COMPAT) == "金"


def test_an_occurrence_named_in_the_compatibility_form_counts_for_the_declared_kind() -> None:
    # "deduct 2 per occurrence of 金额差错": two occurrences, one written with U+F90A,
    # one with 金 → 10 − 2 × 2 = 6.
    events = [
        {"at": "2026-03-02T09:00:00+08:00", "type": "occurrence", "kind": COMPAT + "额差错"},
        {"at": "2026-03-03T09:00:00+08:00", "type": "occurrence", "kind": "金额差错"},
    ]
    report = slarules.loads(RULES, "nfc.sla").replay(events, as_of="2026-03-31T00:00:00+08:00")
    data = json.loads(report.to_json())
    (period,) = [p for p in data["periods"] if p["period"] == "2026-03"]
    (item,) = period["scorecards"][0]["items"]
    assert str(item["score"]) == "6"


def test_ticket_ids_are_kept_as_written() -> None:
    # A ticket id is another system's identifier: it is not normalised.
    rules = RULES.replace(
        "period 月 = month",
        'period 月 = month\ncalendar 全天 { hours "24x7" }\n'
        "sla 故障 { calendar 全天 metric respond from opened to responded "
        "tier 一般 { respond 30分钟 } }",
    )
    ticket = "T-" + COMPAT
    events = [
        {"at": "2026-03-02T09:00:00+08:00", "type": "opened", "ticket": ticket,
         "sla": "故障", "tier": "一般"},
        {"at": "2026-03-02T09:10:00+08:00", "type": "responded", "ticket": ticket},
    ]  # fmt: skip
    report = slarules.loads(rules, "nfc.sla").replay(events, as_of="2026-03-31T00:00:00+08:00")
    data = json.loads(report.to_json())
    assert [t["ticket"] for t in data["tickets"]] == [ticket]
