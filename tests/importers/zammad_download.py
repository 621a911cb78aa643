"""A Zammad ticket report download, made by hand in Zammad's layout, for the import tests
(tests/importers/test_zammad_chinese_footer.py, tests/hostile/test_hostile_import_r4.py).

The columns are those of Zammad's ticket report (lib/excel_sheet/ticket.rb), as written by
lib/excel_sheet.rb: the title in row 1, the header in row 3, a ticket per row, then a blank
row and the footer ``Timezone: <zone>`` in column A, its word in the language of the person
who downloads (``時區: Asia/Shanghai`` in Chinese).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

ZAMMAD_COLUMNS = [
    "#", "Title", "State", "Priority", "Group", "Owner", "Customer", "Organization",
    "Create Channel", "Sender", "Tags", "Time Units Total", "Created At", "Updated At",
    "Closed At", "Close Escalation At", "Close In Min", "Close Diff In Min",
    "First Response At",
]  # fmt: skip


def zammad_download(tmp_path: Path, footer: str = "Timezone: Asia/Shanghai") -> Path:
    """One ticket, 31001 (3 high): opened 09:00 on 10 September 2024, first response
    09:20, closed 15:30; then a blank row and ``footer`` (row 6)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024-09"])
    sheet.append([])
    sheet.append(ZAMMAD_COLUMNS)
    opened = datetime(2024, 9, 10, 9)
    sheet.append(
        ["31001", "登录缓慢", "closed", "3 high", "运维一组", "王工", "刘科长", "指挥中心",
         "email", "Customer", None, 0, opened, datetime(2024, 9, 10, 16),
         datetime(2024, 9, 10, 15, 30), None, 390, None, datetime(2024, 9, 10, 9, 20)]
    )  # fmt: skip
    sheet.append([])
    sheet.append([footer])
    path = tmp_path / "zammad.xlsx"
    book.save(path)
    return path
