"""Antiderivatives (`up_to_constant`): right when the derivative is right, with a constant.

The response is differentiated and compared with the derivative of the expected answer (the
integrand), so any correct antiderivative passes whatever its form; then the constant of
integration is looked for: one new arbitrary constant (``+ C``, ``ln(k·x)``), unless the
problem waives it (`require_constant=False`). With ``domain="strict"`` the response must also
be defined wherever the expected answer is (``ln|x|``, not ``ln x``, for ∫ 1/x).

>>> import time, sympy
>>> from tutor.checker.judgement import Context
>>> from tutor.checker.options import CheckOptions
>>> from tutor.checker.probe import Space
>>> x, c = sympy.symbols("x c")
>>> ctx = Context(CheckOptions(up_to_constant="x"), Space(), frozenset({"x"}))
>>> anti = Antiderivative(x**3 / 3, "x", ctx)
>>> [anti.judge(v, time.monotonic() + 2).status.value for v in (x**3/3 + c, x**3/3, x**2)]
['correct', 'incorrect', 'incorrect']
"""
from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import sympy
from mpmath import libmp as L

from tutor.checker.calculus import real_diff
from tutor.checker.describe import point_text
from tutor.checker.diagnose import scale_finding
from tutor.checker.equivalence import Compiled, Equivalence, constant_difference, decide, probeable
from tutor.checker.evaluator import Sample
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.judgement import Judgement, incorrect, undetermined
from tutor.checker.options import Assumption, Domain
from tutor.checker.probe import Outcome, Space, compare
from tutor.checker.verdict import Status

if TYPE_CHECKING:
    from tutor.checker.judgement import Context


class Antiderivative:
    """An expected antiderivative in variable `name`, prepared once."""

    def __init__(self, expected: sympy.Basic, name: str, ctx: Context) -> None:
        self.ctx = ctx
        self.x = sympy.Symbol(name)
        self.expected = expected
        self.integrand = real_diff(expected, self.x)
        self.target = Compiled(self.integrand, ctx.space, complex_mode=ctx.complex)
        # the expected answer's own constants (its "+ k") are not part of the question
        self.parameters = (self.integrand.free_symbols | {self.x})
        self.expected_constants = expected.free_symbols - self.parameters

    def judge(self, value: sympy.Basic, deadline: float) -> Judgement:
        derivative = real_diff(value, self.x)
        eq = decide(self.target, derivative, deadline)
        if eq.outcome is Outcome.UNKNOWN:
            return undetermined(eq.timed_out)
        if eq.outcome is Outcome.DIFFERENT:
            return incorrect(eq.method, self._wrong(value, eq, deadline))
        constants = value.free_symbols - self.parameters
        problem = self._constant_problem(value, constants)
        if problem is not None:
            return incorrect(eq.method, problem)
        narrower = self._narrower(value, constants)
        if narrower is not None:
            if self.ctx.options.domain is Domain.STRICT:
                return incorrect(eq.method, narrower)
            return Judgement(Status.CORRECT, eq.method, (narrower,))
        return Judgement(Status.CORRECT, eq.method)

    def _constant_problem(self, value: sympy.Basic, constants: set) -> Finding | None:
        if not constants:
            return finding(Code.MISSING_CONSTANT) if self.ctx.options.require_constant else None
        if len(constants) > 1:
            return finding(Code.WEIRD_CONSTANT)
        (c,) = constants
        return None if _arbitrary(value, c) else finding(Code.WEIRD_CONSTANT)

    def _narrower(self, value: sympy.Basic, constants: set) -> Finding | None:
        """Whether the response is undefined where the expected answer is defined (constants
        taken positive, as ``ln(k·x)`` intends)."""
        names = {s.name for s in constants | self.expected_constants}
        space = Space({n: Assumption.POSITIVE for n in names} | dict(self.ctx.space.assume))
        e, r = probeable(self.expected, space), probeable(value, space)
        if e is None or r is None:
            return None
        probe = compare(e, r)
        if not probe.narrower:
            return None
        return finding(Code.DOMAIN_NARROWER, point=point_text(probe.narrower_at))

    def _wrong(self, value: sympy.Basic, eq: Equivalence, deadline: float) -> Finding:
        """How a wrong antiderivative is wrong: the integrand itself, a derivative instead,
        off by a factor (its derivative is), or just not an antiderivative."""
        if decide(self.target, value, deadline, symbolic=False).outcome is Outcome.EQUAL:
            return finding(Code.INTEGRAND_RETURNED)
        second = Compiled(real_diff(self.integrand, self.x), self.ctx.space)
        plain = value.xreplace({c: 0 for c in value.free_symbols - self.parameters})  # drop "+ C"
        if second.value != 0 and constant_difference(second, probeable(plain, self.ctx.space)) is not None:
            return finding(Code.DIFFERENTIATED_INSTEAD)
        return scale_finding(self.target, eq.response) or finding(
            Code.NOT_EQUIVALENT, where=" (its derivative is not the function to be integrated)")


_FAR = (Fraction(10 ** 6), Fraction(-10 ** 6), Fraction(1, 10 ** 6), Fraction(-1, 10 ** 6))


def _arbitrary(value: sympy.Basic, c: sympy.Symbol) -> bool:
    """Whether `c` is an arbitrary constant: the answer is not even in it (``+ c``, ``3c``,
    ``atan(…c…)``), or it can move the answer any distance both ways (``ln|c·x|``); ``c²``
    cannot (even, and bounded below)."""
    p = probeable(value, Space())
    if p is None:
        return True
    # the other variables at nearby small values, so that powers like (x − a)^6001 stay small
    others = {s.name: Fraction(3 + 2 * i, 7 + 4 * i) for i, s in enumerate(p.symbols) if s != c}
    at = {t: p.sample_exact({**others, c.name: t}) for t in (Fraction(1), Fraction(7, 5),
                                                           Fraction(-7, 5), *_FAR)}
    if isinstance(at[Fraction(1)], str):
        return True
    if _shift(at[Fraction(7, 5)], at[Fraction(-7, 5)]) not in (None, 0.0):
        return True
    shifts = [_shift(at[t], at[Fraction(1)]) for t in _FAR]
    return any(s is not None and s > 5 for s in shifts) and any(s is not None and s < -5 for s in shifts)


def _shift(a: Sample | str, b: Sample | str) -> float | None:
    """a − b (None when either is undefined); 0.0 when equal within their errors."""
    if isinstance(a, str) or isinstance(b, str):
        return None
    prec = max(a.prec, b.prec) + 10
    d = L.mpf_sub(a.value, b.value, prec, L.round_nearest)
    bound = L.mpf_add(a.err, b.err, 53, L.round_nearest)
    if L.mpf_le(L.mpf_abs(d), bound):
        return 0.0
    return L.to_float(d)
