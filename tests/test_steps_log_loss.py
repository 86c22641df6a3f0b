"""The logistic log-loss by a declared vector: the author interpreter's gradient and the step engine's,
one rule (`tutor.linalg.log_loss`): −(1/n)(yᵀlog σ(X w) + (1 − y)ᵀlog(1 − σ(X w))) → (1/n)Xᵀ(σ(X w) − y)."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy

import tutor
from tutor.linalg import log_loss
from tutor.linalg.declare import declarations
from tutor.parser import parse
from tutor.problems import load_problem_set
from tutor.problems.instance import BUG_PREFIX, MISCONCEPTION_NOTE
from tutor.problems.interpreter import AUTHOR_OPS, interpret
from tutor.problems.render import input_text
from tutor.steps.hints import MAX_RUNGS
from tutor.steps.matrix_calculus import entrywise_chain
from tutor.steps.node import show
from tutor.steps.solve import solution_steps

ROOT = Path(__file__).resolve().parents[1]
LOGREG = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
OTHER = {"A": "matrix(m, k)", "v": "vector(k)", "t": "vector(m)"}
# two instances: the mean log-loss as the course writes it, and a sum with its terms the other way
# round, another factor, other names and 1 − σ(z) written σ(−z)
INSTANCES = [
    ("gradient(-(1/n) (y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w))), w)", LOGREG, "1/n X^T (σ(X w) - y)",
     "1/n X^T (y - σ(X w))", "1/n (σ(X w) - y)^T X"),
    ("gradient(-3 ((1 - t)^T log(σ(-A v)) + t^T log(σ(A v))), v)", OTHER, "3 A^T (σ(A v) - t)",
     "3 A^T (t - σ(A v))", "3 (σ(A v) - t)^T A"),
]


def author(formula: str, declare: dict[str, str]) -> sympy.Basic:
    shapes = declarations(declare)
    names = [*shapes, *{d for s in shapes.values() for d in s.dim_names}]
    return interpret(parse(formula, variables=names, functions=frozenset(AUTHOR_OPS), shapes=shapes).expr)


@pytest.mark.parametrize("formula, declare, right, sign, row", INSTANCES)
def test_the_author_language_and_the_engine_give_the_gradient_of_the_log_loss(formula, declare, right, sign, row):
    value = author(formula, declare)
    assert tutor.check(right, value, variables=declare).correct
    assert not tutor.check(sign, value, variables=declare).correct
    s = solution_steps(formula, declare=declare)
    assert tutor.check(right, s.result, variables=declare).correct
    assert "log_loss" in [node.rule for node in s.root.walk()]


def test_the_log_likelihood_itself_climbs_with_the_labels_minus_the_predictions():
    value = author("gradient(y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w)), w)", LOGREG)
    assert tutor.check("X^T (y - σ(X w))", value, variables=LOGREG).correct


@pytest.mark.parametrize("formula, declare, right, sign, row", INSTANCES)
def test_the_slips_are_named_and_right_answers_never_are(formula, declare, right, sign, row):
    s = solution_steps(formula, declare=declare)
    x, wt, labels = ("X", "w", "y") if "X" in declare else ("A", "v", "t")
    factor = right.split(" ")[0]
    for correct in (right, f"{factor} {x}^T σ({x} {wt}) - {factor} {x}^T {labels}"):
        assert s.diagnose(correct) is None
    for bug, response in (("log_loss_sign_flipped", sign), ("reversed_product_order", row)):
        found = s.diagnose(response)
        assert found is not None and bug in (found.bug, *(a.bug for a in found.alternatives)), (response, found)
        assert show(s.result) not in found.message and input_text(s.result) not in found.message


def test_one_minus_sigmoid_is_read_as_the_sigmoid_of_minus_z():
    X, w = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1)
    z = sympy.MatMul(X, w)
    one_minus = sympy.MatAdd(sympy.OneMatrix(3, 1), sympy.MatMul(-1, log_loss.sigmoid(z)), evaluate=False)
    names, inner = entrywise_chain(one_minus)
    assert names == ("sigmoid",) and show(inner) == "−X·w"
    s = solution_steps("gradient((1 - y)^T log(1 - σ(X w)), w)", declare=LOGREG)
    assert tutor.check("-X^T ((1 - y) ⊙ σ(X w))", s.result, variables=LOGREG).correct


def _problem():
    path = ROOT / "problems" / "calculus" / "matrix_gradients.toml"
    (problem,) = [p for p in load_problem_set(path).problems if p.id == "logistic-gradient-matrix"]
    return problem


@pytest.mark.parametrize("seed", [0, 3])
def test_the_problem_is_taught_and_diagnosed_by_the_engine(seed):
    inst = _problem().instantiate(seed)
    assert inst.definition.spec.steps == "auto"
    assert inst.is_answer(inst.derivation.result)
    assert inst.check("1/n X^T (σ(X w) - y)").correct and inst.check(inst.answer_text).correct
    hints = inst.hints()
    assert 2 <= len(hints) <= MAX_RUNGS
    assert "1 − σ(X·w)" in " ".join(h.text for h in hints)
    verdict = inst.check("(1/n) X^T (y - σ(X w))")
    assert verdict.status == "incorrect" and MISCONCEPTION_NOTE in verdict.notes
    assert f"{BUG_PREFIX}log_loss_sign_flipped" in verdict.notes
    assert input_text(inst.derivation.result) not in verdict.feedback
