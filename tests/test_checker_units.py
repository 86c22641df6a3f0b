"""The checker's parts: options, the verdict, `equivalent`, numeric probing, precision helpers."""
from __future__ import annotations

import dataclasses
import json
from fractions import Fraction

import pytest
import sympy
from mpmath import libmp

import tutor
from tutor.checker import Checker, CheckOptions, Code, Status, equivalent
from tutor.checker.evaluator import compile_expr, from_float
from tutor.checker.feedback import MESSAGES
from tutor.checker.precision import round_sig, written
from tutor.checker.probe import Outcome, Probeable, Space, compare
from tutor.errors import CheckError

x, y = sympy.symbols("x y")


# --- options ---------------------------------------------------------------------------------

@pytest.mark.parametrize("options, message", [
    ({"tolerance": 0.1}, "Did you mean 'rel_tol'?"),
    ({"form": "factorised"}, "form must be one of"),
    ({"rel_tol": -1}, "non-negative"),
    ({"sig_figs": 0}, "sig_figs"),
    ({"sig_figs": (3, 4)}, "sig_figs"),
    ({"decimal_places": 1.5}, "decimal_places"),
    ({"domain": "narrow"}, "common, strict"),
    ({"assume": {"x": "happy"}}, "assume"),
    ({"assume": "x positive"}, "assume must map"),
    ({"time_budget": 0}, "time_budget"),
    ({"up_to_scalar": True, "up_to_sign": True}, "either"),
    ({"ordered": "yes"}, "true or false"),
    ({"question": "2x +"}, None),
])
def test_bad_options_are_refused_with_a_message(options, message):
    with pytest.raises((CheckError, tutor.ParseError)) as err:
        Checker("x", **options)
    if message:
        assert message in str(err.value)


def test_options_are_normalised():
    opts = CheckOptions.from_kwargs(form="Single Fraction", rel_tol=0.05, variables="x, y",
                                    assume={"x": "POSITIVE"}, sig_figs=3, question="x^2")
    assert opts.form == "single_fraction"
    assert opts.rel_tol == Fraction(1, 20)
    assert opts.variables == ("x", "y")
    assert opts.assumption("x") == "positive" and opts.assumption("y") == "real"
    assert opts.sig_figs == (3, 3)
    assert opts.question == x**2


def test_an_unreadable_expected_answer_is_a_check_error():
    with pytest.raises(CheckError, match="expected answer cannot be read"):
        Checker("2x +")


# --- the verdict -----------------------------------------------------------------------------

def test_the_verdict_dict_is_stable_json():
    v = tutor.check("2(x+1)", "2x + 2")
    data = v.to_dict()
    assert list(data) == ["status", "correct", "score", "feedback", "notes", "interpreted_as", "latex",
                          "method", "elapsed_ms", "details", "id", "schema"]
    assert json.loads(json.dumps(data)) == data
    assert data["interpreted_as"] == "2·(x + 1)" and data["latex"]


def test_verdicts_are_frozen_and_can_be_replaced():
    v = tutor.check("x", "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.status = Status.INCORRECT
    changed = dataclasses.replace(v, feedback="Well done.")
    assert changed.feedback == "Well done." and changed.latex == v.latex and changed.correct


def test_verdicts_pickle_with_their_printed_forms():
    import pickle

    v = tutor.check("2(x+1)", "2x + 2")
    copy = pickle.loads(pickle.dumps(v))
    assert copy == v and copy.latex == v.latex and copy.interpreted_as == "2·(x + 1)"


def test_invalid_verdict_carries_the_parse_message_and_caret():
    v = tutor.check("2x +", "2x")
    assert v.status == "invalid" and v.score == 0 and v.method == "none"
    assert "Something is missing after '+'" in v.feedback and "^" in v.feedback


def test_every_code_has_a_message():
    assert set(MESSAGES) == set(Code)


def test_partial_credit_for_structures():
    assert tutor.check("[1, 2, 4]", "[1, 2, 3]").score == pytest.approx(2 / 3)
    assert tutor.check("{1}", "{1, 2}").score == pytest.approx(1 / 2)
    assert tutor.check("[1, 2, 3]", "[1, 2, 3]").score == 1.0


def test_a_checker_is_compiled_once_and_reused():
    checker = Checker("σ(z)(1 - σ(z))")
    assert checker.kind == "expression"
    verdicts = [checker.check(r) for r in ("σ(z) - σ(z)^2", "σ(z)", "e^(-z)/(1+e^(-z))^2")]
    assert [v.correct for v in verdicts] == [True, False, True]


def test_sympy_and_parsed_answers_are_accepted():
    assert tutor.check(2 * x + 2, 2 * (x + 1)).correct
    assert tutor.check(tutor.parse("2(x+1)"), tutor.parse("2x+2")).correct
    assert tutor.check(sympy.Matrix([1, 2]), "[1, 2]").correct
    assert tutor.check(sympy.Eq(y, 2 * x), "y = 2x").correct


def test_the_interpretation_shows_explicit_products():
    assert tutor.check("2x sin x", "2x sin(x)").interpreted_as == "2·x·sin(x)"


# --- equivalent ------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, want", [
    (sympy.log(x**2), 2 * sympy.log(x), True),
    (sympy.sqrt(x**2), x, False),
    (sympy.tanh(x), (sympy.exp(2 * x) - 1) / (sympy.exp(2 * x) + 1), True),
    (x, x + sympy.Rational(1, 10**12), False),
    (sympy.Derivative(x**2, x), 2 * x, True),
])
def test_equivalent(a, b, want):
    assert equivalent(a, b, time_budget=5) is want


def test_equivalent_says_none_when_it_cannot_decide():
    huge = sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False)
    assert equivalent(huge, huge + 1, time_budget=1) is None


# --- numeric probing ------------------------------------------------------------------------

def test_cancellation_is_not_mistaken_for_a_difference():
    prog = compile_expr(sympy.sin(x)**2 + sympy.cos(x)**2 - 1, (x,))
    s = prog.sample([from_float(0.7)])
    assert abs(libmp.to_float(s.value)) <= libmp.to_float(s.err)


def test_a_tiny_term_is_kept_by_raising_the_precision():
    s = compile_expr(x + sympy.Rational(1, 10**40), (x,)).sample([from_float(0.5)])
    assert s.prec > 113
    assert libmp.to_float(libmp.mpf_sub(s.value, from_float(0.5), s.prec, "n")) == pytest.approx(1e-40)


def test_a_term_that_cancels_to_zero_at_every_usual_precision_is_not_dropped():
    # 2 − 2σ(x) at x = 1000 is 2e^(−1000): about 1450 bits cancel, so the first two runs see an
    # exact 0 there and would silently drop the second term (a false "different" against the
    # same derivative written another way, found by the step engine's oracle)
    from tutor.functions import sigmoid

    s_ = sigmoid(x)
    first = (1 - s_) * s_ / (s_**2 + 2)
    expr = first - (2 - 2 * s_) * s_**3 / (s_**2 + 2) ** 2
    exact = sympy.Float(expr.rewrite(sympy.exp).subs(x, 1000).evalf(40, maxn=4000), 40)
    sample = compile_expr(expr, (x,)).sample([from_float(1000.0)])
    value = sympy.Float(libmp.to_str(sample.value, 30), 30)
    assert exact != 0 and abs(value / exact - 1) < 1e-20
    # and when every term cancels so, the sum is not a false exact 0
    both = (s_ - 1) * s_ + (2 * s_ - 2) / 3
    sample = compile_expr(both, (x,)).sample([from_float(1000.0)])
    assert sample.value[1] != 0 and sample.prec > 1500


def test_probing_finds_the_domain_relation():
    space = Space()
    narrow = compare(Probeable(x, space), Probeable(sympy.Pow(sympy.sqrt(x), 2, evaluate=False), space))
    assert narrow.outcome is Outcome.EQUAL and narrow.narrower
    empty = compare(Probeable(sympy.log(x), space), Probeable(sympy.log(-x), space))
    assert empty.outcome is Outcome.DIFFERENT and empty.domain_only


def test_assumptions_restrict_the_sampled_values():
    space = Space({"x": "positive", "n": "integer"})
    assert all(space.coordinate("x", k) > 0 for k in range(64))
    assert all(space.coordinate("n", k) == int(space.coordinate("n", k)) for k in range(64))


# --- numbers written to a precision ---------------------------------------------------------

@pytest.mark.parametrize("text, figures, places", [
    ("0.0010", (2, 2), 4), ("1500", (2, 4), 0), ("1.50", (3, 3), 2), ("0", (1, 1), 0),
    ("0.00", (2, 2), 2), ("1.38*10^-1", (3, 3), 3), ("6.02e23", (3, 3), 0), ("-3.14", (3, 3), 2),
])
def test_written_numbers(text, figures, places):
    number = written(text)
    assert number.sig_figs() == figures
    assert number.decimal_places() == places


def test_written_rejects_what_is_not_a_decimal():
    assert written("pi") is None and written("1/7") is None and written("2x") is None


def test_rounding_is_half_up_and_exact():
    assert round_sig(Fraction(4975, 100000), 3) == Fraction(498, 10000)
    assert round_sig(Fraction(-149), 1) == -100


@pytest.mark.parametrize("response, expected", [("0.5", "0.4"), ("1/2", "3"), ("pi", "3"), ("e^2", "7")])
def test_a_wrong_number_is_not_the_right_value(response, expected):
    # 'not equivalent to the expected answer' is said of expressions; and any two numbers are a
    # constant factor apart, so that says nothing about a number
    verdict = tutor.check(response, expected)
    assert verdict.notes == ("NOT_EQUIVALENT",)
    assert verdict.feedback == "Not quite. Your answer is not the right value."


def test_expressions_and_signs_keep_their_words():
    assert "not equivalent to the expected answer" in tutor.check("x^2", "x^3").feedback
    assert tutor.check("-pi", "pi").notes == ("SIGN_ERROR",)
    assert tutor.check("3x^2", "x^2").notes == ("CONSTANT_FACTOR",)


def test_one_shot_checks_read_their_options_once_and_still_refuse_bad_ones():
    from tutor.checker import checker

    decl = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
    first = tutor.check("2/n X^T (X w - y)", "2 X^T (X w - y)/n", variables=decl)
    kept = dict(checker._OPTIONS)
    again = tutor.check("2/n X^T (X w - y)", "2 X^T (X w - y)/n", variables=dict(decl))
    assert first.correct and again.correct and checker._OPTIONS == kept   # the same key: read once
    assert tutor.check("2x", "-2x", up_to_sign=True).correct
    with pytest.raises(CheckError, match="up_to_sign"):
        tutor.check("2x", "2x", up_to_sign=1)       # True was read before: 1 is not taken for it
