"""Hypothesis strategies for hostile rule files: structurally valid (they reach the checker,
most of the time) but extreme in every value the checker must judge.

Each ``rule_files()`` example is a ``HostileFile``: the text, and the names it declares, so
a test can build event logs and deadline queries for it. The classes of input drawn:

- timezones: IANA names, regions (``Asia``), stray spaces, host aliases (``localtime``,
  ``posixrules``), wrong case, ``Factory``;
- hours: valid schedules, night shifts (``mon 23:00-01:00``), misspelt days, garbage,
  overlaps, a day named twice, empty groups, random day and time combinations;
- numbers: zero, one, the ten-year bounds and one past them, 15-digit values, for
  durations, days, workdays, cycle months, ``for N consecutive periods``, milestone delays;
- composites that read themselves or each other, kinds superseded in chains and loops;
- points tables over one to seven aggregates, bands of up to 60 rows (gaps, overlaps);
- repeated declarations, names in NFC and non-NFC spellings (U+F90A and 金);
- whitespace between tokens: tabs, form feeds, CR LF, lone CR, many blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

TIMEZONES = [
    "Asia/Shanghai",
    "UTC",
    "America/New_York",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "Asia",
    "Asia/Shanghai ",
    " Asia/Shanghai",
    "localtime",
    "posixrules",
    "asia/shanghai",
    "Factory",
    "",
]

HOURS = [
    "24x7",
    "mon-fri 09:00-17:00",
    "mon-fri 09:00-12:00,13:30-17:30",
    "daily 00:00-24:00",
    "sun 23:59-24:00",
    "mon 09:00-12:00,12:00-13:00",
    "mon-fri 08:30-12:00,14:30-17:30; sat 09:00-12:00",
    "mon 23:00-01:00",
    "xyz",
    "mon-fry 09:00-17:00",
    "fri-mon 09:00-10:00",
    "mon 09:00-10:00; mon 11:00-12:00",
    "mon 09:00-11:00,10:00-12:00",
    "mon 24:00-24:00",
    "mon 09:00-09:00",
    "mon 9:00-17:00",
    "",
    ";",
    "mon-fri",
    "daily 00:00-00:01",
]

DAY_WORDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily", "mon-fri", "sat,sun", "xx"]


def pick(draw: st.DrawFn, benign: object, hostile: st.SearchStrategy[object]) -> object:
    """``benign`` seven times in eight, else a draw from ``hostile``: a file with one
    hostile value is the interesting case; most files must still pass ``check``."""
    return benign if draw(st.integers(0, 7)) else draw(hostile)


@st.composite
def hours_strings(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 5)):
        return draw(st.sampled_from(HOURS[:7]))
    if draw(st.booleans()):
        return draw(st.sampled_from(HOURS))
    groups = []
    for _ in range(draw(st.integers(1, 3))):
        days = draw(st.sampled_from(DAY_WORDS))
        # (a day named twice across groups is one of the hostile cases)
        times = []
        for _ in range(draw(st.integers(1, 2))):
            h1, m1 = draw(st.integers(0, 25)), draw(st.sampled_from([0, 30, 59, 60]))
            h2, m2 = draw(st.integers(0, 25)), draw(st.sampled_from([0, 30, 59]))
            times.append(f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")
        groups.append(f"{days} {','.join(times)}")
    return "; ".join(groups)


BIG = 999_999_999_999_999
COUNTS = st.sampled_from([0, 1, 2, 12, 119, 120, 121, 2610, 2611, 3660, 3661, BIG])


@st.composite
def target_amounts(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)):
        return draw(st.sampled_from(["30m", "4h", "1 day", "2 workdays", "10分钟", "0m"]))
    kind = draw(st.sampled_from(["m", "h", "days", "workdays", "分钟"]))
    if kind in ("m", "分钟"):
        n = draw(st.sampled_from([0, 1, 10, 30, 600, 5_000_000, BIG]))
        return f"{n}{kind}"
    if kind == "h":
        n = draw(st.sampled_from([0, 1, 4, 24, 20800, 20801, 87360, 87361, 10**7, BIG]))
        return f"{n}h"
    n = draw(COUNTS)
    return f"{n} {kind}"


NAMES = ["故障", "金", "\uf90a", "e\u0301", "\u00e9", "x", "服务_1", "1级", '"a b"']
WHITESPACE = [" ", " ", " ", "\t", "\n", "\r\n", "\r", "\f", "\n\n\n", " \t "]


@dataclass
class HostileFile:
    text: str
    slas: dict[str, list[str]] = field(default_factory=dict)  # SLA → tiers
    kinds: list[str] = field(default_factory=list)


def _name(n: str) -> str:
    return n.strip('"')


@st.composite
def rule_files(draw: st.DrawFn) -> HostileFile:
    out: list[str] = []
    zone = pick(draw, "Asia/Shanghai", st.sampled_from(TIMEZONES))
    out.append(f'ruleset "hostile" {{ timezone "{zone}" }}')
    out.append("param start: date = 2026-01-01")
    out.append("param total: money = 100000元")
    calendars = ["c0"]
    for i in range(draw(st.integers(1, 3))):
        if i:
            calendars.append(f"c{i}")
        days = draw(st.sampled_from(["CN", "none"]))
        out.append(f'calendar c{i} {{ hours "{draw(hours_strings())}" days {days} }}')
    out.append("period 月度 = month")
    out.append("period 季度 = quarter")
    cycle = pick(draw, 12, COUNTS)
    out.append(f"period 周期 = cycle {cycle} months from start")
    kinds = draw(st.lists(st.sampled_from(NAMES[:6]), min_size=1, max_size=4))
    if draw(st.integers(0, 3)):  # NFC spellings only, three times in four
        kinds = [k for k in kinds if k not in ("e\u0301",)] or ["故障"]
    kind_names = list(dict.fromkeys(kinds))
    for kind in kinds:
        superseded = ""
        if draw(st.integers(0, 5)) == 0:
            superseded = f" superseded by {draw(st.sampled_from(kind_names))}"
        out.append(f"kind {kind}{superseded}")
    hostile = HostileFile("", kinds=[_name(k) for k in kind_names])
    for s in range(draw(st.integers(1, 2))):
        sla = f"s{s}"
        tiers = [f"t{t}" for t in range(draw(st.integers(1, 3)))]
        calendar = draw(st.sampled_from(calendars))
        lines = [f"sla {sla} {{", f"  calendar {calendar}"]
        lines.append("  metric respond from opened to responded")
        lines.append("  metric restore from opened to restored, resolved")
        if draw(st.booleans()):
            lines.append("  pause all")
        for tier in tiers:
            targets = [
                f"respond {draw(target_amounts())}",
                f"restore {draw(target_amounts())}{draw(st.sampled_from(['', ' by close']))}",
            ]
            lines.append(f"  tier {tier} {{ {'  '.join(targets)} }}")
        lines.append("}")
        out.extend(lines)
        hostile.slas[sla] = tiers
    out.append(_scorecard(draw, kinds))
    out.extend(_composites(draw))
    consecutive = pick(draw, 2, COUNTS)
    out.append(f"flag 整改 when 考核 < 65 for {consecutive} consecutive periods")
    out.append(_payment(draw))
    separator = pick(draw, " ", st.sampled_from(WHITESPACE))
    text = "\n".join(out)
    if separator != " ":
        text = text.replace(" { ", "{" + separator).replace(" }", separator + "}")
    hostile.text = text + "\n"
    return hostile


def _scorecard(draw: st.DrawFn, kinds: list[str]) -> str:
    kind = kinds[0]
    aggregates = draw(st.integers(1, 7))
    header = ", ".join([f"count({kind})"] * aggregates)
    rows = []
    for r in range(draw(st.integers(1, 4))):
        cells = ", ".join(
            draw(st.sampled_from(["[0, 1)", "[1, inf)", "[0, inf)", f"[{r}, {r + 2})", "[2, 3]"]))
            for _ in range(aggregates)
        )
        rows.append(f"{cells} -> {draw(st.sampled_from(['0', '1', '5', '10']))}")
    return (
        "scorecard 考核 per 月度 {\n"
        f"  item a max 90 {{ deduct 1 per occurrence of {kind}  deduct 2 per breach of s0 }}\n"
        f"  item b max 10 {{ points by {header} {{ {'  '.join(rows)} }} }}\n"
        "}"
    )


def _composites(draw: st.DrawFn) -> list[str]:
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        read = pick(draw, "考核", st.sampled_from([f"总{j}" for j in range(n)]))
        out.append(f"composite 总{i} per 月度 = {read} * 50% + 考核 * 50%")
    return out


def _payment(draw: st.DrawFn) -> str:
    rows = []
    n = draw(st.integers(1, 60))
    width = max(1, 100 // n)
    nudged = draw(st.integers(0, 7)) == 0  # a band with gaps or overlaps, one in eight
    for i in range(n):
        low = i * width
        nudge = draw(st.sampled_from([0, 0, 1, -1])) if nudged else 0
        high = 100 if i == n - 1 else (i + 1) * width + nudge  # type: ignore[operator]
        close = "]" if i == n - 1 else ")"
        rows.append(f"[{low}, {high}{close} -> {draw(st.integers(0, 100))}%")
    delay = pick(draw, 15, COUNTS)
    return (
        "payment per 月度 {\n"
        "  base total\n"
        f"  milestone 预付款 50% of total due {delay} workdays after invoiced\n"
        f"  pay band 考核 {{ {'  '.join(rows)} }}\n"
        "}"
    )
