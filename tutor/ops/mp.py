"""The real and complex mpmath evaluation facets: raw mpmath values in, raw values out, any precision.

Each function takes its arguments (mpf tuples for real, pairs of them for complex) and the
working precision in bits, and raises `Undefined` outside the domain and `Overflow` for absurd
magnitudes (see `tutor.ops.arith`). Functions of several arguments take ``prec`` by keyword.
Reciprocal functions divide at ten guard bits more, so that _sec(x) = 1/_cos(x) keeps its digits.

>>> from mpmath import libmp as L
>>> round(L.to_float(Real.sech(L.from_int(0), 53)), 12)
1.0
>>> z = (L.from_int(1), L.from_int(1))
>>> w = Complex.coth(z, 53)
>>> round(L.to_float(w[0]), 6), round(L.to_float(w[1]), 6)
(0.868014, -0.217622)
"""
from __future__ import annotations

import math
from collections.abc import Callable

from mpmath import libmp as L

from tutor.ops.arith import RND, ComplexOps as C, Overflow, RealOps as R, Undefined

Fn = Callable[..., tuple]
GUARD = 10  # extra bits for the inner value of a reciprocal or a composed function


# --- real ------------------------------------------------------------------------------------

def _recip(fn: Fn) -> Fn:
    return lambda v, p: R.div(R.one, fn(v, p + GUARD), p)


def _of_recip(fn: Fn) -> Fn:
    """f(1/x): the inverse secant, cosecant, cotangent and their hyperbolic cousins."""
    return lambda v, p: fn(R.div(R.one, v, p + GUARD), p)


def _sin(v: tuple, p: int) -> tuple:
    """sin at real v."""
    return R.trig(L.mpf_sin, v, p)


def _cos(v: tuple, p: int) -> tuple:
    """cos at real v."""
    return R.trig(L.mpf_cos, v, p)


def _tan(v: tuple, p: int) -> tuple:
    """tan = sin/cos, so that a pole is `Undefined`."""
    return R.div(_sin(v, p + GUARD), _cos(v, p + GUARD), p)


def _cot(v: tuple, p: int) -> tuple:
    """cot = cos/sin."""
    return R.div(_cos(v, p + GUARD), _sin(v, p + GUARD), p)


_sec = _recip(_cos)
_csc = _recip(_sin)


def _asin(v: tuple, p: int) -> tuple:
    """arcsin on [-1, 1]."""
    return R.guarded(L.mpf_asin, v, p)


def _acos(v: tuple, p: int) -> tuple:
    """arccos on [-1, 1]."""
    return R.guarded(L.mpf_acos, v, p)


def _atan(v: tuple, p: int) -> tuple:
    """arctan."""
    return L.mpf_atan(v, p, RND)


_acot = _of_recip(_atan)
_asec = _of_recip(_acos)
_acsc = _of_recip(_asin)


def _hyp(fn: Fn, v: tuple, p: int) -> tuple:
    R.exp(L.mpf_abs(v), 53)  # the magnitude guard only
    return fn(v, p, RND)


def _sinh(v: tuple, p: int) -> tuple:
    """sinh, refused where it would overflow."""
    return _hyp(L.mpf_sinh, v, p)


def _cosh(v: tuple, p: int) -> tuple:
    """cosh, refused where it would overflow."""
    return _hyp(L.mpf_cosh, v, p)


def _tanh(v: tuple, p: int) -> tuple:
    """tanh."""
    return L.mpf_tanh(v, p, RND)


_sech = _recip(_cosh)
_csch = _recip(_sinh)
_coth = _recip(_tanh)


def _asinh(v: tuple, p: int) -> tuple:
    """arsinh."""
    return L.mpf_asinh(v, p, RND)


def _acosh(v: tuple, p: int) -> tuple:
    """arcosh on [1, ∞)."""
    return R.guarded(L.mpf_acosh, v, p)


def _atanh(v: tuple, p: int) -> tuple:
    """artanh on (-1, 1)."""
    return R.guarded(L.mpf_atanh, v, p)


_acoth = _of_recip(_atanh)
_asech = _of_recip(_acosh)
_acsch = _of_recip(_asinh)


def _exp(v: tuple, p: int) -> tuple:
    """e^v, refused where it would overflow."""
    return R.exp(v, p)


def _log(v: tuple, p: int) -> tuple:
    """ln v for v > 0."""
    return R.log(v, p)


def _absolute(v: tuple, p: int) -> tuple:
    """|v|."""
    return L.mpf_abs(v)


def _sign(v: tuple, p: int) -> tuple:
    """−1, 0 or 1."""
    return L.from_int(L.mpf_sign(v))


def _floor(v: tuple, p: int) -> tuple:
    """⌊v⌋."""
    return L.mpf_floor(v)


def _ceiling(v: tuple, p: int) -> tuple:
    """⌈v⌉."""
    return L.mpf_ceil(v)


def _real_key(v: tuple) -> float:
    return L.to_float(v) if v[1] else 0.0


def _maximum(*vs: tuple, prec: int) -> tuple:
    """The largest argument."""
    return max(vs, key=_real_key)


def _minimum(*vs: tuple, prec: int) -> tuple:
    """The smallest argument."""
    return min(vs, key=_real_key)


def _heaviside(v: tuple, h0: tuple, prec: int) -> tuple:
    """H(v): 0 below 0, 1 above, h0 at 0."""
    if not v[1]:
        return h0
    return L.fzero if v[0] else L.fone


GAMMA_MOST_BITS = 1024
"""Γ is not computed at more bits than this. mpmath works out Taylor coefficients for each new
precision it is asked: 0.07 s for 1024 bits, 0.5 s for 2048, 5 s for 4096, in one call that no
deadline can interrupt. Past it, a value is `Overflow` (not computable here)."""


def _gamma(v: tuple, p: int) -> tuple:
    """Γ(v), refused beyond 60000 (the result has hundreds of thousands of digits) or past
    `GAMMA_MOST_BITS`.

    >>> _gamma(L.from_int(5), 53) == L.from_int(24)
    True
    """
    x = L.to_float(v) if v[1] and v[2] + v[3] < 1000 else math.inf
    if x > 60000:
        raise Overflow("factorial too large")
    _gamma_bits(p)
    return R.guarded(L.mpf_gamma, v, p)


def _gamma_bits(p: int) -> None:
    if p > GAMMA_MOST_BITS:
        raise Overflow(f"Γ is not computed at more than {GAMMA_MOST_BITS} bits")


def _factorial(v: tuple, p: int) -> tuple:
    """v! = Γ(v + 1)."""
    return _gamma(L.mpf_add(v, R.one, p + GUARD, RND), p)


def _binomial(n: tuple, k: tuple, prec: int) -> tuple:
    """C(n, k) = Γ(n + 1) / (Γ(k + 1) Γ(n − k + 1)); for a negative whole n and a whole k >= 0,
    where that quotient meets the poles of Γ, C(n, k) = (−1)^k C(k − n − 1, k)."""
    p = prec + 20
    one = L.fone
    if n[0] and _whole(n) and not k[0] and _whole(k):
        v = _binomial(L.mpf_sub(L.mpf_sub(k, n, p, RND), one, p, RND), k, prec)
        return L.mpf_neg(v) if L.to_int(k) & 1 else v
    top = _gamma(L.mpf_add(n, one, p, RND), p)    # (refuses past GAMMA_MOST_BITS, as 1/Γ would need)
    r1 = L.mpf_rgamma(L.mpf_add(k, one, p, RND), p, RND)
    r2 = L.mpf_rgamma(L.mpf_add(L.mpf_sub(n, k, p, RND), one, p, RND), p, RND)
    return L.mpf_mul(L.mpf_mul(top, r1, p, RND), r2, prec, RND)


def _whole(v: tuple) -> bool:
    """Whether an mpf is a whole number."""
    return v == L.fzero or (v[1] != 0 and v[2] >= 0) or (v[1] != 0 and L.from_int(L.to_int(v)) == v)


def _erf(v: tuple, p: int) -> tuple:
    """The error function."""
    return L.mpf_erf(v, p, RND)


def _erfc(v: tuple, p: int) -> tuple:
    """1 − erf."""
    return L.mpf_erfc(v, p, RND)


def _sigmoid(v: tuple, p: int) -> tuple:
    """σ(v): 1/(1+e^-v) for v >= 0 and e^v/(1+e^v) below, so neither overflows."""
    if v[0]:
        e = R.exp(v, p + GUARD)
        return L.mpf_div(e, L.mpf_add(L.fone, e, p + GUARD, RND), p, RND)
    e = R.exp(L.mpf_neg(v), p + GUARD)
    return L.mpf_div(L.fone, L.mpf_add(L.fone, e, p + GUARD, RND), p, RND)


def _softplus(v: tuple, p: int) -> tuple:
    """log(1 + e^v) = max(v, 0) + log(1 + e^-|v|)."""
    e = R.exp(L.mpf_neg(L.mpf_abs(v)), p + GUARD)
    tail = L.mpf_log(L.mpf_add(L.fone, e, p + GUARD, RND), p + GUARD, RND)
    return L.mpf_add(v if not v[0] else L.fzero, tail, p, RND)


def _relu(v: tuple, p: int) -> tuple:
    """max(v, 0)."""
    return v if not v[0] else L.fzero


# --- complex ---------------------------------------------------------------------------------

def lift(fn: Fn) -> Fn:
    """A real-only function applied to a complex value that must be (nearly) real.

    >>> f = lift(Real.floor)
    >>> L.to_float(f((L.from_float(2.5), L.fzero), 53)[0])
    2.0
    """
    return lambda v, p: (fn(C.real(v), p), L.fzero)


def _ctrig(fn: Fn) -> Fn:
    return lambda v, p: C.trig(fn, v, p)


def _cguarded(fn: Fn) -> Fn:
    return lambda v, p: C.guarded(fn, v, p)


def _crecip(fn: Fn) -> Fn:
    return lambda v, p: C.div(C.one, fn(v, p + GUARD), p)


def _cof_recip(fn: Fn) -> Fn:
    return lambda v, p: fn(C.div(C.one, v, p + GUARD), p)


_c_sin, _c_cos = _ctrig(L.mpc_sin), _ctrig(L.mpc_cos)
_c_sinh, _c_cosh, _c_tanh = _ctrig(L.mpc_sinh), _ctrig(L.mpc_cosh), _ctrig(L.mpc_tanh)


def _c_tan(v: tuple, p: int) -> tuple:
    """tan = sin/cos."""
    return C.div(_c_sin(v, p + GUARD), _c_cos(v, p + GUARD), p)


def _c_cot(v: tuple, p: int) -> tuple:
    """cot = cos/sin."""
    return C.div(_c_cos(v, p + GUARD), _c_sin(v, p + GUARD), p)


def _c_coth(v: tuple, p: int) -> tuple:
    """coth = cosh/sinh."""
    return C.div(_c_cosh(v, p + GUARD), _c_sinh(v, p + GUARD), p)


_c_sec, _c_csc = _crecip(_c_cos), _crecip(_c_sin)
_c_sech, _c_csch = _crecip(_c_cosh), _crecip(_c_sinh)
_c_asin, _c_acos, _c_atan = _cguarded(L.mpc_asin), _cguarded(L.mpc_acos), _cguarded(L.mpc_atan)
_c_asinh, _c_acosh, _c_atanh = _cguarded(L.mpc_asinh), _cguarded(L.mpc_acosh), _cguarded(L.mpc_atanh)
_c_acot, _c_asec, _c_acsc = _cof_recip(_c_atan), _cof_recip(_c_acos), _cof_recip(_c_asin)
_c_acoth, _c_asech, _c_acsch = _cof_recip(_c_atanh), _cof_recip(_c_acosh), _cof_recip(_c_asinh)
def _c_gamma(v: tuple, p: int) -> tuple:
    """Γ(v) of a complex number, refused past `GAMMA_MOST_BITS`."""
    _gamma_bits(p)
    return C.guarded(L.mpc_gamma, v, p)


def _c_exp(v: tuple, p: int) -> tuple:
    """e^v."""
    return C.exp(v, p)


def _c_log(v: tuple, p: int) -> tuple:
    """The principal logarithm."""
    return C.log(v, p)


def _c_abs(v: tuple, p: int) -> tuple:
    """|v|, the modulus."""
    return (L.mpc_abs(v, p, RND), L.fzero)


def _c_sign(v: tuple, p: int) -> tuple:
    """v/|v| (0 at 0), as SymPy's sign of a complex number."""
    if C.is_zero(v):
        return C.zero
    return C.div(v, (L.mpc_abs(v, p + GUARD, RND), L.fzero), p)


def _c_factorial(v: tuple, p: int) -> tuple:
    """v! = Γ(v + 1)."""
    return _c_gamma(C.add([v, C.one], p + GUARD), p)


def _c_sigmoid(v: tuple, p: int) -> tuple:
    """1/(1 + e^-v)."""
    return C.div(C.one, C.add([C.one, C.exp(L.mpc_neg(v), p + GUARD)], p + GUARD), p)


def _c_softplus(v: tuple, p: int) -> tuple:
    """log(1 + e^v), the principal branch."""
    return C.log(C.add([C.one, C.exp(v, p + GUARD)], p + GUARD), p)


def _c_maximum(*vs: tuple, prec: int) -> tuple:
    """The largest argument (arguments must be real)."""
    return max(vs, key=lambda v: _real_key(C.real(v)))


def _c_minimum(*vs: tuple, prec: int) -> tuple:
    """The smallest argument (arguments must be real)."""
    return min(vs, key=lambda v: _real_key(C.real(v)))


def _c_heaviside(v: tuple, h0: tuple, prec: int) -> tuple:
    """H(v) for a real v."""
    return (_heaviside(C.real(v), C.real(h0), prec), L.fzero)


def _atan2(y: tuple, x: tuple, prec: int) -> tuple:
    """The angle of the point (x, y) from the positive x-axis, in (−π, π]; undefined at (0, 0)."""
    if y == L.fzero and x == L.fzero:
        raise Undefined("atan2(0, 0)")
    return L.mpf_atan2(y, x, prec, RND)


def _c_atan2(y: tuple, x: tuple, prec: int) -> tuple:
    """atan2(y, x) for real y and x."""
    return (_atan2(C.real(y), C.real(x), prec), L.fzero)


def _c_binomial(n: tuple, k: tuple, prec: int) -> tuple:
    """C(n, k) for real n and k."""
    return (_binomial(C.real(n), C.real(k), prec), L.fzero)


class Real:
    """The real facets by operation: ``Real.sech(v, prec)``; several arguments take ``prec=``.

    >>> L.to_float(Real.sech(L.from_int(0), 53)), L.to_float(Real.maximum(L.fone, L.fzero, prec=53))
    (1.0, 1.0)
    """

    sin = staticmethod(_sin)
    cos = staticmethod(_cos)
    tan = staticmethod(_tan)
    cot = staticmethod(_cot)
    sec = staticmethod(_sec)
    csc = staticmethod(_csc)
    asin = staticmethod(_asin)
    acos = staticmethod(_acos)
    atan = staticmethod(_atan)
    acot = staticmethod(_acot)
    asec = staticmethod(_asec)
    acsc = staticmethod(_acsc)
    sinh = staticmethod(_sinh)
    cosh = staticmethod(_cosh)
    tanh = staticmethod(_tanh)
    sech = staticmethod(_sech)
    csch = staticmethod(_csch)
    coth = staticmethod(_coth)
    asinh = staticmethod(_asinh)
    acosh = staticmethod(_acosh)
    atanh = staticmethod(_atanh)
    acoth = staticmethod(_acoth)
    asech = staticmethod(_asech)
    acsch = staticmethod(_acsch)
    exp = staticmethod(_exp)
    log = staticmethod(_log)
    absolute = staticmethod(_absolute)
    sign = staticmethod(_sign)
    floor = staticmethod(_floor)
    ceiling = staticmethod(_ceiling)
    maximum = staticmethod(_maximum)
    minimum = staticmethod(_minimum)
    heaviside = staticmethod(_heaviside)
    gamma = staticmethod(_gamma)
    factorial = staticmethod(_factorial)
    binomial = staticmethod(_binomial)
    atan2 = staticmethod(_atan2)
    erf = staticmethod(_erf)
    erfc = staticmethod(_erfc)
    sigmoid = staticmethod(_sigmoid)
    softplus = staticmethod(_softplus)
    relu = staticmethod(_relu)


class Complex:
    """The complex facets by operation: ``Complex.coth(z, prec)``, z a pair of mpf values.

    >>> w = Complex.sech((L.fzero, L.fzero), 53)
    >>> L.to_float(w[0]), L.to_float(w[1])
    (1.0, 0.0)
    """

    sin = staticmethod(_c_sin)
    cos = staticmethod(_c_cos)
    sinh = staticmethod(_c_sinh)
    cosh = staticmethod(_c_cosh)
    tanh = staticmethod(_c_tanh)
    tan = staticmethod(_c_tan)
    cot = staticmethod(_c_cot)
    coth = staticmethod(_c_coth)
    sec = staticmethod(_c_sec)
    csc = staticmethod(_c_csc)
    sech = staticmethod(_c_sech)
    csch = staticmethod(_c_csch)
    asin = staticmethod(_c_asin)
    acos = staticmethod(_c_acos)
    atan = staticmethod(_c_atan)
    asinh = staticmethod(_c_asinh)
    acosh = staticmethod(_c_acosh)
    atanh = staticmethod(_c_atanh)
    acot = staticmethod(_c_acot)
    asec = staticmethod(_c_asec)
    acsc = staticmethod(_c_acsc)
    acoth = staticmethod(_c_acoth)
    asech = staticmethod(_c_asech)
    acsch = staticmethod(_c_acsch)
    gamma = staticmethod(_c_gamma)
    exp = staticmethod(_c_exp)
    log = staticmethod(_c_log)
    abs = staticmethod(_c_abs)
    sign = staticmethod(_c_sign)
    factorial = staticmethod(_c_factorial)
    sigmoid = staticmethod(_c_sigmoid)
    softplus = staticmethod(_c_softplus)
    maximum = staticmethod(_c_maximum)
    minimum = staticmethod(_c_minimum)
    heaviside = staticmethod(_c_heaviside)
    binomial = staticmethod(_c_binomial)
    atan2 = staticmethod(_c_atan2)
