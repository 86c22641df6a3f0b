"""Steps for formulas on declared matrices and vectors: which engine, and a `Solution` that reads shapes.

`solution_steps(formula, declare={...})` parses the formula with the declared shapes and hands it here
(`array_steps`): the gradient of a number by a declared vector goes to `tutor.steps.matrix_calculus`,
the derivative of a sum over declared data by a number to `tutor.steps.data_sums`, the transpose or
inverse of a product of declared matrices to `tutor.steps.matrix_products`, ‖X‖² and the covariance of
a declared data matrix to `tutor.steps.matrix_identities`, ``solve(gradient(f, w), w)`` (the w where a
least-squares gradient is 0) to `tutor.steps.normal_equations`, a likelihood over declared data (its
product, the logarithm of the product, ``argmax`` of a log-likelihood) to `tutor.steps.likelihood`, one
gradient-descent step w − η·gradient(f, w) to `tutor.steps.descent`.
The `ArraySolution` it returns compares values by shape and probing (`ArrayCompare`) and reads a
learner's response with the same declarations, so ``2 X (X w - y)`` is refused as a shape error
(a `ParseError`) and ``2 (X w - y)^T X`` is a row, not the column asked for.

>>> from tutor.steps.solve import solution_steps
>>> s = solution_steps("gradient(norm(X w - y)^2, w)", declare={"X": "matrix(n, d)", "w": "vector(d)",
...                                                            "y": "vector(n)"})
>>> s.root.rule, s.diagnose("2 X^T (X w - y)") is None
('squared_norm', True)
"""
from __future__ import annotations

from collections.abc import Mapping

import sympy
from sympy import Basic
from sympy.core.function import AppliedUndef

from tutor.errors import StepError, TutorError
from tutor.linalg import nodes as la
from tutor.linalg.declare import Declaration, DeclKind, declarations
from tutor.steps import likelihood
from tutor.steps.array_compare import ArrayCompare
from tutor.steps.data_sums import sum_tree
from tutor.steps.descent import DESCENT_BUGS, descent_tree
from tutor.steps.likelihood_bugs import LIKELIHOOD_BUGS
from tutor.steps.matrix_calculus import gradient_tree
from tutor.steps.matrix_calculus_bugs import MATRIX_CALCULUS_BUGS
from tutor.steps.matrix_identities import IDENTITY_BUGS, identity_tree
from tutor.steps.matrix_products import product_tree
from tutor.steps.node import Node
from tutor.steps.normal_equations import NORMAL_EQUATION_BUGS, normal_equations_tree
from tutor.steps.solution import Solution
from tutor.values import frozen


@frozen(eq=False)
class ArraySolution(Solution):
    """A `Solution` whose values hold declared arrays: responses are read with the declarations."""

    declared: tuple[tuple[str, Declaration], ...] = ()

    def _response_value(self, response: object) -> Basic:
        if isinstance(response, str):
            from tutor.parser import parse

            shapes = dict(self.declared)
            names = sorted({*shapes, *(s.name for s in _symbols(self.result)), *_dims(shapes)})
            response = parse(response, variables=names, shapes=shapes)
        return super()._response_value(response)


def read_declarations(declare: Mapping[str, str] | None) -> dict[str, Declaration]:
    """The declarations given to `solution_steps`, read as the checker reads them (or a `StepError`).

    >>> sorted(read_declarations({"w": "vector(d)"})), read_declarations(None)
    (['w'], {})
    >>> read_declarations({"w": "vektor(d)"})
    Traceback (most recent call last):
    ...
    tutor.errors.StepError: 'vektor(d)' is not a declaration. Use one of: scalar, real, positive, negative, \
nonnegative, nonpositive, nonzero, integer, probability, vector(d), row(d), matrix(n, d), symmetric(n), sequence(n).
    """
    if declare is None:
        return {}
    if not isinstance(declare, Mapping):
        raise StepError("declare must map names to declarations, e.g. {\"w\": \"vector(d)\"}.")
    try:
        return declarations(declare)
    except TutorError as err:
        raise StepError(str(err)) from None


def names_of(shapes: Mapping[str, Declaration]) -> list[str]:
    """The declared names and their dimension names, for the parser's `variables`.

    >>> names_of(read_declarations({"X": "matrix(n, d)"}))
    ['X', 'd', 'n']
    """
    return sorted(shapes) + sorted(_dims(shapes) - set(shapes))


def array_steps(formula: str, expr: Basic, shapes: Mapping[str, Declaration]) -> ArraySolution | None:
    """The worked `expr` (parsed with the declarations, values put in) when an array engine takes it,
    else None (the formula goes to the engines for numbers).

    >>> w = sympy.MatrixSymbol("w", sympy.Symbol("d"), 1)
    >>> shapes = read_declarations({"w": "vector(d)"})
    >>> array_steps("gradient(w^T w, w)", sympy.Function("gradient")(w.T * w, w), shapes).root.rule
    'squared_norm'
    >>> array_steps("det(A)", sympy.Function("det")(sympy.Symbol("A")), shapes) is None
    True
    """
    root = _root(expr, shapes)
    if root is None:
        return None
    bugs = DESCENT_BUGS + MATRIX_CALCULUS_BUGS + IDENTITY_BUGS + NORMAL_EQUATION_BUGS + LIKELIHOOD_BUGS
    return ArraySolution(formula, root, bugs, ArrayCompare.of(shapes),
                         declared=tuple(sorted(shapes.items())))


def _root(expr: Basic, shapes: Mapping[str, Declaration]) -> Node | None:
    if isinstance(expr, la.ArrayCall):   # gradient(f, w) read with its shape: the call it stands for
        expr = expr.call()
    if isinstance(expr, AppliedUndef) and expr.func.__name__ in ("transpose", "inverse") and len(expr.args) == 1:
        expr = (la.transpose if expr.func.__name__ == "transpose" else la.inverse)(expr.args[0])
    product = product_tree(expr)
    if product is not None:
        return product
    identity = identity_tree(expr)
    if identity is not None:
        return identity
    data = likelihood.product_tree(expr) or likelihood.log_tree(expr)
    if data is not None:
        return data
    if isinstance(expr, AppliedUndef) and expr.func.__name__ == "argmax" and len(expr.args) == 2 and \
            isinstance(expr.args[1], sympy.Symbol):
        return likelihood.argmax_tree(*expr.args)
    symmetric = frozenset(n for n, d in shapes.items() if d.kind is DeclKind.SYMMETRIC)
    if isinstance(expr, AppliedUndef) and expr.func.__name__ == "solve" and len(expr.args) == 2:
        g, w = expr.args   # solve(gradient(f, w), w): where the gradient is 0
        g = g.call() if isinstance(g, la.ArrayCall) else g
        if isinstance(w, sympy.MatrixSymbol) and isinstance(g, AppliedUndef) and \
                g.func.__name__ in ("diff", "gradient") and len(g.args) == 2 and g.args[1] == w:
            return normal_equations_tree(gradient_tree(g.args[0], w, symmetric), w, expr)
    descent = descent_tree(expr, symmetric)
    if descent is not None:
        return descent
    if isinstance(expr, AppliedUndef) and expr.func.__name__ in ("diff", "gradient") and len(expr.args) == 2:
        f, wrt = expr.args
        if isinstance(wrt, sympy.MatrixSymbol):
            return gradient_tree(f, wrt, symmetric)
        if isinstance(wrt, sympy.Symbol) and f.has(sympy.Sum):
            return sum_tree(f, wrt)
    return None


def _dims(shapes: Mapping[str, Declaration]) -> set[str]:
    return {d for decl in shapes.values() for d in decl.dim_names}


def _symbols(value: Basic) -> set[sympy.Symbol]:
    return {s for s in getattr(value, "free_symbols", set()) if isinstance(s, sympy.Symbol)}


__all__ = ["ArraySolution", "array_steps", "names_of", "read_declarations"]