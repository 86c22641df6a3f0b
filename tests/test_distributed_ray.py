"""`tutor.distributed` on a real local Ray (one for the whole module: Ray starts slowly)."""
from __future__ import annotations

import io
import json

import pytest
import ray

import tutor
from tutor import distributed
from tutor.cli import main

pytestmark = pytest.mark.timeout(300)

PAIRS = [("2(x+1)", "2x + 2"), ("-2x", "2x"), ("2x +", "2x"), ("x", "x +"),
         ("σ(z)(1-σ(z))", "e^(-z)/(1+e^(-z))^2"), ("x < 3", "3 > x"), ("[1, 2]", "[2, 1]")]
ITEMS = [{"id": f"q{i}", "response": r, "expected": e} for i, (r, e) in enumerate(PAIRS * 10)]


@pytest.fixture(scope="module")
def local_ray():
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    if started:
        ray.shutdown()


def summary(result):
    if isinstance(result, tutor.Verdict):
        return (result.id, str(result.status), result.notes, result.feedback)
    return (result.id, "error", str(result.code), result.message)


def test_same_results_in_the_same_order_as_the_core_api(local_ray):
    core = [summary(r) for r in tutor.check_many(ITEMS)]
    spread = [summary(r) for r in distributed.check_many(iter(ITEMS), num_actors=2)]
    assert spread == core and len(spread) == len(ITEMS)


def test_batch_fn_in_ray_data_adds_the_verdict_columns(local_ray):
    rows = [{"id": i["id"], "response": i["response"], "expected": i["expected"],
             "options": '{"form": "factored"}' if n == 0 else ""} for n, i in enumerate(ITEMS[:7])]
    rows[0].update(response="x^2-1", expected="(x-1)(x+1)")
    out = ray.data.from_items(rows).map_batches(distributed.batch_fn, batch_size=4).take_all()
    assert [r["id"] for r in sorted(out, key=lambda r: int(r["id"][1:]))] == [r["id"] for r in rows]
    by_id = {r["id"]: r for r in out}
    assert by_id["q0"]["notes"] == "FORM_NOT_FACTORED" and by_id["q0"]["status"] == "incorrect"
    assert by_id["q1"]["status"] == "incorrect" and by_id["q1"]["notes"] == "SIGN_ERROR"
    assert by_id["q3"]["status"] == "error" and by_id["q3"]["notes"] == "INVALID_EXPECTED"
    assert by_id["q4"]["score"] == 1.0


def test_grade_with_ray_reuses_the_running_ray_and_leaves_it_running(local_ray, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(i) for i in ITEMS[:14]) + "\n{bad\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["grade", str(source), "--ray"], out=out) == 0
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    plain = io.StringIO()
    main(["grade", str(source)], out=plain)
    strip = [{k: v for k, v in r.items() if k != "elapsed_ms"} for r in got]
    assert strip == [{k: v for k, v in json.loads(line).items() if k != "elapsed_ms"}
                     for line in plain.getvalue().splitlines()]
    assert got[-1]["line"] == 15 and ray.is_initialized()


def test_batch_fn_on_a_pandas_batch_without_a_cluster():
    import pandas as pd

    frame = pd.DataFrame({"id": ["a", "b", "c"], "response": ["2x", "x^2-1", "x"],
                          "expected": ["x+x", "(x-1)(x+1)", "x +"],
                          "options": [None, {"form": "factored"}, ""]})
    out = distributed.batch_fn(frame)
    assert list(out["id"]) == ["a", "b", "c"] and list(out.columns[-4:]) == ["status", "score", "feedback", "notes"]
    assert list(out["status"]) == ["correct", "incorrect", "error"]
    assert list(out["notes"]) == ["", "FORM_NOT_FACTORED", "INVALID_EXPECTED"]


def test_latex_and_extraction_travel_to_the_actors(local_ray):
    items = [(r"\boxed{\frac{1}{2}}", "0.5"), (r"So $2x$.", "x + x"), ("no answer", "1")]
    spread = [summary(r) for r in distributed.check_many(items, num_actors=2, extract="auto")]
    assert [s[1] for s in spread] == ["correct", "correct", "invalid"]
    assert spread == [summary(r) for r in tutor.check_many(items, extract="auto")]


def test_batch_fn_reads_format_and_extract_columns():
    import pandas as pd

    frame = pd.DataFrame({"response": [r"\frac{1}{2}", r"Thus \boxed{3}", "x"],
                          "expected": ["1/2", "3", "x"],
                          "format": ["latex", None, "markdown"], "extract": [None, "boxed", None]})
    out = distributed.batch_fn(frame)
    assert list(out["status"]) == ["correct", "correct", "error"]
    assert list(out["notes"])[2] == "UNSUPPORTED_FORMAT"
