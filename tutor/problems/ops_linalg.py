"""Author operations for linear algebra: det, inverse, rank, eigenvalues, eigenvector, ...

>>> M = sympy.ImmutableMatrix([[2, 1], [1, 2]])
>>> OPERATIONS["det"].fn((M,), None), OPERATIONS["eigenvalues"].fn((M,), None)
(3, {1, 3})
"""
from __future__ import annotations

from functools import reduce
from math import gcd, lcm

import sympy

from tutor import ops
from tutor.linalg import nodes as la
from tutor.linalg.roots import real_eigenvalues
from tutor.problems.ops_base import (
    MAX_MATRIX, OPERATIONS, Args, Budget, FormulaError, integer, is_matrix, matrix, operation, show,
    symbol,
)


@operation("rank", (1, 1), "rank of a matrix")
def _rank(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.Integer(matrix("rank", args[0]).rank())


@operation("rref", (1, 1), "reduced row echelon form")
def _rref(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.ImmutableMatrix(matrix("rref", args[0]).rref()[0])


@operation("eigenvalues", (1, 1), "the set of real eigenvalues")
def _eigenvalues(args: Args, budget: Budget | None) -> sympy.Basic:
    m = matrix("eigenvalues", args[0], square=True)
    return real_eigenvalues(m)


def _integer_direction(v: sympy.ImmutableMatrix) -> sympy.ImmutableMatrix:
    """Scale a rational vector to coprime integers with a positive first nonzero entry."""
    if not all(e.is_Rational for e in v):
        return v
    denominators = reduce(lcm, (int(e.q) for e in v), 1)
    ints = [int(e * denominators) for e in v]
    common = reduce(gcd, ints, 0) or 1
    first = next((i for i in ints if i), 1)
    sign = -1 if first < 0 else 1
    return sympy.ImmutableMatrix([sign * i // common for i in ints])


@operation("eigenvector", (2, 2), "one eigenvector for a given eigenvalue")
def _eigenvector(args: Args, budget: Budget | None) -> sympy.Basic:
    m = matrix("eigenvector", args[0], square=True)
    value = args[1]
    basis = (m - value * sympy.eye(m.shape[0])).nullspace()
    if not basis:
        raise FormulaError(f"eigenvector: {show(value)} is not an eigenvalue of {show(m)}")
    return _integer_direction(sympy.ImmutableMatrix(basis[0]))


@operation("charpoly", (2, 2), "det(M − l·I), expanded, as a polynomial in l")
def _charpoly(args: Args, budget: Budget | None) -> sympy.Basic:
    m = matrix("charpoly", args[0], square=True)
    lam = symbol("charpoly", args[1], "the variable of the polynomial")
    return sympy.expand((m - lam * sympy.eye(m.shape[0])).det())


@operation("identity", (1, 1), "the n×n identity matrix")
def _identity(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.ImmutableMatrix(sympy.eye(integer("identity", args[0], "the size", 1, MAX_MATRIX)))


def _from_registry(op: ops.MatrixOperation) -> None:
    """Register a matrix operation of the registry (`tutor.ops.matrices`) as an author operation on
    explicit matrices, under each of its names: the registry's exact facet computes it, its shape
    rule says what fits. A row vector is taken as the column it writes (``dot([1, 2], [3, 4])``)."""
    def fn(args: Args, budget: Budget | None) -> sympy.Basic:
        if any(la.is_array(a) for a in args):
            return _symbolic(op, args)
        values = [matrix(op.name, a) for a in args]
        if op.shape in _COLUMNS:
            values = [v.T if v.rows == 1 and v.cols > 1 else v for v in values]
        try:
            op.shape.result([v.shape for v in values], [show(v) for v in values], op.noun, op.name)
            return op.exact(*values)
        except ops.ShapeError as err:
            raise FormulaError(f"{op.name}: {err}") from None
        except ArithmeticError:
            raise FormulaError(f"{op.name}: the matrix {show(values[0])} is singular (det = 0), so it has no "
                               f"{op.noun}") from None
    for name in op.names:
        operation(name, op.arity, f"{op.noun} ({op.shape.value})")(fn)


def _symbolic(op: ops.MatrixOperation, args: Args) -> sympy.Basic:
    """The operation on declared matrices and vectors (``transpose(X)``, ``norm(X w - y)``): the
    registry's unevaluated node, after its shape rule."""
    if not all(la.is_array(a) or is_matrix(a) for a in args):
        raise FormulaError(f"{op.name} needs matrices or vectors, got {', '.join(show(a) for a in args)}")
    try:
        op.shape.result([tuple(a.shape) for a in args], [show(a) for a in args], op.noun, op.name)
    except ops.ShapeError as err:
        raise FormulaError(f"{op.name}: {err}") from None
    return op.build(*args)


_COLUMNS = (ops.Shape.COLUMNS_TO_SCALAR, ops.Shape.ARRAY_TO_SCALAR, ops.Shape.COLUMN_TO_SQUARE)
for _op in ops.MATRIX_OPERATIONS:
    _from_registry(_op)


__all__ = ["OPERATIONS"]
