"""Properties of the numbers the reports for people show (report/shown.py): a value shown
is the exact value rounded half-up to 4 decimals, marked ``≈`` exactly when that rounding
changed it — whether the value stands alone (a score cell) or inside a text the engine
wrote (an evidence line, a payment's basis, a measure's inputs).

The expected text is computed here independently of report/shown.py: ``Decimal.quantize``
with ROUND_HALF_UP on the value, and the plain digits of the value otherwise.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from slarules.language.literals import decimal_text
from slarules.report.shown import shown_number, shown_text

_FOUR = Decimal("0.0001")

# Values as the evaluator makes them: up to 15 digits before the point (the bound of every
# number, docs/language.md) and many after (a division keeps up to 60 significant digits).
VALUES = st.decimals(
    min_value=Decimal("-999999999999999"),
    max_value=Decimal("999999999999999"),
    places=12,
    allow_nan=False,
    allow_infinity=False,
)
# What the engine's texts put around a number: spaces, brackets, a unit, CJK punctuation.
BEFORE = st.sampled_from(["", " ", "(", "[", "x: ", "score ", "得分", "、", "，", "合计 "])
AFTER = st.sampled_from(["", " ", ")", "%", "分", ", ", ": ", "。", "，", "；", " points"])


def expected(value: Decimal) -> str:
    """The value as a reader should see it, worked out without report/shown.py."""
    four = value.quantize(_FOUR, rounding=ROUND_HALF_UP)
    if four == value:
        return decimal_text(value)
    if four.is_zero():
        four = abs(four)  # -0.00001 rounds to 0: no "-0.0000"
    return "≈" + format(four, "f")


@given(VALUES)
@example(Decimal("0.00005"))  # half-up: 0.0001
@example(Decimal("-0.00005"))  # half away from zero: -0.0001
@example(Decimal("-0.00004"))  # rounds to zero: 0.0000, without a sign
@example(Decimal("99.99995"))  # carries into the integer part: 100.0000
@example(Decimal("2.50000000"))  # exact at 4 decimals despite its trailing zeros
def test_a_shown_number_is_rounded_half_up_to_4_decimals_and_marked_when_inexact(
    value: Decimal,
) -> None:
    shown = shown_number(value)
    assert shown == expected(value)
    assert shown.startswith("≈") == (value != value.quantize(_FOUR, rounding=ROUND_HALF_UP))


@given(VALUES, BEFORE, AFTER)
def test_a_number_inside_a_text_is_shown_as_the_same_value_alone(
    value: Decimal, before: str, after: str
) -> None:
    text = f"{before}{format(value, 'f')}{after}"
    assert shown_text(text) == f"{before}{expected(value)}{after}"


@given(VALUES)
def test_after_an_equals_sign_the_mark_replaces_it(value: Decimal) -> None:
    shown = expected(value)
    want = f"s ≈ {shown[1:]}" if shown.startswith("≈") else f"s = {shown}"
    assert shown_text(f"s = {format(value, 'f')}") == want


@given(VALUES)
def test_a_band_the_value_is_not_in_does_not_deepen_the_rounding(value: Decimal) -> None:
    # Extra decimals are kept only to keep a value inside the band it was counted in; a
    # band the exact value is outside of says nothing about how to round it.
    band = "[1000000000000000, 2000000000000000)"  # above every value drawn
    assert shown_text(f"{format(value, 'f')} in {band}") == f"{expected(value)} in {band}"


def test_a_value_outside_the_band_after_it_is_rounded_to_4_decimals() -> None:
    # Before the fix, the loop that keeps a score inside its band ran to the last digit
    # when the value was never inside: "≈-0.16777215" instead of "≈-0.1678".
    assert shown_text("-0.16777215 in [0, 100]") == "≈-0.1678 in [0, 100]"
    assert shown_text("s = 89.99996 in [80, 90): x") == "s ≈ 89.99996 in [80, 90): x"


@given(st.decimals(min_value=0, max_value=10**6, places=7, allow_nan=False))
def test_a_tickets_id_is_never_rounded(number: Decimal) -> None:
    # Ticket ids come from the helpdesk: "2024.0912001" is a name the reader searches for.
    ticket = format(number, "f")
    for text in (
        f"ticket {ticket}: respond breached (line 3 → line 9)",
        f"工单 {ticket}：respond 超时 (line 3 → line 9)",
    ):
        assert shown_text(text) == text
