"""Replay options given as text: ``--param NAME=VALUE``, ``--as-of TS``, ``--period P``.

Wrong usage raises :class:`UsageError` (a ``ValueError``; the command line exits 2) with a
message that says what is accepted: an unknown parameter lists the parameters the rule file
declares, a value of the wrong type shows the type's notation, a naive timestamp shows how to
write its offset. Nothing here reads the wall clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Context, Decimal
from zoneinfo import ZoneInfo

from .. import model as m
from ..calendar.periods import PeriodSelection
from ..calendar.periods import parse_period as _parse_period
from ..check.evaluable import FIRST_YEAR, LAST_YEAR
from ..errors import UsageError
from ..events.reader import EventProblem, parse_timestamp
from ..events.types import clip
from ..events.vocabulary import did_you_mean
from ..i18n import _
from ..language.literals import (
    FULL_WIDTH_DIGITS,
    LiteralError,
    decimal_text,
    number_bound_problem,
    parse_literal,
)
from .context import ParamValue

__all__ = [
    "parse_as_of",
    "parse_local_time",
    "parse_param_value",
    "parse_params",
    "parse_period",
    "resolve_params",
]


# Wide enough for any number the bounds let through (64 digits each side of the point).
_WIDE = Context(prec=200)
_NUMBER = r"-?[0-9]{1,64}(?:\.[0-9]{1,64})?"
_NOTATION = {
    "money": re.compile(rf"(?P<n>{_NUMBER})\s*(?P<u>{'|'.join(m.MONEY_SUFFIXES)})?"),
    "percent": re.compile(rf"(?P<n>{_NUMBER})\s*%"),
    "number": re.compile(rf"(?P<n>{_NUMBER})"),
    "points": re.compile(rf"(?P<n>{_NUMBER})\s*(?:points|point|分)?"),
    "duration": re.compile(
        r"[0-9]{1,64}(?:\.[0-9]{1,64})?\s*(?:minutes|minute|mins|min|m|hours|hour|h|分钟|小时)"
    ),
}
_EXAMPLES = {
    "money": "800000, 800000元 or 80万元",
    "percent": "3%",
    "number": "12 or 0.5",
    "points": "5 or 0.5分",
    "duration": "4h, 30m or 30分钟",
    "date": "2026-01-31",
    "bool": "true or false",
}


def declared(model: m.RuleFile) -> str:
    """The parameters a rule file declares, for messages."""
    if not model.params:
        return _("the rule file declares no parameters")
    return _("the rule file declares: ") + ", ".join(f"{p.name} ({p.type})" for p in model.params)


def parse_param_value(param: m.Param, text: str, currency: str = m.DEFAULT_CURRENCY) -> ParamValue:
    """The typed value of ``text`` for ``param``, in the notation of the rule language;
    money in ``currency``, the rule file's (``800000``, ``800000元`` or ``1250 DKK``)."""
    # Read as the rule file would write it (docs/language.md §2), full-width digits too.
    raw = text.strip().translate(FULL_WIDTH_DIGITS)
    if param.schedule:
        raise UsageError(
            _(
                "parameter {param_name} varies by date (its rows are in the "
                "rule file); change the rule file's rows instead"
            ).format(param_name=param.name)
        )
    wrong = UsageError(
        _("parameter {param_name} is {type}: {text!r} is not one; write e.g. {examples}").format(
            param_name=param.name, type=param.type, text=text, examples=_EXAMPLES[param.type]
        )
    )
    if param.type == "bool":
        if raw.lower() not in ("true", "false"):
            raise wrong
        return raw.lower() == "true"
    if param.type == "date":
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) is None:
                raise ValueError(raw)
            day = date.fromisoformat(raw)
        except ValueError:
            raise wrong from None
        _check_date(param, day)
        return day
    match = _NOTATION[param.type].fullmatch(raw)
    if match is None:
        raise wrong
    if param.type == "duration":
        try:
            value = parse_literal("DURATION", raw, m.NO_SPAN).value
        except (LiteralError, KeyError):
            raise wrong from None
        assert isinstance(value, timedelta)
        _check_bounds(param, value)
        return value
    number = Decimal(match.group("n"))
    if param.type == "money" and match.group("u") == "万元":
        number *= 10000
    if param.type == "money" and match.group("u"):
        written = m.currency_of_suffix(match.group("u"))
        if written != currency:
            raise UsageError(
                _(
                    "parameter {param_name} is money in {currency}, the rule "
                    "file's currency: {text!r} is in {written}"
                ).format(param_name=param.name, currency=currency, text=text, written=written)
            )
    _check_bounds(param, number)
    _check_cents(param, number)
    return number


def _check_cents(param: m.Param, number: Decimal) -> None:
    """A money parameter in whole minor units (0.01: 分, cent, øre; docs/language.md §1).

    Why: ``--param contract_total=100000.005`` was shown as 100000.01 in the report's
    inputs while every line was computed from 100000.005 (fujian-slt's 50% advance
    50000.00, where finance, from the stated total, computes 50000.01). A third decimal
    is a typing slip: neither 100000.00 nor 100000.01 may be guessed (SPEC §4: money is
    CNY)."""
    if param.type != "money" or number == number.quantize(Decimal("0.01"), context=_WIDE):
        return
    raise UsageError(
        _(
            "parameter {param_name}: {number} has more decimals than money has; "
            "give it in whole 0.01 (分, cent): at most two decimals"
        ).format(param_name=param.name, number=clip(decimal_text(number)))
    )


def _check_bounds(param: m.Param, number: Decimal | timedelta) -> None:
    """A parameter's number within the bounds every number has (rule files, events), and
    not negative: no rule file can write a negative value where a parameter's goes
    (``= -5元`` is a syntax error), so ``check`` has never seen one and the rules that read
    the parameter were not checked for it (a contract total of -5元 gave a "refund")."""
    if isinstance(number, Decimal):
        problem = number_bound_problem(number)  # first: NaN cannot be compared with 0
        if problem is not None:
            raise UsageError(
                _("parameter {param_name}: {number} {problem}").format(
                    param_name=param.name, number=clip(decimal_text(number)), problem=problem
                )
            )
    negative = number < timedelta(0) if isinstance(number, timedelta) else number < 0
    if negative:
        raise UsageError(
            _("parameter {param_name}: {number} is negative; its value is zero or more").format(
                param_name=param.name,
                number=clip(decimal_text(number)) if isinstance(number, Decimal) else number,
            )
        )


def _check_date(param: m.Param, day: date) -> None:
    """A date parameter within the years a rule file may write (``check`` refuses a
    default outside them, SLR119): ``--param start=0001-01-01`` replayed a term in year 1."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UsageError(
            _(
                "parameter {param_name}: {day} lies outside the years "
                "{first_year}-{last_year} that evaluation lays out"
            ).format(param_name=param.name, day=day, first_year=FIRST_YEAR, last_year=LAST_YEAR)
        )


def parse_params(model: m.RuleFile, items: Iterable[str]) -> dict[str, ParamValue]:
    """``["NAME=VALUE", …]`` → typed values. Unknown names, repeated names and values of
    the wrong type are usage errors that list the declared parameters."""
    params = {p.name: p for p in model.params}
    out: dict[str, ParamValue] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(
                _("--param takes NAME=VALUE, got {item!r}; {model}").format(
                    item=item, model=declared(model)
                )
            )
        param = params.get(name)
        if param is None:
            raise UsageError(
                _("unknown parameter {name}{hint}; {model}").format(
                    name=name, hint=did_you_mean(name, params), model=declared(model)
                )
            )
        if name in out:
            raise UsageError(_("parameter {name} is given twice").format(name=name))
        out[name] = parse_param_value(param, value, model.currency)
    return out


def resolve_params(model: m.RuleFile, given: Mapping[str, object] | None) -> dict[str, ParamValue]:
    """Parameter values for ``Context.build`` from what an API caller passed: texts are
    parsed as on the command line, typed values checked. Every parameter without a default
    must be given."""
    params = {p.name: p for p in model.params}
    out: dict[str, ParamValue] = {}
    for name in sorted(given or {}):
        value = (given or {})[name]
        param = params.get(name)
        if param is None:
            raise UsageError(
                _("unknown parameter {name}{hint}; {model}").format(
                    name=name, hint=did_you_mean(name, params), model=declared(model)
                )
            )
        out[name] = (
            parse_param_value(param, value, model.currency)
            if isinstance(value, str)
            else _typed(param, value)
        )
    missing = [p for p in model.params if p.default is None and p.name not in out]
    if missing:
        names = ", ".join(f"{p.name} ({p.type})" for p in missing)
        raise UsageError(
            _("parameter(s) without a default must be given: {names}").format(names=names)
        )
    return out


def _typed(param: m.Param, value: object) -> ParamValue:
    """A Python value given for a parameter, checked against its declared type."""
    expected: tuple[type, ...] = {
        "bool": (bool,),
        "date": (date,),
        "duration": (timedelta,),
    }.get(param.type, (Decimal, int))
    ok = isinstance(value, expected) and not (
        param.type not in ("bool",) and isinstance(value, bool)
    )
    if param.type == "date" and isinstance(value, datetime):
        ok = False
    if not ok:
        raise UsageError(
            _(
                "parameter {param_name} is {type}; got {value!r} (give a "
                "text such as {examples}, or a {value2})"
            ).format(
                param_name=param.name,
                type=param.type,
                value=value,
                examples=_EXAMPLES[param.type],
                value2=" or ".join(t.__name__ for t in expected),
            )
        )
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if isinstance(value, (Decimal, timedelta)):
        _check_bounds(param, value)
    if isinstance(value, Decimal):
        _check_cents(param, value)
    if isinstance(value, date):
        _check_date(param, value)
    assert isinstance(value, (Decimal, bool, date, timedelta))
    return value


def parse_as_of(text: str | datetime, option: str = "--as-of") -> datetime:
    """An RFC 3339 timestamp with offset for ``--as-of``/``--at``; naive is an error."""
    try:
        return parse_timestamp(text, option)
    except EventProblem as problem:
        raise UsageError(problem.message) from None


_NAIVE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
)


def parse_local_time(text: str, zone: str, option: str) -> tuple[datetime, bool]:
    """A time given on the command line (``deadline --at``): with an offset as written;
    without one, the wall time in the rule file's ``timezone`` — True says the zone was
    taken, and ``deadline`` then refuses the time, showing it with that offset to write
    (a time without an offset is never guessed). A wall time that a zone's clock change
    skips or repeats is refused here: it has no one offset to suggest."""
    raw = text.strip()
    if _NAIVE.fullmatch(raw) is None:
        return parse_as_of(text, option), False
    try:
        naive = datetime.fromisoformat(raw.replace("t", "T"))
    except ValueError:
        raise UsageError(
            _("{option} {text!r} is not a valid time").format(option=option, text=text)
        ) from None
    tz = ZoneInfo(zone)
    first, second = naive.replace(tzinfo=tz), naive.replace(tzinfo=tz, fold=1)
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if first.utcoffset() != second.utcoffset() or back != naive:
        raise UsageError(
            _(
                "{option} {text!r} has no UTC offset, and in {zone} that "
                "wall time is skipped or repeated by a clock change; write "
                "it with its offset"
            ).format(option=option, text=text, zone=zone)
        )
    return first, True


def parse_period(model: m.RuleFile, text: str) -> PeriodSelection:
    """``--period`` (``2026``, ``2026-Q1``, ``2026-03``, ``cycle:N``), see periods.py."""
    try:
        return _parse_period(model, text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
