"""`endpoints_only`: a confidence interval graded on its endpoints, whichever ends are included."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

import tutor
from tutor.problems import discover, load_problem_set

OPEN = sympy.Interval.open(sympy.Rational(6, 5), sympy.Rational(17, 5))
CLOSED = sympy.Interval(sympy.Rational(6, 5), sympy.Rational(17, 5))


@pytest.mark.parametrize("expected", [OPEN, CLOSED])
@pytest.mark.parametrize("response, plain, endpoints", [
    ("(1.2, 3.4)", None, "correct"),
    ("[1.2, 3.4]", None, "correct"),
    ("(1.2, 3.4]", "incorrect", "correct"),
    ("[1.2, 3.4)", "incorrect", "correct"),
    ("(1.2, 3.5)", "incorrect", "incorrect"),
    ("[1.3, 3.5]", "incorrect", "incorrect"),
    ("(3.4, 1.2)", "incorrect", "incorrect"),
    ("2.3", "invalid", "invalid"),
])
def test_endpoints_only_ignores_the_brackets_and_nothing_else(expected, response, plain, endpoints):
    typed_like_expected = response.startswith("(") == expected.left_open and response.endswith(")") == expected.right_open
    without = tutor.check(response, expected)
    if plain is None:
        assert without.status.value == ("correct" if typed_like_expected else "incorrect")
    else:
        assert without.status.value == plain
    with_option = tutor.check(response, expected, endpoints_only=True)
    assert with_option.status.value == endpoints
    assert "WRONG_BRACKET" not in with_option.notes
    if endpoints == "correct":
        assert with_option.score == 1.0


def test_a_wrong_endpoint_still_says_which():
    verdict = tutor.check("[1.2, 3.5]", OPEN, endpoints_only=True)
    assert verdict.notes == ("WRONG_ENDPOINT",) and verdict.score == 0.5


def test_the_option_must_be_true_or_false():
    with pytest.raises(tutor.CheckError, match="endpoints_only"):
        tutor.check("(1, 2)", OPEN, endpoints_only="yes")


def test_the_command_line_flag():
    def run(*flags):
        done = subprocess.run([sys.executable, "-m", "tutor", "check", "[1, 2]", "--expected", "(1, 2]",
                               "--json", *flags], capture_output=True, text=True, timeout=120)
        return json.loads(done.stdout)["status"]
    assert run() == "incorrect"
    assert run("--endpoints-only") == "correct"


def test_the_confidence_interval_problem_accepts_either_bracket():
    root = Path(__file__).resolve().parents[1] / "problems"
    problem = next(p for info in discover([root]) for p in load_problem_set(info.path).problems
                   if p.id == "confidence-interval-mean")
    instance = problem.instantiate(3)
    lo, hi = (float(v) for v in (instance.answer.start, instance.answer.end))
    for left, right in ("()", "[]", "(]", "[)"):
        assert instance.check(f"{left}{lo:.2f}, {hi:.2f}{right}").correct
    assert not instance.check(f"({lo:.2f}, {hi + 1:.2f})").correct


@pytest.mark.parametrize("response, status, notes", [
    ("(0.1429, 0.8571]", "correct", ("APPROXIMATE",)),
    ("(1/7, 6/7]", "correct", ()),
    ("(-oo, 0.1429]", "correct", ("APPROXIMATE",)),
    ("(0.14, 0.8571]", "incorrect", ("WRONG_ENDPOINT", "TOO_FEW_FIGURES")),
])
def test_decimal_endpoints_follow_the_decimal_policy(response, status, notes):
    expected = "(-oo, 1/7]" if "oo" in response else "(1/7, 6/7]"
    verdict = tutor.check(response, expected)
    assert verdict.status.value == status and verdict.notes == notes


@pytest.mark.parametrize("expected", [OPEN, CLOSED])
@pytest.mark.parametrize("response, status", [
    ("2.3 ± 1.1", "correct"),      # x̄ ± E: the interval between, its ends as the expected ones
    ("2.3 +/- 1.1", "correct"),    # ± as typed on a keyboard without it
    ("1.1 ± 2.3", "incorrect"),
    ("2.3 ± 1.2", "incorrect"),
])
def test_a_centre_plus_or_minus_a_margin_is_the_interval(expected, response, status):
    # it was 'Your answer isn't an interval (it looks like a set)', though the issue asked for ±
    assert str(tutor.check(response, expected).status) == status
    assert str(tutor.check(response, expected, endpoints_only=True).status) == status
