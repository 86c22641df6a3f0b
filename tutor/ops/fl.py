"""The float and complex-float evaluation facets: plain Python numbers, fifty times cheaper than mpmath.

Float functions raise `ValueError` outside the domain and `ZeroDivisionError` at a pole (the
caller reads both as "undefined here"), and `OverflowError` when floats cannot hold the value.
Complex-float functions (`c…`) work on the whole plane where the function is analytic; the
real-only ones (floor, ReLU, max …) read the real part, as the step engine's fingerprints do.

>>> Float.sech(0.0), CFloat.sign(2j)
(1.0, 1j)
"""
from __future__ import annotations

import cmath
import math
from collections.abc import Callable

from mpmath import libmp as L

_TRIG_LIMIT = 1e18   # beyond this, reducing the argument is meaningless at float precision


def _trig(fn: Callable[[float], float]) -> Callable[[float], float]:
    def guarded(x: float) -> float:
        if abs(x) > _TRIG_LIMIT:
            raise ValueError("argument too large")
        return fn(x)
    return guarded


def _recip(fn: Callable[[float], float]) -> Callable[[float], float]:
    return lambda x: 1.0 / fn(x)


def _of_recip(fn: Callable[[float], float]) -> Callable[[float], float]:
    return lambda x: fn(1.0 / x)


_sin, _cos, _tan = _trig(math.sin), _trig(math.cos), _trig(math.tan)
_sec, _csc, _cot = _recip(_cos), _recip(_sin), _recip(_tan)
_acot, _asec, _acsc = _of_recip(math.atan), _of_recip(math.acos), _of_recip(math.asin)
_sech, _csch, _coth = _recip(math.cosh), _recip(math.sinh), _recip(math.tanh)
_acoth, _asech, _acsch = _of_recip(math.atanh), _of_recip(math.acosh), _of_recip(math.asinh)


def _sign(x: float) -> float:
    """−1.0, 0.0 or 1.0."""
    return 0.0 if x == 0 else math.copysign(1.0, x)


def _floor(x: float) -> float:
    """⌊x⌋ as a float."""
    return float(math.floor(x))


def _ceiling(x: float) -> float:
    """⌈x⌉ as a float."""
    return float(math.ceil(x))


def _heaviside(x: float, h0: float = 0.5) -> float:
    """H(x), with H(0) = h0."""
    return h0 if x == 0 else (1.0 if x > 0 else 0.0)


def _sigmoid(x: float) -> float:
    """σ(x), without overflow at either end."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _softplus(x: float) -> float:
    """log(1 + e^x) = max(x, 0) + log1p(e^-|x|)."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _relu(x: float) -> float:
    """max(x, 0)."""
    return max(x, 0.0)


def _gamma(x: float) -> float:
    """Γ(x); a pole at 0, −1, −2 … is a `ValueError`."""
    if x <= 0 and x == int(x):
        raise ValueError("pole of the _gamma function")
    return math.gamma(x)


def _factorial(x: float) -> float:
    """x! = Γ(x + 1)."""
    return _gamma(x + 1)


def _rgamma(x: float) -> float:
    if x <= 0 and x == int(x):
        return 0.0
    return 1.0 / math.gamma(x)


def _atan2(y: float, x: float) -> float:
    """atan2(y, x), undefined at the origin (SymPy's atan2(0, 0) is nan).

    >>> round(_atan2(1.0, -1.0), 6)
    2.356194
    """
    if y == 0 and x == 0:
        raise ValueError("atan2(0, 0)")
    return math.atan2(y, x)


def _binomial(n: float, k: float) -> float:
    """C(n, k) = Γ(n + 1) / (Γ(k + 1) Γ(n − k + 1)); for a negative whole n and a whole k >= 0,
    where that quotient meets the poles of Γ, C(n, k) = (−1)^k C(k − n − 1, k).

    >>> _binomial(-5.0, 3.0), _binomial(5.0, 2.0)
    (-35.0, 10.0)
    """
    if n < 0 and n == int(n) and k >= 0 and k == int(k):
        v = _binomial(k - n - 1, k)
        return -v if int(k) & 1 else v
    return _gamma(n + 1) * _rgamma(k + 1) * _rgamma(n - k + 1)


# --- complex floats --------------------------------------------------------------------------

def _clog(z: complex, base: complex | None = None) -> complex:
    """The principal logarithm, to a base when one is given."""
    return cmath.log(z) if base is None else cmath.log(z) / cmath.log(base)


def _ccot(z: complex) -> complex:
    """cot z = 1/tan z."""
    return 1 / cmath.tan(z)


def _csec(z: complex) -> complex:
    """sec z = 1/cos z."""
    return 1 / cmath.cos(z)


def _ccsc(z: complex) -> complex:
    """csc z = 1/sin z."""
    return 1 / cmath.sin(z)


def _csech(z: complex) -> complex:
    """sech z = 1/cosh z."""
    return 1 / cmath.cosh(z)


def _ccsch(z: complex) -> complex:
    """csch z = 1/sinh z."""
    return 1 / cmath.sinh(z)


def _ccoth(z: complex) -> complex:
    """coth z = 1/tanh z."""
    return 1 / cmath.tanh(z)


def _cacot(z: complex) -> complex:
    """acot z = atan(1/z)."""
    return cmath.atan(1 / z)


def _casec(z: complex) -> complex:
    """asec z = acos(1/z)."""
    return cmath.acos(1 / z)


def _cacsc(z: complex) -> complex:
    """acsc z = asin(1/z)."""
    return cmath.asin(1 / z)


def _cacoth(z: complex) -> complex:
    """acoth z = atanh(1/z)."""
    return cmath.atanh(1 / z)


def _casech(z: complex) -> complex:
    """asech z = acosh(1/z)."""
    return cmath.acosh(1 / z)


def _cacsch(z: complex) -> complex:
    """acsch z = asinh(1/z)."""
    return cmath.asinh(1 / z)


def _cabs(z: complex) -> complex:
    """|z|."""
    return complex(abs(z))


def _csign(z: complex) -> complex:
    """z/|z|, 0 at 0."""
    return 0j if z == 0 else z / abs(z)


def _csigmoid(z: complex) -> complex:
    """1/(1 + e^-z)."""
    return 1 / (1 + cmath.exp(-z))


def _csoftplus(z: complex) -> complex:
    """log(1 + e^z)."""
    return cmath.log(1 + cmath.exp(z))


def creal(fn: Callable[..., float]) -> Callable[..., complex]:
    """A real-only function applied to the real parts of its arguments.

    >>> creal(Float.floor)(2.5 + 1j)
    (2+0j)
    """
    return lambda *zs: complex(fn(*(z.real for z in zs)))


def _cheaviside(z: complex, h0: complex = 0.5) -> complex:
    """H of the real part, H(0) = h0."""
    return complex(_heaviside(z.real, h0.real))


def _cgamma(z: complex) -> complex:
    """Γ(z) (Python has no complex gamma: mpmath's at double precision); a pole is a `ValueError`."""
    raw = (L.from_float(z.real), L.from_float(z.imag))
    try:
        re, im = L.mpc_gamma(raw, 53, L.round_nearest)
    except ZeroDivisionError:
        raise ValueError("pole of the _gamma function") from None
    return complex(L.to_float(re), L.to_float(im))


def _cfactorial(z: complex) -> complex:
    """z! = Γ(z + 1)."""
    return _cgamma(z + 1)


class Float:
    """The float facets that `math` lacks or gets wrong at float precision: ``Float.sech(x)``.

    >>> Float.sech(0.0), Float.acsch(1.0) == math.asinh(1.0)
    (1.0, True)
    """

    sin = staticmethod(_sin)
    cos = staticmethod(_cos)
    tan = staticmethod(_tan)
    sec = staticmethod(_sec)
    csc = staticmethod(_csc)
    cot = staticmethod(_cot)
    acot = staticmethod(_acot)
    asec = staticmethod(_asec)
    acsc = staticmethod(_acsc)
    sech = staticmethod(_sech)
    csch = staticmethod(_csch)
    coth = staticmethod(_coth)
    acoth = staticmethod(_acoth)
    asech = staticmethod(_asech)
    acsch = staticmethod(_acsch)
    sign = staticmethod(_sign)
    floor = staticmethod(_floor)
    ceiling = staticmethod(_ceiling)
    heaviside = staticmethod(_heaviside)
    sigmoid = staticmethod(_sigmoid)
    softplus = staticmethod(_softplus)
    relu = staticmethod(_relu)
    gamma = staticmethod(_gamma)
    factorial = staticmethod(_factorial)
    binomial = staticmethod(_binomial)
    atan2 = staticmethod(_atan2)


class CFloat:
    """The complex-float facets that `cmath` lacks: ``CFloat.coth(z)``.

    >>> abs(CFloat.coth(1 + 1j) - (0.8680141428959249 - 0.21762156185440268j)) < 1e-12
    True
    """

    log = staticmethod(_clog)
    cot = staticmethod(_ccot)
    sec = staticmethod(_csec)
    csc = staticmethod(_ccsc)
    sech = staticmethod(_csech)
    csch = staticmethod(_ccsch)
    coth = staticmethod(_ccoth)
    acot = staticmethod(_cacot)
    asec = staticmethod(_casec)
    acsc = staticmethod(_cacsc)
    acoth = staticmethod(_cacoth)
    asech = staticmethod(_casech)
    acsch = staticmethod(_cacsch)
    abs = staticmethod(_cabs)
    sign = staticmethod(_csign)
    sigmoid = staticmethod(_csigmoid)
    softplus = staticmethod(_csoftplus)
    heaviside = staticmethod(_cheaviside)
    gamma = staticmethod(_cgamma)
    factorial = staticmethod(_cfactorial)
