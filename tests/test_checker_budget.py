"""The time budget holds from any thread, whatever the input: slow work runs in a worker
process that is killed at the deadline, and hostile input is refused before it is computed.

(Times are measured in benchmarks/bench_check.py; here the behaviour is checked: the right
verdicts come back, from threads too, and a killed worker is replaced.)
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tutor import check
from tutor.checker import Checker
from tutor.checker.pool import run_task

POLYNOMIAL = " + ".join(f"{k}x^{k}" for k in range(1, 200))[:1990].rstrip(" +")


def test_a_task_past_its_deadline_is_killed_and_the_worker_replaced():
    assert run_task("ping", (), time.monotonic() + 60) == ("ok", "pong")
    assert run_task("spin", (60,), time.monotonic() + 0.3) is None
    assert run_task("ping", (), time.monotonic() + 60) == ("ok", "pong")


def test_a_task_that_fails_reports_an_error_not_an_exception():
    status, text = run_task("prove_equal", ("not sympy", 1), time.monotonic() + 60)
    assert status == "error" and "Error" in text


@pytest.mark.parametrize("response, expected, status", [
    # decided by magnitude, never computed: a huge constant is not an ordinary value
    ("9^9^9^9", "1", "incorrect"),
    ("(10^100)!", "2", "incorrect"),
    ("9^9^9^9", "x", "incorrect"),
    ("2", "(10^100)!", "incorrect"),
    ("9^9^9^9", "9^9^9^9", "correct"),
    ("9^(-9^9^9)", "0", "undetermined"),   # tiny, not huge: no magnitude argument applies
    ("x^(10^10)", "x^(10^10)", "correct"),
    ("x^(10^10)", "x^(10^10+1)", "incorrect"),
    ("(" * 200 + "x" + ")" * 200, "x", "invalid"),
    (POLYNOMIAL, "x", "incorrect"),
    ("(x+1)^3000 - (x-1)^3000", "6000x^2999", "incorrect"),
    ("e^(e^(e^(e^x)))", "1", "incorrect"),
])
def test_hostile_input_gets_a_verdict(response, expected, status):
    verdict = check(response, expected, time_budget=1.0)
    assert verdict.status == status, verdict.feedback


MATRICES = {"A": "matrix(2, 2)", "w": "vector(2)", "λ": "scalar"}
HUGE_BESIDE_MATRICES = [
    # SymPy's matrix arithmetic multiplies out the numbers it is given: 9^9^9 A 9^9^9 computed 9^(2·9^9)
    "9^9^9 A 9^9^9", "9^9^9 w 9^9^9", "9^9^9 Aᵀ 9^9^9", "9^9^9 σ(w) 9^9^9", "λ 66^50^50 ∞ A",
    "9^9^9 [1, 2] 9^9^9", "[9^9^9, 1] 9^9^9", "[[9^9^9, 1], [1, 1]]^2", "[1, 2]/9^9^9",
    "9^9^9 [[1, 2], [3, 4]] [[9^9^9, 0], [0, 1]]", "(10^100)! A", "[(10^100)!, 1] (10^100)!",
    "det A 2 (0.1)^(10^6)",     # the argument of a bare det, a product of its own
]
HUGE_ANSWERS = [
    # 9^(9^9.35) is kept unevaluated, but its 60-digit approximation is a float of 800 million
    # digits, which was written out as a fraction to compare it with a decimal
    ("9^9^9.35", "7.35", "incorrect"), ("0.5", "9^9^9.35", "incorrect"), ("0.5", "9^9^9^9.35", "incorrect"),
    # SymPy orders a set's elements by value on sight: a set holding a number too large to compute
    # is refused, as an interval is (LaTeX of such a set once computed 7.0^(10^(10^6)), and
    # 9^9^9182 ± 7.35 computed 9^(9^9182))
    ("182 ± 9^9^9.35", "182 ± 7.35", "invalid"), ("182 ± 7.^10^(10^6)π", "182 ± 7.35", "invalid"),
    ("9^9^9182 ± 7.35", "182 ± 7.35", "invalid"), ("{9^9^9182 - 1, 2}", "{1, 2}", "invalid"),
    # the diagnosis multiplied out −9^(9^91) to compare its terms
    ("-9^9^91", "-2", "incorrect"), ("-9^9^91", "x - 2", "incorrect"),
    # SymPy compares the ends of an interval, and the sets of a union, on sight
    ("(9^9^97, 9^9^9!]", "(0, 1]", "invalid"), ("[0, 9^9^9] ∪ [1, 2]", "[0, 2]", "invalid"),
    # a tower whose exponent is known to pass 10^300, though not a whole number, is too large
    # (it was "unknown" to the parser's judgement), and so is e or π to such a power
    ("9^10^3^7.5", "7", "incorrect"), ("2.665", "e^(10^400)", "incorrect"), ("π^(10^400)", "x", "incorrect"),
    # a sum holding a huge number is SymPy's own sum, in SymPy's order: the same both ways round
    ("9^9^9 + x", "x + 9^9^9", "correct"), ("x + (y + 9^9^9)", "x + y + 9^9^9", "correct"),
    ("e^(10^400) x", "x e^(10^400)", "correct"),
]
CHECK_EACH = """
import json, sys
from tutor import check
for response, expected, options in json.loads(sys.argv[1]):
    verdict = check(response, expected, time_budget=1.0, **(options or {})).to_dict()    # every field
    print(json.dumps([verdict["status"], verdict["feedback"]]), flush=True)
"""


def _checked_in_a_process(cases: list[tuple[str, str, dict | None]]) -> list[tuple[str, str]]:
    # each case: (response, expected, the check's options or None)
    """The status and feedback of each check, run in a process of its own: SymPy computing a giant
    power holds the interpreter, so a hang could not be stopped from a thread of this one."""
    try:
        done = subprocess.run([sys.executable, "-c", CHECK_EACH, json.dumps(cases)], capture_output=True,
                              text=True, timeout=90)
        lines = done.stdout.splitlines()
    except subprocess.TimeoutExpired as out:
        lines = (out.stdout or b"").decode().splitlines()
    results = [tuple(json.loads(line)) for line in lines]
    assert len(results) == len(cases), f"never returned: {cases[len(results)]}"
    return results


def test_a_huge_number_beside_a_matrix_is_invalid_and_never_computed():
    results = _checked_in_a_process([(response, "A", {"variables": MATRICES}) for response in HUGE_BESIDE_MATRICES])
    for response, (status, feedback) in zip(HUGE_BESIDE_MATRICES, results):
        assert status == "invalid" and "10,000 digits" in feedback, response


HUGE_COMPLEX = ["9^9^9i", "9^9^9 j + 1", "(10^100)! i"]


def test_a_huge_number_times_i_is_never_computed_in_complex_mode():
    # i read as the imaginary unit rebuilt 9^9^9·i evaluated, and SymPy computed 9^9^9 (a hang)
    results = _checked_in_a_process([(r, "3 + 4i", {"complex_numbers": True}) for r in HUGE_COMPLEX])
    assert [status for status, _ in results] == ["undetermined"] * len(HUGE_COMPLEX)


def test_a_huge_answer_gets_its_verdict_and_is_never_computed_to_read_compare_or_diagnose_it():
    results = _checked_in_a_process([(response, expected, None) for response, expected, _ in HUGE_ANSWERS])
    for (response, expected, status), (got, _) in zip(HUGE_ANSWERS, results):
        assert got == status, (response, expected)


EVALUATE_A_HUGE_FACTOR_BESIDE_A_MATRIX = """
import sympy
from tutor.parser.evaluate import evaluate
huge = sympy.Pow(66, sympy.Pow(50, 50, evaluate=False), evaluate=False)
root = sympy.MatPow(sympy.ImmutableMatrix([[1, 2], [3, 4]]), sympy.S.Half)
kept = evaluate(sympy.Mul._from_args((sympy.Symbol("λ"), huge, sympy.oo, root)))
print(sympy.Pow(66, 50 ** 50, evaluate=False) in kept.args and kept.args[-1] == root)
"""


def test_evaluation_keeps_a_huge_factor_beside_a_matrix_as_it_stands():
    # Mul(..., evaluate=False) with a matrix factor still becomes a MatMul that asks whether the
    # other factors are zero; asked of λ·66^(50^50)·∞, SymPy computed the power (for ever)
    try:
        done = subprocess.run([sys.executable, "-c", EVALUATE_A_HUGE_FACTOR_BESIDE_A_MATRIX],
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("evaluating never returned")
    assert done.stdout.split() == ["True"], done.stderr


def test_a_slow_proof_runs_out_of_time_and_says_so():
    verdict = check("sin(10^300 x)", "sin(x)", time_budget=0.5)
    assert verdict.status == "undetermined"
    assert verdict.notes == ("TIMEOUT",)


def test_the_budget_is_kept_from_a_worker_thread():
    out: list = []
    thread = threading.Thread(target=lambda: out.append(check("sin(10^300 x)", "sin(x)", time_budget=0.5)))
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert out[0].status == "undetermined"


MIXED = [
    ("σ(x)(1 - σ(x))", "e^(-x)/(1 + e^(-x))^2"), ("x = 2", "x^2 = 4"), ("x^2 < x", "0 < x < 1"),
    ("2(x+1)", "2x+2"), ("sqrt(x^2)", "x"), ("[1, 2, 3]", "[1, 2, 4]"), ("x^3/3 + C", "x^3/3"),
    ("s^2 e^(s t) = 0", "s^2 = 0"), ("0.333", "1/3"), ("log(a) + log(b)", "log(a b)"),
] * 3


def test_checks_from_many_threads_agree_with_checks_from_one():
    # a generous budget: this is about agreement, and a loaded machine must not turn a
    # decision into a time-out (budgets have tests of their own)
    alone = [(check(r, e, time_budget=20).status, check(r, e, time_budget=20).notes) for r, e in MIXED]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda pair: check(*pair, time_budget=20), MIXED))
    assert [(v.status, v.notes) for v in together] == alone


def test_one_checker_serves_many_threads():
    checker = Checker("2x(wx - y)", variables=["w", "x", "y"])
    answers = ["2x(wx-y)", "2(w x - y) x", "-2(y - w x) x", "(w x - y) x", "2(y - w x) x"] * 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(checker.check, answers))
    assert [v.correct for v in verdicts] == [True, True, True, False, False] * 8


def test_gamma_is_never_asked_for_more_bits_than_it_computes_in_a_moment(monkeypatch):
    # mpmath works out Γ's Taylor coefficients anew for each precision it is asked: 5 s at 4096
    # bits, in one call no deadline can interrupt. Probing this fuzzed answer (a cancelling sum
    # beside a factorial) asked for it, and the check overran its 1 s budget fourfold.
    from mpmath import libmp

    from tutor.ops.mp import GAMMA_MOST_BITS

    asked: list[int] = []
    gamma = libmp.mpf_gamma

    def counting(v, prec, *rest):
        asked.append(prec)
        return gamma(v, prec, *rest)

    monkeypatch.setattr(libmp, "mpf_gamma", counting)
    verdict = check("2n X!^T (X w10^(10^6)- y)", "2/n X^T (X w - y)", domain="strict", time_budget=1.0)
    assert verdict.status == "incorrect"
    assert asked and max(asked) <= GAMMA_MOST_BITS
