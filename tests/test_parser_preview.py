"""A preview shows the reading, never a computed result (issue 12 item 2).

Typing ``[[-1,-1],[5,2]]^-1`` for "find the inverse" must show the inverse of that matrix, not the
inverse; products, sums and powers of typed matrices, and ``2+3``, are likewise shown as typed,
in every front end that previews: `Parsed.interpreted` and `latex`, ``tutor parse --json``
(`interpreted`, `value`), the service's ``/v1/parse`` (the same `parse_result`), the REPL's
bottom bar and the notebook widget. The checker still compares the computed value.
"""
from __future__ import annotations

import sympy
import pytest

import tutor
from tutor.parser.command import parse_result

R = sympy.Rational
ROWS = [
    # typed, shown as, the computed value (which the preview must not show)
    ("[[-1,-1],[5,2]]^-1", "[[−1, −1], [5, 2]]^−1", sympy.ImmutableMatrix([[R(2, 3), R(1, 3)], [R(-5, 3), R(-1, 3)]])),
    ("[[1,2],[3,4]]*[[0,1],[1,0]]", "[[1, 2], [3, 4]]·[[0, 1], [1, 0]]", sympy.ImmutableMatrix([[2, 1], [4, 3]])),
    ("[[1,2],[3,4]][[0,1],[1,0]]", "[[1, 2], [3, 4]]·[[0, 1], [1, 0]]", sympy.ImmutableMatrix([[2, 1], [4, 3]])),
    ("[[1,2],[3,4]]^2", "[[1, 2], [3, 4]]^2", sympy.ImmutableMatrix([[7, 10], [15, 22]])),
    ("[1,2]+[3,4]", "[1, 2] + [3, 4]", sympy.ImmutableMatrix([4, 6])),
    ("2[1,2]", "2·[1, 2]", sympy.ImmutableMatrix([2, 4])),
    ("-[1,2]", "−[1, 2]", sympy.ImmutableMatrix([-1, -2])),
    ("[[1,2],[3,4]]^T", "[[1, 2], [3, 4]]^T", sympy.ImmutableMatrix([[1, 3], [2, 4]])),
    ("2+3", "2 + 3", sympy.Integer(5)),
    ("2/4", "2/4", R(1, 2)),
    ("2*3^2", "2·3²", sympy.Integer(18)),
]


@pytest.mark.parametrize("text, shown, value", ROWS)
def test_the_reading_is_what_was_typed_and_the_value_is_computed(text, shown, value):
    parsed = tutor.parse(text)
    assert parsed.interpreted == shown
    assert parsed.value == value            # the checker still sees the result
    computed = sympy.latex(value)
    if not isinstance(value, sympy.Integer) or value > 9:
        assert parsed.latex != computed


@pytest.mark.parametrize("text, shown, value", ROWS)
def test_parse_json_and_the_service_show_the_reading(text, shown, value):
    result = parse_result(text)
    assert result["ok"] and result["interpreted"] == shown
    assert result["value"] != str(value), "value must be the reading, not the computed result"


def test_value_is_the_unevaluated_sympy_reading():
    assert parse_result("2+3")["value"] == "2 + 3"
    assert parse_result("[[-1,-1],[5,2]]^-1")["value"] == str(
        sympy.MatPow(sympy.ImmutableMatrix([[-1, -1], [5, 2]]), -1, evaluate=False))


def test_the_repl_bar_shows_the_inverse_unevaluated():
    from tutor.repl.reading import AnswerReader
    from tutor.repl.toolbar import Toolbar

    bar = Toolbar(AnswerReader(), lambda: "")
    shown = "".join(text for _, text in bar.fragments("[[-1,-1],[5,2]]^-1"))
    assert "[[−1, −1], [5, 2]]^−1" in shown and "2/3" not in shown


def test_the_notebook_preview_shows_the_inverse_unevaluated():
    from tutor.notebook.widget import reading_html

    shown = reading_html("[[-1,-1],[5,2]]^-1")
    assert "[[−1, −1], [5, 2]]^−1" in shown and "2/3" not in shown


def test_the_checker_still_marks_the_computed_value():
    assert tutor.check("[[-1,-1],[5,2]]^-1", "[[2/3, 1/3], [-5/3, -1/3]]").correct


def test_a_function_of_a_typed_matrix_in_a_product_is_refused_not_a_crash():
    # hypothesis find: a product with sin of a matrix in it (noncommutative scalars); square
    # brackets after sin are its call brackets, and sin takes numbers, as in sin([[1,2],[3,4]])
    with pytest.raises(tutor.ParseError) as err:
        tutor.parse("[[1,2],[3,4]]sin[[1,2],[3,4]]")
    assert err.value.code == "not_a_scalar"
