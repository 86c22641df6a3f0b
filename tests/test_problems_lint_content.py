"""The content rules of `tutor lint` (tutor.problems.lint_content): each fails on a fixture written
with exactly that mistake, and every shipped problem passes them (the shipped lint run covers 25 seeds)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.problems import load_problem_set
from tutor.problems.lint import lint_file
from tutor.problems.lint_content import (answer_leaks, content_failures, degenerate, false_equations,
                                         off_prompt)

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "fixtures" / "broken_problems"
PROBLEMS = ROOT / "problems"

# (fixture, words the failure must contain)
CONTENT = [
    ("answer_in_hint", "hint 2 states the answer before the last hint"),
    ("answer_in_solution", "solution line 1 states the answer before the last line"),
    ("false_hint_number", "which is false for this seed"),
    ("eigen_pairing", "pairs the eigenvalue"),
    ("off_prompt", "which the prompt does not show"),
    ("triangular_eigenvalues", "is triangular: its eigenvalues are read off the diagonal"),
    ("unsimplified_prompt", "the prompt shows '− 0'"),
]


@pytest.mark.parametrize(("name", "words"), CONTENT, ids=[c[0] for c in CONTENT])
def test_each_content_rule_fails_on_its_fixture(name, words):
    report = lint_file(BROKEN / f"{name}.toml", seeds=8)
    assert report.error is None
    messages = [m for p in report.problems for m in p.failures]
    assert any(words in m for m in messages), messages
    assert all("content" in m or words in m for m in messages), messages  # only the one mistake


def _instance(path: Path, problem_id: str, seed: int):
    problem = next(p for p in load_problem_set(path).problems if p.id == problem_id)
    return problem.instantiate(seed)


def test_the_sigmoid_ladder_does_not_state_sigma_prime_before_its_end():
    instance = _instance(PROBLEMS / "calculus" / "logistic_regression.toml", "sigmoid-derivative", 0)
    assert answer_leaks(instance) == []
    texts = [h.text for h in instance.hints()]
    assert not any("σ′ = σ" in t or "σ·(1 − σ)" in t for t in texts[:-1])
    assert texts[-1].endswith("σ(z)·(1 − σ(z))")


def test_the_product_rule_prompt_shows_the_product_the_ladder_works_on():
    for seed in range(25):
        instance = _instance(PROBLEMS / "calculus" / "derivatives.toml", "product-rule", seed)
        assert off_prompt(instance) == [], seed
        assert "/e^" not in instance.prompt


def test_the_pca_and_clt_hints_are_true_on_every_seed():
    for seed in range(25):
        pca = _instance(PROBLEMS / "linear_algebra" / "eigen.toml", "pca-variance-explained", seed)
        clt = _instance(PROBLEMS / "probability" / "estimation.toml", "clt-probability", seed)
        assert false_equations(pca) == [] and false_equations(clt) == [], seed


COINCIDENCE = """
title = "T"
description = "D"

[[problems]]
id = "add-one"
title = "Add one"
tags = { week = 1, skills = [] }
prompt = "What is {a} + 1?"
answer = "a + 1"
hints = ["Count on by one.", "For example, 2 + 3 = 5 counts on by three.", "{a} + 1 = {answer}."]

[problems.params]
a = { min = 1, max = 9 }

[[problems.tests]]
response = "{answer}"
status = "correct"

[[problems.tests]]
response = "{a}"
status = "incorrect"
"""


def test_a_coincidence_on_one_seed_is_not_an_answer_leak(tmp_path):
    # "2 + 3 = 5" is the answer on the seeds where a = 4, and on no other: not a leak
    path = tmp_path / "arithmetic" / "add.toml"
    path.parent.mkdir()
    path.write_text(COINCIDENCE, encoding="utf-8")
    problem = load_problem_set(path).problems[0]
    instance = next(i for i in (problem.instantiate(s) for s in range(60)) if i.answer == 5)
    assert "= 5" in instance.hints()[1].text
    assert answer_leaks(instance) == []


def test_shipped_problems_pass_the_content_rules_on_a_few_seeds():
    # the full 25 seeds run in tests/test_problems_lint.py (tutor lint problems/)
    for path in sorted(PROBLEMS.rglob("*.toml")):
        if path.name in ("skills.toml", "topics.toml"):
            continue
        for problem in load_problem_set(path).problems:
            for seed in (0, 1):
                assert content_failures(problem.instantiate(seed)) == [], (problem.id, seed)


def test_degenerate_is_quiet_for_a_matrix_that_is_not_asked_about():
    instance = _instance(PROBLEMS / "linear_algebra" / "eigen.toml", "eigenvector-2x2", 2)
    assert degenerate(instance) == []  # L = diag(l1, l2) builds A; it is not the matrix asked about
