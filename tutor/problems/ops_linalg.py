"""Author operations for linear algebra: det, inverse, rank, eigenvalues, eigenvector, ...

>>> M = sympy.ImmutableMatrix([[2, 1], [1, 2]])
>>> OPERATIONS["det"].fn((M,), None), OPERATIONS["eigenvalues"].fn((M,), None)
(3, {1, 3})
"""
from __future__ import annotations

from functools import reduce
from math import gcd, lcm

import sympy

from tutor.linalg.roots import real_eigenvalues
from tutor.problems.ops_base import (
    MAX_MATRIX, OPERATIONS, Args, Budget, FormulaError, integer, is_matrix, matrix, operation, show,
    symbol,
)


@operation("det", (1, 1), "determinant of a square matrix")
def _det(args: Args, budget: Budget | None) -> sympy.Basic:
    return matrix("det", args[0], square=True).det()


@operation("inverse", (1, 1), "inverse of a square matrix")
def _inverse(args: Args, budget: Budget | None) -> sympy.Basic:
    m = matrix("inverse", args[0], square=True)
    det = m.det()
    if det == 0:
        raise FormulaError(f"inverse: the matrix {show(m)} is singular (det = 0), so it has no inverse")
    return sympy.ImmutableMatrix(m.inv())


@operation("transpose", (1, 1), "transpose of a matrix")
def _transpose(args: Args, budget: Budget | None) -> sympy.Basic:
    return matrix("transpose", args[0]).T


@operation("rank", (1, 1), "rank of a matrix")
def _rank(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.Integer(matrix("rank", args[0]).rank())


@operation("trace", (1, 1), "trace of a square matrix")
def _trace(args: Args, budget: Budget | None) -> sympy.Basic:
    return matrix("trace", args[0], square=True).trace()


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


def _vector(op: str, value: sympy.Basic) -> list[sympy.Basic]:
    if not is_matrix(value) or 1 not in value.shape:
        raise FormulaError(f"{op} needs vectors, got {show(value)}")
    return list(matrix(op, value))


@operation("dot", (2, 2), "dot product of two vectors")
def _dot(args: Args, budget: Budget | None) -> sympy.Basic:
    u, v = _vector("dot", args[0]), _vector("dot", args[1])
    if len(u) != len(v):
        raise FormulaError(f"dot needs vectors of the same length, got {len(u)} and {len(v)}")
    return sympy.Add(*[a * b for a, b in zip(u, v)])


@operation("norm", (1, 1), "Euclidean length of a vector")
def _norm(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.sqrt(sympy.Add(*[a**2 for a in _vector("norm", args[0])]))


__all__ = ["OPERATIONS"]
