"""`Parsed.value`: the typed expression evaluated by SymPy, without ever computing astronomically.

SymPy would happily try to compute ``9^9^9^9``, ``9^(-9^9^9)`` or ``(10^100)!`` and never return.
Here a power, factorial or binomial whose result would have more than `MAX_RESULT_DIGITS` digits
is kept unevaluated, and so is everything built on top of it (``-9^9^9``, ``9^(-9^9^9)``);
relations are never collapsed to True or False.

>>> import sympy
>>> evaluate(sympy.Mul(2, sympy.Pow(4, -1, evaluate=False), evaluate=False))
1/2
>>> big = evaluate(sympy.Pow(9, sympy.Pow(9, 99, evaluate=False), evaluate=False))
>>> big.is_Pow and big.exp == 9**99      # 9^99 is computed; 9^(9^99) is kept as a power
True
"""
from __future__ import annotations

import math

import sympy
from sympy.core.relational import Relational

MAX_RESULT_DIGITS = 10_000
MAX_FACTORIAL = 3_000


def evaluate(expr: sympy.Basic) -> sympy.Basic:
    """Evaluate bottom-up, keeping huge numeric results (and all above them) unevaluated.

    >>> import sympy
    >>> tower = sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False)
    >>> evaluate(sympy.Pow(9, -tower, evaluate=False)).is_Pow    # never computed
    True
    """
    return _evaluate(expr)[0]


def _evaluate(expr: sympy.Basic) -> tuple[sympy.Basic, bool]:
    """The evaluated expression, and whether a part of it had to be kept unevaluated."""
    if isinstance(expr, sympy.MatrixBase):
        pairs = [_evaluate(e) for e in expr]
        values = sympy.ImmutableMatrix(expr.rows, expr.cols, [v for v, _ in pairs])
        return values, any(kept for _, kept in pairs)
    if not expr.args:
        return expr, False
    pairs = [_evaluate(a) for a in expr.args]
    args = [a for a, _ in pairs]
    kept = any(k for _, k in pairs)
    if isinstance(expr, (Relational, sympy.And)):
        return _unevaluated(expr, args), kept
    if kept or _too_big(expr, args):
        return _unevaluated(expr, args), True
    try:
        return expr.func(*args), False
    except (TypeError, ValueError, ArithmeticError, NotImplementedError):
        # SymPy refuses to evaluate this node (e.g. a function of a matrix): keep it as typed
        return expr, False


def _unevaluated(expr: sympy.Basic, args: list[sympy.Basic]) -> sympy.Basic:
    try:
        return expr.func(*args, evaluate=False)
    except TypeError:  # a class without an `evaluate` switch: build the node as it stands
        return sympy.Basic.__new__(type(expr), *args)


def _too_big(expr: sympy.Basic, args: list[sympy.Basic]) -> bool:
    if isinstance(expr, sympy.Pow):
        return _too_big_power(*args)
    if isinstance(expr, (sympy.factorial, sympy.binomial)):
        n = args[0]
        return bool(n.is_Integer and abs(n) > MAX_FACTORIAL)
    return False


def _digits(n: sympy.Basic) -> float:
    """Roughly how many decimal digits the numerator or denominator of a rational has."""
    return max(math.log10(abs(int(n.p)) + 1), math.log10(int(n.q) + 1))


def _too_big_power(base: sympy.Basic, exp: sympy.Basic) -> bool:
    if not (base.is_Rational and exp.is_Rational) or base in (0, 1, -1):
        return False
    size = abs(float(exp)) if abs(exp) < 10 ** 300 else math.inf
    return size * _digits(base) > MAX_RESULT_DIGITS
