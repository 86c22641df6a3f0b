"""Every shipped problem's hint ladder is short: at most 8 rungs (authored and generated together) over
25 seeds, with no inner-variable names (u₁) and the final answer only on the last rung."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.problems import discover, load_problem_set
from tutor.steps.hints import MAX_RUNGS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 25
INNER_NAME = re.compile(r"(?<![A-Za-z])[uvtspqw][₀-₉]")


def _problems():
    return [p for info in discover([ROOT / "problems"]) for p in load_problem_set(info.path).problems]


@pytest.fixture(scope="module")
def ladders():
    """(problem id, seed, instance, hints) for every problem and seed."""
    out = []
    for problem in _problems():
        for seed in range(SEEDS):
            instance = problem.instantiate(seed)
            out.append((problem.id, seed, instance, instance.hints()))
    return out


def test_every_ladder_has_at_most_eight_rungs_over_25_seeds(ladders):
    assert MAX_RUNGS == 8
    long = {(pid, seed): len(hints) for pid, seed, _, hints in ladders if len(hints) > MAX_RUNGS}
    assert not long, f"ladders longer than {MAX_RUNGS} rungs: {long}"
    assert all(hints for _, _, _, hints in ladders)


def test_generated_ladders_name_no_inner_variable_and_keep_the_answer_to_the_end(ladders):
    engine = [(pid, seed, inst, hints) for pid, seed, inst, hints in ladders if inst.derivation is not None]
    assert engine
    for pid, seed, inst, hints in engine:
        shown = set(INNER_NAME.findall(inst.prompt))  # a name the prompt uses is one the learner has seen
        for hint in hints[:-1]:
            assert not set(INNER_NAME.findall(hint.text)) - shown, (pid, seed, hint.text)
        assert hints[-1].level == "bottom_out", (pid, seed)


def test_the_logistic_loss_ladder_is_a_plan_two_chain_rules_and_the_answer(ladders):
    hints = next(h for pid, seed, _, h in ladders if pid == "logistic-loss-logit" and seed == 0)
    texts = [h.text for h in hints]
    assert texts[0].startswith("Plan for ") and "ln(σ(z)) and ln(1 − σ(z))" in texts[0]
    assert any(t.startswith("Chain rule on ln(σ(z))") for t in texts)
    assert any(t.startswith("Chain rule on ln(1 − σ(z))") for t in texts)
    assert "σ(z) − y" in texts[-1] and not any("σ(z) − y" in t for t in texts[:-1])
    assert len(hints) <= 6
    # the detailed steps stay behind each rung (the learner's :more)
    assert all(h.more for h in hints[:-1])
