"""From a fed tracker to the report: scoring, then ``build_report`` with the ``inputs``
section an auditor needs to reproduce the run (SPEC §7). ``slarules.api`` calls this for
``Ruleset.replay`` and ``Tracker.report``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import PurePath

from ..calendar.periods import Periods, PeriodSelection
from ..engine.evidence import Evidence
from ..engine.scoring.evaluator import evaluate
from ..engine.tracker import Tracker
from ..errors import Diagnostic
from ..textsafe import escape_controls
from ..version import __version__
from . import Report, ReportInputs, build_report


def report_name(path: str) -> str:
    """How the report names an input file: its name without directories (``a/b/x.sla``
    → ``x.sla``), so the report's bytes do not depend on the directory the command ran
    in or reveal the user's; ``<string>``-style names stay as they are. The digest next
    to it identifies the content."""
    if path.startswith("<") and path.endswith(">"):
        return path
    return escape_controls(PurePath(path).name or path)


def _warning_text(diagnostic: Diagnostic) -> str:
    d = diagnostic
    return f"{report_name(d.path)}:{d.line}:{d.col}: {d.severity}: {d.message} [{d.code}]"


def build(
    tracker: Tracker,
    evidence: Evidence,
    selection: PeriodSelection | None,
    events_path: str,
    events_sha256: str,
    warnings: Iterable[Diagnostic] = (),
    ruleset_sha256: str | None = None,
) -> Report:
    """Score ``evidence`` and assemble the report. The rule file's digest is of its bytes
    as read (``ruleset_sha256``, from ``Ruleset.sha256``; without it, of the UTF-8 of its
    text); the events' digest is of the file's bytes, or of the canonical JSON lines of an
    iterable's dicts. ``events_path`` is as the user gave it: errors name it so, the report
    by its file name (:func:`report_name`). ``warnings`` are the checker's warnings of the
    rule file."""
    ctx = tracker.ctx
    model = ctx.ruleset
    results = evaluate(ctx, evidence, selection, events_path=events_path)
    sha256 = ruleset_sha256
    if sha256 is None:  # a bare model: the digest of its text
        sha256 = hashlib.sha256(model.source.encode("utf-8", "surrogatepass")).hexdigest()
    inputs = ReportInputs(
        ruleset_path=report_name(model.path),
        ruleset_sha256=sha256,
        events_path=report_name(events_path),
        events_sha256=events_sha256,
        event_count=evidence.event_count,
        as_of=evidence.as_of,
        version=__version__,
    )
    checker = [_warning_text(d) for d in warnings]
    if selection is None:
        periods = Periods(model.periods, ctx.tz, ctx.params)
        checker += unreported_periods(evidence, {p.label for p in results.periods}, periods)
    return build_report(ctx, evidence, results, inputs, checker)


def unreported_periods(
    evidence: Evidence, reported: set[str], periods: Periods | None = None
) -> list[str]:
    """A warning for each event attributed (``"period": …``) to a period the report does
    not cover — one that starts after ``as_of``, or a cycle beyond the contract's term —
    which would otherwise count nowhere without a word. (With ``--period`` the user chose
    what to see; nothing is said.)"""
    named: list[tuple[str, object, str, str]] = []
    named += [
        ("occurrence", o.event, o.period, "not scored") for o in evidence.occurrences if o.period
    ]
    named += [
        ("judgement", j.event, j.period, "not scored") for j in evidence.judgements if j.period
    ]
    named += [("score", s.event, s.period, "not scored") for s in evidence.scores if s.period]
    named += [("due", d.due_event, d.period, "not scored") for d in evidence.deliveries if d.period]
    named += [
        ("milestone", m.event, m.period, "no payment line") for m in evidence.milestones if m.period
    ]
    return [
        f"{ref}: {kind} attributed to period {label}, which this report does not cover "
        f"({_not_covered(label, periods, evidence)}); {outcome}"
        for kind, ref, label, outcome in named
        if label not in reported
    ]


def _not_covered(label: str, periods: Periods | None, evidence: Evidence) -> str:
    """Why a period label is not in the report: a cycle past the term, or not begun."""
    name, _sep, number = label.rpartition(":")
    count = periods.term_count(name) if periods is not None and name else None
    if count is not None and number.isdigit() and int(number) > count:
        return f"the term of {name} has {count} cycle{'' if count == 1 else 's'}"
    return f"it starts after as_of {evidence.as_of.isoformat()}"
