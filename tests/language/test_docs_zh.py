"""The Chinese reference pages (docs/language.zh.md, docs/events.zh.md, docs/calendar.zh.md)
follow their English pages (issue 16, item 4): a reader switches between the two, so each
links the other, the section numbers and headings run in parallel, and every example is the
English one byte for byte — only prose, and comments that are prose, are translated. A page
that still says part of it is untranslated fails, so a half-done translation cannot pass as
done."""

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ["language", "events", "calendar"]
FENCE = re.compile(r"^ *```[^\n]*\n(.*?)^ *```", re.S | re.M)
HEADING = re.compile(r"^(#{1,6}) (.*)$", re.M)
SECTION_NUMBER = re.compile(r"^(\d+)\.")


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _without_comment(line: str) -> str:
    """The line up to a `#` comment outside double quotes (cite "…#…" keeps its `#`)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "#" and not quoted:
            return line[:index].rstrip()
    return line.rstrip()


def _examples(text: str) -> list[str]:
    """The page's code blocks, comments stripped: what must be the same in both languages."""
    return [
        "\n".join(_without_comment(line) for line in block.split("\n"))
        for block in FENCE.findall(text)
    ]


def _heading_shape(text: str) -> list[tuple[int, str]]:
    """Each heading's level and its section number if it has one (`## 3. SLAs` -> (2, "3"))."""
    shape = []
    for hashes, title in HEADING.findall(FENCE.sub("", text)):
        number = SECTION_NUMBER.match(title)
        shape.append((len(hashes), number.group(1) if number else ""))
    return shape


@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_page_keeps_every_example_of_the_english(page: str) -> None:
    english, chinese = _examples(_read(f"{page}.md")), _examples(_read(f"{page}.zh.md"))
    assert len(chinese) == len(english), "a code block is missing or extra"
    for number, (en, zh) in enumerate(zip(english, chinese, strict=True), start=1):
        assert zh == en, f"code block {number} of docs/{page}.zh.md differs from the English"


@pytest.mark.parametrize("page", PAGES)
def test_the_sections_run_in_parallel(page: str) -> None:
    assert _heading_shape(_read(f"{page}.zh.md")) == _heading_shape(_read(f"{page}.md"))


@pytest.mark.parametrize("page", PAGES)
def test_each_page_links_the_other(page: str) -> None:
    assert f"[中文]({page}.zh.md)" in _read(f"{page}.md")
    assert f"[English]({page}.md)" in _read(f"{page}.zh.md")


@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_page_claims_no_untranslated_part(page: str) -> None:
    assert "Not yet translated" not in _read(f"{page}.zh.md")


def test_a_changed_example_is_caught() -> None:
    """The comparison sees a changed example and forgives a translated comment."""
    english = "```\ntier P2 { resolve 8h }   # a comment\n```\n"
    assert _examples(english) == _examples("```\ntier P2 { resolve 8h }   # 注释\n```\n")
    assert _examples(english) != _examples("```\ntier P2 { resolve 9h }\n```\n")
    assert _examples('```\ncite "a # b"\n```\n') == ['cite "a # b"\n']
