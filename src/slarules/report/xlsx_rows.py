"""The rows of the workbook's tables (``xlsx.py`` lays them out): the 考核表's columns and
one row per line of an item, and the 工单 sheet's columns and one row per target.
Plain data, no XlsxWriter: the rows can be checked without writing a workbook.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..engine.evidence import TargetResult, TicketResult
from ..engine.scoring.results import ItemResult, PeriodResult
from ..language.literals import decimal_text_or
from .shown import shown_text
from .values import still_open_text

SCORE_HEAD = [
    "一级指标 group",
    "考核项 item",
    "分值 max",
    "考核细则 rule",
    "依据条款 clause",
    "次数 count",
    "扣分 points",
    "得分 score",
    "证据 evidence",
]

TICKET_HEAD = [
    "工单 ticket",
    "服务 sla",
    "级别 tier",
    "受理 opened",
    "提出部门 raised by",
    "排除 excluded",
    "指标 metric",
    "考核级别 target tier",
    "状态 status",
    "开始 start",
    "时限 deadline",
    "结束 stop",
    "计时 elapsed",
    "逾期天数 days late",
    "开始事件 start event",
    "结束事件 stop event",
    "全部事件 events",
]


def item_rows(item: ItemResult) -> Iterator[list[Any]]:
    """The item's first row carries its group, name, max and score; one row per line."""
    first = [item.group, item.name, item.max]
    if not item.lines:
        yield [*first, "", "", None, None, item.score]
        return
    cite = None
    for k, ln in enumerate(item.lines):
        lead = first if k == 0 else ["", "", None]
        shown_cite = ln.cite if ln.cite != cite else None  # a clause once, not per line
        cite = ln.cite
        notes = [f"{len(ln.superseded)} superseded"] if ln.superseded else []
        notes += [f"{len(ln.excluded)} excluded"] if ln.excluded else []
        evidence = "; ".join([*(shown_text(e) for e in ln.evidence), *(f"({n})" for n in notes)])
        yield [
            *lead,
            ln.rule + (f" [{ln.grade}]" if ln.grade else ""),
            shown_cite,
            ln.count,
            ln.points,
            item.score if k == 0 else None,
            evidence,
        ]


number = decimal_text_or  # a number that may be unknown: a dash


def period_state(p: PeriodResult) -> str:
    state = "已结束 ended" if p.ended else "进行中 in progress"
    state += "" if p.complete else "; 缺 missing: " + "; ".join(p.missing)
    if p.still_open:  # ended, but its scores, flags and payment may still change
        state += "; 未了结 still open: " + still_open_text(p.still_open)
    return state


def start_stop_events(target: TargetResult) -> tuple[str | None, str | None]:
    """The event that started the target's clock and the one that stopped it (the last
    stop after a reopening), as ``line N (id X)``, from what the clocks recorded of each
    event (``TargetResult.refs``); a target built by hand without roles falls back to the
    first and last of its events."""
    if target.start is None or not target.events:
        return None, None
    if target.roles:
        refs = target.refs()
        return (
            str(refs.start) if refs.start is not None else None,
            str(refs.stop) if refs.stop is not None else None,
        )
    start = str(target.events[0])
    stop = str(target.events[-1]) if target.stop is not None and len(target.events) > 1 else None
    return start, stop


def ticket_rows(tickets: Sequence[TicketResult]) -> Iterator[list[Any]]:
    for t in tickets:
        lead = [t.ticket, t.sla, t.tier, t.opened, t.assessor, t.excluded]
        if not t.targets:
            yield [*lead, "", "", "no targets"]
            continue
        for x in t.targets:
            start, stop = start_stop_events(x)
            yield [
                *lead,
                x.metric,
                x.tier,
                x.status,
                x.start,
                x.deadline,
                x.stop,
                x.elapsed,
                x.days_late or None,
                start,
                stop,
                "; ".join(str(e) for e in x.events),
            ]
