"""Errors the scoring stage raises, located either at an event line of the log or at a rule
of the rule file. Codes (stable, SPEC §9 numbering; 95x: events, 96x: rules at evaluation):

- SLR951 an occurrence's judged ``points`` outside the rule's range
- SLR952 a judgement outside the item's grades, ``[0, max]`` or ``step``
- SLR953 a judgement outside the judged range of the points-table row that applies
- SLR954 a given ``score`` above the scorecard's maximum
- SLR961 no row of a band or points table covers a value
- SLR962 an expression refers to a scorecard or composite of another period
- SLR963 division by zero in an expression
- SLR964 a value of the wrong type in an expression (a date, a bool where a number belongs)
- SLR965 a rule the engine cannot evaluate (two judged/points rules in one item, a judged
  amount on a counter without occurrences, a circular composite)
"""

from __future__ import annotations

from ... import model as m
from ...errors import ERROR, Diagnostic, RuleError
from ...events.types import EventRef
from ...i18n import _


def event_error(path: str, ref: EventRef, code: str, message: str) -> RuleError:
    """An error in the event log, naming the event's line (and id)."""
    span = m.Span(path, ref.line, 1, ref.line, 1)
    return RuleError(
        [Diagnostic.at(span, ERROR, code, _("{ref}: {message}").format(ref=ref, message=message))]
    )


def rule_error(model: m.RuleFile, span: m.Span, code: str, message: str) -> RuleError:
    """An error found while evaluating a rule, located at the rule in its file."""
    if span.line <= 0:
        span = m.Span(model.path, 1, 1, 1, 1)
    return RuleError([Diagnostic.at(span, ERROR, code, message, source=model.source or None)])
