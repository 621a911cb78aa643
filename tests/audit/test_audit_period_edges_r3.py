"""Audit round 3: period boundaries at 00:00 local time, the instant before, events written in
another offset, the term's first and last (partial) periods, tickets that straddle periods,
and rates exactly at a threshold.

Terms, from the rule files (each a cycle from `start`, Civil Code art. 202: a cycle ends on the
day before the corresponding date, at 24:00 local time):
- guangxi-gat-2024: 考核周期 = 12 months from 2024-09-02 for 2: :1 is 2024-09-02 – 2025-09-01;
- sichuan-sthjt-2025: 服务季度 = 3 months from 2025-06-01 through 结束日 (2026-05-31):
  :1 06-01 – 08-31, :2 09-01 – 11-30, :3 12-01 – 02-28, :4 03-01 – 05-31;
- fujian-scjg-2023: 服务月 = 1 month from 2023-03-01 for 12: :12 is 2024-02-01 – 2024-02-29
  (a leap year), the term ends 2024-03-01 00:00;
- fujian-slt-2024: 服务年 = 12 months from 2024-07-01 for 1: the term ends 2025-07-01 00:00.
Every expected number is worked out by hand from the clause quoted beside it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest


def item_score(kit: Any, report: dict[str, Any], label: str, card: str, item: str) -> str:
    return str(kit.item(kit.card(kit.period(report, label), card), item)["score"])


# ---- sichuan: "响应时间为30分钟 … 未及时响应 … 每次扣2分" (服务响应 max 6), per 服务季度


@pytest.mark.parametrize(
    ("opened", "quarter", "other"),
    [
        # 23:59 on 31 Aug, local: the last minute of 服务季度:1.
        ("2025-08-31T23:59:00+08:00", "服务季度:1", "服务季度:2"),
        # 00:00 on 1 Sep, local: the first instant of 服务季度:2.
        ("2025-09-01T00:00:00+08:00", "服务季度:2", "服务季度:1"),
        # Written in UTC: 2025-08-31T16:00Z is 00:00 on 1 Sep in China → 服务季度:2.
        ("2025-08-31T16:00:00Z", "服务季度:2", "服务季度:1"),
        # 2025-08-31T15:59:59Z is 23:59:59 on 31 Aug in China → 服务季度:1.
        ("2025-08-31T15:59:59Z", "服务季度:1", "服务季度:2"),
    ],
)
def test_sichuan_a_late_response_counts_in_the_local_quarter(
    kit: Any, opened: str, quarter: str, other: str
) -> None:
    # One 故障 answered 2 hours after it was opened (30 min allowed): one breach, 6 − 2 = 4 in
    # the quarter that contains `opened`; the other quarter keeps 6. Restored in 40 minutes.
    from datetime import datetime, timedelta

    t0 = datetime.fromisoformat(opened)
    events = [
        {"at": opened, "type": "opened", "ticket": "Q", "sla": "故障", "tier": "故障"},
        {"at": (t0 + timedelta(hours=2)).isoformat(), "type": "responded", "ticket": "Q"},
        {"at": (t0 + timedelta(minutes=40)).isoformat(), "type": "restored", "ticket": "Q"},
        {"at": (t0 + timedelta(hours=3)).isoformat(), "type": "reported", "ticket": "Q"},
    ]
    events.sort(key=lambda e: datetime.fromisoformat(e["at"]))
    report = kit.replay("sichuan-sthjt-2025", events, as_of="2025-12-01 00:00")
    assert item_score(kit, report, quarter, "季度考核", "服务响应") == "4"
    assert item_score(kit, report, other, "季度考核", "服务响应") == "6"
    # The year's 最终考核 (服务年:1) holds it whichever quarter it is in.
    assert item_score(kit, report, "服务年:1", "最终考核", "服务响应") == "4"


def test_sichuan_a_shortened_term_cuts_the_last_quarter(kit: Any) -> None:
    # With 结束日 = 2026-04-30 ("through"), the term ends 2026-05-01 00:00 and 服务季度:4 is
    # 2026-03-01 – 2026-04-30. A late response opened 2026-04-30 23:50 counts there (6 − 2 = 4);
    # one opened 2026-05-01 00:10 is after the term: in no period, listed under outside_term.
    events = [
        *kit.ticket("IN", "故障", "故障", "2026-04-30 23:50", ("2026-05-01 01:50", "responded"),
                    ("2026-05-01 00:20", "restored"), ("2026-05-01 08:00", "reported")),
        *kit.ticket("OUT", "故障", "故障", "2026-05-01 00:10", ("2026-05-01 02:10", "responded"),
                    ("2026-05-01 00:30", "restored"), ("2026-05-01 08:00", "reported")),
    ]  # fmt: skip
    events.sort(key=lambda e: e["at"])
    report = kit.replay(
        "sichuan-sthjt-2025", events, as_of="2026-05-10 00:00", params={"结束日": "2026-04-30"}
    )
    last = kit.period(report, "服务季度:4")
    assert (last["start"][:10], last["end"][:10]) == ("2026-03-01", "2026-05-01")
    assert item_score(kit, report, "服务季度:4", "季度考核", "服务响应") == "4"
    assert "服务季度:5" not in [p["period"] for p in report["periods"]]
    assert any("OUT" in json_text(x) for x in report["outside_term"])


def json_text(x: Any) -> str:
    import json

    return json.dumps(x, ensure_ascii=False)


# ---- guangxi: 考核周期 edges ------------------------------------------------------------------


def test_guangxi_cycle_edge_2025_09_02_local_and_utc(kit: Any) -> None:
    # 考核周期:1 ends 2025-09-02 00:00 China time = 2025-09-01T16:00Z. Two 重大事故-free facts are
    # not needed here: the count of 失泄密事件 ("发生失泄密事件即终止合同") flags the cycle that
    # holds it. One at 2025-09-01T15:59Z (23:59 local, 1 Sep) → 考核周期:1; none in :2.
    # (Cycle :2 is reported because as_of falls in it.)
    events = [{"at": "2025-09-01T15:59:00Z", "type": "occurrence", "kind": "失泄密事件"}]
    report = kit.replay("guangxi-gat-2024", events, as_of="2025-10-01 00:00")
    assert "终止合同" in kit.flags(kit.period(report, "考核周期:1"))
    assert "终止合同" not in kit.flags(kit.period(report, "考核周期:2"))
    events = [{"at": "2025-09-01T16:00:00Z", "type": "occurrence", "kind": "失泄密事件"}]
    report = kit.replay("guangxi-gat-2024", events, as_of="2025-10-01 00:00")
    assert "终止合同" not in kit.flags(kit.period(report, "考核周期:1"))
    assert "终止合同" in kit.flags(kit.period(report, "考核周期:2"))


# ---- scjg: the term's last month, 2024-02 (leap year) ---------------------------------------


def test_scjg_the_last_month_ends_with_29_february_2024(kit: Any) -> None:
    # 服务月:12 is 2024-02-01 – 2024-02-29; the term ends 2024-03-01 00:00. A 严重安全保密事故 on
    # 29 Feb 23:59 costs that month "不予支付当月的金额" and is flagged 违约金请求权; one on
    # 1 Mar 00:00 is after the term and counts in no month.
    events = [{"at": "2024-02-29T23:59:00+08:00", "type": "occurrence", "kind": "严重安全保密事故"}]
    report = kit.replay("fujian-scjg-2023", events, as_of="2024-03-10 00:00")
    last = kit.period(report, "服务月:12")
    assert (last["start"][:10], last["end"][:10]) == ("2024-02-01", "2024-03-01")
    assert "违约金请求权" in kit.flags(last)
    events = [{"at": "2024-03-01T00:00:00+08:00", "type": "occurrence", "kind": "严重安全保密事故"}]
    report = kit.replay("fujian-scjg-2023", events, as_of="2024-03-10 00:00")
    assert "违约金请求权" not in kit.flags(kit.period(report, "服务月:12"))
    assert report["outside_term"], "the event after the term is listed"


# ---- cn-zwyw: tickets that straddle months; the rate at its threshold -----------------------


def test_cn_zwyw_an_april_ticket_still_open_in_may_costs_april(kit: Any) -> None:
    # 二级 opened Fri 2025-04-25 10:00: 3 workdays 04-27 (Sun, worked before 劳动节), 04-28,
    # 04-29 → due 04-29 24:00. Not resolved by as_of Wed 05-07 12:00. Started workdays late:
    # 04-30 (1), [05-01 – 05-05 劳动节], 05-06 (2), 05-07 from 08:30 (3): 0.5 + 0.5 + 1 = 2 —
    # charged to April, the month it was opened in ("A ticket counts in the window containing
    # its opened"); May has no lateness. 工单处理时效: April 40 − 2 = 38, May 40.
    events = kit.ticket("S", "工单", "二级", "2025-04-25 10:00", ("2025-04-25 10:30", "responded"))
    report = kit.replay("cn-zwyw-2025", events, as_of="2025-05-07 12:00")
    april = kit.period(report, "2025-04")
    measure = next(x for x in april["measures"] if x["name"] == "处理延误扣分")
    assert measure["value"] == "2"
    assert "still open at" in measure["inputs"][0]
    assert kit.item(kit.card(april, "月度考核"), "工单处理时效")["score"] == "38"
    may = kit.period(report, "2025-05")
    assert kit.item(kit.card(may, "月度考核"), "工单处理时效")["score"] == "40"


def _responses(kit: Any, in_time: int, late: int) -> list[dict[str, Any]]:
    """三级 tickets opened on workdays of June 2025 at 09:00, answered in 1 hour (in time,
    4 hours allowed) or the next day (late), all resolved the same day."""
    days = [f"2025-06-{d:02d}" for d in (3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20,
                                         23, 24, 25, 26, 27)]  # fmt: skip
    events: list[dict[str, Any]] = []
    for n in range(in_time + late):
        day = days[n % len(days)]
        answered = f"{day} 10:00" if n < in_time else f"{day} 16:00"
        events += kit.ticket(f"T{n}", "工单", "三级", f"{day} 09:00", (answered, "responded"),
                             (f"{day} 17:00", "resolved"))  # fmt: skip
    return sorted(events, key=lambda e: e["at"])


@pytest.mark.parametrize(
    ("in_time", "late", "score"),
    [
        # "响应及时率不低于95%，每降低1个百分点扣0.5分": 19 of 20 = 95% exactly → nothing: 30.
        (19, 1, Decimal(30)),
        # 18 of 19 = 94.7368…% → (95 − 1800/19) = 5/19 points below → × 0.5 = 5/38 = 0.1315…:
        # 30 − 5/38 = 29.868421… (the report rounds the item's score; compare to 2 places).
        (18, 1, Decimal(30) - Decimal(5) / Decimal(38)),
        # No ticket at all: "if no tickets 100%" (the clause is silent) → 30.
        (0, 0, Decimal(30)),
    ],
)
def test_cn_zwyw_response_rate_at_the_threshold(
    kit: Any, in_time: int, late: int, score: Decimal
) -> None:
    # A 三级 response "4小时内响应": 09:00 → 13:00 + 2h lunch = 15:00 (12:00–14:00 is no
    # working time): answered 16:00 is late, 10:00 in time.
    report = kit.replay("cn-zwyw-2025", _responses(kit, in_time, late), as_of="2025-06-30 18:00")
    june = kit.period(report, "2025-06")
    got = Decimal(kit.item(kit.card(june, "月度考核"), "工单响应")["score"])
    assert abs(got - score) < Decimal("0.01"), (got, score)


# ---- sichuan: "运维期满半年后，一周内提供半年运维总结报告 … 未按时提交每次扣2分"


@pytest.mark.parametrize(
    ("delivered", "score"),
    [
        # The half year from 2025-06-01 ends with 2025-11-30; "一周内", 7 days per the Civil
        # Code: 12-01 … 12-07; 12-07 is a Sunday, a rest day (art. 203), so the period ends on
        # Monday 12-08 at 24:00. Delivered 12-08 23:00: on time, 过程文档 10.
        ("2025-12-08 23:00", "10"),
        # 12-09 00:30: late → "每次扣2分": 10 − 2 = 8 in 服务季度:3 (12-01 – 02-28), which holds
        # the due time.
        ("2025-12-09 00:30", "8"),
    ],
)
def test_sichuan_half_year_report_due_monday_8_december(
    kit: Any, delivered: str, score: str
) -> None:
    events = [kit.ev(delivered, "delivered", deliverable="半年运维总结报告")]
    report = kit.replay("sichuan-sthjt-2025", events, as_of="2025-12-31 00:00")
    assert item_score(kit, report, "服务季度:3", "季度考核", "过程文档") == score
