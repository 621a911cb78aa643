"""``replay_many``: many (rule file, event log) pairs, each replayed as ``slarules replay``
would, spread over a Dask cluster.

Each pair is one task (:func:`run_pair`): it loads the rule file, replays the log and
writes the report whole or not at all (``slarules.outfiles``), with the very bytes
``slarules replay RULES EVENTS --format F --out FILE`` writes; it returns a
:class:`PairOutcome` — never raises for a bad pair, so one broken contract does not stop the
others. Workers read and write the paths as given: a remote scheduler's workers must see the
same files (a shared folder).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen

from ..api import Ruleset, load
from ..engine.options import parse_as_of, parse_params, parse_period
from ..engine.scoring.results import NO_TERMS
from ..errors import RuleError, UsageError, render_text
from ..i18n import _
from ..outfiles import replace_atomically
from ..report import Report
from ..report.text import render_report_text
from ..report.values import money_text
from .cluster import dask_client
from .manifest import Job, read_manifest

__all__ = ["OK", "PairOutcome", "replay_many", "run_pair", "summary_line"]

OK, INVALID, USAGE = "ok", "invalid", "usage"
_EXIT = {OK: 0, INVALID: 1, USAGE: 2}


@frozen
class PairOutcome:
    """How one pair went. ``status``: ``ok``, ``invalid`` (bad rules or events: exit 1,
    ``diagnostics`` as ``slarules replay`` prints them) or ``usage`` (a missing file, a bad
    parameter: exit 2, ``diagnostics`` the message). ``periods`` and ``payable`` (the sum of
    the periods' payable, two decimals; ``pending`` counts the periods still waiting) are
    the report's, for the summary."""

    job: Job
    status: str
    periods: int = 0
    payable: str | None = None
    pending: int = 0
    diagnostics: str = ""

    @property
    def exit_code(self) -> int:
        return _EXIT[self.status]


def run_pair(job: Job) -> PairOutcome:
    """Replay one pair and write its report (a Dask task; see the module docstring)."""
    try:
        for path, what in ((job.rules, "rule file"), (job.events, "events file")):
            _require_file(path, what)
        rules = load(job.rules)
        report = _replay(rules, job)
        _write_report(report, job)
    except UsageError as exc:
        return PairOutcome(job, USAGE, diagnostics=f"slarules: error: {exc}\n")
    except RuleError as exc:
        return PairOutcome(job, INVALID, diagnostics=render_text(exc.diagnostics))
    return _outcome(job, report)


def _require_file(path: str, what: str) -> None:
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        raise UsageError(_("{what} not found: {path}").format(what=what, path=path)) from None
    if not regular:
        raise UsageError(_("{what} {path} is not a regular file").format(what=what, path=path))


def _replay(rules: Ruleset, job: Job) -> Report:
    params = parse_params(rules.model, job.params)
    as_of = parse_as_of(job.as_of) if job.as_of is not None else None
    if job.period is not None:
        parse_period(rules.model, job.period)
    try:
        return rules.replay(job.events, as_of=as_of, params=params, period=job.period)
    except (UsageError, RuleError):
        raise
    except (ValueError, OverflowError) as exc:  # as `slarules replay` maps them
        raise UsageError(str(exc) or _("a time beyond the years slarules covers")) from None


def _write_report(report: Report, job: Job) -> None:
    """The bytes ``slarules replay --out`` writes (``cli.commands._emit``), atomically."""

    def write_text(fd: int) -> None:
        with open(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            if job.fmt == "json":
                report.write_json(handle)
            else:
                handle.write(render_report_text(report))
            # synced by replace_atomically, which writes a pipe or device in place

    try:
        replace_atomically(job.out, write_text)
    except OSError as exc:
        raise UsageError(
            _("cannot write {out}: {error}").format(out=job.out, error=exc.strerror or exc)
        ) from None


def _outcome(job: Job, report: Report) -> PairOutcome:
    total, pending = Decimal(0), 0
    for period in report.periods:
        pay = period.payment
        if pay is None or pay.status == NO_TERMS:
            continue
        if pay.payable is None:
            pending += 1
        else:
            total += pay.payable
    has_payment = any(
        p.payment is not None and p.payment.status != NO_TERMS for p in report.periods
    )
    payable = money_text(total) if has_payment else None
    return PairOutcome(job, OK, len(report.periods), payable, pending)


def summary_line(outcome: PairOutcome) -> str:
    """``ok 0 periods=12 payable=1234.50 RULES EVENTS -> OUT`` (the stdout of replay-many)."""
    job = outcome.job
    payable = outcome.payable if outcome.payable is not None else "-"
    if outcome.pending:
        payable += f" ({outcome.pending} pending)"
    where = f"{job.rules} {job.events}"
    tail = f"-> {job.out}" if outcome.status == OK else "(no report)"
    return (
        f"{outcome.status:<7} {outcome.exit_code}  periods={outcome.periods:<3} "
        f"payable={payable}  {where} {tail}"
    )


def replay_many(
    manifest: str | Path | Sequence[Job],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    out_dir: str | Path | None = None,
    fmt: str = "json",
    client: Any = None,
) -> list[PairOutcome]:
    """Replay every pair of ``manifest`` (a manifest file, see ``slarules.scale.manifest``,
    or jobs) on Dask: ``client`` if given, else the scheduler at ``scheduler``, else a
    ``LocalCluster`` of ``workers`` processes. The outcomes are in manifest order."""
    if fmt not in ("json", "text"):
        raise UsageError(
            _("format {fmt!r}: replay-many writes json or text reports").format(fmt=fmt)
        )
    jobs = (
        read_manifest(manifest, out_dir, fmt)
        if isinstance(manifest, (str, Path))
        else list(manifest)
    )
    if out_dir is not None:
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                _("cannot make --out-dir {out_dir}: {error}").format(
                    out_dir=out_dir, error=exc.strerror or exc
                )
            ) from None
    if client is not None:
        return _gather(client, jobs)
    with dask_client(scheduler, workers) as made:
        return _gather(made, jobs)


def _gather(client: Any, jobs: list[Job]) -> list[PairOutcome]:
    futures = client.map(run_pair, jobs, pure=False)
    outcomes: list[PairOutcome] = client.gather(futures)
    return outcomes
