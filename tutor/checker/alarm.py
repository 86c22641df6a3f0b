"""Deadlines inside a worker process: a task that runs past its time is interrupted.

A worker runs one task at a time on its main thread, so a real-time interval timer can
interrupt pure-Python SymPy work at the deadline by raising `Expired` (a `BaseException`, so
that no ``except Exception`` in SymPy or the checker swallows it). The worker survives and
answers "time is up" instead of being killed and replaced (a second of start-up). Work stuck
in C code does not see the signal; the parent kills the process at its deadline anyway.

Deadlines nest: a whole check run in a worker has one, and the symbolic proof it asks for
has its own, never later. Where there is no interval timer (Windows) or off the main
thread, `limit` only records the deadline and the parent's kill is the only limit.

>>> import time
>>> try:
...     with limit(time.monotonic() + 0.05):
...         while True:
...             pass
... except Expired:
...     print("interrupted")
interrupted
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

_current: float | None = None   # the innermost deadline in force (time.monotonic())

# True in a worker process: the slow path then runs right there, under the task's deadline
IN_WORKER = False


class Expired(BaseException):
    """The deadline of the running task has passed."""


# once the deadline has passed, the alarm repeats this often until the `limit` is left: an
# `Expired` raised while Python runs a finalizer (a `__del__` during garbage collection) is
# printed and swallowed there, and a one-shot timer would then never interrupt the work again
REPEAT = 0.05


def _on_alarm(signum: int, frame: Any) -> None:
    if _current is not None and time.monotonic() >= _current:
        raise Expired
    # a late alarm after the limit was left, or an early one: nothing to interrupt


def _armable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _arm(deadline: float | None) -> None:
    if deadline is not None:
        signal.setitimer(signal.ITIMER_REAL, max(1e-4, deadline - time.monotonic()), REPEAT)
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def limit(deadline: float) -> Iterator[None]:
    """Raise `Expired` in the body once `deadline` (a `time.monotonic()` value) passes; an
    enclosing deadline that comes first still wins. The outermost `limit` puts back whatever
    SIGALRM handler and timer were there before (a test runner's own time-out, say).

    >>> with limit(time.monotonic() + 10):
    ...     remaining() > 5
    True
    """
    global _current
    if not _armable():
        yield
        return
    outer = _current
    saved = _save() if outer is None else None
    _current = deadline if outer is None else min(deadline, outer)
    signal.signal(signal.SIGALRM, _on_alarm)
    _arm(_current)
    try:
        yield
    finally:
        _leave(outer, saved)


def _leave(outer: float | None, saved: tuple[Any, float, float] | None) -> None:
    """Put back the enclosing deadline (or what was there before); a repeating alarm that fires
    while this runs interrupts it, so it is done again until it completes."""
    global _current
    while True:
        try:
            _current = outer
            if saved is None:
                _arm(outer)
            else:
                _restore(*saved)
            return
        except Expired:
            continue


def _save() -> tuple[Any, float, float]:
    handler = signal.getsignal(signal.SIGALRM)
    delay, _ = signal.getitimer(signal.ITIMER_REAL)
    return handler, delay, time.monotonic()


def _restore(handler: Any, delay: float, since: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, handler if handler is not None else signal.SIG_DFL)
    if delay > 0:
        signal.setitimer(signal.ITIMER_REAL, max(1e-4, delay - (time.monotonic() - since)))


def remaining() -> float:
    """Seconds left before the innermost deadline (infinite outside any `limit`).

    >>> remaining()
    inf
    """
    return float("inf") if _current is None else _current - time.monotonic()
