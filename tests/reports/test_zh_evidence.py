"""The Chinese text report explains every point in Chinese: the evidence texts the scoring
engine writes (tickets, breaches, lateness, attainment, payment bases) follow the language,
while the JSON report stays English, byte for byte, under ``--lang zh`` (docs/i18n.md)."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from slarules.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p.stem for p in (ROOT / "rulesets").glob("*.sla"))

# English evidence phrases the zh_CN catalog translates. Each must show in the English
# report of at least one sample (else this test could not fail), and in no Chinese report.
TRANSLATED_PHRASES = (
    " breached (",
    " met (line",
    "met of",
    "days late",
    "started hours late",
    "started workdays late",
    "of working time",
    "does not count",
    "(no evidence",
    "condition does not hold",
    "sum of the milestones",
    "taken from what is left of the bond",
    "points below",
    "counted (fraction",
    "within the cap",
    "  events: ",
    # The availability terms and maintenance verdicts (their English names stay the keys
    # a rule reads them by, TermName) and the engine's warnings.
    " downtime =",
    " service time =",
    " tickets down (",
    "maintenance line",
    "counted as downtime",
    ": excluded (",
    "announced ",
    "outside the contract and count",
)
TICKET_LINE = re.compile(r"^\s+ticket \S+:", re.MULTILINE)
"""An evidence line about one ticket, as the English report writes it."""


def _replay(name: str, *options: str) -> str:
    rules = ROOT / "rulesets" / f"{name}.sla"
    events = ROOT / "rulesets" / "samples" / f"{name}.events.jsonl"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["replay", str(rules), str(events), *options])
    assert code == 0, err.getvalue()
    return out.getvalue()


@pytest.fixture(scope="module")
def reports() -> dict[tuple[str, str], str]:
    return {(n, lang): _replay(n, "--lang", lang) for n in SAMPLES for lang in ("en", "zh")}


def test_every_phrase_is_in_some_english_report(reports: dict[tuple[str, str], str]) -> None:
    english = "".join(text for (_n, lang), text in reports.items() if lang == "en")
    assert [p for p in TRANSLATED_PHRASES if p not in english] == []
    assert TICKET_LINE.search(english)


@pytest.mark.parametrize("name", SAMPLES)
def test_chinese_report_holds_no_translated_english_phrase(
    name: str, reports: dict[tuple[str, str], str]
) -> None:
    text = reports[name, "zh"]
    left = [(p, line) for line in text.splitlines() for p in TRANSLATED_PHRASES if p in line]
    assert left == []
    assert TICKET_LINE.findall(text) == []


def test_json_report_is_english_under_lang_zh() -> None:
    """Same bytes with and without ``--lang zh``, and the evidence in them English."""
    english = {n: _replay(n, "--format", "json") for n in SAMPLES}
    assert {n: _replay(n, "--format", "json", "--lang", "zh") for n in SAMPLES} == english
    everything = "".join(english.values())
    assert " breached (" in everything and "met of" in everything


def test_html_links_chinese_ticket_evidence_like_english(tmp_path: Path) -> None:
    """The HTML report links a ``工单 ID：`` evidence text to the ticket's timeline, as it
    links ``ticket ID:`` in English."""
    links = {}
    for lang in ("en", "zh"):
        out = tmp_path / f"{lang}.html"
        _replay("cn-zwyw-2025", "--format", "html", "--lang", lang, "--out", str(out))
        links[lang] = re.findall(r"(ticket|工单) <a href='#t\d+'>", out.read_text("utf-8"))
    assert links["en"] and set(links["en"]) == {"ticket"}
    assert links["zh"] == ["工单"] * len(links["en"])


def test_availability_terms_keep_their_english_keys_in_a_chinese_run() -> None:
    """Shown in Chinese, read by their English names: a term's name compares, hashes and
    pickles as its key (a report computed in a worker process keeps both)."""
    import pickle

    from slarules.engine.scoring.availability import TermName, shown_name

    text = _replay("aliyun-ecs-2021", "--lang", "zh")
    assert "availability(ECS实例.不可用) 停机时间 = PT1H45M" in text
    assert "维护窗口 line 9 2026-02-10 03:00 – 2026-02-10 03:40：计入停机时间" in text
    name = TermName("availability(X) downtime", "availability(X) 停机时间")
    assert name == "availability(X) downtime" and {name: 1}["availability(X) downtime"] == 1
    assert (
        f"{name}" == "availability(X) downtime" and shown_name(name) == "availability(X) 停机时间"
    )
    again = pickle.loads(pickle.dumps(name))
    assert (again, shown_name(again)) == (name, "availability(X) 停机时间")
    assert shown_name("服务考核") == "服务考核"


def test_engine_warnings_follow_the_language() -> None:
    english = _replay("fujian-gxt-2026", "--lang", "en")
    chinese = _replay("fujian-gxt-2026", "--lang", "zh")
    # One event outside the term in the sample: the English is singular.
    assert "is outside the contract and counts in no period (see outside_term)" in english
    assert "不属于合同期，不计入任何周期（见 outside_term）" in chinese


def test_a_line_skipped_under_lenient_is_said_in_chinese(tmp_path: Path) -> None:
    events = tmp_path / "bad.jsonl"
    sample = ROOT / "rulesets" / "samples" / "cn-zwyw-2025.events.jsonl"
    head = sample.read_text("utf-8").splitlines()[:3]
    events.write_text("\n".join([*head, '{"at": "bad"}']) + "\n", "utf-8")
    rules = str(ROOT / "rulesets" / "cn-zwyw-2025.sla")
    texts = {}
    for lang in ("en", "zh"):
        out = io.StringIO()
        with redirect_stdout(out):
            assert main(["replay", rules, str(events), "--lenient", "--lang", lang]) == 0
        texts[lang] = out.getvalue()
    assert "bad.jsonl:4: skipped: missing field 'type' [SLR911]" in texts["en"]
    assert "bad.jsonl:4：已跳过：" in texts["zh"] and "[SLR911]" in texts["zh"]
    assert "skipped" not in texts["zh"]
