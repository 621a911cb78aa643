"""Time to refuse (or skip with ``lenient``) hostile event lines, per class and log size.

    .venv/bin/python -m benchmarks.hostile_inputs [--sizes 1000,10000,100000]

For each class of hostile line (docs/reliability.md) it writes a log of N lines — every
other line a valid event, the rest of that class — and replays it against
tests/hostile/hostile.sla strictly (every bad line listed, exit 1) and with ``lenient``
(skipped and listed), printing the seconds and the microseconds per line. Time per line
that stays flat as N grows is the "bounded by input size" promise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import slarules
from slarules.errors import RuleError

RULES = Path(__file__).resolve().parent.parent / "tests" / "hostile" / "hostile.sla"
AT = "2026-03-02T10:00:00-05:00"


def _valid(i: int) -> str:
    return json.dumps(
        {"at": AT, "type": "opened", "ticket": f"T{i}", "sla": "故障", "tier": "紧急"},
        ensure_ascii=False,
    )


def _opened(extra: str) -> str:
    return '{"at": "' + AT + '", "type": "opened", "sla": "故障", "tier": "紧急", ' + extra + "}"


CLASSES: dict[str, Callable[[int], str]] = {
    "deep nesting (3,000 levels)": lambda i: _opened(
        f'"ticket": "D{i}", "x-d": ' + "[" * 3000 + "]" * 3000
    ),
    "lone surrogate": lambda i: _opened(f'"ticket": "S{i}\\ud800"'),
    "repeated key": lambda i: _opened(f'"ticket": "R{i}", "ticket": "R{i}b"'),
    "control characters": lambda i: _opened(f'"ticket": "C{i}\\n\\u001b[2J", "tier": "x"'),
    "10,000-digit ticket id": lambda i: _opened('"ticket": "' + "9" * 10_000 + f'{i}", "sla": 1'),
    "number 1e-100000000": lambda i: (
        '{"at": "' + AT + '", "type": "occurrence", "kind": "扣分单位", "count": 1e-100000000}'
    ),
    "number 1e28": lambda i: (
        '{"at": "' + AT + '", "type": "score", "scorecard": "采购人评分", "score": 1e28}'
    ),
    "timestamp 9999-12-31T23:00-12:00": lambda i: (
        '{"at": "9999-12-31T23:00-12:00", "type": "opened", "ticket": "Y"}'
    ),
    "not JSON": lambda i: "{" * 50 + "x",
}


def measure(sizes: Sequence[int]) -> list[tuple[str, int, float, float]]:
    rules = slarules.load(RULES)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, hostile in CLASSES.items():
            for n in sizes:
                path = Path(tmp) / "events.jsonl"
                lines = (_valid(i) if i % 2 else hostile(i) for i in range(n))
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                started = time.perf_counter()
                with contextlib.suppress(RuleError):
                    rules.replay(path)
                strict = time.perf_counter() - started
                started = time.perf_counter()
                rules.replay(path, lenient=True)
                lenient = time.perf_counter() - started
                rows.append((name, n, strict, lenient))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_inputs")
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{'class':36} {'lines':>8} {'strict s':>9} {'µs/line':>8} {'lenient s':>10} {'µs/line':>8}"
    )
    for name, n, strict, lenient in measure(sizes):
        print(
            f"{name:36} {n:>8} {strict:>9.2f} {strict / n * 1e6:>8.0f} "
            f"{lenient:>10.2f} {lenient / n * 1e6:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
