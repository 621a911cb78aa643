"""Promise (docs/api.md): "An argument of the wrong kind (``params=[…]``, ``events=None``,
``period=2026``, ``Tracker("rules.sla")``) is a ``TypeError`` naming it; a value of the
right kind that is wrong (an unknown SLA, a naive ``as_of``, a time outside 1970–2199 …) a
``UsageError``"; ``load`` errors raise ``RuleError``; ``status`` of an unknown ticket is
``UnknownTicket`` (a ``KeyError``), of an unknown metric ``UnknownMetric``; ``status`` past
the calendar's day data is a ``UsageError`` naming ``at`` and the last day covered. The
hostile rounds hold many of these one by one; this file holds the page's sentences, each
case with the documented type *and* the word that makes the message useful."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import slarules

from .support import SLT, SLT_EVENTS, ZAMMAD_CSV

RULES = slarules.load(SLT)


def tracker() -> slarules.Tracker:
    fed = RULES.tracker()
    fed.feed({"at": "2026-03-02T09:00:00+08:00", "type": "opened", "ticket": "T1",
              "sla": "故障", "tier": "一般"})  # fmt: skip
    return fed


CASES: dict[str, tuple[Callable[[], Any], type[BaseException], str]] = {
    "load of a missing file": (lambda: slarules.load("no-such.sla"), slarules.RuleError, "SLR005"),
    "load of a folder": (lambda: slarules.load(SLT.parent), slarules.RuleError, "directory"),
    "load of a number": (lambda: slarules.load(3), TypeError, "path"),  # type: ignore[arg-type]
    "loads of bytes": (lambda: slarules.loads(SLT.read_bytes()), TypeError, "bytes"),  # type: ignore[arg-type]
    "loads of a bad text": (lambda: slarules.loads("ruleset x {"), slarules.RuleError, "SLR001"),
    "events=None": (lambda: RULES.replay(None), TypeError, "None"),  # type: ignore[arg-type]
    "period=2026": (lambda: RULES.replay(SLT_EVENTS, period=2026), TypeError, "period"),  # type: ignore[arg-type]
    "params=[…]": (lambda: RULES.replay(SLT_EVENTS, params=[1]), TypeError, "params"),  # type: ignore[arg-type]
    "Tracker(path)": (lambda: slarules.Tracker("rules.sla"), TypeError, "Ruleset"),  # type: ignore[arg-type]
    "a text stream": (
        lambda: RULES.replay(io.StringIO(SLT_EVENTS.read_text("utf-8"))),
        TypeError,
        "binary",
    ),
    "the log's text as events": (
        lambda: RULES.replay(SLT_EVENTS.read_text("utf-8")),
        slarules.UsageError,
        "io.BytesIO",
    ),
    "a naive as_of": (
        lambda: RULES.replay(SLT_EVENTS, as_of=datetime(2025, 1, 1)),
        slarules.UsageError,
        "UTC",
    ),
    "as_of in 2200": (
        lambda: RULES.replay(SLT_EVENTS, as_of="2200-01-01T00:00:00+08:00"),
        slarules.UsageError,
        "as_of",
    ),
    "an unknown parameter": (
        lambda: RULES.replay(SLT_EVENTS, params={"nope": 1}),
        slarules.UsageError,
        "contract_total",
    ),
    "an unknown SLA": (lambda: RULES.tiers("x"), slarules.UsageError, "故障, 需求变更"),
    "an unknown tier": (
        lambda: RULES.targets("故障", "x"),
        slarules.UsageError,
        "紧急, 一般, 轻微",
    ),
    "an unknown calendar": (lambda: RULES.calendar("x"), slarules.UsageError, "全天"),
    "an unknown ticket": (lambda: tracker().status("x"), slarules.UnknownTicket, "'x'"),
    "an unknown metric": (
        lambda: tracker().status("T1").metric("x"),
        slarules.UnknownMetric,
        "respond",
    ),
    "status past the day data": (
        lambda: tracker().status("T1", at="2101-01-02T00:00:00+08:00"),
        slarules.UsageError,
        "2100-12-31",
    ),
    "a bad event fed": (
        lambda: tracker().feed({"at": "2026-03-02T10:00:00+08:00", "type": "x"}),
        slarules.RuleError,
        "event 2",
    ),
    "an export row that cannot be mapped": (
        lambda: slarules.import_events([{"#": "1", "Created At": "x"}], "zammad"),
        slarules.EventImportError,
        "row",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_documented_error(case: str) -> None:
    call, kind, said = CASES[case]
    with pytest.raises(kind) as raised:
        call()
    assert said in str(raised.value)


def test_the_error_types_are_what_the_page_says_they_are() -> None:
    assert issubclass(slarules.UsageError, ValueError)
    assert issubclass(slarules.UnknownTicket, KeyError)
    assert issubclass(slarules.UnknownMetric, KeyError)
    assert issubclass(slarules.EventImportError, ValueError)


def test_a_failed_feed_changes_nothing() -> None:
    fed = tracker()
    before = fed.report().to_json()
    with pytest.raises(slarules.RuleError):
        deep: list[object] = []
        for _ in range(40):  # deeper than the 32 levels an event may nest
            deep = [deep]
        fed.feed({"at": "2026-03-02T10:00:00+08:00", "type": "responded", "ticket": "T1",
                  "x-deep": deep})  # fmt: skip
    assert fed.report().to_json() == before


@pytest.mark.parametrize("source", ["missing.csv", "folder"])
def test_an_export_that_cannot_be_read_is_a_value_error_naming_it(
    source: str, tmp_path: Path
) -> None:
    """docs/api.md: an export or mapping that cannot be read is a ``ValueError`` that names
    it (the command line's exit 2), as rows that cannot be mapped are (``EventImportError``,
    a ``ValueError`` too): ``except ValueError`` catches every import problem."""
    path = tmp_path / source
    if source == "folder":
        path.mkdir()
    with pytest.raises(ValueError, match=source):
        slarules.import_events(path, "zammad")
    with pytest.raises(ValueError, match="no-such-mapping"):
        slarules.import_events(ZAMMAD_CSV, "no-such-mapping")
