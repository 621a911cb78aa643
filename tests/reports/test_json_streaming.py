"""The JSON report is written in pieces (``Report.write_json``): a year of a large
helpdesk cites one evidence line per breach in its periods, and holding that text whole
cost about 100 MB more at 1,000,000 events (docs/performance.md)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from slarules.report.jsonlayout import CHUNK_PIECES, _pretty, pretty_chunks

_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "evidence", "lines"]), inner, max_size=4)
    ),
    max_leaves=30,
)


def _whole(value: Any, indent: str) -> str:
    out: list[str] = []
    _pretty(value, indent, out)
    return "".join(out)


@given(_values)
def test_the_pieces_join_to_the_whole_layout(value: Any) -> None:
    assert "".join(pretty_chunks(value, "  ")) == _whole(value, "  ")


def test_a_long_list_comes_in_several_pieces() -> None:
    items = [{"evidence": [f"ticket T{k}: respond breached"], "n": k} for k in range(5000)]
    value = {"scorecards": [{"items": items}]}
    chunks = list(pretty_chunks(value, "    "))
    assert len(chunks) > 5000 * 6 // CHUNK_PIECES // 2
    assert max(len(c) for c in chunks) < len("".join(chunks)) // 4
    assert json.loads("".join(chunks)) == value


def test_a_long_evidence_line_is_handed_on_at_once() -> None:
    """An item's evidence is one line however many breaches it cites: gathering 4,096
    pieces of such lines held most of a large report's periods at once."""
    lines = [{"evidence": [f"ticket T{k}-{j}: respond breached" for j in range(3000)]}
             for k in range(20)]  # fmt: skip
    chunks = list(pretty_chunks({"lines": lines}, ""))
    assert max(len(c) for c in chunks) < 2 * len(json.dumps(lines[0], ensure_ascii=False))


def test_the_text_table_is_measured_then_printed_never_kept() -> None:
    """``table_lines`` asks for the rows twice (widths, then lines) and gives what
    ``table`` gives; a year's ticket table is not held as a list of rows."""
    from slarules.report.text_table import table, table_lines

    rows = [["T1", "故障", "+2h"], ["T10000", "变更", "+1d"], ["T2\nX", "—", ""]]
    calls: list[int] = []

    def again() -> list[list[str]]:
        calls.append(1)
        return rows

    lines = list(table_lines(["ticket", "sla", "late"], again, "..r"))
    assert lines == [  # 故障 is 4 columns wide; a newline in an id is shown escaped
        "ticket  sla   late",
        "T1      故障   +2h",
        "T10000  变更   +1d",
        "T2\\nX   —",
    ]
    assert table(["ticket", "sla", "late"], rows, "..r") == lines
    assert len(calls) == 2
