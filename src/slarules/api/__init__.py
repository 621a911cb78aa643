"""The API stage: the public objects that wire the pipeline together.

``rules`` holds ``load``/``loads``, the checked ``Ruleset`` and its live ``Tracker``;
``reports`` the public ``Report`` (the report stage's, with its text and DataFrame forms);
``values`` takes numpy and pandas values as the Python values they stand for; ``diff``
compares the replays of two rule files. ``slarules/__init__.py`` re-exports the public
names; nothing else here is public.
"""

from __future__ import annotations

from .describe import TargetSpec
from .diff import ReportDiff, diff_replays, diff_reports
from .reports import Report
from .rules import Ruleset, Tracker, load, loads, read_rule_file

__all__ = [
    "Report",
    "ReportDiff",
    "Ruleset",
    "TargetSpec",
    "Tracker",
    "diff_replays",
    "diff_reports",
    "load",
    "loads",
    "read_rule_file",
]
