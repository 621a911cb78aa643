"""The msgspec fast path and the pure-Python path read every log the same (issue 15, item 1).

``slarules.events.fastpath`` decodes a line into a typed struct and hands it to the same
per-field checks as the compiled readers; whatever it is not sure of goes to the pure-Python
path. So: a replay gives the same report bytes, and the same error messages, whichever path
reads the lines; the fast path never accepts a line the full check refuses. The tests turn
the fast path off (``fast_decoding.enabled = False``) to replay on the pure path and compare.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules
from slarules.errors import RuleError
from slarules.events import fastpath
from slarules.events.reader import EventProblem, _parse_event_checked
from slarules.events.vocabulary import Vocabulary

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "rulesets" / "samples").glob("*.events.jsonl"))
HOSTILE = slarules.load(REPO / "tests" / "hostile" / "hostile.sla")

pytestmark = pytest.mark.skipif(not fastpath.available(), reason="msgspec is not installed")


def _outcome(ruleset: slarules.Ruleset, path: Path, lenient: bool = False) -> str:
    """The report's JSON text, or the text of every diagnostic, or the ValueError."""
    try:
        return ruleset.replay(path, lenient=lenient).to_json()
    except RuleError as exc:
        return "\n".join(map(str, exc.diagnostics))
    except ValueError as exc:
        return f"ValueError: {exc}"


@pytest.fixture
def pure() -> Iterator[None]:
    """Inside the block, replays read every line on the pure-Python path."""
    fastpath.fast_decoding.enabled = False
    try:
        yield
    finally:
        fastpath.fast_decoding.enabled = True


def _both(ruleset: slarules.Ruleset, path: Path, lenient: bool = False) -> tuple[str, str]:
    fast = _outcome(ruleset, path, lenient)
    fastpath.fast_decoding.enabled = False
    try:
        slow = _outcome(ruleset, path, lenient)
    finally:
        fastpath.fast_decoding.enabled = True
    return fast, slow


@pytest.mark.parametrize("log", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_every_sample_log_gives_the_same_report_bytes_on_both_paths(log: Path) -> None:
    rules = REPO / "rulesets" / log.name.replace(".events.jsonl", ".sla")
    fast, slow = _both(slarules.load(rules), log)
    assert fast.startswith("{"), fast[:300]
    assert fast == slow


def test_the_fast_path_reads_the_sample_lines_itself() -> None:
    """Not a vacuous comparison: the fast path takes the common line (here: all of them)."""
    log = REPO / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    ruleset = slarules.load(REPO / "rulesets" / "guangxi-gat-2024.sla")
    lines = fastpath.FastLines(Vocabulary(ruleset.model))
    data = log.read_bytes().splitlines()
    taken = [line for n, line in enumerate(data, 1) if lines.read(line, n, "line") is not None]
    assert len(taken) >= 0.9 * len(data)


def test_the_pure_fixture_turns_the_fast_path_off(pure: None) -> None:
    assert not fastpath.fast_decoding.enabled


# ---- lines the fast path must leave to the full check --------------------------------------

AT = '"at": "2026-03-02T10:00:00-05:00"'
OPEN = '"type": "opened", "ticket": "T1", "sla": "故障", "tier": "紧急"'
REFUSED = [
    "{" + AT + ", " + OPEN + ', "ticket": "T2"}',  # a repeated key: msgspec keeps the last
    "{" + AT + ", " + OPEN + ', "tier" : "一般"}',  # repeated, hidden by a space
    "{" + AT + ", " + OPEN + ', "x-mine": 1}',  # an extension field
    "{" + AT + ", " + OPEN + ', "note": null}',  # a null
    "{" + AT + ', "type": "opened", "ticket": true, "sla": "故障", "tier": "紧急"}',
    "{" + AT + ', "type": "opened", "ticket": 1' + "0" * 5000 + ', "sla": "故障", "tier": "紧急"}',
    "{" + AT + ', "type": "occurrence", "kind": "迟到", "count": "2"}',  # a number as text
    "{" + AT + ', "type": "occurrence", "kind": "迟到", "count": [2]}',
    "{" + AT + ', "type": "responded", "ticket": "\\ud800"}',  # a lone surrogate
    "{" + AT + ', "type": "agreed", "ticket": "T1", "metric": "respond", "target": "1小时"}',
    '{"at": "2026-03-02T10:00:00", "type": "responded", "ticket": "T1"}',
    "{" + AT + ', "type": "responded", "ticket": "T1", "teir": "紧急"}',
    "{" + AT + ', "type": "paused", "ticket": "T1", "assessor": "财务"}',
    "{" + AT + ', "type": "occurrence", "kind": "迟到", "currency": "USD"}',
    "[1, 2]",
    "{" + AT + ', "type": "responded", "ticket": "T1"',
]


@pytest.mark.parametrize("line", REFUSED)
def test_the_fast_path_leaves_doubtful_lines_to_the_full_check(line: str) -> None:
    lines = fastpath.FastLines(Vocabulary(HOSTILE.model))
    data = line.encode("utf-8", "surrogatepass")
    assert lines.read(data, 1, "line") is None


def _encoded(raw: dict[str, Any]) -> bytes:
    def default(value: object) -> object:
        if isinstance(value, Decimal):
            return float(value) if value != value.to_integral_value() else int(value)
        raise TypeError(value)

    return json.dumps(raw, ensure_ascii=False, default=default).encode()


GOOD: list[dict[str, Any]] = [
    {"at": "2026-03-02T10:00:00-05:00", "type": "opened", "ticket": "T1", "sla": "故障",
     "tier": "紧急", "id": "E-1", "assessor": None, "note": "好"},
    {"at": "2026-03-02T15:00:00Z", "type": "responded", "ticket": 17},
    {"at": "2026-03-02T10:00:00-05:00", "type": "occurrence", "kind": "迟到", "count": 2},
    {"at": "2026-03-02T10:00:00-05:00", "type": "occurrence", "kind": "安全事件", "points": 2.5},
    {"at": "2026-03-02T10:00:00-05:00", "type": "judgement", "item": "支持", "points": 7.5},
    {"at": "2026-03-02T10:00:00-05:00", "type": "due", "deliverable": "月报", "period": "2026-03"},
]  # fmt: skip


@pytest.mark.parametrize("raw", GOOD, ids=lambda raw: raw["type"])
def test_what_the_fast_path_accepts_the_full_check_builds_identically(raw: dict[str, Any]) -> None:
    vocab = Vocabulary(HOSTILE.model)
    data = _encoded({k: v for k, v in raw.items() if v is not None})
    fast = fastpath.FastLines(vocab).read(data, 3, "line")
    full = _parse_event_checked(json.loads(data, parse_float=Decimal), 3, vocab, "line")
    assert fast is not None
    assert (fast, fast.at.isoformat(), fast.at.tzinfo, str(fast.ref)) == (
        full,
        full.at.isoformat(),
        full.at.tzinfo,
        str(full.ref),
    )


# ---- any line: same outcome on both paths --------------------------------------------------

_VALUES = st.one_of(
    st.sampled_from(['"T1"', '"T2"', "17", '"故障"', '"紧急"', '"一般"', '"迟到"', '"安全事件"',
                     '"支持"', '"月报"', '"第三方"', '"2026-03"', "2", "2.5", "-1", "1e2", '"3"',
                     "null", "true", "[]", "{}", '"\\ud800"', '" "', '"Ｔ１"', "7.50", "0.0",
                     '"CNY"', '"USD"']),
    st.integers(-(10**20), 10**20).map(str),
)  # fmt: skip
_KEYS = st.sampled_from(["ticket", "sla", "tier", "kind", "count", "points", "item", "note",
                         "assessor", "id", "cause", "deliverable", "period", "x-a", "teir",
                         "amount", "scorecard", "score", "name", "currency"])  # fmt: skip
_TYPES = st.sampled_from(["opened", "responded", "restored", "closed", "paused", "resumed",
                          "attributed", "occurrence", "judgement", "due", "delivered",
                          "milestone", "score", "retiered", "nope"])  # fmt: skip
_ATS = st.sampled_from(["2026-03-02T10:00:00-05:00", "2026-03-02T15:00:00Z",
                        "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00",
                        "2026-03-02T10:00:00", "2026-03-02 10:00:00-05:00",
                        "1900-01-01T00:00:00Z"])  # fmt: skip


@st.composite
def _line(draw: st.DrawFn) -> str:
    pairs = [("at", json.dumps(draw(_ATS))), ("type", json.dumps(draw(_TYPES)))]
    pairs += draw(st.lists(st.tuples(_KEYS, _VALUES), max_size=5))
    if draw(st.booleans()):
        pairs = [("type", pairs[1][1]), pairs[0], *pairs[2:]]
    sep = draw(st.sampled_from([": ", ":", " : "]))
    return "{" + ", ".join(f'"{k}"{sep}{v}' for k, v in pairs) + "}"


_OPENING = '{"at": "2026-03-02T09:00:00-05:00", "type": "opened", "ticket": "T1", "sla": "故障", "tier": "紧急"}'  # noqa: E501


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_line(), min_size=1, max_size=6), lenient=st.booleans())
def test_any_log_gives_the_same_bytes_or_messages_on_both_paths(
    lines: list[str], lenient: bool
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        text = "\n".join([_OPENING, *lines]) + "\n"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        fast, slow = _both(HOSTILE, path, lenient)
        assert fast == slow


def test_a_fast_line_with_an_id_keeps_its_decoded_object_for_repeats(tmp_path: Path) -> None:
    """A repeated id is compared by content: the fast path hands the tracker the object."""
    line = '{"at": "2026-03-02T10:00:00-05:00", "type": "responded", "ticket": "T1", "id": "A"}'
    path = tmp_path / "e.jsonl"
    path.write_text("\n".join([_OPENING, line, line]) + "\n", encoding="utf-8")
    fast, slow = _both(HOSTILE, path)
    assert "SLR919" in fast and fast == slow


def test_no_problem_is_raised_by_the_fast_path() -> None:
    """It answers an event or None; every message comes from the full check."""
    lines = fastpath.FastLines(Vocabulary(HOSTILE.model))
    for line in REFUSED:
        try:
            lines.read(line.encode("utf-8", "surrogatepass"), 1, "line")
        except EventProblem:  # pragma: no cover - the failure this test looks for
            pytest.fail(f"the fast path raised on {line!r}")


# In a fresh interpreter where ``import msgspec`` fails, as without the extra: the real
# situation, not a patched module global (the compiled build binds the import natively).
_WITHOUT_MSGSPEC = """
import sys
sys.modules["msgspec"] = None  # `import msgspec` now raises ImportError
import slarules
from slarules.events import fastpath
from slarules.events.vocabulary import Vocabulary
assert not fastpath.available()
ruleset = slarules.load(sys.argv[1])
assert fastpath.fast_lines(Vocabulary(ruleset.model)) is None
sys.stdout.buffer.write(ruleset.replay(sys.argv[2]).to_json().encode("utf-8"))
"""


def test_without_msgspec_every_line_takes_the_pure_path() -> None:
    """The extra is optional: with msgspec missing, no fast reader is built and the
    replay gives the same bytes."""
    log = REPO / "rulesets" / "samples" / "fujian-slt-2024.events.jsonl"
    rules = REPO / "rulesets" / "fujian-slt-2024.sla"
    expected = _outcome(slarules.load(rules), log)
    assert fastpath.available()  # here, msgspec is installed (the test extra)
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_MSGSPEC, str(rules), str(log)],
        capture_output=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8") == expected


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_a_line_nested_deeper_than_msgspec_recurses_goes_to_the_full_check(depth: int) -> None:
    # A hostile line: a field holding an array nested `depth` levels deep. Whatever msgspec
    # raises for it (a decode error, or RecursionError), the fast path must hand the line
    # over, never raise: the full check reports the depth with its line number.
    lines = fastpath.FastLines(Vocabulary(HOSTILE.model))
    data = (
        b'{"at": "2026-03-02T10:00:00Z", "type": "opened", "ticket": "T1", "note": '
        + b"[" * depth
        + b"]" * depth
        + b"}"
    )
    assert lines.read(data, 1, "line") is None
