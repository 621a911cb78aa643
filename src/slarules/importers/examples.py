"""The reference rulesets, their sample logs, the sample helpdesk exports and the shipped
mappings, as named examples a pip user can copy out (``slarules example NAME DIR``).

In an installed wheel they live in ``slarules/examples`` (a copy of the repository's
``rulesets/`` folder, see pyproject.toml) and ``slarules/importers/mappings``; in a source
checkout the repository's ``rulesets/`` is used directly.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path

from ..i18n import _
from ..outfiles import replace_atomically
from .mapping import builtin_names, load_mapping

_TITLE = re.compile(r'^\s*title\s+"([^"]*)"', re.MULTILINE)


@dataclass(frozen=True)
class Example:
    """A named set of files to copy: ``kind`` is ``ruleset``, ``mapping`` or ``all``.
    ``files`` pairs each source with its path inside the target folder, which mirrors the
    repository's rulesets/ (``NAME.sla``, ``samples/NAME.events.jsonl``,
    ``samples/exports/…``), so ``slarules example all rulesets`` makes the README's
    commands work as written."""

    name: str
    kind: str
    description: str
    files: tuple[tuple[Path, str], ...]


def examples_root() -> Path:
    """The folder holding ``*.sla`` and ``samples/``: packaged, or the checkout's rulesets/."""
    packaged = Path(str(resources.files("slarules"))) / "examples"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rulesets"


def mappings_root() -> Path:
    return Path(str(resources.files("slarules.importers"))) / "mappings"


def catalogue() -> list[Example]:
    """Every example: the rulesets, then the mappings, each sorted by name, then ``all``."""
    root = examples_root()
    exports = sorted((root / "samples" / "exports").glob("*.*"))
    found = []
    for rules in sorted(root.glob("*.sla")):
        name = rules.stem
        files = [rules, *sorted((root / "samples").glob(f"{name}.events.jsonl"))]
        files += [e for e in exports if e.name.startswith(f"{name}.")]
        match = _TITLE.search(rules.read_text(encoding="utf-8"))
        title = match.group(1) if match else name
        found.append(Example(name, "ruleset", title, _placed(files, root)))
    every = tuple(pair for example in found for pair in example.files)
    for name in builtin_names():
        mapping = mappings_root() / f"{name}.toml"
        samples = [e for e in exports if e.name.split(".")[1:2] == [name]]
        placed = ((mapping, mapping.name), *_placed(samples, root))
        found.append(Example(name, "mapping", _description(mapping), placed))
    found.append(Example("all", "all", _("every ruleset with its samples"), every))
    return found


def _placed(files: list[Path], root: Path) -> tuple[tuple[Path, str], ...]:
    return tuple((f, f.relative_to(root).as_posix()) for f in files)


def _description(path: Path) -> str:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    load_mapping(path)  # a shipped mapping must be valid; fails loudly in tests if not
    return str(data.get("description", path.stem))


def find(name: str) -> Example | None:
    return next((e for e in catalogue() if e.name == name), None)


def copy_example(example: Example, target: Path, *, force: bool = False) -> list[Path]:
    """Copy the example's files into ``target`` (created if needed); existing files are
    kept unless ``force``, so a user's edited copy is never overwritten by accident."""
    destinations = [target / relative for _unused, relative in example.files]
    # A symbolic link counts as a file there, dangling or not: copying through it would
    # write wherever it points, outside the folder.
    existing = [d for d in destinations if d.exists() or d.is_symlink()]
    if existing and not force:
        shown = ", ".join(str(d) for d in existing)
        raise FileExistsError(
            _("would overwrite {shown} (use --force to replace)").format(shown=shown)
        )
    for (source, _unused), destination in zip(example.files, destinations, strict=True):
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Whole or not at all, and a link at the destination is replaced, not written through.
        replace_atomically(destination, partial(_write_all, data=source.read_bytes()))
    return destinations


def _write_all(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
