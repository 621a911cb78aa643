"""A helpdesk's live-status board over a DataFrame (docs/api.md, "A live-status loop").

Run from a git clone (``python docs/examples/live_status.py``) or, after
``slarules example guangxi-gat-2024 demo``, as ``python live_status.py demo``.
"""

import sys
from pathlib import Path

import pandas as pd

import slarules

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "rulesets")
rules = slarules.load(folder / "guangxi-gat-2024.sla")

# The helpdesk's tickets, as the team already has them: a DataFrame of a Zammad export.
tickets = pd.read_csv(folder / "samples" / "exports" / "guangxi-gat-2024.zammad.csv")

# Feed every milestone (the shipped Zammad mapping turns rows into events), warning at 75%.
tracker = rules.tracker(at_risk=75)
for event in slarules.import_events(tickets.to_dict("records"), "zammad").events:
    tracker.feed(event)

# The board at a moment: every running target, most used first.
now = pd.Timestamp("2024-09-25 14:00", tz="Asia/Shanghai")
rows = [
    {
        "ticket": status.ticket,
        "tier": status.tier,
        "metric": target.metric,
        "deadline": target.deadline,
        "left": target.remaining,
        "used %": target.percent_used,
        "at risk": target.at_risk,
    }
    for status in (tracker.status(ticket, at=now) for ticket in tracker.tickets)
    for target in status.metrics
    if target.state == "running"
]
board = pd.DataFrame(rows).sort_values("used %", ascending=False)
print(board.to_string(index=False))
