"""What a learner has done, kept in SQLite so that nothing already answered is lost.

Every attempt is written in its own transaction the moment it is made, so
killing the process at any point loses nothing; the database runs in WAL mode
so a second `tutor` at the same time neither blocks nor corrupts it. The schema
carries its version in ``PRAGMA user_version`` and is brought up to date by the
migrations below. A file that is not a progress database, is corrupt, or was
written by a newer `tutor` raises `ProgressError` and is never written to.
A store opened only to read (`tutor progress`) is opened read-only: it reads
every older schema as it is, and a read-only disk. A damaged row is skipped
and reported (`Reading.damaged`), never a reason to lose sight of the rest.
The file itself is kept private (see `tutor.progress_file`).

>>> import tempfile
>>> with ProgressStore.open(tempfile.mkdtemp()) as store:
...     run = store.start_run("calculus/chain", seed=7)
...     _ = store.record(Attempt(run, "calculus/chain", "calculus", "c1", ("chain rule",),
...                              7, Action.ANSWER, "2x", "correct"))
...     [a.response for a in store.attempts("calculus/chain")]
['2x']
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import field
from enum import StrEnum
from pathlib import Path

from tutor.errors import ProgressError
from tutor.words import counted
from tutor.progress_file import is_busy, make_private_folder, open_private, open_read_only, refuse_link, retry_busy
from tutor.values import frozen

DB_NAME = "progress.sqlite3"
APPLICATION_ID = 0x74757472  # "tutr": marks the file as ours, so we never adopt someone else's database


class Action(StrEnum):
    """What a learner did on a problem."""

    ANSWER = "answer"
    HINT = "hint"
    SOLUTION = "solution"  # asked for the worked solution: counted as giving up
    SKIP = "skip"
    PART = "part"                # an answer to one of the problem's parts ([[problems.parts]])
    SUBQUESTION = "subquestion"  # an answer to a smaller step offered after two wrong answers


@frozen
class Attempt:
    """One thing a learner did on one problem instance.

    `status` is the verdict's status for an answer and "" otherwise;
    `hints_used` is how many hints had been shown on this instance when it was made.
    """

    run_id: int
    set_id: str
    course: str
    problem_id: str
    skills: tuple[str, ...]
    seed: int
    action: Action
    response: str = ""
    status: str = ""
    feedback: str = ""
    notes: tuple[str, ...] = ()
    hints_used: int = 0
    elapsed_s: float = 0.0
    created_at: float = field(default_factory=time.time)
    id: int | None = None


@frozen
class Review:
    """One rated review of a problem (see `tutor.review`): the card after it, and when it is due.

    `rating` is FSRS's (1 again, 2 hard, 3 good, 4 easy); times are seconds since the epoch.
    """

    set_id: str
    problem_id: str
    run_id: int
    seed: int
    rating: int
    reviewed_at: float
    due: float
    card: str


class Outcome(StrEnum):
    """How one problem instance ended, in the words of the end-of-set summary."""

    FIRST_TRY = "first try"  # the first readable answer was right and no hint had been taken
    WITH_HINTS = "with hints"
    AFTER_RETRY = "after a retry"
    GAVE_UP = "gave up"  # asked for the worked solution
    SKIPPED = "skipped"
    UNFINISHED = "unfinished"


GRADED = frozenset({"correct", "incorrect"})  # statuses that count as a try; unreadable answers cost nothing


def outcome_of(attempts: Iterable[Attempt]) -> Outcome:
    """How a problem instance went, from its attempts in order (what came after the first decision is practice).

    >>> a = Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "x", "incorrect")
    >>> outcome_of([a, Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "2x", "correct")])
    <Outcome.AFTER_RETRY: 'after a retry'>
    """
    hints = wrong = 0
    for a in attempts:
        if a.action is Action.SOLUTION:
            return Outcome.GAVE_UP
        if a.action is Action.SKIP:
            return Outcome.SKIPPED
        hints = max(hints, a.hints_used + (a.action is Action.HINT))
        if a.action is Action.SUBQUESTION:
            continue  # a smaller step, taken as help (its :sub was recorded as a hint)
        if a.action is Action.PART:
            wrong += a.status == "incorrect"  # a part right is not the problem solved
            continue
        if a.status == "correct":
            return Outcome.WITH_HINTS if hints else Outcome.AFTER_RETRY if wrong else Outcome.FIRST_TRY
        wrong += a.status == "incorrect"
    return Outcome.UNFINISHED


# --- schema and migrations -------------------------------------------------------------------

_V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    set_id TEXT NOT NULL,
    seed INTEGER NOT NULL,
    started_at REAL NOT NULL
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    set_id TEXT NOT NULL,
    course TEXT NOT NULL,
    problem_id TEXT NOT NULL,
    skills TEXT NOT NULL,
    seed INTEGER NOT NULL,
    action TEXT NOT NULL,
    response TEXT NOT NULL,
    status TEXT NOT NULL,
    feedback TEXT NOT NULL,
    hints_used INTEGER NOT NULL,
    elapsed_s REAL NOT NULL,
    created_at REAL NOT NULL
);
"""

# v2: the verdict's stable note codes (misconceptions) are kept for the skill report,
# and the per-set lookups the menu and history make on every start get an index.
_V2 = """
ALTER TABLE attempts ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
CREATE INDEX attempts_by_set ON attempts(set_id, id);
"""

# v3: the spaced-review log, one row per problem instance rated: the FSRS card after the review
# (JSON, as the `fsrs` package writes it) and its due time, so the due count is one indexed query.
# Existing attempts are kept as they are; problems practised before v3 enter review when next practised.
_V3 = """
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    set_id TEXT NOT NULL,
    problem_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    reviewed_at REAL NOT NULL,
    due REAL NOT NULL,
    card TEXT NOT NULL,
    UNIQUE (run_id, set_id, problem_id, seed)
);
CREATE INDEX reviews_by_problem ON reviews(set_id, problem_id, id);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)  # MIGRATIONS[i] takes the schema from version i to i + 1


def schema_version() -> int:
    """The schema version this `tutor` writes.

    >>> schema_version() == len(MIGRATIONS)
    True
    """
    return len(MIGRATIONS)


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where progress is kept: ``TUTOR_HOME``, else ``$XDG_DATA_HOME/tutor``, else ``~/.local/share/tutor``.

    >>> default_data_dir({"TUTOR_HOME": "/tmp/t"})
    PosixPath('/tmp/t')
    >>> default_data_dir({"XDG_DATA_HOME": "/data"})
    PosixPath('/data/tutor')
    """
    env = os.environ if env is None else env
    if env.get("TUTOR_HOME"):
        return Path(env["TUTOR_HOME"]).expanduser()
    xdg = env.get("XDG_DATA_HOME", "")
    # the XDG spec says a relative value is invalid and must be ignored
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "tutor"


def resolve_data_dir(option: str | None, env: Mapping[str, str] | None = None) -> Path:
    """`--data-dir` when given, else `default_data_dir`.

    >>> resolve_data_dir("/x", {"TUTOR_HOME": "/y"})
    PosixPath('/x')
    """
    return Path(option).expanduser() if option else default_data_dir(env)


class ProgressStore:
    """The progress database of one learner (one data folder).

    Open it with `ProgressStore.open`; every `record` is committed before it returns.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self._db = connection
        self.path = path
        self.read_only = read_only

    # -- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: str | os.PathLike[str], *, timeout: float = 10.0) -> ProgressStore:
        """Open (creating and migrating when needed) the store in `directory`.

        >>> import tempfile
        >>> ProgressStore.open(tempfile.mkdtemp()).version() == schema_version()
        True
        """
        path = Path(directory) / DB_NAME
        make_private_folder(path.parent)
        return cls(open_private(path, timeout=timeout), path)._prepared(timeout)

    @classmethod
    def open_existing(cls, directory: str | os.PathLike[str], *, read_only: bool = False,
                      timeout: float = 10.0) -> ProgressStore | None:
        """Open the store in `directory` if there is one, without creating anything.

        With `read_only` nothing is ever written, not even a migration: an older schema is read
        as it is, and a file on a read-only disk can still be read.

        >>> import tempfile
        >>> ProgressStore.open_existing(tempfile.mkdtemp()) is None
        True
        """
        path = Path(directory) / DB_NAME
        refuse_link(path)
        if not path.is_file():
            return None
        if not read_only:
            return cls.open(directory, timeout=timeout)
        return cls(open_read_only(path, timeout=timeout), path, read_only=True)._prepared(timeout)

    def _prepared(self, timeout: float) -> ProgressStore:
        try:
            self._prepare(timeout)
        except BaseException:
            self.close()
            raise
        return self

    def _prepare(self, timeout: float) -> None:
        """Check the file is ours and current enough, then migrate it, all before writing anything."""
        with self._guard("read"):
            # one snapshot: another tutor may be creating the schema in between two reads
            version, app_id, tables, problems = retry_busy(self._inspect, timeout=timeout)
        if problems != [("ok",)]:
            raise ProgressError(_explain(self.path, "read", sqlite3.DatabaseError(
                "database disk image is malformed: " + "; ".join(str(p[0]) for p in problems[:3]))))
        if version > schema_version():
            raise ProgressError(
                f"{self.path} was written by a newer version of tutor (schema {version}; this one "
                f"understands up to {schema_version()}). Upgrade tutor, or use another --data-dir. "
                "The file has not been changed.")
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
            raise ProgressError(
                f"{self.path} is not a tutor progress database. Move it away or use another "
                "--data-dir; the file has not been changed.")
        if self.read_only:
            return
        with self._guard("set up"):
            # WAL lets a second tutor read and write at the same time; it needs a writable file.
            # Switching to it fails at once (no busy wait) while another tutor holds a lock.
            retry_busy(self._use_wal, timeout=timeout)
            self._db.execute("PRAGMA synchronous=FULL")
            if version < schema_version():
                self._migrate()

    def _inspect(self) -> tuple[int, int, list[str], list[tuple]]:
        self._db.execute("BEGIN")
        try:
            version, app_id, tables = self._header()
            # find damage now, with a clear message, rather than at the first answer of a session
            problems = self._db.execute("PRAGMA quick_check").fetchall()
        finally:
            self._db.execute("COMMIT")
        return version, app_id, tables, problems

    def _use_wal(self) -> None:
        if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self._db.execute("PRAGMA journal_mode=WAL")

    def _header(self) -> tuple[int, int, list[str]]:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = [r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return version, app_id, tables

    def _migrate(self) -> None:
        """Apply the missing migrations in one transaction (another tutor may be doing the same)."""
        with self._transaction():
            # re-read under the write lock: a concurrent tutor may have migrated meanwhile
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version={schema_version()}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, taking the write lock up front so it cannot deadlock midway."""
        if self.read_only:
            raise ProgressError(f"{self.path} was opened only for reading; nothing was written.")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _guard(self, doing: str) -> AbstractContextManager[None]:
        return _guarded(self.path, doing)

    # -- writing ----------------------------------------------------------------------------

    def start_run(self, set_id: str, seed: int, *, now: float | None = None) -> int:
        """Record the start of a practice run and return its id."""
        with self._guard("write to"), self._transaction():
            cursor = self._db.execute("INSERT INTO runs (set_id, seed, started_at) VALUES (?, ?, ?)",
                                      (set_id, seed, time.time() if now is None else now))
        return _inserted(cursor)

    def record(self, attempt: Attempt) -> int:
        """Write one attempt, committed before returning; returns its id."""
        a = attempt
        row = (a.run_id, a.set_id, a.course, a.problem_id, json.dumps(list(a.skills)), a.seed,
               str(a.action), a.response, a.status, a.feedback, json.dumps(list(a.notes)),
               a.hints_used, a.elapsed_s, a.created_at)
        with self._guard("write to"), self._transaction():
            cursor = self._db.execute(
                "INSERT INTO attempts (run_id, set_id, course, problem_id, skills, seed, action, "
                "response, status, feedback, notes, hints_used, elapsed_s, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        return _inserted(cursor)

    def record_review(self, review: Review) -> bool:
        """Write one review; False (and nothing written) when that instance was already rated."""
        r = review
        with self._guard("write to"), self._transaction():
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO reviews (set_id, problem_id, run_id, seed, rating, reviewed_at, "
                "due, card) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (r.set_id, r.problem_id, r.run_id, r.seed, r.rating, r.reviewed_at, r.due, r.card))
        return cursor.rowcount == 1

    # -- reading ----------------------------------------------------------------------------

    def _has_reviews(self) -> bool:
        # a store opened read-only is not migrated: one older than schema 3 has no reviews
        return bool(self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'reviews'").fetchone())

    def latest_reviews(self) -> list[Review]:
        """The latest review of every reviewed problem, earliest due first."""
        with self._guard("read"):
            if not self._has_reviews():
                return []
            rows = self._db.execute(
                "SELECT set_id, problem_id, run_id, seed, rating, reviewed_at, due, card FROM reviews "
                "WHERE id IN (SELECT max(id) FROM reviews GROUP BY set_id, problem_id) "
                "ORDER BY due, set_id, problem_id").fetchall()
        return [Review(*row) for row in rows]

    def due_count(self, now: float) -> int:
        """How many problems are due for review at `now` (seconds since the epoch)."""
        with self._guard("read"):
            if not self._has_reviews():
                return 0
            return int(self._db.execute(
                "SELECT count(*) FROM reviews WHERE due <= ? AND id IN "
                "(SELECT max(id) FROM reviews GROUP BY set_id, problem_id)", (now,)).fetchone()[0])

    def version(self) -> int:
        """The schema version of the open file."""
        with self._guard("read"):
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def attempts(self, set_id: str | None = None) -> list[Attempt]:
        """Every readable attempt, oldest first, optionally of one set only (damaged rows skipped)."""
        return list(self.read(set_id).attempts)

    def read(self, set_id: str | None = None) -> Reading:
        """Every attempt, oldest first, and the rows that could not be read (of any older schema)."""
        with self._guard("read"):
            columns = self._attempt_columns()
            if not columns:
                return Reading((), ())
            sql = f"SELECT {', '.join(columns)} FROM attempts"
            params: tuple[str, ...] = ()
            if set_id is not None:
                sql, params = sql + " WHERE set_id = ?", (set_id,)
            rows = self._db.execute(sql + " ORDER BY id", params).fetchall()
        attempts: list[Attempt] = []
        damaged: list[DamagedRow] = []
        for row in rows:
            values = {**_COLUMN_DEFAULTS, **dict(zip(columns, row))}
            try:
                attempts.append(_attempt_from(values))
            except _Unreadable as err:
                damaged.append(DamagedRow(values.get("id"), str(err)))
        return Reading(tuple(attempts), tuple(damaged))

    def _attempt_columns(self) -> list[str]:
        """The columns of `attempts` this tutor reads and the file has ([] before the first write)."""
        present = {r[1] for r in self._db.execute("PRAGMA table_info(attempts)")}
        if not present:
            return []
        missing = [c for c in _ATTEMPT_COLUMNS if c not in present and c not in _COLUMN_DEFAULTS]
        if missing:
            raise ProgressError(f"{self.path} is damaged: its attempts have no {', '.join(missing)}. "
                                "Move it away to start afresh; the file has not been changed.")
        return [c for c in _ATTEMPT_COLUMNS if c in present]

    def skills_seen(self) -> set[str]:
        """Every skill tag of any attempt (to tell a skill met before from a new one)."""
        seen: set[str] = set()
        with self._guard("read"):
            rows = self._db.execute("SELECT DISTINCT skills FROM attempts").fetchall()
        for (text,) in rows:
            try:
                tags = json.loads(text)
            except (TypeError, ValueError):
                continue  # a damaged row: `read` names it; here it only counts as not seen
            if isinstance(tags, list):
                seen.update(t for t in tags if isinstance(t, str))
        return seen

    def responses(self, set_id: str, *, limit: int = 500) -> list[str]:
        """The answers typed in a set, oldest first, without repeats (for input history)."""
        with self._guard("read"):
            if not self._attempt_columns():
                return []
            rows = self._db.execute(
                "SELECT response FROM attempts WHERE set_id = ? AND action = 'answer' "
                "GROUP BY response ORDER BY max(id) DESC LIMIT ?", (set_id, limit)).fetchall()
        return [r[0] for r in reversed(rows) if isinstance(r[0], str)]

    def close(self) -> None:
        """Close the database (every attempt is already committed)."""
        self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def _guarded(path: Path, doing: str) -> Iterator[None]:
    """Turn SQLite errors into a `ProgressError` that names the file and says what to do."""
    try:
        yield
    except sqlite3.DatabaseError as err:
        raise ProgressError(_explain(path, doing, err)) from err


def _explain(path: Path, doing: str, err: sqlite3.DatabaseError) -> str:
    text = str(err)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (f"{path} is damaged or is not a tutor progress database ({text}). Move it away to "
                "start afresh, or use another --data-dir; the file has not been changed.")
    if is_busy(err):
        return f"{path} is busy (another tutor is writing to it); try again in a moment."
    if "readonly" in text or "read-only" in text:
        return f"cannot write to {path}: the file or its folder is read-only."
    return f"cannot {doing} {path}: {text}"


def _statements(script: str) -> Iterable[str]:
    # one statement at a time: executescript() would commit on its own, outside our transaction
    return [s.strip() for s in script.split(";") if s.strip()]


# --- reading rows back, whatever has happened to them ---------------------------------------------

@frozen
class DamagedRow:
    """A stored attempt that cannot be read back (edited by hand, or damaged): skipped, and said so."""

    id: object
    reason: str


@frozen
class Reading:
    """The attempts read from a store, and the rows that had to be skipped."""

    attempts: tuple[Attempt, ...]
    damaged: tuple[DamagedRow, ...] = ()

    def damage_notice(self, path: Path) -> str:
        """What a learner is told about skipped rows ("" when there are none).

        >>> Reading((), (DamagedRow(3, "its action 'jump' is not known"),)).damage_notice(Path("p.db"))
        "1 damaged record in p.db was skipped (id 3: its action 'jump' is not known); the rest is shown."
        """
        if not self.damaged:
            return ""
        n = len(self.damaged)
        ids = ", ".join(str(d.id) for d in self.damaged[:5]) + (", …" if n > 5 else "")
        was = "was" if n == 1 else "were"
        return (f"{counted(n, 'damaged record')} in {path} {was} skipped ({'id' if n == 1 else 'ids'} "
                f"{ids}: {self.damaged[0].reason}); the rest is shown.")


# every column of `attempts` in the order `Attempt` takes them; columns that older schemas lack
# are read as their default
_ATTEMPT_COLUMNS = ("id", "run_id", "set_id", "course", "problem_id", "skills", "seed", "action",
                    "response", "status", "feedback", "notes", "hints_used", "elapsed_s", "created_at")
_COLUMN_DEFAULTS: dict[str, object] = {"notes": "[]"}  # added in schema v2


class _Unreadable(ValueError):
    """A row whose values are not what this tutor wrote."""


def _attempt_from(v: dict[str, object]) -> Attempt:
    action = v["action"]
    _require(action in set(Action), f"its action {str(action)[:20]!r} is not known")
    return Attempt(_int(v, "run_id"), _text(v, "set_id"), _text(v, "course"), _text(v, "problem_id"),
                   _texts(v, "skills"), _int(v, "seed"), Action(str(action)), _text(v, "response"),
                   _text(v, "status"), _text(v, "feedback"), _texts(v, "notes"), _int(v, "hints_used"),
                   _real(v, "elapsed_s"), _real(v, "created_at"), _int(v, "id"))


def _text(v: dict[str, object], name: str) -> str:
    value = v[name]
    if not isinstance(value, str):
        raise _Unreadable(f"its {name} is not text")
    return value


def _int(v: dict[str, object], name: str) -> int:
    value = v[name]
    if not isinstance(value, int):
        raise _Unreadable(f"its {name} is not a whole number")
    return value


def _real(v: dict[str, object], name: str) -> float:
    value = v[name]
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _Unreadable(f"its {name} is not a number")
    return float(value)


def _texts(v: dict[str, object], name: str) -> tuple[str, ...]:
    """A JSON list of texts (skills, note codes)."""
    raw = v[name]
    try:
        items = json.loads(raw) if isinstance(raw, (str, bytes)) else None
    except (ValueError, RecursionError):
        items = None
    _require(isinstance(items, list) and all(isinstance(i, str) for i in items),
             f"its {name} are not a list of names")
    return tuple(items or ())


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise _Unreadable(reason)


def _inserted(cursor: sqlite3.Cursor) -> int:
    """The id of the row `cursor` has just inserted (typed optional: None only before an INSERT)."""
    if cursor.lastrowid is None:
        raise ProgressError("the progress database gave no id for the row just written")
    return cursor.lastrowid
