"""Nothing escapes a check: any response of any type gives a `Verdict`.

Text, whole numbers, fractions, finite floats and SymPy numbers are read; anything else is
`invalid` with a message saying what was given. Only a bad expected answer or bad options raise
`CheckError`. Damaged problem files become `ProblemFileError` naming the file.
"""
from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tutor import check
from tutor.checker import Checker
from tutor.checker.verdict import Status, Verdict
from tutor.errors import CheckError, ProblemFileError

pytestmark = pytest.mark.timeout(120)

BUDGET = 0.5


# ---- the crashes found, each now a verdict -------------------------------------------------------

@pytest.mark.parametrize("response, expected, status, words", [
    ("sin({})", "1", "invalid", "not a set"),
    ("sin {1, 2}", "1", "invalid", "sets, intervals and comparisons"),
    ("x/[1] 2", "x", "invalid", "divide by a vector"),
    ("{} = 3", "x = 3", "invalid", "cannot stand in a comparison"),
    ("x = 10^(10^6)", "x = 1", "undetermined", "cannot be checked"),
    ("λ = 0, λ = 4", "{0, 4}", "correct", "Correct"),
    ("λ = 0, λ = 3", "{0, 4}", "incorrect", "missing"),
    ("x = 0, y = 4", "{0, 4}", "invalid", "isn't a set"),
])
def test_inputs_that_crashed_get_a_verdict(response, expected, status, words):
    verdict = check(response, expected, time_budget=BUDGET)
    assert verdict.status == status
    assert words in verdict.feedback


def test_a_number_times_a_matrix_after_a_division_is_read():
    verdict = check("1/3 [[2,1],[-5,-1]]", "[[2/3, 1/3], [-5/3, -1/3]]")
    assert verdict.correct, verdict.feedback


def test_an_error_inside_a_worker_is_not_reported_as_a_time_out():
    verdict = check("λ = 0, λ = 4, λ = x", "{0, 4}", time_budget=BUDGET)
    assert "TIMEOUT" not in verdict.notes


# ---- responses of every type ----------------------------------------------------------------------

@pytest.mark.parametrize("response, expected", [
    (3, "3"), (-7, "-7"), (Fraction(1, 3), "1/3"), (Fraction(-5, 2), "-2.5"), (0.25, "1/4"),
    (2.5e-3, "0.0025"), (sympy.Rational(2, 3), "2/3"), (sympy.Integer(4), "4"), (sympy.pi, "pi"),
    (sympy.Float("0.5"), "1/2"),
])
def test_numbers_of_every_kind_are_read(response, expected):
    assert check(response, expected).correct


@pytest.mark.parametrize("response, words", [
    (None, "not a NoneType"), (True, "not a bool"), ({}, "not a dict"), ([1, 2], "not a list"),
    (object(), "not an object"), (b"x", "not a bytes"), (1j, "not a complex"),
    (Decimal("1.5"), "not a Decimal"), (float("nan"), "finite"), (float("inf"), "finite"),
    pytest.param(10 ** 5000, "too long", id="int-of-5001-digits"), (sympy.Lambda(sympy.Symbol("x"), 1), "cannot be checked"),
])
def test_anything_else_is_invalid_with_a_message(response, words):
    verdict = check(response, "1")
    assert verdict.status is Status.INVALID
    assert words in verdict.feedback


@pytest.mark.parametrize("expected", [None, {}, [1], 3.5j, object(), "x +", "(", ""])
def test_a_bad_expected_answer_is_a_check_error(expected):
    with pytest.raises(CheckError):
        check("1", expected)


@pytest.mark.parametrize("options", [{"form": "nonsense"}, {"rel_tol": "x"}, {"nope": 1},
                                     {"time_budget": 10 ** 400}, {"assume": 3}])
def test_bad_options_are_a_check_error(options):
    with pytest.raises(CheckError):
        check("1", "1", **options)


# ---- fuzzing: only verdicts come out ------------------------------------------------------------

PIECES = list("xyz0123456789+-*/^()[]{}|,.;=<>!% _eπλσθ√²·×−∞") + [
    "sin", "ln", "sqrt", "floor", "binomial", "max", "e^", "**", "  ", "x_1", "[[", "]]", "9^9^9",
    "(10^100)!", "10^(10^6)", "{}", "[1]", "λ = ", ", ", " = ", "[[1,2],[3,4]]", "^50", "pi^(10^7)"]

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=16).map("".join) | st.text(max_size=40)
EXPECTED = ["x^2 + 1", "{0, 4}", "x = 2", "x < 3", "[[1, 2], [3, 4]]", "(0, 1]", "1/3", "2, 3", "[1, 2]"]
objects = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.fractions() | st.complex_numbers()
    | st.text(max_size=20) | st.binary(max_size=8) | st.decimals(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    | st.tuples(inner, inner), max_leaves=6)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(response=texts, expected=st.sampled_from(EXPECTED))
def test_random_text_gives_a_verdict(response, expected):
    assert isinstance(check(response, expected, time_budget=BUDGET), Verdict)


@FUZZ
@given(response=objects, expected=st.sampled_from(EXPECTED))
def test_random_python_objects_give_a_verdict(response, expected):
    verdict = check(response, expected, time_budget=BUDGET)
    assert isinstance(verdict, Verdict)
    if not isinstance(response, (str, int, float, Fraction)) or isinstance(response, bool) \
            or isinstance(response, float) and not math.isfinite(response):
        assert verdict.status is Status.INVALID


@FUZZ
@given(expected=texts)
@example(expected="λ  66^50^50∞^50sqrt[[1,2],[3,4]]")   # once hung: a huge factor beside a matrix
def test_random_expected_text_gives_a_checker_or_a_check_error(expected):
    try:
        checker = Checker(expected, time_budget=BUDGET)
    except CheckError:
        return
    assert isinstance(checker.check("x"), Verdict)


# ---- problem files -------------------------------------------------------------------------------

def test_a_deeply_nested_problem_file_is_a_problem_file_error_and_others_still_load(tmp_path: Path):
    from tutor.problems import load_problem_set
    from tutor.problems.discovery import discover

    course = tmp_path / "course"
    course.mkdir()
    deep = course / "deep.toml"
    deep.write_text('title = "Deep"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    good = course / "good.toml"
    good.write_text((Path(__file__).parent / "fixtures/problems/probability/dice.toml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    with pytest.raises(ProblemFileError) as err:
        load_problem_set(deep)
    assert str(deep) in str(err.value) and "too deeply" in str(err.value)
    infos = {info.id: info for info in discover([tmp_path])}
    assert infos["course/good"].problem_count == 1
    assert infos["course/deep"].problem_count == 0 and "too deeply" in infos["course/deep"].description
    assert load_problem_set(good).problems
