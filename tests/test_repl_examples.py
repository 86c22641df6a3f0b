"""Worked examples first: a new skill at a terminal starts with a worked and a faded example;
piped input never meets them."""
from __future__ import annotations

import subprocess

import pexpect
import pytest

from repl_fixtures import BASICS, answers, child_env, tutor_argv
from test_repl_pty import spawn
from tutor.coach import example, fade
from tutor.problems import load_problem_set

pytestmark = pytest.mark.timeout(120)


def test_fade_holds_back_the_last_steps_and_the_answer():
    shown, rest = fade("1. a\n2. b\n3. c\n4. d\n5. e\n6. f\nAnswer: 7")
    assert shown == "1. a\n2. b\n3. c\n4. d" and rest.endswith("Answer: 7") and "Answer" not in shown


def test_a_new_skill_at_a_terminal_gets_a_worked_then_a_faded_example(tmp_path):
    problem = load_problem_set(BASICS).problems[0]
    intro = example(problem, 1, ("power rule",))
    child = spawn(tmp_path, "practice", "calculus/basics", "--seed", "1", examples=True)
    try:
        child.expect_exact("New skill: power rule. First a worked example:")
        child.expect_exact("By the power rule")  # the worked solution of other numbers
        child.expect_exact("Now finish this one")
        child.expect_exact("finish it ›")
        child.send("12345\r")
        child.expect_exact("Not quite")
        child.send(intro.instance.answer_text + "\r")
        child.expect_exact("✓ Right. Now one on your own.")
        child.expect_exact("Problem 1 of 3")
        child.expect_exact("[1/3] ›")
        child.send(answers(seed=1)[0] + "\r")
        child.expect_exact("✓ Correct.")
        # the next problem brings another new skill: its examples, given up with :steps
        child.expect_exact("New skill: arithmetic")
        child.expect_exact("finish it ›")
        child.send(":steps\r")
        child.expect_exact("The rest of it:")
        child.expect_exact("[2/3] ›")
        child.sendcontrol("d")
        child.expect_exact(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_a_problem_that_draws_nothing_has_no_example_and_draws_no_instance(monkeypatch):
    """Its every instance is the practice problem itself (its one parameter is computed): an example
    would give the answer away, and drawing six instances to find that out slowed the first prompt."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "problems/calculus/logistic_regression.toml"
    problem = load_problem_set(path).problems[0]
    assert [p.variety for p in problem.definition.params] == [1]
    drawn: list[int] = []
    monkeypatch.setattr(type(problem), "instantiate", lambda self, seed: drawn.append(seed))
    assert example(problem, 1, ("sigmoid",)) is None
    assert drawn == []


def test_piped_input_never_meets_an_example(tmp_path):
    right = answers(seed=1)
    done = subprocess.run(tutor_argv(tmp_path, "practice", "calculus/basics", "--seed", "1"),
                          input=f"{right[0]}\n:quit\n", capture_output=True, text=True, env=child_env(),
                          timeout=60)
    assert done.returncode == 0
    assert "worked example" not in done.stdout and f"answer> {right[0]}\n✓ Correct." in done.stdout


def test_no_skill_or_history_is_read_for_a_problem_that_draws_nothing(tmp_path):
    """The first problem of the logistic set draws nothing: its introduction is decided before the
    skills' catalogue is loaded or the learner's history read (start-up of the first prompt)."""
    from pathlib import Path

    from tutor.coach import Coach
    from tutor.progress import ProgressStore
    from tutor.session import Session

    path = Path(__file__).resolve().parents[1] / "problems/calculus/logistic_regression.toml"
    loaded: list[int] = []
    with ProgressStore.open(tmp_path) as store:
        coach = Coach(store, load_catalogue=lambda: loaded.append(1))
        session = Session(load_problem_set(path), seed=1, store=store)
        assert coach.introduction(session, set()) is None
    assert loaded == []
