"""What an ended period still has open at the evaluation time: evidence whose count can still
change after ``as_of`` (docs/reports.md, "A line reported final never changes").

A period that has ended is not always settled. Its tickets and deliverables count in it
(a ticket in the period it was opened in, a report in the period it is due in), and while
one of them is still open its points can still move:

- a target of a ticket opened in the period that is still running and not yet late can
  still be missed (a 1级 fault opened at 23:00 on the cycle's last day);
- a target already late and still running, or a deliverable still outstanding past its due
  time, keeps adding days late for as long as it stays open (guangxi: "须在故障排除后3天内
  提交《故障处理及分析报告》，每逾期1天扣0.2分");
- a deliverable counted in the period but not yet due can still be late (sichuan's
  年度运维总结报告, due a week after the year it reports on).

Only what the rule file reads counts: the targets its ``per breach``, ``per breached
ticket`` and ``per day late`` rules read, and the deliverables its ``per day late`` and
``per late delivery`` rules read. A payment of such a period is reported ``provisional``
like that of a period still running, so a line reported ``final`` stays what it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from attrs import frozen

from ... import model as m
from ...i18n import _
from ..evidence import BREACHED, RUNNING, Delivery, TicketResult


@frozen
class LatenessReads:
    """The targets and deliverables a rule file's scorecards read."""

    breaches: frozenset[tuple[str, str]]  # (sla, metric) of ``per breach``
    breached_tickets: frozenset[str]  # slas of ``per breached ticket``, ``per breach of SLA``
    days_late: frozenset[tuple[str, str]]  # (sla, metric) of ``per day late``
    deliverables_days_late: frozenset[str]  # deliverables of ``per day late``
    deliverables: frozenset[str]  # deliverables of ``per day late`` / ``per late delivery``


def lateness_reads(model: m.RuleFile) -> LatenessReads:
    """What the count rules of every scorecard item read."""
    breaches: set[tuple[str, str]] = set()
    tickets: set[str] = set()
    days: set[tuple[str, str]] = set()
    deliverable_days: set[str] = set()
    deliverables: set[str] = set()
    for counter in _counters(model):
        if isinstance(counter, m.PerBreach) and counter.ref.member is not None:
            breaches.add((counter.ref.name, counter.ref.member))
        elif isinstance(counter, m.PerBreach):  # every metric of the SLA: as a breached ticket
            tickets.add(counter.ref.name)
        elif isinstance(counter, m.PerBreachedTicket):
            tickets.add(counter.sla)
        elif isinstance(counter, m.PerDayLate) and counter.ref.member is not None:
            days.add((counter.ref.name, counter.ref.member))
        elif isinstance(counter, m.PerDayLate):
            deliverable_days.add(counter.ref.name)
            deliverables.add(counter.ref.name)
        elif isinstance(counter, m.PerLateDelivery):
            deliverables.add(counter.deliverable)
    return LatenessReads(
        frozenset(breaches),
        frozenset(tickets),
        frozenset(days),
        frozenset(deliverable_days),
        frozenset(deliverables),
    )


def _counters(model: m.RuleFile) -> Iterable[m.Counter]:
    for card in model.scorecards:
        for item in m.walk_items(card.entries):
            for rule in item.rules:
                if isinstance(rule, m.CountRule):
                    yield rule.counter


def still_open(
    reads: LatenessReads,
    tickets: Sequence[TicketResult],
    deliveries: Sequence[Delivery],
    as_of: datetime,
) -> tuple[str, ...]:
    """What of an ended period's evidence is still open at ``as_of``, each as a short text
    for the report (``ticket T2: report still running``); empty when it is settled."""
    out: list[str] = []
    for ticket in tickets:
        for target in ticket.targets:
            if target.stop is not None or not _read(
                reads, ticket.sla, target.metric, target.status
            ):
                continue
            out.append(
                _("ticket {ticket}: {metric} still running").format(
                    ticket=ticket.ticket, metric=target.metric
                )
            )
    for delivery in deliveries:
        if delivery.delivered is not None or delivery.deliverable not in reads.deliverables:
            continue
        if delivery.due <= as_of and delivery.deliverable not in reads.deliverables_days_late:
            continue  # already late, counted once however late it gets
        out.append(
            _("{deliverable} due {due}: outstanding").format(
                deliverable=delivery.deliverable, due=delivery.due_text()
            )
        )
    return tuple(dict.fromkeys(out))


def _read(reads: LatenessReads, sla: str, metric: str, status: str) -> bool:
    """Whether a still-running target of this status can still change what is read."""
    if status == RUNNING:
        return (
            (sla, metric) in reads.breaches
            or sla in reads.breached_tickets
            or (sla, metric) in reads.days_late
        )
    if status == BREACHED:
        return (sla, metric) in reads.days_late
    return False


def reads_evidence(node: m.Expr | m.Condition, scored: Collection[str]) -> bool:
    """Whether an amount reads the period's evidence: ``payout``, a count (``count(…)``,
    ``late(…)``…) or a scorecard or composite in ``scored`` (not only parameters)."""
    if isinstance(node, m.Payout | m.Aggregate):
        return True
    if isinstance(node, m.Ref | m.Mean):
        return node.name in scored
    return any(reads_evidence(part, scored) for part in _parts(node))


def _parts(node: m.Expr | m.Condition) -> tuple[m.Expr | m.Condition, ...]:
    if isinstance(node, m.Neg | m.Not):
        return (node.operand,)
    if isinstance(node, m.BinOp | m.MinMax | m.Compare | m.And | m.Or):
        return (node.left, node.right)
    if isinstance(node, m.IfElse):
        return (node.condition, node.then, node.otherwise)
    return ()
