"""``check`` does work bounded by the size of its input (issue 11, resources).

Each family below grows one dimension of a rule file that used to cost more than linear
time, or could: payment bands with many rows (quadratic), bands whose rows all nest,
repeated declarations on one line (47 MB of diagnostics), unknown names (a did-you-mean for
each), composite and supersession chains (cycle detection), many calendars (hours
validation), one very long line (the quoted source line), and points tables over many
aggregates (exponential: the checker refuses them, SLR305, rather than running for
minutes).

The quick tests count work rather than time it, so that a loaded machine cannot fail them:
``check`` runs on a file and on its eight-times-larger sibling under a line tracer
(``sys.settrace``) that counts the Python lines each function runs, in the checker, the
parser (lark) and the standard library alike. Linear work runs about 8 times the lines,
quadratic 64 times. Counted per function, a quadratic loop shows even where it is a small
part of the whole: a function whose lines grow more than 16-fold between the two files
fails the test, named, with its counts (the whole run must also stay under 10-fold). The
counts are exact and the same on every machine. What a line count does not see is work
inside one C call (``x in a_list`` in a loop); the slow test still times every family at
the 2 MB limit and prints the worst time per size:

    .venv/bin/pytest tests/hostile/test_check_bounds.py -m slow -s
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest

from slarules.check import check_paths
from slarules.language.syntax import MAX_SOURCE_BYTES

HEAD = (
    'ruleset "bounds" { timezone "Asia/Shanghai" }\n'
    "period 月度 = month\n"
    'calendar c { hours "24x7" }\n'
)
SCORECARD = "scorecard 考核 per 月度 { item a max 100 { judged } }\n"


def _step(n: int) -> Decimal:
    """A row width that puts ``n`` rows inside the score domain [0, 100]: rows outside it
    cut nothing, and would not test the work per row."""
    return Decimal(100) / n


def band_rows(n: int) -> str:
    s = _step(n)
    rows = " ".join(f"[{i * s}, {(i + 1) * s}) -> {i % 100}%" for i in range(n))
    band = f"pay band 考核 {{ {rows} [100, 100] -> 0% }}"
    return HEAD + SCORECARD + f"payment per 月度 {{ base 100元 {band} }}\n"


def nested_band(n: int) -> str:
    s = _step(2 * n)
    rows = " ".join(f"[{i * s}, {100 - i * s}] -> {i % 100}%" for i in range(n))
    band = f"pay band 考核 {{ {rows} }}"
    return HEAD + SCORECARD + f"payment per 月度 {{ base 100元 {band} }}\n"


def duplicates_on_one_line(n: int) -> str:
    return HEAD + " ".join(["kind 重复"] * n) + "\n"


def unknown_references(n: int) -> str:
    kinds = "".join(f"kind k{i}\n" for i in range(n))
    rules = " ".join(f"deduct 1 per occurrence of x{i}" for i in range(n))
    return HEAD + kinds + f"scorecard s per 月度 {{ item a max 100 {{ {rules} }} }}\n"


def composite_chain(n: int) -> str:
    chain = "".join(f"composite c{i} per 月度 = c{i + 1} * 50% + 考核 * 50%\n" for i in range(n))
    return HEAD + SCORECARD + chain + f"composite c{n} per 月度 = c0 * 100%\n"


def supersession_loop(n: int) -> str:
    return HEAD + "".join(f"kind k{i} superseded by k{(i + 1) % n}\n" for i in range(n))


def calendars(n: int) -> str:
    hours = "mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00"
    return HEAD + "".join(f'calendar c{i} {{ hours "{hours}" }}\n' for i in range(1, n + 1))


def long_line(n: int) -> str:
    return HEAD + "kind a " + "b " * n + "\n"


def aggregates(n: int) -> str:
    header = ", ".join(["count(故障)"] * n)
    low, high = ", ".join(["[0, 1)"] * n), ", ".join(["[1, inf)"] * n)
    table = f"points by {header} {{ {low} -> 10  {high} -> 0 }}"
    return HEAD + "kind 故障\n" + f"scorecard s per 月度 {{ item b max 100 {{ {table} }} }}\n"


Family = Callable[[int], str]
# Each family with a size whose file takes a measurable time (about 50 KB).
FAMILIES: list[tuple[Family, int]] = [
    (band_rows, 1250),
    (nested_band, 1250),
    (duplicates_on_one_line, 4000),
    (unknown_references, 1200),
    (composite_chain, 1000),
    (supersession_loop, 2000),
    (calendars, 700),
    (long_line, 25000),
]


def check_time(tmp: Path, text: str, runs: int = 2) -> float:
    """The best of ``runs`` runs of ``check`` on ``text``, in seconds."""
    path = tmp / "bounds.sla"
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        check_paths([str(path)])
        best = min(best, time.perf_counter() - start)
    return best


# Sizes for the counted test: a tenth of the timed sizes above is enough, as counts need
# no measurable time (the traced pair of files takes about a second).
COUNTED_SHARE = 10
# Linear work grows 8-fold; the count of a function that grows more than this is not linear.
FUNCTION_GROWTH = 16
WHOLE_GROWTH = 10
# A function that runs fewer lines than this on the larger file is left out of the
# per-function comparison: setting-up code runs a fixed handful of lines, whatever grows.
SIGNIFICANT_LINES = 2000


def lines_per_function(tmp: Path, text: str) -> Counter[CodeType]:
    """The Python lines ``check`` runs on ``text``, per function (its code object). Run
    once untraced first, so that imports and caches filled on first use are not counted,
    and with the ``re`` module's cache emptied, so that both files compile their patterns
    alike (a file with more patterns than the cache holds would otherwise compile again
    what the smaller one found cached)."""
    path = tmp / "bounds.sla"
    path.write_text(text, encoding="utf-8")
    check_paths([str(path)])
    counts: Counter[CodeType] = Counter()

    def in_frame(frame: FrameType, event: str, arg: object) -> Any:
        if event == "line":
            counts[frame.f_code] += 1
        return in_frame

    def on_call(frame: FrameType, event: str, arg: object) -> Any:
        counts[frame.f_code] += 1
        return in_frame

    re.purge()
    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        check_paths([str(path)])
    finally:
        sys.settrace(previous)
    return counts


def _where(code: CodeType) -> str:
    return f"{Path(code.co_filename).name}:{code.co_firstlineno} {code.co_name}"


def superlinear(small: Counter[CodeType], large: Counter[CodeType]) -> list[str]:
    """The functions whose lines grow more than ``FUNCTION_GROWTH``-fold, with their counts."""
    return [
        f"{_where(code)}: {small[code]} → {lines} lines"
        for code, lines in large.most_common()
        if lines >= SIGNIFICANT_LINES and lines > FUNCTION_GROWTH * small[code]
    ]


@pytest.mark.parametrize(("family", "n"), FAMILIES, ids=[f.__name__ for f, _ in FAMILIES])
def test_eight_times_the_input_runs_about_eight_times_the_lines(
    tmp_path: Path, family: Family, n: int
) -> None:
    size = n // COUNTED_SHARE
    small = lines_per_function(tmp_path, family(size))
    large = lines_per_function(tmp_path, family(8 * size))
    assert superlinear(small, large) == []
    whole_small, whole_large = sum(small.values()), sum(large.values())
    assert whole_large < WHOLE_GROWTH * whole_small, f"{whole_small} → {whole_large} lines"


@pytest.mark.parametrize("n", [8, 12, 20, 40])
def test_many_aggregates_are_refused_quickly(tmp_path: Path, n: int) -> None:
    """3^n cells: 12 aggregates took over 60 s before the budget."""
    path = tmp_path / "aggregates.sla"
    path.write_text(aggregates(n), encoding="utf-8")
    start = time.perf_counter()
    codes = {d.code for d in check_paths([str(path)])}
    assert time.perf_counter() - start < 3.0
    assert ("SLR305" in codes) == (3**n * 2 * n > 1_000_000)


def test_the_output_is_bounded_whatever_the_repetition(tmp_path: Path) -> None:
    path = tmp_path / "dup.sla"
    path.write_text(duplicates_on_one_line(20000), encoding="utf-8")
    diagnostics = check_paths([str(path)])
    assert len(diagnostics) <= 2 * 21
    assert sum(len(d.render()) for d in diagnostics) < 20_000


def fill(family: Family, n: int) -> tuple[int, str]:
    """The largest size of ``family`` (doubling from ``n``) whose file fits in 2 MB."""
    while len(family(2 * n).encode()) < MAX_SOURCE_BYTES:
        n *= 2
    return n, family(n)


@pytest.mark.slow
def test_worst_time_per_input_size_at_the_2_mb_limit(tmp_path: Path) -> None:
    """Every family at the largest size under 2 MB finishes (the table is printed with
    -s). The bound is generous because CI machines are shared; the quick tests above are
    the ones that catch a return to quadratic work."""
    rows = []
    for family, n in FAMILIES:
        size, text = fill(family, n)
        seconds = check_time(tmp_path, text)
        kilobytes = len(text.encode()) / 1024
        rows.append((family.__name__, size, kilobytes, seconds))
        assert seconds < 90, family.__name__  # about 20 s on an idle machine at worst
    print()
    for name, size, kilobytes, seconds in rows:
        rate = seconds / (kilobytes / 1024)
        print(f"{name:24s} n={size:7d} {kilobytes:7.0f} KB {seconds:6.2f} s  {rate:5.2f} s/MB")
