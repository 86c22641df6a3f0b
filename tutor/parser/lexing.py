"""Token-level work the LALR grammar cannot do alone, and the checks made before parsing.

* ``|`` opens or closes an absolute value depending on what stands before it.
* Inside square brackets written MATLAB-style (``[1 2; 3 4]``, ``[1 -2 3]``), white space separates
  entries, so commas are inserted there.
* Before parsing: empty input, length, brackets never closed or closed twice, nesting depth.
"""
from __future__ import annotations

from lark import Token

from tutor.errors import ParseError

MAX_LENGTH = 2000
MAX_DEPTH = 100

# token types after which an operand has just ended
OPERAND_END = frozenset({"NUMBER", "NAME", "RPAR", "RSQB", "RBRACE", "RBAR", "BANG", "SUP", "PERCENT",
                         "NORMSUB"})
# token types that begin an operand
OPERAND_START = frozenset({"NUMBER", "NAME", "FNAME", "LPAR", "LSQB", "LBRACE", "LBAR", "SQRT", "BIGOP"})
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")": "(", "]": "[", "}": "{"}


def token_span(first: Token, last: Token | None = None) -> tuple[int, int]:
    """The text from the start of `first` to the end of `last` (by default `first` itself).

    Lark types a token's positions as optional: its lexer sets both, but its copies (``deepcopy``,
    as ± makes of a tree) keep only the start, so a lost end is the start plus the token's length.

    >>> token_span(Token("NAME", "x", 4, end_pos=5))
    (4, 5)
    >>> token_span(Token("NAME", "x", 0, end_pos=1), Token("NAME", "yz", 4))
    (0, 6)
    """
    last = first if last is None else last
    start, end = first.start_pos, last.end_pos
    if end is None:
        end = (last.start_pos or 0) + len(last.value)
    return start or 0, end


class PostLex:
    """Lark post-lexer: classifies bars and splits MATLAB-style matrix rows."""

    always_accept = ("BAR",)

    def process(self, stream):
        tokens = _classify_bars(list(stream))
        return iter(_matrix_commas(tokens))


def _classify_bars(tokens: list[Token]) -> list[Token]:
    opened = 0
    prev = None
    for tok in tokens:
        if tok.type == "BAR":
            if opened and prev in OPERAND_END:
                tok.type, opened = "RBAR", opened - 1
            else:
                tok.type, opened = "LBAR", opened + 1
        prev = tok.type
    return tokens


def _matrix_commas(tokens: list[Token]) -> list[Token]:
    """Insert commas between space-separated entries of square brackets that have no commas."""
    spaced = _spaced_brackets(tokens)
    if not spaced:
        return tokens
    out: list[Token] = []
    depth_owner: list[int] = []        # index of the open bracket each depth belongs to
    for i, tok in enumerate(tokens):
        if out and depth_owner and depth_owner[-1] in spaced and _entry_break(tokens, i):
            out.append(Token("COMMA", ",", tok.start_pos, tok.line, tok.column, tok.end_line,
                             tok.column, tok.start_pos))
        out.append(tok)
        if tok.type in ("LPAR", "LSQB", "LBRACE", "LBAR"):
            depth_owner.append(i)
        elif tok.type in ("RPAR", "RSQB", "RBRACE", "RBAR") and depth_owner:
            depth_owner.pop()
    return out


def _entry_break(tokens: list[Token], i: int) -> bool:
    prev, tok = tokens[i - 1], tokens[i]
    if prev.type not in OPERAND_END or prev.end_pos == tok.start_pos:
        return False
    if tok.type in OPERAND_START:
        return True
    # `[1 -2]`: a sign after a space and glued to what follows starts a new entry
    return (tok.type in ("MINUS", "PLUS") and i + 1 < len(tokens)
            and tokens[i + 1].start_pos == tok.end_pos and tokens[i + 1].type in OPERAND_START)


def _spaced_brackets(tokens: list[Token]) -> set[int]:
    """Indexes of '[' tokens whose own level has a ';', or no ',' at all, and is closed by ']'."""
    result: set[int] = set()
    stack: list[tuple[int, bool, bool]] = []   # (index, saw comma, saw semicolon)
    for i, tok in enumerate(tokens):
        if tok.type in ("LPAR", "LSQB", "LBRACE", "LBAR"):
            stack.append((i, False, False))
        elif tok.type in ("RPAR", "RSQB", "RBRACE", "RBAR") and stack:
            start, comma, semi = stack.pop()
            if tokens[start].type == "LSQB" and tok.type == "RSQB" and (semi or not comma):
                result.add(start)
        elif tok.type in ("COMMA", "SEMICOLON") and stack:
            start, comma, semi = stack[-1]
            stack[-1] = (start, comma or tok.type == "COMMA", semi or tok.type == "SEMICOLON")
    return result


def precheck(text: str) -> None:
    """Refuse, with a plain message, what is empty, too long, unbalanced or too deeply nested.

    >>> precheck("(x + 1")
    Traceback (most recent call last):
      ...
    tutor.errors.ParseError: This '(' is never closed: add ')'.
      (x + 1
      ^
    """
    if not text.strip():
        raise ParseError(text, (0, 0), "There is no answer here yet: type an expression.", "empty")
    if len(text) > MAX_LENGTH:
        raise ParseError(text, (MAX_LENGTH, len(text)),
                         f"This is too long to read ({len(text)} characters; at most {MAX_LENGTH}).",
                         "too_long")
    _check_brackets(text)


def _check_brackets(text: str) -> None:
    stack: list[tuple[str, int]] = []
    for pos, char in enumerate(text):
        if char in _OPEN:
            stack.append((char, pos))
            if len(stack) > MAX_DEPTH:
                raise ParseError(text, (pos, pos + 1),
                                 f"Brackets are nested too deeply to read (more than {MAX_DEPTH}).",
                                 "too_deep")
        elif char in _CLOSE:
            if not stack:
                raise ParseError(text, (pos, pos + 1),
                                 f"This '{char}' closes a bracket that was never opened "
                                 "(or was already closed).", "unopened_bracket")
            opener, _ = stack.pop()
            if opener == "{" and char != "}" or opener != "{" and char == "}":
                raise ParseError(text, (pos, pos + 1),
                                 f"This '{char}' does not match the '{opener}' it closes.",
                                 "mismatched_bracket")
    if stack:
        opener, pos = stack[-1]
        raise ParseError(text, (pos, pos + 1),
                         f"This '{opener}' is never closed: add '{_OPEN[opener]}'.",
                         "unclosed_bracket")
