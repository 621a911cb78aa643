"""Hostile names and texts in the HTML report (docs/reports.md: every text from the inputs
is escaped where it is written).

The rule file's names (quoted), its cite texts, and the events' ticket ids, notes, event
ids and kinds carry markup that would run script, close an attribute or a comment, or
inject a tag if it reached the page unescaped. The report is parsed as a browser would
tokenise it, and must hold only the tags and attributes the renderer writes itself.
"""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_hostile_cli import run

# Each closes what it can (an attribute in ' or ", a comment, a <style>, a <title>, a
# <textarea>) and then opens a tag with a handler.
PAYLOADS = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(2)>",
    "--><svg onload=alert(3)>",
    "</style><script>alert(4)</script>",
    "</title><iframe srcdoc=x>",
    "javascript:alert(5)",
    "&lt;b&gt; &amp; &#60;i&#62;",
    "' onmouseover='alert(6)",
]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "div",
    "span", "a", "small", "details", "summary", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "br", "b", "strong", "em", "code", "section", "nav", "header", "footer",
    "main", "dl", "dt", "dd", "svg", "rect", "line", "text", "g", "path", "polyline", "circle",
    "colgroup", "col", "caption", "hr", "i", "abbr", "time", "pre", "sup", "sub", "wbr",
}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    parser = Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("srcdoc", "src", "formaction"), (tag, name)
            if name == "href":
                assert value is not None and value.startswith("#"), (tag, value)
    assert "<script" not in html.lower()


def q(text: str) -> str:
    """``text`` as a quoted name or text of the rule language."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rules_text(name: str, cite: str) -> str:
    """Each declaration its own name (names share one namespace): the payload and a
    letter saying what it names."""
    c = q(cite)
    kind, sla, tier, card, item = (q(name + x) for x in "KSTCI")
    return f"""ruleset {q(name)} cite {c} {{
  title {c}
  timezone "Asia/Shanghai"
}}
param contract_total: money = 100000元 cite {c}
calendar 全天 {{ hours "24x7" days none }}
period 月度 = month
kind {kind} cite {c}
sla {sla} cite {c} {{
  calendar 全天
  metric respond from opened to responded cite {c}
  tier {tier} {{ respond 15分钟 cite {c} }}
}}
scorecard {card} per 月度 cite {c} {{
  item {item} max 40 {{ deduct 5 per breach of {sla} cite {c} }}
  item 次数 max 60 {{ deduct 1 per occurrence of {kind} cite {c} }}
}}
payment per 月度 {{
  base contract_total
  pay band {card} {{
    [90, 100] -> 100% cite {c}
    [0, 90) -> 90% cite {c}
  }}
}}
"""


def events_text(name: str, text: str) -> str:
    events = [
        {"at": "2026-03-02T09:00:00+08:00", "type": "opened", "ticket": text, "sla": name + "S",
         "tier": name + "T", "note": text, "id": text},
        {"at": "2026-03-02T10:00:00+08:00", "type": "responded", "ticket": text,
         "note": text},
        {"at": "2026-03-05T09:00:00+08:00", "type": "occurrence", "kind": name + "K",
         "note": text},
    ]  # fmt: skip
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)


def render(tmp_path: Path, name: str, cite: str, text: str) -> str:
    rules = tmp_path / "r.sla"
    rules.write_text(rules_text(name, cite), encoding="utf-8")
    log = tmp_path / "e.jsonl"
    log.write_text(events_text(name, text), encoding="utf-8")
    code, out, err = run(
        "replay", str(rules), str(log), "--format", "html", "--as-of", "2026-04-01T00:00+08:00"
    )
    assert code == 0, err
    return out.decode("utf-8")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_names_cites_and_events_is_inert(tmp_path: Path, payload: str) -> None:
    html = render(tmp_path, payload, payload, payload)
    assert_inert(html)
    assert payload not in html or payload == "javascript:alert(5)"
    shown = escape(payload, quote=True)
    assert html.count(shown) >= 5  # the ticket, its notes, the cites, the names: all shown


def test_the_unescaped_report_would_fail_the_check() -> None:
    """A guard on the guard: the parser sees an injected tag and handler."""
    with pytest.raises(AssertionError):
        assert_inert("<div>" + PAYLOADS[1] + "</div>")
    with pytest.raises(AssertionError):
        assert_inert("<a href='#x' title='" + PAYLOADS[7] + "'>x</a>")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.sampled_from([*"<>\"'&=/ -!;:`\\abcsript()", "\u2028", "\x1b"]),
        min_size=1,
        max_size=40,
    ).filter(lambda t: t.strip())
)
def test_generated_markup_in_event_texts_is_inert(tmp_path: Path, text: str) -> None:
    assert_inert(render(tmp_path, "故障", "条款", text))
