"""What ``check`` says about availability and percentages: a percentage compares with a
percentage and never with a score; bands over a percentage lie in [0%, 100%] and leave no
gap (the Danish table written literally leaves (99.79%, 99.80%) uncovered); ``per point
below`` takes an expression and a threshold in the score's unit."""

from __future__ import annotations

from slarules.check import check_ruleset
from slarules.language.parser import parse

HEAD = """
ruleset "a" { timezone "Asia/Shanghai" }
param fee: money = 1000元
param target: percent = 99.5%
calendar 全天 { hours "24x7" }
period 月 = month
sla 平台 {
  calendar 全天
  metric restore from opened to restored
  exclude maintenance announced 8h ahead cite "at least 8 hours in advance"
  tier 故障 { restore 4h }
}
scorecard 考核 per 月 { item 分 max 100 { judged } }
"""


def diagnostics(body: str) -> list[tuple[str, str, str]]:
    """What check says, but for the unused parameters of the shared head (SLR501)."""
    found = check_ruleset(parse(HEAD + body, "a.sla"))
    return [(d.code, d.message, d.witness or "") for d in found if d.code != "SLR501"]


def codes(body: str) -> list[str]:
    return [code for code, _, _ in diagnostics(body)]


def test_a_percentage_compares_with_a_percentage() -> None:
    body = """
    payment per 月 {
      base fee
      flag 不达标 when availability(平台.restore) < 99.9%
      flag 低于目标 when availability(平台.restore) < target
      deduct 5% of fee when availability(平台.restore) < 99.5% and 考核 < 60
    }
    """
    assert diagnostics(body) == []


def test_a_score_compared_with_a_percentage_stays_an_error() -> None:
    assert codes("flag x when 考核 < 99.9%") == ["SLR110"]


def test_availability_compared_with_a_plain_number_is_an_error() -> None:
    # 99.9 where 99.9% was meant: the percentage is a fraction, 99.9 would never be reached.
    found = diagnostics("payment per 月 { flag x when availability(平台.restore) < 99.9 }")
    assert [(c, m) for c, m, _ in found] == [
        ("SLR110", "expected a percentage, found a number 99.9")
    ]


def test_availability_with_a_duration_is_an_error() -> None:
    assert codes("payment per 月 { flag x when availability(平台.restore) < 4h }") == ["SLR110"]


def test_availability_needs_a_metric() -> None:
    assert codes("payment per 月 { flag x when availability(平台) < 99% }") == ["SLR211"]


def test_the_danish_table_written_literally_leaves_a_gap_with_a_witness() -> None:
    # "99,79 % – 99,50 % → 6 %" then "99,99 % – 99,80 %": nothing covers 99.795%.
    body = """
    payment per 月 {
      base fee
      deduct band availability(平台.restore) of fee {
        [99.80%, 100%] -> 0%
        [99.50%, 99.79%] -> 6%
        [0%, 99.50%) -> 12%
      }
    }
    """
    assert diagnostics(body) == [
        (
            "SLR303",
            "deduction band availability(平台.restore) leaves percentages in "
            "(99.79%, 99.8%) uncovered",
            "99.795%",
        )
    ]


def test_overlapping_percentage_rows_are_reported() -> None:
    body = """
    payment per 月 {
      base fee
      deduct band availability(平台.restore) {
        [99.5%, 100%] -> 0%
        [0%, 99.6%) -> 10%
      }
    }
    """
    assert codes(body) == ["SLR304"]


def test_a_percentage_band_row_outside_zero_to_hundred_is_refused() -> None:
    body = """
    payment per 月 {
      base fee
      deduct band availability(平台.restore) { [99%, 101%] -> 0%  [0%, 99%) -> 10% }
    }
    """
    assert [(c, m) for c, m, _ in diagnostics(body)] == [
        ("SLR125", "band row [99%, 101%] goes outside [0%, 100%]")
    ]


def test_a_percentage_band_written_in_points_is_an_error() -> None:
    body = """
    payment per 月 {
      base fee
      deduct band availability(平台.restore) { [99.5, 100] -> 0%  [0, 99.5) -> 10% }
    }
    """
    assert set(codes(body)) == {"SLR110"}


def test_per_point_below_takes_an_expression_and_a_matching_threshold() -> None:
    ok = """
    payment per 月 {
      base fee
      deduct 1% of fee per point below 99.9% in availability(平台.restore) fraction up
      deduct 1% of fee per point below 90 in 考核 fraction up
    }
    """
    assert diagnostics(ok) == []
    wrong = """
    payment per 月 {
      base fee
      deduct 1% of fee per point below 99.9 in availability(平台.restore) fraction up
      deduct 1% of fee per point below 90% in 考核 fraction up
    }
    """
    assert codes(wrong) == ["SLR110", "SLR110"]


def test_a_score_band_keeps_its_score_axis() -> None:
    body = """
    payment per 月 {
      base fee
      deduct band 考核 { [60, 100] -> 0%  [0, 59] -> 10% }
    }
    """
    assert codes(body) == ["SLR303"]


def test_a_points_table_by_availability_is_checked_over_percentages() -> None:
    body = """
    scorecard 可用 per 月 max 10 {
      item 可用性 max 10 {
        points by availability(平台.restore) {
          [99.9%, 100%] -> 10  [99%, 99.8%) -> 5  [0%, 99%) -> 0
        }
      }
    }
    """
    assert [(c, w) for c, _, w in diagnostics(body)] == [("SLR306", "99.85%")]
    outside = body.replace("[99.9%, 100%]", "[99.9%, 110%]")
    assert "SLR125" in codes(outside)


def test_a_notice_parameter_must_be_a_duration_parameter() -> None:
    text = HEAD.replace("announced 8h ahead", "announced notice ahead")
    ok = 'param notice: duration = 8h cite "提前8小时"\n'
    assert [d.code for d in check_ruleset(parse(text + ok, "a.sla")) if d.code != "SLR501"] == []
    unknown = [d.code for d in check_ruleset(parse(text, "a.sla")) if d.code != "SLR501"]
    assert unknown == ["SLR209"]
    wrong = text + "param notice: money = 8元\n"
    assert [d.code for d in check_ruleset(parse(wrong, "a.sla")) if d.code != "SLR501"] == [
        "SLR211"
    ]
