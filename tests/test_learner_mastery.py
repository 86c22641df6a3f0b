"""Mastery by Bayesian knowledge tracing: the evidence of an attempt, and a simulated learner."""
from __future__ import annotations

import pytest

from learner_helpers import Learner
from tutor.mastery import BKT, DIAGNOSED_NOTES, Evidence, estimate, evidence
from tutor.problems.instance import AUTHORED_NOTE, MISCONCEPTION_NOTE
from tutor.progress import Action, Attempt


def att(action=Action.ANSWER, status="", *, run=1, problem="p", seed=1, hints=0, notes=(), skills=("k",)):
    return Attempt(run, "c/s", "c", problem, skills, seed, action, "x", status, notes=notes, hints_used=hints)


@pytest.mark.parametrize("group, expected", [
    ([att(status="correct")], Evidence.CORRECT),
    ([att(status="incorrect"), att(status="correct")], Evidence.INCORRECT),
    ([att(status="incorrect", notes=("MISCONCEPTION", "BUG:x"))], Evidence.DIAGNOSED),
    ([att(status="incorrect", notes=("AUTHORED_FEEDBACK",))], Evidence.DIAGNOSED),
    ([att(Action.HINT), att(status="correct", hints=1)], Evidence.HELPED),
    ([att(Action.SOLUTION)], Evidence.HELPED),
    ([att(status="invalid"), att(status="correct")], Evidence.CORRECT),  # unreadable costs nothing
    ([att(Action.SKIP)], None),
])
def test_the_evidence_of_one_instance(group, expected):
    assert evidence(group) == expected


def test_the_diagnosed_notes_are_the_ones_the_problems_set():
    assert DIAGNOSED_NOTES == {AUTHORED_NOTE, MISCONCEPTION_NOTE}


def test_each_kind_of_evidence_moves_mastery_the_right_way():
    m = BKT()
    for p in (0.1, 0.5, 0.9):
        right, wrong = m.update(p, Evidence.CORRECT), m.update(p, Evidence.INCORRECT)
        diagnosed, helped = m.update(p, Evidence.DIAGNOSED), m.update(p, Evidence.HELPED)
        assert right > p and wrong < right and diagnosed < wrong and helped == wrong
        assert 0 < diagnosed < 1 and 0 < right < 1


def test_mastery_counts_a_skill_named_by_id_and_by_name_together():
    a = [att(status="correct", run=r, skills=(name,)) for r, name in enumerate(["chain rule", "chain-rule"])]
    table = estimate(a, name=lambda tag: tag.replace(" ", "-"))
    assert list(table) == ["chain-rule"] and table["chain-rule"].observations == 2


def test_a_simulated_learner_masters_by_right_answers_and_loses_it_by_wrong_ones(tmp_path):
    learner = Learner(tmp_path)
    learner.run("right", "right", "right")
    first = learner.coach.mastery()
    assert 0.5 < first["power-rule"].p < 0.95 and not first["power-rule"].mastered
    for day in range(3):
        learner.later(days=1)
        learner.run("right", "right", "right", seed=10 + day)
    strong = learner.coach.mastery()
    assert strong["power-rule"].mastered and strong["arithmetic"].mastered
    assert strong["power-rule"].p > first["power-rule"].p
    learner.later(days=1)
    learner.run("wrong", "right", "skip", "wrong", "right", seed=20)
    weaker = learner.coach.mastery()
    assert weaker["power-rule"].p < strong["power-rule"].p


def test_hints_count_against_mastery(tmp_path):
    alone, helped = Learner(tmp_path / "a"), Learner(tmp_path / "b")
    alone.run("right", "right", "right")
    helped.run("hint", "right", "hint", "right", "hint", "right")
    assert helped.coach.mastery()["power-rule"].p < alone.coach.mastery()["power-rule"].p


def test_mastered_skills_get_a_shorter_hint_ladder(tmp_path):
    learner = Learner(tmp_path)
    session = learner.coach.session(learner.problem_set, seed=3)  # first: the power-rule problem
    full = session.instance.hints()
    first = session.submit(":hint").text
    session.submit(":quit")
    for day in range(4):
        learner.later(days=1)
        learner.run("right", "skip", "skip", seed=30 + day)
    assert learner.coach.mastery()["power-rule"].mastered
    session = learner.coach.session(learner.problem_set, seed=3)
    shorter = session.submit(":hint").text
    assert first.startswith("Hint 1: " + full[0].text)
    assert shorter.startswith("Hint 1: " + full[1].text)  # the general rung is left out
    hints = [session.submit(":hint").text for _ in range(len(full))]
    assert sum(h.startswith("Hint ") for h in hints) == len(full) - 2  # one shown above, one fewer
