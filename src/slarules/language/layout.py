"""Layout support for the printer: where comments go back, and what the source said where
the model keeps no text (the line of a field, ``of`` versus ``*``).

The printer produces ``Line``s, each knowing the source line its construct started on.
``place_comments`` then puts every comment of the file back:

1. a comment that followed code on its line goes at the end of the first output line of the
   construct that started on that line;
2. a comment inside a construct printed on one line (a formula written over three lines)
   goes on its own line before that construct;
3. any other comment goes on its own line before the construct that follows it in the file
   (the closing brace of its block, if nothing else follows inside the block), or at the end;
   comments before the first declaration stay at the top of the file.

Applied to canonical text, these rules put every comment back where it is, which is what
makes ``fmt`` idempotent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from attrs import frozen

from .. import model as m

INDENT = "  "


@frozen
class Line:
    """One output line. ``anchor``: the source line where its construct starts; ``end``: the
    last source line of a construct printed entirely on this line; ``closing``: a ``}``."""

    depth: int
    text: str
    anchor: int | None
    end: int | None
    closing: bool = False


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"?')
_COMMENT = re.compile(r"#[^\n]*")


class Source:
    """The rule file's text, for what the model does not record. Empty for models that
    were not parsed (then every lookup answers None or the default)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n") if text else []
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self._code_lines: list[str] | None = None

    def code(self, line: int) -> str:
        """Line ``line`` (1-based) with quoted texts and comments blanked out."""
        if self._code_lines is None:
            self._code_lines = [
                _COMMENT.sub("", _STRING.sub(lambda s: " " * len(s.group()), text))
                for text in self.lines
            ]
        return self._code_lines[line - 1] if 1 <= line <= len(self._code_lines) else ""

    def blank(self, line: int) -> bool:
        return 1 <= line <= len(self.lines) and not self.lines[line - 1].strip()

    def keyword_line(self, block: m.Span, keyword: str) -> int | None:
        """The first line of ``block`` where ``keyword`` stands as a word outside quoted
        texts and comments: where a field the model keeps without a span was written."""
        if block.line <= 0 or not self.lines:
            return None
        pattern = re.compile(rf"(?<![\w.]){re.escape(keyword)}(?!\w)")
        for line in range(block.line, min(block.end_line, len(self.lines)) + 1):
            if pattern.search(self.code(line)):
                return line
        return None

    def closing_line(self, line: int | None) -> int | None:
        """The line of the ``}`` that closes the first ``{`` at or after ``line``."""
        if line is None:
            return None
        depth = 0
        for number in range(line, len(self.lines) + 1):
            for ch in self.code(number):
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        return number
        return None

    def slice(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        """The text between two (line, column) positions, 1-based, end exclusive."""
        (l1, c1), (l2, c2) = start, end
        if not (1 <= l1 <= len(self.lines) and 1 <= l2 <= len(self.lines)):
            return ""
        return self.text[self.starts[l1 - 1] + c1 - 1 : self.starts[l2 - 1] + c2 - 1]

    def months_text(self, span: m.Span, months: int) -> str:
        """How a cycle's length was written (``12个月`` stays ``12个月``)."""
        found = re.search(
            r"cycle\s+(\d+[ \t]*(?:months|month|个月))(?!\w)",
            self.slice((span.line, span.column), (span.end_line, span.end_column)),
        )
        if found and int(re.match(r"\d+", found.group(1)).group()) == months:  # type: ignore[union-attr]
            return found.group(1)
        return f"{months} months"

    def operator(self, node: m.BinOp) -> str:
        """``of`` or ``×`` where the source wrote it between the operands, else ``*``."""
        left, right = node.left.span, node.right.span
        if left.line <= 0 or right.line <= 0:
            return "*"
        between = self.slice((left.end_line, left.end_column), (right.line, right.column))
        word = re.sub(r"[\s()]", "", _COMMENT.sub("", between))
        return word if word in ("of", "×") else "*"


Entry = tuple[str, bool, bool]  # text, blank line before, blank line after


def place_comments(lines: Sequence[Line], comments: Sequence[m.Comment], source: Source) -> str:
    """The final text: ``lines`` with every comment put back (see the module docstring)."""
    places = _Places(lines)
    leading: dict[int, list[Entry]] = {}
    after: dict[int, list[Entry]] = {}
    trailing: dict[int, str] = {}
    tail: list[Entry] = []
    for block in _blocks(comments):
        first = block[0]
        if first.trailing and first.line in places.first_at:
            trailing[places.first_at[first.line]] = first.text
            continue
        entries = [
            (c.text, not c.trailing and source.blank(c.line - 1), source.blank(c.line + 1))
            for c in block
        ]
        inside = places.inside(first.line)
        hangs = places.ends_at(first.line - 1)
        if inside is not None:
            leading.setdefault(inside, []).extend(entries)
        elif places.order and first.line < places.order[0][0]:
            leading.setdefault(0, []).extend(entries)  # the file's opening comments
        elif hangs is not None and _closes_run(source, block[-1].line + 1):
            after.setdefault(hangs, []).extend(entries)
        else:
            target = places.next_after(block[-1].line)
            (leading.setdefault(target, []) if target is not None else tail).extend(entries)
    return _render(lines, leading, after, trailing, tail)


def _blocks(comments: Sequence[m.Comment]) -> list[list[m.Comment]]:
    """Runs of own-line comments on consecutive lines; a trailing comment stands alone."""
    blocks: list[list[m.Comment]] = []
    for comment in comments:
        previous = blocks[-1][-1] if blocks else None
        if (
            previous is not None
            and not comment.trailing
            and not previous.trailing
            and comment.line == previous.line + 1
        ):
            blocks[-1].append(comment)
        else:
            blocks.append([comment])
    return blocks


def _closes_run(source: Source, line: int) -> bool:
    """Whether a comment block ending before ``line`` is set off from what follows: by a
    blank line, a closing brace or the end of the file. Such a block explains the construct
    above it (the house style of the reference rulesets) and stays with it."""
    return line > len(source.lines) or source.blank(line) or source.code(line).strip() == "}"


class _Places:
    """Lookups from source lines to output lines."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.first_at: dict[int, int] = {}
        for index, line in enumerate(lines):
            if line.anchor is not None:
                self.first_at.setdefault(line.anchor, index)
        self.order = sorted((ln.anchor, i) for i, ln in enumerate(lines) if ln.anchor is not None)
        # Constructs printed on one line but written over several. They are leaves of the
        # layout (no other output line comes from inside them), so their spans are disjoint.
        self.singles = sorted(
            (ln.anchor, ln.end, i)
            for i, ln in enumerate(lines)
            if ln.anchor is not None and ln.end is not None and ln.end > ln.anchor
        )
        self.last_at: dict[int, int] = {}
        for index, line in enumerate(lines):
            last = line.end if line.end is not None else line.anchor
            if last is not None:
                self.last_at[last] = index

    def inside(self, line: int) -> int | None:
        """The construct printed on one line whose source spans ``line`` past its first line."""
        k = bisect.bisect_left(self.singles, (line, -1, -1)) - 1
        if k >= 0 and self.singles[k][1] >= line:
            return self.singles[k][2]
        return None

    def ends_at(self, line: int) -> int | None:
        """The last output line of a construct whose source ends on ``line``."""
        return self.last_at.get(line)

    def next_after(self, line: int) -> int | None:
        """The first output line of the construct that starts first after ``line``."""
        k = bisect.bisect_left(self.order, (line + 1, -1))
        return self.order[k][1] if k < len(self.order) else None


def _render(
    lines: Sequence[Line],
    leading: dict[int, list[Entry]],
    after: dict[int, list[Entry]],
    trailing: dict[int, str],
    tail: list[Entry],
) -> str:
    out: list[str] = []

    def blank() -> None:
        if out and out[-1] and not out[-1].endswith("{"):
            out.append("")

    def comments(entries: Sequence[Entry], depth: int) -> None:
        for text, before, after_ in entries:
            if before:
                blank()
            out.append(INDENT * depth + text)
            if after_:
                blank()

    for index, line in enumerate(lines):
        comments(leading.get(index, ()), line.depth + (1 if line.closing else 0))
        if not line.text:
            blank()
            continue
        if line.closing and out and not out[-1]:
            out.pop()  # no blank line just inside a closing brace
        text = INDENT * line.depth + line.text
        out.append(f"{text}  {trailing[index]}" if index in trailing else text)
        comments(after.get(index, ()), line.depth + (1 if line.text.endswith("{") else 0))
    comments(tail, 0)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
