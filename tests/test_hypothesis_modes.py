"""The two example counts of the properties (tests/conftest.py, ``hypothesis_mode``): `make
test` runs each property's ``fast`` count, `make test-slow` its ``thorough`` one, the count its
``@settings`` names. Each property below is left as it is (nothing to check in its examples);
the tests read the settings hypothesis will run it with, once this run's mode has applied."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=40, deadline=None)
@given(st.integers())
def test_a_property_of_forty_examples(number: int) -> None:
    assert isinstance(number, int)


@settings(max_examples=400, deadline=None)
@given(st.integers())
def test_a_property_of_four_hundred_examples(number: int) -> None:
    assert isinstance(number, int)


@settings(max_examples=6, deadline=None)
@given(st.integers())
def test_a_property_of_six_examples(number: int) -> None:
    assert isinstance(number, int)


@given(st.integers())
def test_a_property_naming_no_count(number: int) -> None:
    assert isinstance(number, int)


@pytest.mark.full_examples
@settings(max_examples=40, deadline=None)
@given(st.integers())
def test_a_property_of_forty_examples_in_full(number: int) -> None:
    assert isinstance(number, int)


def test_the_fast_mode_runs_a_quarter_of_each_property_and_at_least_ten(
    hypothesis_examples_mode: str,
) -> None:
    # fast: 40 / 4 = 10; 400 / 4 = 100; 6 is under the floor of 10, so all 6; hypothesis's
    # default of 100 / 4 = 25; ``full_examples``: its 40. thorough: the counts as written
    # (100 where none is).
    expected = {
        "fast": (10, 100, 6, 25, 40),
        "thorough": (40, 400, 6, 100, 40),
    }[hypothesis_examples_mode]
    properties = (
        test_a_property_of_forty_examples,
        test_a_property_of_four_hundred_examples,
        test_a_property_of_six_examples,
        test_a_property_naming_no_count,
        test_a_property_of_forty_examples_in_full,
    )
    counts = tuple(p._hypothesis_internal_use_settings.max_examples for p in properties)  # type: ignore[attr-defined]
    assert counts == expected


def test_the_fast_mode_draws_the_same_examples_on_every_run(hypothesis_examples_mode: str) -> None:
    # fast (make test, CI): derandomized, so a red run is a change, not a draw; thorough
    # (make test-slow): a fresh draw each time, the mode that explores.
    expected = hypothesis_examples_mode == "fast"
    properties = (test_a_property_of_forty_examples, test_a_property_of_forty_examples_in_full)
    assert all(
        p._hypothesis_internal_use_settings.derandomize is expected  # type: ignore[attr-defined]
        for p in properties
    )
