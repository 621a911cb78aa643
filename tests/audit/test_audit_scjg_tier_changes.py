"""Audit: fujian-scjg-2023, a ticket whose tier changes across 中秋国庆 2023 and its make-up
days, worked by hand from the contract (shared/contracts/fujian-scjg-2023.txt, 四、3 and 4):

  "如需要查阅相关资料再对采购人的问题进行回复时，应确保在30分钟内回复。" (咨询)
  "当发生问题时，运维服务商应在30分钟内响应，1个工作日内提供故障解决方案并解决故障（突发应急事件
  除外）。要求故障处理结束后2个工作日内，提交《故障报告》。" (故障)

The rule file's documented readings (docs/rulesets/fujian-scjg-2023.md, 1–2): 服务时间 is
Mon–Fri 08:00–12:00, 14:30–17:30 with the State Council holidays and 调休; "1个工作日内" /
"2个工作日内" per the Civil Code (the first day not counted, ending 24:00). A change of tier
is `retier remeasure allow full` (reading 11; this file first took the language's default,
no allowance): a running target is measured against the new tier from the report, but an
upgrade gives the new tier's own time from the change, never more than the ticket had; a
passed deadline stays breached.
2023 schedule: "中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（周六）、10月8日
（周日）上班。" Nothing here was copied from slarules' output.
"""

from __future__ import annotations

from typing import Any

import pytest

SCJG = "fujian-scjg-2023"


@pytest.mark.parametrize("resolved, status", [("2023-10-07 23:00", "met"),
                                              ("2023-10-09 09:00", "breached")])  # fmt: skip
def test_a_question_before_the_holidays_becomes_a_fault_on_the_make_up_saturday(
    kit: Any, resolved: str, status: str
) -> None:
    # 咨询 opened Thursday 28 Sep 17:20: 10 working minutes left that day (to 17:30), the
    # next working instant is the make-up Saturday 7 Oct 08:00, +20 min → due 08:20.
    # Raised to 故障 at 08:10 on 7 Oct: the response is 30 minutes in both tiers → 08:20;
    # answered 08:15: met. The fault now owes "1个工作日内…解决故障": from the report, 28 Sep
    # not counted, the next working day is Saturday 7 Oct → 7 Oct 24:00; but 咨询 owed no
    # resolution, and the new tier's own time from the change (7 Oct not counted, Sunday 8
    # Oct is a working day) ends 8 Oct 24:00 → due 2023-10-09T00:00. The report "2个工作日内"
    # after a resolution on 7 Oct 23:00: Sunday 8 Oct (a working day) and Monday 9 Oct →
    # due 9 Oct 24:00.
    events = kit.ticket(
        "Q", "故障", "咨询", "2023-09-28 17:20",
        ("2023-10-07 08:10", "retiered", {"tier": "故障"}),
        ("2023-10-07 08:15", "responded"),
        (resolved, "resolved"),
        ("2023-10-09 16:00", "reported"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2023-11-01 00:00")
    respond = kit.target(report, "Q", "respond")
    assert (respond["status"], respond["deadline"]) == ("met", "2023-10-07T08:20:00+08:00")
    resolve = kit.target(report, "Q", "resolve")
    assert (resolve["status"], resolve["deadline"], resolve["tier"]) == (
        status, "2023-10-09T00:00:00+08:00", "故障")  # fmt: skip
    if status == "met":
        rep = kit.target(report, "Q", "report")
        assert (rep["status"], rep["deadline"]) == ("met", "2023-10-10T00:00:00+08:00")


def test_a_fault_lowered_to_a_question_after_its_workday_stays_breached(kit: Any) -> None:
    # 故障 opened Friday 21 Apr 2023 17:20; 23 Apr (Sunday) is a make-up working day ("4月23日
    # （星期日）上班"): the response is due 08:20 that Sunday (10 min on Friday + 20), the
    # resolution at the end of that Sunday, 2023-04-24T00:00. Lowered to 咨询 on Monday
    # 24 Apr 09:00, after it: the missed resolution stays a breach of 故障.
    events = kit.ticket(
        "F", "故障", "故障", "2023-04-21 17:20",
        ("2023-04-23 08:15", "responded"),
        ("2023-04-24 09:00", "retiered", {"tier": "咨询"}),
        ("2023-04-24 10:00", "resolved"),
    )  # fmt: skip
    report = kit.replay(SCJG, events, as_of="2023-05-10 00:00")
    respond = kit.target(report, "F", "respond")
    assert (respond["status"], respond["deadline"]) == ("met", "2023-04-23T08:20:00+08:00")
    resolve = kit.target(report, "F", "resolve")
    assert (resolve["status"], resolve["deadline"], resolve["tier"]) == (
        "breached", "2023-04-24T00:00:00+08:00", "故障")  # fmt: skip
