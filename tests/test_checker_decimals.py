"""The decimal policy (`../shared/design/checking.md`, README "Decimals"): a decimal typed for an
exact answer is correct when it is that answer correctly rounded (half up) to the figures typed,
with at least 4 significant figures (note APPROXIMATE); fewer figures are incorrect
(TOO_FEW_FIGURES); ``form="exact"`` demands the exact value; authors' tolerances come first;
vectors, matrices and sets entry by entry. A decimal is never reported as exactly an
irrational number."""
from __future__ import annotations

import pytest
import sympy

import tutor

C, I, V = "correct", "incorrect", "invalid"
APPROX, FEW = "APPROXIMATE", "TOO_FEW_FIGURES"

ROWS: list[tuple[str, str, dict, str, str | None]] = [
    # response, expected, options, status, a note that must be there (None: no notes at all)
    ("0.5263", "10/19", {}, C, APPROX),
    ("0.52632", "10/19", {}, C, APPROX),
    ("0.526316", "10/19", {}, C, APPROX),
    ("0.5264", "10/19", {}, I, "CLOSE"),
    ("0.52631", "10/19", {}, I, "CLOSE"),            # truncated, not rounded
    ("0.526", "10/19", {}, I, FEW),
    ("0.53", "10/19", {}, I, FEW),
    ("0.5", "10/19", {}, I, FEW),
    ("0.3333", "1/3", {}, C, APPROX),
    ("0.333", "1/3", {}, I, FEW),
    ("0.33", "1/3", {}, I, FEW),
    ("0.3", "1/3", {}, I, FEW),
    ("0.3333333333", "1/3", {}, C, APPROX),
    ("0.3334", "1/3", {}, I, "CLOSE"),
    ("0.6667", "2/3", {}, C, APPROX),
    ("0.6666", "2/3", {}, I, "CLOSE"),               # truncated
    ("0.667", "2/3", {}, I, FEW),
    ("0.1429", "1/7", {}, C, APPROX),
    ("0.142857", "1/7", {}, C, APPROX),
    ("0.1428", "1/7", {}, I, "CLOSE"),
    # negative numbers
    ("-0.5263", "-10/19", {}, C, APPROX),
    ("-0.3333", "-1/3", {}, C, APPROX),
    ("-0.333", "-1/3", {}, I, FEW),
    ("0.5263", "-10/19", {}, I, None),
    ("-0.5263", "10/19", {}, I, None),
    ("−0.6667", "-2/3", {}, C, APPROX),              # a typographic minus
    # leading zeros are not significant
    ("0.0001234", "1234/10^7 + 1/10^11", {}, C, APPROX),
    ("0.0001235", "1234/10^7 + 1/10^11", {}, I, None),
    ("0.000123", "1234/10^7 + 1/10^11", {}, I, FEW),
    ("0.003333", "1/300", {}, C, APPROX),
    ("0.00333", "1/300", {}, I, FEW),
    ("0.0003333", "1/3000", {}, C, APPROX),
    # trailing zeros are significant after the point
    ("2.500", "5/2", {}, C, None),                   # exactly the value: no note
    ("0.1250", "1/8", {}, C, None),
    ("1.000", "1000/999", {}, I, None),              # 1.001 to 4 figures
    ("1.001", "1000/999", {}, C, APPROX),
    ("1.0010", "1000/999", {}, C, APPROX),
    ("1.00100", "1000/999", {}, C, APPROX),          # 1.001001… to 6 figures
    ("1.0010010", "1000/999", {}, C, APPROX),
    ("1.0010", "1001/1000 + 1/10^5", {}, C, APPROX),
    ("0.9999", "1", {}, I, "CLOSE"),                 # 1 is exact: no rounding to make
    ("2.0000", "2 + 1/10^6", {}, C, APPROX),
    ("2.000", "2 + 1/10^6", {}, C, APPROX),
    ("2.00", "2 + 1/10^6", {}, I, FEW),
    # scientific notation
    ("5.263e-1", "10/19", {}, C, APPROX),
    ("5.263E-1", "10/19", {}, C, APPROX),
    ("1.235e3", "1234.5", {}, C, APPROX),            # half up
    ("1.234e3", "1234.5", {}, I, None),
    ("3.333e-5", "1/30000", {}, C, APPROX),
    ("3.33e-5", "1/30000", {}, I, FEW),
    ("3.333*10^-5", "1/30000", {}, C, APPROX),
    # percentages
    ("52.63%", "10/19", {}, C, APPROX),
    ("52.6%", "10/19", {}, I, FEW),
    ("33.33%", "1/3", {}, C, APPROX),
    ("33.34%", "1/3", {}, I, None),
    # irrational values: correctly rounded decimals are approximate, never exact
    ("1.414", "sqrt(2)", {}, C, APPROX),
    ("1.4142", "sqrt(2)", {}, C, APPROX),
    ("1.41", "sqrt(2)", {}, I, FEW),
    ("1.415", "sqrt(2)", {}, I, "CLOSE"),
    ("3.142", "pi", {}, C, APPROX),
    ("3.1416", "pi", {}, C, APPROX),
    ("3.1415", "pi", {}, I, "CLOSE"),
    ("3.14", "pi", {}, I, FEW),
    ("2.718", "e", {}, C, APPROX),
    ("0.6931", "log(2)", {}, C, APPROX),
    ("-0.7071", "-1/sqrt(2)", {}, C, APPROX),
    (str(sympy.N(sympy.pi, 40)), "pi", {}, C, APPROX),
    (str(sympy.N(sympy.pi, 400)), "pi", {}, C, APPROX),
    # vectors, matrices and sets: entry by entry
    ("[0.1429, 0.8571]", "[1/7, 6/7]", {}, C, APPROX),
    ("[0.1429, 0.8572]", "[1/7, 6/7]", {}, I, "WRONG_ENTRIES"),
    ("[0.143, 0.857]", "[1/7, 6/7]", {}, I, FEW),
    ("[1/7, 0.8571]", "[1/7, 6/7]", {}, C, APPROX),
    ("[0.1430, 0.8571]", "[1/7, 6/7]", {}, I, "WRONG_ENTRIES"),
    ("[-0.3333, 0.6667]", "[-1/3, 2/3]", {}, C, APPROX),
    ("[[0.3333, 1], [2, 0.6667]]", "[[1/3, 1], [2, 2/3]]", {}, C, APPROX),
    ("[[0.3333, 1], [2, 0.667]]", "[[1/3, 1], [2, 2/3]]", {}, I, FEW),
    ("[[0.7071, -0.7071], [0.7071, 0.7071]]", "[[1/sqrt(2), -1/sqrt(2)], [1/sqrt(2), 1/sqrt(2)]]", {}, C, APPROX),
    ("{0.3333, 0.6667}", "{1/3, 2/3}", {}, C, APPROX),
    ("{0.3333, 0.667}", "{1/3, 2/3}", {}, I, FEW),
    # comma lists (in any order, or ordered) and intervals (endpoint by endpoint): item by item
    ("0.3333, 0.6667", "1/3, 2/3", {}, C, APPROX),
    ("0.6667, 0.3333", "1/3, 2/3", {}, C, APPROX),
    ("0.3333, 0.6667", "1/3, 2/3", {"ordered": True}, C, APPROX),
    ("0.333, 0.6667", "1/3, 2/3", {}, I, FEW),
    ("1.414, -1.414", "sqrt(2), -sqrt(2)", {}, C, APPROX),
    # numbers SymPy keeps as they stand, which are not too large to compute: a whole number to an
    # irrational power (2^√2 was judged a tower too large to compute) and a factorial of a fraction
    ("2.665", "2^sqrt(2)", {}, C, APPROX),
    ("2.664", "2^sqrt(2)", {}, I, "CLOSE"),
    ("1.3293", "1.5!", {}, C, APPROX),
    ("0.8930", "(1/3)!", {}, C, APPROX),
    ("3.203", "3^(2^(1/12))", {}, C, APPROX),
    ("[0.3333, 0.6667]", "[1/3, 2/3]", {}, C, APPROX),
    ("(0.3333, 0.6667]", "(1/3, 2/3]", {}, C, APPROX),
    ("(0.333, 0.6667]", "(1/3, 2/3]", {}, I, FEW),
    # form="exact" demands the exact value
    ("0.5263", "10/19", {"form": "exact"}, I, "CLOSE"),
    ("10/19", "10/19", {"form": "exact"}, C, None),
    ("1.414", "sqrt(2)", {"form": "exact"}, I, None),
    # authors' tolerances take precedence
    ("0.5263", "10/19", {"rel_tol": 1e-6}, I, "CLOSE"),
    ("0.53", "10/19", {"rel_tol": 0.01}, C, "WITHIN_TOLERANCE"),
    ("0.5", "10/19", {"abs_tol": 0.05}, C, "WITHIN_TOLERANCE"),
    ("0.526", "10/19", {"sig_figs": 3}, C, None),
    ("0.5263", "10/19", {"sig_figs": 3}, I, "WRONG_SIG_FIGS"),
    ("0.53", "10/19", {"decimal_places": 2}, C, None),
    # exact decimals and what is not a decimal are unchanged
    ("0.5", "1/2", {}, C, None),
    ("10/19", "10/19", {}, C, None),
    ("1", "1", {}, C, None),
    ("0.99999999", "1", {}, I, "CLOSE"),
    ("0.5263 x", "10/19 x", {}, I, None),            # expressions are not rounded numbers
]


@pytest.mark.parametrize("response, expected, options, status, note", ROWS,
                         ids=[f"{r[0][:30]}~{r[1]}{'+' if r[2] else ''}" for r in ROWS])
def test_decimal_policy(response: str, expected: str, options: dict, status: str, note: str | None) -> None:
    v = tutor.check(response, expected, **options)
    assert v.status.value == status, (v.status, v.notes, v.feedback)
    if note is None:
        assert APPROX not in v.notes and FEW not in v.notes, v.notes
        if status == C:
            assert v.notes == (), v.notes
    else:
        assert note in v.notes, v.notes


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 60


def test_too_few_figures_says_what_to_do() -> None:
    v = tutor.check("0.333", "1/3")
    assert "give at least 4 significant figures or the exact value" in v.feedback.lower()


def test_a_decimal_is_never_reported_as_exactly_an_irrational_number() -> None:
    for digits in (4, 15, 60, 400):
        v = tutor.check(str(sympy.N(sympy.sqrt(2), digits)), "sqrt(2)")
        assert v.status.value == C and APPROX in v.notes, (digits, v.notes)


def test_approximate_feedback_quotes_no_value() -> None:
    for response, expected in (("0.5264", "10/19"), ("0.333", "1/3"), ("0.5263", "10/19")):
        feedback = tutor.check(response, expected).feedback
        assert not any(ch.isdigit() and ch != "4" for ch in feedback), feedback
