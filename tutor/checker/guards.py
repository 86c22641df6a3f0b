"""Cheap tests that keep in-process SymPy work bounded.

Most SymPy operations are fast on what learners type and unbounded on what they can type:
``Poly((x - a)^6000)`` expands six thousand terms, ``N(9^9^9^9)`` never returns. Code that
runs in the caller's process (not in a killable worker) asks these first. Whether a number is
too large to compute at all is the parser's judgement, `tutor.parser.evaluate.too_large`, the
one by which it keeps such numbers unevaluated.

>>> import sympy
>>> x, a = sympy.symbols("x a")
>>> degree_bound((x - a)**6000 + x, a), degree_bound(x**2 * (x + 1), x), degree_bound(sympy.sin(x), x)
(6000, 3, inf)
"""
from __future__ import annotations

import math

import sympy

from tutor.parser.evaluate import too_large
from tutor.tree import preorder


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
    for _ in preorder(expr):
        count += 1
        if count > limit:
            return False
    return True


def depth_weight(expr: sympy.Basic, limit: int) -> bool:
    """Whether the sum over the nodes of `expr` of their depth is at most `limit`: a bound on
    the size of its derivative (the chain rule copies every enclosing function once per node
    below it), counted without building it. Stops at the limit: cheap on anything.

    >>> x = sympy.Symbol("x")
    >>> nest = x
    >>> for _ in range(60):
    ...     nest = sympy.sin(nest)
    >>> depth_weight(x**2 + sympy.sin(x), 50), depth_weight(nest, 500)
    (True, False)
    """
    total = 0
    stack = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        total += depth
        if total > limit:
            return False
        stack.extend((a, depth + 1) for a in node.args)
    return True


def huge_constant(expr: sympy.Basic) -> bool:
    """Whether `expr` is, as a whole, a positive number too large to compute: a power of a number
    above 1 (9, e, π, 3/2) to a huge positive exponent, or a factorial, possibly negated.

    >>> huge_constant(sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False))
    True
    >>> huge_constant(sympy.Pow(9, -sympy.Pow(9, 9, evaluate=False), evaluate=False))
    False
    >>> huge_constant(sympy.Pow(sympy.E, sympy.Integer(10)**400, evaluate=False))
    True
    """
    if expr.is_Mul and len(expr.args) == 2 and expr.args[0] == -1:
        expr = expr.args[1]
    if isinstance(expr, (sympy.factorial, sympy.binomial)):
        return too_large(expr)
    return bool(expr.is_Pow and _above_one(expr.base) and too_large(expr) and _positive(expr.exp))


def _above_one(base: sympy.Basic) -> bool:
    """Whether a base is a number above 1 (one too close to 1 to tell at 15 digits is not)."""
    return bool(base > 1) if base.is_Rational else _above(base, 1)


def _positive(exponent: sympy.Basic) -> bool:
    """Whether an exponent is positive: a tower of an integer above 1, or an ordinary number
    (9^9.35 is 387420489·3^(7/10)) whose value is above 0."""
    if exponent.is_Pow and exponent.base.is_Integer and exponent.base > 1:
        return True
    return _above(exponent, 0)


def _above(value: sympy.Basic, bound: int) -> bool:
    """Whether an ordinary number (not too large to compute) is above `bound`, at 15 digits."""
    if not value.is_number or too_large(value):
        return False
    approx = value.evalf(15)
    return bool(approx.is_Float and approx > bound)


def ordinary_somewhere(expr: sympy.Basic, points=(0.5, 1.3, -0.7, 2.1)) -> bool:
    """Whether `expr` (not astronomical) takes a finite real value below 10^300 at some point,
    every variable set to the same number: there it cannot equal a huge constant.

    >>> x = sympy.Symbol("x")
    >>> ordinary_somewhere(x**2), ordinary_somewhere(sympy.log(-x**2 - 1))
    (True, False)
    """
    if too_large(expr) or not small(expr, 2000):
        return False
    symbols = sorted(expr.free_symbols, key=str)
    for point in points:
        try:
            value = complex(sympy.N(expr.subs({s: point for s in symbols}), 20))
        except (TypeError, ValueError, ArithmeticError, RecursionError):
            continue
        if abs(value.imag) < 1e-12 and math.isfinite(value.real) and abs(value.real) < 1e300:
            return True
    return False
