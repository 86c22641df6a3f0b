"""Tests aimed at the hand-made mutations that survived the suite (issue 12, item 7); each names
the fact it pins. `python benchmarks/mutations.py` applies every mutation to a copy and checks
that these tests notice it."""
from __future__ import annotations

import math

import sympy

import tutor
from tutor import ops
from tutor.problems.interpreter import AUTHOR_OPS, interpret

x = sympy.Symbol("x")


def author(text: str) -> sympy.Basic:
    return interpret(tutor.parse(text, variables=["x"], functions=AUTHOR_OPS).expr)


def test_the_csc_derivative_is_minus_csc_cot():
    assert sympy.simplify(ops.by_name("csc").derivative(x) - sympy.diff(sympy.csc(x), x)) == 0
    steps = tutor.solution_steps("diff(csc(x), x)")
    assert tutor.check(str(steps.result), "-csc(x) cot(x)", variables=["x"]).correct


def test_the_tanh_derivative_and_float_value():
    assert sympy.simplify(ops.by_name("tanh").derivative(x) - (1 - sympy.tanh(x) ** 2)) == 0
    facet = ops.by_name("tanh").numeric.float
    for v in (0.3, 1.7, -2.5):
        assert math.isclose(facet(v), math.tanh(v), rel_tol=1e-12)


def test_covariance_divides_by_n():
    # the population covariance of (1, 2, 3) with itself is its variance: 2/3 (not 1, over n − 1)
    assert author("covariance([1, 2, 3], [1, 2, 3])") == sympy.Rational(2, 3)
    assert author("covariance([1, 2, 3, 4], [2, 4, 6, 8])") == sympy.Rational(5, 2)


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert author("median([4, 1, 3, 2])") == sympy.Rational(5, 2)
    assert author("median([1, 3, 2])") == 2


def test_decimal_places_demand_the_correctly_rounded_value():
    assert tutor.check("3.14", "pi", decimal_places=2).correct
    wrong = tutor.check("3.15", "pi", decimal_places=2)   # 0.0084 away: within 0.01, not within 0.005
    assert not wrong.correct and "INACCURATE" in wrong.notes


def test_lint_checks_each_answer_against_itself():
    from pathlib import Path

    from tutor.problems.lint import lint_file

    report = lint_file(Path(__file__).parent / "fixtures" / "broken_problems" / "answer_fails_itself.toml", seeds=2)
    failures = [m for p in report.problems for m in p.failures]
    assert any("does not check as correct against itself" in m for m in failures), (report.error, failures)


def test_agreement_on_a_sliver_of_the_domain_is_not_equality():
    # asin(4x) + acos(4x) is π/2 only for |x| ≤ 1/4, where a couple of the probe points fall: too
    # few to judge on, so the answer is judged by where it is undefined; asin(x) + acos(x), defined
    # on |x| ≤ 1, agrees at enough points to be right on a narrower domain
    sliver = tutor.check("x + asin(4x) + acos(4x)", "x + pi/2", variables=["x"])
    assert sliver.status == "incorrect" and "DOMAIN_MISMATCH" in sliver.notes, sliver
    interval = tutor.check("x + asin(x) + acos(x)", "x + pi/2", variables=["x"])
    assert interval.correct and "DOMAIN_NARROWER" in interval.notes, interval
