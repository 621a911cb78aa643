"""Fifth pass: a ticket id (or a name field) that is empty or only white space.

Found and fixed: the event was refused, rightly, but the message said "ticket must be a
non-empty text, not a text": it named the type of the value, which is the type asked for.
A full-width space (U+3000, what a Chinese input method types) or a NEL copied from a
spreadsheet is invisible in the line the message quotes; the message now says the text is
empty or only white space, and shows it escaped.
"""

from __future__ import annotations

import pytest

import slarules

RULES = (
    'ruleset "blank" { timezone "Asia/Shanghai" }\n'
    'calendar 全天 { hours "24x7" }\n'
    "sla 故障 {\n  calendar 全天\n  metric restore from opened to restored\n"
    "  tier 1级 { restore 4小时 }\n}\n"
)


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("ticket", "", "''"),
        ("ticket", " ", "' '"),
        ("ticket", "\u3000", "'\\u3000'"),
        ("ticket", "\u0085", "'\\x85'"),
        ("ticket", "\t\n", "'\\t\\n'"),
        ("tier", "\u3000", "'\\u3000'"),
    ],
)
def test_an_empty_or_blank_name_is_named_as_such(field: str, value: str, shown: str) -> None:
    event = {"at": "2026-03-02T09:00:00+08:00", "type": "opened", "ticket": "T1", "sla": "故障",
             "tier": "1级"}  # fmt: skip
    event[field] = value
    with pytest.raises(slarules.RuleError) as caught:
        slarules.loads(RULES).replay([event])
    message = str(caught.value)
    assert f"{field} is empty or only white space ({shown})" in message, message
    assert "not a text" not in message
