"""The transpose and the inverse of a product of declared matrices: (AB)ᵀ = BᵀAᵀ, (AB)⁻¹ = B⁻¹A⁻¹.

``transpose(A B)`` and ``inverse(A B)`` (or ``(A B)^T``, ``(A B)^(-1)``) with A and B declared are
worked as one rule (`ProductTransposed`, `ProductInverted`): the factors in the reverse order, each
transposed (or inverted) by a bookkeeping step that also undoes a double transpose or inverse
((Aᵀ)ᵀ = A), so ``transpose(A^T B^T C^T)`` is C B A.

>>> from tutor.steps.solve import solution_steps
>>> square = {"A": "matrix(n, n)", "B": "matrix(n, n)"}
>>> s = solution_steps("inverse(A B)", declare=square)
>>> s.root.rule, str(s.result)
('inverse_of_product', 'B**(-1)*A**(-1)')
>>> s.diagnose("A^(-1) B^(-1)").bug
'inverse_keeps_order'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.linalg import nodes as la
from tutor.steps.matrix_calculus import split_product, times, transposed
from tutor.steps.node import Node, show
from tutor.values import frozen


def inverted(m: Basic) -> Basic:
    """m⁻¹ written out: an inverse undone ((A⁻¹)⁻¹ = A), I kept, anything else inverted.

    >>> A = sympy.MatrixSymbol("A", 2, 2)
    >>> inverted(la.inverse(A)), inverted(A)
    (A, A**(-1))
    """
    if isinstance(m, sympy.Inverse):
        return m.arg
    if isinstance(m, sympy.Identity):
        return m
    return la.inverse(m)


@frozen(eq=False, kw_only=True)
class FactorTransposed(Node):
    """One factor transposed; a transpose of a transpose is the matrix itself."""

    rule = "transpose_factor"
    name = "transpose of one factor"
    statement = "Transpose the factor; transposing twice gives the matrix back: (Aᵀ)ᵀ = A."
    subgoal = False

    def goal(self) -> str:
        return show(la.transpose(self.expr))

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return transposed(self.expr)


@frozen(eq=False, kw_only=True)
class FactorKept(FactorTransposed):
    """A factor that is simply transposed (Bᵀ): nothing to work out, so no rung of its own."""

    rule = "given"


@frozen(eq=False, kw_only=True)
class FactorInverted(Node):
    """One factor inverted; an inverse of an inverse is the matrix itself."""

    rule = "inverse_factor"
    name = "inverse of one factor"
    statement = "Invert the factor; inverting twice gives the matrix back: (A⁻¹)⁻¹ = A."
    subgoal = False

    def goal(self) -> str:
        return show(la.inverse(self.expr))

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return inverted(self.expr)


@frozen(eq=False, kw_only=True)
class InverseKept(FactorInverted):
    """A factor that is simply inverted (B⁻¹): nothing to work out, so no rung of its own."""

    rule = "given"


@frozen(eq=False, kw_only=True)
class ProductTransposed(Node):
    """(A B … Z)ᵀ = Zᵀ … Bᵀ Aᵀ: the order reverses and each factor is transposed."""

    coefficient: Basic
    rule = "transpose_of_product"
    name = "transpose of a product"
    statement = ("(P Q)ᵀ = Qᵀ Pᵀ: transposing a product reverses the order of the factors and transposes "
                 "each one (rows of P Q are columns of its transpose).")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return times(self.coefficient, list(parts))

    def instance(self) -> str:
        return _factors_text(self.coefficient if self.rule == "transpose_of_product" else 1 / self.coefficient,
                             self.children)


@frozen(eq=False, kw_only=True)
class ProductInverted(Node):
    """(A B … Z)⁻¹ = Z⁻¹ … B⁻¹ A⁻¹: the order reverses and each factor is inverted."""

    coefficient: Basic
    rule = "inverse_of_product"
    name = "inverse of a product"
    statement = ("(P Q)⁻¹ = Q⁻¹ P⁻¹: undo the last factor first (check: P Q Q⁻¹ P⁻¹ = I); each factor "
                 "must be square and invertible.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return times(1 / self.coefficient, list(parts))

    def instance(self) -> str:
        return _factors_text(self.coefficient if self.rule == "transpose_of_product" else 1 / self.coefficient,
                             self.children)


def _factors_text(c: Basic, children: Sequence[Node]) -> str:
    text = " ".join(f"({child.goal()})" if " " in child.goal() else child.goal() for child in children)
    return text if c == 1 else f"{show(c)}·{text}"


def product_tree(expr: Basic) -> Node | None:
    """The rule tree of (A B …)ᵀ or (A B …)⁻¹ for declared matrices, or None for anything else.

    >>> A, B = sympy.MatrixSymbol("A", 2, 2), sympy.MatrixSymbol("B", 2, 2)
    >>> product_tree(sympy.Transpose(sympy.MatMul(A, B))).result
    B.T*A.T
    >>> product_tree(A) is None
    True
    """
    if isinstance(expr, sympy.Transpose) and isinstance(expr.arg, sympy.MatMul):
        c, factors = split_product(expr.arg)
        turned: tuple[Node, ...] = tuple((FactorTransposed if isinstance(f, sympy.Transpose) else FactorKept)(expr=f)
                                         for f in reversed(factors))
        return ProductTransposed(expr=expr, coefficient=c, children=turned)
    inverse = isinstance(expr, sympy.Inverse) or isinstance(expr, sympy.MatPow) and expr.exp == -1
    if inverse and isinstance(expr.args[0], sympy.MatMul):
        c, factors = split_product(expr.args[0])
        if c == 0 or any(f.shape[0] != f.shape[1] for f in factors):
            return None   # (XᵀX)⁻¹ with X n×d: the product cannot be split into inverses
        undone: tuple[Node, ...] = tuple((FactorInverted if isinstance(f, sympy.Inverse) else InverseKept)(expr=f)
                                         for f in reversed(factors))
        return ProductInverted(expr=expr, coefficient=c, children=undone)
    return None
