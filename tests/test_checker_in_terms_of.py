"""The form "in terms of σ": `in_terms_of` names a registry operation the answer must be written
in (it uses it, and the variables inside it appear nowhere outside it); and `tutor lint` warns
where a prompt asks for a form that no option checks."""
from __future__ import annotations

import textwrap

import pytest

import tutor
from tutor.errors import CheckError
from tutor.problems.lint import form_warnings

EXPECTED = "e^(-z)/(1 + e^(-z))^2"


@pytest.mark.parametrize("response, status", [
    ("σ(z)(1 - σ(z))", "correct"),
    ("sigmoid(z) - sigmoid(z)^2", "correct"),
    ("σ(z)·σ(-z)", "correct"),
    (EXPECTED, "incorrect"),
    ("σ(z) e^(-z)/(1 + e^(-z))", "incorrect"),     # z outside σ as well
    ("σ(z)", "incorrect"),                          # not equivalent at all
])
def test_in_terms_of_sigma(response, status):
    v = tutor.check(response, EXPECTED, in_terms_of="sigmoid")
    assert v.status == status, (v.notes, v.feedback)
    if status == "incorrect" and tutor.check(response, EXPECTED).correct:
        assert v.notes == ("FORM_NOT_IN_TERMS_OF",)
        assert v.feedback.endswith("write it in terms of σ.")


def test_other_variables_may_stand_outside():
    assert tutor.check("σ(z) - y", "σ(z) - y", in_terms_of="σ").correct


def test_an_unknown_operation_is_a_check_error():
    with pytest.raises(CheckError, match="in_terms_of"):
        tutor.check("1", "1", in_terms_of="nothing")


def _problem(tmp_path, prompt: str, check: str = "{ }"):
    path = tmp_path / "forms.toml"
    path.write_text(textwrap.dedent(f'''\
        title = "Forms"
        description = "Prompts that ask for a form."

        [[problems]]
        id = "p"
        title = "A form"
        tags = {{ week = 1, skills = ["sigmoid"] }}
        variables = ["z"]
        prompt = "{prompt}"
        answer = "e^(-z)/(1 + e^(-z))^2"
        check = {check}
        '''), encoding="utf-8")
    return tutor.load_problem_set(path).problems[0]


@pytest.mark.parametrize("prompt, check, warned", [
    ("Write the derivative in terms of σ(z).", "{ }", True),
    ("Write the derivative in terms of σ(z).", '{ in_terms_of = "sigmoid" }', False),
    ("Differentiate and simplify.", "{ }", True),
    ("Differentiate and simplify.", '{ form = "simplified" }', False),
    ("Expand the derivative.", "{ }", True),
    ("Give the derivative as a single fraction.", '{ form = "single_fraction" }', False),
    ("Differentiate.", "{ }", False),
])
def test_lint_warns_on_a_form_asked_for_and_not_checked(tmp_path, prompt, check, warned):
    warnings = form_warnings(_problem(tmp_path, prompt, check))
    assert bool(warnings) == warned, warnings


def test_a_problem_checks_in_terms_of_sigma():
    instance = tutor.load_problem_set(
        tutor.problems.default_problem_dirs()[-1] / "calculus" / "logistic_regression.toml").problems[0].instantiate(0)
    assert instance.check("σ(z)(1 - σ(z))").correct
    verdict = instance.check(EXPECTED)
    assert verdict.status == "incorrect" and "FORM_NOT_IN_TERMS_OF" in verdict.notes


def test_no_problem_asks_for_a_form_it_does_not_check():
    from tutor.problems import default_problem_dirs, discover

    for info in discover(default_problem_dirs()):
        for problem in tutor.load_problem_set(info.path).problems:
            assert form_warnings(problem) == (), (info.id, problem.id)
