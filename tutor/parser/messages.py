"""Learner wording for what the grammar cannot read: one table of token words and one function.

Messages never name grammar tokens; they quote what was typed and say what to do.
"""
from __future__ import annotations

from lark import Lark, Token
from lark.exceptions import LexError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from tutor.errors import ParseError
from tutor.parser.lexing import token_span

TOKEN_WORDS = {
    "PLUS": "'+'", "MINUS": "'-'", "TIMES": "'*'", "DIV": "'/'", "POW": "'^'", "BANG": "'!'",
    "PERCENT": "'%'", "SQRT": "'√'", "SUP": "a superscript", "REL": "a relation sign",
    "COMMA": "a comma", "SEMICOLON": "';'", "LPAR": "'('", "RPAR": "')'", "LSQB": "'['",
    "RSQB": "']'", "LBRACE": "'{'", "RBRACE": "'}'", "LBAR": "'|'", "RBAR": "'|'", "BAR": "'|'",
    "PM": "'±'", "SETOP": "a set operation", "NUMBER": "a number", "NAME": "a name", "FNAME": "a name", "$END": "the end",
}
OPERATORS = frozenset({"PLUS", "MINUS", "TIMES", "DIV", "POW", "REL", "SQRT", "PM", "SETOP"})
BINARY_ONLY = frozenset({"TIMES", "DIV", "POW", "REL", "BANG", "PERCENT", "SUP"})
OPENERS = frozenset({"LPAR", "LSQB", "LBRACE", "LBAR"})
CLOSERS = frozenset({"RPAR", "RSQB", "RBRACE", "RBAR"})

_CHARACTER_HELP = {
    "'": ("The prime ' is not understood: type the derivative itself (2*x, not f'(x)).", "prime"),
    "\\": ("LaTeX commands are not understood here: type sqrt(x) or a/b, not \\sqrt or \\frac.",
           "latex"),
    "_": ("A subscript needs a name before it, as in x_1 (or a norm: ‖x‖_2, ‖X‖_F).", "bad_subscript"),
    ".": ("This point is not part of a number.", "bad_number"),
    "&": ("'&' has no meaning here: use a comma to give several answers.", "bad_char"),
}


def describe(token: Token) -> str:
    """How to name a token to a learner: its text in quotes, or a word for it.

    >>> describe(Token("PLUS", "+")), describe(Token("NAME", "x"))
    ("'+'", "'x'")
    """
    if token.type in ("NUMBER", "NAME", "FNAME"):
        return f"'{token.value.strip()}'"
    if token.type == "$END":
        return "the end"
    return TOKEN_WORDS.get(token.type, f"'{token.value}'")


def from_lark(err: UnexpectedInput, text: str, lexer: Lark) -> ParseError:
    """Turn a lark failure into a ParseError that points at the problem in plain words.

    >>> from tutor.parser import _lark
    >>> try:
    ...     _lark().parse("2 + * 3")
    ... except UnexpectedInput as err:
    ...     print(from_lark(err, "2 + * 3", _lark()).message)
    Two operators in a row: '+' then '*'.
    """
    if isinstance(err, UnexpectedCharacters):
        return _bad_character(text, err.pos_in_stream or 0)
    if isinstance(err, UnexpectedToken):
        return _unexpected(text, err.token, _tokens(lexer, text))
    pos = getattr(err, "pos_in_stream", None) or len(text)
    return ParseError(text, (pos, pos), "This cannot be read here.", "syntax")


def _bad_character(text: str, pos: int) -> ParseError:
    char = text[pos]
    if char == "," and pos > 0 and text[pos - 1].isdigit():
        return ParseError(text, (pos, pos + 1), "A comma cannot stand here.", "bad_char")
    message, code = _CHARACTER_HELP.get(
        char, (f"The character '{char}' has no meaning in an answer.", "bad_char"))
    return ParseError(text, (pos, pos + 1), message, code)


def _tokens(lexer: Lark, text: str) -> list[Token]:
    try:
        return list(lexer.lex(text))
    except (LexError, UnexpectedInput):
        return []


def _previous(tokens: list[Token], token: Token) -> Token | None:
    if token.type == "$END":
        return tokens[-1] if tokens else None
    before = [t for t in tokens if t.end_pos is not None and t.end_pos <= (token.start_pos or 0)]
    return before[-1] if before else None


def _unexpected(text: str, token: Token, tokens: list[Token]) -> ParseError:
    prev = _previous(tokens, token)
    at = token_span(token) if token.type != "$END" else (len(text), len(text))
    if token.type == "$END":
        return _ended_early(text, prev, tokens)
    if prev is not None and prev.type == "REL" and token.type == "REL":
        both = prev.value + token.value
        fix = {"=>": ">=", "=<": "<=", "==": "=", "<>": "!=", "><": "!="}.get(both, prev.value)
        return ParseError(text, token_span(prev, token),
                          f"'{both}' is not a relation sign: did you mean {fix}?", "relation", fix)
    if token.type in BINARY_ONLY or token.type in ("COMMA", "SEMICOLON") or token.type in CLOSERS:
        return _missing_before(text, token, prev, at)
    if token.type in ("RBAR", "LBAR"):
        return ParseError(text, at, "This '|' does not close an absolute value |…|.", "unclosed_bar")
    if token.type == "NORMSUB":
        return ParseError(text, at, _CHARACTER_HELP["_"][0], _CHARACTER_HELP["_"][1])
    return ParseError(text, at, f"{describe(token).capitalize()} cannot come here.", "unexpected")


def _unclosed_bar(tokens: list[Token]) -> Token | None:
    """The '|' that opens an absolute value left open at the end, if any."""
    opened: list[Token] = []
    for tok in tokens:
        if tok.type == "LBAR":
            opened.append(tok)
        elif tok.type == "RBAR" and opened:
            opened.pop()
    return opened[-1] if opened else None


def _ended_early(text: str, prev: Token | None, tokens: list[Token]) -> ParseError:
    end = (len(text.rstrip()), len(text.rstrip()))
    if prev is None:
        return ParseError(text, (0, 0), "There is no answer here yet: type an expression.", "empty")
    if prev.type in OPERATORS or prev.type in ("COMMA", "SEMICOLON"):
        return ParseError(text, token_span(prev),
                          f"Something is missing after {describe(prev)}.", "missing_operand")
    open_bar = _unclosed_bar(tokens)
    if open_bar is not None:
        return ParseError(text, token_span(open_bar),
                          "This '|' starts an absolute value that is never closed: add '|'.",
                          "unclosed_bar")
    return ParseError(text, end, "The answer ends too early.", "missing_operand")


def _missing_before(text: str, token: Token, prev: Token | None, at: tuple[int, int]) -> ParseError:
    word = describe(token)
    if prev is not None and prev.type in OPENERS and token.type in CLOSERS:
        return ParseError(text, token_span(prev, token),
                          "There is nothing inside these brackets.", "empty_brackets")
    if prev is not None and (prev.type in OPERATORS or prev.type == "COMMA") and token.type not in CLOSERS:
        return ParseError(text, token_span(prev, token),
                          f"Two operators in a row: {describe(prev)} then {word}.", "two_operators")
    if token.type == "SEMICOLON":
        return ParseError(text, at, "';' separates the rows of a matrix, inside [ ].", "semicolon")
    if prev is not None and prev.type in OPERATORS:
        return ParseError(text, token_span(prev),
                          f"Something is missing after {describe(prev)}.", "missing_operand")
    if token.type in CLOSERS:
        return ParseError(text, at, f"Something is missing before {word}.", "missing_operand")
    return ParseError(text, at, f"Something is missing before {word}.", "missing_operand")
