"""The printer's contract (SPEC §10, language): every rule file prints and re-parses to the same
model, printing is idempotent, and no comment is lost.

Three sources of rule files: the reference rulesets (globbed at test time), the samples in
tests/language/samples, and random models generated below from every construct of model.py,
printed by ``format_ruleset`` and parsed back.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import slarules
from slarules import model as m
from slarules.language.literals import parse_literal
from slarules.language.parser import parse
from slarules.language.printer import format_ruleset

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RULE_FILES = sorted(
    [
        *ROOT.glob("rulesets/*.sla"),
        *HERE.glob("samples/*.sla"),
        *ROOT.glob("docs/tutorial/*.sla"),
    ]
)


def fmt(text: str) -> str:
    return format_ruleset(parse(text, "x.sla"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_file_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    model = parse(text, str(path))
    printed = format_ruleset(model)
    assert parse(printed, str(path)) == model
    assert fmt(printed) == printed


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_file_keeps_every_comment(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before = Counter(c.text for c in parse(text).comments)
    after = Counter(c.text for c in parse(fmt(text)).comments)
    assert after == before


def test_there_are_rule_files_to_check() -> None:
    assert len(RULE_FILES) >= 2  # at least the samples, so the glob cannot pass vacuously


# ---- comments in random places -------------------------------------------------------------


@functools.cache
def canonical_sample() -> str:
    return fmt((HERE / "samples" / "everything.sla").read_text(encoding="utf-8"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_comments_inserted_anywhere_survive_and_fmt_is_idempotent(data: st.DataObject) -> None:
    """Put comments at random line ends and between random lines of a sample."""
    base = canonical_sample()
    lines = base.split("\n")
    chosen = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(lines) - 1), st.booleans(), st.booleans()),
            max_size=12,
            unique_by=lambda t: t[0],
        )
    )
    out: list[str] = []
    wanted = [c.text for c in parse(base).comments]
    for index, line in enumerate(lines):
        for n, (at, trailing, blank) in enumerate(chosen):
            if at == index and not trailing:
                out.extend(["", f"# own {n}"] if blank else [f"# own {n}"])
                wanted.append(f"# own {n}")
        for n, (at, trailing, _) in enumerate(chosen):
            if at == index and trailing and line.strip() and "#" not in line:
                line += f"  # trail {n}"
                wanted.append(f"# trail {n}")
        out.append(line)
    text = "\n".join(out)
    once = fmt(text)
    assert parse(once) == parse(text)
    assert Counter(c.text for c in parse(once).comments) == Counter(wanted)
    assert fmt(once) == once


# ---- generated models ------------------------------------------------------------------------

KEYWORDS = ["per", "all", "of", "tier", "inf", "true", "max", "mean", "restart", "days"]
NAME_POOL = [
    "故障",
    "响应",
    "人员考核",
    "1级",
    "2级",
    "12345级",
    "respond",
    "opened",
    "a_b",
    "_x",
    "季度考核",
    "CN",
    "3日",  # a days literal: must be quoted
    "4小时",
    "1_a",  # lexes as 1 then _a: must be quoted
    "SLR301",
    "a b",
    'say "hi"',
    "back\\slash",
    "line\nbreak",
    "",
    *KEYWORDS,
]

names = st.one_of(
    st.sampled_from(NAME_POOL),
    st.text(alphabet="故障响应级甲乙abcXYZ_0123456789", min_size=1, max_size=6),
)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ['引号"中"', "反斜杠\\", '\\"', "换行\n第二行", "# 不是注释", "cite"]
)
cites = st.none() | texts


def lit(token_type: str, text: str) -> m.Literal:
    return parse_literal(token_type, text, m.NO_SPAN)


def numbers(max_value: int = 200) -> st.SearchStrategy[str]:
    whole = st.integers(0, max_value).map(str)
    return whole | st.builds(lambda a, b: f"{a}.{b}", st.integers(0, max_value), st.integers(1, 99))


points = st.one_of(
    numbers().map(lambda t: lit("NUMBER", t)),
    st.builds(lambda n, u: lit("POINTS", n + u), numbers(), st.sampled_from(["分", " points"])),
)
percents = numbers(100).map(lambda t: lit("PERCENT", t + "%"))
durations = st.builds(
    lambda n, u: lit("DURATION", f"{n}{u}"),
    st.integers(0, 999),
    st.sampled_from(["m", "h", "分钟", "小时", " minutes", "min"]),
)
day_counts = st.builds(
    lambda n, u: lit("DAYS", f"{n}{u}"), st.integers(0, 99), st.sampled_from(["日", " days", "天"])
)
workday_counts = st.builds(
    lambda n, u: lit("WORKDAYS", f"{n}{u}"),
    st.integers(0, 99),
    st.sampled_from(["个工作日", " workdays", "工作日"]),
)
dates = st.dates(date(2000, 1, 1), date(2099, 12, 31))
literals = st.one_of(
    points,
    percents,
    durations,
    day_counts,
    workday_counts,
    numbers().map(lambda t: lit("MONEY", t + "元")),
    numbers().map(lambda t: lit("MONEY", t + "万元")),
    st.integers(0, 99).map(lambda n: lit("MONTHS", f"{n}个月")),
    st.integers(0, 99).map(lambda n: lit("COUNT", f"{n}次")),
    dates.map(lambda d: lit("DATE", d.isoformat())),
    st.sampled_from(["true", "false"]).map(lambda t: lit("BOOL", t)),
)


@st.composite
def bounds(draw: Any, closed_ok: bool = True) -> m.Bound:
    value = draw(st.none() | literals)
    negative = draw(st.booleans())
    closed = value is not None and closed_ok and draw(st.booleans())
    return m.Bound(value, closed, negative)


intervals = st.builds(m.Interval, bounds(), bounds())
judged = st.builds(m.JudgedRange, intervals)
acks = st.builds(m.Acknowledgement, st.integers(0, 999).map(lambda n: f"SLR{n:03d}"), texts)

# Expressions: any shape prints (with parentheses); conditions only in shapes the grammar can
# write (no parentheses for conditions: and/or nest to the left, not applies to comparisons).
references = st.builds(m.Reference, names, st.none() | names)
aggregates = st.one_of(
    st.builds(m.Aggregate, st.just("count"), references, st.lists(names, max_size=2).map(tuple)),
    st.builds(m.Aggregate, st.sampled_from(["downtime", "mttr", "availability"]), references),
)
expr_leaves = st.one_of(
    literals,
    st.builds(m.Ref, names),
    st.builds(m.Mean, names),
    aggregates,
    st.builds(m.Aggregate, st.just("late"), references),
    st.builds(m.Payout),
)


def comparisons(e: st.SearchStrategy[m.Expr]) -> st.SearchStrategy[m.Condition]:
    compare = st.builds(
        m.Compare,
        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
        e,
        e,
        st.none() | st.integers(1, 12),
    )
    atom = compare | st.builds(m.ParamCondition, names)
    return st.builds(_negate, atom, st.integers(0, 2))


def _negate(condition: m.Condition, times: int) -> m.Condition:
    for _ in range(times):
        condition = m.Not(condition)
    return condition


# `if` conditions compare leaves only, which keeps the strategy's own size (and repr) small.
leaf_comparisons = comparisons(expr_leaves)


def _extend(children: st.SearchStrategy[m.Expr]) -> st.SearchStrategy[m.Expr]:
    return st.one_of(
        st.builds(m.BinOp, st.sampled_from("+-*/"), children, children),
        st.builds(m.Neg, children),
        st.builds(m.MinMax, st.sampled_from(["min", "max"]), children, children),
        st.builds(m.IfElse, leaf_comparisons, children, children),
    )


exprs = st.recursive(expr_leaves, _extend, max_leaves=8)
expr_comparisons = comparisons(exprs)


@st.composite
def conditions(draw: Any) -> m.Condition:
    def conjunction() -> m.Condition:
        node = draw(expr_comparisons)
        for _ in range(draw(st.integers(0, 2))):
            node = m.And(node, draw(expr_comparisons))
        return node

    node = conjunction()
    for _ in range(draw(st.integers(0, 2))):
        node = m.Or(node, conjunction())
    return node


def tup(strategy: st.SearchStrategy[Any], max_size: int = 3, min_size: int = 0) -> Any:
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)


counters = st.one_of(
    st.builds(m.PerLateDelivery, names, which=st.sampled_from(["late", "missing", "made_late"])),
    st.builds(m.PerOccurrence, names),
    st.builds(m.PerNOccurrences, st.integers(1, 99), names),
    st.builds(m.PerUnit, names),
    st.builds(m.PerDayLate, references),
    st.builds(m.PerBreach, references, tup(names)),
    st.builds(m.PerBreachedTicket, names, tup(names)),
)
count_rules = st.builds(
    m.CountRule,
    st.sampled_from([-1, 1]),
    points | judged,
    counters,
    st.none() | points,
    cite=cites,
)
grades = st.builds(m.Grade, names, intervals, cite=cites, forced_by=st.none() | names)
judged_rules = st.builds(m.JudgedRule, st.none() | points, tup(grades), cite=cites)
band_rows = st.builds(
    m.BandRow, st.none() | names, tup(intervals, 2, 1), points | judged, cite=cites
)
points_tables = st.builds(m.PointsTable, tup(aggregates, 2, 1), tup(band_rows, 4), cite=cites)
items = st.builds(
    m.Item,
    names,
    points,
    tup(st.one_of(count_rules, judged_rules, points_tables), 4),
    st.booleans(),
    st.none() | points,
    st.none() | points,
    tup(acks, 1),
    cite=cites,
)
entries = st.recursive(
    items,
    lambda inner: st.builds(m.Group, names, points, tup(inner), tup(acks, 1), cite=cites),
    max_leaves=4,
)
scorecards = st.builds(
    m.Scorecard,
    names,
    names,
    tup(entries),
    tup(st.builds(m.Assessor, names, st.none() | percents)),
    tup(acks, 1),
    cite=cites,
    max=st.none() | points,
)

targets = st.builds(
    m.Target,
    names,
    st.one_of(durations, day_counts, workday_counts),
    st.booleans(),
    st.booleans(),
    cite=cites,
    agreed=st.booleans(),
    when=st.none() | names,
)
# ``restore agreed``: a target only an agreement sets (no amount, no other option).
agreed_targets = st.builds(
    m.Target, names, st.none(), cite=cites, agreed=st.just(True), when=st.none() | names
)
metrics = st.builds(
    m.Metric, names, names, tup(names, 3, 1), st.none() | names, cite=cites
) | st.builds(m.Metric, names, names, tup(names, 3, 1), names, cite=cites, start_calendar=names)


@st.composite
def slas(draw: Any) -> m.Sla:
    pauses = draw(st.just(()) | st.just(m.ALL_METRICS) | tup(names, 3, 1))
    retier = draw(st.sampled_from(["remeasure", "restart"]))
    allow_full = draw(st.booleans())
    return m.Sla(
        draw(names),
        draw(st.none() | names),
        draw(tup(metrics)),
        draw(tup(st.builds(m.Tier, names, tup(targets | agreed_targets), cite=cites))),
        pauses=pauses,
        pause_tiers=draw(tup(names, 2)) if pauses else (),
        retier=retier,
        retier_allow=None if allow_full else draw(st.none() | durations),
        retier_allow_full=allow_full,
        exclusions=draw(tup(st.builds(m.Exclusion, tup(names, 3, 1), cite=cites), 2)),
        exemptions=draw(
            tup(st.builds(m.Exemption, tup(names, 2, 1), tup(names, 2, 1), cite=cites), 2)
        ),
        acknowledgements=draw(tup(acks, 1)),
        cite=draw(cites),
        pause_cite=draw(cites) if pauses else None,
        retier_cite=draw(cites),
        maintenance=draw(
            st.none()
            | st.builds(
                m.MaintenanceExclusion,
                durations | names,
                st.sampled_from(["downtime", "period"]),
                cite=cites,
            )
        ),
        events=draw(tup(st.builds(m.SlaEvents, tup(names, 2, 1), cite=cites), 2)),
    )


flags = st.builds(m.Flag, names, conditions(), cite=cites)
percent_rows = st.builds(m.PercentRow, intervals, percents, cite=cites)
payment_entries = st.one_of(
    st.builds(m.PayBase, exprs, cite=cites),
    st.builds(m.PayBond, exprs, cite=cites),
    st.builds(m.BondFirst, cite=cites),
    st.builds(
        m.Milestone,
        names,
        exprs,
        workday_counts | day_counts,
        names,
        cite=cites,
        condition=st.none() | conditions(),
    ),
    st.builds(
        m.Milestone,
        names,
        exprs,
        st.none(),
        st.none(),
        cite=cites,
        by=dates.map(lambda d: lit("DATE", d.isoformat())) | names,
        condition=st.none() | conditions(),
    ),
    st.builds(
        m.PaymentBand,
        st.just("pay"),
        exprs,
        tup(percent_rows),
        cite=cites,
        amount=st.none() | exprs,
    ),
    st.builds(
        m.PaymentBand,
        st.just("deduct"),
        exprs,
        tup(percent_rows),
        cite=cites,
        amount=st.none() | exprs,
        cap=st.none() | exprs,
    ),
    st.builds(
        m.LinearDeduction,
        exprs,
        points | percents,
        exprs,
        st.sampled_from(["prorated", "up", "down"]),
        cite=cites,
        cap=st.none() | exprs,
    ),
    st.builds(m.FormulaDeduction, exprs, conditions(), cite=cites, cap=st.none() | exprs),
    st.builds(m.Damages, exprs, conditions(), cite=cites),
    flags,
)
periods = st.one_of(
    st.builds(m.PeriodDef, names, st.sampled_from(["month", "quarter", "year"]), cite=cites),
    st.builds(m.PeriodDef, names, st.just("cycle"), st.integers(0, 120), names | dates, cite=cites),
)
month_days = st.dates(date(2000, 1, 1), date(2000, 12, 31)).map(lambda d: d.strftime("%m-%d"))
seasons = st.builds(m.Season, texts, month_days, month_days)
calendars = (
    st.builds(
        m.CalendarDef,
        names,
        texts,
        st.sampled_from(["CN", "none"]),
        tup(dates),
        tup(dates),
        cite=cites,
    )
    | st.builds(
        m.CalendarDef,
        names,
        texts,
        st.sampled_from(["DK", "NO", "DE"]),
        cite=cites,
        subdiv=st.none() | names,
        timezone=st.none() | st.sampled_from(["Europe/Copenhagen", "Europe/Oslo"]),
        counting=st.none() | st.sampled_from(["plain", "civil"]),
    )
    | st.builds(
        m.CalendarDef,
        names,
        st.just(""),
        st.sampled_from(["CN", "none"]),
        cite=cites,
        seasons=tup(seasons, 3, 1),
    )
)
month_counts = st.integers(0, 99).map(lambda n: lit("MONTHS", f"{n} months"))
due_rules = st.builds(
    m.DueRule, tup(day_counts | workday_counts | month_counts, 3, 1), names, st.none() | names
)
params = st.builds(
    m.Param,
    names,
    st.sampled_from(["money", "date", "bool", "percent", "number", "points", "duration"]),
    st.none() | literals,
    cite=cites,
)
tiers_of = tup(names, 2)
measure_bodies = st.one_of(
    st.builds(
        m.Lateness,
        references,
        st.sampled_from(["hours", "workdays", "days"]),
        tup(st.builds(m.LateRow, intervals, points, cite=cites), 3),
        tiers_of,
        st.none() | points,
    ),
    st.builds(m.AttainmentRate, references, tiers_of, st.none() | percents),
    st.builds(m.BreachCount, references, tiers_of),
    st.builds(m.BreachCount, st.builds(m.Reference, names), tiers_of, st.just(True)),
    st.builds(m.PeriodCount, names, conditions()),
    st.builds(m.GroupCount, names, names, conditions()),
)
months = st.integers(0, 99).map(lambda n: lit("MONTHS", f"{n} months"))
measures = st.builds(m.Measure, names, names, measure_bodies, st.none() | months, cite=cites)
rulesets = st.builds(
    m.RuleFile,
    texts,
    st.none() | texts,
    texts,
    tup(params),
    tup(calendars, 2),
    tup(periods, 2),
    tup(st.builds(m.KindDef, names, st.none() | names, cite=cites)),
    tup(st.builds(m.DeliverableDef, names, cite=cites, due=st.none() | due_rules), 2),
    tup(st.builds(m.CauseDef, names, cite=cites), 2),
    tup(slas(), 2),
    tup(scorecards, 2),
    tup(st.builds(m.Composite, names, names, exprs, cite=cites), 2),
    tup(flags, 2),
    tup(st.builds(m.Payment, names, tup(payment_entries, 5), tup(acks, 1), cite=cites), 2),
    tup(acks, 2),
    cites,
    tup(measures, 2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rulesets)
def test_generated_models_print_and_parse_back(model: m.RuleFile) -> None:
    printed = format_ruleset(model)
    assert parse(printed, "generated.sla") == model
    assert fmt(printed) == printed
    # The checker, too, meets these odd but well-formed files: it may refuse, never crash.
    try:
        slarules.loads(printed, "generated.sla")
    except slarules.RuleError as exc:
        assert exc.diagnostics


# ---- unit tests of the layout ----------------------------------------------------------------


def test_names_are_quoted_only_when_needed() -> None:
    from slarules.language.printer import name

    assert [name(n) for n in ["故障", "1级", "respond", "_x"]] == ["故障", "1级", "respond", "_x"]
    quoted = ["3日", "4小时", "1_a", "per", "true", "a b", "", 'q"', "back\\slash", "SLR1x"]
    assert [name(n) for n in quoted[:-1]] == [
        '"3日"',
        '"4小时"',
        '"1_a"',
        '"per"',
        '"true"',
        '"a b"',
        '""',
        '"q\\""',
        '"back\\\\slash"',
    ]
    assert name("SLR1x") == "SLR1x"


@pytest.mark.parametrize(
    "source, printed",
    [
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("a * (b + c)", "a * (b + c)"),
        ("(a * b) + c", "a * b + c"),
        ("a / (b * c)", "a / (b * c)"),
        ("-(a + b) * c", "-(a + b) * c"),
        ("25% of contract_total", "25% of contract_total"),
        ("监理 × 50%", "监理 × 50%"),
        ("(1 + 2) of x", "(1 + 2) of x"),
        (
            "if a < 1 and b then 1 else max(2, 3) end * x",
            "if a < 1 and b then 1 else max(2, 3) end * x",
        ),
        ("mean(季度) * 40%", "mean(季度) * 40%"),
    ],
)
def test_expressions_use_minimal_parentheses(source: str, printed: str) -> None:
    text = f'ruleset "t" {{}}\ncomposite c per p = {source}\n'
    assert re.search(r"= (.*)\n", fmt(text)).group(1) == printed  # type: ignore[union-attr]


def test_canonical_layout_of_a_small_file() -> None:
    text = (
        'kind 迟到 cite "每次扣1分"\n'
        'ruleset "demo" { title "演示" }\n'
        "param total: money = 10万元\n"
        "sla 故障 { tier 紧急 { respond 10分钟 restore 4小时 } tier 轻微 { } "
        "metric respond from opened to responded }\n"
        "payment per 年度 { base total pay band 考核 { [90, 100] -> 100% [0, 90) -> 85% } }\n"
    )
    assert fmt(text) == (
        'ruleset "demo" {\n'
        '  title "演示"\n'
        '  timezone "Asia/Shanghai"\n'
        "}\n"
        "\n"
        "param total: money = 10万元\n"
        "\n"
        'kind 迟到 cite "每次扣1分"\n'
        "\n"
        "sla 故障 {\n"
        "  metric respond from opened to responded\n"
        "  tier 紧急 {\n"
        "    respond 10分钟\n"
        "    restore 4小时\n"
        "  }\n"
        "  tier 轻微 { }\n"
        "}\n"
        "\n"
        "payment per 年度 {\n"
        "  base total\n"
        "  pay band 考核 {\n"
        "    [90, 100] -> 100%\n"
        "    [0, 90) -> 85%\n"
        "  }\n"
        "}\n"
    )


def test_comment_placement() -> None:
    text = (
        "# banner\n\n"
        'ruleset "demo" {}\n'
        "param a: money = 1元  # trailing\n"
        "# explains a (hangs below it, then a blank line)\n\n"
        "# leads b\n"
        "param b: money = 2元\n"
        "composite c per p =\n  a * 50%   # inside a one-line construct\n  + b\n"
        "# end of file\n"
    )
    assert fmt(text) == (
        "# banner\n\n"
        'ruleset "demo" {\n  timezone "Asia/Shanghai"\n}\n\n'
        "param a: money = 1元  # trailing\n"
        "# explains a (hangs below it, then a blank line)\n\n"
        "# leads b\n"
        "param b: money = 2元\n\n"
        "# inside a one-line construct\n"
        "composite c per p = a * 50% + b\n"
        "# end of file\n"
    )


def test_a_comment_inside_an_empty_block_stays_inside() -> None:
    """fujian-scjg's scorecard has no items and says why on its own lines inside the
    braces; ``fmt`` used to print ``{ }`` and move the explanation above the scorecard."""
    text = (
        'ruleset "demo" {}\n'
        "period 月 = month\n"
        "scorecard 考核 per 月 max 100 {\n"
        "  # The form is the purchaser's: each month's score is given.\n"
        "}\n"
        "scorecard 空 per 月 max 100 { }  # nothing inside\n"
    )
    out = fmt(text)
    assert (
        "scorecard 考核 per 月 max 100 {\n"
        "  # The form is the purchaser's: each month's score is given.\n"
        "}\n"
    ) in out
    assert "scorecard 空 per 月 max 100 { }  # nothing inside\n" in out
    assert fmt(out) == out
