"""Audit task AH, item 3: the same replay gives the same bytes from any working directory,
with the rule file named by a relative or an absolute path, in both languages.

tests/hostile/test_hostile_environment_r2.py varies the hash seed, TZ, locale and
PYTHONIOENCODING with absolute paths and English. Here three processes also differ in
their working directory and in how they name the two input files (``rulesets/x.sla``,
``/…/rulesets/../rulesets/x.sla``, ``./x.sla``), under a Turkish and a Chinese locale, and
write Chinese text, HTML and XLSX (``--lang zh``) as well as JSON and English text, and
the JSON report to standard output as well as with ``--out``.

What the report promises about paths (SPEC §7, docs/reports.md): ``inputs.ruleset`` and
``inputs.events`` give the file's name without its folders and the SHA-256 of its bytes,
so the report does not depend on where the files were when it was made, and the digest
says which file it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("guangxi-gat-2024", "sichuan-sthjt-2025")
FORMATS = (
    ("json", None),
    ("text", "en"),
    ("text", "zh"),
    ("html", "zh"),
    ("xlsx", "zh"),
)

SCRIPT = """
import contextlib, hashlib, io, json, sys, tempfile
from pathlib import Path
from slarules.cli import main
out = Path(tempfile.mkdtemp())
for rules, events in json.loads(sys.argv[1]):
    for fmt, lang in json.loads(sys.argv[2]):
        target = out / "report"
        extra = [] if lang is None else ["--lang", lang]
        with contextlib.redirect_stderr(io.StringIO()):
            code = main(["replay", rules, events, "--format", fmt, *extra, "--out", str(target)])
        print(fmt, lang, code, hashlib.sha256(target.read_bytes()).hexdigest())
    buffer = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        code = main(["replay", rules, events, "--format", "json"])
    buffer.flush()
    print("json-stdout", None, code, hashlib.sha256(buffer.buffer.getvalue()).hexdigest())
"""


def _digests(cwd: Path, files: list[tuple[str, str]], extra: dict[str, str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_MESSAGES")}
    env.update(extra)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(files), json.dumps(FORMATS)],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=True,
        timeout=600,
    )
    return done.stdout.decode("ascii").splitlines()


def test_any_directory_any_path_either_language_gives_the_same_bytes(tmp_path: Path) -> None:
    relative = [(f"rulesets/{n}.sla", f"rulesets/samples/{n}.events.jsonl") for n in NAMES]
    roundabout = [
        (
            str(ROOT / "rulesets" / ".." / "rulesets" / f"{n}.sla"),
            str(ROOT / "rulesets" / "samples" / ".." / "samples" / f"{n}.events.jsonl"),
        )
        for n in NAMES
    ]
    local = [(f"./{n}.sla", f"samples/{n}.events.jsonl") for n in NAMES]
    first = _digests(ROOT, relative, {"PYTHONHASHSEED": "0"})
    assert len(first) == len(NAMES) * (len(FORMATS) + 1)
    assert all(line.split()[2] == "0" for line in first), first
    turkish = {
        "PYTHONHASHSEED": "4242",
        "TZ": "America/New_York",
        "LANG": "tr_TR.UTF-8",
        "LC_ALL": "tr_TR.UTF-8",
    }
    assert _digests(tmp_path, roundabout, turkish) == first
    chinese = {"PYTHONHASHSEED": "random", "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
    assert _digests(ROOT / "rulesets", local, chinese) == first
    # standard output and --out give the same JSON
    for k in range(len(NAMES)):
        block = first[k * (len(FORMATS) + 1) : (k + 1) * (len(FORMATS) + 1)]
        assert block[0].split()[3] == block[-1].split()[3]


@pytest.mark.parametrize("name", NAMES)
def test_the_report_names_each_input_file_without_folders_and_with_its_digest(name: str) -> None:
    import slarules

    rules_path = ROOT / "rulesets" / f"{name}.sla"
    events_path = ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"
    inputs = json.loads(slarules.load(rules_path).replay(events_path).to_json())["inputs"]
    assert inputs["ruleset"] == {
        "path": f"{name}.sla",
        "sha256": hashlib.sha256(rules_path.read_bytes()).hexdigest(),
    }
    assert inputs["events"] == {
        "path": f"{name}.events.jsonl",
        "sha256": hashlib.sha256(events_path.read_bytes()).hexdigest(),
    }
