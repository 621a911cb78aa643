"""Typed literals: from a token's text to a ``Literal`` with its unit and exact value.

Durations become exact ``timedelta`` values (no floats: ``1.5h`` is 5,400 seconds exactly),
money in 万元 is multiplied out to yuan, percentages keep the number as written (85% → 85).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from ..i18n import _
from ..model import Literal, Span, Unit

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
MAX_DIGITS = 15  # digits before the decimal point: 10^15 yuan, points or days is plenty
MAX_PLACES = 6  # digits after it: a millionth of a point, a yuan or a percent

_DURATION_MICROS = {
    "minutes": 60_000_000,
    "minute": 60_000_000,
    "mins": 60_000_000,
    "min": 60_000_000,
    "m": 60_000_000,
    "分钟": 60_000_000,
    "hours": 3_600_000_000,
    "hour": 3_600_000_000,
    "h": 3_600_000_000,
    "小时": 3_600_000_000,
}

TOKEN_UNITS = {
    "NUMBER": Unit.NUMBER,
    "POINTS": Unit.POINTS,
    "PERCENT": Unit.PERCENT,
    "MONEY": Unit.MONEY,
    "DURATION": Unit.DURATION,
    "DAYS": Unit.DAYS,
    "WORKDAYS": Unit.WORKDAYS,
    "MONTHS": Unit.MONTHS,
    "DATE": Unit.DATE,
    "COUNT": Unit.COUNT,
    "BOOL": Unit.BOOL,
}


# A rule file reads the full-width digits a Chinese input method types as their values
# (docs/language.md §1: ``１５分钟`` is 15 minutes): Decimal reads them itself, a date does
# not, so dates (and ``--param`` values, engine/options.py) translate them first.
FULL_WIDTH_DIGITS = {0xFF10 + d: str(d) for d in range(10)}


class LiteralError(ValueError):
    """A literal that lexes but has no valid value (2026-02-30, 0.5 seconds…)."""


def parse_literal(token_type: str, text: str, span: Span) -> Literal:
    unit = TOKEN_UNITS[token_type]
    return Literal(unit, _value(unit, text), text, span=span)


def _number_part(text: str) -> tuple[Decimal, str]:
    match = _NUMBER.match(text)
    if match is None:  # the lexer guarantees a leading number
        raise LiteralError(_("no number in {text!r}").format(text=text))
    return Decimal(match.group()), text[match.end() :].strip()


def _value(unit: Unit, text: str) -> Decimal | timedelta | date | bool | int:
    if unit is Unit.BOOL:
        return text == "true"
    if unit is Unit.DATE:
        try:
            return date.fromisoformat(text.translate(FULL_WIDTH_DIGITS))
        except ValueError:
            raise LiteralError(_("{text} is not a calendar date").format(text=text)) from None
    number, suffix = _number_part(text)
    problem = number_bound_problem(number)
    if problem is not None:
        raise LiteralError(_("{text} {problem}").format(text=text, problem=problem))
    if unit is Unit.DURATION:
        micros = number * _DURATION_MICROS[suffix]
        if micros != micros.to_integral_value():
            raise LiteralError(_("{text} is not a whole number of microseconds").format(text=text))
        try:
            return timedelta(microseconds=int(micros))
        except OverflowError:
            raise LiteralError(_("{text} is too long a duration").format(text=text)) from None
    if unit in (Unit.DAYS, Unit.WORKDAYS, Unit.MONTHS, Unit.COUNT):
        return int(number)
    if unit is Unit.MONEY and suffix == "万元":
        # The bound is on the amount, not on the digits written: 999999999999999万元 is
        # 19 digits of yuan.
        yuan = number * 10000
        problem = number_bound_problem(yuan)
        if problem is not None:
            raise LiteralError(
                _("{text} ({yuan}元) {problem}").format(
                    text=text, yuan=decimal_text(yuan), problem=problem
                )
            )
        return yuan
    return number


def number_bound_problem(number: Decimal) -> str | None:
    """Why ``number`` is outside what slarules accepts anywhere (rule files, events,
    parameters), or None: at most ``MAX_DIGITS`` digits before the point and
    ``MAX_PLACES`` after it, trailing zeros aside (``2.5000000`` is 2.5).

    The bound keeps arithmetic exact: sums, and products of two such numbers, need at most
    ``2 * (MAX_DIGITS + MAX_PLACES)`` plus a few digits, well inside the evaluation
    context's precision (``slarules.engine.context.PRECISION``); without it a deduction of
    1e-28 would round away at 28 digits and move a payment band.  Read from the digit
    tuple, never by arithmetic, so 1e-100000000 costs nothing to refuse."""
    if not number.is_finite():
        return _("is not a finite number")
    _unused, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if not any(digits):
        return None
    kept = len(digits)
    while digits[kept - 1] == 0:
        kept -= 1
        exponent += 1
    if kept + exponent > MAX_DIGITS:
        return _("is too large (at most {max_digits} digits before the point)").format(
            max_digits=MAX_DIGITS
        )
    if -exponent > MAX_PLACES:
        return _("has too many decimal places (at most {max_places})").format(max_places=MAX_PLACES)
    return None


def decimal_text(value: Decimal | int) -> str:
    """A Decimal (or an int) printed plainly, without exponent or trailing zeros (2.50 → 2.5).

    Written from the digit tuple, not with ``normalize``: that rounds to the *current*
    decimal context's precision (28 digits by default, outside the evaluation), so an
    exact 30-digit result would have been printed rounded, and 1e40 not at all."""
    if isinstance(value, int):
        value = Decimal(value)
    if not value.is_finite():
        return str(value)
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits)).lstrip("0")
    if not text:
        return "0"
    kept = text.rstrip("0")
    exponent += len(text) - len(kept)
    if exponent >= 0:
        body = kept + "0" * exponent
    else:
        point = len(kept) + exponent
        whole = kept[:point] if point > 0 else "0"
        body = whole + "." + "0" * max(-point, 0) + kept[max(point, 0) :]
    return ("-" if sign else "") + body


def decimal_text_or(value: Decimal | None, missing: str = "—") -> str:
    """``decimal_text``, or ``missing`` (a dash) for a value a missing input leaves unknown:
    how every form of the report and ``diff`` writes such a number."""
    return missing if value is None else decimal_text(value)


# A target agreed for one ticket (the ``target`` of an ``agreed`` event): the rule
# language's duration, days or workdays literal (``48小时``, ``3日``, ``2个工作日 by close``),
# or an ISO 8601 duration of hours, minutes and seconds (``PT48H``, as the report prints).
_AGREED = (
    (
        Unit.DURATION,
        re.compile(r"\d+(?:\.\d+)?[ \t]*(?:minutes|minute|mins|min|m|hours|hour|h|分钟|小时)"),
    ),
    (Unit.WORKDAYS, re.compile(r"\d+[ \t]*(?:workdays|workday|个工作日|工作日)")),
    (Unit.DAYS, re.compile(r"\d+[ \t]*(?:days|day|个自然日|自然日|日|天)")),
)
_BY_CLOSE = re.compile(r"(?P<amount>.*?)[ \t]+by[ \t]+close")
_ISO_DURATION = re.compile(r"PT(?=\d)(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?")


def parse_agreed_target(text: str) -> tuple[Literal, bool]:
    """The agreed target ``text`` as a literal and whether it ends at close of business;
    ``LiteralError`` names the accepted forms. Zero is no target."""
    text = text.strip()
    iso = _ISO_DURATION.fullmatch(text)
    if iso is not None:
        digits = [iso.group(k) or "0" for k in ("h", "m", "s")]
        if max(len(d) for d in digits) > 8:
            raise LiteralError(
                _("{text!r} is too long for an agreed target (ten years at most)").format(text=text)
            )
        h, mins, sec = (int(d) for d in digits)
        literal = Literal(Unit.DURATION, timedelta(hours=h, minutes=mins, seconds=sec), text)
        return _positive(literal), False
    by_close = _BY_CLOSE.fullmatch(text)
    amount = by_close.group("amount") if by_close is not None else text
    for unit, pattern in _AGREED:
        if pattern.fullmatch(amount) is not None:
            if by_close is not None and unit is Unit.DURATION:
                raise LiteralError(
                    _("{text!r}: “by close” belongs to days or workdays").format(text=text)
                )
            return _positive(Literal(unit, _value(unit, amount), text)), by_close is not None
    raise LiteralError(
        _(
            "{text!r} is not a target: write a duration (48小时, 30分钟, 4h, "
            "PT48H), days (3日) or workdays (2个工作日, 2 workdays by close)"
        ).format(text=text)
    )


# An agreed target ends within ten years: the calendars cover a bounded range of years,
# and a longer "agreement" is a typing error, not a term.
_MOST = {Unit.DURATION: timedelta(days=3660), Unit.DAYS: 3660, Unit.WORKDAYS: 2500}


def _positive(literal: Literal) -> Literal:
    value = literal.value
    if not value:
        raise LiteralError(
            _("{text!r}: an agreed target must be more than zero").format(text=literal.text)
        )
    assert isinstance(value, (timedelta, int))
    most = _MOST[literal.unit]
    if value > most:  # type: ignore[operator]
        raise LiteralError(
            _("{text!r} is too long for an agreed target (ten years at most)").format(
                text=literal.text
            )
        )
    return literal
