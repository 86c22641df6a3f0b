"""The budget is kept in the caller's own thread too: the fast path (compiling, probing,
diagnosing) stops at the deadline instead of running on (issue 11, "every budget kept").

The slow path's worker processes are tested in test_checker_budget.py; here, the work that
never leaves the caller's thread. Behaviour is checked, not speed (benchmarks/bench_hostile.py
measures the time over budget): the verdicts a deadline leads to, from threads too.
"""
from __future__ import annotations

import threading
import time

import pytest
import sympy

from tutor import Checker, check, deadline
from tutor.checker.floats import compile_float
from tutor.errors import CheckError

x = sympy.Symbol("x")
POLYNOMIAL = " + ".join(f"{k}x^{k}" for k in range(1, 200))[:1990].rstrip(" +")


def nest(depth: int, fn: str = "sin") -> str:
    return f"{fn}(" * depth + "x" + ")" * depth


def test_tick_raises_only_after_this_threads_deadline():
    deadline.tick()   # no deadline: nothing
    with deadline.keep(time.monotonic() + 60):
        deadline.tick()
    with deadline.keep(time.monotonic() - 1), pytest.raises(deadline.OutOfTime):
        deadline.tick()
    deadline.tick()   # the deadline ended with its block


def test_an_inner_deadline_never_outlives_the_outer_one():
    with deadline.keep(time.monotonic() - 1):
        with deadline.keep(time.monotonic() + 3600), pytest.raises(deadline.OutOfTime):
            deadline.tick()


def test_a_deadline_belongs_to_its_thread():
    seen: list[str] = []

    def other() -> None:
        deadline.tick()
        seen.append("free")

    with deadline.keep(time.monotonic() - 1):
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen == ["free"]


def test_compiling_stops_at_the_deadline():
    big = sympy.Add(*[sympy.sin(k * x) for k in range(1, 50)])
    assert compile_float(big, (x,)) is not None
    with deadline.keep(time.monotonic() - 1), pytest.raises(deadline.OutOfTime):
        compile_float(big, (x,))


def test_an_out_of_time_exception_is_not_swallowed_by_except_exception():
    assert not issubclass(deadline.OutOfTime, Exception)


@pytest.mark.parametrize("depth", [40, 60, 80])
def test_a_deep_nesting_is_judged_without_an_unbounded_diagnosis(depth):
    # sin(sin(…(x))) against sin(x): plainly wrong; saying *how* (is it an antiderivative?)
    # would differentiate it twice, a result the size of depth³, and ran 4-20x past the budget
    verdict = check(nest(depth), "sin(x)", time_budget=1.0)
    assert verdict.status == "incorrect"
    assert verdict.notes == ("NOT_EQUIVALENT",)


def test_the_diagnosis_of_an_ordinary_antiderivative_is_kept():
    assert check("x^4/4", "3x^2").notes == ("INTEGRATED_INSTEAD",)


def test_deep_nestings_from_many_threads_all_come_back_decided():
    out: dict[int, str] = {}

    def run(i: int) -> None:
        out[i] = check(nest(40 + 10 * (i % 5), ("sin", "sqrt", "cos")[i % 3]), "x", time_budget=2.0).status.value

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(out) == list(range(8))
    assert set(out.values()) <= {"incorrect", "undetermined"}


def test_preparing_an_expected_answer_keeps_the_budget():
    with pytest.raises(CheckError, match="time budget"):
        Checker(POLYNOMIAL, time_budget=0.001)
    assert Checker(POLYNOMIAL, time_budget=5).check("x").status == "incorrect"


def test_a_check_past_its_deadline_reports_timeout_not_a_crash():
    c = Checker("x^2 + 1")
    with deadline.keep(time.monotonic() - 1):   # a caller whose own deadline has passed
        verdict = c.check("x^2 + 2")
    assert verdict.status == "undetermined" and verdict.notes == ("TIMEOUT",)


@pytest.mark.parametrize("response, expected, status", [
    # C(n, k) for a negative whole n meets the poles of Γ: (−1)^k C(k − n − 1, k) instead
    ("binomial(-5, 3)", "-35", "correct"),
    ("binomial(-5, 4)", "70", "correct"),
    ("binomial(-5, 10^9)", "1", "incorrect"),
    ("binomial(-5, 10^30)", "0", "incorrect"),
])
def test_binomials_of_negative_whole_numbers_are_numbers(response, expected, status):
    verdict = check(response, expected, time_budget=2.0)
    assert verdict.status == status
    assert "DOMAIN_MISMATCH" not in verdict.notes and "at )" not in verdict.feedback


# ---- the alarm of a worker or a problem instance (tutor.checker.alarm) --------------------------

def test_an_alarm_swallowed_once_still_stops_the_work():
    # an Expired raised while a finalizer runs (during garbage collection) is printed and
    # swallowed there; the alarm repeats, so the work is still stopped (once, it ran for minutes)
    from tutor.checker import alarm

    swallowed, stopped = 0, False
    give_up = time.monotonic() + 3
    try:
        with alarm.limit(time.monotonic() + 0.05):
            while time.monotonic() < give_up:
                try:
                    while time.monotonic() < give_up:
                        pass
                except alarm.Expired:
                    if swallowed:
                        raise
                    swallowed += 1
    except alarm.Expired:
        stopped = True
    assert swallowed == 1 and stopped
    assert alarm.remaining() == float("inf")
    time.sleep(0.12)  # a late repeat after the limit was left interrupts nothing
