"""Acknowledgements: ``acknowledge CODE "reason"`` accepts warnings of CODE in its block.

SPEC §9: a reference ruleset may keep a real ambiguity of its contract only by stating its
reading. An acknowledgement in a block (SLA, scorecard, group, item, payment) covers the
warnings located inside that block; one in the header or at the top level covers the whole
file. Errors are never acknowledged (the file cannot be evaluated as written), an
acknowledgement that suppresses nothing is itself a warning (it would hide a future one),
and the reason must be stated.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..errors import ERROR, WARNING, Diagnostic
from ..i18n import _
from .base import Checker
from .codes import CODES

WHOLE_FILE = None


def apply(c: Checker) -> list[Diagnostic]:
    """The checker's diagnostics minus the acknowledged warnings, plus the problems of the
    acknowledgements themselves."""
    diagnostics = c.diagnostics
    suppressed: set[int] = set()
    findings: list[tuple[str, m.Span, str]] = []
    for block, ack in _acknowledgements(c.ruleset):
        if not ack.reason.strip():
            message = _(
                "acknowledge {code} needs a reason: state how the file reads the clause"
            ).format(code=ack.code)
            findings.append(("SLR512", ack.span, message))
        known = CODES.get(ack.code)
        if known is not None and known.severity == ERROR:
            message = _(
                "{code} ({title}) is an error and cannot be acknowledged; correct the rule instead"
            ).format(code=ack.code, title=known.title)
            findings.append(("SLR511", ack.span, message))
            continue
        hits = [
            i
            for i, d in enumerate(diagnostics)
            if d.code == ack.code and d.severity == WARNING and _inside(d, block, c.ruleset.path)
        ]
        suppressed.update(hits)
        if not hits:
            if known is None:
                message = _("{code} is not a diagnostic code of slarules check").format(
                    code=ack.code
                )
            else:
                scope = _("this file") if block is WHOLE_FILE else _("this block")
                message = _(
                    "acknowledge {code} suppresses nothing: {scope} has no {code} warning ({title})"
                ).format(code=ack.code, scope=scope, title=known.title)
            findings.append(("SLR510", ack.span, message))
    kept = [d for i, d in enumerate(diagnostics) if i not in suppressed]
    c.diagnostics = []
    for code, span, message in findings:
        c.report(code, span, message)
    return kept + c.diagnostics


def _acknowledgements(ruleset: m.RuleFile) -> Iterator[tuple[m.Span | None, m.Acknowledgement]]:
    for ack in ruleset.acknowledgements:
        yield WHOLE_FILE, ack
    for sla in ruleset.slas:
        for ack in sla.acknowledgements:
            yield sla.span, ack
    for scorecard in ruleset.scorecards:
        for ack in scorecard.acknowledgements:
            yield scorecard.span, ack
        yield from _entry_acknowledgements(scorecard.entries)
    for payment in ruleset.payments:
        for ack in payment.acknowledgements:
            yield payment.span, ack


def _entry_acknowledgements(
    entries: tuple[m.Item | m.Group, ...],
) -> Iterator[tuple[m.Span | None, m.Acknowledgement]]:
    for entry in entries:
        for ack in entry.acknowledgements:
            yield entry.span, ack
        if isinstance(entry, m.Group):
            yield from _entry_acknowledgements(entry.entries)


def _inside(d: Diagnostic, block: m.Span | None, path: str) -> bool:
    if d.path != path:
        return False
    if block is None:
        return True
    start = (block.line, block.column)
    end = (block.end_line, block.end_column)
    return start <= (d.line, d.col) < end
