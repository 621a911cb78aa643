"""The pages a newcomer follows word for word — the README, the API, event-log, import,
report and language pages (English and Chinese) and the ruleset walkthroughs — show
commands, their output and Python examples. This test does what such a reader does, in a
fresh folder holding what the page assumes (the repository's ``rulesets/``), and compares:

- every ``$ slarules …`` line of a plain or ``console`` block with the output shown under
  it (``…`` stands for what the page leaves out: a line of it, any number of lines; inside
  a line, any text), and its exit code with 0 unless the page shows an error;
- every ``slarules …`` line of a block that shows no output runs and exits 0 (synopses
  with placeholders such as ``RULES.sla`` or ``[--workers N]`` are skipped; ``slarules
  replay … --param x=1`` is the command above it with that option added);
- every ``python`` block runs, the page's blocks in order in one namespace, and an
  expression followed by a comment that is a Python value (``# ('respond', 'resolve')``,
  ``# (Decimal('50'), …) or ()``) gives that value;
- a walkthrough's results, the numbers it works out by hand and prints in bold, are
  numbers its commands print;
- the English and Chinese page of a pair show the same commands and the same code.

The tutorials have their own test (tests/language/test_tutorial.py), and the live-status
example its own (tests/api/test_api_docs.py). Files a page names as the reader's own
(``tickets.csv``, ``rules.sla``, ``my-helpdesk.toml``, a DataFrame ``frame``) are given as
the samples they stand for: see ``READERS_FILES``."""

from __future__ import annotations

import ast
import contextlib
import glob
import io
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [
    ROOT / "README.md",
    DOCS / "api.md",
    DOCS / "api.zh.md",
    DOCS / "events.md",
    DOCS / "events.zh.md",
    DOCS / "import.md",
    DOCS / "import.zh.md",
    DOCS / "reports.md",
    DOCS / "reports.zh.md",
    DOCS / "language.md",
    DOCS / "language.zh.md",
    *sorted((DOCS / "rulesets").glob("*.md")),
]
PAIRS = [
    (DOCS / f"{name}.md", DOCS / f"{name}.zh.md")
    for name in ("api", "events", "import", "reports", "language")
]
EXPORTS = ROOT / "rulesets" / "samples" / "exports"
MAPPINGS = ROOT / "src" / "slarules" / "importers" / "mappings"
# What a page names as the reader's own file, and the sample that stands for it.
READERS_FILES = {
    "tickets.csv": EXPORTS / "guangxi-gat-2024.zammad.csv",
    "rules.sla": ROOT / "rulesets" / "guangxi-gat-2024.sla",
    "my-helpdesk.toml": MAPPINGS / "zammad.toml",
    "my-mapping.toml": MAPPINGS / "zammad.toml",
    "my-contract.sla": ROOT / "rulesets" / "fujian-slt-2024.sla",
}
# Shell commands a page may show besides slarules (to make an input of the next command).
OTHER_COMMANDS = {"sed"}
FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```", re.S | re.M)


@dataclass
class Command:
    page: Path
    line: int
    text: str
    shown: str | None  # the output the page shows, None when it shows none
    argv: list[str] = field(default_factory=list)


def blocks(page: Path, *langs: str) -> list[tuple[int, str]]:
    """(line of the fence, body) of every fenced block of the page in ``langs``."""
    text = page.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(2))
        for m in FENCE.finditer(text)
        if m.group(1) in langs
    ]


def commands(page: Path) -> list[Command]:
    """Every command of the page's plain and console blocks, in page order."""
    found: list[Command] = []
    for start, body in blocks(page, "", "console"):
        if re.search(r"^\$ ", body, re.M):
            for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
                head, _, output = chunk.partition("\n")
                offset = body.count("\n", 0, body.index("$ " + head))
                found.append(Command(page, start + 1 + offset, head, output))
            continue
        for offset, line in enumerate(body.replace("\\\n", " ").split("\n")):
            if re.match(r"(\.venv/bin/)?slarules |sed ", line):
                found.append(Command(page, start + 1 + offset, line, None))
    previous: list[str] = []
    for command in found:
        if command.shown is not None and not command.shown.strip():
            command.shown = None  # a list of commands, no output shown
        argv = shlex.split(command.text, comments=True)
        if argv and argv[0] == ".venv/bin/slarules":
            argv[0] = "slarules"
        if argv[2:3] == ["…"] and previous[:2] == argv[:2]:
            argv[2:3] = previous[2:]  # `slarules replay … --param x=1`: as above, and --param
        command.argv = previous = argv
    return found


def is_synopsis(command: Command) -> bool:
    """A usage line with placeholders (``RULES.sla``, ``规则文件.sla``, ``[--workers N]``):
    nothing to run."""
    return any(
        arg.startswith("[") or re.fullmatch(r"[A-Z][A-Z_]+(\.\w+)?|[\u4e00-\u9fff]+\.\w+", arg)
        for arg in command.argv
    )


def normalise(text: str) -> str:
    """Versions of slarules and of the holiday data may move on; the rest may not. Trailing
    spaces are not shown by a page."""
    text = re.sub(r"slarules \d+\.\d+\.\d+", "slarules VERSION", text)
    text = re.sub(r"holidays \d+(\.\d+)*", "holidays VERSION", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def line_pattern(shown: str) -> re.Pattern[str]:
    """A shown line as a pattern: ``…`` is any text."""
    return re.compile(".*?".join(re.escape(part) for part in shown.split("…")))


def shows(actual: str, shown: str) -> bool:
    """The actual output contains the shown one: each run of shown lines between ``…``
    lines appears, consecutive and in order."""
    lines = normalise(actual).split("\n")
    runs: list[list[str]] = [[]]
    for line in normalise(shown).rstrip("\n").split("\n"):
        if line.strip() == "…":
            runs.append([])
        else:
            runs[-1].append(line)
    at = 0
    for run in filter(None, runs):
        patterns = [line_pattern(line) for line in run]
        for start in range(at, len(lines) - len(run) + 1):
            if all(p.fullmatch(lines[start + i]) for i, p in enumerate(patterns)):
                at = start + len(run)
                break
        else:
            return False
    return True


@pytest.fixture
def reader_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder as a reader has it: the repository's ``rulesets/`` and the files a
    page names as the reader's own; English messages whatever the machine's locale."""
    shutil.copytree(ROOT / "rulesets", tmp_path / "rulesets", ignore=shutil.ignore_patterns("*.py"))
    for name, source in READERS_FILES.items():
        shutil.copyfile(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(sys, "argv", ["snippet"])
    return tmp_path


def run(command: Command, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and output (standard output, then standard error) of one command."""
    argv = command.argv
    if argv[0] in OTHER_COMMANDS:
        done = subprocess.run(  # the page's own line, a redirection included (`> moved.sla`)
            ["sh", "-c", command.text], cwd=folder, capture_output=True, text=True, check=False
        )
        return done.returncode, done.stdout + done.stderr
    expanded = [m for a in argv[1:] for m in (sorted(glob.glob(a)) if "*" in a else [a])]
    expanded = [str(folder / a[len("/tmp/") :]) if a.startswith("/tmp/") else a for a in expanded]
    if expanded[:1] == ["example"] and (folder / expanded[-1]).exists() and "--list" not in argv:
        expanded.append("--force")  # the reader's folder already has the repository's copy
    capsys.readouterr()
    try:
        code = main(expanded)
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out + err


def command_problems(
    command: Command, folder: Path, capsys: pytest.CaptureFixture[str], printed: list[str]
) -> list[str]:
    """What differs between the command as the page shows it and as it runs (its output
    is added to ``printed``)."""
    code, output = run(command, folder, capsys)
    printed.append(output)
    where = f"{command.page.relative_to(ROOT)}:{command.line}: {command.text}"
    shown = command.shown
    if code != 0 and not (shown is not None and re.search(r"^(\S+: )?error", shown, re.M)):
        return [f"{where}\n  exit {code}\n{output}"]
    if shown is not None and not shows(output, shown):
        return [f"{where}\n  shown:\n{shown}\n  actual:\n{output}"]
    return []


BOLD_NUMBER = re.compile(r"\*\*(\d[\d,]*(?:\.\d+)?%?)\*\*")


def hand_worked_problems(page: Path, printed: list[str]) -> list[str]:
    """A walkthrough's results, the numbers it works out by hand and prints in bold
    (``**425000.00**``, ``**99.7395%**``), are numbers its commands print."""
    text = page.read_text(encoding="utf-8")
    output = "\n".join(printed)
    return [
        f"{page.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: "
        f"**{m.group(1)}** is printed by none of the page's commands"
        for m in BOLD_NUMBER.finditer(text)
        if not re.search(rf"(?<![\d.]){re.escape(m.group(1).replace(',', ''))}(?!\d)", output)
    ]


def comments_after(source: list[str], node: ast.expr) -> list[str]:
    """The comment on the expression's last line and the comment lines right below it."""
    comments: list[str] = []
    end = node.end_lineno or node.lineno
    tail = source[end - 1][node.end_col_offset or 0 :]
    if tail.strip().startswith("#"):
        comments.append(tail.strip()[1:].strip())
    for line in source[end:]:
        if not line.strip().startswith("#"):
            break
        comments.append(line.strip()[1:].strip())
    return comments


def expected_value(comments: list[str]) -> str | None:
    """The first run of comment lines that reads as a Python value (``…`` standing for
    what is left out), or None when the comments are prose. A comment that starts like a
    value but does not read as one is returned as it is, to fail the comparison loudly
    rather than be taken for prose (``# Decimal('75.00'): six hours`` compares nothing)."""
    for start in range(len(comments)):
        if not re.match(r"[(\[{'\"]|[A-Za-z_][\w.]*\(", comments[start]):
            continue  # prose
        for end in range(start + 1, len(comments) + 1):
            text = " ".join(comments[start:end])
            try:
                compile(text.replace("…", "..."), "<comment>", "eval")
            except SyntaxError:
                continue
            return text
        return " ".join(comments[start:])
    return None


def value_matches(value: Any, expected: str) -> bool:
    """``repr(value)`` is the comment's value, or one of its ``A or B`` (``A 或 B``); ``…``
    is any text."""
    shown = " ".join(repr(value).split())
    return any(
        re.fullmatch(".*?".join(re.escape(p) for p in choice.split("…")), shown, re.S)
        for choice in re.split(" or | 或 ", expected)
    )


def checked_program(body: str) -> tuple[ast.Module, dict[int, str]]:
    """The block as a program whose expressions with a value comment are kept for
    comparison: ``expr`` becomes ``__shown__[line] = expr``."""
    source = body.split("\n")
    tree = ast.parse(body)
    expected: dict[int, str] = {}
    for i, node in enumerate(tree.body):
        if isinstance(node, ast.Expr):
            value = expected_value(comments_after(source, node.value))
            if value is not None:
                expected[node.lineno] = value
                target = ast.Subscript(
                    ast.Name("__shown__", ast.Load()), ast.Constant(node.lineno), ast.Store()
                )
                tree.body[i] = ast.copy_location(ast.Assign([target], node.value), node)
    return ast.fix_missing_locations(tree), expected


def python_problems(page: Path, start: int, body: str, namespace: dict[str, Any]) -> list[str]:
    """Run one block in the page's namespace; the values its comments show that differ."""
    program, expected = checked_program(body)
    with contextlib.redirect_stdout(io.StringIO()):  # what print() shows is not compared
        exec(compile(program, f"{page.name}:{start}", "exec"), namespace)
    return [
        f"{page.relative_to(ROOT)}:{start + line}: shown {value}\n"
        f"  actual {namespace['__shown__'][line]!r}"
        for line, value in expected.items()
        if not value_matches(namespace["__shown__"][line], value)
    ]


@pytest.mark.parametrize("page", [pytest.param(p, id=str(p.relative_to(ROOT))) for p in PAGES])
def test_the_page_works_as_written(
    page: Path, reader_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Commands and Python blocks in page order, as a reader goes through them: a Python
    block may use what a command above it made (``slarules example … work``)."""
    import pandas as pd

    namespace: dict[str, Any] = {"__shown__": {}, "frame": pd.read_csv("tickets.csv")}
    steps: list[tuple[int, Command | str]] = [
        (c.line, c) for c in commands(page) if not is_synopsis(c)
    ]
    steps += blocks(page, "python")
    problems: list[str] = []
    printed: list[str] = []
    for line, step in sorted(steps, key=lambda s: s[0]):
        if isinstance(step, Command):
            problems += command_problems(step, reader_folder, capsys, printed)
        else:
            problems += python_problems(page, line, step, namespace)
    if page.parent.name == "rulesets":
        problems += hand_worked_problems(page, printed)
    assert not problems, "\n\n".join(problems)


def code_of(page: Path) -> list[str]:
    """The page's Python blocks without their comments, and its commands."""
    code = [ast.dump(ast.parse(body)) for _, body in blocks(page, "python")]
    return code + ["a usage line" if is_synopsis(c) else " ".join(c.argv) for c in commands(page)]


@pytest.mark.parametrize("english, chinese", PAIRS, ids=[p[0].stem for p in PAIRS])
def test_both_languages_show_the_same_commands_and_code(english: Path, chinese: Path) -> None:
    assert code_of(english) == code_of(chinese)


def test_the_pages_show_commands_and_examples_to_check() -> None:
    """The extraction finds what the pages hold (a change of fences cannot empty the test)."""
    runnable = [c for page in PAGES for c in commands(page) if not is_synopsis(c)]
    with_output = [c for c in runnable if c.shown is not None]
    examples = [b for page in PAGES for b in blocks(page, "python")]
    assert len(runnable) >= 30 and len(with_output) >= 2 and len(examples) >= 10


def test_a_value_comment_is_compared() -> None:
    _, expected = checked_program("x = (1, 2)\nx  # (1, …)\nx\n# 8 is prose\n# (1, 2)\n")
    assert expected == {2: "(1, …)", 3: "(1, 2)"}
    _, expected = checked_program("x = 1\nx  # int(1): one\n")
    assert not value_matches(1, expected[2])
    assert value_matches((1, 2), "(1, …)") and not value_matches((2, 2), "(1, …)")
    assert value_matches((), "(Decimal('50'), …) or ()")


def test_shown_output_with_gaps() -> None:
    actual = "title\nA 1\nB 2\nC 3\nD 4\n"
    assert shows(actual, "A 1\nB 2\n…\nD 4\n")
    assert shows(actual, "B …\n")
    assert not shows(actual, "A 1\nC 3\n")
    assert not shows(actual, "D 4\n…\nA 1\n")


@pytest.mark.parametrize("page", [DOCS / "events.md", DOCS / "events.zh.md"])
def test_the_event_page_lists_every_event_log_code(page: Path) -> None:
    from slarules.events import types

    codes = {v for k, v in vars(types).items() if k.isupper() and str(v).startswith("SLR9")}
    listed = set(re.findall(r"^\| (SLR9\d\d) \|", page.read_text(encoding="utf-8"), re.M))
    assert codes and codes == listed


@pytest.mark.parametrize("page", sorted((DOCS / "rulesets").glob("*.md")), ids=lambda p: p.stem)
def test_a_walkthrough_names_every_parameter_of_its_rule_file(page: Path) -> None:
    """A reader changes the amounts with ``--param NAME=…``: the page says which NAMEs."""
    rules = (ROOT / "rulesets" / f"{page.stem}.sla").read_text(encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    names = re.findall(r"^param (\S+?)\s*:", rules, re.M)
    assert names and [n for n in names if f"`{n}`" not in text] == []


def test_the_tier_change_example_is_met_as_the_event_page_says() -> None:
    # docs/events.md, "Tier changes": "With fujian-slt-2024's `retier remeasure allow full`,
    # INC-8's response is due at 10:30 (紧急's 10 minutes from the upgrade, not later than
    # 一般's 10:30) and is met": opened 10:00 as 一般 (30分钟 → 10:30), raised at 10:20
    # (10分钟 → 10:30, never later than before), answered 10:25.
    import json

    import slarules

    text = (DOCS / "events.md").read_text(encoding="utf-8")
    section = text[text.index("### Tier changes") : text.index("### Agreed targets")]
    (body,) = re.findall(r"```json\n(.*?)```", section, re.S)
    events = [json.loads(line) for line in body.splitlines()]
    report = json.loads(
        slarules.load(ROOT / "rulesets" / "fujian-slt-2024.sla").replay(events).to_json()
    )
    (ticket,) = report["tickets"]
    respond = next(t for t in ticket["targets"] if t["metric"] == "respond")
    assert (respond["status"], respond["tier"]) == ("met", "紧急")
    assert respond["deadline"].startswith(events[0]["at"][:11] + "10:30")
    assert report["warnings"] == []  # inside the contract's term
