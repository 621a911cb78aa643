"""Parse-tree readers shared by the parser's builder: names, literals, citations,
intervals and references, and the builders of expressions, conditions, composites, flags
and payments (kept apart from ``parser.py`` so that neither module outgrows ~600 lines)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from lark import Token, Tree

from .. import model as m
from ..errors import ERROR, Diagnostic
from ..i18n import _
from .literals import LiteralError, parse_literal

PTree = Tree[Token]
Node = Tree[Token] | Token


class TreeReader:
    """Turns parse-tree nodes into model nodes; collects value errors instead of stopping
    at the first."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.diagnostics: list[Diagnostic] = []

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
        """A declared or referenced name, in Unicode NFC: canonically equal spellings (the
        compatibility ideograph U+F90A and 金 U+91D1) are one name (docs/diagnostics.md)."""
        assert isinstance(node, Token)
        if node.type == "STRING":
            return unicodedata.normalize("NFC", unquote(str(node)))
        return unicodedata.normalize("NFC", str(node))

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

    def reference(self, tree: Node) -> m.Reference:
        assert isinstance(tree, Tree)
        member = self.name(tree.children[1]) if len(tree.children) > 1 else None
        return m.Reference(self.name(tree.children[0]), member, span=self.span(tree))

    def due_rule(self, tree: PTree) -> m.DueRule:
        """A deliverable's ``due DELAY [after DELAY]… after NAME|end of PERIOD [on
        CALENDAR]`` (read here, not in parser.py, to keep that module short)."""
        delays: list[m.Literal] = []
        after, calendar, period_end = "", None, False
        for child in tree.children:
            if isinstance(child, Tree) and child.data == "period_end":
                after, period_end = self.name(child.children[0]), True
            elif isinstance(child, Tree):
                calendar = self.name(child.children[0])
            elif child.type in ("DAYS", "WORKDAYS", "MONTHS"):
                delays.append(self.literal(child))
            else:
                after = self.name(child)
        return m.DueRule(
            tuple(delays), after, calendar, span=self.span(tree), period_end=period_end
        )

    def aggregate(self, tree: PTree) -> m.Aggregate:
        if tree.data == "agg_measure":  # ``points by 响应及时率``: a measure's value
            ref = m.Reference(self.name(tree.children[0]), span=self.span(tree.children[0]))
            return m.Aggregate("measure", ref, span=self.span(tree))
        tiers = self.names(as_tree(tree.children[1]).children[0]) if len(tree.children) > 1 else ()
        return m.Aggregate(
            tree.data.removeprefix("agg_"),
            self.reference(tree.children[0]),
            tiers,
            span=self.span(tree),
        )

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
                    tree, "SLR107", _("an infinite end is always open: write ( or ) beside inf")
                )
            return m.Bound(None, False, negative)
        return m.Bound(self.literal(value_token), closed, negative)

    # -- composites, flags, payments

    def d_composite_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
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
        rest, cite, _unused = self.split(tree.children)
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
        rest, cite, _unused = self.split(tree.children)
        span = self.span(tree)
        kind = tree.data
        if kind == "pay_base":
            return m.PayBase(self.expr(rest[0]), cite=cite, span=span)
        if kind == "pay_bond":
            delay, after = None, None
            if len(rest) > 1 and isinstance(rest[1], Tree) and rest[1].data == "bond_returned":
                delay = self.literal(rest[1].children[0])
                after = self.name(rest[1].children[1])
            return m.PayBond(
                self.expr(rest[0]), cite=cite, span=span, returned_delay=delay, returned_after=after
            )
        if kind == "pay_bond_first":
            return m.BondFirst(cite=cite, span=span)
        if kind == "pay_milestone":
            return self.milestone(rest, cite, span)
        if kind in ("pay_band", "deduct_band"):
            return self.band(kind, rest, cite, span)
        if kind == "deduct_linear":
            fraction_tree = rest[3]
            assert isinstance(fraction_tree, Tree)
            return m.LinearDeduction(
                self.expr(rest[0]),
                self.literal(rest[1]),
                self.expr(rest[2]),
                str(fraction_tree.children[0]),
                cite=cite,
                span=span,
                cap=self.option(rest[4:], "deduction_cap"),
            )
        if kind == "deduct_formula":
            return m.FormulaDeduction(
                self.expr(rest[0]),
                self.condition(rest[1]),
                cite=cite,
                span=span,
                cap=self.option(rest[2:], "deduction_cap"),
            )
        if kind == "pay_damages":
            return m.Damages(self.expr(rest[0]), self.condition(rest[1]), cite=cite, span=span)
        if kind == "pay_damages_per":
            actual = isinstance(rest[0], Tree) and rest[0].data == "actual_loss"
            amount = None if actual else self.expr(rest[0])
            return m.Damages(amount, None, cite=cite, span=span, per=self.name(rest[1]))
        assert kind == "flag_decl", kind
        return self.flag(tree)

    def option(self, nodes: list[Node], data: str) -> m.Expr | None:
        """The expression of the optional clause ``data`` (``of …``, ``cap …``), if any."""
        for node in nodes:
            if isinstance(node, Tree) and node.data == data:
                return self.expr(node.children[0])
        return None

    def milestone(self, rest: list[Node], cite: str | None, span: m.Span) -> m.Milestone:
        """``milestone NAME AMOUNT due N workdays after [later of] EVENT [and DATE|PARAM] |
        due by DATE|PARAM``, with an optional ``when CONDITION``."""
        due = as_tree(rest[2])
        delay: m.Literal | None = None
        after: str | None = None
        by: m.Literal | str | None = None
        not_before: m.Literal | str | None = None
        if due.data in ("due_after", "due_after_later"):
            delay, after = self.literal(due.children[0]), self.name(due.children[1])
            if due.data == "due_after_later":
                date_token = due.children[2]
                assert isinstance(date_token, Token)
                not_before = (
                    self.literal(date_token) if date_token.type == "DATE" else self.name(date_token)
                )
        else:
            target = due.children[0]
            assert isinstance(target, Token)
            by = self.literal(target) if target.type == "DATE" else self.name(target)
        condition = None
        for node in rest[3:]:
            if isinstance(node, Tree) and node.data == "milestone_when":
                condition = self.condition(node.children[0])
        return m.Milestone(
            self.name(rest[0]),
            self.expr(rest[1]),
            delay,
            after,
            cite=cite,
            span=span,
            by=by,
            condition=condition,
            not_before=not_before,
        )

    def band(self, kind: str, rest: list[Node], cite: str | None, span: m.Span) -> m.PaymentBand:
        """``pay band`` / ``deduct band SCORE [of EXPR] [cap EXPR] { rows }``."""
        rows = tuple(
            self.percent_row(r) for r in rest[1:] if isinstance(r, Tree) and r.data == "percent_row"
        )
        return m.PaymentBand(
            "pay" if kind == "pay_band" else "deduct",
            self.expr(rest[0]),
            rows,
            cite=cite,
            span=span,
            amount=self.option(rest[1:], "band_of"),
            cap=self.option(rest[1:], "deduction_cap"),
        )

    def percent_row(self, tree: PTree) -> m.PercentRow:
        rest, cite, _unused = self.split(tree.children)
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
        if node.data in ("agg_count", "agg_late", "agg_mttr", "agg_downtime", "agg_availability"):
            return self.aggregate(node)
        if node.data == "payout":
            return m.Payout(span=span)
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
                        run, "SLR106", _("“for N consecutive periods” needs a whole number ≥ 1")
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
