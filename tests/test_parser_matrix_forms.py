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
    ("w - eta gradient(norm(X w - y)^2, X)", "is n×d, so one cannot be subtracted from the other"),
    ("inverse(X) y", "not square"),
])
def test_an_author_call_of_the_wrong_shape_is_refused_with_its_shapes(text, words):
    with pytest.raises(ParseError, match=words):
        author(text)


def test_without_declared_shapes_an_author_call_stays_a_call():
    expr = parse("gradient(x^2, x)", variables=["x"], functions=frozenset(AUTHOR_OPS)).expr
    assert type(expr).__name__ == "gradient"


# ----- 1 − y: the number 1 beside a vector is the vector of ones 𝟏, entry by entry

def learner(text: str, **kw):
    return parse(text, variables=NAMES, shapes=DECL, **kw)


@pytest.mark.parametrize("text, ones_first, sign", [
    ("1 - y", True, 1), ("1 + y", True, 1), ("y - 1", False, -1), ("-1 + y", True, -1), ("1.0 - y", True, 1),
])
def test_one_beside_a_vector_is_the_vector_of_ones(text, ones_first, sign):
    parsed = learner(text)
    assert isinstance(parsed.expr, sympy.MatAdd) and parsed.expr.shape == (n, 1)
    ones = [a for a in sympy.preorder_traversal(parsed.expr) if isinstance(a, sympy.OneMatrix)]
    assert ones == [sympy.OneMatrix(n, 1)]
    (note,) = [m for m in parsed.notes if m.code == "ones_vector"]
    assert "vector of ones (n×1)" in note.message and ("−𝟏" in note.message) == (sign == -1 and ones_first)


def test_an_entrywise_expression_and_a_row_take_ones_of_their_shape():
    assert learner("1 - σ(X w)").expr.shape == (n, 1)
    row = parse("1 - r", variables=["r"], shapes=declarations({"r": "row(d)"})).expr
    assert sympy.OneMatrix(1, d) in row.args


@pytest.mark.parametrize("text, words", [
    ("2 - y", "2 is a scalar and y is n×1, so one cannot be subtracted from the other"),
    ("w - eta", "eta is a scalar, so one cannot be subtracted from the other"),
    ("1 - X", "X is n×d, so one cannot be subtracted from the other"),
    ("1 - A", "A is d×d, so one cannot be subtracted from the other"),
    ("eta + 1 - y", "cannot be subtracted"),
])
def test_any_other_number_beside_a_vector_or_one_beside_a_matrix_keeps_its_shape_error(text, words):
    with pytest.raises(ParseError, match=words):
        learner(text)


@pytest.mark.parametrize("text", ["1 - y", "y - 1", "(1 - y)^T log(1 - σ(X w))", "2 (1 - σ(X w)) ⊙ y",
                                  "X^T (1 - y)", "ln(1 - y)"])
def test_the_vector_of_ones_prints_back_as_it_reads_in_text_and_latex(text):
    parsed = learner(text)
    assert learner(parsed.interpreted).expr == parsed.expr
    assert learner(parsed.latex, format="latex").expr == parsed.expr
    assert "mathbb" not in parsed.latex


def test_latex_reads_one_minus_a_vector_as_text_does():
    assert learner(r"1 - \sigma\left(X w\right)", format="latex").expr == learner("1 - σ(X w)").expr


def test_the_preview_shows_how_one_minus_a_vector_was_read():
    from tutor.parser.command import parse_result

    result = parse_result("1 - y", variables=NAMES, shapes=DECL)
    assert result["ok"] and result["interpreted"] == "1 − y"
    assert any("𝟏 − y" in note and "vector of ones" in note for note in result["notes"])


def test_the_author_language_computes_with_the_vector_of_ones():
    expr = author("(1 - y)^T y")
    assert isinstance(expr, la.AsScalar)
    value = interpret(author("transpose(1 - y)"))
    assert value.shape == (1, n)
