"""Simplify a result the way a teacher writes it: σ(z) − y, 2x·cos(x²), 2x(wx + b − y).

A rule's raw result is correct but often clumsy (−y(1 − σ(z)) + (1 − y)σ(z)),
and SymPy's full `simplify` is slow and rewrites too much (σ into exponentials).
`tidy` tries a few cheap, predictable forms — the result as is, with common
factors taken out, with products expanded — and keeps the shortest (the
earlier on a tie). Arguments of functions are left as they are.

>>> import sympy
>>> from tutor.functions import sigmoid
>>> y, z = sympy.symbols("y z")
>>> tidy(-y * (1 - sigmoid(z)) + (1 - y) * sigmoid(z))
-y + sigmoid(z)
"""
from __future__ import annotations

import sympy
from sympy import Basic

from tutor.parser.evaluate import too_large

# above this many operations even the cheap rewrites take long; keep the result as is
_MAX_OPS = 80


def tidy(expr: Basic) -> Basic:
    """The shortest of a few equivalent forms of `expr`: as is, common factors out, products expanded.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> tidy(2 * x * sympy.exp(x) + x**2 * sympy.exp(x))
    x*(x + 2)*exp(x)
    >>> tidy(2 * x * sympy.sin(x) + x**2 * sympy.cos(x))
    x**2*cos(x) + 2*x*sin(x)
    """
    if expr.has(sympy.Derivative) or not expr.free_symbols or too_large(expr):
        return expr  # factor_terms would try to compute 9^9^9^9
    best, best_cost = expr, _cost(expr, expr)
    if best_cost > _MAX_OPS:
        return expr
    for candidate in _forms(expr):
        cost = _cost(candidate, expr)
        if cost < best_cost:
            best, best_cost = candidate, cost
    return best


def _forms(expr: Basic) -> list[Basic]:
    # common factors out (2x(wx + b − y)); products inside a sum expanded so that terms cancel
    # (−y(1 − σ) + (1 − y)σ = σ − y); powers of sums are never multiplied out.
    forms = [_common_factors(expr)]
    if expr.is_Add:
        expanded = sympy.expand_mul(expr)
        forms += [_common_factors(expanded), expanded]
    numerator, denominator = sympy.fraction(expr)
    if denominator != 1 and numerator.is_Add:
        forms.append(sympy.expand_mul(numerator) / denominator)
    return forms


def _common_factors(expr: Basic) -> Basic:
    """Common factors taken out of the sums at the top of `expr`, never inside a function's argument
    (factor_terms would turn σ(2 − 2w) into σ(2(1 − w)))."""
    if expr.is_Add:
        return sympy.gcd_terms(expr)
    if expr.is_Mul:
        return sympy.Mul(*(sympy.gcd_terms(f) if f.is_Add else f for f in expr.args))
    return expr


def _cost(candidate: Basic, original: Basic) -> int:
    cost = int(sympy.count_ops(candidate))
    if original.is_Add and candidate.is_Mul:
        coefficient, rest = candidate.as_coeff_Mul()
        # a number taken out of a sum reads well (2(1 − tanh²(2x))); a teacher takes a symbolic
        # factor out of a sum only when it pays (x(x + 2)e^x, x(σ − y), but 2x·sin(x) + x²·cos(x))
        cost += -1 if rest.is_Add and coefficient != 1 else 1
    return cost
