"""Rendering: readable unicode for people, our input language for typed answers, tidy, templates."""
from __future__ import annotations

import re

import pytest
import sympy
from sympy import Add, ImmutableMatrix, Integer, Mul, Rational

import tutor
from tutor.functions import sigmoid
from tutor.problems.ops_base import FormulaError
from tutor.problems.render import input_text, readable, tidy
from tutor.problems.templates import Template

x, y, z, a, b = sympy.symbols("x y z a b")


@pytest.mark.parametrize(("expr", "text"), [
    (3 * x**2 - 2 * x + 1, "3x² − 2x + 1"),
    (sigmoid(z) * (1 - sigmoid(z)), "(1 − σ(z))·σ(z)"),
    (sympy.exp(-z) / (1 + sympy.exp(-z))**2, "e^(−z)/(1 + e^(−z))²"),
    (sympy.sqrt(x + 1), "√(x + 1)"),
    (ImmutableMatrix([[1, -2], [3, 4]]), "[[1, −2], [3, 4]]"),
    (ImmutableMatrix([1, 2]), "(1, 2)"),
    (Rational(3, 5), "0.6"),
    (Rational(1, 3), "1/3"),
    (sympy.Symbol("theta_1") * sympy.Symbol("x_1"), "θ₁·x₁"),
    (sympy.Ne(a, b), "a ≠ b"),
    (sympy.FiniteSet(2, 1), "{1, 2}"),
    (sympy.log(x), "ln(x)"),
    (sympy.Float("0.933192798731142", 15), "0.933193"),
])
def test_readable(expr, text):
    assert readable(expr) == text


@pytest.mark.parametrize("expr", [
    3 * x**2 - 2 * x + 1,
    sigmoid(2 * x - 1) * (1 - sigmoid(2 * x - 1)) * 2,
    sympy.exp(-x) / (1 + sympy.exp(-x))**2,
    ImmutableMatrix([[Rational(1, 2), -1], [3, 4]]),
    ImmutableMatrix([1, -2, 3]),
    Rational(-7, 3),
    Rational(253, 1250),
    sympy.log(x) * x**2 + sympy.sqrt(x),
    sympy.Abs(x - 1),
    sympy.Eq(y, 2 * x + 1),
    sympy.FiniteSet(-2, 2),
    x**Rational(1, 3) + sympy.pi,
    sympy.binomial(10, 3) * Rational(1, 2)**10,
])
def test_input_text_reads_back_to_the_same_value(expr):
    text = input_text(expr)
    assert tutor.parse(text, variables=["x", "y"]).value == expr, text


def test_tidy_keeps_structure_and_cleans_numbers():
    f = Add(Mul(a, x**2, evaluate=False), Mul(b, x, evaluate=False), evaluate=False)
    assert readable(tidy(f, {a: Integer(1), b: Integer(-2)}), typed_order=True) == "x² − 2x"
    assert readable(tidy(f, {a: Integer(0), b: Integer(3)}), typed_order=True) == "3x"
    g = Mul(a, Add(x, b, evaluate=False), evaluate=False)
    assert readable(tidy(g, {a: Integer(2), b: Integer(1)}), typed_order=True) == "2(x + 1)"
    h = Mul(-1, Add(y, Mul(a, x, evaluate=False), evaluate=False), evaluate=False)
    assert readable(tidy(h, {a: Integer(1)}), typed_order=True) == "−(y + x)"


def test_templates_render_placeholders_and_math():
    t = Template.compile("f = {f}, and `a x + b` at a = {a}.", names={"f", "a"},
                         parse_math=lambda s: tutor.parse(s, variables=["a", "b", "x"]).expr)
    shown = {"f": x**2, "a": Integer(-3)}
    out = t.readable(shown, {a: Integer(-3), b: Integer(2)})
    assert out == "f = x², and −3x + 2 at a = −3."


def test_typed_placeholders_bracket_negative_and_compound_values():
    t = Template.compile("{a}x + {f}", names={"a", "f"})
    assert t.typed({"a": Integer(-3), "f": x + 1}) == "(-3)x + (x + 1)"
    assert Template.compile("{f}", names={"f"}).typed({"f": x + 1}) == "x + 1"


def test_readable_placeholders_bracket_a_negative_after_an_operator():
    t = Template.compile("{a}·{b} − {b}", names={"a", "b"})
    assert t.readable({"a": Integer(-2), "b": Integer(-3)}) == "−2·(−3) − (−3)"


def test_braces_escape_and_unknown_placeholders():
    t = Template.compile("y ∈ {{0, 1}} and {1, 2}", names=set())
    assert t.readable({}) == "y ∈ {0, 1} and {1, 2}"
    with pytest.raises(FormulaError, match=r"unknown placeholder \{c\}"):
        Template.compile("{c}", names={"a"})


# --- property: what input_text prints, the parser reads back to the same value -------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_atoms = st.one_of(
    st.integers(-20, 20).map(Integer),
    st.fractions(min_value=-10, max_value=10, max_denominator=12).map(lambda f: Rational(f.numerator, f.denominator)),
    st.sampled_from([x, y, sympy.Symbol("theta"), sympy.Symbol("x_1"), sympy.pi, sympy.E]),
)


def _grow(children):
    unary = st.sampled_from([sympy.sin, sympy.cos, sympy.exp, sigmoid, sympy.Abs,
                             lambda e: sympy.log(e**2 + 1), lambda e: sympy.sqrt(e**2 + 1)])
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, st.integers(-3, 4)).map(lambda p: p[0] ** p[1] if p[0] != 0 else p[0]),
        st.tuples(unary, children).map(lambda p: p[0](p[1])),
    )


# SymPy writes |e^x| as e^re(x) for a complex x: re and im are not in the learner language
_expressions = st.recursive(_atoms, _grow, max_leaves=8).filter(lambda e: not e.has(sympy.re, sympy.im))


@settings(max_examples=60, deadline=None)
@given(_expressions)
def test_input_text_round_trips_through_the_parser(expr):
    text = input_text(expr)
    value = tutor.parse(text, variables=["x", "y", "theta", "x_1"]).value
    assert value == expr or sympy.simplify(value - expr) == 0, (expr, text, value)


# --- counting words: no "1 oranges" in any problem -----------------------------------------------

# "1 oranges", but not "n − 1 degrees" (a count of n − 1) nor "2.1 units"
_ONE_PLURAL = re.compile(r"(?<![\d.,/^])(?<![−\-+*/·×] )\b1 (?!is\b|was\b|has\b|as\b|minus\b|plus\b|times\b)"
                         r"([a-z]+s)\b")


def test_templates_count_with_the_right_number():
    from tutor.problems.templates import Template

    t = Template.compile("{m mango} and {o orange}", names={"m", "o"})
    assert t.readable({"m": sympy.Integer(1), "o": sympy.Integer(3)}) == "1 mango and 3 oranges"


def test_no_problem_says_one_of_a_plural_noun():
    """Render every problem's prompt and hints over many seeds: '1 oranges' is a typo a learner sees."""
    from tutor.problems import default_problem_dirs, load_problem_set
    from tutor.problems.discovery import problem_files
    from tutor.problems.instance import build_instance

    found = set()
    for folder in default_problem_dirs():
        for path in problem_files(folder):
            for problem in load_problem_set(path).problems:
                for seed in range(12):
                    inst = build_instance(problem, seed)
                    for text in (inst.prompt, *(h.text for h in inst._authored_hints())):
                        found |= {f"{problem.id}: 1 {m.group(1)}" for m in _ONE_PLURAL.finditer(text)}
    assert found == set()


def test_powers_of_two_and_three_digits_are_superscripts_as_single_digits_are():
    import sympy

    from tutor.problems.render import readable

    p = sympy.Symbol("p")
    assert readable(p**3 * (1 - p)**12) == "p³·(1 − p)¹²"
    assert readable(p**250) == "p²⁵⁰" and "^" in readable(p**1000)


def test_the_ridge_prompt_shows_a_penalty_of_one_as_the_norm_alone():
    from pathlib import Path

    from tutor.problems import load_problem_set

    root = Path(__file__).resolve().parents[1]
    problem = load_problem_set(root / "problems/calculus/matrix_gradients.toml").problem("ridge-gradient-matrix")
    prompts = {problem.instantiate(seed).prompt for seed in range(40)}
    assert any("+ ‖w‖²." in prompt for prompt in prompts)
    assert not any("1·‖w‖" in prompt for prompt in prompts)
