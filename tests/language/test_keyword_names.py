"""Keywords are not reserved where a name is expected (issue 13; docs/language.md §1).

Every keyword of the grammar is tried as every kind of name a rule file declares or
references: it must parse to a model holding that name, print (quoted, the printer's
canonical form) and parse back to the same model. Where the keyword reading also parses,
the keyword wins (`pause all`), and a keyword that fits nowhere still gets a good message.
"""

from __future__ import annotations

import pytest

from slarules import model as m
from slarules.errors import RuleError
from slarules.language.parser import keywords, parse
from slarules.language.printer import format_ruleset

HEADER = 'ruleset "k" { timezone "Asia/Shanghai" }\n'

# One template per kind of name; W marks every place the name is written (declared and used).
BASE_SLA = (
    'calendar 全天 { hours "24x7" }\n'
    "sla 故障 { calendar 全天 metric respond from opened to responded\n"
    "  metric restore from opened to restored tier T { respond 30m restore 4h } }\n"
)
TEMPLATES = {
    "param": "param W: number = 3\ncomposite c per 月度 = W * 2\nperiod 月度 = month\n",
    "param in a condition": "param W: bool = true\nperiod 月度 = month\nflag f when W\n",
    "calendar": 'calendar W { hours "24x7" }\nsla S { calendar W metric r from opened to done }\n',
    "period": "period W = month\nscorecard S per W { item i max 5 { judged } }\n",
    "kind": "kind W\nperiod 月度 = month\n"
    "scorecard S per 月度 { item i max 5 { deduct 1 per occurrence of W } }\n",
    "deliverable": "deliverable W due 3 days after signed\nperiod 月度 = month\n"
    "scorecard S per 月度 { item i max 5 { deduct 1 per late delivery of W } }\n",
    "cause": BASE_SLA.replace("tier T", "exclude cause W tier T") + "cause W\n",
    "sla": BASE_SLA.replace("sla 故障", "sla W")
    + "period 月度 = month\nscorecard S per 月度 { item i max 5 { deduct 1 per breach of W } }\n",
    "metric": BASE_SLA.replace("metric respond", "metric W").replace("respond 30m", "W 30m")
    + "period 月度 = month\n"
    + "scorecard S per 月度 { item i max 5 { deduct 1 per breach of 故障.W } }\n",
    "start event": BASE_SLA.replace("from opened to responded", "from W to responded"),
    "stop event": BASE_SLA.replace("to restored", "to W"),
    "when event": BASE_SLA.replace("restore 4h }", "restore 4h when W }"),
    "tier": BASE_SLA.replace("tier T", "tier W")
    + "period 月度 = month\n"
    + "scorecard S per 月度 { item i max 5 { deduct 1 per breach of 故障 tier W } }\n",
    "second target": BASE_SLA.replace("metric restore", "metric W").replace(
        "restore 4h", "W 4h by close"
    ),
    "scorecard": "period 月度 = month\nscorecard W per 月度 { item i max 5 { judged } }\n"
    "composite c per 月度 = W + 1\n",
    "item": "period 月度 = month\nscorecard S per 月度 { item W max 5 { judged } }\n",
    "group": "period 月度 = month\n"
    "scorecard S per 月度 { group W max 5 { item i max 5 { judged } } }\n",
    "grade": "period 月度 = month\n"
    "scorecard S per 月度 { item i max 5 { judged { 好: [3, 5] W: [0, 3) } } }\n",
    "composite": "period 月度 = month\ncomposite W per 月度 = 1 + 2\nflag f when W < 2\n",
    "flag": "period 月度 = month\nflag W when 1 < 2\n",
}


EXPRESSION_KINDS = {"param", "scorecard", "composite"}
VALUE_WORDS = {"true", "false", "payout"}


def _cases() -> list[tuple[str, str]]:
    return [(kind, word) for kind in TEMPLATES for word in sorted(keywords())]


@pytest.mark.parametrize("kind, word", _cases())
def test_every_keyword_is_a_name_where_a_name_is_expected(kind: str, word: str) -> None:
    text = HEADER + TEMPLATES[kind].replace("W", word)
    model = parse(text, "k.sla")
    printed = format_ruleset(model)
    assert f'"{word}"' in printed  # the printer's canonical form quotes every keyword
    assert parse(printed, "k.sla") == model
    quoted = parse(HEADER + TEMPLATES[kind].replace("W", f'"{word}"'), "k.sla")
    if kind in EXPRESSION_KINDS and word in VALUE_WORDS:
        # In an expression `true`, `false` and `payout` are values: the keyword reading
        # parses, so it wins; the parameter needs its quotes there.
        assert quoted != model
    else:
        assert quoted == model


def test_there_are_many_keywords_to_try() -> None:
    assert {"all", "down", "up", "late", "count", "when", "cite", "by", "or"} <= keywords()
    assert len(keywords()) > 100


def test_the_keyword_wins_where_both_readings_parse() -> None:
    # `pause all` is every metric, even in an SLA that has a metric called `all`.
    text = HEADER + BASE_SLA.replace("metric respond", "metric all").replace(
        "respond 30m", "all 30m"
    )
    text = text.replace("tier T", "pause all tier T")
    sla = parse(text).slas[0]
    assert sla.pauses == m.ALL_METRICS
    quoted = parse(text.replace("pause all", 'pause "all"')).slas[0]
    assert quoted.pauses == ("all",)


def test_a_target_named_like_an_option_is_read_by_what_follows() -> None:
    # After `respond 30m`, `when` could start the option `when EVENT` or name the next
    # target. `when 4h` can only be a target; `when escalated` is the option.
    text = HEADER + BASE_SLA.replace("metric restore", "metric when").replace(
        "restore 4h", "when 4h"
    )
    tier = parse(text).slas[0].tiers[0]
    assert [t.metric for t in tier.targets] == ["respond", "when"]
    option = HEADER + BASE_SLA.replace("respond 30m", "respond 30m when escalated")
    tier = parse(option).slas[0].tiers[0]
    assert tier.targets[0].when == "escalated"


def test_a_parameter_named_count_is_read_as_a_name_in_an_expression() -> None:
    text = HEADER + "param count: number = 3\nperiod 月度 = month\n"
    text += "composite c per 月度 = count * 2\n"
    assert parse(text).composites[0].expr.left == m.Ref("count")  # type: ignore[attr-defined]


def test_a_keyword_that_fits_nowhere_keeps_a_plain_message() -> None:
    with pytest.raises(RuleError) as info:
        parse(HEADER + "kind 故障 per\n", "k.sla")
    assert "unexpected “per”" in str(info.value) or "“per” is a keyword" in str(info.value)


def test_comments_are_kept_once_after_a_lookahead() -> None:
    text = HEADER + BASE_SLA.replace("restore 4h", "restore 4h # 四小时\n")
    assert [c.text for c in parse(text).comments] == ["# 四小时"]
