"""How the reports for people (text, ``--summary``, HTML, XLSX) write a number that has
more decimals than a reader can use.

Scores and points are exact decimals, and a division keeps up to 60 digits: 18 responses
in time of 19 make a score of ``99.8684210526315789473684…``. The JSON report keeps that
exact value (programs and archives compare it); a finance reader cannot use it. So the
reports for people write:

- a value exact at 4 decimals as it is (``100``, ``92.5``, ``62.9175``);
- any other value rounded half-up to 4 decimals, marked ``≈`` (``≈99.8684``), and the report
  says once what the mark means (``legend``): every comparison and every amount is computed
  from the exact value, never from the rounded one shown;
- money always with 2 decimals (``money_text``), unchanged.

Rounding a score shown beside a band (``月度考核 ≈ 90 in [80, 90)``) could put the shown
value on the other side of the band's edge from the exact one (89.99996); there the value
keeps as many more decimals as it takes to lie in the band it was counted in
(``≈89.99996``), so that a reader never sees a band that contradicts its score.

The texts the engine writes (a payment's basis, a measure's inputs, a flag's basis) are
the JSON's texts; here their long numbers are shortened the same way, and a payment basis
that held one says that its amount comes from the exact value.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal

from ..engine.context import PRECISION
from ..i18n import _
from ..language.literals import decimal_text

SHOWN_PLACES = 4
APPROX = "≈"
# What ``≈`` means in both languages at once, for the HTML page (bilingual throughout).
BOTH_LEGENDS = (
    "≈ 为便于阅读按四舍五入保留 4 位小数的约数；所有比较和金额均按精确值计算，精确值见 JSON 报告。"
    " ≈ marks a value rounded half-up to 4 decimals for reading; every comparison and every "
    "amount uses the exact value, which the JSON report keeps."
)
_STEP = Decimal(1).scaleb(-SHOWN_PLACES)
# Wide enough to quantize any value the evaluator makes without an InvalidOperation.
_WIDE = Context(prec=2 * PRECISION)

# A number with more than SHOWN_PLACES decimals, standing on its own: not part of a word,
# an id (``T-1.234567``), a version or a longer dotted number, and not one the engine has
# already cut with "…" (``0.50003858… counted × 1000000``: eight decimals, chosen so that
# the product can be checked against the line's amount). ``= `` before it is taken
# along, so that ``score = 99.86842…`` becomes ``score ≈ 99.8684``.
#
# A ticket's id is data, not a value: ``ticket 2024.0912001: respond breached`` (``工单
# 2024.0912001：…``) keeps its id as the log wrote it, so the reader can find the ticket.
_LONG = re.compile(
    r"(?P<eq>= )?(?<![A-Za-z0-9_.\-])(?<!ticket )(?<!工单 )(?P<num>-?\d+\.\d{"
    + str(SHOWN_PLACES + 1)
    + r",})(?![A-Za-z0-9_.…])"
)
# A band right after a number: `` in [80, 90)``, `` in (-inf, 80)``.
_BOUND = r"-?inf|-?\d+(?:\.\d+)?"
_UNIT = r"[^\s,\[\]()]*"  # a bound written with its unit: ``90分``
_BAND = re.compile(
    rf" in (?P<lo_b>[\[(])(?P<lo>{_BOUND}){_UNIT}, (?P<hi>{_BOUND}){_UNIT}(?P<hi_b>[\])])"
)


def is_exact(value: Decimal) -> bool:
    """Whether ``value`` has at most ``SHOWN_PLACES`` decimals (is shown as it is)."""
    if not value.is_finite():
        return True
    return value == value.quantize(_STEP, rounding=ROUND_HALF_UP, context=_WIDE)


def rounded(value: Decimal, places: int = SHOWN_PLACES) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals (kept: ``0.1000``). A small negative
    value that rounds to zero is zero (``0.0000``), not ``-0.0000``: the sign of a zero
    is no number a reader can use."""
    shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
    return shown.copy_abs() if shown.is_zero() else shown


def shown_number(value: Decimal | int) -> str:
    """``92.5`` as it is; ``≈99.8684`` for a value with more than four decimals."""
    if isinstance(value, int) or is_exact(value):
        return decimal_text(value)
    return APPROX + format(rounded(value), "f")


def shown_number_or(value: Decimal | None, missing: str = "—") -> str:
    """``shown_number``, or ``missing`` (a dash) for a value a missing input leaves unknown."""
    return missing if value is None else shown_number(value)


def shown_text(text: str) -> str:
    """``text`` with each number of more than four decimals rounded and marked ``≈`` (a
    band after it keeps it inside, module docstring); every other character unchanged."""
    if "." not in text:
        return text
    return _LONG.sub(lambda found: _replace(found, text), text)


def has_rounded(text: str) -> bool:
    """Whether ``shown_text`` would round a number of ``text``."""
    return "." in text and _LONG.search(text) is not None


def basis_text(basis: str) -> str:
    """A payment line's basis for people: its long numbers rounded (``shown_text``), and,
    when there was one, a note that the amount comes from the exact value, so that a
    reader who multiplies the rounded value back does not expect the amount to follow it."""
    if not has_rounded(basis):
        return basis
    return shown_text(basis) + _(" [≈ rounded for reading: the amount uses the exact value]")


def legend() -> str:
    """What ``≈`` means: said once by every report for people that shows it."""
    return _(
        "≈ marks a value rounded half-up to 4 decimals for reading; every comparison and "
        "every amount uses the exact value, which the JSON report (--format json) keeps."
    )


def _replace(found: re.Match[str], text: str) -> str:
    value = Decimal(found.group("num"))
    if is_exact(value):  # ``2.500000``: trailing zeros, not a long number
        return (found.group("eq") or "") + decimal_text(value)
    places = SHOWN_PLACES
    band = _BAND.match(text, found.end())
    if band is not None and not _inside(value, band):  # not the band it was counted in
        band = None
    exact_places = len(found.group("num").partition(".")[2])
    while band is not None and places < exact_places and not _inside(rounded(value, places), band):
        places += 1
    shown = format(rounded(value, places), "f")
    return f"{APPROX} {shown}" if found.group("eq") else APPROX + shown


def _inside(value: Decimal, band: re.Match[str]) -> bool:
    """Whether ``value`` lies in the band ``[lo, hi)`` (or any of its bracket forms)."""
    lo, hi = band.group("lo"), band.group("hi")
    if not lo.endswith("inf"):
        low = Decimal(lo)
        if value < low or (band.group("lo_b") == "(" and value == low):
            return False
    if not hi.endswith("inf"):
        high = Decimal(hi)
        if value > high or (band.group("hi_b") == ")" and value == high):
            return False
    return True
