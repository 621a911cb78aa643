"""SPEC §1: the built wheel includes the grammar, and an installed (non-editable) wheel
parses rule files. Issue 16: it also ships the reference rulesets, samples, sample exports
and mappings, and `slarules example` copies them out of the installed package. Builds the
wheel once (about ten seconds) and imports it from a plain directory, so the editable
install of the checkout cannot mask a packaging mistake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",  # the locked hatchling in this environment, not a download
        "-w",
        str(out),
        str(ROOT),
    ]
    default = {name: value for name, value in os.environ.items() if name != "SLARULES_COMPILE"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=default)
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-300:]}")
    (built,) = out.glob("slarules-*.whl")
    return built


def test_the_default_wheel_is_pure_python(wheel: Path) -> None:
    """Without ``SLARULES_COMPILE=1`` the build hook (hatch_build.py) compiles nothing: the
    wheel is for any platform and holds no extension module."""
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    with zipfile.ZipFile(wheel) as archive:
        assert not [n for n in archive.namelist() if n.endswith((".so", ".pyd", ".c"))]


def test_wheel_ships_the_grammar(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("slarules/grammar/slarules.lark").decode("utf-8")
    assert shipped == (ROOT / "grammar" / "slarules.lark").read_text(encoding="utf-8")


def test_wheel_ships_the_chinese_catalog(wheel: Path, tmp_path: Path) -> None:
    """The compiled zh_CN catalog is package data, and the installed wheel speaks Chinese
    when asked (``--lang zh``)."""
    mo = "slarules/locale/zh_CN/LC_MESSAGES/slarules.mo"
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read(mo)
        archive.extractall(tmp_path / "site")
    assert shipped == (ROOT / "src" / mo).read_bytes()
    bad = tmp_path / "bad.sla"
    bad.write_text('ruleset "x" { }\nparam n: number = 30M\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "slarules.cli", "--lang", "zh", "check", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "个错误" in result.stdout


def test_wheel_ships_the_license_its_metadata_names(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(metadata_name).decode("utf-8")
        (license_name,) = [n for n in names if n.endswith("/licenses/LICENSE")]
        shipped = archive.read(license_name).decode("utf-8")
    assert "License-Expression: MIT" in metadata.splitlines()
    assert shipped == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert shipped.startswith("MIT License\n")


def test_installed_wheel_checks_a_reference_ruleset(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    script = (
        "import slarules, sys\n"
        "assert slarules.__file__.startswith(sys.argv[1]), slarules.__file__\n"
        "rules = slarules.load(sys.argv[2])\n"
        "print(rules.name)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    ruleset = ROOT / "rulesets" / "fujian-slt-2024.sla"
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), str(ruleset)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fujian-slt-2024"


def _shipped_examples() -> list[tuple[Path, str]]:
    """Each repository file that must ship, with its name inside the wheel."""
    rulesets = ROOT / "rulesets"
    files = [*rulesets.glob("*.sla"), *rulesets.glob("samples/*.events.jsonl")]
    files += rulesets.glob("samples/exports/*")
    shipped = [(f, f"slarules/examples/{f.relative_to(rulesets).as_posix()}") for f in files]
    mappings = ROOT / "src" / "slarules" / "importers" / "mappings"
    shipped += [(f, f"slarules/importers/mappings/{f.name}") for f in mappings.glob("*.toml")]
    return sorted(shipped)


def test_wheel_ships_the_examples_and_mappings(wheel: Path) -> None:
    # Issue 16 item 5: the reference rulesets, their sample logs, the sample helpdesk
    # exports and the mappings ship, byte for byte, so README commands work after pip.
    shipped = _shipped_examples()
    assert len(shipped) >= 5 + 5 + 3 + 3  # rulesets, logs, exports, mappings
    with zipfile.ZipFile(wheel) as archive:
        for source, name in shipped:
            assert archive.read(name) == source.read_bytes(), name


def test_installed_wheel_copies_an_example_imports_and_replays(wheel: Path, tmp_path: Path) -> None:
    # The pip user's path: copy an example out of the installed package, import its Zammad
    # export and replay it, with nothing from the checkout on the path.
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    env = {**os.environ, "PYTHONPATH": str(target)}
    cli = [sys.executable, "-c", "import sys; from slarules.cli import main; sys.exit(main())"]

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*cli, *argv], capture_output=True, text=True, check=False, env=env, cwd=tmp_path
        )

    listed = run("example", "--list")
    assert listed.returncode == 0, listed.stderr
    assert "guangxi-gat-2024" in listed.stdout and "zammad" in listed.stdout
    copied = run("example", "guangxi-gat-2024", "work")
    assert copied.returncode == 0, copied.stderr
    work = tmp_path / "work"
    assert (work / "guangxi-gat-2024.sla").read_bytes() == (
        ROOT / "rulesets" / "guangxi-gat-2024.sla"
    ).read_bytes()
    imported = run(
        "import",
        "work/samples/exports/guangxi-gat-2024.zammad.csv",
        "--mapping",
        "zammad",
        "--out",
        "e.jsonl",
    )
    assert imported.returncode == 0, imported.stderr
    replayed = run("replay", "work/guangxi-gat-2024.sla", "e.jsonl", "--format", "json")
    assert replayed.returncode == 0, replayed.stderr
    statuses = {
        t["ticket"]: t["targets"][0]["status"] for t in json.loads(replayed.stdout)["tickets"]
    }
    # 31002: 3级 "45分钟内响应", answered after 60 minutes (see tests/importers).
    assert statuses["31002"] == "breached"
    sample = run(
        "replay", "work/guangxi-gat-2024.sla", "work/samples/guangxi-gat-2024.events.jsonl"
    )
    assert sample.returncode == 0, sample.stderr
