"""Shared machinery of the checks: the ``Checker`` that collects diagnostics, indexes of
declared names, the did-you-mean helper and plain-words formatting of values.

Each check module exposes ``run(checker)``; the checker knows the ruleset, its source text
(to quote lines and slice the text of a node) and the fixed severity of every code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from decimal import Decimal

from .. import model as m
from ..errors import MAX_PER_CODE, Diagnostic, split_lines
from ..i18n import N_, _
from ..language.literals import decimal_text
from .codes import severity_of

MAX_SUGGESTIONS = 200
"""Did-you-mean look-ups per file (``Checker.suggest``)."""
MAX_SUGGESTED_LENGTH = 64
"""Names longer than this get no suggestion and are suggested for nothing: the similarity
ratio costs the square of the length."""


class Checker:
    """Collects diagnostics for one ruleset. Severity comes from the code catalogue, so a
    check never decides it ad hoc."""

    def __init__(self, ruleset: m.RuleFile) -> None:
        self.ruleset = ruleset
        self.source = ruleset.source
        self.diagnostics: list[Diagnostic] = []
        self._lines = list(split_lines(ruleset.source))
        self._counts: dict[str, int] = {}
        self._suggestions = 0
        self.params = {p.name: p for p in ruleset.params}
        # Parameter values given for a replay (``horizon.params_past_day_data``), over the
        # defaults that ``check`` alone reads; empty for ``check``.
        self.param_values: dict[str, object] = {}
        self.calendars = {c.name: c for c in ruleset.calendars}
        self.periods = {p.name: p for p in ruleset.periods}
        self.kinds = {k.name: k for k in ruleset.kinds}
        self.deliverables = {d.name: d for d in ruleset.deliverables}
        self.causes = {c.name: c for c in ruleset.causes}
        self.slas = {s.name: s for s in ruleset.slas}
        self.scorecards = {s.name: s for s in ruleset.scorecards}
        self.composites = {c.name: c for c in ruleset.composites}
        self.measures = {x.name: x for x in ruleset.measures}

    def report(self, code: str, span: m.Span, message: str, witness: str | None = None) -> None:
        self._counts[code] = self._counts.get(code, 0) + 1
        self.diagnostics.append(
            Diagnostic.at(
                span,
                severity_of(code),
                code,
                message,
                witness=witness,
                source=self.source if self.source else None,
            )
        )

    def text(self, span: m.Span, fallback: str = _("this expression")) -> str:
        """The source text a node spans, when it lies on one line."""
        if span.line != span.end_line or not 1 <= span.line <= len(self._lines):
            return fallback
        piece = self._lines[span.line - 1][span.column - 1 : span.end_column - 1].strip()
        return piece or fallback

    def locate(self, span: m.Span, name: str, after: str | None = None) -> m.Span:
        """Where ``name`` is written inside the node at ``span`` (after the word ``after``
        when given and present), for names the model keeps without a span of their own;
        the node's own span when it cannot be found."""
        if after is not None:
            keyword = self._find(span, after, span)
            if keyword is not None:
                following = m.Span(span.path, keyword.end_line, keyword.end_column, 0, 0)
                hit = self._find(span, name, following)
                if hit is not None:
                    return hit
        return self._find(span, name, span) or span

    def _find(self, span: m.Span, word: str, start: m.Span) -> m.Span | None:
        """The first whole-word occurrence of ``word`` inside ``span``, at or after the
        position where ``start`` begins."""
        pattern = re.compile(r"(?<![\w])" + re.escape(word) + r"(?![\w])")
        first = max(span.line, start.line, 1)
        for number in range(first, min(span.end_line, len(self._lines)) + 1):
            line = self._lines[number - 1]
            begin = span.column - 1 if number == span.line else 0
            if number == start.line:
                begin = max(begin, start.column - 1)
            stop = span.end_column - 1 if number == span.end_line else len(line)
            hit = pattern.search(line, begin, max(stop, begin))
            if hit is not None:
                return m.Span(span.path, number, hit.start() + 1, number, hit.end() + 1)
        return None

    def unknown(
        self,
        code: str,
        what: str,
        name: str,
        candidates: Iterable[str],
        span: m.Span,
        scope: str = "",
    ) -> None:
        """Report an unknown ``what`` called ``name`` (``scope``: e.g. `` in SLA 故障``),
        with a did-you-mean suggestion over ``candidates``."""
        # The suggestion costs O(names); past the shown ones it is not computed, so a file
        # with thousands of unknown names stays linear.
        hint = self.suggest(name, candidates) if self.shown(code) else None
        shown = _("; did you mean “{name}”?").format(name=hint) if hint else ""
        self.report(
            code,
            span,
            _("unknown {what} “{name}”{scope}{hint}").format(
                what=what, name=name, scope=scope, hint=shown
            ),
        )

    def suggest(self, name: str, candidates: Iterable[str]) -> str | None:
        """The declared name closest to ``name`` (``close_match``), for at most
        ``MAX_SUGGESTIONS`` look-ups per file: each costs O(names × length²), so a file of
        thousands of misspellings must not pay it thousands of times."""
        if self._suggestions >= MAX_SUGGESTIONS:
            return None
        self._suggestions += 1
        return close_match(name, candidates)

    def shown(self, code: str) -> bool:
        """Whether the next diagnostic of ``code`` will be shown (``cap_repeats``)."""
        return self._counts.get(code, 0) < MAX_PER_CODE

    def scored(self, name: str) -> bool:
        """True when ``name`` is a scorecard, a composite or a measure (a score in
        expressions)."""
        return name in self.scorecards or name in self.composites or name in self.measures


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """``; did you mean “X”?`` for the closest declared name (``close_match``), or an
    empty string."""
    closest = close_match(name, candidates)
    return _("; did you mean “{name}”?").format(name=closest) if closest else ""


def close_match(name: str, candidates: Iterable[str]) -> str | None:
    """The declared name closest to ``name``, or None when none is close enough.

    Ratcliff/Obershelp similarity (difflib) over characters works for Chinese names too:
    系统故障 against 系统运行故障 scores 0.8. A case-insensitive exact match wins outright;
    ties go to the name that sorts first, so the suggestion is deterministic."""
    if len(name) > MAX_SUGGESTED_LENGTH:
        return None
    pool = sorted(c for c in set(candidates) - {name} if len(c) <= MAX_SUGGESTED_LENGTH)
    if not pool:
        return None
    for candidate in pool:
        if candidate.casefold() == name.casefold():
            return candidate
    best, best_ratio = "", Decimal(0)
    for candidate in pool:
        matcher = difflib.SequenceMatcher(None, name.casefold(), candidate.casefold())
        ratio = Decimal(2 * sum(b.size for b in matcher.get_matching_blocks()))
        ratio /= len(name) + len(candidate)
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best if best_ratio >= Decimal("0.5") else None


def fmt_decimal(value: Decimal | int) -> str:
    """A decimal as people write it: 89.5, 100, -1 (no exponent, no trailing zeros)."""
    return decimal_text(value)


def fmt_seconds(seconds: Decimal) -> str:
    """A duration given in seconds, as the rule language writes it: 24h, 30m, 1h30m."""
    sign = "-" if seconds < 0 else ""
    rest = abs(seconds)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{fmt_decimal(hours)}h")
    if minutes:
        parts.append(f"{fmt_decimal(minutes)}m")
    if secs:
        parts.append(f"{fmt_decimal(secs)}s")
    if not parts:
        parts.append("0h")
    return sign + "".join(parts)


def points(literal: m.Literal) -> Decimal:
    """A literal's value on the number line, 0 for a date or true/false (whose wrong unit
    the unit checks report), so a mistyped maximum never stops the other checks."""
    if literal.unit in (m.Unit.DATE, m.Unit.BOOL):
        return Decimal(0)
    return literal.number


UNIT_WORDS = {
    m.Unit.NUMBER: N_("a number"),
    m.Unit.POINTS: N_("points"),
    m.Unit.PERCENT: N_("a percentage"),
    m.Unit.MONEY: N_("an amount of money"),
    m.Unit.DURATION: N_("a duration"),
    m.Unit.DAYS: N_("a number of days"),
    m.Unit.WORKDAYS: N_("a number of workdays"),
    m.Unit.MONTHS: N_("a number of months"),
    m.Unit.DATE: N_("a date"),
    m.Unit.COUNT: N_("a count"),
    m.Unit.BOOL: N_("true or false"),
}


def describe_literal(literal: m.Literal) -> str:
    """``a duration 4h``: the unit in words, then the literal as written."""
    return _("{unit} {literal}").format(unit=_(UNIT_WORDS[literal.unit]), literal=literal.text)
