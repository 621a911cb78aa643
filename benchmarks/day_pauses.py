"""One ticket paused N times, its deadline asked at every event:
``python -m benchmarks.day_pauses MODE N [--hours]``.

A target in workdays ("1个工作日" / "3个工作日", `pause all`, `retier remeasure allow full`)
on office hours with the State Council's days, or with ``--hours`` the same tiers in hours
(8 and 24 hours: the duration path, for comparison). The ticket is paused and resumed N
times, a second apart. ``MODE``:

* ``retier``: a tier change after every pause-resume pair (一级 ↔ 二级), replayed: every
  change asks the clock for its deadline before and after, and for the one it remembers.
* ``status``: a live ``Tracker`` asked for the ticket's status after every event, as a
  helpdesk asks.

Prints the events, the CPU seconds and the µs per event (docs/performance.md, *One ticket
with many pauses*).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import slarules

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 9, tzinfo=SH)
RULES = """
ruleset "cost" {{ timezone "Asia/Shanghai" }}
calendar 办公 {{ hours "mon-fri 08:30-12:00,14:00-17:30" days CN }}
sla 工单 {{
  calendar 办公
  metric resolve from opened to resolved
  pause all
  retier remeasure allow full
  tier 一级 {{ resolve {first} }}
  tier 二级 {{ resolve {second} }}
}}
"""


def events(pairs: int, retier: bool) -> list[dict[str, Any]]:
    """Opened 二级, then per pair a second apart: paused, resumed (and with ``retier`` a
    change to 一级 after an even pair, to 二级 after an odd one)."""
    out: list[dict[str, Any]] = [
        {"at": T0.isoformat(), "type": "opened", "ticket": "T", "sla": "工单", "tier": "二级"}
    ]
    tick = 0
    for i in range(pairs):
        for kind in ("paused", "resumed", "retiered") if retier else ("paused", "resumed"):
            tick += 1
            event = {"at": (T0 + timedelta(seconds=tick)).isoformat(), "type": kind}
            if kind == "retiered":
                event["tier"] = "一级" if i % 2 == 0 else "二级"
            out.append({**event, "ticket": "T"})
    return out


def measure(mode: str, pairs: int, hours: bool) -> tuple[int, float]:
    """(events, CPU seconds) of one run."""
    text = RULES.format(
        first="8小时" if hours else "1个工作日", second="24小时" if hours else "3个工作日"
    )
    rules = slarules.loads(text)
    log = events(pairs, mode == "retier")
    began = time.process_time()
    if mode == "status":
        tracker = rules.tracker()
        for event in log:
            tracker.feed(event)
            tracker.status("T")
    else:
        rules.replay(log, as_of="2026-03-10T00:00:00+08:00")
    return len(log), time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.day_pauses")
    parser.add_argument("mode", choices=("retier", "status"))
    parser.add_argument("pairs", type=int)
    parser.add_argument("--hours", action="store_true", help="targets in hours, not workdays")
    args = parser.parse_args()
    count, seconds = measure(args.mode, args.pairs, args.hours)
    unit = "hours" if args.hours else "workdays"
    print(
        f"{args.mode} {unit} pairs={args.pairs} events={count} "
        f"seconds={seconds:.2f} per_event_us={seconds / count * 1e6:.0f}"
    )


if __name__ == "__main__":
    main()
