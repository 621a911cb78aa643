"""The canonical printer behind ``slarules fmt``: model → rule-file text.

Canonical form, so that two people who write the same rules get the same file and a diff
shows only what changed:

- declarations grouped by kind, in this order: the ruleset header (with every file-wide
  ``acknowledge``), params, calendars, periods, kinds, deliverables, causes, SLAs,
  scorecards, composites, flags, payments; file order within each kind. ``fmt`` therefore
  moves a declaration written out of that order;
- two-space indentation, one field or rule per line, a blank line between declarations
  (runs of one-line declarations of the same kind stay together);
- literals exactly as written (``4小时`` stays ``4小时``; intervals keep their brackets);
  names bare when the lexer reads them back as the same name, quoted otherwise;
- expressions with the fewest parentheses the precedence allows (``+ -`` below ``* / of``);
  ``of`` and ``×`` are kept where the source wrote them, ``*`` otherwise.

Comments are not part of the model's meaning, but they carry contract citations, so they
are kept: each comment goes back before the line of the construct that follows it in the
file, or at the end of its line when code preceded it there (see ``comments.py``).

Guarantees (tested): ``parse(fmt(parse(x))) == parse(x)`` and ``fmt(fmt(x)) == fmt(x)``.

The small ``*_text`` functions (``rule_text``, ``counter_text``, ``aggregate_text``,
``interval_text``, ``expr_text``, ``cond_text``…) need no model or comments: the report, the
checker and the event loader write rules, expressions and intervals with them, so a rule
reads the same in a report, a diagnostic and the rule file. They live in ``texts.py`` and
are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import model as m
from .layout import Line, Source, place_comments
from .measures import body_text, cap_text, measure_head
from .measures import row_text as late_row_text
from .money_text import money_entry_text
from .texts import (
    MulWord,
    aggregate_text,
    amount_text,
    bound_text,
    cite,
    cond_text,
    counter_text,
    expr_text,
    interval_text,
    is_bare_name,
    maintenance_text,
    name,
    names,
    quote,
    reference_text,
    row_text,
    rule_text,
    target_text,
    tiers,
)

# The text functions live in texts.py; re-exported here, where the report, the checker and
# the event loader have always imported them from.
__all__ = [
    "INDENT",
    "MeasureFmt",
    "MulWord",
    "aggregate_text",
    "amount_text",
    "bound_text",
    "cite",
    "cond_text",
    "counter_text",
    "expr_text",
    "format_ruleset",
    "interval_text",
    "is_bare_name",
    "maintenance_text",
    "name",
    "names",
    "quote",
    "reference_text",
    "row_text",
    "rule_text",
    "target_text",
    "tiers",
]

INDENT = "  "


def format_ruleset(model: m.RuleFile) -> str:
    """The canonical text of ``model``, comments included; ends with one newline."""
    printer = _Printer(model)
    printer.ruleset()
    return place_comments(printer.lines, model.comments, printer.source)


# ---- the printer ---------------------------------------------------------------------------


class _Printer:
    """Appends ``Line``s; each remembers the source line of its construct so that comments
    can be put back beside it."""

    def __init__(self, model: m.RuleFile) -> None:
        self.model = model
        self.source = Source(model.source)
        self.lines: list[Line] = []
        self.opened: list[int] = []  # indexes of the lines that opened the enclosing blocks
        self.depth = 0

    # -- emitting

    def line(self, text: str, span: m.Span | None, *, single: bool = True) -> None:
        """One output line for the construct at ``span``. ``single``: the construct is all on
        this line (comments written inside it move before it)."""
        anchor = span.line if span is not None and span.line > 0 else None
        end = span.end_line if single and span is not None and span.line > 0 else anchor
        self.lines.append(Line(self.depth, text, anchor, end))

    def keyword_line(self, text: str, block: m.Span, keyword: str) -> None:
        """A field the model keeps without a span: find its line by its keyword."""
        found = self.source.keyword_line(block, keyword)
        self.lines.append(Line(self.depth, text, found, found))

    def open(self, text: str, span: m.Span) -> None:
        self.line(text + " {", span, single=False)
        self.opened.append(len(self.lines) - 1)
        self.depth += 1

    def close(self, span: m.Span) -> None:
        """Close the innermost block; an empty block prints as ``{ }`` on its opening line,
        unless comments were written inside it: they stay inside (fujian-scjg's scorecard
        explains on its own lines why it has no items)."""
        self.depth -= 1
        start = self.opened.pop()
        if start == len(self.lines) - 1 and not self._comments_inside(span):
            head = self.lines[start]
            self.lines[start] = Line(
                head.depth, head.text + " }", head.anchor, span.end_line or None
            )
            return
        end = span.end_line if span.line > 0 else None
        self.lines.append(Line(self.depth, "}", end, end, closing=True))

    def _comments_inside(self, span: m.Span) -> bool:
        """Whether a comment stands on a line of its own strictly inside ``span``."""
        if span.line <= 0:
            return False
        return any(
            span.line < c.line < span.end_line and not c.trailing for c in self.model.comments
        )

    # -- the file

    def ruleset(self) -> None:
        model = self.model
        self.header()
        groups: list[tuple[str, Sequence[Any], Callable[[Any], None]]] = [
            ("param", model.params, self.d_param),
            ("calendar", model.calendars, self.d_calendar),
            ("period", model.periods, self.d_period),
            ("kind", model.kinds, self.d_kind),
            ("deliverable", model.deliverables, self.d_deliverable),
            ("cause", model.causes, self.d_cause),
            ("sla", model.slas, self.d_sla),
            ("measure", model.measures, self.d_measure),
            ("scorecard", model.scorecards, self.d_scorecard),
            ("composite", model.composites, self.d_composite),
            ("flag", model.flags, self.d_flag),
            ("payment", model.payments, self.d_payment),
        ]
        previous = ("ruleset", False)
        for kind, decls, write in groups:
            for decl in decls:
                start = len(self.lines)
                write(decl)
                single = len(self.lines) - start == 1
                if not (single and previous == (kind, True)):
                    self.lines.insert(start, Line(0, "", None, None))
                previous = (kind, single)

    def header(self) -> None:
        """The ruleset block, holding every file-wide acknowledgement (the model does not
        distinguish those written in the header from those written at top level)."""
        model = self.model
        start = self.source.keyword_line(model.span, "ruleset")
        end = self.source.closing_line(start)
        span = m.Span(model.path, start or 0, 0, end or 0, 0)
        self.open(f"ruleset {quote(model.name)}{cite(model.cite)}", span)
        if model.title is not None:
            self.keyword_line(f"title {quote(model.title)}", span, "title")
        self.keyword_line(f"timezone {quote(model.timezone)}", span, "timezone")
        if model.currency != m.DEFAULT_CURRENCY:
            self.keyword_line(f"currency {model.currency}", span, "currency")
        self.acknowledgements(model.acknowledgements)
        self.close(span)

    def acknowledgements(self, acks: Sequence[m.Acknowledgement]) -> None:
        for ack in acks:
            self.line(f"acknowledge {ack.code} {quote(ack.reason)}", ack.span)

    def d_param(self, p: m.Param) -> None:
        if p.schedule:  # a fee schedule: one row per line
            self.open(f"param {name(p.name)}: {p.type} by date{cite(p.cite)}", p.span)
            for row in p.schedule:
                self.line(f"from {row.start} -> {row.value.text}{cite(row.cite)}", row.span)
            self.close(p.span)
            return
        default = f" = {p.default.text}" if p.default is not None else ""
        self.line(f"param {name(p.name)}: {p.type}{default}{cite(p.cite)}", p.span)

    def d_calendar(self, c: m.CalendarDef) -> None:
        self.open(f"calendar {name(c.name)}{cite(c.cite)}", c.span)
        if c.hours or not c.seasons:
            self.keyword_line(f"hours {quote(c.hours)}", c.span, "hours")
        for season in c.seasons:
            text = f"hours {quote(season.hours)} from {season.start} to {season.end}"
            self.line(text, season.span)
        self.keyword_line(f"days {name(c.days)}", c.span, "days")
        if c.subdiv is not None:
            self.keyword_line(f"subdiv {name(c.subdiv)}", c.span, "subdiv")
        if c.timezone is not None:
            self.keyword_line(f"timezone {quote(c.timezone)}", c.span, "timezone")
        if c.counting is not None:
            self.keyword_line(f"counting {name(c.counting)}", c.span, "counting")
        if c.extra_holidays:
            dates = ", ".join(d.isoformat() for d in c.extra_holidays)
            self.keyword_line(f"extra holidays {dates}", c.span, "holidays")
        if c.extra_workdays:
            dates = ", ".join(d.isoformat() for d in c.extra_workdays)
            self.keyword_line(f"extra workdays {dates}", c.span, "workdays")
        self.close(c.span)

    def d_period(self, p: m.PeriodDef) -> None:
        if p.kind == "cycle":
            anchor = name(p.anchor) if isinstance(p.anchor, str) else str(p.anchor)
            months = self.source.months_text(p.span, p.months or 0)
            kind = f"cycle {months} from {anchor}{_term_text(p)}"
        else:
            kind = p.kind
        self.line(f"period {name(p.name)} = {kind}{cite(p.cite)}", p.span)

    def d_kind(self, k: m.KindDef) -> None:
        by = f" superseded by {name(k.superseded_by)}" if k.superseded_by is not None else ""
        self.line(f"kind {name(k.name)}{by}{cite(k.cite)}", k.span)

    def d_deliverable(self, d: m.DeliverableDef) -> None:
        due = ""
        if d.due is not None:
            steps = "".join(f"{delay.text} after " for delay in d.due.delays)
            on = f" on {name(d.due.calendar)}" if d.due.calendar is not None else ""
            after = f"end of {name(d.due.after)}" if d.due.period_end else name(d.due.after)
            due = f" due {steps}{after}{on}"
        self.line(f"deliverable {name(d.name)}{due}{cite(d.cite)}", d.span)

    def d_cause(self, c: m.CauseDef) -> None:
        self.line(f"cause {name(c.name)}{cite(c.cite)}", c.span)

    # -- SLAs

    def d_sla(self, s: m.Sla) -> None:
        self.open(f"sla {name(s.name)}{cite(s.cite)}", s.span)
        if s.calendar is not None:
            self.keyword_line(f"calendar {name(s.calendar)}", s.span, "calendar")
        for metric in s.metrics:
            on = f" on {name(metric.calendar)}" if metric.calendar is not None else ""
            if metric.start_calendar is not None and metric.calendar is not None:
                on = f" starting on {name(metric.start_calendar)} then {name(metric.calendar)}"
            text = f"metric {name(metric.name)} from {name(metric.start)} to {names(metric.stops)}"
            self.line(f"{text}{on}{cite(metric.cite)}", metric.span)
        for events in s.events:
            self.line(f"event {names(events.names)}{cite(events.cite)}", events.span)
        if s.pauses:
            which = "all" if s.pauses == m.ALL_METRICS else names(s.pauses)
            which += f" in tier {names(s.pause_tiers)}" if s.pause_tiers else ""
            self.keyword_line(f"pause {which}{cite(s.pause_cite)}", s.span, "pause")
        grace = s.retier_allow.text if s.retier_allow is not None else None
        grace = "full" if s.retier_allow_full else grace
        if s.retier != "remeasure" or s.retier_cite is not None or grace is not None:
            text = f"retier {s.retier}" + (f" allow {grace}" if grace is not None else "")
            self.keyword_line(text + cite(s.retier_cite), s.span, "retier")
        if s.reopen is not None:
            which = names(s.reopen.metrics) if s.reopen.metrics else "nothing"
            self.line(f"reopen resumes {which}{cite(s.reopen.cite)}", s.reopen.span)
        for ex in s.exclusions:
            self.line(f"exclude cause {names(ex.causes)}{cite(ex.cite)}", ex.span)
        for exempt in s.exemptions:
            text = f"exempt {names(exempt.metrics)} when cause {names(exempt.causes)}"
            self.line(f"{text}{cite(exempt.cite)}", exempt.span)
        if s.maintenance is not None:
            self.line(maintenance_text(s.maintenance), s.maintenance.span)
        if s.warn is not None:
            levels = ", ".join(level.text for level in s.warn.levels)
            self.line(f"warn at {levels}{cite(s.warn.cite)}", s.warn.span)
        for tier in s.tiers:
            self.tier(tier)
        self.acknowledgements(s.acknowledgements)
        self.close(s.span)

    def tier(self, t: m.Tier) -> None:
        head = f"tier {name(t.name)}{cite(t.cite)}"
        self.open(head, t.span)
        for target in t.targets:
            text = f"{name(target.metric)} {target_text(target)}"
            self.line(text + cite(target.cite), target.span)
        self.close(t.span)

    # -- scorecards

    def d_scorecard(self, s: m.Scorecard) -> None:
        head = f"scorecard {name(s.name)} per {name(s.period)}"
        head += f" max {s.max.text}" if s.max is not None else ""
        if s.assessors:
            head += " assessed by " + ", ".join(
                name(a.name) + (f" {a.weight.text}" if a.weight is not None else "")
                for a in s.assessors
            )
        self.block(head + cite(s.cite), s.span, s.entries, s.acknowledgements)

    def block(
        self,
        head: str,
        span: m.Span,
        entries: Sequence[m.Item | m.Group],
        acks: Sequence[m.Acknowledgement],
    ) -> None:
        self.open(head, span)
        for entry in entries:
            self.entry(entry)
        self.acknowledgements(acks)
        self.close(span)

    def entry(self, e: m.Item | m.Group) -> None:
        if isinstance(e, m.Group):
            head = f"group {name(e.name)} max {e.max.text}{cite(e.cite)}"
            self.block(head, e.span, e.entries, e.acknowledgements)
            return
        head = f"item {name(e.name)} max {e.max.text}"
        head += "" if e.floor else " no floor"
        head += f" cap {e.cap.text}" if e.cap is not None else ""
        head += f" default {e.default.text}" if e.default is not None else ""
        head += cite(e.cite)
        self.open(head, e.span)
        for rule in e.rules:
            self.rule(rule)
        self.acknowledgements(e.acknowledgements)
        self.close(e.span)

    def rule(self, r: m.ItemRule) -> None:
        if isinstance(r, m.CountRule):
            self.line(rule_text(r) + cite(r.cite), r.span)
        elif isinstance(r, m.JudgedRule):
            head = rule_text(r) + cite(r.cite)
            if not r.grades:
                self.line(head, r.span)
                return
            self.open(head, r.span)
            for g in r.grades:
                forced = (
                    f" when occurrence of {name(g.forced_by)}" if g.forced_by is not None else ""
                )
                text = f"{name(g.name)}: {interval_text(g.interval)}{forced}{cite(g.cite)}"
                self.line(text, g.span)
            self.close(r.span)
        else:
            self.points_table(r)

    def points_table(self, t: m.PointsTable) -> None:
        self.open(rule_text(t) + cite(t.cite), t.span)
        for row in t.rows:
            self.line(row_text(row) + cite(row.cite), row.span)
        self.close(t.span)

    # -- composites, flags, payments

    def d_composite(self, c: m.Composite) -> None:
        text = f"composite {name(c.name)} per {name(c.period)} = {self.expr(c.expr)}"
        self.line(text + cite(c.cite), c.span)

    def d_measure(self, x: m.Measure) -> None:
        """One line, or for a lateness measure its rows one per line inside braces."""
        fmt = MeasureFmt(self)
        if isinstance(x.body, m.Lateness):
            self.open(f"{measure_head(fmt, x)} {body_text(fmt, x.body, rows=False)}", x.span)
            for row in x.body.rows:
                self.line(late_row_text(fmt, row), row.span)
            self.depth -= 1
            self.opened.pop()
            end = x.span.end_line if x.span.line > 0 else None
            tail = "}" + cap_text(x.body) + cite(x.cite)
            self.lines.append(Line(self.depth, tail, end, end, closing=True))
            return
        self.line(f"{measure_head(fmt, x)} {body_text(fmt, x.body)}{cite(x.cite)}", x.span)

    def d_flag(self, f: m.Flag) -> None:
        self.line(f"flag {name(f.name)} when {self.cond(f.condition)}{cite(f.cite)}", f.span)

    def d_payment(self, p: m.Payment) -> None:
        head = f"payment per {name(p.period)}{cite(p.cite)}"
        self.open(head, p.span)
        for entry in p.entries:
            self.payment_entry(entry)
        self.acknowledgements(p.acknowledgements)
        self.close(p.span)

    def payment_entry(self, e: m.PaymentEntry) -> None:
        if isinstance(e, m.PaymentBand):
            head = f"{e.mode} band {self.band_score(e.score)}{self.optional('of', e.amount)}"
            head += f"{self.optional('cap', e.cap)}{cite(e.cite)}"
            self.open(head, e.span)
            for row in e.rows:
                self.line(
                    f"{interval_text(row.interval)} -> {row.percent.text}{cite(row.cite)}", row.span
                )
            self.close(e.span)
            return
        self.line(self.payment_text(e) + cite(e.cite), e.span)

    def band_score(self, score: m.Expr) -> str:
        """A band's score: ``of`` in it prints as ``*`` (the same model), since a bare
        ``of`` after the score starts the band's ``of EXPR``."""

        def word(node: m.BinOp) -> str:
            written = self.source.operator(node)
            return "*" if written == "of" else written

        return expr_text(score, mul=word)

    def optional(self, keyword: str, e: m.Expr | None) -> str:
        """`` cap EXPR`` / `` of EXPR``, or nothing."""
        return "" if e is None else f" {keyword} {self.expr(e)}"

    def milestone(self, e: m.Milestone) -> str:
        if e.delay is not None and e.after is not None and e.not_before is not None:
            later = e.not_before
            date_text = later.text if isinstance(later, m.Literal) else name(later)
            due = f"{e.delay.text} after later of {name(e.after)} and {date_text}"
        elif e.delay is not None and e.after is not None:
            due = f"{e.delay.text} after {name(e.after)}"
        else:
            due = "by " + (e.by.text if isinstance(e.by, m.Literal) else name(str(e.by)))
        when = f" when {self.cond(e.condition)}" if e.condition is not None else ""
        return f"milestone {name(e.name)} {self.expr(e.amount)} due {due}{when}"

    def payment_text(self, e: m.PaymentEntry) -> str:
        if isinstance(e, m.PayBase):
            return f"base {self.expr(e.amount)}"
        if isinstance(e, m.PayBond):
            returned = (
                f" returned due {e.returned_delay.text} after {name(e.returned_after)}"
                if e.returned_delay is not None and e.returned_after is not None
                else ""
            )
            return f"bond {self.expr(e.amount)}{returned}"
        if isinstance(e, m.BondFirst):
            return "deductions from bond first"
        if isinstance(e, m.Milestone):
            return self.milestone(e)
        if isinstance(e, m.LinearDeduction):
            return (
                f"deduct {self.expr(e.amount)} per point below {e.threshold.text} "
                f"in {self.band_score(e.score)} fraction {e.fraction}"
                f"{self.optional('cap', e.cap)}"
            )
        if isinstance(e, m.FormulaDeduction):
            return (
                f"deduct {self.expr(e.amount)} when {self.cond(e.condition)}"
                f"{self.optional('cap', e.cap)}"
            )
        if isinstance(e, m.Damages):
            amount = "actual loss" if e.amount is None else self.expr(e.amount)
            if e.per is not None:
                return f"damages {amount} per occurrence of {name(e.per)}"
            assert e.condition is not None
            return f"damages {amount} when {self.cond(e.condition)}"
        if isinstance(e, m.MoneyLine | m.CapGroup):
            return money_entry_text(e, self.expr, self.cond, name)
        assert isinstance(e, m.Flag), e
        return f"flag {name(e.name)} when {self.cond(e.condition)}"

    def expr(self, e: m.Expr) -> str:
        return expr_text(e, mul=self.source.operator)

    def cond(self, c: m.Condition) -> str:
        return cond_text(c, mul=self.source.operator)


class MeasureFmt:
    """The printer's spellings, for ``language/measures.py`` (which sits below it)."""

    def __init__(self, printer: _Printer) -> None:
        self.cond = printer.cond
        self.name, self.interval, self.cite = name, interval_text, cite
        self.aggregate = aggregate_text


def _term_text(p: m.PeriodDef) -> str:
    """`` for N`` or `` through DATE`` of a cycle with a term; empty without one."""
    if p.count is not None:
        return f" for {name(p.count) if isinstance(p.count, str) else p.count}"
    if p.through is not None:
        return f" through {name(p.through) if isinstance(p.through, str) else p.through}"
    return ""
