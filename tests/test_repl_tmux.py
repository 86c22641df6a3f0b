"""End to end in a real terminal (tmux): practise, come back a simulated week later, review.

tmux comes from Debian (`.ci/run` installs it); without it this test is skipped on a developer's
machine but fails under CI, so a missing install step cannot pass unnoticed.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from repl_fixtures import FIXTURES, answers, child_env

pytestmark = pytest.mark.timeout(120)


class Tmux:
    """One tmux server of our own (its own socket), one window at a time."""

    def __init__(self) -> None:
        self.socket = ""

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self, command: list[str], env: dict[str, str]) -> None:
        line = "env " + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + " " + shlex.join(command)
        self.socket = f"tutor-test-{uuid.uuid4().hex[:8]}"  # a server of its own for each program
        self.tmux("new-session", "-d", "-x", "120", "-y", "45", "-s", "t", line)
        self.tmux("set-option", "-t", "t", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-S", "-200", "-t", "t")

    def wait_for(self, text: str, timeout: float = 40) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)
        self.tmux("send-keys", "-t", "t", "Enter")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def stop(self) -> None:
        if self.socket:
            subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


@pytest.fixture
def tmux():
    if shutil.which("tmux") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is not installed; .ci/run must install it before the tests")
        pytest.skip("tmux is not installed (apt-get install tmux)")
    session = Tmux()
    yield session
    session.stop()


def _tutor(data_dir, *args: str) -> list[str]:
    return [sys.executable, "-m", "tutor", "--problems", str(FIXTURES), "--data-dir", str(data_dir),
            "--no-examples", *args]


def _env(now: str) -> dict[str, str]:
    env = {k: v for k, v in child_env().items() if k in ("PATH", "HOME", "PYTHONPATH", "VIRTUAL_ENV",
                                                          "TUTOR_FSRS_FUZZ", "LANG", "LC_ALL")}
    return env | {"TUTOR_NOW": now, "TERM": "xterm-256color", "LANG": "C.UTF-8"}


def test_practise_then_a_week_later_review_offers_the_due_problems(tmux, tmp_path):
    right = answers(seed=1)
    # day 1: the power rule right after a hint, the product given up, the chain rule not tried
    tmux.start(_tutor(tmp_path, "practice", "calculus/basics", "--seed", "1"), _env("2026-03-01T09:00"))
    tmux.wait_for("[1/3] ›")
    tmux.type(":hint")
    tmux.wait_for("Hint 1:")
    tmux.type(right[0])
    tmux.wait_for("[2/3] ›")
    tmux.type(":steps")
    tmux.wait_for("This one comes back later in this run")
    tmux.keys("C-d")
    tmux.wait_for("Summary of Basics for the REPL tests")
    tmux.stop()
    # a week later: the menu says what is due, and `tutor review` offers exactly those problems
    tmux.start(_tutor(tmp_path), _env("2026-03-08T09:00"))
    tmux.wait_for("Practise which set?")
    tmux.wait_for("Reviews due: 2")
    tmux.keys("C-d")
    tmux.stop()
    tmux.start(_tutor(tmp_path, "review", "--seed", "5"), _env("2026-03-08T09:05"))
    shown = tmux.wait_for("[1/2] ›")
    assert "Problem 1 of 2 · Power rule" in shown or "Problem 1 of 2 · A product" in shown
    tmux.type(":skip")
    shown = tmux.wait_for("[2/2] ›")
    assert "Power rule" in shown and "A product" in shown and "Chain rule" not in shown
    tmux.keys("C-d")
    tmux.wait_for("Summary of Review (review/due)")
