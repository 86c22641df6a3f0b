"""Oracle: for random expressions over every supported function, the derivation agrees with sympy.diff,
and every step recomputes its own result, which is the derivative of its own expression.

Expressions are built both evaluated and with ``evaluate=False`` (the parser's typed structure).
Symbols are real, so that SymPy's derivative of |u| is sign(u)·u′ as ours is. Agreement is checked
numerically at sample points (complex arithmetic, so ln or √ of a negative value still compares),
and the checker, as a grader uses it, must never call the result different from sympy.diff.
"""
from __future__ import annotations

import sympy
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from tutor.functions import relu, sigmoid, softplus
from tutor.steps import derivative_steps
from tutor.steps.expressions import evaluated
from tutor.checker import equivalent
from tutor.steps.numeric import close, fingerprint

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", real=True)

LEAVES = st.sampled_from([x, x, x, y, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2),
                          sympy.Integer(-1), sympy.pi])
UNARY = [sympy.sin, sympy.cos, sympy.tan, sympy.atan, sympy.sinh, sympy.cosh, sympy.tanh, sympy.exp,
         sigmoid, softplus, relu, sympy.Abs,
         lambda u: sympy.log(1 + u**2),                    # logarithms of positive arguments
         lambda u: sympy.log(2 + sympy.sin(u), 10, evaluate=False),
         lambda u: sympy.sqrt(1 + u**2),
         lambda u: sympy.asin(u / (2 + u**2)),
         lambda u: sympy.acos(sympy.tanh(u) / 2),
         lambda u: sympy.Max(0, u, evaluate=False),
         lambda u: 1 / (1 + sympy.exp(-u)),                # σ written out
         lambda u: sympy.Pow(sympy.E, u, evaluate=False)]


def _binary(op: str, a: sympy.Basic, b: sympy.Basic, typed: bool) -> sympy.Basic:
    if op == "+":
        return sympy.Add(a, b, evaluate=not typed)
    if op == "-":
        return sympy.Add(a, sympy.Mul(-1, b, evaluate=not typed), evaluate=not typed)
    if op == "*":
        return sympy.Mul(a, b, evaluate=not typed)
    return sympy.Mul(a, sympy.Pow(b, -1, evaluate=not typed), evaluate=not typed)  # a/b


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.builds(_binary, st.sampled_from("+-*/"), children, children, st.booleans()),
        st.builds(lambda u, n, typed: sympy.Pow(u, n, evaluate=not typed), children,
                  st.sampled_from([2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(3, 2)]),
                  st.booleans()),
        st.builds(lambda f, u: f(u), st.sampled_from(UNARY), children),
        st.builds(lambda a, u: sympy.Pow(a, _varying(u)), st.sampled_from([2, 10]), children),
        st.builds(lambda u, v: sympy.Pow(1 + u**2, _varying(v)), children, children),  # u^v
    )


def _varying(exponent: sympy.Basic) -> sympy.Basic:
    # a numeric exponent could be a tower such as 10^(10^3), which SymPy would try to multiply out
    return exponent if exponent.has(x) else x * exponent


EXPRESSIONS = st.recursive(LEAVES, _extend, max_leaves=7)


def _matches_diff(expr: sympy.Basic, result: sympy.Basic, wrt: sympy.Symbol) -> bool | None:
    """Whether `result` is d`expr`/d`wrt` at 6 points; None when either cannot be evaluated there."""
    expected = fingerprint(sympy.diff(evaluated(expr), wrt), 6)
    got = fingerprint(result, 6)
    if expected is None:
        return None
    return close(got, expected, rel=1e-7)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much])
@given(EXPRESSIONS)
def test_the_derivation_agrees_with_sympy_and_every_step_recomputes_its_result(expr):
    try:
        value = evaluated(expr)
    except ValueError:  # SymPy refuses the expression itself, e.g. max(0, √−1)
        reject()
    # a typed sum that is identically 0 (x − x) makes 1/(x − x) or the chain rule's √u′ undefined
    # nor one with ∞ or an undefined value in it, even where it cancels (zoo^0 evaluates to 1)
    assume(not value.has(sympy.zoo, sympy.nan) and not expr.has(sympy.zoo, sympy.nan))
    assume(all(evaluated(term) != 0 for term in expr.atoms(sympy.Add)))
    derivation = derivative_steps(expr, x)
    assert not derivation.has_unknown
    verdict = _matches_diff(expr, derivation.result, x)
    assume(verdict is not None)  # e.g. a pole exactly at a sample point
    assert verdict, (expr, derivation.result)
    # the checker, as a grader would use it, agrees (None: it could not decide within its budget)
    # at a kink the steps take relu'(0) = 0, SymPy H(0) = 1/2: a value at one point, which the
    # checker now sees
    expected = sympy.diff(value, x).replace(lambda e: isinstance(e, sympy.Heaviside),
                                            lambda e: sympy.Heaviside(e.args[0], 0))
    assert equivalent(derivation.result, expected, time_budget=5) is not False, \
        (expr, derivation.result)
    for step in derivation.steps.walk():
        assert step.recompute() == step.result
        assert _matches_diff(step.expr, step.result, step.wrt) is not False, (step.rule, step.expr)


def test_a_small_tower_is_worked_not_refused():
    """e^(2^2) was refused as 'a number too large' (a hypothesis find); 9^(9^9) still is."""
    import pytest

    from tutor.errors import StepError
    x = sympy.Symbol("x")
    e4 = sympy.Pow(sympy.E, sympy.Pow(2, 2, evaluate=False), evaluate=False)
    assert derivative_steps(x + e4, x).result == 1
    with pytest.raises(StepError):
        derivative_steps(x * sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False), x)
