"""solve(∇f, w): the normal equations of a least-squares loss, against numbers, taught, and diagnosed."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import sympy

from tutor.errors import StepError
from tutor.linalg.declare import declarations
from tutor.linalg.numeric import draw, value
from tutor.parser import parse
from tutor.problems import load_problem_set
from tutor.problems.instance import BUG_PREFIX, MISCONCEPTION_NOTE
from tutor.problems.interpreter import AUTHOR_OPS, interpret
from tutor.steps.node import show
from tutor.steps.normal_equations import NORMAL_EQUATION_BUGS
from tutor.steps.solve import solution_steps

ROOT = Path(__file__).resolve().parents[1]
LSQ = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
LOSSES = ["norm(X w - y)^2", "norm(y - X w)^2", "3 norm(X w - y)^2", "norm(X w - y)^2 / n",
          "norm(X w - y)^2 + lam norm(w)^2", "1/n norm(X w - y)^2 + lam norm(w)^2", "norm(2 X w - y)^2"]


def _minimiser(loss: str, world: dict) -> np.ndarray:
    """The least-squares minimiser by numpy, for a loss of LOSSES in a drawn world."""
    X, y = np.asarray(world["X"], dtype=float), np.asarray(world["y"], dtype=float).reshape(-1, 1)
    n, d = X.shape
    lam = float(world.get("lam", 0.0))
    A = 2 * X if "2 X w" in loss else X
    weight = 1.0 / n if "/ n" in loss or "1/n" in loss else 1.0
    ridge = lam if "lam" in loss else 0.0
    return np.linalg.solve(weight * A.T @ A + ridge * np.eye(d), weight * A.T @ y)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("seed", range(5))
def test_the_solution_is_the_least_squares_minimiser(loss, seed):
    declare = {**LSQ, "lam": "positive"}
    solution = solution_steps(f"solve(gradient({loss}, w), w)", declare=declare)
    names = sorted(s.name for s in solution.result.free_symbols if isinstance(s, sympy.Symbol))
    rng = random.Random(seed)
    for _ in range(10):   # a world where X has more rows than columns (full column rank)
        world = draw(declarations(declare), sorted({*names, "n", "d", "lam"}), rng)
        if np.asarray(world["X"]).shape[0] > np.asarray(world["X"]).shape[1]:
            break
    got = np.asarray(value(solution.result, world), dtype=float).reshape(-1, 1)
    assert np.allclose(got, _minimiser(loss, world), rtol=1e-7, atol=1e-9), (loss, show(solution.result))
    for node in solution.walk():
        assert node.recompute() == node.result, node.rule


@pytest.mark.parametrize("loss", LOSSES)
def test_the_author_language_solves_the_same_way(loss):
    declare = {**LSQ, "lam": "positive"}
    shapes = declarations(declare)
    formula = f"solve(gradient({loss}, w), w)"
    expr = parse(formula, variables=["X", "w", "y", "n", "d", "lam"], functions=list(AUTHOR_OPS), shapes=shapes).expr
    authored = interpret(expr)
    worked = solution_steps(formula, declare=declare).result
    rng = random.Random(1)
    world = draw(shapes, ["n", "d", "lam"], rng)
    while np.asarray(world["X"]).shape[0] <= np.asarray(world["X"]).shape[1]:   # XᵀX invertible
        world = draw(shapes, ["n", "d", "lam"], rng)
    assert np.allclose(np.asarray(value(authored, world), dtype=float), np.asarray(value(worked, world), dtype=float))


def test_a_gradient_that_is_not_linear_is_refused_with_a_message():
    with pytest.raises(StepError, match="not linear"):
        solution_steps("solve(gradient(norm(w)^2 norm(w)^2, w), w)", declare={"w": "vector(d)"})


MISTAKES = [
    ("normal_inverse_dropped", "norm(X w - y)^2", "X^T y"),
    ("normal_inverse_dropped", "norm(X w - y)^2 + lam norm(w)^2", "X^T y"),
    ("normal_sign_flipped", "norm(X w - y)^2", "-(X^T X)^(-1) X^T y"),
    ("normal_sign_flipped", "norm(y - X w)^2", "(X^T X)^(-1) X^T (-y)"),
    ("normal_factor_one_side", "norm(X w - y)^2", "2 (X^T X)^(-1) X^T y"),
    ("normal_factor_one_side", "norm(X w - y)^2", "(X^T X)^(-1) X^T y / 2"),
]


@pytest.mark.parametrize("bug, loss, response", MISTAKES)
def test_each_misconception_is_diagnosed_without_giving_the_answer_away(bug, loss, response):
    solution = solution_steps(f"solve(gradient({loss}, w), w)", declare={**LSQ, "lam": "positive"})
    diagnosis = solution.diagnose(response)
    assert diagnosis is not None and diagnosis.bug == bug, (response, diagnosis)
    assert "^(−1)" not in diagnosis.message and "⁻¹X" not in diagnosis.message


def test_every_bug_is_tested_on_two_instances():
    rows = [row[0] for row in MISTAKES]
    for bug in NORMAL_EQUATION_BUGS:
        assert rows.count(bug.id) >= 2, bug.id


def test_correct_answers_are_never_diagnosed():
    solution = solution_steps("solve(gradient(norm(X w - y)^2, w), w)", declare=LSQ)
    for response in ["(X^T X)^(-1) X^T y", "inverse(X^T X) X^T y", "(X^T X)^{-1} (X^T y)", "((X^T X)^(-1)) X^T y"]:
        assert solution.diagnose(response) is None, response


def test_the_ladder_goes_through_the_gradient_and_the_normal_equations():
    solution = solution_steps("solve(gradient(norm(X w - y)^2, w), w)", declare=LSQ)
    hints = solution.hints()
    assert 3 <= len(hints) <= 8
    answer = show(solution.result)
    assert answer in hints[-1].text and not any(answer in h.text for h in hints[:-1])
    text = " ".join(h.text for h in hints)
    assert "normal equations" in text and "X^T·X·w = " in text


@pytest.mark.parametrize("seed", [0, 4])
def test_the_problem_is_taught_and_diagnosed_by_the_engine(seed):
    problems = load_problem_set(ROOT / "problems/calculus/matrix_gradients.toml").problems
    (problem,) = [p for p in problems if p.id == "normal-equation"]
    inst = problem.instantiate(seed)
    assert inst.definition.spec.steps == "auto" and inst.is_answer(inst.derivation.result)
    verdict = inst.check("-(X^T X)^(-1) X^T y")
    assert verdict.status == "incorrect" and f"{BUG_PREFIX}normal_sign_flipped" in verdict.notes
    assert MISCONCEPTION_NOTE in verdict.notes
    assert inst.check("(X^T X)^(-1) X^T y").correct
    assert inst.hints()[0].step.startswith("authored") and not inst.hints()[1].step.startswith("authored")
