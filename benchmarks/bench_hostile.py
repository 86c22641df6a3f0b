"""Hostile answers beside ordinary ones, from 16 threads: is every budget kept, are ordinary
checks still decided, and does any worker outlive a killed parent?

    python benchmarks/bench_hostile.py [--budget 1.0] [--threads 16] [--cap 90] [--only MODE ...]

Over at least 150 hostile inputs (huge powers, deep nesting, binomial(-5, 10^9),
floor(pi^(10^7)), x < 9^9^9, symbolic matrix powers, 2,000-character sums, …) mixed with the
ordinary pairs of bench_check.py, shuffled with a fixed seed, it reports per mode:

- the maximum time a check took over its budget (as a multiple of the budget; target <= 1.2);
- the share of ordinary checks that came back undetermined (target <= 1 %), and how many
  disagreed with the same check made alone, at leisure (the baseline, measured in this run);
- checks that never came back within --cap seconds (a hang in the caller's process).

Modes: ``check`` (16 threads calling `tutor.check`: the caller's process does the cheap part,
the pool the slow path); ``isolated`` (16 threads, each check whole in the pool through
`check_many([item])`); ``batch`` (one `check_many` over everything). Each mode runs in a fresh
process, so a hang is measured, not suffered. Then ``orphans``: a parent busy with hostile
checks is killed with SIGKILL and its workers are counted 2 s later (target 0). Last,
``false_accepts``: the regression table of wrong answers once accepted (target 0 accepted).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def hostile_inputs() -> list[tuple[str, str]]:
    """At least 150 (response, expected) pairs meant to make a checker hang, crash or stall."""
    items: list[tuple[str, str]] = []
    for k in (6, 7, 8, 9, 10, 12, 15, 20, 50, 100):
        items += [(f"x^(10^{k})", f"x^(10^{k} + 1)"), (f"(x+1)^(10^{k})", "x"), (f"2^(10^{k})", "1"),
                  (f"x < 10^(10^{k})", "x < 1")]
    for k in (9, 10, 12, 15, 20, 30, 100):
        items += [(f"binomial(-5, 10^{k})", "1"), (f"floor(pi^(10^{k}))", "1"), (f"ceil(e^(10^{k}))", "2"),
                  (f"x = 10^(10^{k})", "x = 1")]
    for n in (7, 6, 5):
        items += [(f"floor(pi^(10^{n}))", "3"), (f"binomial(-5, 10^{n})", "0"), (f"x = 9^9^{n}", "x = 2")]
    items += [("x < 9^9^9", "x < 1"), ("x = 9^9^9", "x = 1"), ("x > 9^9^9", "x > 0"), ("9^9^9^9", "1"),
              ("(10^100)!", "2"), ("((10^10)!)!", "3"), ("x + 10^(-5000)", "x"), ("sin(10^300 x)", "sin(x)"),
              ("sin(2^56 pi x)", "0"), ("e^(e^(e^(e^x)))", "1"), ("x^x^x^x^x^x", "x"),
              ("x^(10^10)", "x^(10^10)"), ("(x+y+z)^(10^4)", "x"), ("floor(e^(10^7))", "1"),
              ("x^9^9^9 = 1", "x = 1"), ("[[x, 1], [2, y]]^(10^6)", "[[1, 0], [0, 1]]")]
    for depth in (20, 40, 60, 80, 100, 150):
        items += [("sin(" * depth + "x" + ")" * depth, "sin(x)"), ("(" * depth * 2 + "x" + ")" * depth * 2, "x"),
                  ("sqrt(" * depth + "x" + ")" * depth, "x"), ("e^(" * depth + "x" + ")" * depth, "x")]
    for power in (20, 30, 40, 50, 60):
        items += [(f"[[x, 1], [2, y]]^{power}", "[[1, 0], [0, 1]]"),
                  (f"[[x, y, 1], [1, x, y], [y, 1, x]]^{power}", "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]")]
    for shift in range(10):
        sums = " + ".join(f"{k + shift}x^{k}" for k in range(1, 400))[:2000].rstrip(" +")
        trig = " + ".join(f"sin({k + shift}x)" for k in range(1, 300))[:2000].rstrip(" +")
        items += [(sums, "x"), (trig, "sin(x)")]
    for k in (60, 80, 100):
        items += [(f"(a+b+c+d+e+f+g+h)^{k}", "a"), (f"(x+1)^{k * 50} - (x-1)^{k * 50}", "x")]
    return items


def ordinary_inputs() -> list[tuple[str, str]]:
    import bench_check

    extra = [("x = 2", "x^2 = 4"), ("x^2 < x", "0 < x < 1"), ("y = 2x + 1", "2x - y + 1 = 0"),
             ("x <= 5", "x <= 3"), ("{1, 2}", "{2, 1}"), ("(0, 1]", "(0, 1)")]
    return [(r, e) for r, e, _ in bench_check.pairs()] + extra


def workload(seed: int = 11) -> list[tuple[str, str, str]]:
    items = [("hostile", r, e) for r, e in hostile_inputs()] + [("ordinary", r, e) for r, e in ordinary_inputs()]
    random.Random(seed).shuffle(items)
    return items


class _Crash:
    def __init__(self, status: str) -> None:
        self.status = status


# -- one mode, in its own process ----------------------------------------------------------------

def _run_mode(mode: str, budget: float, threads: int) -> None:
    """Print one JSON line per finished check: index, kind, seconds, status, notes."""
    import queue

    import tutor
    from tutor.checker.pool import POOL

    items = workload()
    POOL.warm_up(POOL.size)
    tutor.check("x", "x")
    lock = threading.Lock()

    def report(i: int, seconds: float, v) -> None:
        line = json.dumps({"i": i, "kind": items[i][0], "s": seconds, "status": str(getattr(v, "status", "error")),
                           "notes": list(getattr(v, "notes", ())),
                           "ran": getattr(v, "elapsed_ms", 0.0) / 1000.0})
        with lock:
            print(line, flush=True)

    if mode == "batch":
        start = time.monotonic()
        for i, v in enumerate(tutor.check_many([(r, e) for _, r, e in items], time_budget=budget)):
            report(i, getattr(v, "elapsed_ms", 0.0) / 1000.0, v)
        print(json.dumps({"wall": time.monotonic() - start}), flush=True)
        return
    todo: queue.Queue = queue.Queue()
    for i in range(len(items)):
        todo.put(i)

    def work() -> None:
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            _, r, e = items[i]
            with lock:
                print(json.dumps({"start": i}), flush=True)
            t = time.monotonic()
            try:
                if mode == "check":
                    v = tutor.check(r, e, time_budget=budget)
                else:
                    v = next(tutor.check_many([(r, e)], time_budget=budget))
            except Exception as err:   # a crash is reported as one, never as a verdict
                v = _Crash(f"crash: {type(err).__name__}")
            report(i, time.monotonic() - t, v)

    start = time.monotonic()
    pool = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    print(json.dumps({"wall": time.monotonic() - start}), flush=True)


def measure(mode: str, budget: float, threads: int, cap: float) -> dict:
    cmd = [sys.executable, __file__, "--mode-child", mode, "--budget", str(budget), "--threads", str(threads)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=HERE.parent)
    lines: list[dict] = []
    reader = threading.Thread(target=lambda: lines.extend(json.loads(x) for x in proc.stdout), daemon=True)
    reader.start()
    try:
        proc.wait(cap)
        hung = False
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        hung = True
    reader.join(5)
    return {"lines": lines, "hung": hung}


def baseline(budget: float) -> dict[int, tuple]:
    """Each ordinary check made alone, unhurried (10x the budget): what a check should say."""
    import tutor

    out = {}
    for i, (kind, r, e) in enumerate(workload()):
        if kind == "ordinary":
            v = tutor.check(r, e, time_budget=max(10 * budget, 5.0))
            out[i] = (str(v.status), tuple(v.notes))
    return out


def summarize(mode: str, result: dict, budget: float, expected: dict[int, tuple]) -> None:
    items = workload()
    done = {x["i"]: x for x in result["lines"] if "i" in x}
    started = {x["start"] for x in result["lines"] if "start" in x}
    wall = next((x["wall"] for x in result["lines"] if "wall" in x), None)
    ordinary = [i for i, it in enumerate(items) if it[0] == "ordinary"]
    hostile = [i for i, it in enumerate(items) if it[0] == "hostile"]
    finished = list(done.values())
    worst = max((x["s"] for x in finished), default=0.0)
    worst_item = max(finished, key=lambda x: x["s"], default=None)
    undetermined = [i for i in ordinary if i in done and done[i]["status"] == "undetermined"]
    differ = [i for i in ordinary if i in done and (done[i]["status"], tuple(done[i]["notes"])) != expected[i]]
    missing = [i for i in range(len(items)) if i not in done]
    print(f"\n[{mode}] {len(hostile)} hostile + {len(ordinary)} ordinary checks, budget {budget} s"
          + (f", wall {wall:.1f} s" if wall else ""))
    print(f"  max time / budget: {worst / budget:.2f}x (target <= 1.2)"
          + (f"  worst: {items[worst_item['i']][1][:50]!r} {worst_item['status']}" if worst_item else ""))
    over = sorted((x for x in finished if x["s"] > 1.2 * budget), key=lambda x: -x["s"])
    print(f"  checks over 1.2x budget: {len(over)}")
    for x in over[:8]:
        print(f"    {x['s']:7.2f} s  {x['kind']:8} {x['status']:12} {items[x['i']][1][:60]!r}")
    if mode != "check":
        ran = max((x.get("ran", 0.0) for x in finished), default=0.0)
        print(f"  max run time in a worker / budget: {ran / budget:.2f}x (waiting for a worker left out)")
    crashes = [x for x in finished if x["status"].startswith("crash")]
    if crashes:
        print(f"  crashes (an exception out of the check): {len(crashes)}, e.g. "
              f"{items[crashes[0]['i']][1][:50]!r}: {crashes[0]['status']}")
    share = len(undetermined) / max(1, len([i for i in ordinary if i in done]))
    print(f"  ordinary undetermined: {len(undetermined)} of {len([i for i in ordinary if i in done])} "
          f"({share:.1%}; target <= 1 %); differing from the same check alone: {len(differ)}")
    for i in differ[:5]:
        print(f"    {items[i][1][:40]!r} vs {items[i][2][:30]!r}: {done[i]['status']} {done[i]['notes']} "
              f"(alone: {expected[i]})")
    if result["hung"] or missing:
        stuck = sorted(started - set(done))
        print(f"  HUNG: {len(missing)} checks never came back within the cap; still running then:")
        for i in stuck[:10]:
            print(f"    {items[i][0]:8} {items[i][1][:60]!r} vs {items[i][2][:30]!r}")


# -- orphans ---------------------------------------------------------------------------------------

_ORPHAN_PARENT = """
import sys, threading, time
sys.path.insert(0, {root!r})
import tutor
from tutor.checker.pool import POOL
items = [("x^(10^" + str(k) + ")", "x^(10^" + str(k) + " + 1)") for k in range(6, 9)] * 50
threading.Thread(target=lambda: list(tutor.check_many(items, time_budget=30)), daemon=True).start()
end = time.monotonic() + 60
while len(POOL._busy) < 2 and time.monotonic() < end:
    time.sleep(0.05)
print(" ".join(map(str, POOL.pids())), flush=True)
time.sleep(600)
"""


def _workers_of(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"tutor.checker.worker" in b" ".join(args) and args[-2:-1] == [str(parent).encode()] and state != "Z":
            found.append(int(entry.name))
    return found


def orphans(rounds: int = 3) -> None:
    print("\n[orphans] a parent running hostile checks in 2+ workers is killed with SIGKILL")
    if not Path("/proc").is_dir():
        print("  skipped: needs /proc to find the workers")
        return
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", _ORPHAN_PARENT.format(root=str(HERE.parent))],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        pids = proc.stdout.readline().split()
        before = _workers_of(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        time.sleep(2.0)
        after = _workers_of(proc.pid) + [int(p) for p in pids if Path(f"/proc/{p}").exists()
                                          and "Z" not in Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1][:3]]
        print(f"  workers before the kill: {len(before)}, left 2 s after: {len(set(after))} (target 0)")


def false_accepts() -> None:
    """The false-accept table of issue 11 (tests/checker_false_accepts.py), checked at leisure:
    how many wrong answers are accepted (target 0), and how many rows miss their verdict."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from checker_false_accepts import ROWS

    from tutor import check

    accepted, missed = [], []
    for response, expected, options, wanted in ROWS:
        status = check(response, expected, **{"time_budget": 10.0, **options}).status.value
        if status == "correct" and wanted != "correct":
            accepted.append((response, expected))
        elif status != wanted:
            missed.append((response, expected, status, wanted))
    print(f"\n[false accepts] {len(ROWS)} rows of the regression table: {len(accepted)} wrong answers "
          f"accepted (target 0), {len(missed)} other rows off their verdict")
    for response, expected in accepted:
        print(f"    ACCEPTED {str(response)[:40]!r} for {str(expected)[:40]!r}")
    for response, expected, status, wanted in missed:
        print(f"    {status} (wanted {wanted}): {str(response)[:40]!r} vs {str(expected)[:40]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=1.0, help="time budget of every check, in seconds")
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--cap", type=float, default=120.0, help="seconds a mode may take before it counts as hung")
    ap.add_argument("--only", nargs="*", default=["check", "isolated", "batch", "orphans", "false_accepts"])
    ap.add_argument("--mode-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.mode_child:
        _run_mode(args.mode_child, args.budget, args.threads)
        os._exit(0)   # a hung daemon thread must not keep this process alive
    items = workload()
    n_hostile = sum(1 for k, _, _ in items if k == "hostile")
    print(f"{n_hostile} hostile and {len(items) - n_hostile} ordinary inputs; {args.threads} threads; "
          f"budget {args.budget} s; {os.cpu_count()} cores")
    modes = [m for m in ("check", "isolated", "batch") if m in args.only]
    if modes:
        expected = baseline(args.budget)
        print(f"baseline: {len(expected)} ordinary checks made alone (budget {max(10 * args.budget, 5.0)} s)")
    for mode in modes:
        summarize(mode, measure(mode, args.budget, args.threads, args.cap), args.budget, expected)
    if "orphans" in args.only:
        orphans()
    if "false_accepts" in args.only:
        false_accepts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
