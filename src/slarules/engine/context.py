"""The evaluation context: a checked model plus resolved parameters and built calendars.

Built once per replay or tracker; every later stage reads it and nothing mutates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeAlias
from zoneinfo import ZoneInfo

from attrs import frozen

from .. import model as m
from ..calendar import Calendar
from ..calendar.declared import build_calendar
from ..errors import ERROR, Diagnostic, RuleError
from ..i18n import _
from ..language.literals import number_bound_problem

ParamValue: TypeAlias = Decimal | date | bool | timedelta

PRECISION = 60
"""Significant digits of the evaluation's decimal context (``scoring.evaluate``).

Every number slarules accepts (rule files, events, parameters) has at most 15 digits before
the point and 6 after (``slarules.literals.number_bound_problem``): 21 significant digits.
Sums of any number of them stay within 30 digits, and a product of two within 42, so both
are exact at 60 digits; only a quotient that does not terminate (a mean of three scores,
``/ 12`` in a formula) is rounded, at its 60th digit. At Python's default 28 digits, a
deduction of 1e-28 from 90 rounded away and moved a payment band."""

# What each parameter type accepts from a literal (a plain number fits points and money).
_ACCEPTS: dict[str, tuple[m.Unit, ...]] = {
    "money": (m.Unit.MONEY, m.Unit.NUMBER),
    "date": (m.Unit.DATE,),
    "bool": (m.Unit.BOOL,),
    "percent": (m.Unit.PERCENT,),
    "number": (m.Unit.NUMBER,),
    "points": (m.Unit.POINTS, m.Unit.NUMBER),
    "duration": (m.Unit.DURATION,),
}


def workday_calendar(ctx: Context) -> Calendar:
    """The calendar milestone due dates and derived deliverable due times count workdays
    on: the first calendar of the ruleset with China's day source, else Monday-Friday
    09:00-17:00 with China's days."""
    for definition in ctx.ruleset.calendars:
        if definition.days == "CN":
            return ctx.calendars[definition.name]
    return Calendar("mon-fri 09:00-17:00", holidays="CN", tz=ctx.ruleset.timezone)


def literal_param_value(param: m.Param, literal: m.Literal) -> ParamValue:
    """The Python value of a literal given for ``param``; percent stays as written (3% → 3)."""
    if literal.unit not in _ACCEPTS[param.type]:
        raise ValueError(
            _("{param_name} is a {type} parameter; got {text}").format(
                param_name=param.name, type=param.type, text=literal.text
            )
        )
    value = literal.value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


@frozen
class Context:
    ruleset: m.RuleFile
    params: Mapping[str, ParamValue]
    calendars: Mapping[str, Calendar]
    tz: ZoneInfo

    @classmethod
    def build(cls, ruleset: m.RuleFile, overrides: Mapping[str, object] | None = None) -> Context:
        """Resolve parameters (defaults, then ``overrides``) and build every calendar.
        A parameter with no default and no override is an error listing what is declared."""
        params: dict[str, ParamValue] = {}
        given = dict(overrides or {})
        declared = {p.name: p for p in ruleset.params}
        unknown = sorted(set(given) - set(declared))
        problems: list[str] = []
        if unknown:
            problems.append(
                _("unknown parameter(s) {unknown}; the rule file declares: ").format(
                    unknown=", ".join(unknown)
                )
                + (", ".join(f"{p.name} ({p.type})" for p in ruleset.params) or _("none"))
            )
        for param in ruleset.params:
            if param.name in given:
                params[param.name] = _coerce(param, given[param.name], problems)
            elif param.default is not None:
                params[param.name] = literal_param_value(param, param.default)
            else:
                problems.append(
                    _(
                        "parameter {param_name} ({type}) has no default; give it with --param"
                    ).format(param_name=param.name, type=param.type)
                )
        if problems:
            span = m.Span(ruleset.path, 1, 1, 1, 1)
            raise RuleError([Diagnostic.at(span, ERROR, "SLR901", p) for p in problems])
        calendars = {c.name: build_calendar(c, ruleset.timezone) for c in ruleset.calendars}
        return cls(ruleset, params, calendars, ZoneInfo(ruleset.timezone))


def _coerce(param: m.Param, value: object, problems: list[str]) -> ParamValue:
    """A Python value given for a parameter, checked against its declared type."""
    ok: bool
    if param.type == "bool":
        ok = isinstance(value, bool)
    elif param.type == "date":
        ok = isinstance(value, date)
    elif param.type == "duration":
        ok = isinstance(value, timedelta)
    else:
        ok = isinstance(value, (Decimal, int)) and not isinstance(value, bool)
        if ok:
            value = Decimal(value)  # type: ignore[arg-type]
            problem = number_bound_problem(value)
            if problem is not None:
                problems.append(
                    _("parameter {param_name}: {value} {problem}").format(
                        param_name=param.name, value=value, problem=problem
                    )
                )
                return Decimal(0)
    if not ok:
        problems.append(
            _("parameter {param_name} is {type}; got {value!r}").format(
                param_name=param.name, type=param.type, value=value
            )
        )
        return Decimal(0)
    return value  # type: ignore[return-value]
