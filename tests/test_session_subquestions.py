"""Sub-questions: a learner wrong twice on a problem is offered a smaller step from the step tree.

`:sub` asks it ("First: what is d/dx (3x²)?"), checked and diagnosed on its own; answering it right
(or `:skip`) goes back to the question. Taking it counts as help, and every answer is stored.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import sympy

import tutor
from tutor.problems.render import input_text
from tutor.problems.subquestion import subquestion
from tutor.progress import Outcome, ProgressStore, outcome_of
from tutor.repl.plain import run_plain
from tutor.session import FeedbackKind, Session
from tutor.session_text import COMMAND_HELP

ROOT = Path(__file__).resolve().parents[1]

SET = """
title = "Smaller steps"
description = "Problems with a step tree."

[[problems]]
id = "chain"
title = "A chain"
tags = { week = 1, skills = ["chain rule"] }
variables = ["x"]
prompt = "Differentiate sin(3x^2 + 1)."
answer = "diff(sin(3x^2 + 1), x)"
steps = "auto"
hints = ["The chain rule."]

[[problems.tests]]
response = "6x cos(3x^2 + 1)"
status = "correct"

[[problems.tests]]
response = "cos(3x^2 + 1)"
status = "incorrect"

[[problems]]
id = "det"
title = "A determinant"
tags = { week = 1, skills = ["determinant"] }
prompt = "det of [[1, 2, 0], [3, 4, 5], [0, 1, 2]]?"
answer = "det([[1, 2, 0], [3, 4, 5], [0, 1, 2]])"
steps = "auto"
hints = ["Expand along a row."]

[[problems.tests]]
response = "-9"
status = "correct"

[[problems.tests]]
response = "9"
status = "incorrect"
"""


@pytest.fixture
def problems(tmp_path):
    path = tmp_path / "calculus" / "steps.toml"
    path.parent.mkdir(parents=True)
    path.write_text(SET, encoding="utf-8")
    return tutor.load_problem_set(path)


def test_two_wrong_answers_offer_a_smaller_step_and_it_is_asked_checked_and_left(problems, tmp_path):
    store = ProgressStore.open(tmp_path)
    session = Session(problems, seed=1, store=store)
    first = session.submit("cos(3x^2 + 1)")
    assert first.verdict.status == "incorrect" and ":sub" not in first.text
    second = session.submit("x")                 # no named slip: the first real step is offered
    assert "Try a smaller step first? Type :sub." in second.text
    offered = session.submit(":sub")
    assert offered.kind is FeedbackKind.HINT and "First: what is d/dx" in offered.text
    assert "6x" not in offered.text                                   # the step, never its result
    assert "First: what is" in session.current.prompt
    assert session.submit("5x").verdict.status == "incorrect"       # stays on the step
    back = session.submit("6x")
    assert back.verdict.correct and "Back to the question" in back.text and not back.advanced
    assert "First: what is" not in session.current.prompt
    assert session.submit("6x cos(3x^2 + 1)").advanced
    attempts = [a for a in store.attempts() if a.problem_id == "chain"]
    assert [str(a.action) for a in attempts] == ["answer", "answer", "hint", "subquestion", "subquestion",
                                                 "answer"]
    assert outcome_of(attempts) is Outcome.WITH_HINTS


def test_skip_on_a_smaller_step_goes_back_to_the_question_not_to_the_next_problem(problems):
    session = Session(problems, seed=1)
    session.submit(":sub")
    assert session.current.problem_id == "chain" and "First: what is" in session.current.prompt
    left = session.submit(":skip")
    assert not left.advanced and "Back to the question" in left.text
    assert session.current.problem_id == "chain" and "First:" not in session.current.prompt


def test_a_node_engine_problem_asks_its_first_subgoal_and_diagnoses_it(problems):
    inst = problems.problems[1].instantiate(0)
    sub = subquestion(inst)
    assert sub.prompt.startswith("First: what is det([[")
    assert sub.check(input_text(sub.expected)).correct
    (a, b), (c, d) = [[sympy.Integer(v) for v in row] for row in _minor(sub.goal)]
    slip = sub.check(str(a * d + b * c))               # ad + bc: named by the step's own bug rules
    assert slip.status == "incorrect" and "MISCONCEPTION" in slip.notes


def _minor(goal: str) -> list[list[str]]:
    inner = goal.split("[[", 1)[1].rsplit("]]", 1)[0]
    return [[v.strip().replace("−", "-") for v in row.split(",")] for row in inner.split("], [")]


def test_the_smaller_step_follows_the_diagnosed_mistake(problems):
    session = Session(problems, seed=1)
    session.submit("cos(3x^2 + 1)")
    named = session.submit("3x cos(3x^2 + 1)")   # the power rule's factor 2 forgotten in 3x²
    assert "power rule" in named.text and "Type :sub" in named.text
    assert "First: what is d/dx x²?" in session.submit(":sub").text


def test_piped_practice_takes_a_smaller_step(problems):
    session = Session(problems, seed=1)
    out = io.StringIO()
    run_plain(session, io.StringIO("cos(3x^2+1)\nx\n:sub\n6x\n6x cos(3x^2+1)\n:quit\n"), out)
    text = out.getvalue()
    assert "Type :sub" in text and "A smaller step: First: what is" in text and "Back to the question" in text


def test_sub_is_a_documented_command():
    assert "sub" in dict(COMMAND_HELP)
    assert ":sub" in (ROOT / "README.md").read_text(encoding="utf-8")
