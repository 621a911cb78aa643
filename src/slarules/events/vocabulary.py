"""What a rule file lets an event log say: the names an event may use, looked up once.

The event loader (``slarules.events``) checks every event against this: SLA and tier names,
the ticket event types the SLAs' metrics declare, kinds, items, scorecards, deliverables,
causes and assessors, and which kinds need whole counts or judged points.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .. import model as m
from ..i18n import _

# Ticket life-cycle types (SPEC §5); the start/stop names of metrics are added per ruleset.
LIFECYCLE = (
    "opened", "paused", "resumed", "retiered", "agreed", "attributed", "reopened", "closed",
)  # fmt: skip
# Event types that are not about one ticket (``occurrence`` may still name one).
OTHER_TYPES = (
    "occurrence", "judgement", "score", "due", "delivered", "milestone", "maintenance",
)  # fmt: skip


def sla_events(sla: m.Sla) -> list[str]:
    """The ticket event types an SLA adds to the log: its metrics' start and stop events,
    the events its targets are owed ``when``, then its declared ``event`` names (in
    declaration order, repeats kept)."""
    events = [e for mt in sla.metrics for e in (mt.start, *mt.stops)]
    events += [x.when for t in sla.tiers for x in t.targets if x.when is not None]
    return events + [e for decl in sla.events for e in decl.names]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean X?)`` for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, sorted(set(known)), n=1, cutoff=0.6)
    return _(" (did you mean {name}?)").format(name=close[0]) if close else ""


def known_list(names: Iterable[str]) -> str:
    """Names for a message, in declaration order, shortened when there are many."""
    unique = list(dict.fromkeys(names))
    if not unique:
        return _("none")
    if len(unique) > 12:
        return _("{names}, … ({count} in all)").format(
            names=", ".join(unique[:12]), count=len(unique)
        )
    return ", ".join(unique)


class Vocabulary:
    """The names of one ruleset, indexed for the event loader.

    ``judged_kinds`` maps a kind to the ``judged [a, b]`` ranges of the rules that deduct per
    occurrence of it (each occurrence must carry ``points`` inside them); ``whole_kinds``
    maps a kind to an item that counts it per occurrence (its ``count`` must be whole).
    ``items`` maps an item name to every (scorecard, item) that has it.
    """

    def __init__(self, model: m.RuleFile) -> None:
        self.model = model
        # The event loader's compiled readers (``slarules.events``), built on first use.
        self.readers: dict[str, Any] | None = None
        self.tz = ZoneInfo(model.timezone)
        # Amounts on events are in the rule file's currency; a ``currency`` field, when an
        # event has one, must name it (events.reader).
        self.currency = model.currency
        self.slas: dict[str, m.Sla] = {s.name: s for s in model.slas}
        self.metric_events: dict[str, tuple[str, ...]] = {
            s.name: tuple(dict.fromkeys(sla_events(s))) for s in model.slas
        }
        self.metrics: tuple[str, ...] = tuple(
            dict.fromkeys(mt.name for s in model.slas for mt in s.metrics)
        )
        names = [e for events in self.metric_events.values() for e in events]
        self.ticket_types: tuple[str, ...] = tuple(dict.fromkeys((*LIFECYCLE, *names)))
        self.tiers: tuple[str, ...] = tuple(
            dict.fromkeys(t.name for s in model.slas for t in s.tiers)
        )
        self.kinds: tuple[str, ...] = tuple(k.name for k in model.kinds)
        self.deliverables: tuple[str, ...] = tuple(d.name for d in model.deliverables)
        causes = [c.name for c in model.causes]
        for sla in model.slas:
            causes += [c for ex in sla.exclusions for c in ex.causes]
            causes += [c for ex in sla.exemptions for c in ex.causes]
        self.causes: tuple[str, ...] = tuple(dict.fromkeys(causes))
        self.scorecards: dict[str, m.Scorecard] = {c.name: c for c in model.scorecards}
        self.assessors: tuple[str, ...] = tuple(
            dict.fromkeys(a.name for c in model.scorecards for a in c.assessors)
        )
        # ``opened`` fields that measures group by (``count of 视频 by camera``).
        self.group_fields: tuple[str, ...] = m.group_fields(model.measures)
        self.items: dict[str, list[tuple[m.Scorecard, m.Item]]] = {}
        self.judged_kinds: dict[str, list[tuple[str, m.Interval]]] = {}
        self.whole_kinds: dict[str, str] = {}
        for card in model.scorecards:
            for item in m.walk_items(card.entries):
                self.items.setdefault(item.name, []).append((card, item))
                self._index_rules(item)

    def _index_rules(self, item: m.Item) -> None:
        for rule in item.rules:
            if isinstance(rule, m.CountRule):
                counter = rule.counter
                if isinstance(counter, (m.PerOccurrence, m.PerNOccurrences)):
                    self.whole_kinds.setdefault(counter.kind, item.name)
                if isinstance(rule.amount, m.JudgedRange) and isinstance(
                    counter, (m.PerOccurrence, m.PerNOccurrences, m.PerUnit)
                ):
                    entry = (item.name, rule.amount.interval)
                    self.judged_kinds.setdefault(counter.kind, []).append(entry)
            elif isinstance(rule, m.PointsTable):
                for agg in rule.aggregates:
                    if agg.fn == "count" and agg.ref.name in self.kinds:
                        self.whole_kinds.setdefault(agg.ref.name, item.name)

    def scorecard_max(self, card: m.Scorecard) -> Decimal | None:
        """The scorecard's maximum: its declared ``max``, else the sum of its top-level
        maxima, else 100 (a card with no items, whose score comes from ``score`` events)."""
        return m.scorecard_max(card)

    @staticmethod
    def judged_range(item: m.Item) -> tuple[m.JudgedRule | None, bool]:
        """The item's judged rule (if any) and whether a points table has judged rows."""
        judged = next((r for r in item.rules if isinstance(r, m.JudgedRule)), None)
        table = any(
            isinstance(r, m.PointsTable)
            and any(isinstance(row.value, m.JudgedRange) for row in r.rows)
            for r in item.rules
        )
        return judged, table
