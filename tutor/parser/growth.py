"""How large the entries of a product of symbolic matrices can grow, judged before computing it.

A product or power of matrices with letters in them writes out polynomials: a 3×3 matrix of nine
letters to the 50th power has entries with up to comb(50 + 9, 9) ≈ 10^10 terms, and SymPy would
try. `terms` bounds the number of terms from the total degree and the number of letters, so the
parser and the problem interpreter refuse such work at once.

>>> import sympy
>>> a, b, c, d = sympy.symbols("a b c d")
>>> m = sympy.ImmutableMatrix([[a, b], [c, d]])
>>> terms(degree(m) * 5, len(letters(m))), terms(degree(m) * 50, len(letters(m)))
(126, 316251)
"""
from __future__ import annotations

import math

import sympy

MAX_TERMS = 200   # terms an entry of a computed matrix product may have


def terms(total_degree: float, count: int) -> float:
    """A bound on the number of terms of a polynomial of `total_degree` in `count` letters.

    >>> terms(2, 1), terms(math.inf, 3)
    (3, inf)
    """
    if total_degree == math.inf:
        return math.inf
    return math.comb(int(total_degree) + count, count)


def letters(value: sympy.Basic | sympy.MatrixBase) -> set[sympy.Basic]:
    """The letters, constants (π, e) and functions the entries of `value` are written in.

    >>> sorted(map(str, letters(sympy.ImmutableMatrix([[sympy.Symbol("x"), sympy.pi]]))))
    ['pi', 'x']
    """
    found: set[sympy.Basic] = set()
    for part in (value if isinstance(value, sympy.MatrixBase) else [value]):
        if isinstance(part, sympy.Basic):
            found |= part.free_symbols | part.atoms(sympy.NumberSymbol, sympy.Function)
    return found


def degree(value: sympy.Basic | sympy.MatrixBase) -> float:
    """A bound on the total degree of an expression (or the entries of a matrix), each letter,
    constant or function counting 1.

    >>> x = sympy.Symbol("x")
    >>> degree(x**3 * (x + 1)), degree(sympy.ImmutableMatrix([[x, 1], [2, x**2]]))
    (4, 2)
    """
    if isinstance(value, sympy.MatrixBase):
        return max((degree(e) for e in value), default=0)
    if not isinstance(value, sympy.Basic) or value.is_Rational or value.is_Float:
        return 0
    if value.is_Add:
        return max(degree(a) for a in value.args)
    if value.is_Mul:
        return sum(degree(a) for a in value.args)
    if value.is_Pow and value.exp.is_Integer:
        return abs(int(value.exp)) * degree(value.base) if abs(value.exp) < 10 ** 6 else math.inf
    return 1
