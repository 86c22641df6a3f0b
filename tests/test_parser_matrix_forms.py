"""Forms of machine-learning notation the parser reads with declared shapes: an author operation
whose value is an array used inside a product or sum (``w - eta gradient(f, w)``,
``inverse(X^T X) X^T y``)."""
from __future__ import annotations

import pytest
import sympy

from tutor.errors import ParseError
from tutor.linalg import nodes as la
from tutor.linalg.declare import declarations
from tutor.parser import parse
from tutor.problems.interpreter import AUTHOR_OPS, author_calls, check_calls, interpret

DECL = declarations({"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)", "A": "matrix(d, d)"})
NAMES = ["X", "w", "y", "A", "eta", "n", "d"]
n, d, eta = sympy.symbols("n d eta")
X, w, y = sympy.MatrixSymbol("X", n, d), sympy.MatrixSymbol("w", d, 1), sympy.MatrixSymbol("y", n, 1)


def author(text: str) -> sympy.Basic:
    return parse(text, variables=NAMES, functions=frozenset(AUTHOR_OPS), shapes=DECL).expr


def test_a_gradient_by_a_declared_vector_has_its_shape_inside_a_sum():
    expr = author("w - eta gradient(norm(X w - y)^2/n, w)")
    assert la.is_array(expr) and expr.shape == (d, 1)
    (call,) = [a for a in sympy.preorder_traversal(expr) if isinstance(a, la.ArrayCall)]
    assert call.name == "gradient" and call.shape == (d, 1)
    assert [str(c) for c in author_calls(expr)] == ["gradient(‖X*w - y‖**2/n, w)"]
    check_calls(expr)
    value = interpret(expr, {eta: sympy.Rational(1, 10)})
    expected = sympy.MatAdd(w, sympy.MatMul(sympy.Rational(-1, 5) / n, X.T, sympy.MatAdd(X * w, -y)))
    assert sympy.simplify((value - expected).doit()) == sympy.ZeroMatrix(d, 1)


@pytest.mark.parametrize("text, shape", [
    ("inverse(X^T X) X^T y", (d, 1)),
    ("transpose(X) y", (d, 1)),
    ("gradient(w^T A w, w)^T w", (1, 1)),
])
def test_matrix_operations_of_the_author_language_are_arrays_in_products(text, shape):
    expr = author(text)
    assert (expr.arg if isinstance(expr, la.AsScalar) else expr).shape == shape


def test_a_matrix_operation_of_the_author_language_reads_as_the_learner_language_reads_it():
    learner = parse("(X^T X)^(-1) X^T y", variables=NAMES, shapes=DECL).expr
    assert author("inverse(X^T X) X^T y") == learner


@pytest.mark.parametrize("text, shape", [("tr(A) A", (d, d)), ("norm(w) w", (d, 1))])
def test_a_number_computed_from_arrays_multiplies_an_array(text, shape):
    assert author(text).shape == shape


@pytest.mark.parametrize("text, words", [
    ("gradient(norm(X w - y)^2, w) X", "d×1 and X is n×d, so they cannot be multiplied"),
    ("w - eta gradient(norm(X w - y)^2, X)", "is n×d, so they cannot be added"),
    ("inverse(X) y", "not square"),
])
def test_an_author_call_of_the_wrong_shape_is_refused_with_its_shapes(text, words):
    with pytest.raises(ParseError, match=words):
        author(text)


def test_without_declared_shapes_an_author_call_stays_a_call():
    expr = parse("gradient(x^2, x)", variables=["x"], functions=frozenset(AUTHOR_OPS)).expr
    assert type(expr).__name__ == "gradient"
