"""The parser's own LALR driver (`tutor.parser.driver`) gives exactly lark's tree, or lark's error.

Trees are compared node by node, tokens by type, text and every position (a lark `Token` equals
any string with the same text, so ``==`` on trees would not see a wrong position).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from parser_table import ROWS
from tutor.parser import _driver, _lark
from tutor.parser.driver import Driver

_POSITIONS = ("type", "start_pos", "end_pos", "line", "column", "end_line", "end_column")


def _shape(root):
    """A tree as plain data, in preorder (texts nest deeper than recursion may go): rule names
    with their number of children, and each token with its text and positions."""
    out, todo = [], [root]
    while todo:
        node = todo.pop()
        if isinstance(node, Tree):
            out.append((node.data, len(node.children)))
            todo.extend(reversed(node.children))
        elif isinstance(node, Token):
            out.append((str(node), *(getattr(node, name) for name in _POSITIONS)))
        else:
            out.append(node)
    return out


def _outcome(parse, text):
    try:
        return "tree", _shape(parse(text))
    except UnexpectedInput as err:
        return "error", type(err).__name__, str(err)


def _agree(text: str) -> None:
    assert _outcome(_driver().parse, text) == _outcome(_lark().parse, text), text


TEXTS = sorted({row.text for row in ROWS}) + [
    "2cos(x)sin(x)", "(p-y)/(p-p^2)", "[1 2; 3 4]", "[1 -2 3]", "|x - |y||", "‖x‖_2", "x\n+ 1", "",
    "2 + * 3", "x $ y", "((x)", "sin", "Σ_{i=1}^{n} x_i", "x ± 1", "1, -2", "0 < x <= 1",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_driver_gives_lark_s_tree_or_lark_s_error(text):
    _agree(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="xyz123 +-*/^()[]{},;|!=<.eσπ√Σ_%∞±", max_size=30))
def test_the_driver_agrees_with_lark_on_any_text(text):
    _agree(text)


def test_another_lark_is_left_to_run_its_own_parser():
    class Other:    # an object without lark's internals: the driver falls back to its parse()
        def parse(self, text):
            return Tree("start", [Token("NAME", text)])

    assert Driver(Other()).parse("x") == Tree("start", ["x"])  # type: ignore[arg-type]


def test_the_driver_runs_its_own_loop_and_leaves_only_errors_and_line_breaks_to_lark():
    # otherwise every comparison above would compare lark with itself
    for text in ["2cos(x)sin(x)", "(p-y)/(p-p^2)", "[1 2; 3 4]", "|x - |y||", "x ± 1"]:
        assert _driver()._parse(text) is not None, text
    for text in ["2 + * 3", "x $ y", "((x)"]:
        assert _driver()._parse(text) is None, text
    assert _driver().parse("x\n+ 1") == _lark().parse("x\n+ 1")
