"""The audit scenarios on the reference rule files use the same ``kit`` as the ruleset
scenarios (tests/rulesets/conftest.py): one copy of the helpers, loaded from there."""

from __future__ import annotations

import importlib.util
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import slarules

_SPEC = importlib.util.spec_from_file_location(
    "_rulesets_kit", Path(__file__).resolve().parents[1] / "rulesets" / "conftest.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_KIT = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_KIT)


@pytest.fixture(scope="session")
def kit() -> Any:
    return _KIT.Kit()


class DkKit:
    """The helpers of the dk-itdrift-2026 audit files, once: ``kit``'s times are China's
    (``+08:00``), these are Copenhagen's wall clock (CET/CEST, so the offset depends on the
    day: ``2026-01-05 10:00`` → ``+01:00``, ``2026-06-04 13:00`` → ``+02:00``)."""

    ZONE = ZoneInfo("Europe/Copenhagen")
    NAME = "dk-itdrift-2026"

    def __init__(self, kit: Any) -> None:
        self._kit = kit

    @property
    def rules(self) -> slarules.Ruleset:
        """rulesets/dk-itdrift-2026.sla, loaded once for the session."""
        rules: slarules.Ruleset = self._kit.ruleset(self.NAME)
        return rules

    def at(self, stamp: str) -> str:
        """``2027-12-24 10:00`` (Copenhagen wall clock) → RFC 3339 with its offset."""
        return datetime.fromisoformat(stamp).replace(tzinfo=self.ZONE).isoformat()

    def ev(self, stamp: str, type_: str, **fields: Any) -> dict[str, Any]:
        return {"at": self.at(stamp), "type": type_, **fields}

    def incident(
        self, tier: str, opened: str, *steps: tuple[str, str, dict[str, Any]]
    ) -> list[Any]:
        """Ticket ``I`` of the incident SLA: opened at ``opened``, then each (time, type,
        fields) step."""
        out: list[dict[str, Any]] = [
            {
                "at": self.at(opened),
                "type": "opened",
                "ticket": "I",
                "sla": "incident",
                "tier": tier,
            }
        ]
        out += [{"at": self.at(s), "type": t, "ticket": "I", **kw} for s, t, kw in steps]
        return out


@pytest.fixture(scope="session")
def dk(kit: Any) -> DkKit:
    """dk-itdrift-2026's ruleset and Copenhagen-time event builders (``dk.rules``,
    ``dk.at``, ``dk.ev``, ``dk.incident``)."""
    return DkKit(kit)


_VIEWS_SPEC = importlib.util.spec_from_file_location(
    "_audit_r4_views", Path(__file__).resolve().parent / "r4_views.py"
)
assert _VIEWS_SPEC is not None and _VIEWS_SPEC.loader is not None
_VIEWS = importlib.util.module_from_spec(_VIEWS_SPEC)
_VIEWS_SPEC.loader.exec_module(_VIEWS)


@pytest.fixture(scope="session")
def views() -> Any:
    """The renderings of one replay read back (tests/audit/r4_views.py)."""
    return _VIEWS
