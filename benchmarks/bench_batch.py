"""Throughput of `check_many` against one-by-one `tutor.check` on the ordinary pairs of
bench_check.py, in the same run.

    python benchmarks/bench_batch.py [--repeat 6] [--workers 1 2]

One-by-one: `tutor.check(response, expected)` in a loop in this process (each check compiles
its expected answer). Batch: `check_many` over the same items with N worker processes kept
warm (started, and the pairs seen once, before the clock starts). The machine is shared:
print the load average beside the figures. Prints items per second and the ratio to one-by-one,
and checks that the verdicts agree.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import bench_check  # noqa: E402

import tutor  # noqa: E402
from tutor.checker.pool import POOL, configure  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=6, help="how many times the 230 pairs are checked")
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    args = ap.parse_args(argv)
    items = [(r, e) for r, e, _ in bench_check.pairs()] * args.repeat
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(items)} items ({len(items) // args.repeat} pairs x {args.repeat}); {os.cpu_count()} cores, "
          f"load average {load:.1f}")
    for r, e in items[: len(items) // args.repeat]:
        tutor.check(r, e)   # warm the parser and caches, as a running grader is
    t = time.perf_counter()
    alone = [tutor.check(r, e) for r, e in items]
    base = len(items) / (time.perf_counter() - t)
    print(f"  one-by-one tutor.check      {base:8.0f} items/s")
    for n in args.workers:
        configure(n)
        POOL.warm_up(n)
        list(tutor.check_many(items[: 2 * len(items) // args.repeat]))   # every worker started and warm
        t = time.perf_counter()
        batch = list(tutor.check_many(items))
        rate = len(items) / (time.perf_counter() - t)
        same = sum(1 for a, b in zip(alone, batch) if (a.status, a.notes) == (b.status, b.notes))
        print(f"  check_many, {n} worker(s)    {rate:8.0f} items/s  {rate / base:5.2f}x one-by-one; "
              f"same verdict: {same}/{len(items)}")
    configure(None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
