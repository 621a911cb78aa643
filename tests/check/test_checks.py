"""One behaviour of the checker per test, on small rule texts."""

from __future__ import annotations

from pathlib import Path

from slarules import model as m
from slarules.check import check_paths, check_ruleset
from slarules.check.base import did_you_mean, fmt_decimal, fmt_seconds
from slarules.errors import ERROR, WARNING, Diagnostic
from slarules.language.parser import parse

HEAD = 'ruleset "t" { }\nperiod 月度 = month\ncalendar 全天 { hours "24x7" }\n'


def check(body: str, *, unused: bool = False) -> list[Diagnostic]:
    """Diagnostics of HEAD + body; unused-definition warnings only when asked for (HEAD
    declares a calendar and a period that most bodies leave unused)."""
    found = check_ruleset(parse(HEAD + body, "t.sla"))
    return [d for d in found if unused or d.code != "SLR501"]


def codes(body: str) -> list[str]:
    return [d.code for d in check(body)]


def only(body: str, code: str) -> Diagnostic:
    found = [d for d in check(body) if d.code == code]
    assert len(found) == 1, [d.render() for d in check(body)]
    return found[0]


SLA = """
sla 故障 {
  calendar 全天
  metric respond from opened to responded
  metric restore from responded to restored
  tier 紧急 { respond 10m restore 4h or downgrade }
  tier 一般 { respond 30m restore 8h }
}
"""


def scorecard(items: str, extra: str = "") -> str:
    return f"scorecard 考核 per 月度 {extra}{{\n{items}\n}}\n"


# ---- clean input -----------------------------------------------------------------------


def test_a_minimal_complete_file_is_clean() -> None:
    body = (
        "kind 投诉\n"
        + SLA
        + scorecard(
            "item 响应 max 50 { deduct 1 per breach of 故障.respond tier 紧急 }\n"
            "item 满意度 max 50 { deduct 1 per occurrence of 投诉 }"
        )
    )
    assert check(body) == []


def test_a_metric_may_start_at_another_metrics_stop_event() -> None:
    # restore starts at `responded`, which is respond's stop event.
    assert "SLR210" not in codes(SLA)


# ---- references ------------------------------------------------------------------------


def test_unknown_kind_suggests_the_declared_one() -> None:
    line = "item 故障 max 100 { deduct 5 per occurrence of 系统故障 }"
    d = only("kind 系统运行故障\n" + scorecard(line), "SLR205")
    assert d.message == "unknown kind “系统故障”; did you mean “系统运行故障”?"
    assert d.severity == ERROR
    # HEAD is 3 lines, then kind, scorecard, item: the caret is under 系统故障 itself.
    assert (d.line, d.col) == (6, line.index("系统故障") + 1)


def test_unknown_tier_in_a_filter_names_the_sla() -> None:
    d = only(
        SLA + scorecard("item 响应 max 100 { deduct 1 per breach of 故障 tier 紧级 }"), "SLR204"
    )
    assert d.message == "unknown tier “紧级” in SLA 故障; did you mean “紧急”?"


def test_did_you_mean_stays_quiet_when_nothing_is_close() -> None:
    assert did_you_mean("迟到", ["系统运行故障", "安全运行事件"]) == ""
    assert did_you_mean("Respond", ["respond", "restore"]) == "; did you mean “respond”?"
    assert did_you_mean("x", []) == ""


def test_a_start_event_must_be_a_ticket_event() -> None:
    d = only(SLA.replace("from responded to restored", "from respnded to restored"), "SLR210")
    assert "did you mean “responded”?" in d.message


def test_names_in_expressions_must_be_declared() -> None:
    d = only("payment per 月度 { base contract_totl }\nparam contract_total: money = 1元", "SLR209")
    assert d.message == "unknown name “contract_totl”; did you mean “contract_total”?"


def test_mean_of_a_parameter_is_the_wrong_kind_of_name() -> None:
    d = only("param p: number = 1\ncomposite c per 月度 = mean(p) * 100%", "SLR211")
    assert "needs a scorecard or a composite" in d.message


def test_a_cause_close_to_a_declared_one_is_a_likely_typo() -> None:
    body = "cause 采购人原因\n" + SLA.replace(
        "calendar 全天\n", "calendar 全天\n exclude cause 采购人原由\n"
    )
    d = only(body, "SLR207")
    assert d.severity == WARNING


# ---- duplicates ------------------------------------------------------------------------


def test_scorecards_and_parameters_share_one_namespace() -> None:
    body = "param 考核: number = 1\n" + scorecard("item a max 100 { judged }")
    d = only(body, "SLR130")
    assert d.message == "“考核” is already declared as a parameter (line 4)"


def test_a_target_given_twice_in_a_tier() -> None:
    d = only(SLA.replace("respond 30m", "respond 30m respond 1h"), "SLR130")
    assert "a second target for metric respond in tier 一般" in d.message


# ---- units -------------------------------------------------------------------------------


def test_a_duration_in_a_payment_expression() -> None:
    body = (
        "param small_firm: bool = false\nparam total: money = 100元\n"
        "payment per 月度 { base total bond if small_firm then 4h else 3% end of total }"
    )
    d = only(body, "SLR110")
    assert d.message == "expected a percentage, found a duration 4h"


def test_money_plus_percent_and_percent_of_money() -> None:
    body = "param total: money = 100元\npayment per 月度 { base total + 5% }"
    assert only(body, "SLR110").message == "expected an amount of money, found a percentage 5%"
    assert check("param total: money = 100元\npayment per 月度 { base 5% of total / 12 }") == []


def test_param_default_must_match_its_type() -> None:
    d = only("param start: date = 5\nperiod p = cycle 12 months from start", "SLR110")
    assert d.message == "start is a date parameter, but its default is a number 5"


def test_a_score_is_not_a_condition() -> None:
    body = scorecard("item a max 100 { judged }") + "flag f when 考核"
    assert "SLR111" in codes(body)


# ---- tables ------------------------------------------------------------------------------


def test_payment_band_gap_is_an_error_with_the_midpoint_witness() -> None:
    body = scorecard("item a max 100 { judged }") + (
        "payment per 月度 { pay band 考核 { [90, 100] -> 100% [80, 89] -> 85% [0, 80) -> 0% } }"
    )
    d = only(body, "SLR303")
    assert d.severity == ERROR
    assert d.message == "payment band 考核 leaves scores in (89, 90) uncovered"
    assert d.witness == "89.5"


def test_a_no_floor_item_extends_the_score_domain_below_zero() -> None:
    band = "payment per 月度 { deduct band 考核 { [80, 100] -> 0% [0, 80) -> 20% } }"
    floored = scorecard("item a max 100 { judged }") + band
    assert "SLR303" not in codes(floored)
    unfloored = "kind k\n" + scorecard("item a max 100 no floor { deduct 5 per occurrence of k }")
    d = only(unfloored + band, "SLR303")
    assert d.message == "deduction band 考核 leaves scores in (-inf, 0) uncovered"
    assert d.witness == "-1"


def test_no_floor_reaches_through_composites() -> None:
    body = (
        "kind k\n"
        + scorecard("item a max 100 no floor { deduct 5 per occurrence of k }")
        + "composite 总分 per 月度 = 考核 * 100%\n"
        "payment per 月度 { deduct band 总分 { [0, 100] -> 0% } }"
    )
    assert only(body, "SLR303").witness == "-1"


def test_overlapping_bands_with_the_same_percentage_only_warn() -> None:
    body = scorecard("item a max 100 { judged }") + (
        "payment per 月度 { pay band 考核 { [60, 100] -> 100% [0, 60] -> 100% } }"
    )
    d = only(body, "SLR302")
    assert d.severity == WARNING
    assert d.witness == "60"


def test_grade_table_over_item_max_with_step() -> None:
    ok = scorecard(
        "item 技术 max 25 { judged step 1 { 优秀: [20, 25] 一般: [10, 19] 较差: [0, 9] } }"
    )
    assert [d.code for d in check(ok)] == ["SLR314"]  # 25 points, not 100: nothing else
    gap = ok.replace("step 1 ", "")
    found = [d for d in check(gap) if d.code == "SLR301"]
    assert [d.witness for d in found] == ["19.5", "9.5"]  # sorted by message: (19, 20) first


def test_a_grade_beyond_the_item_max() -> None:
    body = scorecard("item 技术 max 100 { judged { 好: [20, 120] 差: [0, 20) } }")
    assert "SLR125" in codes(body)


def test_points_table_with_two_aggregates_reports_regions() -> None:
    # Three boxes that tile [0, inf) × {0, 1, …}: no gap, no overlap.
    body = SLA + scorecard(
        "item x max 94 { judged }\n"
        "item 年故障 max 6 { points by downtime(故障.restore), count(故障) {\n"
        "  [0h, 24h), [0, 10) -> 6\n  [24h, inf), [0, inf) -> 0\n  [0h, 24h), [10, inf) -> 3\n} }"
    )
    assert check(body) == []
    holed = body.replace("[24h, inf), [0, inf)", "(24h, inf), [0, inf)")
    d = only(holed, "SLR306")  # a gap in a points table is an error: no score there
    assert d.message == (
        "points table of item 年故障 leaves downtime(故障.restore) = 24h "
        "and any count(故障) uncovered"
    )
    assert d.witness == "downtime(故障.restore) = 24h, count(故障) = 0"


# ---- weights -----------------------------------------------------------------------------


def test_guangxi_weights_sum_exactly_to_100() -> None:
    # 11 × 8.3% + 8.7% = 91.3% + 8.7% = 100% — exact in decimals.
    people = ", ".join(f"部门{i} 8.3%" for i in range(11)) + ", 科技信息化总队 8.7%"
    assert check(scorecard("item a max 100 { judged }", f"assessed by {people} ")) == []
    people = people.replace("8.7%", "8.6%")
    d = only(scorecard("item a max 100 { judged }", f"assessed by {people} "), "SLR310")
    assert d.witness == "99.9%"


def test_composite_weights_must_sum_to_100() -> None:
    body = (
        scorecard("item a max 100 { judged }")
        + "scorecard 评分 per 月度 { item b max 100 { judged } }\n"
        "composite 总分 per 月度 = 考核 * 50% + 40% of 评分\n"
    )
    d = only(body, "SLR312")
    assert d.witness == "90%"


# ---- periods -----------------------------------------------------------------------------


def test_a_cycle_reaching_2027_is_provisional_with_china_days() -> None:
    # 2026-07-01 + 12 months: the first cycle runs to 2027-06-30, and the holidays data has
    # no State Council notice for 2027.
    text = (
        'ruleset "t" { }\nparam start: date = 2026-07-01\n'
        "period 周期 = cycle 12 months from start\n"
        'calendar 工作 { hours "mon-fri 09:00-17:00" days CN }\n'
        "sla s { calendar 工作 metric r from opened to responded tier t { r 1h } }\n"
        "scorecard 考核 per 周期 { item a max 100 { judged } }\n"
    )
    found = check_ruleset(parse(text, "t.sla"))
    assert [d.code for d in found] == ["SLR401"]
    assert found[0].witness == "2027"
    assert "first cycle 2026-07-01 to 2027-06-30" in found[0].message
    assert check_ruleset(parse(text.replace("days CN", "days none"), "t.sla")) == []
    earlier = text.replace("2026-07-01", "2025-07-01")
    assert check_ruleset(parse(earlier, "t.sla")) == []


# ---- acknowledgements --------------------------------------------------------------------


def test_an_acknowledgement_only_covers_its_own_block() -> None:
    gap = "judged { 好: [13, 25] 差: [0, 12] }"
    body = scorecard(
        f'item a max 25 {{ acknowledge SLR301 "读作整数" {gap} }}\n'
        f"item b max 75 {{ {gap.replace('25]', '75]')} }}"
    )
    found = check(body)
    assert [d.code for d in found] == ["SLR301"]
    assert "item b" in found[0].message


def test_a_header_acknowledgement_covers_the_whole_file() -> None:
    text = 'ruleset "t" { acknowledge SLR501 "保留" }\nperiod 月度 = month\nkind 未用\n'
    assert check_ruleset(parse(text, "t.sla")) == []


# ---- models built in code ------------------------------------------------------------------


def test_per_n_occurrences_below_one_in_a_model_built_in_code() -> None:
    rule = m.CountRule(-1, m.Literal(m.Unit.NUMBER, 1, "1"), m.PerNOccurrences(0, "k"))
    item = m.Item("a", m.Literal(m.Unit.NUMBER, 100, "100"), (rule,))
    ruleset = m.RuleFile(
        "t",
        periods=(m.PeriodDef("月度", "month"),),
        kinds=(m.KindDef("k"),),
        scorecards=(m.Scorecard("s", "月度", (item,)),),
    )
    found = check_ruleset(ruleset)
    assert [d.code for d in found] == ["SLR106"]
    assert found[0].source_line is None


def test_value_formatting() -> None:
    from decimal import Decimal

    assert fmt_decimal(Decimal("89.50")) == "89.5"
    assert fmt_decimal(Decimal("1E+2")) == "100"
    assert fmt_seconds(Decimal(5400)) == "1h30m"
    assert fmt_seconds(Decimal(0)) == "0h"


def test_overlapping_boxes_of_a_two_aggregate_table() -> None:
    # Row 1 covers downtime [0h, 24h] and row 2 starts at 24h: at exactly 24 hours, with any
    # count, both apply.
    body = SLA + scorecard(
        "item x max 94 { judged }\n"
        "item 年故障 max 6 { points by downtime(故障.restore), count(故障) {\n"
        "  优秀: [0h, 24h], [0, inf) -> 6\n  较差: [24h, inf), [0, inf) -> 0\n} }"
    )
    d = only(body, "SLR302")
    assert d.message == (
        "points table of item 年故障: rows 优秀 [0h, 24h], [0, inf) and 较差 [24h, inf), [0, inf) "
        "both cover downtime(故障.restore) = 24h and any count(故障)"
    )
    assert d.witness == "downtime(故障.restore) = 24h, count(故障) = 0"


def test_overlapping_grades_warn_at_the_second_grade() -> None:
    body = scorecard("item a max 100 { judged { 好: [60, 100] 差: [0, 60] } }")
    d = only(body, "SLR302")
    assert d.witness == "60"
    assert d.col == body.splitlines()[1].index("差") + 1


def test_mean_of_quarters_inside_a_year_is_fine() -> None:
    body = (
        "period 季度 = quarter\nperiod 年度 = year\n"
        "scorecard 季度考核 per 季度 { item a max 100 { judged } }\n"
        "scorecard 最终考核 per 年度 { item a max 100 { judged } }\n"
        "composite 最终得分 per 年度 = mean(季度考核) * 40% + 最终考核 * 60%\n"
        "flag 整改 when 季度考核 < 65 for 2 consecutive periods\n"
    )
    assert check(body) == []


def test_an_acknowledgement_with_an_unknown_code() -> None:
    d = only(scorecard('item a max 100 { acknowledge SLR777 "x" judged }'), "SLR510")
    assert d.message == "SLR777 is not a diagnostic code of slarules check"


def test_check_paths_sorts_across_files(tmp_path: Path) -> None:
    (tmp_path / "b.sla").write_text('ruleset "b" { }\nkind 未用\n', encoding="utf-8")
    (tmp_path / "a.sla").write_text('ruleset "a" { }\nkind 未用\n', encoding="utf-8")
    found = check_paths([str(tmp_path / "b.sla"), str(tmp_path / "a.sla")])
    assert [Path(d.path).name for d in found] == ["a.sla", "b.sla"]


# ---- tier changes, agreed targets, targets owed when ----------------------------------------


def test_an_allowance_with_retier_restart_has_no_effect() -> None:
    body = SLA.replace("  tier 紧急", "  retier restart allow 10分钟\n  tier 紧急")
    found = only(body, "SLR126")
    assert found.severity == WARNING and "restart" in found.message
    assert "SLR126" not in codes(
        SLA.replace("  tier 紧急", "  retier remeasure allow full\n  tier 紧急")
    )


def test_a_when_event_cannot_be_a_reserved_event() -> None:
    body = SLA.replace("restore 8h }", "restore 8h when retiered }")
    found = only(body, "SLR212")
    assert found.severity == ERROR and "when retiered" in found.message.replace("“", "")
    assert "SLR212" in codes(SLA.replace("restore 8h }", "restore 8h when score }"))


def test_agreed_targets_and_when_events_are_clean() -> None:
    body = SLA.replace("restore 8h }", "restore 8h or agreed when escalated }").replace(
        "tier 一般", "tier 轻微 { respond agreed }\n  tier 一般"
    )
    assert codes(body) == []


def test_a_metric_may_start_at_a_when_event() -> None:
    body = SLA.replace(
        "  tier 紧急",
        "  metric engineer from escalated to engineer_arrived\n  tier 紧急",
    ).replace("restore 8h }", "restore 8h when escalated }")
    assert "SLR210" not in codes(body)


def test_agreed_is_a_reserved_stop_event() -> None:
    # `agreed` is a keyword of the language too (a name here, quoted or not).
    body = SLA.replace("to restored", 'to "agreed"')
    assert "SLR212" in codes(body)
