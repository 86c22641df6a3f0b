"""Parts (`[[problems.parts]]`): read, compiled per instance, linted across seeds, asked in order.

A part is a prompt, an answer and its own checks, hints and tests, asked before the problem's own
question. The session asks them in order (and the plain, piped mode too); a part answered right is
not the problem solved; every answer is stored, a part's as `part`.
"""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import tutor
from tutor.errors import ProblemFileError
from tutor.problems.lint import lint_file
from tutor.progress import Action, Outcome, ProgressStore, outcome_of
from tutor.repl.plain import run_plain
from tutor.session import Session

ROOT = Path(__file__).resolve().parents[1]

SET = """
title = "Parts"
description = "A problem asked in parts."

[[problems]]
id = "tree"
title = "A probability tree in three steps"
tags = {{ week = 1, skills = ["Bayes' theorem"] }}
prompt = "P(H) = {{h}}, P(E | H) = {{a}}, P(E | not H) = {{b}}. What is P(H | E)?"
answer = "h a / (h a + (1 - h) b)"
hints = ["Bayes.", "Divide the joint by the total.", "{{answer}}"]

[problems.params]
h = {{ choices = [0.2, 0.5] }}
a = {{ choices = [0.5, 0.9] }}
b = {{ choices = [0.1, 0.3] }}

[[problems.tests]]
response = "{{answer}}"
status = "correct"

[[problems.tests]]
response = "{{h}}"
status = "incorrect"

[[problems.parts]]
prompt = "First: P(H and E)?"
answer = "h a"
hints = ["Multiply along the branch.", "P(H and E) = {{h}}·{{a}}."]
{part_check}
[[problems.parts.tests]]
response = "{part_test}"
status = "correct"

[[problems.parts]]
prompt = "Next: P(E)?"
answer = "h a + (1 - h) b"
"""


def write(tmp_path: Path, part_check: str = "", part_test: str = "{answer}") -> Path:
    path = tmp_path / "probability" / "tree.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SET.format(part_check=part_check, part_test=part_test), encoding="utf-8")
    return path


def test_parts_are_read_compiled_and_computed_per_instance(tmp_path):
    problem = tutor.load_problem_set(write(tmp_path)).problems[0]
    assert [p.index for p in problem.definition.parts] == [0, 1]
    inst = problem.instantiate(3)
    first, second = inst.parts
    h, a, b = (inst.values[n] for n in "hab")
    assert (first.number, first.prompt, first.answer) == (1, "First: P(H and E)?", h * a)
    assert second.answer == h * a + (1 - h) * b
    assert first.check(first.answer_text).correct and not first.check(str(a)).correct
    assert [h.text for h in first.hints()][-1] == f"P(H and E) = {float(h):g}·{float(a):g}."


@pytest.mark.parametrize("bad, key, words", [
    ('answer = "h a"\nhints', "parts[0].answr", "unknown key"),
    ('answer = "h a"', "parts[0].answer", "'z'"),
])
def test_a_mistake_in_a_part_names_its_key(tmp_path, bad, key, words):
    text = write(tmp_path).read_text(encoding="utf-8")
    if key.endswith("answr"):
        text = text.replace('answer = "h a"\nhints', 'answr = "h a"\nanswer = "h a"\nhints', 1)
    else:
        text = text.replace('answer = "h a"', 'answer = "h z"', 1)
    path = tmp_path / "probability" / "tree.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemFileError) as info:
        tutor.load_problem_set(path)
    assert info.value.key == key and words in info.value.message


def test_lint_runs_each_parts_tests_on_every_seed(tmp_path):
    assert lint_file(write(tmp_path), seeds=4).ok
    (report,) = lint_file(write(tmp_path, part_test="{a}"), seeds=4).problems
    assert any("part 1: test 1" in f and "should be correct but is incorrect" in f for f in report.failures)


def test_a_part_has_its_own_check_options(tmp_path):
    assert not lint_file(write(tmp_path, part_test="{h}*{a} + 0.005"), seeds=4).ok
    path = write(tmp_path, part_check='check = { abs_tol = 0.01 }\n', part_test="{h}*{a} + 0.005")
    assert lint_file(path, seeds=4).ok


def test_the_session_asks_the_parts_in_order_then_the_question(tmp_path):
    store = ProgressStore.open(tmp_path)
    session = Session(tutor.load_problem_set(write(tmp_path)), seed=2, store=store)
    inst = session.instance
    first, second = inst.parts
    assert "Part 1 of 2: First: P(H and E)?" in session.current.prompt
    assert session.current.answer_kind == "number"
    wrong = session.submit("7")
    assert wrong.verdict.status == "incorrect" and not wrong.advanced
    assert "Multiply along the branch." in session.submit(":hint").text   # the part's own ladder
    right = session.submit(first.answer_text)
    assert right.verdict.correct and not right.advanced and "Part 2 of 2: Next: P(E)?" in right.text
    assert "Part 2 of 2" in session.current.prompt
    done = session.submit(second.answer_text)
    assert "All parts done" in done.text and "Part" not in session.current.prompt
    assert session.submit(":hint").text.startswith("Hint 1: Bayes.")   # the question's own ladder
    final = session.submit(inst.answer_text)
    assert final.verdict.correct and final.advanced
    attempts = [a for a in store.attempts() if a.problem_id == "tree"]
    assert [str(a.action) for a in attempts] == ["part", "hint", "part", "part", "hint", "answer"]
    assert outcome_of(attempts) is Outcome.WITH_HINTS


def test_a_part_right_is_not_the_problem_solved():
    attempts = [tutor.progress.Attempt(1, "s", "c", "p", (), 1, Action.PART, "x", "correct")]
    assert outcome_of(attempts) is Outcome.UNFINISHED
    wrong_part = tutor.progress.Attempt(1, "s", "c", "p", (), 1, Action.PART, "y", "incorrect")
    answer = tutor.progress.Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "z", "correct")
    assert outcome_of([wrong_part, *attempts, answer]) is Outcome.AFTER_RETRY


def test_piped_practice_goes_through_the_parts(tmp_path):
    session = Session(tutor.load_problem_set(write(tmp_path)), seed=5)
    inst = session.instance
    lines = "\n".join([inst.parts[0].answer_text, inst.parts[1].answer_text, inst.answer_text]) + "\n"
    out = io.StringIO()
    run_plain(session, io.StringIO(lines), out)
    text = out.getvalue()
    assert text.count("✓ Correct.") == 3 and "All parts done" in text and session.finished


def test_the_shipped_multi_part_problem_passes_lint_and_runs_from_the_command_line(tmp_path):
    report = lint_file(ROOT / "problems" / "probability" / "bayes.toml", seeds=5)
    assert report.ok
    problem = next(p for p in tutor.load_problem_set(ROOT / "problems" / "probability" / "bayes.toml").problems
                   if p.definition.parts)
    assert problem.id == "bayes-two-bags"
    proc = subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(tmp_path), "practice",
                           "probability/bayes", "--seed", "1"], input=":skip\n:skip\n:skip\n7\n:quit\n",
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Part 1 of 2" in proc.stdout
