"""Properties of the parser: printed expressions read back equal; no text makes it crash or hang."""
from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tutor
from tutor.errors import ParseError
from tutor.functions import relu, sigmoid, softplus
from tutor.parser.evaluate import evaluate
from tutor.parser.printer import to_input, to_text

x, y, z = sympy.symbols("x y z")
LEAVES = st.sampled_from([x, y, z, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2),
                          sympy.Integer(-5), sympy.Rational(7, 10), sympy.pi, sympy.E])
UNARY = [sympy.sin, sympy.cos, sympy.tan, sympy.exp, sympy.log, sympy.sqrt, sympy.Abs, sympy.tanh,
         sympy.atan, sigmoid, relu, softplus]


def _combine(children):
    binary = st.tuples(children, children).flatmap(lambda ab: st.sampled_from([
        ab[0] + ab[1], ab[0] - ab[1], ab[0] * ab[1], ab[0] / ab[1] if ab[1] != 0 else ab[0]]))
    powers = st.tuples(children, st.sampled_from([2, 3, -1, sympy.Rational(1, 2)])).map(
        lambda p: p[0] ** p[1])
    calls = st.tuples(st.sampled_from(UNARY), children).map(lambda fa: fa[0](fa[1]))
    return binary | powers | calls


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=8).filter(
    # variables are real and there is no imaginary unit in the language, so leave complex results out
    # re(x), im(x) … come from SymPy's own rewriting of complex cases and are not in the language
    lambda e: e.is_finite is not False and not e.has(sympy.zoo, sympy.nan, sympy.I)
    and not e.atoms(sympy.re, sympy.im, sympy.arg, sympy.conjugate))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(EXPRESSIONS)
def test_printed_input_form_reads_back_equal(expr):
    # the plain ASCII form (**, explicit *, e, pi, abs) reads back to the same expression
    text = to_input(expr)
    assert _same(tutor.parse(text).value, evaluate(expr)), text


def _same(got, want) -> bool:
    """Equal, or the same expression built in another order: SymPy distributes a number over a
    sum when it evaluates 2*(x + y) (1/(2*(x + y)) comes back as 1/(2*x + 2*y)), and e^15625 typed
    is kept as a power where the generator made exp(15625)."""
    if got == want:
        return True
    got, want = (e.rewrite(sympy.exp) for e in (got, want))
    return got == want or sympy.cancel(got - want) == 0


@FAST
@given(EXPRESSIONS)
def test_our_interpretation_reads_back_equal(expr):
    # what we show a learner ("interpreted as …") is itself valid input meaning the same thing
    shown = to_text(expr)
    # compared with the expression evaluated the same way: the generator can leave nested
    # unevaluated nodes such as Abs(Abs(x)) that reading them back rightly simplifies
    assert _same(tutor.parse(shown).value, evaluate(expr)), shown


ALPHABET = st.sampled_from(list("xyz0123456789+-*/^()[]{}|,.;=<>!% _eπσθ√²·×−∞'\\$") +
                           ["sin", "ln", "sqrt", "e^", "**", "  ", "inf", "x_1", "[[", "]]"])
MATHY_TEXT = st.lists(ALPHABET, max_size=30).map("".join)


@settings(max_examples=400, deadline=1000)
@given(MATHY_TEXT)
def test_mathy_text_only_ever_raises_parse_error(text):
    # deadline is a hang detector (about 100× the typical parse), not a speed test
    _parse_all_fields(text)


@settings(max_examples=200, deadline=1000)
@given(st.text(max_size=80))
def test_arbitrary_text_only_ever_raises_parse_error(text):
    _parse_all_fields(text)


def _parse_all_fields(text):
    try:
        parsed = tutor.parse(text)
    except ParseError as err:
        assert err.message and "Token" not in err.message and "$END" not in err.message
        assert 0 <= err.span[0] <= err.span[1] <= max(len(text), err.span[1])
        assert str(err)
        return
    # every derived field is computable for everything that parses
    assert isinstance(parsed.interpreted, str)
    assert isinstance(parsed.latex, str)
    parsed.value


_x = sympy.Symbol("x")
READ_BACK_ROWS = [
    # found by hypothesis: e^x^(1.5) would read back as e^(x^1.5)
    (sympy.Pow(sympy.exp(_x), sympy.Rational(3, 2), evaluate=False), "(e^x)^(1.5)"),
    # found by hypothesis: the typed form 125·(25 + 5·x) must read back equal to SymPy's distributed one
    (sympy.Mul(sympy.tanh(5), sympy.Pow(sympy.Mul(125, sympy.Add(25, sympy.Mul(5, _x, evaluate=False),
                                                                  evaluate=False), evaluate=False),
                                        -1, evaluate=False), evaluate=False),
     "tanh(5)/(125·(25 + 5·x))"),
    (sympy.tanh(5) / (125 * (25 + 5 * _x)), None),
]


@pytest.mark.parametrize(("expr", "shown"), READ_BACK_ROWS)
def test_regression_rows_read_back_equal(expr, shown):
    if shown is not None:
        assert to_text(expr) == shown
    for printed in (to_input(expr), to_text(expr)):
        assert tutor.parse(printed).value == evaluate(expr), printed
