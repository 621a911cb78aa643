"""Promise (docs/i18n.md, "Choosing the language"): ``--lang en`` gives English messages
and an English text report, whatever the locale. The guard: the Danish example ruleset and
its log hold no Chinese character, so any Chinese in an English run's output was written by
slarules itself, an untranslated or hard-coded text. Run under a Chinese locale, with
``--lang en`` before and after the subcommand, as a user may write it.

The Excel and HTML reports are bilingual by design (docs/reports.md: "Headers are in
Chinese with the English word after it"), so only their *evidence* is checked: an English
run writes ``ticket I1: … due`` where a Chinese run writes ``工单 I1：… 时限``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .support import RULESETS, Run

DK = RULESETS / "dk-itdrift-2026.sla"
DK_EVENTS = RULESETS / "samples" / "dk-itdrift-2026.events.jsonl"
CHINESE = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
AT = "2026-03-27T15:00+01:00"
ZH_LOCALE = {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}


def chinese_in(text: str) -> list[str]:
    """Each line of ``text`` holding a Chinese character or full-width punctuation."""
    return [line for line in text.splitlines() if CHINESE.search(line)]


def test_the_inputs_hold_no_chinese() -> None:
    """Without this, a Chinese character in the output could be the rule file's own."""
    for path in (DK, DK_EVENTS):
        assert chinese_in(path.read_text(encoding="utf-8")) == []


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Path]:
    """The Danish rules with an unknown calendar, not canonical; a log with bad lines."""
    rules = tmp_path / "dk.sla"
    text = DK.read_text(encoding="utf-8").replace("calendar ", "calendar x")
    rules.write_text(text + "\n\n\n", "utf-8")  # not canonical either
    events = tmp_path / "dk.jsonl"
    events.write_text(
        '{"at": "2026-01-05T09:00", "type": "opened"}\n{"type": "nope"}\nnot json\n', "utf-8"
    )
    return rules, events


COMMANDS = {
    "replay": (["replay", DK, DK_EVENTS], 0),
    "summary": (["replay", DK, DK_EVENTS, "--summary"], 0),
    "one period": (["replay", DK, DK_EVENTS, "--period", "2026-02"], 0),
    "diff": (["diff", DK, DK, DK_EVENTS], 0),
    "deadline": (
        [
            "deadline",
            DK,
            "--sla",
            "incident",
            "--tier",
            "kategori2",
            "--at",
            "2026-03-27T15:00+01:00",
        ],
        0,
    ),
    "check": (["check", DK], 0),
    "usage error": (["replay", DK, DK_EVENTS, "--as-of", "2026-04-01"], 2),
    "unknown sla": (
        ["deadline", DK, "--sla", "x", "--tier", "kategori2", "--at", "2026-03-27T15:00Z"],
        2,
    ),
}


@pytest.mark.parametrize("lang_first", [True, False], ids=["--lang first", "--lang last"])
@pytest.mark.parametrize(("argv", "code"), COMMANDS.values(), ids=COMMANDS.keys())
def test_an_english_run_writes_no_chinese(
    slarules: Run, argv: list[str | Path], code: int, lang_first: bool
) -> None:
    full = ["--lang", "en", *argv] if lang_first else [*argv, "--lang", "en"]
    done = slarules(*full, env=ZH_LOCALE)
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == code, err
    assert out or err
    assert chinese_in(out) == [] and chinese_in(err) == []


def test_english_errors_of_a_broken_file_and_log(slarules: Run, broken: tuple[Path, Path]) -> None:
    rules, events = broken
    done = slarules("--lang", "en", "check", rules, env=ZH_LOCALE)
    assert done.returncode == 1 and b"error:" in done.stdout
    assert chinese_in(done.stdout.decode("utf-8") + done.stderr.decode("utf-8")) == []
    done = slarules("fmt", "--check", rules, "--lang", "en", env=ZH_LOCALE)
    assert done.returncode == 1 and b"not in canonical form" in done.stderr
    assert chinese_in(done.stderr.decode("utf-8")) == []
    done = slarules("replay", DK, events, "--lang", "en", env=ZH_LOCALE)
    assert done.returncode == 1 and b"dk.jsonl:3:1: error:" in done.stderr
    assert chinese_in(done.stderr.decode("utf-8")) == []


def test_the_evidence_of_the_html_page_follows_the_language(slarules: Run, tmp_path: Path) -> None:
    """The bilingual headers aside, the evidence an English run writes is English; the
    Chinese run writes the same place in Chinese (so the check can tell them apart)."""
    pages = {}
    for lang in ("en", "zh"):
        out = tmp_path / f"{lang}.html"
        done = slarules("replay", DK, DK_EVENTS, "--format", "html", "--out", out, "--lang", lang)
        assert done.returncode == 0, done.stderr
        pages[lang] = out.read_text(encoding="utf-8")
    assert "ticket I1: rodårsag due" in pages["en"] and "工单 I1" not in pages["en"]
    assert "工单 I1：rodårsag 时限" in pages["zh"]
