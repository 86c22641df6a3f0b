"""Notation of the matrix and data course that learners type: norms with their subscript, the
sans-serif transpose of LaTeX, mean(x) of declared data; and the pseudo-inverse, refused in words
that say what to write instead (rather than 'an unknown function' or 'a matrix in an exponent')."""
from __future__ import annotations

import pytest

from tutor import check
from tutor.errors import ParseError
from tutor.linalg.declare import declarations
from tutor.parser import parse

MATRICES = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
DATA = {"x": "sequence(n)", "p": "positive"}


def read(text: str, shapes: dict[str, str]) -> str:
    return parse(text, shapes=declarations(shapes)).interpreted


@pytest.mark.parametrize("text, same_as", [
    ("‖X‖_F", "‖X‖"),
    ("||X||_F^2", "‖X‖^2"),
    ("‖X‖_{F}^2 + 1", "‖X‖^2 + 1"),
    ("‖X w - y‖_2^2", "‖X w - y‖^2"),
    ("|‖w‖_2 - 1|", "|‖w‖ - 1|"),           # the bar after the subscript closes the outer |…|
    ("‖X‖_F ‖w‖_2", "‖X‖ ‖w‖"),
    (r"\|X\|_F^2", "‖X‖^2"),
    (r"\lVert X w - y \rVert_2^2", "‖X w - y‖^2"),
    (r"\left\| X \right\|_{\mathrm{F}}", "‖X‖"),
])
def test_the_euclidean_and_frobenius_subscripts_read_as_the_norm(text, same_as):
    assert read(text, MATRICES) == read(same_as, MATRICES)


def test_the_preview_says_how_a_norm_subscript_was_read():
    notes = parse("‖X‖_F + ‖w‖_2", shapes=declarations(MATRICES)).notes
    assert [(n.code, n.message) for n in notes] == [
        ("norm_subscript", "read ‖·‖_F as ‖·‖, the Frobenius norm"),
        ("norm_subscript", "read ‖·‖_2 as ‖·‖, the Euclidean norm")]


@pytest.mark.parametrize("text, words", [
    ("‖X‖_2", "spectral norm"),                # a matrix's 2-norm is not its Frobenius norm
    (r"\|X\|_2", "spectral norm"),
    ("‖w‖_1", "not ‖·‖_1"),
    ("‖w‖_∞", "not ‖·‖_∞"),
    (r"\|w\|_\infty", "not ‖·‖_\\infty"),
    ("|3|_2", "only on the norm of a vector or matrix"),
    ("w _1", "A subscript needs a name before it"),
])
def test_other_norms_are_refused_not_read_as_this_one(text, words):
    with pytest.raises(ParseError) as caught:
        parse(text, shapes=declarations(MATRICES))
    assert words in caught.value.message
    assert caught.value.code in ("norm_subscript", "bad_subscript")


def test_a_norm_subscript_changes_no_verdict():
    assert check("‖X w - y‖_2^2", "norm(X w - y)^2", variables=MATRICES).correct
    assert check("‖X‖_F^2", "tr(X^T X)", variables=MATRICES).correct
    assert not check("‖X‖_F", "tr(X^T X)", variables=MATRICES).correct


@pytest.mark.parametrize("text", [r"X^{\mathsf T} y", r"X^{\mathsf{T}} y", r"X^{\mathsf{T}}y"])
def test_the_sans_serif_transpose_of_latex_is_the_transpose(text):
    assert read(text, MATRICES) == read("X^T y", MATRICES)


def test_the_sans_serif_normal_equation_is_checked():
    assert check(r"(X^{\mathsf T} X)^{-1} X^{\mathsf T} y", "inverse(X^T X) X^T y", variables=MATRICES).correct


@pytest.mark.parametrize("text", ["X^+ y", "X^+y", "pinv(X) y", "pinv(X)",
                                  # with nothing after the +, the grammar cannot finish them: these
                                  # said "something is missing after '+'"
                                  "X^+", "(X^+) y", "X^{+}", "X^(+) y", r"\mathbf{X}^{+}",
                                  r"\left(\mathbf{X}^+\right) \mathbf{y}"])
def test_the_pseudo_inverse_is_refused_with_what_to_write(text):
    with pytest.raises(ParseError) as caught:
        parse(text, shapes=declarations(MATRICES))
    assert caught.value.code == "pseudo_inverse"
    assert "(X^T X)^(-1) X^T" in caught.value.message
    assert text[slice(*caught.value.span)].lstrip("(").startswith(("X", "pinv", r"\mathbf", r"\left"))


@pytest.mark.parametrize("text", ["x^+", "X^+"])
def test_a_plus_with_nothing_after_it_is_still_missing_something_for_a_number(text):
    # x is a number here: x^+ is an unfinished power, not a pseudo-inverse
    with pytest.raises(ParseError) as caught:
        parse(text, shapes=declarations({"x": "positive", "X": "scalar"}))
    assert caught.value.code == "missing_operand"


def test_a_power_with_a_plus_sign_is_still_a_power():
    square = {"A": "matrix(d, d)"}
    assert read("A^+2", square) == read("A^2", square)
    assert parse("x^+2").interpreted == parse("x^2").interpreted


@pytest.mark.parametrize("text, typed", [("A²w", "A^2 w"), ("A² w", "A^2 w"), ("2A²", "2 A^2"), ("A¹²", "A^12")])
def test_a_superscript_power_of_a_declared_matrix_reads_as_the_caret_power(text, typed):
    # A² times anything crashed: SymPy was given A² as a noncommutative scalar in a matrix product
    shapes = {"A": "matrix(d, d)", "w": "vector(d)"}
    assert read(text, shapes) == read(typed, shapes)


@pytest.mark.parametrize("text", ["X² w", "X^2 w"])
def test_a_power_of_a_matrix_that_is_not_square_is_refused_however_typed(text):
    with pytest.raises(ParseError) as caught:
        parse(text, shapes=declarations({"X": "matrix(n, d)", "w": "vector(d)"}))
    assert caught.value.message.startswith("X is n×d, not square, so it has no power")


@pytest.mark.parametrize("text, expected", [
    ("mean(x)", "sum(x_i)/n"),
    ("mean(x_i)", "sum(x_i)/n"),
    ("mean(x)(1 - mean(x))", "sum(x_i)/n (1 - sum(x_i)/n)"),
    ("mean(x_i^2) - mean(x)^2", "sum(x_i^2)/n - (sum(x_i)/n)^2"),
])
def test_mean_of_declared_data_is_the_sample_mean(text, expected):
    assert check(text, expected, variables=DATA).correct
    assert not check(f"2 {text}", expected, variables=DATA).correct


def test_mean_of_declared_data_says_how_it_was_read():
    notes = parse("mean(x)", shapes=declarations(DATA)).notes
    assert [n.code for n in notes] == ["mean"] and "(1/n) Σ x_i" in notes[0].message


@pytest.mark.parametrize("text, shapes", [("mean(x)", {}), ("mean(x, 2)", DATA), ("mean(3)", DATA)])
def test_mean_without_data_is_refused_in_words(text, shapes):
    with pytest.raises(ParseError) as caught:
        parse(text, shapes=declarations(shapes) if shapes else None)
    assert caught.value.code == "mean" and "mean(" in caught.value.message
