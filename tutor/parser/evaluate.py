"""`Parsed.value`: the typed expression evaluated by SymPy, without ever computing astronomically.

SymPy would happily try to compute ``9^9^9^9`` or ``(10^100)!`` and never return; here a power,
factorial or binomial whose result would have more than `MAX_RESULT_DIGITS` digits is kept
unevaluated, and relations are never collapsed to True or False.

>>> import sympy
>>> two = sympy.Integer(2)
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
    """Evaluate bottom-up, keeping huge numeric results and relations unevaluated."""
    if isinstance(expr, sympy.MatrixBase):
        return sympy.ImmutableMatrix(expr.applyfunc(evaluate))
    if not expr.args or isinstance(expr, (sympy.Interval,)) and not expr.free_symbols:
        return expr
    args = [evaluate(a) for a in expr.args]
    if isinstance(expr, sympy.Pow) and _too_big_power(*args):
        return sympy.Pow(*args, evaluate=False)
    if isinstance(expr, (sympy.factorial, sympy.binomial)) and _too_big_factorial(args):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, (Relational, sympy.And)):
        return expr.func(*args, evaluate=False)
    if isinstance(expr, (sympy.Add, sympy.Mul)) and any(_huge(a) for a in args):
        return expr.func(*args, evaluate=False)
    try:
        return expr.func(*args)
    except (TypeError, ValueError, ArithmeticError, NotImplementedError):
        # SymPy refuses to evaluate this node (e.g. a function of a matrix): keep it as typed
        return expr


def _digits(n: sympy.Basic) -> float:
    """Roughly how many decimal digits the numerator or denominator of a rational has."""
    if n.is_Rational:
        return max(math.log10(abs(int(n.p)) + 1), math.log10(int(n.q) + 1))
    return 1.0


def _too_big_power(base: sympy.Basic, exp: sympy.Basic) -> bool:
    if not exp.is_Number:
        return _huge(exp) and base.is_number
    if not base.is_number:
        return False
    if _huge(base):
        return abs(exp) > 1
    size = abs(float(exp)) if abs(exp) < 10 ** 300 else math.inf
    if base.is_Rational:
        return size * _digits(base) > MAX_RESULT_DIGITS
    return size > MAX_RESULT_DIGITS


def _too_big_factorial(args: list[sympy.Basic]) -> bool:
    n = args[0]
    return n.is_number and (_huge(n) or n.is_Integer and abs(n) > MAX_FACTORIAL)


def _huge(e: sympy.Basic) -> bool:
    """An unevaluated tower or factorial left over from a guard below."""
    return isinstance(e, (sympy.Pow, sympy.factorial, sympy.binomial)) and e.is_number and all(
        a.is_number for a in e.args) and not e.is_Atom and _is_guarded(e)


def _is_guarded(e: sympy.Basic) -> bool:
    if isinstance(e, sympy.Pow):
        return e.exp.is_Integer and abs(e.exp) > 1 and e.base.is_Rational and \
            abs(e.exp) * _digits(e.base) > MAX_RESULT_DIGITS or _huge(e.exp) or _huge(e.base)
    return e.args[0].is_Integer and e.args[0] > MAX_FACTORIAL or _huge(e.args[0])
