"""Independent audit scenarios for the contract term (issue 10, item 2; SPEC §2), written from
the contract text by the project lead, separately from the engineer who built the construct.
Expected values are worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

SCJG = "fujian-scjg-2023"
GXT = "fujian-gxt-2026"


def test_scjg_has_twelve_months_whose_bases_are_the_contract_total(kit: Any) -> None:
    # "本项目服务期为自合同签订之日起1年" and "当月的金额（合同总金额/12": start 2023-03-01
    # (the documented default), so twelve service months 2023-03-01 … 2024-02-29, each with
    # a base of 360000 / 12 = 30000.00; twelve of them are 360000.00, the contract total. A
    # score logged on 2024-03-05, after the year, is outside the contract: no 13th month.
    events = [
        kit.ev(f"{2023 + (m + 2) // 12}-{(m + 2) % 12 + 1:02d}-20 10:00", "score",
               scorecard="运维服务考核", score=100)
        for m in range(12)
    ] + [kit.ev("2024-03-05 10:00", "score", scorecard="运维服务考核", score=70)]  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2024-03-31 00:00")
    labels = [p["period"] for p in report["periods"]]
    assert labels == [f"服务月:{n}" for n in range(1, 13)]
    bases = [kit.line(p, "base")["amount"] for p in report["periods"]]
    assert bases == ["30000.00"] * 12
    assert sum(Decimal(b) for b in bases) == Decimal("360000.00")
    assert report["outside_term"], "the score after the term must be reported, not dropped"


def test_gxt_evidence_after_the_two_cycles_pays_no_third_share(kit: Any) -> None:
    # "2026—2027年": two 12-month 服务周期 from 2026-01-01, each attributed 1000000 / 2 =
    # 500000.00. An occurrence on 2028-01-10 lies after the term: it makes no 服务周期:3.
    events = [kit.ev("2028-01-10 10:00", "occurrence", kind="未完成服务事项")]
    report = kit.replay(GXT, events, as_of="2028-02-01 00:00")
    labels = [p["period"] for p in report["periods"]]
    assert "服务周期:3" not in labels
    assert set(labels) <= {"服务周期:1", "服务周期:2"}
    assert report["outside_term"]
