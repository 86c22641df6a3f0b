"""One pool of killable worker processes for the whole program, so every check keeps its time
budget from any thread and hostile work never runs in the caller's process unbounded.

SymPy work can take unbounded time on hostile input, and neither `signal.alarm` (main thread
only) nor threads can stop it. So it runs in a worker process: the caller waits at most until
its deadline, and a worker that overruns is killed and replaced. Single checks send only their
slow path here (a symbolic proof, a solution set); `check_many` sends whole checks.

Workers are plain subprocesses, not `multiprocessing` ones (those re-import the caller's main
script in every child, which a library must not do to its users), started isolated from the
working folder (``python -I``, a safe folder as their current directory, the parent's own
import path passed explicitly, the working folder left out), so a ``sympy.py`` or
``queue.py`` lying in a course folder never runs. A worker dies with its parent (see
`tutor.checker.worker`), every worker, busy or not, is killed at interpreter exit, and a
replacement starts as soon as one is killed.

Fairness: a free worker goes to the waiting task with the earliest deadline (a batch item,
whose clock starts only once it runs, waits behind interactive checks); each task has a worker
to itself until its own deadline and no longer; and while every worker is held by a task that
has run past a short slice (most likely a hostile one) and others wait, the pool lets a few
more processes run than its size, so the operating system shares the cores between the long
tasks and the short ones instead of queueing the short ones behind them.

The pool has one size for the program: `TUTOR_WORKERS`, or `configure(workers=N)` (which
`check_many(workers=N)` and the command-line ``--workers`` flags call), or else the number of
cores the process may use (at least 2).

>>> run_task("ping", (), time.monotonic() + 30)
('ok', 'pong')
"""
from __future__ import annotations

import atexit
import heapq
import itertools
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

from tutor.checker import alarm
from tutor.checker.frames import read_frame, write_frame
from tutor.errors import CheckError

_MAX_WORKERS = 64          # a ceiling on any requested size
_START_TIMEOUT = 60.0      # seconds a worker may take to import SymPy before it counts as broken
_SLICE = 1.0               # seconds after which a running task counts as long (ordinary ones take less)
_EXTRA = 2                 # processes beyond the size, for tasks waiting behind long ones
_GRACE = 0.1               # at most this share of a task's time (and 0.1 s) to answer after it
_POLL = 0.05               # seconds between looks at the pool while a task waits for a worker
_LONGEST = 86400.0         # no task runs longer than a day, whatever it asks

ROOT = str(Path(__file__).resolve().parents[2])   # the folder holding the `tutor` package
_BOOT = ("import sys; sys.path[:0] = sys.argv[1:-1]; "
         "from tutor.checker.worker import _serve; _serve(int(sys.argv[-1]))")


def machine_workers() -> int:
    """The default pool size: the cores this process may run on, at least 2 (so one stuck
    task never holds the only worker).

    >>> machine_workers() >= 2
    True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(2, min(cores, _MAX_WORKERS))


def workers_from_env(environ: Any = os.environ) -> int | None:
    """`TUTOR_WORKERS` as a pool size (None when unset or empty).

    >>> workers_from_env({"TUTOR_WORKERS": "3"}), workers_from_env({})
    (3, None)
    >>> workers_from_env({"TUTOR_WORKERS": "many"})
    Traceback (most recent call last):
    ...
    tutor.errors.CheckError: TUTOR_WORKERS must be a whole number of worker processes from 1 to 64 (got 'many').
    """
    text = environ.get("TUTOR_WORKERS", "").strip()
    return _size(text, "TUTOR_WORKERS") if text else None


def _size(value: Any, name: str) -> int:
    try:
        size = int(value)
        ok = not isinstance(value, (bool, float)) and 1 <= size <= _MAX_WORKERS
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise CheckError(f"{name} must be a whole number of worker processes from 1 to {_MAX_WORKERS} "
                         f"(got {value!r}).")
    return size


def worker_command(parent: int | None = None) -> list[str]:
    """How a worker is started: isolated mode, the parent's import path minus the working
    folder (with the folder of this very `tutor` first), and the parent's process id.

    >>> cmd = worker_command(123)
    >>> cmd[1:3], cmd[-1], ROOT in cmd, "" in cmd
    (['-I', '-c'], '123', True, False)
    """
    return [sys.executable, "-I", "-c", _BOOT, *_import_path(), str(parent or os.getpid())]


def _import_path() -> list[str]:
    here = os.path.realpath(os.getcwd())
    path = [ROOT]
    for entry in sys.path:
        if not entry or not os.path.isabs(entry) or entry in path:
            continue
        if os.path.realpath(entry) == here and entry != ROOT:
            continue   # the working folder: what lies there must never be imported
        path.append(entry)
    return path


def _safe_folder() -> str:
    return ROOT if os.path.isdir(ROOT) else os.path.abspath(os.sep)


class _Worker:
    """One worker process and a thread that reads its answers into a queue."""

    def __init__(self, on_ready: Callable[[_Worker, bool], None]) -> None:
        self.process = subprocess.Popen(
            worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=_safe_folder(), close_fds=True)
        self.answers: queue.Queue = queue.Queue()
        self.task_started = 0.0
        self.fds = tuple(s.fileno() for s in (self.process.stdin, self.process.stdout) if s is not None)
        self._on_ready = on_ready
        threading.Thread(target=self._read, daemon=True, name="tutor-worker-reader").start()

    def _read(self) -> None:
        stream = self.process.stdout
        try:
            ready = read_frame(stream) == ("ready",)
        except Exception:
            ready = False
        self._on_ready(self, ready)
        while ready:
            try:
                self.answers.put(read_frame(stream))
            except Exception:
                break
        self.answers.put(None)

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, name: str, args: tuple, seconds: float) -> tuple[str, Any] | tuple[str] | None:
        """Run a task for at most `seconds`: its answer, ``("expired",)`` when the worker
        stopped it in time, or None when no answer came (then it must be killed)."""
        self.task_started = time.monotonic()
        seconds = max(0.0, seconds)
        write_frame(self.process.stdin, (name, args, seconds))
        try:
            return self.answers.get(timeout=seconds + min(_GRACE, seconds * _GRACE))
        except queue.Empty:
            return None

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(1.0)
        except (OSError, subprocess.TimeoutExpired):
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


class _Spawner:
    """The one long-lived thread that starts every worker. On Linux a worker asks to be killed
    when the thread that started it ends (``PR_SET_PDEATHSIG`` follows threads, not processes),
    so workers are never started from short-lived threads."""

    def __init__(self) -> None:
        self._requests: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self, make: Callable[[], None]) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True, name="tutor-worker-spawner")
                self._thread.start()
        self._requests.put(make)

    def _run(self) -> None:
        while True:
            self._requests.get()()


class Pool:
    """Worker processes shared by every thread; each task has one to itself until its
    deadline. Use the module's `run_task`, `submit`, `configure`; tests may make their own.

    >>> p = Pool(workers=1)
    >>> p.submit("ping", (), seconds=30)
    ('ok', 'pong')
    >>> p.shutdown()
    """

    def __init__(self, workers: int | None = None) -> None:
        self._size = workers
        self._start_afresh()

    def _start_afresh(self) -> None:
        """No worker and no task yet, as a new pool (after `forget`, the parent's are not ours)."""
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self._waiting: list[tuple[float, int, _Ticket]] = []   # a heap: earliest deadline first
        self._order = itertools.count()
        self._spawner = _Spawner()
        self._closed = False
        self.broken: str | None = None
        self.restarts = 0
        self.start_seconds = 1.5   # how long a worker takes to start here (a running average)

    # -- size ---------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        """The number of tasks that run at once (a few more only while long ones hold them all)."""
        if self._size is None:
            self._size = workers_from_env() or machine_workers()
        return self._size

    def configure(self, workers: int | None) -> int:
        """Set the size (None: `TUTOR_WORKERS` or the machine's default); the new size."""
        size = _size(workers, "workers") if workers is not None else workers_from_env() or machine_workers()
        with self._lock:
            self._size = size
            surplus = self._idle[size:]
            del self._idle[size:]
            self._fill_locked()
        for worker in surplus:
            worker.kill()
        return size

    def warm_up(self, count: int = 1) -> None:
        """Start workers in the background until `count` are idle or starting."""
        with self._lock:
            while not self.broken and len(self._idle) + self._starting < min(count, self.size):
                self._start_locked()

    def pids(self) -> list[int]:
        """The process ids of the live workers (for tests and benchmarks)."""
        with self._lock:
            return [w.pid for w in [*self._idle, *self._busy] if w.alive()]

    # -- starting -----------------------------------------------------------------------------
    def _start_locked(self) -> None:
        if self._closed:
            return
        self._starting += 1
        self._spawner.start(self._spawn)

    def _spawn(self) -> None:
        asked = time.monotonic()
        try:
            _Worker(lambda worker, ok: self._ready(worker, ok, started=time.monotonic() - asked))
        except Exception as err:   # no processes here (a sandbox): the slow path is off
            self._ready(None, False, f"{type(err).__name__}: {err}")

    def _ready(self, worker: _Worker | None, ok: bool, why: str = "the worker process did not start",
               started: float | None = None) -> None:
        if worker is not None and not ok:
            worker.kill()
        with self._lock:
            self._starting -= 1
            if ok and started is not None:
                self.start_seconds = 0.7 * self.start_seconds + 0.3 * started
            if not ok:
                self.broken = why
                self._wake_all_locked()
                return
            assert worker is not None
            if self._closed:
                worker.kill()
                return
            self._idle.append(worker)
            self._dispatch_locked()

    def _limit_locked(self) -> int:
        """How many tasks may run now: the size, plus one for each long task (up to a few) when
        a waiting task can still use a worker started now."""
        now = time.monotonic()
        long = sum(1 for w in self._busy if now - w.task_started > _SLICE)
        if not long or not any(d > now + self.start_seconds for d, _, t in self._waiting if not t.cancelled):
            long = min(long, len(self._idle))   # only workers already warm may help
        return self.size + min(_EXTRA, long)

    def _fill_locked(self) -> None:
        """Start workers for the waiting tasks and one spare, within the limit."""
        if self.broken:
            return
        alive = len(self._idle) + len(self._busy) + self._starting
        wanted = len(self._waiting) + 1 - len(self._idle) - self._starting
        for _ in range(max(0, min(self._limit_locked() - alive, wanted))):
            self._start_locked()

    # -- handing out workers ------------------------------------------------------------------
    def _acquire(self, deadline: float) -> _Worker | None:
        ticket = _Ticket()
        with self._lock:
            if self.broken or self._closed:
                return None
            heapq.heappush(self._waiting, (deadline, next(self._order), ticket))
            self._dispatch_locked()
            self._fill_locked()
        while not ticket.event.wait(min(max(deadline - time.monotonic(), 0.0), _POLL)):
            with self._lock:
                if ticket.worker is not None:
                    break
                if self.broken or self._closed or deadline <= time.monotonic():
                    ticket.cancelled = True
                    return None
                self._dispatch_locked()   # a task may have become long: room for one more
                self._fill_locked()
        return ticket.worker

    def _dispatch_locked(self) -> None:
        while self._waiting and self._idle and len(self._busy) < self._limit_locked():
            _, _, ticket = heapq.heappop(self._waiting)
            if ticket.cancelled:
                continue
            worker = self._idle.pop()
            if not worker.alive():
                worker.kill()
                heapq.heappush(self._waiting, (0.0, next(self._order), ticket))
                self._start_locked()
                continue
            self._busy.add(worker)
            ticket.worker = worker
            ticket.event.set()
        self._waiting = [w for w in self._waiting if not w[2].cancelled]
        heapq.heapify(self._waiting)

    def _wake_all_locked(self) -> None:
        for _, _, ticket in self._waiting:
            ticket.event.set()
        self._waiting = []

    def _release(self, worker: _Worker, healthy: bool) -> None:
        keep = healthy and worker.alive()
        if not keep:
            worker.kill()
        with self._lock:
            self._busy.discard(worker)
            surplus = len(self._idle) + len(self._busy) >= self.size + _EXTRA
            if keep and not (self._closed or surplus):
                self._idle.append(worker)
            elif keep:
                worker.kill()
            else:
                self.restarts += 1
            self._dispatch_locked()
            self._fill_locked()   # a replacement, ready ahead of the next task

    # -- running tasks ------------------------------------------------------------------------
    def submit(self, name: str, args: tuple, *, deadline: float | None = None,
               seconds: float | None = None, ran: list[float] | None = None) -> tuple[str, Any] | None:
        """Run `worker.TASKS[name](*args)` in a worker: ("ok", result) or ("error", text), or
        None when the time ran out first (the worker is then killed or interrupted).

        `deadline` (a `time.monotonic()` value) bounds waiting and running together, as a
        single check needs; `seconds` bounds only the running, counted from when a worker
        takes the task, as a batch item needs. With both, the earlier end wins. `ran`, if
        given, receives the seconds the task ran (waiting for a worker left out).
        """
        wait_until = deadline if deadline is not None else float("inf")
        worker = self._acquire(wait_until)
        if worker is None:
            return None
        start = time.monotonic()
        run_for = min(seconds if seconds is not None else _START_TIMEOUT, wait_until - start, _LONGEST)
        answer: tuple[str, Any] | tuple[str] | None = None
        try:
            answer = worker.call(name, args, run_for)
        except (OSError, ValueError, TypeError, AttributeError, RecursionError, EOFError):
            pass
        except Exception as err:   # an argument that cannot be pickled
            answer = ("error", f"{type(err).__name__}: {err}")
        finally:
            if ran is not None:
                ran.append(time.monotonic() - start)
            self._release(worker, answer is not None)
        if answer is None or len(answer) == 1:      # none came, or ("expired",)
            return None
        return answer

    def forget(self) -> None:
        """In a child forked from this process: let go of the parent's workers (closing our
        copies of their pipes, so they still see the parent go) and start afresh."""
        workers = [*self._idle, *self._busy]
        for worker in workers:
            # raw descriptors: a reader thread of the parent may have held the file's lock at the
            # fork, and closing the file object would wait for it forever
            for fd in worker.fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
        _FORGOTTEN.extend(workers)   # never collected, so their files never close those numbers again
        self._start_afresh()

    def shutdown(self) -> None:
        """Kill every worker, busy ones too (at interpreter exit, nothing may outlive us)."""
        with self._lock:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle, self._busy = [], set()
            self._wake_all_locked()
        for worker in workers:
            worker.kill()


class _Ticket:
    __slots__ = ("event", "worker", "cancelled")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.worker: _Worker | None = None
        self.cancelled = False

    def __lt__(self, other: _Ticket) -> bool:   # never reached: the heap's keys are unique
        return False


_FORGOTTEN: list[_Worker] = []
POOL = Pool()
atexit.register(POOL.shutdown)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=POOL.forget)


def configure(workers: int | None = None) -> int:
    """Size the program's one pool: `workers` processes, or None for `TUTOR_WORKERS` or the
    machine's default. Returns the size now in force.

    >>> configure(None) == (workers_from_env() or machine_workers())
    True
    """
    return POOL.configure(workers)


def warm_up() -> None:
    """Start a worker process in the background, so that the first slow check does not wait
    for it. Optional: graders and the REPL may call it at start-up.

    >>> warm_up()
    """
    POOL.warm_up()


def run_task(name: str, args: tuple, deadline: float) -> tuple[str, Any] | None:
    """Run `symbolic.TASKS[name](*args)` in a worker; None if the deadline (a
    `time.monotonic()` value) passes first, in which case the worker is killed. Inside a
    worker (a whole check sent there by `check_many`) the task runs right there, under the
    same deadline.

    >>> run_task("ping", (), time.monotonic() + 30)
    ('ok', 'pong')
    """
    if alarm.IN_WORKER:
        return _run_here(name, args, deadline)
    return POOL.submit(name, args, deadline=deadline)


def _run_here(name: str, args: tuple, deadline: float) -> tuple[str, Any] | None:
    """A task run in this worker process under `deadline` (the enclosing task's still holds)."""
    from tutor.checker.symbolic import TASKS

    try:
        with alarm.limit(deadline):
            return ("ok", TASKS[name](*args))
    except alarm.Expired:
        if alarm.remaining() <= 0:
            raise   # the enclosing task's time is up too
        return None
    except MemoryError:
        return ("error", "out of memory")
    except Exception as err:
        return ("error", f"{type(err).__name__}: {err}")
