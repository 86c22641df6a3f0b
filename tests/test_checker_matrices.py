"""Answers built from declared matrices and vectors (issue 9): identities, shape errors, notes, bad input.

Each row: response, expected, declarations, status, and the note the verdict must carry (or None:
then no note is required, but a correct verdict must carry none). The first rows are the issue's
opening table.
"""
from __future__ import annotations

import re

import pytest

from tutor import check
from tutor.errors import CheckError

ML = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)", "b": "scalar"}
SQ = {"A": "matrix(n, n)", "B": "matrix(n, n)", "C": "matrix(n, n)", "x": "vector(n)", "v": "vector(n)",
      "S": "symmetric(n)", "u": "row(n)", "c": "scalar"}
MIX = {"X": "matrix(n, d)", "w": "vector(n)", "A": "matrix(d, d)", "p": "vector(n)", "y": "vector(n)"}
FIX = {"M": "matrix(2, 3)", "N": "matrix(3, 2)", "q": "vector(3)", "r": "vector(2)"}

C, I, N, U = "correct", "incorrect", "invalid", "undetermined"

ROWS = [
    # the opening table (matrix rows)
    ("w X^T", "X^T w", MIX, N, "PARSE_ERROR"),
    ("2/n X (X w - y)", "2/n X^T (X w - y)", ML, N, "PARSE_ERROR"),
    ("(A B)^T", "B^T A^T", SQ, C, None),
    ("X^(-1) y", "(X^T X)^(-1) X^T y", ML, N, "NOT_INVERTIBLE"),
    # least squares and logistic regression, written several ways
    ("2/n X^T (X w - y)", "2 X^T (X w - y)/n", ML, C, None),
    ("(2/n) X^T (X w - y)", "2/n X^T (X w - y)", ML, C, None),
    ("2/n (X^T X w - X^T y)", "2/n X^T (X w - y)", ML, C, None),
    ("-2/n X^T (y - X w)", "2/n X^T (X w - y)", ML, C, None),
    ("2 X^T X w/n - 2 X^T y/n", "2/n X^T (X w - y)", ML, C, None),
    ("1/n X^T (X w - y)", "2/n X^T (X w - y)", ML, I, "CONSTANT_FACTOR"),
    ("2 X^T (X w - y)", "2/n X^T (X w - y)", ML, I, "CONSTANT_FACTOR"),
    ("2/n X^T (y - X w)", "2/n X^T (X w - y)", ML, I, "SIGN_ERROR"),
    ("2/n (X w - y)^T X", "2/n X^T (X w - y)", ML, I, "TRANSPOSED"),
    ("2/n X^T X w", "2/n X^T (X w - y)", ML, I, "NOT_EQUIVALENT"),
    ("1/n X^T (σ(X w) - y)", "X^T (σ(X w) - y)/n", ML, C, None),
    ("1/n X^T (sigmoid(X w) - y)", "1/n X^T (σ(X w) - y)", ML, C, None),
    ("1/n X^T (σ(X w) - y)", "1/n X^T (X w - y)", ML, I, None),
    ("X^T (σ(X w) - y)", "1/n X^T (σ(X w) - y)", ML, I, "CONSTANT_FACTOR"),
    ("(X^T X)^(-1) X^T y", "(X^T X)^(-1) X^T y", ML, C, None),
    ("(X^T X)^{-1} X^T y", "(X^T X)^(-1) X^T y", ML, C, None),
    ("inverse(X^T X) X^T y", "(X^T X)^(-1) X^T y", ML, C, None),
    # ^T glued to the next name, as people type it: X^TX is X^T·X (T·X cannot be an exponent of a matrix)
    ("(X^TX)^-1X^Ty", "(X^T X)^(-1) X^T y", ML, C, None),
    ("2/n X^TXw - 2/n X^Ty", "2/n X^T (X w - y)", ML, C, None),
    ("y^TXw", "w^T X^T y", ML, C, None),
    ("X^TT", "X^T", ML, N, "PARSE_ERROR"),
    ("X^T X^(-1) y", "(X^T X)^(-1) X^T y", ML, N, "NOT_INVERTIBLE"),
    ("(X X^T)^(-1) X^T y", "(X^T X)^(-1) X^T y", ML, N, "PARSE_ERROR"),
    ("X w - y", "X w - y", ML, C, None),
    ("X w + b - y", "X w - y", ML, N, "PARSE_ERROR"),
    ("w - 0.1 · 2/n X^T (X w - y)", "w - 1/5 X^T (X w - y)/n", ML, C, None),
    ("w - 2/n X^T (X w - y)", "w - 1/5 X^T (X w - y)/n", ML, I, None),
    ("‖X w - y‖^2", "(X w - y)^T (X w - y)", ML, C, None),
    ("||X w - y||^2", "(X w - y)^T (X w - y)", ML, C, None),
    ("1/n ‖X w - y‖^2", "1/n (X w - y)^T (X w - y)", ML, C, None),
    ("‖X w - y‖", "(X w - y)^T (X w - y)", ML, I, None),
    ("w^T X^T X w - 2 y^T X w + y^T y", "‖X w - y‖^2", ML, C, None),
    ("w^T X^T X w - y^T X w + y^T y", "‖X w - y‖^2", ML, I, None),
    ("X^T X", "X^T X", ML, C, None),
    ("X X^T", "X^T X", ML, I, "SHAPE_MISMATCH"),
    ("w", "X w", ML, I, "SHAPE_MISMATCH"),
    ("w^T", "w", ML, I, "TRANSPOSED"),
    ("X w", "y", ML, I, "NOT_EQUIVALENT"),
    ("y^T X", "X^T y", ML, I, "TRANSPOSED"),
    # the gradient (turned round) where the step w − η∇L is asked: a row for a column, no more
    ("(2/n) (X w - y)^T X", "w - 1/100 (2/n) X^T (X w - y)", ML, I, "SHAPE_MISMATCH"),
    ("w^T - 1/50 (X w - y)^T X/n", "w - 1/100 (2/n) X^T (X w - y)", ML, I, "TRANSPOSED"),
    ("(X^T y)^T", "y^T X", ML, C, None),
    ("1/n X^T X", "X^T X/n", ML, C, None),
    ("n X^T X", "X^T X", ML, I, "CONSTANT_FACTOR"),
    ("X^T X/n", "X^T X", ML, I, "CONSTANT_FACTOR"),
    ("norm(X w - y)^2", "‖X w - y‖^2", ML, C, None),
    # products of square matrices: order, transpose, inverse
    ("A B", "A B", SQ, C, None),
    ("B A", "A B", SQ, I, "ORDER_SWAPPED"),
    ("A^T B^T", "(A B)^T", SQ, I, "ORDER_SWAPPED"),
    ("B^T A^T", "(A B)^T", SQ, C, None),
    ("(A B C)^T", "C^T B^T A^T", SQ, C, None),
    ("(A B)^(-1)", "B^(-1) A^(-1)", SQ, C, None),
    ("A^(-1) B^(-1)", "(A B)^(-1)", SQ, I, "ORDER_SWAPPED"),
    ("B^{-1} A^{-1}", "(A B)^(-1)", SQ, C, None),
    ("(A^T)^(-1)", "(A^(-1))^T", SQ, C, None),
    ("(A^(-1))^(-1)", "A", SQ, C, None),
    ("A A^(-1)", "I_n", SQ, C, None),
    ("A A^(-1)", "A^(-1) A", SQ, C, None),
    ("A^(-1) A", "I_n", SQ, C, None),
    ("A + I", "I + A", SQ, C, None),
    ("A - 2I", "-(2 I - A)", SQ, C, None),
    ("(A + I)^2", "A^2 + 2A + I", SQ, C, None),
    ("(A + B)^2", "A^2 + 2 A B + B^2", SQ, I, None),
    ("(A + B)^2", "A^2 + A B + B A + B^2", SQ, C, None),
    ("A^2", "A A", SQ, C, None),
    ("A^3", "A A A", SQ, C, None),
    ("A B + A C", "A (B + C)", SQ, C, None),
    ("B A + C A", "A (B + C)", SQ, I, None),
    ("(B + C) A", "B A + C A", SQ, C, None),
    ("A", "A^T", SQ, I, "TRANSPOSED"),
    ("S", "S^T", SQ, C, None),
    ("S^T A S", "S A S", SQ, C, None),
    ("A^T + A", "(A + A^T)^T", SQ, C, None),
    ("(A + A^T) x", "A x + A^T x", SQ, C, None),
    ("2 A x", "(A + A^T) x", SQ, I, None),
    ("2 S x", "(S + S^T) x", SQ, C, None),
    # (A x)ᵀ is xᵀAᵀ, not xᵀA: a column for a row, but not the transpose of the answer
    ("A x", "x^T A", SQ, I, "SHAPE_MISMATCH"),
    ("A^T x", "x^T A", SQ, I, "TRANSPOSED"),
    ("x^T A^T", "(A x)^T", SQ, C, None),
    ("3 A", "A + A + A", SQ, C, None),
    ("c A B", "A (c B)", SQ, C, None),
    ("A c B", "c A B", SQ, C, None),
    ("-A", "A", SQ, I, "SIGN_ERROR"),
    ("0 A", "A - A", SQ, C, None),
    # traces and determinants
    ("tr(A B)", "tr(B A)", SQ, C, None),
    ("tr(A B C)", "tr(C A B)", SQ, C, None),
    ("tr(A B C)", "tr(B A C)", SQ, I, None),
    ("tr(A^T)", "tr(A)", SQ, C, None),
    ("tr(A + B)", "tr(A) + tr(B)", SQ, C, None),
    ("trace(A)", "tr(A)", SQ, C, None),
    ("det(A B)", "det(A) det(B)", SQ, C, None),
    ("det(A^T)", "det(A)", SQ, C, None),
    ("det(A^(-1))", "1/det(A)", SQ, C, None),
    ("det(A + B)", "det(A) + det(B)", SQ, I, None),
    ("x^T A x", "tr(A x x^T)", SQ, C, None),
    ("tr(x x^T)", "x^T x", SQ, C, None),
    # vectors: dot products and norms
    ("x^T v", "v^T x", SQ, C, None),
    ("x·v", "x^T v", SQ, C, None),
    ("dot(x, v)", "x^T v", SQ, C, None),
    ("x^T x", "‖x‖^2", SQ, C, None),
    ("‖x‖^2", "dot(x, x)", SQ, C, None),
    ("‖x‖", "sqrt(x^T x)", SQ, C, None),
    ("‖2x‖", "2‖x‖", SQ, C, None),
    ("‖-x‖", "‖x‖", SQ, C, None),
    ("x^T A x", "x·(A x)", SQ, C, None),
    ("x^T A x + c", "c + x^T A x", SQ, C, None),
    ("x^T (A + A^T) x", "2 x^T A x", SQ, C, None),
    ("x x^T", "x^T x", SQ, I, "SHAPE_MISMATCH"),
    ("u x", "x^T u^T", SQ, C, None),
    ("u^T", "x", SQ, C, None) if False else ("x^T", "u", SQ, I, None),
    ("diag(x) v", "x ⊙ v", SQ, C, None),
    ("x ⊙ v", "v ⊙ x", SQ, C, None),
    ("exp(x) ⊙ v", "diag(v) exp(x)", SQ, C, None),
    ("σ(x)", "σ(x)", SQ, C, None),
    ("1/(1 + exp(-x))", "σ(x)", SQ, N, "PARSE_ERROR"),
    ("A x ⊙ v", "v ⊙ (A x)", SQ, C, None),
    ("x ⊙ A", "x", SQ, N, "PARSE_ERROR"),
    ("log(exp(x))", "x", SQ, C, None),
    ("exp(x)", "x", SQ, I, None),
    ("σ(A x)", "σ(A x)", SQ, C, None),
    ("σ(x) ⊙ (1 - σ(x))", "σ(x) ⊙ σ(-x)", SQ, C, "ONES_VECTOR"),   # 1 − σ(x): the vector of ones minus σ(x)
    ("σ(x) ⊙ (1 - σ(x))", "σ(x) ⊙ σ(x)", SQ, I, "ONES_VECTOR"),
    # fixed sizes
    ("M N", "M N", FIX, C, None),
    ("N M", "M N", FIX, I, "SHAPE_MISMATCH"),
    ("M q", "M q", FIX, C, None),
    ("q^T M^T", "M q", FIX, I, "TRANSPOSED"),
    ("M r", "M q", FIX, N, "PARSE_ERROR"),
    ("r^T M q", "q^T M^T r", FIX, C, None),
    ("(M N)^(-1)", "(M N)^(-1)", FIX, C, None),
    ("(N M)^(-1) N", "N (M N)^(-1)", FIX, I, "NOT_INVERTIBLE"),
    ("det(M N)", "det(M N)", FIX, C, None),
    ("det(M)", "det(M N)", FIX, N, "PARSE_ERROR"),
    ("tr(M N)", "tr(N M)", FIX, C, None),
    # shape errors and bad input: invalid, with a message
    ("A x + x^T", "A x", SQ, N, "PARSE_ERROR"),
    ("A + x", "A", SQ, N, "PARSE_ERROR"),
    ("A + 1", "A", SQ, N, "PARSE_ERROR"),
    ("x + 1", "x", SQ, I, "ONES_VECTOR"),      # 1 beside a vector: the vector of ones (𝟏 + x)
    ("x + 2", "x", SQ, N, "PARSE_ERROR"),
    ("1 - σ(X w)", "σ(-X w)", ML, C, "ONES_VECTOR"),
    ("1 - y", "-(y - 1)", ML, C, "ONES_VECTOR"),
    ("(1 - y)^T log(1 - σ(X w))", "(1 - y)^T log(σ(-X w))", ML, C, "ONES_VECTOR"),
    ("(1 - y)^T log(1 - σ(X w))", "(1 - y)^T log(σ(X w))", ML, I, "ONES_VECTOR"),
    (r"1 - \sigma(X w)", "σ(-X w)", ML, C, "ONES_VECTOR"),
    ("2 - y", "1 - y", ML, N, "PARSE_ERROR"),
    ("w - b", "w", ML, N, "PARSE_ERROR"),
    ("1 - X", "X", ML, N, "PARSE_ERROR"),
    ("A/x", "A", SQ, N, "PARSE_ERROR"),
    ("1/A", "A^(-1)", SQ, N, "PARSE_ERROR"),
    ("x^(-1)", "x", SQ, N, "NOT_INVERTIBLE"),
    ("x^2", "x", SQ, N, "PARSE_ERROR"),
    ("A^x", "A", SQ, N, "PARSE_ERROR"),
    ("A^(1/2)", "A", SQ, N, "PARSE_ERROR"),
    ("2^A", "A", SQ, N, "PARSE_ERROR"),
    ("sin(A)", "A", SQ, C, None) if False else ("sqrt(A x)", "A x", SQ, N, "PARSE_ERROR"),
    ("tr(x)", "x", SQ, N, "PARSE_ERROR"),
    ("det(x)", "c", SQ, N, "PARSE_ERROR"),
    ("tr(c)", "c", SQ, N, "PARSE_ERROR"),
    ("dot(x, A)", "x", SQ, N, "PARSE_ERROR"),
    ("dot(x)", "x", SQ, N, "PARSE_ERROR"),
    ("diag(A)", "A", SQ, N, "PARSE_ERROR"),
    ("A B +", "A B", SQ, N, "PARSE_ERROR"),
    ("(A B", "A B", SQ, N, "PARSE_ERROR"),
    ("A x = v", "A x", SQ, N, None),
    ("A < B", "A B", SQ, N, "PARSE_ERROR"),
    ("|A x", "A x", SQ, N, "PARSE_ERROR"),
    ("I + 2I", "A", SQ, N, "PARSE_ERROR"),
    ("A", "c", SQ, I, "SHAPE_MISMATCH"),
    ("c", "A", SQ, I, "SHAPE_MISMATCH"),
    ("x^T x", "x", SQ, I, "SHAPE_MISMATCH"),
    ("Z", "A", SQ, I, "SHAPE_MISMATCH"),
]


@pytest.mark.parametrize("response, expected, variables, status, note", ROWS,
                         ids=[f"{k}:{r[0]}|{r[1]}" for k, r in enumerate(ROWS)])
def test_row(response, expected, variables, status, note):
    verdict = check(response, expected, variables=variables)
    assert verdict.status == status, (verdict.feedback, verdict.notes)
    if note is not None:
        assert note in verdict.notes, (verdict.feedback, verdict.notes)
    if status == C:
        assert verdict.notes == (() if note is None else (note,))


def test_the_shape_message_names_both_factors_and_the_fix():
    verdict = check("2/n X (X w - y)", "2/n X^T (X w - y)", variables=ML)
    assert "X (X w − y): X is n×d and X w − y is n×1, so they cannot be multiplied; did you mean X^T?" \
        in verdict.feedback


def test_a_difference_whose_shapes_do_not_fit_is_quoted_as_typed():
    """The message quoted w + … for w − …: the learner's own minus must be shown."""
    verdict = check("w - 2/n (X w - y)^T X", "w - 2/n X^T (X w - y)", variables=ML)
    assert verdict.status == "invalid"
    assert "w − 2/n (X w − y)^T X: w is d×1 and 2/n (X w − y)^T X is 1×d, so one cannot be subtracted from " \
        "the other; did you mean to transpose one of them?" in verdict.feedback


def test_e_to_a_vector_points_to_the_entry_wise_exponential():
    verdict = check("1/n X^T (1/(1 + e^(-X w)) - y)", "1/n X^T (σ(X w) - y)", variables=ML)
    assert verdict.status == "invalid" and "write exp(…), as in exp(−X w)" in verdict.feedback
    assert check("e^(w^T w)", "exp(w^T w)", variables=ML).correct


def test_an_expected_answer_whose_shapes_do_not_fit_is_a_check_error():
    with pytest.raises(CheckError, match="not square, so it has no inverse"):
        check("(X^T X)^(-1) X^T y", "X^(-1) y", variables=ML)


def test_feedback_never_shows_a_value_of_the_expected_answer():
    for response, expected, variables, status, _ in ROWS:
        if status == I:
            text = check(response, expected, variables=variables).feedback
            # no number computed at a point, no matrix of values, no expected answer spelled out
            assert re.search(r"\d\.\d", text) is None and "[" not in text
            assert len(expected) < 4 or expected not in text


@pytest.mark.parametrize("variables, match", [
    ({"X": "matrix(n)"}, "takes 2 dimensions"),
    ({"X": "matrix(n, d, k)"}, "takes 2 dimensions"),
    ({"X": "tensor(n)"}, "is not a declaration"),
    ({"X": "vector(0)"}, "a dimension is a whole number"),
    ({"X": "vector(n + 1)"}, "a dimension is a whole number"),
    ({"X": "vector(__import__('os'))"}, "is not a declaration"),
    ({"X": 3}, "must be text"),
    ({"n": "vector(n)"}, "also used as a dimension"),
    ({"x": "positive(3)"}, "takes no dimensions"),
])
def test_bad_declarations_are_check_errors(variables, match):
    with pytest.raises(CheckError, match=match):
        check("x", "x", variables=variables)


def test_contradictory_assume_and_variables_is_a_check_error():
    with pytest.raises(CheckError, match="give one declaration"):
        check("x", "x", variables={"x": "positive"}, assume={"x": "negative"})
    with pytest.raises(CheckError, match="give one declaration"):
        check("X", "X", variables={"X": "matrix(2, 2)"}, assume={"X": "positive"})


def test_scalar_words_in_variables_act_as_assume():
    assert check("sqrt(x^2)", "x", variables={"x": "positive"}).correct
    assert not check("sqrt(x^2)", "x", variables={"x": "scalar"}).correct
    assert check("sqrt(x^2)", "x", variables={"x": "positive"}).notes == \
        check("sqrt(x^2)", "x", assume={"x": "positive"}).notes


def test_a_list_of_names_keeps_meaning_scalars():
    assert check("B A", "A B", variables=["A", "B"]).correct
    assert check("w X^T", "X^T w", variables="X w").status != "invalid"


def test_an_undeclared_capital_stays_a_scalar():
    assert check("B A", "A B", variables={"A": "matrix(n, n)", "B": "scalar"}).correct
    assert check("I + 1", "1 + I").correct


def test_interpreted_text_shows_the_matrix_notation():
    verdict = check("2/n X^T (X w - y)", "2/n X^T (X w - y)", variables=ML)
    assert verdict.interpreted_as == "2/n·X^T·(X·w − y)"
    assert check("‖x‖^2", "x^T x", variables=SQ).interpreted_as == "‖x‖²"


def test_the_command_line_declares_with_var(capsys):
    from tutor.cli import main

    code = main(["check", "B A", "--expected", "A B", "--var", "A=matrix(n,n)", "--var", "B=matrix(n, n)"])
    assert code == 1 and "ORDER_SWAPPED" in capsys.readouterr().out
    assert main(["check", "x", "--expected", "x", "--var", "X=matrix(n"]) == 4


@pytest.mark.parametrize("response, status, notes", [
    ("w = (X^T X)^(-1) X^T y", C, ("VALUE_AS_EQUATION",)),
    ("w = (X^TX)^{-1} X^T y", C, ("VALUE_AS_EQUATION",)),
    ("w = X^T y", I, ("NOT_EQUIVALENT",)),
    ("w = -(X^T X)^(-1) X^T y", I, ("SIGN_ERROR",)),
    ("w = X^T y y^T", N, ("PARSE_ERROR",)),
    ("w = 3", N, ("PARSE_ERROR",)),
])
def test_a_vector_named_on_the_left_of_its_value_is_judged_by_its_value(response, status, notes):
    verdict = check(response, "(X^T X)^(-1) X^T y", variables=ML)
    assert (verdict.status, verdict.notes) == (status, notes), verdict.feedback


def test_a_shape_is_named_with_the_article_it_is_read_with():
    """'an n×n matrix' (en by en), 'a d×1 column' — not 'a n×n matrix'."""
    square = {"A": "matrix(n, n)", "B": "matrix(n, n)"}
    verdict = check("tr(A)", "A B", variables=square)
    assert "should be an n×n matrix" in verdict.feedback and "a n×n" not in verdict.feedback


@pytest.mark.parametrize("response, expected, said", [
    ("[y^4 + 5, 4x y^3 - 1]", "[21, 31]", "These entries are numbers, but yours depend on x and y."),
    ("[2x, 31]", "[21, 31]", "This entry is a number, but yours depends on x."),
    ("[2, 4]", "[2x, 2y]", "Numbers are not enough in these entries: they depend on x and y."),
    ("[1, 4]", "[2x, 4]", "A number is not enough in this entry: it depends on x."),
])
def test_entries_of_the_wrong_kind_are_spoken_of_as_entries(response, expected, said):
    verdict = check(response, expected)
    assert said in verdict.feedback and "The answer is a number" not in verdict.feedback
