"""Step engine speed: derivatives over 100 course expressions, then every engine of `solution_steps`.

Run by hand: python benchmarks/bench_steps.py
Targets (issues 4 and 10): p50 <= 20 ms to build the derivation and its ladder, for each engine.

Engines (issue 10): for linear algebra, probability and statistics, and integrals, random instances
of every operation (the generators of the engine's tests, fixed seeds) are worked by
`tutor.solution_steps` with the hint ladder, cold; the baseline, in the same run and also cold, is
the author interpreter computing the bare result of the same formula (parse + interpret), which
is what a problem computes without steps.

Matrix calculus (issue 9): gradients by a declared vector, derivatives of sums over declared data,
the transpose or inverse of a product, likelihoods over declared data (the product, its
logarithm, the maximum-likelihood estimate), ‖X‖² and the covariance of a data matrix, and the
normal equations, random instances from the engines' tests, worked by
`tutor.solution_steps(formula, declare=...)` with the ladder, against the author interpreter
(parse with the declarations + interpret) in the same run, both cold.

Each expression is timed "cold": SymPy's global cache and what tutor's printers keep are cleared
first, as for a new problem in a practice session (a warm cache would flatter every figure). Baselines, in the same run and also
cold: `sympy.diff` alone (no steps, no teacher form) and `sympy.diff` + `sympy.simplify` (what an
engine without rules would do to get a simplified answer).

Diagnosis is timed for a wrong answer per expression (the first known mistake, or the original
expression): the first call builds and fingerprints every buggy answer of the derivation; later
calls on the same derivation only fingerprint the response.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import sympy
from sympy.core.cache import clear_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from steps_corpus import CORPUS  # noqa: E402
from steps_oracle import interpreted  # noqa: E402

import tutor  # noqa: E402
from tutor.steps import derivative_steps  # noqa: E402
from tutor.steps.text import forget_printed  # noqa: E402


def cold() -> None:
    """Forget what earlier instances computed: SymPy's cache and the printers' memory."""
    clear_cache()
    forget_printed()


def _ms(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def _percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def _row(name: str, samples: list[float]) -> str:
    return (f"{name:34} p50 {statistics.median(samples):7.2f} ms   p99 {_percentile(samples, 99):7.2f} ms"
            f"   max {max(samples):7.2f} ms")


def _derive(parsed, wrt: str):
    derivation = derivative_steps(parsed, wrt)
    derivation.hints()
    return derivation


def _symbol(value, name: str):
    return next((s for s in value.free_symbols if s.name == name), sympy.Symbol(name))


def _wrong_answer(parsed, wrt: str):
    derivation = derivative_steps(parsed, wrt)
    return derivation.candidates[0].value if derivation.candidates else derivation.expr


def main() -> None:
    rows = [(tutor.parse(text), wrt) for text, wrt in CORPUS]
    _derive(*rows[0])  # import and build everything once before timing
    ours, diff, simplified, first, again, slowest = [], [], [], [], [], []
    for parsed, wrt in rows:
        cold()
        elapsed, derivation = _ms(lambda: _derive(parsed, wrt))
        ours.append(elapsed)
        slowest.append((elapsed, parsed.text, wrt))
        variable = _symbol(parsed.value, derivation.wrt.name)
        cold()
        diff.append(_ms(lambda: sympy.diff(parsed.value, variable))[0])
        cold()
        simplified.append(_ms(lambda: sympy.simplify(sympy.diff(parsed.value, variable)))[0])
        wrong = _wrong_answer(parsed, wrt)  # from another derivation: this one's candidates stay unbuilt
        cold()
        first.append(_ms(lambda: derivation.diagnose(wrong))[0])
        again.append(_ms(lambda: derivation.diagnose(wrong))[0])
    print(f"expressions: {len(rows)} (each timed cold: SymPy cache cleared)")
    print(_row("derivation + hint ladder", ours))
    print(_row("sympy.diff (baseline)", diff))
    print(_row("sympy.diff + simplify (baseline)", simplified))
    print(_row("diagnosis, first response", first))
    print(_row("diagnosis, further responses", again))
    print(f"ratio at the median: derivation / diff = {statistics.median(ours) / statistics.median(diff):.1f}x, "
          f"derivation / (diff + simplify) = {statistics.median(ours) / statistics.median(simplified):.2f}x")
    target = statistics.median(ours) <= 20
    print(f"target p50 <= 20 ms for the derivation: {'met' if target else 'NOT met'}")
    print("slowest:", "; ".join(f"{t} d{v} {ms:.0f} ms" for ms, t, v in sorted(slowest)[-3:]))


def _engine_instances() -> dict[str, list[tuple[str, dict[str, object]]]]:
    import random

    import test_steps_integrals as integrals
    import test_steps_linalg as linalg
    import test_steps_stats as stats

    rng = random.Random("bench-steps")
    found: dict[str, list[tuple[str, dict[str, object]]]] = {
        "linear algebra": [make(rng) for make in linalg.INSTANCES for _ in range(8)],
        "probability and statistics": [make(rng) for make in stats.INSTANCES for _ in range(6)],
        "integrals": [("integrate(f, x)", {"f": make(rng)}) for make in integrals.FAMILIES.values()
                      for _ in range(6)],
    }
    found["derivatives (diff)"] = [("diff(f, x)", {"f": text}) for text, wrt in CORPUS if wrt == "x"][:60]
    import test_steps_evaluate as evaluate

    found["formulas applied to numbers"] = [make(rng) for make in evaluate.FORMULAS for _ in range(4)]
    found["derivatives at a point (subs)"] = [make(rng) for make in evaluate.POINTS for _ in range(8)]
    return found


def engines() -> None:
    print()
    print("engines of solution_steps (each instance timed cold: SymPy cache cleared)")
    met = True
    for name, instances in _engine_instances().items():
        ours, base = [], []
        for formula, values in instances:
            cold()
            ours.append(_ms(lambda: tutor.solution_steps(formula, **values).hints())[0])
            cold()
            base.append(_ms(lambda: interpreted(formula, **values))[0])
        median, baseline = statistics.median(ours), statistics.median(base)
        met = met and median <= 20
        print(f"{name} ({len(instances)} instances)")
        print("  " + _row("steps + hint ladder", ours))
        print("  " + _row("author interpreter (baseline)", base))
        print(f"  ratio at the median: {median / baseline:.1f}x the bare result")
    print(f"target p50 <= 20 ms per engine: {'met' if met else 'NOT met'}")


def _matrix_instances() -> dict[str, list[tuple[str, dict[str, object], dict[str, str]]]]:
    import random

    import test_steps_matrix_calculus as mc

    rng = random.Random("bench-matrix-steps")
    gradients = [(mc._random_gradient(rng), {"c": 2, "lam": "1/2"}, mc.DECL) for _ in range(40)]
    sums = [(f"diff(1/n sum({rng.choice(mc.SUM_TERMS)}, i, 1, n), {rng.choice(['w', 'b'])})", {}, mc.DATA)
            for _ in range(20)]
    products = [(f"{rng.choice(['transpose', 'inverse'])}({' '.join(rng.sample(mc.FACTORS_OF_PRODUCTS, 3))})",
                 {}, mc.SQUARES) for _ in range(20)]
    entrywise = [(f"gradient({rng.choice(['', '-1/n '])}({rng.choice(mc.ENTRYWISE)}), w)", {}, mc.LOGISTIC)
                 for _ in range(20)]
    import test_steps_likelihood as lk

    likelihoods = [(lk.random_likelihood(rng), {}, lk.DATA) for _ in range(20)]
    logs = [(lk.random_log_likelihood(rng), {}, lk.DATA) for _ in range(20)]
    estimates = [(lk.random_estimate(rng, k)[0], {}, lk.DATA) for k in range(24)]
    import test_steps_matrix_identities as mi
    import test_steps_normal_equations as ne

    identities = [(f"{rng.choice(['norm({})^2', 'covariance({})'])}".format(name), {}, declare)
                  for declare in mi.SHAPES for name in [next(iter(declare))] for _ in range(8)]
    normal = [(f"solve(gradient({rng.choice(ne.LOSSES)}, w), w)", {}, {**ne.LSQ, "lam": "positive"})
              for _ in range(20)]
    return {"gradients by a declared vector": gradients, "entrywise chains (σ, log σ, exp)": entrywise,
            "sums over declared data": sums,
            "transpose and inverse of a product": products,
            "likelihoods over data (prod)": likelihoods, "log-likelihoods (ln of a prod)": logs,
            "maximum-likelihood estimates (argmax)": estimates,
            "data-matrix identities (‖X‖², covariance)": identities,
            "normal equations (solve ∇ = 0)": normal}


def matrix_engines() -> None:
    """Matrix calculus (issue 9): steps + ladder, cold, against the author interpreter (parse with the
    declarations + interpret), cold, in the same run; then a wrong answer's diagnosis."""
    import test_steps_matrix_calculus as mc

    print()
    print("matrix calculus with declarations (each instance timed cold: SymPy cache cleared)")
    met = True
    for name, instances in _matrix_instances().items():
        ours, base, first = [], [], []
        for formula, values, declare in instances:
            cold()
            ours.append(_ms(lambda: tutor.solution_steps(formula, declare=declare, **values).hints())[0])
            cold()
            try:
                base.append(_ms(lambda: mc.interpreted(formula, declare, **values))[0])
            except tutor.TutorError:
                pass   # the author interpreter cannot differentiate σ(X w) entry-wise: no baseline
            known = tutor.solution_steps(formula, declare=declare, **values).candidates
            if known:   # timed on a fresh solution: building its wrong answers is part of the first diagnosis
                fresh = tutor.solution_steps(formula, declare=declare, **values)
                cold()
                first.append(_ms(lambda: fresh.diagnose(known[0].value))[0])
        median = statistics.median(ours)
        met = met and median <= 20
        print(f"{name} ({len(instances)} instances)")
        print("  " + _row("steps + hint ladder", ours))
        whole = len(base) == len(instances)   # a baseline over the same instances, or none
        if whole:
            print("  " + _row("author interpreter (baseline)", base))
        else:
            print(f"  author interpreter (baseline): cannot compute {len(instances) - len(base)} of them "
                  "(σ(X w) entry-wise), so no ratio")
        if len(first) >= 2:
            print("  " + _row("diagnosis, first wrong answer", first))
        if whole:
            print(f"  ratio at the median: {median / statistics.median(base):.1f}x the bare result")
    print(f"target p50 <= 20 ms per engine: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
    engines()
    matrix_engines()
