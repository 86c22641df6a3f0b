"""Text → `Parsed`: one lark grammar for everything learners and authors type.

>>> p = parse("sin 2x + 1/2x")
>>> p.interpreted
'sin(2·x) + 1/2·x'
>>> [n.code for n in p.notes]
['bare_function', 'division_then_product']
>>> parse("xy", variables=["x", "y"]).interpreted
'x·y'
>>> parse("2x +")
Traceback (most recent call last):
  ...
tutor.errors.ParseError: Something is missing after '+'.
  2x +
     ^
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
import dataclasses
import re
from functools import lru_cache

import sympy
from sympy.core.relational import Relational
from lark import Lark, Tree
from lark.exceptions import UnexpectedInput

from tutor.errors import ParseError
from tutor.linalg.declare import Declaration
from tutor.linalg.shapes import ShapeMismatch
from tutor.parser import build, driver, finish, latex, lexing, messages, nodes, notation, resolve, tables
from tutor.parser.finish import kind_of
from tutor.reading import FORMATS
from tutor.parser.tables import grammar_text
from tutor.parser.parsed import Kind, Note, Parsed

__all__ = ["parse", "Parsed", "Note", "Kind", "grammar_text", "FORMATS", "kind_of"]




@lru_cache(maxsize=1)
def _lark() -> Lark:
    # made once per process; LALR with a basic lexer keeps a typical parse well under a millisecond.
    # The tables are read from data shipped with the package (see tutor.parser.tables).
    return tables.load_parser()


@lru_cache(maxsize=1)
def _driver() -> driver.Driver:
    # the same tables and trees, run by a tighter loop (see tutor.parser.driver)
    return driver.Driver(_lark())


def parse(text: str, *, variables: Iterable[str] | None = None,
          functions: Iterable[str] | None = None,
          shapes: Mapping[str, Declaration] | None = None, format: str = "auto") -> Parsed:
    """Read what a learner or author typed; raise `ParseError` saying where and why when it cannot.

    `variables` are the names of the question's variables (they decide that ``xy`` is x·y and that
    ``x(x+1)`` is a product); `functions` are extra function names to read as calls (``f(x)``);
    `shapes` declares names as vectors, matrices or data (`tutor.linalg.declare`): then products
    of matrices keep their order, and shapes that do not fit are refused with a message.

    >>> parse("0.7").value, parse("70%").value
    (7/10, 7/10)
    >>> parse("(0, 1]").kind
    <Kind.INTERVAL: 'interval'>

    `format` is "text", "latex" or "auto" (the default: LaTeX when the text has a backslash
    command or ``$`` delimiters; `tutor.parser.latex`):

    >>> parse(r"\\frac{x}{2}").interpreted, parse("x/2", format="latex").interpreted
    ('x/2', 'x/2')
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() needs text, not {type(text).__name__}")
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)} (got {format!r})")
    # full-width and other compatibility forms (ｘ＾２, ℯ, x₁) are their plain characters, one for
    # one, so every position in a message or note still points at what was typed
    typed = text
    text, changed = notation.compatible(typed)
    try:
        if format == "latex" or format == "auto" and latex.looks_like_latex(text):
            parsed = latex.read(text, variables=variables, functions=functions, shapes=shapes)
        else:
            lexing.precheck(text)
            parsed = _named_or_plain(text, variables, functions, shapes)
    except ParseError as err:
        if err.text == typed:
            raise
        raise ParseError(typed, err.span, err.message, err.code, err.suggestion) from None
    if changed is None:
        return parsed
    note = Note("compatibility_form", f"read {notation.replaced(typed, text)}", changed)
    return dataclasses.replace(parsed, text=typed, notes=(note, *parsed.notes))


def _named_or_plain(text: str, variables: Iterable[str] | None, functions: Iterable[str] | None,
                    shapes: Mapping[str, Declaration] | None) -> Parsed:
    """The text read as usual, or ``E(X) = 2.5`` read as the equation naming the quantity
    (`notation.named_value`): the value is read in place (the name blanked, so that positions
    still point at what was typed), and the checker takes it as ``x = 2`` is taken.

    >>> p = parse("E(X) = 2.5")
    >>> p.kind, p.interpreted, p.notes[0].code
    (<Kind.EQUATION: 'equation'>, 'E(X) = 2.5', 'named_value')
    """
    named = notation.named_value(text, [*(variables or ()), *(functions or ())])
    if named is None:
        return _parse_text(text, variables, functions, shapes)
    name, start = named
    value = _parse_text(" " * start + text[start:], variables, functions, shapes)
    if value.kind not in (Kind.NUMBER, Kind.EXPRESSION):
        notation.refuse_operators(text)     # E(X) = [1, 2]: what E(X) is, as before
        return value
    note = Note("named_value", f"read {name} = … as the value of {name}", (0, start))
    return dataclasses.replace(value, text=text, kind=Kind.EQUATION, notes=(note, *value.notes),
                               expr=sympy.Eq(sympy.Symbol(name), value.expr, evaluate=False))


def _parse_text(text: str, variables: Iterable[str] | None,
                functions: Iterable[str] | None, shapes: Mapping[str, Declaration] | None) -> Parsed:
    _refuse_decimal_comma(text)
    declared = dict(shapes or {})
    ctx = nodes.Context(text, finish.names(variables) | frozenset(declared), frozenset(functions or ()),
                        shapes=declared)
    notation.refuse_operators(text, ctx.variables | ctx.functions)
    lexed, said_or = notation.or_as_comma(text, ctx.variables)
    if said_or is not None:
        ctx.note("or_as_list", "read 'or' between the equations as a list of answers", said_or)
    try:
        tree = _driver().parse(lexed)
    except UnexpectedInput as err:
        raise resolve.bare_pseudo_inverse(ctx) or messages.from_lark(err, text, _lark()) from None
    # a tree is at most one level deeper than its text is long (`_tree_depth`)
    if len(lexed) >= 2 * lexing.MAX_DEPTH and _tree_depth(tree) > 2 * lexing.MAX_DEPTH:
        raise finish.too_deep(text)
    if _plus_minus().search(lexed):
        tree = finish.plus_or_minus(tree, ctx)
    expr = finish.transform(tree, ctx)
    return finish.parsed(text, expr, ctx, _delimiters(text, expr))


# nodes that add no level to what is built: brackets, a unary plus, lists of arguments or rows
_NO_LEVEL = frozenset({"start", "paren", "pos", "arglist", "rows"})
# operators whose chains are built flat: a sum of a sum is one sum, a product of a product one product
_FLAT = {"add": "sum", "sub": "sum", "mul": "product", "div": "product", "juxt": "product"}


@lru_cache(maxsize=1)
def _plus_minus() -> re.Pattern[str]:
    """The grammar's ± terminal (± ∓ +/- -/+): a text without it has no ± to expand."""
    return re.compile(_lark().get_terminal("PM").pattern.to_regexp())


def _tree_depth(tree: Tree) -> int:
    """How deeply a parse tree nests what it will build, counted before anything is built, so
    that ``x!!!…!`` or ``- - … x`` two thousand deep is refused at once rather than built first.

    It is at most one more than the length of the text: every node the grammar makes either
    has a token of its own (an operator, a bracket, a name) or two children that each cover
    some text, and the leaves (a number, a name) add one level. So only a text at least twice
    `lexing.MAX_DEPTH` long can pass the limit.

    It counts a level wherever SymPy nests one (a few levels that collapse later, such as the sign
    of a number, are counted too: it is compared with twice the limit on what is built).

    >>> _tree_depth(_lark().parse("sin(x + 1)!"))
    4
    """
    deepest, stack = 0, [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, Tree):
            continue
        family = _FLAT.get(node.data)
        for i, child in enumerate(node.children):
            flat = i == 0 and family is not None and isinstance(child, Tree) and _FLAT.get(child.data) == family
            level = depth if flat or node.data in _NO_LEVEL else depth + 1
            deepest = max(deepest, level)
            if deepest > 2 * lexing.MAX_DEPTH:
                return deepest
            stack.append((child, level))
    return deepest


_DECIMAL_COMMA = re.compile(r"(?<![\w.])(\d+),(\d+)(?![\w.])")


def _refuse_decimal_comma(text: str) -> None:
    """A comma glued between digits outside any bracket (``3,5``, ``x = 0,5``) is a decimal comma."""
    for match in _DECIMAL_COMMA.finditer(text):
        before = text[:match.start()]
        if sum(before.count(c) for c in "([{") > sum(before.count(c) for c in ")]}"):
            continue
        head, tail = match.groups()
        at = match.start(2) - 1
        fixed = (text[:at] + "." + text[at + 1:]).strip()
        raise ParseError(text, (at, at + 1),
                         f"Use a point for decimals: {fixed}. (For two answers, put a space "
                         f"after the comma: {head}, {tail}.)", "decimal_comma", fixed)


def _delimiters(text: str, expr: sympy.Basic) -> tuple[str, str] | None:
    """The outer brackets of a vector, set or interval, past grouping parentheses: in
    ``([1, 2])`` they are ``[`` and ``]`` (a vector, not the open interval (1, 2)).

    >>> _delimiters("([1, 2])", sympy.ImmutableMatrix([1, 2]))
    ('[', ']')
    """
    if not isinstance(expr, (sympy.MatrixBase, sympy.FiniteSet, sympy.Interval)):
        return None
    stripped = text.strip()
    while stripped[:1] == "(" and _one_group(stripped) and _one_group(stripped[1:-1].strip()):
        stripped = stripped[1:-1].strip()
    if stripped[:1] in "([{" and stripped[-1:] in ")]}":
        return stripped[0], stripped[-1]
    return None


def _one_group(text: str) -> bool:
    """Whether the bracket opening `text` closes at its very end."""
    if text[:1] not in "([{" or text[-1:] not in ")]}":
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0:
            return i == len(text) - 1
    return False
