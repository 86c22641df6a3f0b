"""The first probing tier: an expression compiled to plain Python floats.

Floats are about fifty times cheaper than mpmath, so the checker looks at many points with
them, and spends high precision (`evaluator`) only on the few points that matter: the ones
where floats disagree (to confirm a counterexample) and a handful where they agree (to catch
differences smaller than float rounding, like ``x + 10^-12`` against ``x``).

`compile_float` returns None for what floats cannot do (complex numbers, unknown functions);
the caller then probes with mpmath alone. A point outside the domain gives ``nan``; ``inf``
means floats cannot tell (overflow, underflow into a pole), so mpmath must look.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> f = compile_float(sympy.log(x) + 1, (x,))
>>> f((1.0,)), f((-1.0,))
(1.0, nan)
"""
from __future__ import annotations

import math
import zlib
from typing import Callable, Sequence

import sympy
from sympy.core.function import AppliedUndef

from tutor import ops
from tutor.deadline import tick

FloatFn = Callable[[Sequence[float]], float]
_NAN = math.nan
_INF = math.inf
_TINY = 1e-280
_HUGE = 1e280


class _Unfit(Exception):
    pass


def compile_float(expr: sympy.Basic, symbols: Sequence[sympy.Symbol]) -> FloatFn | None:
    """A float function of a point (a sequence of floats in the order of `symbols`).

    >>> x = sympy.Symbol("x")
    >>> compile_float(sympy.sqrt(x), (x,))((4.0,))
    2.0
    """
    index = {s: i for i, s in enumerate(symbols)}
    try:
        node = _build(expr, index)
    except _Unfit:
        return None

    def run(point: Sequence[float]) -> float:
        tick()
        try:
            v = node(point)
        except (ValueError, ZeroDivisionError):
            return _NAN
        except OverflowError:
            return _INF
        if isinstance(v, complex):
            return _NAN
        if v != v or not _TINY < abs(v) < _HUGE:
            # a silent nan comes from overflowed floats, not from the domain; and a value
            # near the ends of the float range (or a 0 that may be an underflow) proves nothing
            return _INF
        return v
    return run


def _build(e: sympy.Basic, index: dict) -> Callable:
    tick()
    if e.is_Symbol:
        if e not in index:
            raise _Unfit
        i = index[e]
        return lambda p: p[i]
    if e.is_Number or e.is_NumberSymbol:
        return _constant(e)
    if e.is_Add:
        nodes = [_build(a, index) for a in e.args]
        return lambda p: _fsum([f(p) for f in nodes])
    if e.is_Mul:
        return _mul(e, index)
    if e.is_Pow:
        return _pow(e.base, e.exp, index)
    if isinstance(e, AppliedUndef):
        return _undefined(e, index)
    if isinstance(e, (sympy.Function, sympy.Max, sympy.Min)):
        return _function(e, index)
    raise _Unfit


def _fsum(vals: list[float]) -> float:
    try:
        return math.fsum(vals)
    except ValueError:
        raise OverflowError from None  # inf - inf: floats overflowed, the value is unknown


def _constant(e: sympy.Basic) -> Callable:
    if e.is_Rational and (abs(e.p) > 1 << 1000 or e.q > 1 << 1000):
        raise _Unfit  # beyond floats; mpmath will do it
    if not e.is_finite or e is sympy.S.ImaginaryUnit:
        raise _Unfit
    try:
        v = float(e)
    except (TypeError, OverflowError):
        raise _Unfit from None
    return lambda p: v


def _mul(e: sympy.Mul, index: dict) -> Callable:
    num, den = [], []
    for a in e.args:
        if a.is_Pow and a.exp.is_Integer and a.exp < 0:
            den.append(_pow(a.base, -a.exp, index))
        else:
            num.append(_build(a, index))

    def product(nodes: list, p: Sequence[float]) -> float:
        r = 1.0
        for f in nodes:
            r *= f(p)
        return r
    if not den:
        return lambda p: product(num, p)
    return lambda p: product(num, p) / product(den, p)


def _pow(base: sympy.Basic, exp: sympy.Basic, index: dict) -> Callable:
    if base is sympy.E:
        x = _build(exp, index)
        return lambda p: math.exp(x(p))
    b = _build(base, index)
    if exp.is_Integer:
        n = int(exp)
        if abs(n) > 1 << 62:
            raise _Unfit
        return lambda p: _ipow(b(p), n)
    if exp.is_Rational:
        q = float(exp)
        return lambda p: _rpow(b(p), q)
    x = _build(exp, index)
    return lambda p: _gpow(b(p), x(p))


def _ipow(b: float, n: int) -> float:
    if b == 0.0 and n < 0:
        raise ZeroDivisionError
    return math.pow(b, n)


def _rpow(b: float, q: float) -> float:
    if b < 0:
        raise ValueError  # SymPy's principal root of a negative number is not real
    if b == 0.0 and q < 0:
        raise ZeroDivisionError
    return math.pow(b, q)


def _gpow(b: float, x: float) -> float:
    if b < 0 and x != int(x):
        raise ValueError
    if b == 0.0 and x < 0:
        raise ZeroDivisionError
    return math.pow(b, x)


def _function(e: sympy.Function, index: dict) -> Callable:
    name = type(e).__name__
    if name == "log" and len(e.args) == 2:
        return _build(sympy.log(e.args[0]) / sympy.log(e.args[1]), index)
    fn = _FUNCTIONS.get(name)
    if fn is None:
        raise _Unfit
    nodes = [_build(a, index) for a in e.args]
    if len(nodes) == 1:
        (a,) = nodes
        return lambda p: fn(a(p))
    return lambda p: fn(*[f(p) for f in nodes])


def _undefined(e: AppliedUndef, index: dict) -> Callable:
    # the same fixed function of the name as `evaluator._undefined_function`
    seed = zlib.crc32(type(e).__name__.encode())
    c = [((seed >> (4 * k)) & 15) / 8 + 0.3 for k in range(8)]
    nodes = [_build(a, index) for a in e.args]

    def node(p: Sequence[float]) -> float:
        acc = c[0]
        for k, f in enumerate(nodes):
            t = c[(k + 1) % 8] * f(p)
            acc = acc + c[(k + 5) % 8] * math.sin(t + c[(k + 3) % 8]) + t * c[(k + 2) % 8]
        return acc
    return node


_FUNCTIONS: dict[str, Callable] = {op.head.__name__: op.numeric.float for op in ops.OPERATIONS}
