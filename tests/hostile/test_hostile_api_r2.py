"""Second hostile pass: misuse of the public API (docs/api.md).

A wrong argument is a ``TypeError`` (a value of the wrong kind) or a ``UsageError`` (a
``ValueError``: the right kind, a wrong value) whose message names the argument; never an
``AttributeError`` or a bare ``'int' object is not iterable`` from deep inside. Each case
below was one of those before this pass (the comment says which).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.errors import UsageError

from .test_hostile_cli import EVENTS as ALL_EVENTS
from .test_hostile_cli import RULES, write_events

_RULES = slarules.load(RULES)
EVENTS = ALL_EVENTS[:4]  # the fifth has a float, refused from Python


def _replay(**options: Any) -> Callable[[], object]:
    return lambda: _RULES.replay(EVENTS, **options)


CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # loads(None): AttributeError 'NoneType' object has no attribute 'removeprefix'
    ("loads None", lambda: slarules.loads(None), TypeError, r"^loads takes .* not None"),
    # loads(bytes): TypeError "a bytes-like object is required, not 'str'"
    ("loads bytes", lambda: slarules.loads(b"ruleset"), TypeError, r"not bytes \(decode it"),
    # params=[...]: AttributeError 'list' object has no attribute 'items'
    ("params list", _replay(params=[("contract_total", 1)]), TypeError,
     r"^params must be a mapping"),
    ("params text", _replay(params="contract_total=1"), TypeError, r"^params must be a mapping"),
    # params={1: 2}: TypeError 'int' object is not iterable
    ("params int key", _replay(params={1: 2}), TypeError, r"^params: a parameter name"),
    # tracker(params=[...]): AttributeError
    ("tracker params", lambda: _RULES.tracker(params=[1]), TypeError, r"^params must be"),
    # period=2026: AttributeError 'int' object has no attribute 'bounds' (after the replay)
    ("period int", _replay(period=2026), TypeError, r"^period must be a text"),
    # events=None / 5: TypeError "'NoneType' object is not iterable"
    ("events None", lambda: _RULES.replay(None), TypeError, r"^events must be a path"),
    ("events int", lambda: _RULES.replay(5), TypeError, r"^events must be a path"),
    # events=b"path": read as an iterable of 46 numbers, "an event is ... not a number"
    ("events bytes", lambda: _RULES.replay(str(RULES).encode()), TypeError, r"not bytes$"),
    # events=one dict: read as the iterable of its keys, "an event is ... not a text"
    ("events one dict", lambda: _RULES.replay(EVENTS[0]), TypeError, r"not dict$"),
    # events=io.StringIO: TypeError "a bytes-like object is required, not 'str'"
    ("events text stream", lambda: _RULES.replay(io.StringIO("")), TypeError, r"must be binary"),
    # Tracker(None): AttributeError 'NoneType' object has no attribute 'model'
    ("Tracker None", lambda: slarules.Tracker(None), TypeError, r"^Tracker takes a Ruleset"),
    ("Tracker path", lambda: slarules.Tracker(str(RULES)), TypeError, r"not str$"),
    # diff_reports(None, None): AttributeError 'NoneType' object has no attribute 'periods'
    ("diff None", lambda: slarules.diff_reports(None, None), TypeError, r"^diff_reports: a must"),
    # deadlines(3, …): TypeError 'int' object is not iterable
    ("deadlines sla", lambda: _RULES.deadlines(3, "紧急", "2026-03-02T09:00-05:00"), TypeError,
     r"^sla must be a text, not int"),
    ("deadlines tier", lambda: _RULES.deadlines("故障", None, "2026-03-02T09:00-05:00"), TypeError,
     r"^tier must be a text, not None"),
    ("metrics None", lambda: _RULES.metrics(None), TypeError, r"^sla must be a text"),
    ("targets int", lambda: _RULES.targets("故障", 1), TypeError, r"^tier must be a text"),
    # import_events(None, …): TypeError 'NoneType' object is not iterable
    ("import None", lambda: slarules.import_events(None, "zammad"), TypeError, r"^source must be"),
    # import_events([], 5): "5: no such mapping file"
    ("import mapping int", lambda: slarules.import_events([], 5), TypeError, r"^mapping must be"),
    # lenient="false" (a text from a configuration file) was true: bad lines skipped
    ("lenient text", _replay(lenient="false"), TypeError, r"^lenient must be True or False"),
    ("import lenient text", lambda: slarules.import_events([], "zammad", lenient="no"),
     TypeError, r"^lenient must be True or False"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_misuse_is_a_clear_error_naming_the_argument(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_the_right_kinds_still_work(tmp_path: Path) -> None:
    """The guards take what docs/api.md promises: a path as ``str``, ``Path`` or bytes, a
    binary stream, a generator of dicts, a ``Mapping`` of params, a ``PeriodSelection``."""
    log = write_events(tmp_path / "events.jsonl")
    expected = _RULES.replay(str(log)).to_json()
    assert _RULES.replay(log).to_json() == expected
    with log.open("rb") as stream:
        assert _RULES.replay(stream).tickets == _RULES.replay(log).tickets
    assert _RULES.replay(e for e in EVENTS).tickets == _RULES.replay(EVENTS).tickets
    assert slarules.load(str(RULES).encode()).name == _RULES.name
    assert _RULES.replay(EVENTS, params={}).to_json() is not None
    report = _RULES.replay(EVENTS, period="2026-03")
    assert slarules.diff_reports(report, report).empty
    tracker = _RULES.tracker(params={})
    tracker.feed(EVENTS[0])
    assert tracker.report(period="2026-03").to_json() is not None


def test_an_unknown_parameter_is_still_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown parameter"):
        _RULES.replay(EVENTS, params={"nope": Decimal(1)})


def test_a_calendar_of_a_number_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="hours must be a text, not int"):
        slarules.Calendar(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tz must be a text"):
        slarules.Calendar("24x7", tz=8)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="holidays must be a text"):
        slarules.Calendar("24x7", holidays=3)  # type: ignore[arg-type]
