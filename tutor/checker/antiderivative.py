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

from typing import TYPE_CHECKING

import sympy

from tutor.checker.describe import point_text
from tutor.checker.equivalence import Compiled, decide, probeable
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.judgement import Judgement, incorrect, undetermined
from tutor.checker.options import Assumption, Domain
from tutor.checker.probe import Outcome, Space, compare
from tutor.checker.verdict import Method, Status

if TYPE_CHECKING:
    from tutor.checker.judgement import Context


class Antiderivative:
    """An expected antiderivative in variable `name`, prepared once."""

    def __init__(self, expected: sympy.Basic, name: str, ctx: Context) -> None:
        self.ctx = ctx
        self.x = sympy.Symbol(name)
        self.expected = expected
        self.integrand = sympy.diff(expected, self.x)
        self.target = Compiled(self.integrand, ctx.space, complex_mode=ctx.complex)
        # the expected answer's own constants (its "+ k") are not part of the question
        self.parameters = (self.integrand.free_symbols | {self.x})
        self.expected_constants = expected.free_symbols - self.parameters

    def judge(self, value: sympy.Basic, deadline: float) -> Judgement:
        derivative = sympy.diff(value, self.x)
        eq = decide(self.target, derivative, deadline)
        if eq.outcome is Outcome.UNKNOWN:
            return undetermined(eq.timed_out)
        if eq.outcome is Outcome.DIFFERENT:
            return incorrect(eq.method, *self._wrong(value, derivative, deadline))
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
        return None if _arbitrary(value, c, self.x) else finding(Code.WEIRD_CONSTANT)

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

    def _wrong(self, value: sympy.Basic, derivative: sympy.Basic, deadline: float) -> list[Finding]:
        if _equal(self.target, value, deadline):
            return [finding(Code.INTEGRAND_RETURNED)]
        second = Compiled(sympy.diff(self.integrand, self.x), self.ctx.space)
        if second.value != 0 and _equal(second, value, deadline, up_to_constant=self.x):
            return [finding(Code.DIFFERENTIATED_INSTEAD)]
        return [finding(Code.NOT_EQUIVALENT,
                        where=" (its derivative is not the function to be integrated)")]


def _equal(target: Compiled, value: sympy.Basic, deadline: float,
           up_to_constant: sympy.Symbol | None = None) -> bool:
    if up_to_constant is not None:
        value = value - value.subs(up_to_constant, 0) if value.has(up_to_constant) else value
        target = Compiled(target.value - target.value.subs(up_to_constant, 0), target.space)
    return decide(target, value, deadline, symbolic=False).outcome is Outcome.EQUAL


def _arbitrary(value: sympy.Basic, c: sympy.Symbol, x: sympy.Symbol) -> bool:
    """Whether the constant can take any value: ``+ c``, ``c·k``, ``ln(c·x)`` yes; ``c²`` no.

    The test: the answer is not an even function of c (c² and |c| only reach half the line)."""
    t = sympy.Rational(7, 5)
    others = {s: sympy.Rational(3, 7) + i for i, s in enumerate(sorted(value.free_symbols - {c},
                                                                         key=lambda s: s.name))}
    try:
        plus = value.subs(others).subs(c, t).evalf(30)
        minus = value.subs(others).subs(c, -t).evalf(30)
    except (TypeError, ValueError, ZeroDivisionError):
        return True
    if not (plus.is_number and minus.is_number):
        return True
    if plus.has(sympy.zoo, sympy.nan) or minus.has(sympy.zoo, sympy.nan):
        return True
    return abs(sympy.N(plus - minus, 30)) > 1e-20 or not minus.is_real
