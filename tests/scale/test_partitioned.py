"""A replay by ticket partitions gives the single replay's report, byte for byte.

The map (``engine.partition.replay_partition``) is run in this process (``client="serial"``)
so that the property can try many partition counts quickly; ``test_scale_dask.py`` runs it
on a Dask cluster.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import slarules
from slarules.cli import main
from slarules.engine.partition import partition_of
from slarules.errors import render_text
from slarules.scale import replay_partitioned
from slarules.scale.partitioned import partition_task

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "aliyun-ecs-2021",  # maintenance windows: availability must see them in every partition
    "cn-zwyw-2025",
    "dk-itdrift-2026",
    "fujian-gxt-2026",
    "fujian-scjg-2023",
    "fujian-slt-2024",
    "guangxi-gat-2024",
    "sichuan-sthjt-2025",
]


def pair(name: str) -> tuple[Path, Path]:
    return ROOT / "rulesets" / f"{name}.sla", ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("count", [2, 3, 5])
def test_partitioned_report_is_the_single_one(name: str, count: int) -> None:
    rules, events = pair(name)
    single = slarules.load(rules).replay(events)
    split = replay_partitioned(rules, events, count, client="serial")
    assert split.to_json() == single.to_json()
    # The report did not come from the fallback: every partition mapped, and the tickets
    # were really split (no partition holds them all).
    parts = [partition_task(str(rules), str(events), k, count, None, None) for k in range(count)]
    assert all(part is not None for part in parts)
    sizes = [len(part.tickets) for part in parts if part is not None]
    assert sum(sizes) == len(single.tickets) and max(sizes) < len(single.tickets)


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    count=st.integers(min_value=1, max_value=16),
    shuffle=st.none() | st.integers(min_value=0, max_value=2**32),
    cut=st.none() | st.floats(min_value=0.2, max_value=0.9),
)
def test_any_partition_count_gives_the_same_report(
    name: str, count: int, shuffle: int | None, cut: float | None
) -> None:
    """Whatever the count, for a log out of time order too (replay sorts it, and each
    partition must restore the single replay's opening order), and evaluated as of a time
    inside the log (tickets still open then, events after it not evaluated)."""
    rules, events = pair(name)
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    as_of = None
    if cut is not None:
        as_of = json.loads(lines[int(len(lines) * cut)])["at"]
    if shuffle is not None:
        random.Random(shuffle).shuffle(lines)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / events.name
        log.write_text("".join(lines), encoding="utf-8")
        single = slarules.load(rules).replay(log, as_of=as_of)
        split = replay_partitioned(rules, log, count, client="serial", as_of=as_of)
        assert split.to_json() == single.to_json()


def test_partition_of_is_stable_and_in_range() -> None:
    # blake2b, not hash(): the same in every process (PYTHONHASHSEED) and every release.
    assert [partition_of(t, 7) for t in ("E1", "E2", "工单-3")] == [
        partition_of(t, 7) for t in ("E1", "E2", "工单-3")
    ]
    assert {partition_of(f"T{i}", 4) for i in range(200)} == {0, 1, 2, 3}


def test_bad_log_gives_the_single_replays_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad event: the partitions refuse, and the single replay says why (exit 1)."""
    rules, events = pair("guangxi-gat-2024")
    log = tmp_path / "bad.jsonl"
    text = events.read_text(encoding="utf-8")
    log.write_text(
        text + '{"at": "2025-09-01T10:00:00+08:00", "type": "closed", "ticket": "NOPE"}\n'
    )
    assert main(["replay", str(rules), str(log)]) == 1
    single = capsys.readouterr().err
    assert "NOPE" in single
    assert partition_task(str(rules), str(log), 0, 2, None, None) is None
    with pytest.raises(slarules.RuleError) as caught:
        replay_partitioned(rules, log, 3, client="serial")
    assert render_text(caught.value.diagnostics) == single
