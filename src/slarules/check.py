"""Check stage (placeholder until the checker lands): parse errors only."""

from __future__ import annotations

from collections.abc import Iterable

from . import model as m
from .diagnostics import Diagnostic, RuleError


def check_ruleset(ruleset: m.Ruleset) -> list[Diagnostic]:
    return []


def check_paths(paths: Iterable[str]) -> list[Diagnostic]:
    from .api import read_rule_file
    from .parser import parse

    out: list[Diagnostic] = []
    for path in paths:
        try:
            out.extend(check_ruleset(parse(read_rule_file(path), path)))
        except RuleError as exc:
            out.extend(exc.diagnostics)
    return out
