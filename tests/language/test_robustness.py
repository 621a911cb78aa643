"""Rule files are untrusted input (docs/language.md §8): whatever the text, ``slarules.loads``
either returns a ruleset or raises ``RuleError`` — never another exception, never a hang.

Inputs: random bytes, random text, random sequences of the language's own tokens (keywords,
names, literals, punctuation), and random edits of a valid file (the near-misses that reach
deepest into the parser and the checker). Each example must finish within ``TIME_BOUND``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules
from slarules.api import read_rule_file
from slarules.language.parser import MAX_NESTING, MAX_SOURCE_BYTES, keywords, lark_parser

HERE = Path(__file__).resolve().parent
SAMPLE = (HERE / "samples" / "everything.sla").read_text(encoding="utf-8")
TIME_BOUND = 5.0  # seconds per example; a valid 2 MB file parses in about 5 s, these are tiny

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def load_or_rule_error(text: str) -> None:
    """The property: only RuleError escapes, and quickly."""
    start = time.perf_counter()
    try:
        slarules.loads(text, "fuzz.sla")
    except slarules.RuleError as exc:
        assert exc.diagnostics, "a RuleError must carry at least one diagnostic"
        for diagnostic in exc.diagnostics:
            assert diagnostic.render()  # rendering a diagnostic must not fail either
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_BOUND, f"took {elapsed:.1f}s"


def _punctuation() -> list[str]:
    import lark

    return sorted(
        {
            str(t.pattern.value)
            for t in lark_parser().terminals
            if isinstance(t.pattern, lark.lexer.PatternStr) and not str(t.pattern.value).isalpha()
        }
    )


TOKENS = [
    *sorted(keywords()),
    *_punctuation(),
    *["<", "<=", ">=", "==", "!=", "≤", "≥", "×", "∞", "-", "->"],
    *["5", "0.5", "85%", "8.3%", "5分", "2 points", "100000元", "10万元", "30m", "4小时", "1.5h"],
    *["3日", "3 days", "2个工作日", "2 workdays", "12个月", "3次", "2026-02-14", "2026-02-30"],
    *["SLR301", "SLR999", "故障", "1级", "响应", "respond", "opened", "CN", "none"],
    *['"引用"', '"a\\"b"', '"\\\\"', '"unterminated', "# comment\n", "\n", "：", "，", "@"],
    *["99999999999999999999h", "0m", "(", ")", "[", "]", "{", "}"],
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    load_or_rule_error(data.decode("utf-8", "replace"))


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    load_or_rule_error(text)


@FUZZ
@given(token_soup)
def test_random_token_sequences(text: str) -> None:
    load_or_rule_error(text)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_token_sequences_after_a_valid_header(tail: str) -> None:
    load_or_rule_error('ruleset "fuzz" { title "t" }\n' + tail)


@st.composite
def edited_sample(draw: st.DrawFn) -> str:
    """The valid sample with a few random deletions, insertions and token swaps."""
    text = SAMPLE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "swap"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif action == "insert":
            text = text[:at] + " " + draw(st.sampled_from(TOKENS)) + " " + text[at:]
        else:
            words = text.split(" ")
            i = draw(st.integers(0, len(words) - 1))
            words[i] = draw(st.sampled_from(TOKENS))
            text = " ".join(words)
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_sample())
def test_random_edits_of_a_valid_file(text: str) -> None:
    load_or_rule_error(text)


# ---- the documented bounds -------------------------------------------------------------------


def codes(text: str) -> list[str]:
    with pytest.raises(slarules.RuleError) as info:
        slarules.loads(text, "bound.sla")
    return [d.code for d in info.value.diagnostics]


def test_size_bound() -> None:
    # One byte over 2 MB is refused before lexing, and fast.
    text = 'ruleset "big" {}\n' + "#" * (MAX_SOURCE_BYTES - 17) + "x"
    assert len(text.encode()) == MAX_SOURCE_BYTES + 1
    start = time.perf_counter()
    assert codes(text) == ["SLR003"]
    assert time.perf_counter() - start < 1.0
    # Exactly at the bound the file is read (and here, parsed: a comment).
    slarules.loads(text[:-1], "big.sla")


def test_size_counts_utf8_bytes_not_characters() -> None:
    # 故 is 3 bytes: 700,000 of them is 2.1 MB although only 0.7 M characters.
    assert codes('ruleset "big" {}\n#' + "故" * 700_000) == ["SLR003"]


@pytest.mark.parametrize("opener, closer", [("{", "}"), ("(", ")"), ("[", "]")])
def test_nesting_bound(opener: str, closer: str) -> None:
    deep = opener * (MAX_NESTING + 1) + closer * (MAX_NESTING + 1)
    assert codes(f'ruleset "deep" {{}}\ncomposite c per p = {deep}\n') == ["SLR004"]


def test_nesting_at_the_bound_is_accepted_by_the_parser() -> None:
    from slarules.language.parser import parse

    # The header's braces count: 63 parentheses inside it reach 64 levels at most... here the
    # composite is at top level, so 64 parentheses are the limit.
    expr = "(" * MAX_NESTING + "1" + ")" * MAX_NESTING
    assert parse(f'ruleset "deep" {{}}\ncomposite c per p = {expr}\n').composites


def test_brackets_in_texts_and_comments_do_not_count() -> None:
    from slarules.language.parser import parse

    many = "{" * (MAX_NESTING + 10)
    parse(f'ruleset "x" {{ title "{many}" }}  # {many}\n')


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    bad = tmp_path / "gbk.sla"
    bad.write_bytes("kind 故障\n".encode("gbk"))
    with pytest.raises(slarules.RuleError) as info:
        read_rule_file(bad)
    assert [d.code for d in info.value.diagnostics] == ["SLR006"]
    with pytest.raises(slarules.RuleError) as info:
        read_rule_file(tmp_path / "missing.sla")
    assert [d.code for d in info.value.diagnostics] == ["SLR005"]
