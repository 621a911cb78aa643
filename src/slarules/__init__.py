"""slarules: executable, auditable service-level rules for IT operations contracts.

The public API is small and flat::

    import slarules
    rules = slarules.load("rulesets/fujian-slt-2024.sla")
    report = rules.replay("events.jsonl")
    cal = slarules.Calendar("mon-fri 09:00-12:00,13:30-17:30")
    events = slarules.import_events("tickets.csv", "zammad").events   # a helpdesk export
    outcomes = slarules.replay_many("manifest.jsonl")   # many pairs on Dask (docs/scale.md)

``report`` is a :class:`Report`; ``rules.tracker()`` a live :class:`Tracker` whose
``status`` is a :class:`TicketStatus`; the report's results are the ``*Result`` types below.
Bad rule files raise :class:`RuleError`, wrong arguments :class:`UsageError` (a
``ValueError``). The API is documented in docs/api.md; how the package is laid out in
docs/architecture.md.

The names in ``__all__`` are the public API, and ``dir(slarules)`` shows only them: the
stage packages (``slarules.engine``, ``slarules.report``…) are internal. They stay
importable by their full name, for the tests and the command line, but are not part of
the API and may change.
"""

from .api import (
    Report,
    ReportDiff,
    Ruleset,
    TargetSpec,
    Tracker,
    diff_replays,
    diff_reports,
    load,
    loads,
)
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
from .engine.status import MetricStatus, TicketStatus, UnknownMetric, UnknownTicket
from .errors import Diagnostic, RuleError, UsageError
from .importers import EventImportError, import_events
from .scale import replay_many
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
    "ReportDiff",
    "Results",
    "RuleError",
    "Ruleset",
    "ScorecardResult",
    "TargetResult",
    "TargetSpec",
    "TicketResult",
    "TicketStatus",
    "Tracker",
    "UnknownMetric",
    "UnknownTicket",
    "UsageError",
    "__version__",
    "diff_replays",
    "diff_reports",
    "import_events",
    "load",
    "loads",
    "replay_many",
]


def __dir__() -> list[str]:
    """Only the public names: the stage packages imported on the way are not API."""
    return sorted(__all__)
