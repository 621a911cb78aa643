"""``replay-many`` and ``replay --partitions`` on a Dask cluster (threads: fast), and the
message when the ``dask`` extra is missing."""

from __future__ import annotations

import builtins
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import slarules
from slarules.cli import main
from slarules.scale import DASK_MISSING, dask_client, replay_many, replay_partitioned
from slarules.scale import many as many_module

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client(workers=2, processes=False) as made:
        yield made


def _manifest(folder: Path) -> Path:
    """Three pairs; the second replays the Guangxi log under Fujian's rules, which name
    none of its SLAs: invalid events (exit 1)."""
    for name in ("guangxi-gat-2024", "fujian-slt-2024"):
        shutil.copy(ROOT / "rulesets" / f"{name}.sla", folder)
        shutil.copy(ROOT / "rulesets" / "samples" / f"{name}.events.jsonl", folder)
    lines = [
        {"rules": "guangxi-gat-2024.sla", "events": "guangxi-gat-2024.events.jsonl"},
        {"rules": "fujian-slt-2024.sla", "events": "guangxi-gat-2024.events.jsonl"},
        {"rules": "fujian-slt-2024.sla", "events": "fujian-slt-2024.events.jsonl", "out": "b.json"},
    ]
    manifest = folder / "manifest.jsonl"
    text = "# two good pairs, one broken\n" + "".join(
        json.dumps(line, ensure_ascii=False) + "\n" for line in lines
    )
    manifest.write_text(text, encoding="utf-8")
    return manifest


def test_replay_many_reports_are_single_replays(tmp_path: Path, client: Any) -> None:
    manifest = _manifest(tmp_path)
    outcomes = replay_many(manifest, client=client, out_dir=tmp_path / "out")
    assert [(o.job.line, o.status, o.exit_code) for o in outcomes] == [
        (2, "ok", 0),
        (3, "invalid", 1),
        (4, "ok", 0),
    ]
    assert "SLR914" in outcomes[1].diagnostics  # unknown SLA, as `replay` says it
    assert not Path(outcomes[1].job.out).exists()
    for outcome in (outcomes[0], outcomes[2]):
        job = outcome.job
        single = tmp_path / "single.json"
        assert (
            main(["replay", job.rules, job.events, "--format", "json", "--out", str(single)]) == 0
        )
        assert Path(job.out).read_bytes() == single.read_bytes()
        assert outcome.periods == len(json.loads(single.read_text(encoding="utf-8"))["periods"])
    assert outcomes[0].job.out == str(
        tmp_path / "out" / "guangxi-gat-2024.guangxi-gat-2024.events.json"
    )
    assert outcomes[2].job.out == str(tmp_path / "out" / "b.json")


def test_replay_many_command(
    tmp_path: Path, client: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command: one summary line per pair, the broken pair's diagnostics on stderr, and
    exit 1 (SPEC §6: a pair had invalid input). Text reports, as `replay` prints them."""

    @contextmanager
    def threads(scheduler: str | None, workers: int | None) -> Iterator[Any]:
        yield client

    monkeypatch.setattr(many_module, "dask_client", threads)
    manifest = _manifest(tmp_path)
    assert main(["replay-many", str(manifest), "--format", "text"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert [line.split()[:2] for line in lines] == [["ok", "0"], ["invalid", "1"], ["ok", "0"]]
    assert "payable=" in lines[0] and "periods=" in lines[0]
    assert "manifest.jsonl:3" in captured.err and "SLR914" in captured.err
    out = tmp_path / "guangxi-gat-2024.guangxi-gat-2024.events.txt"
    rules, events = tmp_path / "guangxi-gat-2024.sla", tmp_path / "guangxi-gat-2024.events.jsonl"
    assert main(["replay", str(rules), str(events)]) == 0
    assert out.read_text(encoding="utf-8") == capsys.readouterr().out


def test_bad_manifest_line_is_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"rules": "a.sla", "events": "a.jsonl"}\n{"rules": "b.sla"}\n')
    assert main(["replay-many", str(manifest)]) == 2
    assert "m.jsonl:2: 'events' must be a path" in capsys.readouterr().err


def test_partitioned_on_dask_is_the_single_report(client: Any) -> None:
    rules = ROOT / "rulesets" / "guangxi-gat-2024.sla"
    events = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    split = replay_partitioned(rules, events, 4, client=client)
    assert split.to_json() == slarules.load(rules).replay(events).to_json()


def test_missing_extra_names_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def no_dask(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    manifest = _manifest(tmp_path)
    assert main(["replay-many", str(manifest)]) == 2
    assert "pip install 'slarules[dask]'" in capsys.readouterr().err
    rules = ROOT / "rulesets" / "guangxi-gat-2024.sla"
    events = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    assert main(["replay", str(rules), str(events), "--partitions", "2"]) == 2
    assert DASK_MISSING in capsys.readouterr().err
    # A single replay needs no Dask.
    assert main(["replay", str(rules), str(events), "--format", "json"]) == 0
