"""Syntax highlighting of what the learner types: numbers, functions, variables, operators, brackets.

Display only: it never decides what the text means (the parser does, in the
toolbar). Brackets that do not pair up are marked, so a missing ``)`` shows
before Enter is pressed (any closer pairs with the last opener, since
intervals such as ``(0, 1]`` mix them). A line starting with ``:`` is a command.

>>> [(style, text) for style, text in tokens("2sin(x") if text.strip()]
[('class:math.number', '2'), ('class:math.function', 'sin'), ('class:math.unmatched', '('), ('class:math.variable', 'x')]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer

from tutor.session_text import COMMANDS

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?)
  | (?P<name>[^\W\d]\w*'*)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<operator>\*\*|<=|>=|!=|[-+*/^·×÷−=<>≤≥≠!,;|√∞'])
  | (?P<other>.)
""", re.VERBOSE)

_CONSTANTS = frozenset({"e", "pi", "π", "oo", "inf", "infinity", "∞"})


@lru_cache(maxsize=1)
def function_names() -> frozenset[str]:
    """Every function name the parser knows (read once from the parser's own table)."""
    from tutor.parser.names import FUNCTIONS

    return frozenset(FUNCTIONS)


def tokens(text: str) -> list[tuple[str, str]]:
    """Style fragments for one line of input."""
    if text.lstrip().startswith(":"):
        return _command_tokens(text)
    fragments: list[tuple[str, str]] = []
    opened: list[int] = []  # indices (in fragments) of brackets not yet closed
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        style = _style(kind, value)
        if kind == "open":
            opened.append(len(fragments))
        elif kind == "close":
            # any closer pairs with the last opener: intervals mix them, as in (0, 1]
            if opened:
                index = opened.pop()
                fragments[index] = ("class:math.bracket", fragments[index][1])
                style = "class:math.bracket"
            else:
                style = "class:math.unmatched"
        fragments.append((style, value))
    return fragments


def _style(kind: str | None, value: str) -> str:
    if kind == "name":
        bare = value.rstrip("'")
        if bare in function_names():
            return "class:math.function"
        return "class:math.constant" if bare in _CONSTANTS else "class:math.variable"
    return {"space": "", "number": "class:math.number", "operator": "class:math.operator",
            "open": "class:math.unmatched", "other": "class:math.unknown"}.get(kind or "", "")


def _command_tokens(text: str) -> list[tuple[str, str]]:
    lead = len(text) - len(text.lstrip())
    word = text.strip()[1:].strip().lower()
    known = word in COMMANDS or bool(word) and any(name.startswith(word) for name in COMMANDS)
    style = "class:command" if known else "class:command.unknown"
    return [("", text[:lead]), (style, text[lead:])]


class MathLexer(Lexer):
    """The prompt_toolkit lexer for the answer line."""

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        lines: list[StyleAndTextTuples] = [list(tokens(line)) for line in document.lines]
        return lambda lineno: lines[lineno] if lineno < len(lines) else []
