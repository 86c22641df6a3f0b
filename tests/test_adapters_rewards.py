"""Rewards for RL training: TRL's reward-function call and verl's compute_score."""
from __future__ import annotations

import pytest

from tutor.adapters import trl, verl


def test_trl_reward_in_order_with_trl_keywords_ignored():
    completions = ["2(x+1)", "-2x", [{"role": "assistant", "content": "σ(z)(1-σ(z))"}], "2x +"]
    expected = ["2x + 2", "2x", "e^(-z)/(1+e^(-z))^2", "2x"]
    rewards = trl.reward(completions, expected, prompts=["p"] * 4, completion_ids=[[1]] * 4,
                         trainer_state=object(), student=["a", "b", "c", "d"])
    assert rewards == [1.0, 0.0, 1.0, 0.0]


def test_trl_undecided_and_unusable_rows_are_none_not_zero():
    rewards = trl.reward(["sin(10^300 x)", "x", "x"], ["sin(x)", "x +", "x"], time_budget=0.5)
    assert rewards == [None, None, 1.0]


def test_trl_options_for_all_and_per_row():
    assert trl.reward(["x^2-1"], ["(x-1)(x+1)"], form="factored") == [0.0]
    per_row = trl.reward(["x^2-1", "x^2-1"], ["(x-1)(x+1)"] * 2,
                         options=['{"form": "factored"}', {}])
    assert per_row == [0.0, 1.0]


def test_trl_mismatched_lengths_are_a_clear_error():
    with pytest.raises(ValueError, match="2 completions but 1"):
        trl.reward(["x", "y"], ["x"])


def test_verl_compute_score_and_details():
    assert verl.compute_score("math", "2(x+1)", "2x + 2") == 1.0
    assert verl.compute_score("math", "2x +", "2x + 2", {"options": {}}) == 0.0
    assert verl.compute_score("math", "x^2-1", "(x-1)(x+1)", {"options": {"form": "factored"}}) == 0.0
    details = verl.score_details("sin(10^300 x)", "sin(x)", {"options": {"time_budget": 0.5}})
    assert details == {"score": 0.0, "status": "undetermined", "notes": ["TIMEOUT"]}
    assert verl.score_details("x", "x +")["status"] == "error"
