"""Killable worker processes for the slow path, so a check keeps its time budget from any thread.

SymPy work (a symbolic proof, solving an equation) can take unbounded time on hostile input,
and neither `signal.alarm` (main thread only) nor threads can stop it. So it runs in a worker
process (``python -m tutor.checker.worker``): the caller waits at most until its deadline, and
a worker that overruns is killed and a fresh one started in the background.

Workers are plain subprocesses talking pickled frames over their stdin and stdout, not
`multiprocessing` ones: those re-import the caller's main script in every child, which a
library must not do to its users. A worker takes about a second to start (importing SymPy);
`warm_up` starts one early. Only small results (booleans, short strings, tuples of them) come
back, because unpickling a SymPy expression can evaluate it.

>>> run_task("ping", (), deadline=time.monotonic() + 30)
('ok', 'pong')
"""
from __future__ import annotations

import atexit
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

_MAX_WORKERS = 2           # the machine has two cores; more would only queue
_MEMORY_LIMIT = 2 << 30    # bytes of address space a worker may use
_HEADER = struct.Struct(">I")


def _write_frame(stream: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_frame(stream: BinaryIO) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def _serve() -> None:  # pragma: no cover - runs in the worker process
    """The worker's loop: read (task, args), run it, write ("ok", result) or ("error", text)."""
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_LIMIT, _MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # stray prints must not corrupt the frames
    from tutor.checker.symbolic import TASKS

    while True:
        try:
            name, args = _read_frame(sys.stdin.buffer)
        except EOFError:
            return
        except Exception as err:  # an argument that cannot be rebuilt
            _write_frame(out, ("error", f"{type(err).__name__}: {err}"))
            continue
        try:
            result: tuple[str, Any] = ("ok", TASKS[name](*args))
        except MemoryError:
            result = ("error", "out of memory")
        except Exception as err:
            result = ("error", f"{type(err).__name__}: {err}")
        try:
            _write_frame(out, result)
        except Exception as err:
            _write_frame(out, ("error", f"result could not be sent: {err}"))


class _Worker:
    """One worker process and a thread that reads its answers into a queue."""

    def __init__(self) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tutor.checker.worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True, name="tutor-check-reader").start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            try:
                self.answers.put(_read_frame(stream))
            except Exception:
                self.answers.put(None)
                return

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, name: str, args: tuple, deadline: float) -> tuple[str, Any] | None:
        _write_frame(self.process.stdin, (name, args))
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            return self.answers.get(timeout=left)
        except queue.Empty:
            return None

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(0.5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class _Pool:
    """A few workers shared by all threads; each call has one worker to itself."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._starting = 0
        self._busy = 0
        self.broken: str | None = None

    def warm_up(self) -> None:
        with self._lock:
            if not (self._idle or self._starting or self.broken):
                self._start_locked()

    def _start_locked(self) -> None:
        self._starting += 1
        threading.Thread(target=self._start, daemon=True, name="tutor-check-start").start()

    def _start(self) -> None:
        worker = None
        try:
            worker = _Worker()
            ready = worker.call("ping", (), time.monotonic() + 60)
            if ready != ("ok", "pong"):
                worker.kill()
                worker = None
                self.broken = "the worker process did not start"
        except Exception as err:  # no processes here (a sandbox): the slow path is off
            self.broken = f"{type(err).__name__}: {err}"
        with self._lock:
            self._starting -= 1
            if worker is not None:
                self._idle.append(worker)
            self._lock.notify_all()

    def acquire(self, deadline: float) -> _Worker | None:
        with self._lock:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        self._busy += 1
                        return worker
                    worker.kill()
                if self.broken:
                    return None
                if not self._starting and self._busy < _MAX_WORKERS:
                    self._start_locked()
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._lock.wait(left)

    def release(self, worker: _Worker, healthy: bool) -> None:
        if not healthy:
            worker.kill()
        with self._lock:
            self._busy -= 1
            if healthy:
                self._idle.append(worker)
            elif not self._idle and not self._starting:
                self._start_locked()   # a replacement, ready for the next slow check
            self._lock.notify_all()

    def shutdown(self) -> None:
        with self._lock:
            workers, self._idle = self._idle, []
        for worker in workers:
            worker.kill()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


def warm_up() -> None:
    """Start a worker process in the background, so that the first slow check does not wait
    for it. Optional: graders and the REPL may call it at start-up.

    >>> warm_up()
    """
    _POOL.warm_up()


def run_task(name: str, args: tuple, deadline: float) -> tuple[str, Any] | None:
    """Run `symbolic.TASKS[name](*args)` in a worker; None if the deadline (a
    `time.monotonic()` value) passes first, in which case the worker is killed.

    >>> run_task("ping", (), time.monotonic() + 30)
    ('ok', 'pong')
    """
    worker = _POOL.acquire(deadline)
    if worker is None:
        return None
    answer = None
    try:
        answer = worker.call(name, args, deadline)
        return answer
    except (OSError, ValueError, TypeError, AttributeError, RecursionError, pickle.PicklingError):
        return None
    finally:
        _POOL.release(worker, answer is not None)


if __name__ == "__main__":  # pragma: no cover
    _serve()
