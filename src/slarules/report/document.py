"""The report of a replay (SPEC §7): every ticket, every period's scores and payment, and
the inputs that produced them, so an auditor can reproduce and trace every number.

``Report`` keeps the exact results (``Decimal``, ``datetime``) for library users;
``to_dict`` gives the JSON-ready form and ``to_json`` the normative text: one object, keys
sorted, decimals as strings (plain notation: ``"92.5"``; money always two places:
``"1234.50"``), durations ISO 8601 (``PT15M``, ``P1DT2H``), timestamps RFC 3339 in the
ruleset's timezone, UTF-8 without escapes, a trailing newline. The same inputs give the same
bytes: tickets are sorted by natural ticket id, periods by (start, end, label), and nothing
depends on dict or set iteration order.

Layout (``json_chunks``; ``json.loads(text) == report.to_dict()``). The skeleton is indented
two spaces per level, one key per line, as ``json.dumps(indent=2)`` writes it, except for
two kinds of values written on one line by the C encoder (``json.dumps(indent=2)`` cannot
use it, and would take longer than the whole replay on a large log):

- each ticket of ``tickets``: one line per ticket, ``{"assessor": null, "excluded": null,
  "notes": [], "opened": "…", "sla": "…", "targets": [{…}, …], "ticket": "…", "tier": "…"}``
  (keys sorted, ``", "`` and ``": "`` as separators), so a changed ticket is one changed
  line in a diff;
- the ``evidence``, ``superseded`` and ``excluded`` lists of a scorecard line: one line
  each, ``"evidence": ["ticket T1: respond breached", "line 12"]``.

Everything else (inputs, periods, scorecards, items, lines, payment, warnings) keeps the
indented form. The same report always gives the same bytes.

``inputs.params`` maps every parameter to a text (a parameter by date: ``"by date: "`` and
its rows, ``"2026-01-01 80000.00; 2026-07-01 84000.00"``), typed by the parameter's declaration and
written as a ``--param NAME=VALUE`` would take it: money with two places (``"1000000.00"``),
percent with its sign (``"3%"``), number and points in plain notation (``"12.5"``), date ISO
(``"2024-09-02"``), bool ``"true"``/``"false"``, duration ISO 8601 (``"PT4H"``, like every
duration in the report). No parameter value is a JSON number or boolean: the declaration
says the type, the text keeps the exact value.

Evidence is named as in error messages: ``"line 12"`` for an event of a JSON Lines file,
``"event 12"`` for the 12th dict of an iterable (or the 12th event fed to a tracker), with
``" (id E-7)"`` when the event had an id.

Beyond SPEC §7's normative keys the report carries (additively): per ticket ``opened``,
``assessor`` (who raised it, from its ``opened`` event) and ``notes``, per target ``agreed``
(the target agreed for the ticket by an ``agreed`` event, as written, when the target measured
is one; else null), ``days_late``, ``met_by_downgrade`` (an earlier tier's ``or downgrade``
target was discharged; the status is the new tier's) and ``tier`` (the tier whose target it
was measured against, which ``tier T`` filters look at) and ``evidence`` (the events behind
it, by role: ``start`` and ``stop`` as ``{"line": 12, "id": "E-7"}`` or null, ``breached_at``
the deadline when breached — the breach instant, which no event marks —, and lists ``paused``,
``resumed``, ``retiered``, ``agreed``, ``reopened``, ``owed``); per period ``ended`` (its end
is at or before ``as_of``), ``complete`` and ``missing`` (the inputs it still needs),
``flags`` (top-level flags raised in it) and ``still_open`` (an ended period: the evidence it
counts that is still open at ``as_of`` — a ticket's target still running, a report still
outstanding —, so its scores, flags and payment may still change; empty when it is settled,
and for a period still running, which ``ended`` marks); per scorecard ``cite``, ``max`` and
``given`` (a score supplied by a ``score`` event); per line ``kind`` (count, base, adjust),
``grade``, ``superseded`` and ``excluded`` (evidence set aside, with the reason); per
composite ``cite``; per period ``measures`` (only when the rule file has measures: ``name``,
``cite``, ``value`` — a percentage as ``87.5%`` —, ``window`` — a rolling window's dates, else
null —, ``inputs``, one line per ticket, period or group read, and ``missing``); per payment
line ``due`` (milestones), ``status`` (``final``, ``provisional`` — its period had not ended,
the amount is what the evidence gives so far —, or ``pending`` with a null amount) and
``waiting_for`` (what a pending line needs); ``payment.status`` (``final``, ``provisional``,
``pending``, or ``no_terms`` with a null ``payable``: the rule file states no payment terms),
``payment.currency`` (the rule file's ISO 4217 code, ``"CNY"`` unless it declares another:
every amount of the payment is in it), ``payment.waiting_for``, ``payment.still_open`` (what
makes the payment of an ended period ``provisional``, or a ``no_terms`` one unsettled: the
period's ``still_open``; empty otherwise), ``payment.refund`` (contract money the vendor owes
back), ``payment.damages`` and ``payment.bond`` (amount, opening: what earlier periods left of
it, deducted, remaining); and a top-level ``outside_term``: per period declaration with a
term, ``period``, ``term_end`` and the ``evidence`` dated before its first cycle or after its
term (each text says which)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from attrs import frozen

from ..engine import collector_paused
from ..engine.context import ParamValue
from ..engine.evidence import BREACHED, TargetResult, TicketResult
from ..engine.scoring.results import (
    CompositeResult,
    FlagResult,
    ItemResult,
    Line,
    MeasureResult,
    PaymentResult,
    PeriodResult,
    ScorecardResult,
    SheetResult,
    iso_duration,
)
from ..engine.scoring.term import OutsideTerm
from .data import CalendarData, ReportInputs
from .jsonlayout import (
    _INDENT,
    _members,
    _pretty,
    _ref_text,
    _refs_text,
    _string,
    _text,
    pretty_chunks,
    ref_dict,
)
from .values import measure_value_text, money_text, number_text, param_text, settlement_dict


@frozen
class Report:
    """A replay's full result; see the module docstring for the JSON form."""

    inputs: ReportInputs
    params: tuple[tuple[str, str, ParamValue], ...]  # (name, type, value), declaration order
    # A tuple, or after a replay that spilled settled tickets to disk a sequence read from
    # there at each pass (``engine/ticket_runs.py``): written a ticket at a time.
    tickets: Sequence[TicketResult]
    periods: tuple[PeriodResult, ...]
    warnings: tuple[str, ...]
    timezone: str
    ruleset: str  # the ruleset's name
    title: str | None = None
    outside_term: tuple[OutsideTerm, ...] = ()
    # Parameters by date (fee schedules): name → their rows, as ``param_text`` writes them.
    schedules: tuple[tuple[str, str], ...] = ()

    def param_texts(self) -> list[tuple[str, str]]:
        """Every parameter's value as the report writes it; a parameter by date as its
        rows (``by date: 2026-01-01 80000.00; 2026-07-01 84000.00``)."""
        by_date = dict(self.schedules)
        return [
            (name, by_date.get(name) or param_text(kind, value))
            for name, kind, value in self.params
        ]

    def to_dict(self) -> dict[str, Any]:
        return _Encoder(ZoneInfo(self.timezone)).report(self)

    def to_json(self) -> str:
        """The normative JSON text (see the module docstring for the layout)."""
        with collector_paused():  # see there: the ticket dicts are many and acyclic
            return "".join(self.json_chunks())

    def write_json(self, handle: TextIO) -> None:
        """Write ``to_json()`` to ``handle`` piece by piece, without holding the text."""
        with collector_paused():
            for chunk in self.json_chunks():
                handle.write(chunk)

    def json_chunks(self) -> Iterator[str]:
        """The JSON text in pieces: the skeleton, then one ticket at a time."""
        encoder = _Encoder(ZoneInfo(self.timezone), as_written=True)
        head = {
            "inputs": encoder.inputs(self),
            "outside_term": [encoder.outside(o) for o in self.outside_term],
        }
        out: list[str] = ["{\n"]
        _members(head, _INDENT, out)
        out.append(",\n" + _INDENT + '"periods": ')
        yield "".join(out)
        yield from _period_chunks(encoder, self.periods)
        yield ",\n" + _INDENT + '"tickets": '
        yield from _ticket_lines(encoder, self.tickets)
        out = [",\n" + _INDENT + '"warnings": ']
        _pretty(list(self.warnings), _INDENT, out)
        out.append("\n}\n")
        yield "".join(out)


def _period_chunks(encoder: _Encoder, periods: Sequence[PeriodResult]) -> Iterator[str]:
    """The ``periods`` array, laid out as ``_pretty`` lays out a list, one period's dict
    at a time and each in pieces: the evidence lines of a year's breaches are the largest
    part of the report after the tickets."""
    if not periods:
        yield "[]"
        return
    inner = _INDENT * 2
    for i, period in enumerate(periods):
        yield ("[\n" if i == 0 else ",\n") + inner
        yield from pretty_chunks(encoder.period(period), inner)
    yield "\n" + _INDENT + "]"


def _ticket_lines(encoder: _Encoder, tickets: Iterable[TicketResult]) -> Iterator[str]:
    """The ``tickets`` array, one ticket per line (C encoder), yielded a batch at a time."""
    separator = ",\n" + _INDENT * 2
    batch: list[str] = []
    opened = False
    for ticket in tickets:
        batch.append(encoder.ticket_line(ticket))
        if len(batch) == 512:
            yield (separator if opened else "[\n" + _INDENT * 2) + separator.join(batch)
            batch, opened = [], True
    if batch:
        yield (separator if opened else "[\n" + _INDENT * 2) + separator.join(batch)
        opened = True
    yield "\n" + _INDENT + "]" if opened else "[]"


class _Encoder:
    """Results → JSON-ready dicts, timestamps in the ruleset's timezone. ``as_written``:
    a line's evidence lists stay as the results keep them (packed, ``Texts``), for the
    writer, which lays each out as it writes it (``jsonlayout``), instead of a list of
    every text of a period at once."""

    def __init__(self, tz: ZoneInfo, as_written: bool = False) -> None:
        self.tz = tz
        self.as_written = as_written

    def _texts(self, texts: Sequence[str]) -> Sequence[str]:
        return texts if self.as_written else list(texts)

    def ts(self, t: datetime | None) -> str | None:
        return None if t is None else t.astimezone(self.tz).isoformat()

    def report(self, r: Report) -> dict[str, Any]:
        return {
            "inputs": self.inputs(r),
            "outside_term": [self.outside(o) for o in r.outside_term],
            "tickets": [self.ticket(t) for t in r.tickets],
            "periods": [self.period(p) for p in r.periods],
            "warnings": list(r.warnings),
        }

    def inputs(self, r: Report) -> dict[str, Any]:
        i = r.inputs
        cal = i.calendar_data or CalendarData("none", None)
        return {
            "ruleset": {"path": i.ruleset_path, "sha256": i.ruleset_sha256},
            "events": {"path": i.events_path, "sha256": i.events_sha256},
            "event_count": i.event_count,
            "calendar_data": {
                "source": cal.source,
                "version": cal.version,
                "provisional_years": list(cal.provisional_years),
                "day_data": {
                    "sha256": cal.digest,
                    "years": {str(year): digest for year, digest in cal.year_digests},
                },
            },
            "params": dict(r.param_texts()),
            "as_of": self.ts(i.as_of),
            "slarules": i.version,
        }

    def ticket(self, t: TicketResult) -> dict[str, Any]:
        return {
            "ticket": t.ticket,
            "sla": t.sla,
            "tier": t.tier,
            "opened": self.ts(t.opened),
            "assessor": t.assessor,
            "excluded": t.excluded,
            "targets": [self.target(x) for x in t.targets],
            "notes": list(t.notes),
        }

    def ticket_line(self, t: TicketResult) -> str:
        """``ticket(t)`` as the one-line JSON the layout writes (keys sorted, ``", "`` and
        ``": "``), put together directly: the same text as encoding the dict, in half the
        time, which counts with a line per ticket."""
        targets = ", ".join([self.target_line(x) for x in t.targets])
        notes = ", ".join([_string(n) for n in t.notes])
        return (
            f'{{"assessor": {_text(t.assessor)}, "excluded": {_text(t.excluded)}, '
            f'"notes": [{notes}], "opened": {self.ts_text(t.opened)}, "sla": {_string(t.sla)}, '
            f'"targets": [{targets}], "ticket": {_string(t.ticket)}, "tier": {_string(t.tier)}}}'
        )

    def target_line(self, x: TargetResult) -> str:
        elapsed = iso_duration(x.elapsed)
        return (
            f'{{"agreed": {_text(x.agreed)}, '
            f'"days_late": {int(x.days_late)}, "deadline": {self.ts_text(x.deadline)}, '
            f'"elapsed": {_text(elapsed)}, '
            f'"evidence": {self.evidence_line(x)}, '
            f'"met_by_downgrade": {"true" if x.met_by_downgrade else "false"}, '
            f'"metric": {_string(x.metric)}, "start": {self.ts_text(x.start)}, '
            f'"status": {_string(x.status)}, "stop": {self.ts_text(x.stop)}, '
            f'"tier": {_text(x.tier)}}}'
        )

    def evidence_line(self, x: TargetResult) -> str:
        """``target_evidence(x)`` as one-line JSON, put together directly (as ``ticket_line``
        is): one per target of a large log."""
        refs = x.refs()
        breached = self.ts_text(x.deadline) if x.status == BREACHED else "null"
        return (
            f'{{"agreed": {_refs_text(refs.agreed)}, "breached_at": {breached}, '
            f'"owed": {_refs_text(refs.owed)}, "paused": {_refs_text(refs.paused)}, '
            f'"reopened": {_refs_text(refs.reopened)}, "resumed": {_refs_text(refs.resumed)}, '
            f'"retiered": {_refs_text(refs.retiered)}, "start": {_ref_text(refs.start)}, '
            f'"stop": {_ref_text(refs.stop)}}}'
        )

    def ts_text(self, t: datetime | None) -> str:
        """A timestamp as a JSON value (an RFC 3339 text never needs escaping)."""
        return "null" if t is None else '"' + t.astimezone(self.tz).isoformat() + '"'

    def target(self, x: TargetResult) -> dict[str, Any]:
        return {
            "metric": x.metric,
            "start": self.ts(x.start),
            "deadline": self.ts(x.deadline),
            "stop": self.ts(x.stop),
            "elapsed": iso_duration(x.elapsed),
            "status": x.status,
            "days_late": x.days_late,
            "met_by_downgrade": x.met_by_downgrade,
            "tier": x.tier,
            "agreed": x.agreed,
            "evidence": self.target_evidence(x),
        }

    def target_evidence(self, x: TargetResult) -> dict[str, Any]:
        """The events behind a target by role (``TargetRefs``); ``breached_at`` is the
        breach instant (the deadline), which no event marks, when the target is breached."""
        refs = x.refs()
        return {
            "start": ref_dict(refs.start),
            "stop": ref_dict(refs.stop),
            "breached_at": self.ts(x.deadline) if x.status == BREACHED else None,
            "paused": [ref_dict(r) for r in refs.paused],
            "resumed": [ref_dict(r) for r in refs.resumed],
            "retiered": [ref_dict(r) for r in refs.retiered],
            "agreed": [ref_dict(r) for r in refs.agreed],
            "reopened": [ref_dict(r) for r in refs.reopened],
            "owed": [ref_dict(r) for r in refs.owed],
        }

    def period(self, p: PeriodResult) -> dict[str, Any]:
        out = self._period(p)
        if p.measures:  # only rule files with measures have the key (older reports unchanged)
            out["measures"] = [self.measure(x) for x in p.measures]
        return out

    def measure(self, x: MeasureResult) -> dict[str, Any]:
        """A measure: its value (a percentage as ``87.5%``), window and inputs."""
        value = None if x.value is None else measure_value_text(x.value, x.percentage, x.duration)
        return {
            "name": x.name,
            "cite": x.cite,
            "value": value,
            "window": x.window,
            "inputs": list(x.inputs),
            "missing": list(x.missing),
        }

    def _period(self, p: PeriodResult) -> dict[str, Any]:
        return {
            "period": p.label,
            "start": self.ts(p.start),
            "end": self.ts(p.end),
            "ended": p.ended,
            "complete": p.complete,
            "missing": list(p.missing),
            "scorecards": [self.scorecard(s) for s in p.scorecards],
            "composite": self.composites(p.composites),
            "payment": self.payment(p.payment),
            "flags": [self.flag(f) for f in p.flags],
            "still_open": list(p.still_open),
        }

    def scorecard(self, s: ScorecardResult) -> dict[str, Any]:
        return {
            "name": s.name,
            "cite": s.cite,
            "max": number_text(s.max),
            "score": number_text(s.score),
            "given": self.given(s.given),
            "assessor": None if s.sheets is None else [self.sheet(x) for x in s.sheets],
            "items": [self.item(i) for i in s.items],
        }

    def given(self, g: Any) -> dict[str, Any] | None:
        return None if g is None else {"score": number_text(g.score), "event": g.event}

    def sheet(self, s: SheetResult) -> dict[str, Any]:
        return {
            "assessor": s.assessor,
            "weight": number_text(s.weight),
            "score": number_text(s.score),
            "given": self.given(s.given),
            "items": [self.item(i) for i in s.items],
        }

    def item(self, i: ItemResult) -> dict[str, Any]:
        return {
            "name": i.name,
            "group": i.group,
            "max": number_text(i.max),
            "score": number_text(i.score),
            "lines": [self.line(line) for line in i.lines],
        }

    def line(self, line: Line) -> dict[str, Any]:
        return {
            "rule": line.rule,
            "kind": line.kind,
            "cite": line.cite,
            "count": number_text(line.count),
            "points": number_text(line.points),
            "grade": line.grade,
            "evidence": self._texts(line.evidence),
            "superseded": self._texts(line.superseded),
            "excluded": self._texts(line.excluded),
        }

    def composites(self, comps: Sequence[CompositeResult]) -> dict[str, Any] | None:
        if not comps:
            return None
        return {
            c.name: {
                "score": number_text(c.score),
                "cite": c.cite,
                "terms": {name: number_text(value) for name, value in c.terms},
            }
            for c in comps
        }

    def payment(self, p: PaymentResult | None) -> dict[str, Any] | None:
        if p is None:
            return None
        return {
            "contract_total": money_text(p.contract_total),
            "currency": p.currency,
            "lines": [
                {
                    "name": line.name,
                    "kind": line.kind,
                    "amount": money_text(line.amount),
                    "cite": line.cite,
                    "basis": line.basis,
                    "due": self.ts(line.due),
                    "status": line.status,
                    "waiting_for": list(line.waiting_for),
                    "settlement": settlement_dict(line.settlement, self.ts),
                    "group": line.group,
                }
                for line in p.lines
            ],
            "payable": money_text(p.payable),
            "refund": money_text(p.refund),
            "damages": money_text(p.damages),
            "status": p.status,
            "waiting_for": list(p.waiting_for),
            "bond": None
            if p.bond is None
            else {
                "amount": money_text(p.bond.amount),
                "opening": money_text(p.bond.opening),
                "deducted": money_text(p.bond.deducted),
                "remaining": money_text(p.bond.remaining),
            },
            "flags": [self.flag(f) for f in p.flags],
            "still_open": list(p.still_open),
        }

    def outside(self, o: OutsideTerm) -> dict[str, Any]:
        return {"period": o.period, "term_end": self.ts(o.end), "evidence": list(o.evidence)}

    def flag(self, f: FlagResult) -> dict[str, Any]:
        return {"name": f.name, "cite": f.cite, "basis": f.basis}
