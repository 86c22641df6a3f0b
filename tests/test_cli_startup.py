"""The program starts with the garbage collector paused, and every command turns it back on
(`tutor.startup`): a session once its first problem is shown, any other command once imported."""
from __future__ import annotations

import gc
import io
import sys

import pytest

import tutor.repl.plain
from repl_fixtures import FIXTURES
from tutor.cli import main
from tutor.startup import pause_collector


@pytest.fixture
def paused():
    """The collector paused as `tutor.cli.run` pauses it; on and unfrozen again afterwards."""
    was_enabled = gc.isenabled()
    pause_collector()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()


def _main(tmp_path, *argv: str) -> int:
    return main(["--problems", str(FIXTURES), "--data-dir", str(tmp_path / "data"), *argv], out=io.StringIO())


def test_a_one_shot_command_turns_the_collector_back_on(paused, tmp_path):
    assert not gc.isenabled()
    assert _main(tmp_path, "parse", "2x") == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0   # what start-up built is set aside, not collected again


def test_a_session_keeps_it_paused_until_its_first_problem_is_shown(paused, tmp_path, monkeypatch):
    import tutor.problems

    monkeypatch.setattr(tutor.problems, "default_problem_dirs", lambda: [])
    monkeypatch.setattr(sys, "stdin", io.StringIO("0\n:skip\n:quit\n"))
    seen: list[bool] = []
    show = tutor.repl.plain._show_problem

    def recording_show(session, out):
        seen.append(gc.isenabled())
        show(session, out)

    monkeypatch.setattr(tutor.repl.plain, "_show_problem", recording_show)
    assert _main(tmp_path, "practice", "calculus/basics", "--seed", "4") == 0
    assert seen[0] is False          # the first problem is built and shown with the collector paused
    assert all(seen[1:]) and seen[1:]  # and after it every later one runs with it on
    assert gc.isenabled()


def test_main_called_from_python_leaves_the_collector_alone(tmp_path):
    """An embedding program (or a test) that calls `main` never has its collector turned off."""
    gc.disable()
    try:
        assert _main(tmp_path, "parse", "2x") == 0
        assert not gc.isenabled()   # not paused by tutor, so not tutor's to turn on
    finally:
        gc.enable()
    assert _main(tmp_path, "parse", "2x") == 0
    assert gc.isenabled()
