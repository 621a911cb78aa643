"""Third pass: the library calls a helpdesk developer makes (docs/api.md).

``Ruleset.replay(events)`` takes a path, a binary stream or an iterable of dicts. A developer
who has the log as text (``response.text`` of a download) and passes it gets it read as a
path: the ``RuleError`` was "cannot read the events file", its first line the log itself
(the path is the text, newlines and all). It is now a ``UsageError`` saying what to pass.
"""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

import slarules

from .test_hostile_cli import EVENTS, RULES

RULESET = slarules.load(RULES)


def ticket_ids(report: slarules.Report) -> list[str]:
    return [t["ticket"] for t in json.loads(report.to_json())["tickets"]]


def log_text() -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in EVENTS)


@pytest.mark.parametrize("text", [log_text(), log_text().splitlines()[0], "\n"])
def test_a_log_given_as_its_text_is_a_usage_error_that_says_what_to_pass(text: str) -> None:
    with pytest.raises(slarules.UsageError, match=r"io\.BytesIO") as caught:
        RULESET.replay(text)
    assert "\n" not in str(caught.value)


def test_the_same_text_as_a_binary_stream_replays() -> None:
    report = RULESET.replay(io.BytesIO(log_text().encode("utf-8")))
    assert sorted(ticket_ids(report)) == ["INC-10", "INC-2"]


def test_a_file_whose_name_looks_like_json_is_still_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("{odd}.jsonl").write_text(log_text(), encoding="utf-8")
    assert len(ticket_ids(RULESET.replay("{odd}.jsonl"))) == 2


def test_two_trackers_on_one_ruleset_in_threads_share_nothing() -> None:
    """Each thread feeds its own tracker a different log of the same rule file, many
    times over; every report equals the one a lone tracker gives for that log."""
    # A Python float is refused as points (it may be rounded already): the text is exact.
    events = [{**e, "points": str(e["points"])} if "points" in e else e for e in EVENTS]
    logs = [events, events[:3], [e for e in events if e["type"] != "occurrence"]]

    def alone(events: list[dict[str, object]]) -> bytes:
        tracker = RULESET.tracker()
        for event in events:
            tracker.feed(event)
        return tracker.report().to_json().encode()

    expected = [alone(log) for log in logs]
    results: dict[tuple[int, int], bytes] = {}

    def work(worker: int) -> None:
        for round_ in range(5):
            results[(worker, round_)] = alone(logs[worker % len(logs)])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 30
    for (worker, _round), data in results.items():
        assert data == expected[worker % len(logs)]
