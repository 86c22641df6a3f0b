"""Sums and products over data and over an index (issue 9): notation, identities, bad input.

Each row: response, expected, variables (None: no declarations), status, and a note the verdict
must carry (or None). The first rows are the issue's opening table.
"""
from __future__ import annotations

import pytest

from tutor import check, parse

D = {"x": "sequence(n)", "y": "sequence(n)", "w": "scalar", "b": "scalar", "p": "positive"}
C, I, N = "correct", "incorrect", "invalid"

ROWS = [
    # the opening table (sum rows)
    ("2/n sum((w x_i + b - y_i) x_i, i, 1, n)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, C, None),
    ("Σ_{i=1}^{n} x_i", "sum(x_i, i, 1, n)", D, C, None),
    # the MSE gradient, written several ways
    ("(2/n) Σ_{i=1}^{n} x_i (w x_i + b - y_i)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, C, None),
    ("2/n Σ_{i=1}^{n} (w x_i^2 + b x_i - x_i y_i)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, C, None),
    ("2/n (w Σ x_i^2 + b Σ x_i - Σ x_i y_i)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, C, None),
    ("1/n Σ_{i=1}^{n} x_i (w x_i + b - y_i)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, I, "CONSTANT_FACTOR"),
    ("2/n Σ_{i=1}^{n} (w x_i + b - y_i)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, I, None),
    ("2/n Σ_{i=1}^{n} x_i (y_i - w x_i - b)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, I, "SIGN_ERROR"),
    ("2 Σ_{i=1}^{n} x_i (w x_i + b - y_i)", "2/n sum((w x_i + b - y_i) x_i, i, 1, n)", D, I, "CONSTANT_FACTOR"),
    ("2/n Σ_{i=1}^{n} (w x_i + b - y_i)", "2/n sum(w x_i + b - y_i, i, 1, n)", D, C, None),
    ("2/n (w Σ x_i + n b - Σ y_i)", "2/n sum(w x_i + b - y_i, i, 1, n)", D, C, None),
    ("2/n (w Σ x_i + b - Σ y_i)", "2/n sum(w x_i + b - y_i, i, 1, n)", D, I, None),
    # spellings of the operators
    ("∑ x_i", "Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ x_i", "Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ_i x_i", "Σ_{i=1}^{n} x_i", D, C, None),
    ("∑_{i=1}^{n} x_i", "Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ_{j=1}^{n} x_j", "Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ_{i=1}^{n} x_{i}", "Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ(x_i, i, 1, n)", "Σ_{i=1}^{n} x_i", D, C, None),
    ("sum(x_i, i)", "Σ_{i=1}^{n} x_i", D, C, None),
    # one argument in call brackets: over the declared data, as Σ x_i is
    ("Σ(1 - x_i)", "n - Σ_{i=1}^{n} x_i", D, C, None),
    ("sum(x_i)/n", "Σ_{i=1}^{n} x_i/n", D, C, None),
    ("ln(p) Σ x_i + ln(1 - p) Σ(1 - x_i)", "sum(x_i ln(p) + (1 - x_i) ln(1 - p), i, 1, n)", D, C, None),
    ("Σ (x_i log p + (1 - x_i) log(1 - p))", "sum(x_i ln(p) + (1 - x_i) ln(1 - p), i, 1, n)", D, C, None),
    ("prod(p^(x_i))", "p^(Σ x_i)", D, C, None),
    ("Σ(p)", "n p", D, N, "PARSE_ERROR"),
    ("Σ_{i=2}^{n} x_i", "Σ_{i=1}^{n} x_i", D, I, None),
    ("Σ_{i=1}^{n-1} x_i", "Σ_{i=1}^{n} x_i", D, I, None),
    ("Σ_{i=1}^{n} x_i + Σ_{i=1}^{n} y_i", "Σ_{i=1}^{n} (x_i + y_i)", D, C, None),
    ("Σ_{i=1}^{n} x_i y_i", "Σ_{i=1}^{n} x_i Σ_{i=1}^{n} y_i", D, I, None),
    ("1/n Σ x_i", "Σ_{i=1}^{n} x_i / n", D, C, None),
    ("Σ_{i=1}^{n} (x_i - 1/n Σ_{j=1}^{n} x_j)^2", "Σ x_i^2 - (Σ x_i)^2/n", D, C, None),
    ("Σ_{i=1}^{n} 3 x_i", "3 Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ_{i=1}^{n} c", "n c", D, C, None),
    # the Bernoulli likelihood and log-likelihood
    ("Π_{i=1}^{n} p^(x_i) (1-p)^(1-x_i)", "prod(p^(x_i) (1-p)^(1-x_i), i, 1, n)", D, C, None),
    ("∏ p^(x_i) (1-p)^(1-x_i)", "Π_{i=1}^{n} p^(x_i) (1-p)^(1-x_i)", D, C, None),
    ("p^(Σ x_i) (1-p)^(n - Σ x_i)", "Π_{i=1}^{n} p^(x_i) (1-p)^(1-x_i)", D, C, None),
    ("p^(Σ x_i) (1-p)^(Σ x_i)", "Π_{i=1}^{n} p^(x_i) (1-p)^(1-x_i)", D, I, None),
    ("Σ_{i=1}^{n} (x_i log(p) + (1-x_i) log(1-p))", "log(∏ p^(x_i) (1-p)^(1-x_i))", D, C, None),
    ("log(p) Σ x_i + log(1-p) (n - Σ x_i)", "Σ_{i=1}^{n} (x_i ln(p) + (1-x_i) ln(1-p))", D, C, None),
    ("log(p) Σ x_i + log(1-p) Σ x_i", "Σ_{i=1}^{n} (x_i ln(p) + (1-x_i) ln(1-p))", D, I, None),
    ("Π_{i=1}^{n} p", "p^n", D, C, None),
    # closed forms, no declarations: bounds are whole numbers 1 … 7
    ("sum(k, k, 1, n)", "n(n+1)/2", None, C, None),
    ("Σ_{k=1}^{n} k", "n^2/2 + n/2", None, C, None),
    ("sum(k^2, k, 1, n)", "n(n+1)(2n+1)/6", None, C, None),
    ("sum(k^2, k, 1, n)", "n(n+1)/2", None, I, None),
    ("Σ_{k=1}^{n} 1/(k(k+1))", "1 - 1/(n+1)", None, C, None),
    ("sum(2^k, k, 0, n)", "2^(n+1) - 1", None, C, None),
    ("sum(2^k, k, 1, n)", "2^(n+1) - 1", None, I, None),
    ("prod(k, k, 1, n)", "n!", None, C, None),
    ("Π_{k=1}^{n} 2", "2^n", None, C, None),
    ("sum(1, k, 1, n)", "n", None, C, None),
    ("Σ_{k=0}^{n} k", "n(n+1)/2", None, C, None),
    ("sum(k, k, 1, 10)", "55", None, C, None),
    ("prod(k, k, 1, 5)", "120", None, C, None),
    ("sum(k, k, 1, 10)", "56", None, I, None),
    # the i-th example, the mean, names with a hat
    ("Σ_{i=1}^{n} x^{(i)}", "Σ_{i=1}^{n} x_i", D, C, None),
    ("x^{(1)} + x^{(2)}", "x_1 + x_2", D, C, None),
    ("x̄", "1/n Σ x_i", D, C, None),
    ("n x̄", "Σ_{i=1}^{n} x_i", D, C, None),
    ("Σ_{i=1}^{n} (x_i - x̄)^2", "Σ x_i^2 - n x̄^2", D, C, None),
    ("Σ_{i=1}^{n} (x_i - x̄)", "0", D, C, None),
    ("Σ_{i=1}^{n} (x_i - x̄)^2", "Σ x_i^2 - x̄^2", D, I, None),
    ("1/n Σ_{i=1}^{n} (x_i - x̄)(y_i - ȳ)", "1/n Σ x_i y_i - x̄ ȳ", D, C, None),
    ("ŷ - y", "ŷ - y", None, C, None),
    ("y - ŷ", "ŷ - y", None, I, "SIGN_ERROR"),
    # bad input
    ("Σ_{i=1}^{n} z_i", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("Σ_{i=1}^{n}", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("Σ_{i=1} x_i", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("Σ_{i=1}^{n+} x_i", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("Σ_{ii=1}^{n} x_i", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("sum(x_i, i, 1)", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("sum(x_i, 2, 1, n)", "Σ_{i=1}^{n} x_i", D, N, "PARSE_ERROR"),
    ("sum(k, k, 1, n)", "n(n+1)/2", {"n": "integer"}, C, None),
]


@pytest.mark.parametrize("response, expected, variables, status, note", ROWS,
                         ids=[f"{k}:{r[0]}|{r[1]}" for k, r in enumerate(ROWS)])
def test_row(response, expected, variables, status, note):
    verdict = check(response, expected, variables=variables) if variables else check(response, expected)
    assert verdict.status == status, (verdict.feedback, verdict.notes)
    if note is not None:
        assert note in verdict.notes, (verdict.feedback, verdict.notes)
    if status == C:
        assert verdict.notes == ()


def test_an_undeclared_datum_under_an_index_says_how_to_declare_it():
    verdict = check("Σ_{i=1}^{n} z_i", "Σ_{i=1}^{n} x_i", variables=D)
    assert "declare z as sequence(n)" in verdict.feedback


def test_a_sum_without_bounds_runs_over_the_sequence_with_a_note():
    from tutor.linalg.declare import declarations

    parsed = parse("∑ x_i", shapes=declarations({"x": "sequence(n)"}))
    assert [n.code for n in parsed.notes] == ["sum_bounds"]
    assert parsed.interpreted == "Σ_{i=1}^{n} x_i"


def test_sigma_alone_is_a_name():
    # Σ a covariance matrix: without a subscript, brackets or data after it, it is a name
    assert parse("Σ + 1").interpreted == "Σ + 1"
    assert check("Σ x", "x Σ").correct


def test_sum_reads_back_from_its_interpretation():
    from tutor.linalg.declare import declarations

    shapes = declarations(D)
    first = parse("2/n sum((w x_i + b - y_i) x_i, i, 1, n)", shapes=shapes)
    again = parse(first.interpreted.replace("·", "*"), shapes=shapes)
    assert check(again.text, first.text, variables=D).correct


def test_a_power_with_a_bracketed_index_is_a_power_unless_declared():
    from tutor.linalg.declare import declarations

    parsed = parse("z^{(i)}", shapes=declarations({"x": "sequence(n)"}))
    assert parsed.interpreted == "z^i"
    assert [n.code for n in parsed.notes] == ["power_not_example"]
    assert "declare z as sequence(n)" in parsed.notes[0].message


def test_one_argument_in_call_brackets_needs_declared_data():
    """Σ(f) runs over the declared sequence f uses; without declared data there is nothing to run over."""
    with pytest.raises(Exception, match="takes the term, the index and the two bounds"):
        parse("sum(x_i)")
    assert [n.code for n in parse("Σ(1 - x_i)", variables=["n"], shapes=_shapes()).notes] == ["sum_bounds"]


def _shapes():
    from tutor.linalg.declare import declarations

    return declarations({"x": "sequence(n)"})
