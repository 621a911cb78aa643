"""Structural mutants of the reference rule files, and the replay that judges them.

The promise under test (SLA users sign on it): a rule file that ``check`` passes with no
error evaluates on any valid event log. A mutant starts from one of the files in
``rulesets/``, printed in canonical form (``slarules fmt``: one construct per line, no
comments), and has a few of its lines rewritten: numbers at and beyond their bounds,
parameter defaults at extremes, periods and terms changed, lines and blocks removed or
doubled (tiers, band rows, items, caps), divisions by evidence, composites of composites,
conditions that are never met. Mutants that ``check`` refuses are dropped; the others are
replayed on the ruleset's sample log and on a log generated from the mutant's own names
(benchmarks/loggen.py), at several evaluation times.

The mutations (mutations.py) are text edits on the canonical form, chosen by a
``random.Random`` that hypothesis seeds, so a failing example is reproduced by its seed.
"""

from __future__ import annotations

import json
import random
import traceback
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import slarules
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

from .mutations import MUTATIONS, Mutant

ROOT = Path(__file__).resolve().parents[3]
RULESETS = ROOT / "rulesets"
RULE_FILES = tuple(sorted(RULESETS.glob("*.sla")))

# Errors a replay may stop with because the log does not fit the mutant (a name it no
# longer declares, a judged value outside a range the mutant narrowed): the log is at
# fault, not the rule file. Everything else a clean file meets at replay is a defect.
EVENT_CODES = frozenset(
    {f"SLR{n}" for n in range(910, 924)} | {"SLR951", "SLR952", "SLR953", "SLR954"}
)


@cache
def canonical_lines(path: Path) -> tuple[str, ...]:
    """The rule file in canonical form, without comments or blank lines."""
    text = format_ruleset(parse(path.read_text(encoding="utf-8"), str(path)))
    return tuple(
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def make_mutant(seed: int, edits: int | None = None) -> Mutant:
    """The mutant of one seed: a base file and one to four edits."""
    rng = random.Random(seed)
    base = rng.choice(RULE_FILES)
    mutant = Mutant(list(canonical_lines(base)), base)
    wanted = edits if edits is not None else rng.choice([1, 1, 2, 3, 4, 6])
    tries = 0
    while len(mutant.edits) < wanted and tries < 40:
        tries += 1
        rng.choice(MUTATIONS)(mutant, rng)
    return mutant


# ---- judging a mutant -------------------------------------------------------------------


# A runtime error that a warning of ``check`` announced: the file was not clean of warnings,
# and the warning says what to write instead. Reported apart from the defects.
PREDICTED_BY = {"SLR963": "SLR133", "SLR965": "SLR118"}


@dataclass
class Verdict:
    checked: bool  # check passed with no error
    defects: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)  # runtime errors a warning announced
    replays: int = 0


def sample_log(base: Path) -> Path:
    return RULESETS / "samples" / f"{base.stem}.events.jsonl"


def generated_log(model: Any, seed: int, events: int = 150) -> tuple[list[dict[str, Any]], Any]:
    """A log built from the mutant's own names (benchmarks/loggen.py), and its vocabulary."""
    from benchmarks import loggen

    vocab = loggen.vocab_from_model(model)
    months = min(vocab.months, 24)  # a 120-month term: the first two years are enough
    vocab = type(vocab)(**{**vocab.__dict__, "months": months})
    lines = loggen.Generator(vocab, events, seed).lines()
    return [json.loads(line) for line in lines], vocab


def as_of_instants(start: date, months: int) -> list[str | None]:
    """Evaluation times: none (the log's last event), before the term, a day in, mid-term,
    after the term."""

    def stamp(d: date) -> str:
        return f"{d.isoformat()}T12:00:00+08:00"

    return [
        None,
        stamp(start - timedelta(days=40)),
        stamp(start + timedelta(days=1)),
        stamp(start + timedelta(days=15 * months)),
        stamp(start + timedelta(days=31 * months + 40)),
    ]


def _problem(where: str, exc: BaseException, warned: set[str]) -> tuple[str, bool] | None:
    """What went wrong, and whether a warning of ``check`` announced it; None for an
    error of the log (an event the mutant no longer fits)."""
    if isinstance(exc, slarules.RuleError):
        bad = [d for d in exc.diagnostics if d.code not in EVENT_CODES and d.severity == "error"]
        if not bad:
            return None
        text = f"{where}: " + "; ".join(f"{d.code} {d.message[:200]}" for d in bad[:3])
        return text, all(PREDICTED_BY.get(d.code) in warned for d in bad)
    if isinstance(exc, slarules.UsageError):
        return f"{where}: usage error {exc}", False
    tb = traceback.format_exception(exc)
    return f"{where}: traceback {type(exc).__name__}: {exc}\n" + "".join(tb[-4:]), False


def load_mutant(mutant: Mutant, require_clean: bool = True) -> slarules.Ruleset:
    """The mutant as ``slarules.loads`` gives it; ``require_clean=False`` sets the check's
    verdict aside (to show that the replay below does catch what the check lets through)."""
    if require_clean:
        return slarules.loads(mutant.text, "mutant.sla")
    return slarules.Ruleset(parse(mutant.text, "mutant.sla"))


def judge(
    mutant: Mutant, seed: int = 0, *, generated: bool = True, require_clean: bool = True
) -> Verdict:
    """Check the mutant; when clean, replay it and list what went wrong."""
    try:
        rules = load_mutant(mutant, require_clean)
    except slarules.RuleError:
        return Verdict(checked=False)
    except Exception as exc:  # check itself crashed: a defect of its own
        found = _problem("check", exc, set())
        return Verdict(checked=False, defects=[found[0] if found else "check crashed"])
    verdict = Verdict(checked=True)
    warned = {d.code for d in rules.warnings}
    logs: list[tuple[str, Any]] = [("sample", sample_log(mutant.base))]
    start, months = date(2026, 1, 1), 12
    if generated:
        try:
            events, vocab = generated_log(rules.model, seed)
        except Exception as exc:  # the test's own generator: say so, do not hide it
            found = _problem("loggen", exc, set())
            verdict.defects.append(found[0] if found else "loggen failed")
        else:
            logs.append(("generated", events))
            start, months = vocab.start, vocab.months
    for name, log in logs:
        for as_of in as_of_instants(start, months):
            verdict.replays += 1
            try:
                report = rules.replay(log, as_of=as_of, lenient=True)
                report.to_json()
                report.to_text()
            except Exception as exc:
                found = _problem(f"{name} as_of={as_of}", exc, warned)
                if found:
                    (verdict.warned if found[1] else verdict.defects).append(found[0])
    return verdict
