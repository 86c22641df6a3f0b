"""Hand-made mutations of tutor: does the test suite notice each one? (run by hand)

    python benchmarks/mutations.py [NAME ...]

Each mutation changes one fact in a copy of the repository (never the working tree), runs the
tests that should notice it, and reports KILLED (a test failed, as it should) or SURVIVED. These
are the mutations issue 12 found surviving; each now has a test that kills it. Prints the count
of survivors and exits 1 when there is any.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str          # file, relative to the repository
    old: str           # text replaced (must occur exactly once)
    new: str
    tests: tuple[str, ...]


MUTATIONS = (
    Mutation("csc derivative sign", "tutor/ops/catalogue.py",
             "lambda u: -sympy.csc(u) * sympy.cot(u)),", "lambda u: sympy.csc(u) * sympy.cot(u)),",
             ("tests/test_mutation_killers.py", "tests/test_ops_registry.py")),
    Mutation("covariance divides by n - 1", "tutor/problems/ops_stats.py",
             "for a, b in zip(xs, ys)]) / len(xs))", "for a, b in zip(xs, ys)]) / (len(xs) - 1))",
             ("tests/test_mutation_killers.py",)),
    Mutation("median of an even count", "tutor/problems/ops_stats.py",
             "return items[mid] if len(items) % 2 else (items[mid - 1] + items[mid]) / 2",
             "return items[mid]", ("tests/test_mutation_killers.py",)),
    Mutation("decimal places tolerance widened", "tutor/checker/precision.py",
             "abs(got - want) < unit / 2", "abs(got - want) < unit", ("tests/test_mutation_killers.py",)),
    Mutation("common-domain minimum", "tutor/checker/probe.py",
             "MIN_COMMON = 4 ", "MIN_COMMON = 1 ", ("tests/test_mutation_killers.py",)),
    Mutation("lint's self-check", "tutor/problems/lint.py",
             '    if str(verdict.status) != "correct":\n        failures.add("self"',
             '    if False:\n        failures.add("self"', ("tests/test_mutation_killers.py",)),
    Mutation("tanh derivative in the table", "tutor/ops/catalogue.py",
             "lambda u: 1 - sympy.tanh(u)**2),", "lambda u: 1 + sympy.tanh(u)**2),",
             ("tests/test_mutation_killers.py", "tests/test_ops_registry.py")),
    Mutation("tanh float evaluator", "tutor/ops/catalogue.py",
             "Numeric(Real.tanh, Complex.tanh, math.tanh,", "Numeric(Real.tanh, Complex.tanh, math.tan,",
             ("tests/test_mutation_killers.py", "tests/test_ops_registry.py")),
)


NONE = Mutation("no mutation (the baseline: its tests must pass)", "pyproject.toml", "", "",
                tuple(sorted({t for m in MUTATIONS for t in m.tests})))


def run(mutation: Mutation) -> tuple[bool, float]:
    """(killed, seconds): apply the mutation to a copy of the repository and run its tests."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tutor-copy"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.egg-info",
                                                                     ".mypy_cache", ".pytest_cache"))
        target = copy / mutation.path
        text = target.read_text(encoding="utf-8")
        if mutation.old and text.count(mutation.old) != 1:
            raise SystemExit(f"{mutation.name}: the text to mutate is not in {mutation.path} exactly once")
        target.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                               *mutation.tests], cwd=copy, capture_output=True, text=True,
                              env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin", "TUTOR_FSRS_FUZZ": "0"})
        return done.returncode != 0, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="only these mutations (by name)")
    args = ap.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.names or m.name in args.names]
    failed, seconds = run(NONE)
    if failed:   # a test that fails without any mutation would count every mutation as killed
        print(f"the tests fail on an unmutated copy ({seconds:.1f} s): fix that first")
        return 2
    print(f"baseline: the tests pass on an unmutated copy ({seconds:.1f} s)")
    survivors = 0
    for mutation in chosen:
        killed, seconds = run(mutation)
        survivors += not killed
        print(f"{'KILLED  ' if killed else 'SURVIVED'} {mutation.name:36} {seconds:5.1f} s  "
              f"({mutation.path}; {', '.join(mutation.tests)})")
    print(f"{len(chosen)} mutations, {survivors} survived")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
