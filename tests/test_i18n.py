"""Messages in Chinese (issue 16, docs/i18n.md): every message the code marks with ``_()``
has a zh_CN translation that keeps its placeholders; the compiled catalog is the one the
.po gives; no message is built from an f-string where a diagnostic or an error is made;
the language follows ``--lang`` or the locale, and JSON output stays English.

The Chinese goldens (tests/check/golden/*.zh.expected, tests/reports/golden/*.zh.txt) sit
beside the English ones and are regenerated the same way (``--update-golden``)."""

from __future__ import annotations

import ast
import importlib.util
import io
import json
import re
import string
import sys
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import ModuleType

import pytest

from slarules.check import check_paths
from slarules.cli import main
from slarules.errors import RuleError, render_text
from slarules.i18n import current_language, language_from_environment, use_language
from slarules.language.parser import parse

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "slarules"
CHECK_GOLDEN = ROOT / "tests" / "check" / "golden"
REPORT_GOLDEN = ROOT / "tests" / "reports" / "golden"
HOW_TO_ADD = """
How to add them (docs/i18n.md):
  1. .venv/bin/python scripts/i18n.py extract    # brings the new msgids into the catalog
  2. fill in each empty msgstr "" in src/slarules/locale/zh_CN/LC_MESSAGES/slarules.po
     (keep every {placeholder}; leading spaces and a final newline as in the msgid)
  3. .venv/bin/python scripts/i18n.py compile    # rewrites slarules.mo
  4. commit the .po and the .mo together
"""


def _load_catalog_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_script"] = module
    spec.loader.exec_module(module)
    return module


catalog = _load_catalog_script()
PO = SRC / "locale" / "zh_CN" / "LC_MESSAGES" / "slarules.po"


def _translations() -> dict[tuple[str, str | None], list[str]]:
    _header, entries = catalog.read_po(PO)
    return {(e.msgid, e.plural): e.msgstr for e in entries if e.translated}


def test_every_message_has_a_chinese_translation() -> None:
    found = catalog.source_messages()
    done = _translations()
    missing = [(files[0], key) for key, files in found.items() if key not in done]
    listed = "\n".join(f"  {where}: {key[0]!r}" for where, key in missing)
    assert not missing, (
        f"{len(missing)} message(s) have no zh_CN translation:\n{listed}\n{HOW_TO_ADD}"
    )


def test_the_extraction_finds_the_messages_of_every_stage() -> None:
    """A guard on the guard: if the extractor stopped seeing ``_()`` calls, the test above
    would pass on nothing."""
    found = catalog.source_messages()
    assert len(found) > 500
    stages = {files[0].split("/")[1] for files in found.values()}
    assert {"check", "events", "language", "engine", "report", "cli", "errors.py"} <= stages


def test_the_compiled_catalog_is_the_one_the_po_gives() -> None:
    header, entries = catalog.read_po(PO)
    compiled = PO.with_suffix(".mo").read_bytes()
    assert compiled == catalog.compile_mo(header, entries), (
        "slarules.mo is stale: run .venv/bin/python scripts/i18n.py compile" + HOW_TO_ADD
    )


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_translations_keep_placeholders_and_layout() -> None:
    """A translation may leave a placeholder out (Chinese has no article: ``{article}``)
    but never invent one, which would fail at run time; it keeps the indentation of a
    report line and a final newline (a single leading space may go: Chinese punctuation
    needs none)."""
    bad = []
    for (msgid, plural), strings in _translations().items():
        for text in strings:
            if not _fields(text) <= _fields(msgid) | _fields(plural or ""):
                bad.append(f"{msgid!r}: unknown placeholder in {text!r}")
            lead = len(msgid) - len(msgid.lstrip(" "))
            indented = lead >= 2 and text[:lead] != msgid[:lead]
            if indented or msgid.endswith("\n") != text.endswith("\n"):
                bad.append(f"{msgid!r}: leading spaces or final newline differ in {text!r}")
    assert not bad, "\n".join(bad)


def test_messages_use_named_placeholders_only() -> None:
    """``{}`` or ``{0}`` cannot be reordered by a translator."""
    positional = [
        m
        for m, _p in catalog.source_messages()
        if any(
            f == "" or f.isdigit()
            for f in (n for _l, n, _s, _c in string.Formatter().parse(m))
            if f is not None
        )
    ]
    assert not positional


MESSAGE_CALLS = {"report", "unknown", "at", "EventProblem", "UsageError", "RuleError"}


def _message_sites(tree: ast.AST) -> Iterator[tuple[int, ast.expr]]:
    """Arguments of the calls that make a diagnostic or an error: ``Checker.report``,
    ``Diagnostic.at``, ``EventProblem``, any ``raise …Error(…)``."""
    raised = {id(n.exc) for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.exc is not None}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        internal = name in ("RuntimeError", "AssertionError")  # a fault of slarules itself
        if name in MESSAGE_CALLS or (
            id(node) in raised and name.endswith(("Error", "Problem")) and not internal
        ):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                yield node.lineno, arg


def _english(arg: ast.expr) -> bool:
    if isinstance(arg, ast.JoinedStr):
        text = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
    elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        text = arg.value
    else:
        return False
    return re.search(r"[a-z]{2,} [a-z]{2,}", text) is not None


# Errors only a programmer sees (a wrong argument to a Python function), kept English.
PROGRAMMER_ERRORS = {"i18n.py"}


def test_no_untranslated_message_where_a_diagnostic_or_error_is_made() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in PROGRAMMER_ERRORS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, arg in _message_sites(tree):
            if _english(arg):
                found.append(f"{path.relative_to(SRC)}:{line}")
    assert not found, "wrap these messages in _() with named placeholders:\n" + "\n".join(found)


def test_no_message_is_translated_at_import_time() -> None:
    """``_()`` at module level runs once, in English, before any language is chosen: a
    table of words uses ``N_()`` and translates where the word is used."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for statement in tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_":
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not found


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins over LANG
        ({"LANGUAGE": "zh_CN:en", "LC_ALL": "C"}, "zh"),  # LANGUAGE wins over all
        ({"LANGUAGE": "", "LC_MESSAGES": "zh_CN"}, "zh"),  # empty means unset
    ],
)
def test_the_locale_chooses_the_language(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


def test_use_language_restores_the_language_before_it() -> None:
    assert current_language() == "en"
    with use_language("zh"):
        assert current_language() == "zh"
    assert current_language() == "en"
    with pytest.raises(ValueError):
        use_language("fr").__enter__()


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


BAD = """ruleset "x" { }
calendar 全天 { hours "24x7" }
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  tier P1 {
    respond 30M
  }
}
"""


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.sla"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_lang_zh_speaks_chinese_and_keeps_codes(bad_file: Path) -> None:
    code, out, _err = _cli(["check", str(bad_file), "--lang", "zh"])
    assert code == 1
    assert "错误: 30M：未知的单位 M；您是否指的是 30分钟 / 30min？ [SLR001]" in out
    assert out.endswith("1 个错误，0 个警告\n")


def test_the_locale_speaks_chinese_and_lang_en_overrides_it(
    bad_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert "未知的单位" in _cli(["check", str(bad_file)])[1]
    assert "unknown unit M" in _cli(["--lang", "en", "check", str(bad_file)])[1]


def test_json_diagnostics_stay_english_in_every_language(bad_file: Path) -> None:
    english = _cli(["check", str(bad_file), "--format", "json"])[1]
    chinese = _cli(["check", str(bad_file), "--format", "json", "--lang", "zh"])[1]
    assert english == chinese
    assert json.loads(english)[0]["message"].startswith("30M: unknown unit M")


def test_usage_errors_speak_chinese(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sla"
    code, _out, err = _cli(["--lang", "zh", "replay", str(missing), str(missing)])
    assert code == 2
    assert err == f"slarules：错误：找不到规则文件：{missing}\n"


def test_a_missing_brace_inside_a_tier_is_named() -> None:
    text = BAD.replace(
        "    respond 30M\n  }\n", "    respond 30m\n  tier P2 {\n    respond 1h\n  }\n"
    )
    assert text != BAD
    with pytest.raises(RuleError) as caught:
        parse(text, "x.sla")
    first = caught.value.diagnostics[0]
    assert first.message.startswith("“{” on line 6 is not closed: its “}” is missing before line 8")
    assert first.line == 8


ZH_CHECK_CASES = ["syntax", "references", "units", "structure", "guangxi-weights"]


@pytest.mark.parametrize("name", ZH_CHECK_CASES)
def test_chinese_check_golden(
    name: str, monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, str], None]
) -> None:
    monkeypatch.chdir(CHECK_GOLDEN)
    with use_language("zh"):
        text = render_text(check_paths([f"{name}.sla"]))
    golden(CHECK_GOLDEN / "zh" / f"{name}.expected", text)


def test_chinese_text_report_golden(golden: Callable[[Path, str], None]) -> None:
    rules = ROOT / "rulesets" / "guangxi-gat-2024.sla"
    events = ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl"
    code, out, _err = _cli(["--lang", "zh", "replay", str(rules), str(events)])
    assert code == 0
    golden(REPORT_GOLDEN / "guangxi-gat-2024.zh.txt", out)
