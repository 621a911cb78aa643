"""Keywords where a name is expected: `kind all`, `tier down`, `metric report from requested
to reported`, a target called `when`.

The rule language has many English keywords, and contracts name things with ordinary words.
Reserving every keyword everywhere (as slarules once did) turned `all`, `down`, `late` or
`count` into words a rule file could not use as names without quotes. This lexer lets a
keyword be a name wherever the grammar expects a name:

- lark's contextual lexer already lexes a word as a name in a parser state that accepts a
  name and not that keyword (`kind all`, `tier down`);
- in a state that accepts both (after `respond 30m`, a further option `when …` or the next
  target's name; at the start of an expression, `count(…)` or a parameter called `count`),
  the word is read as the keyword when the keyword and the token after it can be parsed, and
  as a name otherwise. So `tier T { respond 30m  when 4h }` has a target called `when`, and
  `pause all` still means every metric. Where both readings parse, the keyword wins; quote
  the name (`"all"`) to mean the name.

One token of lookahead on a copy of the parser state: each decision costs at most two
token feeds, so parsing stays linear in the input.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import copy
from typing import Any

import lark
from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput
from lark.lexer import ContextualLexer, LexerState
from lark.parsers.lalr_parser_state import ParserState

NAME = "NAME"


class KeywordNameLexer(ContextualLexer):
    """A contextual lexer that reads a keyword as a name where only the name reading parses
    (module docstring). ``words``: the keywords (word-like terminal values)."""

    words: frozenset[str] = frozenset()

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        for token in super().lex(lexer_state, parser_state):
            if token.type != NAME and str(token) in self.words:
                token = self._decide(token, lexer_state, parser_state)
            yield token

    def _decide(self, token: Token, lexer_state: LexerState, parser_state: Any) -> Token:
        actions = parser_state.parse_conf.states[parser_state.position]
        if NAME not in actions:
            return token
        as_name = Token.new_borrow_pos(NAME, str(token), token)
        if token.type not in actions:
            return as_name
        if self._parses(token, lexer_state, parser_state):
            return token
        if self._parses(as_name, lexer_state, parser_state):
            return as_name
        return token  # neither reading parses: report the keyword, as the reader wrote it

    def _parses(self, token: Token, lexer_state: LexerState, parser_state: Any) -> bool:
        """Whether ``token`` and the token after it can be fed to a copy of the parser.

        The trial parser has no tree-building callbacks: lark's callbacks reuse child lists
        in place, so a trial with them would change the real parse's tree. The token after
        is lexed with every terminal (``4h`` is a duration, not the digit-led name a state
        that expects only names would make of it), and, if it is a keyword, also as a name.
        """
        try:
            following = self.root_lexer.next_token(copy(lexer_state), parser_state)
        except EOFError:
            following = Token.new_borrow_pos("$END", "", token)
        except UnexpectedCharacters:
            return False
        candidates = [following]
        if following.type not in (NAME, "$END") and str(following) in self.words:
            candidates.append(Token.new_borrow_pos(NAME, str(following), following))
        return any(self._feeds(token, after, parser_state) for after in candidates)

    def _feeds(self, token: Token, following: Token, parser_state: Any) -> bool:
        trial = ParserState(
            self._trial_conf(parser_state), parser_state.lexer, list(parser_state.state_stack)
        )
        try:
            trial.feed_token(token)
            trial.feed_token(following, following.type == "$END")
        except UnexpectedInput:
            return False
        return True

    def _trial_conf(self, parser_state: Any) -> Any:
        """The parse configuration without callbacks (built once per parser)."""
        conf = getattr(self, "_conf_without_callbacks", None)
        if conf is None:
            conf = copy(parser_state.parse_conf)
            conf.callbacks = {}
            self._conf_without_callbacks = conf
        return conf


def install(parser: lark.Lark, words: frozenset[str]) -> None:
    """Make ``parser`` (LALR, contextual lexer) read keywords as names where only that
    reading parses."""
    lexer = parser.parser.lexer
    assert isinstance(lexer, ContextualLexer)
    lexer.__class__ = KeywordNameLexer
    assert isinstance(lexer, KeywordNameLexer)
    lexer.words = words
