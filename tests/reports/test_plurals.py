"""English counts agree with their number: "1 event", "1 ticket", "1 day late", never
"1 events" (the text report, ``--summary``, the HTML page, the evidence, the import's
summary line). Chinese has one form; its catalog entries keep theirs.

A restore target of 1日, ticket A opened Monday 2 March 2026 10:00 and restored Wednesday
10:00: the opening day is not counted, so it is due at the end of Tuesday 3 March (24:00),
and restored 10 hours after it: ceil(10h / 24h) = 1 day late (docs/language.md §3, "Days
late", §4 Civil Code art. 201); `deduct 1 per day late of 故障.restore` costs 1 point.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "src" / "slarules" / "locale" / "zh_CN" / "LC_MESSAGES" / "slarules.po"
RULES = """\
ruleset "plurals" { timezone "Asia/Shanghai" }
period 月度 = month
calendar 全天 { hours "24x7" days none }
sla 故障 {
  calendar 全天
  metric restore from opened to restored
  tier 一般 { restore 1日 }
}
scorecard 考核 per 月度 {
  item 恢复 max 100 { deduct 1 per day late of 故障.restore }
}
"""
OPENED = (
    '{"at": "2026-03-02T10:00:00+08:00", "type": "opened", "ticket": "A", '
    '"sla": "故障", "tier": "一般"}\n'
)
RESTORED = '{"at": "2026-03-04T10:00:00+08:00", "type": "restored", "ticket": "A"}\n'
AS_OF = "2026-04-01T00:00:00+08:00"
# A count glued to a plural noun: what must not be shown for a count of one.
ONE_PLURAL = re.compile(r"(?<![\d.])1 (events|tickets|days|rows|warnings|occurrences)\b")
COUNTED_NOUNS = re.compile(r"\{\w+\} (events|tickets|days|rows|warnings|occurrences)\b")


def _files(tmp_path: Path, *events: str) -> tuple[str, str]:
    rules, log = tmp_path / "p.sla", tmp_path / "p.jsonl"
    rules.write_text(RULES, encoding="utf-8")
    log.write_text("".join(events), encoding="utf-8")
    return str(rules), str(log)


@pytest.mark.parametrize("form", [[], ["--summary"], ["--format", "html"]])
def test_one_event_and_one_ticket_are_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: list[str]
) -> None:
    rules, log = _files(tmp_path, OPENED)
    assert main(["--lang", "en", "replay", rules, log, "--as-of", AS_OF, *form]) == 0
    out = capsys.readouterr().out
    assert ONE_PLURAL.search(out) is None, ONE_PLURAL.search(out)
    if form == ["--summary"]:
        assert "1 event, 1 ticket (" in out
    elif not form:
        assert "p.jsonl, 1 event (sha256" in out


def test_one_day_late_is_singular_in_the_evidence_and_the_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules, log = _files(tmp_path, OPENED, RESTORED)
    assert main(["replay", rules, log, "--as-of", AS_OF, "--format", "json"]) == 0
    assert '"ticket A: restore 1 day late (line 1 → line 2)"' in capsys.readouterr().out
    assert main(["--lang", "en", "replay", rules, log, "--as-of", AS_OF, "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert "逾期 1 天 day late" in html and "days late" not in html
    assert ONE_PLURAL.search(html) is None


def test_chinese_keeps_its_one_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules, log = _files(tmp_path, OPENED, RESTORED)
    assert main(["--lang", "zh", "replay", rules, log, "--as-of", AS_OF, "--summary"]) == 0
    assert "2 个事件，1 张工单" in capsys.readouterr().out


# Counts that are never 1 where the message is made, or a noun that is no count.
NEVER_ONE = (
    "the name of the log's {event} events",  # "{event}" is a name, not a count
    "cut the domain into {cells} cells to test against {rows} rows",  # thousands
    "occurrences” needs a whole number ≥ 1",  # quotes the rule as written
    "{label} tickets down ({tickets})",  # "{label}" is a metric's name
)


def test_no_message_counts_a_plural_noun_without_ngettext() -> None:
    # Every catalog entry whose English puts a placeholder before "events", "tickets",
    # "days"… is the plural form of an ngettext pair (msgid_plural), never a lone msgid.
    lone = []
    lines = CATALOG.read_text(encoding="utf-8").splitlines()
    for k, line in enumerate(lines):
        lone_msgid = line.startswith('msgid "') and not lines[k + 1].startswith("msgid_plural")
        if lone_msgid and COUNTED_NOUNS.search(line) and not any(x in line for x in NEVER_ONE):
            lone.append(line)
    assert lone == []
