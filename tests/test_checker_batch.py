"""`check_many`, `acheck`, `acheck_many`: whole checks in the worker pool, in input order, each
result with its item's id; a stuck item is stopped at its budget and the batch goes on; a bad
item yields the shared error record; the verdicts are those of one-by-one checks.
"""
from __future__ import annotations

import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest

import tutor
from tutor.checker.pool import POOL, configure
from tutor.contract import ErrorCode, ErrorRecord
from tutor.errors import CheckError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_check  # noqa: E402


def _key(v):
    return (v.status, v.notes, v.score, v.feedback, v.interpreted_as, v.latex, v.method)


class Stuck:
    """A response whose arrival in a worker never ends (it sleeps while being unpickled), as a
    check stuck in C code would: only killing the worker stops it."""

    def __reduce__(self):
        return (time.sleep, (600,))


def test_results_come_in_input_order_with_their_ids():
    items = [
        ("2(x+1)", "2x + 2"),
        {"id": "b", "response": "x", "expected": "2x"},
        {"id": 3, "response": "x^2 = 4", "expected": "x = 2", "options": {"time_budget": 5}},
        ["x < 3", "3 > x"],
        {"id": "e", "response": "0.333", "expected": "1/3"},
    ] * 3
    results = list(tutor.check_many(items))
    assert [r.id for r in results] == [None, "b", 3, None, "e"] * 3
    assert [str(r.status) for r in results] == ["correct", "incorrect", "incorrect", "correct", "incorrect"] * 3
    assert results[1].to_dict()["id"] == "b"


def test_a_stuck_item_is_stopped_at_its_budget_and_the_batch_goes_on():
    items = [("x", "x"), {"id": "stuck", "response": Stuck(), "expected": "x"}, ("2x", "x + x")]
    start = time.monotonic()
    results = list(tutor.check_many(items, time_budget=0.5))
    assert time.monotonic() - start < 0.5 * 40   # stopped, not waited for (generous: a loaded machine)
    assert [r.correct for r in results] == [True, False, True]
    stuck = results[1]
    assert stuck.id == "stuck" and stuck.status == "undetermined" and stuck.notes == ("TIMEOUT",)
    assert stuck.elapsed_ms < 0.5 * 1000 * 1.5


def test_an_unusable_expected_answer_or_option_yields_the_error_record():
    items = [
        {"id": 1, "response": "x", "expected": "x +"},
        {"id": 2, "response": "x", "expected": "x", "options": {"tolerance": 1}},
        {"id": 3, "response": "x", "expected": "x", "options": "rel_tol=1"},
        {"id": 4, "response": "x", "expected": "x", "format": "markdown"},
        {"id": 5, "response": "x", "expected": "x", "extract": "first"},
        {"id": 6, "response": "x"},
        {"id": 7, "response": "x", "expected": "x", "answer": "x"},
        "x, x",
        ("x", "x"),
    ]
    results = list(tutor.check_many(items))
    errors = [r.to_dict() if isinstance(r, ErrorRecord) else None for r in results]
    assert [e and e["error"]["code"] for e in errors] == [
        "INVALID_EXPECTED", "INVALID_OPTIONS", "INVALID_OPTIONS", "UNSUPPORTED_FORMAT", "UNSUPPORTED_FORMAT",
        "INVALID_ITEM", "INVALID_ITEM", "INVALID_ITEM", None]
    assert errors[0] == {"schema": "tutor.error/1", "id": 1, "error": {
        "code": "INVALID_EXPECTED", "message": "The expected answer cannot be read: Something is missing after '+'.",
        "field": "expected", "span": [2, 3]}}
    assert [e and e["error"].get("field") for e in errors[1:6]] == ["options", "options", "format", "extract",
                                                                    "expected"]
    assert "tolerance" in errors[1]["error"]["message"]
    assert "id" not in errors[7] and results[8].correct


def test_numbers_in_a_batch_are_read_as_typed():
    items = [(4, "2 + 2"), (Fraction(1, 2), "0.5"), (0.25, "1/4"), (None, "1")]
    assert [str(r.status) for r in tutor.check_many(items)] == ["correct", "correct", "correct", "invalid"]


def test_bad_batch_wide_options_raise_at_once():
    with pytest.raises(CheckError, match="tolerance"):
        tutor.check_many([("x", "x")], tolerance=1)
    with pytest.raises(CheckError, match="time_budget"):
        tutor.check_many([("x", "x")], time_budget=-1)


def test_check_many_gives_the_verdicts_of_one_by_one_checks():
    pairs = [(r, e) for r, e, _ in bench_check.pairs()[::3]] + [
        ("x = 2", "x^2 = 4"), ("x^2 < x", "0 < x < 1"), ("s^2 e^(s t) = 0", "s^2 = 0"), ("x^3/3 + C", "x^3/3"),
        ("[1, 2, 3]", "[1, 2, 4]"), ("sqrt(x^2)", "x"), ("{1, 2}", "{2, 1}"), ("(0, 1]", "(0, 1)")]
    alone = [_key(tutor.check(r, e, time_budget=10)) for r, e in pairs]
    together = [_key(v) for v in tutor.check_many(pairs, time_budget=10)]
    assert together == alone


def test_check_many_works_from_many_threads_at_once():
    batches = [[(f"{k}x", f"x*{k}"), (f"{k}x", f"x*{k + 1}"), ("x < 3", "3 > x")] for k in range(2, 8)]
    with ThreadPoolExecutor(max_workers=6) as threads:
        results = list(threads.map(lambda b: [r.correct for r in tutor.check_many(b)], batches))
    assert results == [[True, False, True]] * 6


def test_a_long_generator_is_read_lazily():
    seen: list[int] = []

    def items():
        for k in range(1000):
            seen.append(k)
            yield (f"{k}x", f"{k}x")

    results = tutor.check_many(items())
    assert [next(results).correct for _ in range(3)] == [True] * 3
    results.close()
    assert len(seen) < 200


def test_workers_sets_the_one_pool():
    try:
        assert [r.correct for r in tutor.check_many([("x", "x")] * 3, workers=1)] == [True] * 3
        assert POOL.size == 1
    finally:
        configure(None)


def test_acheck_and_acheck_many_from_asyncio():
    async def main():
        single, also = await asyncio.gather(tutor.acheck("2(x+1)", "2x + 2"), tutor.acheck("x", "2x", time_budget=5))
        many = [(r.id, r.correct) async for r in tutor.acheck_many(
            [{"id": k, "response": f"{k}x", "expected": f"{k}*x"} for k in range(5)])]
        with pytest.raises(CheckError, match="expected answer"):
            await tutor.acheck("x", "x +")
        return single, also, many

    single, also, many = asyncio.run(main())
    assert single.correct and also.notes == ("CONSTANT_FACTOR",)
    assert many == [(k, True) for k in range(5)]


def test_the_error_record_is_one_shape():
    record = ErrorRecord(ErrorCode.INVALID_OPTIONS, "bad", field="options", id="q1")
    assert record.to_dict() == {"schema": "tutor.error/1", "id": "q1",
                                "error": {"code": "INVALID_OPTIONS", "message": "bad", "field": "options"}}
    assert not record.correct


def test_without_worker_processes_a_batch_is_checked_in_this_process(monkeypatch):
    from tutor.checker import batch
    from tutor.checker.pool import Pool

    broken = Pool(workers=1)
    monkeypatch.setattr(batch, "POOL", broken)
    monkeypatch.setattr(sys, "executable", "/no/such/python")   # a sandbox that cannot start processes
    try:
        results = list(tutor.check_many([("2x", "x + x"), ("x", "2x")], time_budget=5))
    finally:
        broken.shutdown()
    assert broken.broken and [str(r.status) for r in results] == ["correct", "incorrect"]
