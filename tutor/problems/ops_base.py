"""Shared pieces of the author operations: the error, the budget, the registry, argument checks.

>>> from tutor.problems.interpreter import AUTHOR_OPS  # importing it registers every operation
>>> op = OPERATIONS["det"]
>>> op.name, op.arity
('det', (1, 1))
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy
from sympy.matrices import MatrixBase

from tutor.errors import TutorError
from tutor.values import frozen

MAX_MATRIX = 6          # rows and columns of any matrix an operation works on
MAX_TERMS = 10_000      # terms of a sum, entries of a list
MAX_DIGITS = 5_000      # digits of an exact number built by a power or factorial
MAX_POWER = 60          # integer power of a symbolic base handed to those operations
MAX_OPS = 400           # size (count_ops) of an expression handed to expand/factor/simplify/solve


class FormulaError(TutorError):
    """An author formula that cannot be computed: an unknown operation, bad arguments, too big."""


@dataclass
class Budget:
    """A deadline shared by one computation; `tick()` stops work that runs past it."""

    seconds: float
    deadline: float = 0.0

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def tick(self) -> None:
        """Raise `FormulaError` once the deadline has passed."""
        if time.monotonic() > self.deadline:
            raise FormulaError(f"the computation took longer than {self.seconds:g} s and was stopped")


Args = tuple[sympy.Basic, ...]


@frozen
class Operation:
    """An author operation: a name, how many arguments, a one-line summary, the function."""

    name: str
    arity: tuple[int, int]          # (fewest, most) arguments
    summary: str
    fn: Callable[..., sympy.Basic]
    lazy: bool = False              # receives unevaluated args and the evaluator (sum)

    def arity_text(self) -> str:
        low, high = self.arity
        if low == high:
            return f"{low} argument{'s' if low != 1 else ''}"
        return f"{low} to {high} arguments" if high < 99 else f"at least {low} arguments"


OPERATIONS: dict[str, Operation] = {}


def operation(name: str, arity: tuple[int, int], summary: str, *, lazy: bool = False):
    """Register a function as the author operation `name`.

    >>> @operation("twice", (1, 1), "double a value")
    ... def twice(x):
    ...     return 2 * x
    >>> OPERATIONS["twice"].arity_text(), twice(sympy.Integer(4))
    ('1 argument', 8)
    >>> del OPERATIONS["twice"]  # the example leaves the registry as it found it
    """
    def register(fn: Callable[..., sympy.Basic]) -> Callable[..., sympy.Basic]:
        OPERATIONS[name] = Operation(name, arity, summary, fn, lazy)
        return fn
    return register


def show(value: sympy.Basic) -> str:
    """A short readable text of a value, for messages.

    >>> show(sympy.Symbol("x") ** 2 + 1)
    'x**2 + 1'
    >>> len(show(sympy.Integer(10) ** 100))
    60
    """
    text = sympy.sstr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def is_matrix(value: object) -> bool:
    """Whether a value is a SymPy matrix (mutable or immutable).

    >>> is_matrix(sympy.ImmutableMatrix([[1, 2]])), is_matrix(sympy.Integer(3))
    (True, False)
    """
    return isinstance(value, MatrixBase)


def matrix(op: str, value: sympy.Basic, *, square: bool = False) -> sympy.ImmutableMatrix:
    """The argument as a matrix, within the size limit.

    >>> matrix("det", sympy.Matrix([[1, 2], [3, 4]]), square=True)
    Matrix([
    [1, 2],
    [3, 4]])
    >>> matrix("det", sympy.ImmutableMatrix([[1, 2]]), square=True)
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: det needs a square matrix, got a 1×2 one
    """
    if not is_matrix(value):
        raise FormulaError(f"{op} needs a matrix, got {show(value)}")
    rows, cols = value.shape
    if rows > MAX_MATRIX or cols > MAX_MATRIX:
        raise FormulaError(f"{op}: the matrix is {rows}×{cols}; the limit is {MAX_MATRIX}×{MAX_MATRIX}")
    if square and rows != cols:
        raise FormulaError(f"{op} needs a square matrix, got a {rows}×{cols} one")
    return sympy.ImmutableMatrix(value)


def entries(op: str, args: Sequence[sympy.Basic]) -> list[sympy.Basic]:
    """A list of values: one vector (column or row) or tuple argument, or several numbers.

    >>> entries("mean", [sympy.ImmutableMatrix([1, 2, 3])])
    [1, 2, 3]
    >>> entries("mean", [sympy.Integer(4), sympy.Integer(5)])
    [4, 5]
    """
    if len(args) == 1:
        (value,) = args
        if is_matrix(value):
            if 1 not in value.shape:
                raise FormulaError(f"{op} needs a vector (one row or one column), got a "
                                   f"{value.shape[0]}×{value.shape[1]} matrix")
            items = list(value)
        elif isinstance(value, (sympy.Tuple, sympy.FiniteSet)):
            items = list(value.args)
        else:
            raise FormulaError(f"{op} needs a list of values, e.g. {op}([1, 2, 3]), got {show(value)}")
    else:
        items = list(args)
    if not items:
        raise FormulaError(f"{op} needs at least one value")
    if len(items) > MAX_TERMS:
        raise FormulaError(f"{op}: {len(items)} values is more than the limit of {MAX_TERMS}")
    for item in items:
        if is_matrix(item):
            raise FormulaError(f"{op} needs plain values, got a matrix inside the list")
    return items


def symbol(op: str, value: sympy.Basic, what: str = "a variable") -> sympy.Symbol:
    """The argument as a Symbol, or a `FormulaError` naming what was expected.

    >>> symbol("diff", sympy.Symbol("x"))
    x
    >>> symbol("diff", sympy.Integer(2))
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: diff needs a variable here, got 2
    """
    if not isinstance(value, sympy.Symbol):
        raise FormulaError(f"{op} needs {what} here, got {show(value)}")
    return value


def integer(op: str, value: sympy.Basic, what: str, low: int | None = None,
            high: int | None = None) -> int:
    """The argument as a Python int within [low, high].

    >>> integer("binomial", sympy.Integer(3), "k", 0)
    3
    >>> integer("binomial", sympy.Integer(-1), "k", 0, 10)
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: binomial: k must be 0 to 10, got -1
    """
    if not (isinstance(value, sympy.Integer) or (getattr(value, "is_Number", False)
                                                  and value == int(value))):
        raise FormulaError(f"{op} needs a whole number for {what}, got {show(value)}")
    n = int(value)
    if (low is not None and n < low) or (high is not None and n > high):
        span = f"{low} to {high}" if high is not None else f"at least {low}"
        raise FormulaError(f"{op}: {what} must be {span}, got {n}")
    return n


def number(op: str, value: sympy.Basic, what: str) -> sympy.Expr:
    """A real number (exact or decimal).

    >>> number("normal_pdf", sympy.Rational(1, 2), "the mean")
    1/2
    >>> number("normal_pdf", sympy.Symbol("x"), "the mean")
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: normal_pdf needs a number for the mean, got x
    """
    if not (isinstance(value, sympy.Expr) and value.is_number and value.is_extended_real):
        raise FormulaError(f"{op} needs a number for {what}, got {show(value)}")
    return value


def scalar(op: str, value: sympy.Basic) -> sympy.Expr:
    """An expression that is not a matrix, set or relation.

    >>> scalar("diff", sympy.Symbol("x") + 1)
    x + 1
    >>> scalar("diff", sympy.FiniteSet(1, 2))
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: diff needs an expression, got {1, 2}
    """
    if not isinstance(value, sympy.Expr) or is_matrix(value):
        raise FormulaError(f"{op} needs an expression, got {show(value)}")
    return value


def small(op: str, value: sympy.Basic) -> sympy.Basic:
    """Refuse expressions too big for the expensive rewriting operations.

    >>> x = sympy.Symbol("x")
    >>> small("expand", (x + 1) ** 3)
    (x + 1)**3
    >>> small("expand", (x + 1) ** 100)
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: expand: the power (x + 1)**100 is too high (limit 60)
    """
    parts = list(value) if is_matrix(value) else [value]
    size = sum(sympy.count_ops(v) for v in parts)
    if size > MAX_OPS:
        raise FormulaError(f"{op}: the expression is too large ({size} operations; the limit is {MAX_OPS})")
    for part in parts:
        for power in part.atoms(sympy.Pow):
            if not power.base.is_number and power.exp.is_Integer and abs(power.exp) > MAX_POWER:
                raise FormulaError(f"{op}: the power {show(power)} is too high (limit {MAX_POWER})")
    return value
