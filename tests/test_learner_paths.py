"""Just-in-time paths: `tutor path TOPIC` shows the chain with mastery; `--path` walks it."""
from __future__ import annotations

import io
import sys

import pytest

from tutor.cli import main
from tutor.plan import path_problems, path_steps, tagged
from tutor.problems.discovery import default_problem_dirs
from tutor.problems.skills import load_catalogue
from tutor.progress import Action, Attempt, ProgressStore

TOPICS = ["linear regression", "gradient descent", "logistic regression",
          "neural-network backpropagation", "PCA", "naive Bayes", "A/B testing", "maximum likelihood"]


def _tutor(tmp_path, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setenv("TUTOR_NOW", "2026-03-01T09:00")
    out = io.StringIO()
    code = main(["--data-dir", str(tmp_path), *argv], out=out)
    return code, out.getvalue()


@pytest.mark.parametrize("topic", TOPICS)
def test_every_required_topic_has_a_path_whose_skills_all_have_problems(tmp_path, monkeypatch, topic):
    code, out = _tutor(tmp_path, monkeypatch, "path", topic)
    assert code == 0
    lines = out.splitlines()
    steps = [l for l in lines if l[:5].strip().rstrip(".").isdigit()]
    assert steps and "(no problems yet)" not in out
    assert all("not practised yet" in l for l in steps)
    assert lines[-1].startswith('Walk it: tutor practice --path "')


def test_an_unknown_topic_is_a_message(tmp_path, monkeypatch, capsys):
    code, _ = _tutor(tmp_path, monkeypatch, "path", "astrology")
    assert code == 4 and "there is no topic 'astrology'" in capsys.readouterr().err


def _master(store, skill_tag, set_id, problem_id, course, days=4):
    run = store.start_run(set_id, 0)
    for seed in range(days):
        store.record(Attempt(run, set_id, course, problem_id, (skill_tag,), seed, Action.ANSWER, "x",
                             "correct", elapsed_s=3.0))


def test_the_path_shows_mastery_and_the_walk_skips_what_is_mastered(tmp_path, monkeypatch):
    with ProgressStore.open(tmp_path) as store:
        _master(store, "power rule", "calculus/derivatives", "polynomial-derivative", "calculus")
    code, out = _tutor(tmp_path, monkeypatch, "path", "Gradient-Descent")
    power = next(l for l in out.splitlines() if "power rule" in l)
    assert "✓" in power and float(power.split()[-1]) >= 0.95
    cat = load_catalogue()
    dirs = default_problem_dirs()
    from tutor.mastery import estimate

    with ProgressStore.open(tmp_path) as store:
        mastery = estimate(store.attempts(), name=lambda t: cat.skill(t).id)
    steps = path_steps(cat, cat.topic("gradient descent"), mastery, tagged(dirs, cat))
    chain = [s.skill.id for s in steps]
    keys = path_problems(steps)
    assert chain.index("power-rule") < chain.index("chain-rule") < chain.index("gradient-descent")
    # the walk: problems of every unmastered skill, from the most basic one on; the mastered power
    # rule gets none of its own
    todo = [s for s in steps if not s.mastered and s.problems]
    assert all(set(s.problems) & set(keys) for s in todo)
    assert keys[0] in todo[0].problems and todo[0].skill.id != "power-rule"
    only_power = [k for k in keys if all(k not in s.problems for s in todo)]
    assert only_power == []
    code, out = _tutor(tmp_path, monkeypatch, "practice", "--path", "gradient descent",
                       stdin=":skip\n" * 2 + ":quit\n")
    assert code == 0 and f"Problem 1 of {len(keys)}" in out
    assert "Summary of Path to Gradient descent (path/gradient-descent)" in out
    assert 'Run `tutor practice --path "Gradient descent"` again' in out


def test_a_walk_records_attempts_under_the_problems_own_set(tmp_path, monkeypatch):
    _tutor(tmp_path, monkeypatch, "practice", "--path", "naive bayes", stdin="12345\n:quit\n")
    with ProgressStore.open(tmp_path) as store:
        (a,) = store.attempts()
    assert "/" in a.set_id and not a.set_id.startswith("path/")


def test_practice_needs_a_set_or_a_path(tmp_path, monkeypatch, capsys):
    assert _tutor(tmp_path, monkeypatch, "practice")[0] == 4
    assert "say which set to practise" in capsys.readouterr().err
    assert _tutor(tmp_path, monkeypatch, "practice", "calculus/derivatives", "--path", "pca")[0] == 4
