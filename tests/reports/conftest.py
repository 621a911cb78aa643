"""The report the XLSX, HTML, summary and diff tests share: a small one whose numbers are
worked out by hand (the guangxi sample is replayed by the CLI tests themselves)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.report import Report

ROOT = Path(__file__).resolve().parents[2]

# The small contract: test_render_text.py renders it with its own events; the others add a
# hostile ticket id to those events (below).
SMALL_RULES = """
ruleset "small" { title "小型示例" timezone "Asia/Shanghai" }
param contract_total: money = 120000元
calendar 全天 { hours "24x7" }
period 月度 = month
kind 迟到
kind 未用
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from opened to restored
  exclude cause 不可抗力
  tier 紧急 { respond 10分钟 restore 4小时 }
}
scorecard 月度考核 per 月度 assessed by 监理 60%, 用户 40% {
  item 故障响应 max 10 { deduct 1 per breach of 故障 }
  item 考勤 max 10 { deduct 1 per occurrence of 迟到 }
  item 满意度 max 80 { judged }
}
composite 月度得分 per 月度 = 月度考核
payment per 月度 {
  base contract_total / 12
  pay band 月度得分 { [90, 100] -> 100%  [0, 90) -> 90% }
  flag 约谈 when 月度得分 < 95
}
"""

# A ticket id that would be a formula in a spreadsheet and markup in a page.
HOSTILE = '=HYPERLINK("http://evil.example/x","<b>T-9</b>")'


def ev(at: str, type_: str, **fields: Any) -> dict[str, Any]:
    return {"at": at + "+08:00", "type": type_, **fields}


SMALL_EVENTS = [
    ev("2026-03-02T09:00:00", "opened", ticket="T-2", sla="故障", tier="紧急"),
    ev("2026-03-02T09:30:00", "responded", ticket="T-2"),
    ev("2026-03-02T11:00:00", "restored", ticket="T-2"),
    ev("2026-03-03T09:00:00", "opened", ticket="T-10", sla="故障", tier="紧急"),
    ev("2026-03-03T09:05:00", "responded", ticket="T-10"),
    ev("2026-03-03T10:00:00", "restored", ticket="T-10"),
    ev("2026-03-04T09:00:00", "opened", ticket="T-3", sla="故障", tier="紧急"),
    ev("2026-03-04T10:00:00", "attributed", ticket="T-3", cause="不可抗力"),
    ev("2026-03-04T15:00:00", "restored", ticket="T-3"),
    ev("2026-03-10T09:20:00", "occurrence", kind="迟到", count=2, assessor="用户"),
    ev("2026-03-20T09:00:00", "opened", ticket=HOSTILE, sla="故障", tier="紧急", id="E-<9>"),
    ev("2026-03-20T09:05:00", "responded", ticket=HOSTILE),
    ev("2026-03-20T10:00:00", "restored", ticket=HOSTILE),
    ev("2026-03-30T17:00:00", "judgement", item="满意度", points=78, assessor="监理"),
    ev("2026-03-30T17:00:00", "judgement", item="满意度", points=72, assessor="用户"),
]
SMALL_AS_OF = "2026-03-31T18:00:00+08:00"


@pytest.fixture(scope="session")
def small_report() -> Report:
    # 监理: 故障响应 10 − 1 (T-2 responded 30 min after opening, target 10分钟) = 9,
    # 考勤 10, 满意度 78 → 97. 用户: 9, 考勤 10 − 2 (2 × 迟到) = 8, 满意度 72 → 89.
    # 月度考核 = 60% × 97 + 40% × 89 = 58.2 + 35.6 = 93.8. Band [90, 100] → 100% of
    # 120000 / 12 = 10000.00 payable; 93.8 < 95 → flag 约谈.
    rules = slarules.loads(SMALL_RULES, "small.sla")
    return rules.replay(SMALL_EVENTS, as_of=SMALL_AS_OF)


@pytest.fixture(scope="session")
def replay_small() -> Callable[[Callable[[str], str]], Report]:
    """Replay the small events under the small rules as ``amend`` changes them."""

    def replay(amend: Callable[[str], str]) -> Report:
        rules = slarules.loads(amend(SMALL_RULES), "small-amended.sla")
        return rules.replay(SMALL_EVENTS, as_of=SMALL_AS_OF)

    return replay
