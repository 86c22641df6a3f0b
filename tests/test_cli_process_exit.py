"""The command line ends its process without the interpreter's teardown, losing nothing."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from tutor.process_exit import can_skip_teardown
from tutor.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]


def test_a_working_thread_means_the_ordinary_exit():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, daemon=False)
    worker.start()
    try:
        assert not can_skip_teardown()
    finally:
        stop.set()
        worker.join()
    # without a working thread it may skip the teardown, unless a tracer (coverage, a debugger) runs
    assert can_skip_teardown() == (sys.gettrace() is None and sys.getprofile() is None)


def test_piped_practice_keeps_every_attempt_and_its_exit_code(tmp_path):
    answers = "σ(z)(1-σ(z))\n2x\n"
    env = {k: v for k, v in os.environ.items() if k != "TUTOR_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(tmp_path), "practice",
                           "calculus/logistic_regression", "--seed", "1"], input=answers.encode(),
                          capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    # the whole summary is printed before the fast exit, down to its last line (the next set)
    assert re.search(r"Next: `tutor practice calculus/[a-z_]+`\.$", proc.stdout.decode().rstrip())
    store = ProgressStore.open_existing(tmp_path, read_only=True)
    assert store is not None
    with store:
        attempts = list(store.attempts())
    assert [(a.response, a.status) for a in attempts if a.response] == [
        ("σ(z)(1-σ(z))", "correct"), ("2x", "incorrect")]


def test_an_exit_code_other_than_zero_survives(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tutor", "check", "2x +", "--expected", "2x"],
                          capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    assert b"invalid" in proc.stdout
