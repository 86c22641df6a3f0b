"""The deadline a check keeps in the caller's own thread.

The slow path of a check (`tutor.checker`) runs in a worker process that is killed at its deadline; the fast
path (compiling the expressions, probing them, diagnosing a wrong answer) runs in the
caller's thread, where no signal can interrupt it. Every loop of that path whose length
depends on the input asks `tick()` as it goes: once the deadline of the check running in
this thread has passed, `tick()` raises `OutOfTime`, and the check reports `undetermined`
with note TIMEOUT. A single SymPy call between two ticks is kept short by the size guards
(`tutor.checker.guards`), so a check overruns its budget by one short step at most.

Deadlines are per thread (16 threads checking at once each keep their own) and nest: an
inner deadline never outlives the one around it.

>>> import time
>>> with keep(time.monotonic() - 1):
...     try:
...         tick()
...     except OutOfTime:
...         print("out of time")
out of time
>>> tick()          # no deadline in force: nothing happens
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

_local = threading.local()


class OutOfTime(BaseException):
    """The deadline of the check running in this thread has passed.

    A `BaseException`, so that no ``except Exception`` on the way (ours or SymPy's) swallows it.
    """


@contextmanager
def keep(deadline: float) -> Iterator[None]:
    """Make `tick()` raise `OutOfTime` in this thread once `deadline` (a `time.monotonic()`
    value) has passed; an enclosing deadline that comes first still holds.

    >>> with keep(time.monotonic() + 60):
    ...     with keep(time.monotonic() + 3600):
    ...         remaining() < 61
    True
    """
    outer = getattr(_local, "deadline", None)
    _local.deadline = deadline if outer is None else min(deadline, outer)
    try:
        yield
    finally:
        _local.deadline = outer


def tick() -> None:
    """Raise `OutOfTime` if this thread's deadline has passed (cheap: call it in loops)."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise OutOfTime


def remaining() -> float:
    """Seconds left before this thread's deadline (infinite when none is in force).

    >>> remaining()
    inf
    """
    deadline = getattr(_local, "deadline", None)
    return float("inf") if deadline is None else deadline - time.monotonic()
