"""The shipped sample exports, imported with the shipped mappings and replayed against the
reference rulesets they were written for. Every expected status and score is worked out by
hand below from the contract clause the rule file cites, not read from slarules' output."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.cli import main
from slarules.importers import import_events

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "rulesets" / "samples" / "exports"


def _replay(rules: str, export: str, mapping: str) -> dict[str, Any]:
    ruleset = slarules.load(ROOT / "rulesets" / rules)
    events = import_events(EXPORTS / export, mapping).events
    report: dict[str, Any] = json.loads(ruleset.replay(events).to_json())
    return report


def _targets(report: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {
        t["ticket"]: {x["metric"]: x["status"] for x in t["targets"]} for t in report["tickets"]
    }


def _score(report: dict[str, Any], scorecard: str, item: str) -> str:
    period = report["periods"][0]
    card = next(c for c in period["scorecards"] if c["name"] == scorecard)
    # A scorecard assessed by several assessors lists one sheet each; the first is used.
    items = card["items"] if card.get("items") else card["assessor"][0]["items"]
    return str(next(i for i in items if i["name"] == item)["score"])


def test_zammad_export_against_guangxi() -> None:
    # guangxi-gat-2024 六(二), all on the 7×24 calendar ("提供7×24小时技术支持服务"):
    #   "2级…30分钟内响应 … 8小时内采取相应解决方案"; "3级…45分钟内响应 … 24小时内";
    #   "4级…60分钟内响应 … 48小时内"; "须在故障排除后3天内提交《故障处理及分析报告》".
    # zammad.toml: 3 high → 2级, 2 normal → 3级, 1 low → 4级; Closed At → resolved.
    # 31001 2级 09:00 → responded 09:20 (20 min ≤ 30) met; resolved 15:30 (6h30 ≤ 8h) met;
    #       report 9/11 (within 3 days of 9/10) met.
    # 31002 3级 9/12 22:00 → 23:00 (60 min > 45) BREACHED; resolved 9/13 18:00 (20h ≤ 24h)
    #       met; report 9/14 met.
    # 31003 4级 9/20 10:00 → 10:30 (30 ≤ 60) met; resolved 9/23 12:00 (74h > 48h)
    #       BREACHED; report 9/24 met.
    # 31004 is "merged": left out by the mapping's skip rule.
    # 31005 2级 responded after 10 min: met; still open, so its resolve clock runs, and the
    #       report (counted from the resolution) is not owed yet.
    report = _replay("guangxi-gat-2024.sla", "guangxi-gat-2024.zammad.csv", "zammad")
    assert _targets(report) == {
        "31001": {"respond": "met", "resolve": "met", "report": "met"},
        "31002": {"respond": "breached", "resolve": "met", "report": "met"},
        "31003": {"respond": "met", "resolve": "breached", "report": "met"},
        "31005": {"respond": "met", "resolve": "running", "report": "not_applicable"},
    }
    # 表1 故障响应 (max 20): "不能…及时提供电话应急支持…每发生一次，扣2分" (31002) and
    # "不能在规定时间内恢复正常运行，每发生一次，扣2分" (31003): 20 - 2 - 2 = 16.
    assert _score(report, "监理评分", "故障响应") == "16"


def test_glpi_export_against_fujian_slt() -> None:
    # fujian-slt-2024 二、服务响应要求, 7×24: 紧急 "响应时间 10分钟 … 恢复时间 4小时";
    # 一般 "30分钟 … 8小时内". glpi.toml: Major / Very high → 紧急, High / Medium → 一般;
    # "Take into account date" → responded, "Resolution date" → restored.
    # 101 紧急 09:00 → 09:08 (8 min) met; restored 12:30 (3h30 ≤ 4h) met.
    # 102 一般 14:00 → 14:45 (45 min > 30) BREACHED; restored 20:00 (6h) met.
    # 103 一般 10:00 → 10:20 met; restored 19:30 (9h30 > 8h) BREACHED.
    # 104 紧急 08:00 → 08:15 (15 min > 10) BREACHED; restored 11:00 (3h) met.
    report = _replay("fujian-slt-2024.sla", "fujian-slt-2024.glpi.csv", "glpi")
    assert _targets(report) == {
        "101": {"respond": "met", "restore": "met"},
        "102": {"respond": "breached", "restore": "met"},
        "103": {"respond": "met", "restore": "breached"},
        "104": {"respond": "breached", "restore": "met"},
    }
    # 故障响应与解决时间 (max 10): "紧急故障扣1分，一般故障扣0.5分" per breached ticket:
    # 104 (1) + 102 (0.5) + 103 (0.5) = 2, so 10 - 2 = 8.
    assert _score(report, "运维工作考核", "故障响应与解决时间") == "8"


def test_generic_export_against_fujian_slt() -> None:
    # G1 一般: responded after 20 min (≤ 30) met. Restore "8小时内（具体要视…限制条件定）":
    # 10:00 → 19:00 is 9h, less the 2h paused waiting for the purchaser (11:00-13:00),
    # which the 一般 tier's `pause restore` leaves out: 7h ≤ 8h, met.
    # 考勤 (max 10): "无故迟到、早退，每人每次扣1分", count 2 (张三、李四): 10 - 2 = 8.
    report = _replay("fujian-slt-2024.sla", "fujian-slt-2024.generic.csv", "generic")
    assert _targets(report) == {"G1": {"respond": "met", "restore": "met"}}
    assert _score(report, "运维工作考核", "考勤") == "8"


def test_replay_with_mapping_is_import_then_replay(tmp_path: Path, capsys: Any) -> None:
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    export = str(EXPORTS / "guangxi-gat-2024.zammad.csv")
    assert main(["replay", rules, export, "--mapping", "zammad", "--format", "json"]) == 0
    direct = json.loads(capsys.readouterr().out)
    log = tmp_path / "events.jsonl"
    assert main(["import", export, "--mapping", "zammad", "--out", str(log)]) == 0
    assert main(["replay", rules, str(log), "--format", "json"]) == 0
    via_file = json.loads(capsys.readouterr().out)
    # The same results; only the citations differ: the replay of the export cites each
    # event by the export row it came from ("row 3"), the replay of the log by its line
    # ("line 6"), and that line's x-source names the same row ("….csv row 3").
    assert _targets(direct) == _targets(via_file)
    lines = log.read_text(encoding="utf-8").splitlines()
    row_of_line = {k: json.loads(text)["x-source"].rpartition(" row ")[2] for k, text in
                   enumerate(lines, start=1)}  # fmt: skip
    as_rows = re.sub(
        r"\bline (\d+)",
        lambda m: f"row {row_of_line[int(m.group(1))]}",
        json.dumps(via_file["periods"], ensure_ascii=False),
    )
    assert json.dumps(direct["periods"], ensure_ascii=False) == as_rows
    assert "row 3" in as_rows  # ticket 31002, the export's third row, is cited
    # The report names the export and gives its digest (what `sha256sum` of it prints).
    assert direct["inputs"]["events"] == {
        "path": "guangxi-gat-2024.zammad.csv",
        "sha256": hashlib.sha256(Path(export).read_bytes()).hexdigest(),
    }


def test_live_status_from_dataframe_rows_needs_only_the_mapping() -> None:
    # A helpdesk developer's loop: rows of a DataFrame (numpy ids, pandas timestamps) through
    # the Zammad mapping into a live tracker. guangxi-gat-2024 "2级…30分钟内响应 … 8小时内":
    # ticket 9 (3 high → 2级) opened 09:00 and answered 09:10 → respond met; not closed, so
    # at 12:00 its resolve clock runs, due 17:00, with 5 hours left on the 7×24 calendar.
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "#": pd.Series([9], dtype="int64"),
            "Title": ["VPN 无法连接"],
            "State": ["open"],
            "Priority": ["3 high"],
            "Created At": pd.to_datetime(["2024-09-10 09:00"]),
            "First Response At": pd.to_datetime(["2024-09-10 09:10"]),
            "Closed At": [pd.NaT],
        }
    )
    tracker = slarules.load(ROOT / "rulesets" / "guangxi-gat-2024.sla").tracker()
    for event in import_events(frame.to_dict("records"), "zammad").events:
        tracker.feed(event)
    status = tracker.status("9", at="2024-09-10T12:00:00+08:00")
    assert status.metric("respond").state == "met"
    resolve = status.metric("resolve")
    assert resolve.state == "running"
    assert resolve.deadline == datetime(2024, 9, 10, 17, tzinfo=timezone(timedelta(hours=8)))
    assert resolve.remaining == timedelta(hours=5)
