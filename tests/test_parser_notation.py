"""Notation learners type (issue 12, item 4), in the text language: ± for two answers, set
operations, `infty`, full-width characters — each with a clear reading or a clear message."""
from __future__ import annotations

import pytest
import sympy

import tutor
from tutor.errors import ParseError

x = sympy.Symbol("x")


@pytest.mark.parametrize("text, value", [
    ("182 ± 7.35", sympy.FiniteSet(sympy.Rational(3493, 20), sympy.Rational(3787, 20))),
    ("(1 ± sqrt(5))/2", sympy.FiniteSet((1 + sympy.sqrt(5)) / 2, (1 - sympy.sqrt(5)) / 2)),
    ("±3", sympy.FiniteSet(3, -3)),
    ("2 ∓ 1", sympy.FiniteSet(1, 3)),
    ("182 +/- 7.35", sympy.FiniteSet(sympy.Rational(3493, 20), sympy.Rational(3787, 20))),
    ("2 -/+ 1", sympy.FiniteSet(1, 3)),
    ("(1 ± 1)(2 ± 1)", sympy.FiniteSet(0, 2, 6)),
    ("x = ±2", sympy.Tuple(sympy.Eq(x, 2), sympy.Eq(x, -2))),
    ("{1, 2} ∪ {3}", sympy.FiniteSet(1, 2, 3)),
    ("{1, 2, 3} ∩ {2, 3, 4}", sympy.FiniteSet(2, 3)),
    ("{1, 2, 3} ∖ {2}", sympy.FiniteSet(1, 3)),
    ("[0, 1] ∪ [1, 2]", sympy.Interval(0, 2)),
    ("(0, 2) ∩ [1, 3]", sympy.Interval.Ropen(1, 2)),
    ("{1} ∩ {2}", sympy.EmptySet),
    ("infty", sympy.oo), ("-infty", -sympy.oo), ("[0, infty)", sympy.Interval.Ropen(0, sympy.oo)),
    ("ｘ＾２ ＋ １", x**2 + 1), ("ｓｉｎ（ｘ）", sympy.sin(x)),
])
def test_reads(text, value):
    assert tutor.parse(text, format="text").value == value


@pytest.mark.parametrize("text, code, at", [
    ("x ±", "missing_operand", 2),
    ("1 ± 2 ± 3 ± 4", "plus_minus", 10),
    ("x = ±2, 3", "plus_minus", 4),
    ("[0, 1] ∪ [2, 3]", "set_operation", 0),
    ("x ∪ {1}", "set_operation", 0),
    ("ｘ ＋", "missing_operand", 2),
])
def test_refuses_with_a_clear_message(text, code, at):
    with pytest.raises(ParseError) as caught:
        tutor.parse(text)
    assert caught.value.code == code and caught.value.span[0] == at, caught.value


def test_plus_or_minus_is_checked_as_two_answers():
    assert tutor.check("x = ±2", "x = 2, x = -2").correct
    assert tutor.check("(-1 ± sqrt(5))/2", "{(-1+sqrt(5))/2, (-1-sqrt(5))/2}").correct
    assert not tutor.check("(1 ± sqrt(5))/2", "{(-1+sqrt(5))/2, (-1-sqrt(5))/2}").correct
    assert [n.code for n in tutor.parse("2 ± 1").notes] == ["plus_minus"]


def test_the_typed_text_is_kept_and_positions_point_at_it():
    parsed = tutor.parse("ｘ＾２")
    assert parsed.text == "ｘ＾２" and parsed.interpreted == "x²"


@pytest.mark.parametrize("text", ["x/{}", "x/{1, 2}", "2 x/{3}", "sin{}x", "cos {1} x"])
def test_dividing_by_a_set_is_refused_without_a_sympy_warning(text):
    """x/{} built Pow(EmptySet, -1) first, and sin{}x the argument {}·x, each a SymPy deprecation
    warning (an error here): hypothesis finds."""
    with pytest.raises(tutor.ParseError, match="cannot be used in arithmetic"):
        tutor.parse(text)


@pytest.mark.parametrize("text, named", [
    ("sin^-1 [1, 2]", "sin^-1 (asin) takes"), ("\\sin^{-1} [1, 2]", "\\sin^{-1} (asin) takes"),
    ("asin([1, 2])", "asin takes"), ("sqrt [[1, 2], [3, 4]]", "sqrt takes"),
])
def test_a_function_refused_a_matrix_is_named_as_typed(text, named):
    # sin^-1 is read as asin: the message says so rather than name a function the learner never typed
    with pytest.raises(ParseError) as err:
        tutor.parse(text)
    assert str(err.value).startswith(named) and "not a vector or matrix" in str(err.value)
