"""A Zammad ticket report downloaded by someone whose language is Chinese.

Zammad's lib/excel_sheet.rb writes, two rows under the last ticket,
``"#{Translation.translate(@locale, 'Timezone')}: #{@timezone}"``: the word is translated
(its column headers are not). Zammad's i18n/zammad.zh-cn.po translates ``msgid "Timezone"``
(used in ``lib/excel_sheet.rb``) as ``msgstr "時區"``, so the footer reads
``時區: Asia/Shanghai``. The shipped mapping skipped only the English footer, and reported the
Chinese one as a row problem (a "ticket" with no opening time), which stopped the import.
The exports are made by hand in that layout (``zammad_download``, shared with the
hostile import tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from slarules.importers import EventImportError, import_events

from .zammad_download import zammad_download

COLUMNS = ["#", "Title", "State", "Priority", "Created At", "Closed At", "First Response At"]


@pytest.mark.parametrize("word", ["時區", "时区"])
def test_the_chinese_footer_of_the_mappings_zone_is_skipped(tmp_path: Path, word: str) -> None:
    result = import_events(zammad_download(tmp_path, f"{word}: Asia/Shanghai"), "zammad")
    # Ticket 31001 (3 high → 2级): opened 09:00, responded 09:20, closed 15:30 (= resolved),
    # written in Asia/Shanghai wall time (+08:00); the footer is the one row skipped.
    assert [(e["type"], e["at"]) for e in result.events] == [
        ("opened", "2024-09-10T09:00:00+08:00"),
        ("responded", "2024-09-10T09:20:00+08:00"),
        ("resolved", "2024-09-10T15:30:00+08:00"),
        ("closed", "2024-09-10T15:30:00+08:00"),
    ]
    assert (result.rows, result.skipped) == (2, 1)


def test_a_chinese_footer_of_another_zone_is_still_reported(tmp_path: Path) -> None:
    with pytest.raises(EventImportError) as caught:
        import_events(zammad_download(tmp_path, "時區: Europe/Berlin"), "zammad")
    assert {p.row for p in caught.value.problems} == {6}  # the footer row, named


def test_the_chinese_download_saved_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "zammad.csv"
    lines = [
        "2024-09,,,,,,",
        ",,,,,,",
        ",".join(COLUMNS),
        "31001,登录缓慢,closed,3 high,2024/9/10 9:00,2024/9/10 15:30,2024/9/10 9:20",
        ",,,,,,",
        "時區: Asia/Shanghai,,,,,,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_events(path, "zammad")
    assert [e["x-source"] for e in result.events] == ["zammad.csv row 4"] * 4
    assert result.skipped == 1
