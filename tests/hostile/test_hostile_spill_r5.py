"""Fifth pass: the spilled replay says exactly what the in-memory one says, whatever the log.

A replay of more than 50,000 tickets spills its settled tickets to a temporary SQLite
store by default (``slarules.engine.spill.after``; docs/performance.md, *Spilling settled
tickets* and *Scoring and the report from the store*), and scoring and the report read them
back from there. A reviewer with a big log is on that path without choosing it, so the
store must not change one byte of any report. These properties generate hostile but valid
logs (from each reference ruleset's sample log and from a small hostile rule file) and
replay each three ways: spill off (None), from the first settled ticket (0), and after 3
tickets (some stored, some kept, and tickets revived from the store by a later event). The
JSON (through the command line, with its exit code and standard error), the text report,
the summary, the HTML page and the XLSX workbook must be the same.

What the logs reach: ticket ids that SQLite could collate or compare oddly (case variants,
unicode that normalises alike, digits with leading zeros, ``%``, ``_``, quotes, very long
ids), the ids given in any order, events after a ticket settled (a reopening, a late
milestone, a tier change, a cause), a repeated opening (refused the same way, or skipped
with ``--lenient``), tickets opened exactly at a period's edge and at the same instant,
logs written out of time order (the reader sorts them), ``--as-of`` inside the log,
``--period`` selections, ``--param`` values that move the periods, and partitioned replays.
Also: ids with NUL, escape and newline characters, event ids repeated (dropped) and in
conflict (refused) far apart (the id index spills too), a ticket reopened from the store
and left open, and a second rule file whose counters read every ticket (``count of SLA by
FIELD``, rolling downtime, availability, breached tickets by tier, days late).

What held: every example, in the suite's counts and in longer runs of the same strategy
(400 examples over the eight reference rulesets and spill_r5.sla, then 300 with
spill_r5_measures.sla too, 5 December 2026): no difference in any form, message or exit
code. Nothing to fix in the store's path; the defects this round found are elsewhere
(test_hostile_spill_api_r5, _bond_r5, _still_open_r5, _payable_notes_r5, _blank_names_r5).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import event as note
from hypothesis import strategies as st

import slarules
from slarules import engine
from slarules.cli import main
from slarules.engine.ticket_store import TicketStore
from slarules.report.html import render_report_html
from slarules.report.xlsx import report_xlsx_bytes
from slarules.scale import replay_partitioned

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla"))
HOSTILE_RULES = Path(__file__).with_name("spill_r5.sla")
MEASURES_RULES = Path(__file__).with_name("spill_r5_measures.sla")

# Ticket ids that a database could confuse: case variants (SQLite's NOCASE, LIKE), the two
# normal forms of é, fullwidth and Arabic-Indic digits, leading zeros (an INTEGER affinity
# would make "007" and "7" one), LIKE's wildcards, quotes, a trailing space, long ids.
ODD_IDS = (
    "a",
    "A",
    "ä",
    "Ä",
    "é",
    "e\u0301",
    "ß",
    "SS",
    "ss",
    "İ",
    "ı",
    "i",
    "7",
    "07",
    "007",
    "0",
    "00",
    "-1",
    "1e3",
    "1.0",
    "9" * 30,
    "١٢",
    "１２",
    "①",
    "%",
    "_",
    "a%",
    "a_",
    "%_%",
    "'",
    '"',
    "''",
    "a'b",
    "\\",
    "T10",
    "T9",
    "T2",
    "t2",
    "x ",
    "a\x00b",
    "a\x00",
    "\x00",
    "\x1b[31m",
    "a\nb",
    "工单-1",
    "工单-01",
    "x" * 300,
    "INC-" + "1" * 200,
    "NaN",
    "null",
    "true",
)
_TEXT_ID = st.text(alphabet=st.sampled_from("aA0179%_'\"\\-工éßİ①"), min_size=1, max_size=8)


def _spill(after: int | None) -> contextlib.AbstractContextManager[None]:
    return engine.spill.set_to(after)


@cache
def _sample(name: str) -> tuple[Path, tuple[str, ...]]:
    """The rule file and its sample log's lines (as JSON texts, to be parsed per example)."""
    if name == "hostile":
        return HOSTILE_RULES, tuple(json.dumps(e, ensure_ascii=False) for e in _HOSTILE_LOG)
    if name == "measures":
        return MEASURES_RULES, tuple(json.dumps(e, ensure_ascii=False) for e in _MEASURES_LOG)
    log = ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    return ROOT / "rulesets" / f"{name}.sla", tuple(x for x in lines if x.strip())


@cache
def _facts(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The period edges (RFC 3339), the period labels and the causes of ``name``, read
    from its in-memory report of the sample (what the generated logs aim at)."""
    rules, lines = _sample(name)
    ruleset = slarules.load(rules)
    with _spill(None):
        log = io.BytesIO("".join(x + "\n" for x in lines).encode("utf-8"))
        report = json.loads(ruleset.replay(log).to_json())
    edges = sorted({p[k] for p in report["periods"] for k in ("start", "end")})
    labels = sorted({p["period"] for p in report["periods"]})
    causes = tuple(ruleset.event_names().get("cause", ()))
    return tuple(edges), tuple(labels), causes


# The --param values tried per rule file: ones that move the periods' edges (start), change
# amounts, or flip a bond's rate.
PARAMS: dict[str, tuple[str, ...]] = {
    "aliyun-ecs-2021": ("monthly_fee=1234.56元", "maintenance_notice=8h"),
    "cn-zwyw-2025": ("月服务费=1元",),
    "dk-itdrift-2026": ("vederlag=99999.99 DKK", "start=2026-01-02"),
    "fujian-gxt-2026": ("start=2026-01-05", "cycles=1", "contract_total=0元"),
    "fujian-scjg-2023": ("start=2023-03-15", "contract_total=1元"),
    "fujian-slt-2024": ("start=2024-07-15",),
    "guangxi-gat-2024": ("small_firm=true", "start=2024-09-03", "mid_due=2025-07-01"),
    "sichuan-sthjt-2025": ("start=2025-06-02",),
    "hostile": ("bond=0元", "bond=123456.78元", "start=2026-02-01", "contract_total=0元"),
    "measures": (),
}


# Event types that are not a metric's milestone (docs/events.md).
_NOT_MILESTONES = frozenset(
    {
        *("opened", "closed", "reopened", "paused", "resumed", "retiered", "attributed"),
        *("occurrence", "judgement", "score", "due", "delivered", "milestone"),
    }
)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _later(text: str, minutes: int) -> str:
    return (_at(text) + timedelta(minutes=minutes)).isoformat()


@st.composite
def hostile_logs(draw: st.DrawFn, names: tuple[str, ...]) -> tuple[str, list[str], list[str]]:
    """(rule file name, the log's lines, the command line's options)."""
    name = draw(st.sampled_from(names))
    _rules, lines = _sample(name)
    events = [json.loads(x, parse_float=Decimal) for x in lines]
    edges, labels, causes = _facts(name)
    tickets = sorted({str(e["ticket"]) for e in events if "ticket" in e})
    # Every ticket gets another id, distinct, drawn from the odd ones.
    new_ids = draw(
        st.lists(
            st.one_of(st.sampled_from(ODD_IDS), _TEXT_ID),
            min_size=len(tickets),
            max_size=len(tickets),
            unique=True,
        )
    )
    renamed = dict(zip(tickets, new_ids, strict=True))
    for event in events:
        if "ticket" in event:
            event["ticket"] = renamed[str(event["ticket"])]
    opened = {e["ticket"]: e for e in events if e["type"] == "opened"}
    last_at = max(e["at"] for e in events)
    closes = {e["ticket"]: e for e in events if e["type"] == "closed"}
    extra: list[dict[str, Any]] = []
    # Events after a ticket settled: a reopening and a close, a late milestone, a new tier,
    # a cause; some at the close's very instant, some days later.
    for ticket in draw(st.lists(st.sampled_from(sorted(closes) or [""]), max_size=4, unique=True)):
        if not ticket:
            break
        close = closes[ticket]
        gap = draw(st.sampled_from([0, 1, 60, 60 * 24 * 3]))
        at = _later(close["at"], gap)
        kind = draw(
            st.sampled_from(["reopened", "left open", "milestone", "retiered", "attributed"])
        )
        if kind in ("reopened", "left open"):  # revived from the store; closed again or not
            extra.append({"at": _later(at, 1), "type": "reopened", "ticket": ticket})
            if kind == "reopened":
                extra.append({"at": _later(at, 90), "type": "closed", "ticket": ticket})
        elif kind == "milestone":
            own = [
                e for e in events if e.get("ticket") == ticket and e["type"] not in _NOT_MILESTONES
            ]
            if own:
                late = dict(draw(st.sampled_from(own)))
                late["at"] = at
                late.pop("id", None)
                extra.append(late)
        elif kind == "retiered":  # a closed ticket's tier changes once it is reopened
            tier = draw(
                st.sampled_from(
                    sorted(
                        {e["tier"] for e in opened.values() if e["sla"] == opened[ticket]["sla"]}
                    )
                )
            )
            extra.append({"at": _later(at, 1), "type": "reopened", "ticket": ticket})
            extra.append({"at": _later(at, 2), "type": "retiered", "ticket": ticket, "tier": tier})
            extra.append({"at": _later(at, 3), "type": "closed", "ticket": ticket})
        elif causes:
            cause = draw(st.sampled_from(causes))
            extra.append({"at": at, "type": "attributed", "ticket": ticket, "cause": cause})
    # A repeated opening of a ticket already opened (refused, or skipped with --lenient).
    if opened and draw(st.integers(0, 3)) == 0:
        first = dict(draw(st.sampled_from([opened[t] for t in sorted(opened)])))
        first["at"] = _later(first["at"], draw(st.sampled_from([0, 5, 60 * 24 * 40])))
        extra.append(first)
    # New tickets opened exactly at a period's edge, two at one instant; some close.
    if opened and edges:
        for k in range(draw(st.integers(0, 3))):
            template = draw(st.sampled_from([opened[t] for t in sorted(opened)]))
            at = draw(st.sampled_from(edges))
            ticket = f"edge-{k}"
            extra.append({**template, "at": at, "ticket": ticket})
            extra.append({**template, "at": at, "ticket": f"{ticket}-same"})
            if draw(st.booleans()):
                extra.append({"at": _later(at, 30), "type": "closed", "ticket": ticket})
    events.extend(extra)
    events.sort(key=lambda e: _at(e["at"]))  # instants, ties in file order
    if draw(st.booleans()):  # event ids (odd ones), some repeated far apart
        prefix = draw(st.sampled_from(ODD_IDS))
        for n, event in enumerate(events):
            event["id"] = f"{prefix}{n}"
        for _repeat in range(draw(st.integers(0, 3))):
            copied = dict(draw(st.sampled_from(events)))
            if draw(st.booleans()):  # the same id with other content: a conflict
                copied["note"] = "又一次"
            events.append(copied)  # the same id and content: a repeat, dropped
    if draw(st.booleans()):  # written out of time order: the reader sorts it
        random.Random(draw(st.integers(0, 2**32))).shuffle(events)
    options: list[str] = []
    if draw(st.booleans()):
        instants = sorted({e["at"] for e in events} | {last_at})
        as_of = draw(st.sampled_from(instants))
        options += ["--as-of", _later(as_of, draw(st.sampled_from([0, 1, -1])))]
    if labels and draw(st.booleans()):
        first_year = _at(min(e["at"] for e in events)).year
        period = draw(
            st.sampled_from(
                [*labels, str(first_year), f"{first_year}-Q3", f"{first_year}-09", "cycle:1"]
            )
        )
        options += ["--period", period]
    if PARAMS[name] and draw(st.booleans()):
        options += ["--param", draw(st.sampled_from(PARAMS[name]))]
    if draw(st.booleans()):
        options.append("--lenient")
    if draw(st.integers(0, 3)) == 0:  # a partitioned replay too (serially, in this process)
        options += ["--partitions", str(draw(st.integers(2, 4)))]
    ascii_only = draw(st.booleans())
    text = [json.dumps(e, ensure_ascii=ascii_only, default=str) for e in events]  # Decimal: text
    return name, text, options


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def _api_forms(rules: Path, log: Path, options: list[str]) -> tuple[Any, ...]:
    """The text, summary, HTML and XLSX of the same replay through the Python API (the
    command line's JSON is compared separately, with its exit code and messages)."""
    ruleset = slarules.load(rules)
    try:
        report = ruleset.replay(log, **_api_options(options))
    except (slarules.RuleError, slarules.UsageError) as exc:
        return (type(exc).__name__, str(exc))
    return (
        report.to_json(),
        report.to_text(),
        report.to_text(summary=True),
        render_report_html(report),
        report_xlsx_bytes(report),
        tuple(report.tickets),
    )


def _api_options(options: list[str]) -> dict[str, Any]:
    """The command line's options as ``Ruleset.replay``'s keywords."""
    kwargs: dict[str, Any] = {}
    args = iter(options)
    for option in args:
        if option == "--as-of":
            kwargs["as_of"] = next(args)
        elif option == "--period":
            kwargs["period"] = next(args)
        elif option == "--param":
            key, _, value = next(args).partition("=")
            kwargs["params"] = {key: value}
        elif option == "--lenient":
            kwargs["lenient"] = True
    return kwargs


def _partitioned(rules: Path, log: Path, options: list[str], partitions: int) -> Any:
    """The JSON of the partitioned replay (``--partitions``), each partition's tracker
    made with the spill setting of this process (``client="serial"``)."""
    kwargs = _api_options(options)
    try:
        return replay_partitioned(rules, log, partitions, client="serial", **kwargs).to_json()
    except (slarules.RuleError, slarules.UsageError) as exc:
        return (type(exc).__name__, str(exc))


def _replays(rules: Path, log: Path, options: list[str], after: int | None) -> tuple[Any, ...]:
    partitions = None
    if "--partitions" in options:
        where = options.index("--partitions")
        partitions = int(options[where + 1])
        options = options[:where] + options[where + 2 :]
    with _spill(after):
        cli = _cli(["replay", str(rules), str(log), "--format", "json", *options])
        text = _cli(["replay", str(rules), str(log), "--lang", "zh", *options])
        split = None if partitions is None else _partitioned(rules, log, options, partitions)
        return cli, text, _api_forms(rules, log, options), split


class _Seen:
    """What the spilled replays did: tickets stored, and read back from the store by a
    later event (the revival path), counted by wrapping ``TicketStore``."""

    stored = 0
    revived = 0


@contextlib.contextmanager
def _watching() -> Iterator[None]:
    put, take = TicketStore.put, TicketStore.take

    def counted_put(store: TicketStore, *args: Any) -> None:
        _Seen.stored += 1
        put(store, *args)

    def counted_take(store: TicketStore, ticket: str) -> Any:
        found = take(store, ticket)
        _Seen.revived += found is not None
        return found

    TicketStore.put, TicketStore.take = counted_put, counted_take  # type: ignore[method-assign]
    try:
        yield
    finally:
        TicketStore.put, TicketStore.take = put, take  # type: ignore[method-assign]


def _check_the_same(
    name: str, lines: list[str], options: list[str], record: Callable[[str], None] = note
) -> None:
    """Replays ``lines`` with the spill off, then from the first ticket and after 3, and
    requires the same outputs (``record``: hypothesis's statistics of what ran)."""
    rules = _sample(name)[0]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "events.jsonl"
        log.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        kept = _replays(rules, log, options, None)
        assert kept[0][0] in (0, 1, 2), kept[0]
        if kept[3] is not None and kept[0][0] == 0:  # partitioned: the single replay's JSON
            assert kept[3] == kept[0][1]
        record(f"{name}: exit {kept[0][0]}")
        for code in sorted(set(re.findall(r"\b(SLR\d+)\b", kept[0][1] + kept[0][2]))):
            record(f"message {code}")
        _Seen.stored = _Seen.revived = 0
        with _watching():
            for after in (0, 3):
                assert _replays(rules, log, options, after) == kept, (after, options)
        record(f"stored: {_Seen.stored > 0}, revived: {_Seen.revived > 0}")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_logs(tuple(NAMES)))
def test_every_reference_ruleset_says_the_same_spilled(
    case: tuple[str, list[str], list[str]],
) -> None:
    _check_the_same(*case)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_logs(("hostile", "measures")))
def test_a_hostile_rule_file_says_the_same_spilled(case: tuple[str, list[str], list[str]]) -> None:
    _check_the_same(*case)


# A log for spill_r5.sla: faults on a workday calendar with pauses, causes and tiers, a
# ticket still open at the end, milestones for the payments and the bond's return.
_HOSTILE_LOG: list[dict[str, Any]] = [
    {"at": "2026-01-05T09:00:00+08:00", "type": "milestone", "name": "accepted"},
    {
        "at": "2026-01-05T10:00:00+08:00",
        "type": "opened",
        "ticket": "1",
        "sla": "故障",
        "tier": "紧急",
    },
    {"at": "2026-01-05T10:20:00+08:00", "type": "responded", "ticket": "1"},
    {"at": "2026-01-05T15:00:00+08:00", "type": "restored", "ticket": "1"},
    {"at": "2026-01-05T15:10:00+08:00", "type": "closed", "ticket": "1"},
    {
        "at": "2026-01-30T17:00:00+08:00",
        "type": "opened",
        "ticket": "2",
        "sla": "故障",
        "tier": "一般",
    },
    {"at": "2026-01-30T17:20:00+08:00", "type": "paused", "ticket": "2"},
    {"at": "2026-02-02T09:30:00+08:00", "type": "resumed", "ticket": "2"},
    {"at": "2026-02-02T10:00:00+08:00", "type": "responded", "ticket": "2"},
    {"at": "2026-02-03T10:00:00+08:00", "type": "restored", "ticket": "2"},
    {"at": "2026-02-03T10:00:00+08:00", "type": "closed", "ticket": "2"},
    {
        "at": "2026-02-10T11:00:00+08:00",
        "type": "opened",
        "ticket": "3",
        "sla": "故障",
        "tier": "一般",
    },
    {"at": "2026-02-10T11:05:00+08:00", "type": "attributed", "ticket": "3", "cause": "第三方"},
    {"at": "2026-02-10T14:00:00+08:00", "type": "responded", "ticket": "3"},
    {"at": "2026-02-12T10:00:00+08:00", "type": "restored", "ticket": "3"},
    {"at": "2026-02-12T10:00:00+08:00", "type": "closed", "ticket": "3"},
    {"at": "2026-02-20T09:00:00+08:00", "type": "occurrence", "kind": "迟到"},
    {
        "at": "2026-03-02T09:00:00+08:00",
        "type": "opened",
        "ticket": "4",
        "sla": "故障",
        "tier": "紧急",
    },
    {"at": "2026-03-02T09:10:00+08:00", "type": "responded", "ticket": "4"},
    {"at": "2026-03-02T09:10:00+08:00", "type": "retiered", "ticket": "4", "tier": "一般"},
    {"at": "2026-03-03T09:00:00+08:00", "type": "restored", "ticket": "4"},
    {"at": "2026-03-03T09:30:00+08:00", "type": "closed", "ticket": "4"},
    {
        "at": "2026-03-20T16:00:00+08:00",
        "type": "opened",
        "ticket": "5",
        "sla": "故障",
        "tier": "紧急",
    },
    {"at": "2026-03-31T09:00:00+08:00", "type": "milestone", "name": "final_accepted"},
]


def _video(ticket: str, opened: str, tier: str, camera: str | None) -> dict[str, Any]:
    event = {"at": opened, "type": "opened", "ticket": ticket, "sla": "视频", "tier": tier}
    if camera is not None:
        event["camera"] = camera
    return event


# A log for spill_r5_measures.sla: cameras with long and short outages over three months,
# one camera's outages adding up past 8 hours in a month, tickets without a camera, a
# 重要 ticket breached, one restored days late, one still down at the end.
_MEASURES_LOG: list[dict[str, Any]] = [
    _video("V1", "2026-01-03T08:00:00+08:00", "重要", "东门1号"),
    {"at": "2026-01-03T08:20:00+08:00", "type": "responded", "ticket": "V1"},
    {"at": "2026-01-03T14:00:00+08:00", "type": "restored", "ticket": "V1"},
    {"at": "2026-01-03T14:00:00+08:00", "type": "closed", "ticket": "V1"},
    _video("V2", "2026-01-20T22:00:00+08:00", "一般", "东门1号"),
    {"at": "2026-01-20T23:00:00+08:00", "type": "responded", "ticket": "V2"},
    {"at": "2026-01-21T03:00:00+08:00", "type": "restored", "ticket": "V2"},
    {"at": "2026-01-21T03:00:00+08:00", "type": "closed", "ticket": "V2"},
    _video("V3", "2026-01-31T23:00:00+08:00", "一般", None),
    {"at": "2026-02-01T02:00:00+08:00", "type": "responded", "ticket": "V3"},
    {"at": "2026-02-04T10:00:00+08:00", "type": "restored", "ticket": "V3"},
    {"at": "2026-02-04T10:00:00+08:00", "type": "closed", "ticket": "V3"},
    _video("V4", "2026-02-10T09:00:00+08:00", "重要", "西门"),
    {"at": "2026-02-10T09:10:00+08:00", "type": "responded", "ticket": "V4"},
    {"at": "2026-02-10T10:00:00+08:00", "type": "restored", "ticket": "V4"},
    {"at": "2026-02-10T10:00:00+08:00", "type": "closed", "ticket": "V4"},
    _video("V5", "2026-03-01T00:00:00+08:00", "重要", "(none)"),
    {"at": "2026-03-01T01:00:00+08:00", "type": "responded", "ticket": "V5"},
    _video("V6", "2026-03-15T12:00:00+08:00", "一般", "西门"),
    {"at": "2026-03-15T12:30:00+08:00", "type": "responded", "ticket": "V6"},
    {"at": "2026-03-15T13:00:00+08:00", "type": "restored", "ticket": "V6"},
    {"at": "2026-03-15T13:00:00+08:00", "type": "closed", "ticket": "V6"},
    {"at": "2026-03-31T12:00:00+08:00", "type": "responded", "ticket": "V5"},
]


def test_the_comparison_runs_the_spilled_path() -> None:
    """The harness itself: a guangxi log with a ticket reopened after it settled stores
    tickets and reads one back from the store in the spilled replays (so the property above
    compares the store's path, not the in-memory one twice)."""
    _rules, lines = _sample("guangxi-gat-2024")
    events = [json.loads(x, parse_float=Decimal) for x in lines]
    closed = next(e for e in events if e["type"] == "closed")
    ticket, at = closed["ticket"], closed["at"]
    events.append({"at": _later(at, 60), "type": "reopened", "ticket": ticket})
    events.append({"at": _later(at, 120), "type": "closed", "ticket": ticket})
    events.sort(key=lambda e: _at(e["at"]))
    lines = [json.dumps(e, default=str) for e in events]
    _check_the_same("guangxi-gat-2024", lines, [], record=lambda _text: None)
    assert _Seen.stored > 0 and _Seen.revived > 0
