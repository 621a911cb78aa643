"""Command line (SPEC §6): ``check``, ``fmt``, ``replay``, ``deadline``, ``import``, ``example``.

Exit codes: 0 success (breaches are results, not errors); 1 invalid rules or events, with
diagnostics; 2 wrong usage. Nothing here computes; each subcommand calls one stage.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from ..api import load
from ..api.diff import diff_replays, render_diff_text
from ..check import check_paths
from ..check.horizon import as_of_past_day_data
from ..engine.options import parse_as_of, parse_params, parse_period

# Wrong usage that argparse cannot see (a malformed --param, --as-of, --period, an unknown
# SLA or tier): one class shared with the engine, so library callers get a ValueError.
from ..errors import ERROR, Diagnostic, RuleError, UsageError, render_json, render_text
from ..i18n import LANGUAGES, _, language_from_environment, use_language
from ..importers.commands import (
    add_replay_option,
    add_subcommands,
    events_for_replay,
)
from ..importers.mapping import mapping_file
from ..language.parser import parse
from ..language.printer import format_ruleset
from ..language.source import read_rule_file
from ..outfiles import is_special, naming_an_input, replace_atomically
from ..report import Report
from ..report.html import report_html_chunks
from ..report.summary import render_report_summary
from ..report.text import report_text_chunks
from ..report.xlsx import XlsxUnavailable, report_xlsx_bytes
from ..scale import replay_many, replay_partitioned, summary_line
from ..textsafe import escape_controls
from ..version import __version__
from .deadline import cmd_deadline
from .output import EXIT_OK, guard_standard_streams
from .output import require_file as _require_file
from .output import write_utf8 as _write
from .progress import Progress

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_INVALID, EXIT_USAGE = 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    guard_standard_streams()
    with use_language(language_of(arguments, os.environ)):
        return _main(arguments)


def language_of(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of this run's human text: ``--lang en|zh`` wherever it is on the command
    line, else the locale (``language_from_environment``). JSON output (``--format json``)
    is always English, whatever is asked: programs read it, and its words must not change
    with the reader's locale (docs/i18n.md)."""
    if any(a == "--format=json" for a in argv) or _option_value(argv, "--format") == "json":
        return "en"
    asked = _option_value(argv, "--lang")
    if asked in LANGUAGES:
        return asked
    return language_from_environment(environ)


def _option_value(argv: Sequence[str], option: str) -> str | None:
    """The value of the last ``option VALUE`` or ``option=VALUE`` in ``argv`` (argparse
    reports a bad one itself), read before parsing so that argparse's own help and errors
    speak the chosen language too."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == option and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(option + "="):
            value = arg[len(option) + 1 :]
    return value


def _main(argv: list[str]) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:  # --help or --version to a closed stdout
        _error(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:  # `slarules --help | head -1`, as for a command's output
        _silence_stdout()
        return EXIT_OK
    try:
        code: int = args.handler(args)
        return code
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except RuleError as exc:
        _print_diagnostics(exc.diagnostics, getattr(args, "format", "text"))
        return EXIT_INVALID
    except BrokenPipeError:  # `slarules replay … | head` is not an error
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _error(_("interrupted"))
        return 130


def _error(message: str) -> None:
    """``slarules: error: …`` on standard error; the message may quote user input."""
    _write(sys.stderr, _("slarules: error: {message}\n").format(message=escape_controls(message)))


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's own flush at
    exit does not print a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Parser(argparse.ArgumentParser):
    """argparse's help, usage and errors written as UTF-8, as every other output: with
    ``PYTHONIOENCODING=ascii`` the Chinese help ended in a UnicodeEncodeError traceback."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if not message:
            return
        stream = file or sys.stderr
        if isinstance(stream, io.TextIOBase):
            _write(stream, message)  # type: ignore[arg-type]  # a TextIOBase is a TextIO
        else:
            stream.write(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="slarules",
        description=_("Executable, auditable service-level rules for IT operations contracts."),
    )
    parser.add_argument("--version", action="version", version=f"slarules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help=_("check rule files for errors and ambiguities"))
    check.add_argument("rules", nargs="+", metavar="RULES")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=_cmd_check)

    fmt = sub.add_parser("fmt", help=_("print a rule file in canonical form"))
    fmt.add_argument("rules", metavar="RULES")
    fmt.add_argument("--check", action="store_true", help=_("exit 1 if the file is not canonical"))
    fmt.add_argument(
        "--write",
        action="store_true",
        help=_("rewrite the file in canonical form in place (atomically; not standard input)"),
    )
    fmt.set_defaults(handler=_cmd_fmt, format="text")

    replay = sub.add_parser("replay", help=_("replay an event log and print the report"))
    replay.add_argument("rules", metavar="RULES")
    replay.add_argument("events", metavar="EVENTS")
    replay.add_argument(
        "--period",
        metavar="P",
        help=_(
            "report only the periods within P and its tickets: 2026, "
            "2026-Q1, 2026-03, NAME:N or cycle:N"
        ),
    )
    replay.add_argument("--as-of", metavar="TS", help=_("evaluate as of this RFC 3339 time"))
    replay.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    replay.add_argument("--format", choices=("text", "json", "xlsx", "html"), default="text")
    replay.add_argument(
        "--out", metavar="FILE", help=_("write the report here instead of stdout (xlsx: required)")
    )
    replay.add_argument("--lenient", action="store_true", help=_("skip bad events, listing them"))
    add_replay_option(replay)
    replay.add_argument(
        "--summary", action="store_true", help=_("text: periods, payment, worst tickets only")
    )
    replay.add_argument(
        "--partitions",
        type=int,
        metavar="K",
        help="replay by ticket partitions on Dask (same report; docs/scale.md)",
    )
    _add_cluster_options(replay)
    replay.set_defaults(handler=_cmd_replay)

    many = sub.add_parser(
        "replay-many", help="replay every (rules, events) pair of a manifest on Dask"
    )
    many.add_argument("manifest", metavar="MANIFEST", help="JSON Lines, see docs/scale.md")
    many.add_argument("--out-dir", metavar="DIR", help="where reports without 'out' go")
    many.add_argument("--format", choices=("json", "text"), default="json")
    _add_cluster_options(many)
    many.set_defaults(handler=_cmd_replay_many)

    diff = sub.add_parser(
        "diff", help=_("what changes when one event log is replayed under two rule files")
    )
    diff.add_argument("rules_a", metavar="RULES_A")
    diff.add_argument("rules_b", metavar="RULES_B")
    diff.add_argument("events", metavar="EVENTS")
    diff.add_argument("--period", metavar="P", help=_("2026, 2026-Q1, 2026-03 or cycle:N"))
    diff.add_argument("--as-of", metavar="TS", help=_("evaluate as of this RFC 3339 time"))
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(handler=_cmd_diff)

    deadline = sub.add_parser("deadline", help=_("deadlines for a ticket opened at a time"))
    deadline.add_argument("rules", metavar="RULES")
    deadline.add_argument("--sla", required=True)
    deadline.add_argument("--tier", required=True)
    deadline.add_argument(
        "--at",
        required=True,
        metavar="TS",
        help=_("RFC 3339 time with its UTC offset, e.g. 2026-02-13T16:00:00+08:00"),
    )
    deadline.add_argument(
        "--from",
        dest="starts",
        action="append",
        default=[],
        metavar="EVENT=TS",
        help="the time of a metric's start event other than opened (repeatable)",
    )
    deadline.add_argument("--format", choices=("text", "json"), default="text")
    deadline.set_defaults(handler=cmd_deadline)
    add_subcommands(sub)  # import, example (slarules.importers.commands)
    for command in (parser, *sub.choices.values()):
        _add_lang_option(command)
    return parser


def _add_lang_option(parser: argparse.ArgumentParser) -> None:
    """``--lang``, accepted before or after the subcommand; ``main`` has already read it
    (``language_of``), so the parsed value is not used."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of messages and of the text report: en or zh (default: the locale)"),
    )


def _add_cluster_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="a Dask scheduler (default: a local cluster)"
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="local cluster workers (default: one per CPU)"
    )


def _print_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> None:
    if fmt == "json":
        _write(sys.stdout, render_json(diagnostics))
    else:
        _write(sys.stderr, render_text(diagnostics))


def _cmd_check(args: argparse.Namespace) -> int:
    diagnostics = check_paths(args.rules)
    if args.format == "json":
        _write(sys.stdout, render_json(diagnostics))
    else:
        _write(sys.stdout, render_text(diagnostics))
    return EXIT_INVALID if any(d.severity == ERROR for d in diagnostics) else EXIT_OK


def _cmd_fmt(args: argparse.Namespace) -> int:
    if args.write and args.check:
        raise UsageError(_("fmt: give --check or --write, not both"))
    if args.write and args.rules == "-":
        raise UsageError(
            _("fmt --write rewrites a file in place; it cannot rewrite standard input")
        )
    text = read_rule_file(args.rules)
    canonical = format_ruleset(parse(text, args.rules))
    if args.write:
        _write_in_place(args.rules, text, canonical)
        return EXIT_OK
    if args.check:
        if canonical != text:
            _write(
                sys.stderr,
                _("{rules}: not in canonical form\n").format(rules=escape_controls(args.rules)),
            )
            return EXIT_INVALID
        return EXIT_OK
    _write(sys.stdout, canonical)
    return EXIT_OK


def _write_in_place(path: str, text: str, canonical: str) -> None:
    """``fmt --write``: replace the file (through a symbolic link, its target) with its
    canonical text, whole or not at all; a file already canonical is left untouched."""
    if canonical == text:
        return
    target = Path(path).resolve()
    _refuse_rewriting(path, target)

    def write_text(fd: int) -> None:
        with open(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(canonical)
            handle.flush()
            os.fsync(handle.fileno())

    _replace_atomically(str(target), write_text)
    _write(sys.stderr, f"{escape_controls(path)}: reformatted\n")


def _refuse_rewriting(path: str, target: Path) -> None:
    """``fmt --write`` replaces the file by renaming a new one over it, as ``sed -i`` does;
    that would silently defeat two things a user set up on purpose, so both are refused
    (exit 2) with what to do instead:

    - a read-only file (no write permission for anyone, or none for us): the rename needs
      only the directory's permission, so even a 0444 file was replaced;
    - a file with several hard links: the other names would keep the old text."""
    try:
        info = target.stat()
    except OSError:
        return  # gone since it was read: the write reports the system's error
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise UsageError(
            _(
                "fmt --write: {path} is read-only; not rewritten (make it writable, or "
                "write the canonical text elsewhere with: slarules fmt {path} > NEW)"
            ).format(path=escape_controls(path))
        )
    if info.st_nlink > 1:
        raise UsageError(
            _(
                "fmt --write: {path} has {links} hard links; rewriting it would leave the "
                "other names with the old text, so it is not rewritten (use: "
                "slarules fmt {path} > NEW)"
            ).format(path=escape_controls(path), links=info.st_nlink)
        )


def _cmd_replay(args: argparse.Namespace) -> int:
    _require_file(args.rules, _("rule file"))
    stdin = args.events == "-"
    if not stdin:
        _require_file(args.events, _("events file"))
    if args.out is not None:
        mapping = [mapping_file(args.mapping)] if args.mapping else []
        inputs = [args.rules, *([] if stdin else [args.events]), *mapping]
        _refuse_overwriting_inputs(args.out, inputs)
    if args.format == "xlsx" and not args.out:
        raise UsageError(_("--format xlsx writes a workbook: give --out FILE"))
    if args.summary and args.format != "text":
        raise UsageError(_("--summary is a form of the text report: use it with --format text"))
    rules = load(args.rules)
    params = parse_params(rules.model, args.param)
    as_of = parse_as_of(args.as_of) if args.as_of is not None else None
    beyond = None if as_of is None else as_of_past_day_data(rules.model, as_of, "--as-of")
    if beyond is not None:
        raise UsageError(beyond)  # named as the option is written, before any work
    if args.period is not None:
        parse_period(rules.model, args.period)  # a usage error before any work
    events: str | BinaryIO | list[dict[str, Any]] | None = args.events
    if args.mapping:
        events = events_for_replay(args)
    elif stdin:
        if sys.stdin is None:  # `<&-`: Python has no stdin at all
            raise UsageError(_("standard input is closed; give the events file's path"))
        events = sys.stdin.buffer
    if events is None:  # rows of the export that cannot be mapped, listed on stderr
        return EXIT_INVALID
    if args.partitions is not None:
        if stdin or args.mapping:
            raise UsageError(_("--partitions reads an events file: not - nor --mapping"))
        report = replay_partitioned(
            rules,
            args.events,
            args.partitions,
            as_of=as_of,
            params=params,
            period=args.period,
            lenient=args.lenient,
            scheduler=args.scheduler,
            workers=args.workers,
        )
        _emit_report(report, args)
        return EXIT_OK
    if args.scheduler is not None or args.workers is not None:
        raise UsageError(_("--scheduler and --workers go with --partitions"))
    # A status line on stderr, drawn only when stderr is a terminal; the report is unchanged.
    progress = Progress(0 if stdin else Path(args.events).stat().st_size, sys.stderr)
    try:
        report = rules.replay(
            events,
            as_of=as_of,
            params=params,
            period=args.period,
            lenient=args.lenient,
            progress=progress,
        )
    except UsageError:
        raise
    except (ValueError, OverflowError) as exc:  # e.g. a deadline beyond the calendar's range
        raise UsageError(str(exc) or _("a time beyond the years slarules covers")) from None
    finally:
        progress.close()
    _emit_report(report, args)
    return EXIT_OK


def _emit_report(report: Report, args: argparse.Namespace) -> None:
    """Write the report in ``--format`` to ``--out`` (or standard output)."""
    if args.format == "xlsx":
        _emit_bytes(args.out, _report_xlsx(report))
    elif args.format == "html":
        _emit(args.out, lambda handle: handle.writelines(report_html_chunks(report)))
    elif args.format == "json":
        # Streamed piece by piece: a year of a large contract makes a report of hundreds of
        # megabytes, which need not be held as one string.
        _emit(args.out, report.write_json)
    elif args.summary:
        text = render_report_summary(report)
        _emit(args.out, lambda handle: handle.write(text))
    else:
        _emit(args.out, lambda handle: handle.writelines(report_text_chunks(report)))


def _cmd_replay_many(args: argparse.Namespace) -> int:
    """One summary line per pair on stdout, the diagnostics of failed pairs on stderr; the
    exit code is the worst pair's (1 when a pair had invalid rules or events)."""
    _require_file(args.manifest, "manifest")
    outcomes = replay_many(
        args.manifest,
        scheduler=args.scheduler,
        workers=args.workers,
        out_dir=args.out_dir,
        fmt=args.format,
    )
    for outcome in outcomes:
        if outcome.diagnostics:
            head = (
                f"== {args.manifest}:{outcome.job.line}: {outcome.job.rules} {outcome.job.events}\n"
            )
            _write(sys.stderr, head + outcome.diagnostics)
    _write(sys.stdout, "".join(escape_controls(summary_line(o)) + "\n" for o in outcomes))
    return max((o.exit_code for o in outcomes), default=EXIT_OK)


def _refuse_overwriting_inputs(out: str, inputs: Sequence[str]) -> None:
    """``--out`` naming an input (``replay R E --out E``) would destroy it: refuse. An
    empty ``--out ''`` (an unset shell variable) is refused too: it printed the report to
    standard output, where a script expecting a file never looked."""
    if not out:
        raise UsageError(_("--out is empty; give a file name, or - for standard output"))
    given = naming_an_input(out, inputs)
    if given is not None:
        raise UsageError(
            _("--out {out} is an input of this replay ({given}); not overwritten").format(
                out=out, given=given
            )
        )


def _emit(out: str | None, write: Callable[[TextIO], object]) -> None:
    """Write the report to ``out`` (a path; ``-`` or none is standard output).

    Standard output gets UTF-8 bytes whatever the locale says. A file is written whole or
    not at all: into a temporary file in the same directory, then renamed over ``out``,
    so a failed or killed run leaves the previous report (or nothing), never half of one."""
    if not out or out == "-":
        _write_text_stream(sys.stdout, write)
        return
    target = Path(out)
    if is_special(target):  # /dev/stdout, a FIFO: there is nothing to replace atomically
        try:
            with target.open("w", encoding="utf-8", errors="backslashreplace", newline="\n") as h:
                write(h)
        except OSError as exc:
            raise UsageError(
                _("cannot write {out}: {value}").format(out=out, value=exc.strerror or exc)
            ) from None
        return

    def write_text(fd: int) -> None:
        with open(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())

    _replace_atomically(out, write_text)


def _emit_bytes(out: str, data: bytes) -> None:
    """Write ``data`` (an XLSX workbook) to the file ``out``, whole or not at all."""

    def write_bytes(fd: int) -> None:  # synced by replace_atomically (a pipe cannot be)
        with open(fd, "wb") as handle:
            handle.write(data)

    _replace_atomically(out, write_bytes)


def _replace_atomically(out: str, write: Callable[[int], None]) -> None:
    """Write ``out`` whole or not at all (see :mod:`slarules.outfiles`)."""
    try:
        replace_atomically(out, write)
    except OSError as exc:
        raise UsageError(
            _("cannot write {out}: {value}").format(out=out, value=exc.strerror or exc)
        ) from None


def _write_text_stream(stream: TextIO, write: Callable[[TextIO], object]) -> None:
    """Let ``write`` write text to ``stream``'s bytes as UTF-8 (see :func:`_write`)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        write(stream)
        return
    stream.flush()
    wrapper = io.TextIOWrapper(
        buffer, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True
    )
    try:
        write(wrapper)
        wrapper.flush()
    finally:
        wrapper.detach()


def _report_xlsx(report: Report) -> bytes:
    try:
        return report_xlsx_bytes(report)
    except XlsxUnavailable as exc:
        raise UsageError(str(exc)) from None


def _cmd_diff(args: argparse.Namespace) -> int:
    _require_file(args.rules_a, _("rule file"))
    _require_file(args.rules_b, _("rule file"))
    _require_file(args.events, _("events file"))
    as_of = parse_as_of(args.as_of) if args.as_of else None
    try:
        diff = diff_replays(
            args.rules_a, args.rules_b, args.events, as_of=as_of, period=args.period
        )
    except UsageError:
        raise
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _write(sys.stdout, diff.to_json() if args.format == "json" else render_diff_text(diff))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
