"""Two versions of a contract over one event log (``slarules diff RULES_A RULES_B EVENTS``):
what changes between their reports — tickets whose targets change status, scorecard,
item, sheet and composite scores, measures (docs/language.md §9: a measure whose value
differs, shown as the report shows it — ``87.5%``, ``PT28H``, ``3``), payment lines (bands
and money), payable, refund, damages and flags — with one summary line per period.

Purchasers use it before signing (a draft against last year's log), auditors when a
contract is amended. Both reports come from the same events with the same options; the
differences come from the rule files alone.

Periods are matched by label, scorecards, items, composites and payment lines by name
(a payment line by name and kind), tickets by id and targets by metric. Something on one
side only shows as a change from or to ``—``. Everything is compared as the reports hold
it: exact decimals, money with two places.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen

from ..engine.evidence import TicketResult
from ..engine.scoring.results import (
    ItemResult,
    MeasureResult,
    PaymentResult,
    PeriodResult,
    ScorecardResult,
)
from ..i18n import _
from ..language.literals import decimal_text_or
from ..report import Report, measure_value_text, money_text
from .arguments import type_name
from .rules import load

_NONE = "—"


@frozen
class Change:
    """One value that differs: ``where`` it is (``考核周期:1 / 监理评分 / 故障响应``),
    ``what`` (score, status, amount, payable, flag…), before (A) and after (B)."""

    where: str
    what: str
    before: str
    after: str

    def text(self) -> str:
        return f"{self.where}: {self.what} {self.before} → {self.after}"


@frozen
class PeriodDiff:
    label: str
    summary: str  # one line: the period's headline numbers, A → B
    changes: tuple[Change, ...]


@frozen
class ReportDiff:
    rules_a: str
    rules_b: str
    periods: tuple[PeriodDiff, ...]
    tickets: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        return not self.tickets and not any(p.changes for p in self.periods)

    def to_dict(self) -> dict[str, Any]:
        def change(c: Change) -> dict[str, str]:
            return {"where": c.where, "what": c.what, "before": c.before, "after": c.after}

        return {
            "rules": {"a": self.rules_a, "b": self.rules_b},
            "periods": [
                {"period": p.label, "summary": p.summary, "changes": [change(c) for c in p.changes]}
                for p in self.periods
            ],
            "tickets": [change(c) for c in self.tickets],
        }

    def to_json(self) -> str:
        """The JSON of ``slarules diff --format json``."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"

    def to_text(self) -> str:
        """The text ``slarules diff`` prints."""
        return render_diff_text(self)


def diff_replays(
    rules_a: str | Path,
    rules_b: str | Path,
    events: str | Path,
    **options: Any,
) -> ReportDiff:
    """Replay ``events`` (a JSON Lines path: it is read twice) under both rule files with
    the same ``options`` (``as_of``, ``params``, ``period``, ``lenient``) and compare."""
    a = load(rules_a).replay(events, **options)
    b = load(rules_b).replay(events, **options)
    return diff_reports(a, b)


def diff_reports(a: Report, b: Report) -> ReportDiff:
    """What differs between two reports of the same events (module docstring)."""
    for what, report in (("a", a), ("b", b)):
        if not isinstance(report, Report):
            raise TypeError(
                _("diff_reports: {what} must be a Report (Ruleset.replay), not {kind}").format(
                    what=what, kind=type_name(report)
                )
            )
    periods_a = {p.label: p for p in a.periods}
    periods_b = {p.label: p for p in b.periods}
    labels = list(dict.fromkeys([*periods_a, *periods_b]))
    periods = tuple(_period(label, periods_a.get(label), periods_b.get(label)) for label in labels)
    return ReportDiff(a.inputs.ruleset_path, b.inputs.ruleset_path, periods, _tickets(a, b))


def render_diff_text(diff: ReportDiff) -> str:
    out = [f"A {diff.rules_a}", f"B {diff.rules_b}"]
    if diff.empty:
        return "\n".join([*out, "", "No differences."]) + "\n"
    for p in diff.periods:
        out += ["", f"Period {p.summary}"]
        out += [f"  {c.text()}" for c in p.changes] or ["  no changes"]
    if diff.tickets:
        out += ["", f"Tickets ({len(diff.tickets)} changes)"]
        out += [f"  {c.text()}" for c in diff.tickets]
    return "\n".join(out) + "\n"


# ---- comparing ---------------------------------------------------------------------------


def _num(value: Decimal | None) -> str:
    return decimal_text_or(value, _NONE)


def _money(value: Decimal | None) -> str:
    return money_text(value) or _NONE


def _delta(before: Decimal | None, after: Decimal | None, money: bool = False) -> str:
    """``62.9 → 70.1 (+7.2)``: both values and, when both are known, the difference."""
    show = _money if money else _num
    text = f"{show(before)} → {show(after)}"
    if before is not None and after is not None and before != after:
        diff = after - before
        text += f" ({'+' if diff > 0 else ''}{show(diff)})"
    return text


def _period(label: str, a: PeriodResult | None, b: PeriodResult | None) -> PeriodDiff:
    if a is None or b is None:
        side = "B only" if a is None else "A only"
        return PeriodDiff(label, f"{label}: in {side}", (Change(label, "period", side, side),))
    changes: list[Change] = []
    dates_a, dates_b = _dates(a), _dates(b)
    if dates_a != dates_b:  # one label, two spans: the numbers below are of different times
        changes.append(Change(label, "dates", dates_a, dates_b))
    cards_a = {c.name: c for c in a.scorecards}
    cards_b = {c.name: c for c in b.scorecards}
    for name in dict.fromkeys([*cards_a, *cards_b]):
        changes += _scorecard(f"{label} / {name}", cards_a.get(name), cards_b.get(name))
    comps_a = {c.name: c.score for c in a.composites}
    comps_b = {c.name: c.score for c in b.composites}
    changes += _values(label, "score", comps_a, comps_b)
    changes += _measures(label, a.measures, b.measures)
    changes += _payment(label, a.payment, b.payment)
    changes += _flags(label, [f.name for f in a.flags], [f.name for f in b.flags])
    summary = _summary(label, a, b)
    if dates_a != dates_b:
        summary += f" (the periods differ: {dates_a} → {dates_b})"
    return PeriodDiff(label, summary, tuple(changes))


def _dates(period: PeriodResult) -> str:
    """A period's span as the text report shows it: ``2024-09-02 – 2025-09-01``, its last
    day (the end is exclusive). Periods are matched by label, and two rule files may give
    one label different spans (``cycle 6 months`` against ``cycle 12 months``)."""
    last = period.end - timedelta(microseconds=1)
    return f"{period.start.date().isoformat()} – {last.date().isoformat()}"


def _summary(label: str, a: PeriodResult, b: PeriodResult) -> str:
    """``考核周期:1: 最终得分 62.9175 → 70 (+7.0825); payable 800000.00 → 900000.00
    (+100000.00)``: the composites (else the scorecards) and the payable."""
    scores_a = {c.name: c.score for c in a.composites} or {c.name: c.score for c in a.scorecards}
    scores_b = {c.name: c.score for c in b.composites} or {c.name: c.score for c in b.scorecards}
    parts = [
        f"{name} {_delta(scores_a.get(name), scores_b.get(name))}"
        for name in dict.fromkeys([*scores_a, *scores_b])
    ]
    if a.payment is not None or b.payment is not None:
        pay_a = a.payment.payable if a.payment else None
        pay_b = b.payment.payable if b.payment else None
        parts.append(f"payable {_delta(pay_a, pay_b, money=True)}")
    return f"{label}: " + ("; ".join(parts) or "nothing scored")


def _values(
    where: str, what: str, a: Mapping[str, Decimal | None], b: Mapping[str, Decimal | None]
) -> Iterator[Change]:
    for name in dict.fromkeys([*a, *b]):
        before, after = a.get(name), b.get(name)
        if name not in a or name not in b or before != after:
            shown_a = _num(before) if name in a else _NONE
            shown_b = _num(after) if name in b else _NONE
            yield Change(f"{where} / {name}", what, shown_a, shown_b)


def _measures(
    where: str, a: Sequence[MeasureResult], b: Sequence[MeasureResult]
) -> Iterator[Change]:
    """Measures whose value differs (or that one side lacks), each shown as the report
    shows it; a measure whose inputs differ but whose value is the same is no change."""
    found_a = {x.name: x for x in a}
    found_b = {x.name: x for x in b}
    for name in dict.fromkeys([*found_a, *found_b]):
        xa, xb = found_a.get(name), found_b.get(name)
        if xa is not None and xb is not None and _measure_key(xa) == _measure_key(xb):
            continue
        yield Change(f"{where} / {name}", "measure", _measure_text(xa), _measure_text(xb))


def _measure_key(x: MeasureResult) -> tuple[Decimal | None, bool, bool]:
    return x.value, x.percentage, x.duration


def _measure_text(x: MeasureResult | None) -> str:
    if x is None:
        return _NONE
    if x.value is None:
        return "unknown"
    return measure_value_text(x.value, x.percentage, x.duration)


def _scorecard(
    where: str, a: ScorecardResult | None, b: ScorecardResult | None
) -> Iterator[Change]:
    if a is None or b is None:
        yield Change(where, "score", _num(a.score) if a else _NONE, _num(b.score) if b else _NONE)
        return
    if a.score != b.score:
        yield Change(where, "score", _num(a.score), _num(b.score))
    if a.max != b.max:
        yield Change(where, "max", _num(a.max), _num(b.max))
    if a.sheets is None or b.sheets is None:
        yield from _items(where, a.items, b.items)
        return
    sheets_a = {s.assessor: s for s in a.sheets}
    sheets_b = {s.assessor: s for s in b.sheets}
    yield from _values(
        where, "sheet score", {k: s.score for k, s in sheets_a.items()},
        {k: s.score for k, s in sheets_b.items()},
    )  # fmt: skip
    for name in dict.fromkeys([*sheets_a, *sheets_b]):
        if name in sheets_a and name in sheets_b:
            yield from _items(f"{where} / {name}", sheets_a[name].items, sheets_b[name].items)


def _items(where: str, a: Sequence[ItemResult], b: Sequence[ItemResult]) -> Iterator[Change]:
    items_a = {_item_name(i): i for i in a}
    items_b = {_item_name(i): i for i in b}
    yield from _values(
        where, "item score", {k: i.score for k, i in items_a.items()},
        {k: i.score for k, i in items_b.items()},
    )  # fmt: skip
    for name in dict.fromkeys([*items_a, *items_b]):
        if name in items_a and name in items_b and items_a[name].max != items_b[name].max:
            yield Change(
                f"{where} / {name}", "max", _num(items_a[name].max), _num(items_b[name].max)
            )


def _item_name(item: ItemResult) -> str:
    return f"{item.group}/{item.name}" if item.group else item.name


def _payment(label: str, a: PaymentResult | None, b: PaymentResult | None) -> Iterator[Change]:
    if a is None and b is None:
        return
    where = f"{label} / payment"
    lines_a = {(ln.name, ln.kind): ln for ln in (a.lines if a else ())}
    lines_b = {(ln.name, ln.kind): ln for ln in (b.lines if b else ())}
    for key in dict.fromkeys([*lines_a, *lines_b]):
        la, lb = lines_a.get(key), lines_b.get(key)
        amount_a = la.amount if la else None
        amount_b = lb.amount if lb else None
        basis_a = la.basis if la else _NONE
        basis_b = lb.basis if lb else _NONE
        if la is None or lb is None or amount_a != amount_b:
            yield Change(f"{where} / {key[0]}", "amount", *_pair(amount_a, amount_b))
        if basis_a != basis_b:
            yield Change(f"{where} / {key[0]}", "basis", basis_a, basis_b)
    totals = (("payable", "payable"), ("refund", "refund"), ("damages", "damages"))
    for attr, what in totals:
        before = getattr(a, attr) if a else None
        after = getattr(b, attr) if b else None
        if before != after:
            yield Change(where, what, *_pair(before, after))
    yield from _flags(
        where, [f.name for f in (a.flags if a else ())], [f.name for f in (b.flags if b else ())]
    )


def _pair(before: Decimal | None, after: Decimal | None) -> tuple[str, str]:
    """Money before and after; the after side carries the difference when both are known."""
    text = _delta(before, after, money=True)
    head, _, tail = text.partition(" → ")
    return head, tail


def _flags(where: str, a: Sequence[str], b: Sequence[str]) -> Iterator[Change]:
    for name in dict.fromkeys([*a, *b]):
        if (name in a) != (name in b):
            yield Change(where, f"flag {name}", "raised" if name in a else "not raised",
                         "raised" if name in b else "not raised")  # fmt: skip


def _tickets(a: Report, b: Report) -> tuple[Change, ...]:
    """Per ticket and target: a status that changes (or an exclusion that does)."""
    in_b = {t.ticket: t for t in b.tickets}
    changes: list[Change] = []
    seen: set[str] = set()
    for ta in a.tickets:
        seen.add(ta.ticket)
        changes += _ticket(ta.ticket, ta, in_b.get(ta.ticket))
    for tb in b.tickets:
        if tb.ticket not in seen:
            changes += _ticket(tb.ticket, None, tb)
    return tuple(changes)


def _ticket(name: str, a: TicketResult | None, b: TicketResult | None) -> list[Change]:
    where = f"ticket {name}"
    if a is None or b is None:
        return [Change(where, "ticket", "present" if a else _NONE, "present" if b else _NONE)]
    out = []
    if a.excluded != b.excluded:
        out.append(Change(where, "excluded", a.excluded or _NONE, b.excluded or _NONE))
    status_a = {x.metric: x.status for x in a.targets}
    status_b = {x.metric: x.status for x in b.targets}
    for metric in dict.fromkeys([*status_a, *status_b]):
        before, after = status_a.get(metric, _NONE), status_b.get(metric, _NONE)
        if before != after:
            out.append(Change(f"{where} / {metric}", "status", before, after))
    return out
