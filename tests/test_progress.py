"""The progress store: where it lives, what it keeps, and that it never loses or clobbers data."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.errors import ProgressError
from tutor.progress import (
    APPLICATION_ID, DB_NAME, MIGRATIONS, Action, Attempt, Outcome, ProgressStore, default_data_dir, outcome_of,
    resolve_data_dir, schema_version,
)


def attempt(action=Action.ANSWER, status="", *, run=1, problem="p1", seed=1, hints=0, response="x",
            set_id="calculus/chain", course="calculus", skills=("chain rule",)) -> Attempt:
    return Attempt(run, set_id, course, problem, skills, seed, action, response, status,
                   hints_used=hints)


# --- where the data lives ---------------------------------------------------------------------

def test_tutor_home_wins_over_xdg():
    assert default_data_dir({"TUTOR_HOME": "/a", "XDG_DATA_HOME": "/b"}) == Path("/a")


def test_xdg_data_home_is_used():
    assert default_data_dir({"XDG_DATA_HOME": "/b"}) == Path("/b/tutor")


@pytest.mark.parametrize("xdg", ["", "relative/path"])
def test_unset_or_relative_xdg_falls_back_to_home(xdg):
    assert default_data_dir({"XDG_DATA_HOME": xdg}) == Path.home() / ".local/share/tutor"


def test_data_dir_option_wins_over_environment():
    assert resolve_data_dir("/opt", {"TUTOR_HOME": "/a"}) == Path("/opt")
    assert resolve_data_dir(None, {"TUTOR_HOME": "/a"}) == Path("/a")


# --- writing and reading back -----------------------------------------------------------------

def test_open_creates_a_current_database_in_wal_mode(tmp_path):
    with ProgressStore.open(tmp_path / "deep" / "dir") as store:
        assert store.version() == schema_version() == len(MIGRATIONS)
    db = sqlite3.connect(tmp_path / "deep" / "dir" / DB_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_field_survives_a_reopen(tmp_path):
    written = Attempt(0, "calculus/chain", "calculus", "c1", ("chain rule", "sigmoid"), 42,
                      Action.ANSWER, "σ(z)(1-σ(z))", "incorrect", "Check the sign.",
                      ("sign_error",), 2, 12.5, 1_700_000_000.25)
    with ProgressStore.open(tmp_path) as store:
        run = store.start_run("calculus/chain", 42)
        ident = store.record(Attempt(**{**written.__dict__, "run_id": run}))
    with ProgressStore.open(tmp_path) as store:
        [read] = store.attempts()
    assert read == Attempt(**{**written.__dict__, "run_id": run, "id": ident})


def test_attempts_can_be_filtered_by_set(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        store.record(attempt(set_id="a/one"))
        store.record(attempt(set_id="b/two"))
        assert [a.set_id for a in store.attempts("b/two")] == ["b/two"]
        assert len(store.attempts()) == 2


def test_responses_are_answers_of_the_set_oldest_first_without_repeats(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        for text in ["2x", "x^2", "2x", "3"]:
            store.record(attempt(status="incorrect", response=text))
        store.record(attempt(Action.HINT, response=""))
        store.record(attempt(set_id="other/set", response="zzz"))
        assert store.responses("calculus/chain") == ["x^2", "2x", "3"]


def test_open_existing_does_not_create_anything(tmp_path):
    assert ProgressStore.open_existing(tmp_path / "none") is None
    assert not (tmp_path / "none").exists()


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    script = (
        "import sys; from tutor.progress import *\n"
        "s = ProgressStore.open(sys.argv[1])\n"
        "for i in range(40):\n"
        "    s.record(Attempt(1, 'a/b', 'a', sys.argv[2], (), i, Action.ANSWER, str(i), 'correct'))\n"
    )
    ProgressStore.open(tmp_path).close()  # migrate once so both writers start from the same file
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), name]) for name in "pq"]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    with ProgressStore.open(tmp_path) as store:
        rows = store.attempts()
    assert sorted((a.problem_id, a.seed) for a in rows) == sorted(
        (name, i) for name in "pq" for i in range(40))


# --- never clobber a file we do not understand --------------------------------------------------

def _db_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / DB_NAME
    path.write_bytes(content)
    return path


def test_a_corrupt_file_gets_a_clear_error_and_is_left_alone(tmp_path):
    junk = b"this is not sqlite at all " * 200
    path = _db_file(tmp_path, junk)
    with pytest.raises(ProgressError, match="damaged or is not a tutor progress database") as err:
        ProgressStore.open(tmp_path)
    assert str(path) in str(err.value) and "has not been changed" in str(err.value)
    assert path.read_bytes() == junk
    assert not (tmp_path / (DB_NAME + "-wal")).exists()


def test_a_database_with_a_damaged_page_is_refused_and_left_alone(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        for i in range(200):
            store.record(attempt(status="correct", response="x" * 50 + str(i)))
    sqlite3.connect(tmp_path / DB_NAME).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    db = sqlite3.connect(tmp_path / DB_NAME)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name='attempts'").fetchone()[0]
    db.close()
    path = tmp_path / DB_NAME
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 64] = b"\xff" * 64  # scribble over the attempts table's root page
    path.write_bytes(bytes(data))
    with pytest.raises(ProgressError, match="damaged"):
        ProgressStore.open(tmp_path)
    assert path.read_bytes() == bytes(data)


def test_a_newer_schema_gets_a_clear_error_and_is_left_alone(tmp_path):
    ProgressStore.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute(f"PRAGMA user_version={schema_version() + 5}")
    db.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(ProgressError, match="newer version of tutor"):
        ProgressStore.open(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_someone_elses_sqlite_database_is_not_adopted(tmp_path):
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()
    before = (tmp_path / DB_NAME).read_bytes()
    with pytest.raises(ProgressError, match="not a tutor progress database"):
        ProgressStore.open(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == before


def test_an_empty_file_is_a_fresh_database(tmp_path):
    _db_file(tmp_path, b"")
    with ProgressStore.open(tmp_path) as store:
        assert store.version() == schema_version()


def test_a_data_dir_that_is_a_file_gets_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProgressError, match="cannot create the progress folder"):
        ProgressStore.open(tmp_path / "file" / "sub")


# --- migrations -------------------------------------------------------------------------------

def test_a_version_1_database_is_migrated_and_keeps_its_rows(tmp_path):
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO runs VALUES (1, 'a/b', 3, 0)")
    db.execute("INSERT INTO attempts (run_id, set_id, course, problem_id, skills, seed, action, "
               "response, status, feedback, hints_used, elapsed_s, created_at) "
               "VALUES (1, 'a/b', 'a', 'p', '[\"s\"]', 3, 'answer', '2x', 'correct', '', 0, 1.5, 10)")
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    with ProgressStore.open(tmp_path) as store:
        assert store.version() == schema_version()
        [old] = store.attempts()
    assert (old.response, old.status, old.skills, old.notes) == ("2x", "correct", ("s",), ())


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    import tutor.progress as progress

    monkeypatch.setattr(progress, "MIGRATIONS", (MIGRATIONS[0], "CREATE TABLE runs (x)"))
    with pytest.raises(ProgressError, match="already exists"):
        ProgressStore.open(tmp_path)
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] == 0


# --- outcomes and the report ------------------------------------------------------------------

@pytest.mark.parametrize("steps, expected", [
    ([("answer", "correct", 0)], Outcome.FIRST_TRY),
    ([("answer", "invalid", 0), ("answer", "correct", 0)], Outcome.FIRST_TRY),
    ([("answer", "incorrect", 0), ("answer", "correct", 0)], Outcome.AFTER_RETRY),
    ([("hint", "", 0), ("answer", "correct", 1)], Outcome.WITH_HINTS),
    ([("answer", "incorrect", 0), ("hint", "", 0), ("answer", "correct", 1)], Outcome.WITH_HINTS),
    ([("hint", "", 0), ("solution", "", 1)], Outcome.GAVE_UP),
    ([("answer", "incorrect", 0), ("skip", "", 0)], Outcome.SKIPPED),
    ([("answer", "incorrect", 0)], Outcome.UNFINISHED),
    ([("answer", "correct", 0), ("answer", "incorrect", 0)], Outcome.FIRST_TRY),
])
def test_outcome_of_an_instance(steps, expected):
    attempts = [attempt(Action(a), status, hints=h) for a, status, h in steps]
    assert outcome_of(attempts) is expected


