"""Public holidays of other countries (and their subdivisions) from the ``holidays`` package.

China's day source (``daysource.py``) knows make-up workdays (调休) and the State Council's
published years. Other countries have neither: a day is a holiday when the package lists it
as a public holiday of that country (and subdivision: ``DE`` with ``BY``, Bavaria), and
follows the weekly schedule otherwise. A contract that adds days of its own ("Arbejdsdage …
bortset fra 24. december, 31. december og grundlovsdag") lists them with ``extra holidays``.

Provenance works as for China: each year's day data is a canonical text (``DK 2026`` then
one ``YYYY-MM-DD holiday`` line per holiday) whose SHA-256 the report names, so two replays
that agree on the digests used the same days (docs/calendar.md §11).
"""

from __future__ import annotations

import functools
from datetime import date

import holidays

from ..errors import UsageError
from .daysource import ChinaDaySource, DayKind, HolidayDaySource, china_day_source

__all__ = ["COUNTINGS", "CountryDaySource", "country_day_source", "make_day_source", "supported"]

COUNTINGS = ("civil", "plain")
"""How days, workdays and months are counted: ``civil`` (Civil Code of the PRC art. 200-204:
the day of the start not counted, ending 24:00, a last day on a rest day moved to the next
working day) or ``plain`` (the same time of day on the N-th day, working day or
corresponding date: no moving, no rounding to 24:00)."""


def supported(country: str, subdiv: str | None = None) -> str | None:
    """Why ``country`` (and ``subdiv``) cannot be used, or None when they can: the
    ``holidays`` package must know the country and, if given, the subdivision."""
    countries = holidays.list_supported_countries()
    if country not in countries:
        return f"the holidays package has no country {country!r} (ISO 3166 codes: DK, NO, DE…)"
    if subdiv is not None and subdiv not in countries[country]:
        known = ", ".join(countries[country][:12]) or "none"
        return f"{country} has no subdivision {subdiv!r} in the holidays package (it has {known})"
    return None


class CountryDaySource(HolidayDaySource):
    """One country's (and subdivision's) public holidays, one year at a time."""

    def __init__(self, country: str, subdiv: str | None = None) -> None:
        problem = supported(country, subdiv)
        if problem is not None:
            raise UsageError(problem)
        self.country, self.subdiv = country, subdiv
        package = holidays.country_holidays(country, subdiv=subdiv)
        super().__init__(self.code, package.start_year, package.end_year)

    @property
    def code(self) -> str:
        """``DK``, or ``DE-BY`` with a subdivision: how the report names the source."""
        return self.country if self.subdiv is None else f"{self.country}-{self.subdiv}"

    def is_provisional(self, year: int) -> bool:
        """Never: public holidays follow fixed rules, no notice is awaited."""
        return False

    def _year_header(self, year: int) -> str:
        return f"{self.code} {year}"

    def _classify_year(self, year: int) -> dict[date, DayKind]:
        days = holidays.country_holidays(self.country, subdiv=self.subdiv, years=year)
        return {day: DayKind.HOLIDAY for day in sorted(days) if day.year == year}


@functools.cache
def country_day_source(country: str, subdiv: str | None = None) -> CountryDaySource:
    """The shared day source of one country and subdivision (its data never changes)."""
    return CountryDaySource(country, subdiv)


def make_day_source(
    holidays: str | None, subdiv: str | None = None
) -> ChinaDaySource | CountryDaySource | None:
    """China's day source (holidays and 调休), another country's public holidays (and a
    subdivision's: ``DE`` with ``BY``), or None."""
    if holidays is None:
        if subdiv is not None:
            raise UsageError(f"subdivision {subdiv!r} without a country's holidays")
        return None
    if holidays == "CN" and subdiv is None:
        return china_day_source()
    return country_day_source(holidays, subdiv)
