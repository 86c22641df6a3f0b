"""Spaced review with FSRS: ratings, a simulated learner over days, `tutor review`, the clock, migration."""
from __future__ import annotations

import io
import shutil
import sqlite3
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from learner_helpers import FIXTURES, START, Learner
from tutor.cli import main
from tutor.clock import ClockError, now
from tutor.progress import DB_NAME, Action, Attempt, ProgressStore, schema_version
from tutor.review import ReviewBook, interleave, rating, scheduler

ROOT = Path(__file__).resolve().parents[1]


def att(action=Action.ANSWER, status="", *, hints=0, elapsed=5.0):
    return Attempt(1, "c/s", "c", "p", ("k",), 1, action, "x", status, hints_used=hints, elapsed_s=elapsed)


@pytest.mark.parametrize("group, expected", [
    ([att(status="correct", elapsed=5)], Rating.Easy),
    ([att(status="correct", elapsed=60)], Rating.Good),
    ([att(status="incorrect"), att(status="correct")], Rating.Hard),
    ([att(Action.HINT), att(status="correct", hints=1)], Rating.Hard),
    ([att(Action.HINT), att(Action.HINT, hints=1), att(status="correct", hints=2)], Rating.Again),
    ([att(status="incorrect"), att(Action.SOLUTION)], Rating.Again),
    ([att(status="incorrect"), att(Action.SKIP)], Rating.Again),
    ([att(status="incorrect")], Rating.Again),  # left unfinished when the run ended
    ([att(Action.SKIP)], None),
    ([att(status="invalid")], None),
])
def test_ratings_from_correctness_hints_and_time(group, expected):
    assert rating(group) == expected


def test_fuzzing_is_off_in_the_tests_and_on_by_default():
    assert scheduler().enable_fuzzing is False
    assert scheduler({}).enable_fuzzing is True


def test_the_clock_reads_tutor_now_in_utc_and_refuses_nonsense():
    assert now({"TUTOR_NOW": "2026-03-01T09:00"}) == START
    assert now({"TUTOR_NOW": "2026-03-01T11:00+02:00"}) == START
    with pytest.raises(ClockError, match="not an ISO date-time"):
        now({"TUTOR_NOW": "next tuesday"})


def test_a_bad_tutor_now_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_NOW", "yesterday")
    assert main(["--data-dir", str(tmp_path), "review"], out=io.StringIO()) == 4
    assert "TUTOR_NOW='yesterday' is not an ISO date-time" in capsys.readouterr().err
    assert main(["--problems", str(FIXTURES), "--data-dir", str(tmp_path), "practice", "calculus/basics"],
                out=io.StringIO()) == 4
    assert "TUTOR_NOW='yesterday' is not an ISO date-time" in capsys.readouterr().err


def test_a_simulated_learner_is_scheduled_by_how_the_attempt_went(tmp_path):
    learner = Learner(tmp_path)
    # the power rule right first try, the product wrong then right, the chain rule given up
    learner.run("right", "wrong", "right", "steps")
    book = ReviewBook(learner.store)
    due = book.next_due()
    power, product, chain = (due[("calculus/basics", p)] for p in ("power", "product", "chain"))
    assert power - START == timedelta(days=8)  # easy: FSRS's first interval for "easy"
    assert product - START == timedelta(days=1) and chain - START == timedelta(days=1)
    assert book.due(START + timedelta(hours=23)) == []
    assert {d.problem_id for d in book.due(START + timedelta(days=1))} == {"product", "chain"}
    assert len(book.due(START + timedelta(days=8))) == 3
    # a review done right pushes the next one further out than the first interval
    learner.later(days=1)
    review = book.due(learner.now)
    run = learner.run("right", "right", problem_set=_review_set(review), sources=_sources(review),
                      seed=99)
    assert run.summary().figures.first_try == 2
    again = book.next_due()
    assert again[("calculus/basics", "product")] - learner.now > timedelta(days=1)
    assert book.due(learner.now) == []


def _review_set(due):
    from tutor.plan import SetLoader, plan

    return plan([(d.set_id, d.problem_id) for d in due], SetLoader([FIXTURES]), set_id="review/due",
                title="Review").problem_set


def _sources(due):
    return tuple(d.set_id for d in due)


def test_each_instance_is_rated_once(tmp_path):
    learner = Learner(tmp_path)
    session = learner.coach.session(learner.problem_set, seed=1)
    session.submit(session.instance.answer_text)
    session.submit(":back")
    session.submit(":skip")  # the same instance again: already rated
    session.submit(":quit")
    rows = learner.store._db.execute("SELECT problem_id FROM reviews").fetchall()
    assert rows == [("power",)]


def test_interleaving_takes_turns_across_sets():
    from tutor.review import Due

    items = [Due(s, p, START + timedelta(minutes=i), 0)
             for i, (s, p) in enumerate([("a", "1"), ("a", "2"), ("a", "3"), ("b", "1"), ("c", "1")])]
    order = [d.set_id for d in interleave(items)]
    assert order == ["a", "b", "c", "a", "a"]


def _practise(tmp_path, monkeypatch, capsys, when, *argv, stdin):
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    monkeypatch.setenv("TUTOR_NOW", when)
    out = io.StringIO()
    code = main(["--problems", str(FIXTURES), "--data-dir", str(tmp_path / "data"), *argv], out=out)
    return code, out.getvalue()


def test_tutor_review_runs_what_is_due_with_fresh_seeds_across_sets(tmp_path, monkeypatch, capsys):
    _practise(tmp_path, monkeypatch, capsys, "2026-03-01T09:00", "practice", "calculus/basics",
              "--seed", "1", stdin="12345\n:steps\n12345\n:steps\n12345\n:steps\n")
    _practise(tmp_path, monkeypatch, capsys, "2026-03-01T09:10", "practice", "probability/dice",
              "--seed", "1", stdin="12345\n:steps\n")
    code, out = _practise(tmp_path, monkeypatch, capsys, "2026-03-01T12:00", "review", stdin="")
    assert code == 0 and out.startswith("Nothing is due for review. The next review is due 2026-03-02")
    code, out = _practise(tmp_path, monkeypatch, capsys, "2026-03-08T09:00", "review", stdin=":quit\n")
    assert code == 0
    code, out = _practise(tmp_path, monkeypatch, capsys, "2026-03-08T09:00", "review",
                          stdin=":skip\n" * 5)
    titles = [line.split(" · ")[1] for line in out.splitlines() if line.startswith("Problem ")]
    # the basics were due first (practised ten minutes earlier), then the sets take turns
    assert titles[1] == "Mean of a die" and titles[0] != "Mean of a die"
    assert len(titles) == 4 and "Summary of Review (review/due)" in out
    with ProgressStore.open(tmp_path / "data") as store:
        attempts = store.attempts()
    seeds = {}
    for a in attempts:
        seeds.setdefault(a.problem_id, set()).add(a.seed)
    assert all(len(s) >= 2 for s in seeds.values())  # each came back with a new seed


def test_the_menu_shows_how_many_reviews_are_due(tmp_path, monkeypatch, capsys):
    _practise(tmp_path, monkeypatch, capsys, "2026-03-01T09:00", "practice", "calculus/basics",
              "--seed", "1", stdin="12345\n:steps\n")
    _, out = _practise(tmp_path, monkeypatch, capsys, "2026-03-01T10:00", stdin="")
    assert "Reviews due" not in out
    _, out = _practise(tmp_path, monkeypatch, capsys, "2026-03-02T10:00", stdin="")
    assert "Reviews due: 1 (`tutor review` runs them)" in out


def test_a_database_made_by_the_previous_schema_keeps_its_rows_and_gains_reviews(tmp_path):
    # made by main's own code at schema 2 (before reviews), with one run of calculus/basics
    shutil.copy(ROOT / "tests" / "fixtures" / "progress" / "v2.sqlite3", tmp_path / DB_NAME)
    before = sqlite3.connect(tmp_path / DB_NAME).execute("SELECT * FROM attempts ORDER BY id").fetchall()
    assert sqlite3.connect(tmp_path / DB_NAME).execute("PRAGMA user_version").fetchone()[0] == 2
    with ProgressStore.open(tmp_path) as store:
        assert store.version() == schema_version() >= 3
        assert len(store.attempts()) == len(before) == 5
        assert store.latest_reviews() == [] and store.due_count(START.timestamp()) == 0
        learner_rows = [a.response for a in store.attempts()]
    after = sqlite3.connect(tmp_path / DB_NAME).execute(
        "SELECT id, run_id, set_id, course, problem_id, skills, seed, action, response, status, feedback, "
        "hints_used, elapsed_s, created_at, notes FROM attempts ORDER BY id").fetchall()
    assert after == before and learner_rows[1] == "x^9"
    learner = Learner(tmp_path)  # and it is used as any other store from then on
    learner.run("wrong", "steps")
    assert ReviewBook(learner.store).due(START + timedelta(days=1))
