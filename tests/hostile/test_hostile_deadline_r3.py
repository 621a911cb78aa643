"""Third pass: ``slarules deadline`` and ``Ruleset.deadline_plan`` (SPEC §6, docs/api.md).

A helpdesk asks for a ticket's deadlines before anything has happened to it; ``--from
EVENT=TS`` (``starts`` in the API) gives the time of a later start event (``report 3日 from
resolved``). No event of a ticket comes before its opening (a replay refuses such a log), so
a start before ``--at`` is a mistake in the question: answered, it printed a deadline
before the ticket existed. Through the API, ``starts`` was passed to the calendar
unchecked: a naive datetime or a year the calendar does not cover came back as a bare
``ValueError`` about an internal argument ``t`` instead of a ``UsageError`` naming the
entry, as ``at`` gets.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import slarules

from .test_hostile_cli import run

GUANGXI = Path(__file__).parents[2] / "rulesets" / "guangxi-gat-2024.sla"
OPENED = "2024-09-25T08:00:00+08:00"
ASK = ("deadline", str(GUANGXI), "--sla", "事件", "--tier", "1级", "--at", OPENED)


def test_a_start_before_the_opening_is_a_usage_error() -> None:
    code, out, err = run(*ASK, "--from", "resolved=2024-09-20T08:00:00+08:00")
    assert code == 2, (out, err)
    assert "--from resolved=2024-09-20T08:00:00+08:00" in err
    assert "before" in err and "Traceback" not in err
    assert out == b""


def test_a_start_at_the_opening_instant_in_another_offset_is_accepted() -> None:
    # 2024-09-25T00:00:00Z is 08:00 in Shanghai, the opening itself. The contract's 3日
    # ("故障处理完毕后3日内提交报告"), per the Civil Code: the 25th is not counted, the
    # 26th-28th are; the 28th is a Saturday and the 29th the 调休 workday of 2024's
    # National Day schedule, so the period ends on the 29th at 24:00.
    code, out, err = run(*ASK, "--from", "resolved=2024-09-25T00:00:00Z", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    report = next(x for x in payload["metrics"] if x["metric"] == "report")
    assert report["deadline"] == "2024-09-30T00:00:00+08:00"


RULES = slarules.load(GUANGXI)


def test_the_api_refuses_a_start_before_the_opening() -> None:
    with pytest.raises(slarules.UsageError, match=r"starts\['resolved'\].*before"):
        RULES.deadline_plan("事件", "1级", OPENED, {"resolved": "2024-09-24T08:00:00+08:00"})


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (datetime(2024, 9, 26, 8), "no UTC offset"),  # naive
        (datetime(2300, 1, 1, tzinfo=UTC), "outside the years"),
        ("2024-09-26 08:00", "no UTC offset"),
        (3.5, "RFC 3339"),
    ],
)
def test_a_bad_start_through_the_api_is_a_usage_error_naming_it(value: object, words: str) -> None:
    with pytest.raises(slarules.UsageError, match=words) as caught:
        RULES.deadline_plan("事件", "1级", OPENED, {"resolved": value})  # type: ignore[dict-item]
    assert "starts['resolved']" in str(caught.value)


def test_starts_of_the_wrong_kind_are_type_errors() -> None:
    with pytest.raises(TypeError, match="starts must be a mapping"):
        RULES.deadline_plan("事件", "1级", OPENED, ["resolved"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="event name"):
        RULES.deadline_plan("事件", "1级", OPENED, {5: datetime.now(UTC)})  # type: ignore[dict-item]


def test_a_start_as_text_or_aware_datetime_gives_the_same_deadline() -> None:
    east8 = timezone(timedelta(hours=8))
    given = [
        "2024-09-26T08:00:00+08:00",
        datetime(2024, 9, 26, tzinfo=UTC),
        datetime(2024, 9, 26, 8, tzinfo=east8),
    ]
    deadlines = {
        RULES.deadline_plan("事件", "1级", OPENED, {"resolved": v})[-1].deadline for v in given
    }
    assert len(deadlines) == 1
    # None (an empty cell) is a start not given: the metric shows its target only.
    line = RULES.deadline_plan("事件", "1级", OPENED, {"resolved": None})[-1]  # type: ignore[dict-item]
    assert line.deadline is None and line.target == "3日"


def test_chinese_metric_names_keep_the_deadline_column_aligned(tmp_path: Path) -> None:
    # A Chinese author names the metric 响应时间: four characters, eight terminal columns.
    # The deadlines must start in one column (padding by characters put them 5 apart).
    hostile = Path(__file__).parent / "hostile.sla"
    text = hostile.read_text(encoding="utf-8")
    text = text.replace("metric respond from", "metric 响应时间 from")
    text = text.replace("respond 15分钟", "响应时间 15分钟").replace(
        "respond 1小时", "响应时间 1小时"
    )
    rules = tmp_path / "rules.sla"
    rules.write_text(text, encoding="utf-8")
    code, out, err = run(
        "deadline",
        str(rules),
        "--sla",
        "故障",
        "--tier",
        "紧急",
        "--at",
        "2026-03-02T09:00:00-05:00",
    )
    assert code == 0, err
    rows = out.decode("utf-8").splitlines()[1:]
    assert [r.split()[0] for r in rows] == ["响应时间", "restore"]
    columns = {
        sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in r[: r.index("2026")]) for r in rows
    }
    assert columns == {12}, rows  # "  " + 8 columns + "  "


def _calendar_that_stops_working(tmp_path: Path) -> Path:
    """A rule file whose calendar works Mondays 09:00-10:00, with every Monday from 2027
    to 2200 an extra holiday: from 2027 on, it has no working time at all."""
    from datetime import date

    mondays = []
    day = date(2027, 1, 4)
    while day.year <= 2200:
        mondays.append(day.isoformat())
        day += timedelta(days=7)
    rules = tmp_path / "never.sla"
    rules.write_text(
        'ruleset "never" { timezone "Asia/Shanghai" }\n'
        'calendar 周一 { hours "mon 09:00-10:00" days none\n'
        f"  extra holidays {', '.join(mondays)} }}\n"
        "sla 故障 { calendar 周一 metric respond from opened to responded\n"
        "  tier P1 { respond 4小时 } }\n",
        encoding="utf-8",
    )
    return rules


def test_deadline_on_a_calendar_that_never_works_again_is_refused_as_invalid_rules(
    tmp_path: Path,
) -> None:
    # Once a usage error ("beyond 2200", exit 2) found only when a deadline was asked for;
    # the file itself is invalid (SLR404), whatever the time asked: exit 1 (SPEC §6).
    rules = _calendar_that_stops_working(tmp_path)
    code, _out, err = run(
        "deadline", str(rules), "--sla", "故障", "--tier", "P1", "--at", "2027-01-01T08:00:00+08:00"
    )
    assert code == 1 and "[SLR404]" in err and "Traceback" not in err


def test_a_calendar_that_stops_working_is_refused_by_check_and_by_replay(
    tmp_path: Path,
) -> None:
    # "A file that checks clean must evaluate": the calendar works Mondays only, and every
    # Monday from 4 Jan 2027 to 2200 is an extra holiday, so its last working day is Monday
    # 28 Dec 2026. A ticket opened after it would never be due (the replay stopped with
    # "beyond 2200", exit 2). check now names the calendar (SLR404, on its line 2) and
    # that day; the replay refuses the file as invalid rules (exit 1), never a traceback.
    rules = _calendar_that_stops_working(tmp_path)
    code, raw, err = run("check", str(rules))
    out = raw.decode("utf-8") + err
    assert code == 1, out
    assert ":2:1: error: calendar 周一 has no working time after 2026-12-28" in out
    assert "[SLR404]" in out
    log = tmp_path / "events.jsonl"
    log.write_text(
        '{"at":"2027-01-01T08:00:00+08:00","type":"opened","ticket":"T","sla":"故障","tier":"P1"}\n',
        encoding="utf-8",
    )
    code, raw, err = run("replay", str(rules), str(log))
    assert code == 1 and "[SLR404]" in err and "Traceback" not in err, raw
