"""A learner's feedback never gives the expected answer away.

`feedback` may say how an answer is wrong (a sign, a constant factor, a constant added, where
it goes wrong and what the learner's own answer is there) but never a value computed from the
expected answer: its value at a point, the ratio or the difference of the two answers. The
numbers these checks would have quoted are computed here independently and looked for in
the feedback.
"""
from __future__ import annotations

import re
from fractions import Fraction

import pytest
import sympy

from tutor import check

x = sympy.Symbol("x")

# (response, expected): wrong answers that get a counterexample, a factor or a constant
WRONG = [
    ("2x", "4x^3 + 4x^2 + 3x - 4"),
    ("x^2", "x^3"),
    ("2 sin(x)", "sin(x)"),
    ("x^2/2", "x^2"),
    ("3x^2", "x^2"),
    ("x^2 + 3", "x^2"),
    ("x^2 - 1", "x^2"),
    ("e^x + 7/2", "e^x"),
    ("σ(x)", "σ(x)(1 - σ(x))"),
    ("ln(x) + 5", "ln(x)"),
]

_NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:/\d+)?")


def _numbers(text: str) -> set[Fraction]:
    found = set()
    for token in _NUMBER.findall(text):
        found.add(Fraction(token.replace("−", "-")))
    return found




@pytest.mark.parametrize("response,expected", WRONG)
def test_feedback_quotes_nothing_computed_from_the_expected_answer(response, expected):
    verdict = check(response, expected)
    assert verdict.status == "incorrect", verdict.feedback
    quoted = _numbers(verdict.feedback)
    e = _as_sympy(expected)
    r = _as_sympy(response)
    leaks: set[Fraction] = set()
    for point in (Fraction(1), Fraction(2), Fraction(1, 2), Fraction(-1), Fraction(3, 2)):
        ev = _value(e, point)
        rv = _value(r, point)
        if ev is not None:
            leaks |= _near(ev)
        if ev is not None and rv is not None:
            leaks |= _near(rv - ev)
            if ev:
                leaks |= _near(rv / ev)
    typed = _numbers(response) | {Fraction(0), Fraction(1), Fraction(2), Fraction(-1)}
    bad = {q for q in quoted if q in leaks and q not in typed and q not in _own_values(r)}
    assert not bad, f"{verdict.feedback!r} quotes {sorted(bad)} computed from the expected answer"


def _as_sympy(text: str) -> sympy.Expr:
    from tutor import parse
    return parse(text).expr


def _value(expr: sympy.Expr, point: Fraction) -> float | None:
    try:
        v = complex(expr.subs(x, sympy.Rational(point.numerator, point.denominator)).evalf(30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return v.real if abs(v.imag) < 1e-12 and v.real == v.real else None


def _near(v: float) -> set[Fraction]:
    """The ways a printer could show `v`: as a fraction, and rounded to 2–6 decimals."""
    out = {Fraction(v).limit_denominator(1000)}
    for digits in range(0, 7):
        out.add(Fraction(str(round(v, digits))))
    for sig in range(1, 7):
        out.add(Fraction(f"{v:.{sig}g}") if "e" not in f"{v:.{sig}g}" else Fraction(0))
    return out


def _own_values(r: sympy.Expr) -> set[Fraction]:
    """The response's own values at the points a counterexample may name: quoting them is fine."""
    own: set[Fraction] = set()
    for point in (Fraction(1), Fraction(2), Fraction(1, 2), Fraction(-1), Fraction(3, 2), Fraction(0)):
        v = _value(r, point)
        if v is not None:
            own |= _near(v)
    return own


def test_a_constant_factor_and_an_added_constant_are_named_without_their_value():
    factor = check("6x^2", "x^2")
    assert "CONSTANT_FACTOR" in factor.notes and "6" not in factor.feedback.replace("6x", "")
    added = check("x^2 + 7", "x^2")
    assert "ADDED_CONSTANT" in added.notes and "7" not in added.feedback


def test_the_values_go_to_the_instructors_details_and_reveal_shows_them():
    quiet = check("6x^2", "x^2")
    assert quiet.details == ("The response is 6 times the expected answer.",)
    assert quiet.to_dict()["details"] == list(quiet.details)
    shown = check("6x^2", "x^2", reveal=True)
    assert shown.feedback.endswith("The response is 6 times the expected answer.")
    point = check("2x", "4x^3 + 4x^2 + 3x - 4")
    assert point.details == ("At x = 1 the response is 2 and the expected answer is 7.",)
    assert "7" not in point.feedback


def test_a_batch_and_the_command_line_carry_the_details(capsys):
    import json

    from tutor import check_many
    from tutor.cli import main
    [batch] = list(check_many([("x^2 + 7", "x^2")]))
    assert batch.details == ("The response minus the expected answer is 7.",)
    assert main(["check", "x^2 + 7", "--expected", "x^2", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["details"] == ["The response minus the expected answer is 7."] and "7" not in out["feedback"]
    assert main(["check", "x^2 + 7", "--expected", "x^2", "--reveal"]) == 1
    assert "is 7." in capsys.readouterr().out
