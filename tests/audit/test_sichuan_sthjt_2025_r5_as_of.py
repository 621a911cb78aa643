"""Audit R5, sichuan-sthjt-2025: the 服务年 reported as of its end while an inspection report
of its last days is not yet due.

"每次巡检报告在巡检后3个工作日内提交电子版" (5.2 (2)); "未按时提交每次扣2分" (过程文档). An
inspection on Friday 2026-05-29 makes a report due 3 工作日 later — Jun 1, 2, 3 → 2026-06-03
24:00, after the term (2026-05-31): it counts in the last quarter and in the year (rule
file). As of 2026-06-01 00:00 the year has ended, but the report can still be late and cost
2 points, which can move 最终得分 across 85 ("考评分值达到85分及以上…退还履约保函"). The
contract states no money, so the year's payment has no terms; the text report must still say
that the year is not settled. Before R5 it said nothing. Worked by hand; nothing copied from
slarules' output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _text(kit: Any, tmp_path: Path, events: list[dict[str, Any]], as_of: str, lang: str) -> str:
    log = tmp_path / "events.jsonl"
    log.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    out = tmp_path / f"report.{lang}.txt"
    rules = str(ROOT / "rulesets" / "sichuan-sthjt-2025.sla")
    args = ["replay", rules, str(log), "--as-of", kit.at(as_of), "--lang", lang, "--out", str(out)]
    assert main(args) == 0
    return out.read_text("utf-8")


def _year_payment(text: str) -> str:
    lines = text.splitlines()
    start = next(
        i for i, x in enumerate(lines) if x.startswith(("Period 服务年:1", "周期 服务年:1"))
    )
    return next(x for x in lines[start:] if x.startswith(("  payment:", "  付款：")))


def test_an_inspection_report_not_yet_due_keeps_the_ended_year_open(
    kit: Any, tmp_path: Path
) -> None:
    events = [
        kit.ev("2025-06-20 10:00", "delivered", deliverable="工作交接"),
        kit.ev("2026-05-29 10:00", "milestone", name="inspected"),
    ]
    en = _year_payment(_text(kit, tmp_path, events, "2026-06-01 00:00", "en"))
    assert "the period has ended, but what it counts is still open: 巡检报告" in en
    assert "2026-06-03 24:00: outstanding" in en
    zh = _year_payment(_text(kit, tmp_path, events, "2026-06-01 00:00", "zh"))
    assert "本期已结束，但计入本期的事项仍未了结：巡检报告" in zh

    # Delivered on 2026-06-02, in time: nothing is open any more.
    done = [*events, kit.ev("2026-06-02 09:00", "delivered", deliverable="巡检报告")]
    settled = _year_payment(_text(kit, tmp_path, done, "2026-06-05 00:00", "en"))
    assert "still open" not in settled
