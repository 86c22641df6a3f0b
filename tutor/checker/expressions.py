"""Checking expressions and numbers: equivalence, tolerances, forms, and what went wrong.

>>> import time, tutor
>>> from tutor.checker.judgement import Context
>>> from tutor.checker.options import CheckOptions
>>> from tutor.checker.probe import Space
>>> ctx = Context(CheckOptions(), Space(), frozenset({"x"}))
>>> target = ExpressionTarget(tutor.parse("2x + 2").value, ctx)
>>> target.judge(tutor.parse("2(x+1)"), time.monotonic() + 2).status
<Status.CORRECT: 'correct'>
"""
from __future__ import annotations

import time
from fractions import Fraction
from functools import cached_property

import sympy
from mpmath import libmp

from tutor.checker import precision
from tutor.checker.antiderivative import Antiderivative
from tutor.checker.describe import point_text
from tutor.checker.diagnose import diagnose
from tutor.checker.equivalence import (Compiled, Equivalence, Probed, constant_ratio, decide,
                                       probe_typed)
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.forms import form_problem, in_terms_of_problem
from tutor.checker.judgement import Context, Judgement, incorrect, undetermined
from tutor.checker.options import Domain, Form
from tutor.checker.probe import Outcome, Tolerance
from tutor.checker.verdict import Method, Status
from tutor.parser.evaluate import too_large
from tutor.deadline import OutOfTime, keep
from tutor.parser import Kind, Parsed

_READABLE = {
    Kind.EXPRESSION: "an expression", Kind.NUMBER: "a number", Kind.EQUATION: "an equation",
    Kind.INEQUALITY: "an inequality", Kind.VECTOR: "a vector", Kind.MATRIX: "a matrix",
    Kind.SET: "a set", Kind.INTERVAL: "an interval", Kind.LIST: "a list of answers",
}


def wrong_kind(expected: Kind, got: Kind) -> Judgement:
    """`invalid`: the response is a different sort of thing from the expected answer.

    >>> wrong_kind(Kind.EQUATION, Kind.EXPRESSION).findings[0].text
    "Your answer isn't an equation (it looks like an expression)."
    """
    want = _READABLE[expected] if expected is not Kind.NUMBER else "a number or an expression"
    return Judgement(Status.INVALID, Method.NONE,
                     (finding(Code.WRONG_KIND, expected=want, got=_READABLE[got]),))


def tolerance(ctx: Context) -> Tolerance | None:
    """The pointwise tolerance the options ask for, or None.

    >>> from tutor.checker.options import CheckOptions
    >>> from tutor.checker.probe import Space
    >>> tolerance(Context(CheckOptions.from_kwargs(rel_tol=0.1), Space(), frozenset()))
    Tolerance(rel=Fraction(1, 10), abs=Fraction(0, 1))
    """
    opts = ctx.options
    if opts.rel_tol is None and opts.abs_tol is None:
        return None
    return Tolerance(opts.rel_tol or Fraction(0), opts.abs_tol or Fraction(0))


def decimals_typed(response: Parsed) -> precision.Typed | None:
    """The decimals a response typed (None when it typed none), for the decimal policy.

    >>> import tutor
    >>> decimals_typed(tutor.parse("0.5263")).of(Fraction(5263, 10000))
    (4, 4)
    >>> decimals_typed(tutor.parse("10/19")) is None
    True
    """
    if not response.features & {"decimal", "percent", "scientific"}:
        return None
    return precision.typed_decimals(response.text)


def _wrong_as_typed(probed: Probed | Equivalence | None) -> bool:
    """Whether probing the response as typed showed it to differ from the expected answer."""
    return isinstance(probed, Probed) and probed.probe is not None and probed.probe.outcome is Outcome.DIFFERENT


def _infinite(value: sympy.Basic) -> bool:
    """Whether a number is infinite or undefined (∞, −∞, complex infinity, nan).

    >>> _infinite(sympy.oo), _infinite(sympy.factorial(-1)), _infinite(sympy.Integer(5))
    (True, True, False)
    """
    if value.is_Rational:
        return False    # the common case, at once (`has` walks the tree)
    # structural only: asking SymPy whether 9^9^9^9 is infinite computes it
    return bool(value.is_number and value.has(sympy.oo, sympy.S.NegativeInfinity, sympy.zoo, sympy.nan))


class ExpressionTarget:
    """An expected expression or number, compiled once and checked against many responses."""

    def __init__(self, value: sympy.Basic, ctx: Context, typed: sympy.Basic | None = None) -> None:
        self.ctx = ctx
        self.value = ctx.to_domain(value)
        self.typed = None if typed is None else ctx.to_domain(typed)
        self.compiled = Compiled(self.value, ctx.space, complex_mode=ctx.complex, typed=self.typed)
        self.number = not self.value.free_symbols
        question = ctx.options.question
        self.question = None if question is None else \
            Compiled(ctx.to_domain(question), ctx.space, complex_mode=ctx.complex)
        name = ctx.options.up_to_constant
        self.antiderivative = None if name is None else Antiderivative(self.value, name, ctx)
        # an expression in variables, with no tolerance, antiderivative or strict domain, is
        # probed as typed before the response is evaluated (see `_as_typed`)
        self.typed_first = not self.number and self.compiled.probe is not None and name is None \
            and tolerance(ctx) is None and ctx.options.domain is not Domain.STRICT

    @cached_property
    def _exact(self) -> Fraction | None:
        """The expected number as an exact fraction, or its 60-digit approximation (computed once)."""
        return precision.exact_value(self.value)

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        if response.kind not in (Kind.EXPRESSION, Kind.NUMBER):
            named = self._named_value(response)
            if named is not None:   # x = 2 for the number 2: correct, with a note
                judgement = self.judge_value(self.ctx.to_domain(named.rhs), deadline)
                if judgement.status is Status.CORRECT:
                    return judgement.adding(finding(Code.VALUE_AS_EQUATION, name=named.lhs))
                return judgement
            return wrong_kind(Kind.NUMBER if self.number else Kind.EXPRESSION, response.kind)
        typed = self.ctx.to_domain(response.expr)
        probed = self._as_typed(typed, deadline) if self.typed_first else None
        opts = self.ctx.options
        if isinstance(probed, Equivalence):
            judgement = self._correct(probed, None)
        else:
            decimals = decimals_typed(response)
            if _wrong_as_typed(probed) and decimals is None:
                # probing as typed found it wrong: it is diagnosed as typed, never evaluated (SymPy
                # evaluating a fresh expression costs more than the rest of the check)
                value = typed
            else:
                value = self.ctx.to_domain(response.value)
            if self.antiderivative is not None:
                return self.antiderivative.judge(value, deadline)
            if self.number and (opts.sig_figs is not None or opts.decimal_places is not None):
                return precision.judge_written(self.value, response.text, opts)
            judgement = self.judge_value(value, deadline, decimals=decimals, typed=typed, probed=probed)
        if judgement.status is Status.CORRECT and opts.form is not None:
            problem = form_problem(opts.form, response)
            if problem is not None:
                return incorrect(judgement.method, problem)
        if judgement.status is Status.CORRECT and opts.in_terms_of is not None:
            problem = in_terms_of_problem(opts.in_terms_of, response)
            if problem is not None:
                return incorrect(judgement.method, problem)
        return judgement

    def _as_typed(self, typed: sympy.Basic, deadline: float) -> Equivalence | Probed | None:
        """A right answer found without evaluating it: written as the expected answer was
        (structural, even where it is undefined somewhere: the same domain), or equal to it where probed as typed (numeric: as `decide` would find,
        since it probes what was typed). Otherwise what probing found, for `decide` to reuse
        once the response is evaluated (diagnosis needs its value); None when it cannot be probed.

        Evaluation is a third of checking a right answer; only a response that SymPy would
        evaluate into the very form of the expected answer is now said to be equal by
        probing rather than by structure."""
        if typed == self.typed:   # the same as written: the same value on the same domain
            return Equivalence(Outcome.EQUAL, Method.STRUCTURAL)
        probed = probe_typed(self.compiled, typed, deadline)
        if probed.probe is not None and probed.probe.outcome is Outcome.EQUAL:
            return Equivalence(Outcome.EQUAL, Method.NUMERIC, probed.probe, probed.response)
        return probed if probed.response is not None else None

    def _named_value(self, response: Parsed) -> sympy.Equality | None:
        """``x = 2`` where a number is expected (no precision option): a name equal to a number;
        and ``E(X) = n p``, a named quantity (`tutor.parser.notation.named_value`) equal to a
        number or an expression, wherever one is expected."""
        opts = self.ctx.options
        if (response.kind is not Kind.EQUATION or opts.sig_figs is not None
                or opts.decimal_places is not None or not isinstance(response.value, sympy.Equality)):
            return None
        lhs, rhs = response.value.lhs, self.ctx.to_domain(response.value.rhs)
        if not isinstance(lhs, sympy.Symbol):
            return None
        quantity = any(note.code == "named_value" for note in response.notes)
        if quantity or self.number and not rhs.free_symbols:
            return sympy.Equality(lhs, rhs, evaluate=False)
        return None

    def judge_value(self, value: sympy.Basic, deadline: float, decimals: precision.Typed | None = None,
                    typed: sympy.Basic | None = None, probed: Probed | None = None) -> Judgement:
        """Equivalence of an evaluated response (no form or precision checks); `typed` is
        the response as written, when known (its domain is probed); `decimals` the decimals
        it typed, if any (see `decimals_typed`); `probed` what probing `typed` found, if done."""
        value = self.ctx.to_domain(value)   # entries of vectors and sets come here directly
        infinite = self._infinite(value)
        if infinite is not None:
            return infinite
        tol = tolerance(self.ctx)
        if decimals is not None:
            approximate = self._approximate(value, decimals)
            if approximate is not None:
                return approximate
        if decimals is not None and tol is None and value.is_Rational and self.number and not too_large(self.value) \
                and self.value.is_rational is False:
            # a decimal is never exactly an irrational number, however many digits it has
            found = self._close(precision.exact_value(value), self._exact, tol, True)
            return incorrect(Method.NUMERIC, *(found or [finding(Code.NOT_EQUIVALENT, where="", number=self.number)]))
        strict = self.ctx.options.domain is Domain.STRICT
        # x/x is the number 1, but as typed it is undefined at 0: a strict domain must see that
        exact = None if strict and typed is not None and typed.free_symbols else \
            self._exact_numbers(value, tol, decimals is not None)
        if exact is not None:
            return exact
        eq = decide(self.compiled, value, deadline, tol=tol, typed=typed, strict=strict, probed=probed)
        if eq.outcome is Outcome.EQUAL:
            return self._correct(eq, tol)
        if eq.outcome is Outcome.UNKNOWN:
            return undetermined(eq.timed_out)
        scaled = self._scaled(eq)
        if scaled is not None:
            return scaled
        return incorrect(eq.method, *self._wrong(value, eq, deadline))

    def _approximate(self, value: sympy.Basic, decimals: precision.Typed) -> Judgement | None:
        """The decimal policy: a typed decimal for an exact number, judged on its rounding
        (authors' tolerances and ``form="exact"`` take precedence)."""
        opts = self.ctx.options
        if not (self.number and value.is_Rational) or opts.tolerant or opts.form is Form.EXACT:
            return None
        got = Fraction(int(value.p), int(value.q))
        figures = decimals.of(got)
        if figures is None:
            return None
        return precision.approximate(got, self.value, figures)

    def _infinite(self, value: sympy.Basic) -> Judgement | None:
        """∞, −∞ or an undefined number ((−1)! is complex infinity) on either side: equal only
        to itself, never to a finite number or an expression."""
        if not (_infinite(self.value) or _infinite(value)):
            return None
        if value == self.value:
            return Judgement(Status.CORRECT, Method.STRUCTURAL)
        # an expression in real variables is finite wherever it is defined
        return incorrect(Method.STRUCTURAL, finding(Code.NOT_EQUIVALENT, where="", number=self.number))

    def _exact_numbers(self, value: sympy.Basic, tol: Tolerance | None, decimals: bool) -> Judgement | None:
        """Two rational numbers are compared exactly (tolerance included)."""
        if not (self.value.is_Rational and value.is_Rational):
            return None
        got = precision.exact_value(value)
        want = self._exact
        if got is None or want is None:     # never for two rationals (exact_value is typed optional)
            return None
        if got == want:
            return Judgement(Status.CORRECT, Method.STRUCTURAL)
        if tol is not None and precision.within(got, want, tol.rel, tol.abs):
            return Judgement(Status.CORRECT, Method.NUMERIC, (finding(Code.WITHIN_TOLERANCE),))
        found = self._close(got, want, tol, decimals)
        if got == -want:
            found.append(finding(Code.SIGN_ERROR))
        return incorrect(Method.STRUCTURAL if tol is None else Method.NUMERIC,
                         *(found or [finding(Code.NOT_EQUIVALENT, where="", number=self.number)]))

    def _close(self, got, want, tol: Tolerance | None, decimals: bool) -> list[Finding]:
        if got is None or want is None or not precision.close(got, want):
            return []
        if tol is not None:
            advice = "your answer is within 1%, but not within the accuracy required."
        elif decimals and self.ctx.options.form is Form.EXACT:
            advice = "enter the exact value."
        elif decimals:
            advice = (f"enter the exact value, or the value correctly rounded to at least "
                      f"{precision.MIN_FIGURES} significant figures.")
        else:
            advice = "your answer is within 1% of the right value."
        return [finding(Code.CLOSE, advice=advice)]

    def _correct(self, eq: Equivalence, tol: Tolerance | None) -> Judgement:
        found: list[Finding] = []
        probe = eq.probe
        if probe is not None and probe.narrower:
            note = finding(Code.DOMAIN_NARROWER, point=point_text(probe.narrower_at))
            if self.ctx.options.domain is Domain.STRICT:
                return incorrect(eq.method, note)
            found.append(note)
        if tol is not None and eq.method is not Method.STRUCTURAL:   # not said of the exact answer
            found.append(finding(Code.WITHIN_TOLERANCE))
        return Judgement(Status.CORRECT, eq.method, tuple(found))

    def _scaled(self, eq: Equivalence) -> Judgement | None:
        """up_to_scalar / up_to_sign: a nonzero constant multiple (±1 for sign) is correct."""
        opts = self.ctx.options
        if not (opts.up_to_scalar or opts.up_to_sign):
            return None
        ratio = constant_ratio(self.compiled, eq.response)
        if ratio is None:
            return None
        if opts.up_to_sign and (self.ctx.complex or abs(abs(libmp.to_float(ratio.value)) - 1) > 1e-20):
            return None
        return Judgement(Status.CORRECT, Method.NUMERIC, (finding(Code.SCALAR_MULTIPLE),))

    def _wrong(self, value: sympy.Basic, eq: Equivalence, deadline: float) -> list[Finding]:
        found = self.ctx.unknown(value)
        if eq.probe is not None and eq.probe.domain_only:
            point = eq.probe.counterexample.point if eq.probe.counterexample else ()
            if point:
                return found + [finding(Code.DOMAIN_MISMATCH, point=point_text(point))]
            # two numbers, one of which could not be evaluated: no point to name, and
            # "not defined" may only mean our evaluator gave up (binomial(-5, 10^9))
            return found + [finding(Code.NOT_EQUIVALENT, where="", number=self.number)]
        if self.number and not value.free_symbols:
            found += self._close(precision.exact_value(value), self._exact,
                                 tolerance(self.ctx), decimals=True)
        try:
            with keep(deadline):   # saying how it is wrong never costs the verdict its budget
                return found + diagnose(self.compiled, value, eq, self.question)
        except OutOfTime:
            return found + [finding(Code.NOT_EQUIVALENT, where="", number=self.number)]  # no time left to say more

