"""The five reference rulesets as a whole: they check clean, their samples are current, and
each sample's full report matches its golden file.

Regenerate the golden reports after an intended change with

    .venv/bin/pytest tests/rulesets/test_reference_rulesets.py --update-golden

and review the diff: every changed number must be explained by the change.
"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import slarules
from slarules.check import check_paths

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
NAMES = [
    "aliyun-ecs-2021",
    "cn-zwyw-2025",
    "dk-itdrift-2026",
    "fujian-gxt-2026",
    "fujian-scjg-2023",
    "fujian-slt-2024",
    "guangxi-gat-2024",
    "sichuan-sthjt-2025",
]


def test_every_reference_ruleset_is_tested() -> None:
    assert sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_ruleset_checks_clean(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # SPEC §9: a reference ruleset keeps an ambiguity only by stating its reading; `check`
    # must then print nothing (no error, no unacknowledged warning).
    monkeypatch.chdir(ROOT)
    assert check_paths([f"rulesets/{name}.sla"]) == []
    assert slarules.load(f"rulesets/{name}.sla").warnings == []


def test_the_samples_are_what_the_generator_writes() -> None:
    script = ROOT / "rulesets" / "samples" / "make_samples.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_generator_is_deterministic() -> None:
    namespace = runpy.run_path(str(ROOT / "rulesets" / "samples" / "make_samples.py"))
    for make in namespace["SAMPLES"].values():
        assert make().text() == make().text()


@pytest.mark.parametrize("name", NAMES)
def test_the_sample_report_matches_its_golden_file(
    name: str, monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, str], None]
) -> None:
    monkeypatch.chdir(ROOT)
    ruleset = slarules.load(f"rulesets/{name}.sla")
    report = ruleset.replay(f"rulesets/samples/{name}.events.jsonl")
    golden(GOLDEN / f"{name}.report.json", report.to_json())


@pytest.mark.parametrize("name", NAMES)
def test_the_sample_report_is_complete_and_replays_identically(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every period of a sample has all its inputs (judgements, given scores), and the same
    # inputs give the same bytes (SPEC §7).
    monkeypatch.chdir(ROOT)
    ruleset = slarules.load(f"rulesets/{name}.sla")
    first = ruleset.replay(f"rulesets/samples/{name}.events.jsonl").to_json()
    again = slarules.load(f"rulesets/{name}.sla").replay(f"rulesets/samples/{name}.events.jsonl")
    assert again.to_json() == first
    for period in json.loads(first)["periods"]:
        assert period["complete"], (period["period"], period["missing"])
