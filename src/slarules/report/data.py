"""What a replay read, the ``inputs`` of a report: the rule file and event log with their
SHA-256 digests, and the holiday data the calendars used (see :mod:`slarules.report.document`).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from attrs import frozen

from ..calendar.daysource import day_data_digest
from ..version import __version__


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@frozen
class CalendarData:
    """Which holiday data the calendars used, and which years it only estimates."""

    # "CN" (China's statutory holidays and 调休), another country's code ("DK", "DE-BY"),
    # several joined by ", " ("CN, DK"), or "none"
    source: str
    version: str | None  # e.g. "holidays 0.109"
    provisional_years: tuple[int, ...] = ()
    year_digests: tuple[tuple[int, str], ...] = ()
    """(year, SHA-256 of that year's day data) for every year the report covers."""

    @property
    def digest(self) -> str | None:
        """One SHA-256 over :attr:`year_digests`; None when no day data was used."""
        return day_data_digest(dict(self.year_digests)) if self.year_digests else None


@frozen
class ReportInputs:
    """What the replay read. ``calendar_data`` is filled in by ``build_report`` when None."""

    ruleset_path: str
    ruleset_sha256: str
    events_path: str | None
    events_sha256: str | None
    event_count: int
    as_of: datetime
    version: str
    calendar_data: CalendarData | None = None

    @classmethod
    def from_sources(
        cls,
        ruleset_path: str,
        ruleset_source: str | bytes,
        events_path: str | None,
        events_data: bytes | None,
        event_count: int,
        as_of: datetime,
    ) -> ReportInputs:
        """Inputs with their SHA-256 digests computed from the bytes read."""
        rules = (
            ruleset_source.encode("utf-8") if isinstance(ruleset_source, str) else ruleset_source
        )
        return cls(
            ruleset_path,
            sha256_hex(rules),
            events_path,
            sha256_hex(events_data) if events_data is not None else None,
            event_count,
            as_of,
            __version__,
        )
