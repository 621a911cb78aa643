"""Promise (docs/reliability.md P5): "Inputs are never destroyed": ``--out`` that resolves to
an input is refused (exit 2). A mapping is an input of ``import`` and ``replay --mapping``;
given by name (``--mapping zammad``) it is read from the package's own file.

Found by this test: ``slarules import export.csv --mapping zammad --out PATH``, with PATH
the shipped ``zammad.toml`` (in an editable install, or a virtual environment the user owns),
wrote the events over the mapping and exited 0: only a mapping given as a path was compared
with ``--out``. The command-line tests keep a copy of the file and put it back whatever
happens, so a regression fails here without breaking the package for the tests after it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from slarules.importers.mapping import mapping_file

from .support import RULESETS, ZAMMAD_CSV, Run


@pytest.fixture
def shipped() -> Iterator[Path]:
    """The shipped Zammad mapping's file, restored after the test whatever it did."""
    path = Path(mapping_file("zammad"))
    kept = path.read_bytes()
    try:
        yield path
    finally:
        if path.read_bytes() != kept:
            path.write_bytes(kept)


def test_a_shipped_mapping_names_its_own_file() -> None:
    path = Path(mapping_file("zammad"))
    assert path.name == "zammad.toml" and b'shape = "ticket"' in path.read_bytes()
    assert mapping_file("my-helpdesk.toml") == "my-helpdesk.toml"  # a path stays a path


@pytest.mark.parametrize("command", ["import", "replay"])
def test_out_over_a_shipped_mapping_is_refused(slarules: Run, shipped: Path, command: str) -> None:
    kept = shipped.read_bytes()
    if command == "import":
        argv: list[str | Path] = ["import", ZAMMAD_CSV, "--mapping", "zammad"]
    else:
        argv = ["replay", RULESETS / "guangxi-gat-2024.sla", ZAMMAD_CSV, "--mapping", "zammad"]
    done = slarules(*argv, "--out", shipped)
    assert shipped.read_bytes() == kept
    assert done.returncode == 2
    assert "is an input of this" in done.stderr.decode("utf-8")
