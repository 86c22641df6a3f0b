"""A check does each piece of work once, and only where it is needed: a right expression is
decided as typed (SymPy never evaluates it), a wrong one is probed once and diagnosed as typed, and
numbers are computed exactly without SymPy's constructors, with the same results."""
from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

from tutor import parse
from tutor.checker import probe as probe_module
from tutor.checker.checker import Checker
from tutor.checker.probe import Probeable, Space
from tutor.checker.verdict import Method
from tutor.parser import evaluate as evaluate_module


@pytest.fixture
def counted(monkeypatch):
    """How often responses are evaluated and compared by probing."""
    calls = {"evaluate": 0, "compare": 0}
    evaluate, compare = evaluate_module.evaluate, probe_module.compare

    def counting_evaluate(expr):
        calls["evaluate"] += 1
        return evaluate(expr)

    def counting_compare(*args, **kwargs):
        calls["compare"] += 1
        return compare(*args, **kwargs)

    monkeypatch.setattr(evaluate_module, "evaluate", counting_evaluate)
    monkeypatch.setattr("tutor.checker.equivalence.compare", counting_compare)
    return calls


def test_a_right_expression_is_decided_as_typed_without_evaluating_it(counted):
    checker = Checker("x^2 e^x + 2x e^x")
    counted.update(evaluate=0, compare=0)
    verdict = checker.check("x e^x (x + 2)")
    assert verdict.correct and verdict.method is Method.NUMERIC
    assert counted == {"evaluate": 0, "compare": 1}


@pytest.mark.parametrize("expected", ["σ(x)(1 - σ(x))", "(x + 1)/(x - 1)", "log(x^2)/x", "[2x, 2y/x]",
                                      "[[1, 2], [3, 4/2]]"])
def test_an_answer_written_as_the_expected_one_is_structural_even_where_it_is_undefined(counted, expected):
    checker = Checker(expected)
    counted.update(evaluate=0, compare=0)
    verdict = checker.check(expected)
    assert verdict.correct and verdict.method is Method.STRUCTURAL
    assert counted == {"evaluate": 0, "compare": 0}


def test_a_vector_written_as_the_expected_one_still_shows_its_digits_where_figures_are_asked():
    assert not Checker("[0.5, 1.25]", sig_figs=3).check("[0.5, 1.25]").correct   # 0.5 has one figure


def test_a_wrong_expression_is_probed_once_and_diagnosed_as_typed_never_evaluated(counted):
    checker = Checker("2(w x - y) x")
    counted.update(evaluate=0, compare=0)
    verdict = checker.check("-2(w x - y) x")
    assert not verdict.correct and verdict.notes == ("SIGN_ERROR",)
    assert counted == {"evaluate": 0, "compare": 1}


@pytest.mark.parametrize("response, expected, notes, term", [
    # a number before a bracketed sum is multiplied into it, as evaluation would
    ("2(w x + b - y) + x", "2(w x + b - y)", ("TERM_EXTRA",), "x"),
    ("-(y log(p) - (1-y) log(1-p))", "-(y log(p) + (1-y) log(1-p))", ("TERM_WRONG",), "(1 − y)·ln(1 − p)"),
    # a term is quoted as typed: −2·x, not (−2)·x; σ(w·x − b), not σ(−b + w·x)
    ("3x^2 - 2x - 5", "3x^2 + 2x - 5", ("TERM_WRONG",), "−2·x"),
    ("σ(w x - b) - y", "σ(w x + b) - y", ("TERM_WRONG",), "σ(w·x − b)"),
    # what was typed, not what it adds up to: the extra x, not a wrong 3x
    ("3x^2 + 2x - 5 + x", "3x^2 + 2x - 5", ("TERM_EXTRA",), "x"),
])
def test_the_terms_of_a_wrong_answer_are_those_typed(counted, response, expected, notes, term):
    checker = Checker(expected)
    counted.update(evaluate=0)
    verdict = checker.check(response)
    assert verdict.notes == notes and f"The term {term} " in verdict.feedback
    assert counted["evaluate"] == 0


@pytest.mark.parametrize("options", [{"rel_tol": 0.01}, {"domain": "strict"}, {"up_to_constant": "x"}])
def test_options_that_need_the_value_first_still_evaluate_it(counted, options):
    checker = Checker("x^2 + 2x", **options)
    counted.update(evaluate=0)
    assert checker.check("x(x + 2)" if "up_to_constant" not in options else "x(x + 2) + C").correct
    assert counted["evaluate"] == 1


def test_the_exact_answer_with_a_tolerance_is_not_said_to_be_within_it():
    verdict = Checker("(x + 1)^2", rel_tol=0.01).check("(1 + x)^2")
    assert verdict.correct and verdict.method is Method.STRUCTURAL and verdict.notes == ()


@pytest.mark.parametrize("response, expected, correct, notes, method", [
    ("2x", "x", False, ("CONSTANT_FACTOR",), Method.NUMERIC),
    ("x^2 + 1", "x^2 + 2x + 1", False, ("TERM_MISSING",), Method.NUMERIC),
    ("sqrt(x^2)", "x", False, ("NOT_EQUIVALENT",), Method.NUMERIC),   # |x|: wrong for x < 0
    ("x/x", "1", True, (), Method.STRUCTURAL),      # a number expected: evaluated first, as ever
    ("(x^2 - 1)/(x - 1)", "x + 1", True, (), Method.NUMERIC),   # the common domain
    ("log(x^2)", "2 log(x)", True, (), Method.NUMERIC),
])
def test_verdicts_are_those_of_evaluating_first(response, expected, correct, notes, method):
    """The verdicts, notes and methods of the checker before typed answers were probed first."""
    verdict = Checker(expected).check(response)
    assert (verdict.correct, verdict.notes, verdict.method) == (correct, notes, method)


def _rational_tree(rng: random.Random, depth: int) -> sympy.Basic:
    if depth == 0 or rng.random() < 0.3:
        return sympy.Rational(rng.randint(-9, 9), rng.choice([1, 1, 2, 3, 7]))
    kind = rng.choice(["add", "mul", "pow"])
    if kind == "pow":
        return sympy.Pow(_rational_tree(rng, depth - 1), rng.randint(-3, 3), evaluate=False)
    parts = [_rational_tree(rng, depth - 1) for _ in range(rng.randint(2, 3))]
    return (sympy.Add if kind == "add" else sympy.Mul)(*parts, evaluate=False)


def test_sums_products_and_whole_powers_of_rationals_are_what_sympy_makes_of_them():
    rng = random.Random(12)
    for _ in range(400):
        tree = _rational_tree(rng, 4)
        ours = evaluate_module.evaluate(tree)
        theirs = tree.doit()
        assert ours == theirs, sympy.srepr(tree)
        assert type(ours) is type(theirs)


def test_a_typed_fraction_is_the_rational_number():
    assert parse("1/2").value == sympy.Rational(1, 2)
    assert parse("2^-3 + 1/8").value == sympy.Rational(1, 4)
    assert parse("0^-1").value is sympy.zoo     # left to SymPy: complex infinity
    assert parse("2^(1/2)").value == sympy.sqrt(2)


def test_an_expression_keeps_a_bounded_number_of_values_at_exact_points():
    x = sympy.Symbol("x")
    p = Probeable(x**2 + 1, Space())
    for n in range(3 * probe_module._EXACT_KEPT):
        assert p.sample_exact({"x": Fraction(n, 7)}).value == p._sample_exact((Fraction(n, 7),), 113).value
    assert len(p._exact) == probe_module._EXACT_KEPT


def test_a_huge_typed_number_is_still_seen_as_too_large_to_diagnose():
    # diagnosed as typed, 2^(9!) is a power of a factorial: its size is bounded from the factorial's
    # (it was seen only once evaluation had computed 9!); floats would call it a constant away
    verdict = Checker("x - 3").check("2^(9!)")
    assert verdict.status == "incorrect" and "ADDED_CONSTANT" not in verdict.notes
    assert Checker("[1, 1]").check("[2^(9!), 1]").status == "invalid"     # as [9^9^9, 1] is
