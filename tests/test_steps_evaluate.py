"""Formulas applied to the question's numbers: worked part by part, and their slips diagnosed.

The engine (`tutor.steps.evaluate`) must agree with the author interpreter on random instances of
the formulas the course uses, every node must recompute its own result, the ladder must keep the
answer to its last rung, and each misconception of `tutor.steps.evaluate_bugs` is diagnosed on two
instances, without ever diagnosing a correct answer.
"""
from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

from steps_oracle import check_against_interpreter, gives_away, interpreted
from tutor.errors import StepError
from tutor.steps.evaluate_bugs import EVALUATE_BUGS
from tutor.steps.solve import solution_steps

PER_FORMULA = 16  # × 14 formulas: over 200 random instances


def _p(rng):
    return Fraction(rng.randint(1, 19), 20)


def _standard_error(rng):
    return "sigma / sqrt(n)", {"sigma": rng.randint(1, 30), "n": rng.choice([4, 9, 16, 25, 36, 50, 100])}


def _margin(rng):
    return "zc sigma / sqrt(n)", {"zc": rng.choice([Fraction(196, 100), Fraction(1645, 1000)]),
                                  "sigma": rng.randint(1, 30), "n": rng.randint(2, 200)}


def _t_statistic(rng):
    return "(xbar - mu0) / (s / sqrt(n))", {"xbar": rng.randint(40, 60), "mu0": rng.randint(40, 60),
                                            "s": rng.randint(1, 12), "n": rng.randint(2, 100)}


def _sample_size(rng):
    return "ceil((zc sigma / E)^2)", {"zc": Fraction(196, 100), "sigma": rng.randint(2, 30),
                                      "E": rng.randint(1, 5)}


def _complement_power(rng):
    return "1 - (5/6)^k", {"k": rng.randint(1, 10)}


def _share(rng):
    return "h / (h + t)", {"h": rng.randint(0, 20), "t": rng.randint(1, 20)}


def _uniform(rng):
    a, b = sorted(rng.sample(range(-10, 20), 2))
    c, d = sorted(rng.sample(range(a, b + 1), 2))
    return "(d - c) / (b - a)", {"a": a, "b": b, "c": c, "d": d}


def _map(rng):
    return "(alpha + h - 1) / (alpha + beta + h + t - 2)", {"alpha": rng.randint(1, 5), "beta": rng.randint(1, 5),
                                                             "h": rng.randint(0, 20), "t": rng.randint(0, 20)}


def _total(rng):
    return "sens prev + fp (1 - prev)", {"sens": _p(rng), "prev": _p(rng), "fp": _p(rng)}


def _naive_bayes(rng):
    return "ps fs ms / (ps fs ms + (1 - ps) fh mh)", {n: _p(rng) for n in ("ps", "fs", "ms", "fh", "mh")}


def _vectors(rng):
    return "p u - q v", {"p": rng.randint(-4, 4), "q": rng.randint(-4, 4),
                         "u": [[rng.randint(-5, 5)] for _ in range(3)], "v": [[rng.randint(-5, 5)] for _ in range(3)]}


def _proportion(rng):
    return "1.96 sqrt(p (1 - p) / n)", {"p": _p(rng), "n": rng.randint(10, 2000)}


def _sum_of_dice(rng):
    return "2 (n^2 - 1) / 12", {"n": rng.randint(2, 20)}


def _abs_value(rng):
    return "(n - abs(s - (n + 1))) / n^2", {"n": rng.randint(2, 12), "s": rng.randint(2, 24)}


FORMULAS = [_standard_error, _margin, _t_statistic, _sample_size, _complement_power, _share, _uniform, _map,
            _total, _naive_bayes, _vectors, _proportion, _sum_of_dice, _abs_value]


@pytest.mark.parametrize("make", FORMULAS, ids=[f.__name__[1:] for f in FORMULAS])
def test_the_engine_agrees_with_the_author_interpreter_on_random_instances(make):
    rng = random.Random(f"evaluate-{make.__name__}")
    for _ in range(PER_FORMULA):
        formula, values = make(rng)
        check_against_interpreter(formula, **values)


def test_each_part_shows_its_values_put_in_and_its_result():
    s = solution_steps("(xbar - mu0) / (s / sqrt(n))", xbar=52, mu0=49, s=4, n=16)
    assert s.root.rule == "value_quotient" and s.result == 3
    rungs = [h.text for h in s.hints()]
    # the formula's names (xbar, μ₀) may be names the learner never saw: the numbers are shown
    assert rungs[0].startswith("To find (52 − 49)/(4/√16): fraction")
    assert "Difference: 52 − 49 = 3" not in rungs  # it equals the answer: kept to the end
    assert "Square root: √16 = 4" in rungs and "Fraction: 4/√16 = 1" in rungs
    assert rungs[-1] == "(52 − 49)/(4/√16) = 3"


def test_a_square_stays_one_square_when_the_values_are_put_in():
    s = solution_steps("ceil((zc sigma / E)^2)", zc="1.96", sigma=15, E=2)
    assert "((49/25)·15/2)²" in s.render()


def test_formulas_without_values_or_with_a_single_value_are_refused():
    with pytest.raises(StepError, match="has no operation with steps"):
        solution_steps("a + b")
    with pytest.raises(StepError, match="has no operation with steps"):
        solution_steps("c", c=3)


# (bug, formula, values, a learner's answer that makes the slip)
BUG_CASES = [
    ("formula_dropped_root", "sigma / sqrt(n)", {"sigma": 3, "n": 25}, "3/25"),
    ("formula_dropped_root", "1.96 sqrt(p (1 - p) / n)", {"p": Fraction(1, 2), "n": 100}, "0.0049"),
    ("formula_standard_error_root", "(xbar - mu0) / (s / sqrt(n))", {"xbar": 53, "mu0": 50, "s": 6, "n": 16},
     "1/2"),
    ("formula_standard_error_root", "(xbar - mu0) / (sigma / sqrt(n))",
     {"xbar": 110, "mu0": 100, "sigma": 20, "n": 25}, "0.5"),
    ("formula_upside_down", "h / (h + t)", {"h": 3, "t": 7}, "10/3"),
    ("formula_upside_down", "(d - c) / (b - a)", {"a": 0, "b": 10, "c": 2, "d": 5}, "10/3"),
    ("formula_reversed_difference", "(xbar - mu0) / (s / sqrt(n))", {"xbar": 53, "mu0": 50, "s": 6, "n": 16},
     "-2"),
    ("formula_reversed_difference", "(d - c) / (b - a)", {"a": 0, "b": 10, "c": 2, "d": 5}, "-0.3"),
    ("formula_missing_complement", "1 - (5/6)^k", {"k": 3}, "125/216"),
    ("formula_missing_complement", "sens prev + fp (1 - prev)",
     {"sens": Fraction(9, 10), "prev": Fraction(1, 10), "fp": Fraction(1, 5)}, "0.11"),
    ("formula_dropped_power", "ceil((zc sigma / E)^2)", {"zc": 2, "sigma": 15, "E": 2}, "15"),
    ("formula_dropped_power", "2 (n^2 - 1) / 12", {"n": 6}, "5/6"),
    ("formula_dropped_one", "(alpha + h - 1) / (alpha + beta + h + t - 2)",
     {"alpha": 2, "beta": 3, "h": 7, "t": 3}, "9/13"),
    ("formula_dropped_one", "2 (n^2 - 1) / 12", {"n": 6}, "6"),
    ("formula_n_minus_one", "s / n", {"s": 12, "n": 4}, "4"),
    ("formula_n_minus_one", "(x1 + x2 + x3) / n", {"x1": 1, "x2": 2, "x3": 6, "n": 3}, "9/2"),
]


@pytest.mark.parametrize("bug, formula, values, response", BUG_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(BUG_CASES)])
def test_each_misconception_is_diagnosed(bug, formula, values, response):
    s = solution_steps(formula, **values)
    diagnosis = s.diagnose(response)
    assert diagnosis is not None, (bug, formula, response)
    assert bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]
    for text in [diagnosis.message, *[h.text for h in diagnosis.hints]]:
        assert not gives_away(text, s, values), (bug, text)


def test_every_formula_bug_is_tested_on_two_instances():
    for bug in EVALUATE_BUGS:
        assert len({(f, str(v)) for b, f, v, _ in BUG_CASES if b == bug.id}) >= 2, bug.id


def test_correct_answers_are_never_diagnosed_in_any_form():
    rng = random.Random("evaluate-correct")
    for make in FORMULAS:
        for _ in range(4):
            formula, values = make(rng)
            s = solution_steps(formula, **values)
            expected = interpreted(formula, **values)
            assert s.diagnose(expected) is None, (formula, values)
            if not isinstance(expected, sympy.MatrixBase):
                assert s.diagnose(sympy.N(expected, 6)) is None, (formula, values)


def test_the_ladder_keeps_the_answer_to_its_last_rung():
    rng = random.Random("evaluate-ladder")
    for make in FORMULAS:
        formula, values = make(rng)
        s = solution_steps(formula, **values)
        hints = s.hints()
        assert 2 <= len(hints) <= 8
        assert not any(gives_away(h.text, s, values) for h in hints[:-1]), (formula, values)


# ----- derivatives inside formulas: subs(diff(f, x), x, a), a Newton step, the second derivative

def _slope(rng):
    a, b = rng.randint(1, 4), rng.randint(-3, 3)
    f = rng.choice([f"sin({a}x^2 + {b})", f"({a}x + 1)^3", f"x^{a + 1} e^({b}x)", f"ln({a}x^2 + 1)"])
    return "subs(diff(f, x), x, x0)", {"f": f, "x0": rng.randint(-2, 2)}


def _newton(rng):
    a, c = rng.randint(1, 3), rng.randint(1, 30)
    return "x0 - subs(f, x, x0) / subs(diff(f, x), x, x0)", {"f": f"x^3 + {a}x - {c}", "x0": rng.randint(1, 4)}


def _second(rng):
    return "subs(diff(f, x, 2), x, r)", {"f": f"x^{rng.randint(2, 5)} - {rng.randint(1, 9)}x^2",
                                         "r": rng.randint(-3, 3)}


def _gradient_at(rng):
    return "subs(gradient(f, x, y), x, a, y, b)", {"f": f"x^2 y + {rng.randint(1, 5)} y^3",
                                                   "a": rng.randint(-3, 3), "b": rng.randint(-3, 3)}


POINTS = [_slope, _newton, _second, _gradient_at]


@pytest.mark.parametrize("make", POINTS, ids=[f.__name__[1:] for f in POINTS])
def test_a_derivative_at_a_point_agrees_with_the_author_interpreter(make):
    rng = random.Random(f"points-{make.__name__}")
    for _ in range(12):
        formula, values = make(rng)
        check_against_interpreter(formula, **values)


def test_a_slip_inside_the_derivative_is_diagnosed_through_the_point():
    s = solution_steps("subs(diff(f, x), x, x0)", f="sin(3x^2)", x0=1)
    assert [c.rule for c in s.root.children] == ["derivative"]
    d = s.diagnose("2 cos(3)")                      # 6x·cos(3x²) with the 3 dropped, at x = 1
    assert d is not None and d.bug == "constant_factor_lost"
    assert s.diagnose("6 cos(3)") is None           # the right slope
    newton = solution_steps("x0 - subs(f, x, x0) / subs(diff(f, x), x, x0)", f="(2x + 1)^3 - 20", x0=1)
    assert newton.result == sympy.Rational(47, 54)
    d = newton.diagnose("20/27")                    # the chain factor 2 dropped in f′
    assert d is not None and {d.bug, *[a.bug for a in d.alternatives]} >= {"chain_drop_inner"}


def test_the_second_derivative_differentiates_twice_and_names_the_function_not_its_derivative():
    s = solution_steps("subs(diff(f, x, 2), x, r)", f="x^4 - 3x^2", r=2)
    assert s.result == 42
    (derived,) = s.root.children
    assert derived.goal() == "d²/dx² (x⁴ − 3x²)"
    d = s.diagnose("90")                            # 12x³ − 6 for 12x² − 6: the exponent kept
    assert d is not None and d.bug == "power_keep_exponent"


def test_a_function_at_a_point_is_a_formula_with_the_point_put_in():
    s = solution_steps("subs(f, x, a, y, b)", f="x^2 + 3y", a=1, b=2)
    assert s.result == 7 and s.root.rule == "value_sum"
