"""The progress store's file: private, never through a link, read-only when only read, safe under
many simultaneous opens, and readable past a damaged row."""
from __future__ import annotations

import io
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from repl_fixtures import FIXTURES
from tutor.cli import main
from tutor.errors import ProgressError
from tutor.progress import APPLICATION_ID, DB_NAME, MIGRATIONS, Action, Attempt, ProgressStore, schema_version

pytestmark = pytest.mark.timeout(120)


def attempt(problem="p1", status="correct", response="x") -> Attempt:
    return Attempt(1, "calculus/basics", "calculus", problem, ("power rule",), 1, Action.ANSWER,
                   response, status)


def read_only(folder: Path) -> ProgressStore:
    store = ProgressStore.open_existing(folder, read_only=True)
    assert store is not None
    return store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def progress(tmp_path, monkeypatch, capsys, data: Path) -> tuple[int, str, str]:
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    out = io.StringIO()
    code = main(["--problems", str(FIXTURES), "--data-dir", str(data), "progress"], out=out)
    return code, out.getvalue(), capsys.readouterr().err


# --- private files ------------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_folder_is_0700_and_the_database_and_its_wal_0600(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "umask", os.umask)  # restore whatever the umask was
    old = os.umask(0o022)
    try:
        with ProgressStore.open(tmp_path / "a" / "tutor") as store:
            store.record(attempt())
            assert mode(tmp_path / "a" / "tutor") == 0o700
            assert mode(tmp_path / "a" / "tutor" / DB_NAME) == 0o600
            assert mode(tmp_path / "a" / "tutor" / (DB_NAME + "-wal")) == 0o600
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_database_an_older_tutor_left_readable_by_all_is_made_private(tmp_path):
    ProgressStore.open(tmp_path).close()
    os.chmod(tmp_path / DB_NAME, 0o644)
    ProgressStore.open(tmp_path).close()
    assert mode(tmp_path / DB_NAME) == 0o600


def test_a_folder_the_learner_chose_keeps_its_mode(tmp_path):
    os.chmod(tmp_path, 0o755)
    ProgressStore.open(tmp_path).close()
    assert mode(tmp_path) == 0o755


# --- links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["open", "existing", "read-only"])
def test_a_symlinked_database_is_refused_and_its_target_left_alone(tmp_path, how):
    target = tmp_path / "elsewhere.sqlite3"
    ProgressStore.open(tmp_path / "real").close()
    (tmp_path / "real" / DB_NAME).rename(target)
    before = target.read_bytes()
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).symlink_to(target)
    with pytest.raises(ProgressError, match="is a symbolic link") as err:
        if how == "open":
            ProgressStore.open(data)
        else:
            ProgressStore.open_existing(data, read_only=how == "read-only")
    assert str(data / DB_NAME) in str(err.value)
    assert target.read_bytes() == before


def test_a_dangling_link_is_refused_not_followed_to_create_a_file(tmp_path):
    (tmp_path / DB_NAME).symlink_to(tmp_path / "victim")
    with pytest.raises(ProgressError, match="is a symbolic link"):
        ProgressStore.open(tmp_path)
    assert not (tmp_path / "victim").exists()


def test_tutor_progress_says_so_for_a_link_without_a_traceback(tmp_path, monkeypatch, capsys):
    ProgressStore.open(tmp_path / "real").close()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / DB_NAME).symlink_to(tmp_path / "real" / DB_NAME)
    code, out, err = progress(tmp_path, monkeypatch, capsys, tmp_path / "data")
    assert code == 4 and "is a symbolic link" in err and "Traceback" not in err


# --- reading only -------------------------------------------------------------------------------

def _version_1_database(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    db = sqlite3.connect(folder / DB_NAME)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO runs VALUES (1, 'calculus/basics', 3, 0)")
    db.execute("INSERT INTO attempts (run_id, set_id, course, problem_id, skills, seed, action, "
               "response, status, feedback, hints_used, elapsed_s, created_at) VALUES (1, "
               "'calculus/basics', 'calculus', 'power', '[\"power rule\"]', 3, 'answer', '2x', "
               "'correct', '', 0, 1.5, 10)")
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    return folder / DB_NAME


def test_progress_reads_an_older_schema_as_it_is_and_does_not_migrate_it(tmp_path, monkeypatch, capsys):
    path = _version_1_database(tmp_path / "data")
    before = path.read_bytes()
    code, out, err = progress(tmp_path, monkeypatch, capsys, tmp_path / "data")
    assert (code, err) == (0, "")
    assert "calculus/basics  1 of 3 attempted, 1 solved, 1 right first try, 0 hints used" in out
    assert path.read_bytes() == before
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_read_only_store_reads_every_schema_and_refuses_to_write(tmp_path):
    _version_1_database(tmp_path)
    with read_only(tmp_path) as store:
        assert store.version() == 1
        [old] = store.attempts()
        assert (old.response, old.notes) == ("2x", ())
        assert store.responses("calculus/basics") == ["2x"]
        with pytest.raises(ProgressError, match="opened only for reading"):
            store.record(attempt())
    with ProgressStore.open(tmp_path) as store:  # a command that writes migrates
        assert store.version() == schema_version()


def test_an_empty_file_reads_as_no_progress_and_stays_empty(tmp_path, monkeypatch, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / DB_NAME).write_bytes(b"")
    code, out, _ = progress(tmp_path, monkeypatch, capsys, tmp_path / "data")
    assert code == 0 and out.startswith("No progress yet")
    assert (tmp_path / "data" / DB_NAME).read_bytes() == b""


def test_progress_reads_while_a_session_holds_the_write_lock(tmp_path, monkeypatch, capsys):
    with ProgressStore.open(tmp_path / "data") as store:
        store.record(attempt())
        writer = sqlite3.connect(tmp_path / "data" / DB_NAME, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            code, out, _ = progress(tmp_path, monkeypatch, capsys, tmp_path / "data")
        finally:
            writer.execute("ROLLBACK")
            writer.close()
    assert code == 0 and "All runs: " in out


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder on a read-only file system (a tmpfs remounted read-only when we are root)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.name != "posix":
        pytest.skip("read-only mounts are set up here on POSIX only")
    if os.geteuid() != 0:
        yield folder, lambda: os.chmod(folder, 0o555), lambda: os.chmod(folder, 0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "none", str(folder)], capture_output=True).returncode:
        pytest.skip("running as root without the right to mount a file system")
    try:
        yield (folder,
               lambda: subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True),
               lambda: subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True))
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_store_on_a_read_only_disk_can_still_be_read(read_only_folder, monkeypatch, capsys):
    folder, freeze, thaw = read_only_folder
    with ProgressStore.open(folder) as store:
        store.record(attempt("power"))
        store.record(attempt("chain", "incorrect"))
    freeze()
    try:
        with read_only(folder) as store:
            assert [a.problem_id for a in store.attempts()] == ["power", "chain"]
        code, out, err = progress(folder.parent, monkeypatch, capsys, folder)
        assert (code, err) == (0, "") and "1 solved" in out
        with pytest.raises(ProgressError):  # a command that writes says why it cannot
            ProgressStore.open(folder)
    finally:
        thaw()


# --- many tutors opening one fresh database at once -------------------------------------------------

def test_many_threads_opening_a_fresh_database_at_once_all_succeed(tmp_path):
    failures: list[str] = []
    for trial in range(8):
        folder = tmp_path / str(trial)
        barrier = threading.Barrier(16)

        def open_once() -> None:
            barrier.wait()
            try:
                ProgressStore.open(folder).close()
            except ProgressError as err:
                failures.append(str(err))

        threads = [threading.Thread(target=open_once) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        with ProgressStore.open(folder) as store:
            assert store.version() == schema_version()
    assert failures == []


def test_many_processes_opening_a_fresh_database_at_once_all_succeed(tmp_path):
    script = ("import sys, time\n"
              "from tutor.progress import ProgressStore\n"
              "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
              "ProgressStore.open(sys.argv[1]).close()\n")
    start = time.time() + 3.0  # every process is imported and waiting by then
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / str(i % 2)), str(start)],
                              stderr=subprocess.PIPE, text=True) for i in range(16)]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for p in procs:
        p.stderr.close()  # type: ignore[union-attr]
    assert [r for r in results if r[0] != 0] == []


# --- damage -----------------------------------------------------------------------------------

@pytest.mark.parametrize("column, value, reason", [
    ("action", "jump", "its action 'jump' is not known"),
    ("skills", "{not json", "its skills are not a list of names"),
    ("notes", "[1, 2]", "its notes are not a list of names"),
    ("seed", "seven", "its seed is not a whole number"),
    ("hints_used", "many", "its hints_used is not a whole number"),
    ("created_at", "yesterday", "its created_at is not a number"),
    ("response", b"\xff\xfe", "its response is not text"),
    ("skills", "[" * 100_000, "its skills are not a list of names"),
])
def test_a_tampered_row_is_skipped_with_a_clear_message_and_the_rest_shows(
        tmp_path, monkeypatch, capsys, column, value, reason):
    with ProgressStore.open(tmp_path / "data") as store:
        store.record(attempt("power"))
        bad = store.record(attempt("chain"))
        store.record(attempt("product", "incorrect"))
    db = sqlite3.connect(tmp_path / "data" / DB_NAME)
    db.execute(f"UPDATE attempts SET {column} = ? WHERE id = ?", (value, bad))
    db.commit()
    db.close()
    with ProgressStore.open(tmp_path / "data") as store:
        reading = store.read()
        assert [a.problem_id for a in reading.attempts] == ["power", "product"]
        assert [(d.id, d.reason) for d in reading.damaged] == [(bad, reason)]
        store.record(attempt("chain"))  # a damaged row does not stop a session from saving
        assert "x" in store.responses("calculus/basics")
    code, out, err = progress(tmp_path, monkeypatch, capsys, tmp_path / "data")
    assert (code, err) == (0, "")
    first, *rest = out.splitlines()
    assert first == (f"1 damaged record in {tmp_path / 'data' / DB_NAME} was skipped "
                     f"(id {bad}: {reason}); the rest is shown.")
    assert "calculus/basics  3 of 3 attempted, 2 solved, 2 right first try, 0 hints used" in out


def test_a_dropped_column_is_a_clear_progress_error(tmp_path, monkeypatch, capsys):
    with ProgressStore.open(tmp_path / "data") as store:
        store.record(attempt())
    db = sqlite3.connect(tmp_path / "data" / DB_NAME)
    db.execute("ALTER TABLE attempts DROP COLUMN course")
    db.commit()
    db.close()
    code, out, err = progress(tmp_path, monkeypatch, capsys, tmp_path / "data")
    assert code == 4 and "its attempts have no course" in err and "Traceback" not in err


# --- platforms without getuid (Windows) -----------------------------------------------------------

def test_the_store_opens_where_os_has_no_getuid(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "getuid")
    monkeypatch.delattr(os, "fchmod")
    with ProgressStore.open(tmp_path) as store:
        store.record(attempt())
    with read_only(tmp_path) as store:
        assert len(store.attempts()) == 1
