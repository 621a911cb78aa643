"""slarules: executable, auditable service-level rules for IT operations contracts.

The public API is small and flat::

    import slarules
    rules = slarules.load("rulesets/fujian-slt-2024.sla")
    report = rules.replay("events.jsonl")
    cal = slarules.Calendar("mon-fri 09:00-12:00,13:30-17:30")
    events = slarules.import_events("tickets.csv", "zammad").events   # a helpdesk export

``report`` is a :class:`Report`; ``rules.tracker()`` a live :class:`Tracker` whose
``status`` is a :class:`TicketStatus`; the report's results are the ``*Result`` types below.
Bad rule files raise :class:`RuleError`, wrong arguments :class:`UsageError` (a
``ValueError``). How the package is laid out: docs/architecture.md.
"""

from .api import Ruleset, Tracker, load, loads
from .calendar import Calendar
from .engine.evidence import TargetResult, TicketResult
from .engine.scoring.results import (
    BondResult,
    CompositeResult,
    FlagResult,
    ItemResult,
    PaymentResult,
    PeriodResult,
    Results,
    ScorecardResult,
)
from .engine.tracker import MetricStatus, TicketStatus
from .errors import Diagnostic, RuleError, UsageError
from .importers import EventImportError, import_events
from .report import Report
from .version import __version__

__all__ = [
    "BondResult",
    "Calendar",
    "CompositeResult",
    "Diagnostic",
    "EventImportError",
    "FlagResult",
    "ItemResult",
    "MetricStatus",
    "PaymentResult",
    "PeriodResult",
    "Report",
    "Results",
    "RuleError",
    "Ruleset",
    "ScorecardResult",
    "TargetResult",
    "TicketResult",
    "TicketStatus",
    "Tracker",
    "UsageError",
    "__version__",
    "import_events",
    "load",
    "loads",
]
