"""Audit round 3: State Council holidays and 调休 make-up workdays in every year of every
Chinese term, counted per the Civil Code (art. 201: the first day is not counted; art. 203:
the period ends at 24:00 of its last day).

The schedules used below, from the State Council notices (国务院办公厅关于…部分节假日安排的通知):
- 2023: 劳动节 04-29 – 05-03 off, 04-23 (Sun) and 05-06 (Sat) worked; 中秋国庆 09-29 – 10-06
  off, 10-07 (Sat) and 10-08 (Sun) worked.
- 2024: 春节 02-10 – 02-17 off, 02-04 (Sun) and 02-18 (Sun) worked; 中秋 09-15 – 09-17 off,
  09-14 (Sat) worked; 国庆 10-01 – 10-07 off, 09-29 (Sun) and 10-12 (Sat) worked.
- 2025: 春节 01-28 – 02-04 off, 01-26 (Sun) and 02-08 (Sat) worked; 国庆中秋 10-01 – 10-08
  off, 09-28 (Sun) and 10-11 (Sat) worked.
- 2026: 元旦 01-01 – 01-03 off, 01-04 (Sun) worked; 春节 02-15 – 02-23 off, 02-14 (Sat) and
  02-28 (Sat) worked; 国庆 10-01 – 10-07 off, 09-20 (Sun) and 10-10 (Sat) worked.
- 2027: not published when this was written: provisional (docs/calendar.md §11).

Terms: fujian-scjg 2023-03-01 – 2024-02-29; fujian-slt 2024-07-01 – 2025-06-30; guangxi
2024-09-02 – 2026-09-01; sichuan 2025-06-01 – 2026-05-31; fujian-gxt 2026 – 2027;
cn-zwyw calendar months (no term). Every expected deadline is worked out by hand.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import slarules

ROOT = Path(__file__).resolve().parents[2]


def cn(stamp: str) -> str:
    """``2025-09-26 15:00`` → China time."""
    day, time = stamp.split(" ")
    return f"{day}T{time}:00+08:00"


def replay(name: str, events: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    rules = slarules.load(ROOT / "rulesets" / f"{name}.sla")
    report = rules.replay(sorted(events, key=lambda e: e["at"]), as_of=cn(as_of))
    data: dict[str, Any] = json.loads(report.to_json())
    return data


def lines(report: dict[str, Any], rule: str) -> list[tuple[str, dict[str, Any]]]:
    """Every scorecard line whose rule is ``rule``, with its period (items of assessors'
    sheets included)."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any, period: str) -> None:
        if isinstance(node, dict):
            for line in node.get("lines") or ():
                if line["rule"] == rule:
                    found.append((period, line))
            for key, value in node.items():
                if key != "lines":
                    walk(value, period)
        elif isinstance(node, list):
            for value in node:
                walk(value, period)

    for p in report["periods"]:
        walk(p["scorecards"], p["period"])
    return found


def target(report: dict[str, Any], ticket: str, metric: str) -> dict[str, Any]:
    t = next(t for t in report["tickets"] if t["ticket"] == ticket)
    found: dict[str, Any] = next(x for x in t["targets"] if x["metric"] == metric)
    return found


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


# ---- cn-zwyw-2025: "1个工作日 / 3个工作日 / 5个工作日内处理完毕" -------------------------------

ZWYW_DEADLINES = [
    # 2025 春节: 一级 opened Fri 01-24 10:00; 01-25 (Sat) is off, 01-26 (Sun) is worked: the
    # 1st workday → due 01-26 24:00.
    ("一级", "2025-01-24 10:00", "2025-01-27T00:00:00+08:00"),
    # 2025 国庆: 二级 opened Fri 09-26: 09-28 (Sun, worked) 1, 09-29 2, 09-30 3 → 09-30 24:00.
    ("二级", "2025-09-26 10:00", "2025-10-01T00:00:00+08:00"),
    # 2025 after 国庆: 一级 opened Thu 10-09: Fri 10-10 → 10-10 24:00 (10-11 Sat worked is the
    # 2nd, not needed).
    ("一级", "2025-10-09 10:00", "2025-10-11T00:00:00+08:00"),
    # 2026 元旦: 一级 opened Wed 2025-12-31: 01-01 – 01-03 off, 01-04 (Sun) worked → 01-04 24:00.
    ("一级", "2025-12-31 10:00", "2026-01-05T00:00:00+08:00"),
    # 2026 春节: 三级 opened Thu 02-12: 02-13 1, 02-14 (Sat, worked) 2, 02-15 – 02-23 off,
    # 02-24 3, 02-25 4, 02-26 5 → 02-26 24:00.
    ("三级", "2026-02-12 10:00", "2026-02-27T00:00:00+08:00"),
    # 2026 国庆: 二级 opened Fri 09-18: 09-20 (Sun, worked) 1, 09-21 2, 09-22 3 → 09-22 24:00.
    ("二级", "2026-09-18 10:00", "2026-09-23T00:00:00+08:00"),
    # 2026 after 国庆: 二级 opened Thu 10-08: 10-09 1, 10-10 (Sat, worked) 2, 10-12 3 → 10-12 24:00.
    ("二级", "2026-10-08 10:00", "2026-10-13T00:00:00+08:00"),
]


@pytest.mark.parametrize(
    ("opened", "due"),
    [
        # "一级：30分钟内响应" in 工作时间 (08:30-12:00, 14:00-17:30): opened Sat 2025-09-27 10:00
        # (not worked) → the clock starts on the make-up Sunday 09-28 at 08:30 → 09:00.
        ("2025-09-27 10:00", "2025-09-28T09:00:00+08:00"),
        # Opened Tue 2025-09-30 17:20: 10 min to 17:30; 10-01 – 10-08 off; the next workday is
        # Thu 10-09 (the make-up Saturday 10-11 comes later): 20 min from 08:30 → 08:50.
        ("2025-09-30 17:20", "2025-10-09T08:50:00+08:00"),
        # Opened Fri 2026-01-02 (元旦 holiday) 09:00 → Sun 01-04 (worked) from 08:30 → 09:00.
        ("2026-01-02 09:00", "2026-01-04T09:00:00+08:00"),
    ],
)
def test_cn_zwyw_respond_clock_starts_on_make_up_days(opened: str, due: str) -> None:
    rules = slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")
    assert rules.deadlines("工单", "一级", cn(opened))["respond"] == instant(due)


@pytest.mark.parametrize(("tier", "opened", "due"), ZWYW_DEADLINES)
def test_cn_zwyw_resolve_deadline_counts_make_up_workdays(tier: str, opened: str, due: str) -> None:
    rules = slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")
    assert rules.deadlines("工单", tier, cn(opened))["resolve"] == instant(due)


def test_cn_zwyw_lateness_started_workdays_across_spring_festival_2026() -> None:
    # 二级 opened Mon 2026-02-09 10:00: 3 workdays 02-10, 02-11, 02-12 → due 02-12 24:00.
    # Resolved Wed 02-25 10:00. Started workdays late ("每延误一个工作日"): Fri 02-13 (1), Sat
    # 02-14, a make-up workday (2), [02-15 – 02-23 春节], Tue 02-24 (3), Wed 02-25 — 08:30 to
    # 10:00 is working time — (4). "每延误一个工作日扣0.5分，超过3个工作日以上（含3个工作日）每个
    # 工作日扣1分": 0.5 + 0.5 + 1 + 1 = 3 → 工单处理时效 40 − 3 = 37 (in 2026-02, the month
    # it was opened in). Responded in 1h (二级 2h): met.
    events = [
        {"at": cn("2026-02-09 10:00"), "type": "opened", "ticket": "L", "sla": "工单",
         "tier": "二级"},
        {"at": cn("2026-02-09 11:00"), "type": "responded", "ticket": "L"},
        {"at": cn("2026-02-25 10:00"), "type": "resolved", "ticket": "L"},
    ]  # fmt: skip
    report = replay("cn-zwyw-2025", events, "2026-02-28 18:00")
    assert instant(target(report, "L", "resolve")["deadline"]) == instant(
        "2026-02-13T00:00:00+08:00"
    )
    month = next(p for p in report["periods"] if p["period"] == "2026-02")
    measure = next(x for x in month["measures"] if x["name"] == "处理延误扣分")
    assert measure["value"] == "3"
    card = month["scorecards"][0]
    assert next(i for i in card["items"] if i["name"] == "工单处理时效")["score"] == "37"


def test_cn_zwyw_a_2027_ticket_is_reported_on_provisional_days() -> None:
    # A 一级 ticket opened in 2027: its workdays come from computed holidays with no make-up
    # workdays (not yet published); the report must say 2027 is provisional.
    events = [
        {"at": cn("2027-02-03 10:00"), "type": "opened", "ticket": "P", "sla": "工单",
         "tier": "一级"},
        {"at": cn("2027-02-03 10:10"), "type": "responded", "ticket": "P"},
        {"at": cn("2027-02-03 16:00"), "type": "resolved", "ticket": "P"},
    ]  # fmt: skip
    rules = slarules.load(ROOT / "rulesets" / "cn-zwyw-2025.sla")
    report = rules.replay(events, as_of=cn("2027-02-28 18:00"))
    data = json.loads(report.to_json())
    assert data["inputs"]["calendar_data"]["provisional_years"] == [2027]
    assert "provisional years: 2027" in report.to_text()


# ---- fujian-scjg-2023: "1个工作日内…解决故障", "故障处理结束后2个工作日内，提交《故障报告》"

SCJG_DEADLINES = [
    # 2023 劳动节: opened Fri 04-28 10:00; 04-29 – 05-03 off → Thu 05-04 is the 1st → 24:00.
    ("2023-04-28 10:00", "resolve", "2023-05-05T00:00:00+08:00"),
    # 2024 春节: opened Fri 02-09 10:00; 02-10 – 02-17 off, 02-18 (Sun) worked → 02-18 24:00.
    ("2024-02-09 10:00", "resolve", "2024-02-19T00:00:00+08:00"),
    # 2023 劳动节: opened Fri 05-05 10:00; Sat 05-06 is worked → the 1st workday: 05-06 24:00.
    ("2023-05-05 10:00", "resolve", "2023-05-07T00:00:00+08:00"),
    # 2023 中秋国庆: opened Thu 09-28 10:00; 09-29 – 10-06 off, Sat 10-07 worked → 10-07 24:00.
    ("2023-09-28 10:00", "resolve", "2023-10-08T00:00:00+08:00"),
    # "运维服务商应在30分钟内响应" on 服务时间 (08:00-12:00, 14:30-17:30): opened on the
    # make-up Sunday 2023-10-08 at 11:50 → 10 min to 12:00, 20 min from 14:30 → 14:50.
    ("2023-10-08 11:50", "respond", "2023-10-08T14:50:00+08:00"),
    # Opened on a Saturday that is not worked, 2023-10-14 10:00 → from Mon 10-16 08:00: 08:30.
    ("2023-10-14 10:00", "respond", "2023-10-16T08:30:00+08:00"),
]


@pytest.mark.parametrize(("opened", "metric", "due"), SCJG_DEADLINES)
def test_scjg_resolve_deadline_over_holidays(opened: str, metric: str, due: str) -> None:
    rules = slarules.load(ROOT / "rulesets" / "fujian-scjg-2023.sla")
    assert rules.deadlines("故障", "故障", cn(opened))[metric] == instant(due)


def test_scjg_report_due_two_make_up_workdays_after_national_day_2023() -> None:
    # Resolved Thu 2023-09-28 16:00; 09-29 – 10-06 off; 10-07 (Sat) and 10-08 (Sun) are worked:
    # the 2 workdays are the weekend → report due 10-08 24:00. Reported Mon 10-09 09:00: late.
    # ("未按时提交" is the report target's breach; the ticket's respond and resolve are met.)
    events = [
        {"at": cn("2023-09-28 09:00"), "type": "opened", "ticket": "S", "sla": "故障",
         "tier": "故障"},
        {"at": cn("2023-09-28 09:10"), "type": "responded", "ticket": "S"},
        {"at": cn("2023-09-28 16:00"), "type": "resolved", "ticket": "S"},
        {"at": cn("2023-10-09 09:00"), "type": "reported", "ticket": "S"},
    ]  # fmt: skip
    report = replay("fujian-scjg-2023", events, "2023-10-31 18:00")
    report_target = target(report, "S", "report")
    assert instant(report_target["deadline"]) == instant("2023-10-09T00:00:00+08:00")
    assert report_target["status"] == "breached"


# ---- guangxi-gat-2024: "合同签订后10个工作日内 … 拟定合同履约清单", "每逾期1天扣0.2分"


def test_guangxi_list_due_on_the_make_up_saturday_2024_09_14() -> None:
    # Signed Mon 2024-09-02 10:00. Workdays after it: 09-03 … 09-06 (4), 09-09 … 09-13 (9),
    # Sat 09-14, worked before 中秋 (10) → due 2024-09-14 24:00. Delivered Tue 09-17 10:00
    # (中秋 09-15 – 09-17): 2 days 10 hours late → 3 started days ("每逾期1天") × 0.2 = 0.6.
    # Without the make-up Saturday the 10th workday would be Wed 09-18 and the list on time.
    events = [
        {"at": cn("2024-09-02 10:00"), "type": "milestone", "name": "signed"},
        {"at": cn("2024-09-17 10:00"), "type": "delivered", "deliverable": "合同履约清单"},
    ]
    report = replay("guangxi-gat-2024", events, "2024-12-31 18:00")
    found = [
        (period, line)
        for period, line in lines(report, "deduct 0.2 per day late of 合同履约清单")
        if line["count"] != "0"
    ]
    assert len(found) == 1, found
    period, line = found[0]
    assert period == "考核周期:1"
    assert line["points"] == "-0.6"
    assert "2024-09-14 24:00" in line["evidence"][0]


# ---- sichuan-sthjt-2025: "每次巡检报告在巡检后3个工作日内提交电子版 … 未按时提交每次扣2分"

SICHUAN = [
    # Inspected Fri 2025-09-26: 09-28 (Sun, worked) 1, 09-29 2, 09-30 3 → due 09-30 24:00.
    # Delivered Thu 10-09 09:00 (after 国庆中秋 10-01 – 10-08): late. Without the make-up Sunday
    # the 3rd workday would be 10-09 and the report on time.
    ("2025-09-26 15:00", "2025-10-09 09:00", "2025-09-30 24:00", "服务季度:2"),
    # Inspected Fri 2026-02-13: 02-14 (Sat, worked) 1, 02-15 – 02-23 off, 02-24 2, 02-25 3 →
    # due 02-25 24:00. Delivered Thu 02-26 09:00: late (without 02-14, due 02-26 24:00).
    ("2026-02-13 15:00", "2026-02-26 09:00", "2026-02-25 24:00", "服务季度:3"),
]


@pytest.mark.parametrize(("inspected", "delivered", "due", "quarter"), SICHUAN)
def test_sichuan_inspection_report_due_counts_make_up_days(
    inspected: str, delivered: str, due: str, quarter: str
) -> None:
    # Quarters from 2025-06-01: :2 is 09-01 – 11-30, :3 is 12-01 – 02-28. The late delivery
    # costs 2 points in the quarter of its due time.
    events = [
        {"at": cn(inspected), "type": "milestone", "name": "inspected"},
        {"at": cn(delivered), "type": "delivered", "deliverable": "巡检报告"},
    ]
    report = replay("sichuan-sthjt-2025", events, "2026-03-31 18:00")
    late = [
        (period, line)
        for period, line in lines(report, "deduct 2 per late delivery of 巡检报告")
        if line["count"] != "0" and period.startswith("服务季度")
    ]
    assert [(p, x["points"]) for p, x in late] == [(quarter, "-2")]
    assert f"= {due}" in late[0][1]["evidence"][0]


# ---- 2027 is provisional: every output that shows numbers built on it should say so --------
# The full text report and the JSON say so (above); so do the summary, the HTML and XLSX
# reports (their inputs), and `slarules deadline` (a note on stderr, `provisional_years` in
# its JSON).

GXT_RULES = ROOT / "rulesets" / "fujian-gxt-2026.sla"
GXT_EVENTS = ROOT / "rulesets" / "samples" / "fujian-gxt-2026.events.jsonl"
# fujian-gxt-2026's sample runs to 2028-01-05: its report covers the provisional 2027 (服务周期:2,
# whose workdays and 调休 are not yet published) and 2028.


def _gxt_report() -> Any:
    return slarules.load(GXT_RULES).replay(GXT_EVENTS)


def test_the_gxt_sample_report_lists_2027_as_provisional() -> None:
    report = _gxt_report()
    assert json.loads(report.to_json())["inputs"]["calendar_data"]["provisional_years"] == [
        2027, 2028,
    ]  # fmt: skip
    assert "provisional years: 2027, 2028" in report.to_text()


def test_the_summary_says_2027_is_provisional() -> None:
    assert "provisional" in _gxt_report().to_text(summary=True).lower()


def test_the_html_report_says_2027_is_provisional() -> None:
    from slarules.report.html import render_report_html

    html = render_report_html(_gxt_report())
    assert "provisional" in html.lower()


def test_the_xlsx_report_says_2027_is_provisional() -> None:
    import io
    import zipfile

    from slarules.report.xlsx import report_xlsx_bytes

    book = zipfile.ZipFile(io.BytesIO(report_xlsx_bytes(_gxt_report())))
    text = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert "provisional" in text.lower()


def test_the_deadline_command_says_2027_is_provisional(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from slarules.cli import main

    argv = ["deadline", str(ROOT / "rulesets" / "cn-zwyw-2025.sla"), "--sla", "工单",
            "--tier", "一级", "--at", "2027-02-05T10:00:00+08:00"]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr()
    assert "provisional" in (out.out + out.err).lower()
    assert main([*argv, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["provisional_years"] == [2027]


# ---- fujian-slt-2024: "收到成交人等额发票后，达到付款条件起15个工作日内，支付合同总金额的50.00%"

SLT = [
    # Invoiced Fri 2024-09-27: 09-29 (Sun, worked) 1, 09-30 2, [10-01 – 10-07 国庆], 10-08 …
    # 10-11 (3–6), 10-12 (Sat, worked) 7, 10-14 … 10-18 (8–12), 10-21 13, 10-22 14, 10-23 15
    # → due 10-23 24:00.
    ("2024-09-27 15:00", "2024-10-24T00:00:00+08:00"),
    # Invoiced Fri 2025-01-24: 01-26 (Sun, worked) 1, 01-27 2, [01-28 – 02-04 春节], 02-05 …
    # 02-07 (3–5), 02-08 (Sat, worked) 6, 02-10 … 02-14 (7–11), 02-17 … 02-20 (12–15) →
    # due 02-20 24:00.
    ("2025-01-24 15:00", "2025-02-21T00:00:00+08:00"),
]


@pytest.mark.parametrize(("invoiced", "due"), SLT)
def test_slt_advance_payment_due_counts_make_up_workdays(invoiced: str, due: str) -> None:
    events = [{"at": cn(invoiced), "type": "milestone", "name": "invoiced"}]
    report = replay("fujian-slt-2024", events, "2025-06-30 18:00")
    dues = [
        line["due"]
        for p in report["periods"]
        for line in (p["payment"] or {}).get("lines", [])
        if line.get("name") == "预付款"
    ]
    assert [instant(d) for d in dues] == [instant(due)], dues


# ---- guangxi-gat-2024, CGYWZHJG平台 on 工作时间 (mon-fri 08:00-12:00, 14:00-18:00, days CN) ----
# "对故障在1小时内响应"; "12小时以内提出问题解决方案所采取的措施" (working hours); "须在故障排除后
# 3天内提交《故障处理及分析报告》" (3日, Civil Code days: a last day that is a rest day moves to
# the next working day, art. 203 — a make-up workday is a working day).

GUANGXI_OPENED = [
    # 2024: opened Fri 09-13 16:00: 2 h Friday, 8 h on Sat 09-14 (worked before 中秋) = 10 h,
    # [09-15 – 09-17 中秋], 2 h on Wed 09-18 from 08:00 → resolve due 09-18 10:00.
    ("2024-09-13 16:00", "resolve", "2024-09-18T10:00:00+08:00"),
    # 2024: opened on the make-up Saturday 09-14 11:30: 30 min to 12:00, 30 min from 14:00 →
    # respond due 14:30 that Saturday.
    ("2024-09-14 11:30", "respond", "2024-09-14T14:30:00+08:00"),
    # 2025: opened Fri 09-26 17:00: 1 h Friday, 8 h on Sun 09-28 (worked), 3 h on Mon 09-29
    # from 08:00 → 11:00.
    ("2025-09-26 17:00", "resolve", "2025-09-29T11:00:00+08:00"),
    # 2026: opened Fri 02-13 15:00: 3 h Friday, 8 h on Sat 02-14 (worked), [02-15 – 02-23
    # 春节], 1 h on Tue 02-24 → 09:00.
    ("2026-02-13 15:00", "resolve", "2026-02-24T09:00:00+08:00"),
]


@pytest.mark.parametrize(("opened", "metric", "due"), GUANGXI_OPENED)
def test_guangxi_working_hours_count_make_up_days(opened: str, metric: str, due: str) -> None:
    rules = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    assert rules.deadlines("CGYWZHJG平台", "故障", cn(opened))[metric] == instant(due)


GUANGXI_REPORT = [
    # Resolved Thu 2025-09-25 10:00: the 3 days are 09-26, 09-27, 09-28; 09-28 is a Sunday
    # but a make-up workday, so the period ends there: due 09-28 24:00.
    ("2025-09-25 10:00", "2025-09-29T00:00:00+08:00"),
    # Resolved Mon 2025-09-29 10:00: 09-30, 10-01, 10-02; 10-02 is in 国庆中秋 (10-01 – 10-08):
    # moved to the next working day, Thu 10-09 → due 10-09 24:00.
    ("2025-09-29 10:00", "2025-10-10T00:00:00+08:00"),
    # Resolved Wed 2026-02-11 10:00: 02-12, 02-13, 02-14; 02-14 is a Saturday worked before
    # 春节: due 02-14 24:00.
    ("2026-02-11 10:00", "2026-02-15T00:00:00+08:00"),
]


@pytest.mark.parametrize(("resolved", "due"), GUANGXI_REPORT)
def test_guangxi_report_three_days_ends_on_a_make_up_workday(resolved: str, due: str) -> None:
    # The ticket is opened an hour before it is resolved, answered at once.
    day, time = resolved.split(" ")
    opened = f"{day} {int(time[:2]) - 1:02d}{time[2:]}"
    events = [
        {"at": cn(opened), "type": "opened", "ticket": "G", "sla": "CGYWZHJG平台",
         "tier": "故障"},
        {"at": cn(opened), "type": "responded", "ticket": "G"},
        {"at": cn(resolved), "type": "resolved", "ticket": "G"},
    ]  # fmt: skip
    report = replay("guangxi-gat-2024", events, "2026-03-31 18:00")
    assert instant(target(report, "G", "report")["deadline"]) == instant(due)
