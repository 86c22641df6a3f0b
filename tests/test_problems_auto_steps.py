"""`steps = "auto"`: a problem's answer formula is worked by the engine of its outermost operation.

The instance's own values go in (numbers and matrices evaluated, a function as the author wrote
it), the engine's result must be the instance's answer, and a wrong answer is diagnosed by the
engine's misconceptions through `ProblemInstance.check`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from tutor.problems import load_problem_set
from tutor.problems.instance import BUG_PREFIX, MISCONCEPTION_NOTE
from tutor.problems.render import input_text
from tutor.steps.node import show

ROOT = Path(__file__).resolve().parents[1]


def _problem(path: str, pid: str):
    (problem,) = [p for p in load_problem_set(ROOT / "problems" / path).problems if p.id == pid]
    return problem


@pytest.mark.parametrize("path, pid, bug", [
    ("linear_algebra/determinants.toml", "det-3x3", "det_ad_plus_bc"),
    ("linear_algebra/eigen.toml", "characteristic-polynomial", "charpoly_det_minus_lambda"),
    ("probability/distributions.toml", "binomial-exactly", "binomial_wrong_exponent"),
    ("probability/likelihood_data.toml", "bernoulli-likelihood-product", "pmf_exponents_swapped"),
    ("probability/likelihood_data.toml", "bernoulli-log-likelihood-sum", "log_product_as_product"),
    ("probability/likelihood_data.toml", "bernoulli-mle-data", "mle_n_minus_one"),
])
@pytest.mark.parametrize("seed", [0, 5])
def test_an_auto_problem_is_worked_by_its_engine_and_diagnosed(path, pid, bug, seed):
    inst = _problem(path, pid).instantiate(seed)
    assert inst.definition.spec.steps == "auto"
    assert inst.is_answer(inst.derivation.result)
    wrong = next(c.value for c in inst.derivation.candidates if c.bug.id == bug)
    verdict = inst.check(input_text(wrong))
    assert verdict.status == "incorrect"
    assert MISCONCEPTION_NOTE in verdict.notes and f"{BUG_PREFIX}{bug}" in verdict.notes
    assert inst.check(inst.answer_text).correct


def test_the_ladder_ends_with_the_engine_bottom_out_and_states_the_answer_only_there():
    inst = _problem("linear_algebra/eigen.toml", "characteristic-polynomial").instantiate(3)
    hints = inst.hints()
    assert 2 <= len(hints) <= 8
    assert str(hints[-1].level) == "bottom_out"
    written = show(inst.derivation.result)
    assert written in hints[-1].text
    assert not any(written in h.text for h in hints[:-1])


def test_an_engine_call_inside_arithmetic_is_worked_call_by_call():
    inst = _problem("probability/distributions.toml", "binomial-at-least").instantiate(1)
    rules = [node.rule for node in inst.derivation.root.walk()]
    assert rules[0] == "formula" and "binomial_cdf" in " ".join(rules)
    assert inst.derivation.result == inst.answer


def test_a_result_that_is_not_the_answer_is_refused_not_taught():
    inst = _problem("linear_algebra/determinants.toml", "det-2x2").instantiate(2)
    assert inst.is_answer(inst.answer)
    assert not inst.is_answer(inst.answer + 1)
    assert not inst.is_answer(sympy.ImmutableMatrix([1, 2]))


def test_a_function_of_the_variable_keeps_its_written_form_for_the_derivative_engine():
    inst = _problem("calculus/newton.toml", "hessian").instantiate(0)
    values = inst.step_values()
    f = values["f"]
    assert f.free_symbols and not isinstance(f, sympy.Integer)
    assert inst.derivation.result == inst.answer


def test_the_authoring_guide_names_every_operation_with_steps():
    from tutor.steps.solve import OPERATIONS

    guide = (ROOT / "problems" / "README.md").read_text(encoding="utf-8")
    section = guide.split('## Generated steps: `steps = "auto"`')[1].split("\n## ")[0]
    missing = [op for op in OPERATIONS if f"`{op}`" not in section]
    assert not missing, f"operations with steps missing from problems/README.md: {missing}"


SHARE = 0.8  # issue 10: at least 80 % of the problems get generated steps and diagnosis


def test_at_least_eighty_percent_of_the_shipped_problems_get_generated_steps_and_diagnosis():
    from tutor.problems import discover

    problems = [p for info in discover([ROOT / "problems"]) for p in load_problem_set(info.path).problems]
    stepped = [p.id for p in problems if all(p.instantiate(seed).derivation is not None for seed in (0, 1, 2))]
    share = len(stepped) / len(problems)
    assert share >= SHARE, f"{len(stepped)} of {len(problems)} problems have generated steps ({share:.0%})"
    hand = sorted(p.id for p in problems if p.id not in stepped)
    # the rest are conceptual: setting a problem up, a derivation in symbols
    assert all(p.definition.spec.steps is None and len(p.definition.spec.hints) >= 3
               for p in problems if p.id in hand)


def test_every_matrix_vector_and_sum_problem_is_taught_by_the_engine():
    """Issue 9 item 7: each problem with declared matrices, vectors or data has the step engine's
    ladder and anticipated mistakes (steps = "auto"), the engine's result is its answer, and no step
    is a "don't know"."""
    from tutor.problems import discover

    declared = [p for info in discover([ROOT / "problems"]) for p in load_problem_set(info.path).problems
                if p.definition.spec.declarations]
    assert len(declared) >= 15
    for problem in declared:
        inst = problem.instantiate(0)
        assert inst.definition.spec.steps == "auto", problem.id
        assert inst.is_answer(inst.derivation.result), problem.id
        assert not inst.derivation.has_unknown, problem.id
        assert 2 <= len(inst.hints()) <= 8, problem.id
        # an anticipated mistake, typed, is named (by its bug rule, or by the author's own words)
        candidates = inst.derivation.candidates
        assert candidates, f"{problem.id}: no misconception to diagnose"
        verdicts = [inst.check(input_text(wrong.value)) for wrong in candidates[:4]]
        assert not any(v.correct for v in verdicts), problem.id
        assert any(v.status == "incorrect" and (MISCONCEPTION_NOTE in v.notes or "AUTHORED_FEEDBACK" in v.notes)
                   for v in verdicts), (problem.id, [v.notes for v in verdicts])
