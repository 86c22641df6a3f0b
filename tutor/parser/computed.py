"""Matrices the learner computed with literal matrices: the result, and the operation as typed.

``[[-1, -1], [5, 2]]^-1`` is a 2×2 matrix (the checker compares its entries), but a preview must
show what was typed, the inverse of that matrix, never the inverse itself; and a problem that
asks for an inverse must see that the answer still contains one (`forbid`). A `Computed` matrix
is the result, carrying `typed`: the unevaluated SymPy operation (``MatPow``, ``MatMul``,
``MatAdd``, ``Transpose``) whose arguments are themselves as typed. Arithmetic on it gives plain
results (`typed` None), so only what the builder wraps is shown as typed.

>>> import sympy
>>> m = sympy.ImmutableMatrix([[-1, -1], [5, 2]])
>>> c = computed(m ** -1, lambda: sympy.MatPow(m, -1, evaluate=False))
>>> c == sympy.ImmutableMatrix([[sympy.Rational(2, 3), sympy.Rational(1, 3)], [sympy.Rational(-5, 3), sympy.Rational(-1, 3)]])
True
>>> type(c).__name__, type(m).__name__, getattr(m, "typed", None)
('Computed', 'ImmutableDenseMatrix', None)
>>> typed_of(c)
Matrix([
[-1, -1],
[ 5,  2]])**(-1)
"""
from __future__ import annotations

from collections.abc import Callable

import sympy

from tutor.tree import preorder


class Computed(sympy.ImmutableDenseMatrix):
    """A matrix computed from literal matrices, with `typed`, the operation as typed (or None)."""

    typed: sympy.Basic | None = None

    def __hash__(self) -> int:   # equal to the plain matrix, so it hashes like one
        return hash(("ImmutableDenseMatrix",) + self._hashable_content())


def computed(result: sympy.MatrixBase, typed: Callable[[], sympy.Basic]) -> sympy.MatrixBase:
    """`result` (a matrix) remembering that it was typed as `typed()`; just `result` when SymPy
    cannot build that unevaluated operation (a product with a function of a matrix in it).

    >>> m = sympy.ImmutableMatrix([1, 2])
    >>> computed(2 * m, lambda: sympy.MatMul(2, m, evaluate=False)).typed.args[0]
    2
    """
    try:
        operation = typed()
    except (TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError):
        return result
    out = Computed(result.rows, result.cols, list(result))   # Computed(result) would be result itself
    out.typed = operation
    return out


def typed_of(value: sympy.Basic) -> sympy.Basic:
    """What was typed for a value: the operation for a computed matrix, else the value itself.

    >>> typed_of(sympy.Integer(5))
    5
    """
    typed = getattr(value, "typed", None)
    return value if typed is None else typed


def reading(expr: sympy.Basic) -> sympy.Basic:
    """`expr` with every computed matrix in it replaced by what was typed.

    >>> import tutor
    >>> str(reading(tutor.parse("[[1, 2], [3, 4]]^-1").expr))
    'Matrix([\\n[1, 2],\\n[3, 4]])**(-1)'
    """
    if isinstance(expr, Computed):
        return typed_of(expr)
    found = {e: e.typed for e in preorder(expr) if isinstance(e, Computed) and e.typed is not None}
    return expr.xreplace(found) if found else expr
