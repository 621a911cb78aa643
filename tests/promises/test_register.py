"""The register of promises (docs/promises.md, docs/promises.zh.md) cannot rot: every test
it names as a guard exists (a renamed or deleted test would leave a promise unguarded while
the page still says it is held), and every test of ``tests/promises/`` is named in it (a
promise test nobody can find from the page guards nothing anyone reads)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "docs" / "promises.md", ROOT / "docs" / "promises.zh.md"]
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def functions_of(path: Path) -> set[str]:
    """The names of the module-level test functions of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def references(page: Path) -> set[tuple[str, str]]:
    return set(REFERENCE.findall(page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_guard_named_exists(page: Path) -> None:
    named = references(page)
    assert len(named) > 100
    missing = [
        f"{path}::{name}"
        for path, name in sorted(named)
        if not (ROOT / path).is_file() or name not in functions_of(ROOT / path)
    ]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_promise_test_is_in_the_register(page: Path) -> None:
    named = references(page)
    folder = Path(__file__).parent
    unlisted = [
        f"{path.relative_to(ROOT)}::{name}"
        for path in sorted(folder.glob("test_*.py"))
        if path.name != Path(__file__).name
        for name in sorted(functions_of(path))
        if (str(path.relative_to(ROOT)), name) not in named
    ]
    assert unlisted == []


def test_both_pages_name_the_same_guards() -> None:
    english, chinese = (references(page) for page in PAGES)
    assert english == chinese
