"""Parse tree → model for ``measure`` declarations (docs/language.md §9), and their text
for ``slarules fmt`` and reports (kept apart so the parser and printer stay short)."""

from __future__ import annotations

from typing import Protocol

from lark import Token, Tree

from .. import model as m
from .tree import Node, PTree, TreeReader, as_tree

_UNITS: dict[str, m.LateUnit] = {"hours": "hours", "workdays": "workdays", "days": "days"}


def build_measure(reader: TreeReader, tree: PTree) -> m.Measure:
    rest, cite, _ = reader.split(tree.children)
    name, period = reader.name(rest[0]), reader.name(rest[1])
    rolling = None
    body_index = 2
    if isinstance(rest[2], Tree) and rest[2].data == "measure_rolling":
        rolling = reader.literal(rest[2].children[0])
        body_index = 3
    body = _body(reader, as_tree(rest[body_index]))
    return m.Measure(name, period, body, rolling, cite=cite, span=reader.span(tree))


def _tiers(reader: TreeReader, children: list[Node]) -> tuple[str, ...]:
    for child in children:
        if isinstance(child, Tree) and child.data == "tier_filter":
            return reader.names(child.children[0])
    return ()


def _body(reader: TreeReader, tree: PTree) -> m.MeasureBody:
    c = tree.children
    span = reader.span(tree)
    kind = tree.data
    if kind == "measure_lateness":
        unit_tree = next(x for x in c if isinstance(x, Tree) and x.data == "late_unit")
        unit = _UNITS[str(unit_tree.children[0])]
        rows = tuple(_row(reader, x) for x in c if isinstance(x, Tree) and x.data == "late_row")
        cap = None
        for x in c:
            if isinstance(x, Tree) and x.data == "late_cap":
                cap = reader.literal(x.children[0])
        return m.Lateness(reader.reference(c[0]), unit, rows, _tiers(reader, c), cap, span=span)
    if kind == "measure_rate":
        if_none = None
        for x in c:
            if isinstance(x, Tree) and x.data == "rate_if_none":
                if_none = reader.literal(x.children[0])
        return m.AttainmentRate(reader.reference(c[0]), _tiers(reader, c), if_none, span=span)
    if kind == "measure_breaches":
        return m.BreachCount(reader.reference(c[0]), _tiers(reader, c), span=span)
    if kind == "measure_breached_tickets":
        ref = m.Reference(reader.name(c[0]), span=reader.span(c[0]))
        return m.BreachCount(ref, _tiers(reader, c), tickets=True, span=span)
    if kind == "measure_periods":
        return m.PeriodCount(reader.name(c[0]), reader.condition(c[1]), span=span)
    if kind == "measure_aggregate":
        return m.AggregateMeasure(reader.aggregate(as_tree(c[0])), span=span)
    assert kind == "measure_grouped", kind
    return m.GroupCount(reader.name(c[0]), reader.name(c[1]), reader.condition(c[2]), span=span)


def _row(reader: TreeReader, tree: PTree) -> m.LateRow:
    rest, cite, _ = reader.split(tree.children)
    interval = reader.interval(as_tree(rest[0]))
    assert isinstance(rest[1], Token)
    return m.LateRow(interval, reader.literal(rest[1]), cite=cite, span=reader.span(tree))


# ---- text ---------------------------------------------------------------------------------


class Fmt(Protocol):
    """The printer's spellings (passed in: this module is below the printer)."""

    def name(self, text: str) -> str: ...

    def interval(self, interval: m.Interval) -> str: ...

    def cond(self, c: m.Condition) -> str: ...

    def cite(self, text: str | None) -> str: ...

    def aggregate(self, a: m.Aggregate) -> str: ...


def _tier_text(f: Fmt, tiers: tuple[str, ...]) -> str:
    return f" tier {', '.join(f.name(t) for t in tiers)}" if tiers else ""


def _ref(f: Fmt, ref: m.Reference) -> str:
    return f.name(ref.name) + (f".{f.name(ref.member)}" if ref.member is not None else "")


def measure_head(f: Fmt, x: m.Measure) -> str:
    """``measure NAME per PERIOD [rolling N months] =``."""
    rolling = f" rolling {x.rolling.text}" if x.rolling is not None else ""
    return f"measure {f.name(x.name)} per {f.name(x.period)}{rolling} ="


def row_text(f: Fmt, row: m.LateRow) -> str:
    return f"{f.interval(row.interval)} -> {row.amount.text} each{f.cite(row.cite)}"


def body_text(f: Fmt, body: m.MeasureBody, rows: bool = True) -> str:
    """The body in canonical form; a lateness body's rows inline unless ``rows`` is False
    (the printer writes them one per line)."""
    if isinstance(body, m.Lateness):
        head = f"lateness of {_ref(f, body.ref)}{_tier_text(f, body.tiers)}"
        head += f" in started {body.unit}"
        if not rows:
            return head
        inner = "  ".join(row_text(f, r) for r in body.rows)
        return f"{head} {{ {inner} }}{cap_text(body)}"
    if isinstance(body, m.AttainmentRate):
        none = f" if no tickets {body.if_none.text}" if body.if_none is not None else ""
        return f"percent of {_ref(f, body.ref)} met{_tier_text(f, body.tiers)}{none}"
    if isinstance(body, m.BreachCount):
        tiers = _tier_text(f, body.tiers)
        if body.tickets:
            return f"count of breached tickets of {f.name(body.ref.name)}{tiers}"
        return f"count of breaches of {_ref(f, body.ref)}{tiers}"
    if isinstance(body, m.AggregateMeasure):
        return f.aggregate(body.aggregate)
    if isinstance(body, m.PeriodCount):
        return f"count of {f.name(body.period)} where {f.cond(body.condition)}"
    where = f.cond(body.condition)
    return f"count of {f.name(body.sla)} by {f.name(body.field)} where {where}"


def cap_text(body: m.Lateness) -> str:
    return f" cap {body.cap.text} per ticket" if body.cap is not None else ""
