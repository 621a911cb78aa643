"""An ended period whose evidence is still open says so in every report, not only in the
text: the JSON names it per period (``still_open``) and per payment (``payment.still_open``,
what makes it ``provisional``), the HTML page and the workbook show it beside the state.

fujian-gxt-2026: "未在规定时限内提交相应的报告材料每延误一天扣2分" (服务响应时间): a
问题处理报告 due 2026-12-28 00:00 and not delivered keeps 服务周期:1 (2026) open after its end.

sichuan-sthjt-2025 has no money (its payment has no terms) and its quarters no payment at
all. "对故障的恢复时间不超过1小时" (5.2 (1)), "未在规定时限内解决故障，影响系统正常使用，每次扣2分"
(故障恢复, 6分): a fault opened on 2025-08-31 at 23:40, the last day of 服务季度:1 (2025-06-01 –
2025-08-31), and not restored by the quarter's end can still be restored late (after
2025-09-01 00:40) and cost the quarter 2 points, and "考核得分65分以下的为不合格" can still be
raised. Worked by hand from the contracts; nothing
copied from slarules' output.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from slarules.report.html import render_report_html
from slarules.report.xlsx import report_xlsx_bytes

SICHUAN = "sichuan-sthjt-2025"
RUNNING = "ticket F9: restore still running"


def test_json_payment_names_what_keeps_an_ended_cycle_provisional(kit: Any) -> None:
    events = [kit.ev("2026-12-28 00:00", "due", deliverable="问题处理报告")]
    one = kit.period(kit.replay("fujian-gxt-2026", events, as_of="2027-01-01 00:00"), "服务周期:1")
    assert one["ended"] is True
    assert one["payment"]["status"] == "provisional"
    # (the due time was logged by a `due` event, the first of the log: it is named so)
    assert one["payment"]["still_open"] == ["问题处理报告 due event 1: outstanding"]
    assert one["still_open"] == one["payment"]["still_open"]
    # Delivered: settled, and both lists are empty.
    done = [*events, kit.ev("2027-01-05 10:00", "delivered", deliverable="问题处理报告")]
    settled = kit.period(
        kit.replay("fujian-gxt-2026", done, as_of="2027-02-01 00:00"), "服务周期:1"
    )
    assert (settled["payment"]["status"], settled["payment"]["still_open"]) == ("final", [])
    assert settled["still_open"] == []


def _sichuan(kit: Any, *extra: tuple[str, str]) -> list[dict[str, Any]]:
    return [
        kit.ev("2025-06-20 10:00", "delivered", deliverable="工作交接"),
        kit.ev("2025-08-31 20:00", "judgement", scorecard="季度考核", item="技术支持服务",
               points=22, period="服务季度:1"),
        kit.ev("2025-08-31 20:00", "judgement", scorecard="季度考核", item="日常运维工作质量",
               points=23, period="服务季度:1"),
        *kit.ticket("F9", "故障", "故障", "2025-08-31 23:40", ("2025-08-31 23:50", "responded"),
                    *extra),
    ]  # fmt: skip


def test_sichuan_quarter_scores_carry_the_open_fault_until_it_is_settled(kit: Any) -> None:
    # 季度考核 服务季度:1, one fault responded in 10 minutes (≤ 30, "响应时间为30分钟"), no
    # suggestion: 服务响应 6 + 运行质量分析 6 + 故障恢复 6 + 年故障 6 (优秀: under 24 h, 1 fault
    # < 10) + 保障计划 6 + 突发故障支持 8 + 技术支持服务 22 + 日常运维工作质量 23 + 过程文档 10
    # + 其他 0 ("没有提出。 0分") = 93 so far: the restoration is not late before 00:40.
    q1 = kit.period(kit.replay(SICHUAN, _sichuan(kit), as_of="2025-09-01 00:00"), "服务季度:1")
    assert (q1["ended"], q1["payment"], q1["flags"]) == (True, None, [])
    assert kit.card(q1, "季度考核")["score"] == "93"
    assert q1["still_open"] == [RUNNING]
    # Restored at 01:10, 1 h 30 min after the opening: late once, 93 − 2 = 91, settled once
    # its report is in ("2日内提供故障报告": reported the same morning, in time).
    late = _sichuan(kit, ("2025-09-01 01:10", "restored"), ("2025-09-01 10:00", "reported"))
    q1 = kit.period(kit.replay(SICHUAN, late, as_of="2025-09-02 00:00"), "服务季度:1")
    assert (kit.card(q1, "季度考核")["score"], q1["still_open"]) == ("91", [])
    # Restored at 00:30, 50 minutes: in time, 93, settled.
    on_time = _sichuan(kit, ("2025-09-01 00:30", "restored"), ("2025-09-01 10:00", "reported"))
    q1 = kit.period(kit.replay(SICHUAN, on_time, as_of="2025-09-02 00:00"), "服务季度:1")
    assert (kit.card(q1, "季度考核")["score"], q1["still_open"]) == ("93", [])


def test_sichuan_open_quarter_in_text_html_and_xlsx(kit: Any) -> None:
    rules = kit.ruleset(SICHUAN)
    report = rules.replay(_sichuan(kit), as_of=kit.at("2025-09-01 00:00"))
    text = report.to_text()
    head = text.index("Period 服务季度:1")
    quarter = text[head : text.index("\nPeriod ", head + 1)]
    assert (
        f"the period has ended, but what it counts is still open: {RUNNING}; "
        "its scores and flags may still change"
    ) in quarter
    summary = report.to_text(summary=True)
    assert any(
        line.split()[:1] == ["服务季度:1"] and "ended, still open" in line
        for line in summary.splitlines()
    ), summary
    page = render_report_html(report)
    assert "已结束 ended · 未了结 still open" in page
    assert f"still open: {RUNNING}" in page
    book = load_workbook(io.BytesIO(report_xlsx_bytes(report)))
    states = [row[3] for row in book["概要"].iter_rows(values_only=True) if row[0] == "服务季度:1"]
    assert states == [f"已结束 ended; 未了结 still open: {RUNNING}"]
