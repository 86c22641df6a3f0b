"""Hostile problem files neither hang nor crash `tutor lint` and `tutor practice`.

Each instance has a wall-clock limit (`instance.INSTANCE_SECONDS`): a parameter that would take
minutes, or memory without end, is stopped or refused, the problem is reported with its file
and key, and lint goes on to the next problem. The limit is shortened here so the tests are
quick; pytest-timeout turns a hang into a failure.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.errors import ProblemFileError
from tutor.problems import instance, lint, load_problem_set
from tutor.problems.lint import lint_file

pytestmark = pytest.mark.timeout(120)

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ["x", "y", "z", "u", "v", "w", "s", "t"]


def _problem(pid: str, value: str, extra: str = "") -> str:
    return f'''
[[problems]]
id = "{pid}"
title = "Problem {pid}"
tags = {{ week = 1, skills = ["vector arithmetic"] }}
variables = {LETTERS!r}
prompt = "What is {{a}}?"
answer = "a"
hints = ["one", "two", "three"]

[problems.params]
{extra}
a = {{ value = "{value}" }}

[[problems.tests]]
response = "{{answer}}"
status = "correct"

[[problems.tests]]
response = "x +"
status = "invalid"
'''.replace("'", '"')


def _file(tmp_path: Path, value: str, extra: str = "") -> Path:
    path = tmp_path / "hostile" / "set.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text('title = "Hostile"\ndescription = "d"\n' + _problem("hostile", value, extra)
                    + _problem("fine", "2 + 3"), encoding="utf-8")
    return path


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(instance, "INSTANCE_SECONDS", 1.0)
    monkeypatch.setattr(lint, "INSTANCE_SECONDS", 1.0)


SLOW = ["floor(e^(10^7))", "diff(x^x^x^x^x^x, x, 10)", "expand((x + y + z + u + v + w + s + t)^60)"]


@pytest.mark.parametrize("value", SLOW)
def test_a_parameter_that_would_run_on_is_stopped_and_lint_goes_on(tmp_path, short_limit, value):
    report = lint_file(_file(tmp_path, value), seeds=3)
    hostile, fine = report.problems
    assert not hostile.ok and fine.ok
    assert any("set.toml" in line and "key 'params'" in line and "longer than 1 s" in line
               for line in hostile.failures), hostile.failures
    assert any("were not tried" in line for line in hostile.failures)


@pytest.mark.parametrize("value, extra", [
    ("M^n", 'M = { value = "[[x, y, z], [y, z, x], [z, x, y]]" }\nn = { min = 40, max = 50 }'),
    ("binomial(-5, 10^9)", ""),
])
def test_a_parameter_too_large_to_compute_is_refused_at_once(tmp_path, value, extra):
    report = lint_file(_file(tmp_path, value, extra), seeds=2)
    hostile, fine = report.problems
    assert not hostile.ok and fine.ok
    assert any("too large" in line for line in hostile.failures), hostile.failures


def test_a_matrix_power_too_large_to_compute_is_refused_when_the_file_is_read(tmp_path):
    report = lint_file(_file(tmp_path, "[[x, y, z], [y, z, x], [z, x, y]]^50"), seeds=2)
    assert "set.toml" in report.error and "params.a.value" in report.error
    assert "too large to compute" in report.error


def test_an_instance_that_runs_out_of_time_is_a_problem_file_error(tmp_path, short_limit):
    problem = load_problem_set(_file(tmp_path, SLOW[0])).problems[0]
    with pytest.raises(ProblemFileError) as err:
        problem.instantiate(0)
    assert "set.toml" in str(err.value) and "took longer than" in str(err.value)


def test_lint_messages_about_huge_answers_are_shortened(tmp_path):
    report = lint_file(_file(tmp_path, "[[x, 1, 2], [3, x, 4], [5, 6, x]]^20"), seeds=1)
    assert all(len(line) < 1000 for p in report.problems for line in p.failures)


def test_practice_passes_over_a_problem_that_runs_out_of_time(tmp_path):
    path = _file(tmp_path, SLOW[0])
    done = subprocess.run([sys.executable, "-m", "tutor", "practice", "--plain", str(path)], input="5\n",
                          capture_output=True, text=True, timeout=100, cwd=ROOT)
    assert "could not be prepared and is passed over" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == 0
