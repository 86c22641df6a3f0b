"""The SymPy nodes of our own that registry matrix operations build: ‖v‖ and a 1×1 product as a number.

SymPy has `Trace`, `Determinant`, `Inverse`, `Transpose`, `DiagMatrix` and `MatMul`; it has no
unevaluated norm of a vector, and a 1×1 matrix expression (xᵀy) does not mix with scalar algebra.
These two complete the set, so ``norm`` and ``dot`` are registry operations like the others
(`tutor.ops.matrices`). `tutor.linalg.nodes` re-exports them with the rest of the matrix nodes.

>>> import sympy
>>> x = sympy.MatrixSymbol("x", 3, 1)
>>> str(Norm(x)), str(AsScalar(sympy.MatMul(x.T, x, evaluate=False)))
('‖x‖', 'x.T*x')
"""
from __future__ import annotations

import sympy
from sympy.matrices.expressions import MatrixExpr


class Norm(sympy.Expr):
    """‖v‖: the Euclidean norm of a vector (Frobenius for a matrix), a non-negative number.

    >>> str(Norm(sympy.MatrixSymbol("x", sympy.Symbol("n"), 1)))
    '‖x‖'
    """

    is_commutative = True
    is_nonnegative = True
    is_real = True

    def __new__(cls, arg: MatrixExpr):
        return sympy.Expr.__new__(cls, arg)

    @property
    def arg(self) -> MatrixExpr:
        return self.args[0]

    def _sympystr(self, printer) -> str:
        return f"‖{printer._print(self.arg)}‖"

    def _latex(self, printer, exp=None) -> str:
        text = r"\left\| %s \right\|" % printer._print(self.arg)
        return text if exp is None else r"%s^{%s}" % (text, exp)


class AsScalar(sympy.Expr):
    """A 1×1 matrix expression used as a number: xᵀy, wᵀx + b, dot(x, y).

    >>> x = sympy.MatrixSymbol("x", sympy.Symbol("n"), 1)
    >>> str(AsScalar(sympy.MatMul(x.T, x, evaluate=False)))
    'x.T*x'
    """

    is_commutative = True

    def __new__(cls, arg: MatrixExpr):
        return sympy.Expr.__new__(cls, arg)

    @property
    def arg(self) -> MatrixExpr:
        return self.args[0]

    def _sympystr(self, printer) -> str:
        return printer._print(self.arg)

    def _latex(self, printer, exp=None) -> str:
        text = printer._print(self.arg)
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)
