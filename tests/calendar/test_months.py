"""Month arithmetic (Civil Code art. 202) against dateutil's ``relativedelta`` as oracle.

Art. 202: a period of months ends on the corresponding date of the last month, or on that
month's last day when there is no corresponding date. ``relativedelta(months=n)`` clips to
the month's last day in the same way, so it is an independent implementation to compare
with (python-dateutil comes with ``holidays``; it is not a runtime dependency of ours).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slarules.calendar.months import add_months_to_date, cycle_boundary, shift_month

relativedelta = pytest.importorskip("dateutil.relativedelta").relativedelta

DAYS = st.dates(min_value=date(1970, 1, 1), max_value=date(2199, 1, 31))
MONTHS = st.integers(min_value=0, max_value=240)


@given(DAYS, MONTHS)
def test_add_months_to_date_is_relativedelta(day: date, months: int) -> None:
    assert add_months_to_date(day, months) == day + relativedelta(months=months)


@given(DAYS, MONTHS)
def test_cycle_boundary_is_the_day_after_the_period(day: date, months: int) -> None:
    end = day + relativedelta(months=months)
    expected = end if end.day == day.day else end + timedelta(days=1)
    assert cycle_boundary(day, months) == expected


@given(DAYS, MONTHS)
def test_shift_month_is_the_first_of_the_month(day: date, months: int) -> None:
    assert shift_month(day, months) == day.replace(day=1) + relativedelta(months=months)


def test_worked_examples() -> None:
    # Art. 202: 31 January + 1 month has no corresponding date; February's last day ends it.
    assert add_months_to_date(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months_to_date(date(2024, 1, 31), 1) == date(2024, 2, 29)  # leap year
    assert add_months_to_date(date(2025, 12, 15), 12) == date(2026, 12, 15)
    # A cycle from 31 January: the next starts on 1 March (the day after 28 February).
    assert cycle_boundary(date(2026, 1, 31), 1) == date(2026, 3, 1)
    assert cycle_boundary(date(2026, 1, 15), 1) == date(2026, 2, 15)
    # Counted from the anchor, never chained: the third boundary is 31 March, not 28th.
    assert cycle_boundary(date(2026, 1, 31), 2) == date(2026, 3, 31)
