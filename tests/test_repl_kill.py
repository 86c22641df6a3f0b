"""Killing `tutor` with SIGKILL loses nothing already answered."""
from __future__ import annotations

import os
import signal
import subprocess

import pytest

from repl_fixtures import answers, child_env, tutor_argv
from tutor.progress import ProgressStore

pytestmark = pytest.mark.timeout(120)


def read_until(proc: subprocess.Popen, marker: bytes, seen: bytearray) -> None:
    while marker not in seen:
        chunk = os.read(proc.stdout.fileno(), 4096)
        assert chunk, f"tutor ended early:\n{seen.decode(errors='replace')}"
        seen += chunk


def test_two_answers_survive_a_sigkill_and_are_there_on_restart(tmp_path):
    right = answers(seed=6)[0]
    seen = bytearray()
    with subprocess.Popen(tutor_argv(tmp_path, "practice", "calculus/basics", "--seed", "6"),
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_env()) as proc:
        try:
            read_until(proc, b"answer> ", seen)
            proc.stdin.write(f"{right}\n".encode())
            proc.stdin.flush()
            read_until(proc, "✓ Correct.".encode(), seen)
            proc.stdin.write(b"0\n")
            proc.stdin.flush()
            read_until(proc, "✗ Not quite.".encode(), seen)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with ProgressStore.open(tmp_path) as store:
        assert [(a.problem_id, a.response, a.status) for a in store.attempts()] == [
            ("power", right, "correct"), ("product", "0", "incorrect")]
    again = subprocess.run(tutor_argv(tmp_path, "progress"), capture_output=True, text=True,
                           timeout=60, env=child_env())
    assert again.returncode == 0 and "calculus/basics" in again.stdout
    assert "All runs: 2 attempted" in again.stdout
