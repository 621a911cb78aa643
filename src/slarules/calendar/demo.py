"""Print sample ticket deadlines across Spring Festival and National Day 2026.

Run ``python -m slarules.calendar_demo``.  Each ticket gets two deadlines: on an office
calendar (``mon-fri 09:00-12:00,13:30-17:30`` with China's holidays and make-up workdays) and
on a 24×7 calendar, which holidays do not stop.  The table shows the make-up Saturdays
(2026-02-14, 02-28, 10-10) at work: a Friday-afternoon ticket is due on Saturday, not after
the festival.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from slarules.calendar import Calendar

OFFICE_HOURS = "mon-fri 09:00-12:00,13:30-17:30"
SHANGHAI = ZoneInfo("Asia/Shanghai")

SAMPLE_TICKETS: tuple[tuple[datetime, timedelta], ...] = tuple(
    (datetime(*opened, tzinfo=SHANGHAI), timedelta(minutes=minutes))
    for opened, minutes in (
        ((2026, 2, 13, 16, 0), 120),  # Friday before the festival; Sat 02-14 is worked
        ((2026, 2, 13, 16, 0), 480),
        ((2026, 2, 14, 11, 0), 240),  # on the make-up Saturday itself
        ((2026, 2, 17, 10, 0), 60),  # 春节: the clock starts on Tue 02-24
        ((2026, 2, 27, 17, 0), 120),  # into the make-up Saturday 02-28
        ((2026, 9, 30, 15, 0), 240),  # eve of National Day
        ((2026, 10, 3, 9, 0), 30),  # 国庆节: the clock starts on Thu 10-08
        ((2026, 10, 9, 16, 0), 120),  # into the make-up Saturday 10-10
    )
)


def _stamp(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %a %H:%M")


def _duration(d: timedelta) -> str:
    minutes = d // timedelta(minutes=1)
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes % 60 else f"{minutes // 60}h"


def deadline_rows(office: Calendar, round_the_clock: Calendar) -> list[tuple[str, str, str, str]]:
    """(opened, duration, office deadline, 24×7 deadline) for each sample ticket."""
    return [
        (
            _stamp(opened),
            _duration(duration),
            _stamp(office.add(opened, duration)),
            _stamp(round_the_clock.add(opened, duration)),
        )
        for opened, duration in SAMPLE_TICKETS
    ]


def render() -> str:
    """The demo table as text."""
    office, round_the_clock = Calendar(OFFICE_HOURS), Calendar("24x7")
    header = ("opened (Asia/Shanghai)", "duration", f"deadline on '{OFFICE_HOURS}' CN", "24x7")
    rows = [header, *deadline_rows(office, round_the_clock)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    provisional = office.provisional_years(date(2026, 1, 1), date(2027, 12, 31))
    lines.append("")
    lines.append(
        f"holiday data: {office.data_source}; provisional years in 2026-2027: {provisional}"
    )
    return "\n".join(lines)


def main() -> None:
    """Print the demo table."""
    print(render())


if __name__ == "__main__":
    main()
