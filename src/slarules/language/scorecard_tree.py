"""Parse-tree reader of the scorecard declaration (docs/language.md): groups, items,
count rules and what they count, judged rules and their grades, points tables and their
rows. Kept apart from ``parser.py`` so that neither module outgrows ~600 lines; the
parser's builder inherits it, as it inherits ``money_tree.MoneyReader``."""

from __future__ import annotations

from typing import Any

from lark import Token, Tree

from .. import model as m
from ..i18n import _
from .tree import Node, PTree, TreeReader, as_tree, whole


class ScorecardReader(TreeReader):
    """Builds ``m.Scorecard`` and its entries from a ``scorecard_decl`` parse tree."""

    def d_scorecard_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        name, period = self.name(rest[0]), self.name(rest[1])
        assessors: tuple[m.Assessor, ...] = ()
        maximum: m.Literal | None = None
        entries: list[m.Item | m.Group] = []
        for child in rest[2:]:
            assert isinstance(child, Tree)
            if child.data == "assessed_by":
                assessors = tuple(self.assessor(as_tree(a)) for a in child.children)
            elif child.data == "scorecard_max":
                maximum = self.literal(child.children[0])
            else:
                entries.append(self.entry(child))
        return "scorecards", m.Scorecard(
            name,
            period,
            tuple(entries),
            assessors,
            acknowledgements=tuple(acks),
            cite=cite,
            span=self.span(tree),
            max=maximum,
        )

    def assessor(self, tree: PTree) -> m.Assessor:
        weight = self.literal(tree.children[1]) if len(tree.children) > 1 else None
        return m.Assessor(self.name(tree.children[0]), weight, span=self.span(tree))

    def entry(self, tree: PTree) -> m.Item | m.Group:
        if tree.data == "group_decl":
            rest, cite, acks = self.split(tree.children)
            return m.Group(
                self.name(rest[0]),
                self.literal(rest[1]),
                tuple(self.entry(as_tree(c)) for c in rest[2:]),
                acknowledgements=tuple(acks),
                cite=cite,
                span=self.span(tree),
            )
        return self.item(tree)

    def item(self, tree: PTree) -> m.Item:
        rest, cite, acks = self.split(tree.children)
        options: dict[str, Any] = {}
        rules: list[m.ItemRule] = []
        for child in rest[2:]:
            assert isinstance(child, Tree)
            if child.data == "no_floor":
                options["floor"] = False
            elif child.data == "item_cap":
                options["cap"] = self.literal(child.children[0])
            elif child.data == "item_default":
                options["default"] = self.literal(child.children[0])
            else:
                rules.append(self.rule(child))
        return m.Item(
            self.name(rest[0]),
            self.literal(rest[1]),
            tuple(rules),
            acknowledgements=tuple(acks),
            cite=cite,
            span=self.span(tree),
            **options,
        )

    def rule(self, tree: PTree) -> m.ItemRule:
        rest, cite, _unused = self.split(tree.children)
        span = self.span(tree)
        if tree.data in ("deduct_rule", "award_rule"):
            cap = None
            if len(rest) > 2:
                cap_tree = rest[2]
                assert isinstance(cap_tree, Tree)
                cap = self.literal(cap_tree.children[0])
            return m.CountRule(
                -1 if tree.data == "deduct_rule" else 1,
                self.amount(rest[0]),
                self.counter(rest[1]),
                cap,
                cite=cite,
                span=span,
            )
        if tree.data == "judged_rule":
            step = None
            grades: tuple[m.Grade, ...] = ()
            for child in rest:
                assert isinstance(child, Tree)
                if child.data == "judged_step":
                    step = self.literal(child.children[0])
                elif child.data == "grade_table":
                    grades = tuple(self.grade(as_tree(g)) for g in child.children)
            return m.JudgedRule(step, grades, cite=cite, span=span)
        assert tree.data == "points_table"
        aggregates = tuple(
            self.aggregate(c) for c in rest if isinstance(c, Tree) and c.data.startswith("agg_")
        )
        rows = tuple(self.band_row(c) for c in rest if isinstance(c, Tree) and c.data == "band_row")
        return m.PointsTable(aggregates, rows, cite=cite, span=span)

    def amount(self, node: Node) -> m.Literal | m.JudgedRange:
        if isinstance(node, Tree):
            assert node.data == "judged_amount"
            return m.JudgedRange(self.interval(as_tree(node.children[0])), span=self.span(node))
        return self.literal(node)

    def counter(self, tree: Node) -> m.Counter:
        assert isinstance(tree, Tree)
        c = tree.children
        span = self.span(tree)
        if tree.data == "per_occurrence":
            return m.PerOccurrence(self.name(c[0]), span=span)
        if tree.data == "per_n_occurrences":
            n = self.literal(c[0])
            count = whole(n.value)
            if count < 1 or count != n.value:
                self.error(
                    c[0],
                    "SLR106",
                    _("“per {text} occurrences” needs a whole number ≥ 1").format(text=n.text),
                )
            return m.PerNOccurrences(max(count, 1), self.name(c[1]), span=span)
        if tree.data == "per_unit":
            return m.PerUnit(self.name(c[0]), span=span)
        if tree.data == "per_day_late":
            return m.PerDayLate(self.reference(c[0]), span=span)
        if tree.data == "per_late_delivery":
            return m.PerLateDelivery(self.name(c[0]), span=span)
        if tree.data == "per_point_below":
            return m.PerPointBelow(self.literal(c[0]), self.name(c[1]), span=span)
        if tree.data == "missing_delivery":
            return m.PerLateDelivery(self.name(c[0]), span=span, which="missing")
        if tree.data == "made_late_delivery":
            return m.PerLateDelivery(self.name(c[0]), span=span, which="made_late")
        tiers = self.names(as_tree(c[1]).children[0]) if len(c) > 1 else ()
        if tree.data == "per_breach":
            return m.PerBreach(self.reference(c[0]), tiers, span=span)
        return m.PerBreachedTicket(self.name(c[0]), tiers, span=span)

    def grade(self, tree: PTree) -> m.Grade:
        rest, cite, _unused = self.split(tree.children)
        forced_by, forced_span = None, m.NO_SPAN
        if len(rest) > 2:  # `when occurrence of KIND`
            forced = as_tree(rest[2])
            forced_by, forced_span = self.name(forced.children[0]), self.span(forced.children[0])
        return m.Grade(
            self.name(rest[0]),
            self.interval(as_tree(rest[1])),
            cite=cite,
            span=self.span(tree),
            forced_by=forced_by,
            forced_span=forced_span,
        )

    def band_row(self, tree: PTree) -> m.BandRow:
        rest, cite, _unused = self.split(tree.children)
        grade = None
        if isinstance(rest[0], Token):
            grade = self.name(rest[0])
            rest = rest[1:]
        intervals = tuple(self.interval(as_tree(c)) for c in rest[:-1])
        return m.BandRow(grade, intervals, self.amount(rest[-1]), cite=cite, span=self.span(tree))
