"""Hostile rule files: the promises of ``slarules check`` (issue 11, rule-file part).

1. ``check`` never raises: on any file it prints diagnostics and exits 0 or 1.
2. A file that ``check`` accepts (no error) evaluates: it replays an empty log and a small
   random log, and gives ``deadline`` for each SLA and tier, with no exception other than
   an event error that names the event (SLR91x) — never an internal error, never a rule
   error that ``check`` should have reported.
3. Each class of file that used to pass ``check`` and then fail at evaluation is now refused
   by ``check`` with a located diagnostic (one test per class, the issue's examples first).
4. Positions: tabs, form feeds, U+2028, lone CR and CR LF put line numbers and carets where
   lark puts them; names are compared in NFC.
5. A FIFO is refused without blocking (SLR005); a file over 2 MB is refused from its size.

The generator (``rule_files``) draws structurally valid files with hostile values. The
classes it draws:

- timezones: IANA names, regions (``Asia``), stray spaces, host aliases (``localtime``,
  ``posixrules``), wrong case, ``Factory``;
- hours (SLR140): valid schedules, night shifts (``mon 23:00-01:00``), misspelt days, garbage,
  overlaps, a day named twice, empty groups, random day and time combinations;
- numbers: zero, one, the ten-year bounds and one past them, 15-digit values, for
  durations, days, workdays, cycle months and terms, ``for N consecutive periods``,
  milestone delays; dates in year 9999 and 1800;
- composites that read themselves or each other, kinds superseded in chains and loops;
- points tables over one to seven aggregates, bands of up to 60 rows (gaps, overlaps);
- expressions nested in up to 300 parentheses (the limit is 64: SLR004);
- repeated declarations, names in NFC and non-NFC spellings (U+F90A and 金, e + U+0301);
- whitespace between tokens: tabs, form feeds, CR LF, lone CR, many blank lines.

Each hostile choice is drawn one time in four to ten, so about a quarter of the files pass
``check`` and reach evaluation; the counts per code are printed with ``-s``.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules
from slarules.check import check_paths
from slarules.cli import main
from slarules.errors import ERROR, render_text

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


def one_in(rnd: random.Random, k: int) -> bool:
    """True one time in ``k``. The odds come from a seeded ``random.Random`` (its seed
    drawn by hypothesis), because hypothesis draws small integers far more often than
    uniformly, which would make every file hostile in many ways at once."""
    return rnd.randrange(k) == 0


def pick(
    draw: st.DrawFn, rnd: random.Random, benign: object, hostile: st.SearchStrategy[object]
) -> object:
    """``benign`` nine times in ten, else a draw from ``hostile``: a file with one
    hostile value is the interesting case; most files must still pass ``check``."""
    return draw(hostile) if one_in(rnd, 10) else benign


@st.composite
def hours_strings(draw: st.DrawFn, rnd: random.Random) -> str:
    if not one_in(rnd, 8):
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
def target_amounts(draw: st.DrawFn, rnd: random.Random) -> str:
    if not one_in(rnd, 8):
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
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    zone = pick(draw, rnd, "Asia/Shanghai", st.sampled_from(TIMEZONES))
    out.append(f'ruleset "hostile" {{ timezone "{zone}" }}')
    out.append("param start: date = 2026-01-01")
    out.append("param total: money = 100000元")
    calendars = ["c0"]
    for i in range(draw(st.integers(1, 3))):
        if i:
            calendars.append(f"c{i}")
        days = draw(st.sampled_from(["CN", "none"]))
        out.append(f'calendar c{i} {{ hours "{draw(hours_strings(rnd))}" days {days} }}')
    out.append("period 月度 = month")
    out.append("period 季度 = quarter")
    cycle = pick(draw, rnd, 12, COUNTS)
    terms = ["for 0", "for 1", "for 10", "for 11", "for 999999999999", "through 2027-12-31"]
    term = pick(
        draw, rnd, "", st.sampled_from([*terms, "through 9999-12-31", "through 1800-01-01"])
    )
    out.append(f"period 周期 = cycle {cycle} months from start {term}")
    kinds = draw(
        st.lists(st.sampled_from(NAMES[:6]), min_size=1, max_size=4, unique=not one_in(rnd, 8))
    )
    if not one_in(rnd, 4):  # NFC spellings only, three times in four
        kinds = [k for k in kinds if k not in ("e\u0301", "\uf90a")] or ["故障"]
    kind_names = list(dict.fromkeys(kinds))
    for kind in kinds:
        superseded = ""
        if one_in(rnd, 6):
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
                f"respond {draw(target_amounts(rnd))}",
                f"restore {draw(target_amounts(rnd))}{draw(st.sampled_from(['', ' by close']))}",
            ]
            lines.append(f"  tier {tier} {{ {'  '.join(targets)} }}")
        lines.append("}")
        out.extend(lines)
        hostile.slas[sla] = tiers
    out.append(_scorecard(draw, rnd, kinds))
    out.extend(_composites(draw, rnd))
    consecutive = pick(draw, rnd, 2, COUNTS)
    out.append(f"flag 整改 when 考核 < 65 for {consecutive} consecutive periods")
    out.append(_payment(draw, rnd))
    separator = pick(draw, rnd, " ", st.sampled_from(WHITESPACE))
    text = "\n".join(out)
    if separator != " ":
        text = text.replace(" { ", "{" + separator).replace(" }", separator + "}")
    hostile.text = text + "\n"
    return hostile


def _scorecard(draw: st.DrawFn, rnd: random.Random, kinds: list[str]) -> str:
    kind = kinds[0]
    aggregates = draw(st.integers(1, 7))
    header = ", ".join([f"count({kind})"] * aggregates)
    rows = []
    if not one_in(rnd, 6):  # five in six: a full cover, then any rows (overlaps warn)
        rows.append(f"{', '.join(['[0, inf)'] * aggregates)} -> 10")
    for r in range(draw(st.integers(0 if rows else 1, 4))):
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


def _composites(draw: st.DrawFn, rnd: random.Random) -> list[str]:
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        read = pick(draw, rnd, "考核", st.sampled_from([f"总{j}" for j in range(n)]))
        depth = draw(st.sampled_from([1, 63, 64, 65, 300])) if one_in(rnd, 10) else 0
        expression = "(" * depth + f"{read} * 50%" + ")" * depth
        out.append(f"composite 总{i} per 月度 = {expression} + 考核 * 50%")
    return out


def _payment(draw: st.DrawFn, rnd: random.Random) -> str:
    rows = []
    n = draw(st.integers(1, 60))
    width = max(1, 100 // n)
    nudged = one_in(rnd, 8)  # a band with gaps or overlaps, one in eight
    for i in range(n):
        low = i * width
        nudge = draw(st.sampled_from([0, 0, 1, -1])) if nudged else 0
        high = 100 if i == n - 1 else (i + 1) * width + nudge  # type: ignore[operator]
        close = "]" if i == n - 1 else ")"
        rows.append(f"[{low}, {high}{close} -> {draw(st.integers(0, 100))}%")
    delay = pick(draw, rnd, 15, COUNTS)
    return (
        "payment per 月度 {\n"
        "  base total\n"
        f"  milestone 预付款 50% of total due {delay} workdays after invoiced\n"
        f"  pay band 考核 {{ {'  '.join(rows)} }}\n"
        "}"
    )


# ---- the promises ------------------------------------------------------------------------

HOSTILE = settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=True,  # the same files on every run and machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEN: Counter[str] = Counter()  # codes of rejected files, accepted count: printed at the end
EVENT_ERRORS = frozenset({"SLR910", "SLR911", "SLR912", "SLR913", "SLR914", "SLR915", "SLR917"})
AS_OF = "2026-12-31T00:00:00+08:00"
CHECK_SECONDS = 5.0  # per generated file (each is under 10 KB; most take milliseconds)


def write(tmp: Path, text: str) -> Path:
    path = tmp / "hostile.sla"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def random_log(hostile: HostileFile, seed: int) -> list[dict[str, object]]:
    """Twelve tickets of the file's SLAs and tiers, a stop event each, an occurrence of one
    of its kinds each, and an invoice: the evidence every rule of the generator reads."""
    rnd = random.Random(seed)
    events: list[dict[str, object]] = []
    kinds = [unicodedata.normalize("NFC", k) for k in hostile.kinds]
    for i in range(12):
        sla = rnd.choice(sorted(hostile.slas))
        tier = rnd.choice(hostile.slas[sla])
        month, day, hour = rnd.randint(1, 9), rnd.randint(10, 28), rnd.randint(10, 22)
        at = f"2026-{month:02d}-{day}T{hour}:00:00+08:00"
        later = f"2026-{month:02d}-{day}T{hour}:{rnd.randint(1, 59):02d}:00+08:00"
        stop = rnd.choice(["responded", "restored", "resolved", "closed"])
        events.append({"at": at, "type": "opened", "ticket": f"T{i}", "sla": sla, "tier": tier})
        events.append({"at": later, "type": stop, "ticket": f"T{i}"})
        events.append(
            {"at": at, "type": "occurrence", "kind": rnd.choice(kinds), "ticket": f"T{i}"}
        )
    events.append({"at": "2026-03-02T10:00:00+08:00", "type": "milestone", "name": "invoiced"})
    events.sort(key=lambda e: str(e["at"]))
    return events


@HOSTILE
@given(rule_files())
def test_check_never_raises_and_exits_0_or_1(
    tmp_path_factory: pytest.TempPathFactory, hostile: HostileFile
) -> None:
    path = write(tmp_path_factory.mktemp("check"), hostile.text)
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = main(["check", str(path)])
    assert time.perf_counter() - start < CHECK_SECONDS
    assert code in (0, 1)
    assert out.getvalue().rstrip().endswith(("warning", "warnings"))


@HOSTILE
@given(rule_files())
def check_accepts_evaluates(tmp_path_factory: pytest.TempPathFactory, hostile: HostileFile) -> None:
    """The procurement officer's promise: a file that checks clean evaluates."""
    path = write(tmp_path_factory.mktemp("eval"), hostile.text)
    errors = [d for d in check_paths([str(path)]) if d.severity == ERROR]
    if errors:
        SEEN.update({d.code for d in errors})
        return
    SEEN["accepted"] += 1
    rules = slarules.load(path)
    rules.replay([], as_of=AS_OF)  # an empty log: no exception at all
    try:
        rules.replay(random_log(hostile, len(hostile.text)), as_of=AS_OF)
    except slarules.RuleError as exc:  # only the events may be at fault
        assert {d.code for d in exc.diagnostics} <= EVENT_ERRORS, render_text(exc.diagnostics)
    for sla, tiers in hostile.slas.items():
        for tier in tiers:
            for at in ("2026-02-13T16:00:00+08:00", "2026-10-01T00:00:00+08:00"):
                rules.deadlines(sla, tier, at)


@pytest.mark.slow
@settings(HOSTILE, max_examples=2000)
@given(rule_files())
def test_every_file_check_accepts_evaluates_many(
    tmp_path_factory: pytest.TempPathFactory, hostile: HostileFile
) -> None:
    """The same promise over ten times as many files (about two minutes)."""
    check_accepts_evaluates.hypothesis.inner_test(  # type: ignore[attr-defined]
        tmp_path_factory, hostile
    )


def test_every_file_check_accepts_evaluates(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The property above over its 200 files, which were both accepted and refused, for
    many reasons; otherwise the property proved little. One test, so that the count is of
    this run's files wherever pytest-xdist sends it (it was a separate test that skipped
    when another worker ran the property)."""
    SEEN.clear()
    check_accepts_evaluates(tmp_path_factory)
    print("\nhostile files:", dict(sorted(SEEN.items())))
    assert SEEN["accepted"] >= 20
    refused = set(SEEN) - {"accepted"}
    assert {"SLR140", "SLR119", "SLR129"} <= refused


# ---- each class the issue names, refused with a located diagnostic ---------------------

BASE = """\
ruleset "t" { timezone "Asia/Shanghai" }
param start: date = 2026-01-01
calendar 工作 { hours "mon-fri 09:00-17:00" }
period 周期 = cycle 12 months from start
kind 故障事件 superseded by 安全事件
kind 安全事件
sla 故障 {
  calendar 工作
  metric respond from opened to responded
  tier 一般 { respond 4h }
}
scorecard 考核 per 周期 {
  item a max 100 {
    deduct 1 per occurrence of 故障事件  deduct 1 per occurrence of 安全事件
    deduct 2 per breach of 故障
  }
}
composite 总分 per 周期 = 考核 * 100%
flag 整改 when 考核 < 65 for 2 consecutive periods
payment per 周期 { base 1000元  milestone 首付 50% of 1000元 due 15 workdays after invoiced }
"""

CLASSES = [
    ("cycle 12 months", "cycle 0 months", "SLR106", 4),
    ("respond 4h", "respond 0 days", "SLR106", 10),
    ("15 workdays after", "0 workdays after", "SLR106", 20),
    ('"mon-fri 09:00-17:00"', '"mon 23:00-01:00"', "SLR140", 3),
    ('"mon-fri 09:00-17:00"', '"xyz"', "SLR140", 3),
    ('"mon-fri 09:00-17:00"', '"mon-fry 09:00-17:00"', "SLR140", 3),
    (
        '"mon-fri 09:00-17:00" }',
        '"mon-fri 09:00-17:00" extra holidays 2026-03-02 extra workdays 2026-03-02 }',
        "SLR108",
        3,
    ),
    ('"Asia/Shanghai"', '"Asia"', "SLR109", 1),
    ('"Asia/Shanghai"', '"Asia/Shanghai "', "SLR109", 1),
    ('"Asia/Shanghai"', '"localtime"', "SLR109", 1),
    ('"Asia/Shanghai"', '"posixrules"', "SLR109", 1),
    ('"Asia/Shanghai"', '"asia/shanghai"', "SLR109", 1),
    ("respond 4h", "respond 999999999999999 days", "SLR119", 10),
    ("respond 4h", "respond 3661 days", "SLR119", 10),
    ("respond 4h", "respond 2611 workdays", "SLR119", 10),
    ("respond 4h", "respond 20801h", "SLR119", 10),  # 40 h a week: 520 weeks is 20800h
    ("cycle 12 months", "cycle 121 months", "SLR119", 4),
    ("for 2 consecutive", "for 999999999999999 consecutive", "SLR119", 19),
    ("15 workdays after", "2611 workdays after", "SLR119", 20),
    ("date = 2026-01-01", "date = 9999-06-01", "SLR119", 2),
    ("months from start", "months from start for 11", "SLR119", 4),
    ("months from start", "months from start for 0", "SLR106", 4),
    (
        "kind 安全事件\n",
        "kind 安全事件\ndeliverable 报告 due 3661 days after 2 months after start\n",
        "SLR119",
        7,
    ),
    ("months from start", "months from start through 9999-12-31", "SLR119", 4),
    ("= 考核 * 100%", "= 总分 * 100%", "SLR129", 18),
    ("kind 安全事件\n", "kind 安全事件 superseded by 故障事件\n", "SLR127", 5),
]


def test_the_base_file_is_clean_and_evaluates() -> None:
    rules = slarules.loads(BASE, "base.sla")
    assert [d.code for d in rules.warnings] == []
    rules.replay([], as_of=AS_OF)
    assert set(rules.deadlines("故障", "一般", "2026-02-13T16:00:00+08:00")) == {"respond"}


@pytest.mark.parametrize(("old", "new", "code", "line"), CLASSES)
def test_each_class_is_refused_where_it_is_written(
    old: str, new: str, code: str, line: int
) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(text, "t.sla")
    found = [(d.code, d.line) for d in caught.value.diagnostics]
    assert (code, line) in found, found


@pytest.mark.parametrize(
    ("default", "code"), [("0", "SLR106"), ("2.5", "SLR106"), ("11", "SLR119")]
)
def test_a_term_counted_by_a_parameter_is_checked_at_its_default(default: str, code: str) -> None:
    text = BASE.replace("months from start", "months from start for n").replace(
        "param start: date = 2026-01-01",
        f"param start: date = 2026-01-01\nparam n: number = {default}",
    )
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(text, "t.sla")
    assert (code, 5) in [(d.code, d.line) for d in caught.value.diagnostics]
    slarules.loads(text.replace(f"number = {default}", "number = 3"), "t.sla")


def test_the_boundaries_themselves_are_accepted_and_evaluate() -> None:
    """One below each bound passes and evaluates: the bounds refuse only what cannot."""
    text = (
        BASE.replace("respond 4h", "respond 20800h")
        .replace("cycle 12 months", "cycle 120 months")
        .replace("for 2 consecutive", "for 120 consecutive")
        .replace("15 workdays after", "2610 workdays after")
    )
    rules = slarules.loads(text, "t.sla")
    rules.replay(
        [{"at": "2026-03-02T10:00:00+08:00", "type": "milestone", "name": "invoiced"}], as_of=AS_OF
    )
    deadline = rules.deadlines("故障", "一般", "2026-02-13T16:00:00+08:00")["respond"]
    assert 2035 <= deadline.year <= 2037  # 520 weeks of working time, about ten years on
    days = slarules.loads(BASE.replace("respond 4h", "respond 3660 days"), "t.sla")
    assert days.deadlines("故障", "一般", "2026-02-13T16:00:00+08:00")["respond"].year == 2036


def test_a_long_supersession_chain_without_a_loop_is_fine() -> None:
    chain = "".join(f"kind k{i} superseded by k{i + 1}\n" for i in range(50)) + "kind k50\n"
    text = BASE.replace("kind 安全事件\n", "kind 安全事件\n" + chain)
    diagnostics = check_paths_text(text)
    assert "SLR127" not in {d.code for d in diagnostics}


def check_paths_text(text: str) -> list[slarules.Diagnostic]:
    try:
        return slarules.loads(text, "t.sla").warnings
    except slarules.RuleError as exc:
        return exc.diagnostics


# ---- positions: lark's line and column, and the caret under them --------------------------


def first_diagnostic(text: str) -> slarules.Diagnostic:
    """The first error of a file that has one (warnings such as SLR501 set aside)."""
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(text, "p.sla")
    return next(d for d in caught.value.diagnostics if d.severity == ERROR)


HEADER = 'ruleset "p" { timezone "Asia/Shanghai" }\n'


@pytest.mark.parametrize(
    ("between", "line"),
    [
        ("\n", 3),  # the reference: LF
        ("\r\n", 3),  # CR LF is LF
        ("\f", 2),  # a form feed is inside the line for lark, and so for check
        ("\u2028", 2),  # so is U+2028 (it is no whitespace of the language: SLR002 there)
        ("\r", 2),  # and a lone CR
        ("\x0b", 2),
    ],
)
def test_line_numbers_are_the_parsers(between: str, line: int) -> None:
    text = HEADER + "kind a" + between + "kind a\n"
    d = first_diagnostic(text)
    assert d.line == line
    if between in ("\u2028", "\x0b"):
        assert d.code == "SLR002"  # not whitespace in the language
    else:
        assert d.code == "SLR130"
        rendered = d.render().splitlines()
        # The quoted line is the one lark counted, and the caret sits under the second
        # "kind" whatever stands before it on that line.
        source, caret = rendered[-2], rendered[-1]
        assert source[len(caret) - 1 :].startswith("kind a")


def test_a_tab_is_one_column_and_the_caret_lands_under_the_character() -> None:
    text = HEADER + "kind a\n\tkind\ta\n"
    d = first_diagnostic(text)
    assert (d.code, d.line, d.col) == ("SLR130", 3, 2)  # lark: the tab is column 1
    source, caret = d.render().splitlines()[-2:]
    assert source == "    kind    a"  # tabs expanded to stops of four
    assert caret == "    ^"


def test_a_caret_after_cjk_and_a_tab_and_a_form_feed() -> None:
    text = HEADER + "kind 金\nkind\t金 \f @\n"
    d = first_diagnostic(text)
    assert (d.code, d.line, d.col) == ("SLR002", 3, 10)
    source, caret = d.render().splitlines()[-2:]
    # "kind" 4 columns, the tab to column 8, 金 two columns, space, form feed, space.
    assert source == "kind    金   @"
    assert caret == " " * 13 + "^"


def test_a_very_long_line_is_quoted_as_a_window_around_the_column() -> None:
    text = HEADER + "kind a " + "kind b" + " " * 5000 + "kind a\n"
    d = first_diagnostic(text)
    source, caret = d.render().splitlines()[-2:]
    assert len(source) <= 125 and source.startswith("…")
    assert source[len(caret) - 1 :].startswith("kind a")


def test_nfc_equal_names_are_one_name() -> None:
    compatibility, unified = "\uf90a", "\u91d1"  # 金 as a CJK compatibility ideograph, and 金
    assert unicodedata.normalize("NFC", compatibility) == unified
    d = first_diagnostic(HEADER + f"kind {unified}\nkind {compatibility}\n")
    assert (d.code, d.line) == ("SLR130", 3)
    # A reference in one spelling finds a declaration in the other, and quoted names too.
    text = (
        HEADER + 'period 月度 = month\nkind "e\u0301"\n'
        f"kind {compatibility}\n"
        "scorecard s per 月度 { item a max 100 {\n"
        f'  deduct 1 per occurrence of {unified}  deduct 1 per occurrence of "\u00e9" }} }}\n'
    )
    rules = slarules.loads(text, "nfc.sla")
    assert [k.name for k in rules.model.kinds] == ["\u00e9", unified]


# ---- files that are no rule files ---------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_check_on_a_fifo_refuses_it_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.sla"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "slarules.cli", "check", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,  # before the fix, this never returned
    )
    assert done.returncode == 1
    assert "cannot read file: it is a pipe, device or socket [SLR005]" in done.stdout


def test_a_directory_is_refused_as_no_rule_file(tmp_path: Path) -> None:
    (d,) = check_paths([str(tmp_path)])
    assert (d.code, d.severity) == ("SLR005", ERROR)


def test_a_huge_file_is_refused_from_its_size_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.sla"
    with huge.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GB, sparse: reading it would take minutes
    (d,) = check_paths([str(huge)])
    assert d.code == "SLR003"
    assert "8589934592 bytes" in d.message


def test_repeated_diagnostics_are_capped_and_still_counted() -> None:
    text = HEADER + 'calendar c { hours "24x7" }\n' + " ".join(["kind 重复"] * 1500) + "\n"
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(text, "dup.sla")
    shown = [d for d in caught.value.diagnostics if d.code == "SLR130"]
    assert len(shown) == 21  # twenty, then one summary
    assert shown[-1].message == "… and 1479 more SLR130 from here on, not shown"
    rendered = render_text(caught.value.diagnostics)
    assert "1499 errors" in rendered
    assert len(rendered) < 20_000  # it was 47 MB
