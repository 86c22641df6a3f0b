"""The progress database's file on disk: private, never reached through a link, read-only when only read.

A learner's answers are theirs: the folder is made 0700 and the database 0600 (SQLite gives its
``-wal`` and ``-shm`` files the database's mode). A database that is a symbolic link is refused,
and the file SQLite opens is checked to be the one we checked. Busy databases are retried: many
`tutor` processes may open the same fresh file at once.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp()) / "tutor"
>>> make_private_folder(folder)
>>> oct(folder.stat().st_mode & 0o777)
'0o700'
"""
from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tutor.errors import ProgressError

T = TypeVar("T")

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # absent on Windows, where the lstat check stands alone


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) if missing; the folder itself is made 0700.

    An existing folder is left as it is: it may be one the learner chose and shares on purpose;
    the database inside it is private either way.
    """
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is masked by the umask; 0700 is what we mean
    except OSError as err:
        raise ProgressError(f"cannot create the progress folder {folder}: {err.strerror}") from err


def refuse_link(path: Path) -> None:
    """Raise `ProgressError` when `path` is a symbolic link (a progress file is never followed).

    >>> import tempfile
    >>> refuse_link(Path(tempfile.mkdtemp()) / "absent")
    """
    if path.is_symlink():
        raise ProgressError(
            f"{path} is a symbolic link; tutor keeps progress only in a real file. Replace the link "
            "with the file itself, or use another --data-dir; nothing has been changed.")


def open_private(path: Path, *, timeout: float) -> sqlite3.Connection:
    """Connect to the database at `path` for reading and writing, creating it 0600 if missing.

    The file is created (or opened) by us without following a link, made 0600 when we own it,
    and SQLite's connection is then checked to have opened that very file.
    """
    refuse_link(path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    except OSError as err:
        if path.is_symlink():
            refuse_link(path)
        raise ProgressError(f"cannot open {path}: {err.strerror}") from err
    try:
        _make_private(fd)
        connection = _connect(str(path), timeout=timeout)
        _same_file(path, os.fstat(fd), connection)
        return connection
    finally:
        os.close(fd)


def open_read_only(path: Path, *, timeout: float) -> sqlite3.Connection:
    """Connect to the existing database at `path` without ever writing to it.

    On a read-only disk SQLite cannot make the WAL index a reader needs, so the file is then
    opened as immutable: a snapshot, which is all a report needs.
    """
    refuse_link(path)
    before = _stat(path)
    uri = Path(os.path.abspath(path)).as_uri()
    try:
        connection = _connect(f"{uri}?mode=ro", timeout=timeout, uri=True)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        connection = _connect(f"{uri}?immutable=1", timeout=timeout, uri=True)
    _same_file(path, before, connection)
    connection.execute("PRAGMA query_only=ON")
    return connection


def retry_busy(action: Callable[[], T], *, timeout: float) -> T:
    """Run `action`, again while SQLite says the database is busy or locked, for up to `timeout` s.

    SQLite's own busy handler does not cover every case: switching to WAL, and a reader meeting a
    writer that is creating the schema, fail at once with "database is locked".

    >>> retry_busy(lambda: 42, timeout=1.0)
    42
    """
    deadline = time.monotonic() + timeout
    pause = 0.002
    while True:
        try:
            return action()
        except sqlite3.OperationalError as err:
            if not is_busy(err) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def is_busy(err: sqlite3.Error) -> bool:
    """Whether an SQLite error means another connection holds a lock (worth waiting for).

    >>> is_busy(sqlite3.OperationalError("database is locked")), is_busy(sqlite3.OperationalError("no such table"))
    (True, False)
    """
    text = str(err)
    return "locked" in text or "busy" in text


def _connect(target: str, *, timeout: float, uri: bool = False) -> sqlite3.Connection:
    try:
        # isolation_level=None: no implicit transactions; the store opens each one by hand
        return sqlite3.connect(target, timeout=timeout, isolation_level=None, uri=uri)
    except sqlite3.Error as err:
        raise ProgressError(f"cannot open {target}: {err}") from err


def _make_private(fd: int) -> None:
    """0600 for a file we own (an older tutor made it 0644); another owner's file is theirs."""
    info = os.fstat(fd)
    if not hasattr(os, "fchmod") or not hasattr(os, "getuid") or info.st_uid != os.getuid():
        return
    if stat.S_IMODE(info.st_mode) & ~FILE_MODE:
        try:
            os.fchmod(fd, FILE_MODE)
        except OSError:
            pass  # a read-only file system: the mode is as private as it was, reading goes on


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as err:
        raise ProgressError(f"cannot open {path}: {err.strerror}") from err


def _same_file(path: Path, expected: os.stat_result, connection: sqlite3.Connection) -> None:
    """Refuse when the path was swapped (for a link, or another file) between our check and SQLite's open."""
    try:
        now = os.lstat(path)
    except OSError:
        now = None
    if now is None or stat.S_ISLNK(now.st_mode) or (now.st_dev, now.st_ino) != (expected.st_dev, expected.st_ino):
        connection.close()
        refuse_link(path)
        raise ProgressError(f"{path} changed while it was being opened; try again.")
