"""``replay --format html``: the DOM (stdlib html.parser), escaping, no external
resources, and screenshots in headless Chromium when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from slarules.cli import main
from slarules.i18n import use_language
from slarules.report import Report
from slarules.report.html import render_report_html

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '=HYPERLINK("http://evil.example/x","<b>T-9</b>")'
URL_ATTRS = frozenset({"href", "src", "action", "srcset", "poster", "data"})


class Dom(HTMLParser):
    """Every start tag with its attributes, ids, text, and the nesting checked."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


def parse(page: str) -> Dom:
    dom = Dom()
    dom.feed(page)
    dom.close()
    return dom


def test_page_is_well_formed_chinese_and_self_contained(small_report: Report) -> None:
    with use_language("zh"):
        page = render_report_html(small_report)
    dom = parse(page)
    assert dom.errors == [] and dom.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert dom.all("html") == [{"lang": "zh"}]
    assert any(a.get("charset") == "utf-8" for a in dom.all("meta"))
    # No script, no external style sheet, font, image or frame; every link is in-page.
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert dom.all(tag) == []
    for _, attrs in dom.tags:
        for name in URL_ATTRS & attrs.keys():
            assert attrs[name].startswith("#"), (name, attrs[name])
    assert (
        "url(" not in page
        and "@import" not in page
        and "http" not in page.replace("http://evil", "")
    )
    style = "".join(dom.text)
    assert "Noto Sans CJK SC" in style and "Microsoft YaHei" in style


def test_every_anchor_has_a_target_and_ids_are_unique(small_report: Report) -> None:
    dom = parse(render_report_html(small_report))
    ids = dom.ids()
    assert len(ids) == len(set(ids))
    targets = {a["href"][1:] for a in dom.all("a")}
    assert targets <= set(ids), targets - set(ids)


def test_summary_comes_first_with_score_payable_and_flags(small_report: Report) -> None:
    # 月度考核 93.8 / 100, 月度得分 93.8, payable 10000.00 (band [90, 100] → 100%), flag 约谈.
    page = render_report_html(small_report)
    dom = parse(page)
    h2 = [a["id"] for t, a in dom.tags if t == "h2"]
    assert h2[0] == "summary"
    summary = page[page.index("id='summary'") : page.index("<h2 id='p0'>")]
    assert "93.8 <small>/ 100</small>" in summary
    assert "10,000.00" in summary
    assert "[90, 100]: pay 100% of base 10000" in summary  # the band that applied
    assert "<span class='flag'" in summary and ">约谈</span>" in summary


def test_waterfall_goes_from_max_to_score_with_links(small_report: Report) -> None:
    # 用户's sheet: 100, −1 (T-2 respond breached), −2 (迟到 ×2), −8 (满意度 judged 72 of
    # 80) → 89.
    page = render_report_html(small_report)
    user = page[page.index("<summary>用户") :]
    user = user[: user.index("</details>")]
    values = [v for v in _vals(user)]
    assert values == ["100", "-1", "-2", "-8", "89"]
    assert "ticket <a href='#t" in user  # the evidence links to T-2's timeline


def _vals(fragment: str) -> list[str]:
    out = []
    for part in fragment.split("<div class='val")[1:]:
        out.append(part[part.index(">") + 1 : part.index("</div>")])
    return out


def test_ticket_timeline_marks_deadline_breach_and_event_lines(small_report: Report) -> None:
    # T-2: opened 09:00 (event 1), responded 09:30 (event 2), target 10分钟 → deadline
    # 09:10, breached by 20 minutes.
    page = render_report_html(small_report)
    dom = parse(page)
    heads = [k for k, (t, a) in enumerate(dom.tags) if a.get("class", "").startswith("ticket")]
    assert heads  # a box per ticket
    t2 = page[page.index("<b>T-2</b>") :]
    t2 = t2[: t2.index("</div>\n<div class='ticket")]
    assert "超时 breached" in t2
    assert "时限 deadline 2026-03-02 09:10" in t2
    assert "超时 late +20m" in t2
    assert "开始 start <a href='#le1'>event 1</a>, 结束 stop <a href='#le2'>event 2</a>" in t2
    assert "class='due'" in t2 and "class='late'" in t2 and "class='run'" in t2


def test_untrusted_ticket_ids_are_escaped(small_report: Report) -> None:
    page = render_report_html(small_report)
    assert "<b>T-9</b>" not in page
    assert "&lt;b&gt;T-9&lt;/b&gt;" in page
    dom = parse(page)
    assert [t for t, _ in dom.tags].count("b") == len(small_report.tickets)  # only ours
    assert HOSTILE in "".join(dom.text)  # and it reads back as the same text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_is_in_the_language_of_the_report(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--lang`` sets the language of the page's computed texts (the bases, the day data
    line); the ``<html lang>`` attribute says the same, for screen readers, hyphenation and
    a browser's translation offer (it said ``zh`` whatever ``--lang``)."""
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = str(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    assert main(["replay", rules, events, "--format", "html", "--lang", lang]) == 0
    page = capsys.readouterr().out
    assert parse(page).all("html") == [{"lang": lang}]
    assert ("provisional years: none" in page) == (lang == "en")  # the texts follow --lang


def test_cli_writes_html_to_stdout_or_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = str(ROOT / "rulesets" / "guangxi-gat-2024.sla")
    events = str(ROOT / "rulesets" / "samples" / "guangxi-gat-2024.events.jsonl")
    assert main(["replay", rules, events, "--format", "html"]) == 0
    page = capsys.readouterr().out
    out = tmp_path / "g.html"
    assert main(["replay", rules, events, "--format", "html", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page
    dom = parse(page)
    assert dom.errors == []
    # Every clause index entry is cited, and every event line linked is listed.
    ids = set(dom.ids())
    assert {a["href"][1:] for a in dom.all("a")} <= ids
    assert "62.9175" in page and "800,000.00" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("width", [1280, 390])
def test_chromium_renders_the_page(small_report: Report, tmp_path: Path, width: int) -> None:
    """Chromium opens the page offline and draws it at a desktop and a phone width (the
    pictures were looked at by hand; see docs/reports.md). A blank page would be a PNG of
    one colour: a drawn one is much larger."""
    page = tmp_path / "r.html"
    page.write_text(render_report_html(small_report), encoding="utf-8")
    shot = tmp_path / f"r-{width}.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                f"--window-size={width},2000",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000
