"""The author-formula interpreter: evaluates a parsed SymPy tree, author operations included.

Author formulas are read by `tutor.parse(text, functions=AUTHOR_OPS)`, so a call such as
``det(M)`` arrives as a SymPy undefined function ``Function("det")(M)``. `interpret` walks the
tree bottom-up: parameters are replaced by their SymPy values, each author call is dispatched
to a whitelisted `Operation` (argument checks, size limits), and everything else is rebuilt
with SymPy's own evaluation (matrix-aware for ``+``, ``·`` and powers). Nothing is ever
evaluated as text, and any function outside the whitelist is refused.

>>> import sympy
>>> x, M = sympy.symbols("x M")
>>> det = sympy.Function("det")
>>> interpret(det(M) * x, {M: sympy.ImmutableMatrix([[1, 2], [3, 4]])})
-2*x
"""
from __future__ import annotations

import operator
from collections.abc import Mapping
from functools import reduce

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices import MatrixBase

from tutor.functions import transpose_of
from tutor.linalg.nodes import ArrayCall
from tutor.parser import growth
from tutor.problems import ops_calculus, ops_linalg, ops_stats  # noqa: F401 - they register operations
from tutor.problems.ops_base import (
    MAX_DIGITS, OPERATIONS, Budget, FormulaError, Operation, is_matrix, show,
)

AUTHOR_OPS: tuple[str, ...] = tuple(sorted(OPERATIONS))
"""The names of the author operations, for ``tutor.parse(..., functions=AUTHOR_OPS)``."""

DEFAULT_SECONDS = 2.0
_MAX_FACTORIAL = 1000
_MAX_MATRIX_POWER = 100

Env = Mapping[sympy.Symbol, sympy.Basic]


def interpret(expr: sympy.Basic, env: Env | None = None, *, budget: Budget | None = None) -> sympy.Basic:
    """Evaluate an author formula with the parameter values in `env`.

    Raises `FormulaError` for an unknown operation, bad arguments, work over the size limits,
    or a computation running past the budget (2 s by default).

    >>> import sympy
    >>> a, x = sympy.symbols("a x")
    >>> interpret(sympy.Function("diff")(a * x**2, x), {a: sympy.Integer(3)})
    6*x
    """
    return _Evaluator(dict(env or {}), budget or Budget(DEFAULT_SECONDS)).walk(expr)


def author_calls(expr: sympy.Basic) -> list[sympy.Basic]:
    """The calls to undefined functions in a tree (author operations or unknown names).

    >>> import sympy
    >>> [str(c) for c in author_calls(sympy.Function("det")(sympy.Symbol("M")) + 1)]
    ['det(M)']
    """
    if not isinstance(expr, sympy.Basic):
        return []
    calls = expr.atoms(AppliedUndef) | {c.call() for c in expr.atoms(ArrayCall)}
    return sorted(calls, key=sympy.default_sort_key)


def check_calls(expr: sympy.Basic) -> None:
    """Check statically that every call names an author operation with a valid number of arguments.

    >>> import sympy
    >>> check_calls(sympy.Function("det")(sympy.Symbol("A"), sympy.Symbol("B")))
    Traceback (most recent call last):
    ...
    tutor.problems.ops_base.FormulaError: det takes 1 argument, got 2: det(A, B)
    """
    for call in author_calls(expr):
        name = call.func.__name__
        op = OPERATIONS.get(name)
        if op is None:
            raise FormulaError(f"'{name}' is not an author operation")
        low, high = op.arity
        if not low <= len(call.args) <= high:
            raise FormulaError(f"{name} takes {op.arity_text()}, got {len(call.args)}: {show(call)}")


class _Evaluator:
    """One evaluation: the parameter values and the shared budget."""

    def __init__(self, env: dict[sympy.Symbol, sympy.Basic], budget: Budget) -> None:
        self.env = env
        self.budget = budget

    def __call__(self, node: sympy.Basic, extra: Env | None = None) -> sympy.Basic:
        # lazy operations (sum) evaluate their body again with a bound index variable
        if not extra:
            return self.walk(node)
        return _Evaluator({**self.env, **extra}, self.budget).walk(node)

    def walk(self, node: sympy.Basic) -> sympy.Basic:
        self.budget.tick()
        if isinstance(node, sympy.Symbol):
            return self.env.get(node, node)
        if isinstance(node, MatrixBase):
            return _matrix_of([[self.walk(e) for e in node.row(i)] for i in range(node.rows)])
        if not isinstance(node, sympy.Basic) or node.is_Atom or not node.args:
            return node
        if isinstance(node, AppliedUndef):
            return self._call(node)
        if isinstance(node, ArrayCall):   # gradient(f, w) inside a product or sum (tutor.linalg.nodes)
            return self._call(node.call())
        return _rebuild(node, [self.walk(a) for a in node.args])

    def _call(self, node: sympy.Basic) -> sympy.Basic:
        name = node.func.__name__
        op = OPERATIONS.get(name)
        if op is None:
            raise FormulaError(f"'{name}' is not an author operation")
        _arity(op, node)
        if op.lazy:
            return _guarded(op, lambda: op.fn(node.args, self))
        args = tuple(self.walk(a) for a in node.args)
        self.budget.tick()
        return _guarded(op, lambda: op.fn(args, self.budget))


def _arity(op: Operation, node: sympy.Basic) -> None:
    low, high = op.arity
    if not low <= len(node.args) <= high:
        raise FormulaError(f"{op.name} takes {op.arity_text()}, got {len(node.args)}: {show(node)}")


def _guarded(op: Operation, run) -> sympy.Basic:
    try:
        return run()
    except FormulaError:
        raise
    except (ValueError, TypeError, ArithmeticError, NotImplementedError, AttributeError,
            IndexError, RecursionError) as err:
        raise FormulaError(f"{op.name} could not be computed: {err}") from None


def _matrix_of(rows: list[list[sympy.Basic]]) -> sympy.ImmutableMatrix:
    if any(is_matrix(e) for row in rows for e in row):
        raise FormulaError("a matrix entry is itself a matrix")
    return sympy.ImmutableMatrix(rows)


def _rebuild(node: sympy.Basic, args: list[sympy.Basic]) -> sympy.Basic:
    """The node with evaluated arguments, evaluated by SymPy (matrix-aware, size-guarded)."""
    try:
        if isinstance(node, sympy.Add):
            return _fold(operator.add, args, sympy.Add)
        if isinstance(node, sympy.Mul):
            return _fold(operator.mul, args, sympy.Mul)
        if isinstance(node, sympy.Pow):
            return _power(*args)
        if isinstance(node, transpose_of):
            return args[0].T if is_matrix(args[0]) else node.func(*args)
        if isinstance(node, (sympy.factorial, sympy.binomial)):
            _guard_combinatorial(node, args)
        if any(is_matrix(a) for a in args) and not isinstance(
                node, (sympy.Tuple, sympy.FiniteSet, sympy.Equality, sympy.Unequality)):
            raise FormulaError(f"{node.func.__name__} cannot be applied to a matrix")
        return node.func(*args)
    except FormulaError:
        raise
    except (ValueError, TypeError, ArithmeticError, NotImplementedError, AttributeError) as err:
        raise FormulaError(f"could not compute {show(node)}: {err}") from None


def _fold(op, args: list[sympy.Basic], scalar_class) -> sympy.Basic:
    if any(is_matrix(a) for a in args):
        try:
            return reduce(op, args)
        except (sympy.ShapeError, TypeError) as err:
            kind = "add" if op is operator.add else "multiply"
            raise FormulaError(f"cannot {kind} these: {err}") from None
    return scalar_class(*args)


def _power(base: sympy.Basic, exp: sympy.Basic) -> sympy.Basic:
    if is_matrix(base):
        if not (isinstance(exp, sympy.Integer) and abs(int(exp)) <= _MAX_MATRIX_POWER):
            raise FormulaError(f"a matrix can only be raised to a whole power up to {_MAX_MATRIX_POWER}")
        if growth.terms(growth.degree(base) * abs(int(exp)), len(growth.letters(base))) > growth.MAX_TERMS:
            raise FormulaError(f"the entries of this matrix to the power {show(exp)} would be too large to compute")
        if int(exp) < 0 and sympy.ImmutableMatrix(base).det() == 0:
            raise FormulaError(f"the matrix {show(base)} is singular (det = 0), so it has no inverse")
        return sympy.ImmutableMatrix(base ** int(exp))
    if is_matrix(exp):
        raise FormulaError("a power cannot have a matrix as its exponent")
    if base.is_Rational and exp.is_Integer and abs(exp) > 1:
        size = max(abs(base.p), abs(base.q), 2)
        if abs(int(exp)) * len(str(size)) > MAX_DIGITS:
            raise FormulaError(f"{show(base)}^{show(exp)} has more than {MAX_DIGITS} digits")
    return base ** exp


def _guard_combinatorial(node: sympy.Basic, args: list[sympy.Basic]) -> None:
    for a in args:
        if a.is_Number and abs(a) > _MAX_FACTORIAL:
            raise FormulaError(f"{node.func.__name__} of {show(a)} is too large (limit {_MAX_FACTORIAL})")


__all__ = ["AUTHOR_OPS", "Budget", "FormulaError", "author_calls", "check_calls", "interpret"]
