"""The rule language's small text functions: model pieces → their text in a rule file.

``rule_text``, ``counter_text``, ``aggregate_text``, ``interval_text``, ``expr_text``,
``cond_text``… need no model or comments: the printer (``printer.py``, ``slarules fmt``)
writes its lines with them, and the report, the checker and the event loader write rules,
expressions and intervals with them, so a rule reads the same in a report, a diagnostic and
the rule file. Names are bare when the lexer reads them back as the same name, quoted
otherwise; expressions get the fewest parentheses the precedence allows. Kept apart from
``printer.py`` so that neither module outgrows ~600 lines; ``printer`` re-exports them all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from .. import model as m
from ..i18n import _
from .parser import keywords, lark_parser

# Operator precedence levels of the grammar: sum < product < unary < atom.
_SUM, _PRODUCT, _UNARY, _ATOM = 1, 2, 3, 4
# Condition levels: or < and < comparison (no parentheses exist for conditions).
_OR, _AND, _COMPARISON = 1, 2, 3


def target_text(target: m.Target) -> str:
    """A target as written after its metric: ``4小时``, ``2 workdays by close or agreed``,
    ``agreed``, ``3小时 when escalated`` (without its cite)."""
    if target.amount is None:
        text = "agreed"
    else:
        text = target.amount.text
        text += " by close" if target.close_of_business else ""
        text += " or downgrade" if target.downgrade else ""
        text += " or agreed" if target.agreed else ""
    return text + (f" when {name(target.when)}" if target.when is not None else "")


def quote(text: str) -> str:
    """``text`` as a quoted text token: backslash, quote and newline escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


@functools.cache
def _lexer_patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The NAME pattern and the patterns that outrank it in the lexer (units, numbers…)."""
    name: re.Pattern[str] | None = None
    outranking: list[re.Pattern[str]] = []
    for terminal in lark_parser().terminals:
        if terminal.name == "NAME":
            name = re.compile(terminal.pattern.to_regexp())
        elif terminal.priority > 0:
            outranking.append(re.compile(terminal.pattern.to_regexp()))
    assert name is not None
    return name, tuple(outranking)


@functools.lru_cache(maxsize=4096)
def is_bare_name(text: str) -> bool:
    """Whether ``text`` reads back as the same name without quotes: a NAME that is no
    keyword and that no literal (``3日``, ``true``, ``1_a`` → 1) claims first."""
    name, outranking = _lexer_patterns()
    if name.fullmatch(text) is None or text in keywords():
        return False
    return not any(p.match(text) for p in outranking)


def name(text: str) -> str:
    """``text`` as a name token: bare when it reads back as itself, else quoted."""
    return text if is_bare_name(text) else quote(text)


def names(items: Iterable[str]) -> str:
    return ", ".join(name(i) for i in items)


def cite(text: str | None) -> str:
    return "" if text is None else f" cite {quote(text)}"


def interval_text(iv: m.Interval) -> str:
    """``[80, 90)`` as written: brackets and the spelling of each bound kept."""
    opening = "[" if iv.low.closed else "("
    closing = "]" if iv.high.closed else ")"
    return f"{opening}{bound_text(iv.low)}, {bound_text(iv.high)}{closing}"


def bound_text(b: m.Bound) -> str:
    text = "inf" if b.value is None else b.value.text
    return f"-{text}" if b.negative else text


def amount_text(value: m.Literal | m.JudgedRange) -> str:
    """A rule's amount: ``2`` or ``judged [5, 20]``."""
    if isinstance(value, m.JudgedRange):
        return f"judged {interval_text(value.interval)}"
    return value.text


def reference_text(ref: m.Reference) -> str:
    return name(ref.name) if ref.member is None else f"{name(ref.name)}.{name(ref.member)}"


def tiers(items: Sequence[str]) -> str:
    return f" tier {names(items)}" if items else ""


def counter_text(c: m.Counter) -> str:
    """What a count rule counts: ``breach of 事件.respond tier 一级``."""
    if isinstance(c, m.PerOccurrence):
        return f"occurrence of {name(c.kind)}"
    if isinstance(c, m.PerNOccurrences):
        return f"{c.n} occurrences of {name(c.kind)}"
    if isinstance(c, m.PerUnit):
        return f"unit of {name(c.kind)}"
    if isinstance(c, m.PerDayLate):
        return f"day late of {reference_text(c.ref)}"
    if isinstance(c, m.PerLateDelivery):
        words = {"late": "late delivery", "missing": "missing delivery"}
        return f"{words.get(c.which, 'delivery made late')} of {name(c.deliverable)}"
    if isinstance(c, m.PerBreach):
        return f"breach of {reference_text(c.ref)}{tiers(c.tiers)}"
    if isinstance(c, m.PerPointBelow):
        return f"point below {c.threshold.text} of {name(c.measure)}"
    return f"breached ticket of {name(c.sla)}{tiers(c.tiers)}"


def aggregate_text(a: m.Aggregate) -> str:
    """``count(事件 tier 一级)``, ``mttr(事件.resolve)``; only ``count`` takes tiers; a
    measure (a points table's axis) is its name."""
    if a.fn == "measure":
        return name(a.ref.name)
    inner = reference_text(a.ref) + (tiers(a.tiers) if a.fn == "count" else "")
    return f"{a.fn}({inner})"


def maintenance_text(x: m.MaintenanceExclusion) -> str:
    """``exclude maintenance announced 8h ahead from downtime [and period] cite "…"``: the
    scope is always printed, since it is the file's stated choice."""
    scope = " from downtime and period" if x.scope == "period" else " from downtime"
    notice = x.notice.text if isinstance(x.notice, m.Literal) else name(x.notice)
    return f"exclude maintenance announced {notice} ahead{scope}{cite(x.cite)}"


def rule_text(rule: m.ItemRule) -> str:
    """An item rule's first line without its cite, e.g. ``deduct 2 per breach of
    事件.respond``, ``judged step 5``, ``points by count(事件)`` (the report names rules so)."""
    if isinstance(rule, m.CountRule):
        verb = "deduct" if rule.sign < 0 else "award"
        cap = f" cap {rule.cap.text}" if rule.cap is not None else ""
        return f"{verb} {amount_text(rule.amount)} per {counter_text(rule.counter)}{cap}"
    if isinstance(rule, m.JudgedRule):
        return "judged" + (f" step {rule.step.text}" if rule.step is not None else "")
    return "points by " + ", ".join(aggregate_text(a) for a in rule.aggregates)


def row_text(row: m.BandRow) -> str:
    """A points-table row without its cite: ``良: [1, 3) -> 8``."""
    grade = f"{name(row.grade)}: " if row.grade is not None else ""
    boxes = ", ".join(interval_text(i) for i in row.intervals)
    return f"{grade}{boxes} -> {amount_text(row.value)}"


def expr_text(e: m.Expr, *, mul: MulWord | None = None) -> str:
    """An expression with the fewest parentheses the precedence allows. ``mul`` gives the
    word for a product (``*``, ``×`` or ``of``, all one model); ``*`` without it."""
    return _ExprText(mul or _star).expr(e)


def cond_text(c: m.Condition, *, mul: MulWord | None = None) -> str:
    """A condition; ValueError for a model the language cannot write (it has no
    parentheses for conditions, so ``a or (b or c)`` has no text)."""
    return _ExprText(mul or _star).cond(c)


# ---- expressions and conditions ------------------------------------------------------------

MulWord = Callable[[m.BinOp], str]


def _star(node: m.BinOp) -> str:
    return "*"


class _ExprText:
    """Expression and condition text; ``mul`` names each product's operator (the printer
    keeps the word the source wrote, the report writes ``*``)."""

    def __init__(self, mul: MulWord) -> None:
        self.mul = mul

    def expr(self, e: m.Expr, level: int = _SUM) -> str:
        """``e`` at a position that needs precedence ``level``: parenthesised if lower."""
        text, own = self._expr(e)
        return f"({text})" if own < level else text

    def _expr(self, e: m.Expr) -> tuple[str, int]:
        if isinstance(e, m.Literal):
            return e.text, _ATOM
        if isinstance(e, m.Ref):
            return name(e.name), _ATOM
        if isinstance(e, m.Mean):
            return f"mean({name(e.name)})", _ATOM
        if isinstance(e, m.Aggregate):
            return aggregate_text(e), _ATOM
        if isinstance(e, m.Payout):
            return "payout", _ATOM
        if isinstance(e, m.MinMax):
            return f"{e.fn}({self.expr(e.left)}, {self.expr(e.right)})", _ATOM
        if isinstance(e, m.IfElse):
            text = (
                f"if {self.cond(e.condition)} then {self.expr(e.then)} "
                f"else {self.expr(e.otherwise)} end"
            )
            return text, _ATOM
        if isinstance(e, m.Neg):
            return f"-{self.expr(e.operand, _ATOM)}", _UNARY
        if e.op in ("+", "-"):
            return f"{self.expr(e.left, _SUM)} {e.op} {self.expr(e.right, _PRODUCT)}", _SUM
        op = self.mul(e) if e.op == "*" else e.op
        return f"{self.expr(e.left, _PRODUCT)} {op} {self.expr(e.right, _UNARY)}", _PRODUCT

    def cond(self, c: m.Condition, level: int = _OR) -> str:
        text, own = self._cond(c)
        if own < level:
            # The language has no parentheses for conditions: such a model has no text.
            raise ValueError(
                _("condition {c!r} cannot be written in the rule language").format(c=c)
            )
        return text

    def _cond(self, c: m.Condition) -> tuple[str, int]:
        if isinstance(c, m.Or):
            return f"{self.cond(c.left, _OR)} or {self.cond(c.right, _AND)}", _OR
        if isinstance(c, m.And):
            return f"{self.cond(c.left, _AND)} and {self.cond(c.right, _COMPARISON)}", _AND
        if isinstance(c, m.Not):
            return f"not {self.cond(c.operand, _COMPARISON)}", _COMPARISON
        if isinstance(c, m.ParamCondition):
            return name(c.name), _COMPARISON
        run = f" for {c.consecutive} consecutive periods" if c.consecutive is not None else ""
        return f"{self.expr(c.left)} {c.op} {self.expr(c.right)}{run}", _COMPARISON
