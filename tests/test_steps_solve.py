"""`solution_steps`: the outermost author operation chooses the engine; values in every accepted form."""
from __future__ import annotations

import io
import subprocess
import sys
from fractions import Fraction

import pytest
import sympy

import tutor
from steps_oracle import interpreted
from tutor.cli import main
from tutor.errors import StepError
from tutor.problems.interpreter import AUTHOR_OPS
from tutor.steps import Derivation, Gradient, Hessian, Solution
from tutor.steps.solve import OPERATIONS, solution_steps


def test_every_operation_with_steps_is_an_author_operation():
    assert set(OPERATIONS) <= set(AUTHOR_OPS)


def test_the_public_verb_and_the_examples_of_the_issue():
    assert tutor.solution_steps("det([[3, 2], [1, 4]])").result == 10
    assert tutor.solution_steps("inverse(A)", A="[[4, 7], [2, 6]]").result == sympy.Matrix(
        [[sympy.Rational(3, 5), sympy.Rational(-7, 10)], [sympy.Rational(-1, 5), sympy.Rational(2, 5)]])
    d = tutor.solution_steps("diff(x^2 sin(x), x)")
    assert isinstance(d, Derivation) and d.steps.rule == "product"


@pytest.mark.parametrize("value", ["[[4, 7], [2, 6]]", sympy.Matrix([[4, 7], [2, 6]]),
                                   sympy.ImmutableMatrix([[4, 7], [2, 6]]), [[4, 7], [2, 6]]])
def test_matrix_values_as_text_sympy_or_rows(value):
    assert solution_steps("det(A)", A=value).result == 10


def test_scalar_values_as_int_fraction_text_or_sympy():
    for c in (2, Fraction(2), "2", sympy.Integer(2), "4/2"):
        assert solution_steps("det(c A)", c=c, A="[[1, 2], [3, 4]]").result == -8
    assert solution_steps("det(c A)", c=Fraction(1, 2), A="[[2, 0], [0, 2]]").result == 1


def test_multi_letter_and_indexed_names():
    s = solution_steps("solve(e1, e2, x, y)", e1="2x + y = 5", e2="x - y = 1")
    assert s.result.T.tolist() == [[2, 1]]


def test_diff_gradient_and_hessian_keep_the_interface():
    for formula, values, kind in [("diff(f, x)", {"f": "x^2 sin(x)"}, Derivation),
                                  ("gradient(f, x, y)", {"f": "x^2 y + y^3"}, Gradient),
                                  ("hessian(f, x, y)", {"f": "x^2 y + y^3"}, Hessian)]:
        worked = solution_steps(formula, **values)
        assert isinstance(worked, kind)
        expected = interpreted(formula, **values)
        assert sympy.simplify(sympy.Matrix([worked.result]) - sympy.Matrix([expected])).is_zero_matrix
        assert worked.render() and worked.latex() and worked.hints()
        assert worked.diagnose(worked.result) is None


def test_a_gradient_and_a_hessian_are_diagnosed_at_their_first_wrong_entry():
    g = solution_steps("gradient(x^3 + y^2, x, y)")
    assert g.diagnose("[3x^3, 2y]").bug == "power_keep_exponent"
    h = solution_steps("hessian(x^3 y, x, y)")
    assert h.result.tolist() == [[6 * sympy.Symbol("x") * sympy.Symbol("y"), 3 * sympy.Symbol("x") ** 2],
                                 [3 * sympy.Symbol("x") ** 2, 0]]
    assert h.diagnose("[[6 x^2 y, 3x^2], [3x^2, 0]]").bug == "power_keep_exponent"


def test_arithmetic_on_engine_calls_is_worked_call_by_call():
    s = solution_steps("dot(a, b) / (norm(a) norm(b))", a="[1, 2]", b="[3, 4]")
    assert isinstance(s, Solution) and s.root.rule == "formula"
    assert [c.rule for c in s.root.children] == ["dot", "norm", "norm"]
    assert sympy.simplify(s.result - interpreted("dot(a, b) / (norm(a) norm(b))", a="[1, 2]", b="[3, 4]")) == 0
    # a mistake inside a call is carried through the formula
    assert solution_steps("abs(det(A))", A="[[1, 2], [3, 4]]").diagnose("10").bug == "det_ad_plus_bc"


def test_unusable_formulas_get_a_clear_message():
    with pytest.raises(StepError, match="no operation with steps"):
        solution_steps("x + 1")
    with pytest.raises(StepError, match="takes 1"):
        solution_steps("det(A, B)", A="[[1]]", B="[[1]]")
    with pytest.raises(StepError, match="cannot be read"):
        solution_steps("det(A)", A="[[1, 2], [3")
    with pytest.raises(StepError, match="not a bool"):
        solution_steps("det(A)", A=True)
    with pytest.raises(tutor.ParseError):
        solution_steps("det(")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["steps", *argv], out=out), out.getvalue()


def test_the_command_line_takes_a_formula_and_values():
    code, out = run("inverse(A)", "--let", "A=[[4, 7], [2, 6]]")
    assert code == 0 and out.splitlines()[-1] == "Answer: inverse([[4, 7], [2, 6]]) = [[3/5, −7/10], [−1/5, 2/5]]"
    code, out = run("det(A)", "--let", "A=[[3, 2], [1, 4]]", "--diagnose", "14")
    assert code == 1 and "[det_ad_plus_bc at step 0]" in out
    code, out = run("det(A)", "--let", "A=[[3, 2], [1, 4]]", "--hints")
    assert code == 0 and out.splitlines()[-1].endswith("= 10")
    code, out = run("diff(x^2, x)")
    assert code == 0 and "Answer: d/dx x² = 2x" in out
    code, out = run("det(A)", "--let", "A")
    assert code == 2 and "NAME=VALUE" in out


def test_importing_the_engines_stays_light():
    code = ("import sys, tutor.steps.solve; "
            "bad = [m for m in ('prompt_toolkit', 'tutor.repl', 'tutor.checker', 'tutor.problems') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_derivative_answer_two_misconceptions_explain_names_both():
    diagnosis = tutor.derivative_steps("e^(3x + 1)", "x").diagnose("e^(3x + 1)")
    assert diagnosis.bug == "chain_drop_inner"                   # the most specific stays first
    assert [d.bug for d in diagnosis.alternatives] == ["constant_factor_lost"]
    assert "could be any of them" in diagnosis.message
    assert diagnosis.alternatives[0].message in diagnosis.message
