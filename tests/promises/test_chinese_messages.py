"""Promise (docs/i18n.md): ``--lang zh`` speaks Chinese in diagnostics, and ``--format json``
stays English. Found by this test: ``slarules --lang zh check DIR`` said
``无法读取文件：它是a directory``: the word for a directory was never marked for
translation (the one for a pipe was)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .support import SLT, SLT_EVENTS, ZAMMAD_CSV, Run

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def unreadable(tmp_path: Path) -> dict[str, Path]:
    """A directory, a FIFO and a file over the 2 MB limit, each given as a rule file."""
    folder = tmp_path / "rules.sla"
    folder.mkdir()
    fifo = tmp_path / "pipe.sla"
    os.mkfifo(fifo)
    large = tmp_path / "large.sla"
    large.write_bytes(b"#" * 2_000_001)
    return {"directory": folder, "fifo": fifo, "large": large}


@pytest.mark.parametrize("kind", ["directory", "fifo", "large"])
def test_a_file_that_cannot_be_read_is_said_in_chinese(
    slarules: Run, unreadable: dict[str, Path], kind: str
) -> None:
    path = unreadable[kind]
    done = slarules("--lang", "zh", "check", path)
    assert done.returncode == 1
    first = done.stdout.decode("utf-8").splitlines()[0]
    message = first.removeprefix(f"{path}:1:1: ").rsplit(" [SLR", 1)[0]
    assert message.startswith("错误: "), first
    assert not ENGLISH_WORD.search(message), first


def test_the_same_error_in_json_stays_english(slarules: Run, unreadable: dict[str, Path]) -> None:
    done = slarules("--lang", "zh", "check", unreadable["directory"], "--format", "json")
    assert b'"message": "cannot read file: it is a directory"' in done.stdout


@pytest.mark.parametrize(
    ("sla", "tier", "said"),
    [
        ("故障", "x", "SLA 故障 没有级别 x；其级别有：紧急, 一般, 轻微"),
        ("x", "一般", "未知的 SLA x"),
    ],
)
def test_an_unknown_sla_or_tier_of_deadline_is_said_in_chinese(
    slarules: Run, sla: str, tier: str, said: str
) -> None:
    """Found by this test: ``deadline --tier x`` said ``SLA 故障 has no tier x`` under
    ``--lang zh``; the API's check of the names was an f-string, the engine's translated."""
    at = "2026-02-13T16:00:00+08:00"
    done = slarules("--lang", "zh", "deadline", SLT, "--sla", sla, "--tier", tier, "--at", at)
    assert done.returncode == 2
    assert said in done.stderr.decode("utf-8")


def test_import_problems_are_said_in_chinese(slarules: Run, tmp_path: Path) -> None:
    """Found by this test: every problem line of ``import`` (and ``replay --mapping``)
    started with the English ``error:`` or ``skipped:`` before its Chinese text."""
    rows = ZAMMAD_CSV.read_text(encoding="utf-8").replace("3 high", "9 panic", 1)
    export = tmp_path / "export.csv"
    export.write_text(rows, encoding="utf-8")
    done = slarules("--lang", "zh", "import", export, "--mapping", "zammad")
    assert done.returncode == 1
    first = done.stderr.decode("utf-8").splitlines()[0]
    assert first.startswith(f"错误：{export}"), first
    done = slarules("--lang", "zh", "import", export, "--mapping", "zammad", "--lenient")
    assert done.returncode == 0
    assert done.stderr.decode("utf-8").startswith(f"已跳过：{export}")


def test_a_from_event_no_metric_starts_at_is_said_in_chinese(slarules: Run) -> None:
    """Found by this test: ``deadline --from restored=…`` said ``no metric of SLA 故障
    starts at restored`` under ``--lang zh`` (an f-string in the engine)."""
    done = slarules("--lang", "zh", "deadline", SLT, "--sla", "故障", "--tier", "一般",
                    "--at", "2026-02-13T16:00:00+08:00",
                    "--from", "restored=2026-02-13T17:00:00+08:00")  # fmt: skip
    assert done.returncode == 2
    assert "restored：SLA 故障 没有从 restored 开始的指标" in done.stderr.decode("utf-8")


@pytest.mark.parametrize(
    ("period", "said"),
    [
        ("2030", "期间 2030 不在合同的周期之内（服务年为 2024-07-01 – 2025-06-30）；请给出"),
        ("2024-07", "期间 2024-07：本合同按服务年考核，2024-07之内没有完整的此类期间"),
    ],
)
def test_a_period_outside_the_cycles_is_said_in_chinese(
    slarules: Run, period: str, said: str
) -> None:
    """Found by the promise register: ``--period`` outside fujian-slt's one 服务年 said
    ``period 2030 is outside the contract's cycles (服务年 runs …)`` under ``--lang zh``."""
    done = slarules("--lang", "zh", "replay", SLT, SLT_EVENTS, "--period", period)
    assert done.returncode == 2
    assert said in done.stderr.decode("utf-8"), done.stderr
