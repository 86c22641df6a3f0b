"""Cheap tests that keep in-process SymPy work bounded.

Most SymPy operations are fast on what learners type and unbounded on what they can type:
``Poly((x - a)^6000)`` expands six thousand terms, ``N(9^9^9^9)`` never returns. Code that
runs in the caller's process (not in a killable worker) asks these first.

>>> import sympy
>>> x, a = sympy.symbols("x a")
>>> degree_bound((x - a)**6000 + x, a), degree_bound(x**2 * (x + 1), x), degree_bound(sympy.sin(x), x)
(6000, 3, inf)
>>> astronomical(sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False))
True
"""
from __future__ import annotations

import math

import sympy


def degree_bound(expr: sympy.Basic, v: sympy.Symbol) -> float:
    """An upper bound on the degree of `expr` as a polynomial in `v` (inf when it is not one),
    computed without expanding anything.

    >>> x = sympy.Symbol("x")
    >>> degree_bound((x + 1)**3 * x, x)
    4
    """
    if v not in expr.free_symbols:
        return 0
    if expr == v:
        return 1
    if expr.is_Add:
        return max(degree_bound(a, v) for a in expr.args)
    if expr.is_Mul:
        return sum(degree_bound(a, v) for a in expr.args)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        return int(expr.exp) * degree_bound(expr.base, v)
    return math.inf


def small_polynomial(expr: sympy.Basic, max_degree: int) -> bool:
    """Whether `expr` is a polynomial of total degree bound <= `max_degree` in each of its
    symbols (rational functions count through their parts).

    >>> x = sympy.Symbol("x")
    >>> small_polynomial((x + 1)**3, 5), small_polynomial((x + 1)**3000, 5)
    (True, False)
    """
    return all(degree_bound(expr, s) <= max_degree for s in expr.free_symbols)


def small(expr: sympy.Basic, limit: int) -> bool:
    """Whether `expr` has at most `limit` nodes (counting stops at the limit: cheap on anything).

    >>> x = sympy.Symbol("x")
    >>> small(x**2 + 1, 10), small(sum(x**k for k in range(50)), 10)
    (True, False)
    """
    count = 0
    for _ in sympy.preorder_traversal(expr):
        count += 1
        if count > limit:
            return False
    return True


def astronomical(expr: sympy.Basic) -> bool:
    """Whether `expr` holds a number too large to compute (``9^9^9^9``, ``(10^100)!``): the
    parser leaves such numbers unevaluated, and SymPy would try to compute them on sight.

    >>> astronomical(sympy.factorial(sympy.Integer(10)**100, evaluate=False))
    True
    """
    for node in sympy.preorder_traversal(expr):
        if node.is_Pow and node.base.is_Integer and abs(node.base) > 1 and node.exp.is_number \
                and not node.is_Rational and (node.exp.is_Pow or node.exp.is_Integer):
            return True
        if isinstance(node, (sympy.factorial, sympy.binomial)) and node.args[0].is_number:
            return True
    return False
