"""A score with more decimals than a reader can use (report.shown): the reports for people
show it rounded half-up to 4 decimals and marked ``≈``, say once what the mark means, keep
a band's score inside its band, and say that an amount comes from the exact value; the JSON
report keeps the exact value.

The scenario is cn-zwyw-2025 with 19 二级 tickets in May 2025, all resolved the same day,
18 responded within 2 hours and one (M1) 5½ hours after opening. Worked by hand from the
contract's clauses (docs/rulesets/cn-zwyw-2025.md):

- "响应及时率=按时响应工单数÷应响应工单数": 18 ÷ 19 = 94.7368421052…%;
- "响应及时率不低于95%，每降低1个百分点扣0.5分": 95 − 1800/19 = 5/19 points below,
  × 0.5 = 5/38 = 0.1315789473… deducted from 工单响应 (30 → 29.8684210526…);
- "第三条 月度考核满分100分": 100 − 5/38 = 3795/38 = 99.8684210526315789…, shown ≈99.8684;
- "90分（含）以上的，全额支付": 99.87 is in [90, 100], so May pays 100% of 50000 = 50000.00.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Context, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slarules.cli import main
from slarules.report.shown import (
    basis_text,
    has_rounded,
    shown_number,
    shown_text,
)

ROOT = Path(__file__).resolve().parents[2]
RULES = str(ROOT / "rulesets" / "cn-zwyw-2025.sla")
AS_OF = "2025-06-10T00:00:00+08:00"
MAY_WORKDAYS = [6, 7, 8, 9, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30]
# 3795/38 to the evaluator's 60 significant digits: the exact score the JSON keeps.
EXACT = Context(prec=60).divide(Decimal(3795), Decimal(38))
# Any number with 5 or more decimals, standing alone: what a person should not be shown.
LONG_NUMBER = re.compile(r"(?<![\w.])\d+\.\d{5,}")


def _events(tmp_path: Path) -> str:
    out = []
    for k, day in enumerate(MAY_WORKDAYS):
        ticket, date = f"M{k + 1}", f"2025-05-{day:02d}"
        respond = "14:30" if k == 0 else "09:30"  # M1: 5h30m after 09:00, over 二级's 2h
        out += [
            {"at": f"{date}T09:00:00+08:00", "type": "opened", "ticket": ticket},
            {"at": f"{date}T{respond}:00+08:00", "type": "responded", "ticket": ticket},
            {"at": f"{date}T16:00:00+08:00", "type": "resolved", "ticket": ticket},
        ]
        out[-3] |= {"sla": "工单", "tier": "二级"}
    path = tmp_path / "zw19.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in out), "utf-8")
    return str(path)


def _replay(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["replay", RULES, _events(tmp_path), "--as-of", AS_OF, *args]) == 0
    return capsys.readouterr().out


def test_json_keeps_the_exact_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = json.loads(_replay(tmp_path, capsys, "--format", "json"))
    may = report["periods"][0]
    assert may["period"] == "2025-05"
    assert Decimal(may["scorecards"][0]["score"]) == EXACT
    assert may["payment"]["payable"] == "50000.00"
    assert "≈" not in json.dumps(report, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_report_rounds_and_explains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    text = _replay(tmp_path, capsys, "--lang", lang)
    assert LONG_NUMBER.findall(text) == []
    assert "月度考核  ≈99.8684 / 100" in text
    # 工单响应: 30 − 5/38 ≈ 29.8684, the line −5/38 ≈ −0.1316 for 5/19 ≈ 0.2632 points below.
    assert re.search(r"工单响应 +30  ≈29\.8684  ≈-0\.1316  deduct 0\.5 per .* ×≈0\.2632", text)
    band = next(line for line in text.splitlines() if "pay band 月度考核" in line)
    assert "月度考核 ≈ 99.8684 in [90, 100]" in band
    assert "50000" in band
    legend = text.rstrip("\n").splitlines()[-1]
    if lang == "en":
        assert "rounded half-up to 4 decimals" in legend
        assert "the amount uses the exact value" in band
    else:
        assert "四舍五入保留 4 位小数" in legend
        assert "金额按精确值计算" in band


def test_summary_rounds_and_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _replay(tmp_path, capsys, "--summary")
    assert LONG_NUMBER.findall(text) == []
    assert re.search(r"2025-05 .* ≈99\.8684  50000\.00", text)
    assert "2025-05: 月度考核 ≈ 99.8684 in [90, 100]: pay 100% of base 50000" in text
    assert text.rstrip("\n").splitlines()[-1].startswith("≈ marks a value rounded")


def test_html_rounds_and_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _replay(tmp_path, capsys, "--format", "html")
    assert LONG_NUMBER.findall(page) == []
    assert "月度考核 ≈99.8684 / 100" in page
    assert "<p class='muted' id='rounded'>≈ 为便于阅读" in page
    # The waterfall ends at the score, with no step for the last digit of the division.
    assert "+≈0.0000" not in page and "≈0.0000" not in page


def test_xlsx_numbers_stay_numbers_shown_rounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "zw.xlsx"
    _replay(tmp_path, capsys, "--format", "xlsx", "--out", str(out))
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    overview = book["概要"]
    cells = {c.coordinate: c for row in overview.iter_rows() for c in row}
    score = next(c for c in cells.values() if isinstance(c.value, float) and c.value > 99)
    assert abs(Decimal(repr(score.value)) - EXACT) < Decimal("1e-12")  # a number, not text
    assert score.number_format == '"≈"0.0000;"≈-"0.0000'
    texts: list[Any] = [c.value for ws in book for row in ws.iter_rows() for c in row]
    assert not [t for t in texts if isinstance(t, str) and LONG_NUMBER.search(t)]
    notes = [[c.value for c in row] for row in book["说明"].iter_rows()]
    assert ["≈ 约数 rounded", notes[-1][1]] == notes[-1]
    assert "rounded half-up to 4 decimals" in notes[-1][1]


def test_exact_values_are_shown_as_they_are() -> None:
    assert [shown_number(Decimal(x)) for x in ("100", "92.5", "62.9175", "-3")] == [
        "100",
        "92.5",
        "62.9175",
        "-3",
    ]
    assert shown_number(EXACT) == "≈99.8684"
    assert shown_number(Decimal("0.00005")) == "≈0.0001"  # half-up
    assert shown_number(Decimal("-0.13157")) == "≈-0.1316"
    assert shown_text("月度考核 = 62.9175 in [60, 70): pay 80%") == (
        "月度考核 = 62.9175 in [60, 70): pay 80%"
    )


def test_a_rounded_score_stays_in_its_band() -> None:
    # 89.99996 rounds to 90.0000, which [80, 90) does not hold: a fifth decimal keeps it in.
    assert shown_text("s = 89.99996 in [80, 90): pay 95%") == "s ≈ 89.99996 in [80, 90): pay 95%"
    assert shown_text("s = 80.000001 in (80, 90]: x") == "s ≈ 80.000001 in (80, 90]: x"
    assert shown_text("s = 79.99999 in [0, 80分): x") == "s ≈ 79.99999 in [0, 80分): x"
    # Where rounding keeps it inside, four decimals as everywhere.
    assert shown_text("s = 89.99994 in [80, 90): x") == "s ≈ 89.9999 in [80, 90): x"


def test_a_number_the_engine_already_cut_is_left_as_it_is() -> None:
    # availability.shown_text keeps 8 decimals so that the product checks against the cents.
    text = "0.50003858… counted (fraction prorated) × 1000000"
    assert shown_text(text) == text


def test_ids_and_dotted_numbers_are_not_numbers() -> None:
    text = "ticket T-1.234567: v1.23456.7 build_0.123456 2.500000 2.500001"
    assert shown_text(text) == "ticket T-1.234567: v1.23456.7 build_0.123456 2.5 ≈2.5000"


def test_a_basis_with_a_rounded_value_says_the_amount_is_exact() -> None:
    assert basis_text("月服务费 = 50000") == "月服务费 = 50000"
    shown = basis_text("score/100 × 50000: score = 99.86842105")
    assert shown.startswith("score/100 × 50000: score ≈ 99.8684 [")
    assert "exact value" in shown
    assert has_rounded("score = 99.86842105") and not has_rounded("score = 99.8684")


_BOUNDS = st.decimals(min_value=-200, max_value=200, places=2, allow_nan=False)


@given(
    st.decimals(min_value=-200, max_value=200, places=9, allow_nan=False),
    _BOUNDS,
    _BOUNDS,
    st.sampled_from(["[", "("]),
    st.sampled_from(["]", ")"]),
)
def test_shown_value_is_close_and_never_leaves_the_band(
    value: Decimal, lo: Decimal, hi: Decimal, lo_b: str, hi_b: str
) -> None:
    lo, hi = min(lo, hi), max(lo, hi)
    band = f"{lo_b}{lo:f}, {hi:f}{hi_b}"
    shown = shown_text(f"s = {value:f} in {band}: x")
    found = re.fullmatch(r"s (=|≈) (-?[\d.]+) in .*", shown)
    assert found is not None
    number = Decimal(found.group(2))
    assert abs(number - value) <= Decimal("0.00005")
    assert (found.group(1) == "=") == (value == value.quantize(Decimal("0.0001")))

    def inside(x: Decimal) -> bool:
        above = x >= lo if lo_b == "[" else x > lo
        below = x <= hi if hi_b == "]" else x < hi
        return above and below

    if inside(value):
        assert inside(number)


def test_a_linear_deduction_from_a_rounded_score_says_its_amount_is_exact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cn-zwyw with a deduction of 1% of the month's fee per point below 100 (added for
    the test): 5/38 points × 500 = 65.789… → 65.79, so the month pays 50000 − 65.79 =
    49934.21. The rounded 0.1316 × 500 would give 65.80: the basis says which one counts."""
    rules = (ROOT / "rulesets" / "cn-zwyw-2025.sla").read_text("utf-8")
    rules = rules.replace(
        "  base 月服务费\n",
        "  base 月服务费\n"
        "  deduct 1% of 月服务费 per point below 100 in 月度考核 fraction prorated\n",
    )
    path = tmp_path / "linear.sla"
    path.write_text(rules, "utf-8")
    assert main(["replay", str(path), _events(tmp_path), "--as-of", AS_OF]) == 0
    text = capsys.readouterr().out
    line = next(ln for ln in text.splitlines() if "per point below 10" in ln)
    assert "-65.79" in line
    assert "月度考核 ≈ 99.8684: ≈0.1316 points below 100" in line
    assert line.endswith("[≈ rounded for reading: the amount uses the exact value]")
    assert "payment: payable 49934.21" in text
