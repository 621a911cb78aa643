"""Assemble the reported periods: which instances, and everything computed for each.

An instance is reported when a scorecard, composite, payment or top-level flag uses its
period and it overlaps the reported range (``[first event, as_of]`` — from the start of the
earliest period an event names, when that is earlier) and has started by ``as_of``. A cycle
with a term is reported from its first cycle whenever the log begins: every cycle of the
term up to ``as_of`` is in the report, one with no evidence scoring what an empty period
scores (docs/language.md §2, "Terms"). With a
``--period`` selection, the instances that lie *within* the selection are reported: a
selection is a filter, never widened to a longer period around it. A selection with no
such instance — a month inside a yearly cycle, a year after the contract's term — is a
usage error that lists the periods the contract does have there (docs/reports.md).
Instances of different declarations with the same range and label (two ``month``
declarations) are one reported period. A period is complete when nothing it needs is
missing; an incomplete period has no payment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Protocol

from ... import model as m
from ...calendar.periods import PeriodInstance, Periods, PeriodSelection
from ...errors import UsageError
from ...i18n import _
from ..evidence import Evidence
from .payment import overscheduled
from .results import (
    FINAL,
    NO_TERMS,
    PENDING,
    PROVISIONAL,
    BondResult,
    CompositeResult,
    FlagResult,
    MeasureResult,
    PaymentResult,
    PeriodResult,
    ScorecardResult,
)


class Evaluator(Protocol):
    """What assembling the periods asks of the scoring (``evaluator.Evaluator``): the
    memoised score of each scorecard, composite, flag and payment in a period instance."""

    model: m.RuleFile
    evidence: Evidence
    periods: Periods
    warnings: list[str]

    def named_starts(self) -> list[datetime]: ...

    def started(self, inst: PeriodInstance) -> bool: ...

    def flag_period(self, flag: m.Flag) -> str | None: ...

    def scorecard(self, name: str, inst: PeriodInstance) -> ScorecardResult: ...

    def composite(self, name: str, inst: PeriodInstance) -> CompositeResult: ...

    def measure(self, name: str, inst: PeriodInstance) -> MeasureResult: ...

    def flag(self, flag: m.Flag, inst: PeriodInstance) -> tuple[FlagResult | None, list[str]]: ...

    def payment(
        self, payment: m.Payment, inst: PeriodInstance
    ) -> tuple[PaymentResult, tuple[str, ...]]: ...

    def still_open(self, inst: PeriodInstance) -> tuple[str, ...]: ...


_TICK = datetime.resolution


def reported_range(ev: Evaluator, selection: PeriodSelection | None) -> tuple[datetime, datetime]:
    as_of = ev.evidence.as_of
    if selection is not None:
        return selection.bounds(ev.periods)
    first = min([ev.evidence.first_event or as_of, *ev.named_starts()])
    return min(first, as_of), as_of + _TICK


def used_periods(ev: Evaluator) -> list[str]:
    """Period declarations in use, in declaration order."""
    model = ev.model
    used = {s.period for s in model.scorecards}
    used |= {c.period for c in model.composites}
    used |= {x.period for x in model.measures}
    used |= {p.period for p in model.payments}
    used |= {p for f in model.flags if (p := ev.flag_period(f)) is not None}
    return [p.name for p in model.periods if p.name in used]


def collect_periods(ev: Evaluator, selection: PeriodSelection | None) -> list[PeriodResult]:
    start, end = reported_range(ev, selection)
    groups: dict[tuple[datetime, datetime, str], list[PeriodInstance]] = {}
    around: list[PeriodInstance] = []
    for name in used_periods(ev):
        for inst in ev.periods.overlapping(name, _from(ev, name, start, selection), end):
            if selection is not None and not (start <= inst.start and inst.end <= end):
                around.append(inst)  # overlaps the selection without lying within it
            elif ev.started(inst) or selection is not None:
                groups.setdefault(inst.key, []).append(inst)
    if selection is not None:
        if not groups and used_periods(ev):
            raise UsageError(_no_period_within(ev, selection, around))
        groups = {key: group for key, group in groups.items() if ev.started(group[0])}
    for flag in ev.model.flags:
        if ev.flag_period(flag) is None:
            ev.warnings.append(
                _(
                    "flag {flag} names no scorecard or composite, so it has no period; "
                    "not evaluated"
                ).format(flag=flag.name)
            )
    if selection is not None and not groups and used_periods(ev):
        ev.warnings.append(
            _(
                "no period of the selection {selection} has started by as_of {as_of}; "
                "nothing is scored"
            ).format(selection=selection.label, as_of=ev.evidence.as_of.isoformat())
        )
    return [_period(ev, groups[key]) for key in sorted(groups)]


def _from(ev: Evaluator, name: str, start: datetime, selection: PeriodSelection | None) -> datetime:
    """Where the instances of ``name`` are reported from: a cycle with a term from its first
    cycle (the whole term's money is in the report, whenever the log begins), anything else
    from the reported range's start."""
    if selection is not None or ev.periods.term_count(name) is None:
        return start
    return min(start, ev.periods.get(name, 1).start)


def _no_period_within(
    ev: Evaluator, selection: PeriodSelection, around: list[PeriodInstance]
) -> str:
    """Why a selection selects nothing, and what to give instead."""
    if around:
        names = sorted({inst.period for inst in around})
        shown = [f"{inst.label} ({_day_range(inst)})" for inst in around[:12]]
        return _(
            "period {selection}: this contract scores per {periods}, and no such period lies "
            "within {label}; a period is reported whole, never cut: give {instead}"
        ).format(
            selection=selection.text,
            periods=", ".join(names),
            label=selection.label,
            instead=", ".join(shown),
        )
    cycles = [name for name in used_periods(ev) if ev.periods.defs[name].kind == "cycle"]
    spans = [_cycle_span(ev.periods, name) for name in cycles]
    if not spans:
        return _("period {selection}: no period this contract scores lies within it").format(
            selection=selection.text
        )
    whole = [_whole_term(name, ev.periods.term_count(name)) for name in cycles]
    return _(
        "period {selection} is outside the contract's cycles ({spans}); give {instead}"
    ).format(selection=selection.text, spans="; ".join(spans), instead=", ".join(whole))


def _whole_term(name: str, count: int | None) -> str:
    """``服务年:1`` for a one-cycle term, ``考核周期:1 to 考核周期:2`` for a longer one."""
    if count in (None, 1):
        return f"{name}:1"
    return _("{first} to {last}").format(first=f"{name}:1", last=f"{name}:{count}")


def _cycle_span(periods: Periods, name: str) -> str:
    """``服务年 runs 2024-07-01 – 2025-06-30`` (with a term) or ``服务周期 starts 2026-01-01``."""
    first = periods.get(name, 1).start.date().isoformat()
    end = periods.term_end(name)
    if end is None:
        return _("{name} starts {first}").format(name=name, first=first)
    return _("{name} runs {first} – {last}").format(name=name, first=first, last=_last_day(end))


def _day_range(inst: PeriodInstance) -> str:
    """``2024-07-01 – 2025-06-30``: the first and last day of an instance."""
    return f"{inst.start.date().isoformat()} – {_last_day(inst.end)}"


def _last_day(end: datetime) -> str:
    """The last day before the instant ``end`` (a period ends at 24:00 of its last day)."""
    return (end - timedelta(microseconds=1)).date().isoformat()


def _period(ev: Evaluator, instances: list[PeriodInstance]) -> PeriodResult:
    by_name = {inst.period: inst for inst in instances}
    first = instances[0]
    model = ev.model
    missing: list[str] = []
    cards = tuple(
        ev.scorecard(s.name, by_name[s.period]) for s in model.scorecards if s.period in by_name
    )
    comps = tuple(
        ev.composite(c.name, by_name[c.period]) for c in model.composites if c.period in by_name
    )
    measures = tuple(
        ev.measure(x.name, by_name[x.period]) for x in model.measures if x.period in by_name
    )
    for measured in measures:
        missing.extend(measured.missing)
    for card in cards:
        missing.extend(card.missing)
    for comp in comps:
        missing.extend(comp.missing)
    flags: list[FlagResult] = []
    for flag in model.flags:
        period = ev.flag_period(flag)
        if period in by_name:
            raised, flag_missing = ev.flag(flag, by_name[period])
            missing.extend(flag_missing)
            if raised is not None:
                flags.append(raised)
    payments = [p for p in model.payments if p.period in by_name]
    payment: PaymentResult | None = None
    if payments:
        # Computed even while the period is incomplete: lines whose inputs are known are
        # final, the others say what they wait for (docs/language.md §6).
        results = []
        for block in payments:
            result, pay_missing = ev.payment(block, by_name[block.period])
            missing.extend(pay_missing)
            results.append(result)
            warning = overscheduled(block, result)
            if warning is not None and warning not in ev.warnings:
                ev.warnings.append(warning)
        payment = _combine(results)
    still_open = tuple(dict.fromkeys(x for inst in instances for x in ev.still_open(inst)))
    return PeriodResult(
        label=first.label,
        start=first.start,
        end=first.end,
        ended=first.end <= ev.evidence.as_of,
        missing=tuple(sorted(set(missing))),
        scorecards=cards,
        composites=comps,
        payment=payment,
        flags=tuple(flags),
        has_payment=bool(payments),
        measures=measures,
        still_open=still_open,
    )


def _combine(results: list[PaymentResult]) -> PaymentResult:
    """Several payment blocks for one period: their lines and totals together (a total is
    pending when one of the blocks' is)."""
    if len(results) == 1:
        return results[0]
    bonds = [r.bond for r in results if r.bond is not None]
    bond = None
    if bonds:
        bond = BondResult(
            sum((b.amount for b in bonds), Decimal(0)),
            _total(b.deducted for b in bonds),
            _total(b.remaining for b in bonds),
            _total(b.opening for b in bonds),
        )
    statuses = {r.status for r in results}
    status = PENDING if PENDING in statuses else (NO_TERMS if statuses == {NO_TERMS} else FINAL)
    if status == FINAL and PROVISIONAL in statuses:
        status = PROVISIONAL
    with_terms = [r for r in results if r.status != NO_TERMS]
    return PaymentResult(
        results[0].period,
        results[0].contract_total,
        tuple(line for r in results for line in r.lines),
        _total(r.payable for r in with_terms) if with_terms else None,
        _total(r.damages for r in results),
        bond,
        tuple(f for r in results for f in r.flags),
        _total(r.refund for r in with_terms) if with_terms else None,
        status,
        tuple(sorted({w for r in results for w in r.waiting_for})),
        results[0].currency,  # one currency per rule file (docs/language.md §1)
    )


def _total(amounts: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for amount in amounts:
        if amount is None:
            return None
        total += amount
    return total
