"""``slarules deadline`` (SPEC §6): every metric of a tier for a ticket opened at ``--at``,
with ``--from EVENT=TS`` for the metrics that start at a later event."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..api import Ruleset, load
from ..calendar import MAX_YEAR, MIN_YEAR
from ..calendar.instants import in_zone
from ..engine.deadline_plan import AGREED, NO_TARGET, DeadlineLine
from ..engine.options import parse_as_of, parse_local_time
from ..errors import UsageError
from ..i18n import _
from ..report.text_table import width
from ..textsafe import escape_controls
from .output import EXIT_OK, require_file, write_utf8


def cmd_deadline(args: argparse.Namespace) -> int:
    require_file(args.rules, _("rule file"))
    rules = load(args.rules)
    zone = ZoneInfo(rules.model.timezone)
    try:
        given, zoned = parse_local_time(args.at, rules.model.timezone, "--at")
        at = in_zone(given, zone)
        if not MIN_YEAR <= at.year <= MAX_YEAR - 1:  # as an event's "at" is bounded
            raise UsageError(
                _(
                    "--at {at} is {isoformat} in {timezone}, outside the years "
                    "{min_year}-{max_year} slarules covers"
                ).format(
                    at=escape_controls(args.at),
                    isoformat=at.isoformat(),
                    timezone=rules.model.timezone,
                    min_year=MIN_YEAR,
                    max_year=MAX_YEAR - 1,
                )
            )
        if zoned:  # within the years, but no offset: never guessed (said after the bound)
            raise UsageError(_naive_at_message(args.at, given, rules.model.timezone))
        starts = _deadline_starts(args.starts, zone, at)
        lines = rules.deadline_plan(args.sla, args.tier, at, starts)
    except UsageError:
        raise
    except (ValueError, OverflowError) as exc:  # a deadline beyond the calendar's years
        raise UsageError(
            _("--at {at}: {value}").format(
                at=escape_controls(args.at), value=exc or _("beyond the years slarules covers")
            )
        ) from None
    provisional = _provisional_years(rules, at, lines, zone)
    if provisional:
        write_utf8(
            sys.stderr,
            _(
                "slarules: note: the holiday data for {years} is provisional (computed "
                "holidays, no make-up workdays yet): a deadline there may move when the "
                "year's holidays are published\n"
            ).format(years=", ".join(str(y) for y in provisional)),
        )
    if args.format == "json":
        payload: dict[str, Any] = {
            "sla": args.sla,
            "tier": args.tier,
            "at": at.isoformat(),
            "deadlines": {
                line.metric: line.deadline.isoformat()
                for line in lines
                if line.deadline is not None
            },
            "metrics": [_deadline_json(line) for line in lines],
        }
        if provisional:  # only then: the output for published years is unchanged
            payload["provisional_years"] = provisional
        write_utf8(
            sys.stdout, json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
        )
        return EXIT_OK
    out = [
        _("{sla} / {tier}, opened {isoformat}").format(
            sla=args.sla, tier=args.tier, isoformat=at.isoformat()
        )
    ]
    # Padded by terminal columns: a Chinese metric name (响应时间) is twice as wide as long.
    widest = max((width(line.metric) for line in lines), default=0)
    out += [
        f"  {line.metric}{' ' * (widest - width(line.metric))}  {_deadline_text(line)}"
        for line in lines
    ]
    write_utf8(sys.stdout, "".join(escape_controls(line) + "\n" for line in out))
    return EXIT_OK


def _naive_at_message(text: str, wall: datetime, timezone: str) -> str:
    """Why ``--at`` without an offset is refused, and the value to write instead.

    A time without an offset is never guessed (events, ``--as-of``, the API): the same
    rule holds here. The message shows the value with the offset the rule file's
    timezone has at that wall time, so the fix is a copy and paste."""
    offset = wall.isoformat()[-6:]  # "+08:00": zones since 1970 have whole-minute offsets
    suggested = text.strip().replace(" ", "T").replace("t", "T") + offset
    return _(
        "--at {at} has no UTC offset; write it with one, e.g. {suggested} "
        "(the offset of the rule file's timezone {timezone} at that time)"
    ).format(at=escape_controls(text), suggested=escape_controls(suggested), timezone=timezone)


def _provisional_years(
    rules: Ruleset, at: datetime, lines: list[DeadlineLine], zone: ZoneInfo
) -> list[int]:
    """The years from ``at`` to the last deadline whose holiday data a calendar of the rule
    file only estimates (docs/calendar.md §11): the deadlines there may move."""
    days = [at.astimezone(zone).date()]
    days += [x.deadline.astimezone(zone).date() for x in lines if x.deadline is not None]
    years: set[int] = set()
    for name in rules.model.names.calendars:
        years.update(rules.calendar(name).provisional_years(min(days), max(days)))
    return sorted(years)


def _deadline_starts(given: list[str], zone: ZoneInfo, at: datetime) -> dict[str, datetime]:
    """``--from EVENT=TS`` options as EVENT → time; ``opened`` is ``--at``'s, and no
    other event comes before it (a deadline counted from it would precede the ticket)."""
    starts: dict[str, datetime] = {}
    for item in given:
        event, sep, ts = item.partition("=")
        if not sep or not event or not ts:
            raise UsageError(
                _("--from {item}: write EVENT=TS, e.g. restored=2026-03-02T10:00:00+08:00").format(
                    item=item
                )
            )
        if event == "opened":
            raise UsageError(_("--from opened: the ticket's opening time is --at"))
        if event in starts:
            raise UsageError(_("--from {event} given twice").format(event=event))
        starts[event] = in_zone(parse_as_of(ts, f"--from {event}"), zone)
        if starts[event] < at:
            raise UsageError(
                _("--from {event}={ts} is before the ticket's opening --at {at}").format(
                    event=event, ts=escape_controls(ts), at=at.isoformat()
                )
            )
    return starts


def _deadline_text(line: DeadlineLine) -> str:
    """A metric's line of ``slarules deadline`` (docs/language.md §3, deadlines)."""
    if line.owed == NO_TARGET:
        return _("no target in this tier")
    if line.owed == AGREED:
        shown = _("only what is agreed for the ticket")
    elif line.deadline is not None:
        shown = line.deadline.isoformat()
    else:
        shown = _("{target} from {event}").format(target=line.target, event=line.start_event)
    if line.start_event != "opened" and line.start is not None:
        shown += _(" (from {event} {start})").format(
            event=line.start_event, start=line.start.isoformat()
        )
    if line.or_agreed:
        shown += _(", or as agreed for the ticket")
    if line.when is not None:
        shown += _(", owed only when {event}").format(event=line.when)
    return shown


def _deadline_json(line: DeadlineLine) -> dict[str, Any]:
    return {
        "metric": line.metric,
        "from": line.start_event,
        "target": line.target,
        "owed": line.owed,
        "when": line.when,
        "or_agreed": line.or_agreed,
        "start": line.start.isoformat() if line.start is not None else None,
        "deadline": line.deadline.isoformat() if line.deadline is not None else None,
    }
