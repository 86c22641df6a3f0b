"""Problem files with declared matrices and vectors: `variables` as a table of declarations, author
operations on symbolic matrices (gradient by a vector, transpose, inverse, norm), answers shown and
checked as learners type them."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy

import tutor
from tutor.errors import ProblemFileError
from tutor.linalg.calculus import NotDifferentiable, gradient
from tutor.linalg.declare import declaration
from tutor.problems import load_problem_set
from tutor.problems.render import input_text

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "problems_matrix" / "least_squares.toml"
V = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)", "A": "matrix(d, d)", "B": "matrix(d, d)",
     "b": "vector(d)", "S": "symmetric(d)"}
SHAPES = {name: declaration(text) for name, text in V.items()}
w = sympy.MatrixSymbol("w", sympy.Symbol("d"), 1)


def read(text: str) -> sympy.Basic:
    return tutor.parse(text, shapes=SHAPES, variables=["λ"]).expr


@pytest.mark.parametrize("f, expected", [
    ("‖X w - y‖^2", "2 X^T (X w - y)"),
    ("‖X w - y‖^2 / n", "(2/n) X^T (X w - y)"),
    ("(1/n) ‖X w - y‖^2 + λ ‖w‖^2", "(2/n) X^T (X w - y) + 2 λ w"),
    ("(X w - y)^T (X w - y)", "2 X^T X w - 2 X^T y"),
    ("w^T A w + b^T w + 3", "(A + A^T) w + b"),
    ("w^T S w", "2 S w"),
    ("b^T w", "b"),
    ("(w^T b)^2", "2 (b^T w) b"),
    ("7", "0 w"),
])
def test_the_gradient_by_a_vector(f, expected):
    result = gradient(read(f), w)
    assert tutor.check(expected, result, variables={**V, "λ": "scalar"}).correct, (f, result)
    wrong = f"2 ({expected})" if expected != "0 w" else "w"
    assert not tutor.check(wrong, result, variables={**V, "λ": "scalar"}).correct


@pytest.mark.parametrize("f, words", [
    ("X w", "gradient is of a number"),
    ("‖X w - y‖", "only sums, products, powers and squared norms"),
])
def test_what_cannot_be_differentiated_says_so(f, words):
    with pytest.raises(NotDifferentiable, match=words):
        gradient(read(f), w)


def test_a_problem_file_declares_matrices_and_vectors():
    problem = load_problem_set(FIXTURE).problems[0]
    assert problem.definition.spec.declared() == {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
    instance = problem.instantiate(0)
    assert instance.answer_text == "(2/n) X^T (X w - y)"
    assert instance.check("2/n X^T (X w - y)").correct
    assert instance.check("(2/n) X^T X w - (2/n) X^T y").correct
    shape = instance.check("2/n X (X w - y)")
    assert shape.status.value == "invalid" and "did you mean X^T?" in shape.feedback
    assert "SIGN_ERROR" in instance.check("2/n X^T (y - X w)").notes
    assert instance.check("1/n X^T (X w - y)").status.value == "incorrect"


def test_a_bad_declaration_fails_at_its_key(tmp_path):
    text = FIXTURE.read_text().replace('w = "vector(d)"', 'w = "vektor(d)"')
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ProblemFileError, match="variables.*'vektor\\(d\\)' is not a declaration"):
        load_problem_set(path)


@pytest.mark.parametrize("formula, expected", [
    ("transpose(A B)", "B^T A^T"),
    ("inverse(A B)", "B^(-1) A^(-1)"),
    ("tr(A B)", "tr(B A)"),
    ("norm(X w - y)^2", "(X w - y)^T (X w - y)"),
    ("inverse(X^T X) X^T y", "(X^T X)^(-1) X^T y"),
    ("w - 2 gradient(norm(X w - y)^2 / n, w)", "w - 4/n X^T (X w - y)"),
])
def test_author_operations_compute_with_declared_matrices(tmp_path, formula, expected):
    text = FIXTURE.read_text().replace('answer = "gradient(norm(X w - y)^2 / n, w)"', f'answer = "{formula}"')
    text = text.replace('variables = { X = "matrix(n, d)", w = "vector(d)", y = "vector(n)" }',
                        'variables = { X = "matrix(n, d)", w = "vector(d)", y = "vector(n)", '
                        'A = "matrix(d, d)", B = "matrix(d, d)" }')
    path = tmp_path / "op.toml"
    path.write_text(text)
    instance = load_problem_set(path).problems[0].instantiate(0)
    assert instance.check(expected).correct
    assert instance.check(instance.answer_text).correct


@pytest.mark.parametrize("text", ["(2/n) X^T (X w - y)", "A w + A^T w", "(A B)^(-1)", "tr(A B)", "‖X w - y‖^2/n",
                                  "-(X^T y)", "w^T A w"])
def test_answers_print_as_a_learner_types_them(text):
    expr = read(text)
    assert input_text(expr) == text
    assert tutor.check(input_text(expr), expr, variables=V).correct

