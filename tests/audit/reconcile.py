"""An auditor's reconciliation of a replay report, written independently of slarules' own
totals (task AH, docs/reports.md "Reconciliation").

Two kinds of check, each returning a list of problems (empty when everything adds up):

- :func:`json_problems` adds up the JSON report from the items it lists: an item's score is
  its starting points (the maximum, or a judged or table grade) plus every listed line
  (deductions, awards, and the cap, max and floor adjustments, which are lines of their
  own); a scorecard's score is the sum of its items, or the weighted sum of its assessors'
  sheets; a payment's ``payable`` is the sum of the lines that make it up (base, bands,
  deductions counted in the period, and what the bond takes of them), never below zero,
  ``damages`` and ``refund`` the sums of their lines, every amount a whole number of cents,
  the bond's opening less what it gave equal to what is left, and the milestones that make
  up a base summed from the schedule equal to that base.
- :func:`xlsx_view`, :func:`html_view` and :func:`text_view` read back what a person sees in
  the workbook (openpyxl), the page (``html.parser``) and the English text report, per period:
  the payable, damages and refund, each payment line's amount and each scorecard's score, so
  a test can compare them with the JSON record number by number.

None of this imports slarules: a defect in its arithmetic cannot hide in the check.
"""

from __future__ import annotations

import decimal
import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal(0)
# What a period's payable is made of (docs/reports.md: the workbook's 计入应付 column): the
# base, the pay and deduct bands, the deductions from the score (linear, formula) and the
# money lines (per occurrence, credits, a capped group's give-back), and the part of the
# deductions taken from the bond, which the cash does not lose. Milestones schedule the base
# (already in it); damages are owed on top; a refund is what the balance left below zero.
IN_PAYABLE = frozenset(
    {
        "base",
        "pay_band",
        "deduct_band",
        "linear",
        "formula",
        "deduction",
        "credit",
        "group_cap",
        "bond_deduction",
    }
)
# A credit settled in another period, or not claimed, is not in this period's payable.
COUNTED_SETTLEMENTS = (None, "claimed", "carried_from")


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _item_problems(where: str, item: dict[str, Any]) -> list[str]:
    if item["score"] is None:
        return []
    lines = item["lines"]
    grades = [Decimal(x["points"]) for x in lines if x["kind"] == "base" and x["points"]]
    start = sum(grades, ZERO) if grades else Decimal(item["max"])
    moves = sum(
        (Decimal(x["points"]) for x in lines if x["kind"] != "base" and x["points"] is not None),
        ZERO,
    )
    if start + moves != Decimal(item["score"]):
        return [f"{where} / {item['name']}: {start} + ({moves}) != score {item['score']}"]
    if not ZERO <= Decimal(item["score"]) <= Decimal(item["max"]) and _floored(lines):
        return [f"{where} / {item['name']}: score {item['score']} outside [0, {item['max']}]"]
    return []


def _floored(lines: list[dict[str, Any]]) -> bool:
    return any(x["rule"].startswith("floor") for x in lines)


def _items_total(where: str, holder: dict[str, Any]) -> list[str]:
    out = [p for item in holder["items"] for p in _item_problems(where, item)]
    if holder["items"] and holder["score"] is not None and holder.get("given") is None:
        total = sum((Decimal(i["score"]) for i in holder["items"]), ZERO)
        if total != Decimal(holder["score"]):
            out.append(f"{where}: items add up to {total}, score {holder['score']}")
    return out


def _scorecard_problems(label: str, card: dict[str, Any]) -> list[str]:
    where = f"{label} / {card['name']}"
    out = _items_total(where, card)
    sheets = card.get("assessor") or []
    for sheet in sheets:
        out += _items_total(f"{where} / {sheet['assessor']}", sheet)
    scored = all(s["score"] is not None for s in sheets)
    if sheets and scored and card["score"] is not None and card["given"] is None:
        weighted = sum((Decimal(s["score"]) * Decimal(s["weight"]) / 100 for s in sheets), ZERO)
        if weighted != Decimal(card["score"]):
            out.append(f"{where}: assessors weigh up to {weighted}, score {card['score']}")
    return out


def payable_share(line: dict[str, Any]) -> Decimal | None:
    """What a JSON payment line adds to its period's payable, by the reading above."""
    amount = _dec(line["amount"])
    settled = (line["settlement"] or {}).get("status")
    if amount is None or line["kind"] not in IN_PAYABLE or settled not in COUNTED_SETTLEMENTS:
        return None
    return amount


def _payment_problems(label: str, pay: dict[str, Any]) -> list[str]:
    out: list[str] = []
    lines = pay["lines"]
    for line in lines:
        amount = _dec(line["amount"])
        if amount is not None and amount != amount.quantize(CENT):
            out.append(f"{label} / {line['name']}: {amount} is not a whole number of cents")
    if pay["payable"] is not None:
        shares = sum((s for s in map(payable_share, lines) if s is not None), ZERO)
        if Decimal(pay["payable"]) != max(shares, ZERO):
            out.append(f"{label}: lines add up to {shares}, payable {pay['payable']}")
        refunds = sum((Decimal(x["amount"]) for x in lines if x["kind"] == "refund"), ZERO)
        if pay["refund"] is not None and Decimal(pay["refund"]) != refunds:
            out.append(f"{label}: refund lines add up to {refunds}, refund {pay['refund']}")
        if shares < 0 and refunds < -shares:
            out.append(f"{label}: the balance {shares} is below zero, refunds only {refunds}")
    damages = [_dec(x["amount"]) for x in lines if x["kind"] == "damages"]
    known = pay["damages"] is not None and None not in damages
    if known and Decimal(pay["damages"]) != sum((d for d in damages if d is not None), ZERO):
        out.append(f"{label}: damages lines add up to {damages}, damages {pay['damages']}")
    bond = pay["bond"]
    if bond and bond["deducted"] is not None:
        if Decimal(bond["opening"]) - Decimal(bond["deducted"]) != Decimal(bond["remaining"]):
            out.append(f"{label}: bond {bond}")
        taken = sum((Decimal(x["amount"]) for x in lines if x["kind"] == "bond_deduction"), ZERO)
        if taken != Decimal(bond["deducted"]):
            out.append(f"{label}: bond lines {taken}, bond deducted {bond['deducted']}")
    base = [x for x in lines if x["kind"] == "base"]
    milestones = [_dec(x["amount"]) for x in lines if x["kind"] == "milestone"]
    summed = base and base[0]["basis"] == "sum of the milestones due in the period"
    if summed and base[0]["amount"] is not None and None not in milestones:
        total = sum((m for m in milestones if m is not None), ZERO)
        if total != Decimal(base[0]["amount"]):
            out.append(f"{label}: milestones add up to {total}, base {base[0]['amount']}")
    return out


def json_problems(report: dict[str, Any]) -> list[str]:
    """Every sum of the JSON report that does not add up from its listed parts. The sums
    are exact: the report's values have up to 60 significant digits (cn-zwyw's 响应及时率
    of 17 in 20 calls and the like), which Python's default 28 would round."""
    out: list[str] = []
    with decimal.localcontext() as exact:
        exact.prec = 400
        for period in report["periods"]:
            for card in period["scorecards"]:
                out += _scorecard_problems(period["period"], card)
            if period["payment"] is not None:
                out += _payment_problems(period["period"], period["payment"])
        out += _bond_account_problems(report)
    return out


def _bond_account_problems(report: dict[str, Any]) -> list[str]:
    """The bond is one account over the term: a period opens with what the one before left,
    less what that one gave back (its ``bond_return`` lines: a returned bond is gone,
    docs/language.md §6)."""
    out: list[str] = []
    left: Decimal | None = None
    for period in sorted(report["periods"], key=lambda p: p["start"]):
        bond = (period["payment"] or {}).get("bond")
        if not bond:
            continue
        if left is not None and bond["opening"] is not None and Decimal(bond["opening"]) != left:
            out.append(f"{period['period']}: bond opens at {bond['opening']}, {left} was left")
        left = _dec(bond["remaining"])
        returns = [x["amount"] for x in period["payment"]["lines"] if x["kind"] == "bond_return"]
        if left is not None:  # a pending return (its event not logged yet) gave nothing
            left -= sum((Decimal(amount) for amount in returns if amount is not None), ZERO)
    return out


def json_view(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The numbers the other formats must show, per period label, from the JSON report."""
    view: dict[str, dict[str, Any]] = {}
    for period in report["periods"]:
        pay = period["payment"] or {}
        view[period["period"]] = {
            "scores": {c["name"]: _dec(c["score"]) for c in period["scorecards"]},
            "composites": {k: _dec(v["score"]) for k, v in (period["composite"] or {}).items()},
            "payable": _dec(pay.get("payable")),
            "damages": _dec(pay.get("damages")),
            "refund": _dec(pay.get("refund")),
            "lines": [
                (x["kind"], _dec(x["amount"]))
                for x in pay.get("lines", [])
                if x["kind"] != "bond_deduction"
            ],
            "bond_taken": [
                _dec(x["amount"]) for x in pay.get("lines", []) if x["kind"] == "bond_deduction"
            ],
        }
    return view


# ---------------------------------------------------------------- the workbook


def _cell_decimal(value: Any) -> Decimal | None:
    """A numeric cell as the decimal it shows: money and scores are written from decimals of
    at most 15 significant digits here, so ``repr`` of the float gives them back."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return None


def xlsx_view(data: bytes) -> dict[str, dict[str, Any]]:
    """Per period label: the 概要 row's scores and money, and the 付款 sheet's lines, their
    计入应付 shares and totals."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    view: dict[str, dict[str, Any]] = {}
    rows = list(book["概要"].iter_rows(values_only=True))
    header = list(rows[1])
    for row in rows[2:]:
        if not row[0] or row[1] is None:
            break
        cells = dict(zip(header, row, strict=False))
        view[str(row[0])] = {
            "cells": {str(k): _cell_decimal(v) for k, v in list(cells.items())[4:] if k},
            "payable": _cell_decimal(cells.get("应付 payable")),
            "damages": _cell_decimal(cells.get("违约金 damages")),
            "refund": _cell_decimal(cells.get("退还 refund")),
        }
    for sheet in book:
        title = sheet["A1"].value or ""
        if not str(title).startswith("综合得分与付款 · "):
            continue
        label = str(title).split(" · ", 1)[1]
        lines: list[tuple[str, Decimal | None]] = []
        shares: list[Decimal] = []
        totals: dict[str, Decimal | None] = {}
        bond_taken: list[Decimal | None] = []
        in_lines = False
        for row in sheet.iter_rows(values_only=True):
            if row[0] == "款项 line":
                in_lines = True
                continue
            if in_lines and row[0] == "合同总额 contract total":
                in_lines = False
            if in_lines and row[0] and row[1] == "bond_deduction":
                bond_taken.append(_cell_decimal(row[2]))
            if in_lines and row[0]:
                if row[1] != "bond_deduction":
                    lines.append((str(row[1]), _cell_decimal(row[2])))
                share = _cell_decimal(row[7]) if len(row) > 7 else None
                if share is not None:
                    shares.append(share)
            elif row[0] in ("应付 payable", "违约金 damages", "退还 refund"):
                totals[str(row[0])] = _cell_decimal(row[2])
        view.setdefault(label, {}).update(
            {"lines": lines, "shares": shares, "sheet_totals": totals, "bond_taken": bond_taken}
        )
    return view


# ---------------------------------------------------------------- the page


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[_Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> Any:
        yield self
        for c in self.children:
            if isinstance(c, _Node):
                yield from c.walk()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


_VOID = {"br", "meta", "img", "hr", "link", "input", "col", "wbr"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


_MONEY = re.compile(r"-?[\d,]+\.\d\d")


def _money(text: str) -> Decimal | None:
    found = _MONEY.findall(text)
    return Decimal(found[-1].replace(",", "")) if found else None


def html_view(page: str) -> dict[str, dict[str, Any]]:
    """Per period label (its ``<h2 id='pN'>``): each payment table row (kind, amount), the
    payable row, and each scorecard heading's score (``<h3 id='pNsM'>NAME SCORE / MAX``)."""
    tree = _Tree()
    tree.feed(page)
    view: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    summary: str | None = None  # the period of the summary's cards being read
    for node in tree.root.walk():
        ident = node.attrs.get("id") or ""
        if node.tag == "h3" and current is None and node.children:
            link = node.children[0]
            if isinstance(link, _Node) and re.fullmatch(r"#p\d+", link.attrs.get("href") or ""):
                summary = link.text().strip()
        elif node.tag == "div" and "card" in node.classes() and summary is not None:
            big = [c for c in node.walk() if "big" in c.classes()]
            if node.text().startswith("应付 payable") and big:
                cards = view.setdefault(summary, {"lines": [], "scores": {}, "bond_taken": []})
                cards["summary_payable"] = _money(big[0].text())
        if node.tag == "h2" and re.fullmatch(r"p\d+", ident):
            label = node.text().split(" · ")[0].strip()
            current = view.setdefault(label, {"lines": [], "scores": {}, "bond_taken": []})
        elif current is None:
            continue
        elif node.tag == "h3" and re.fullmatch(r"p\d+s\d+", ident):
            m = re.match(r"(.+?) (≈?-?[\d.]+|—|pending\S*) / ", node.text())
            if m:
                current["scores"][m.group(1)] = m.group(2)
        elif node.tag == "tr":
            cells = [c for c in node.children if isinstance(c, _Node)]
            texts = [c.text().strip() for c in cells]
            if len(cells) < 3 or (cells[0].tag == "th" and texts[0] == "款项 line"):
                continue
            if texts[0] == "应付 payable":
                current["payable"] = _money(texts[2])
            elif texts[1] == "bond_deduction":
                current["bond_taken"].append(_money(texts[2]))
            elif "num" in cells[2].classes() and len(cells) == 4:
                current["lines"].append((texts[1], _money(texts[2])))
    return view


def html_rows(page: str) -> dict[str, list[tuple[str, str, str]]]:
    """Per period label, each row of its payment table as a person reads it: the first
    cell's text, the amount cell's class and the amount cell's text (the 应付 payable row
    included, last)."""
    tree = _Tree()
    tree.feed(page)
    out: dict[str, list[tuple[str, str, str]]] = {}
    rows: list[tuple[str, str, str]] | None = None
    for node in tree.root.walk():
        ident = node.attrs.get("id") or ""
        if node.tag == "h2" and re.fullmatch(r"p\d+", ident):
            rows = out.setdefault(node.text().split(" · ")[0].strip(), [])
        elif node.tag == "tr" and rows is not None:
            cells = [c for c in node.children if isinstance(c, _Node)]
            if len(cells) == 4 and "num" in cells[2].classes():
                name, amount = cells[0].text().strip(), cells[2].text().strip()
                if name != "款项 line":
                    rows.append((name, cells[2].attrs.get("class") or "", amount))
    return out


# ---------------------------------------------------------------- the English text report

_KINDS = "|".join(
    sorted(IN_PAYABLE | {"milestone", "damages", "refund", "bond_return"}, key=len, reverse=True)
)
_TEXT_LINE = re.compile(rf"^ {{4}}.*?\s({_KINDS})\s+(-?\d+\.\d\d|pending)(\s|$)")


def text_view(report: str) -> dict[str, dict[str, Any]]:
    """Per period (``Period LABEL  dates``): the payment heading's payable and damages, each
    payment line's kind and amount, and each scorecard's ``NAME  SCORE / MAX`` line."""
    view: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    in_payment = False
    for line in report.splitlines():
        if line.startswith("Period "):
            label = line[len("Period ") :].split("  ")[0]
            current = view.setdefault(label, {"lines": [], "scores": {}, "bond_taken": []})
            in_payment = False
            continue
        if current is None:
            continue
        if not line.startswith(" "):
            current, in_payment = None, False
            continue
        if line.startswith("  payment: "):
            in_payment = True
            m = re.search(r"payable (-?\d+\.\d\d)", line)
            current["payable"] = Decimal(m.group(1)) if m else None
            m = re.search(r"damages (-?\d+\.\d\d)", line)
            current["damages"] = Decimal(m.group(1)) if m else None
            m = re.search(r"refund (-?\d+\.\d\d)", line)
            current["refund"] = Decimal(m.group(1)) if m else None
            continue
        m = re.match(r"^  (\S.*?)  +(≈?-?[\d.]+|—|pending) / [\d.]+", line)
        if m and not in_payment:
            current["scores"][m.group(1).strip()] = m.group(2)
            continue
        if in_payment:
            m = _TEXT_LINE.match(line)
            if m:
                amount = None if m.group(2) == "pending" else Decimal(m.group(2))
                current["lines"].append((m.group(1), amount))
            elif line.startswith("    taken from the bond: "):
                current["bond_taken"].append(_money(line.split("(")[0]))
    return view


# ---------------------------------------------------------------- the four formats agree


def shown_number(value: Decimal) -> str:
    """How docs/reports.md says a person sees a score: exact at 4 decimals as it is, else
    rounded half-up to 4 decimals and marked ``≈``."""
    four = value.quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")
    if four == value:
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    return "≈" + ("0.0000" if four == 0 else format(four, "f"))


def _as_cell(value: Decimal) -> Decimal:
    """A workbook cell holds a binary float (docs/reports.md, "Numbers are numbers"): the
    nearest one to the exact value, which the ≈ number format shows to 4 decimals."""
    return Decimal(repr(float(value)))


def _compare(label: str, what: str, shown: Any, expected: Any) -> list[str]:
    return [] if shown == expected else [f"{label}: {what} shows {shown!r}, JSON {expected!r}"]


def format_problems(
    report: dict[str, Any],
    xlsx: dict[str, dict[str, Any]],
    html: dict[str, dict[str, Any]],
    text: dict[str, dict[str, Any]],
) -> list[str]:
    """Every number of the JSON report's periods that a format shows differently: payable,
    damages, refund, each payment line (kind and amount, in order), what the bond takes, each
    scorecard's score; and the workbook's 计入应付 column, which must add up to its payable."""
    out: list[str] = []
    for label, want in json_view(report).items():
        x, h, t = xlsx.get(label, {}), html.get(label, {}), text.get(label, {})
        if want["lines"] or want["payable"] is not None:
            for fmt, view in (("xlsx", x), ("html", h), ("text", t)):
                out += _compare(label, f"{fmt} payable", view.get("payable"), want["payable"])
                out += _compare(label, f"{fmt} lines", view.get("lines"), want["lines"])
                out += _compare(label, f"{fmt} bond", view.get("bond_taken"), want["bond_taken"])
            shown = h.get("summary_payable")
            out += _compare(label, "html summary card payable", shown, want["payable"])
            sheet = x.get("sheet_totals", {})
            out += _compare(label, "xlsx 付款 payable", sheet.get("应付 payable"), want["payable"])
            out += _compare(label, "xlsx damages", x.get("damages"), want["damages"])
            out += _compare(label, "text damages", t.get("damages"), want["damages"])
            damages = sheet.get("违约金 damages")
            out += _compare(label, "xlsx 付款 damages", damages, want["damages"])
            if want["payable"] is not None:
                shares = sum(x.get("shares", []), ZERO)
                out += _compare(label, "xlsx 计入应付 sum", shares, want["payable"])
        for card, score in want["scores"].items():
            if score is None:
                continue
            out += _compare(label, f"xlsx {card}", x.get("cells", {}).get(card), _as_cell(score))
            for fmt, view in (("html", h), ("text", t)):
                shown = view.get("scores", {}).get(card)
                out += _compare(label, f"{fmt} {card}", shown, shown_number(score))
        for name, score in want["composites"].items():
            if score is not None:
                out += _compare(
                    label, f"xlsx {name}", x.get("cells", {}).get(name), _as_cell(score)
                )
    return out


def xlsx_item_problems(report: dict[str, Any], data: bytes) -> list[str]:
    """Each 考核表 sheet of the workbook against the JSON record: per item, in order, its
    name, the points of each of its lines (扣分 column) and its score (得分 column), as the
    floats the cells hold."""
    import openpyxl

    want: dict[str, list[tuple[str, list[Decimal], Decimal | None]]] = {}
    for period in report["periods"]:
        for card in period["scorecards"]:
            holders = [(f"{card['name']} · {period['period']}", card)] + [
                (f"{card['name']} · {s['assessor']} · {period['period']}", s)
                for s in card["assessor"] or []
            ]
            for title, holder in holders:
                if holder["items"]:
                    want[title] = [
                        (
                            i["name"],
                            [_as_cell(Decimal(x["points"])) for x in i["lines"] if x["points"]],
                            None if i["score"] is None else _as_cell(Decimal(i["score"])),
                        )
                        for i in holder["items"]
                    ]
    book = openpyxl.load_workbook(io.BytesIO(data))
    got: dict[str, list[tuple[str, list[Decimal], Decimal | None]]] = {}
    for sheet in book:
        title = sheet["A1"].value
        if title not in want:
            continue
        rows = list(sheet.iter_rows(values_only=True))
        head = next(k for k, r in enumerate(rows) if "考核项 item" in r)
        name_at = rows[head].index("考核项 item")
        points_at = rows[head].index("扣分 points")
        score_at = rows[head].index("得分 score")
        items: list[tuple[str, list[Decimal], Decimal | None]] = []
        for row in rows[head + 1 :]:
            if "合计 total" in row:
                break
            if row[name_at]:
                items.append((str(row[name_at]), [], _cell_decimal(row[score_at])))
            points = _cell_decimal(row[points_at])
            if points is not None and items:
                items[-1][1].append(points)
        got[str(title)] = items
    return [
        f"xlsx sheet {title}: {got.get(title)!r}, JSON {items!r}"
        for title, items in want.items()
        if got.get(title) != items
    ]
