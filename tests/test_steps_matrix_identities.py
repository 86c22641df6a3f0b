"""‖X‖² = tr(XᵀX) and the covariance of centred data (1/n)XᵀX: the engine against numbers, its teaching, its bugs."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import sympy

from tutor.linalg.declare import declarations
from tutor.linalg.numeric import draw, value
from tutor.problems import load_problem_set
from tutor.problems.instance import BUG_PREFIX, MISCONCEPTION_NOTE
from tutor.problems.ops_stats import OPERATIONS
from tutor.steps.matrix_identities import IDENTITY_BUGS
from tutor.steps.node import show
from tutor.steps.solve import solution_steps

ROOT = Path(__file__).resolve().parents[1]
SHAPES = [{"X": "matrix(n, d)"}, {"Z": "matrix(m, k)"}, {"X": "matrix(n, n)"}]


def _name(declare: dict[str, str]) -> str:
    return next(iter(declare))


def _numbers(expr: sympy.Basic, declare: dict[str, str], seed: int) -> tuple[np.ndarray, dict]:
    world = draw(declarations(declare), sorted(s.name for s in expr.free_symbols if isinstance(s, sympy.Symbol)),
                 random.Random(seed))
    return np.asarray(value(expr, world), dtype=float), world


@pytest.mark.parametrize("declare", SHAPES)
@pytest.mark.parametrize("seed", range(8))
def test_the_trace_is_the_sum_of_the_squares_of_the_entries(declare, seed):
    name = _name(declare)
    solution = solution_steps(f"norm({name})^2", declare=declare)
    got, world = _numbers(solution.result, declare, seed)
    assert np.isclose(float(got), float(np.sum(np.asarray(world[name], dtype=float) ** 2)))
    for node in solution.walk():
        assert node.recompute() == node.result, node.rule


@pytest.mark.parametrize("declare", SHAPES)
@pytest.mark.parametrize("seed", range(8))
def test_the_covariance_of_centred_columns_is_numpys(declare, seed):
    name = _name(declare)
    solution = solution_steps(f"covariance({name})", declare=declare)
    shapes = declarations(declare)
    names = sorted(s.name for s in solution.result.free_symbols if isinstance(s, sympy.Symbol))
    world = draw(shapes, names, random.Random(seed))
    data = np.asarray(world[name], dtype=float)
    centred = data - data.mean(axis=0)
    world = {**world, name: centred}
    got = np.asarray(value(solution.result, world), dtype=float)
    want = np.atleast_2d(np.cov(centred, rowvar=False, bias=True))
    assert np.allclose(got, want)


@pytest.mark.parametrize("rows", [[[1, 2], [3, 6]], [[1, 0, 2], [2, 1, 0], [0, 4, 1], [3, 3, 3]]])
def test_the_author_covariance_of_a_matrix_of_numbers_centres_it_first(rows):
    got = OPERATIONS["covariance"].fn((sympy.ImmutableMatrix(rows),), None)
    assert np.allclose(np.asarray(got, dtype=float), np.cov(np.asarray(rows, dtype=float), rowvar=False, bias=True))


def test_the_author_covariance_of_one_vector_asks_for_two():
    from tutor.problems.ops_base import FormulaError

    with pytest.raises(FormulaError, match="two vectors"):
        OPERATIONS["covariance"].fn((sympy.ImmutableMatrix([1, 2, 3]),), None)


# each misconception, on two instances (two declarations)
MISTAKES = [
    ("trace_forgotten", "norm(X)^2", {"X": "matrix(n, d)"}, "X^T X"),
    ("trace_forgotten", "norm(Z)^2", {"Z": "matrix(m, k)"}, "Z^T Z"),
    ("trace_squared", "norm(X)^2", {"X": "matrix(n, d)"}, "tr(X^T X)^2"),
    ("trace_squared", "norm(Z)^2", {"Z": "matrix(m, k)"}, "tr(Z Z^T)^2"),
    ("norm_not_squared", "norm(X)^2", {"X": "matrix(n, d)"}, "sqrt(tr(X^T X))"),
    ("norm_not_squared", "norm(Z)^2", {"Z": "matrix(m, k)"}, "tr(Z^T Z)^(1/2)"),
    ("gram_wrong_side", "covariance(X)", {"X": "matrix(n, d)"}, "1/n X X^T"),
    ("gram_wrong_side", "covariance(Z)", {"Z": "matrix(m, k)"}, "Z Z^T/m"),
    ("covariance_mean_dropped", "covariance(X)", {"X": "matrix(n, d)"}, "X^T X"),
    ("covariance_mean_dropped", "covariance(Z)", {"Z": "matrix(m, k)"}, "Z^T Z"),
    ("covariance_n_minus_1", "covariance(X)", {"X": "matrix(n, d)"}, "1/(n-1) X^T X"),
    ("covariance_n_minus_1", "covariance(Z)", {"Z": "matrix(m, k)"}, "Z^T Z/(m - 1)"),
]


@pytest.mark.parametrize("bug, formula, declare, response", MISTAKES)
def test_each_misconception_is_diagnosed_without_giving_the_answer_away(bug, formula, declare, response):
    solution = solution_steps(formula, declare=declare)
    diagnosis = solution.diagnose(response)
    assert diagnosis is not None and diagnosis.bug == bug, (response, diagnosis)
    answer = show(solution.result)
    assert answer not in diagnosis.message and answer.replace("·", " ") not in diagnosis.message


def test_every_bug_is_tested_on_two_instances():
    rows = [row[0] for row in MISTAKES]
    for bug in IDENTITY_BUGS:
        assert rows.count(bug.id) >= 2, bug.id


@pytest.mark.parametrize("formula, declare, responses", [
    ("norm(X)^2", {"X": "matrix(n, d)"}, ["tr(X^T X)", "tr(X X^T)", "trace(X^T X)", "tr(transpose(X) X)"]),
    ("covariance(X)", {"X": "matrix(n, d)"}, ["1/n X^T X", "X^T X/n", "(X^T X)/n", "1/n transpose(X) X"]),
])
def test_correct_answers_are_never_diagnosed(formula, declare, responses):
    solution = solution_steps(formula, declare=declare)
    for response in responses:
        assert solution.diagnose(response) is None, response


@pytest.mark.parametrize("formula", ["norm(X)^2", "covariance(X)"])
def test_the_ladder_is_short_and_states_the_answer_only_on_its_last_rung(formula):
    solution = solution_steps(formula, declare={"X": "matrix(n, d)"})
    hints = solution.hints()
    assert 2 <= len(hints) <= 8
    answer = show(solution.result)
    assert answer in hints[-1].text and not any(answer in h.text for h in hints[:-1])
    assert any("column j" in h.text for h in hints), "the Gram matrix is taught as column dot products"


def test_a_vector_norm_and_a_vector_covariance_are_not_taken():
    from tutor.steps.matrix_identities import identity_tree

    w = sympy.MatrixSymbol("w", sympy.Symbol("d"), 1)
    from tutor.ops.matrix_nodes import Norm

    assert identity_tree(Norm(w) ** 2) is None
    assert identity_tree(sympy.Function("covariance")(w)) is None


def _problem(pid: str):
    problems = load_problem_set(ROOT / "problems/linear_algebra/matrix_identities.toml").problems
    (problem,) = [p for p in problems if p.id == pid]
    return problem


@pytest.mark.parametrize("pid, response, bug", [
    ("frobenius-norm-as-trace", "sqrt(tr(X^T X))", "norm_not_squared"),
    ("frobenius-norm-as-trace", "X^T X", "trace_forgotten"),
    ("covariance-matrix-of-centred-data", "1/(n-1) X^T X", "covariance_n_minus_1"),
    ("covariance-matrix-of-centred-data", "1/n X X^T", "gram_wrong_side"),
])
@pytest.mark.parametrize("seed", [0, 3])
def test_the_problems_are_taught_and_diagnosed_by_the_engine(pid, response, bug, seed):
    inst = _problem(pid).instantiate(seed)
    assert inst.definition.spec.steps == "auto" and inst.is_answer(inst.derivation.result)
    verdict = inst.check(response)
    assert verdict.status == "incorrect"
    assert MISCONCEPTION_NOTE in verdict.notes and f"{BUG_PREFIX}{bug}" in verdict.notes
    assert inst.check(inst.answer_text).correct
    assert inst.hints()[0].step.startswith("authored") and not inst.hints()[1].step.startswith("authored")
