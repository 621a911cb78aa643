"""slarules: executable, auditable service-level rules for IT operations contracts.

The public API is small and flat::

    import slarules
    rules = slarules.load("rulesets/fujian-slt-2024.sla")
    report = rules.replay("events.jsonl")
    cal = slarules.Calendar("mon-fri 09:00-12:00,13:30-17:30")
"""

from .api import Ruleset, load, loads
from .calendar import Calendar
from .errors import Diagnostic, RuleError

__version__ = "0.1.0"

__all__ = ["Calendar", "Diagnostic", "RuleError", "Ruleset", "__version__", "load", "loads"]
