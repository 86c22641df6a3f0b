"""Properties of the checker over random expressions (hypothesis).

- an expression checked against itself (typed back as text) is correct;
- random algebraic rewrites of an expression are accepted;
- random small perturbations are rejected, however small.
"""
from __future__ import annotations

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor import check
from tutor.functions import sigmoid
from tutor.parser.printer import to_text

x, y = sympy.symbols("x y")

# leaves and operations defined on the whole real line, so that rewrites cannot change the domain
_leaves = st.sampled_from([x, y, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2), sympy.Integer(-1)])


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, st.integers(2, 3)).map(lambda p: p[0] ** p[1]),
        children.map(sympy.sin), children.map(sympy.cos), children.map(sympy.exp),
        children.map(sigmoid), children.map(lambda c: sympy.log(1 + c**2)),
        children.map(lambda c: sympy.sqrt(c**2 + 1)),
    )


expressions = st.recursive(_leaves, _extend, max_leaves=6).filter(lambda e: e.free_symbols)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(expressions)
def test_an_expression_typed_back_is_correct(expr):
    verdict = check(to_text(expr), expr)
    assert verdict.correct, (to_text(expr), verdict.feedback)


def _rewrites(expr: sympy.Basic) -> list[sympy.Basic]:
    return [
        sympy.expand(expr),
        sympy.factor(expr) if expr.is_polynomial() else expr,
        sympy.together(expr),
        expr.replace(sigmoid, lambda a: 1 / (1 + sympy.exp(-a))),
        sympy.expand_trig(expr),
        sympy.Mul(expr, sympy.exp(x) * sympy.exp(-x), evaluate=False),
        sympy.Add(expr, sympy.sin(y) ** 2 + sympy.cos(y) ** 2 - 1, evaluate=False),
        (expr + 1) - 1,
    ]


@SETTINGS
@given(expressions, st.integers(0, 7))
def test_rewrites_are_accepted(expr, which):
    rewritten = _rewrites(expr)[which]
    verdict = check(rewritten, expr)
    assert verdict.correct, (str(rewritten), str(expr), verdict.feedback)


@SETTINGS
@given(expressions, st.integers(3, 30), st.sampled_from([1, x, y, x * y, x**2]))
def test_small_perturbations_are_rejected(expr, digits, shape):
    perturbed = expr + sympy.Rational(1, 10**digits) * shape
    verdict = check(perturbed, expr)
    assert verdict.status == "incorrect", (str(perturbed), str(expr), verdict.feedback)
