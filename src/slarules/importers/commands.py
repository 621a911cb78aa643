"""The ``import`` and ``example`` subcommands, and ``replay --mapping``.

Kept out of cli.py, which only registers them: ``add_subcommands`` adds both parsers, and
``events_for_replay`` turns ``replay RULES EXPORT --mapping M`` into the events the replay
reads. Exit codes as in SPEC §6: 1 for rows that cannot be mapped or an invalid mapping,
2 for wrong usage (a missing file, an unknown mapping or example, an output that would
overwrite an input).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..events.reader import ExportRows
from ..i18n import _, ngettext
from ..outfiles import naming_an_input
from ..textsafe import escape_controls
from . import (
    EventImportError,
    ExportError,
    ImportResult,
    MappingError,
    event_line,
    import_events,
    write_events,
)
from .examples import catalogue, copy_example, find
from .mapping import builtin_names, mapping_file
from .rows_to_events import source_row

EXIT_OK, EXIT_INVALID = 0, 1


def add_subcommands(sub: Any) -> None:
    """Register ``import`` and ``example`` on the CLI's subparsers."""
    imp = sub.add_parser(
        "import",
        help=_("turn a helpdesk export (CSV, XLSX, JSON) into an event log"),
        description=_("Map a helpdesk export to a slarules event log (docs/import.md)."),
    )
    imp.add_argument("export", metavar="EXPORT", help=_("a .csv, .xlsx or .json export"))
    imp.add_argument("--mapping", required=True, metavar="M", help=_mapping_help())
    imp.add_argument(
        "--out", metavar="FILE", help=_("write the log here (atomically) instead of stdout")
    )
    imp.add_argument(
        "--lenient", action="store_true", help=_("skip rows that cannot be mapped, listing them")
    )
    imp.set_defaults(handler=cmd_import, format="text")

    example = sub.add_parser(
        "example",
        help=_("copy a reference ruleset, its samples or a mapping into a folder"),
        description=_("Copy a shipped example into DIR; --list shows them."),
    )
    example.add_argument("name", nargs="?", metavar="NAME")
    example.add_argument("dir", nargs="?", metavar="DIR")
    example.add_argument("--list", action="store_true", help=_("list the examples"))
    example.add_argument("--force", action="store_true", help=_("overwrite files already in DIR"))
    example.set_defaults(handler=cmd_example, format="text")


def _mapping_help() -> str:
    return _("a mapping file (.toml) or a shipped mapping: {builtin_names}").format(
        builtin_names=", ".join(builtin_names())
    )


def add_replay_option(replay: argparse.ArgumentParser) -> None:
    replay.add_argument(
        "--mapping",
        metavar="M",
        help=_("EVENTS is a helpdesk export, mapped by M (as in `slarules import`)"),
    )


def _check_mapping(spec: str) -> None:
    if spec not in builtin_names() and not Path(spec).is_file():
        raise UsageError(
            _("mapping not found: {spec} (shipped: {builtin_names})").format(
                spec=spec, builtin_names=", ".join(builtin_names())
            )
        )


def _run_import(export: str, mapping: str, lenient: bool) -> ImportResult | None:
    """The import, or ``None`` after printing why it cannot be done (exit 1)."""
    if export == "-":
        raise UsageError(
            _(
                "an export is read from a file, whose suffix (.csv, .xlsx, .json) says "
                "its format; not from standard input (-)"
            )
        )
    if not Path(export).is_file():
        if Path(export).exists():  # a directory, a FIFO (never opened: it would block), a device
            raise UsageError(_("export {export} is not a regular file").format(export=export))
        raise UsageError(_("export not found: {export}").format(export=export))
    _check_mapping(mapping)
    try:
        result = import_events(export, mapping, lenient=lenient)
    except EventImportError as exc:
        for problem in exc.problems:
            _say(_("error: {problem}").format(problem=problem))
        _say(
            ngettext(
                "{count} row cannot be mapped; --lenient skips it",
                "{count} rows cannot be mapped; --lenient skips them",
                len(exc.problems),
            ).format(count=len(exc.problems))
        )
        return None
    except (MappingError, ExportError) as exc:
        _say(_("error: {problem}").format(problem=exc))
        return None
    for problem in result.problems:
        _say(_("skipped: {problem}").format(problem=problem))
    return result


def cmd_import(args: argparse.Namespace) -> int:
    if args.out is not None:
        if not args.out:  # an unset shell variable: the events went to stdout unasked
            raise UsageError(_("--out is empty; give a file name, or - for standard output"))
        _refuse_overwriting_inputs(Path(args.out), [args.export, mapping_file(args.mapping)])
    result = _run_import(args.export, args.mapping, args.lenient)
    if result is None:
        return EXIT_INVALID
    if args.out and args.out != "-":  # - is standard output, as for replay --out -
        try:
            write_events(result.events, args.out)
        except OSError as exc:
            raise UsageError(
                _("cannot write {out}: {value}").format(out=args.out, value=exc.strerror or exc)
            ) from None
    else:
        _write_stdout(event_line(event) for event in result.events)
    _say(
        _(
            "{events} from {rows} ({skipped} left out by the mapping, {count2} with problems)"
        ).format(
            events=ngettext("{count} event", "{count} events", len(result.events)).format(
                count=len(result.events)
            ),
            rows=ngettext("{count} row", "{count} rows", result.rows).format(count=result.rows),
            skipped=result.skipped,
            count2=len(result.problems),
        )
    )
    return EXIT_OK


def _refuse_overwriting_inputs(out: Path, inputs: list[str]) -> None:
    """``import E --out E`` would destroy the export: refuse (see :mod:`slarules.outfiles`)."""
    if naming_an_input(out, inputs) is not None:
        raise UsageError(
            _("--out {out} is an input of this import; choose another file").format(out=out)
        )


def events_for_replay(args: argparse.Namespace) -> ExportRows | None:
    """The events of ``replay RULES EXPORT --mapping M``, each with the export row it came
    from, so that the report and its errors cite ``EXPORT`` and the row (``R14``,
    ``tickets.csv:14:1``); ``None`` after printing the rows that cannot be mapped (the
    replay then exits 1)."""
    result = _run_import(args.events, args.mapping, args.lenient)
    if result is None:
        return None
    rows = [source_row(event) or 0 for event in result.events]  # every event has its row
    return ExportRows(result.events, args.events, rows, _file_sha256(args.events))


def _file_sha256(path: str) -> str:
    """The sha256 of the export's bytes, read in blocks: the report names the export, so
    its digest is the export's (``sha256sum tickets.csv`` gives the same)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cmd_example(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        if not args.list:
            raise UsageError(_("name an example (slarules example --list shows them)"))
        _write_stdout(f"{e.name:<20} {e.kind:<8} {e.description}\n" for e in catalogue())
        return EXIT_OK
    chosen = find(args.name)
    if chosen is None:
        names = ", ".join(e.name for e in catalogue())
        raise UsageError(
            _("no example {args_name!r}; examples: {names}").format(
                args_name=args.name, names=names
            )
        )
    if not args.dir:
        raise UsageError(_("name the folder to copy into: slarules example NAME DIR"))
    try:
        copied = copy_example(chosen, Path(args.dir), force=args.force)
    except FileExistsError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(
            _("cannot copy into {dir}: {value}").format(dir=args.dir, value=exc.strerror or exc)
        ) from None
    _write_stdout(f"{escape_controls(str(path))}\n" for path in copied)
    return EXIT_OK


def _say(line: str) -> None:
    """One line on standard error. It may quote a file name or a cell of the export, so
    control characters are escaped (an ESC in a file name could rewrite the terminal, a
    line break forge a message), and it is UTF-8 whatever the locale says."""
    text = escape_controls(line) + "\n"
    buffer = getattr(sys.stderr, "buffer", None)
    if buffer is None:
        sys.stderr.write(text)
        return
    sys.stderr.flush()
    buffer.write(text.encode("utf-8", "backslashreplace"))
    buffer.flush()


def _write_stdout(lines: Iterable[str]) -> None:
    """``lines`` to standard output as UTF-8, whatever ``PYTHONIOENCODING`` or the locale
    says (as every slarules command writes). A stream without a byte buffer (a test's
    StringIO) takes the text as it is."""
    buffer = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    for line in lines:
        if buffer is None:
            sys.stdout.write(line)
        else:
            buffer.write(line.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()
