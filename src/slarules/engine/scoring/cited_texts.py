"""The evidence texts of a count rule over breaches, formatted as the report reads them.

A line that counts a year's breaches cites one text per breach (``ticket T7: respond
breached (line 3 → line 9)``): 222,034 of them for guangxi's 12-month cycle in a
5,000,000-event log. Kept as text, even packed (step C), they were what scoring's memory
grew with after the index (docs/performance.md, *Step D*). A :class:`CitedTexts` keeps only
the rows of the index's columns it cites (4 bytes each) and which text to make of a row; the
texts are made from the same fields, by the same functions, in the language the rule was
evaluated in, whenever the list is read (the report writers, once per sheet), so the report
is the same. It is a ``Texts``: equal to the tuple of its texts, pickled as one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from ...i18n import _, current_language, ngettext, use_language
from ..evidence import TargetResult, TicketResult
from .results import Texts
from .ticket_index import Cited, CitedTarget, CitedTicket, by_ticket

BREACH = "breach"
"""One text per breached target: ``ticket T1: respond breached (line 3 → line 9)``."""
LATE = "late"
"""One text per target with days late: ``ticket T1: respond 2 days late (…)``."""
BREACHED_TICKET = "ticket"
"""One text per ticket with breached targets (``breached_text``)."""
EXCLUDED_BREACH = "excluded breach"
"""One text per breached target of an excluded ticket (``excluded_breach_text``)."""
EXCLUDED = "excluded"
"""One text per late target of an excluded ticket (``excluded_text``)."""
EXCLUDED_TICKET = "excluded ticket"
"""One text per excluded ticket with breached targets (``excluded_text``)."""
_PER_TICKET = (BREACHED_TICKET, EXCLUDED_TICKET)


def breach_text(
    ticket: TicketResult | CitedTicket, target: TargetResult | CitedTarget, trail: str
) -> str:
    """``ticket T1: respond breached (line 3 → line 9)``."""
    return _("ticket {ticket}: {metric} breached{trail}").format(
        ticket=ticket.ticket, metric=target.metric, trail=trail
    )


def late_text(target: CitedTarget, metric: str | None) -> str:
    """``ticket T1: respond 2 days late (line 3 → line 9)``."""
    return ngettext(
        "ticket {ticket}: {metric} {days} day late{trail}",
        "ticket {ticket}: {metric} {days} days late{trail}",
        target.days_late,
    ).format(ticket=target.owner.ticket, metric=metric, days=target.days_late, trail=target.trail)


def breached_text(ticket: CitedTicket, targets: Sequence[CitedTarget]) -> str:
    """``ticket T1: respond breached (line 3 → line 9)``; with several metrics, each
    metric's trail: ``[respond (line 3 → line 9); resolve (line 3 → running)]``."""
    names = ", ".join(x.metric for x in targets)
    if len(targets) == 1:
        trails = targets[0].trail
    else:
        trails = "; ".join(f"{x.metric}{x.trail}" for x in targets if x.trail)
        trails = f" [{trails}]" if trails else ""
    return _("ticket {ticket}: {metric} breached{trail}").format(
        ticket=ticket.ticket, metric=names, trail=trails
    )


def excluded_text(ticket: CitedTicket) -> str:
    """``ticket T1: excluded (客户原因)``: a ticket the view leaves out, and why."""
    return _("ticket {ticket}: excluded ({reason})").format(
        ticket=ticket.ticket, reason=ticket.excluded
    )


def excluded_breach_text(target: CitedTarget) -> str:
    """``ticket T1: respond breached, excluded (客户原因)``."""
    return _("ticket {ticket}: {metric} breached, excluded ({reason})").format(
        ticket=target.owner.ticket, metric=target.metric, reason=target.owner.excluded
    )


class CitedTexts(Texts):
    """The texts of ``form`` (``BREACH``, ``LATE``, ``BREACHED_TICKET`` or an excluded
    ticket's ``EXCLUDED_BREACH``, ``EXCLUDED``, ``EXCLUDED_TICKET``) for the targets of
    ``cited``, made in ``language`` each time the list is read (module docstring);
    ``metric`` is the name a ``LATE`` text shows. Holds the group's rows and the index's
    columns, never the texts."""

    __slots__ = ("_cited", "_count", "_form", "_language", "_metric")

    def __init__(self, cited: Cited, form: str, metric: str | None = None) -> None:
        # Texts.__init__ is not called: nothing is packed, the slots _blob and _ends stay
        # unset and every method that reads them is replaced here.
        self._cited = cited
        self._form = form
        self._metric = metric
        self._language = current_language()
        # a ticket's texts are counted when first asked (once per list every sheet shares)
        self._count = -1 if form in _PER_TICKET else len(cited)

    def same_as(self) -> tuple[str, str | None, str, bytes]:
        """What two lists of the same index are equal by when it is equal."""
        return (self._form, self._metric, self._language, self._cited.rows.tobytes())

    def digest(self) -> bytes:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(repr(self.same_as()[:3]).encode())
        digest.update(self._cited.rows)
        return digest.digest()

    def __len__(self) -> int:
        if self._count < 0:
            self._count = sum(1 for _ in by_ticket(self._cited))
        return self._count

    def _text(self, i: int) -> str:
        return next(islice(iter(self), i, None))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step > 0:  # a report shows the first few: made up to the last asked for
                return tuple(islice(iter(self), start, stop, step))
            return tuple(self)[index]
        return self._text(range(len(self))[index])  # IndexError as a tuple's

    def __iter__(self) -> Iterator[str]:
        form, metric, language = self._form, self._metric, self._language
        if form in _PER_TICKET:
            for ticket, targets in by_ticket(self._cited):
                with use_language(language):
                    if form == EXCLUDED_TICKET:
                        text = excluded_text(ticket)
                    else:
                        text = breached_text(ticket, targets)
                yield text
            return
        for target in self._cited:
            with use_language(language):
                if form == LATE:
                    text = late_text(target, metric)
                elif form == EXCLUDED:
                    text = excluded_text(target.owner)
                elif form == EXCLUDED_BREACH:
                    text = excluded_breach_text(target)
                else:
                    text = breach_text(target.owner, target, target.trail)
            yield text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CitedTexts) and other._cited.columns is self._cited.columns:
            return self.same_as() == other.same_as()
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))
