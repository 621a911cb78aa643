"""Period instances: the months, quarters, years and contract cycles that scorecards,
composites and payments are computed for (docs/language.md §2, "Periods").

Every instance is a half-open range of instants ``[start, end)`` whose ends are local
midnight in the ruleset's timezone. Calendar periods are labelled ``2026-03``, ``2026-Q1``
and ``2026``; cycles ``NAME:N`` (N from 1).

Cycle boundaries follow the Civil Code of the PRC, art. 202: a cycle of M months from
``d0`` ends on the day before the corresponding date M months later. Boundary k is the
date ``d0 + k·M months``; when that month has no corresponding day (31 January + 1 month),
the period ends with the month's last day (art. 202), so the boundary is the first day of
the following month. Boundaries are always counted from ``d0``, never chained, so cycles
never drift. Cycles are assessment periods, not deadlines: a boundary on a rest day does
not move (art. 203 is for performance deadlines).

Evidence dated before the first cycle belongs to no cycle; the scoring stage warns about it.

A cycle with a term (``for N``, ``through DATE``) has only the cycles of the term: the last
one ends where the term ends (``through`` may cut it short), and evidence after the term is
outside the contract (``term.py`` reports it), never in a further cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from attrs import frozen

from .. import model as m
from ..errors import UsageError
from ..i18n import _, ngettext
from .months import cycle_boundary, shift_month

_KINDS = ("month", "quarter", "year", "cycle")
MIN_YEAR, MAX_YEAR = 1970, 2200  # the calendar engine's range


@frozen
class PeriodInstance:
    """One period of a declared ``period``: ``[start, end)`` at local midnights.

    ``index`` orders the instances of one declaration: months ``year·12 + month − 1``,
    quarters ``year·4 + quarter − 1``, years the year, cycles N. ``key`` identifies the time
    range across declarations (two declarations of ``month`` give equal keys)."""

    period: str  # the PeriodDef's name
    kind: str
    index: int
    label: str
    start: datetime
    end: datetime

    @property
    def key(self) -> tuple[datetime, datetime, str]:
        return (self.start, self.end, self.label)

    def contains(self, t: datetime) -> bool:
        return self.start <= t < self.end

    def within(self, start: datetime, end: datetime) -> bool:
        """Whether this instance lies inside ``[start, end)``."""
        return start <= self.start and self.end <= end

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@frozen
class PeriodSelection:
    """What ``--period`` selects: a calendar year, quarter or month, or the N-th cycle of a
    declared cycle period. The time range depends on parameters (a cycle's anchor may be a
    date parameter), so it is resolved against :class:`Periods` with :meth:`bounds`."""

    text: str
    kind: str  # year | quarter | month | cycle
    year: int | None = None
    number: int | None = None  # quarter 1-4 or month 1-12
    cycle: str | None = None  # the cycle declaration's name
    n: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "cycle":
            return f"{self.cycle}:{self.n}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    def bounds(self, periods: Periods) -> tuple[datetime, datetime]:
        """The selected time range ``[start, end)``."""
        if self.kind == "cycle":
            assert self.cycle is not None and self.n is not None
            count = periods.term_count(self.cycle)
            if count is not None and self.n > count:
                raise UsageError(
                    ngettext(
                        "period {text!r}: the term of {cycle} has {count} cycle; "
                        "{cycle}:{n} is outside the contract",
                        "period {text!r}: the term of {cycle} has {count} cycles; "
                        "{cycle}:{n} is outside the contract",
                        count,
                    ).format(text=self.text, cycle=self.cycle, count=count, n=self.n)
                )
            try:
                inst = periods.get(self.cycle, self.n)
            except (ValueError, OverflowError):  # past the last year a date can hold
                raise UsageError(
                    _("period {text!r}: {cycle}:{n} starts after {year}").format(
                        text=self.text, cycle=self.cycle, n=self.n, year=MAX_YEAR
                    )
                ) from None
            return inst.start, inst.end
        assert self.year is not None
        if self.kind == "year":
            return periods.midnight(date(self.year, 1, 1)), periods.midnight(
                date(self.year + 1, 1, 1)
            )
        assert self.number is not None
        months = 3 if self.kind == "quarter" else 1
        first = (self.number - 1) * 3 + 1 if self.kind == "quarter" else self.number
        start = date(self.year, first, 1)
        return periods.midnight(start), periods.midnight(shift_month(start, months))


# ASCII digits only: ``\d`` also matches ``२०२६`` and ``２０２６``, which ``int`` reads but no
# event log may write (SLR912). A cycle number of more than 30 digits is not understood
# (``int`` of 5,000 digits fails with Python's own message).
_YEAR = re.compile(r"([0-9]{4})")
_QUARTER = re.compile(r"([0-9]{4})-[Qq]([0-9]{1,2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_CYCLE = re.compile(r"(.+):(-?[0-9]{1,30})")
# A cycle is at least a month long and starts no earlier than 1970, so its instance number
# MAX_CYCLE + 1 starts after MAX_YEAR whatever the anchor.
MAX_CYCLE = (MAX_YEAR - MIN_YEAR + 1) * 12


def parse_period(model: m.RuleFile, text: str) -> PeriodSelection:
    """Parse ``--period``: ``2026``, ``2026-Q1``, ``2026-03``, ``cycle:N`` (the N-th cycle
    of the longest cycle the file declares) or ``NAME:N`` (a declared cycle period).
    Raises ``ValueError`` with a message that says what is accepted."""
    raw = text.strip()
    accepted = _("use 2026, 2026-Q1, 2026-03, cycle:N or NAME:N")
    if match := _YEAR.fullmatch(raw):
        return PeriodSelection(raw, "year", year=_year(match.group(1)))
    if match := _QUARTER.fullmatch(raw):
        quarter = int(match.group(2))
        if not 1 <= quarter <= 4:
            raise UsageError(_("period {text!r}: a quarter is Q1 to Q4").format(text=text))
        return PeriodSelection(raw, "quarter", year=_year(match.group(1)), number=quarter)
    if match := _MONTH.fullmatch(raw):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise UsageError(_("period {text!r}: a month is 01 to 12").format(text=text))
        return PeriodSelection(raw, "month", year=_year(match.group(1)), number=month)
    if match := _CYCLE.fullmatch(raw):
        name, n = match.group(1).strip(), int(match.group(2))
        if n < 1:
            raise UsageError(_("period {text!r}: cycles are numbered from 1").format(text=text))
        cycle = _cycle_name(model, name, text)
        if n > MAX_CYCLE:
            raise UsageError(
                _("period {text!r}: {cycle}:{n} starts after {year}").format(
                    text=text, cycle=cycle, n=n, year=MAX_YEAR
                )
            )
        return PeriodSelection(raw, "cycle", cycle=cycle, n=n)
    cycles = [p.name for p in model.periods if p.kind == "cycle"]
    declared = (
        _(" (this rule file's cycles: {cycles})").format(cycles=", ".join(cycles)) if cycles else ""
    )
    raise UsageError(
        _("period {text!r} is not understood; {accepted}{declared}").format(
            text=text, accepted=accepted, declared=declared
        )
    )


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            _("year {year} is outside {min_year}-{max_year}").format(
                year=year, min_year=MIN_YEAR, max_year=MAX_YEAR
            )
        )
    return year


def _cycle_name(model: m.RuleFile, name: str, text: str) -> str:
    cycles = [p for p in model.periods if p.kind == "cycle"]
    if not cycles:
        raise UsageError(
            _("period {text!r}: the rule file declares no cycle period").format(text=text)
        )
    if name == "cycle" and "cycle" not in model.names.periods:
        longest = max(p.months or 0 for p in cycles)
        return next(p.name for p in cycles if (p.months or 0) == longest)
    for p in cycles:
        if p.name == name:
            return p.name
    names = ", ".join(p.name for p in cycles)
    raise UsageError(
        _("period {text!r}: {name} is not a declared cycle (declared: {names})").format(
            text=text, name=name, names=names
        )
    )


class Periods:
    """The period declarations of a ruleset, resolved against its timezone and parameters:
    the one place that turns a declaration and an instant into a :class:`PeriodInstance`."""

    def __init__(
        self, periods: tuple[m.PeriodDef, ...], tz: ZoneInfo, params: Mapping[str, object]
    ) -> None:
        self.tz = tz
        self.defs = {p.name: p for p in periods}
        self._anchors: dict[str, date] = {}
        # Per cycle with a term: how many cycles it has, and the day after its last day.
        self._terms: dict[str, tuple[int, date]] = {}
        for p in periods:
            if p.kind not in _KINDS:
                raise UsageError(
                    _("period {p_name}: unknown kind {kind!r}").format(p_name=p.name, kind=p.kind)
                )
            if p.kind == "cycle":
                self._anchors[p.name] = _anchor(p, params)
                if p.has_term:
                    self._terms[p.name] = _term(p, self._anchors[p.name], params)

    def term_count(self, name: str) -> int | None:
        """How many instances the term of ``name`` has; None without a term."""
        term = self._terms.get(name)
        return None if term is None else term[0]

    def term_end(self, name: str) -> datetime | None:
        """The instant the term of ``name`` ends (24:00 of its last day); None without one."""
        term = self._terms.get(name)
        return None if term is None else self.midnight(term[1])

    def in_term(self, inst: PeriodInstance) -> bool:
        count = self.term_count(inst.period)
        return count is None or inst.index <= count

    def midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.tz)

    def get(self, name: str, index: int) -> PeriodInstance:
        """The instance of declaration ``name`` with ``index`` (see PeriodInstance)."""
        p = self.defs[name]
        if p.kind == "cycle":
            assert p.months is not None
            anchor = self._anchors[name]
            start = cycle_boundary(anchor, (index - 1) * p.months)
            end = cycle_boundary(anchor, index * p.months)
            term = self._terms.get(name)
            if term is not None and index <= term[0]:
                end = min(end, term[1])  # `through` may cut the last cycle short
            label = f"{name}:{index}"
        elif p.kind == "year":
            start, end, label = date(index, 1, 1), date(index + 1, 1, 1), str(index)
        elif p.kind == "quarter":
            year, q0 = divmod(index, 4)
            start = date(year, q0 * 3 + 1, 1)
            end, label = shift_month(start, 3), f"{year}-Q{q0 + 1}"
        else:
            year, m0 = divmod(index, 12)
            start = date(year, m0 + 1, 1)
            end, label = shift_month(start, 1), f"{year}-{m0 + 1:02d}"
        return PeriodInstance(name, p.kind, index, label, self.midnight(start), self.midnight(end))

    def index_at(self, name: str, t: datetime) -> int:
        """The index of the instance of ``name`` containing instant ``t`` (cycles may give
        an index below 1: before the first cycle)."""
        if t.tzinfo is None or t.utcoffset() is None:
            raise UsageError(_("naive timestamp {t}: timestamps must carry an offset").format(t=t))
        day = t.astimezone(self.tz).date()
        p = self.defs[name]
        if p.kind == "year":
            return day.year
        if p.kind == "quarter":
            return day.year * 4 + (day.month - 1) // 3
        if p.kind == "month":
            return day.year * 12 + day.month - 1
        assert p.months is not None
        anchor = self._anchors[name]
        offset = (day.year - anchor.year) * 12 + day.month - anchor.month
        k = offset // p.months
        while cycle_boundary(anchor, k * p.months) > day:
            k -= 1
        while cycle_boundary(anchor, (k + 1) * p.months) <= day:
            k += 1
        return k + 1

    def at(self, name: str, t: datetime) -> PeriodInstance | None:
        """The instance of ``name`` containing ``t``; None before the first cycle or after
        the term."""
        index = self.index_at(name, t)
        if self.defs[name].kind == "cycle" and index < 1:
            return None
        count = self.term_count(name)
        if count is not None and index > count:
            return None
        return self.get(name, index)

    def overlapping(self, name: str, start: datetime, end: datetime) -> list[PeriodInstance]:
        """Instances of ``name`` that overlap ``[start, end)``, in time order."""
        if end <= start:
            return []
        first = self.index_at(name, start)
        last = self.index_at(name, end - _TICK)
        if self.defs[name].kind == "cycle":
            first = max(first, 1)
        count = self.term_count(name)
        if count is not None:
            last = min(last, count)
        return [self.get(name, i) for i in range(first, last + 1)]

    def within(self, name: str, outer: PeriodInstance) -> list[PeriodInstance]:
        """Instances of ``name`` that lie inside ``outer`` (for ``mean(X)``)."""
        found = self.overlapping(name, outer.start, outer.end)
        return [inst for inst in found if inst.within(outer.start, outer.end)]

    def previous(self, inst: PeriodInstance, k: int = 1) -> PeriodInstance | None:
        """The instance ``k`` before ``inst`` of the same declaration; None before cycle 1."""
        index = inst.index - k
        if inst.kind == "cycle" and index < 1:
            return None
        return self.get(inst.period, index)

    def fineness(self, name: str) -> int:
        """Months per instance, for ordering declarations from fine to coarse."""
        p = self.defs[name]
        return {"month": 1, "quarter": 3, "year": 12}.get(p.kind, p.months or 0)


_TICK = datetime.resolution

MAX_TERM_MONTHS = 120
"""The longest term evaluation lays out, ten years: ``check`` refuses a longer one at the
parameters' defaults (SLR119), and a replay refuses one that a ``--param`` makes longer
(``cycles=20`` replayed twenty years of a file whose check promised ten)."""


def _term(p: m.PeriodDef, anchor: date, params: Mapping[str, object]) -> tuple[int, date]:
    """The number of cycles of ``p``'s term and the day after the term's last day."""
    assert p.months is not None
    if p.count is not None:
        value = params.get(p.count) if isinstance(p.count, str) else p.count
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise UsageError(
                _(
                    "period {p_name} runs for {count}, which is not a whole "
                    "number of cycles of at least 1"
                ).format(p_name=p.name, count=p.count)
            )
        if value * p.months > MAX_TERM_MONTHS:
            raise UsageError(
                ngettext(
                    "period {p_name} runs for {cycles} cycles of {months} month: more than "
                    "the {max_months} months (ten years) evaluation allows",
                    "period {p_name} runs for {cycles} cycles of {months} months: more than "
                    "the {max_months} months (ten years) evaluation allows",
                    p.months,
                ).format(
                    p_name=p.name,
                    cycles=f"{p.count} = {value}" if isinstance(p.count, str) else value,
                    months=p.months,
                    max_months=MAX_TERM_MONTHS,
                )
            )
        return value, cycle_boundary(anchor, value * p.months)
    last = p.through if isinstance(p.through, date) else params.get(str(p.through))
    if not isinstance(last, date) or isinstance(last, datetime):
        raise UsageError(
            _(
                "period {p_name} runs through {through}, which is not a date parameter with a value"
            ).format(p_name=p.name, through=p.through)
        )
    if last < anchor:
        raise UsageError(
            _("period {p_name} runs through {last}, before its start {anchor}").format(
                p_name=p.name, last=last, anchor=anchor
            )
        )
    if months_touched(anchor, last) > MAX_TERM_MONTHS:
        raise UsageError(
            _(
                "period {p_name}: a term from {anchor} through {last} is more than the "
                "{max_months} months (ten years) evaluation allows"
            ).format(p_name=p.name, anchor=anchor, last=last, max_months=MAX_TERM_MONTHS)
        )
    end = last + timedelta(days=1)
    count = 1
    while cycle_boundary(anchor, count * p.months) < end:
        count += 1
    return count, end


def months_touched(first: date, last: date) -> int:
    """How many calendar months the days ``first``…``last`` touch: a term from 2025-06-01
    through 2035-05-31 touches 120, one through 2035-06-01 touches 121."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _anchor(p: m.PeriodDef, params: Mapping[str, object]) -> date:
    if isinstance(p.anchor, date):
        return p.anchor
    if isinstance(p.anchor, str):
        value = params.get(p.anchor)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        raise UsageError(
            _(
                "period {p_name} counts from {anchor}, which is not a date parameter with a value"
            ).format(p_name=p.name, anchor=p.anchor)
        )
    raise UsageError(_("period {p_name} is a cycle without a start date").format(p_name=p.name))
