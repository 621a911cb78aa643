"""From a fed tracker to the report: scoring, then ``build_report`` with the ``inputs``
section an auditor needs to reproduce the run (SPEC §7). ``slarules.api`` calls this for
``Ruleset.replay`` and ``Tracker.report``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..calendar.periods import PeriodSelection
from ..engine.evidence import Evidence
from ..engine.scoring.evaluator import evaluate
from ..engine.tracker import Tracker
from ..errors import Diagnostic
from ..version import __version__
from . import Report, ReportInputs, build_report


def _warning_text(diagnostic: Diagnostic) -> str:
    d = diagnostic
    return f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message} [{d.code}]"


def build(
    tracker: Tracker,
    evidence: Evidence,
    selection: PeriodSelection | None,
    events_path: str,
    events_sha256: str,
    warnings: Iterable[Diagnostic] = (),
) -> Report:
    """Score ``evidence`` and assemble the report. The rule file's digest is of its text
    as read (UTF-8); the events' digest is of the file's bytes, or of the canonical JSON
    lines of an iterable's dicts. ``warnings`` are the checker's warnings of the rule file."""
    ctx = tracker.ctx
    model = ctx.ruleset
    results = evaluate(ctx, evidence, selection, events_path=events_path)
    inputs = ReportInputs(
        ruleset_path=model.path,
        ruleset_sha256=hashlib.sha256(model.source.encode("utf-8")).hexdigest(),
        events_path=events_path,
        events_sha256=events_sha256,
        event_count=evidence.event_count,
        as_of=evidence.as_of,
        version=__version__,
    )
    checker = [_warning_text(d) for d in warnings]
    return build_report(ctx, evidence, results, inputs, checker)
