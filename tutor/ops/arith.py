"""Primitive arithmetic for numeric probing: real and complex, at any precision, guarded.

Values are mpmath's raw tuples (`libmp` mpf tuples, or pairs of them for complex values), and
every operation takes the working precision explicitly. That keeps probing thread-safe (mpmath's
global `mp.prec` is shared by all threads) and about twice as fast as mpmath's number objects.

Each operation raises `Undefined` outside the (real) domain and `Overflow` when the magnitude
of the result would be absurd (more than `MAX_MAG` bits), so that `9^9^9^9` or `exp(10^10)` are
refused in microseconds instead of being computed.

>>> from mpmath import libmp
>>> R = RealOps
>>> x = libmp.from_int(2)
>>> libmp.to_float(R.pow_rat(x, 1, 2, 53))
1.4142135623730951
>>> try:
...     R.log(libmp.from_int(-1), 53)
... except Undefined as err:
...     print(err)
log of a non-positive number
"""
from __future__ import annotations

import math

from mpmath import libmp as L

RND = L.round_nearest
FZERO = L.fzero
FONE = L.fone
# Values beyond 2^MAX_MAG (or below 2^-MAX_MAG) are refused: probing them tells nothing and
# computing them can take unbounded time and memory.
MAX_MAG = 1 << 20
# Arguments of trigonometric functions beyond 2^TRIG_MAG need costly reduction and say nothing.
TRIG_MAG = 64


class Undefined(ArithmeticError):
    """The value does not exist here (outside the domain, a pole, a non-real result)."""


class Overflow(ArithmeticError):
    """The value is too large or too small in magnitude to be worth computing."""


def mag(v: tuple) -> float:
    """log2 of |v|, roughly (−inf for zero).

    >>> mag(L.from_int(8))
    4
    """
    if not v[1]:
        return -math.inf
    return v[2] + v[3]


def log2abs(v: tuple) -> float:
    """A finer log2 |v| than `mag`, for guards where values near 1 matter.

    >>> log2abs(L.from_int(8))
    3.0
    """
    m = mag(v)
    if m == -math.inf:
        return m
    if -60 < m < 60:
        return math.log2(abs(L.to_float(v)))
    return float(m)


def _guard_mag(bits: float) -> None:
    if not -MAX_MAG < bits < MAX_MAG:
        raise Overflow("magnitude out of range")


def _is_int(v: tuple) -> bool:
    return not v[1] or v[2] >= 0


class RealOps:
    """Operations on real values (mpf tuples). Non-real results are `Undefined`."""

    complex = False
    zero = FZERO
    one = FONE

    @staticmethod
    def from_int(n: int) -> tuple:
        _guard_mag(n.bit_length())
        return L.from_int(n)

    @staticmethod
    def from_rational(p: int, q: int, prec: int) -> tuple:
        return L.from_rational(p, q, prec, RND)

    @staticmethod
    def from_mpf(v: tuple) -> tuple:
        return v

    @staticmethod
    def mag(v: tuple) -> float:
        return mag(v)

    @staticmethod
    def is_zero(v: tuple) -> bool:
        return not v[1]

    @staticmethod
    def real(v: tuple) -> tuple:
        return v

    @staticmethod
    def add(vals: list, prec: int) -> tuple:
        return L.mpf_sum(vals, prec, RND)

    @staticmethod
    def mul(a: tuple, b: tuple, prec: int) -> tuple:
        r = L.mpf_mul(a, b, prec, RND)
        if r[1]:
            _guard_mag(r[2] + r[3])
        return r

    @staticmethod
    def div(a: tuple, b: tuple, prec: int) -> tuple:
        if not b[1]:
            raise Undefined("division by zero")
        r = L.mpf_div(a, b, prec, RND)
        if r[1]:
            _guard_mag(r[2] + r[3])
        return r

    @staticmethod
    def pow_int(b: tuple, n: int, prec: int) -> tuple:
        if not b[1]:
            if n < 0:
                raise Undefined("division by zero")
            return FONE if n == 0 else FZERO
        _guard_mag(n * log2abs(b))
        return L.mpf_pow_int(b, n, prec, RND)

    @staticmethod
    def pow_rat(b: tuple, p: int, q: int, prec: int) -> tuple:
        """b^(p/q), q > 1: only for b >= 0 (SymPy's principal root is not real for b < 0)."""
        if b[0] and b[1]:
            raise Undefined("root of a negative number")
        if not b[1]:
            if p < 0:
                raise Undefined("division by zero")
            return FZERO
        _guard_mag(p / q * log2abs(b))
        root = L.mpf_sqrt(b, prec + 10, RND) if q == 2 else L.mpf_nthroot(b, q, prec + 10, RND)
        return L.mpf_pow_int(root, p, prec, RND)

    @staticmethod
    def pow(b: tuple, e: tuple, prec: int) -> tuple:
        """b^e for a computed exponent."""
        if _is_int(e) and e[2] + e[3] < 64:
            return RealOps.pow_int(b, int(L.to_int(e)), prec)
        if not b[1]:
            if e[0]:
                raise Undefined("division by zero")
            return FZERO
        if b[0]:
            raise Undefined("non-integer power of a negative number")
        _guard_mag(L.to_float(e) * log2abs(b) if mag(e) < 1000 else math.inf)
        return L.mpf_pow(b, e, prec, RND)

    @staticmethod
    def exp(v: tuple, prec: int) -> tuple:
        if v[1]:
            _guard_mag(1.4427 * L.to_float(v) if mag(v) < 64 else math.inf)
        return L.mpf_exp(v, prec, RND)

    @staticmethod
    def log(v: tuple, prec: int) -> tuple:
        if v[0] or not v[1]:
            raise Undefined("log of a non-positive number")
        return L.mpf_log(v, prec, RND)

    @staticmethod
    def trig(fn, v: tuple, prec: int) -> tuple:
        if v[1] and v[2] + v[3] > TRIG_MAG:
            raise Overflow("argument too large")
        return fn(v, prec, RND)

    @staticmethod
    def cmp(a: tuple, b: tuple) -> int:
        return L.mpf_cmp(a, b)

    @staticmethod
    def guarded(fn, v: tuple, prec: int) -> tuple:
        """Apply a libmp function; complex results and poles become `Undefined`."""
        try:
            return fn(v, prec, RND)
        except (L.ComplexResult, ValueError, ZeroDivisionError) as err:
            raise Undefined(str(err)) from None


class ComplexOps:
    """Operations on complex values (pairs of mpf tuples), for problems with `i` as a number."""

    complex = True
    zero = (FZERO, FZERO)
    one = (FONE, FZERO)

    @staticmethod
    def from_int(n: int) -> tuple:
        _guard_mag(n.bit_length())
        return (L.from_int(n), FZERO)

    @staticmethod
    def from_rational(p: int, q: int, prec: int) -> tuple:
        return (L.from_rational(p, q, prec, RND), FZERO)

    @staticmethod
    def from_mpf(v: tuple) -> tuple:
        return (v, FZERO)

    @staticmethod
    def mag(v: tuple) -> float:
        return max(mag(v[0]), mag(v[1]))

    @staticmethod
    def is_zero(v: tuple) -> bool:
        return not v[0][1] and not v[1][1]

    @staticmethod
    def real(v: tuple) -> tuple:
        """The real part, when the imaginary part is negligible; else `Undefined`."""
        if v[1][1] and mag(v[1]) > mag(v[0]) - 100:
            raise Undefined("not a real number")
        return v[0]

    @staticmethod
    def add(vals: list, prec: int) -> tuple:
        return (L.mpf_sum([v[0] for v in vals], prec, RND), L.mpf_sum([v[1] for v in vals], prec, RND))

    @staticmethod
    def mul(a: tuple, b: tuple, prec: int) -> tuple:
        r = L.mpc_mul(a, b, prec, RND)
        _guard_mag(ComplexOps.mag(r) if not ComplexOps.is_zero(r) else 0)
        return r

    @staticmethod
    def div(a: tuple, b: tuple, prec: int) -> tuple:
        if ComplexOps.is_zero(b):
            raise Undefined("division by zero")
        r = L.mpc_div(a, b, prec, RND)
        _guard_mag(ComplexOps.mag(r) if not ComplexOps.is_zero(r) else 0)
        return r

    @staticmethod
    def pow_int(b: tuple, n: int, prec: int) -> tuple:
        if ComplexOps.is_zero(b):
            if n < 0:
                raise Undefined("division by zero")
            return ComplexOps.one if n == 0 else ComplexOps.zero
        _guard_mag(n * ComplexOps.mag(b))
        return L.mpc_pow_int(b, n, prec, RND)

    @staticmethod
    def pow_rat(b: tuple, p: int, q: int, prec: int) -> tuple:
        if ComplexOps.is_zero(b):
            if p < 0:
                raise Undefined("division by zero")
            return ComplexOps.zero
        _guard_mag(p / q * ComplexOps.mag(b))
        e = (L.from_rational(p, q, prec + 10, RND), FZERO)
        return L.mpc_pow(b, e, prec, RND)

    @staticmethod
    def pow(b: tuple, e: tuple, prec: int) -> tuple:
        if not e[1][1] and _is_int(e[0]) and mag(e[0]) < 64:
            return ComplexOps.pow_int(b, int(L.to_int(e[0])), prec)
        if ComplexOps.is_zero(b):
            raise Undefined("zero to a complex power")
        _guard_mag(ComplexOps.mag(e) + math.log2(abs(ComplexOps.mag(b)) + 2))
        return L.mpc_pow(b, e, prec, RND)

    @staticmethod
    def exp(v: tuple, prec: int) -> tuple:
        _guard_mag(1.4427 * L.to_float(v[0]) if mag(v[0]) < 64 else math.inf)
        if v[1][1] and mag(v[1]) > TRIG_MAG:
            raise Overflow("argument too large")
        return L.mpc_exp(v, prec, RND)

    @staticmethod
    def log(v: tuple, prec: int) -> tuple:
        if ComplexOps.is_zero(v):
            raise Undefined("log of zero")
        return L.mpc_log(v, prec, RND)

    @staticmethod
    def trig(fn, v: tuple, prec: int) -> tuple:
        if ComplexOps.mag(v) > TRIG_MAG:
            raise Overflow("argument too large")
        return fn(v, prec, RND)

    @staticmethod
    def cmp(a: tuple, b: tuple) -> int:
        return L.mpf_cmp(ComplexOps.real(a), ComplexOps.real(b))

    @staticmethod
    def guarded(fn, v: tuple, prec: int) -> tuple:
        try:
            return fn(v, prec, RND)
        except (ValueError, ZeroDivisionError) as err:
            raise Undefined(str(err)) from None


Arithmetic = type[RealOps] | type[ComplexOps]
"""The arithmetic a compiled program runs with: real or complex (both classes, never instances)."""
