"""Start-up of `tutor practice SET`: launch to first prompt, against `python -c "import sympy"`.

Run by hand (not a test):  python benchmarks/bench_startup.py [SET] [--runs N]

Both are measured in the same run, alternating, as wall time from starting the
process: for tutor until the plain-mode prompt ``answer> `` has been printed
(the problem is loaded, instantiated and shown), for the baseline until the
process exits. Prints the medians and the ratio; the target is <= 1.5.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROMPT = b"answer> "


def time_baseline() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sympy"], check=True)
    return time.perf_counter() - start


def time_tutor(set_name: str, data_dir: str, problems: list[str]) -> float:
    """Seconds until the first prompt is printed; the process is then told to quit."""
    extra = [arg for p in problems for arg in ("--problems", p)]
    cmd = [sys.executable, "-m", "tutor", *extra, "--data-dir", data_dir, "practice", set_name,
           "--seed", "1"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    seen = b""
    while not seen.endswith(PROMPT):
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            raise SystemExit(f"tutor exited before its first prompt:\n{seen.decode(errors='replace')}")
        seen += chunk
    elapsed = time.perf_counter() - start
    proc.communicate(b":quit\n", timeout=60)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", default="calculus/logistic_regression")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--problems", action="append", default=[], metavar="PATH")
    args = parser.parse_args()
    base, tutor = [], []
    with tempfile.TemporaryDirectory() as data_dir:
        time_tutor(args.set, data_dir, args.problems)  # warm the disk cache and create the store
        time_baseline()
        for _ in range(args.runs):
            base.append(time_baseline())
            tutor.append(time_tutor(args.set, data_dir, args.problems))
    b, t = statistics.median(base), statistics.median(tutor)
    print(f"python -c 'import sympy'       median {b * 1000:7.0f} ms  (min {min(base) * 1000:.0f})")
    print(f"tutor practice {args.set:<15} median {t * 1000:7.0f} ms  (min {min(tutor) * 1000:.0f}) "
          "to the first prompt")
    print(f"ratio {t / b:.2f}  (target <= 1.5; {args.runs} runs each, alternating)")


if __name__ == "__main__":
    main()
