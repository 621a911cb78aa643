"""A long hunt with the guangxi oracle (docs/testing.md): N random whole-term logs from the
property's own strategy, each compared after the term and at a random instant of it (or where
the money changes). Unlike the property it does not stop at the first disagreement: it counts
the logs that agree and writes every one that does not (unshrunk) to a JSON file.

    .venv/bin/python tests/oracles/hunt_guangxi_gat_2024.py 400 /tmp/guangxi-hunt.json
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# The property's module, imported as pytest imports it (tests/ on the path, the package
# ``oracles``), so that its relative imports work.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
prop = importlib.import_module("oracles.test_guangxi_gat_2024_oracle")


def hunt(count: int) -> dict[str, Any]:
    """``count`` logs: how many agree after the term and during it, and the ones that do
    not (phase, log, params, the differing numbers)."""
    found: dict[str, Any] = {"logs": 0, "agree_after": 0, "agree_during": 0, "disagree": []}

    @settings(
        max_examples=count,
        deadline=None,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(prop.logs(), st.data())
    def one(case: tuple[list[dict[str, Any]], dict[str, Any]], data: st.DataObject) -> None:
        events, params = case
        instants = [prop.oracle.parse_at(e["at"]) for e in events] or prop.MONEY_INSTANTS
        during = data.draw(
            st.one_of(
                st.sampled_from(instants), prop.instants(), st.sampled_from(prop.MONEY_INSTANTS)
            )
        )
        found["logs"] += 1  # after the last draw: a draw that overruns discards the log
        for phase, as_of in (("after", prop.AS_OF), ("during", during)):
            differ = prop.disagreements(events, params, as_of)
            if differ:
                found["disagree"].append([phase, as_of.isoformat(), events, params, differ])
            else:
                found[f"agree_{phase}"] += 1

    one()
    return found


def main(argv: list[str]) -> int:
    count, out = int(argv[1]), Path(argv[2])
    began = time.monotonic()
    found = hunt(count)
    found["seconds"] = round(time.monotonic() - began)
    out.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    print({k: v for k, v in found.items() if k != "disagree"}, "disagree:", len(found["disagree"]))
    return 1 if found["disagree"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
