"""What the tracker keeps of a settled ticket that has nothing to it but its result.

Every ticket ever opened stays in ``Tracker._tickets``: a later event may reopen or
attribute it. Once closed with every clock stopped, a :class:`~.clocks.TicketState` drops
its working state (``TicketState._settle``), but the slotted shell stays, 192 bytes with
its twenty slots. Most settled tickets need only three of them again: their result, the
``closed`` event (named by the message refusing a second close) and the SLA's plan; the
rest is either in the result (id, tier, assessor, times, the ``opened`` event: the first of
``events``) or empty (no cause, agreement, owed event, pause, packed clock). For those the
tracker keeps a :class:`SettledTicket` (56 bytes), or the result alone when the ``closed``
event is its last event (settled at the close, as most tickets are: the plan is the
tracker's for the result's SLA), and revives the shell when an event concerns the ticket
again; a ticket that has more to keep stays a ``TicketState``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TypeAlias

from ..events.types import EventRef
from .clocks import NO_AGREEMENTS, SETTLED, SlaPlan, TicketState
from .evidence import TicketResult


class SettledTicket:
    """A settled ticket kept as its result, its ``closed`` event and its SLA's plan."""

    __slots__ = ("closed_ref", "final", "plan")

    def __init__(self, final: TicketResult, closed_ref: EventRef, plan: SlaPlan) -> None:
        self.final, self.closed_ref, self.plan = final, closed_ref, plan

    def result(self, as_of: datetime) -> TicketResult:
        """What ``TicketState.result`` gives for it at any ``as_of``: the result (no cause,
        so nothing excluded or exempted)."""
        return self.final


# What the tracker keeps of a ticket.
Kept: TypeAlias = "TicketState | SettledTicket | TicketResult"


def settled(state: TicketState) -> SettledTicket | TicketResult | None:
    """``state`` as its result alone (closed by its last event) or a ``SettledTicket``;
    None when it is not settled or keeps more than its result does (a cause, an agreement,
    an owed event, a pause, packed clocks, a tier change a reopening may apply)."""
    final = state.settled_result
    if (
        final is None
        or state.packed is not None
        or state.cause is not None
        or state.agreements
        or state.happened
        or state.retiers
        or state.paused is not None
        or state.closed_ref is None
    ):
        return None
    if final.events[-1] is state.closed_ref:
        return final
    return SettledTicket(final, state.closed_ref, state.plan)


def revived(ticket: SettledTicket | TicketResult, plans: Mapping[str, SlaPlan]) -> TicketState:
    """The settled ``TicketState`` that ``ticket`` stands for, as ``_settle`` left it;
    ``plans``: the tracker's, by SLA name."""
    if isinstance(ticket, TicketResult):
        final, plan, closed_ref = ticket, plans[ticket.sla], ticket.events[-1]
    else:
        final, plan, closed_ref = ticket.final, ticket.plan, ticket.closed_ref
    state = TicketState.__new__(TicketState)
    state.plan, state.sla = plan, plan.sla
    state.ticket, state.tier = final.ticket, final.tier
    state.assessor, state.fields = final.assessor, final.fields
    state.opened, state.opened_ref = final.opened, final.events[0]
    state.closed, state.closed_ref = final.closed, closed_ref
    state.paused, state.cause = None, None
    state.agreements, state.happened, state.retiers = NO_AGREEMENTS, (), ()
    state.clocks = state.refs = state.notes = state.tiers_seen = SETTLED
    state.settle_as(final, None)
    return state


def result_at(ticket: Kept, as_of: datetime) -> TicketResult:
    """The ticket's result at ``as_of``, however it is kept."""
    return ticket if isinstance(ticket, TicketResult) else ticket.result(as_of)
