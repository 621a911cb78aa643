"""Audit R5, guangxi-gat-2024: the rows of 表1 and 表2 that no earlier round replayed — 现场驻点
服务, 定期巡检服务, 履约材料质量 (both tables), the days late of 年报 and 缺陷分析报告, the E总队
service request, and the 更换人员 flag — in one 考核周期, down to the cycle's money.

Every number is worked by hand from shared/contracts/guangxi-gat-2024.txt (附件5 表1/表2/表3,
付款方式) and the rule file's documented readings (contract 10000000, cycles of 12 months from
2024-09-02, bond 3%, deductions from the bond first). Nothing was copied from slarules' output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

GX = "guangxi-gat-2024"
D = Decimal


def _occ(kit: Any, day: str, kind: str, count: int = 1, who: str = "监理") -> dict[str, Any]:
    return kit.ev(f"{day} 10:00", "occurrence", kind=kind, count=count, assessor=who)


def _cycle_one(kit: Any) -> list[dict[str, Any]]:
    return [
        kit.ev("2024-08-30 10:00", "milestone", name="accepted"),
        # 现场驻点服务 (10, "扣完即止"): "每缺席一次，扣2分" ×3 = 6; "被采购人书面通报后仍拒绝
        # 改正，每发生一次，扣2.5分" ×2 = 5 → 11 > 10 → 0.
        _occ(kit, "2024-10-08", "驻点缺席", 3),
        _occ(kit, "2024-10-09", "拒不改正", 2),
        # 定期巡检服务 (20, "扣完即止"): "无故未在约定时间进行巡检服务，每发生一次，扣2分" ×4 = 8;
        # "未在巡检中发现系统运行异常，每发生一次，扣5分" ×3 = 15 → 23 > 20 → 0.
        _occ(kit, "2024-11-04", "未按时巡检", 4),
        _occ(kit, "2024-11-05", "巡检未发现异常", 3),
        # 表1 履约材料质量 (10): "每退回修改一次扣0.2分" ×7 = 1.4 → 8.6.
        _occ(kit, "2024-12-02", "材料退回修改", 7),
        # 履约材料提交及时率 (5): "每逾期1天扣0.2分". 年报 due 2025-01-10 00:00, delivered
        # 2025-01-12 00:01: 2 days and a minute, 3 started days → 0.6. 缺陷分析报告 due
        # 2025-04-01 00:00, delivered 12:00: 1 started day → 0.2. 5 − 0.8 = 4.2.
        kit.ev("2025-01-10 00:00", "due", deliverable="年报"),
        kit.ev("2025-01-12 00:01", "delivered", deliverable="年报"),
        kit.ev("2025-04-01 00:00", "due", deliverable="缺陷分析报告"),
        kit.ev("2025-04-01 12:00", "delivered", deliverable="缺陷分析报告"),
        # 表2 履约材料质量 (10) on 禁毒总队's sheet only: "每发现一次扣0.5分" ×3 = 1.5.
        _occ(kit, "2025-03-03", "材料质量问题", 3, who="禁毒总队"),
        # "若更换人员3次后仍不合格的，视为中标人违约，采购人可取消双方的采购合同" → a flag only.
        _occ(kit, "2025-05-06", "更换后仍不合格"),
        # E总队: "必须在1小时内做出响应" — opened 09:00, answered 10:30: late. "对于远程不能
        # 解决的问题，必须确保在24小时之内到场" — due 02-04 09:00, on site 10:00: late. Two
        # commitments missed, "每发生一次，扣2分" → 故障响应 20 − 4 = 16, on 表1 and, the ticket
        # naming no department, on every department's sheet of 表2. Its report, due 3 days
        # after 故障排除 (02-04 → 02-07 24:00), came on 02-05: met.
        *kit.ticket(
            "E1",
            "E总队系统",
            "服务请求",
            "2025-02-03 09:00",
            ("2025-02-03 10:30", "responded"),
            ("2025-02-04 10:00", "arrived"),
            ("2025-02-04 12:00", "resolved"),
            ("2025-02-05 09:00", "reported"),
        ),
    ]


def test_the_unreplayed_rows_of_both_tables_and_the_cycles_money(kit: Any) -> None:
    report = kit.replay(GX, _cycle_one(kit), as_of="2025-10-01 00:00")
    assert [(t["metric"], t["status"]) for t in report["tickets"][0]["targets"]] == [
        ("respond", "breached"),
        ("arrive", "breached"),
        ("resolve", "not_applicable"),
        ("report", "met"),
    ]
    one = kit.period(report, "考核周期:1")
    supervisor = kit.card(one, "监理评分")
    items = {i["name"]: D(i["score"]) for i in kit.sheet(supervisor, "监理")["items"]}
    assert items == {
        "履约材料提交及时率": D("4.2"),
        "履约材料质量": D("8.6"),
        "系统运行故障": D(15),
        "安全运行事件": D(20),
        "故障响应": D(16),
        "现场驻点服务": D(0),
        "定期巡检服务": D(0),
    }
    # 监理评分 = 4.2 + 8.6 + 15 + 20 + 16 + 0 + 0 = 63.8.
    assert D(supervisor["score"]) == D("63.8")
    # 表2: every sheet loses the E总队 ticket's 4 → 96; 禁毒总队 also 1.5 → 94.5. Weighted:
    # 96 × (11 × 8.3% + 8.7%) − 1.5 × 8.3% = 96 − 0.1245 = 95.8755.
    teams = kit.card(one, "服务总队评分")
    assert D(kit.sheet(teams, "禁毒总队")["score"]) == D("94.5")
    assert D(kit.sheet(teams, "厅政治部")["score"]) == D(96)
    assert D(teams["score"]) == D("95.8755")
    # 最终得分 = 63.8 × 50% + 95.8755 × 50% = 31.9 + 47.93775 = 79.83775: "<80" → 20% ×
    # 合同总价 = 2000000.00, from the bond first (3% = 300000.00, all of it), then from the
    # cycle's cash: 阶段验收款 25% = 2500000.00 − 1700000.00 = 800000.00 payable.
    assert D(one["composite"]["最终得分"]["score"]) == D("79.83775")
    pay = one["payment"]
    assert kit.line(one, "deduct_band")["amount"] == "-2000000.00"
    assert pay["bond"]["deducted"] == "300000.00"
    assert pay["bond"]["remaining"] == "0.00"
    assert (pay["payable"], pay["refund"]) == ("800000.00", "0.00")
    assert kit.flags(one) == ["取消合同权"]


def test_the_next_cycle_starts_from_100_and_an_empty_bond(kit: Any) -> None:
    # "上一考核周期结束后，考核基准分重置为100分": cycle 2, with no evidence, scores 100 on
    # both tables (0%), and its bond opens at what cycle 1 left: 0.00.
    events = [
        *_cycle_one(kit),
        kit.ev("2026-09-10 10:00", "milestone", name="final_accepted"),
    ]
    report = kit.replay(GX, events, as_of="2026-10-01 00:00")
    two = kit.period(report, "考核周期:2")
    assert D(two["composite"]["最终得分"]["score"]) == D(100)
    pay = two["payment"]
    assert pay["bond"]["opening"] == "0.00"
    # Cycle 2 pays 中期款 2500000.00 (no 重大事故) + 最终验收款 5000000.00 = 7500000.00.
    # The term: 800000.00 + 7500000.00 = 8300000.00 = 10000000 − (2000000 − 300000 bond).
    assert pay["payable"] == "7500000.00"
    one = kit.period(report, "考核周期:1")["payment"]
    assert D(one["payable"]) + D(pay["payable"]) == D("8300000.00")
