"""Starting the ``tutor`` program without the cyclic garbage collector.

Start-up (importing SymPy and tutor, reading a problem set, building the first problem) allocates
hundreds of thousands of objects that all live until the process ends, and almost no garbage
cycles; yet every few hundred allocations the collector walks the young objects, and every so
often all of them: about a tenth of start-up. So the program's entry point (`tutor.cli.run`)
pauses the collector, and each command resumes it as soon as its start-up is over: an
interactive session at its first prompt, a plain session once its first problem is shown, the
menu when it is drawn, every other command once its code is imported. Resuming first freezes what
start-up built (`gc.freeze`): it is never collected again, so later collections stay short.

Only `run` pauses: `tutor.cli.main` called from Python (tests, embedding programs) leaves the
collector alone, and `resume_collector` does nothing when it was not paused here.

>>> import gc
>>> pause_collector(); gc.isenabled()
False
>>> resume_collector(); gc.isenabled()
True
>>> resume_collector(); gc.isenabled()   # a second resume is harmless
True
"""
from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Pause the cyclic garbage collector for start-up (the collector stays off if it already was)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Freeze what start-up built and turn the collector back on, if `pause_collector` paused it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
