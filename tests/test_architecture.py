"""The layers contract of ``src/slarules`` (docs/architecture.md): imports point down the
pipeline, never up, and no set of modules imports itself round in a circle.

Every module's imports are read with ``ast`` (nothing is imported), including those under
``if TYPE_CHECKING:`` and inside functions: a type-only or a late import that points up is
still a circle waiting to happen. The stages, lowest first (one line = one layer; stages on
the same line are independent of each other)::

    i18n                    the language of human text: _(), the gettext catalogs
    version, model,         the rule model (frozen attrs classes), the version string,
      textsafe, outfiles    escaping of control characters in printed text; atomic writes
    errors                  Diagnostic, RuleError, UsageError
    calendar, language      working time and periods | rule-file text ↔ model
    check, events           static checks of a rule file | event types, vocabulary, readers
    engine, importers       loader, tracker, clocks, evidence; engine.scoring on top of it |
                            helpdesk exports → events
    report                  Report, its JSON and text forms
    api                     load / loads / Ruleset / Tracker: wires the stages
    cli                     the slarules command
    slarules (the root)     the public names

A module may import its own stage and the stages of lower layers. Inside the engine,
``engine.scoring`` reads only the evidence and the context (``engine.evidence``,
``engine.context``), never the loader, tracker or clocks that produce them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "slarules"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"i18n"}),
    frozenset({"version", "model", "textsafe", "outfiles"}),
    frozenset({"errors"}),
    frozenset({"calendar", "language"}),
    frozenset({"check", "events"}),
    frozenset({"engine", "importers"}),
    frozenset({"report"}),
    frozenset({"api"}),
    frozenset({"scale"}),
    frozenset({"cli"}),
    frozenset({"slarules"}),
)
RANK = {stage: rank for rank, stages in enumerate(LAYERS) for stage in stages}

# What engine.scoring may read from the rest of the engine.
SCORING_READS = frozenset({"slarules.engine.evidence", "slarules.engine.context"})

# Imports inside functions are allowed only where they keep an optional extra optional:
# (module, the import statement as ``ast.unparse`` writes it).
LAZY_IMPORTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("slarules.importers.reader", "import openpyxl"),  # pip install 'slarules[xlsx]'
        ("slarules.report.xlsx", "import xlsxwriter"),  # pip install 'slarules[xlsx]'
        ("slarules.api.reports", "import pandas"),  # pip install 'slarules[pandas]'
        ("slarules.scale.cluster", "import distributed"),  # pip install 'slarules[dask]'
        ("slarules.scale.cluster", "import dask.config"),  # pip install 'slarules[dask]'
    }
)


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "slarules"


def sources(root: Path = SRC) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported(module: str, path: Path, known: Mapping[str, Path]) -> Iterator[tuple[str, ast.AST]]:
    """Every ``slarules`` module that ``module`` imports, with the import statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                yield (target if target in known else base), node
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node


def import_graph(known: Mapping[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        graph[module] = {
            target
            for target, _ in imported(module, path, known)
            if target in known and target != module
        }
    return graph


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def layer_violations(graph: Mapping[str, set[str]]) -> list[str]:
    bad = []
    for module in sorted(graph):
        for target in sorted(graph[module]):
            here, there = stage(module), stage(target)
            if here == there:
                if (
                    module.startswith("slarules.engine.scoring")
                    and not target.startswith("slarules.engine.scoring")
                    and target not in SCORING_READS
                ):
                    bad.append(f"{module} -> {target} (scoring reads only {sorted(SCORING_READS)})")
                continue
            if RANK[there] >= RANK[here]:
                bad.append(f"{module} ({here}) -> {target} ({there}): not a lower layer")
    return bad


def placement_violations(known: Mapping[str, Path]) -> list[str]:
    """Imports inside functions (unless listed in ``LAZY_IMPORTS``) and module-level
    imports after the first function or class (the end-of-file imports that hid a cycle)."""
    bad = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        seen_definition = False
        for top in tree.body:
            if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                seen_definition = True
                for node in ast.walk(top):
                    text = ast.unparse(node)
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and (
                        (module, text) not in LAZY_IMPORTS
                    ):
                        bad.append(f"{module}:{node.lineno}: import inside a function: {text}")
            elif isinstance(top, (ast.Import, ast.ImportFrom)) and seen_definition:
                bad.append(f"{module}:{top.lineno}: import after the code: {ast.unparse(top)}")
    return bad


def test_every_stage_has_a_layer() -> None:
    stages = {stage(module) for module in sources()}
    assert stages <= set(RANK), f"stages without a layer: {sorted(stages - set(RANK))}"


def test_no_import_circle() -> None:
    assert cycles(import_graph(sources())) == []


def test_imports_point_down_the_pipeline() -> None:
    assert layer_violations(import_graph(sources())) == []


def test_imports_sit_at_the_top_of_the_module() -> None:
    assert placement_violations(sources()) == []


# ---- the contract can fail ---------------------------------------------------------------


@pytest.fixture
def bad_package(tmp_path: Path) -> Path:
    """A copy of the package to which a test adds one bad import."""
    root = tmp_path / "slarules"
    for path in sources().values():
        target = root / path.relative_to(SRC)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def _add_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    marker = "from __future__ import annotations\n"
    path.write_text(text.replace(marker, marker + line + "\n", 1), encoding="utf-8")


def test_an_upward_import_is_caught(bad_package: Path) -> None:
    _add_line(bad_package / "calendar" / "periods.py", "from ..engine import evidence")
    known = sources(bad_package)
    violations = layer_violations(import_graph(known))
    assert violations == [
        "slarules.calendar.periods (calendar) -> slarules.engine.evidence (engine): "
        "not a lower layer"
    ]


def test_a_circle_is_caught(bad_package: Path) -> None:
    _add_line(bad_package / "engine" / "evidence.py", "from . import tracker")
    known = sources(bad_package)
    assert any("slarules.engine.evidence" in c for c in cycles(import_graph(known)))


def test_a_sibling_import_is_caught(bad_package: Path) -> None:
    _add_line(bad_package / "check" / "base.py", "from ..events import reader")
    violations = layer_violations(import_graph(sources(bad_package)))
    assert violations == [
        "slarules.check.base (check) -> slarules.events.reader (events): not a lower layer"
    ]


def test_scoring_reaching_into_the_tracker_is_caught(bad_package: Path) -> None:
    _add_line(bad_package / "engine" / "scoring" / "items.py", "from ..tracker import Tracker")
    violations = layer_violations(import_graph(sources(bad_package)))
    assert violations == [
        "slarules.engine.scoring.items -> slarules.engine.tracker "
        "(scoring reads only ['slarules.engine.context', 'slarules.engine.evidence'])"
    ]


def test_a_late_import_is_caught(bad_package: Path) -> None:
    path = bad_package / "report" / "text.py"
    path.write_text(path.read_text(encoding="utf-8") + "\nfrom ..engine import evidence\n")
    (bad_package / "report" / "__init__.py").write_text(
        (bad_package / "report" / "__init__.py").read_text(encoding="utf-8")
        + "\n\ndef late() -> None:\n    import json\n"
    )
    bad = placement_violations(sources(bad_package))
    assert any("slarules.report.text:" in b and "import after the code" in b for b in bad)
    assert any("slarules.report:" in b and "inside a function: import json" in b for b in bad)
