"""The contract's term (docs/language.md §2, "Terms"): which period a payment milestone
pays for, and which evidence falls outside the term.

Money belongs to the period whose service it pays. A milestone event (``invoiced``,
``accepted``…) counts in the period that contains it, or in the period it names
(``"period": "服务年:1"``, see ``attribution``). For a cycle with a term, one dated before
the first cycle counts in the first (the advance invoiced when the contract is signed) and
one dated after the term counts in the last: it can pay for no later service, since the
contract has none (fujian-slt's balance, invoiced after the service year, is that year's).

Evidence after the term — tickets opened, occurrences, judgements, scores, deliverables due —
counts in no period: it is reported as outside the contract (``OutsideTerm``), never as a
further period that pays a share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from attrs import frozen

from ...calendar.periods import PeriodInstance, Periods
from ..evidence import Evidence, MilestoneEvent
from .attribution import instance_family, label_family


@frozen
class OutsideTerm:
    """The evidence of a period declaration dated at or after its term's end."""

    period: str
    end: datetime
    evidence: tuple[str, ...]


def milestones_for(
    periods: Periods, inst: PeriodInstance, events: Sequence[MilestoneEvent]
) -> tuple[MilestoneEvent, ...]:
    """The milestone events whose payments belong to ``inst`` (see module docstring)."""
    first, last = _term_bounds(periods, inst)

    family = instance_family(inst)

    def belongs(event: MilestoneEvent) -> bool:
        if event.period is not None and label_family(event.period) == family:
            return event.period == inst.label
        before = first is not None and event.at < first
        after = last is not None and event.at >= last
        return inst.contains(event.at) or before or after

    return tuple(event for event in events if belongs(event))


def _term_bounds(periods: Periods, inst: PeriodInstance) -> tuple[datetime | None, datetime | None]:
    """Where ``inst`` also takes milestones from: before the term (first cycle) and after
    it (last cycle); None where it takes none."""
    count = periods.term_count(inst.period)
    if count is None:
        return None, None
    first = inst.start if inst.index == 1 else None
    last = periods.term_end(inst.period) if inst.index == count else None
    return first, last


def outside_term(periods: Periods, names: Iterable[str], evidence: Evidence) -> list[OutsideTerm]:
    """Per used cycle declaration with a term, the evidence dated after the term, in the
    order of the log. Milestones are not listed: those after the term pay for its last
    cycle."""
    out = []
    for name in names:
        end = periods.term_end(name)
        if end is None:
            continue
        found: list[tuple[int, str]] = []
        for t in evidence.tickets:
            if t.opened >= end and t.events:
                found.append((t.events[0].line, f"{t.events[0]}: ticket {t.ticket} opened"))
        for o in evidence.occurrences:
            if o.at >= end and o.period is None:
                found.append((o.event.line, f"{o.event}: occurrence {o.kind}"))
        for j in evidence.judgements:
            if j.at >= end and j.period is None:
                found.append((j.event.line, f"{j.event}: judgement {j.item}"))
        for s in evidence.scores:
            if s.at >= end and s.period is None:
                found.append((s.event.line, f"{s.event}: score {s.scorecard}"))
        for d in evidence.deliveries:
            if d.due >= end and d.period is None:
                line = d.due_event.line if d.due_event is not None else 0
                typed = d.basis is None  # a due event, else a due time the rules computed
                text = f"{d.due_event}: {d.deliverable} due" if typed else ""
                found.append((line, text or f"{d.deliverable} due {d.due_text()}"))
        if found:
            out.append(OutsideTerm(name, end, tuple(text for _, text in sorted(found))))
    return out
