"""A generator of synthetic, realistic, time-ordered event logs (SPEC §5) for a ruleset.

The names come from the rule file, so the log replays without a single unknown name: the
SLAs with their tiers and metric events, the causes they exclude or exempt, the evidence
kinds (with the judged point ranges their rules expect), the deliverables, the judged items
and the assessors of each scorecard, and the milestones payments wait for.  When the file
is not there yet, the names issue 5 fixes for guangxi-gat-2024 stand in (``FALLBACK``).

What a log holds, spread over one assessment cycle:

* tickets of every tier (urgent ones rarer), each ``opened``, then its metrics' stop events
  after the tier's target times a random factor (about one in eight is late), with pauses,
  downgrades (``retiered`` to the next tier), exclusions (``attributed``), reopenings, a
  fault occurrence on some tickets and, on a few of those, a security event that supersedes
  it; then ``closed``;
* occurrences of the other kinds, each observed by one of the assessors;
* monthly ``due``/``delivered`` pairs for each deliverable, some delivered late;
* judgements for every judged item from every assessor of its scorecard, near the end;
* the milestones the payments wait for.

Events are written in order of ``at`` (a heap holds the pending events of open tickets, so
generating a 5,000,000-event log needs memory for open tickets only).  No ``id`` field: the
duplicate check needs every id kept, which would make replay memory grow with the log.

Deterministic: the same ruleset, size and seed give the same bytes.
"""

from __future__ import annotations

import calendar
import hashlib
import heapq
import itertools
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .common import GUANGXI_RULES, atomic_write, data_path

EXTRA_EVENTS_PER_TICKET = 0.55  # pauses, downgrades, attributions, reopenings, occurrences
TIER_WEIGHTS = (0.05, 0.15, 0.40, 0.40)  # first (most urgent) tier rarest
LATE_SIGMA = 0.6  # lognormal spread of the time taken, relative to half the target


@dataclass(frozen=True)
class MetricVocab:
    name: str
    start: str
    stops: tuple[str, ...]


@dataclass(frozen=True)
class SlaVocab:
    name: str
    tiers: tuple[str, ...]
    metrics: tuple[MetricVocab, ...]
    targets: dict[tuple[str, str], int]  # (tier, metric) → seconds, roughly
    causes: tuple[str, ...]
    share: float = 1.0


@dataclass(frozen=True)
class KindVocab:
    name: str
    points: tuple[int, int] | None = None  # the judged range occurrences must carry
    superseded_by: str | None = None


@dataclass(frozen=True)
class JudgedVocab:
    item: str
    low: int
    high: int
    assessors: tuple[str, ...]


@dataclass(frozen=True)
class Vocab:
    slas: tuple[SlaVocab, ...]
    kinds: tuple[KindVocab, ...]
    judged: tuple[JudgedVocab, ...]
    deliverables: tuple[str, ...]
    milestones: tuple[str, ...]
    assessors: tuple[str, ...]
    start: date
    months: int
    timezone: str = "Asia/Shanghai"
    # Where the names came from; not part of the key, so editing a comment in the rule file
    # does not make a new log.
    source: str = field(default="fallback", compare=False, repr=False)


DEPARTMENTS = (
    "厅政治部",
    "警令指挥部",
    "警务督察总队",
    "经济犯罪侦查总队",
    "治安警察总队",
    "刑事侦查总队",
    "监所管理总队",
    "交通警察总队",
    "机场公安局",
    "警务保障部",
    "禁毒总队",
    "科技信息化总队",
)

_MIN, _HOUR = 60, 3600
FALLBACK = Vocab(
    slas=(
        SlaVocab(
            name="事件",
            tiers=("1级", "2级", "3级", "4级"),
            metrics=(
                MetricVocab("respond", "opened", ("responded",)),
                MetricVocab("resolve", "opened", ("resolved",)),
            ),
            targets={
                ("1级", "respond"): 15 * _MIN,
                ("1级", "resolve"): 4 * _HOUR,
                ("2级", "respond"): 30 * _MIN,
                ("2级", "resolve"): 8 * _HOUR,
                ("3级", "respond"): 45 * _MIN,
                ("3级", "resolve"): 24 * _HOUR,
                ("4级", "respond"): 60 * _MIN,
                ("4级", "resolve"): 48 * _HOUR,
            },
            causes=("采购人原因", "第三方原因", "不可抗力"),
        ),
    ),
    kinds=(
        KindVocab("系统运行故障", superseded_by="安全运行事件"),
        KindVocab("安全运行事件", points=(5, 20)),
        KindVocab("非工作时间失联"),
        KindVocab("驻点缺席"),
    ),
    judged=(),
    deliverables=("履约材料",),
    milestones=("accepted",),
    assessors=("监理", *DEPARTMENTS),
    start=date(2024, 9, 1),
    months=12,
)


# ---- the vocabulary of a rule file ------------------------------------------------------


def vocab_for(path: Path = GUANGXI_RULES) -> Vocab:
    """The names ``path`` declares, or ``FALLBACK`` while the file does not exist."""
    if not path.exists():
        return FALLBACK
    from slarules.api import read_rule_file
    from slarules.language.parser import parse

    text = read_rule_file(path)
    model = parse(text, str(path))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return vocab_from_model(model, source=f"{path.name}@{digest}")


def vocab_from_model(model: Any, source: str = "model") -> Vocab:
    from slarules import model as m

    slas = tuple(_sla_vocab(s, m) for s in model.slas)
    kinds, judged = _kind_and_judged_vocab(model, m)
    assessors = tuple(dict.fromkeys(a.name for card in model.scorecards for a in card.assessors))
    milestones = tuple(  # the milestone events payments wait for (not those due by a date)
        dict.fromkeys(
            e.after
            for p in model.payments
            for e in p.entries
            if isinstance(e, m.Milestone) and e.after is not None
        )
    )
    start, months = _cycle(model, m)
    shares = [1.0 if i == 0 else 0.1 for i in range(len(slas))]
    total = sum(shares)
    slas = tuple(
        SlaVocab(s.name, s.tiers, s.metrics, s.targets, s.causes, share / total)
        for s, share in zip(slas, shares, strict=True)
    )
    return Vocab(
        slas=slas,
        kinds=kinds,
        judged=judged,
        # Deliverables whose due times the rules compute take no `due` events.
        deliverables=tuple(d.name for d in model.deliverables if d.due is None),
        milestones=milestones,
        assessors=assessors,
        start=start,
        months=months,
        timezone=model.timezone,
        source=source,
    )


def _sla_vocab(sla: Any, m: Any) -> SlaVocab:
    targets: dict[tuple[str, str], int] = {}
    for tier in sla.tiers:
        for target in tier.targets:
            if target.amount is None:  # `agreed`: only an `agreed` event sets it; none here
                continue
            value = target.amount.value
            if isinstance(value, timedelta):
                seconds = int(value.total_seconds())
            else:  # days, workdays: a count of days
                seconds = int(value) * 86400
            targets[(tier.name, target.metric)] = seconds
    causes = [c for e in sla.exclusions for c in e.causes]
    causes += [c for e in sla.exemptions for c in e.causes]
    metrics = tuple(MetricVocab(x.name, x.start, tuple(x.stops)) for x in sla.metrics)
    return SlaVocab(
        sla.name, tuple(t.name for t in sla.tiers), metrics, targets, tuple(dict.fromkeys(causes))
    )


def _kind_and_judged_vocab(
    model: Any, m: Any
) -> tuple[tuple[KindVocab, ...], tuple[JudgedVocab, ...]]:
    ranges: dict[str, tuple[int, int]] = {}
    judged: list[JudgedVocab] = []
    for card in model.scorecards:
        assessors = tuple(a.name for a in card.assessors)
        for item in _items(card.entries, m):
            for rule in item.rules:
                if isinstance(rule, m.CountRule) and isinstance(rule.amount, m.JudgedRange):
                    kind = getattr(rule.counter, "kind", None)
                    whole = _whole_range(rule.amount.interval)
                    if kind is not None and whole is not None:
                        ranges[kind] = whole
                elif isinstance(rule, m.JudgedRule):
                    intervals = [g.interval for g in rule.grades]
                    whole = _whole_range(intervals[0]) if intervals else (0, int(item.max.number))
                    if whole is not None:
                        judged.append(JudgedVocab(item.name, *whole, assessors))
    kinds = tuple(KindVocab(k.name, ranges.get(k.name), k.superseded_by) for k in model.kinds)
    return kinds, tuple(judged)


def _items(entries: Any, m: Any) -> Iterator[Any]:
    for entry in entries:
        if isinstance(entry, m.Group):
            yield from _items(entry.entries, m)
        else:
            yield entry


def _whole_range(interval: Any) -> tuple[int, int] | None:
    """The whole numbers inside an interval, as (low, high); None if it holds none."""
    low, high = interval.low, interval.high
    if low.value is None or high.value is None:
        return None
    lo = -low.value.number if low.negative else low.value.number
    hi = -high.value.number if high.negative else high.value.number
    first = math.ceil(lo) + (1 if not low.closed and lo == math.ceil(lo) else 0)
    last = math.floor(hi) - (1 if not high.closed and hi == math.floor(hi) else 0)
    return (int(first), int(last)) if first <= last else None


def _cycle(model: Any, m: Any) -> tuple[date, int]:
    """The first cycle's start and length (the longest cycle the file declares)."""
    cycles = [p for p in model.periods if p.kind == "cycle"]
    if not cycles:
        return FALLBACK.start, FALLBACK.months
    longest = max(cycles, key=lambda p: p.months or 0)
    anchor = longest.anchor
    if isinstance(anchor, str):
        param = next((p for p in model.params if p.name == anchor), None)
        anchor = param.default.value if param is not None and param.default else None
    return (anchor if isinstance(anchor, date) else FALLBACK.start), longest.months or 12


def events_per_ticket(vocab: Vocab) -> float:
    """About how many events a ticket gets (a mean over the SLAs' shares): opened, one stop
    event per metric (stops shared by metrics count once), closed, and the extras.  Sizes
    the ticket rate so that the requested number of events fills one cycle."""
    mean = 0.0
    for sla in vocab.slas:
        stops = {metric.stops[0] for metric in sla.metrics}
        mean += sla.share * (2 + len(stops) + EXTRA_EVENTS_PER_TICKET)
    return mean


# ---- the log --------------------------------------------------------------------------


class _Writer:
    """Pending events ordered by (time, sequence), flushed to the file in time order."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.heap: list[tuple[int, int, dict[str, Any]]] = []
        self.seq = 0
        self.tz = tz

    def push(self, at: int, event: dict[str, Any]) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (at, self.seq, event))

    def pop_until(self, until: int | None) -> Iterator[str]:
        heap, tz = self.heap, self.tz
        while heap and (until is None or heap[0][0] <= until):
            at, _, event = heapq.heappop(heap)
            stamp = datetime.fromtimestamp(at, tz).isoformat()
            yield json.dumps({"at": stamp, **event}, ensure_ascii=False)


class Generator:
    """Builds one log; ``lines()`` yields exactly ``events`` JSON lines in time order."""

    def __init__(self, vocab: Vocab, events: int, seed: int) -> None:
        self.v = vocab
        self.events = events
        self.rng = random.Random(seed)
        self.tz = ZoneInfo(vocab.timezone)
        first = datetime(vocab.start.year, vocab.start.month, vocab.start.day, tzinfo=self.tz)
        self.begin = int(first.timestamp())
        months = vocab.start.month - 1 + vocab.months
        year, month = first.year + months // 12, months % 12 + 1
        day = min(first.day, calendar.monthrange(year, month)[1])  # 31 Jan + 1 month: 28 Feb
        end = first.replace(year=year, month=month, day=day)
        self.end = int(end.timestamp())
        per_ticket = events_per_ticket(vocab) or 1.0  # a file without SLAs: no tickets
        tickets = max(1, int(events / per_ticket))
        self.gap = (self.end - self.begin) / tickets  # mean seconds between tickets

    def lines(self) -> Iterator[str]:
        out = _Writer(self.tz)
        self._schedule_background(out)
        rng, t, n, written = self.rng, float(self.begin), 0, 0
        if not self.v.slas:  # no ticket to open: the other evidence only
            yield from itertools.islice(out.pop_until(None), self.events)
            return
        while written < self.events:
            t += rng.expovariate(1 / self.gap)  # past the cycle's end if the count needs it
            n += 1
            self._ticket(out, int(t), f"T{n:07d}")
            for line in out.pop_until(int(t)):
                yield line
                written += 1
                if written == self.events:
                    return

    # -- tickets

    def _ticket(self, out: _Writer, t0: int, ticket: str) -> None:
        rng = self.rng
        sla = self._choose_sla()
        tier_i = self._choose_tier(sla)
        tier = sla.tiers[tier_i]
        out.push(t0, {"type": "opened", "ticket": ticket, "sla": sla.name, "tier": tier})
        when = self._stop_times(sla, tier, t0)
        last = max(when.values())  # the ticket's last clock event
        for name, at in when.items():
            if name != "opened":
                out.push(at, {"type": name, "ticket": ticket})
        if rng.random() < 0.08:  # waiting for the purchaser: a pause
            a = rng.randint(t0, max(t0, last - 1))
            b = rng.randint(a, max(a, last))
            out.push(a, {"type": "paused", "ticket": ticket, "note": "等待采购人确认"})
            out.push(b, {"type": "resumed", "ticket": ticket})
        if tier_i + 1 < len(sla.tiers) and rng.random() < 0.06:
            at = rng.randint(t0, max(t0, (t0 + last) // 2))
            out.push(at, {"type": "retiered", "ticket": ticket, "tier": sla.tiers[tier_i + 1]})
        if sla.causes and rng.random() < 0.03:
            at = rng.randint(t0, max(t0, last))
            cause = rng.choice(sla.causes)
            out.push(at, {"type": "attributed", "ticket": ticket, "cause": cause})
        self._ticket_occurrences(out, ticket, t0, last)
        closed = last + rng.randint(600, 7200)
        out.push(closed, {"type": "closed", "ticket": ticket})
        resolution = self._resolution(sla, when)
        if resolution is not None and rng.random() < 0.02:  # the fault comes back
            again = closed + rng.randint(3600, 86400)
            out.push(again, {"type": "reopened", "ticket": ticket, "note": "故障复现"})
            fixed = again + rng.randint(600, 4 * 3600)
            out.push(fixed, {"type": resolution, "ticket": ticket})
            out.push(fixed + rng.randint(600, 7200), {"type": "closed", "ticket": ticket})

    @staticmethod
    def _resolution(sla: SlaVocab, when: dict[str, int]) -> str | None:
        """The last stop event of the clocks that start at ``opened``: what a reopening
        undoes and what has to happen again after it."""
        stops = [s for m in sla.metrics if m.start == "opened" for s in m.stops if s in when]
        return max(stops, key=lambda s: when[s]) if stops else None

    def _choose_sla(self) -> SlaVocab:
        r, acc = self.rng.random(), 0.0
        for sla in self.v.slas:
            acc += sla.share
            if r < acc:
                return sla
        return self.v.slas[-1]

    def _choose_tier(self, sla: SlaVocab) -> int:
        weights = (TIER_WEIGHTS + (0.4,) * len(sla.tiers))[: len(sla.tiers)]
        return self.rng.choices(range(len(sla.tiers)), weights=weights)[0]

    def _stop_times(self, sla: SlaVocab, tier: str, t0: int) -> dict[str, int]:
        """When each metric's stop event happens: target × a lognormal factor (median half
        the target, so about one in eight is late); chained metrics start from their start
        event.  Metrics without a target on this tier take hours to a day."""
        rng = self.rng
        when = {"opened": t0}
        pending = list(sla.metrics)
        while pending:
            progressed = False
            for metric in list(pending):
                if metric.start not in when:
                    continue
                pending.remove(metric)
                progressed = True
                stop = metric.stops[-1] if len(metric.stops) > 1 and rng.random() < 0.1 else None
                stop = stop or metric.stops[0]
                if stop in when:
                    continue
                target = sla.targets.get((tier, metric.name), rng.randint(3600, 86400))
                factor = rng.lognormvariate(math.log(0.5), LATE_SIGMA)
                when[stop] = when[metric.start] + max(60, int(target * factor))
            if not progressed:
                break
        return when

    def _ticket_occurrences(self, out: _Writer, ticket: str, t0: int, last: int) -> None:
        rng = self.rng
        for kind in self.v.kinds:
            if kind.superseded_by is None or rng.random() >= 0.04:
                continue
            at = rng.randint(t0, max(t0, last))
            out.push(at, self._occurrence(kind, ticket))
            if rng.random() < 0.2:
                other = next((k for k in self.v.kinds if k.name == kind.superseded_by), None)
                if other is not None:
                    out.push(rng.randint(at, max(at, last)), self._occurrence(other, ticket))

    def _occurrence(self, kind: KindVocab, ticket: str | None) -> dict[str, Any]:
        event: dict[str, Any] = {"type": "occurrence", "kind": kind.name}
        if ticket is not None:
            event["ticket"] = ticket
        if kind.points is not None:
            event["points"] = self.rng.randint(*kind.points)
        if self.v.assessors and self.rng.random() < 0.5:  # the rest seen by the supervisor
            event["assessor"] = self.rng.choice(self.v.assessors)
        return event

    # -- everything that is not a ticket

    def _schedule_background(self, out: _Writer) -> None:
        rng, v, begin, end = self.rng, self.v, self.begin, self.end
        for name in v.milestones:
            out.push(begin + rng.randint(0, 10 * 86400), {"type": "milestone", "name": name})
        loose = [k for k in v.kinds if k.superseded_by is None and k.points is None]
        for _ in range(max(1, self.events // 400)):
            if loose:
                out.push(rng.randint(begin, end), self._occurrence(rng.choice(loose), None))
        month = datetime.fromtimestamp(begin, self.tz).replace(day=1, hour=0, minute=0, second=0)
        for i in range(v.months):
            year, mon = divmod(month.month - 1 + i + 1, 12)
            due = int(month.replace(year=month.year + year, month=mon + 1, day=6).timestamp())
            for deliverable in v.deliverables:
                out.push(due, {"type": "due", "deliverable": deliverable})
                late = rng.random() < 0.15
                got = due + (rng.randint(1, 5) * 86400 if late else -rng.randint(3600, 4 * 86400))
                out.push(max(begin, got), {"type": "delivered", "deliverable": deliverable})
        verdict = end - 20 * 86400
        for judged in v.judged:
            for assessor in judged.assessors or (None,):
                event: dict[str, Any] = {
                    "type": "judgement",
                    "item": judged.item,
                    "points": rng.randint(judged.low, judged.high),
                }
                if assessor is not None:
                    event["assessor"] = assessor
                out.push(verdict + rng.randint(0, 86400), event)


def generate(path: Path, vocab: Vocab, events: int, seed: int = 1) -> None:
    """Write ``events`` lines to ``path``."""
    with path.open("w", encoding="utf-8") as f:
        batch: list[str] = []
        for line in Generator(vocab, events, seed).lines():
            batch.append(line)
            if len(batch) >= 10_000:
                f.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            f.write("\n".join(batch) + "\n")


def event_log(events: int, seed: int = 1, rules: Path = GUANGXI_RULES) -> tuple[Path, bool]:
    """The cached log for these parameters under benchmarks/data/ (generated if missing);
    the flag says whether it was generated now."""
    vocab = vocab_for(rules)
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a changed generator
    key = hashlib.sha256(repr((code, vocab, events, seed)).encode()).hexdigest()
    path = data_path(f"events-{events}-seed{seed}-{key[:12]}.jsonl")
    if path.exists():
        return path, False
    for stale in path.parent.glob(f"events-{events}-seed{seed}-*.jsonl"):
        stale.unlink()  # an older generator's or ruleset's log of the same size: replaced
    atomic_write(path, lambda tmp: generate(tmp, vocab, events, seed))
    return path, True
