"""The checks of one event against the rule file that need more than the line's shape: the
period it names, every name declared, judged points and scores inside their ranges.

Split from :mod:`slarules.events.reader`; both the full check there and the compiled readers
(:mod:`slarules.events.compiled`) call them, so an event reads the same either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .. import model as m
from ..calendar.periods import parse_period
from ..i18n import _
from ..language.printer import interval_text
from .types import (
    BAD_VALUE,
    MISSING_FIELD,
    UNKNOWN_NAME,
    Event,
    EventProblem,
    _text,
    clip,
)
from .vocabulary import Vocabulary, did_you_mean, known_list

__all__ = ["_check_names", "_check_numbers", "_period"]


def _period(raw: Mapping[str, Any], vocab: Vocabulary) -> str | None:
    """The period an event names (``"period": "服务季度:1"``, ``"2026-Q1"``…), checked
    against the rule file's periods and written canonically; None when it names none."""
    text = _text(raw, "period")
    if text is None:
        return None
    periods = vocab.model.periods
    declared = ", ".join(p.name for p in periods) or "none"
    try:
        selection = parse_period(vocab.model, text)
    except ValueError as exc:
        cycles = {p.name for p in periods if p.kind == "cycle"} | {"cycle"}
        named = ":" in text and text.rsplit(":", 1)[0].strip() not in cycles
        code = UNKNOWN_NAME if named else BAD_VALUE
        raise EventProblem(
            code,
            _("{exc}; the rule file declares the periods: {declared}").format(
                exc=exc, declared=declared
            ),
        ) from None
    if selection.kind != "cycle" and all(p.kind != selection.kind for p in periods):
        raise EventProblem(
            UNKNOWN_NAME,
            _(
                "period {text!r} is a {kind}, but the rule file declares no "
                "{kind} period (it declares: {declared})"
            ).format(text=text, kind=selection.kind, declared=declared),
        )
    return selection.label


def _unknown(what: str, name: str, known: Sequence[str]) -> EventProblem:
    name = clip(name)
    return EventProblem(
        UNKNOWN_NAME,
        _("unknown {what} {name!r}{hint}; the rule file declares: {known}").format(
            what=what, name=name, hint=did_you_mean(name, known), known=known_list(known)
        ),
    )


def _check_names(event: Event, vocab: Vocabulary) -> None:
    """Every name must be declared by the rule file (tiers are checked against the SLA)."""
    if event.sla is not None:
        sla = vocab.slas.get(event.sla)
        if sla is None:
            raise _unknown("SLA", event.sla, list(vocab.slas))
        tiers = [t.name for t in sla.tiers]
        if event.tier is not None and event.tier not in tiers:
            raise _unknown(_("tier of SLA {sla_name}").format(sla_name=sla.name), event.tier, tiers)
    elif event.tier is not None and event.tier not in vocab.tiers:
        raise _unknown(_("tier"), event.tier, vocab.tiers)
    checks = (
        ("metric", event.metric, vocab.metrics),
        ("cause", event.cause, vocab.causes),
        ("kind", event.kind, vocab.kinds),
        ("deliverable", event.deliverable, vocab.deliverables),
        ("scorecard", event.scorecard, list(vocab.scorecards)),
        ("item", event.item, list(vocab.items)),
        ("assessor", event.assessor, vocab.assessors),
    )
    for what, name, known in checks:
        if name is not None and name not in known:
            raise _unknown(what, name, known)


def _check_numbers(event: Event, vocab: Vocabulary) -> None:
    if event.type == "occurrence":
        _check_occurrence(event, vocab)
    elif event.type == "judgement":
        _check_judgement(event, vocab)
    elif event.type == "score":
        _check_score(event, vocab)


def _check_occurrence(event: Event, vocab: Vocabulary) -> None:
    assert event.kind is not None
    if event.amount is not None and event.amount < 0:
        raise EventProblem(
            BAD_VALUE, _("amount must not be negative, not {amount}").format(amount=event.amount)
        )
    count = event.count
    if count is not None:
        if count <= 0:
            raise EventProblem(
                BAD_VALUE, _("count must be positive, not {count}").format(count=count)
            )
        item = vocab.whole_kinds.get(event.kind)
        if item is not None and count != count.to_integral_value():
            raise EventProblem(
                BAD_VALUE,
                _(
                    "count {count} is not a whole number, but item {item} counts "
                    "{kind} per occurrence"
                ).format(count=count, item=item, kind=event.kind),
            )
    ranges = vocab.judged_kinds.get(event.kind, [])
    if ranges and event.points is None:
        item, interval = ranges[0]
        raise EventProblem(
            MISSING_FIELD,
            _(
                "an occurrence of {kind} needs 'points': item {item} deducts "
                "judged {interval} per occurrence"
            ).format(kind=event.kind, item=item, interval=interval_text(interval)),
        )
    if event.points is not None and not ranges:
        raise EventProblem(
            BAD_VALUE,
            _("points given, but no rule judges {kind} (its points would be ignored)").format(
                kind=event.kind
            ),
        )
    for item, interval in ranges:
        assert event.points is not None
        if not interval.contains(event.points):
            raise EventProblem(
                BAD_VALUE,
                _("points {points} outside item {item}'s judged {interval}").format(
                    points=event.points, item=item, interval=interval_text(interval)
                ),
            )


def _check_judgement(event: Event, vocab: Vocabulary) -> None:
    """The item must be judged and the points inside its range. Without ``scorecard`` a
    judgement applies to the item of that name in every scorecard, so the points must fit
    each of them."""
    assert event.item is not None and event.points is not None
    places = vocab.items[event.item]
    if event.scorecard is not None:
        places = [(c, i) for c, i in places if c.name == event.scorecard]
        if not places:
            raise EventProblem(
                UNKNOWN_NAME,
                _("scorecard {scorecard} has no item {item}").format(
                    scorecard=event.scorecard, item=event.item
                ),
            )
        card = places[0][0]
        names = [a.name for a in card.assessors]
        if event.assessor is not None and names and event.assessor not in names:
            raise _unknown(
                _("assessor of scorecard {card_name}").format(card_name=card.name),
                event.assessor,
                names,
            )
    for _unused, item in places:
        judged, table = Vocabulary.judged_range(item)
        if judged is None and not table:
            raise EventProblem(
                BAD_VALUE,
                _("item {item_name} is not judged; it takes no judgement").format(
                    item_name=item.name
                ),
            )
        _check_judged_points(event.points, item, judged)


def _check_judged_points(points: Decimal, item: m.Item, judged: m.JudgedRule | None) -> None:
    top = Decimal(item.max.number)
    if not Decimal(0) <= points <= top:
        raise EventProblem(
            BAD_VALUE,
            _("points {points} outside item {item_name}'s [0, {top}]").format(
                points=points, item_name=item.name, top=top
            ),
        )
    if judged is None:
        return
    if judged.step is not None:
        step = Decimal(judged.step.number)
        if step > 0 and points % step != 0:
            raise EventProblem(
                BAD_VALUE,
                _("points {points}: item {item_name} is judged in steps of {step}").format(
                    points=points, item_name=item.name, step=step
                ),
            )
    if judged.grades and not any(g.interval.contains(points) for g in judged.grades):
        grades = ", ".join(f"{g.name} {interval_text(g.interval)}" for g in judged.grades)
        raise EventProblem(
            BAD_VALUE,
            _("points {points} fall in no grade of item {item_name} ({grades})").format(
                points=points, item_name=item.name, grades=grades
            ),
        )


def _check_score(event: Event, vocab: Vocabulary) -> None:
    assert event.scorecard is not None and event.score is not None
    card = vocab.scorecards[event.scorecard]
    top = vocab.scorecard_max(card)
    if top is not None and event.score > top:
        raise EventProblem(
            BAD_VALUE,
            _("score {score} is above scorecard {card_name}'s maximum {top}").format(
                score=event.score, card_name=card.name, top=top
            ),
        )
    if event.score < 0 and all(item.floor for item in m.walk_items(card.entries)):
        # Every item stops at zero (扣完为止), and a card without items is a form out of
        # its max (百分制): below zero is no score it can have, and read as one it would
        # withhold more than the period pays (fujian-scjg: −5 withheld 105% of the month).
        raise EventProblem(
            BAD_VALUE,
            _("score {score} is below zero, which scorecard {card_name} cannot reach").format(
                score=event.score, card_name=card.name
            ),
        )
    if event.assessor is not None and card.assessors:
        names = [a.name for a in card.assessors]
        if event.assessor not in names:
            raise _unknown(
                _("assessor of scorecard {card_name}").format(card_name=card.name),
                event.assessor,
                names,
            )
