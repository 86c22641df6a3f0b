"""Numeric fingerprints: an expression's values at a few fixed sample points.

Diagnosis compares a learner's answer with the results of many buggy rules; a
fingerprint (complex values at a few points, computed once per expression by a
small tree walk, no code generation) screens them in microseconds. Points are
drawn per variable name from (0.15, 0.95) so they are the same for the
learner's symbols and ours; complex arithmetic means ln or √ of a negative
value is still a comparable number.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> a = fingerprint(sympy.sin(2 * x))
>>> close(a, fingerprint(2 * sympy.sin(x) * sympy.cos(x)))
True
"""
from __future__ import annotations

import cmath
import math
import zlib
from collections.abc import Callable, Sequence

import sympy
from sympy import Basic

from tutor import ops
from tutor.deadline import tick
from tutor.parser.evaluate import magnitude, too_large
from tutor.tree import preorder

Fingerprint = tuple[complex, ...]

POINTS = 4
_GOLDEN = 0.6180339887498949


def sample(name: str, k: int) -> float:
    """The k-th sample value of the variable called `name`: in (0.15, 0.95), fixed for that name.

    >>> sample("x", 0) == sample("x", 0) != sample("y", 0)
    True
    """
    seed = zlib.crc32(name.encode("utf-8"))
    return 0.15 + 0.8 * (((seed % 9973) + (k + 1) * 7919) * _GOLDEN % 1.0)


def fingerprint(expr: Basic, points: int = POINTS, first: int = 0) -> Fingerprint | None:
    """`expr`'s values at sample points `first` … `first + points − 1`, or None if it cannot be evaluated.

    >>> import sympy
    >>> fingerprint(sympy.Derivative(sympy.Function("f")(sympy.Symbol("x"))), 1) is None
    True
    """
    values = []
    for k in range(first, first + points):
        tick()   # a diagnosis runs within the check's time budget
        value = _value_at(expr, k)
        if value is None:
            return None
        values.append(value)
    return tuple(values)


def _value_at(expr: Basic, k: int) -> complex | None:
    """The value at sample point k: in machine floats, or with mpmath when they overflow."""
    try:
        value = evaluate(expr, lambda name: sample(name, k))
        if math.isfinite(value.real) and math.isfinite(value.imag):
            return value
    except (ArithmeticError, ValueError, TypeError, _Unevaluable):
        pass
    return _precise_value_at(expr, k)


def _precise_value_at(expr: Basic, k: int) -> complex | None:
    # (4x² + 1)^1000 / (4x² + 1)^2000 overflows floats but not mpmath, whose exponents are unbounded
    if expr.has(sympy.Derivative) or too_large(expr) or _huge_exponent(expr):
        return None
    try:
        point = {s: sympy.Float(sample(s.name, k), 30) for s in expr.free_symbols}
        value = complex(sympy.N(expr.subs(point), 20))
    except (ArithmeticError, ValueError, TypeError, AttributeError):
        return None
    return value if math.isfinite(value.real) and math.isfinite(value.imag) else None


_EXPONENT_DIGITS = 300   # past this, a power at a sample point is 0 or overflows anything but mpmath


def _huge_exponent(expr: Basic) -> bool:
    """Whether a power has a number of more than 300 digits as its exponent: at a sample point its
    value is 0 or astronomically large, and mpmath spends seconds working out which
    (x^(9^9647.69), a 9,206-digit exponent, took seven).

    >>> x = sympy.Symbol("x")
    >>> _huge_exponent(x ** (sympy.Integer(3) ** 19295)), _huge_exponent(x ** 2000), _huge_exponent(x ** x)
    (True, False, False)
    """
    for node in preorder(expr):
        if node.is_Pow or isinstance(node, sympy.exp):
            exponent = node.as_base_exp()[1]
            if exponent.is_number and _EXPONENT_DIGITS < magnitude(exponent) < math.inf:
                return True
    return False


def close(a: Sequence[complex] | None, b: Sequence[complex] | None, rel: float = 1e-9) -> bool:
    """Whether two fingerprints agree at every point (relative tolerance `rel`).

    >>> close((1.0, 2.0), (1.0, 2.0 + 1e-12)), close((1.0,), None)
    (True, False)
    """
    if a is None or b is None or len(a) != len(b):
        return False
    return all(abs(p - q) <= rel * max(1.0, abs(p), abs(q)) for p, q in zip(a, b))


class _Unevaluable(Exception):
    """An expression with a part that has no numeric value (an unknown function, a derivative)."""


def evaluate(expr: Basic, value_of: Callable[[str], float]) -> complex:
    """The complex value of `expr` with each symbol replaced by `value_of(name)`.

    >>> import sympy
    >>> evaluate(sympy.log(sympy.Symbol("x")), lambda name: -1.0)
    3.141592653589793j
    """
    if expr.is_Symbol:
        return complex(value_of(expr.name))
    if expr.is_Integer:
        return complex(int(expr.p))
    if expr.is_Rational:
        return complex(expr.p / expr.q)
    if expr in _CONSTANTS:
        return _CONSTANTS[expr]
    if expr.is_Number or expr.is_NumberSymbol:
        return complex(expr)
    args = [evaluate(arg, value_of) for arg in expr.args]
    if isinstance(expr, sympy.Add):
        return sum(args, 0j)
    if isinstance(expr, sympy.Mul):
        return math.prod(args, start=1 + 0j)
    if isinstance(expr, sympy.Pow):
        return _power(args[0], args[1])
    function = _FUNCTIONS.get(type(expr))
    if function is None:
        raise _Unevaluable(type(expr).__name__)
    return complex(function(*args))


def _power(base: complex, exponent: complex) -> complex:
    if exponent.imag == 0 and exponent.real == int(exponent.real) and abs(exponent.real) < 64:
        return base ** int(exponent.real)
    if base == 0:
        return 0j if exponent.real > 0 else complex(math.inf)
    return cmath.exp(exponent * cmath.log(base))


_CONSTANTS: dict[Basic, complex] = {sympy.pi: complex(math.pi), sympy.E: complex(math.e), sympy.I: 1j}

_FUNCTIONS: dict[type, Callable[..., complex]] = {
    op.head: op.numeric.cfloat for op in ops.OPERATIONS}
