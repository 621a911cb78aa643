"""Measures in ``slarules diff`` and in ``replay --summary`` (docs/language.md §9).

The rule file grades "年故障时间应该小于24小时" each quarter on the downtime of a rolling window;
the second version shortens the window from 12 to 6 months. Worked by hand (7×24 calendar,
Asia/Shanghai; the term starts 2025-06-01, quarters Jun–Aug, Sep–Nov, Dec–Feb):
- F1 2025-07-10 10:00 → 20:00: 10 h; F2 2025-08-31 22:00 → 09-01 06:00: 8 h (2 h in Q1,
  6 h in Q2); F3 10-05 08:00 → 16:00 and F4 10-05 12:00 → 18:00: down 08:00–18:00, 10 h.
- 12 months (the term so far in every quarter here): Q1 10 + 2 = 12 h; Q2 and Q3
  10 + 8 + 10 = 28 h.
- 6 months: Q1 and Q2 reach back before the term, so they cover the term so far like the
  12 months (12 h, 28 h); Q3's window is 2025-09-01 – 2026-02-28: F2's 6 h after midnight
  + 10 h = 16 h, under 24 h: the item gives 6 instead of 0 and the flag falls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from slarules.cli import main

RULES = """
ruleset "年故障" { timezone "Asia/Shanghai" }
param start: date = 2025-06-01
calendar 全天 { hours "24x7" days CN }
period 服务季度 = cycle 3 months from start for 4
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 1h }
}
measure 年故障时间 per 服务季度 rolling 12 months = downtime(故障.restore)
measure 总故障数 per 服务季度 rolling 12 months = count(故障)
measure 可用率 per 服务季度 = availability(故障.restore)
flag 超标 when 年故障时间 >= 24h
scorecard 考核 per 服务季度 max 6 {
  item 年故障 max 6 {
    points by 年故障时间 { [0h, 24h) -> 6  [24h, inf) -> 0 }
  }
}
"""


def fault(tid: str, opened: str, restored: str) -> list[str]:
    first = f'{{"at": "{opened}+08:00", "type": "opened", "ticket": "{tid}", "sla": "故障", '
    first += '"tier": "一般"}'
    return [first, f'{{"at": "{restored}+08:00", "type": "restored", "ticket": "{tid}"}}']


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Any]:
    a = tmp_path / "a.sla"
    a.write_text(RULES, encoding="utf-8")
    b = tmp_path / "b.sla"
    b.write_text(RULES.replace("rolling 12 months = downtime", "rolling 6 months = downtime"))
    events = tmp_path / "events.jsonl"
    lines = [
        *fault("F1", "2025-07-10T10:00:00", "2025-07-10T20:00:00"),
        *fault("F2", "2025-08-31T22:00:00", "2025-09-01T06:00:00"),
        *fault("F3", "2025-10-05T08:00:00", "2025-10-05T16:00:00"),
        *fault("F4", "2025-10-05T12:00:00", "2025-10-05T18:00:00"),
    ]
    lines.sort()
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"a": str(a), "b": str(b), "events": str(events)}


AS_OF = ["--as-of", "2025-12-15T00:00:00+08:00"]


def test_diff_lists_a_measure_whose_value_changes(
    files: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", files["a"], files["b"], files["events"], *AS_OF]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  服务季度:3 / 年故障时间: measure PT28H → PT16H" in lines
    assert "  服务季度:3 / 考核: score 0 → 6" in lines
    # Q1 and Q2 keep 12 h and 28 h: no measure line for them; the counts and availability
    # (unchanged rules) never show.
    assert not any("服务季度:1 / 年故障时间" in x or "服务季度:2 / 年故障时间" in x for x in lines)
    assert not any("总故障数" in x or "可用率" in x for x in lines)


def test_summary_shows_each_periods_measures_in_one_line(
    files: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", files["a"], files["events"], *AS_OF, "--summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Measures")
    # 可用率: Q1 92 days = 2208 h, down 12 h → 2196/2208 = 99.4565…% → 99.46%; Q2 91 days
    # = 2184 h, down 16 h → 2168/2184 = 99.2673…% → 99.27%; Q3 so far: nothing down, 100%.
    # 总故障数 counts tickets opened in the window: Q1 2, Q2 and Q3 4.
    # The 12-month windows of Q1–Q3 reach back before the term's start (2025-06-01): each
    # value is over the term so far, and says so (language.md §9, "A window that reaches
    # before the term"); 可用率 is over the quarter itself, no rolling window.
    so_far = " (term so far)"
    assert lines[start + 1 : start + 4] == [
        f"  服务季度:1: 年故障时间 PT12H{so_far}; 总故障数 2{so_far}; 可用率 99.46%",
        f"  服务季度:2: 年故障时间 PT28H{so_far}; 总故障数 4{so_far}; 可用率 99.27%",
        f"  服务季度:3: 年故障时间 PT28H{so_far}; 总故障数 4{so_far}; 可用率 100%",
    ]
