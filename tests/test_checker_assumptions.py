"""The words a variable may be declared or assumed with, `probability` among them (0 < p < 1), and
answers over data that have no value anywhere the expected answer has one (DOMAIN_MISMATCH)."""
from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

import tutor.checker
from tutor import check
from tutor.assumptions import Assumption
from tutor.checker.probe import LEVELS, PER_LEVEL, Space
from tutor.linalg.declare import ASSUMPTIONS, declaration
from tutor.linalg.numeric import draw
from tutor.problems import load_problem_set

ROOT = Path(__file__).resolve().parents[1]
DATA = {"x": "sequence(n)", "p": "probability"}
LOGLIK = "sum(x_i ln(p) + (1 - x_i) ln(1 - p))"


def test_one_set_of_words_for_declarations_and_assume():
    assert ASSUMPTIONS == tuple(a.value for a in Assumption)
    assert tutor.checker.Assumption is Assumption
    assert declaration("probability").assumption == "probability"


def test_a_probability_is_sampled_strictly_between_0_and_1():
    space = Space({"p": Assumption.PROBABILITY})
    values = [space.coordinate("p", k) for k in range(LEVELS * PER_LEVEL)]
    assert all(0 < v < 1 for v in values)
    assert len(set(values)) == len(values)
    world = draw({"p": declaration("probability")}, ["p"], random.Random(3))
    assert 0 < world["p"] < 1


def test_a_negative_scalar_is_drawn_negative_in_array_worlds():
    worlds = [draw({}, ["a"], random.Random(k), assume={"a": Assumption.NEGATIVE}) for k in range(20)]
    assert all(w["a"] < 0 for w in worlds)


@pytest.mark.parametrize("response, expected, positive, probability", [
    ("sqrt(p^2)", "p", "correct", "correct"),           # a probability is positive
    ("abs(1 - p)", "1 - p", "incorrect", "correct"),    # and below 1: they differ only above 1
    ("ln(p - 1)", "ln(1 - p)", "incorrect", "incorrect"),
    ("p(1 - p)", "p - p^2", "correct", "correct"),
])
def test_what_probability_adds_to_positive(response, expected, positive, probability):
    assert check(response, expected, variables={"p": "positive"}).status.value == positive
    assert check(response, expected, variables={"p": "probability"}).status.value == probability


@pytest.mark.parametrize("response", [
    "ln(p) sum(x_i) + ln(1 - p) (n - sum(x_i))",
    "sum(x_i) ln(p/(1 - p)) + n ln(1 - p)",
])
def test_log_likelihoods_over_data_are_checked_by_number(response):
    verdict = check(response, LOGLIK, variables=DATA)
    assert verdict.correct and verdict.method.value == "numeric"


def test_an_answer_over_data_defined_nowhere_it_should_be_is_a_domain_mismatch():
    verdict = check("sum(x_i ln(p) + (1 - x_i) ln(p - 1))", LOGLIK, variables=DATA)
    assert verdict.status.value == "incorrect" and verdict.notes == ("DOMAIN_MISMATCH",)
    assert "not defined where the expected answer is" in verdict.feedback
    assert "p = 0." in verdict.feedback           # the point tried: an input, not a value of the answer
    # data drawn with either sign: a root of minus a sum of squares has no value anywhere
    assert check("sqrt(-sum(x_i^2))", "sum(x_i)", variables={"x": "sequence(n)"}).notes == ("DOMAIN_MISMATCH",)
    # a matrix with no inverse is still NOT_INVERTIBLE, not a domain mismatch
    singular = check("inverse(A - A) b", "b", variables={"A": "matrix(2, 2)", "b": "vector(2)"})
    assert singular.status.value == "incorrect" and "DOMAIN_MISMATCH" not in singular.notes


def test_the_likelihood_problems_declare_p_a_probability():
    problems = load_problem_set(ROOT / "problems/probability/likelihood_data.toml").problems
    declared = [dict(p.definition.spec.declared() or {}).get("p") for p in problems]
    assert declared and all(d == "probability" for d in declared)


EXPECTED_ROOTS = "p(1-p) = 21/100"
ROOTS = {Fraction(3, 10), Fraction(7, 10)}


@pytest.mark.parametrize("response, roots", [
    ("(p - 3/10)(p - 7/10)(p - 2) = 0", ROOTS | {2}),
    ("(p - 3/10)(p - 7/10)(p + 2) = 0", ROOTS | {-2}),
    ("p(p^2 - p + 21/100) = 0", ROOTS | {0}),
])
def test_an_equation_is_judged_on_the_values_its_variable_may_take(response, roots):
    # the same solutions among the values p may take: a root outside them was quoted as
    # 'p = 2 solves one but not the other' for a probability p
    for how in Assumption:
        same = {r for r in roots if how.allows(r)} == {r for r in ROOTS if how.allows(r)}
        verdict = check(response, EXPECTED_ROOTS, assume={"p": how.value})
        assert verdict.correct is same, (how, verdict.feedback)
    assert not check(response, EXPECTED_ROOTS).correct


def test_a_solution_the_variable_may_take_still_tells_equations_apart():
    verdict = check("(p - 3/10)(p - 7/10)(p - 1/2) = 0", EXPECTED_ROOTS, assume={"p": "probability"})
    assert not verdict.correct and "p = 0.5" in verdict.feedback


def test_the_workers_slices_fix_other_variables_at_values_they_may_take():
    from tutor.checker.symbolic import _slices

    kinds = {"p": Assumption.PROBABILITY, "n": Assumption.POSITIVE, "s": Assumption.NEGATIVE}
    for fixed in _slices(("n", "p", "s", "x"), "x", 12, seed=3, kinds=kinds):
        assert all(kinds[name].allows(value) for name, value in fixed.items() if name in kinds)


@pytest.mark.parametrize("response, expected, how, right", [
    ("x^2 > 4", "x > 2", "positive", True),          # x = −3 satisfies one, but x is positive
    ("x^2 > 4", "x > 2", "real", False),
    ("1/2 < p < 1", "p > 1/2", "probability", True),
    ("1/2 < p < 1", "p > 1/2", "positive", False),  # p = 2
    ("p > 1/3", "p > 1/2", "probability", False),   # p = 0.4 still tells them apart
])
def test_an_inequality_is_judged_on_the_values_its_variable_may_take(response, expected, how, right):
    name = "x" if "x" in expected else "p"
    assert check(response, expected, assume={name: how}).correct is right


def test_the_workers_domain_of_each_word_is_the_values_it_allows():
    from tutor.checker.symbolic import domain_of

    for how in Assumption:
        for value in (Fraction(-2), Fraction(-1, 2), Fraction(0), Fraction(1, 2), Fraction(1), Fraction(3, 2)):
            inside = domain_of(how).contains(sympy.Rational(value.numerator, value.denominator))
            assert bool(inside) is how.allows(value), (how, value)
