"""The manifest of ``slarules replay-many``: one replay per line, as JSON Lines.

Each non-blank line that does not start with ``#`` is a JSON object::

    {"rules": "gat.sla", "events": "gat-2026.jsonl"}
    {"rules": "slt.sla", "events": "slt.jsonl", "out": "slt.json", "params": {"合同金额": "800000"}}

``rules`` and ``events`` are required; ``out`` (where the report goes), ``params`` (name →
value, as ``--param NAME=VALUE``), ``period`` and ``as_of`` (as ``--period``, ``--as-of``)
are optional. Relative paths are relative to the manifest's folder (``out`` to ``--out-dir``
when given). Without ``out`` the report is ``RULES-STEM.EVENTS-STEM.json`` (``.txt``).
A malformed manifest is wrong usage, reported with its line before any replay starts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from attrs import frozen

from ..errors import UsageError
from ..i18n import _
from ..outfiles import naming_an_input

__all__ = ["Job", "read_manifest"]

_KEYS = frozenset({"rules", "events", "out", "params", "period", "as_of"})
_SUFFIX = {"json": ".json", "text": ".txt"}


@frozen
class Job:
    """One (rule file, event log) pair to replay; paths resolved, ``line`` in the manifest."""

    line: int
    rules: str
    events: str
    out: str
    params: tuple[str, ...] = ()  # NAME=VALUE, as --param
    period: str | None = None
    as_of: str | None = None
    fmt: str = "json"


def read_manifest(
    path: str | Path, out_dir: str | Path | None = None, fmt: str = "json"
) -> list[Job]:
    """The jobs of a manifest file (see the module docstring)."""
    manifest = Path(path)
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            _("cannot read the manifest {path}: {error}").format(path=path, error=exc)
        ) from None
    base = manifest.parent
    outs = Path(out_dir) if out_dir is not None else base
    jobs = [
        _job(f"{path}:{number}", number, line, base, outs, fmt)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not jobs:
        raise UsageError(_("the manifest {path} lists no replay").format(path=path))
    _refuse_clashes(jobs, str(path))
    return jobs


def _job(where: str, number: int, line: str, base: Path, outs: Path, fmt: str) -> Job:
    try:
        entry = json.loads(line, object_pairs_hook=_without_repeats)
    except _RepeatedKey as exc:
        raise UsageError(
            _("{where}: the key {key!r} is given twice; give each key once").format(
                where=where, key=exc.key
            )
        ) from None
    except RecursionError:  # [[[[… nested deeper than the decoder recurses
        raise UsageError(
            _("{where}: not a JSON object: nested too deeply").format(where=where)
        ) from None
    except ValueError as exc:
        raise UsageError(
            _("{where}: not a JSON object: {error}").format(where=where, error=exc)
        ) from None
    if not isinstance(entry, dict):
        raise UsageError(_("{where}: not a JSON object").format(where=where))
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise UsageError(
            _("{where}: unknown key {key!r}; known: {known}").format(
                where=where, key=unknown[0], known=", ".join(sorted(_KEYS))
            )
        )
    for key in ("rules", "events"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise UsageError(
                _("{where}: {key!r} must be a path (a string)").format(where=where, key=key)
            )
    for key in ("out", "period", "as_of"):
        if key in entry and not isinstance(entry[key], str):
            raise UsageError(_("{where}: {key!r} must be a string").format(where=where, key=key))
    params = entry.get("params", {})
    if not isinstance(params, dict) or not all(
        isinstance(v, (str, int)) and not isinstance(v, bool) for v in params.values()
    ):
        raise UsageError(
            _("{where}: 'params' must map names to values (strings)").format(where=where)
        )
    rules, events = base / entry["rules"], base / entry["events"]
    default = f"{rules.stem}.{events.stem}{_SUFFIX.get(fmt, '.' + fmt)}"
    return Job(
        line=number,
        rules=str(rules),
        events=str(events),
        out=str(outs / entry.get("out", default)),
        params=tuple(f"{name}={value}" for name, value in params.items()),
        period=entry.get("period"),
        as_of=entry.get("as_of"),
        fmt=fmt,
    )


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are each given once: ``{"rules": "a.sla", "rules":
    "b.sla"}`` replayed b.sla without a word (JSON readers keep the last), as the event log
    refuses a repeated key (SLR910)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RepeatedKey(key)
        out[key] = value
    return out


def _refuse_clashes(jobs: list[Job], path: str) -> None:
    """Two replays writing one report, or a report over an input, are refused up front."""
    seen: dict[str, int] = {}
    inputs = [path, *(p for job in jobs for p in (job.rules, job.events))]  # and the manifest
    for job in jobs:
        key = str(Path(job.out).resolve())
        if key in seen:
            raise UsageError(
                _(
                    "{path}:{line}: writes the same report as line {earlier} ({out}); "
                    "give each line its own 'out'"
                ).format(path=path, line=job.line, earlier=seen[key], out=job.out)
            )
        seen[key] = job.line
        given = naming_an_input(job.out, inputs)
        if given is not None:
            raise UsageError(
                _("{path}:{line}: out {out} is an input ({given}); not overwritten").format(
                    path=path, line=job.line, out=job.out, given=given
                )
            )
