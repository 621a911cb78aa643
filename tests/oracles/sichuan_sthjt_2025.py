"""An independent oracle for sichuan-sthjt-2025, written from the contract text alone.

shared/contracts/sichuan-sthjt-2025.txt ("5.2 (1) 故障响应及排除服务", "七", "7.1考核规则",
"7.2运维质量考评表") and the numbered readings of docs/rulesets/sichuan-sthjt-2025.md. It imports
nothing of slarules. From a list of SPEC §5 event objects it computes each ticket's targets
(30-minute response and 1-hour restoration on 7×24, the fault report "2日内" per the Civil
Code), the 7.2 table for each of the four 服务季度 and for the 服务年 (each over its own
evidence), 最终得分 = mean(季度) × 40% + 最终考核 × 60%, and the flags of the quarters and of
the year.

Reopenings (`closed` then `reopened`, reading 20 "reopen resumes restore"): the 1-hour
restoration runs again from where it stopped, the time between the restoration and the
reopening not counted; the response is given once; a fault report still running in time is
owed afresh from the next restoration, one delivered or already late stays (docs/language.md,
clock semantics 4). A reopened fault is one fault (总故障数), down during its restore spans
only (reading 21: 年故障时间 and 平均故障修复时间).

Left out: pauses (the SLA pauses nothing), tier changes (one tier), the inspection reports
(巡检报告, due from `inspected`), the weekly, monthly and annual reports, the 工作交接 flag;
evidence naming another period except the judgements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from functools import cache
from typing import Any

import holidays

CST = timezone(timedelta(hours=8))
ZERO = timedelta(0)
QUARTERS = [  # reading 1: from 2025-06-01, three months each
    (datetime(2025, 6, 1, tzinfo=CST), datetime(2025, 9, 1, tzinfo=CST)),
    (datetime(2025, 9, 1, tzinfo=CST), datetime(2025, 12, 1, tzinfo=CST)),
    (datetime(2025, 12, 1, tzinfo=CST), datetime(2026, 3, 1, tzinfo=CST)),
    (datetime(2026, 3, 1, tzinfo=CST), datetime(2026, 6, 1, tzinfo=CST)),
]
YEAR = (QUARTERS[0][0], QUARTERS[-1][1])  # "自2025年6月1日起至2026年5月31日结束" (reading 14)
RESPOND = timedelta(minutes=30)  # "响应时间为30分钟"
RESTORE = timedelta(hours=1)  # "对故障的恢复时间不超过1小时"
# Reading 17: "运维期满半年后，一周内": 1–7 Dec 2025, Sunday 7 Dec → Monday 8 Dec 24:00.
HALF_YEAR_DUE = datetime(2025, 12, 9, tzinfo=CST)


def parse_at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(CST)


@cache
def _china(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(statutory rest days, 调休 weekend days worked) listed for ``year``."""
    rest, worked = set(), set()
    for day, name in holidays.China(years=[year], language="en_US").items():
        rest.add(day)
        if "substituted from" in name:
            month, dd, yyyy = name.split("substituted from ")[1].rstrip(")").split("/")
            worked.add(date(int(yyyy), int(month), int(dd)))
    return frozenset(rest), frozenset(worked)


def _rest_day(day: date) -> bool:
    """A rest day or statutory holiday of the State Council schedule (调休 days work)."""
    rest, worked = _china(day.year)
    if day in worked or day in _china(day.year + 1)[1]:
        return False
    return day.weekday() >= 5 or day in rest


def civil_days_after(t: datetime, count: int) -> datetime:
    """ "2日内" per the Civil Code: the day of ``t`` is not counted; a last day that is a rest
    day moves to the next working day; the period ends at 24:00."""
    day = t.date() + timedelta(days=count)
    while _rest_day(day):
        day += timedelta(days=1)
    return datetime.combine(day + timedelta(days=1), time(0), CST)


@dataclass
class Fault:
    """One fault ticket. The restore clock runs in ``spans`` (``[begin, end]``, end None while
    running); the gaps between spans are the times between a restoration and a reopening,
    which do not count (reading 20, SPEC §3.8)."""

    ticket: str
    opened: datetime
    responded: datetime | None = None
    spans: list[list[datetime | None]] = field(default_factory=list)
    report_start: datetime | None = None
    reported: datetime | None = None
    closed: bool = False

    @property
    def restored(self) -> datetime | None:
        """The restoration that stopped the clock last, None while it runs."""
        return self.spans[-1][1] if self.spans else None

    def restore_due(self) -> datetime:
        """ "恢复时间不超过1小时": the instant the clock has run one hour; a gap that begins at
        or before that instant moves it by its length (at its deadline a target is not yet
        missed, SPEC §3.5), one that begins after it moves nothing (already missed)."""
        due = self.opened + RESTORE
        for (_, end), (begin, _) in zip(self.spans, self.spans[1:], strict=False):
            assert end is not None and begin is not None
            if end <= due:
                due += begin - end
        return due

    def repair_time(self) -> timedelta:
        """The time the restore clock ran (its spans), for a fault restored."""
        return sum(((b - a) for a, b in self.spans if a is not None and b is not None), ZERO)

    def down(self, as_of: datetime) -> list[tuple[datetime, datetime]]:
        """The restore spans, one still running up to ``as_of``."""
        return [(a, b if b is not None else as_of) for a, b in self.spans if a is not None]

    def targets(self, as_of: datetime) -> dict[str, tuple[str, datetime | None]]:
        found = {
            "respond": _status(self.responded, self.opened + RESPOND, as_of),
            "restore": _status(self.restored, self.restore_due(), as_of),
        }
        if self.report_start is None:
            found["report"] = ("not_applicable", None)  # "对于故障处理，2日内": from the fix
        else:
            due = civil_days_after(self.report_start, 2)
            found["report"] = _status(self.reported, due, as_of)
        return found

    def reopen(self, at: datetime) -> None:
        """Reading 20: a restored fault's clock runs again from ``at``; one closed before its
        restoration resumes nothing. The fault report that the undone restoration started
        and that is still running in time is owed from the next restoration ("2日内提供故障
        报告" of the fault fixed for good); one delivered, or late at ``at``, stays."""
        self.closed = False
        undone = self.restored
        if undone is None:
            return
        self.spans.append([at, None])
        started_by_fix = self.report_start is not None and self.report_start >= undone
        if started_by_fix and self.reported is None:
            assert self.report_start is not None
            if at <= civil_days_after(self.report_start, 2):
                self.report_start = None


def _status(stop: datetime | None, due: datetime, as_of: datetime) -> tuple[str, datetime]:
    if stop is not None:
        return ("met" if stop <= due else "breached", due)
    return ("breached" if as_of > due else "running", due)


def _points_for_suggestions(n: int) -> Decimal:
    """ "提出次数≥3次 2分 / 1次≤提出次数<2次 1分 / 没有提出 0分" (reading 4: "<2次" read "<3次")."""
    return Decimal(2) if n >= 3 else Decimal(1) if n >= 1 else Decimal(0)


def outage_grade(downtime: timedelta, count: int) -> str:
    """Reading 2: the worse of the two figures; 一般 is [24h, 36h] and 10–15 faults."""
    if downtime > timedelta(hours=36) or count > 15:
        return "较差"
    if downtime < timedelta(hours=24) and count < 10:
        return "优秀"
    return "一般"


def downtime(faults: list[Fault], as_of: datetime) -> timedelta:
    """Reading 3: the union of the faults' restore intervals, each fault whole in the period
    it was reported in (docs/language.md: "`downtime(…)` alone counts a ticket whole in the
    period it was opened in"), never past the end of the service year ("年故障时间": the
    time after 2026-05-31 is not the year's; see tests/audit/test_sichuan_sthjt_2025_r7_oracle.py),
    and a fault not yet restored down until the evaluation time. A reopened fault is down
    during its restore spans, not between a restoration and its reopening (reading 21)."""
    spans = []
    for f in faults:
        for a, b in f.down(as_of):
            b = min(b, YEAR[1], as_of)
            if b > a:
                spans.append((a, b))
    spans.sort()
    total, cur_a, cur_b = ZERO, None, None
    for a, b in spans:
        if cur_b is None or a > cur_b:
            if cur_b is not None and cur_a is not None:
                total += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_a is not None and cur_b is not None:
        total += cur_b - cur_a
    return total


@dataclass
class Sheet:
    """One 7.2 table: item scores, or None for the total while a judgement is missing."""

    items: dict[str, Decimal | None]
    total: Decimal | None
    outage_grade: str
    downtime: timedelta  # 年故障时间 of the window (reading 3, 11, 21)


def _window_of(at: datetime, windows: list[tuple[datetime, datetime]]) -> int | None:
    for i, (lo, hi) in enumerate(windows):
        if lo <= at < hi:
            return i
    return None


def sheet(
    events: list[dict[str, Any]],
    faults: list[Fault],
    window: tuple[datetime, datetime],
    label: str,
    scorecard: str,
    as_of: datetime,
) -> Sheet:
    """The 7.2 table over ``window`` (its own evidence: reading 2 "In a quarter the quarter's
    own figures", reading 4, reading 18)."""
    lo, hi = window
    inside = [f for f in faults if lo <= f.opened < hi]  # a ticket counts where it opened

    def occurrences(kind: str) -> int:
        return sum(
            int(e.get("count", 1))
            for e in events
            if e["type"] == "occurrence" and e["kind"] == kind and lo <= parse_at(e["at"]) < hi
        )

    judged = {
        e["item"]: Decimal(str(e["points"]))
        for e in events
        if e["type"] == "judgement" and e["scorecard"] == scorecard and e["period"] == label
    }
    two = Decimal(2)

    def floor(top: int, lost: Decimal) -> Decimal:
        return max(Decimal(top) - lost, Decimal(0))  # "扣完为止" (reading 7 for 过程文档)

    breaches = {m: 0 for m in ("respond", "restore", "report")}
    for f in inside:
        for metric, (status, _) in f.targets(as_of).items():
            breaches[metric] += status == "breached"
    items: dict[str, Decimal | None] = {}
    # 1 服务响应 (6): "未及时响应…每次扣2分，扣完为止" (reading 19)
    items["服务响应"] = floor(6, two * breaches["respond"])
    # 2 故障处理服务: 运行质量分析 (6), 故障恢复 (6), 年故障 (6)
    items["运行质量分析"] = floor(6, two * occurrences("运行质量分析不到位"))
    items["故障恢复"] = floor(6, two * breaches["restore"])
    down = downtime(inside, as_of)
    grade = outage_grade(down, len(inside))
    items["年故障"] = Decimal(6) if grade == "优秀" else judged.get("年故障")
    # 3 应急保障服务: 保障计划 (6), 突发故障支持 (8)
    late_plans = _late_deliveries(events, "保障计划", lo, hi, as_of)
    items["保障计划"] = floor(6, two * (late_plans + occurrences("保障技术支持不到位")))
    items["突发故障支持"] = floor(8, two * occurrences("应急支持不到位"))
    # 4 技术支持服务 (25), 5 日常运维工作质量 (25): judged; a 弱口令事件 forces 较差 (≤ 15).
    items["技术支持服务"] = judged.get("技术支持服务")
    quality = judged.get("日常运维工作质量")
    if quality is not None and occurrences("弱口令事件") > 0:
        quality = min(quality, Decimal(15))
    items["日常运维工作质量"] = quality
    # 6 过程文档 (10): "未按时提交每次扣2分", "未完整提交每次扣1分"
    half_year_late = 0
    if lo <= HALF_YEAR_DUE < hi:
        half_year_late = _late_deliveries(
            [{"type": "due", "deliverable": "半年运维总结报告", "at": HALF_YEAR_DUE.isoformat()}]
            + [e for e in events if e.get("deliverable") == "半年运维总结报告"],
            "半年运维总结报告",
            lo,
            hi,
            as_of,
        )
    lost = two * (breaches["report"] + half_year_late) + occurrences("文档未完整提交")
    items["过程文档"] = floor(10, lost)
    # 7 其他 (2): 合理化建议
    items["其他"] = _points_for_suggestions(occurrences("合理化建议"))
    total = None
    if all(v is not None for v in items.values()):
        total = sum((v for v in items.values() if v is not None), Decimal(0))
    return Sheet(items, total, grade, down)


def _late_deliveries(
    events: list[dict[str, Any]], name: str, lo: datetime, hi: datetime, as_of: datetime
) -> int:
    """Due times of ``name`` in the window delivered late or not yet delivered once passed;
    deliveries fill the oldest due first (docs/events.md)."""
    dues = sorted(
        parse_at(e["at"]) for e in events if e["type"] == "due" and e["deliverable"] == name
    )
    done = sorted(
        parse_at(e["at"]) for e in events if e["type"] == "delivered" and e["deliverable"] == name
    )
    late = 0
    for due in dues:
        delivered = done.pop(0) if done else None
        if not lo <= due < hi:
            continue  # a due time counts in the period that holds it
        if (delivered if delivered is not None else as_of) > due:
            late += 1
    return late


@dataclass
class OracleResult:
    tickets: dict[str, dict[str, tuple[str, datetime | None]]]
    quarters: list[Sheet]
    year: Sheet
    final: Decimal | None
    quarter_flags: list[set[str]]
    year_flags: set[str]
    mttr: Decimal | None  # 平均故障修复时间 in seconds, of the faults restored (reading 11, 21)


def faults_of(events: list[dict[str, Any]], as_of: datetime) -> list[Fault]:
    """The faults of the log: the first answer, the restore clock's spans, the report."""
    kept = [e for e in events if parse_at(e["at"]) <= as_of]
    ordered = sorted(enumerate(kept), key=lambda p: (parse_at(p[1]["at"]), p[0]))
    faults: dict[str, Fault] = {}
    for _, e in ordered:
        at = parse_at(e["at"])
        kind = e["type"]
        if kind == "opened":
            faults[e["ticket"]] = Fault(e["ticket"], at, spans=[[at, None]])
            continue
        if "ticket" not in e or e["ticket"] not in faults:
            continue
        f = faults[e["ticket"]]
        if kind == "responded" and f.responded is None:
            f.responded = at
        elif kind == "restored" and f.spans[-1][1] is None:
            f.spans[-1][1] = at
            if f.report_start is None:  # "2日内提供故障报告": from the restoration
                f.report_start = at
        elif kind == "reported" and f.report_start is not None and f.reported is None:
            f.reported = at
        elif kind == "closed":
            f.closed = True
        elif kind == "reopened":
            f.reopen(at)
    return list(faults.values())


def evaluate(events: list[dict[str, Any]], as_of: datetime) -> OracleResult:
    kept = [e for e in events if parse_at(e["at"]) <= as_of]
    ordered = sorted(enumerate(kept), key=lambda p: (parse_at(p[1]["at"]), p[0]))
    events_in = [e for _, e in ordered]
    all_faults = faults_of(events, as_of)
    quarters = [
        sheet(events_in, all_faults, q, f"服务季度:{i + 1}", "季度考核", as_of)
        for i, q in enumerate(QUARTERS)
    ]
    year = sheet(events_in, all_faults, YEAR, "服务年:1", "最终考核", as_of)
    # "最终考核得分计算方式为：季度考核得分平均值*40%+最终考核得分*60%"
    final = None
    totals = [q.total for q in quarters]
    if year.total is not None and all(t is not None for t in totals):
        mean = sum((t for t in totals if t is not None), Decimal(0)) / 4
        final = mean * Decimal("0.4") + year.total * Decimal("0.6")
    quarter_flags: list[set[str]] = []
    for i, q in enumerate(quarters):
        flags = set()
        if q.total is not None and q.total < 65:  # "65分以下的为不合格" (reading 9: strictly)
            flags.add("季度考核不合格")
            before = quarters[i - 1].total if i > 0 else None
            if before is not None and before < 65:  # "连续两个季度考核不合格…整改通知书"
                flags.add("整改通知书")
        quarter_flags.append(flags)
    year_flags = set()
    restored = [f for f in all_faults if f.restored is not None and YEAR[0] <= f.opened < YEAR[1]]
    in_year = [f for f in all_faults if YEAR[0] <= f.opened < YEAR[1]]
    if downtime(in_year, as_of) >= timedelta(hours=24):
        year_flags.add("年故障时间未达要求")  # "年故障时间小于24小时" (reading 11)
    mttr = None
    if restored:
        # Reading 21: a reopened fault's repair time is the time its clock ran; a fault
        # reopened and not restored again is not restored (it is not in the mean yet).
        seconds = sum(int(f.repair_time().total_seconds()) for f in restored)
        mttr = Decimal(seconds) / len(restored)
        if mttr >= 3600:
            year_flags.add("平均故障修复时间未达要求")  # "平均故障修复时间小于1小时"
    if any("整改通知书" in flags for flags in quarter_flags):
        year_flags.add("年内连续两个季度不合格")
    if final is not None:
        if final >= 85:
            year_flags.add("退还履约保函")
        elif final >= 65:
            year_flags.add("整改后重新考评")
        else:
            year_flags.add("最终考核不合格")
    report = {f.ticket: f.targets(as_of) for f in all_faults}
    return OracleResult(report, quarters, year, final, quarter_flags, year_flags, mttr)


__all__ = ["QUARTERS", "YEAR", "evaluate", "faults_of", "outage_grade", "parse_at", "sheet"]
