"""What scoring and payment produce: exact, structured results that ``slarules.report``
turns into JSON and ``report/text.py`` into text. Values are ``Decimal`` (None where a
missing input leaves a value unknown); evidence is named as strings (``"ticket INC-7: respond"``,
``"line 12 (id E-7)"``) so that every point can be traced to the log.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, overload

from attrs import field, frozen

from ...calendar.periods import PeriodInstance
from ...language.literals import decimal_text
from ...model import duration_seconds
from .term import OutsideTerm


def interned(texts: Iterable[str]) -> Sequence[str]:
    """``texts`` as a tuple of interned strings. The same citation (``ticket T7: respond
    breached (line 3 → line 9)``) is written once per sheet, rule and period that counts
    it: in a 200,000-event replay of guangxi, 146,000 evidence texts of which 12,000
    differ. Interning keeps one copy of each (25 MB → 2 MB there); equal texts, so the
    report's bytes are the same. A tuple already interned is given back as it is, so the
    one tuple a period's sheets share (``TicketIndex.shared``) stays one, and so does a
    packed list (``Texts``)."""
    if isinstance(texts, Texts):
        return texts
    if type(texts) is tuple and all(sys.intern(text) is text for text in texts):
        return texts
    return tuple(sys.intern(text) for text in texts)


class Texts(Sequence[str]):
    """A long list of evidence texts (a year's breaches cited by one line), packed: their
    UTF-8 in one ``bytes`` and where each ends, about 60 bytes a text where a ``str`` of
    one takes about 190 (``→`` makes it two bytes a character) and its place in a tuple 8
    more. The report decodes them as it writes them (docs/performance.md, *Step C*); equal
    to the tuple of the same texts, and pickled as one."""

    __slots__ = ("_blob", "_ends")

    def __init__(self, texts: Iterable[str]) -> None:
        # Each text is encoded as it comes: a year's list of breaches is never held as
        # ``str`` objects at once, only as the bytes it is packed into.
        blob, ends = bytearray(), array("q")
        for text in texts:
            blob += text.encode("utf-8", "surrogatepass")
            ends.append(len(blob))
        self._blob = bytes(blob)
        self._ends = ends

    def digest(self) -> bytes:
        """A digest of the packed bytes, equal for equal lists (what ``TicketIndex.shared``
        looks up, then compares the lists themselves): 16 bytes, where a key made of the
        bytes would hold a second copy of them."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self._ends)
        digest.update(self._blob)
        return digest.digest()

    def __len__(self) -> int:
        return len(self._ends)

    def _text(self, i: int) -> str:
        start = self._ends[i - 1] if i else 0
        return self._blob[start : self._ends[i]].decode("utf-8", "surrogatepass")

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(self._text(i) for i in range(len(self))[index])
        return self._text(range(len(self._ends))[index])  # IndexError as a tuple's

    def __iter__(self) -> Iterator[str]:
        blob, start = self._blob, 0
        for end in self._ends:
            yield blob[start:end].decode("utf-8", "surrogatepass")
            start = end

    def __eq__(self, other: object) -> bool:
        if type(other) is Texts and type(self) is Texts:
            return self._ends == other._ends and self._blob == other._blob
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Texts, (tuple(self),))

    def __repr__(self) -> str:
        return repr(tuple(self))


@overload
def iso_duration(d: None, *, days: bool = True) -> None: ...
@overload
def iso_duration(d: timedelta | Decimal, *, days: bool = True) -> str: ...
def iso_duration(d: timedelta | Decimal | None, *, days: bool = True) -> str | None:
    """ISO 8601: ``PT15M``, ``PT4H``, ``P1DT2H``, ``PT0S``, ``-PT5M``; fractional seconds
    exact. ``d`` is a timedelta or a number of seconds (mttr, downtime). ``days=False``
    keeps whole days as hours (``PT25H30M``): a day of working time is not a calendar day."""
    if d is None:
        return None
    if isinstance(d, timedelta) and not d.microseconds:
        # The common case (every ticket's elapsed time): whole seconds, in integers.
        whole: int | Decimal = d.days * 86400 + d.seconds
    else:
        whole = duration_seconds(d) if isinstance(d, timedelta) else d
    sign = "-" if whole < 0 else ""
    magnitude: int | Decimal = -whole if whole < 0 else whole
    seconds = int(magnitude)  # whole seconds in integers; an exact fraction kept apart
    fraction = magnitude - seconds
    whole_days, rest = divmod(seconds, 86400) if days else (0, seconds)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if secs or fraction:
        clock += f"{decimal_text(Decimal(secs) + fraction) if fraction else secs}S"
    if not whole_days and not clock:
        return "PT0S"
    return f"{sign}P" + (f"{whole_days}D" if whole_days else "") + (f"T{clock}" if clock else "")


@frozen
class Line:
    """One rule's contribution to an item.

    ``kind``: ``count`` (a count rule: ``points`` signed, a deduction negative), ``base``
    (a judged rule or points table: ``points`` are what the item starts from instead of its
    max) or ``adjust`` (the item's ``cap``, ``max`` or ``floor``, signed). ``count`` is the
    counted quantity (None for base and adjust lines)."""

    rule: str
    cite: str | None
    count: Decimal | None
    points: Decimal | None
    evidence: Sequence[str] = field(default=(), converter=interned)
    superseded: Sequence[str] = field(default=(), converter=interned)
    excluded: Sequence[str] = field(default=(), converter=interned)
    grade: str | None = None
    kind: str = "count"


@frozen
class ItemResult:
    name: str
    group: str | None
    max: Decimal
    score: Decimal | None
    lines: tuple[Line, ...]


@frozen
class GivenRef:
    """A score supplied by a ``score`` event instead of computed from items."""

    score: Decimal
    event: str


@frozen
class SheetResult:
    """One assessor's sheet of a scorecard ``assessed by`` several assessors."""

    assessor: str
    weight: Decimal  # percent as written: 8.3 for 8.3%
    score: Decimal | None
    items: tuple[ItemResult, ...]
    given: GivenRef | None = None


@frozen
class ScorecardResult:
    name: str
    period: PeriodInstance
    cite: str | None
    max: Decimal
    score: Decimal | None
    items: tuple[ItemResult, ...]
    sheets: tuple[SheetResult, ...] | None  # None when not assessed by several assessors
    given: GivenRef | None
    missing: tuple[str, ...]


@frozen
class CompositeResult:
    name: str
    period: PeriodInstance
    cite: str | None
    score: Decimal | None
    terms: tuple[tuple[str, Decimal | None], ...]
    missing: tuple[str, ...]


@frozen
class MeasureResult:
    """A measure in one period instance (engine/scoring/measures.py). ``value``: a
    fraction when ``percentage`` (0.9 for 90%); ``window``: the rolling window's label, None
    for the instance itself; ``inputs``: one line per ticket, period or group it read, with
    the units and points behind the value, for the auditor."""

    name: str
    period: PeriodInstance
    cite: str | None
    value: Decimal | None
    percentage: bool
    window: str | None
    inputs: tuple[str, ...]
    missing: tuple[str, ...]
    duration: bool = False  # downtime(…), mttr(…): ``value`` is seconds of working time
    term_so_far: bool = False  # the rolling window was cut at the term's start


@frozen
class FlagResult:
    """A flag whose condition holds (a named right or obligation)."""

    name: str
    cite: str | None
    basis: str


# CreditSettlement.status
SETTLED_IN, CLAIM_REQUIRED, CLAIMED, FORFEITED, CARRIED = (
    "settled_in",
    "claim_required",
    "claimed",
    "forfeited",
    "carried_from",
)


@frozen
class CreditSettlement:
    """How a credit line is settled, when not in its own period's invoice (language §6):
    ``settled_in`` ``period`` (set off against that later invoice, not this one);
    ``claim_required`` (owed only if claimed by ``deadline``; not yet claimed);
    ``claimed`` (claimed in time by ``event``: counts in this period); ``forfeited`` (not
    claimed by ``deadline``: not owed); ``carried_from`` ``period`` (a credit of that
    earlier period, set off against this invoice)."""

    status: str
    period: str | None = None
    deadline: datetime | None = None
    event: str | None = None

    @property
    def counts(self) -> bool:
        """Whether the line counts in this period's payable."""
        return self.status in (CLAIMED, CARRIED)


# The line kinds that make up a period's payable (``PaymentLine.payable_share``).
DEDUCTIONS = ("deduct_band", "linear", "formula")
"""The kinds of line that deduct from what a period pays, worked from its score."""
MONEY_DEDUCTIONS = ("deduction", "credit", "group_cap")
"""The money lines that deduct (per occurrence, per point, when): ``money_lines``."""
PAYABLE_KINDS = frozenset({"base", "pay_band", *DEDUCTIONS, *MONEY_DEDUCTIONS, "bond_deduction"})


# PaymentResult.status and PaymentLine.status
FINAL, PENDING, NO_TERMS, PROVISIONAL = "final", "pending", "no_terms", "provisional"


@frozen
class PaymentLine:
    """One reported money line, already rounded half-up to 0.01.

    ``kind``: base, milestone (a scheduled payment: not added to payable), pay_band,
    deduct_band, linear, formula, deduction (deductions, negative), credit (a service credit
    owed to the customer off the invoice, negative; ``settlement`` says when it is settled),
    group_cap (what a capped group's cap gives back, positive), bond_deduction (the part of the
    deductions taken from the bond, positive, informational), bond_return (what is left of
    the bond, given back on its ``due`` date: not part of the payable), damages (owed by the vendor,
    positive), refund (contract money already paid that the vendor owes back: what the
    deductions leave below zero, positive).

    ``amount`` None: the line is pending, ``waiting_for`` says on what (a grade, a score, the
    amount of a loss); a line whose inputs are all known is final as soon as they are, even
    while other lines of the period wait (fujian-slt's advance, while the year's grades are
    missing). ``provisional``: the line reads the evidence of a period that has not ended
    at the evaluation time, so its amount is what the evidence gives so far and may still
    change (a fault in October takes the whole share a June report showed as kept)."""

    name: str
    kind: str
    amount: Decimal | None
    cite: str | None
    basis: str
    due: datetime | None = None
    waiting_for: tuple[str, ...] = ()
    settlement: CreditSettlement | None = None
    group: str | None = None  # the capped group (``in group NAME``) it belongs to
    balancing: bool = False  # the refund line that brings a balance below zero to 0.00
    provisional: bool = False  # its period was still running at the evaluation time

    @property
    def payable_share(self) -> Decimal | None:
        """What the line adds to the period's ``payable``; None for a line outside it: a
        milestone (the schedule of the base, already in the ``base`` line), damages (owed on
        top), a refund stated per occurrence, a credit settled elsewhere, a pending line.

        Why: finance adds a payment's lines up. The shares of a period add up to its
        payable to the cent: base, bands and counted deductions, the part of the
        deductions taken from the bond (given back, positive) and, when the deductions
        exceed the cash, the refund line that brings the balance back to 0.00."""
        if self.amount is None:
            return None
        if self.balancing or (self.kind in PAYABLE_KINDS and self.counts):
            return self.amount
        return None

    @property
    def counts(self) -> bool:
        """Whether the line counts in the period's totals (a credit settled later, or one
        not claimed, does not)."""
        return self.settlement is None or self.settlement.counts

    @property
    def status(self) -> str:
        if self.amount is None:
            return PENDING
        return PROVISIONAL if self.provisional else FINAL


@frozen
class BondResult:
    """The bond account in one period: one account for the whole term, so ``opening`` is
    what earlier periods' deductions left of ``amount`` (None while one of them is
    pending)."""

    amount: Decimal
    deducted: Decimal | None
    remaining: Decimal | None
    opening: Decimal | None = None


@frozen
class PaymentResult:
    """``payable``: what the period pays (None while a line it depends on is pending, or
    when the payment states no terms — no ``base`` and no milestones — so that no amount
    reads as owed). ``refund``: contract money the vendor owes back (positive), where the
    deductions exceed what the period pays. ``status``: final, pending (some line waits:
    ``waiting_for``), provisional (nothing waits, but the period has not ended: the amounts
    are what its evidence gives so far) or no_terms. ``currency``: the rule file's (ISO
    4217)."""

    period: PeriodInstance
    contract_total: Decimal | None
    lines: tuple[PaymentLine, ...]
    payable: Decimal | None
    damages: Decimal | None
    bond: BondResult | None
    flags: tuple[FlagResult, ...]
    refund: Decimal | None = Decimal("0.00")
    status: str = FINAL
    waiting_for: tuple[str, ...] = ()
    currency: str = "CNY"  # every amount of the payment is in it (the rule file's)
    # A provisional (or no_terms) payment of a period that has ended: the evidence it counts
    # that is still open (open_evidence.py); empty when the period is still running.
    still_open: tuple[str, ...] = ()


@frozen
class PeriodResult:
    """Everything computed for one period instance (merged across declarations that give
    the same time range and label)."""

    label: str
    start: datetime
    end: datetime
    ended: bool
    missing: tuple[str, ...]
    scorecards: tuple[ScorecardResult, ...]
    composites: tuple[CompositeResult, ...]
    payment: PaymentResult | None
    flags: tuple[FlagResult, ...]
    has_payment: bool = False
    measures: tuple[MeasureResult, ...] = ()
    # Ended, but evidence it counts is still open at the evaluation time (open_evidence.py):
    # its scores, flags and payment may still change. Empty when settled or still running.
    still_open: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing


@frozen
class Results:
    """``outside_term``: per period declaration with a term, the evidence dated before its
    first cycle or after its term (``term.OutsideTerm``). ``selected``: the ``[start, end)``
    of a ``--period`` selection, None without one."""

    periods: tuple[PeriodResult, ...]
    warnings: tuple[str, ...] = ()
    outside_term: tuple[OutsideTerm, ...] = ()
    selected: tuple[datetime, datetime] | None = None
