"""Ending the ``tutor`` process as soon as its work is done.

After a practice session the interpreter's own teardown (collecting and freeing every SymPy
object, cache and module) takes a fifth to half a second, while the learner waits for the shell
prompt. None of it matters once the atexit handlers have run (the checker's worker processes
are killed there), the standard streams are flushed and no other thread is still working: the
progress store commits every attempt before `record` returns and is closed when a command ends.
So the command line's entry points end the process then with `os._exit`; when another
(non-daemon) thread still runs, they exit the ordinary way, which waits for it.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def can_skip_teardown() -> bool:
    """True when only the main thread and daemon threads are alive (nothing left to wait for), and
    no profiler or tracer runs (``python -m cProfile -m tutor`` writes its figures after `main`).

    >>> can_skip_teardown() == (sys.gettrace() is None and sys.getprofile() is None)
    True
    """
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return False
    main = threading.main_thread()
    return threading.current_thread() is main and \
        all(t is main or t.daemon for t in threading.enumerate())


def exit_process(code: int) -> NoReturn:
    """Run the atexit handlers, flush stdout and stderr, and end the process with `code`, skipping
    the interpreter's teardown; or raise SystemExit(code) when `can_skip_teardown` says no."""
    if not can_skip_teardown():
        raise SystemExit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):   # a reader that went away, or a closed stream: nothing to save
            pass
    os._exit(code)
