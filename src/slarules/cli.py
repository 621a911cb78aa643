"""Command line (SPEC §6): ``check``, ``fmt``, ``replay`` and ``deadline``.

Exit codes: 0 success (breaches are results, not errors); 1 invalid rules or events, with
diagnostics; 2 wrong usage. Nothing here computes; each subcommand calls one stage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from .diagnostics import ERROR, Diagnostic, RuleError, render_json, render_text

# Wrong usage that argparse cannot see (a malformed --param, --as-of, --period, an unknown
# SLA or tier): one class shared with the engine, so library callers get a ValueError.
from .engine.options import UsageError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except UsageError as exc:
        print(f"slarules: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RuleError as exc:
        _print_diagnostics(exc.diagnostics, getattr(args, "format", "text"))
        return EXIT_INVALID
    except BrokenPipeError:  # `slarules replay … | head` is not an error
        return EXIT_OK


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slarules",
        description="Executable, auditable service-level rules for IT operations contracts.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"slarules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check rule files for errors and ambiguities")
    check.add_argument("rules", nargs="+", metavar="RULES")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=_cmd_check)

    fmt = sub.add_parser("fmt", help="print a rule file in canonical form")
    fmt.add_argument("rules", metavar="RULES")
    fmt.add_argument("--check", action="store_true", help="exit 1 if the file is not canonical")
    fmt.set_defaults(handler=_cmd_fmt, format="text")

    replay = sub.add_parser("replay", help="replay an event log and print the report")
    replay.add_argument("rules", metavar="RULES")
    replay.add_argument("events", metavar="EVENTS")
    replay.add_argument("--period", metavar="P", help="2026, 2026-Q1, 2026-03 or cycle:N")
    replay.add_argument("--as-of", metavar="TS", help="evaluate as of this RFC 3339 time")
    replay.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    replay.add_argument("--format", choices=("text", "json", "xlsx", "html"), default="text")
    replay.add_argument(
        "--out", metavar="FILE", help="write the report here instead of stdout (xlsx: required)"
    )
    replay.add_argument("--lenient", action="store_true", help="skip bad events, listing them")
    replay.add_argument(
        "--summary", action="store_true", help="text: periods, payment, worst tickets only"
    )
    replay.set_defaults(handler=_cmd_replay)

    diff = sub.add_parser(
        "diff", help="what changes when one event log is replayed under two rule files"
    )
    diff.add_argument("rules_a", metavar="RULES_A")
    diff.add_argument("rules_b", metavar="RULES_B")
    diff.add_argument("events", metavar="EVENTS")
    diff.add_argument("--period", metavar="P", help="2026, 2026-Q1, 2026-03 or cycle:N")
    diff.add_argument("--as-of", metavar="TS", help="evaluate as of this RFC 3339 time")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(handler=_cmd_diff)

    deadline = sub.add_parser("deadline", help="deadlines for a ticket opened at a time")
    deadline.add_argument("rules", metavar="RULES")
    deadline.add_argument("--sla", required=True)
    deadline.add_argument("--tier", required=True)
    deadline.add_argument("--at", required=True, metavar="TS")
    deadline.add_argument("--format", choices=("text", "json"), default="text")
    deadline.set_defaults(handler=_cmd_deadline)
    return parser


def _print_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(render_json(diagnostics))
    else:
        sys.stderr.write(render_text(diagnostics))


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check_paths

    diagnostics = check_paths(args.rules)
    if args.format == "json":
        sys.stdout.write(render_json(diagnostics))
    else:
        sys.stdout.write(render_text(diagnostics))
    return EXIT_INVALID if any(d.severity == ERROR for d in diagnostics) else EXIT_OK


def _cmd_fmt(args: argparse.Namespace) -> int:
    from .api import read_rule_file
    from .parser import parse
    from .printer import format_ruleset

    text = read_rule_file(args.rules)
    canonical = format_ruleset(parse(text, args.rules))
    if args.check:
        if canonical != text:
            print(f"{args.rules}: not in canonical form", file=sys.stderr)
            return EXIT_INVALID
        return EXIT_OK
    sys.stdout.write(canonical)
    return EXIT_OK


def _require_file(path: str, what: str) -> None:
    """A missing input file is wrong usage (exit 2), not an invalid one."""
    if not Path(path).is_file():
        raise UsageError(f"{what} not found: {path}")


def _cmd_replay(args: argparse.Namespace) -> int:
    from .api import load
    from .engine.options import parse_as_of, parse_params, parse_period
    from .progress import Progress

    _require_file(args.rules, "rule file")
    _require_file(args.events, "events file")
    if args.format == "xlsx" and not args.out:
        raise UsageError("--format xlsx writes a workbook: give --out FILE")
    if args.summary and args.format != "text":
        raise UsageError("--summary is a form of the text report: use it with --format text")
    rules = load(args.rules)
    params = parse_params(rules.model, args.param)
    as_of = parse_as_of(args.as_of) if args.as_of else None
    if args.period:
        parse_period(rules.model, args.period)  # a usage error before any work
    # A status line on stderr, drawn only when stderr is a terminal; the report is unchanged.
    progress = Progress(Path(args.events).stat().st_size, sys.stderr)
    try:
        report = rules.replay(
            args.events,
            as_of=as_of,
            params=params,
            period=args.period,
            lenient=args.lenient,
            progress=progress,
        )
    except UsageError:
        raise
    except ValueError as exc:  # e.g. a deadline beyond the calendar's range
        raise UsageError(str(exc)) from None
    finally:
        progress.close()
    if args.format == "xlsx":
        _emit_bytes(args.out, _report_xlsx(report))
    elif args.format == "html":
        html = _report_html(report)
        _emit(args.out, lambda handle: handle.write(html))
    elif args.format == "json":
        # Streamed piece by piece: a year of a large contract makes a report of hundreds of
        # megabytes, which need not be held as one string.
        _emit(args.out, report.write_json)
    else:
        text = _report_summary(report) if args.summary else _report_text(report)
        _emit(args.out, lambda handle: handle.write(text))
    return EXIT_OK


def _emit(out: str | None, write: Callable[[TextIO], object]) -> None:
    """Write the report to ``out`` (a path) or to standard output."""
    if not out:
        write(sys.stdout)
        return
    try:
        with Path(out).open("w", encoding="utf-8") as handle:
            write(handle)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None


def _emit_bytes(out: str, data: bytes) -> None:
    try:
        Path(out).write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None


def _report_xlsx(report: object) -> bytes:
    from .render_xlsx import XlsxUnavailable, report_xlsx_bytes

    try:
        return report_xlsx_bytes(report)  # type: ignore[arg-type]
    except XlsxUnavailable as exc:
        raise UsageError(str(exc)) from None


def _report_html(report: object) -> str:
    from .render_html import render_report_html

    return render_report_html(report)  # type: ignore[arg-type]


def _report_summary(report: object) -> str:
    from .render_summary import render_report_summary

    return render_report_summary(report)  # type: ignore[arg-type]


def _report_text(report: object) -> str:
    from .render import render_report_text

    return render_report_text(report)  # type: ignore[arg-type]


def _cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_replays, render_diff_text
    from .engine.options import parse_as_of

    _require_file(args.rules_a, "rule file")
    _require_file(args.rules_b, "rule file")
    _require_file(args.events, "events file")
    as_of = parse_as_of(args.as_of) if args.as_of else None
    try:
        diff = diff_replays(
            args.rules_a, args.rules_b, args.events, as_of=as_of, period=args.period
        )
    except UsageError:
        raise
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(diff.to_json() if args.format == "json" else render_diff_text(diff))
    return EXIT_OK


def _cmd_deadline(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from .api import load
    from .engine.options import parse_as_of

    _require_file(args.rules, "rule file")
    rules = load(args.rules)
    at = parse_as_of(args.at, "--at").astimezone(ZoneInfo(rules.model.timezone))
    deadlines = rules.deadlines(args.sla, args.tier, at)
    if args.format == "json":
        payload = {
            "sla": args.sla,
            "tier": args.tier,
            "at": at.isoformat(),
            "deadlines": {metric: ts.isoformat() for metric, ts in deadlines.items()},
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
        return EXIT_OK
    print(f"{args.sla} / {args.tier}, opened {at.isoformat()}")
    sla = rules.model.find("slas", args.sla)
    opened = [mt.name for mt in getattr(sla, "metrics", ()) if mt.start == "opened"]
    width = max((len(name) for name in opened), default=0)
    for name in opened:
        ts = deadlines.get(name)
        shown = ts.isoformat() if ts is not None else "no target in this tier"
        print(f"  {name.ljust(width)}  {shown}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
