"""What a rule file declares, for helpdesk code that builds events or forms from it
without walking the model: SLAs, their metrics and tiers, each tier's targets, the warning
levels, and the names each event field may take.

Every answer is in declaration order. An unknown SLA or tier is a ``UsageError`` naming
the ones the rule file declares.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from .. import model as m
from ..errors import UsageError
from ..events.vocabulary import OTHER_TYPES, Vocabulary, did_you_mean, known_list
from ..i18n import _
from ..language.printer import target_text
from .arguments import require_text


@frozen
class TargetSpec:
    """One target of a tier: the metric, the target as written (``4小时``, ``2 workdays by
    close``, ``8小时 or agreed``), the clock's start and stop events, and the contract's
    words (``cite``) when the rule file quotes them."""

    metric: str
    target: str
    start: str
    stops: tuple[str, ...]
    cite: str | None = None


def sla_named(model: m.RuleFile, sla: str) -> m.Sla:
    require_text(sla, "sla")
    found = model.names.slas.get(sla)
    if found is None:
        known = [s.name for s in model.slas]
        raise UsageError(
            _("unknown SLA {sla}{sla2}; the rule file declares: ").format(
                sla=sla, sla2=did_you_mean(sla, known)
            )
            + known_list(known)
        )
    return found


def tier_named(model: m.RuleFile, sla: str, tier: str) -> m.Tier:
    declared = sla_named(model, sla)
    require_text(tier, "tier")
    found = next((t for t in declared.tiers if t.name == tier), None)
    if found is None:
        known = [t.name for t in declared.tiers]
        raise UsageError(
            _("SLA {sla} has no tier {tier}{tier2}; its tiers: ").format(
                sla=sla, tier=tier, tier2=did_you_mean(tier, known)
            )
            + known_list(known)
        )
    return found


def targets(model: m.RuleFile, sla: str, tier: str) -> tuple[TargetSpec, ...]:
    """The targets of ``tier`` in ``sla``, in the order of the SLA's metrics."""
    declared = sla_named(model, sla)
    by_metric = {t.metric: t for t in tier_named(model, sla, tier).targets}
    out = []
    for metric in declared.metrics:
        target = by_metric.get(metric.name)
        if target is not None:
            spec = TargetSpec(
                metric.name, target_text(target), metric.start, metric.stops, target.cite
            )
            out.append(spec)
    return tuple(out)


def warn_levels(model: m.RuleFile, sla: str) -> tuple[Decimal, ...]:
    """The SLA's ``warn at`` levels in percent (``(50, 75, 90)``), or ``()``."""
    warn = sla_named(model, sla).warn
    return tuple(level.number for level in warn.levels) if warn is not None else ()


def event_names(model: m.RuleFile) -> dict[str, tuple[str, ...]]:
    """Per event field, the names a log of this rule file may use in it: ``type`` (the
    life-cycle types, the SLAs' metric events, then the other types), ``sla``, ``tier``,
    ``metric``, ``kind``, ``cause``, ``deliverable``, ``scorecard``, ``item``,
    ``assessor``. (``milestone`` names and ``period`` labels are free text.)"""
    vocab = Vocabulary(model)
    return {
        "type": (*vocab.ticket_types, *OTHER_TYPES),
        "sla": tuple(vocab.slas),
        "tier": vocab.tiers,
        "metric": vocab.metrics,
        "kind": vocab.kinds,
        "cause": vocab.causes,
        "deliverable": vocab.deliverables,
        "scorecard": tuple(vocab.scorecards),
        "item": tuple(vocab.items),
        "assessor": vocab.assessors,
    }
