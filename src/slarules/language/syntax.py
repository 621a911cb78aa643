"""Syntax-level support for the parser: bounds on hostile input, the keyword list, comment
collection, and syntax errors in plain words.

Kept apart from ``parser.py`` (which turns the parse tree into the model) because none of
this builds model nodes: it decides whether a text may be parsed at all, and what to say when
it cannot. Messages name what was expected the way a procurement officer reads a contract
("a duration such as 30m or 4小时"), never lark's terminal names.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from contextvars import ContextVar

import lark
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .. import model as m
from ..errors import ERROR, Diagnostic, RuleError
from ..i18n import N_, _

MAX_SOURCE_BYTES = 2_000_000
MAX_NESTING = 64

# What each terminal means, in words a procurement officer understands.
TERMINAL_WORDS = {
    "NAME": N_("a name"),
    "STRING": N_('a quoted text such as "…"'),
    "NUMBER": N_("a number"),
    "POINTS": N_("points such as 5 or 5分"),
    "PERCENT": N_("a percentage such as 85%"),
    "MONEY": N_("an amount of money such as 100000元"),
    "DURATION": N_("a duration such as 30m or 4小时"),
    "DAYS": N_("a number of days such as 3 days or 3日"),
    "WORKDAYS": N_("a number of workdays such as 2 workdays or 2个工作日"),
    "MONTHS": N_("a number of months such as 12 months or 12个月"),
    "DATE": N_("a date such as 2026-02-14"),
    "COUNT": N_("a count such as 3次"),
    "BOOL": N_("true or false"),
    "CODE": N_("a diagnostic code such as SLR301"),
    "COMPARE": N_("a comparison such as < or >="),
    "INF": N_("inf"),
    "RETIER_MODE": N_("remeasure or restart"),
    "FRACTION_MODE": N_("prorated, up or down"),
    "ALL": N_("all"),
    "$END": N_("the end of the file"),
}

# Literal terminals that carry a unit: a bare number where one of these belongs lacks a unit.
UNIT_TERMINALS = frozenset(
    {"POINTS", "PERCENT", "MONEY", "DURATION", "DAYS", "WORKDAYS", "MONTHS", "COUNT", "DATE"}
)

# Words the grammar reserves besides its quoted keywords: the values of named terminals.
RESERVED_WORDS = frozenset(
    {"all", "remeasure", "restart", "prorated", "up", "down", "inf", "true", "false"}
)

# Full-width punctuation a Chinese input method produces, and the ASCII the language uses.
FULL_WIDTH = {
    "：": ":",
    "，": ",",
    "（": "(",
    "）": ")",
    "［": "[",
    "］": "]",
    "【": "[",
    "】": "]",
    "｛": "{",
    "｝": "}",
    "“": '"',
    "”": '"',
    "＂": '"',
    "－": "-",
    "％": "%",
    "＞": ">",
    "＜": "<",
    "＝": "=",
    "＋": "+",
    "＊": "*",
    "／": "/",
    "．": ".",
    "＃": "#",
    "　": " ",
}

_WORD = re.compile(r"[^\W\d]\w*")


@functools.cache
def keywords(parser: lark.Lark) -> frozenset[str]:
    """Every word the language reserves: quoted keywords of the grammar and terminal values
    such as ``all`` or ``inf``. A keyword is a name only where the keyword reading does not
    parse (``keyword_names.py``)."""
    words = {
        str(t.pattern.value)
        for t in parser.terminals
        if isinstance(t.pattern, lark.lexer.PatternStr) and _WORD.fullmatch(t.pattern.value)
    }
    return frozenset(words | RESERVED_WORDS)


# ---- comments ------------------------------------------------------------------------------

# The comment tokens of the parse in progress. A context variable rather than an attribute of
# the cached parser, so that concurrent parses (threads, asyncio tasks) keep their own list.
_COMMENT_SINK: ContextVar[list[Token] | None] = ContextVar("slarules_comments", default=None)


def collect_comment(token: Token) -> Token:
    """lark lexer callback: remember a ``#`` comment token (the grammar ignores them)."""
    sink = _COMMENT_SINK.get()
    if sink is not None:
        sink.append(token)
    return token


def start_collecting() -> tuple[list[Token], object]:
    sink: list[Token] = []
    return sink, _COMMENT_SINK.set(sink)


def stop_collecting(reset: object) -> None:
    _COMMENT_SINK.reset(reset)  # type: ignore[arg-type]


def comments(tokens: Iterable[Token], text: str) -> tuple[m.Comment, ...]:
    """The collected comment tokens as model comments, in file order; a comment is trailing
    when code precedes it on its line."""
    lines = text.split("\n")
    out: list[m.Comment] = []
    # A comment may be lexed twice (the keyword-or-name lookahead, keyword_names.py): once.
    positions = {(t.line or 1, t.column or 1): t for t in tokens}
    for (line, column), token in sorted(positions.items()):
        before = lines[line - 1][: column - 1] if line <= len(lines) else ""
        out.append(m.Comment(line, str(token).rstrip(), trailing=bool(before.strip())))
    return tuple(out)


# ---- bounds ----------------------------------------------------------------------------------


def check_bounds(text: str, path: str) -> None:
    """Refuse files over the size bound and bracket nesting over the depth bound before
    lark sees them, so hostile input cannot exhaust memory or the recursion limit; and,
    in the same pass, a digit of another script (:func:`_foreign_digit`)."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE_BYTES:
        span = m.Span(path, 1, 1, 1, 1)
        message = _("rule file is {size} bytes; the limit is {max_source_bytes}").format(
            size=size, max_source_bytes=MAX_SOURCE_BYTES
        )
        raise RuleError([Diagnostic.at(span, ERROR, "SLR003", message)])
    depth = 0
    for ch, line, col in _code_chars(text):
        if ch in "{([":
            depth += 1
            if depth > MAX_NESTING:
                span = m.Span(path, line, col, line, col + 1)
                message = _("nesting deeper than {max_nesting} levels").format(
                    max_nesting=MAX_NESTING
                )
                raise RuleError([Diagnostic.at(span, ERROR, "SLR004", message, source=text)])
        elif ch in "})]":
            depth = max(depth - 1, 0)
        elif ch > "\x7f" and ch.isdecimal():
            _foreign_digit(ch, line, col, text, path)


def _foreign_digit(ch: str, line: int, col: int, text: str, path: str) -> None:
    """A decimal digit outside quoted texts and comments that is neither ASCII nor
    full-width (what a Chinese input method types, read as its value: ``１５分钟`` is 15
    minutes). lark's ``\\d`` would read any script's digit as its value, and some look like
    another digit: ``max ৪0`` (BENGALI DIGIT FOUR) would be 40 to slarules and 80 to a
    reviewer. No contract needs them, so they are refused where they stand."""
    if "\uff10" <= ch <= "\uff19":
        return
    span = m.Span(path, line, col, line, col + 1)
    message = _(
        "digit “{character}” ({name}) is not part of the rule language; write {digit} instead"
    ).format(character=ch, name=unicodedata.name(ch, "?"), digit=unicodedata.decimal(ch))
    raise RuleError([Diagnostic.at(span, ERROR, "SLR002", message, source=text)])


def _code_chars(text: str) -> Iterable[tuple[str, int, int]]:
    """The characters outside quoted texts and comments, with their line and column. Texts
    end at their closing quote (``\\"`` does not close) or at the end of the line."""
    line, col = 1, 0
    in_string = in_comment = escaped = False
    for ch in text:
        col += 1
        if ch == "\n":
            line, col, in_comment, in_string, escaped = line + 1, 0, False, False, False
        elif in_comment:
            continue
        elif in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "#":
            in_comment = True
        else:
            yield ch, line, col


EXPRESSION_NODES = frozenset(
    {"add", "sub", "mul", "div", "neg", "ref", "mean", "min", "max", "ifelse"}
    | {"compare", "cond_and", "cond_or", "cond_not", "cond_param"}
)


def check_expression_depth(tree: Tree[Token], text: str, path: str) -> None:
    """Refuse expressions nested deeper than ``MAX_NESTING`` (a sum of a thousand terms,
    ``not not not …``): every later stage walks expressions recursively. Iterative, so the
    check itself cannot overflow the stack."""
    stack: list[tuple[Tree[Token], int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in EXPRESSION_NODES:
            depth += 1
            if depth > MAX_NESTING:
                line = getattr(node.meta, "line", 1)
                col = getattr(node.meta, "column", 1)
                span = m.Span(path, line, col, line, col + 1)
                message = _("expression nested deeper than {max_nesting} levels").format(
                    max_nesting=MAX_NESTING
                )
                raise RuleError([Diagnostic.at(span, ERROR, "SLR004", message, source=text)])
        stack.extend((child, depth) for child in node.children if isinstance(child, Tree))


# ---- syntax errors -----------------------------------------------------------------------


def describe_expected(parser: lark.Lark, expected: Iterable[str]) -> str:
    """``expected`` terminal names as plain words: keywords in quotes first, then kinds of
    value, joined as a list that ends in "or"."""
    words: set[str] = set()
    for name in expected:
        if name in TERMINAL_WORDS:
            words.add(_(TERMINAL_WORDS[name]))
            continue
        try:
            pattern = parser.get_terminal(name).pattern
        except KeyError:
            continue  # lark-internal names never reach the reader
        if isinstance(pattern, lark.lexer.PatternStr):
            words.add(f"“{pattern.value}”")
    ordered = sorted(words, key=lambda w: (not w.startswith("“"), w))
    if len(ordered) > 16:
        ordered = [*ordered[:16], "…"]
    return join_or(ordered)


def join_or(words: list[str]) -> str:
    if not words:
        return _("something else")
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return _("{first} or {second}").format(first=words[0], second=words[1])
    return _("{list}, or {last}").format(list=_(", ").join(words[:-1]), last=words[-1])


def syntax_diagnostic(exc: UnexpectedInput, text: str, path: str, parser: lark.Lark) -> Diagnostic:
    line = getattr(exc, "line", 1) or 1
    col = getattr(exc, "column", 1) or 1
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        message = _unexpected_token(exc, text, parser)
        code = "SLR001"
    elif isinstance(exc, UnexpectedToken | UnexpectedEOF):
        line, col, message = _unexpected_end(exc, text, parser)
        code = "SLR001"
    elif isinstance(exc, UnexpectedCharacters):
        message = _unexpected_character(exc, text, parser)
        code = "SLR002"
    else:  # pragma: no cover - lark has no other subclasses today
        message, code = _("syntax error"), "SLR001"
    span = m.Span(path, line, col, line, col + 1)
    return Diagnostic.at(span, ERROR, code, message, source=text)


def _expected_of(exc: UnexpectedToken | UnexpectedEOF) -> set[str]:
    accepts = getattr(exc, "accepts", None)
    return set(accepts or exc.expected or ())


def _shown(token: str) -> str:
    return token if len(token) <= 40 else token[:39] + "…"


def _unexpected_token(exc: UnexpectedToken, text: str, parser: lark.Lark) -> str:
    token = exc.token
    expected = _expected_of(exc)
    found = f"“{_shown(str(token))}”"
    pos = exc.pos_in_stream or 0
    if str(token) in CLOSERS and _unopened(text, pos, str(token)):
        return _("{found} closes nothing: no “{opener}” is open here").format(
            found=found, opener=CLOSERS[str(token)]
        )
    unclosed = _unclosed_brace_before(text, pos)
    if unclosed is not None and "}" in text[pos:] and _starts_line_left_of(text, pos, unclosed):
        return _(
            "“{{” on line {line} is not closed: its “}}” is missing before line {next_line}, "
            "which is indented as if the block had ended"
        ).format(line=unclosed[0], next_line=text.count("\n", 0, pos) + 1)
    if token.type == "NUMBER" and expected & UNIT_TERMINALS and "NUMBER" not in expected:
        units = expected & UNIT_TERMINALS
        written = _NUMBER_WITH_WORD.match(text, pos)
        if written is not None:
            return _unknown_unit(written.group(0), written.group(2), parser, units)
        return _("{found} has no unit; expected {expected}").format(
            found=found, expected=describe_expected(parser, units)
        )
    if str(token) in keywords(parser) and "NAME" in expected:
        return _(
            '{found} is a keyword and cannot be used as a name; write "{token}" in quotes to '
            "use it as a name, or expected {expected}"
        ).format(found=found, token=token, expected=describe_expected(parser, expected))
    return _("unexpected {found}; expected {expected}").format(
        found=found, expected=describe_expected(parser, expected)
    )


_NUMBER_WITH_WORD = re.compile(r"(\d+(?:\.\d+)?)([^\W\d_]\w*)")
# What a unit the language does not know most likely meant, and how to write it.
_UNIT_GUESSES = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "mn"), "{n}分钟 / {n}min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "H"), "{n}小时 / {n}h"),
    **dict.fromkeys(("d", "day", "days"), "{n}日 / {n} days"),
    **dict.fromkeys(("month", "months", "mon", "mo"), "{n}个月 / {n} months"),
}


def _unknown_unit(written: str, unit: str, parser: lark.Lark, units: set[str]) -> str:
    """``30M``: the lexer read “3” and stopped, because M is no unit of the language. Say
    which unit is unknown and what the number most likely meant."""
    number = written[: len(written) - len(unit)]
    guess = _UNIT_GUESSES.get(unit.casefold()) if "DURATION" in units else None
    if guess is None and unit.casefold() in ("d", "day", "days") and "DAYS" in units:
        guess = _UNIT_GUESSES["d"]
    if guess is not None:
        return _("{written}: unknown unit {unit}; did you mean {suggestion}?").format(
            written=written, unit=unit, suggestion=guess.format(n=number)
        )
    return _("{written}: unknown unit {unit}; expected {expected}").format(
        written=written, unit=unit, expected=describe_expected(parser, units)
    )


def _unclosed_brace_before(text: str, pos: int) -> tuple[int, int] | None:
    """(line, column) of the innermost ``{`` still open at ``pos``, when the innermost open
    bracket is a brace."""
    open_brackets: list[tuple[str, int, int]] = []
    for ch, line, col in _code_chars(text[:pos]):
        if ch in "{([":
            open_brackets.append((ch, line, col))
        elif ch in "})]" and open_brackets:
            open_brackets.pop()
    if open_brackets and open_brackets[-1][0] == "{":
        return open_brackets[-1][1], open_brackets[-1][2]
    return None


def _starts_line_left_of(text: str, pos: int, brace: tuple[int, int]) -> bool:
    """Whether the word at ``pos`` is the first or second on its line, on a later line
    than the ``{``, and the line is indented no deeper than the line that opened it:
    written where the block's own line would be, so the block was most likely meant to
    end before it (``tier P2 {`` after a tier that lacks its ``}``: lark stumbles on P2)."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    if len(before.split()) > 1:
        return False
    if text.count("\n", 0, pos) + 1 <= brace[0]:
        return False
    opener_line = text.split("\n", brace[0])[brace[0] - 1]
    indent = len(opener_line) - len(opener_line.lstrip())
    return len(before) - len(before.lstrip()) <= indent


CLOSERS = {"}": "{", ")": "(", "]": "["}


def _unopened(text: str, pos: int, closer: str) -> bool:
    """Whether the closing bracket at ``pos`` has no opening bracket of any kind before it
    (a stray ``}``); ``)`` may close ``[`` in an interval, so all kinds count together."""
    depth = 0
    for ch, _line, _col in _code_chars(text[:pos]):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth = max(depth - 1, 0)
    return depth == 0


def _unexpected_end(
    exc: UnexpectedToken | UnexpectedEOF, text: str, parser: lark.Lark
) -> tuple[int, int, str]:
    """At the end of the file, an unclosed bracket is the likely cause: point at it."""
    open_brackets: list[tuple[str, int, int]] = []
    for ch, line, col in _code_chars(text):
        if ch in "{([":
            open_brackets.append((ch, line, col))
        elif ch in "})]" and open_brackets:
            open_brackets.pop()
    lines = text.split("\n")
    end_line, end_col = len(lines), len(lines[-1]) + 1
    if open_brackets:
        ch, line, col = open_brackets[-1]
        closing = {"{": "“}”", "(": "“)”", "[": _("“]” or “)”")}[ch]
        message = _("“{bracket}” is never closed: the file ends before its {closing}").format(
            bracket=ch, closing=closing
        )
        return line, col, message
    expected = describe_expected(parser, _expected_of(exc))
    return (
        end_line,
        end_col,
        _("unexpected end of file; expected {expected}").format(expected=expected),
    )


def _unexpected_character(exc: UnexpectedCharacters, text: str, parser: lark.Lark) -> str:
    pos = exc.pos_in_stream or 0
    ch = text[pos] if 0 <= pos < len(text) else "?"
    if ch == '"':
        return _bad_text(text, pos)
    if ch in FULL_WIDTH:
        ascii_ch = FULL_WIDTH[ch]
        shown = _("a space") if ascii_ch == " " else f"“{ascii_ch}”"
        return _(
            "full-width “{character}” is not part of the rule language; write {shown} instead"
        ).format(character=ch, shown=shown)
    if unicodedata.category(ch).startswith("M") and pos > 0:
        return _combining_mark(ch, text[pos - 1])
    allowed = set(exc.allowed or ())
    described = describe_expected(parser, allowed) if 0 < len(allowed) <= 8 else ""
    if described:
        return _("unexpected character {character}; expected {expected}").format(
            character=_char(ch), expected=described
        )
    return _(
        "unexpected character {character}; it has no meaning in a rule file outside a "
        "quoted text or a comment"
    ).format(character=_char(ch))


def _combining_mark(mark: str, base: str) -> str:
    """A name written with a combining mark (``e`` + U+0301, as macOS and some input
    methods write “é”): an unquoted name is letters and digits only, and the mark is
    neither, but a quoted name is read in NFC, where the two make one letter."""
    return _(
        "“{base}” is followed by the combining mark U+{code:04X} ({name}), which an "
        'unquoted name cannot hold: write the name in quotes ("…"; a quoted name is read '
        "in NFC, one letter where the pair makes one), or save the file in Unicode NFC"
    ).format(base=base, code=ord(mark), name=unicodedata.name(mark, "?").lower())


def _char(ch: str) -> str:
    """A character as the reader can see it: invisible ones by their code point."""
    if ch == " " or not unicodedata.category(ch).startswith(("C", "Z")):
        return f"“{ch}”"
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, _('control character')).lower()})"


def _bad_text(text: str, pos: int) -> str:
    """Why a quoted text at ``pos`` does not lex: a bad escape, or no closing quote."""
    end = text.find("\n", pos)
    rest = text[pos + 1 : end if end >= 0 else len(text)]
    i = 0
    while i < len(rest):
        if rest[i] == '"':
            break
        if rest[i] == "\\":
            nxt = rest[i + 1 : i + 2]
            if nxt not in ('"', "\\", "n"):
                shown = "\\" + nxt if nxt else "\\"
                return _('unknown escape “{escape}” in a quoted text; use \\\\, \\" or \\n').format(
                    escape=shown
                )
            i += 1
        i += 1
    return _('this quoted text has no closing " on its line (write \\n for a line break)')
