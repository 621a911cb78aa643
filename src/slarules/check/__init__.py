"""Check stage: every static check of a parsed rule file (SPEC §6, §9).

``check_ruleset`` runs the checks of this package (references, units, tables,
weights, periods, payments, terms, structure, unused definitions), applies the file's
acknowledgements and returns what is left, sorted by position. ``check_paths`` reads and
parses files first, so syntax errors come back as diagnostics too.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import model as m
from ..errors import Diagnostic, RuleError, cap_repeats
from ..language.parser import parse
from ..language.source import read_rule_file
from . import (
    acknowledge,
    countries,
    deadlines,
    divisors,
    evaluable,
    horizon,
    measures,
    money,
    payments,
    periods,
    references,
    structure,
    tables,
    terms,
    units,
    usage,
    weights,
)
from .base import Checker

CHECKS = (
    references,
    structure,
    evaluable,
    units,
    divisors,
    money,
    tables,
    measures,
    weights,
    periods,
    payments,
    terms,
    deadlines,
    horizon,
    countries,
    usage,
)


def check_ruleset(ruleset: m.RuleFile) -> list[Diagnostic]:
    """Every diagnostic of a parsed ruleset that its acknowledgements leave, sorted."""
    checker = Checker(ruleset)
    for check in CHECKS:
        check.run(checker)
    kept = acknowledge.apply(checker)
    return sorted(cap_repeats(set(kept)), key=_order)


def check_paths(paths: Iterable[str]) -> list[Diagnostic]:
    """Read, parse and check each file; syntax and input errors are diagnostics too."""
    out: list[Diagnostic] = []
    for path in paths:
        try:
            out.extend(check_ruleset(parse(read_rule_file(path), path)))
        except RuleError as exc:
            out.extend(cap_repeats(exc.diagnostics))
    return sorted(out, key=_order)


def _order(d: Diagnostic) -> tuple[str, int, int, str, str, str]:
    return (d.path, d.line, d.col, d.code, d.message, d.witness or "")
