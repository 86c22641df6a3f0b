"""`Parsed`: what the parser returns, and the `Note`s that report how text was read."""
from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from functools import cached_property

import sympy
from tutor.values import frozen


class Kind(StrEnum):
    """What sort of answer a text is. Compares equal to its plain string value."""

    EXPRESSION = "expression"
    NUMBER = "number"
    EQUATION = "equation"
    INEQUALITY = "inequality"
    VECTOR = "vector"
    MATRIX = "matrix"
    SET = "set"
    INTERVAL = "interval"
    LIST = "list"


@frozen
class Note:
    """One implicit interpretation the parser made, e.g. "read xy as x·y".

    `code` is stable (``implicit_product``, ``split_name``, ``bare_function``,
    ``decimal``, ``percent``, ``call_as_product``, ``transpose``, ...);
    `message` is for people; `span` is where in the text it applies.
    """

    code: str
    message: str
    span: tuple[int, int]

    def __str__(self) -> str:
        return self.message


@frozen
class Parsed:
    """A text read as mathematics.

    `expr` is built unevaluated, so the writer's structure survives (``2(x+1)``
    stays a product, ``2/4`` stays 2/4); `value` is the evaluated form (never
    computing astronomically large numbers). `interpreted` shows how the text
    was read, with explicit ``·`` and brackets; `notes` lists each implicit
    interpretation. `delimiters` are the outer brackets of a vector, set or
    interval as typed (``("(", "]")``), or None.

    >>> from tutor.parser import parse
    >>> p = parse("2(x+1)")
    >>> p.kind, p.interpreted, sorted(p.variables)
    (<Kind.EXPRESSION: 'expression'>, '2·(x + 1)', ['x'])
    >>> p.value
    2*x + 2
    """

    text: str
    expr: sympy.Basic
    kind: Kind
    notes: tuple[Note, ...] = ()
    delimiters: tuple[str, str] | None = None
    features: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def variables(self) -> frozenset[str]:
        """Names of the free symbols, e.g. ``frozenset({'x', 'theta'})``."""
        return frozenset(s.name for s in self.expr.free_symbols)

    @cached_property
    def value(self) -> sympy.Basic:
        """The expression evaluated by SymPy, with astronomically large parts kept unevaluated."""
        from tutor.parser.evaluate import evaluate

        return evaluate(self.expr)

    @cached_property
    def interpreted(self) -> str:
        """Plain text showing how the answer was read: explicit ``·``, brackets, unicode."""
        from tutor.parser.printer import to_text

        return to_text(self.expr)

    @cached_property
    def latex(self) -> str:
        """LaTeX of the answer as it was read (structure kept)."""
        from tutor.parser.printer import to_latex

        return to_latex(self.expr)
