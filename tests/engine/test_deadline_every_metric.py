"""``slarules deadline`` lists every metric of the tier (issue 13; SPEC §6 extended).

Metrics that start at ``opened`` keep their line (``respond  2026-…``); a metric that starts at
another event shows its target and that event, or its deadline when ``--from EVENT=TS`` gives
the event's time; ``when EVENT`` targets and agreed targets are shown as conditional. Every
expected time is worked out by hand from the clause quoted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCJG = str(ROOT / "rulesets" / "fujian-scjg-2023.sla")
GXT = str(ROOT / "rulesets" / "fujian-gxt-2026.sla")
SLT = str(ROOT / "rulesets" / "fujian-slt-2024.sla")
AT = "2026-02-13T16:00:00+08:00"  # Friday before the 2026 Spring Festival


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["deadline", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_metric_from_another_event_shows_its_target_and_event(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # fujian-scjg: "运维服务商应在30分钟内响应" (服务时间 mon-fri 08:00-12:00,14:30-17:30):
    # 16:00 + 30 min = 16:30. "1个工作日内…解决故障": the day of the report is not counted; the
    # next working day is Saturday 02-14 (调休 make-up day), ending 24:00 → 02-15 00:00.
    # "故障处理结束后2个工作日内，提交《故障报告》": it counts from `resolved`, not yet known.
    code, out, _ = run(capsys, SCJG, "--sla", "故障", "--tier", "故障", "--at", AT)
    assert code == 0
    assert out == (
        "故障 / 故障, opened 2026-02-13T16:00:00+08:00\n"
        "  respond  2026-02-13T16:30:00+08:00\n"
        "  resolve  2026-02-15T00:00:00+08:00\n"
        "  report   2 workdays from resolved\n"
    )


def test_from_gives_the_start_event_its_time(capsys: pytest.CaptureFixture[str]) -> None:
    # Resolved Friday 02-13 17:00; 2 workdays: Saturday 02-14 (make-up day) is the first,
    # Sunday 15 to Monday 23 are the Spring Festival, Tuesday 02-24 the second → 24:00.
    argv = [SCJG, "--sla", "故障", "--tier", "故障", "--at", AT]
    code, out, _ = run(capsys, *argv, "--from", "resolved=2026-02-13T09:00:00Z")
    assert code == 0
    assert out.splitlines()[-1] == (
        "  report   2026-02-25T00:00:00+08:00 (from resolved 2026-02-13T17:00:00+08:00)"
    )
    code, out, _ = run(
        capsys, *argv, "--from", "resolved=2026-02-13T17:00:00+08:00", "--format", "json"
    )
    payload = json.loads(out)
    assert payload["deadlines"]["report"] == "2026-02-25T00:00:00+08:00"
    report = payload["metrics"][2]
    assert (report["from"], report["target"], report["owed"]) == ("resolved", "2 workdays", "owed")


def test_when_and_agreed_targets_are_conditional(capsys: pytest.CaptureFixture[str]) -> None:
    # fujian-gxt 灾难性: "如现场服务人员无法解决，须指派工程师在3小时内到达故障现场" →
    # `engineer_arrive 3小时 when escalated` on 24x7: 16:00 + 3 h = 19:00, owed only once
    # the ticket is escalated.
    code, out, _ = run(capsys, GXT, "--sla", "故障", "--tier", "灾难性", "--at", AT)
    assert code == 0
    assert "  engineer_arrive  2026-02-13T19:00:00+08:00, owed only when escalated\n" in out
    # fujian-slt 轻微 "按需": `respond agreed restore agreed` — nothing owed until agreed.
    code, out, _ = run(capsys, SLT, "--sla", "故障", "--tier", "轻微", "--at", AT)
    assert out.splitlines()[1:] == [
        "  respond  only what is agreed for the ticket",
        "  restore  only what is agreed for the ticket",
    ]
    # 一般: "8小时内（具体要视问题解决的难易程度…定）" → `restore 8小时 or agreed`, on 24x7:
    # 16:00 + 8 h = 24:00.
    code, out, _ = run(capsys, SLT, "--sla", "故障", "--tier", "一般", "--at", AT)
    assert "  restore  2026-02-14T00:00:00+08:00, or as agreed for the ticket\n" in out


@pytest.mark.parametrize(
    "given, message",
    [
        ("resolved", "write EVENT=TS"),
        ("opened=2026-02-13T16:00:00+08:00", "the ticket's opening time is --at"),
        ("restored=2026-02-13T16:00:00+08:00", "metrics start at: resolved"),
        ("resolved=2026-02-13 16:00", "has no UTC offset"),
    ],
)
def test_bad_from_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], given: str, message: str
) -> None:
    code, _, err = run(capsys, SCJG, "--sla", "故障", "--tier", "故障", "--at", AT, "--from", given)
    assert code == 2
    assert message in err
