"""Small helpers on SymPy trees that the rules share.

The parser builds expressions unevaluated so the writer's structure survives
(``a/b`` is ``Mul(a, Pow(b, -1))``, ``e^x`` is ``Pow(E, x)``). Rules read that
structure; results are computed on the evaluated form, from the parser's own
`evaluate`, which never multiplies out a typed constant such as 9^9^9^9.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> evaluated(sympy.Mul(2, sympy.Pow(4, -1, evaluate=False), x, evaluate=False))
x/2
"""
from __future__ import annotations

import sympy
from sympy import Basic, E, S

from tutor.parser.evaluate import evaluate as evaluated

__all__ = ["evaluated", "exponential_exponent", "negated", "product",
           "numerator_denominator"]


def exponential_exponent(expr: Basic) -> Basic | None:
    """The exponent u when `expr` is e^u written as ``exp(u)`` or ``Pow(E, u)``, else None.

    >>> import sympy
    >>> exponential_exponent(sympy.Pow(sympy.E, sympy.Symbol("x"), evaluate=False))
    x
    """
    # Pow(E, u) must be tested first: SymPy's isinstance(Pow(E, u), exp) is True
    if isinstance(expr, sympy.Pow):
        return expr.args[1] if expr.args[0] is E else None
    if isinstance(expr, sympy.exp):
        return expr.args[0]
    return None


def negated(expr: Basic) -> Basic:
    """−`expr`, undoing a typed ``Mul(-1, u)`` instead of wrapping it again.

    >>> import sympy
    >>> z = sympy.Symbol("z")
    >>> negated(sympy.Mul(-1, z, evaluate=False))
    z
    """
    if isinstance(expr, sympy.Mul) and expr.args and expr.args[0] == S.NegativeOne:
        rest = expr.args[1:]
        return rest[0] if len(rest) == 1 else sympy.Mul(*rest, evaluate=False)
    return evaluated(-expr)


def product(factors: list[Basic] | tuple[Basic, ...]) -> Basic:
    """The factors as one unevaluated product (the factor itself when there is one).

    >>> import sympy
    >>> product([sympy.Integer(2), sympy.Symbol("x")])
    2*x
    """
    if not factors:
        return S.One
    if len(factors) == 1:
        return factors[0]
    return sympy.Mul(*factors, evaluate=False)


def numerator_denominator(factors: tuple[Basic, ...]) -> tuple[list[Basic], list[Basic]]:
    """Split a product's factors into those above and below the fraction bar.

    A factor ``Pow(g, -n)`` with a negative numeric exponent goes below as ``g^n``.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> numerator_denominator((sympy.sin(x), sympy.Pow(x, -2)))
    ([sin(x)], [x**2])
    """
    above: list[Basic] = []
    below: list[Basic] = []
    for factor in factors:
        if isinstance(factor, sympy.Pow) and factor.args[1].is_number and factor.args[1].is_negative:
            exponent = negated(factor.args[1])
            below.append(factor.args[0] if exponent == S.One else sympy.Pow(factor.args[0], exponent))
        else:
            above.append(factor)
    return above, below

