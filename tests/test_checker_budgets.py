"""Every evaluation of untrusted input keeps its budget: the learner's response, the author's
expected answer (`Checker(expected)`), `Parsed.value` and relations' ``lhs − rhs``.

Work that would never finish is refused up front (a number too large to compute is kept as
typed, a matrix power whose entries would explode is refused) or stopped at the deadline. Each
test here would hang before: pytest-timeout turns a hang into a failure. Times are measured in
the benchmarks, never asserted here.
"""
from __future__ import annotations

import threading

import pytest
import sympy

from tutor import check, parse
from tutor.checker import Checker
from tutor.checker.verdict import Status
from tutor.errors import CheckError, ParseError

pytestmark = pytest.mark.timeout(60)

POLYNOMIAL = " + ".join(f"{k}x^{k}" for k in range(1, 200))[:1990].rstrip(" +")
MATRIX_POWER = "[[a, b, c], [d, e, f], [g, h, k]]^50"


# ---- Parsed.value never computes what cannot be computed --------------------------------------

@pytest.mark.parametrize("text, kept", [
    ("binomial(-5, 10^9)", sympy.binomial),
    ("floor(pi^(10^7))", sympy.floor),
    ("floor(e^(10^7))", sympy.floor),
    ("ceil(10^(10^6)/3)", sympy.ceiling),
    ("max(pi^(10^7), e^(10^7))", sympy.Max),
    ("floor(exp(exp(20)))", sympy.floor),
])
def test_a_value_too_large_to_compute_is_kept_as_typed(text, kept):
    assert isinstance(parse(text).value, kept)


@pytest.mark.parametrize("text, value", [
    ("binomial(10, 3)", 120),
    ("floor(e^2)", 7),
    ("floor(log(3))", 1),
    ("floor(sqrt(2) + 1)", 2),
    ("floor(pi^100)", sympy.floor(sympy.pi ** 100)),
])
def test_ordinary_values_are_still_computed(text, value):
    assert parse(text).value == value


def test_a_symbolic_matrix_power_whose_entries_would_explode_is_refused():
    with pytest.raises(ParseError) as err:
        parse(MATRIX_POWER)
    assert err.value.code == "matrix_power"
    assert "too large to compute" in err.value.message


def test_a_long_product_of_symbolic_matrices_is_refused():
    with pytest.raises(ParseError) as err:
        parse(" ".join(["[[a, b], [c, d]]"] * 60))
    assert "too large to compute" in err.value.message


@pytest.mark.parametrize("text", ["[[a, b], [c, d]]^5", "[[a, 1], [0, a]]^50", "[[2, 1], [1, 1]]^50"])
def test_small_matrix_powers_are_still_computed(text):
    assert isinstance(parse(text).value, sympy.MatrixBase)


# ---- the learner's response -------------------------------------------------------------------

@pytest.mark.parametrize("response, expected, status, note", [
    ("binomial(-5, 10^9)", "1", "incorrect", None),
    ("floor(pi^(10^7))", "floor(pi^(10^7))", "correct", None),
    ("x < 9^9^9", "x < 1", "undetermined", "NOT_DECIDED"),
    ("x = 9^9^9", "x = 1", "undetermined", "NOT_DECIDED"),
    ("x = 10^(10^6)", "x = 1", "undetermined", "NOT_DECIDED"),
    (MATRIX_POWER, "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]", "invalid", "PARSE_ERROR"),
    # found by hypothesis: the diagnosis of this wrong answer looked for the roots of a quadratic
    # with a 10²² coefficient through SymPy's roots, which ran for minutes
    ("x*y/10^22 + sqrt(x^2 exp(2y)/4 + 1)", "sqrt(x^2 exp(2y)/4 + 1)", "incorrect", None),
])
def test_hostile_responses_get_a_verdict(response, expected, status, note):
    verdict = check(response, expected, time_budget=0.5)
    assert verdict.status == status, verdict.feedback
    if note is not None:
        assert note in verdict.notes


@pytest.mark.parametrize("response", ["floor(pi^(10^7))", "floor(e^(10^7)) x"])
def test_a_response_too_large_to_probe_is_not_judged_correct(response):
    verdict = check(response, "x", time_budget=0.5)
    assert verdict.status in (Status.INCORRECT, Status.UNDETERMINED)
    if verdict.status is Status.UNDETERMINED:
        assert verdict.notes in (("TIMEOUT",), ("NOT_DECIDED",))


def test_a_long_sum_gets_a_verdict():
    verdict = check(POLYNOMIAL, "x", time_budget=0.5)
    assert verdict.status in (Status.INCORRECT, Status.UNDETERMINED)


def test_hostile_responses_get_a_verdict_from_a_thread():
    results: list = []
    cases = [("binomial(-5, 10^9)", "1"), ("floor(pi^(10^7))", "1"), ("x < 9^9^9", "x < 1"),
             ("x = 9^9^9", "x = 1"), (MATRIX_POWER, "1")]
    thread = threading.Thread(target=lambda: results.extend(check(r, e, time_budget=0.5) for r, e in cases))
    thread.start()
    thread.join(50)
    assert not thread.is_alive()
    assert [v.status.value for v in results] == ["incorrect", "undetermined", "undetermined",
                                                "undetermined", "invalid"]


# ---- the author's expected answer -------------------------------------------------------------

@pytest.mark.parametrize("expected", ["x < 9^9^9", "x = 9^9^9", "x = 10^(10^6)", "9^9^9 > x"])
def test_an_expected_relation_too_large_to_compute_is_a_check_error(expected):
    with pytest.raises(CheckError, match="too large to compute"):
        Checker(expected)


def test_an_expected_matrix_power_too_large_is_a_check_error():
    with pytest.raises(CheckError, match="too large to compute"):
        Checker(MATRIX_POWER)


@pytest.mark.parametrize("expected", ["binomial(-5, 10^9)", "floor(pi^(10^7))", "floor(e^(10^7))"])
def test_an_expected_number_too_large_to_compute_builds_and_checks(expected):
    checker = Checker(expected, time_budget=0.5)
    assert checker.check(expected).status is not Status.INCORRECT
    assert checker.check("2").status in (Status.INCORRECT, Status.UNDETERMINED)


def test_an_expected_answer_that_fails_inside_is_a_check_error_not_a_crash():
    with pytest.raises(CheckError):
        Checker(sympy.Eq(sympy.EmptySet, 3, evaluate=False))


# ---- time_budget -------------------------------------------------------------------------------

@pytest.mark.parametrize("budget, words", [
    (10 ** 400, "at most"),
    (float("inf"), "at most"),
    (1e308, "at most"),
    (-1, "positive"),
    (0, "positive"),
    (float("nan"), "positive"),
    ("2", "number of seconds"),
    (True, "number of seconds"),
    ([1], "number of seconds"),
    (1j, "number of seconds"),
])
def test_a_bad_time_budget_is_a_check_error_saying_why(budget, words):
    with pytest.raises(CheckError) as err:
        check("x", "x", time_budget=budget)
    assert "time_budget" in str(err.value) and words in str(err.value)
    assert len(str(err.value)) < 200


@pytest.mark.parametrize("budget", [0.5, 2, 3600])
def test_a_good_time_budget_is_kept(budget):
    assert check("2x", "x + x", time_budget=budget).correct
