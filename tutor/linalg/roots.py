"""The real roots of a polynomial and the real eigenvalues of a matrix, exactly.

SymPy's `roots` gives a cubic's or quartic's real roots in Cardano's form, where
`is_real` is undecided (``None``): filtering on ``is_real`` dropped them, so
``eigenvalues([[2,1,0,0],[1,2,1,0],[0,1,2,1],[0,0,1,3]])`` came out as ``{3}``
instead of four values. When any root is undecided, the real roots are taken from
`sympy.real_roots` instead (exact `CRootOf` values, isolated on the real line).

>>> import sympy
>>> lam = sympy.Symbol("lambda")
>>> real_roots(lam**2 - 4 * lam + 3, lam)
{1, 3}
>>> len(real_eigenvalues(sympy.Matrix([[2, 1, 0, 0], [1, 2, 1, 0], [0, 1, 2, 1], [0, 0, 1, 3]])))
4
"""

from __future__ import annotations

import sympy
from sympy import Basic

__all__ = ["real_eigenvalues", "real_roots"]


def real_roots(p: Basic, variable: sympy.Symbol) -> sympy.FiniteSet:
    """The set of real roots of the polynomial `p` in `variable`.

    Radical forms are kept when SymPy can tell which roots are real; otherwise the
    roots are exact `CRootOf` values (rational coefficients), or, for a polynomial
    with symbols in its coefficients, the roots SymPy can show to be real.

    >>> x = sympy.Symbol("x")
    >>> real_roots(x**2 + 1, x)
    EmptySet
    >>> sorted(round(float(r), 6) for r in real_roots(x**3 - 3*x + 1, x))
    [-1.879385, 0.347296, 1.532089]
    """
    poly = sympy.Poly(p, variable)
    found = sympy.roots(poly)
    rational = poly.domain.is_QQ or poly.domain.is_ZZ
    complete = sum(found.values()) == poly.degree()
    if complete and all(r.is_real is not None for r in found):
        return sympy.FiniteSet(*[r for r in found if r.is_real])
    if rational:
        return sympy.FiniteSet(*sympy.real_roots(poly))
    if not complete:
        return sympy.FiniteSet(*sympy.solveset(poly.as_expr(), variable, domain=sympy.S.Reals))
    return sympy.FiniteSet(*[r for r in found if r.is_real])


def real_eigenvalues(m: sympy.MatrixBase) -> sympy.FiniteSet:
    """The set of real eigenvalues of the square matrix `m`: the real roots of det(M − λI).

    >>> real_eigenvalues(sympy.Matrix([[2, 1], [1, 2]]))
    {1, 3}
    >>> real_eigenvalues(sympy.Matrix([[0, -1], [1, 0]]))
    EmptySet
    """
    poly = m.charpoly()
    return real_roots(poly.as_expr(), poly.gen)
