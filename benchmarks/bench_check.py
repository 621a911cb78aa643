"""Checking: parse and check a generated 5,000-line rule file, against lark's raw parse.

The reference is the very LALR parser slarules builds (same grammar, same options, positions
on) parsing the same text into a lark tree, nothing else.  slarules' side is what
``slarules check`` does per file: the bounds check, the parse, the model builder, and every
static check (references, units, bands and grade tables over their whole domain, weights,
periods).  Target: at most 3× the raw parse.
"""

from __future__ import annotations

from .common import Row, best_of, fmt_ratio, fmt_seconds, say
from .rulegen import rule_file

TARGET_RATIO = 3.0


def run(lines: int = 5000, repeat: int = 3) -> Row:
    from slarules.check import check_ruleset
    from slarules.errors import ERROR
    from slarules.language.parser import lark_parser, parse

    path = rule_file(lines)
    text = path.read_text(encoding="utf-8")
    parser = lark_parser()
    say(f"check: lark parse and slarules check of a {len(text.splitlines()):,}-line file")
    raw, _ = best_of(repeat, lambda: parser.parse(text))

    def parse_and_check() -> list[object]:
        return list(check_ruleset(parse(text, str(path))))

    ours, diagnostics = best_of(repeat, parse_and_check)
    errors = [d for d in diagnostics if getattr(d, "severity", None) == ERROR]
    ratio = ours / raw
    notes = [f"{len(text.splitlines()):,} lines, {len(text.encode('utf-8')) // 1024} KiB"]
    passed = ratio <= TARGET_RATIO
    if diagnostics:
        notes.append(f"{len(diagnostics)} diagnostics, {len(errors)} errors (expected none)")
        passed = passed and not errors
    return Row(
        name=f"check {lines:,}-line rule file",
        ours=fmt_seconds(ours),
        reference=f"{fmt_seconds(raw)} (lark)",
        ratio=fmt_ratio(ratio),
        target=f"≤ {TARGET_RATIO:g}× lark",
        passed=passed,
        notes=tuple(notes),
    )
