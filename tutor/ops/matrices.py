r"""The matrix operations: one block per operation, every facet next to the others.

Each is a `MatrixOperation`: its learner names, what a teacher calls it, the SymPy node it builds
(symbolic or on explicit matrices, always unevaluated), its exact value on explicit SymPy
matrices, its float value on NumPy arrays, its shape rule and how it is written. The parser (calls
on declared or typed matrices), the LaTeX reader, the printers, the parser's evaluation of typed
matrices, the prober (`tutor.linalg.numeric`), the author language and `forbid` all read them.

NumPy is imported when a float facet first runs, so importing the registry stays cheap.

>>> import sympy
>>> M = sympy.ImmutableMatrix([[4, 7], [2, 6]])
>>> [op.name for op in MATRIX]
['transpose', 'inverse', 'det', 'tr', 'diag', 'dot', 'norm', 'matmul']
>>> INVERSE.exact(M), DET.exact(M), DET.build(M)
(Matrix([
[ 3/5, -7/10],
[-1/5,   2/5]]), 10, Determinant(Matrix([
[4, 7],
[2, 6]])))
"""
from __future__ import annotations

from typing import Any

import sympy
from sympy import Basic
from sympy.matrices.expressions.diagonal import DiagMatrix

from tutor.ops.matrix_nodes import AsScalar, Norm
from tutor.ops.operation import MatrixOperation, NoStepRule, Shape, Written

SINGULAR_CONDITION = 1e10
"""A float matrix whose condition number exceeds this is treated as singular by the prober."""

_TAUGHT = NoStepRule("a matrix operation: taught by the linear-algebra engine (tutor.steps.linalg), "
                     "not by a derivative rule")


def _np() -> Any:
    import numpy    # noqa: PLC0415 - deferred: NumPy costs start-up, and only probing needs it
    return numpy


def _float_inverse(m: Any) -> Any:
    np = _np()
    if np.linalg.cond(m) > SINGULAR_CONDITION:
        raise ArithmeticError("the matrix is singular")
    return np.linalg.inv(m)


def _float_product(a: Any, b: Any) -> Any:
    if a.shape[1] != b.shape[0]:
        raise ArithmeticError("the sizes do not fit")
    return a @ b


def _exact_inverse(m: sympy.MatrixBase) -> sympy.MatrixBase:
    if m.det() == 0:
        raise ArithmeticError("the matrix is singular")
    return sympy.ImmutableMatrix(m.inv())


def _immutable(m: Any) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(m)


TRANSPOSE = MatrixOperation(
    "transpose", "transpose", sympy.Transpose,
    build=lambda a: sympy.Transpose(a),
    exact=lambda m: _immutable(m.T),
    float=lambda m: m.T,
    arity=(1, 1), shape=Shape.TRANSPOSE,
    written=Written("{0}^T", "{0}^{{T}}"),
    step=_TAUGHT)

INVERSE = MatrixOperation(
    "inverse", "inverse", sympy.Inverse,
    build=lambda a: sympy.Inverse(a),
    exact=_exact_inverse,
    float=_float_inverse,
    arity=(1, 1), shape=Shape.SQUARE,
    written=Written("{0}^(−1)", "{0}^{{-1}}"),
    step=_TAUGHT)

DET = MatrixOperation(
    "det", "determinant", sympy.Determinant,
    build=lambda a: sympy.Determinant(a),
    exact=lambda m: m.det(),
    float=lambda m: float(_np().linalg.det(m)),
    arity=(1, 1), shape=Shape.SQUARE_TO_SCALAR,
    written=Written("det({0})", r"\det\left({0}\right)", (r"\det", r"\operatorname{det}")),
    step=_TAUGHT)

TRACE = MatrixOperation(
    "tr", "trace", sympy.Trace,
    build=lambda a: sympy.Trace(a),
    exact=lambda m: m.trace(),
    float=lambda m: float(_np().trace(m)),
    arity=(1, 1), shape=Shape.SQUARE_TO_SCALAR,
    written=Written("tr({0})", r"\operatorname{{tr}}\left({0}\right)",
                    (r"\operatorname{tr}", r"\operatorname{trace}", r"\operatorname{Tr}")),
    step=_TAUGHT, aliases=("trace",))

DIAG = MatrixOperation(
    "diag", "diagonal matrix", DiagMatrix,
    build=lambda a: DiagMatrix(a),
    exact=lambda v: sympy.ImmutableMatrix(sympy.diag(*v)),
    float=lambda v: _np().diagflat(v),
    arity=(1, 1), shape=Shape.COLUMN_TO_SQUARE,
    written=Written("diag({0})", r"\operatorname{{diag}}\left({0}\right)",
                    (r"\operatorname{diag}",)),
    step=_TAUGHT)

DOT = MatrixOperation(
    "dot", "dot product", AsScalar,
    build=lambda a, b: AsScalar(sympy.MatMul(sympy.Transpose(a), b, evaluate=False)),
    exact=lambda a, b: (a.T * b)[0, 0],
    float=lambda a, b: float((a.T @ b)[0, 0]),
    arity=(2, 2), shape=Shape.COLUMNS_TO_SCALAR,
    written=Written("{0}^T {1}", "{0}^{{T}} {1}"),
    step=_TAUGHT)

NORM = MatrixOperation(
    "norm", "norm", Norm,
    build=lambda a: Norm(a),
    exact=lambda m: sympy.sqrt(sum((e**2 for e in m), sympy.Integer(0))),   # real entries: the course is real
    float=lambda m: float(_np().linalg.norm(m)),
    arity=(1, 1), shape=Shape.ARRAY_TO_SCALAR,
    written=Written("‖{0}‖", r"\left\| {0} \right\|"),
    step=_TAUGHT)

MATMUL = MatrixOperation(
    "matmul", "matrix product", sympy.MatMul,
    build=lambda *factors: sympy.MatMul(*factors, evaluate=False),
    exact=lambda *factors: _product(factors),
    float=lambda *factors: _float_chain(factors),
    arity=(2, 0), shape=Shape.PRODUCT,
    written=Written("{0} {1}", "{0} {1}"),
    step=_TAUGHT, learner=False)


def _product(factors: tuple) -> Basic:
    out = factors[0]
    for f in factors[1:]:
        if out.shape[1] != f.shape[0]:
            raise ArithmeticError("the sizes do not fit")
        out = out * f
    return _immutable(out)


def _float_chain(factors: tuple) -> Any:
    out = factors[0]
    for f in factors[1:]:
        out = _float_product(out, f)
    return out


MATRIX: tuple[MatrixOperation, ...] = (TRANSPOSE, INVERSE, DET, TRACE, DIAG, DOT, NORM, MATMUL)
"""Every matrix operation, in the order the parser's names table lists them."""
