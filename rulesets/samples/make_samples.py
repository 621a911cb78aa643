"""Write the sample event logs of the reference and example rulesets, deterministically.

    python rulesets/samples/make_samples.py            # rewrite every sample
    python rulesets/samples/make_samples.py --check    # exit 1 if a sample is out of date

Each sample is a plausible service period of its contract (a year; two cycles for
fujian-gxt-2026) that exercises the clauses of its rule file: breaches and met targets,
pauses, exclusions, a priority downgrade, judgements and given scores, late deliverables,
milestones, and tickets on make-up workdays (调休). The comment above each event says what
it is there to show; docs/rulesets/<name>.md walks through the resulting report.

Numbers are written as exact decimal text (never binary floats), keys in a fixed order,
UTF-8 without escapes: the same script always writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
Value = str | int | Decimal
Event = dict[str, Value]
Step = tuple[str, str] | tuple[str, str, dict[str, Value]]

_KEY_ORDER = (
    "at",
    "type",
    "ticket",
    "sla",
    "tier",
    "cause",
    "kind",
    "count",
    "points",
    "amount",
    "item",
    "scorecard",
    "score",
    "deliverable",
    "name",
    "metric",
    "target",
    "start",
    "end",
    "period",
    "assessor",
    "note",
)


def line(event: Event) -> str:
    """One JSON object on one line: keys in ``_KEY_ORDER``, decimals as bare numbers."""
    parts = []
    for key in _KEY_ORDER:
        if key not in event:
            continue
        value = event[key]
        if isinstance(value, Decimal | int):
            text = str(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        parts.append(f'"{key}": {text}')
    unknown = set(event) - set(_KEY_ORDER)
    if unknown:
        raise ValueError(f"unexpected keys {sorted(unknown)}")
    return "{" + ", ".join(parts) + "}"


def at(stamp: str) -> str:
    """``2024-07-15 10:00`` → ``2024-07-15T10:00:00+08:00`` (China Standard Time)."""
    day, time = stamp.split(" ")
    return f"{day}T{time}:00+08:00"


def ev(stamp: str, type_: str, **fields: Value) -> Event:
    out: Event = {"at": at(stamp), "type": type_}
    out.update(fields)
    return out


def d(text: str) -> Decimal:
    return Decimal(text)


class Log:
    """Events in the order written; ``sorted`` keeps ties in that order."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, stamp: str, type_: str, **fields: Value) -> None:
        self.events.append(ev(stamp, type_, **fields))

    def ticket(self, ticket: str, *steps: Step) -> None:
        """A ticket's life: (time, type) or (time, type, extra fields) per step."""
        for step in steps:
            extra: dict[str, Value] = step[2] if len(step) == 3 else {}
            self.add(step[0], step[1], ticket=ticket, **extra)

    def text(self) -> str:
        ordered = sorted(enumerate(self.events), key=lambda pair: (pair[1]["at"], pair[0]))
        return "".join(line(e) + "\n" for _, e in ordered)


def opened(sla: str, tier: str, note: str | None = None) -> dict[str, Value]:
    out: dict[str, Value] = {"sla": sla, "tier": tier}
    if note:
        out["note"] = note
    return out


# ---- fujian-slt-2024: one service year from 2024-07-01 ---------------------------------------


def fujian_slt() -> Log:
    log = Log()
    log.add("2024-06-28 10:00", "milestone", name="signed", note="合同签订生效")
    # Advance invoice on Friday 6 Sep: 15 workdays run over the make-up Saturday 14 Sep, skip
    # 中秋 (15–17 Sep) and end on the make-up Sunday 29 Sep.
    log.add("2024-09-06 15:00", "milestone", name="invoiced", note="预付款发票")

    # T1 紧急, both targets met.
    log.ticket(
        "T1",
        ("2024-07-15 10:00", "opened", opened("故障", "紧急", "签章服务不可用")),
        ("2024-07-15 10:08", "responded"),
        ("2024-07-15 13:30", "restored"),
        ("2024-07-15 14:00", "closed"),
    )
    # T2 紧急 on a Saturday night: response 25 min > 10 min → breached ticket (−1).
    log.ticket(
        "T2",
        ("2024-08-03 22:00", "opened", opened("故障", "紧急", "系统无法登录")),
        ("2024-08-03 22:25", "responded"),
        ("2024-08-04 01:00", "restored"),
        ("2024-08-04 09:00", "closed"),
    )
    # R1 需求变更 answered the same day.
    log.ticket(
        "R1",
        ("2024-08-10 09:00", "opened", opened("需求变更", "标准", "新增收文登记字段")),
        ("2024-08-10 16:00", "responded"),
        ("2024-08-12 17:00", "closed"),
    )
    # T3 一般 on the make-up Saturday 14 Sep, paused 4 h waiting for the purchaser's
    # approval to restart the service (限制条件): 1.5 h + 3 h = 4.5 h ≤ 8 h, met.
    log.ticket(
        "T3",
        ("2024-09-14 09:30", "opened", opened("故障", "一般", "公文流转缓慢")),
        ("2024-09-14 09:50", "responded"),
        ("2024-09-14 11:00", "paused", {"note": "等待采购人批准重启服务"}),
        ("2024-09-14 15:00", "resumed"),
        ("2024-09-14 18:00", "restored"),
        ("2024-09-14 18:30", "closed"),
    )
    # T4 一般 on the make-up Saturday 12 Oct: restored after 10.5 h > 8 h → −0.5.
    log.ticket(
        "T4",
        ("2024-10-12 14:00", "opened", opened("故障", "一般", "短信提醒不发送")),
        ("2024-10-12 14:20", "responded"),
        ("2024-10-13 00:30", "restored"),
        ("2024-10-13 09:00", "closed"),
    )
    # T5 opened 紧急, downgraded to 一般 after an hour: re-measured against 一般, 6 h ≤ 8 h.
    log.ticket(
        "T5",
        ("2024-11-05 09:00", "opened", opened("故障", "紧急", "网关服务告警")),
        ("2024-11-05 09:05", "responded"),
        ("2024-11-05 10:00", "retiered", {"tier": "一般", "note": "核实后仅影响部分用户"}),
        ("2024-11-05 15:00", "restored"),
        ("2024-11-05 15:30", "closed"),
    )
    # R2 需求变更 answered after 41 h > 24 h: evidence for the judged 需求变更 item.
    log.ticket(
        "R2",
        ("2024-12-20 17:00", "opened", opened("需求变更", "标准", "调整督办流程")),
        ("2024-12-22 10:00", "responded"),
        ("2024-12-27 17:00", "closed"),
    )
    # T6 一般 on the make-up Sunday 26 Jan 2025: late response AND late restore; one fault,
    # so −0.5 once ("每次发生故障").
    log.ticket(
        "T6",
        ("2025-01-26 10:00", "opened", opened("故障", "一般", "云文档打不开")),
        ("2025-01-26 10:45", "responded"),
        ("2025-01-26 19:00", "restored"),
        ("2025-01-27 09:00", "closed"),
    )
    # T7 轻微 on the make-up Saturday 8 Feb: no contract times ("按需"); the parties agree
    # 6 days for the fix (to 14 Feb 24:00), and it comes on 20 Feb: breached (−0.2). No
    # response time was agreed, so the response owes none.
    log.ticket(
        "T7",
        ("2025-02-08 10:00", "opened", opened("故障", "轻微", "表单按钮位置不便")),
        (
            "2025-02-08 10:30",
            "agreed",
            {"metric": "restore", "target": "6日", "note": "约定2月14日前处理"},
        ),
        ("2025-02-10 09:30", "responded"),
        ("2025-02-20 16:00", "restored"),
        ("2025-02-21 09:00", "closed"),
    )
    # T8 一般 on the make-up Sunday 27 Apr, met.
    log.ticket(
        "T8",
        ("2025-04-27 08:30", "opened", opened("故障", "一般", "待办数量不刷新")),
        ("2025-04-27 08:45", "responded"),
        ("2025-04-27 12:00", "restored"),
        ("2025-04-27 12:30", "closed"),
    )
    # T9 紧急: restored after 5 h > 4 h → −1. The hour it waited for the carrier is logged
    # as a pause, but the 限制条件 clause stands in the 一般 row only (`pause restore in tier
    # 一般`), so a 紧急 fault's clock runs through it: still 5 h.
    log.ticket(
        "T9",
        ("2025-05-20 14:00", "opened", opened("故障", "紧急", "签章服务宕机")),
        ("2025-05-20 14:09", "responded"),
        ("2025-05-20 15:00", "paused", {"note": "等待运营商恢复专线"}),
        ("2025-05-20 16:00", "resumed"),
        ("2025-05-20 19:00", "restored"),
        ("2025-05-21 09:00", "closed"),
    )

    # 人员考核: attendance, non-workday duty, complaints ("每人每次": count 2 = two people).
    log.add("2024-08-12 08:40", "occurrence", kind="迟到早退", note="驻点人员迟到")
    log.add("2024-10-01 09:00", "occurrence", kind="非工作日缺席", note="国庆值守缺席")
    log.add("2024-11-18 17:00", "occurrence", kind="迟到早退", count=2, note="两名驻点人员早退")
    log.add("2025-01-29 09:00", "occurrence", kind="非工作日缺席", note="春节值守缺席")
    log.add("2025-03-03 10:00", "occurrence", kind="无故未在岗")
    log.add("2025-04-15 11:00", "occurrence", kind="投诉", note="用户投诉答复不耐心")

    # 年度评定 in the last month of the service year ("在一年服务期最后一个月当月内").
    for item, points in (
        ("日常使用培训", "9"),
        ("日常巡检", "18"),
        ("故障处理", "9"),
        ("技术支持", "10"),
        ("需求变更", "8"),
    ):
        log.add("2025-06-20 10:00", "judgement", item=item, points=d(points))
    # The vendor invoices the balance after the assessment ("成交人开具等额发票"); it is due
    # 15 workdays later: 85% × 500000 − the 250000 advance = 175000 ("按考核结果支付剩余服务费").
    log.add("2025-06-23 10:00", "milestone", name="balance_invoiced", note="剩余服务费发票")
    return log


# ---- fujian-gxt-2026: two 12-month cycles from 2026-01-01 ------------------------------------


def fujian_gxt() -> Log:
    log = Log()
    # -- cycle 1 (2026): a good year with a few lapses.
    log.ticket(
        "G1",
        ("2026-01-05 09:00", "opened", opened("故障", "一般", "邮件系统收信失败")),
        ("2026-01-05 09:40", "responded"),
        ("2026-01-05 12:00", "resolved"),
        ("2026-01-05 12:30", "closed"),
    )
    # G2 on the make-up Saturday 14 Feb: responded after 1.5 h > 1 h → −2 (服务响应时间).
    log.ticket(
        "G2",
        ("2026-02-14 10:00", "opened", opened("故障", "一般", "民爆备案系统无法上传")),
        ("2026-02-14 11:30", "responded"),
        ("2026-02-14 13:00", "resolved"),
        ("2026-02-14 13:30", "closed"),
    )
    # G3: resolved after 5.5 h > 4 h → −5 (服务完成情况).
    log.ticket(
        "G3",
        ("2026-03-02 14:00", "opened", opened("故障", "一般", "单机目录管理系统报错")),
        ("2026-03-02 14:20", "responded"),
        ("2026-03-02 19:30", "resolved"),
        ("2026-03-03 09:00", "closed"),
    )
    # G4 紧急: resident on site in 50 min (≤ 1 h), company engineer in 1 h 40 (≤ 2 h), all met.
    log.ticket(
        "G4",
        ("2026-04-08 10:00", "opened", opened("故障", "紧急", "会议室视频会议系统中断")),
        ("2026-04-08 10:10", "responded"),
        ("2026-04-08 10:50", "arrived"),
        ("2026-04-08 11:40", "engineer_arrived"),
        ("2026-04-08 13:30", "resolved"),
        ("2026-04-08 14:00", "closed"),
    )
    # G5 灾难性 at night: the resident cannot fix it and escalates at 02:40; engineer in
    # 2.5 h, backup plan within 23 h, fixed on day 3; the 问题处理报告 is due 16 Jun 24:00
    # and comes a day late → −2.
    log.ticket(
        "G5",
        ("2026-06-12 02:00", "opened", opened("故障", "灾难性", "机房存储故障导致邮件系统停机")),
        ("2026-06-12 02:30", "responded"),
        ("2026-06-12 02:40", "escalated", {"note": "驻点人员无法现场解决，指派工程师"}),
        ("2026-06-12 04:30", "engineer_arrived"),
        ("2026-06-13 01:00", "workaround", {"note": "启用备用邮件服务器"}),
        ("2026-06-14 10:00", "resolved"),
        ("2026-06-14 11:00", "closed"),
    )
    log.add("2026-06-17 00:00", "due", deliverable="问题处理报告", note="G5 问题处理报告")
    log.add("2026-06-17 15:00", "delivered", deliverable="问题处理报告")
    # G6 灾难性: the resident on site fixes it after 5 h; no engineer was needed ("如现场
    # 服务人员无法解决" never held: no escalation), so the 3-hour arrival is not owed.
    log.ticket(
        "G6",
        ("2026-09-03 09:00", "opened", opened("故障", "灾难性", "核心交换机故障，全厅断网")),
        ("2026-09-03 09:20", "responded"),
        ("2026-09-03 14:00", "resolved", {"note": "驻点人员更换备用板卡后恢复"}),
        ("2026-09-03 14:30", "closed"),
    )
    # G7 opened 紧急 on the make-up Saturday 10 Oct and downgraded to 一般 within the hour:
    # the arrival targets no longer apply.
    log.ticket(
        "G7",
        ("2026-10-10 09:00", "opened", opened("故障", "紧急", "打印机批量脱机")),
        ("2026-10-10 09:10", "responded"),
        ("2026-10-10 09:40", "retiered", {"tier": "一般", "note": "远程可处理"}),
        ("2026-10-10 12:30", "resolved"),
        ("2026-10-10 13:00", "closed"),
    )
    # The 厅's own 电子政务绩效考核 lost 0.25 point through the vendor → −2.5 (每扣一分扣10分).
    log.add("2026-12-10 10:00", "occurrence", kind="绩效考核扣分", count=d("0.25"))
    log.add("2026-07-01 00:00", "due", deliverable="运维报告", note="上半年汇总数据及报告")
    log.add("2026-06-29 16:00", "delivered", deliverable="运维报告")

    # -- cycle 2 (2027): a troubled year that reaches the termination threshold.
    # G9 紧急: resident arrives after 1.5 h > 1 h, company engineer after 2.5 h > 2 h → −2, −2.
    log.ticket(
        "G9",
        ("2027-03-09 09:00", "opened", opened("故障", "紧急", "经贸大厦网络中断")),
        ("2027-03-09 09:20", "responded"),
        ("2027-03-09 10:30", "arrived"),
        ("2027-03-09 11:30", "engineer_arrived"),
        ("2027-03-09 12:40", "resolved"),
        ("2027-03-09 13:00", "closed"),
    )
    # G10 灾难性: escalated at 21:00, engineer after 4.5 h > 3 h → −2; no backup plan
    # within 24 h → −5.
    log.ticket(
        "G10",
        ("2027-05-18 20:00", "opened", opened("故障", "灾难性", "云平台服务器宕机")),
        ("2027-05-18 20:30", "responded"),
        ("2027-05-18 21:00", "escalated"),
        ("2027-05-19 00:30", "engineer_arrived"),
        ("2027-05-20 09:00", "workaround"),
        ("2027-05-21 10:00", "resolved"),
        ("2027-05-21 11:00", "closed"),
    )
    log.add("2027-05-25 00:00", "due", deliverable="问题处理报告", note="G10 问题处理报告")
    log.add("2027-05-24 17:00", "delivered", deliverable="问题处理报告")
    log.add("2027-07-01 00:00", "due", deliverable="运维报告", note="上半年汇总数据及报告")
    log.add("2027-07-01 10:00", "delivered", deliverable="运维报告")
    for stamp, kind, note in (
        ("2027-02-03 10:00", "未完成服务事项", "终端检查汇总未完成"),
        ("2027-03-15 10:00", "服务事项超时", "软件正版化检查超出用户时限"),
        ("2027-04-02 15:00", "操作失误事故", "误删邮件系统账户导致业务中断"),
        ("2027-04-20 10:00", "设备丢失", "设备间备用机丢失"),
        ("2027-05-06 10:00", "服务不规范", "变更未走审批流程"),
        ("2027-06-08 10:00", "人员技能不符", "数据库维护人员不能胜任"),
        ("2027-06-30 10:00", "被通报", "省数字办通报网站漏洞整改不及时"),
        ("2027-07-14 10:00", "服务态度投诉", "用户投诉服务态度差"),
        ("2027-08-03 10:00", "配合不积极", "迎检准备讨价还价"),
        ("2027-08-19 10:00", "违反安全保密规定", "密码明文存放"),
        ("2027-09-07 10:00", "违反纪律", "工作时间离岗"),
        ("2027-10-12 10:00", "材料未提供", "三季度统计分析未提供"),
        ("2027-11-16 10:00", "安全保密事件", "驻点人员外发含敏感信息的文件"),
    ):
        extra: dict[str, Value] = {"amount": Decimal("4850.00")} if kind == "设备丢失" else {}
        log.add(stamp, "occurrence", kind=kind, note=note, **extra)
    log.add("2027-12-20 10:00", "occurrence", kind="绩效考核扣分", count=1)
    # After the term (2026—2027): outside the contract, reported as such, in no cycle.
    log.add("2028-01-05 10:00", "occurrence", kind="服务不规范", note="合同期满后的巡检记录")
    return log


# ---- fujian-scjg-2023: twelve service months from 2023-03-01 ---------------------------------


def fujian_scjg() -> Log:
    log = Log()
    log.add("2023-03-01 10:00", "milestone", name="signed", note="合同签订")
    # The plan is due 10 days after signing: 11 Mar is a Saturday, so the period ends on
    # Monday 13 Mar 24:00 (Civil Code art. 203). The rules compute it: no due event.
    log.add("2023-03-10 16:00", "delivered", deliverable="实施计划和运维方案")
    # S1: all three targets met (resolve ends 7 Mar 24:00, report 9 Mar 24:00).
    log.ticket(
        "S1",
        ("2023-03-06 10:00", "opened", opened("故障", "故障", "公文管理系统流转失败")),
        ("2023-03-06 10:20", "responded"),
        ("2023-03-07 16:00", "resolved"),
        ("2023-03-09 11:00", "reported"),
        ("2023-03-09 11:30", "closed"),
    )
    # S2 opened Friday 21 Apr 17:20: the response clock runs 10 min that evening and resumes
    # on the make-up Sunday 23 Apr 08:00 (deadline 08:20, met at 08:15); the 1-workday
    # resolution ends 23 Apr 24:00, so resolving on Monday 24 Apr is a breach.
    log.ticket(
        "S2",
        ("2023-04-21 17:20", "opened", opened("故障", "故障", "人事教育管理系统无法登录")),
        ("2023-04-23 08:15", "responded"),
        ("2023-04-24 10:00", "resolved"),
        ("2023-04-25 16:00", "reported"),
        ("2023-04-25 16:30", "closed"),
    )
    # S3 突发应急事件: the 1-workday resolution does not apply; the report still does.
    log.ticket(
        "S3",
        ("2023-07-10 09:00", "opened", opened("故障", "故障", "机房断电导致全部系统停机")),
        ("2023-07-10 09:10", "responded"),
        ("2023-07-10 09:30", "attributed", {"cause": "突发应急事件"}),
        ("2023-07-14 15:00", "resolved"),
        ("2023-07-18 10:00", "reported"),
        ("2023-07-18 10:30", "closed"),
    )
    # S4 咨询 answered after 45 min > 30 min.
    log.ticket(
        "S4",
        ("2023-09-12 10:00", "opened", opened("故障", "咨询", "绩效管理系统统计口径咨询")),
        ("2023-09-12 10:45", "responded"),
        ("2023-09-12 11:00", "closed"),
    )
    # S5 before 中秋/国庆 (29 Sep – 6 Oct): resolution due on the make-up Saturday 7 Oct,
    # met; the report is due 9 Oct 24:00 (make-up Sunday 8 Oct counts) and comes late.
    log.ticket(
        "S5",
        ("2023-09-28 16:00", "opened", opened("故障", "故障", "会议服务平台报名失败")),
        ("2023-09-28 16:20", "responded"),
        ("2023-10-07 11:00", "resolved"),
        ("2023-10-10 09:00", "reported"),
        ("2023-10-10 09:30", "closed"),
    )
    # The purchaser's monthly form, given at the end of each service month.
    for stamp, score in (
        ("2023-03-31 17:00", "92"),
        ("2023-04-28 17:00", "88"),
        ("2023-05-31 17:00", "95"),
        ("2023-06-30 17:00", "78"),
        ("2023-07-31 17:00", "85"),
        ("2023-08-31 17:00", "90"),
        ("2023-09-28 17:00", "91"),
        ("2023-10-31 17:00", "76.5"),
        ("2023-11-30 17:00", "89"),
        ("2023-12-29 17:00", "93"),
        ("2024-01-31 17:00", "94"),
        ("2024-02-29 17:00", "96"),
    ):
        log.add(stamp, "score", scorecard="运维服务考核", score=d(score), note="运维服务考核表")
    log.add("2023-11-20 10:00", "occurrence", kind="严重安全保密事故", note="账号口令泄露")
    return log


# ---- sichuan-sthjt-2025: four service quarters from 2025-06-01 --------------------------------


def sichuan() -> Log:
    log = Log()

    def fault(tid: str, opened_at: str, steps: list[tuple[str, str]], note: str) -> None:
        log.ticket(tid, (opened_at, "opened", opened("故障", "故障", note)), *steps)

    # -- Q1 (Jun–Aug 2025)
    fault(
        "F1",
        "2025-06-10 09:00",
        [
            ("2025-06-10 09:10", "responded"),
            ("2025-06-10 09:50", "restored"),
            ("2025-06-11 10:00", "reported"),
            ("2025-06-11 10:30", "closed"),
        ],
        "OA系统公文无法签发",
    )
    # 工作交接 "自运维服务期开始起15个工作日内": 1 Jun is a Sunday and 2 Jun 端午, so the 15th
    # working day is Mon 23 Jun (due 24:00, computed by the rules); done Fri 20 Jun, in time.
    log.add(
        "2025-06-20 17:00",
        "delivered",
        deliverable="工作交接",
        note="与各系统原服务方完成工作交接（第14个工作日）",
    )
    # F2 on a Saturday night: response 50 min > 30, restore 2.5 h > 1 h, report due 8 Jul
    # 24:00 and sent 9 Jul → −2, −2, −2.
    fault(
        "F2",
        "2025-07-05 23:00",
        [
            ("2025-07-05 23:50", "responded"),
            ("2025-07-06 01:30", "restored"),
            ("2025-07-09 10:00", "reported"),
            ("2025-07-09 10:30", "closed"),
        ],
        "4A系统认证失败",
    )
    # 7月第2周巡检 on Thursday 10 Jul: the report is due 3 workdays later (Fri 11, Mon 14,
    # Tue 15 → 15 Jul 24:00, computed by the rules); sent 15 Jul 17:00, on time.
    log.add("2025-07-10 15:00", "milestone", name="inspected", note="7月第2周巡检")
    log.add("2025-07-15 17:00", "delivered", deliverable="巡检报告")
    log.add("2025-08-06 00:00", "due", deliverable="运维月报", note="7月运维月报")
    log.add("2025-08-05 16:00", "delivered", deliverable="运维月报")
    log.add("2025-08-20 10:00", "occurrence", kind="合理化建议", note="建议增加数据库备份校验")
    # -- Q2 (Sep–Nov 2025)
    # 国庆保障计划 due 25 Sep, delivered 27 Sep → −2 (未及时提供保障计划).
    log.add("2025-09-26 00:00", "due", deliverable="保障计划", note="国庆保障计划")
    log.add("2025-09-27 10:00", "delivered", deliverable="保障计划")
    fault(
        "F3",
        "2025-09-28 10:00",
        [
            ("2025-09-28 10:20", "responded"),
            ("2025-09-28 10:40", "restored"),
            ("2025-09-29 09:00", "reported"),
            ("2025-09-29 09:30", "closed"),
        ],
        "专项资金系统页面报错（调休上班日）",
    )
    # F4 on the make-up Saturday 11 Oct: down 27 h → restore breach (−2) and a quarter
    # (and year) downtime between 24 and 36 hours: 年故障 一般, judged 2–5.
    fault(
        "F4",
        "2025-10-11 08:00",
        [
            ("2025-10-11 08:15", "responded"),
            ("2025-10-12 11:00", "restored"),
            ("2025-10-13 10:00", "reported"),
            ("2025-10-13 10:30", "closed"),
        ],
        "电子政务综合管理平台数据库损坏",
    )
    log.add(
        "2025-10-14 10:00",
        "occurrence",
        kind="应急支持不到位",
        note="F4 恢复过程中二线支持未及时到位",
    )
    log.add("2025-10-08 10:00", "occurrence", kind="保障技术支持不到位", note="国庆期间值守不到位")
    log.add("2025-11-05 10:00", "occurrence", kind="合理化建议", note="建议优化4A单点登录")
    # A weak password in Q2 forces 日常运维工作质量 to 较差 (≤ 15) in Q2 and in the year.
    log.add("2025-11-12 10:00", "occurrence", kind="弱口令事件", note="OA系统测试账号弱口令")
    log.add("2025-11-06 00:00", "due", deliverable="运维月报", note="10月运维月报")
    log.add("2025-11-05 15:00", "delivered", deliverable="运维月报")
    # -- Q3 (Dec 2025 – Feb 2026)
    # 半年运维总结报告: the half year ends with 30 Nov; one week is 1–7 Dec, and 7 Dec is a
    # Sunday, so it is due 8 Dec 24:00 (computed by the rules); delivered 10 Dec → −2.
    log.add("2025-12-10 11:00", "delivered", deliverable="半年运维总结报告")
    log.add("2025-12-15 10:00", "occurrence", kind="文档未完整提交", note="半年报缺少漏洞整改记录")
    fault(
        "F5",
        "2026-01-20 14:00",
        [
            ("2026-01-20 14:10", "responded"),
            ("2026-01-20 14:45", "restored"),
            ("2026-01-21 10:00", "reported"),
            ("2026-01-21 10:30", "closed"),
        ],
        "财务内控系统报销单据卡顿",
    )
    log.add(
        "2026-01-28 10:00",
        "occurrence",
        kind="运行质量分析不到位",
        note="四季度诊断报告未给出解决时限",
    )
    # -- Q4 (Mar–May 2026)
    # F6 on Friday 3 Apr: the 2-day report period would end on Sunday 5 Apr (清明), so it
    # ends on Tuesday 7 Apr 24:00; sent 7 Apr 16:00, met.
    fault(
        "F6",
        "2026-04-03 10:00",
        [
            ("2026-04-03 10:05", "responded"),
            ("2026-04-03 10:30", "restored"),
            ("2026-04-07 16:00", "reported"),
            ("2026-04-07 16:30", "closed"),
        ],
        "专家库AI语音外呼失败",
    )
    log.add("2026-04-20 10:00", "occurrence", kind="合理化建议", note="建议建立接口变更通知机制")
    # 4月第3周巡检 on Thursday 16 Apr: report due Tue 21 Apr 24:00 (Fri 17, Mon 20, Tue 21);
    # sent 24 Apr → −2.
    log.add("2026-04-16 15:00", "milestone", name="inspected", note="4月第3周巡检")
    log.add("2026-04-24 09:00", "delivered", deliverable="巡检报告")

    # Quarterly judgements ("scorecard" names which sheet they grade). The purchaser grades a
    # quarter in the first days after it ends, so those events name the quarter they grade
    # ("period"); the last quarter is graded on its last working day with the final assessment.
    for stamp, quarter, tech, daily in (
        ("2025-09-02 16:00", "服务季度:1", "22", "23"),
        ("2025-12-02 16:00", "服务季度:2", "20", "19"),
        ("2026-03-03 16:00", "服务季度:3", "23", "22"),
        ("2026-05-29 16:00", None, "24", "23"),
    ):
        for item, points in (("技术支持服务", tech), ("日常运维工作质量", daily)):
            fields: dict[str, Value] = {"item": item, "points": d(points), "scorecard": "季度考核"}
            if quarter is not None:
                fields["period"] = quarter
            log.add(stamp, "judgement", **fields)
    log.add(
        "2025-12-02 16:00",
        "judgement",
        item="年故障",
        points=d("4"),
        scorecard="季度考核",
        period="服务季度:2",
    )
    # The final assessment, on the last working day of the service year.
    log.add(
        "2026-05-29 17:00", "judgement", item="技术支持服务", points=d("23"), scorecard="最终考核"
    )
    log.add(
        "2026-05-29 17:00",
        "judgement",
        item="日常运维工作质量",
        points=d("22"),
        scorecard="最终考核",
    )
    log.add("2026-05-29 17:00", "judgement", item="年故障", points=d("4"), scorecard="最终考核")
    return log


# ---- guangxi-gat-2024: the first 12-month cycle from acceptance on 2024-09-02 ----------------


def guangxi() -> Log:
    log = Log()
    log.add("2024-08-20 10:00", "milestone", name="signed", note="合同签订")
    # 合同履约清单 due 10 workdays after signing (3 Sep 24:00, computed by the rules),
    # approved 5 Sep → 2 days late.
    log.add("2024-09-05 10:00", "delivered", deliverable="合同履约清单", assessor="监理")
    # Acceptance on Monday 2 Sep: 25% due 10 workdays later, on the make-up Saturday 14 Sep.
    log.add("2024-09-02 10:00", "milestone", name="accepted", note="科信办阶段验收")
    # The 25% is received on Friday 13 Sep (a `paid` milestone); the rule file makes the
    # invoice due 3 workdays later (the make-up Saturday 14 Sep counts, 中秋 15–17 Sep does
    # not: due 19 Sep 24:00). It is sent on 23 Sep, so the purchaser may suspend the next
    # payment.
    log.add("2024-09-13 15:00", "milestone", name="paid", note="阶段验收款到账（发票3个工作日内）")
    log.add("2024-09-23 10:00", "delivered", deliverable="发票")

    def ticket(sla: str, tier: str, tid: str, note: str, start: str, *steps: Step) -> None:
        log.ticket(tid, (start, "opened", opened(sla, tier, note)), *steps)

    # E1 1级, downgraded to 3级 after 3 h: the 4-hour target is met by the downgrade.
    ticket(
        "事件",
        "1级",
        "E1",
        "VIP用户无法访问ZHZG平台",
        "2024-09-10 09:00",
        ("2024-09-10 09:10", "responded"),
        ("2024-09-10 12:00", "retiered", {"tier": "3级", "note": "核心功能恢复，剩余个别用户"}),
        ("2024-09-11 08:00", "resolved"),
        ("2024-09-13 10:00", "reported"),
        ("2024-09-13 10:30", "closed"),
    )
    # E2 2级 on National Day: response 50 min > 30 → −2 (both tables); the 3-day report
    # period would end on 5 Oct, a holiday, so it ends on 8 Oct 24:00, met.
    ticket(
        "事件",
        "2级",
        "E2",
        "QBDT会议系统音视频中断",
        "2024-10-01 20:00",
        ("2024-10-01 20:50", "responded"),
        ("2024-10-02 03:00", "resolved"),
        ("2024-10-08 10:00", "reported"),
        ("2024-10-08 10:30", "closed"),
    )
    # E3 3级 paused 24 h while a third-party interface was down: 22 h counted ≤ 24 h.
    ticket(
        "事件",
        "3级",
        "E3",
        "WSDC系统接口推送失败",
        "2024-11-12 10:00",
        ("2024-11-12 10:30", "responded"),
        ("2024-11-12 14:00", "paused", {"note": "第三方接口方故障，等待恢复"}),
        ("2024-11-13 14:00", "resumed"),
        ("2024-11-14 08:00", "resolved"),
        ("2024-11-15 09:00", "reported"),
        ("2024-11-15 09:30", "closed"),
    )
    # E4 4级: response 90 min > 60, resolution 72 h > 48 h, report due 9 Dec 24:00 (8 Dec is
    # a Sunday) and sent 12 Dec 10:00 → 3 days late; and a vendor-caused 系统运行故障 (−5).
    ticket(
        "事件",
        "4级",
        "E4",
        "YJYD系统数据同步异常",
        "2024-12-02 09:00",
        ("2024-12-02 10:30", "responded"),
        ("2024-12-05 09:00", "resolved"),
        ("2024-12-12 10:00", "reported"),
        ("2024-12-12 10:30", "closed"),
    )
    log.add(
        "2024-12-13 10:00",
        "occurrence",
        kind="系统运行故障",
        ticket="E4",
        note="补丁兼容性问题，故障报告确认中标人原因",
    )
    # E5 2级 during a 封网 (force majeure): breached, but attributed and excluded.
    ticket(
        "事件",
        "2级",
        "E5",
        "封网期间视频专网中断",
        "2025-01-15 09:00",
        ("2025-01-15 09:05", "attributed", {"cause": "不可抗力", "note": "封网"}),
        ("2025-01-15 10:00", "responded"),
        ("2025-01-16 09:00", "resolved"),
        ("2025-01-17 09:00", "reported"),
        ("2025-01-17 09:30", "closed"),
    )
    log.add(
        "2025-01-17 10:00",
        "occurrence",
        kind="系统运行故障",
        ticket="E5",
        note="封网导致，不参与评价",
    )
    # C1 CGYWZHJG on the 5×8 calendar: opened Friday 7 Feb 17:00, response due 18:00 and
    # given on the make-up Saturday 8 Feb 08:30 (breach); 12 working hours run Fri 1 h, Sat
    # 8 h, Mon 3 h → measures proposed Monday 10:00, met.
    ticket(
        "CGYWZHJG平台",
        "故障",
        "C1",
        "CGYWZHJG平台查询超时",
        "2025-02-07 17:00",
        ("2025-02-08 08:30", "responded"),
        ("2025-02-10 10:00", "workaround"),
        ("2025-02-11 16:00", "resolved"),
        ("2025-02-13 10:00", "reported"),
        ("2025-02-13 10:30", "closed"),
    )
    # E6 1级 that became a security event: resolution 5.5 h > 4 h (−2); the 系统运行故障
    # is superseded by the 安全运行事件 judged at 10 points.
    ticket(
        "事件",
        "1级",
        "E6",
        "FKDSJ平台遭受网络攻击",
        "2025-03-04 02:00",
        ("2025-03-04 02:10", "responded"),
        ("2025-03-04 07:30", "resolved"),
        ("2025-03-06 10:00", "reported"),
        ("2025-03-06 10:30", "closed"),
    )
    log.add("2025-03-07 10:00", "occurrence", kind="系统运行故障", ticket="E6")
    log.add(
        "2025-03-07 10:00",
        "occurrence",
        kind="安全运行事件",
        ticket="E6",
        points=d("10"),
        note="网络攻击事件，漏洞未及时修复",
    )
    # D1 E总队 on the make-up Sunday 27 Apr: on site after 26 h > 24 h (−2); the report
    # period would end on 2 May (劳动节) and ends on 6 May 24:00, met.
    ticket(
        "E总队系统",
        "服务请求",
        "D1",
        "ZHAFXQGK系统前端设备离线",
        "2025-04-27 20:00",
        ("2025-04-27 20:40", "responded"),
        ("2025-04-28 22:00", "arrived"),
        ("2025-04-29 11:00", "resolved"),
        ("2025-05-06 10:00", "reported"),
        ("2025-05-06 10:30", "closed"),
    )
    # 通达 on 7×12 (09:00–21:00 daily): 30 min on Saturday evening + 1 h Sunday = 1.5 h, met;
    # the second one waits 3 h > 2 h.
    ticket(
        "通达协同办公",
        "服务请求",
        "TD1",
        "OA流程表单修改",
        "2025-05-31 20:30",
        ("2025-06-01 10:00", "responded"),
        ("2025-06-01 12:00", "closed"),
    )
    ticket(
        "通达协同办公",
        "服务请求",
        "TD2",
        "移动端短信提醒失效",
        "2025-06-10 19:00",
        ("2025-06-11 10:00", "responded"),
        ("2025-06-11 15:00", "closed"),
    )

    # Supervisor's evidence (表1).
    monthly = [
        ("2024-10-06 00:00", "2024-10-05 10:00"),
        ("2024-11-06 00:00", "2024-11-05 16:00"),
        ("2024-12-06 00:00", "2024-12-04 11:00"),
        ("2025-01-06 00:00", "2025-01-08 15:00"),  # 3 days late
        ("2025-02-06 00:00", "2025-02-05 10:00"),
        ("2025-03-06 00:00", "2025-03-05 10:00"),
        ("2025-04-06 00:00", "2025-04-03 10:00"),
        ("2025-05-06 00:00", "2025-05-06 00:00"),
        ("2025-06-06 00:00", "2025-06-05 10:00"),
        ("2025-07-06 00:00", "2025-07-04 10:00"),
        ("2025-08-06 00:00", "2025-08-05 10:00"),
    ]
    for due, done in monthly:
        log.add(due, "due", deliverable="月报", assessor="监理")
        log.add(done, "delivered", deliverable="月报", assessor="监理")
    log.add(
        "2025-01-11 00:00",
        "due",
        deliverable="缺陷分析报告",
        assessor="监理",
        note="四季度缺陷分析",
    )
    log.add("2025-01-11 20:00", "delivered", deliverable="缺陷分析报告", assessor="监理")
    log.add(
        "2025-03-14 00:00",
        "due",
        deliverable="巡检报告",
        assessor="监理",
        note="L总队核心交换机原厂巡检，一周内",
    )
    log.add("2025-03-15 18:00", "delivered", deliverable="巡检报告", assessor="监理")
    for stamp, kind in (
        ("2024-10-20 10:00", "材料退回修改"),
        ("2025-01-09 10:00", "材料退回修改"),
        ("2025-04-10 10:00", "材料退回修改"),
        ("2024-11-26 09:30", "驻点缺席"),
        ("2025-05-12 10:00", "拒不改正"),
        ("2025-06-16 10:00", "未按时巡检"),
    ):
        log.add(stamp, "occurrence", kind=kind, assessor="监理")
    for stamp in ("2024-10-05 22:00", "2024-12-21 23:30", "2025-02-02 03:00", "2025-07-19 21:30"):
        log.add(
            stamp, "occurrence", kind="非工作时间失联", assessor="监理", note="值班电话无人接听"
        )

    # Departments' evidence (表2, each on its own sheet).
    log.add("2025-02-18 10:00", "occurrence", kind="材料质量问题", count=2, assessor="刑事侦查总队")
    log.add("2025-03-20 09:00", "occurrence", kind="驻点缺席", assessor="刑事侦查总队")
    for stamp in ("2024-10-03 23:00", "2025-01-31 22:00", "2025-05-02 02:00"):
        log.add(stamp, "occurrence", kind="非工作时间失联", assessor="交通警察总队")
    log.add("2025-06-25 10:00", "occurrence", kind="巡检未发现异常", assessor="科技信息化总队")
    log.add("2025-07-28 10:00", "occurrence", kind="未按时巡检", assessor="禁毒总队")
    return log


# ---- cn-zwyw-2025: three months from April 2025 (measures: lateness per started workday) -----


def cn_zwyw() -> Log:
    """April: a 二级 ticket late across 清明 (3 started workdays: 2 points), a 一级 response
    late into the lunch break (2 started hours), a 三级 ticket due on the 04-27 make-up
    workday and resolved the next morning (1 started workday: 0.5). May: two 二级 tickets
    late 7 and 9 started workdays (capped at 5 each), a 一级 response late across a weekend;
    the month scores under 80. June: clean but for two missed inspections."""
    log = Log()

    def ticket(tid: str, tier: str, note: str, start: str, *steps: tuple[str, str]) -> None:
        log.ticket(tid, (start, "opened", opened("工单", tier, note)), *steps)

    # -- April 2025 (清明 04-04 to 04-06; 04-27, a Sunday, is a make-up workday)
    ticket("A1", "二级", "社保查询部分功能不可用", "2025-04-01 09:00",
           ("2025-04-01 09:30", "responded"), ("2025-04-10 10:00", "resolved"))
    ticket("A2", "一级", "政务服务网无法访问", "2025-04-14 10:00",
           ("2025-04-14 12:10", "responded"), ("2025-04-15 16:00", "resolved"))
    ticket("A3", "三级", "报表导出格式咨询", "2025-04-21 09:00",
           ("2025-04-21 10:00", "responded"), ("2025-04-28 09:00", "resolved"))
    ticket("A4", "三级", "新增用户账号", "2025-04-22 10:00",
           ("2025-04-22 10:20", "responded"), ("2025-04-23 10:00", "resolved"))
    log.add("2025-04-30 16:00", "occurrence", kind="巡检缺失", note="4月第4周机房巡检未开展")
    # -- May 2025 (劳动节 05-01 to 05-05)
    ticket("B1", "二级", "电子证照同步失败", "2025-05-06 09:00",
           ("2025-05-06 09:20", "responded"), ("2025-05-20 15:00", "resolved"))
    ticket("B2", "一级", "统一身份认证中断", "2025-05-09 17:00",
           ("2025-05-12 09:45", "responded"), ("2025-05-12 16:00", "resolved"))
    ticket("B3", "三级", "权限调整", "2025-05-13 10:00",
           ("2025-05-13 10:30", "responded"), ("2025-05-14 10:00", "resolved"))
    ticket("B4", "三级", "操作咨询", "2025-05-14 10:00",
           ("2025-05-14 15:30", "responded"), ("2025-05-15 10:00", "resolved"))
    ticket("B5", "二级", "办件数据推送延迟", "2025-05-14 09:00",
           ("2025-05-14 09:10", "responded"), ("2025-05-30 11:00", "resolved"))
    log.add("2025-05-28 16:00", "occurrence", kind="巡检缺失", note="5月第4周机房巡检未开展")
    # -- June 2025
    ticket("C1", "三级", "打印模板调整", "2025-06-03 09:00",
           ("2025-06-03 09:30", "responded"), ("2025-06-04 10:00", "resolved"))
    log.add("2025-06-13 16:00", "occurrence", kind="巡检缺失", note="6月第2周巡检未开展")
    log.add("2025-06-27 16:00", "occurrence", kind="巡检缺失", note="6月第4周巡检未开展")
    log.add("2025-06-30 17:00", "milestone", name="月末", note="6月考核截止")
    return log


# ---- aliyun-ecs-2021: three months of one ECS instance, January to March 2026 ----------------


def aliyun_ecs() -> Log:
    """Outages as tickets (opened at the first unavailable minute, restored when it answers),
    maintenance windows announced in time and too late, an excluded customer-caused outage,
    and an outage across the end of February: January meets 99.975%, February falls in the
    10% band, March in the 25% band (docs/rulesets/aliyun-ecs-2021.md works them out)."""
    log = Log()
    sla = {"sla": "ECS实例", "tier": "实例"}

    def outage(tid: str, start: str, end: str, note: str, *extra: Step) -> None:
        log.ticket(tid, (start, "opened", {**sla, "note": note}), *extra, (end, "restored"))

    # January: 6 minutes down; a 2-hour window announced 63 hours ahead is excluded, and so
    # is the outage inside it; a customer-caused outage is excluded by its cause.
    outage("ECS-0101", "2026-01-08 14:00", "2026-01-08 14:06", "宿主机故障迁移")
    log.add(
        "2026-01-12 10:00", "maintenance", sla="ECS实例",
        start=at("2026-01-15 01:00"), end=at("2026-01-15 03:00"), note="升级维护，提前公告",
    )  # fmt: skip
    outage("ECS-0102", "2026-01-15 01:00", "2026-01-15 02:30", "维护期间实例重启")
    outage(
        "ECS-0103",
        "2026-01-20 09:00",
        "2026-01-20 11:00",
        "客户误操作安全组",
        ("2026-01-20 11:30", "attributed", {"cause": "客户原因"}),
    )
    # February: a window announced 10 minutes after it began counts (40 minutes), a 5-minute
    # outage, and the first hour of an outage that runs into March.
    log.add(
        "2026-02-10 03:10", "maintenance",
        start=at("2026-02-10 03:00"), end=at("2026-02-10 03:40"), note="紧急割接，事后通知",
    )  # fmt: skip
    outage("ECS-0201", "2026-02-18 20:00", "2026-02-18 20:05", "网络抖动")
    outage("ECS-0202", "2026-02-28 23:00", "2026-03-01 01:00", "存储故障，跨月")
    # March: the second hour of that outage and a 36-hour outage.
    outage("ECS-0301", "2026-03-12 08:00", "2026-03-13 20:00", "可用区电力故障")
    # April: a window announced 16 hours ahead, excluded; the log ends with it, so March has
    # ended and April (100% available) is in progress.
    log.add(
        "2026-04-01 09:00", "maintenance", sla="ECS实例",
        start=at("2026-04-02 01:00"), end=at("2026-04-02 02:00"), note="四月例行维护",
    )  # fmt: skip
    return log


# ---- dk-itdrift-2026: four months from 2026-01-01, Copenhagen time ---------------------------


def dk_at(stamp: str) -> str:
    """``2026-04-01 11:00`` → ``2026-04-01T11:00:00+02:00`` (Danish time, CET or CEST)."""
    local = datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("Europe/Copenhagen"))
    return local.isoformat()


class DanishLog(Log):
    """A log whose stamps are Danish wall-clock times."""

    def add(self, stamp: str, type_: str, **fields: Value) -> None:
        event: Event = {"at": dk_at(stamp), "type": type_}
        event.update(fields)
        self.events.append(event)


def dk_itdrift() -> Log:
    log = DanishLog()
    # I1 kategori 1 on Tuesday 13 January at 10:00 (desk open): reaktion by 10:30 (met at
    # 10:20), løsning from 10:00 round the clock, 4 h → 14:00 (met at 13:30). The customer
    # asks for a root-cause analysis on Thursday 15 January, after the close: due 10
    # Arbejdsdage later at the same time, Thursday 29 January 09:00; delivered Friday 30
    # January 12:00, 27 hours late → 2 started days → 2 bodspoints in January.
    log.ticket(
        "I1",
        ("2026-01-13 10:00", "opened", opened("incident", "kategori1", "Fagsystemet svarer ikke")),
        ("2026-01-13 10:20", "responded"),
        ("2026-01-13 13:30", "resolved"),
        ("2026-01-13 14:00", "closed"),
        ("2026-01-15 09:00", "requested", {"note": "Kunden anmoder om rodårsagsanalyse"}),
        ("2026-01-30 12:00", "rca_reported"),
    )
    # January's report: due 10 Arbejdsdage after Saturday 31 January → Friday 13 February
    # (24:00); delivered Thursday 12 February: on time.
    log.add("2026-02-12 10:00", "delivered", deliverable="månedsrapport", note="januar")
    # I2 kategori 2 on Tuesday 10 February at 15:00, desk open: løsning 8 h from 15:00 → 23:00;
    # resolved 22:30: met. I3 the same evening at 20:00, desk closed: both clocks start at
    # Wednesday's opening, 08:00; løsning due 16:00, resolved 17:30: breached, 5 bodspoints.
    log.ticket(
        "I2",
        ("2026-02-10 15:00", "opened", opened("incident", "kategori2", "Udskrivning fejler")),
        ("2026-02-10 15:40", "responded"),
        ("2026-02-10 22:30", "resolved"),
        ("2026-02-11 09:00", "closed"),
    )
    log.ticket(
        "I3",
        (
            "2026-02-10 20:00",
            "opened",
            opened("incident", "kategori2", "CPR-opslag fejler"),
        ),
        ("2026-02-11 08:30", "responded"),
        ("2026-02-11 17:30", "resolved"),
        ("2026-02-12 09:00", "closed"),
    )
    # I5 kategori 1 on Saturday 7 March at 03:00: the desk opens Monday 9 March 08:00, so
    # løsning is due 12:00; resolved 12:30: breached, 10 bodspoints in March.
    log.ticket(
        "I5",
        ("2026-03-07 03:00", "opened", opened("incident", "kategori1", "Natlig batch stoppet")),
        ("2026-03-07 03:10", "responded"),
        ("2026-03-09 12:30", "resolved"),
        ("2026-03-09 13:00", "closed"),
    )
    # February's report: due 10 Arbejdsdage after Saturday 28 February → Friday 13 March;
    # delivered Monday 16 March: made late, 2 bodspoints in March.
    log.add("2026-03-16 09:00", "delivered", deliverable="månedsrapport", note="februar")
    # I4 kategori 3 on Wednesday 1 April at 11:00: reaktion 4 desk hours → 15:00 (met 14:00);
    # løsning 5 Arbejdsdage, plain: Easter (skærtorsdag 2, langfredag 3, 2. påskedag 6 April)
    # is skipped → Tue 7, Wed 8, Thu 9, Fri 10, Mon 13 April 11:00; resolved 10:00: met.
    log.ticket(
        "I4",
        (
            "2026-04-01 11:00",
            "opened",
            opened("incident", "kategori3", "Forkert dato i rapport"),
        ),
        ("2026-04-01 14:00", "responded"),
        ("2026-04-13 10:00", "resolved"),
        ("2026-04-24 12:00", "closed"),
    )
    # March's report (due 10 Arbejdsdage after Tuesday 31 March → Friday 17 April) never
    # comes: at the last event (24 April) it is missing, 5 bodspoints in April.
    return log


SAMPLES: dict[str, Callable[[], Log]] = {
    "cn-zwyw-2025": cn_zwyw,
    "aliyun-ecs-2021": aliyun_ecs,
    "fujian-gxt-2026": fujian_gxt,
    "fujian-scjg-2023": fujian_scjg,
    "fujian-slt-2024": fujian_slt,
    "guangxi-gat-2024": guangxi,
    "sichuan-sthjt-2025": sichuan,
    "dk-itdrift-2026": dk_itdrift,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a sample is stale")
    args = parser.parse_args(argv)
    stale = []
    for name, make in SAMPLES.items():
        path = HERE / f"{name}.events.jsonl"
        text = make().text()
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
