"""The worker process: runs one task at a time for `tutor.checker.pool`, within limits, and
never outlives the program that started it.

A worker is started as ``python -I -c <boot> <import path…> <parent pid>`` (see
`pool.worker_command`): isolated mode ignores ``PYTHON*`` variables and never puts the working
folder on the import path, so nothing lying in a course folder is imported. It then

- dies with its parent: on Linux it asks the kernel for SIGKILL when its parent goes
  (``PR_SET_PDEATHSIG``); everywhere, a watchdog thread exits when its stdin closes (the parent
  died or let it go) or its parent process id changes;
- limits itself: address space (`MEMORY_LIMIT`), no core files, and before each task a CPU-time
  limit of the task's seconds plus a little, so that even work stuck in C code after the
  parent is gone stops on its own (where the platform has `resource`);
- interrupts a task at its deadline when it can (`alarm`), answering ``("expired",)`` and
  living on; the parent kills it if it cannot.

Frames in: ``(task name, args, seconds)``; frames out: ``("ready",)`` once, then for each task
``("ok", result)``, ``("error", text)`` or ``("expired",)``. Results are plain data, because
unpickling a SymPy expression can evaluate it.

>>> run_one({"ping": lambda: "pong"}, "ping", (), 5.0)
('ok', 'pong')
>>> run_one({}, "nope", (), 5.0)
('error', "KeyError: 'nope'")
"""
from __future__ import annotations

import os
import queue
import sys
import threading
import time
from typing import Any, BinaryIO, Callable

from tutor.checker import alarm
from tutor.checker.frames import read_frame, write_frame

MEMORY_LIMIT = 2 << 30     # bytes of address space a worker may use
_CPU_SPARE = 2             # CPU seconds a task may use beyond its own time, before the kernel stops it
_WATCH_EVERY = 0.5         # seconds between looks at the parent
_EARLY = 0.05              # seconds before its deadline a task is interrupted


def run_one(tasks: dict[str, Callable[..., Any]], name: str, args: tuple, seconds: float) -> tuple:
    """Run one task for at most `seconds` (interrupted at the deadline where possible).

    >>> run_one({"spin": lambda: [0 for _ in iter(int, 1)]}, "spin", (), 0.05)
    ('expired',)
    """
    try:   # stop a little early, so the answer reaches the parent before it gives up on us
        with alarm.limit(time.monotonic() + seconds - min(_EARLY, seconds / 10)):
            return ("ok", tasks[name](*args))
    except alarm.Expired:
        return ("expired",)
    except MemoryError:
        return ("error", "out of memory")
    except Exception as err:
        return ("error", f"{type(err).__name__}: {err}")


def _serve(parent: int) -> None:  # pragma: no cover - runs in the worker process
    """The worker's life: set up, say ready, then answer tasks until the parent goes."""
    _die_with_parent(parent)
    _limit_memory()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr   # stray prints must not corrupt the frames
    alarm.IN_WORKER = True
    tasks = _tasks()
    inbox: queue.Queue = queue.Queue()
    threading.Thread(target=_read_tasks, args=(sys.stdin.buffer, inbox), daemon=True,
                     name="tutor-worker-inbox").start()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="tutor-worker-watch").start()
    write_frame(out, ("ready",))
    while True:
        frame = inbox.get()
        if len(frame) == 3:
            _limit_cpu(frame[2])
        answer = run_one(tasks, *frame) if len(frame) == 3 else frame
        try:
            write_frame(out, answer)
        except (OSError, ValueError):
            os._exit(0)
        except Exception as err:
            write_frame(out, ("error", f"result could not be sent: {err}"))


def hold(seconds: float) -> str:
    """A task that ignores its deadline (it blocks the alarm) so that only a kill stops it: it
    exercises the kill, as stuck C code would.

    >>> hold(0.01)
    'held'
    """
    import signal

    blocking = hasattr(signal, "pthread_sigmask") and hasattr(signal, "SIGALRM")
    if blocking:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        time.sleep(seconds)
    finally:
        if blocking:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    return "held"


def _tasks() -> dict[str, Callable[..., Any]]:
    from tutor.checker.batch import TASKS as BATCH_TASKS
    from tutor.checker.symbolic import TASKS

    return {**TASKS, **BATCH_TASKS, "hold": hold}


def _read_tasks(stream: BinaryIO, inbox: queue.Queue) -> None:  # pragma: no cover - in the worker
    """Read frames into the inbox; the end of stdin means the parent is gone: exit at once."""
    while True:
        try:
            name, args, seconds = read_frame(stream)
        except (EOFError, OSError, ValueError):
            os._exit(0)
        except Exception as err:   # an argument that cannot be rebuilt here
            inbox.put(("error", f"{type(err).__name__}: {err}"))
            continue
        inbox.put((name, args, seconds))


def _watch_parent(parent: int) -> None:  # pragma: no cover - in the worker
    while True:
        time.sleep(_WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(0)


def _die_with_parent(parent: int) -> None:  # pragma: no cover - in the worker
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)   # PR_SET_PDEATHSIG
        except (OSError, AttributeError, TypeError):
            pass
    if os.getppid() != parent:   # the parent went before we asked
        os._exit(0)


def _limit_memory() -> None:  # pragma: no cover - in the worker
    try:
        import resource
    except ImportError:   # not on this platform (Windows)
        return
    for limit, value in ((resource.RLIMIT_AS, MEMORY_LIMIT), (resource.RLIMIT_CORE, 0)):
        try:
            _, hard = resource.getrlimit(limit)
            soft = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(limit, (soft, hard))
        except (ValueError, OSError):
            pass


def _limit_cpu(seconds: float) -> None:  # pragma: no cover - in the worker
    """Let the kernel stop this process once the task has used `seconds` (+ a little) of CPU."""
    try:
        import resource
    except ImportError:
        return
    try:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = usage.ru_utime + usage.ru_stime
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(used + min(seconds, 3600.0)) + _CPU_SPARE
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass
