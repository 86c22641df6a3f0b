"""One gradient-descent step, w − η·gradient(f, w): the gradient's steps, then the step against it; the
slips of the step and those of the gradient, carried through it."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from tutor.problems import load_problem_set
from tutor.problems.instance import BUG_PREFIX, MISCONCEPTION_NOTE
from tutor.problems.render import input_text
from tutor.steps.descent import DESCENT_BUGS, descent_call
from tutor.steps.hints import MAX_RUNGS
from tutor.steps.node import show
from tutor.steps.solve import solution_steps

ROOT = Path(__file__).resolve().parents[1]
LSQ = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
STEP = "w - eta gradient(c/n norm(X w - y)^2, w)"
INSTANCES = [{"eta": sympy.Rational(1, 10), "c": 1}, {"eta": sympy.Rational(1, 2), "c": 3}]


@pytest.mark.parametrize("values", INSTANCES)
def test_the_step_is_worked_after_its_gradient(values):
    s = solution_steps(STEP, declare=LSQ, **values)
    assert s.root.rule == "descent_step"
    assert [n.rule for n in s.root.walk()][:3] == ["descent_step", "constant_factor", "squared_norm"]
    eta, c = values["eta"], values["c"]
    assert s.diagnose(f"w - ({2 * c * eta}/n) X^T (X w - y)") is None
    assert s.diagnose(f"w - ({2 * c * eta}/n) X^T X w + ({2 * c * eta}/n) X^T y") is None


@pytest.mark.parametrize("values", INSTANCES)
@pytest.mark.parametrize("bug, response", [
    ("descent_ascends", "w + ({k}/n) X^T (X w - y)"),
    ("descent_rate_dropped", "w - ({g}/n) X^T (X w - y)"),
    ("norm_dropped_two", "w - ({h}/n) X^T (X w - y)"),
    ("dropped_mean_factor", "w - {k} X^T (X w - y)"),
    ("missing_transpose", "w - ({k}/n) X (X w - y)"),
])
def test_the_slips_of_the_step_and_of_its_gradient_are_named(values, bug, response):
    eta, c = values["eta"], values["c"]
    s = solution_steps(STEP, declare=LSQ, **values)
    text = response.format(k=2 * c * eta, g=2 * c, h=c * eta)
    if bug == "missing_transpose":   # X (X w − y) is a shape error, not a value: the engine's own value
        wrong = next(c.value for c in s.candidates if c.bug.id == bug)
        assert "X*(X*w - y)" in str(wrong)
        return
    found = s.diagnose(text)
    assert found is not None and bug in (found.bug, *(a.bug for a in found.alternatives)), (text, found)
    assert show(s.result) not in found.message


def test_the_step_bugs_speak_of_the_rule_not_of_the_answer():
    s = solution_steps(STEP, declare=LSQ, eta=sympy.Rational(1, 20), c=1)
    for bug in DESCENT_BUGS:
        found = s.diagnose(input_text(next(c.value for c in s.candidates if c.bug.id == bug.id)))
        assert found is not None and found.bug == bug.id
        assert "1/(10n)" not in found.message and "0.1/n" not in found.message and "X^T" not in found.message
    assert "0.05" in s.diagnose("w - (2/n) X^T (X w - y)").message   # the rate as the question gives it


def test_only_a_step_by_a_gradient_of_the_same_vector_is_a_descent_step():
    from tutor.linalg import nodes as la

    w, v = sympy.MatrixSymbol("w", 2, 1), sympy.MatrixSymbol("v", 2, 1)
    f = la.AsScalar(sympy.MatMul(w.T, w))

    def grad(by):
        return la.ArrayCall(la.Str("gradient"), sympy.Tuple(2, 1), f, by)

    assert descent_call(sympy.MatAdd(w, sympy.MatMul(-sympy.Symbol("eta"), grad(w)), evaluate=False)) is not None
    assert descent_call(sympy.MatAdd(w, sympy.MatMul(-sympy.Symbol("eta"), grad(v)), evaluate=False)) is None
    assert descent_call(sympy.MatAdd(w, v, evaluate=False)) is None


def _problem():
    path = ROOT / "problems" / "calculus" / "matrix_gradients.toml"
    (problem,) = [p for p in load_problem_set(path).problems if p.id == "gradient-descent-step-matrix"]
    return problem


@pytest.mark.parametrize("seed", [0, 1, 2, 6])
def test_the_problem_is_taught_and_diagnosed_by_the_engine(seed):
    inst = _problem().instantiate(seed)
    assert inst.definition.spec.steps == "auto"
    assert inst.is_answer(inst.derivation.result)
    assert inst.check(inst.answer_text).correct
    hints = inst.hints()
    assert 2 <= len(hints) <= MAX_RUNGS
    assert "against the gradient" in " ".join(h.text for h in hints)
    wrong = next(c.value for c in inst.derivation.candidates if c.bug.id == "descent_rate_dropped")
    verdict = inst.check(input_text(wrong))
    assert verdict.status == "incorrect"
    assert MISCONCEPTION_NOTE in verdict.notes and f"{BUG_PREFIX}descent_rate_dropped" in verdict.notes
