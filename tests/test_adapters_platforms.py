"""The adapters to PrairieLearn, Gradescope and notebooks, on the platforms' data shapes."""
from __future__ import annotations

import json

import pytest

import tutor
from tutor.adapters import gradescope, prairielearn
from tutor.contract import ErrorCode, ErrorRecord


def pl_data(answer):
    return {"submitted_answers": {"f": answer}, "correct_answers": {"f": "2x cos(x^2)"},
            "partial_scores": {}, "format_errors": {}}


def test_prairielearn_scores_a_right_and_a_wrong_answer():
    data = pl_data("2x·cos(x^2)")
    assert prairielearn.grade(data, "f", data["correct_answers"]["f"]).correct
    assert data["partial_scores"]["f"]["score"] == 1.0 and data["format_errors"] == {}
    data = pl_data("-2x cos(x^2)")
    prairielearn.grade(data, "f", data["correct_answers"]["f"])
    entry = data["partial_scores"]["f"]
    assert entry["score"] == 0.0 and "sign" in entry["feedback"]


def test_prairielearn_unreadable_answer_is_a_format_error_not_a_score():
    for answer in ("2x cos(x^2", "", None):
        data = pl_data(answer)
        data["partial_scores"]["f"] = {"score": 1.0}   # a stale score from an earlier grading
        verdict = prairielearn.grade(data, "f", "2x cos(x^2)")
        assert verdict.status == "invalid"
        assert "f" in data["format_errors"] and "f" not in data["partial_scores"]


def test_prairielearn_passes_options_and_keeps_other_elements():
    data = pl_data("x^2 - 1")
    data["partial_scores"]["g"] = {"score": 0.5}
    prairielearn.grade(data, "f", "x^2 - 1", form="factored")
    assert data["partial_scores"]["f"]["score"] < 1.0 and data["partial_scores"]["g"] == {"score": 0.5}


def test_prairielearn_feedback_never_shows_the_expected_answer():
    data = pl_data("17")
    prairielearn.grade(data, "f", "123456789")
    assert "123456789" not in json.dumps(data["partial_scores"])


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.mark.parametrize("answer", [HOSTILE, "x < " + HOSTILE, "x + <b>1</b>"])
def test_prairielearn_escapes_what_the_student_typed(answer):
    # PrairieLearn renders format_errors and feedback as HTML; the messages quote the input
    data = pl_data(answer)
    prairielearn.grade(data, "f", "2x cos(x^2)")
    shown = json.dumps(data["format_errors"]) + json.dumps(data["partial_scores"])
    assert "<" not in shown and ">" not in shown
    assert "&lt;" in shown


def test_gradescope_results_json(tmp_path):
    results = [tutor.check("2x", "x + x"), tutor.check("x", "2x"),
               ErrorRecord(ErrorCode.INVALID_EXPECTED, "The expected answer cannot be read.", id="q3")]
    path = gradescope.write_results(results, tmp_path / "results.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["score"] == 1.0 and data["max_score"] == 3.0
    assert [t["status"] for t in data["tests"]] == ["passed", "failed", "failed"]
    assert data["tests"][2]["name"] == "q3" and "cannot be read" in data["tests"][2]["output"]
    assert not list(tmp_path.glob("*.part"))


def test_assert_correct_passes_and_fails_with_the_feedback():
    assert tutor.assert_correct("σ(z)(1-σ(z))", "e^(-z)/(1+e^(-z))^2").correct
    with pytest.raises(AssertionError, match="sign"):
        tutor.assert_correct("-2x", "2x")
    with pytest.raises(AssertionError, match="invalid"):
        tutor.assert_correct("2x +", "2x")
    with pytest.raises(tutor.CheckError):
        tutor.assert_correct("x", "x +")
