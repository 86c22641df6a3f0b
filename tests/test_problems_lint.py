"""`tutor lint`: the shipped problems pass over 25 seeds; deliberately broken files fail with the right message."""
from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from tutor.cli import main
from tutor.problems import discover, load_problem_set
from tutor.problems.discovery import problem_files
from tutor.problems.command import print_report, run
from tutor.problems.lint import SEEDS, lint_file, lint_paths

ROOT = Path(__file__).resolve().parents[1]
PROBLEMS = ROOT / "problems"
BROKEN = ROOT / "tests" / "fixtures" / "broken_problems"


@pytest.fixture(scope="module")
def shipped_lint():
    """`tutor lint problems/` exactly as an author runs it (a fresh process, so it may fork workers)."""
    done = subprocess.run([sys.executable, "-m", "tutor", "lint", "problems"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout


def test_lint_passes_on_every_shipped_problem_over_25_seeds(shipped_lint):
    code, text = shipped_lint
    assert code == 0, text
    assert SEEDS == 25
    problem_lines = [line for line in text.splitlines() if line.startswith(("ok  ", "FAIL"))
                     and "(file)" not in line]
    assert problem_lines and all("(25 seeds," in line for line in problem_lines)


def test_the_report_has_one_line_per_problem_and_the_time(shipped_lint):
    _, text = shipped_lint
    lines = text.splitlines()
    count = len(_all_problems())
    problem_lines = [line for line in lines if line.startswith(("ok  ", "FAIL")) and "(file)" not in line]
    assert len(problem_lines) == count
    files = len(problem_files(PROBLEMS)) + 1  # and the skills and topics of the folder
    assert any(line.startswith("ok    skills") for line in lines)
    assert lines[-1].startswith(f"{count} problems in {files} files: all passed (")
    assert lines[-1].endswith(" s)")


def test_the_report_lists_failures_under_their_problem():
    report = lint_paths([BROKEN / "wrong_status.toml", BROKEN / "unknown_key.toml"], seeds=2)
    out = io.StringIO()
    print_report(report, out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("FAIL") and lines[1].startswith("        seeds 0, 1: test 2")
    assert lines[2].startswith("FAIL") and "(file)" in lines[2]
    assert lines[-1].startswith("1 problem in 2 files: 2 failed (")


def _all_problems():
    return [p for info in discover([PROBLEMS]) for p in load_problem_set(info.path).problems]


def test_every_syllabus_week_has_at_least_five_templates():
    weeks = Counter((p.tags.course, p.tags.week) for p in _all_problems())
    expected = [("linear_algebra", w) for w in range(1, 5)] + [("calculus", w) for w in range(1, 4)] + [
        ("probability", w) for w in range(1, 5)]
    short = {week: weeks[week] for week in expected if weeks[week] < 5}
    assert not short, f"weeks with fewer than 5 templates: {short}"
    assert sum(weeks.values()) >= 55


def test_the_problems_the_issue_names_are_there():
    ids = {f"{p.tags.course}/{p.id}" for p in _all_problems()}
    named = {
        "calculus/logistic-loss-logit", "calculus/logistic-loss-weight", "calculus/sigmoid-derivative",
        "calculus/linear-regression-gradient", "calculus/gradient-descent-step",
        "linear_algebra/det-2x2", "linear_algebra/det-3x3", "linear_algebra/inverse-2x2",
        "linear_algebra/rank-3x3", "linear_algebra/eigenvalues-2x2", "probability/bayes-disease-test",
        "probability/binomial-exactly", "probability/die-expectation", "probability/die-variance",
        "probability/mle-bernoulli",
    }
    assert named <= ids, named - ids


def test_derivative_and_gradient_problems_use_the_step_engine_and_others_have_ladders():
    for p in _all_problems():
        spec = p.definition.spec
        if spec.steps is None:
            assert len(spec.hints) >= 3, p.id
        assert len(spec.tests) >= 2, p.id
    stepped = {p.id for p in _all_problems() if p.definition.spec.steps is not None}
    assert {"logistic-loss-logit", "sigmoid-affine", "linear-regression-gradient",
            "gradient-vector", "polynomial-derivative"} <= stepped


# (file, words its failure must contain): the load-time and the run-time mistakes
BROKEN_LINT = [
    ("toml_syntax", "TOML syntax"),
    ("unknown_key", "unknown key; did you mean 'answer'?"),
    ("unknown_function", "unknown function 'sigmoyd' (did you mean sigmoid?)"),
    ("answer_fails", "the answer cannot be computed: sum: 100000 terms is more than the limit"),
    ("impossible_constraint", "'a != a' failed"),
    ("wrong_status", "test 2 ('"),
    ("no_variety", "different instance in"),
    ("too_few_hints", "has 1 hint and no steps"),
    ("frozen_number", "hint 2 writes 2.5 by hand, which is the value of m for this seed only"),
    ("auto_no_engine", 'steps = "auto" cannot work the answer: c has no operation with steps'),
]


@pytest.mark.parametrize(("name", "words"), BROKEN_LINT, ids=[b[0] for b in BROKEN_LINT])
def test_lint_fails_on_each_broken_file_with_the_right_message(name, words):
    report = lint_file(BROKEN / f"{name}.toml", seeds=8)
    assert not report.ok
    messages = [report.error] if report.error else [m for p in report.problems for m in p.failures]
    assert any(words in (m or "") for m in messages), messages


def test_a_wrong_test_status_names_the_test_response_and_status():
    report = lint_file(BROKEN / "wrong_status.toml", seeds=3)
    (failure,) = report.problems[0].failures
    assert "should be correct but is incorrect" in failure and "seeds 0, 1, 2" in failure


def test_the_command_exit_codes_and_output():
    out = io.StringIO()
    code = run(SimpleNamespace(paths=[str(BROKEN)], seeds=3), out)
    text = out.getvalue()
    assert code == 1
    assert "FAIL" in text and "failed (" in text.splitlines()[-1]
    assert run(SimpleNamespace(paths=[str(BROKEN / "nope.toml")], seeds=3), io.StringIO()) == 2
    good = io.StringIO()
    assert run(SimpleNamespace(paths=[str(PROBLEMS / "linear_algebra" / "determinants.toml")], seeds=3),
               good) == 0
    assert sum(line.startswith("ok  ") and "(file)" not in line for line in good.getvalue().splitlines()) == 4


def test_tutor_lint_from_the_command_line():
    out = io.StringIO()
    assert main(["lint", str(BROKEN / "unknown_key.toml")], out=out) == 1
    assert "did you mean 'answer'?" in out.getvalue()


def test_no_shipped_prompt_asks_for_a_form_or_a_computation_that_is_not_checked(shipped_lint):
    _, text = shipped_lint
    assert "warning:" not in text, [line for line in text.splitlines() if "warning:" in line]


COMPUTE_DET = '''
title = "t"
description = "d"

[[problems]]
id = "det"
title = "Determinant"
tags = {{ week = 1 }}
prompt = "Compute the determinant of A = {{A}}."
answer = "det(A)"
{check}
hints = ["one", "two", "three", "four"]
tests = [{{ response = "{{answer}}", status = "correct" }}, {{ response = "{{answer}} + 1", status = "incorrect" }},
         {{ response = "{{answer}} - 1", status = "incorrect" }}]

[problems.params]
a = {{ min = 1, max = 9 }}
A = {{ value = "[[a, 1], [2, 3]]" }}
'''


@pytest.mark.parametrize("check, warned", [("", True), ('check = { forbid = ["det"] }', False)])
def test_lint_warns_when_a_prompt_asks_to_compute_an_operation_forbid_does_not_cover(tmp_path, check, warned):
    path = tmp_path / "det.toml"
    path.write_text(COMPUTE_DET.format(check=check))
    (report,) = lint_file(path, seeds=3).problems
    assert not report.failures
    assert any("asks to compute the determinant" in w and "'det'" in w for w in report.warnings) is warned


@pytest.mark.parametrize("problem_id, typed", [
    ("det-2x2", "det({A})"),
    ("det-3x3", "1 + det({A}) - 1"),
    ("inverse-2x2", "{A}^-1"),
    ("inverse-2x2", "inverse({A})"),
    ("matrix-product", "{A} {B}"),
    ("distance-between-points", "norm({P} - {Q})"),
    ("cosine-of-angle", "dot({a}, {b}) / (norm({a}) norm({b}))"),
])
def test_typing_the_operation_a_problem_asks_for_is_not_an_answer(problem_id, typed):
    problem = next(p for p in _all_problems() if p.id == problem_id)
    for seed in range(3):
        instance = problem.instantiate(seed)
        shown = {k: str(v).replace("Matrix(", "(") for k, v in instance.values.items()}
        response = typed.format(**{k: _typed(v) for k, v in instance.values.items()})
        verdict = instance.check(response)
        assert verdict.status.value == "invalid", (response, verdict.feedback, shown)
        assert "FORBIDDEN_OPERATION" in verdict.notes
        assert "Compute it" in verdict.feedback


def _typed(value) -> str:
    """A parameter value as a learner would type it ([[1, 2], [3, 4]])."""
    import sympy
    if isinstance(value, sympy.MatrixBase):
        if value.cols == 1:
            return "[" + ", ".join(str(e) for e in value) + "]"
        return "[" + ", ".join("[" + ", ".join(str(e) for e in value.row(i)) + "]" for i in range(value.rows)) + "]"
    return str(value)
