"""`ProblemInstance`: the prompt, answer and example a learner sees, checks with folded feedback, hints."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy

import tutor
from tutor.problems import load_problem_set
from tutor.problems.instance import AUTHORED_NOTE, MISCONCEPTION_NOTE
from tutor.steps import Hint, HintLevel

PROBLEMS = Path(__file__).resolve().parents[1] / "problems"


def problem(set_path: str, problem_id: str):
    return load_problem_set(PROBLEMS / set_path).problem(problem_id)


@pytest.fixture(scope="module")
def det2():
    return problem("linear_algebra/determinants.toml", "det-2x2").instantiate(4)


def test_same_seed_same_instance_and_fields_a_learner_sees(det2):
    again = problem("linear_algebra/determinants.toml", "det-2x2").instantiate(4)
    assert again == det2
    assert "{" not in det2.prompt and "[[" in det2.prompt
    assert det2.answer_kind == "number" and det2.example
    assert tutor.parse(det2.answer_text).value == det2.answer
    assert det2.answer == sympy.ImmutableMatrix(det2.values["A"]).det()


def test_answer_text_is_typeable_for_every_kind():
    for set_path, pid, kind in [("linear_algebra/vectors_matrices.toml", "inverse-2x2", "matrix"),
                                ("linear_algebra/systems.toml", "solve-2x2-system", "vector"),
                                ("linear_algebra/eigen.toml", "eigenvalues-2x2", "set"),
                                ("calculus/derivatives.toml", "tangent-line", "equation"),
                                ("calculus/logistic_regression.toml", "sigmoid-affine", "expression")]:
        inst = problem(set_path, pid).instantiate(1)
        assert inst.answer_kind == kind, pid
        parsed = tutor.parse(inst.answer_text, variables=[s.name for s in inst.definition.variables])
        assert parsed.kind == kind or (kind == "set" and parsed.kind == "set"), pid
        assert inst.check(inst.answer_text).correct, pid


def test_check_statuses(det2):
    a, b, c, d = (det2.values[n] for n in "abcd")
    assert det2.check(f"({a})*({d}) - ({b})*({c})").status == "correct"
    assert det2.check(f"{det2.answer} + 1").status == "incorrect"
    assert det2.check("2x +").status == "invalid"


def test_authored_feedback_is_folded_into_the_verdict(det2):
    a, b, c, d = (det2.values[n] for n in "abcd")
    verdict = det2.check(f"({a})*({d}) + ({b})*({c})")
    assert verdict.status == "incorrect" and not verdict.correct
    assert "is subtracted" in verdict.feedback
    assert AUTHORED_NOTE in verdict.notes


def test_the_step_engine_diagnosis_is_folded_into_the_verdict():
    inst = problem("calculus/derivatives.toml", "polynomial-derivative").instantiate(2)
    a, b, c = (inst.values[n] for n in "abc")
    kept_exponent = f"3*({a})x^3 + 2*({b})x^2 + ({c})"
    verdict = inst.check(kept_exponent)
    assert verdict.status == "incorrect"
    assert MISCONCEPTION_NOTE in verdict.notes
    assert "power rule" in verdict.feedback


def test_a_correct_answer_is_never_given_feedback():
    inst = problem("calculus/derivatives.toml", "polynomial-derivative").instantiate(2)
    verdict = inst.check(inst.answer_text)
    assert verdict.correct and AUTHORED_NOTE not in verdict.notes and MISCONCEPTION_NOTE not in verdict.notes


def test_authored_hint_ladder_has_levels_and_the_instance_numbers():
    inst = problem("linear_algebra/elimination_rank.toml", "row-operation").instantiate(4)
    assert inst.derivation is None
    hints = inst.hints()
    assert all(isinstance(h, Hint) for h in hints)
    assert [h.level for h in hints] == [HintLevel.ORIENT, HintLevel.RULE, HintLevel.INSTANTIATE,
                                        HintLevel.BOTTOM_OUT]
    k = inst.values["k"]
    assert f"({tutor.problems.render.readable(k)})" in hints[1].text
    assert all("{" not in h.text for h in hints)


def test_an_authored_hint_leads_into_the_engine_ladder(det2):
    hints = det2.hints()
    assert hints[0].step == "authored.0" and hints[0].level == HintLevel.ORIENT
    assert all(not h.step.startswith("authored") for h in hints[1:])
    assert hints[-1].level == HintLevel.BOTTOM_OUT
    assert hints[-1].text.endswith(tutor.problems.render.readable(det2.answer))


def test_step_engine_ladder_for_a_derivative_problem():
    inst = problem("calculus/logistic_regression.toml", "logistic-loss-logit").instantiate(0)
    hints = inst.hints()
    assert len(hints) >= 4
    assert hints[0].level == HintLevel.ORIENT and hints[-1].level == HintLevel.BOTTOM_OUT
    assert not inst.derivation.has_unknown


def test_gradient_problem_ladder_and_answer():
    inst = problem("calculus/gradients.toml", "gradient-vector").instantiate(3)
    assert inst.answer_kind == "vector"
    assert inst.hints() and inst.derivation.vector == inst.answer


def test_solution_text_ends_with_the_answer(det2):
    for inst in (det2, problem("calculus/derivatives.toml", "chain-rule").instantiate(0),
                 problem("probability/bayes.toml", "bayes-disease-test").instantiate(0)):
        text = inst.solution()
        assert text.splitlines()[-1].startswith("Answer: ")
        assert len(text.splitlines()) >= 2


def test_the_checker_is_compiled_once_per_instance(det2):
    assert det2.checker is det2.checker


def test_eigenvalues_2x2_never_draws_a_triangular_matrix():
    """Its eigenvalues would be read off the diagonal: 26 of 60 seeds drew one (q = 0 or 1 + pq = 0)."""
    definition = problem("linear_algebra/eigen.toml", "eigenvalues-2x2")
    for seed in range(40):
        a = definition.instantiate(seed).values["A"]
        assert a[0, 1] != 0 and a[1, 0] != 0, (seed, a)
