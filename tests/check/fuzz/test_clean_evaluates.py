"""A rule file that ``check`` passes with no error evaluates on any valid event log.

Mutants of the reference rule files (tests/check/fuzz/mutants.py: numbers at their bounds,
parameter defaults at extremes, periods and terms changed, tiers, rows, items and caps
removed or doubled, tables emptied, divisions by evidence, composites of composites,
conditions never met) are checked; those that check clean are replayed on the ruleset's
sample log and on a log generated from their own names, at four evaluation times. A runtime
rule error (SLR96x), a parameter error, a usage error or a traceback is a defect; an error
of the log (SLR91x, SLR95x: the log no longer fits the mutant) is not, nor a runtime error
that a warning of ``check`` announced (SLR133 before SLR963, SLR118 before a negative
amount's SLR965): the file was not clean of warnings.

The defects this generator found are regular tests in tests/check/test_clean_evaluates_defects.py.
"""

from __future__ import annotations

import collections

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules

from .mutants import MUTATIONS, RULE_FILES, Mutant, canonical_lines, judge, make_mutant

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
_FAST = settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_LONG = settings(_FAST, max_examples=1500)


def _assert_evaluates(seed: int) -> None:
    mutant = make_mutant(seed)
    verdict = judge(mutant, seed)
    assert not verdict.defects, (
        f"seed {seed}, {mutant.base.name}, edits {mutant.edits}:\n"
        + "\n".join(verdict.defects[:3])
        + "\n---- mutant ----\n"
        + mutant.text
    )


@_FAST
@given(SEEDS)
def test_a_mutant_that_checks_clean_evaluates(seed: int) -> None:
    _assert_evaluates(seed)


@pytest.mark.slow
@_LONG
@given(SEEDS)
def test_many_mutants_that_check_clean_evaluate(seed: int) -> None:
    _assert_evaluates(seed)


def test_every_reference_file_evaluates_unmutated() -> None:
    """The canonical form of each reference file replays as it is: the base of every mutant."""
    assert len(RULE_FILES) == 8
    for path in RULE_FILES:
        verdict = judge(Mutant(list(canonical_lines(path)), path))
        assert verdict.checked, path
        assert not verdict.defects and not verdict.warned, (path, verdict.defects)
        assert verdict.replays == 10


def test_the_generator_keeps_enough_clean_mutants_of_every_kind() -> None:
    """A generator whose mutants all fail the check would test nothing: over 60 seeds a
    good share checks clean, every base file is drawn and every mutation applies."""
    kinds: collections.Counter[str] = collections.Counter()
    bases, clean = set(), 0
    for seed in range(60):
        mutant = make_mutant(seed)
        bases.add(mutant.base.name)
        kinds.update(edit.split(":")[0] for edit in mutant.edits)
        try:
            slarules.loads(mutant.text, "mutant.sla")
        except slarules.RuleError:
            continue
        clean += 1
    assert clean >= 15, clean
    assert len(bases) == len(RULE_FILES)
    names = {f.__name__ for f in MUTATIONS}
    assert len(names) >= 12
    assert {"number", "delete", "duplicate", "period", "param", "division"} <= set(kinds)


def test_the_replay_catches_what_a_check_lets_through() -> None:
    """The judge is not blind: with the check's verdict set aside, a file that stops at
    replay (an item with two judged rules, SLR965 before SLR134) is a defect."""
    base = next(p for p in RULE_FILES if p.name == "fujian-slt-2024.sla")
    lines = list(canonical_lines(base))
    at = next(i for i, line in enumerate(lines) if line.strip() == "judged")
    mutant = Mutant([*lines[: at + 1], lines[at], *lines[at + 1 :]], base)
    verdict = judge(mutant, require_clean=False, generated=False)
    assert verdict.checked
    assert any("SLR965" in d for d in verdict.defects), verdict.defects
