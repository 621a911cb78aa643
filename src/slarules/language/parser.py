"""Parse stage: rule file text → ``model.RuleFile``.

The LALR parser is built once from ``grammar/slarules.lark`` (shipped inside the wheel as
``slarules/grammar/slarules.lark``) and cached. Syntax errors become diagnostics that name
what was expected in plain words, never lark's terminal names. Input is bounded (size and
nesting depth) so hostile files cannot exhaust memory or the recursion limit.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import lark
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from .. import model as m
from ..errors import ERROR, Diagnostic, RuleError, cap_repeats
from ..i18n import _
from . import keyword_names, syntax
from .measures import build_measure
from .money_tree import MoneyReader
from .scorecard_tree import ScorecardReader
from .sla_tree import SlaReader
from .tree import PTree, as_tree, unquote, whole

__all__ = ["as_tree", "keywords", "lark_parser", "parse", "unquote", "whole"]

# The grammar's words for the string-valued fields of the model, typed.
_PERIOD_KINDS: dict[str, m.PeriodKind] = {
    "period_month": "month",
    "period_quarter": "quarter",
    "period_year": "year",
}
_COUNTRY_FIELDS = {"cal_subdiv": "subdiv", "cal_timezone": "timezone", "cal_counting": "counting"}

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
    checkout = Path(__file__).resolve().parents[3] / "grammar" / "slarules.lark"
    return checkout.read_text(encoding="utf-8")


@functools.cache
def lark_parser() -> lark.Lark:
    parser = lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": syntax.collect_comment},
    )
    keyword_names.install(parser, syntax.keywords(parser))
    return parser


@functools.cache
def keywords() -> frozenset[str]:
    """The language's keywords. A keyword is a name wherever only that reading parses
    (``keyword_names``, docs/language.md §1); the printer quotes them all."""
    return syntax.keywords(lark_parser())


def parse(text: str, path: str = "<string>") -> m.RuleFile:
    """Parse ``text`` into a model; raise ``RuleError`` with every diagnostic found."""
    text = normalise_line_ends(text.removeprefix("\ufeff"))  # BOM: Windows editors write one
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
        raise RuleError(cap_repeats(builder.diagnostics))
    return attrs.evolve(ruleset, comments=syntax.comments(sink, text))


def normalise_line_ends(text: str) -> str:
    """CR LF becomes LF, so a file saved on Windows has the same positions as on Linux.
    A file whose only line ends are CRs (classic Mac OS, some exports) has its CRs made LF:
    read as one line, its first ``#`` comment would swallow the whole file ("no ruleset
    header"). Nothing else changes: lark counts lines on LF only, and the diagnostics count
    them the same way (``diagnostics.split_lines``), so a lone CR in a file that has LFs, a
    form feed or U+2028 is part of its line for both. (Such a CR cannot become LF: it may
    sit inside a quoted text, where LF may not.)"""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    return text


# ---- tree → model -----------------------------------------------------------------------


class _Builder(MoneyReader, SlaReader, ScorecardReader):
    """Walks the parse tree once, building model nodes; collects value errors instead of
    stopping at the first. Expressions, conditions, composites, flags and payments are read
    by ``TreeReader`` (``tree.py``), money by ``MoneyReader`` (``money_tree.py``), SLAs by
    ``SlaReader`` (``sla_tree.py``), scorecards by ``ScorecardReader``
    (``scorecard_tree.py``)."""

    def __init__(self, path: str, source: str) -> None:
        super().__init__(path, source)
        self.header_acks: list[m.Acknowledgement] = []

    # -- the file

    def build(self, tree: PTree) -> m.RuleFile:
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
                "measures",
                "flags",
                "payments",
                "acknowledgements",
            ]
        }
        header: dict[str, Any] = {}
        for decl in tree.children:
            assert isinstance(decl, Tree)
            key, value = self.declaration(decl)
            if key == "ruleset":
                if header:
                    self.error(
                        decl, "SLR102", _("a second ruleset header; a file holds one ruleset")
                    )
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
                    _('the file has no ruleset header; start it with ruleset "name" { … }'),
                    source=self.source,
                )
            )
            header = {"name": Path(self.path).stem}
        fields["acknowledgements"][:0] = self.header_acks
        contents: dict[str, Any] = {key: tuple(values) for key, values in fields.items()}
        return m.RuleFile(
            **header,
            **contents,
            path=self.path,
            source=self.source,
            span=self.span(tree),
        )

    def declaration(self, decl: PTree) -> tuple[str, Any]:
        """One top-level declaration (the grammar's ``declaration`` rule) → (the ``RuleFile``
        field it belongs to, its model node)."""
        match decl.data:
            case "ruleset_decl":
                return self.d_ruleset_decl(decl)
            case "acknowledge":
                return self.d_acknowledge(decl)
            case "param_decl":
                return self.d_param_decl(decl)
            case "param_schedule":
                return self.d_param_schedule(decl)
            case "calendar_decl":
                return self.d_calendar_decl(decl)
            case "period_decl":
                return self.d_period_decl(decl)
            case "kind_decl":
                return self.d_kind_decl(decl)
            case "deliverable_decl":
                return self.d_deliverable_decl(decl)
            case "cause_decl":
                return self.d_cause_decl(decl)
            case "sla_decl":
                return self.d_sla_decl(decl)
            case "scorecard_decl":
                return self.d_scorecard_decl(decl)
            case "composite_decl":
                return self.d_composite_decl(decl)
            case "measure_decl":
                return "measures", build_measure(self, decl)
            case "flag_decl":
                return self.d_flag_decl(decl)
            case "payment_decl":
                return self.d_payment_decl(decl)
        raise AssertionError(f"the grammar has no declaration {decl.data!r}")

    def d_ruleset_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        header: dict[str, Any] = {"name": unquote(str(rest[0])), "cite": cite}
        for field in rest[1:]:
            assert isinstance(field, Tree)
            if field.data == "rs_currency":
                header["currency"] = self.currency(field)
                continue
            value = unquote(str(field.children[0]))
            header["title" if field.data == "rs_title" else "timezone"] = value
        # Header acknowledgements apply to the whole file.
        self.header_acks = acks
        return "ruleset", header

    def d_acknowledge(self, tree: PTree) -> tuple[str, Any]:
        return "acknowledgements", self.acknowledge(tree)

    def d_param_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
        name = self.name(rest[0])
        type_tree = rest[1]
        assert isinstance(type_tree, Tree)
        ptype = str(type_tree.children[0])
        default = self.literal(rest[2]) if len(rest) > 2 else None
        return "params", m.Param(name, ptype, default, cite=cite, span=self.span(tree))

    def d_calendar_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
        name = self.name(rest[0])
        hours: str | None = None
        days = "CN"
        holidays: list[Any] = []
        workdays: list[Any] = []
        seasons: list[m.Season] = []
        country: dict[str, str] = {}
        for field in rest[1:]:
            assert isinstance(field, Tree)
            if field.data == "cal_hours" and len(field.children) > 1:
                start, end = as_tree(field.children[1]).children
                text = unquote(str(field.children[0]))
                seasons.append(m.Season(text, str(start), str(end), span=self.span(field)))
            elif field.data == "cal_hours":
                hours = unquote(str(field.children[0]))
            elif field.data == "cal_days":
                days = self.name(field.children[0])  # a country the checker looks up
            elif field.data in _COUNTRY_FIELDS:
                value = field.children[0]
                text = unquote(str(value)) if field.data == "cal_timezone" else self.name(value)
                country[_COUNTRY_FIELDS[field.data]] = text
            else:
                dates = [self.literal(t).value for t in as_tree(field.children[0]).children]
                (holidays if field.data == "cal_extra_holidays" else workdays).extend(dates)
        if hours is None and seasons:
            hours = ""  # seasonal hours only
        if hours is None:
            self.error(
                tree,
                "SLR105",
                _('calendar {name} has no hours; add hours "24x7" or a schedule').format(name=name),
            )
            hours = "24x7"
        return "calendars", m.CalendarDef(
            name,
            hours,
            days,
            tuple(holidays),
            tuple(workdays),
            cite=cite,
            span=self.span(tree),
            seasons=tuple(seasons),
            **country,
        )

    def d_period_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
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
            count, through = self.period_term(kind.children[2:])
            period = m.PeriodDef(
                name,
                "cycle",
                whole(months),
                anchor,
                cite=cite,
                span=self.span(tree),
                count=count,
                through=through,
            )
        else:
            period = m.PeriodDef(name, _PERIOD_KINDS[kind.data], cite=cite, span=self.span(tree))
        return "periods", period

    def period_term(self, nodes: list[Any]) -> tuple[int | str | None, Any]:
        """A cycle's ``for N`` (number or parameter) or ``through DATE`` (date or
        parameter), as (count, through)."""
        if not nodes or not isinstance(nodes[0], Tree):
            return None, None
        term = nodes[0]
        value = term.children[0]
        assert isinstance(value, Token)
        if term.data == "term_for":
            if value.type == "NUMBER":
                return whole(self.literal(value).value), None
            return self.name(value), None
        if value.type == "DATE":
            return None, self.literal(value).value
        return None, self.name(value)

    def d_kind_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
        by = self.name(rest[1]) if len(rest) > 1 else None
        return "kinds", m.KindDef(self.name(rest[0]), by, cite=cite, span=self.span(tree))

    def d_deliverable_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
        due = self.due_rule(as_tree(rest[1])) if len(rest) > 1 else None
        return "deliverables", m.DeliverableDef(
            self.name(rest[0]), cite=cite, span=self.span(tree), due=due
        )

    def d_cause_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, _unused = self.split(tree.children)
        return "causes", m.CauseDef(self.name(rest[0]), cite=cite, span=self.span(tree))
