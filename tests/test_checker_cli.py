"""``tutor check``: the verdict printed, or its JSON; exit 0 correct, 1 incorrect, 2 invalid,
3 undetermined; a bad option or expected answer is a message and exit 4 (see test_cli_contract)."""
from __future__ import annotations

import io
import json

import pytest

from tutor.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["check", *argv], out=out)
    return code, out.getvalue()


@pytest.mark.parametrize("argv, code", [
    (["2(x+1)", "--expected", "2x+2"], 0),
    (["2x+1", "--expected", "2x+2"], 1),
    (["2x +", "--expected", "2x"], 2),
    (["9^9^9^9", "--expected", "1"], 1),
    (["sin(10^300 x)", "--expected", "sin(x)", "--time-budget", "0.3"], 3),
    (["x^2-1", "--expected", "(x-1)(x+1)", "--form", "factored"], 1),
    (["0.333", "--expected", "1/3", "--rel-tol", "0.01"], 0),
    (["0.333", "--expected", "1/3", "--abs-tol", "0.0001"], 1),
    (["3.14", "--expected", "pi", "--sig-figs", "3"], 0),
    (["3.14", "--expected", "pi", "--decimal-places", "3"], 1),
    (["x^3/3 + C", "--expected", "x^3/3", "--up-to-constant", "x"], 0),
    (["x^2", "--expected", "2x", "--question", "x^2"], 1),
    (["x y", "--expected", "xy", "--var", "x", "--var", "y"], 0),
    (["x", "--expected", "x", "--time-budget", "0.5"], 0),
])
def test_exit_codes(argv, code):
    assert run(*argv)[0] == code


def test_text_output_shows_the_verdict_the_reading_and_the_notes():
    code, text = run("-2x", "--expected", "2x")
    assert code == 1
    assert text.startswith("incorrect: Not quite. Check the sign")
    assert "read as: −2·x" in text
    assert "notes:   SIGN_ERROR" in text


def test_json_output_is_the_verdict_dict():
    code, text = run("2(x+1)", "--expected", "2x+2", "--json")
    data = json.loads(text)
    assert code == 0
    assert data["status"] == "correct" and data["correct"] is True
    assert set(data) == {"status", "correct", "score", "feedback", "notes", "interpreted_as", "latex",
                         "method", "elapsed_ms", "details", "id", "schema"}


def test_invalid_response_prints_the_caret():
    code, text = run("2x +", "--expected", "2x")
    assert code == 2
    assert "^" in text and "PARSE_ERROR" in text


def test_a_bad_option_is_a_message_and_exit_4(capsys):
    assert run("x", "--expected", "x", "--form", "bogus")[0] == 4
    assert "form must be one of" in capsys.readouterr().err


def test_an_unreadable_expected_answer_is_a_message_and_exit_4(capsys):
    assert run("x", "--expected", "2x +")[0] == 4
    assert "expected answer cannot be read" in capsys.readouterr().err


def test_json_latex_is_latex_and_interpretation_is_text_whichever_is_read_first():
    from tutor import check

    verdict = check("1/2x", "x/2")
    assert verdict.interpreted_as == "1/2·x"          # read first: must not overwrite latex
    assert verdict.latex == r"\frac{1}{2} \cdot x"
    data = check("1/2x", "x/2").to_dict()
    assert data["latex"] == r"\frac{1}{2} \cdot x" and data["interpreted_as"] == "1/2·x"
