"""Parser behaviour the printer and the checker rely on: comments recorded, cites kept on
every construct that accepts one, keywords refused as names, literals bounded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from slarules import RuleError
from slarules import model as m
from slarules.language.parser import parse

HEADER = 'ruleset "t" {}\n'


def errors(text: str) -> list[str]:
    with pytest.raises(RuleError) as info:
        parse(text, "t.sla")
    return [f"{d.line}:{d.col} {d.code} {d.message}" for d in info.value.diagnostics]


def test_comments_are_recorded_with_line_and_position() -> None:
    text = '# top\nruleset "t" { title "x" }  # after code\n\n  # indented own line\nkind K\n'
    model = parse(text)
    assert model.comments == (
        m.Comment(1, "# top", trailing=False),
        m.Comment(2, "# after code", trailing=True),
        m.Comment(4, "# indented own line", trailing=False),
    )


def test_comments_do_not_affect_model_equality() -> None:
    assert parse(HEADER + "kind K  # why\n") == parse(HEADER + "kind K\n")


def test_hash_inside_a_quoted_text_is_not_a_comment() -> None:
    model = parse(HEADER + 'kind K cite "见 #3 条"  # real\n')
    assert model.kinds[0].cite == "见 #3 条"
    assert [c.text for c in model.comments] == ["# real"]


def test_concurrent_parses_keep_their_own_comments() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [HEADER + f"kind K{i}  # c{i}\n" * 50 for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        models = list(pool.map(parse, texts))
    for i, model in enumerate(models):
        assert {c.text for c in model.comments} == {f"# c{i}"}
        assert len(model.comments) == 50


def test_pause_and_retier_keep_their_cites() -> None:
    text = HEADER + (
        "sla S {\n  metric r from opened to responded\n"
        '  pause all cite "挂起不计时"\n  retier restart cite "重新计时"\n}\n'
    )
    sla = parse(text).slas[0]
    assert (sla.pauses, sla.pause_cite) == (m.ALL_METRICS, "挂起不计时")
    assert (sla.retier, sla.retier_cite) == ("restart", "重新计时")


@pytest.mark.parametrize("word", ["per", "all", "inf", "true", "remeasure", "up", "hours"])
def test_a_keyword_is_a_name_where_a_name_is_expected(word: str) -> None:
    # docs/language.md §1 (issue 13): keywords are not reserved where a name is expected;
    # quoted, they are the same name.
    assert parse(HEADER + f"kind {word}\n").kinds[0].name == word
    assert parse(HEADER + f'kind "{word}"\n').kinds[0].name == word


def test_digit_led_names_and_unit_literals() -> None:
    model = parse(HEADER + "sla S { tier 1级 { respond 4小时 } }\n")
    tier = model.slas[0].tiers[0]
    assert tier.name == "1级"
    assert tier.targets[0].amount.value == timedelta(hours=4)


@pytest.mark.parametrize(
    "literal, expected",
    [
        ("1234567890123456h", "1234567890123456h is too large (at most 15 digits"),
        ("99999999999999h", "99999999999999h is too long a duration"),
        ("2026-02-30", "2026-02-30 is not a calendar date"),
    ],
)
def test_out_of_range_literals_are_errors_not_crashes(literal: str, expected: str) -> None:
    [message] = errors(HEADER + f"param d: duration = {literal}\n")
    assert "SLR101 " + expected in message


def test_long_operator_chains_are_bounded() -> None:
    # 65 additions nest 65 deep: refused before any recursive stage sees them.
    chain = " + ".join(["1"] * 66)
    [message] = errors(HEADER + f"composite c per p = {chain}\n")
    assert "SLR004 expression nested deeper than 64 levels" in message
    parse(HEADER + "composite c per p = " + " + ".join(["1"] * 64) + "\n")


def test_escaped_quote_does_not_hide_brackets_from_the_nesting_bound() -> None:
    # Before the fix, \" flipped the in-text state and the brackets after it went uncounted.
    text = HEADER + 'kind a cite "\\"" composite c per p = ' + "(" * 70 + "1" + ")" * 70 + "\n"
    [message] = errors(text)
    assert "SLR004 nesting deeper than 64 levels" in message


def test_a_byte_order_mark_is_ignored() -> None:
    # Notepad saves UTF-8 with a BOM; the file is still UTF-8 text.
    assert parse("\ufeff" + HEADER + "kind K\n") == parse(HEADER + "kind K\n")
    [message] = errors(HEADER + "kind K \ufeff\n")
    assert "U+FEFF (zero width no-break space)" in message
