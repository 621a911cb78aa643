"""The day data a replay used, named by digest (issue: reports that survive a new `holidays`).

A report names the ``holidays`` release it ran with, but what its results depend on is the
days: which dates are holidays and which are make-up workdays (调休). Each year's days have a
digest (``ChinaDaySource.year_digest``); two releases that give a year the same digest give
the same results for it.

``SETTLED`` pins the digest of every year whose State Council notice has been published and
whose days can no longer change (2004-2026). If a ``holidays`` release changes one of them, a
past audit would come out differently: this test fails, and the change must be reviewed against
the notice (and corrected in ``daysource.OVERRIDES`` if the package is wrong) before the lock
moves to that release. The digests were computed with the holidays releases 0.108 and 0.109,
which agree.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from slarules.calendar.daysource import ChinaDaySource, DayKind, china_day_source, day_data_digest

SETTLED = {
    2004: "9247b05e4900ee6414922ef1bc922dba5b1862e0c836d9d3163b1ffdc04a7421",
    2005: "195f260bcb2c9436d6afc2c94ab7e16d53b4e6baedf32fb5c910546311ea332e",
    2006: "1f62421b4b1817ebaaffb93955dcc48ea269aee737fde9a72b2f436a0c1697c3",
    2007: "e961a45481f987baae699af3956ebc86452025e48c624d7b65993df87fa273f0",
    2008: "9d1943362351a50f8060a2c0a0ec63995d813cea1fa397ae76bcb62821691c0e",
    2009: "84d3be500f24e70a27a6a88e9480a7bfc8cfae8fd22e90c2a54a442ab350003b",
    2010: "7a0155e375f0c70a47a516fb161883f583ced18e5c5f6085877c9bdb93f82e5e",
    2011: "845257423036a24c1447501ed502df03b07c1a60ba4d5bf64e374faecd8de23b",
    2012: "7c0f62c754c1fd532112e874e01f86de4921a7dfa2f32e89751ba15c183fb244",
    2013: "f2ed4d29032a9483ba51ac3324b599889721f3bdea0d8016a935b4cd48f17e69",
    2014: "b06c6046001c1d4db7698cd5db9e29c1075851cd17f91fadf746cf488de5928a",
    2015: "3743d8df7a9166eae8a37e4a4ae43e5d66f676a42d6aa3246ed79c06e6859697",
    2016: "2ed22bcea71955741fae7c1d1cb0cfd9049b8da8ad079eec0150a09625778373",
    2017: "5952169f934aab7bd7a5b4f8524cecdbe8a3ef6e403a97db0fc5df8606cffe84",
    2018: "a19ae2e5d1db69d3e05e8a38fee2df0dec7a535a86d2337f8237dd54721da0d0",
    2019: "67c788467ff55275bd5b2810c950d8e1aa6c34de9a7604a14c3fc55b4b8811cf",
    2020: "e975274c3c8d1bd7f2fdef67cf26c33c1a381a815c04000b54a7bbfce2b1023e",
    2021: "e291301395a3ec175eabe637b86bb3355223768fdf1eb5332e5bc74fa276de1f",
    2022: "d6c0e4f969469a4c74f05faef6e961b78fca9b868d19da9f4daed3e3195e3563",
    2023: "40b004b3bc688e26ae7357ae8191be77e544c4a16f3aaef155a2f725a6ebcbc6",
    2024: "e19272c5426f88b6e99b024c0dee9a9a8d8b62bb16a206652a480555e31dc59a",
    2025: "d58f1934c75529aefa3977bb9127121d7fab1e179ac1e59145086538d4f32f32",
    2026: "1a294e6aa10992ef4dcf2982e8458e456a79e2fde479d06355362aca7820ada5",
}


@pytest.mark.parametrize("year", sorted(SETTLED))
def test_the_days_of_a_settled_year_never_change(year: int) -> None:
    assert china_day_source().year_digest(year) == SETTLED[year], (
        f"the day data of {year} changed: compare ChinaDaySource.year_text({year}) with the "
        "State Council notice before accepting this holidays release"
    )


def test_year_text_lists_each_special_day_once_in_date_order() -> None:
    # 国务院办公厅关于2026年部分节假日安排的通知: 春节 2月15日至23日放假调休，共9天。
    # 2月14日（周六）、2月28日（周六）上班。
    text = china_day_source().year_text(2026)
    lines = text.splitlines()
    assert lines[0] == "CN 2026 published"
    assert "2026-02-14 makeup" in lines and "2026-02-28 makeup" in lines
    spring = [f"2026-02-{d} holiday" for d in range(15, 24)]
    assert lines[lines.index(spring[0]) : lines.index(spring[-1]) + 1] == spring
    days = [line.split()[0] for line in lines[1:]]
    assert days == sorted(set(days))


def test_the_digest_is_the_sha256_of_the_year_text() -> None:
    source = china_day_source()
    expected = hashlib.sha256(source.year_text(2025).encode("utf-8")).hexdigest()
    assert source.year_digest(2025) == expected


def test_a_changed_day_changes_the_digest() -> None:
    # The digest must see a single moved make-up day: that is the whole point of it.
    moved = ChinaDaySource(overrides={date(2026, 2, 14): DayKind.ORDINARY})
    assert moved.year_digest(2026) != china_day_source().year_digest(2026)
    assert moved.year_digest(2025) == china_day_source().year_digest(2025)


def test_a_provisional_year_says_so_in_its_text() -> None:
    source = china_day_source()
    last_published = max(y for y in range(2001, 2100) if not source.is_provisional(y))
    assert source.year_text(last_published + 1).startswith(f"CN {last_published + 1} provisional")


def test_the_combined_digest_depends_on_every_year_and_its_order_is_fixed() -> None:
    one = day_data_digest({2024: "a", 2025: "b"})
    assert one == day_data_digest({2025: "b", 2024: "a"})
    assert one != day_data_digest({2024: "a", 2025: "c"})
    assert one != day_data_digest({2024: "a"})
