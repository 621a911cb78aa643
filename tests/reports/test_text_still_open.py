"""The text report names at most five things an ended period still has open, then a count:
a log with thousands of tickets never closed must not make one report line megabytes long."""

from __future__ import annotations

from slarules.i18n import use_language
from slarules.report.text_payment import open_text as _open_text


def test_up_to_five_are_named_in_full() -> None:
    items = [f"ticket T{k}: 响应 still running" for k in range(5)]
    assert _open_text(items) == "; ".join(items)


def test_past_five_the_rest_are_counted() -> None:
    items = [f"ticket T{k}: 响应 still running" for k in range(1, 1001)]
    text = _open_text(items)
    assert text.startswith("ticket T1: 响应 still running; ")
    assert text.endswith("T5: 响应 still running; and 995 more")
    assert "T6" not in text


def test_one_more_and_the_chinese_count() -> None:
    items = [f"T{k}" for k in range(6)]
    assert _open_text(items).endswith("T4; and 1 more")
    with use_language("zh"):
        assert _open_text(items).endswith("T4；另有 1 项")
