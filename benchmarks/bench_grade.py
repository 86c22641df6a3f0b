"""`tutor grade` throughput, and tutor against Math-Verify on the same LaTeX items, in one run.

    pip install math-verify            # for this benchmark only; never a dependency of tutor
    python benchmarks/bench_grade.py [--items 10000] [--workers 1 2] [--skip-math-verify]

1. Throughput: the ~230 answer pairs of bench_check.py (each with the right verdict known)
   repeated to `--items` items in a JSONL file, graded by ``python -m tutor grade IN -o OUT
   --workers N`` as a separate process, timed from start to exit (start-up included); the
   outputs of every N must agree.
2. LaTeX, side by side: each pair printed as LaTeX by tutor's own printer (the same
   mathematics, written as an LLM or a web math editor writes it). Math-Verify: ``parse`` of
   both in ``$…$`` and ``verify(gold, answer)``, each item timed alone. tutor: ``check`` with
   ``format="latex"`` on the same strings, each item timed alone. Accuracy is against the known
   right verdict; an undecided or refused item counts as wrong for both. While tutor's LaTeX
   reader is not there yet, the script says so and also times tutor on the plain-text form of
   the same items (marked as such: not the same input as Math-Verify's).

The machine may be shared: the load average is printed beside the figures.
"""
from __future__ import annotations

import argparse
import re
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import bench_check  # noqa: E402

import tutor  # noqa: E402


def load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""


# -- 1. throughput of tutor grade -----------------------------------------------------------------

def write_items(path: Path, count: int) -> list[tuple[str, str, bool]]:
    pairs = bench_check.pairs()
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            response, expected, _ = pairs[i % len(pairs)]
            out.write(json.dumps({"id": i, "response": response, "expected": expected},
                                 ensure_ascii=False) + "\n")
    return pairs


def grade_process(source: Path, target: Path, workers: int) -> float:
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tutor", "grade", str(source), "-o", str(target),
                    "--workers", str(workers)], check=True, stderr=subprocess.DEVNULL,
                   env={k: v for k, v in os.environ.items() if k != "TUTOR_WORKERS"})
    return time.perf_counter() - start


def verdicts(path: Path) -> list[tuple[Any, ...]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r.get("id"), r.get("status", "error"), tuple(r.get("notes", ()))) for r in rows]


def throughput(count: int, workers: list[int]) -> None:
    print(f"\n1. tutor grade on {count} items ({os.cpu_count()} cores, {load()})")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "items.jsonl"
        pairs = write_items(source, count)
        seen: list[tuple[Any, ...]] | None = None
        for n in workers:
            seconds = grade_process(source, Path(tmp) / f"out{n}.jsonl", n)
            got = verdicts(Path(tmp) / f"out{n}.jsonl")
            agree = "" if seen is None else f"; same verdicts as {workers[0]} worker(s): {got == seen}"
            seen = seen or got
            right = sum(1 for (_, status, _), (_, _, truth) in zip(got, (pairs[i % len(pairs)]
                        for i in range(count))) if (status == "correct") == truth and status != "undetermined")
            print(f"   --workers {n}: {seconds:6.1f} s wall, {count / seconds:7.0f} items/s "
                  f"(start-up included); {len(got)} results, right {right}/{count}{agree}")


# -- 2. LaTeX, tutor against Math-Verify ----------------------------------------------------------

def latex_pairs() -> list[tuple[str, str, bool, str, str]]:
    """(response LaTeX, expected LaTeX, right, response text, expected text) for each pair."""
    out = []
    for response, expected, right in bench_check.pairs():
        try:
            # a decimal is written as typed (the printer shows its exact value, 7389/1000 for 7.389)
            as_latex = [text if re.fullmatch(r"-?[0-9]+\.[0-9]+", text) else tutor.parse(text).latex
                        for text in (response, expected)]
            out.append((*as_latex, right, response, expected))
        except tutor.ParseError:
            continue   # a response tutor cannot read as text has no LaTeX to print
    return out


def timed(run: Callable[[], bool | None]) -> tuple[bool | None, float]:
    start = time.perf_counter()
    try:
        result = run()
    except Exception:   # noqa: BLE001 - a crash of either checker is a wrong answer, timed
        result = None
    return result, (time.perf_counter() - start) * 1000


def math_verify_runs(items) -> list[Callable[[], bool | None]]:
    from math_verify import parse, verify

    def one(resp: str, exp: str) -> Callable[[], bool | None]:
        return lambda: bool(verify(parse(f"${exp}$"), parse(f"${resp}$")))
    return [one(r, e) for r, e, *_ in items]


def tutor_runs(items, latex: bool) -> list[Callable[[], bool | None]]:
    def one(resp: str, exp: str) -> Callable[[], bool | None]:
        def run() -> bool | None:
            options = {"format": "latex"} if latex else {}
            v = tutor.check(resp, exp, **options)
            return None if v.status == "undetermined" else v.correct
        return run
    if latex:
        return [one(r, e) for r, e, *_ in items]
    return [one(rt, et) for _, _, _, rt, et in items]


def score(label: str, items, runs) -> float:
    for run in runs[:20]:
        run()   # warm both sides: imports, grammars, caches
    results = [timed(run) for run in runs]
    right = sum(1 for (got, _), (_, _, truth, *_) in zip(results, items) if got is not None and got == truth)
    false_accepts = sum(1 for (got, _), (_, _, truth, *_) in zip(results, items) if got and not truth)
    undecided = sum(1 for got, _ in results if got is None)
    times = sorted(ms for _, ms in results)
    median = statistics.median(times)
    print(f"   {label:34s} right {right}/{len(items)} ({100 * right / len(items):5.1f}%), "
          f"false accepts {false_accepts}, undecided/refused {undecided}; "
          f"median {median:7.2f} ms, p99 {times[int(0.99 * (len(times) - 1))]:7.1f} ms")
    return median


def tutor_reads_latex() -> str | None:
    """None when tutor reads LaTeX; else why not."""
    try:
        tutor.check("\\frac{1}{2}", "1/2", format="latex")
    except tutor.TutorError as err:
        return err.message
    return None


def side_by_side() -> None:
    items = latex_pairs()
    print(f"\n2. LaTeX: {len(items)} pairs printed as LaTeX ({load()})")
    mv = score("Math-Verify parse+verify (LaTeX)", items, math_verify_runs(items))
    why = tutor_reads_latex()
    if why is None:
        ours = score("tutor check (LaTeX)", items, tutor_runs(items, latex=True))
        print(f"   median per item: tutor {mv / ours:.1f}x faster than Math-Verify (target: 20x)")
    else:
        print(f"   tutor check (LaTeX): not measured: tutor cannot read LaTeX yet ({why})")
        ours = score("tutor check (same items, as text)", items, tutor_runs(items, latex=False))
        print(f"   median per item, text form against Math-Verify's LaTeX (not the same input): "
              f"{mv / ours:.1f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--skip-math-verify", action="store_true")
    args = ap.parse_args(argv)
    throughput(args.items, args.workers)
    if not args.skip_math_verify:
        side_by_side()
    return 0


if __name__ == "__main__":
    sys.exit(main())
