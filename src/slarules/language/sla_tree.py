"""Parse-tree reader of the SLA declaration (docs/language.md): its metrics, pauses,
retiering, exclusions, exemptions, maintenance windows, warning levels and tiers of
targets. Kept apart from ``parser.py`` so that neither module outgrows ~600 lines; the
parser's builder inherits it, as it inherits ``money_tree.MoneyReader``."""

from __future__ import annotations

from typing import Any

from lark import Token, Tree

from .. import model as m
from .tree import Node, PTree, TreeReader, as_tree

# The grammar's words for the retier modes of the model, typed.
_RETIER_MODES: dict[str, m.RetierMode] = {"remeasure": "remeasure", "restart": "restart"}


class SlaReader(TreeReader):
    """Builds ``m.Sla`` and its tiers from an ``sla_decl`` parse tree."""

    def d_sla_decl(self, tree: PTree) -> tuple[str, Any]:
        rest, cite, acks = self.split(tree.children)
        name = self.name(rest[0])
        calendar: str | None = None
        metrics: list[m.Metric] = []
        tiers: list[m.Tier] = []
        pauses: tuple[str, ...] = ()
        pause_tiers: tuple[str, ...] = ()
        retier: m.RetierMode = "remeasure"
        grace: m.Literal | None = None
        grace_full = False
        cites: dict[str, str | None] = {"pause_cite": None, "retier_cite": None}
        exclusions: list[m.Exclusion] = []
        events: list[m.SlaEvents] = []
        exemptions: list[m.Exemption] = []
        maintenance: m.MaintenanceExclusion | None = None
        warn: m.WarnLevels | None = None
        reopen: m.Reopen | None = None
        for field in rest[1:]:
            assert isinstance(field, Tree)
            parts, fcite, _unused = self.split(field.children)
            span = self.span(field)
            if field.data == "sla_calendar":
                calendar = self.name(parts[0])
            elif field.data == "metric_decl":
                cal = start_cal = None
                if len(parts) > 3:
                    cal_tree = parts[3]
                    assert isinstance(cal_tree, Tree)
                    cal = self.name(cal_tree.children[-1])
                    if cal_tree.data == "start_calendar":
                        start_cal = self.name(cal_tree.children[0])
                metrics.append(
                    m.Metric(
                        self.name(parts[0]),
                        self.name(parts[1]),
                        self.names(parts[2]),
                        cal,
                        cite=fcite,
                        span=span,
                        start_calendar=start_cal,
                    )
                )
            elif field.data == "sla_pause":
                selection = parts[0]
                assert isinstance(selection, Tree)
                only = selection.children[0]
                if isinstance(only, Token) and only.type == "ALL":
                    pauses = m.ALL_METRICS
                else:
                    pauses = self.names(only)
                if len(parts) > 1:
                    pause_tiers = self.names(as_tree(parts[1]).children[0])
                cites["pause_cite"] = fcite
            elif field.data == "sla_retier":
                retier = _RETIER_MODES[str(parts[0])]
                if len(parts) > 1:
                    amount = as_tree(parts[1]).children[0]
                    if isinstance(amount, Token) and amount.type == "GRACE_FULL":
                        grace_full = True
                    else:
                        grace = self.literal(amount)
                cites["retier_cite"] = fcite
            elif field.data == "sla_reopen":
                only = as_tree(parts[0]).children[0]
                nothing = isinstance(only, Token) and only.type == "NOTHING"
                reopen = m.Reopen(() if nothing else self.names(only), cite=fcite, span=span)
            elif field.data == "sla_exclude":
                exclusions.append(m.Exclusion(self.names(parts[0]), cite=fcite, span=span))
            elif field.data == "sla_exempt":
                exemptions.append(
                    m.Exemption(self.names(parts[0]), self.names(parts[1]), cite=fcite, span=span)
                )
            elif field.data == "tier_decl":
                tiers.append(self.tier(field))
            elif field.data == "maintenance_exclusion":
                maintenance = self.maintenance(parts, fcite, span)
            elif field.data == "sla_warn":
                levels = tuple(self.literal(level) for level in parts)
                warn = m.WarnLevels(levels, cite=fcite, span=span)
            elif field.data == "sla_events":
                events.append(m.SlaEvents(self.names(parts[0]), cite=fcite, span=span))
        return "slas", m.Sla(
            name,
            calendar,
            tuple(metrics),
            tuple(tiers),
            pauses=pauses,
            pause_tiers=pause_tiers,
            retier=retier,
            retier_allow=grace,
            retier_allow_full=grace_full,
            exclusions=tuple(exclusions),
            exemptions=tuple(exemptions),
            maintenance=maintenance,
            warn=warn,
            acknowledgements=tuple(acks),
            cite=cite,
            span=self.span(tree),
            events=tuple(events),
            reopen=reopen,
            **cites,
        )

    def maintenance(
        self, parts: list[Node], cite: str | None, span: m.Span
    ) -> m.MaintenanceExclusion:
        """``exclude maintenance announced 8h ahead [from downtime [and period]]``."""
        scope: m.MaintenanceScope = "downtime"
        if len(parts) > 1 and as_tree(parts[1]).data == "from_downtime_and_period":
            scope = "period"
        first = parts[0]
        notice = (
            self.literal(first) if isinstance(first, Token) and first.type == "DURATION" else None
        )
        return m.MaintenanceExclusion(
            notice if notice is not None else self.name(first), scope, cite=cite, span=span
        )

    def tier(self, tree: PTree) -> m.Tier:
        rest, cite, _unused = self.split(tree.children)
        targets = []
        for t in rest[1:]:
            assert isinstance(t, Tree)
            parts, tcite, _unused = self.split(t.children)
            only_agreed = t.data == "agreed_target"
            options = {c.data: c for c in parts[1:] if isinstance(c, Tree)}
            when = options.get("target_when")
            targets.append(
                m.Target(
                    self.name(parts[0]),
                    None if only_agreed else self.literal(parts[1]),
                    close_of_business="close_of_business" in options,
                    downgrade="downgrade" in options,
                    cite=tcite,
                    span=self.span(t),
                    agreed=only_agreed or "agreement" in options,
                    when=self.name(when.children[0]) if when is not None else None,
                )
            )
        return m.Tier(self.name(rest[0]), tuple(targets), cite=cite, span=self.span(tree))
