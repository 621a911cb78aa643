"""What the hostile-input generators of tests/hostile produce, and how slarules answers.

    .venv/bin/python -m benchmarks.hostile_coverage [--examples 1500]

Draws ``--examples`` command lines from ``test_hostile_cli.command_line`` and as many event
logs from ``test_hostile_events.hostile_line``, runs each, and prints how many ended with
each exit code (command lines) or with a report, located errors by code, or "no event to
evaluate" (logs), with the slowest single case. Any traceback fails the run, as in the tests.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, given, settings

from slarules.errors import RuleError

TESTS = Path(__file__).resolve().parent.parent / "tests" / "hostile"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TESTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_coverage")
    parser.add_argument("--examples", type=int, default=1500)
    args = parser.parse_args(argv)
    cli, events = _module("test_hostile_cli"), _module("test_hostile_events")
    many = settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    base = Path(tempfile.mkdtemp())
    files = {
        "rules": str(cli.RULES),
        "events": str(cli.write_events(base / "events.jsonl")),
        "missing": str(base / "missing.jsonl"),
        "dir": str(base),
        "out": str(base / "out.txt"),
    }
    if hasattr(os, "mkfifo"):
        os.mkfifo(base / "fifo")
        files["fifo"] = str(base / "fifo")
    codes: collections.Counter[int] = collections.Counter()
    worst = [0.0, 0.0]

    @many
    @given(argv=cli.command_line(files))
    def command(argv: list[str]) -> None:
        started = time.perf_counter()
        code, _, err = cli.run(*argv)
        worst[0] = max(worst[0], time.perf_counter() - started)
        assert "Traceback" not in err, (argv, err)
        codes[code] += 1

    outcomes: collections.Counter[str] = collections.Counter()

    @many
    @given(lines=events.st.lists(events.hostile_line(), min_size=1, max_size=8))
    def log(lines: list[str]) -> None:
        path = base / "hostile.jsonl"
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
        started = time.perf_counter()
        try:
            events.RULES.replay(path)
            outcomes["report"] += 1
        except RuleError as exc:
            outcomes["located errors"] += 1
            outcomes.update(d.code for d in exc.diagnostics)
        except ValueError:
            outcomes["no event to evaluate"] += 1
        worst[1] = max(worst[1], time.perf_counter() - started)

    command()
    log()
    print(f"command lines: exit codes {dict(sorted(codes.items()))}; slowest {worst[0]:.3f} s")
    print(f"event logs: {dict(sorted(outcomes.items()))}; slowest {worst[1]:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
