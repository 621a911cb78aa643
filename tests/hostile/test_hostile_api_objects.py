"""Odd Python objects given to the public API (``Ruleset.replay``, ``Tracker.feed``).

Python refuses to write an int of more than 4,300 digits as text. An API caller passing
``"count": 10**5000`` got that ValueError as a traceback from both ``replay`` and
``feed`` (the digest of the events is computed over a JSON text of each); the event log
file path already said "a number with thousands of digits". Now the count is an event
error like any number out of bounds, and an ``x-…`` field may hold such an int.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.errors import RuleError

RULES = Path(__file__).parent / "hostile.sla"
LATE = {"at": "2026-03-05T09:00:00-05:00", "type": "occurrence", "kind": "迟到"}


def feed(ruleset: slarules.Ruleset, event: dict[str, Any]) -> None:
    ruleset.tracker().feed(event)


def replay(ruleset: slarules.Ruleset, event: dict[str, Any]) -> None:
    ruleset.replay([event], as_of="2026-04-01T00:00:00-04:00")


@pytest.mark.parametrize("run", [feed, replay])
def test_a_huge_int_count_is_an_event_error(run: Any) -> None:
    ruleset = slarules.load(RULES)
    with pytest.raises(RuleError) as caught:
        run(ruleset, {**LATE, "count": 10**5000})
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "SLR915" and "too large" in diagnostic.message


@pytest.mark.parametrize("run", [feed, replay])
def test_a_huge_int_in_an_extension_field_is_carried(run: Any) -> None:
    run(slarules.load(RULES), {**LATE, "x-big": [10**5000, {"n": -(10**4400)}]})


def test_the_digest_of_huge_ints_is_exact() -> None:
    """Two events that differ only in the last digit of a 5,000-digit int differ in the
    report's events digest; the same event gives the same digest."""
    ruleset = slarules.load(RULES)

    def digest(n: int) -> str:
        report = ruleset.replay([{**LATE, "x-big": n}], as_of="2026-04-01T00:00:00-04:00")
        return str(report.to_dict()["inputs"]["events"]["sha256"])

    assert digest(10**5000) == digest(10**5000)
    assert digest(10**5000) != digest(10**5000 + 1)


def test_load_refuses_a_file_descriptor(tmp_path: Path) -> None:
    """``slarules.load(5)`` went to ``os.stat(5)`` and ``open(5)``: a descriptor, not a
    path. It read whatever the process had open as that descriptor and closed it, so the
    owner's next write failed. An int is a TypeError; the descriptor stays open."""
    other = tmp_path / "other.txt"
    with other.open("w", encoding="utf-8") as handle:
        with pytest.raises(TypeError, match="path"):
            slarules.load(handle.fileno())  # type: ignore[arg-type]
        handle.write("still open\n")
    assert other.read_text(encoding="utf-8") == "still open\n"
