"""The catalogue of diagnostic codes: each code has one fixed severity and a title.

A fixed severity per code is what makes ``acknowledge CODE`` predictable: a warning code can
be acknowledged wherever it occurs, an error code never can. ``docs/diagnostics.md``
explains every code listed here (a test keeps the two in step).
"""

from __future__ import annotations

from attrs import frozen

from ..errors import ERROR, WARNING, Severity


@frozen
class Code:
    severity: Severity
    title: str


CODES: dict[str, Code] = {
    # -- syntax and input (parser, api)
    "SLR001": Code(ERROR, "unexpected word or symbol"),
    "SLR002": Code(ERROR, "unexpected character"),
    "SLR003": Code(ERROR, "rule file too large"),
    "SLR004": Code(ERROR, "brackets nested too deep"),
    "SLR005": Code(ERROR, "file cannot be read"),
    "SLR006": Code(ERROR, "file is not UTF-8 text"),
    # -- values, types and structure
    "SLR101": Code(ERROR, "invalid literal value"),
    "SLR102": Code(ERROR, "second ruleset header"),
    "SLR103": Code(ERROR, "no ruleset header"),
    "SLR104": Code(ERROR, "unknown day source"),
    "SLR105": Code(ERROR, "calendar without hours"),
    "SLR106": Code(ERROR, "whole number ≥ 1 needed"),
    "SLR107": Code(ERROR, "closed infinite bound"),
    "SLR108": Code(ERROR, "calendar that cannot be evaluated"),
    "SLR109": Code(ERROR, "timezone that is not an IANA name"),
    "SLR110": Code(ERROR, "wrong unit"),
    "SLR111": Code(ERROR, "operation that has no meaning for these units"),
    "SLR112": Code(ERROR, "money in another currency than the file's"),
    "SLR113": Code(ERROR, "unknown currency"),
    "SLR114": Code(ERROR, "parameter by date out of order or of the wrong type"),
    "SLR115": Code(ERROR, "capped group undeclared, declared twice or empty"),
    "SLR116": Code(ERROR, "settlement that cannot apply"),
    "SLR117": Code(ERROR, "money amount negative whatever the inputs"),
    "SLR118": Code(WARNING, "money amount that can be negative in some period"),
    "SLR119": Code(ERROR, "count or duration too large to evaluate"),
    "SLR120": Code(ERROR, "SLA without tiers"),
    "SLR121": Code(WARNING, "SLA without metrics"),
    "SLR122": Code(ERROR, "metric stops at its own start event"),
    "SLR123": Code(WARNING, "“or downgrade” on the last tier"),
    "SLR124": Code(ERROR, "empty interval"),
    "SLR126": Code(WARNING, "“allow” with “retier restart”"),
    "SLR125": Code(ERROR, "points outside the item's range"),
    "SLR127": Code(ERROR, "kind superseded by itself"),
    "SLR128": Code(ERROR, "table row that does not match the table's aggregates"),
    "SLR129": Code(ERROR, "composite that depends on itself"),
    "SLR130": Code(ERROR, "defined twice"),
    "SLR131": Code(ERROR, "warning levels not rising between 0% and 100%"),
    "SLR132": Code(ERROR, "divisor that is zero"),
    "SLR133": Code(WARNING, "divisor that can be zero"),
    "SLR134": Code(ERROR, "item with more than one judged rule or points table"),
    "SLR135": Code(ERROR, "judged amount on a counter without occurrence events"),
    "SLR136": Code(ERROR, "money amount with more decimals than its minor unit (0.01)"),
    "SLR137": Code(ERROR, "reopening that resumes a metric the ticket's opening does not start"),
    "SLR140": Code(ERROR, "working hours that cannot be evaluated"),
    "SLR141": Code(ERROR, "unknown counting convention"),
    "SLR142": Code(WARNING, "another country's days counted by the Civil Code of the PRC"),
    "SLR160": Code(ERROR, "measure row, amount or cap out of range"),
    "SLR161": Code(WARNING, "rate without a value for a window without tickets"),
    "SLR162": Code(ERROR, "measure grouped by a field events already use"),
    "SLR163": Code(ERROR, "measure of another period read by an item"),
    "SLR164": Code(ERROR, "measure counting periods longer than its window"),
    "SLR165": Code(ERROR, "measure that depends on itself"),
    # -- references
    "SLR201": Code(ERROR, "unknown calendar"),
    "SLR202": Code(ERROR, "unknown SLA"),
    "SLR203": Code(ERROR, "unknown metric"),
    "SLR204": Code(ERROR, "unknown tier"),
    "SLR205": Code(ERROR, "unknown kind"),
    "SLR206": Code(ERROR, "unknown deliverable"),
    "SLR207": Code(WARNING, "cause that looks like a misspelt declared cause"),
    "SLR208": Code(ERROR, "unknown period"),
    "SLR209": Code(ERROR, "unknown name in an expression"),
    "SLR210": Code(ERROR, "metric starts at an event no ticket has"),
    "SLR211": Code(ERROR, "name of the wrong kind"),
    "SLR213": Code(ERROR, "payout where no pay band gives it"),
    "SLR212": Code(ERROR, "metric event named like a reserved event type"),
    # -- tables and weights
    "SLR301": Code(WARNING, "gap in a grade table"),
    "SLR302": Code(WARNING, "overlap in a grade or points table"),
    "SLR303": Code(ERROR, "gap in a payment band"),
    "SLR304": Code(ERROR, "overlap in a payment band"),
    "SLR305": Code(ERROR, "table too large to check for gaps and overlaps"),
    "SLR306": Code(ERROR, "gap in a points table"),
    "SLR330": Code(WARNING, "gap between the rows of a lateness measure"),
    "SLR331": Code(ERROR, "overlap between the rows of a lateness measure"),
    "SLR310": Code(ERROR, "assessor weights do not sum to 100%"),
    "SLR311": Code(ERROR, "some assessors weighted, some not"),
    "SLR312": Code(WARNING, "composite weights do not sum to 100%"),
    "SLR313": Code(ERROR, "group max differs from its items' maxima"),
    "SLR314": Code(WARNING, "scorecard items do not sum to 100"),
    "SLR315": Code(ERROR, "scorecard max differs from its items' maxima"),
    # -- calendars and periods
    "SLR401": Code(WARNING, "date in a provisional calendar year"),
    "SLR402": Code(ERROR, "metric without a calendar"),
    "SLR403": Code(ERROR, "term and delay that end beyond the calendar's day data"),
    "SLR404": Code(ERROR, "calendar that stops working"),
    "SLR410": Code(ERROR, "score of another period used without mean"),
    "SLR411": Code(ERROR, "mean over a period that is not finer"),
    "SLR412": Code(ERROR, "“for N consecutive periods” without a score"),
    "SLR420": Code(WARNING, "periods' bases can add up to more than the contract total"),
    "SLR421": Code(WARNING, "milestones that schedule more than the contract total"),
    "SLR430": Code(ERROR, "rolling window longer than the term"),
    # -- unused definitions and acknowledgements
    "SLR501": Code(WARNING, "definition never used"),
    "SLR510": Code(WARNING, "acknowledgement that suppresses nothing"),
    "SLR511": Code(WARNING, "acknowledgement of an error"),
    "SLR512": Code(ERROR, "acknowledgement without a reason"),
    # -- event logs and usage (engine)
    "SLR901": Code(ERROR, "parameter problem at replay time"),
    # -- event logs (slarules.events, engine/tracker.py)
    "SLR910": Code(ERROR, "malformed event line"),
    "SLR911": Code(ERROR, "required event field missing"),
    "SLR912": Code(ERROR, "timestamp without offset or malformed"),
    "SLR913": Code(ERROR, "unknown event type"),
    "SLR914": Code(ERROR, "name the rule file does not declare"),
    "SLR915": Code(ERROR, "event value of the wrong type or out of range"),
    "SLR916": Code(ERROR, "field that does not belong to the event"),
    "SLR917": Code(ERROR, "event the ticket cannot take now"),
    "SLR918": Code(ERROR, "event id repeated with different content"),
    "SLR919": Code(WARNING, "event id repeated with identical content"),
    "SLR920": Code(ERROR, "event fed out of time order"),
    "SLR921": Code(ERROR, "events file cannot be read"),
    "SLR922": Code(WARNING, "events after the evaluation time"),
    "SLR923": Code(ERROR, "due event for a deliverable whose due time the rules compute"),
    "SLR924": Code(ERROR, "event whose due time lies beyond the calendar's day data"),
    # -- evaluation (engine/scoring_errors.py): events, then rules
    "SLR951": Code(ERROR, "judged points of an occurrence outside the rule's range"),
    "SLR952": Code(ERROR, "judgement outside the item's grades"),
    "SLR953": Code(ERROR, "judgement outside the points-table row"),
    "SLR954": Code(ERROR, "given score above the scorecard's maximum"),
    "SLR961": Code(ERROR, "value no row of a band or table covers"),
    "SLR962": Code(ERROR, "score of another period in an expression"),
    "SLR963": Code(ERROR, "division by zero"),
    "SLR964": Code(ERROR, "value of the wrong type in an expression"),
    "SLR965": Code(ERROR, "rule the engine cannot evaluate"),
}


def severity_of(code: str) -> Severity:
    """The fixed severity of ``code``; an unknown code is an error."""
    known = CODES.get(code)
    return known.severity if known is not None else ERROR
