"""Seeded parameters: ranges, choices, computed values, constraints, and the give-up message."""
from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from tutor.problems import load_problem_set
from tutor.problems.params import ConstraintError, Constraint, Param, draw, variety

a, b, c = sympy.symbols("a b c")


def rng(seed: int = 0) -> random.Random:
    return random.Random(seed)


def test_a_range_includes_both_ends_and_only_steps():
    p = Param("a", a, low=Fraction(-2), step=Fraction(1, 2), count=9)  # -2, -1.5, ..., 2
    seen = {draw((p,), (), rng(s)).values[a] for s in range(300)}
    assert seen == {sympy.Rational(n, 2) for n in range(-4, 5)}


def test_decimal_steps_are_exact_rationals():
    p = Param("p", a, low=Fraction(1, 10), step=Fraction(1, 10), count=9)
    value = draw((p,), (), rng(3)).values[a]
    assert isinstance(value, sympy.Rational) and value.q in (1, 2, 5, 10)


def test_excluded_values_never_appear():
    p = Param("a", a, low=Fraction(-3), step=Fraction(1), count=7, excluded=frozenset({Fraction(0), Fraction(1)}))
    seen = {draw((p,), (), rng(s)).values[a] for s in range(300)}
    assert seen == {-3, -2, -1, 2, 3}
    assert p.variety == 5


def test_the_same_seed_gives_the_same_draw_and_others_differ():
    ps = (Param("a", a, low=Fraction(1), count=1000), Param("b", b, low=Fraction(1), count=1000))
    first = draw(ps, (), rng(42)).values
    assert draw(ps, (), rng(42)).values == first
    assert len({tuple(draw(ps, (), rng(s)).values.values()) for s in range(20)}) > 15


def test_computed_values_use_earlier_parameters_and_keep_the_written_structure():
    ps = (Param("a", a, choices=(sympy.Integer(-3),)),
          Param("b", b, formula=sympy.Mul(a, sympy.Add(c, a, evaluate=False), evaluate=False)))
    d = draw(ps, (), rng())
    assert d.values[b] == -3 * c + 9                     # evaluated
    assert d.shown[b].args[0] == -3 and isinstance(d.shown[b], sympy.Mul)  # structure kept: −3(c − 3)


def test_constraints_hold_in_every_draw():
    ps = (Param("a", a, low=Fraction(1), count=5), Param("b", b, low=Fraction(1), count=5))
    ne = Constraint("a != b", sympy.Ne(a, b, evaluate=False))
    for s in range(100):
        d = draw(ps, (ne,), rng(s))
        assert d.values[a] != d.values[b]


def test_impossible_constraints_give_up_naming_the_constraint():
    ps = (Param("a", a, low=Fraction(1), count=5),)
    never = Constraint("a > 10", sympy.Gt(a, 10, evaluate=False))
    with pytest.raises(ConstraintError, match=r"'a > 10' failed 50 times"):
        draw(ps, (never,), rng(), max_attempts=50)


def test_a_constraint_that_does_not_decide_is_an_error():
    ps = (Param("a", a, low=Fraction(1), count=5),)
    with pytest.raises(Exception, match="neither true nor false"):
        draw(ps, (Constraint("a > c", sympy.Gt(a, c, evaluate=False)),), rng())


def test_variety_multiplies_the_random_parameters():
    ps = (Param("a", a, low=Fraction(1), count=9), Param("b", b, choices=(sympy.Integer(1), sympy.Integer(2))),
          Param("c", c, formula=a + b))
    assert variety(ps) == 18


def test_instances_are_reproducible_through_the_public_api():
    s = load_problem_set(Path(__file__).resolve().parents[1] / "problems/linear_algebra/determinants.toml")
    for problem in s.problems:
        first = problem.instantiate(5)
        again = problem.instantiate(5)
        assert (first.prompt, first.answer, first.answer_text) == (again.prompt, again.answer, again.answer_text)
    prompts = {s.problems[0].instantiate(seed).prompt for seed in range(10)}
    assert len(prompts) > 5
