"""The tutorials (docs/tutorial.en.md, docs/tutorial.zh.md) show real commands with their real
output. This test runs every ``$ slarules …`` line of their ``console`` blocks in
docs/tutorial/ and compares the output, so the tutorials cannot drift from the program; and it
checks the tutorial's files themselves: the final rule file is clean and canonical, the draft
has exactly the three mistakes the text explains."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from slarules.check import check_paths
from slarules.cli import main
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

DOCS = Path(__file__).resolve().parents[2] / "docs"
TUTORIAL = DOCS / "tutorial"
PAGES = [DOCS / "tutorial.en.md", DOCS / "tutorial.zh.md"]


def console_commands(page: Path) -> list[tuple[str, str]]:
    """(command, expected output) for every ``$ `` line of the page's console blocks."""
    out: list[tuple[str, str]] = []
    text = page.read_text(encoding="utf-8")
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            out.append((command, output))
    return out


def normalise(text: str) -> str:
    """Versions of slarules and of the holiday data may move on; the rest may not."""
    text = re.sub(r"slarules \d+\.\d+\.\d+", "slarules VERSION", text)
    return re.sub(r"holidays \d+(\.\d+)*", "holidays VERSION", text)


def run(command: str) -> str:
    """The output ``command`` prints in docs/tutorial (stdout, then stderr)."""
    import contextlib
    import io

    argv = shlex.split(command)
    assert argv[0] == "slarules"
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(TUTORIAL)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(argv[1:])
    finally:
        os.chdir(cwd)
    return out.getvalue() + err.getvalue()


def refresh(page: Path) -> None:
    """Rewrite the page's console outputs from the program (review the diff before keeping
    it): ``pytest tests/language/test_tutorial.py --update-golden``."""

    def block(match: re.Match[str]) -> str:
        commands = [c.partition("\n")[0] for c in re.split(r"^\$ ", match.group(1), flags=re.M)[1:]]
        return "```console\n" + "".join(f"$ {c}\n{run(c)}" for c in commands) + "```"

    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"```console\n(.*?)```", block, text, flags=re.S), encoding="utf-8")


CASES = [(page, command, output) for page in PAGES for command, output in console_commands(page)]


@pytest.fixture(scope="module", autouse=True)
def refresh_pages_when_updating(request: pytest.FixtureRequest) -> None:
    """Under ``--update-golden`` rewrite both pages' outputs (the cases were collected from
    the old text, so they are skipped; the next run compares the new one)."""
    if request.config.getoption("--update-golden"):
        for page in PAGES:
            refresh(page)


@pytest.mark.parametrize(
    "page, command, expected", CASES, ids=[f"{p.stem}:{c}" for p, c, _ in CASES]
)
def test_tutorial_command_output(
    page: Path, command: str, expected: str, request: pytest.FixtureRequest
) -> None:
    if request.config.getoption("--update-golden"):
        pytest.skip("the page was just rewritten from the program")
    assert normalise(run(command)) == normalise(expected)


def test_both_tutorials_run_the_same_commands() -> None:
    en, zh = ([c for c, _ in console_commands(page)] for page in PAGES)
    assert en and set(en) <= set(zh)


def test_final_rule_file_checks_clean() -> None:
    assert check_paths([str(TUTORIAL / "om.sla")]) == []


def test_final_rule_file_is_the_canonical_form_of_the_fixed_one() -> None:
    fixed = (TUTORIAL / "fixed.sla").read_text(encoding="utf-8")
    final = (TUTORIAL / "om.sla").read_text(encoding="utf-8")
    assert format_ruleset(parse(fixed)) == final
    assert parse(fixed) == parse(final)


def test_draft_has_exactly_the_explained_mistakes() -> None:
    codes = [d.code for d in check_paths([str(TUTORIAL / "draft.sla")])]
    assert sorted(codes) == ["SLR111", "SLR205", "SLR303", "SLR303", "SLR501"]


def test_event_log_has_ten_lines() -> None:
    lines = (TUTORIAL / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10
