"""The demo table: a smoke test that it renders the hand-checked Spring Festival rows."""

from slarules.calendar.demo import render


def test_demo_shows_the_makeup_saturday() -> None:
    lines = render().splitlines()
    # Fri 16:00 + 2h: 1h30 on Friday, 30 min on the make-up Saturday 02-14.
    assert lines[2].split("  ")[0] == "2026-02-13 Fri 16:00"
    assert "2026-02-14 Sat 09:30" in lines[2]
    assert "2026-02-13 Fri 18:00" in lines[2]
    assert lines[-1].startswith("holiday data: holidays ")
