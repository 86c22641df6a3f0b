"""The author interpreter as the oracle for the step engines, and random instances to test them on."""
from __future__ import annotations

import random
import re
from collections.abc import Callable

import sympy

from tutor.parser import parse
from tutor.problems.interpreter import AUTHOR_OPS, interpret
from tutor.steps.compare import matches
from tutor.steps.node import show
from tutor.steps.solve import as_value, solution_steps


def interpreted(formula: str, **values: object) -> sympy.Basic:
    """What the author interpreter computes for `formula` with `values`."""
    env = {parse(name, variables=[name]).expr: as_value(name, value) for name, value in values.items()}
    expr = parse(formula, variables=list(values), functions=AUTHOR_OPS).expr
    return interpret(expr, env)


def check_against_interpreter(formula: str, **values: object) -> None:
    """The engine's result agrees with the interpreter, and every node recomputes its own result."""
    solution = solution_steps(formula, **values)
    expected = interpreted(formula, **values)
    assert matches(solution.result, expected), (formula, values, solution.result, expected)
    for node in solution.walk():
        assert matches(node.recompute(), node.result), (formula, node.rule)
    assert solution.diagnose(solution.result) is None, (formula, values)
    assert solution.render() and solution.latex() and solution.hints()


def integer_matrix(rng: random.Random, rows: int, cols: int, low: int = -5, high: int = 5) -> sympy.ImmutableMatrix:
    """A random integer matrix."""
    return sympy.ImmutableMatrix(rows, cols, [rng.randint(low, high) for _ in range(rows * cols)])


def unimodular(rng: random.Random, n: int) -> sympy.ImmutableMatrix:
    """A random integer matrix with determinant ±1 (so its inverse is an integer matrix)."""
    m = sympy.eye(n)
    for _ in range(n * 2):
        i, j = rng.sample(range(n), 2)
        m[i, :] = m[i, :] + rng.choice([-2, -1, 1, 2]) * m[j, :]
    return sympy.ImmutableMatrix(m)


def with_eigenvalues(rng: random.Random, n: int) -> tuple[sympy.ImmutableMatrix, list[int]]:
    """A random integer matrix P·D·P⁻¹ with integer eigenvalues (the diagonal of D)."""
    values = [rng.randint(-4, 5) for _ in range(n)]
    p = unimodular(rng, n)
    return sympy.ImmutableMatrix(p * sympy.diag(*values) * p.inv()), values


Instance = Callable[[random.Random], tuple[str, dict[str, object]]]


def gives_away(text: str, solution, values: dict[str, object]) -> bool:
    """Whether `text` states the answer, once the question's own values and formula are taken out."""
    for value in values.values():
        text = text.replace(show(as_value("v", value)), "")
    text = text.replace(solution.root.goal(), "")
    answer = show(solution.result)
    return re.search(rf"(?<![\w/.^]){re.escape(answer)}(?![\w/.])", text) is not None
