"""The registry's matrix operations (`tutor.ops.matrices`): every facet present and consistent, and every
stage that meets a matrix operation reading it (parser, LaTeX reader, printers, evaluation of typed
matrices, the prober, the author language, `forbid`)."""
from __future__ import annotations

import random

import numpy as np
import pytest
import sympy

import tutor
from tutor import ops
from tutor.linalg import numeric
from tutor.linalg.declare import declaration
from tutor.ops.operation import NoStepRule, StepRule
from tutor.parser import matrix_calls
from tutor.parser.latex import function_commands
from tutor.parser.printer import to_latex, to_text
from tutor.problems.interpreter import AUTHOR_OPS  # noqa: F401 - importing it registers every operation
from tutor.problems.ops_base import OPERATIONS as AUTHOR

MATRIX = ops.MATRIX_OPERATIONS
LEARNER = [op for op in MATRIX if op.learner]
n = sympy.Symbol("n")
VARIABLES = {"A": "matrix(n, n)", "B": "matrix(n, n)", "x": "vector(n)", "y": "vector(n)", "X": "matrix(n, d)"}
SHAPES = {name: declaration(text) for name, text in VARIABLES.items()}
A = sympy.MatrixSymbol("A", n, n)
B = sympy.MatrixSymbol("B", n, n)
x = sympy.MatrixSymbol("x", n, 1)
y = sympy.MatrixSymbol("y", n, 1)


def symbolic_args(op: ops.MatrixOperation) -> list:
    """Arguments of the right shapes for `op`, as declared symbols."""
    if op.shape in (ops.Shape.COLUMNS_TO_SCALAR,):
        return [x, y]
    if op.shape in (ops.Shape.COLUMN_TO_SQUARE, ops.Shape.ARRAY_TO_SCALAR):
        return [x]
    if op.shape is ops.Shape.PRODUCT:
        return [A, B]
    return [A]


def explicit_args(op: ops.MatrixOperation, rng: random.Random, size: int) -> list:
    """Random integer matrices of the right shapes; square ones invertible."""
    def square() -> sympy.ImmutableMatrix:
        while True:
            m = sympy.ImmutableMatrix(size, size, [rng.randint(-5, 5) for _ in range(size * size)])
            if m.det() != 0:
                return m

    def column() -> sympy.ImmutableMatrix:
        return sympy.ImmutableMatrix([rng.randint(-5, 5) for _ in range(size)])
    return [square() if a.shape[1] == n else column() for a in symbolic_args(op)]


@pytest.mark.parametrize("op", MATRIX, ids=lambda op: op.name)
def test_every_matrix_operation_has_every_facet(op):
    assert op.name and op.noun and isinstance(op.head, type)
    assert callable(op.build) and callable(op.exact) and callable(op.float)
    assert isinstance(op.shape, ops.Shape) and op.shape not in (ops.Shape.ELEMENTWISE, ops.Shape.SCALAR)
    assert "{0}" in op.written.text and "{0}" in op.written.latex
    assert isinstance(op.step, (StepRule, NoStepRule))
    least, most = op.arity
    assert least >= 1 and (most == 0 or most >= least)
    for name in op.names:
        assert ops.matrix_by_name(name) is op
    assert ops.matrix_by_class(op.head) is op


def test_the_parser_has_no_table_of_its_own():
    assert matrix_calls.CALLS == frozenset(ops.MATRIX_NAMES)
    assert set(ops.MATRIX_NAMES) == {name for op in LEARNER for name in op.names}


@pytest.mark.parametrize("op", MATRIX, ids=lambda op: op.name)
def test_the_shape_rule_agrees_with_what_build_makes(op):
    args = symbolic_args(op)
    shape = op.shape.result([tuple(a.shape) for a in args])
    built = op.build(*args)
    assert isinstance(built, op.head)
    assert shape == (tuple(built.shape) if isinstance(built, sympy.MatrixExpr) else ())


@pytest.mark.parametrize("op", MATRIX, ids=lambda op: op.name)
def test_exact_float_and_the_prober_agree_on_random_matrices(op):
    rng = random.Random(op.name)
    for size in (1, 2, 3):
        for _ in range(4):
            args = explicit_args(op, rng, size)
            exact = op.exact(*args)
            floats = op.float(*(np.array(a.tolist(), dtype=float) for a in args))
            want = np.array(exact.tolist(), dtype=float) if isinstance(exact, sympy.MatrixBase) else float(exact)
            assert np.allclose(floats, want, rtol=1e-9, atol=1e-9)
            # the prober evaluates the symbolic node with the same values
            world = {"n": float(size), "A": np.array(args[0].tolist(), dtype=float)}
            if len(args) == 2:
                key = "B" if op.shape is ops.Shape.PRODUCT else "y"
                world[key] = np.array(args[1].tolist(), dtype=float)
            if args[0].shape[1] == 1 and size > 1 or op.shape in (ops.Shape.COLUMNS_TO_SCALAR,
                                                                 ops.Shape.COLUMN_TO_SQUARE,
                                                                 ops.Shape.ARRAY_TO_SCALAR):
                world["x"] = world.pop("A")
            assert np.allclose(numeric.value(op.build(*symbolic_args(op)), world), want, rtol=1e-9, atol=1e-9)


def test_a_singular_matrix_has_no_inverse_in_any_facet():
    inverse = ops.matrix_by_name("inverse")
    singular = sympy.ImmutableMatrix([[1, 2], [2, 4]])
    with pytest.raises(ArithmeticError):
        inverse.exact(singular)
    with pytest.raises(ArithmeticError):
        inverse.float(np.array([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(tutor.ParseError, match="singular, so it has no inverse"):
        tutor.parse("inverse([[1, 2], [2, 4]])")


@pytest.mark.parametrize("op", LEARNER, ids=lambda op: op.name)
def test_every_name_calls_the_operation_on_declared_matrices(op):
    args = symbolic_args(op)
    texts = [str(a) for a in args]
    for name in op.names:
        parsed = tutor.parse(f"{name}({', '.join(texts)})", shapes=SHAPES)
        assert parsed.expr == op.build(*args)


@pytest.mark.parametrize("op", LEARNER, ids=lambda op: op.name)
def test_on_typed_matrices_the_value_is_computed_and_the_reading_kept(op):
    args = explicit_args(op, random.Random(1), 2)
    typed = ", ".join(to_text(a).replace(" ", "") for a in args)
    parsed = tutor.parse(f"{op.name}({typed})")
    assert parsed.value == op.exact(*args)
    assert parsed.interpreted == to_text(op.build(*args))
    assert tutor.check(f"{op.name}({typed})", parsed.value, forbid=[op.name]).status.value == "invalid"
    assert tutor.check(f"{op.name}({typed})", parsed.value).correct


@pytest.mark.parametrize("op", LEARNER, ids=lambda op: op.name)
def test_printed_text_and_latex_read_back_to_the_same_operation(op):
    built = op.build(*symbolic_args(op))
    assert tutor.parse(to_text(built), shapes=SHAPES).expr == built
    assert tutor.parse(to_latex(built), shapes=SHAPES, format="latex").expr == built


@pytest.mark.parametrize("op", LEARNER, ids=lambda op: op.name)
def test_the_latex_reader_takes_each_declared_command(op):
    commands = function_commands()
    args = symbolic_args(op)
    for spelling in op.written.latex_names:
        name = spelling.removeprefix("\\operatorname{").removesuffix("}").lstrip("\\")
        assert commands[name] == op.name
        parsed = tutor.parse(rf"{spelling}\left({', '.join(str(a) for a in args)}\right)", shapes=SHAPES,
                             format="latex")
        assert parsed.expr == op.build(*args)


@pytest.mark.parametrize("op", LEARNER, ids=lambda op: op.name)
def test_the_author_language_computes_with_the_registry(op):
    args = explicit_args(op, random.Random(2), 3)
    for name in op.names:
        assert AUTHOR[name].fn(tuple(args), None) == op.exact(*args)


@pytest.mark.parametrize("text, message", [
    ("det(X)", "X is n×d, not square, so it has no determinant"),
    ("inverse(X)", "did you mean (X^T X)^(-1)?"),
    ("tr(x)", "x is n×1, not square, so it has no trace"),
    ("dot(x, A)", "dot takes two column vectors of the same size; here they are n×1 and n×n"),
    ("diag(A)", "diag takes a column vector; here it has n×n"),
    ("trace(A, B)", "trace takes one argument; here it has 2"),
    ("det(2)", "det takes a declared vector or matrix"),
])
def test_wrong_shapes_are_refused_with_the_registry_rule(text, message):
    with pytest.raises(tutor.ParseError) as err:
        tutor.parse(text, shapes=SHAPES)
    assert message in err.value.message
    verdict = tutor.check(text, "tr(A)", variables=VARIABLES)
    assert verdict.status.value == "invalid"


def test_without_declarations_or_typed_matrices_the_names_keep_their_meaning():
    assert tutor.parse("tr(x)", variables=["t", "r", "x"]).value == sympy.Symbol("t") * sympy.Symbol("r") * sympy.Symbol("x")
    with pytest.raises(tutor.ParseError, match="Unknown function 'det'"):
        tutor.parse("det(x)")


def test_a_matrix_operation_without_brackets_applies_to_what_follows():
    parsed = tutor.parse("det A B", shapes=SHAPES)
    assert parsed.expr == sympy.Determinant(sympy.MatMul(A, B, evaluate=False))
    assert any(note.code == "bare_function" for note in parsed.notes)


@pytest.mark.parametrize("response, forbidden, status", [
    ("[[3, 2], [1, 4]]^-1", "inverse", "invalid"),
    ("inverse([[3, 2], [1, 4]])", "inverse", "invalid"),
    ("[[2/5, -1/5], [-1/10, 3/10]]", "inverse", "correct"),
    ("[[3, 2], [1, 4]] [[1], [1]]", "matmul", "invalid"),
    ("2 [[3, 2], [1, 4]]", "matmul", "incorrect"),
])
def test_forbid_finds_matrix_operations_as_typed(response, forbidden, status):
    expected = "[[2/5, -1/5], [-1/10, 3/10]]" if forbidden == "inverse" else "[[5], [5]]"
    verdict = tutor.check(response, expected, forbid=[forbidden])
    assert verdict.status.value == status
    if status == "invalid":
        assert f"still contains the {ops.matrix_by_name(forbidden).noun}" in verdict.feedback


def test_forbid_names_are_the_registry_names_and_aliases():
    from tutor.checker.forbid import canonical
    assert canonical(["trace", "inverse", "matmul"]) == ("tr", "inverse", "matmul")
    with pytest.raises(tutor.CheckError):
        canonical(["inv"])
