"""Hostile problem files neither hang nor crash `tutor lint` and `tutor practice`.

Each instance has a wall-clock limit (`instance.INSTANCE_SECONDS`): a parameter that would take
minutes, or memory without end, is stopped or refused, the problem is reported with its file
and key, and lint goes on to the next problem. The limit is shortened here so the tests are
quick; pytest-timeout turns a hang into a failure.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
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


# ----- the diagnosis of a wrong answer keeps the check's time budget

_DERIVATIVE = '''title = "Slow diagnosis"
description = "d"

[[problems]]
id = "chain"
title = "A chain rule"
tags = { week = 1, skills = ["chain rule"] }
variables = ["x"]
prompt = "Differentiate {f} with respect to x."
question = "f"
answer = "diff(f, x)"
steps = "derivative"
wrt = "x"
check = { time_budget = 0.5 }

[problems.params]
f = { value = "sin(x^2) e^(x^3) + cos(2x) ln(x^2 + 1)" }
'''
_DROPPED = "cos(x^2) e^(x^3) + sin(x^2) e^(x^3) - sin(2x) ln(x^2 + 1) + cos(2x)/(x^2 + 1)"
_PAUSE = 0.02   # seconds added to each value the step engine computes


@pytest.fixture
def slow_values(monkeypatch):
    """The step engine's numeric evaluation made slow: a diagnosis that takes seconds."""
    from tutor.steps import numeric

    calls: list[float] = []
    value_at = numeric._value_at

    def slow(expr, k):
        calls.append(time.monotonic())
        time.sleep(_PAUSE)
        return value_at(expr, k)

    monkeypatch.setattr(numeric, "_value_at", slow)
    return calls


def _chain(tmp_path: Path):
    path = tmp_path / "slow.toml"
    path.write_text(_DERIVATIVE, encoding="utf-8")
    return load_problem_set(path).problems[0].instantiate(0)


def test_a_wrong_answer_is_diagnosed_within_the_budget(tmp_path):
    verdict = _chain(tmp_path).check(_DROPPED)
    assert verdict.status == "incorrect"
    assert instance.MISCONCEPTION_NOTE in verdict.notes and "BUG:chain_drop_inner" in verdict.notes


_MOST = int(0.5 / _PAUSE) + 1   # values the step engine can compute (one at a time) within the budget


def test_a_diagnosis_past_the_budget_is_given_up_and_the_verdict_stands(tmp_path, slow_values):
    inst = _chain(tmp_path)
    inst.derivation  # noqa: B018 - built outside the budget, as a practice session has it for the hints
    verdict = inst.check(_DROPPED)
    assert verdict.status == "incorrect" and instance.MISCONCEPTION_NOTE not in verdict.notes
    # the step engine stopped at the budget...
    assert 0 < len(slow_values) <= _MOST
    # ...where the whole diagnosis computes many more values, and names the mistake
    slow_values.clear()
    assert inst._diagnose(_DROPPED, time.monotonic() + 600).bug == "chain_drop_inner"
    assert len(slow_values) > 2 * _MOST


def test_the_diagnosis_budget_is_kept_from_a_worker_thread(tmp_path, slow_values):
    inst = _chain(tmp_path)
    inst.derivation  # noqa: B018
    out: list = []
    thread = threading.Thread(target=lambda: out.append(inst.check(_DROPPED)))
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert out[0].status == "incorrect" and instance.MISCONCEPTION_NOTE not in out[0].notes
    assert 0 < len(slow_values) <= _MOST


def test_a_public_diagnosis_keeps_the_problems_budget_too(tmp_path, slow_values):
    inst = _chain(tmp_path)
    inst.derivation  # noqa: B018
    assert inst.diagnose(_DROPPED) is None
    assert 0 < len(slow_values) <= _MOST
