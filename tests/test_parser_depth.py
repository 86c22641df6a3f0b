"""Parsing finishes on the deepest and longest texts the parser accepts.

Positions of nodes used to be worked out by a walk that visited a node once for each path to it,
so a text nested n calls deep cost 2^n steps (``sin(sin(…))`` 60 deep never finished). These tests
would hang then; pytest-timeout turns a hang into a failure. How the time grows with depth and
length is measured in benchmarks/bench_parse.py, not here.
"""
from __future__ import annotations

import pytest
import sympy

from tutor.errors import ParseError
from tutor.parser import Kind, parse
from tutor.parser.lexing import MAX_DEPTH, MAX_LENGTH

pytestmark = pytest.mark.timeout(20)

x = sympy.Symbol("x")


def _nested(function: str, depth: int, inner: str = "x") -> str:
    return f"{function}(" * depth + inner + ")" * depth


@pytest.mark.parametrize("function", ["sin", "exp", "sqrt", "abs", "σ"])
def test_calls_nested_to_the_limit_are_read(function):
    parsed = parse(_nested(function, MAX_DEPTH - 1))
    assert parsed.kind is Kind.EXPRESSION
    assert parsed.variables == frozenset({"x"})


def test_calls_nested_past_the_limit_are_refused_with_a_reason():
    with pytest.raises(ParseError) as err:
        parse(_nested("sin", MAX_DEPTH + 1))
    assert err.value.code == "too_deep"


def test_an_error_deep_inside_nested_calls_points_at_itself():
    text = _nested("sin", 90, "x + ")
    with pytest.raises(ParseError) as err:
        parse(text)
    assert err.value.span[0] >= text.index("+")


def test_a_note_deep_inside_nested_calls_has_its_own_span():
    text = _nested("sin", 90, "1/2x")
    parsed = parse(text)
    note = next(n for n in parsed.notes if n.code == "division_then_product")
    assert text[note.span[0]:note.span[1]] == "1/2x"


def test_nested_calls_around_a_matrix_are_refused_not_hung():
    with pytest.raises(ParseError):
        parse(_nested("sin", 60, "[[1, 2], [3, 4]]"))


@pytest.mark.parametrize("text", [
    "+".join(["x"] * (MAX_LENGTH // 2)),
    "-".join(["1"] * (MAX_LENGTH // 2)),
    "+".join(["sin(x)"] * (MAX_LENGTH // 7)),
    "*".join(["x"] * (MAX_LENGTH // 2)),
    "x" * MAX_LENGTH,
    ", ".join(["x"] * (MAX_LENGTH // 3)),
    "[" + ", ".join(["1"] * (MAX_LENGTH // 3 - 1)) + "]",
])
def test_the_longest_flat_texts_are_read(text):
    parsed = parse(text[:MAX_LENGTH])
    parsed.interpreted


def test_a_long_sum_keeps_every_term_in_the_order_typed():
    parsed = parse(" + ".join(f"x^{k}" for k in range(1, 200)))
    assert isinstance(parsed.expr, sympy.Add)
    assert len(parsed.expr.args) == 199
    assert parsed.value == sum(x ** k for k in range(1, 200))


def test_a_sum_of_vectors_is_still_added_at_once():
    assert parse("[1, 2] + [3, 4] - [1, 1]").value == sympy.ImmutableMatrix([3, 5])


def test_a_run_of_bare_functions_gets_one_note_for_the_whole_run():
    parsed = parse("sin " * 90 + "x")
    notes = [n for n in parsed.notes if n.code == "bare_function"]
    assert len(notes) == 1
    assert notes[0].span == (0, len(parsed.text))


def test_a_long_run_of_bare_functions_is_refused_as_too_deep():
    with pytest.raises(ParseError) as err:
        parse("sin " * (MAX_LENGTH // 4 - 1) + "x")
    assert err.value.code == "too_deep"


@pytest.mark.parametrize("text", [
    "x" + "!" * (MAX_LENGTH - 1),
    "- " * (MAX_LENGTH // 2 - 1) + "x",
    "√" * (MAX_LENGTH - 1) + "x",
    "x^" * (MAX_LENGTH // 2 - 1) + "x",
    "x" + "%" * (MAX_LENGTH - 1),
])
def test_deep_chains_of_operators_are_refused_as_too_deep(text):
    with pytest.raises(ParseError) as err:
        parse(text)
    assert err.value.code == "too_deep"


def test_brackets_and_plus_signs_add_no_level():
    assert parse("(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH).expr == x
    assert parse("+ " * 300 + "x").expr == x


def _trees():
    """Every text of the parser's table and of the depth tests above that lark reads."""
    from lark.exceptions import UnexpectedInput

    from parser_table import ROWS
    from tutor.parser import _lark

    texts = [row.text for row in ROWS] + [
        _nested("sin", 40), "x" + "!" * 150, "- " * 90 + "x", "√" * 150 + "x", "x^" * 90 + "x",
        "a/(b/(c/(d/e)))", "x^-x^-x^-x", "[[1, 2], [3, x^2]]", "((((x))))", "2x(3y(4z(5w)))"]
    for text in texts:
        try:
            yield text, _lark().parse(text)
        except UnexpectedInput:
            continue


def test_a_parse_tree_is_at_most_one_level_deeper_than_its_text_is_long():
    """Why a text shorter than twice the limit skips the walk of its tree (tutor.parser._tree_depth)."""
    from tutor.parser import _tree_depth

    checked = 0
    for text, tree in _trees():
        assert _tree_depth(tree) <= len(text) + 1, text
        checked += 1
    assert checked > 300


def test_a_text_without_plus_minus_has_no_plus_minus_in_its_tree():
    """Why a text the ± terminal does not match skips the walk for ± (tutor.parser._plus_minus)."""
    from tutor.parser import _plus_minus

    for text, tree in _trees():
        has = any(node.data in ("pm", "upm") for node in tree.iter_subtrees())
        assert has == bool(_plus_minus().search(text)), text
    assert _plus_minus().search("1 +/- 2") and _plus_minus().search("±3") and not _plus_minus().search("1 + 2")


_ADVERSARIAL = ["1/(1/(1/(1/x)))", "x^-x^-x^-x", "-(-(-(-x)))", "e^-e^-x", "x!!!", "1-(1-(1-x))", "a/-b",
                "--x", "|x-|y-|z|||", "2^-2^-2^-x", "-x^-y", "1/-(1/-(x))", "√√√√x", "-1/-x",
                "(x/y)^-(z/w)^-(u/v)", "x^(1/2)^(1/2)", "log10(log10(x))", r"\frac{1}{\frac{1}{x}}"]


def test_what_is_built_nests_at_most_one_level_per_character_typed():
    """Why a text of at most half the depth limit skips the walk of what it built (finish.parsed)."""
    from parser_table import ROWS
    from tutor.parser.finish import depth

    checked = 0
    for text in [row.text for row in ROWS] + _ADVERSARIAL:
        try:
            expr = parse(text).expr
        except ParseError:
            continue
        assert depth(expr) <= len(text) + 1, text
        checked += 1
    assert checked > 300
