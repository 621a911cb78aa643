"""Parse stage: rule file text → ``model.Ruleset``.

The LALR parser is built once from ``grammar/slarules.lark`` (shipped inside the wheel as
``slarules/grammar/slarules.lark``) and cached. Syntax errors become diagnostics that name
what was expected in plain words, never lark's terminal names. Input is bounded (size and
nesting depth) so hostile files cannot exhaust memory or the recursion limit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import lark
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from . import model as m
from . import syntax
from .diagnostics import ERROR, Diagnostic, RuleError
from .literals import LiteralError, parse_literal

# Bounds, keywords, comments and syntax messages live in syntax.py; re-exported here.
MAX_SOURCE_BYTES = syntax.MAX_SOURCE_BYTES
MAX_NESTING = syntax.MAX_NESTING
TERMINAL_WORDS = syntax.TERMINAL_WORDS


@functools.cache
def grammar_text() -> str:
    """The grammar, from the installed package or, in a source checkout, from grammar/."""
    packaged = resources.files("slarules").joinpath("grammar/slarules.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammar" / "slarules.lark"
    return checkout.read_text(encoding="utf-8")


@functools.cache
def lark_parser() -> lark.Lark:
    return lark.Lark(
        grammar_text(),
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": syntax.collect_comment},
    )


@functools.cache
def keywords() -> frozenset[str]:
    """The reserved words: none of them is a bare name (docs/language.md §1)."""
    return syntax.keywords(lark_parser())


def parse(text: str, path: str = "<string>") -> m.Ruleset:
    """Parse ``text`` into a model; raise ``RuleError`` with every diagnostic found."""
    syntax.check_bounds(text, path)
    sink, reset = syntax.start_collecting()
    try:
        tree = lark_parser().parse(text)
    except UnexpectedInput as exc:
        raise RuleError([syntax.syntax_diagnostic(exc, text, path, lark_parser())]) from None
    finally:
        syntax.stop_collecting(reset)
    syntax.check_expression_depth(tree, text, path)
    builder = _Builder(path, text)
    ruleset = builder.build(tree)
    if builder.diagnostics:
        raise RuleError(builder.diagnostics)
    return attrs.evolve(ruleset, comments=syntax.comments(sink, text))


# ---- tree → model -----------------------------------------------------------------------


PTree = Tree[Token]
Node = Tree[Token] | Token


class _Builder:
    """Walks the parse tree once, building model nodes; collects value errors instead of
    stopping at the first."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.header_acks: list[m.Acknowledgement] = []

    # -- helpers

    def span(self, node: Node) -> m.Span:
        if isinstance(node, Token):
            return m.Span(
                self.path,
                node.line or 0,
                node.column or 0,
                node.end_line or node.line or 0,
                node.end_column or node.column or 0,
            )
        meta = node.meta
        if getattr(meta, "empty", True):
            return m.Span(self.path, 0, 0, 0, 0)
        return m.Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def error(self, node: Node, code: str, message: str) -> None:
        self.diagnostics.append(
            Diagnostic.at(self.span(node), ERROR, code, message, source=self.source)
        )

    def name(self, node: Node) -> str:
        assert isinstance(node, Token)
        if node.type == "STRING":
            return unquote(str(node))
        if str(node) in keywords():
            self.error(
                node,
                "SLR001",
                f"“{node}” is a keyword and cannot be used as a name; "
                f'write "{node}" in quotes to use it as a name',
            )
        return str(node)

    def literal(self, node: Node) -> m.Literal:
        assert isinstance(node, Token), node
        try:
            return parse_literal(node.type, str(node), self.span(node))
        except LiteralError as exc:
            self.error(node, "SLR101", str(exc))
            return m.Literal(m.Unit.NUMBER, 0, str(node), span=self.span(node))

    def split(self, children: list[Node]) -> tuple[list[Node], str | None, list[m.Acknowledgement]]:
        """Separate ``cite`` and ``acknowledge`` children from the rest."""
        rest: list[Node] = []
        cite: str | None = None
        acks: list[m.Acknowledgement] = []
        for child in children:
            if isinstance(child, Tree) and child.data == "cite":
                cite = unquote(str(child.children[0]))
            elif isinstance(child, Tree) and child.data == "acknowledge":
                acks.append(self.acknowledge(child))
            else:
                rest.append(child)
        return rest, cite, acks

    def acknowledge(self, tree: PTree) -> m.Acknowledgement:
        code, reason = tree.children
        return m.Acknowledgement(str(code), unquote(str(reason)), span=self.span(tree))

    def names(self, tree: Node) -> tuple[str, ...]:
        assert isinstance(tree, Tree) and tree.data == "name_list"
        return tuple(self.name(c) for c in tree.children)

    # -- the file

    def build(self, tree: PTree) -> m.Ruleset:
        fields: dict[str, list[Any]] = {
            key: []
            for key in [
                "params",
                "calendars",
                "periods",
                "kinds",
                "deliverables",
                "causes",
                "slas",
                "scorecards",
                "composites",
                "flags",
                "payments",
                "acknowledgements",
            ]
        }
        header: dict[str, Any] = {}
        for decl in tree.children:
            assert isinstance(decl, Tree)
            handler: Callable[[PTree], tuple[str, Any]] = getattr(self, "d_" + decl.data)
            key, value = handler(decl)
            if key == "ruleset":
                if header:
                    self.error(decl, "SLR102", "a second ruleset header; a file holds one ruleset")
                header = value
            else:
                fields[key].append(value)
        if not header:
            first = m.Span(self.path, 1, 1, 1, 1)
            self.diagnostics.append(
                Diagnostic.at(
                    first,
                    ERROR,
                    "SLR103",
                    'the file has no ruleset header; start it with ruleset "name" { … }',
                    source=self.source,
                )
            )
            header = {"name": Path(self.path).stem}
        fields["acknowledgements"][:0] = self.header_acks
        contents: dict[str, Any] = {key: tuple(values) for key, values in fields.items()}
        return m.Ruleset(
            **header,
            **contents,
            path=self.path,
            source=self.source,
            span=self.span(tree),
        )

    def d_ruleset_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        header: dict[str, Any] = {"name": unquote(str(rest[0])), "cite": cite}
        for field in rest[1:]:
            assert isinstance(field, Tree)
            value = unquote(str(field.children[0]))
            header["title" if field.data == "rs_title" else "timezone"] = value
        # Header acknowledgements apply to the whole file.
        self.header_acks = acks
        return "ruleset", header

    def d_acknowledge(self, tree: PTree) -> tuple[str, Any]:
        return "acknowledgements", self.acknowledge(tree)

    def d_param_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        name = self.name(rest[0])
        type_tree = rest[1]
        assert isinstance(type_tree, Tree)
        ptype = str(type_tree.children[0])
        default = self.literal(rest[2]) if len(rest) > 2 else None
        return "params", m.Param(name, ptype, default, cite=cite, span=self.span(tree))

    def d_calendar_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        name = self.name(rest[0])
        hours: str | None = None
        days = "CN"
        holidays: list[Any] = []
        workdays: list[Any] = []
        for field in rest[1:]:
            assert isinstance(field, Tree)
            if field.data == "cal_hours":
                hours = unquote(str(field.children[0]))
            elif field.data == "cal_days":
                days = self.name(field.children[0])
                if days not in ("CN", "none"):
                    self.error(field, "SLR104", f"unknown day source “{days}”; use CN or none")
            else:
                dates = [self.literal(t).value for t in as_tree(field.children[0]).children]
                (holidays if field.data == "cal_extra_holidays" else workdays).extend(dates)
        if hours is None:
            self.error(
                tree, "SLR105", f'calendar {name} has no hours; add hours "24x7" or a schedule'
            )
            hours = "24x7"
        return "calendars", m.CalendarDef(
            name, hours, days, tuple(holidays), tuple(workdays), cite=cite, span=self.span(tree)
        )

    def d_period_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        name = self.name(rest[0])
        kind = rest[1]
        assert isinstance(kind, Tree)
        if kind.data == "period_cycle":
            months = self.literal(kind.children[0]).value
            anchor_node = kind.children[1]
            assert isinstance(anchor_node, Token)
            anchor: Any = (
                self.literal(anchor_node).value
                if anchor_node.type == "DATE"
                else self.name(anchor_node)
            )
            period = m.PeriodDef(
                name, "cycle", whole(months), anchor, cite=cite, span=self.span(tree)
            )
        else:
            period = m.PeriodDef(
                name, kind.data.removeprefix("period_"), cite=cite, span=self.span(tree)
            )
        return "periods", period

    def d_kind_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        by = self.name(rest[1]) if len(rest) > 1 else None
        return "kinds", m.KindDef(self.name(rest[0]), by, cite=cite, span=self.span(tree))

    def d_deliverable_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        return "deliverables", m.DeliverableDef(self.name(rest[0]), cite=cite, span=self.span(tree))

    def d_cause_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        return "causes", m.CauseDef(self.name(rest[0]), cite=cite, span=self.span(tree))

    # -- SLAs

    def d_sla_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        name = self.name(rest[0])
        calendar: str | None = None
        metrics: list[m.Metric] = []
        tiers: list[m.Tier] = []
        pauses: tuple[str, ...] = ()
        retier = "remeasure"
        cites: dict[str, str | None] = {"pause_cite": None, "retier_cite": None}
        exclusions: list[m.Exclusion] = []
        exemptions: list[m.Exemption] = []
        for field in rest[1:]:
            assert isinstance(field, Tree)
            parts, fcite, _ = self.split(field.children)
            span = self.span(field)
            if field.data == "sla_calendar":
                calendar = self.name(parts[0])
            elif field.data == "metric_decl":
                cal = None
                if len(parts) > 3:
                    cal_tree = parts[3]
                    assert isinstance(cal_tree, Tree)
                    cal = self.name(cal_tree.children[0])
                metrics.append(
                    m.Metric(
                        self.name(parts[0]),
                        self.name(parts[1]),
                        self.names(parts[2]),
                        cal,
                        cite=fcite,
                        span=span,
                    )
                )
            elif field.data == "sla_pause":
                selection = parts[0]
                assert isinstance(selection, Tree)
                only = selection.children[0]
                if isinstance(only, Token) and only.type == "ALL":
                    pauses = m.ALL_METRICS
                else:
                    pauses = self.names(only)
                cites["pause_cite"] = fcite
            elif field.data == "sla_retier":
                retier = str(parts[0])
                cites["retier_cite"] = fcite
            elif field.data == "sla_exclude":
                exclusions.append(m.Exclusion(self.names(parts[0]), cite=fcite, span=span))
            elif field.data == "sla_exempt":
                exemptions.append(
                    m.Exemption(self.names(parts[0]), self.names(parts[1]), cite=fcite, span=span)
                )
            elif field.data == "tier_decl":
                tiers.append(self.tier(field))
        return "slas", m.Sla(
            name,
            calendar,
            tuple(metrics),
            tuple(tiers),
            pauses=pauses,
            retier=retier,
            exclusions=tuple(exclusions),
            exemptions=tuple(exemptions),
            acknowledgements=tuple(acks),
            cite=cite,
            span=self.span(tree),
            **cites,
        )

    def tier(self, tree: PTree) -> m.Tier:
        rest, cite, _ = self.split(tree.children)
        targets = []
        for t in rest[1:]:
            assert isinstance(t, Tree)
            parts, tcite, _ = self.split(t.children)
            flags = {c.data for c in parts[2:] if isinstance(c, Tree)}
            targets.append(
                m.Target(
                    self.name(parts[0]),
                    self.literal(parts[1]),
                    close_of_business="close_of_business" in flags,
                    downgrade="downgrade" in flags,
                    cite=tcite,
                    span=self.span(t),
                )
            )
        return m.Tier(self.name(rest[0]), tuple(targets), cite=cite, span=self.span(tree))

    # -- scorecards

    def d_scorecard_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        name, period = self.name(rest[0]), self.name(rest[1])
        assessors: tuple[m.Assessor, ...] = ()
        entries: list[m.Item | m.Group] = []
        for child in rest[2:]:
            assert isinstance(child, Tree)
            if child.data == "assessed_by":
                assessors = tuple(self.assessor(as_tree(a)) for a in child.children)
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
        rest, cite, _ = self.split(tree.children)
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
                self.error(c[0], "SLR106", f"“per {n.text} occurrences” needs a whole number ≥ 1")
            return m.PerNOccurrences(max(count, 1), self.name(c[1]), span=span)
        if tree.data == "per_unit":
            return m.PerUnit(self.name(c[0]), span=span)
        if tree.data == "per_day_late":
            return m.PerDayLate(self.reference(c[0]), span=span)
        if tree.data == "per_late_delivery":
            return m.PerLateDelivery(self.name(c[0]), span=span)
        tiers = self.names(as_tree(c[1]).children[0]) if len(c) > 1 else ()
        if tree.data == "per_breach":
            return m.PerBreach(self.reference(c[0]), tiers, span=span)
        return m.PerBreachedTicket(self.name(c[0]), tiers, span=span)

    def reference(self, tree: Node) -> m.Reference:
        assert isinstance(tree, Tree)
        member = self.name(tree.children[1]) if len(tree.children) > 1 else None
        return m.Reference(self.name(tree.children[0]), member, span=self.span(tree))

    def grade(self, tree: PTree) -> m.Grade:
        rest, cite, _ = self.split(tree.children)
        return m.Grade(
            self.name(rest[0]), self.interval(as_tree(rest[1])), cite=cite, span=self.span(tree)
        )

    def aggregate(self, tree: PTree) -> m.Aggregate:
        tiers = self.names(as_tree(tree.children[1]).children[0]) if len(tree.children) > 1 else ()
        return m.Aggregate(
            tree.data.removeprefix("agg_"),
            self.reference(tree.children[0]),
            tiers,
            span=self.span(tree),
        )

    def band_row(self, tree: PTree) -> m.BandRow:
        rest, cite, _ = self.split(tree.children)
        grade = None
        if isinstance(rest[0], Token):
            grade = self.name(rest[0])
            rest = rest[1:]
        intervals = tuple(self.interval(as_tree(c)) for c in rest[:-1])
        return m.BandRow(grade, intervals, self.amount(rest[-1]), cite=cite, span=self.span(tree))

    def interval(self, tree: PTree) -> m.Interval:
        opening, low, _comma, high, closing = tree.children
        return m.Interval(
            self.bound(as_tree(low), str(opening) == "["),
            self.bound(as_tree(high), str(closing) == "]"),
            span=self.span(tree),
        )

    def bound(self, tree: PTree, closed: bool) -> m.Bound:
        negative = any(isinstance(c, Token) and str(c) == "-" for c in tree.children)
        value_token = tree.children[-1]
        assert isinstance(value_token, Token)
        if value_token.type == "INF":
            if closed:
                self.error(
                    tree, "SLR107", "an infinite end is always open: write ( or ) beside inf"
                )
            return m.Bound(None, False, negative)
        return m.Bound(self.literal(value_token), closed, negative)

    # -- composites, flags, payments

    def d_composite_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _ = self.split(tree.children)
        return "composites", m.Composite(
            self.name(rest[0]),
            self.name(rest[1]),
            self.expr(rest[2]),
            cite=cite,
            span=self.span(tree),
        )

    def d_flag_decl(self, tree: PTree) -> tuple[str, Any]:
        return "flags", self.flag(tree)

    def flag(self, tree: PTree) -> m.Flag:
        rest, cite, _ = self.split(tree.children)
        return m.Flag(self.name(rest[0]), self.condition(rest[1]), cite=cite, span=self.span(tree))

    def d_payment_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        entries = tuple(self.payment_entry(as_tree(c)) for c in rest[1:])
        return "payments", m.Payment(
            self.name(rest[0]),
            entries,
            acknowledgements=tuple(acks),
            cite=cite,
            span=self.span(tree),
        )

    def payment_entry(self, tree: PTree) -> m.PaymentEntry:
        rest, cite, _ = self.split(tree.children)
        span = self.span(tree)
        kind = tree.data
        if kind == "pay_base":
            return m.PayBase(self.expr(rest[0]), cite=cite, span=span)
        if kind == "pay_bond":
            return m.PayBond(self.expr(rest[0]), cite=cite, span=span)
        if kind == "pay_bond_first":
            return m.BondFirst(cite=cite, span=span)
        if kind == "pay_milestone":
            return m.Milestone(
                self.name(rest[0]),
                self.expr(rest[1]),
                self.literal(rest[2]),
                self.name(rest[3]),
                cite=cite,
                span=span,
            )
        if kind in ("pay_band", "deduct_band"):
            rows = tuple(self.percent_row(as_tree(r)) for r in rest[1:])
            mode = "pay" if kind == "pay_band" else "deduct"
            return m.PaymentBand(mode, self.expr(rest[0]), rows, cite=cite, span=span)
        if kind == "deduct_linear":
            fraction_tree = rest[3]
            assert isinstance(fraction_tree, Tree)
            return m.LinearDeduction(
                self.expr(rest[0]),
                self.literal(rest[1]),
                self.name(rest[2]),
                str(fraction_tree.children[0]),
                cite=cite,
                span=span,
            )
        if kind == "deduct_formula":
            return m.FormulaDeduction(
                self.expr(rest[0]), self.condition(rest[1]), cite=cite, span=span
            )
        if kind == "pay_damages":
            return m.Damages(self.expr(rest[0]), self.condition(rest[1]), cite=cite, span=span)
        assert kind == "flag_decl", kind
        return self.flag(tree)

    def percent_row(self, tree: PTree) -> m.PercentRow:
        rest, cite, _ = self.split(tree.children)
        return m.PercentRow(
            self.interval(as_tree(rest[0])), self.literal(rest[1]), cite=cite, span=self.span(tree)
        )

    # -- expressions and conditions

    def expr(self, node: Node) -> m.Expr:
        span = self.span(node)
        if isinstance(node, Token):
            return self.literal(node)
        c = node.children
        if node.data == "ref":
            return m.Ref(self.name(c[0]), span=span)
        if node.data in ("add", "sub", "mul", "div"):
            op = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[node.data]
            return m.BinOp(op, self.expr(c[0]), self.expr(c[1]), span=span)
        if node.data == "neg":
            return m.Neg(self.expr(c[0]), span=span)
        if node.data == "mean":
            return m.Mean(self.name(c[0]), span=span)
        if node.data in ("agg_count", "agg_late"):
            return self.aggregate(node)
        if node.data in ("min", "max"):
            return m.MinMax(node.data, self.expr(c[0]), self.expr(c[1]), span=span)
        if node.data == "ifelse":
            return m.IfElse(self.condition(c[0]), self.expr(c[1]), self.expr(c[2]), span=span)
        raise AssertionError(f"unexpected expression node {node.data}")  # pragma: no cover

    def condition(self, node: Node) -> m.Condition:
        span = self.span(node)
        assert isinstance(node, Tree), node
        c = node.children
        if node.data == "compare":
            op = {"≤": "<=", "≥": ">="}.get(str(c[1]), str(c[1]))
            consecutive = None
            if len(c) > 3:
                run = c[3]
                assert isinstance(run, Tree)
                n = self.literal(run.children[0]).value
                consecutive = whole(n)
                if consecutive < 1 or consecutive != n:
                    self.error(
                        run, "SLR106", "“for N consecutive periods” needs a whole number ≥ 1"
                    )
            return m.Compare(op, self.expr(c[0]), self.expr(c[2]), consecutive, span=span)
        if node.data == "cond_and":
            return m.And(self.condition(c[0]), self.condition(c[1]), span=span)
        if node.data == "cond_or":
            return m.Or(self.condition(c[0]), self.condition(c[1]), span=span)
        if node.data == "cond_not":
            return m.Not(self.condition(c[0]), span=span)
        if node.data == "cond_param":
            return m.ParamCondition(self.name(c[0]), span=span)
        raise AssertionError(f"unexpected condition node {node.data}")  # pragma: no cover


def as_tree(node: Node) -> PTree:
    """A child the grammar guarantees to be a subtree."""
    assert isinstance(node, Tree), node
    return node


def whole(value: m.LiteralValue) -> int:
    """An integer from a numeric literal value (0 for a non-number, reported elsewhere)."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return int(value)
    return 0


def unquote(text: str) -> str:
    """The text of a STRING token: quotes removed, \\" \\\\ and \\n unescaped."""
    body = text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text
    out: list[str] = []
    chars: Iterator[str] = iter(body)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt == "n" else nxt)
        else:
            out.append(ch)
    return "".join(out)
