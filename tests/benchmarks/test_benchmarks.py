"""Smoke tests of the benchmarks: the generators make valid, deterministic inputs, and every
benchmark runs end to end at tiny sizes (the numbers themselves are not asserted)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from benchmarks import bench_calendar, bench_check, loggen, rulegen
from benchmarks.common import GUANGXI_RULES, Row, render_table

SMALL = 3000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Generated files go to a temporary folder, not benchmarks/data/."""
    import benchmarks.common as common

    monkeypatch.setattr(common, "DATA_DIR", tmp_path)
    monkeypatch.setenv("SLARULES_BENCH_DATA", str(tmp_path))  # for child processes
    return tmp_path


def test_event_log_is_exact_in_size_ordered_in_time_and_deterministic(tmp_path: Path) -> None:
    vocab = loggen.vocab_for(GUANGXI_RULES)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    loggen.generate(first, vocab, SMALL, seed=3)
    loggen.generate(second, vocab, SMALL, seed=3)
    assert first.read_bytes() == second.read_bytes()
    events = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert len(events) == SMALL
    # Every timestamp carries the same offset (+08:00), so text order is time order.
    stamps = [e["at"] for e in events]
    assert stamps == sorted(stamps)
    assert all(s.endswith("+08:00") for s in stamps)
    types = {e["type"] for e in events}
    assert {"opened", "responded", "resolved", "closed", "occurrence"} <= types
    assert {"paused", "resumed", "retiered", "attributed", "due", "delivered"} <= types


def test_event_log_uses_only_names_the_ruleset_declares(tmp_path: Path) -> None:
    """Every generated event passes the engine's own per-event check, strictly."""
    from slarules import load
    from slarules.events.reader import parse_event
    from slarules.events.vocabulary import Vocabulary

    vocab = Vocabulary(load(GUANGXI_RULES).model)
    path = tmp_path / "log.jsonl"
    loggen.generate(path, loggen.vocab_for(GUANGXI_RULES), SMALL, seed=5)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parse_event(json.loads(line), number, vocab)


def test_cached_log_is_reused_and_a_stale_one_replaced(data_dir: Path) -> None:
    stale = data_dir / "events-200-seed2-000000000000.jsonl"  # an older generator's log
    stale.write_text("{}\n", encoding="utf-8")
    path, generated = loggen.event_log(200, seed=2)
    assert generated and path.parent == data_dir
    assert not stale.exists()
    again, generated_again = loggen.event_log(200, seed=2)
    assert again == path and not generated_again


def test_generated_rule_file_parses_and_checks_clean() -> None:
    from slarules import loads

    text = rulegen.generate(300, seed=1)
    assert text == rulegen.generate(300, seed=1)
    assert len(text.splitlines()) >= 300
    ruleset = loads(text, "generated.sla")
    assert len(ruleset.model.slas) >= 2
    assert ruleset.warnings == []


def test_calendar_benchmark_answers_agree_with_pandas() -> None:
    rows = bench_calendar.run(300, repeat=1)
    assert [r.name.split(" ×")[0] for r in rows] == [
        "calendar add",
        "calendar elapsed",
        "calendar elapsed, numpy batch",
    ]
    for row in rows:
        assert not any("differ" in note for note in row.notes), row.notes


def test_calendar_mixes_run_and_agree_with_the_in_zone_answers() -> None:
    from benchmarks import bench_calendar_mixes

    rows = bench_calendar_mixes.run(200, repeat=1)
    names = [r.name for r in rows]
    assert names[:3] == [
        "calendar mix: in zone",
        "calendar mix: +08:00 as parsed",
        "calendar mix: UTC (Z)",
    ]
    assert "calendar first query of a cold year" in names
    assert names[-1].startswith("calendar slowest mix: ")
    for row in rows:
        assert not any("differ" in note for note in row.notes), row.notes


def test_check_benchmark_runs() -> None:
    row = bench_check.run(150, repeat=1)
    assert not any("errors" in note for note in row.notes), row.notes


def test_replay_benchmarks_run_in_child_processes() -> None:
    from benchmarks import bench_replay

    speed, measured = bench_replay.run_speed(400)
    assert measured["events"] == 400 and measured["tickets"] > 0
    memory = bench_replay.run_memory(800, measured)
    assert memory.ours.endswith("MB")
    text = render_table([speed, memory])
    assert "replay 400 events" in text and "replay memory 800 events" in text
    # The compiled row, run by this interpreter: the same report bytes, and it says whether
    # the modules it ran were C extensions (under `make test-compiled` they are).
    compiled = bench_replay.run_compiled(400, measured, python=Path(sys.executable))
    assert "report bytes identical to the pure replay's (sha256)" in compiled.notes
    pure = any("imports slarules as pure Python" in note for note in compiled.notes)
    assert pure == (not _compiled_here())


def _compiled_here() -> bool:
    import slarules.engine.tracker

    return not str(slarules.engine.tracker.__file__).endswith(".py")


def test_compiled_row_says_how_to_build_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import bench_replay

    monkeypatch.setattr(bench_replay, "COMPILED_VENV", tmp_path / "none")
    row = bench_replay.run_compiled(400, {"json_seconds": 1.0})
    assert row.passed is None and row.verdict == "info"
    assert row.notes == (
        "not built: `make compiled` builds it (needs a C compiler, about two minutes)",
    )


def test_compiled_row_refuses_a_build_older_than_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import bench_replay

    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    (venv / ".installed-stamp").touch()
    os.utime(venv / ".installed-stamp", (0, 0))  # 1970: older than any source
    monkeypatch.setattr(bench_replay, "COMPILED_VENV", venv)
    row = bench_replay.run_compiled(400, {"json_seconds": 1.0})
    assert row.passed is None
    assert "`make compiled` rebuilds it" in row.notes[0]


def test_table_marks_each_verdict() -> None:
    rows = [
        Row("a", "1 s", "2 s", "2×", "≥ 1×", True),
        Row("b", "1 s", "2 s", "2×", "≥ 3×", False, ("why",)),
        Row("c", "1 s", "2 s", "2×", "none", None),
    ]
    text = render_table(rows)
    lines = text.splitlines()
    assert lines[0].split() == ["benchmark", "slarules", "reference", "ratio", "target", "result"]
    assert [line.split()[-1] for line in lines[2:5]] == ["pass", "FAIL", "info"]
    assert "  b: why" in text


@pytest.mark.slow
def test_scale_benchmark_runs_and_reports_identical_bytes() -> None:
    """Starts two local clusters of worker processes (about 20 s): slow."""
    pytest.importorskip("distributed")
    from benchmarks import bench_scale

    many = bench_scale.run_many(2, 200)
    assert "byte-identical to the serial one: True" in many.notes[0]
    assert bench_scale.run_partitioned(500, partitions=3).passed is True


def test_stages_add_up_to_the_replay_and_name_the_spill(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``probe stages``: every stage is measured and non-negative where it is a sum of
    timed calls, the store's stages are only there when the replay spilled, and the stages
    add up to the replay and the write it measured (within what the clock can tell)."""
    from benchmarks import stages
    from slarules import engine

    log, _fresh = loggen.event_log(1500)
    with engine.spill.set_to(0):
        spilled = stages.measure_stages(GUANGXI_RULES, log)
    with engine.spill.set_to(None):
        in_memory = stages.measure_stages(GUANGXI_RULES, log)
    for result in (spilled, in_memory):
        assert result["events"] == 1500 and result["json_us"] > 0
        us = result["stages_us"]
        assert set(us) == {name for name, _text in stages.STAGES}
        for timed in ("settle", "spill_write", "spill_take", "spill_read", "evidence"):
            assert us[timed] >= 0
        summed = sum(us.values())
        assert summed == pytest.approx(result["total_us"], rel=0.35)
    assert spilled["stages_us"]["spill_write"] > 0 and spilled["stages_us"]["spill_read"] > 0
    assert in_memory["stages_us"]["spill_write"] == 0 == in_memory["stages_us"]["spill_read"]
    text = stages.table(spilled)
    assert "json.loads alone" in text and "× json (1,500 events)" in text


def test_probe_prints_the_stage_table(data_dir: Path) -> None:
    import subprocess

    log, _fresh = loggen.event_log(600)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.probe", "stages", str(GUANGXI_RULES), str(log),
         "--spill-after", "0", "--table"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert "spill: records read back" in done.stdout and "× json (600 events)" in done.stdout


def test_day_pauses_runs_both_modes_and_both_units() -> None:
    from benchmarks import day_pauses

    for mode in ("retier", "status"):
        for hours in (False, True):
            count, seconds = day_pauses.measure(mode, 20, hours)
            assert count == (61 if mode == "retier" else 41) and seconds >= 0
