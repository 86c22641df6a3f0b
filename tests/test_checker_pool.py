"""The worker pool: isolated from the working folder, dies with its parent, one size for the
program, tasks killed at their own deadline, short tasks not starved by long ones.

(Speed and the mixed hostile workload are measured in benchmarks/bench_hostile.py; here the
behaviour is checked, with generous limits, so that a loaded machine does not fail it.)
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tutor.checker import pool as pool_module
from tutor.checker.pool import POOL, Pool, configure, machine_workers, worker_command, workers_from_env
from tutor.errors import CheckError

ROOT = Path(__file__).resolve().parents[1]


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def _gone(pids, within: float) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return not any(_alive(p) for p in pids)


@pytest.fixture
def own_pool():
    pools: list[Pool] = []

    def make(workers: int) -> Pool:
        pools.append(Pool(workers=workers))
        return pools[-1]
    yield make
    for p in pools:
        p.shutdown()


DECOYS = {
    "sympy.py": "sympy", "queue.py": "queue", "pickle.py": "pickle", "struct.py": "struct",
    "tutor/__init__.py": "tutor", "tutor/checker/__init__.py": "tutor.checker",
}


def test_nothing_in_the_working_folder_is_imported_by_a_worker(tmp_path, monkeypatch, own_pool):
    marker = tmp_path / "DECOY_RAN"
    for name, module in DECOYS.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"open({str(marker)!r}, 'a').write({module!r} + '\\n')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # the working folder on the parent's import path, twice over, must not reach the worker
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), *sys.path])
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setenv("PYTHONSTARTUP", str(tmp_path / "sympy.py"))
    p = own_pool(1)
    assert p.submit("ping", (), seconds=60) == ("ok", "pong")
    answer = p.submit("check_item", ("x = 2", "x^2 = 4", {}, None, None), seconds=60)
    assert answer is not None and answer[0] == "ok" and answer[1][:2] == ("verdict", "incorrect")
    assert not marker.exists(), marker.read_text()
    if Path("/proc").is_dir():   # and it runs in a safe folder, not the working one
        (pid,) = p.pids()
        assert os.readlink(f"/proc/{pid}/cwd") == pool_module.ROOT


def test_the_worker_command_is_isolated_and_names_this_tutor(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), "relative", *sys.path])
    cmd = worker_command(4242)
    assert cmd[:3] == [sys.executable, "-I", "-c"]
    path = cmd[4:-1]
    assert path[0] == pool_module.ROOT == str(ROOT)
    assert str(tmp_path) not in path and "" not in path and "relative" not in path
    assert cmd[-1] == "4242"


PARENT = textwrap.dedent("""
    import sys, threading, time
    from tutor.checker.pool import POOL
    POOL.configure(2)
    for _ in range(2):
        threading.Thread(target=POOL.submit, args=("hold", (600,)), kwargs={"seconds": 600}, daemon=True).start()
    end = time.monotonic() + 120
    while len(POOL.pids()) < 2 and time.monotonic() < end:
        time.sleep(0.05)
    time.sleep(0.3)
    print(" ".join(map(str, POOL.pids())), flush=True)
    time.sleep(600)
""")


def test_no_worker_survives_its_parent_killed_with_sigkill():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait(30)
        parent.stdout.close()
    assert _gone(pids, within=10), f"workers outlived their parent: {[p for p in pids if _alive(p)]}"


def test_a_worker_exits_when_its_stdin_closes(own_pool):
    # the watchdog, which also covers platforms without PR_SET_PDEATHSIG
    p = own_pool(1)
    assert p.submit("ping", (), seconds=60) == ("ok", "pong")
    worker = p._idle[0]
    worker.process.stdin.close()
    assert _gone([worker.pid], within=10)


def test_shutdown_kills_busy_workers_too(own_pool):
    p = own_pool(1)
    out: list = []
    thread = threading.Thread(target=lambda: out.append(p.submit("hold", (600,), seconds=600)), daemon=True)
    thread.start()
    end = time.monotonic() + 60
    while not p._busy and time.monotonic() < end:
        time.sleep(0.05)
    pids = p.pids()
    assert len(pids) == 1
    p.shutdown()
    thread.join(30)
    assert out == [None]
    assert _gone(pids, within=10)


def test_a_stuck_task_is_killed_at_its_deadline_and_replaced(own_pool):
    p = own_pool(1)
    assert p.submit("ping", (), seconds=60) == ("ok", "pong")
    start = time.monotonic()
    assert p.submit("hold", (600,), seconds=0.5) is None   # only a kill stops it
    assert time.monotonic() - start < 0.5 * 20
    assert p.restarts == 1
    assert p.submit("ping", (), seconds=60) == ("ok", "pong")


def test_a_python_level_overrun_is_interrupted_and_the_worker_lives_on(own_pool):
    p = own_pool(1)
    assert p.submit("ping", (), seconds=60) == ("ok", "pong")
    (pid,) = p.pids()
    assert p.submit("spin", (600,), seconds=1.0) is None
    assert p.restarts == 0 and p.pids() == [pid]


def test_short_tasks_do_not_wait_behind_long_ones(own_pool):
    p = own_pool(2)
    p.warm_up(2)
    holders = [threading.Thread(target=p.submit, args=("hold", (60,)), kwargs={"seconds": 60}, daemon=True)
               for _ in range(2)]
    for t in holders:
        t.start()
    start = time.monotonic()
    answer = p.submit("ping", (), deadline=start + 45)
    assert answer == ("ok", "pong")                       # not left waiting for the holders
    assert all(t.is_alive() for t in holders)


def test_the_earliest_deadline_is_served_first(own_pool):
    p = own_pool(1)
    assert p.submit("ping", (), seconds=60) == ("ok", "pong")
    order: list[str] = []
    hold = threading.Thread(target=p.submit, args=("spin", (0.3,)), kwargs={"seconds": 60})
    hold.start()
    time.sleep(0.1)
    late = threading.Thread(target=lambda: order.append(("batch", p.submit("ping", (), seconds=60))))
    late.start()
    time.sleep(0.05)
    order.append(("check", p.submit("ping", (), deadline=time.monotonic() + 60)))
    late.join(60)
    hold.join(60)
    assert [name for name, _ in order] == ["check", "batch"]


def test_the_pool_size_comes_from_tutor_workers_or_the_machine(monkeypatch):
    assert workers_from_env({"TUTOR_WORKERS": " 3 "}) == 3
    assert workers_from_env({"TUTOR_WORKERS": ""}) is None
    for bad in ("0", "-2", "2.5", "lots", "1000"):
        with pytest.raises(CheckError, match="TUTOR_WORKERS"):
            workers_from_env({"TUTOR_WORKERS": bad})
    monkeypatch.setenv("TUTOR_WORKERS", "3")
    assert Pool().size == 3
    monkeypatch.delenv("TUTOR_WORKERS")
    assert Pool().size == machine_workers() >= 2


def test_tutor_workers_sizes_the_pool_of_a_fresh_program():
    code = "from tutor.checker.pool import POOL; print(POOL.size)"
    env = {**os.environ, "TUTOR_WORKERS": "5"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.stdout.strip() == "5", out.stderr


def test_configure_sets_the_one_pool():
    try:
        assert configure(1) == 1 and POOL.size == 1
        with pytest.raises(CheckError, match="workers"):
            configure(0)
        with pytest.raises(CheckError, match="workers"):
            configure(True)
    finally:
        configure(None)
    assert POOL.size == (workers_from_env() or machine_workers())


FORKED = textwrap.dedent("""
    import os, sys
    from tutor.checker.pool import POOL
    assert POOL.submit("ping", (), seconds=60) == ("ok", "pong")
    parents = POOL.pids()
    pid = os.fork()
    if pid == 0:   # the child has a pool of its own, and never writes to the parent's workers
        ok = not POOL.pids() and POOL.submit("ping", (), seconds=60) == ("ok", "pong")
        ok = ok and not set(POOL.pids()) & set(parents)
        POOL.shutdown()
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, status
    assert set(parents) <= set(POOL.pids()) and POOL.submit("ping", (), seconds=60) == ("ok", "pong")
    print("ok")
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_starts_its_own_pool():
    out = subprocess.run([sys.executable, "-c", FORKED], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr
