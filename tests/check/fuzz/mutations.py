"""The mutations: text edits on a rule file in canonical form (``slarules fmt``: one
construct per line, no comments), each chosen by the ``random.Random`` it is given.

Each mutation picks a line it applies to, rewrites it (or removes, doubles or adds lines)
and records what it did in ``Mutant.edits``; it returns False when the file has nothing it
applies to. Whether the result still checks is not its concern: mutants.py keeps those
that do.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# ---- reading names out of canonical lines ---------------------------------------------

_DECL = re.compile(r"^\s*(scorecard|composite|measure|param|period|sla|kind)\s+(\S+)")


def declared(lines: Iterable[str], keyword: str) -> list[str]:
    return [m.group(2) for line in lines if (m := _DECL.match(line)) and m.group(1) == keyword]


def _money_params(lines: Iterable[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := re.match(r"^param (\S+): money\b", line))]


# ---- splitting a line into code and quoted text ---------------------------------------

_STRING = re.compile(r'"([^"\\\n]|\\["\\n])*"')


def _code_parts(line: str) -> list[tuple[int, int]]:
    """The (start, end) ranges of ``line`` outside quoted strings."""
    parts, at = [], 0
    for m in _STRING.finditer(line):
        parts.append((at, m.start()))
        at = m.end()
    parts.append((at, len(line)))
    return parts


# A number not part of a date, a name (`1级`, `2级`), a month-day or a decimal's tail.
_NUMBER = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)(?![\d.\-]|[^\W\d_](?<![分日天月个元万次%]))")


def _numbers(line: str) -> list[tuple[int, int]]:
    found = []
    for start, end in _code_parts(line):
        for m in _NUMBER.finditer(line, start, end):
            if re.match(r"\d{4}-\d{2}-\d{2}", line[m.start() : m.start() + 10]):
                continue
            found.append(m.span(1))
    return found


# ---- the mutations ----------------------------------------------------------------------

EXTREME_NUMBERS = ("0", "1", "0.5", "2", "59.5", "99.99", "100", "101", "120", "1000", "999999")


@dataclass
class Mutant:
    lines: list[str]
    base: Path
    edits: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


Mutation = Callable[[Mutant, random.Random], bool]


def _pick(rng: random.Random, items: list[Any]) -> Any:
    return items[rng.randrange(len(items))] if items else None


def _matching(m: Mutant, pattern: str) -> list[int]:
    rx = re.compile(pattern)
    return [i for i, line in enumerate(m.lines) if rx.search(line)]


def _replace(m: Mutant, i: int, new: str, why: str) -> bool:
    if new == m.lines[i]:
        return False
    m.edits.append(f"{why}: {m.lines[i].strip()[:90]!r} -> {new.strip()[:90]!r}")
    m.lines[i] = new
    return True


def mutate_number(m: Mutant, rng: random.Random) -> bool:
    """A number (a target, a max, a cap, a band bound, an amount) at an extreme."""
    spots = [(i, s) for i, line in enumerate(m.lines) for s in _numbers(line)]
    if not spots:
        return False
    i, (start, end) = rng.choice(spots)
    line = m.lines[i]
    return _replace(m, i, line[:start] + rng.choice(EXTREME_NUMBERS) + line[end:], "number")


def mutate_interval_bound(m: Mutant, rng: random.Random) -> bool:
    """A band or grade bound moved, or its bracket flipped: gaps and overlaps."""
    rx = re.compile(r"([\[(])\s*(-?[^,\[\]()]+?)\s*,\s*(-?[^,\[\]()]+?)\s*([\])])")
    spots = [(i, mt) for i, line in enumerate(m.lines) for mt in rx.finditer(line)]
    if not spots:
        return False
    i, mt = rng.choice(spots)
    left, low, high, right = mt.groups()
    choice = rng.randrange(4)
    if choice == 0:
        left = "(" if left == "[" else "["
    elif choice == 1:
        right = ")" if right == "]" else "]"
    elif choice == 2:
        low = rng.choice(["-inf", "0", "-100", "50", "89.5", "100"])
    else:
        high = rng.choice(["inf", "0", "60", "90", "99.99", "100", "1000"])
    line = m.lines[i]
    new = line[: mt.start()] + f"{left}{low}, {high}{right}" + line[mt.end() :]
    return _replace(m, i, new, "interval")


def _block_end(lines: list[str], i: int) -> int:
    """The index after the block that opens at line ``i`` (or after line ``i``)."""
    depth = 0
    for j in range(i, len(lines)):
        code = "".join(lines[j][a:b] for a, b in _code_parts(lines[j]))
        depth += code.count("{") - code.count("}")
        if depth <= 0:
            return j + 1
    return len(lines)


def _removable(m: Mutant) -> list[int]:
    return [
        i
        for i, line in enumerate(m.lines)
        if line.strip() != "}" and not line.startswith("ruleset ")
    ]


def delete_block(m: Mutant, rng: random.Random) -> bool:
    """A line or a whole block removed: a tier, a band row, an item, a cap, a payment line."""
    i = _pick(rng, _removable(m))
    if i is None:
        return False
    end = _block_end(m.lines, i)
    m.edits.append(f"delete: {m.lines[i].strip()[:90]!r} ({end - i} lines)")
    del m.lines[i:end]
    return True


def duplicate_block(m: Mutant, rng: random.Random) -> bool:
    """A line or block doubled (a tier or item under a new name): overlaps, sums above 100."""
    i = _pick(rng, [i for i in _removable(m) if m.lines[i].startswith(" ")])
    if i is None:
        return False
    end = _block_end(m.lines, i)
    copy = list(m.lines[i:end])
    rename = re.match(r"^(\s*)(tier|item|group)\s+(\S+)", copy[0])
    if rename:
        _indent, word, name = rename.groups()
        copy[0] = copy[0].replace(f"{word} {name}", f"{word} {name}副本", 1)
    m.edits.append(f"duplicate: {copy[0].strip()[:90]!r} ({end - i} lines)")
    m.lines[end:end] = copy
    return True


PERIOD_KINDS = (
    "month",
    "quarter",
    "year",
    "cycle 1 months from {anchor} for 1",
    "cycle 12 months from {anchor} for 10",
    "cycle 120 months from {anchor} for 1",
    "cycle 1 months from {anchor} for 120",
    "cycle 3 months from {anchor}",
    "cycle 12 months from {anchor} through 2026-12-31",
    "cycle 6 months from 2026-01-31 for 4",
)


def mutate_period(m: Mutant, rng: random.Random) -> bool:
    """A period's kind changed (month/quarter/year/cycle), its term of 1 to 120 months."""
    i = _pick(rng, _matching(m, r"^period \S+ = "))
    if i is None:
        return False
    line = m.lines[i]
    anchor = re.search(r"from (\S+)", line)
    kind = rng.choice(PERIOD_KINDS).format(anchor=anchor.group(1) if anchor else "2026-01-01")
    head, _, rest = line.partition(" = ")
    cite = rest[rest.index(" cite ") :] if " cite " in rest else ""
    return _replace(m, i, f"{head} = {kind}{cite}", "period")


def mutate_rolling(m: Mutant, rng: random.Random) -> bool:
    """A measure made rolling over 1 to 120 months (or its rolling window removed)."""
    i = _pick(rng, _matching(m, r"^measure \S+ per \S+"))
    if i is None:
        return False
    line = m.lines[i]
    if " rolling " in line:
        new = re.sub(r" rolling \d+ months?", "", line, count=1)
    else:
        months = rng.choice([1, 2, 12, 120])
        new = re.sub(r"^(measure \S+ per \S+)", rf"\1 rolling {months} months", line)
    return _replace(m, i, new, "rolling")


PARAM_EXTREMES = {
    "money": ("0元", "0.01元", "1元", "99999999元"),
    "percent": ("0%", "100%", "1000%"),
    "number": ("0", "1", "120", "999999"),
    "points": ("0", "100", "1000"),
    "date": ("1990-01-01", "2026-02-28", "2099-12-31", "2024-01-31"),
    "bool": ("true", "false"),
    "duration": ("0m", "1m", "100000h"),
}


def mutate_param(m: Mutant, rng: random.Random) -> bool:
    """A parameter's default at an extreme of its type."""
    rx = r"^param (\S+): (\w+) = (\S+)"
    i = _pick(rng, _matching(m, rx))
    if i is None:
        return False
    line = m.lines[i]
    mt = re.match(rx, line)
    assert mt
    extremes = PARAM_EXTREMES.get(mt.group(2))
    if not extremes:
        return False
    value = rng.choice(extremes)
    if mt.group(2) == "money":  # keep the file's currency
        unit = re.sub(r"^[\d.]+\s*", "", mt.group(3)) or "元"
        value = re.sub(r"元$", "", value) + unit if unit != "元" else value
    return _replace(m, i, line[: mt.start(3)] + value + line[mt.end(3) :], "param")


def mutate_cap(m: Mutant, rng: random.Random) -> bool:
    """A cap of 0, or a cap added where there was none."""
    capped = _matching(m, r"\bcap [\d.]+")
    uncapped = _matching(m, r"^\s+(deduct|award) .* per .*(occurrence|breach|day late|unit)")
    if capped and (not uncapped or rng.random() < 0.5):
        i = rng.choice(capped)
        return _replace(m, i, re.sub(r"\bcap [\d.]+", "cap 0", m.lines[i], count=1), "cap")
    i = _pick(rng, uncapped)
    if i is None:
        return False
    line = m.lines[i]
    cut = line.index(" cite ") if " cite " in line else len(line)
    cap = rng.choice(["0", "0.5", "1000"])
    return _replace(m, i, line[:cut] + f" cap {cap}" + line[cut:], "cap")


def _values_of(m: Mutant, period: str | None = None) -> list[str]:
    """Names that are numbers in an expression: scorecards, composites, measures."""
    out = []
    for line in m.lines:
        mt = re.match(r"^(scorecard|composite|measure) (\S+) per (\S+)", line)
        if mt and (period is None or mt.group(3) == period):
            out.append(mt.group(2))
    return out


def mutate_division(m: Mutant, rng: random.Random) -> bool:
    """A money amount divided by an expression that reads the evidence."""
    money = _money_params(m.lines)
    payments = [
        (i, p)
        for i, line in enumerate(m.lines)
        if (p := re.match(r"^payment per (\S+)", line))
        for _ in [0]
    ]
    if not money or not payments:
        return False
    start, mt = rng.choice(payments)
    period = mt.group(1)
    end = _block_end(m.lines, start)
    spots = [
        i for i in range(start + 1, end) if re.search(rf"\b{re.escape(money[0])}\b", m.lines[i])
    ]
    spots += [i for p in money[1:] for i in range(start + 1, end) if p in m.lines[i]]
    i = _pick(rng, spots)
    if i is None:
        return False
    values = _values_of(m, period) or ["1"]
    v = rng.choice(values)
    divisor = rng.choice(
        [v, f"({v} - 50)", f"max({v}, 1)", f"(100 - {v})", f"if {v} > 0 then {v} else 1 end"]
    )
    name = next(p for p in money if p in m.lines[i])
    new = m.lines[i].replace(name, f"({name} / {divisor})", 1)
    return _replace(m, i, new, "division")


def add_composite(m: Mutant, rng: random.Random) -> bool:
    """A composite of a composite (or of a scorecard), with a flag and a payment line on it."""
    composites = [
        re.match(r"^composite (\S+) per (\S+)", line)
        for line in m.lines
        if line.startswith("composite ")
    ]
    cards = [re.match(r"^scorecard (\S+) per (\S+)", line) for line in m.lines]
    bases = [c for c in composites if c] or [c for c in cards if c]
    if not bases:
        return False
    base = rng.choice(bases)
    name, period = base.group(1), base.group(2)
    others = [v for v in _values_of(m, period) if v != name] or [name]
    other = rng.choice(others)
    expr = rng.choice(
        [
            f"{name} * 40% + {other} * 60%",
            f"({name} + {other}) / 2",
            f"min({name}, {other})",
            f"{name} - {other}",
            f"mean({name})",
        ]
    )
    lines = [f"composite 套娃{len(m.edits)} per {period} = {expr}"]
    lines.append(f"composite 套娃套娃{len(m.edits)} per {period} = 套娃{len(m.edits)} * 0.5")
    lines.append(f"flag 套娃旗{len(m.edits)} when 套娃套娃{len(m.edits)} < 30")
    m.edits.append(f"composite: {expr!r}")
    m.lines.extend(lines)
    return True


NEVER = ("1 > 2", "{v} < -1000", "{v} > 1000000", "{v} < 0 and {v} > 0")


def mutate_condition(m: Mutant, rng: random.Random) -> bool:
    """A `when` condition replaced by one that is never (or always) met."""
    rx = r"\bwhen (.+?)( cite \".*\")?( \{)?$"
    spots = [
        i
        for i in _matching(m, rx)
        if not re.search(r"\bwhen (cause|occurrence)\b", m.lines[i])
        and not re.search(r"^\s+\w+ .*(\d|agreed).* when \S+( cite|$)", m.lines[i])
    ]
    i = _pick(rng, spots)
    if i is None:
        return False
    values = _values_of(m) or ["1"]
    cond = rng.choice((*NEVER, "{v} >= 0", "{v} <= 100")).format(v=rng.choice(values))
    mt = re.search(rx, m.lines[i])
    assert mt
    line = m.lines[i]
    new = line[: mt.start(1)] + cond + line[mt.end(1) :]
    return _replace(m, i, new, "condition")


def mutate_scorecard_max(m: Mutant, rng: random.Random) -> bool:
    """A scorecard's items made to sum to more or less than 100 via one item's max."""
    i = _pick(rng, _matching(m, r"^\s+(item|group) \S+ max [\d.]+"))
    if i is None:
        return False
    top = rng.choice(["0", "1", "5", "60", "100", "200"])
    new = re.sub(r"\bmax [\d.]+", f"max {top}", m.lines[i], count=1)
    return _replace(m, i, new, "max")


def mutate_empty_table(m: Mutant, rng: random.Random) -> bool:
    """A table, band or grade list emptied (every row removed)."""
    heads = _matching(m, r"(points by|pay band|deduct band|judged|by date|\blateness of).*\{$")
    i = _pick(rng, heads)
    if i is None:
        return False
    end = _block_end(m.lines, i)
    if end - i <= 2:
        return False
    m.edits.append(f"empty table: {m.lines[i].strip()[:90]!r}")
    del m.lines[i + 1 : end - 1]
    return True


def _periods(m: Mutant) -> list[str]:
    return [mt.group(1) for line in m.lines if (mt := re.match(r"^period (\S+) = ", line))]


def swap_reference(m: Mutant, rng: random.Random) -> bool:
    """A name read somewhere replaced by another of its sort: a scorecard, composite or
    measure per another period; an expression reading a value of another period."""
    periods = [*_periods(m), "月份", "季度", "年份"]
    if rng.random() < 0.5:
        i = _pick(rng, _matching(m, r"^(scorecard|composite|measure|payment) .*\bper \S+"))
        if i is None:
            return False
        if not any(line.startswith("period 月份 ") for line in m.lines):
            # Before the first declaration that reads a period (an earlier edit may have
            # deleted every period line), so that `i` moves by the three lines.
            m.lines[i:i] = ["period 月份 = month", "period 季度 = quarter", "period 年份 = year"]
            i += 3
        new = re.sub(r"\bper (\S+)", f"per {rng.choice(periods)}", m.lines[i], count=1)
        return _replace(m, i, new, "swap period")
    values = _values_of(m)
    if len(values) < 2:
        return False
    spots = [
        (i, v)
        for i, line in enumerate(m.lines)
        for v in values
        if not line.startswith(("scorecard", "composite", "measure"))
        and re.search(
            rf"(?<![\w.]){re.escape(v)}(?![\w.])", "".join(line[a:b] for a, b in _code_parts(line))
        )
    ]
    if not spots:
        return False
    i, v = rng.choice(spots)
    other = rng.choice([x for x in values if x != v])
    new = re.sub(rf"(?<![\w.\"]){re.escape(v)}(?![\w.])", other, m.lines[i], count=1)
    return _replace(m, i, new, "swap value")


def judged_amount(m: Mutant, rng: random.Random) -> bool:
    """A fixed deduction made judged (``deduct judged [0, N] per …``), or a ``judged`` rule
    added to an item that counts."""
    rx = r"^(\s+)(deduct|award) ([\d.]+) per "
    i = _pick(rng, _matching(m, rx))
    if i is None:
        return False
    mt = re.match(rx, m.lines[i])
    assert mt
    if rng.random() < 0.5:
        new = m.lines[i].replace(
            f"{mt.group(2)} {mt.group(3)} per", f"{mt.group(2)} judged [0, {mt.group(3)}] per", 1
        )
        return _replace(m, i, new, "judged amount")
    m.edits.append(f"judged rule beside: {m.lines[i].strip()[:90]!r}")
    m.lines.insert(i, f"{mt.group(1)}judged")
    return True


def add_payment_line(m: Mutant, rng: random.Random) -> bool:
    """A payment line of another form on a value of the payment's period."""
    heads = _matching(m, r"^payment per \S+")
    money = _money_params(m.lines)
    if not heads or not money:
        return False
    head = rng.choice(heads)
    period = re.match(r"^payment per (\S+)", m.lines[head])
    assert period
    values = _values_of(m, period.group(1))
    kinds = declared(m.lines, "kind")
    if not values:
        return False
    v, p = rng.choice(values), rng.choice(money)
    fraction = rng.choice(["prorated", "up", "down"])
    options = [
        f"deduct 1% of {p} per point below 90 in {v} fraction {fraction}",
        f"deduct band {v} of {p} {{ [90, 100] -> 0%  [0, 90) -> 5% }}",
        f"pay band {v} {{ [60, 100] -> 100%  [0, 60) -> 50% }}",
        f"credit 5% of {p} when {v} < 90",
        f"deduct 1% of {p} per point of 100 - {v} cap 10% of {p}",
        f"damages 10% of {p} when {v} < 60",
        f"deduct {p} * (100 - {v}) / 100 when {v} < 95",
        f"flag 旗{len(m.edits)} when {v} < 60 for 2 consecutive periods",
    ]
    if kinds:
        options.append(f"credit 1% of {p} per occurrence of {rng.choice(kinds)} cap 5% of {p}")
        options.append(f"damages 100元 per occurrence of {rng.choice(kinds)}")
    line = "  " + rng.choice(options)
    end = _block_end(m.lines, head)
    m.edits.append(f"payment line: {line.strip()!r}")
    m.lines.insert(end - 1, line)
    return True


def add_measure(m: Mutant, rng: random.Random) -> bool:
    """A measure of another form (rate, breaches, aggregate, periods where), maybe rolling,
    read by a flag."""
    periods = _periods(m)
    metric = None
    for line in m.lines:
        if mt := re.match(r"^sla (\S+)", line):
            sla = mt.group(1)
        if mt := re.match(r"^\s+metric (\S+) from", line):
            metric = f"{sla}.{mt.group(1)}"
    if not periods:
        return False
    period = rng.choice(periods)
    name = f"度量{len(m.edits)}"
    bodies = [f"count of {period} where {v} < 80" for v in _values_of(m, period)]
    if metric:
        bodies += [
            f"percent of {metric} met",
            f"percent of {metric} met if no tickets 100%",
            f"count of breaches of {metric}",
            f"count of breached tickets of {metric.split('.')[0]}",
            f"downtime({metric})",
            f"mttr({metric})",
            f"availability({metric})",
            f"count({metric.split('.')[0]})",
        ]
    if not bodies:
        return False
    rolling = rng.choice(["", "", " rolling 3 months", " rolling 12 months", " rolling 1 months"])
    body = rng.choice(bodies)
    m.edits.append(f"measure: {body!r}{rolling}")
    m.lines.append(f"measure {name} per {period}{rolling} = {body}")
    m.lines.append(f"flag 旗{name} when {name} > {rng.choice(['0', '50', '99.5%', '1h'])}")
    return True


ITEM_OPTIONS = (" no floor", " cap 0", " cap 5", " default 0", " default 5", " default 100")


def toggle_option(m: Mutant, rng: random.Random) -> bool:
    """An option added or changed: ``no floor``, an item cap or default, a judged step,
    ``retier restart``/``remeasure allow full``, ``pause all``, ``warn at``."""
    choice = rng.randrange(4)
    if choice == 0:
        i = _pick(rng, _matching(m, r"^\s+item \S+ max [\d.]+"))
        if i is None:
            return False
        mt = re.match(r"^(\s+item \S+ max [\d.]+)", m.lines[i])
        assert mt
        new = mt.group(1) + rng.choice(ITEM_OPTIONS) + m.lines[i][mt.end() :]
        return _replace(m, i, new, "item option")
    if choice == 1:
        i = _pick(rng, _matching(m, r"^\s+judged( |$)"))
        if i is None:
            return False
        step = rng.choice(["0.5", "1", "3", "100"])
        new = re.sub(r"judged( step [\d.]+)?", f"judged step {step}", m.lines[i], count=1)
        return _replace(m, i, new, "judged step")
    if choice == 2:
        i = _pick(rng, _matching(m, r"^\s+retier "))
        if i is None:
            return False
        mode = rng.choice(["retier restart", "retier remeasure", "retier remeasure allow full"])
        new = re.sub(r"retier \w+( allow \S+)?", mode, m.lines[i], count=1)
        return _replace(m, i, new, "retier")
    i = _pick(rng, _matching(m, r"^sla \S+"))
    if i is None:
        return False
    extra = rng.choice(["  pause all", "  warn at 50%, 100%", "  retier restart"])
    m.edits.append(f"sla line: {extra.strip()!r}")
    m.lines.insert(i + 1, extra)
    return True


MUTATIONS: tuple[Mutation, ...] = (
    toggle_option,
    swap_reference,
    judged_amount,
    add_payment_line,
    add_measure,
    mutate_number,
    mutate_number,
    mutate_interval_bound,
    delete_block,
    duplicate_block,
    mutate_period,
    mutate_rolling,
    mutate_param,
    mutate_cap,
    mutate_division,
    add_composite,
    mutate_condition,
    mutate_scorecard_max,
    mutate_empty_table,
)
