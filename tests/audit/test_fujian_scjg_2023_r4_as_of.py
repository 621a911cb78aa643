"""Audit R4, fujian-scjg-2023: the report as of every boundary of a month and of the term —
the last second of a month, its 24:00, the first second of the next, the day the
purchaser's form arrives, the term's last second, its end, and after it. A line that is
final never changes at a later as-of; a pending line says what it waits for.

Contract (shared/contracts/fujian-scjg-2023.txt): "成交人在服务期内每个月需根据采购人制定的
运维服务考核表（百分制）接受运维情况考核。若有出现月考核分数低于80分…采购人有权不予支付当月的
金额（合同总金额/12*（100-当月考核分数）%）"

By hand, contract total 120000.00 → each month 10000.00. The March form (79.5) arrives on
3 April, naming its month ("period": "服务月:1"), as a purchaser's form does after the month:
March withholds 10000 × (100 − 79.5)% = 2050.00 and pays 7950.00. April's form (90) on
28 April withholds nothing. The other months have no form in this log.
"""

from __future__ import annotations

from typing import Any

import pytest

SCJG = "fujian-scjg-2023"
AS_OF = [
    "2023-03-31T23:59:59+08:00",  # the last second of March (服务月:1)
    "2023-04-01T00:00:00+08:00",  # March 31 24:00
    "2023-04-01T00:00:01+08:00",  # the first second of 服务月:2
    "2023-04-03T10:00:00+08:00",  # March's form arrives
    "2023-04-30T23:59:59+08:00",
    "2023-05-01T00:00:00+08:00",
    "2024-02-29T23:59:59+08:00",  # the term's last second (服务月:12 is February 2024)
    "2024-03-01T00:00:00+08:00",  # the term's end
    "2025-01-01T00:00:00+08:00",  # long after
]


def _events(kit: Any) -> list[dict[str, Any]]:
    return [
        kit.ev("2023-03-01 09:00", "milestone", name="signed"),
        kit.ev("2023-03-08 09:00", "delivered", deliverable="实施计划和运维方案"),
        kit.ev("2023-04-03 10:00", "score", scorecard="运维服务考核", score="79.5",
               period="服务月:1"),
        kit.ev("2023-04-28 17:00", "score", scorecard="运维服务考核", score=90),
    ]  # fmt: skip


def _replay(kit: Any, as_of: str) -> dict[str, Any]:
    report = kit.ruleset(SCJG).replay(
        _events(kit), as_of=as_of, params={"contract_total": "120000"}
    )
    import json

    data: dict[str, Any] = json.loads(report.to_json())
    return data


@pytest.fixture(scope="module")
def reports(kit: Any) -> list[dict[str, Any]]:
    return [_replay(kit, t) for t in AS_OF]


def test_a_final_line_never_changes_at_a_later_as_of(reports: list[dict[str, Any]]) -> None:
    seen: dict[tuple[str, str, int], dict[str, Any]] = {}
    for t, report in zip(AS_OF, reports, strict=True):
        for p in report["periods"]:
            for k, line in enumerate(p["payment"]["lines"]):
                key = (p["period"], line["kind"], k)
                if key in seen:
                    assert line == seen[key], f"{key} changed at {t}"
                elif line["status"] == "final":
                    seen[key] = line
                elif line["status"] == "provisional":  # its month still runs at t
                    assert line["amount"] is not None, (key, t)
                else:
                    assert line["amount"] is None and line["waiting_for"], (key, t)


def test_march_waits_for_its_form_and_then_pays_7950(reports: list[dict[str, Any]]) -> None:
    by_time = dict(zip(AS_OF, reports, strict=True))

    def march(t: str) -> dict[str, Any]:
        return next(p for p in by_time[t]["periods"] if p["period"] == "服务月:1")

    for t in AS_OF[:3]:
        pay = march(t)["payment"]
        assert pay["lines"][0]["amount"] == "10000.00", t  # the base is known at once
        assert pay["payable"] is None and pay["status"] == "pending", t
        assert any("运维服务考核" in w for w in pay["waiting_for"]), (t, pay["waiting_for"])
    assert march(AS_OF[0])["ended"] is False and march(AS_OF[1])["ended"] is True
    for t in AS_OF[3:]:
        pay = march(t)["payment"]
        assert (pay["payable"], pay["status"]) == ("7950.00", "final"), t
        assert pay["lines"][1]["amount"] == "-2050.00"


def test_the_term_has_twelve_months_at_its_end_and_after(
    reports: list[dict[str, Any]],
) -> None:
    by_time = dict(zip(AS_OF, reports, strict=True))
    for t in AS_OF[-3:]:
        labels = [p["period"] for p in by_time[t]["periods"]]
        assert labels == [f"服务月:{k}" for k in range(1, 13)], t
    last = next(p for p in by_time[AS_OF[-3]]["periods"] if p["period"] == "服务月:12")
    end = next(p for p in by_time[AS_OF[-2]]["periods"] if p["period"] == "服务月:12")
    assert last["ended"] is False and end["ended"] is True
    # Months without a form wait for it, however late the as-of: nothing is paid on a guess.
    after = next(p for p in by_time[AS_OF[-1]]["periods"] if p["period"] == "服务月:3")
    assert after["payment"]["status"] == "pending" and after["payment"]["waiting_for"]
