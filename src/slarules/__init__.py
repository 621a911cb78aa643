"""slarules: executable, auditable service-level rules for IT operations contracts.

The public API is small and flat::

    import slarules
    rules = slarules.load("rulesets/fujian-slt-2024.sla")
    report = rules.replay("events.jsonl")
    cal = slarules.Calendar("mon-fri 09:00-12:00,13:30-17:30")
    events = slarules.import_events("tickets.csv", "zammad").events   # a helpdesk export
"""

from .api import Ruleset, load, loads
from .calendar import Calendar
from .diagnostics import Diagnostic, RuleError
from .importers import EventImportError, import_events

__version__ = "0.1.0"

__all__ = [
    "Calendar",
    "Diagnostic",
    "EventImportError",
    "RuleError",
    "Ruleset",
    "__version__",
    "import_events",
    "load",
    "loads",
]
