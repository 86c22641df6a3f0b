"""The LaTeX reader (issue 13, item 2): the table of what LLMs and math editors write, the
registry's LaTeX facet read back, a round trip over random expressions, `format="auto"`, and
errors that point at what was typed."""
from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import tutor
from tutor import ops
from tutor.errors import ParseError
from tutor.parser import latex
from tutor.parser.printer import to_latex

from latex_table import READS, REFUSES


def test_the_table_is_large_enough():
    assert len(READS) + len(REFUSES) >= 200


@pytest.mark.parametrize("source, text", READS, ids=[r for r, _ in READS])
def test_reads(source, text):
    got = tutor.parse(source, format="latex")
    want = tutor.parse(text, format="text")
    assert got.kind == want.kind, (got.interpreted, want.interpreted)
    if got.value != want.value:   # the same answer, written otherwise: the checker must agree
        assert tutor.check(got, want).correct, (got.interpreted, want.interpreted)
    assert got.text == source


@pytest.mark.parametrize("source, code, at", REFUSES, ids=[r for r, _, _ in REFUSES])
def test_refuses(source, code, at):
    with pytest.raises(ParseError) as caught:
        tutor.parse(source, format="latex")
    assert caught.value.code == code, caught.value.message
    assert caught.value.span[0] == at, caught.value


def test_messages_are_plain_words():
    with pytest.raises(ParseError) as caught:
        tutor.parse(r"\int x\,dx")
    assert "result of the integral" in caught.value.message and "Token" not in caught.value.message


def test_plus_or_minus_is_two_answers_and_checked_as_such():
    assert tutor.check(r"x = \pm 2", "x = 2, x = -2").correct
    assert tutor.check(r"\frac{-1 \pm \sqrt{5}}{2}", "{(-1+sqrt(5))/2, (-1-sqrt(5))/2}").correct
    assert not tutor.check(r"\frac{1 \pm \sqrt{5}}{2}", "{(-1+sqrt(5))/2, (-1-sqrt(5))/2}").correct
    assert [n.code for n in tutor.parse(r"2 \pm 1").notes] == ["plus_minus"]


def test_set_operations_come_out_as_one_set_or_interval():
    assert tutor.parse(r"[0,1] \cup [1,2]").value == sympy.Interval(0, 2)
    assert tutor.parse(r"[0,2] \cap [1,3]").value == sympy.Interval(1, 2)
    assert tutor.check(r"\{1, 2\} \cup \{3\}", "{3, 2, 1}").correct


@pytest.mark.parametrize("text, latex_expected", [
    ("x^2 + 1", False), ("sqrt(x)", False), ("[1, 2]", False), ("{1, 2}", False), ("70%", False),
    (r"\frac{1}{2}", True), ("$x$", True), (r"x \cdot y", True), (r"\{1\}", True), ("1{,}000", True),
    (r"\left(x\right)", True), (r"50\%", True),
])
def test_auto_detects_latex(text, latex_expected):
    assert latex.looks_like_latex(text) is latex_expected


def test_auto_is_the_default_and_text_stays_text():
    assert tutor.parse(r"\frac{x}{2}").value == tutor.parse("x/2").value
    with pytest.raises(ParseError) as caught:
        tutor.parse(r"\frac{x}{2}", format="text")
    assert caught.value.code == "latex"
    assert tutor.parse("x/2", format="latex").interpreted == "x/2"


def test_notes_say_what_was_dropped_or_assumed():
    codes = [n.code for n in tutor.parse(r"5\,\text{cm}").notes]
    assert codes == ["unit_dropped"]
    assert [n.code for n in tutor.parse(r"5\,\mathrm{kg}").notes] == ["unit_dropped"]
    assert [n.code for n in tutor.parse(r"30^\circ").notes] == ["degrees"]


@pytest.mark.parametrize("source, text", [
    (r"\mathrm{tr}(A B)", "tr(A·B)"), (r"\mathrm{det}\left(A\right)", "det(A)"), (r"\mathrm{sigmoid}(z)", "σ(z)"),
])
def test_a_function_name_in_mathrm_is_the_function_not_a_unit(source, text):
    r"""\mathrm{tr}(…) was taken for a unit and dropped: tr(XᵀX) was read as the matrix XᵀX."""
    read = tutor.parse(source, variables=["z"], shapes=_square())
    assert read.interpreted == text and "unit_dropped" not in [n.code for n in read.notes]


def _square():
    from tutor.linalg.declare import declarations

    return declarations({"A": "matrix(n, n)", "B": "matrix(n, n)"})


# -- the registry's LaTeX facet, read back ------------------------------------------------------

def _sample(op) -> sympy.Basic:
    x, y = sympy.Symbol("x"), sympy.Symbol("y")
    low, high = op.arity
    args = [x, y][:max(1, low)] if low <= 2 else [x] * low
    return op.build(*args)


@pytest.mark.parametrize("op", [op for op in ops.OPERATIONS if op.name in ops.NAMES], ids=lambda op: op.name)
def test_every_operation_reads_back_from_its_latex(op):
    expr = _sample(op)
    printed = to_latex(expr)
    back = tutor.parse(printed, format="latex", variables=["x", "y"])
    assert back.value == tutor.parse(tutor.parse(printed, format="latex").interpreted).value
    assert tutor.check(back, tutor.Checker(expr, variables=["x", "y"]).expected).correct, printed


@pytest.mark.parametrize("op", [op for op in ops.OPERATIONS if op.name in ops.NAMES], ids=lambda op: op.name)
def test_every_latex_spelling_of_a_function_is_read(op):
    for spelling in op.printers.latex_names:
        if not spelling.startswith("\\") or spelling.startswith(("\\left", "\\lvert", "\\lfloor", "\\lceil")) \
                or "^" in spelling or spelling in ("\\binom", "\\choose"):
            continue
        arity = op.arity[0]
        args = ", ".join(["x", "y"][:arity]) if arity <= 2 else ""
        if not args:
            continue
        read = tutor.parse(f"{spelling}({args})", format="latex", variables=["x", "y"])
        assert read.value == _sample(op) or tutor.check(read, tutor.parse(f"{op.name}({args})")).correct, spelling


# -- a round trip over random expressions ---------------------------------------------------------

_x, _y = sympy.symbols("x y")
_leaves = st.sampled_from([_x, _y, sympy.Integer(2), sympy.Integer(3), sympy.Rational(1, 2), sympy.pi])
_unary = st.sampled_from([sympy.sin, sympy.cos, sympy.exp, sympy.log, sympy.sqrt, sympy.Abs, sympy.tanh])


def _combine(children):
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, children).map(lambda p: p[0] / p[1]),
        st.tuples(children, st.sampled_from([2, 3, -1])).map(lambda p: p[0] ** p[1]),
        st.tuples(_unary, children).map(lambda p: p[0](p[1])),
    )


# i is a variable for us; re, im and arg are what SymPy makes of |e^x| for a complex x, and no
# part of the learner language
expressions = st.recursive(_leaves, _combine, max_leaves=6).filter(
    lambda e: not e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.I, sympy.re, sympy.im, sympy.arg))


@settings(max_examples=150, deadline=None)
@given(expressions)
def test_printed_latex_reads_back_to_the_same_expression(expr):
    printed = sympy.latex(expr)
    back = tutor.parse(printed, format="latex", variables=["x", "y"])
    assert sympy.simplify(back.value - expr) == 0 or tutor.check(back, tutor.Checker(expr).expected).correct, printed


# -- checking with LaTeX on both sides -----------------------------------------------------------

def test_check_with_latex_on_both_sides():
    assert tutor.check(r"\frac{x}{2}", r"\dfrac{1}{2}x").correct
    assert tutor.check(r"\sigma(z)(1-\sigma(z))", r"\frac{e^{-z}}{(1+e^{-z})^2}").correct
    assert tutor.check(r"-\frac{x}{2}", r"\frac{x}{2}").notes == ("SIGN_ERROR",)
    assert tutor.check(r"\begin{pmatrix}1\\2\end{pmatrix}", "[1, 2]").correct
    assert tutor.check("x/2", r"\frac{x}{2}", format="latex").correct
    assert tutor.check(r"\frac{x}{2}", "x/2", format="text").status == "invalid"


def test_a_bad_format_is_the_callers_error():
    with pytest.raises(tutor.CheckError):
        tutor.check("x", "x", format="markdown")
    with pytest.raises(tutor.CheckError):
        tutor.check("x", "x", extract="first")


def test_check_many_reads_latex_and_extracts():
    items = [(r"\frac{1}{2}", "0.5"), {"id": "b", "response": r"so \boxed{2x}", "expected": "x + x", "extract": "boxed"},
             {"id": "c", "response": "no answer here at all", "expected": "1", "extract": "auto"},
             {"id": "d", "response": "x", "expected": "x", "format": "markdown"}]
    results = list(tutor.check_many(items, time_budget=2.0))
    assert [getattr(r, "status", None) for r in results[:3]] == ["correct", "correct", "invalid"]
    assert results[2].notes == ("NO_ANSWER_FOUND",)
    assert results[3].to_dict()["error"]["code"] == "UNSUPPORTED_FORMAT"
    batch = list(tutor.check_many([(r"\boxed{3}", "3")], extract="boxed"))
    assert batch[0].correct


_PIECES = [r"\\frac", r"\\sqrt", "{", "}", "^", "_", r"\\left(", r"\\right)", r"\\cdot", "x", "2", r"\\pi",
           r"\\sin", "+", "-", "|", r"\\|", r"\\{", r"\\}", "[", "]", "(", ")", ",", r"\\\\", "&", "$",
           r"\\begin{pmatrix}", r"\\end{pmatrix}", r"\\text{cm}", r"\\le", "=", r"\\sum_{i=1}^{n}", r"\\boxed",
           r"\\operatorname{sech}", r"\\log_{2}", r"^\\circ", r"\\%", "1{,}000", r"\\hat{y}", r"\\lvert", r"\\rvert"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25).map("".join))
def test_any_latex_gives_a_reading_or_a_parse_error(source):
    try:
        parsed = tutor.parse(source, format="latex")
        parsed.value, parsed.interpreted
    except ParseError as err:
        assert 0 <= err.span[0] <= err.span[1] <= len(source)


def test_a_chain_prints_as_a_chain_and_reads_back():
    parsed = tutor.parse("0 < x <= 1")
    assert parsed.latex == r"0 < x \le 1"
    assert tutor.parse(parsed.latex).value == parsed.value


@pytest.mark.parametrize("text, same_as", [
    (r"\left|{x \left|{x}\right|}\right|", "abs(x abs(x))"),    # as SymPy prints Abs(x*Abs(x)) (a hypothesis find)
    (r"\left| x \left| y \right| \right|", "abs(x abs(y))"),
    (r"\bigl| x - 1 \bigr| \left|y\right|", "|x - 1| |y|"),
    (r"\left\lvert x \right\rvert", "|x|"),
])
def test_a_bar_whose_side_is_written_opens_or_closes_as_written(text, same_as):
    """After an operand a plain | closes; \\left| opens whatever stands before it, so bars nest."""
    assert tutor.parse(text, format="latex", variables=["x", "y"]).interpreted == \
        tutor.parse(same_as, variables=["x", "y"]).interpreted
