"""One definition of each figure, and the summary, `tutor progress` and the menu agree on it."""
from __future__ import annotations

import io
import json
import re
import sys

from learner_helpers import FIXTURES
from tutor.cli import main
from tutor.progress import Action, Attempt
from tutor.stats import Figures, figures, figures_by


def attempt(action=Action.ANSWER, status="", *, run=1, problem="p1", seed=1, hints=0,
            set_id="calculus/chain", course="calculus", skills=("chain rule",)) -> Attempt:
    return Attempt(run, set_id, course, problem, skills, seed, action, "x", status, hints_used=hints)


def test_figures_count_distinct_problems_per_course_set_and_skill():
    attempts = [
        attempt(status="correct", problem="p1", skills=("chain rule",)),
        attempt(status="incorrect", problem="p2", skills=("chain rule", "sigmoid")),
        attempt(Action.SKIP, problem="p2", skills=("chain rule", "sigmoid")),
        attempt(status="correct", problem="p2", run=2, skills=("chain rule", "sigmoid")),
        attempt(status="correct", problem="p1", run=2, skills=("chain rule",)),
        attempt(status="correct", problem="q", set_id="probability/bayes", course="probability",
                skills=("bayes",)),
    ]
    assert figures_by(attempts, lambda a: [a.course]) == {"calculus": Figures(2, 2, 2, 0),
                                                          "probability": Figures(1, 1, 1, 0)}
    assert figures_by(attempts, lambda a: a.skills) == {
        "bayes": Figures(1, 1, 1, 0), "chain rule": Figures(2, 2, 2, 0), "sigmoid": Figures(1, 1, 1, 0)}


def test_a_problem_never_solved_and_hints_and_skips():
    assert figures([attempt(status="incorrect"), attempt(Action.SOLUTION)]) == Figures(1, 0, 0, 0)
    assert figures([attempt(Action.HINT), attempt(Action.HINT, hints=1),
                    attempt(status="correct", hints=2)]) == Figures(1, 1, 0, 2)
    assert figures([attempt(Action.SKIP), attempt(status="invalid", problem="p2")]) == Figures(0, 0, 0, 0)


def _tutor(tmp_path, monkeypatch, *argv, stdin=""):
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00")
    out = io.StringIO()
    assert main(["--problems", str(FIXTURES), "--data-dir", str(tmp_path), *argv], out=out) == 0
    return out.getvalue()


def test_summary_progress_and_menu_agree(tmp_path, monkeypatch):
    from learner_helpers import Learner

    answers = []
    learner = Learner(tmp_path / "probe")
    session = learner.coach.session(learner.problem_set, seed=7)
    for _ in range(3):
        answers.append(session.instance.answer_text)
        session.submit(":skip")
    # right first try; a hint then right; wrong, then given up (it comes back later in the run,
    # with new numbers, and is skipped then)
    script = [answers[0], ":hint", answers[1], "12345", ":steps", ":skip"]
    out = _tutor(tmp_path, monkeypatch, "practice", "calculus/basics", "--seed", "7",
                 stdin="\n".join(script) + "\n")
    summary = out[out.index("Summary of "):]
    head = re.search(r"this run: (\d+) of 3 problems attempted", summary).group(1)
    numbers = {key: int(re.search(rf"  {key}: (\d+)", summary).group(1))
               for key in ("solved", "right first try", "hints used")}
    assert (int(head), numbers["solved"], numbers["right first try"], numbers["hints used"]) == (3, 2, 1, 1)
    progress = _tutor(tmp_path, monkeypatch, "progress")
    line = next(l for l in progress.splitlines() if l.strip().startswith("calculus/basics"))
    assert line.split(None, 1)[1] == "3 of 3 attempted, 2 solved, 1 right first try, 1 hint used"
    assert "All runs: 3 attempted, 2 solved, 1 right first try, 1 hint used" in progress
    menu = _tutor(tmp_path, monkeypatch)
    assert re.search(r"calculus/basics +Basics for the REPL tests +\(2 of 3 solved\)", menu)
    exported = json.loads(_tutor(tmp_path, monkeypatch, "progress", "--json"))
    assert sum(a["status"] == "hint" for a in exported["attempts"]) == 1


def test_a_promise_of_return_only_when_the_problem_will_return(tmp_path, monkeypatch):
    # given up on its first appearance: it comes back in this run
    out = _tutor(tmp_path / "a", monkeypatch, "practice", "calculus/basics", "--seed", "7",
                 stdin=":steps\n")
    assert "This one comes back later in this run, with new numbers." in out
    # given up again when it came back: no second return in this run, but a review is scheduled
    out = _tutor(tmp_path / "b", monkeypatch, "practice", "calculus/basics", "--seed", "7",
                 stdin=":steps\n:skip\n:skip\n:steps\n")
    after = out[out.index("back for another try"):]
    assert "comes back later in this run" not in after
    assert "This one comes back in a later review (`tutor review`)." in after


def test_progress_json_has_the_documented_schema(tmp_path, monkeypatch):
    _tutor(tmp_path, monkeypatch, "practice", "calculus/basics", "--seed", "7", stdin="12345\n:hint\n:quit\n")
    data = json.loads(_tutor(tmp_path, monkeypatch, "progress", "--json"))
    assert data["schema"] == "tutor.progress/1" and set(data) == {"schema", "skills", "attempts"}
    assert data["skills"] and all(set(s) == {"skill", "course", "mastery", "due"} for s in data["skills"])
    assert all(0 <= s["mastery"] <= 1 for s in data["skills"])
    assert {s["due"] for s in data["skills"]} == {"2026-03-02T09:00:00+00:00"}
    assert [(a["status"], a["hints"]) for a in data["attempts"]] == [("incorrect", 0), ("hint", 0)]
    assert set(data["attempts"][0]) == {"set", "problem", "seed", "response", "status", "hints", "time"}
    assert data["attempts"][0]["time"] == "2026-03-01T09:00:00+00:00"
    empty = json.loads(_tutor(tmp_path / "none", monkeypatch, "progress", "--json"))
    assert empty == {"schema": "tutor.progress/1", "skills": [], "attempts": []}
