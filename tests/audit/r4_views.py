"""The money and scores of one replay as each renderer shows them, read back independently.

Audit R4 ("the four renderers agree"): finance receives the report as JSON, as text (en or
zh), as the one-screen ``--summary``, as an HTML page or as an Excel workbook. Each reader
below parses one rendering with nothing but the standard library (and openpyxl for the
workbook), and returns, per period, the scores and every payment line's kind and amount as
that rendering shows it, so a test can compare them to the cent with the amounts worked out
by hand. The renderings are made by the command line (``slarules replay``), as finance runs
it. Loaded by tests/audit/conftest.py (fixture ``views``).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]
D = Decimal
Period = dict[str, Any]


def render(
    tmp: Path,
    ruleset: str,
    events: list[dict[str, Any]],
    *,
    as_of: str | None = None,
    params: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Every rendering of one replay: ``json`` (parsed), ``en``/``zh`` (text), ``summary``,
    ``summary_zh``, ``html`` (text) and ``xlsx`` (an openpyxl workbook)."""
    log = tmp / "events.jsonl"
    log.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    head = ["replay", str(ROOT / "rulesets" / f"{ruleset}.sla"), str(log)]
    for name, value in (params or {}).items():
        head += ["--param", f"{name}={value}"]
    if as_of is not None:
        head += ["--as-of", as_of]
    runs = {
        "json": ["--format", "json"],
        "en": ["--lang", "en"],
        "zh": ["--lang", "zh"],
        "summary": ["--lang", "en", "--summary"],
        "summary_zh": ["--lang", "zh", "--summary"],
        "html": ["--format", "html"],
        "xlsx": ["--format", "xlsx"],
    }
    out: dict[str, Any] = {}
    for key, extra in runs.items():
        target = tmp / f"report.{key}"
        assert main([*head, *extra, "--out", str(target)]) == 0, key
        if key == "xlsx":
            out[key] = openpyxl.load_workbook(target)
        elif key == "json":
            out[key] = json.loads(target.read_text("utf-8"))
        else:
            out[key] = target.read_text("utf-8")
    return out


def cents(value: Any) -> Decimal | None:
    """A shown amount as exact cents: ``"2,500,000.00"``, ``-6600.0`` (a workbook float)."""
    if value is None or value == "":
        return None
    if isinstance(value, float | int):
        return D(repr(value)).quantize(D("0.01"))
    text = str(value).replace(",", "")
    found = re.search(r"-?\d+(?:\.\d+)?", text)
    return None if found is None else D(found.group(0))


# -- JSON: the record -------------------------------------------------------------------


def from_json(report: dict[str, Any]) -> dict[str, Period]:
    out: dict[str, Period] = {}
    for p in report["periods"]:
        pay = p.get("payment")
        scores = {c["name"]: D(c["score"]) if c["score"] is not None else None
                  for c in p["scorecards"]}  # fmt: skip
        scores.update(
            {
                k: D(c["score"]) if c["score"] is not None else None
                for k, c in (p["composite"] or {}).items()
            }
        )
        entry: Period = {"scores": scores}
        if pay is not None and pay["status"] != "no_terms":
            entry["lines"] = [(x["kind"], cents(x["amount"])) for x in pay["lines"]]
            entry["payable"] = cents(pay["payable"])
            entry["refund"] = cents(pay["refund"])
            entry["damages"] = cents(pay["damages"])
        out[p["period"]] = entry
    return out


# -- text (en, zh) --------------------------------------------------------------------------

_PERIOD = re.compile(r"^(?:Period|周期) (\S+)  ")
_CARD = re.compile(r"^  (\S+)  (-?[\d.]+|—|-) / ([\d.]+)")
_COMPOSITE = re.compile(r"^  (?:composite|综合得分) (\S+) = (-?[\d.]+)")
_PAY = re.compile(r"^  (?:payment: payable|付款：应付) ?(-?\d+\.\d\d|pending|金额待定)")
_REFUND = re.compile(r"(?:REFUND owed to the purchaser|应退还采购方) (\d+\.\d\d)")
_DAMAGES = re.compile(r"(?:damages|违约金) (\d+\.\d\d)")
_KINDS = (
    "base|milestone|pay_band|deduct_band|linear|formula|deduction|credit|group_cap|damages|refund"
    "|bond_return"
)
_LINE = re.compile(rf"^    .*?\s({_KINDS})\s+(-?\d+\.\d\d|pending|待定)\s")
_BOND = re.compile(r"^    (?:taken from the bond: |从履约保证金中扣除：上述扣款中的 ?)(\d+\.\d\d)")


def from_text(text: str) -> dict[str, Period]:
    out: dict[str, Period] = {}
    current: Period | None = None
    for line in text.splitlines():
        head = _PERIOD.match(line)
        if head:
            current = out.setdefault(head.group(1), {"scores": {}})
            continue
        if current is None:
            continue
        if (card := _CARD.match(line)) and "lines" not in current:
            current["scores"][card.group(1)] = _score(card.group(2))
        elif comp := _COMPOSITE.match(line):
            current["scores"][comp.group(1)] = _score(comp.group(2))
        elif pay := _PAY.match(line):
            current["lines"] = []
            current["payable"] = cents(pay.group(1))
            refund = _REFUND.search(line)
            current["refund"] = D(refund.group(1)) if refund else D("0.00")
            damages = _DAMAGES.search(line)
            current["damages"] = D(damages.group(1)) if damages else None
        elif "lines" in current and (row := _LINE.match(line)):
            current["lines"].append((row.group(1), cents(row.group(2))))
        elif "lines" in current and (bond := _BOND.match(line)):
            current["lines"].append(("bond_deduction", D(bond.group(1))))
    return out


def _score(text: str) -> Decimal | None:
    return None if text in ("—", "-") else D(text)


def summary_rows(text: str) -> dict[str, list[str]]:
    """``--summary``'s period rows: the period label → the cells after it (split on runs
    of two or more spaces)."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) > 3 and re.fullmatch(r"\S+:\d+", cells[0]):
            rows.setdefault(cells[0], cells[1:])
    return rows


# -- HTML ------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Each period section's payment table (rows of cell texts) and its h3 scores."""

    def __init__(self) -> None:
        super().__init__()
        self.period: str | None = None
        self.tag: str | None = None
        self.buffer = ""
        self.in_payment = False
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: str | None = None
        self.found: dict[str, Period] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self.tag, self.buffer = tag, ""
            self.head_id = dict(attrs).get("id") or ""
        elif tag == "tr" and self.in_payment:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self.tag == "h2":
            self.tag = None
            matched = re.match(r"p\d+$", self.head_id)
            self.period = self.buffer.split(" · ")[0].strip() if matched else None
            if self.period:
                self.found[self.period] = {"scores": {}}
        elif tag == "h3" and self.tag == "h3":
            self.tag = None
            if self.period and self.buffer.strip() == "付款 Payment":
                self.in_payment = True
                self.found[self.period]["rows"] = []
            elif self.period and (m := re.match(r"(\S+) (-?[\d.]+) / ([\d.]+)", self.buffer)):
                self.found[self.period]["scores"].setdefault(m.group(1), D(m.group(2)))
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            assert self.period is not None
            self.found[self.period]["rows"].append(self.row)
            self.row = None
        elif tag == "table" and self.in_payment:
            self.in_payment = False

    def handle_data(self, data: str) -> None:
        if self.tag is not None:
            self.buffer += data
        if self.cell is not None:
            self.cell += data


def from_html(page: str) -> dict[str, Period]:
    parser = _Tables()
    parser.feed(page)
    out: dict[str, Period] = {}
    for label, found in parser.found.items():
        entry: Period = {"scores": found["scores"]}
        rows = found.get("rows")
        if rows:
            body = [r for r in rows[1:] if r and r[0] != "应付 payable"]
            entry["lines"] = [(r[1], cents(r[2])) for r in body]
            total = [r for r in rows if r and r[0] == "应付 payable"]
            entry["payable"] = cents(total[0][2]) if total else None
        out[label] = entry
    return out


def html_cards(page: str) -> dict[str, str]:
    """The summary's payable card per period: label → the card's text."""
    cards: dict[str, str] = {}
    for m in re.finditer(r"<h3><a href='#p\d+'>([^<]+)</a>(.*?)(?=<h3>|<h2)", page, re.S):
        cards[m.group(1)] = re.sub(r"<[^>]+>", " ", m.group(2))
    return cards


# -- Excel -----------------------------------------------------------------------------------


def from_xlsx(book: Any) -> dict[str, Period]:
    out: dict[str, Period] = {}
    overview = book["概要"]
    header = [c.value for c in overview[2]]
    for row in overview.iter_rows(min_row=3, values_only=True):
        if not row[0] or not re.fullmatch(r"\S+:\d+", str(row[0])):
            break
        cells = dict(zip(header, row, strict=False))
        entry: Period = {"overview": cells, "scores": {}}
        for name, value in cells.items():
            if name and " " not in str(name) and isinstance(value, int | float):
                entry["scores"][name] = D(repr(value)) if isinstance(value, float) else D(value)
        out[str(row[0])] = entry
    for sheet in book.worksheets:
        if not sheet.title.endswith(" 付款"):
            continue
        label = sheet.title[: -len(" 付款")].replace("：", ":")
        entry = out.setdefault(label, {"scores": {}})
        entry.update(_pay_sheet(sheet))
    return out


def _pay_sheet(sheet: Any) -> Period:
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(k for k, r in enumerate(rows) if r[0] == "款项 line")
    header = rows[start]
    lines: list[tuple[str, Decimal | None]] = []
    counted: list[Decimal] = []
    k = start + 1
    while k < len(rows) and rows[k][0]:
        cells = dict(zip(header, rows[k], strict=False))
        lines.append((str(cells["类别 kind"]), cents(cells["金额 amount"])))
        key = next((h for h in header if h and str(h).startswith("计入应付")), None)
        if key is not None and cells.get(key) not in (None, ""):
            counted.append(cents(cells[key]) or D(0))
        k += 1
    totals = {str(r[0]): r[2] for r in rows[k:] if r and r[0]}
    entry: Period = {"lines": lines, "counted": counted, "totals": totals}
    entry["payable"] = cents(totals.get("应付 payable"))
    entry["refund"] = cents(totals.get("退还 refund"))
    entry["damages"] = cents(totals.get("违约金 damages"))
    return entry


# -- the comparison ------------------------------------------------------------------------


def disagreements(rendered: dict[str, Any], expected: dict[str, Period]) -> list[str]:
    """Every place where a rendering shows other money or another score than ``expected``
    (the hand-worked values: per period ``scores``, ``lines`` as (kind, amount) in report
    order, ``payable``, ``refund``, ``damages``); empty when all of them agree."""
    found: list[str] = []
    readers = {
        "json": from_json(rendered["json"]),
        "text en": from_text(rendered["en"]),
        "text zh": from_text(rendered["zh"]),
        "html": from_html(rendered["html"]),
        "xlsx": from_xlsx(rendered["xlsx"]),
    }
    summaries = {"summary en": summary_rows(rendered["summary"]),
                 "summary zh": summary_rows(rendered["summary_zh"])}  # fmt: skip
    cards = html_cards(rendered["html"])
    for label, want in expected.items():
        for view, periods in readers.items():
            got = periods.get(label)
            if got is None:
                found.append(f"{view}: no period {label}")
                continue
            for name, score in want.get("scores", {}).items():
                if view == "html" and name not in got["scores"]:
                    continue  # composites are on the summary card (checked below)
                if got["scores"].get(name) != score:
                    found.append(
                        f"{view} {label}: score {name} {got['scores'].get(name)} != {score}"
                    )
            for key in ("lines", "payable", "refund", "damages"):
                if key not in want or (view == "html" and key in ("refund", "damages")):
                    continue
                mine, theirs = got.get(key), want[key]
                if key == "lines" and view.startswith("text"):
                    # The text report says the bond's part below the table, by design.
                    mine, theirs = sorted(mine or [], key=str), sorted(theirs, key=str)
                if mine != theirs:
                    found.append(f"{view} {label}: {key} {got.get(key)} != {want[key]}")
        overview = readers["xlsx"].get(label, {}).get("overview", {})
        for key, head in (("payable", "应付 payable"), ("refund", "退还 refund"),
                          ("damages", "违约金 damages")):  # fmt: skip
            if key in want and head in overview and cents(overview[head]) != want[key]:
                found.append(f"xlsx 概要 {label}: {key} {overview[head]!r} != {want[key]}")
        payable = want.get("payable")
        for view, rows in summaries.items():
            cells = rows.get(label, [])
            shown = [cents(c) for c in cells if re.fullmatch(r"-?\d+\.\d\d(\D.*)?", c)]
            if payable is not None and payable not in shown:
                found.append(f"{view} {label}: payable {payable} not in {cells}")
            for name, score in want.get("scores", {}).items():
                if score is not None and str(score) not in cells:
                    found.append(f"{view} {label}: score {name} {score} not in {cells}")
        card = cards.get(label, "")
        for key in ("payable", "refund", "damages"):
            amount = want.get(key)
            if amount and format(amount, ",.2f") not in card:
                found.append(f"html card {label}: {key} {amount} not shown")
    return found


def finance_sums(book: Any) -> dict[str, tuple[Decimal, Decimal | None]]:
    """Per period's 付款 sheet: (the sum of the amounts the workbook counts in the payable,
    added up as finance would, and the payable it states)."""
    out: dict[str, tuple[Decimal, Decimal | None]] = {}
    for label, entry in from_xlsx(book).items():
        if "lines" in entry:
            out[label] = (sum(entry["counted"], D("0.00")), entry["payable"])
    return out
