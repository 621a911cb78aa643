"""SPEC §1: the built wheel includes the grammar, and an installed (non-editable) wheel
parses rule files. Builds the wheel once (about ten seconds) and imports it from a plain
directory, so the editable install of the checkout cannot mask a packaging mistake."""

from __future__ import annotations

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
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-300:]}")
    (built,) = out.glob("slarules-*.whl")
    return built


def test_wheel_ships_the_grammar(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("slarules/grammar/slarules.lark").decode("utf-8")
    assert shipped == (ROOT / "grammar" / "slarules.lark").read_text(encoding="utf-8")


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
