"""`forbid`: operations an answer may not contain ("compute it"), by the registry's names.

An answer that still contains a forbidden operation is `invalid` (it is not wrong, it is not
finished; it costs nothing) with note FORBIDDEN_OPERATION. Names are those of `tutor.ops`, any
alias; the operation is found in the answer as typed.
"""
from __future__ import annotations

import json
import textwrap

import pytest

import tutor
from tutor.checker.forbid import canonical, used
from tutor.cli import main
from tutor.errors import CheckError, ProblemFileError


@pytest.mark.parametrize("response, expected, forbid", [
    ("exp(3)", "e^3", ["exp"]),
    ("2 exp(x)", "2e^x", ["exp"]),
    ("asin(1/2)", "pi/6", ["arcsin"]),
    ("arcsin(1/2)", "pi/6", ["asin"]),
    ("abs(-3)", "3", ["abs"]),
    ("sqrt(2) + log(8)", "sqrt(2) + 3 log(2)", "log"),
    ("1 + binomial(5, 2)", "11", ["binomial", "factorial"]),
])
def test_an_answer_with_a_forbidden_operation_is_invalid(response, expected, forbid):
    v = tutor.check(response, expected, forbid=forbid)
    assert v.status == "invalid" and v.notes == ("FORBIDDEN_OPERATION",), (v.status, v.notes)
    assert v.feedback.startswith("Compute it: your answer still contains the ")
    assert tutor.check(response, expected).correct    # without forbid it is right


@pytest.mark.parametrize("response, expected, forbid", [
    ("e^3", "e^3", ["exp"]),
    ("pi/6", "pi/6", ["asin"]),
    ("3", "abs(-3)", ["abs"]),
    ("2", "2", ["exp", "log"]),
])
def test_an_answer_without_it_is_judged_as_usual(response, expected, forbid):
    assert tutor.check(response, expected, forbid=forbid).correct


def test_the_message_names_the_operation():
    assert tutor.check("exp(1)", "e", forbid=["exp"]).feedback == \
        "Compute it: your answer still contains the exp."


def test_names_are_the_registry_s_and_aliases_resolve():
    assert canonical(["arcsin", "σ", "arctan"]) == ("asin", "sigmoid", "atan")
    assert used(tutor.parse("σ(0) + arctan(2)").expr, ("sigmoid", "atan")) == ("sigmoid", "atan")


@pytest.mark.parametrize("bad", [["nothing"], 3, [3], ["sqrt"]])
def test_an_unknown_name_is_a_clear_check_error(bad):
    with pytest.raises(CheckError, match="forbid"):
        tutor.check("1", "1", forbid=bad)


def test_the_command_line_takes_forbid(capsys):
    assert main(["check", "exp(0)", "--expected", "1", "--forbid", "exp", "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "invalid" and out["notes"] == ["FORBIDDEN_OPERATION"]


def _problem_file(tmp_path, check: str):
    path = tmp_path / "forbid.toml"
    path.write_text(textwrap.dedent(f'''\
        title = "Forbid"
        description = "An answer that may not use exp."

        [[problems]]
        id = "e-to-zero"
        title = "e to the power 0"
        tags = {{ week = 1, skills = ["exponentials"] }}
        prompt = "Compute e to the power 0."
        answer = "1"
        check = {check}
        '''), encoding="utf-8")
    return path


def test_a_problem_key_forbid(tmp_path):
    instance = tutor.load_problem_set(_problem_file(tmp_path, '{ forbid = ["exp"] }')).problems[0].instantiate(0)
    assert instance.check("exp(0)").status == "invalid"
    assert instance.check("1").correct


def test_a_problem_key_forbid_must_list_names(tmp_path):
    with pytest.raises(ProblemFileError, match="forbid"):
        tutor.load_problem_set(_problem_file(tmp_path, '{ forbid = "exp" }'))


def test_an_unevaluated_derivative_or_integral_is_forbidden_by_the_author_names():
    import sympy

    x = sympy.Symbol("x")
    assert tutor.check(sympy.Derivative(x**2, x), "2x").correct
    v = tutor.check(sympy.Derivative(x**2, x), "2x", forbid=["diff"])
    assert v.status == "invalid" and v.feedback == "Compute it: your answer still contains the derivative."
    assert tutor.check(sympy.Integral(x, x), "x^2/2", forbid=["integrate"]).status == "invalid"
    assert tutor.check(2 * x, "2x", forbid=["diff", "integrate"]).correct


def test_a_sum_or_product_over_an_index_is_forbidden_by_its_author_name():
    data = {"x": "sequence(n)", "p": "positive"}
    expected = "sum(x_i ln(p) + (1 - x_i) ln(1 - p), i, 1, n)"
    handed_back = tutor.check("ln(Π p^(x_i) (1-p)^(1-x_i))", expected, variables=data, forbid=["prod"])
    assert handed_back.status == "invalid" and handed_back.notes == ("FORBIDDEN_OPERATION",)
    assert handed_back.feedback == "Compute it: your answer still contains the product Π."
    assert tutor.check("ln(p) Σ x_i + ln(1 - p) Σ(1 - x_i)", expected, variables=data, forbid=["prod"]).correct
    assert tutor.check("Σ_{k=1}^{3} k", "6", forbid=["sum"]).status == "invalid"


def test_a_forbidden_operation_in_an_anticipated_mistake_names_the_mistake():
    """A product of logarithms (with a Π) is a misconception of the log-likelihood, not an unfinished answer."""
    from pathlib import Path

    from tutor.problems import load_problem_set

    root = Path(__file__).resolve().parents[1] / "problems/probability/likelihood_data.toml"
    (problem,) = [p for p in load_problem_set(root).problems if p.id == "bernoulli-log-likelihood-sum"]
    inst = problem.instantiate(0)
    assert inst.check("ln(prod(p^(x_i) (1 - p)^(1 - x_i), i, 1, n))").status == "invalid"
    mistake = inst.check("Π_{i=1}^{n} (x_i ln(p) + (1 - x_i) ln(1 - p))")
    assert mistake.status == "incorrect" and "BUG:log_product_as_product" in mistake.notes


def test_in_terms_of_takes_no_author_names():
    with pytest.raises(CheckError, match="in_terms_of"):
        tutor.check("1", "1", in_terms_of="diff")
