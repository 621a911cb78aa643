"""docs/api.md's live-status example is docs/examples/live_status.py, and it runs: its
output is the one the page shows (the Chinese page shows the same code and output)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "examples" / "live_status.py"


def blocks(page: str, lang: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def script_body() -> str:
    """The script without its docstring (the page explains it in prose)."""
    text = SCRIPT.read_text(encoding="utf-8")
    return text.split('"""', 2)[2].lstrip("\n")


def test_the_pages_show_the_script() -> None:
    for page in ("api.md", "api.zh.md"):
        assert script_body() in blocks(page, "python"), page


def test_the_script_prints_what_the_pages_show() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for page in ("api.md", "api.zh.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert f"```\n{run.stdout}```" in text, page
    # 31005 (2级: resolve 8小时, on a 24-hour calendar) opened 2024-09-25 08:00, due 16:00;
    # at 14:00 6 of 8 hours are used: 75%, at risk at the caller's 75%.
    row = r"31005\s+2级 resolve 2024-09-25 16:00:00\+08:00 0 days 02:00:00\s+75.00\s+True"
    assert re.search(row, run.stdout)
