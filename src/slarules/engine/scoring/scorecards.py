"""Scorecards: their items (one sheet per assessor of a scorecard ``assessed by`` several),
the scores ``score`` events give, assessor weights and maxima (module docstring of
``evaluator``). The layer of :class:`~.evaluator.Evaluator` above the evidence views.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ... import model as m
from ...calendar.periods import PeriodInstance
from ...i18n import _
from ...language.literals import decimal_text
from ..evidence import GivenScore
from .errors import event_error
from .items import ItemEnv, evaluate_item
from .results import (
    GivenRef,
    ItemResult,
    MeasureResult,
    ScorecardResult,
    SheetResult,
)
from .views import EvidenceViews

ZERO = Decimal(0)


class ScorecardScoring(EvidenceViews):
    """:class:`EvidenceViews` with the scorecards of each period instance."""

    def measure(self, name: str, inst: PeriodInstance) -> MeasureResult:
        """Measure ``name`` for ``inst``, which an item may read: :class:`Evaluator`'s,
        since a measure reads expressions, which read every kind of score."""
        raise NotImplementedError

    # -- scorecards -------------------------------------------------------------------------

    def scorecard(self, name: str, inst: PeriodInstance) -> ScorecardResult:
        card = self._scorecards[name]
        return self._memoised(name, inst, lambda: self._scorecard(card, inst), card.span)

    def _items(
        self, card: m.Scorecard, inst: PeriodInstance, sheet: str | None
    ) -> tuple[tuple[ItemResult, ...], list[str]]:
        view = self.view(inst, sheet, frozenset(_names(card)))
        where = f"{card.name} {inst.label}" + (f" (sheet {sheet})" if sheet else "")
        env = ItemEnv(
            self.model,
            card.name,
            where,
            self.events_path,
            self.calendar_for,
            lambda name: self.measure(name, inst),
            self.availability,
        )
        results: list[ItemResult] = []
        missing: list[str] = []
        for item, group in _walk(card.entries, None):
            outcome = evaluate_item(item, group, view, env)
            results.append(outcome.result)
            missing.extend(outcome.missing)
            for warning in outcome.warnings:
                self._warn_once(warning)
        return tuple(results), missing

    def _given(
        self, card: m.Scorecard, inst: PeriodInstance, assessor: str | None
    ) -> GivenRef | None:
        """The latest ``score`` event for the scorecard (and sheet) in the period."""
        found: list[GivenScore] = []
        for s in self._given_scores(inst):
            if s.scorecard != card.name:
                continue
            tagged = s.assessor if s.assessor in self._declared_assessors else None
            if tagged is not None and tagged not in _names(card):
                self._warn_once(
                    _(
                        "{event}: score for {scorecard} names assessor {assessor}, "
                        "who does not assess it; ignored"
                    ).format(event=s.event, scorecard=card.name, assessor=s.assessor)
                )
                continue
            if tagged == assessor:
                found.append(s)
        given = max(found, key=lambda s: (s.at, s.event.line), default=None)
        if given is None:
            return None
        maximum = _maximum(card)
        if given.score > maximum:
            raise event_error(
                self.events_path,
                given.event,
                "SLR954",
                _("score {score} for {card_name} is above its maximum {maximum}").format(
                    score=decimal_text(given.score),
                    card_name=card.name,
                    maximum=decimal_text(maximum),
                ),
            )
        return GivenRef(given.score, str(given.event))

    def _scorecard(self, card: m.Scorecard, inst: PeriodInstance) -> ScorecardResult:
        missing: list[str] = []
        sheets: tuple[SheetResult, ...] | None = None
        items: tuple[ItemResult, ...] = ()
        total: Decimal | None
        if card.assessors:
            sheets = tuple(self._sheet(card, inst, a, w, missing) for a, w in _weights(card))
            total = _weighted(sheets)
        else:
            items, item_missing = self._items(card, inst, None)
            missing.extend(item_missing)
            total = _sum_items(items)
        given = self._given(card, inst, None)
        if given is not None:
            total, missing = given.score, []
        elif not card.entries and not card.assessors:
            total = None
            missing.append(
                f"{card.name} {inst.label}: score (the scorecard has no items; "
                "give it with a score event)"
            )
        return ScorecardResult(
            card.name,
            inst,
            card.cite,
            _maximum(card),
            total,
            items,
            sheets,
            given,
            tuple(sorted(set(missing))),
        )

    def _sheet(
        self,
        card: m.Scorecard,
        inst: PeriodInstance,
        assessor: str,
        weight: Decimal,
        missing: list[str],
    ) -> SheetResult:
        items, item_missing = self._items(card, inst, assessor)
        given = self._given(card, inst, assessor)
        if given is not None:
            return SheetResult(assessor, weight, given.score, items, given)
        if not card.entries:
            item_missing.append(f"{card.name} {inst.label} (sheet {assessor}): score")
        missing.extend(item_missing)
        return SheetResult(assessor, weight, _sum_items(items) if card.entries else None, items)


def _walk(
    entries: tuple[m.Item | m.Group, ...], group: str | None
) -> list[tuple[m.Item, str | None]]:
    out: list[tuple[m.Item, str | None]] = []
    for entry in entries:
        if isinstance(entry, m.Group):
            out.extend(_walk(entry.entries, entry.name))
        else:
            out.append((entry, group))
    return out


def _names(card: m.Scorecard) -> set[str]:
    return {a.name for a in card.assessors}


def _weights(card: m.Scorecard) -> list[tuple[str, Decimal]]:
    """Assessor weights in percent; equal shares when the file gives none (or not all)."""
    if all(a.weight is not None for a in card.assessors):
        return [(a.name, a.weight.number) for a in card.assessors if a.weight is not None]
    share = Decimal(100) / len(card.assessors)
    return [(a.name, share) for a in card.assessors]


def _maximum(card: m.Scorecard) -> Decimal:
    """Its declared ``max``, else the sum of its items' maxima, else 100 (a scorecard
    without items, filled by ``score`` events)."""
    return m.scorecard_max(card)


def _weighted(sheets: Sequence[SheetResult]) -> Decimal | None:
    """Σ weight × sheet score; unknown when any sheet is."""
    total = ZERO
    for sheet in sheets:
        if sheet.score is None:
            return None
        total += sheet.weight / 100 * sheet.score
    return total


def _sum_items(items: Sequence[ItemResult]) -> Decimal | None:
    if any(i.score is None for i in items):
        return None
    return sum((i.score for i in items if i.score is not None), ZERO)
