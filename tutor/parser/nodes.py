"""The intermediate values the builder passes around before they become SymPy.

A number literal (`Num`) is kept apart from a computed number so that `2 3` can be told from
`2·3`; a function name without brackets (`Bare`) waits for its argument; a `Chain` holds factors
joined by `*`, `/` or juxtaposition in the order typed; a `Group` is a bracketed list.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import sympy
from sympy.core.relational import Relational

from tutor.linalg.declare import Declaration

from tutor.errors import ParseError
from tutor.parser.evaluate import MAX_RESULT_DIGITS, too_large
from tutor.parser.parsed import Note

Span = tuple[int, int]


@dataclass
class Context:
    """What a single parse knows: the text, the caller's declarations, and what it noticed."""

    text: str
    variables: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()
    notes: list[Note] = field(default_factory=list)
    shapes: Mapping[str, Declaration] = field(default_factory=dict)
    features: set[str] = field(default_factory=set)

    def note(self, code: str, message: str, span: Span) -> None:
        self.notes.append(Note(code, message, span))

    def fail(self, span: Span | Located, message: str, code: str, suggestion: str | None = None) -> ParseError:
        return ParseError(self.text, span_at(span), message, code, suggestion)


@dataclass
class Num:
    """A number literal as typed (kept apart so `2 3` can be told from `2·3`)."""

    value: sympy.Basic
    span: Span


@dataclass
class Bare:
    """A function name used without brackets (`sin` in `sin 2x`), waiting for its argument."""

    name: str
    build: Callable[..., sympy.Basic]
    span: Span
    power: sympy.Basic | None = None


@dataclass
class Chain:
    """Factors joined by `*`, `/` or juxtaposition (op ``" "``), in the order typed."""

    items: list[tuple[str, object, Span]]
    from_call: bool = False


@dataclass
class Terms:
    """The terms of a sum in the order typed, made into one SymPy ``Add`` only when finished:
    building an ``Add`` at every ``+`` would cost time quadratic in the number of terms."""

    items: list[sympy.Basic]


class Located(Protocol):
    """Something that works out where it stands in the text when asked (`build.Where`)."""

    @property
    def span(self) -> Span: ...


@dataclass
class Group:
    """A bracketed comma list: a vector, or a matrix row, as typed. `where` is its span, or what
    works it out when a message asks for it (most readings never do)."""

    items: list[sympy.Basic]
    delimiters: tuple[str, str]
    where: Span | Located

    @property
    def span(self) -> Span:
        return span_at(self.where)


def span_of(value: object, default: Span) -> Span:
    """Where an intermediate value stands in the text, or `default` for a plain SymPy value.

    >>> span_of(Num(sympy.Integer(2), (3, 4)), (0, 0)), span_of(sympy.Integer(2), (0, 0))
    ((3, 4), (0, 0))
    """
    return getattr(value, "span", None) or default


def entry(value, ctx: Context, span: Span | Located | None = None) -> sympy.Basic:
    """A matrix entry, refusing a list, a set or a relation where a number belongs (`span`: the
    brackets around it, or what works them out, for the message).

    >>> entry(sympy.Integer(1), Context("[[1]]"))
    1
    >>> entry(sympy.FiniteSet(2), Context("[1, {2}]"), (0, 8))
    Traceback (most recent call last):
      ...
    tutor.errors.ParseError: An entry of a vector or matrix must be a number or an expression, not a set.
      [1, {2}]
      ^^^^^^^^
    """
    if isinstance(value, Group):
        raise ctx.fail(value.span, "A matrix entry cannot itself be a list.", "nested_matrix")
    if isinstance(value, sympy.Basic) and not isinstance(value, (sympy.Expr, sympy.MatrixBase)):
        what = "a set" if isinstance(value, sympy.Set) else \
            "an equation or inequality" if isinstance(value, (Relational, sympy.And, sympy.Or)) else "this"
        raise ctx.fail(_where(span, ctx), "An entry of a vector or matrix must be a number or an "
                       f"expression, not {what}.", "bad_entry")
    if isinstance(value, sympy.Expr) and too_large(value):
        raise ctx.fail(_where(span, ctx), f"This entry is too large: {too_large_in('a vector or matrix')}.",
                       "too_large")
    return value


def _where(span: Span | Located | None, ctx: Context) -> Span:
    return (0, len(ctx.text)) if span is None else span_at(span)


def span_at(where: Span | Located) -> Span:
    """A span, or the span worked out by what locates it (`build.Where`, asked only now).

    >>> span_at((2, 5))
    (2, 5)
    """
    return where if isinstance(where, tuple) else where.span


def too_large_in(where: str) -> str:
    """Why a number too large to compute (`evaluate.too_large`) is refused in `where`: SymPy's
    matrix arithmetic, intervals and set operations compute the numbers they are given.

    >>> too_large_in("an interval")
    'a number of more than 10,000 digits cannot be used in an interval'
    """
    return f"a number of more than {MAX_RESULT_DIGITS:,} digits cannot be used in {where}"


def group_to_matrix(group: Group, ctx: Context) -> sympy.Basic:
    """A bracketed list as a column vector, or a matrix when its items are equal-length rows.

    >>> row = Group([sympy.Integer(1), sympy.Integer(2)], ("[", "]"), (1, 5))
    >>> group_to_matrix(Group([row, row], ("[", "]"), (0, 12)), Context("[[1,2],[1,2]]")).shape
    (2, 2)
    """
    items = [i.items if isinstance(i, Group) else list(i) if isinstance(i, sympy.MatrixBase) else i
             for i in group.items]
    rowlike = [isinstance(i, list) for i in items]
    if items and all(rowlike):
        if any(len(i) != len(items[0]) for i in items):
            raise ctx.fail(group.span, "The rows of this matrix have different lengths.", "ragged_matrix")
        return sympy.ImmutableMatrix([[entry(v, ctx, group.where) for v in row] for row in items])
    if any(rowlike):
        raise ctx.fail(group.span, "Mix of numbers and lists: a matrix needs a list of rows, "
                       "as in [[1, 2], [3, 4]].", "ragged_matrix")
    if not items:
        return sympy.ImmutableMatrix(0, 1, [])
    return sympy.ImmutableMatrix([[entry(v, ctx, group.where)] for v in items])
