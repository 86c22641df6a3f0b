"""Identities of a data matrix, step by step: ‖X‖² = tr(XᵀX), and the covariance of centred data (1/n)XᵀX.

Both go through the Gram matrix XᵀX, whose entry (j, k) is column j of X dotted with column k
(`GramMatrix`, a real subgoal):

* the squared Frobenius norm ``norm(X)^2`` adds the squares of all the entries of X, column by
  column, and column j's squares are the diagonal entry (XᵀX)_jj, so it is the trace of XᵀX
  (`FrobeniusAsTrace`);
* the covariance matrix of data whose n rows are the examples and whose columns are centred,
  ``covariance(X)``, has entry (j, k) the mean over the examples of (feature j)·(feature k): the
  Gram matrix divided by n (`CentredCovariance`).

The misconceptions (`IDENTITY_BUGS`): the trace left out, the trace squared again, the root of the
norm, the Gram matrix taken the wrong way round (X Xᵀ), the 1/n dropped, and n − 1 for n.

>>> from tutor.steps.solve import solution_steps
>>> s = solution_steps("norm(X)^2", declare={"X": "matrix(n, d)"})
>>> [node.rule for node in s.root.walk()], str(s.result)
(['frobenius_as_trace', 'gram_matrix'], 'Trace(X.T*X)')
>>> s.diagnose("tr(X^T X)^2").bug
'trace_squared'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic
from sympy.core.function import AppliedUndef

from tutor.linalg import nodes as la
from tutor.ops.matrix_nodes import Norm
from tutor.steps.matrix_calculus import times
from tutor.steps.node import Node, NodeBug, as_rule, show
from tutor.values import frozen


def gram(m: Basic) -> Basic:
    """mᵀm, written as a product (unevaluated).

    >>> X = sympy.MatrixSymbol("X", 3, 2)
    >>> gram(X)
    X.T*X
    """
    return times(sympy.Integer(1), [la.transpose(m), m])


@frozen(eq=False, kw_only=True)
class GramMatrix(Node):
    """XᵀX: entry (j, k) is column j of X dotted with column k; its diagonal holds each column's squares."""

    rule = "gram_matrix"
    name = "the matrix of column dot products"
    statement = ("(XᵀX)_jk = Σᵢ X_ij·X_ik: row j of Xᵀ is column j of X, so entry (j, k) of XᵀX is column j "
                 "dotted with column k. On the diagonal, (XᵀX)_jj = Σᵢ X_ij², the squares of column j.")

    def goal(self) -> str:
        return f"the dot products of the columns of {show(self.expr)}"

    def instance(self) -> str:
        x = show(self.expr)
        return f"column j of {x} dotted with column k, for every j and k: that is row j of {x}ᵀ times column k"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return gram(self.expr)


@frozen(eq=False, kw_only=True)
class FrobeniusAsTrace(Node):
    """‖X‖² = Σᵢⱼ X_ij² = Σⱼ (XᵀX)_jj = tr(XᵀX)."""

    matrix: Basic
    rule = "frobenius_as_trace"
    name = "the squared Frobenius norm as a trace"
    statement = ("‖X‖² adds the squares of all the entries of X. Adding them column by column, column j gives "
                 "(XᵀX)_jj, so ‖X‖² adds the diagonal of XᵀX: its trace.")

    def instance(self) -> str:
        x = show(self.matrix)
        return f"‖{x}‖² = Σⱼ (sum of the squares in column j) = Σⱼ ({x}ᵀ{x})_jj"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.matrix)}

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Trace(parts[0])


@frozen(eq=False, kw_only=True)
class CentredCovariance(Node):
    """Cov = (1/n)·XᵀX for centred columns: entry (j, k) is the mean of (feature j)·(feature k)."""

    matrix: Basic
    count: Basic
    rule = "centred_covariance"
    name = "the covariance matrix of centred data"
    statement = ("Cov(feature j, feature k) is the mean over the examples of (x_j − mean)(x_k − mean); with "
                 "centred columns the means are 0, so it is (1/n)·Σᵢ X_ij·X_ik = (1/n)·(XᵀX)_jk.")

    def goal(self) -> str:
        return f"the covariance matrix of the columns of {show(self.matrix)}"

    def instance(self) -> str:
        return (f"the mean over the {show(self.count)} examples of each product of two features: the column "
                f"dot products divided by {show(self.count)}")

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.matrix), "count": show(self.count)}

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return times(1 / self.count, [parts[0]])


def identity_tree(expr: Basic) -> Node | None:
    """The rule tree of ‖X‖² or covariance(X) for a declared matrix X, or None for anything else.

    >>> X = sympy.MatrixSymbol("X", sympy.Symbol("n"), sympy.Symbol("d"))
    >>> identity_tree(Norm(X) ** 2).result
    Trace(X.T*X)
    >>> identity_tree(sympy.Function("covariance")(X)).result
    1/n*X.T*X
    >>> identity_tree(Norm(X)) is None
    True
    """
    if isinstance(expr, sympy.Pow) and expr.exp == 2 and isinstance(expr.base, Norm):
        m = expr.base.arg
        if isinstance(m, sympy.MatrixSymbol) and m.shape[1] != 1:
            return FrobeniusAsTrace(expr=expr, matrix=m, children=(GramMatrix(expr=m),))
    if isinstance(expr, AppliedUndef) and expr.func.__name__ == "covariance" and len(expr.args) == 1:
        m = expr.args[0]
        if isinstance(m, sympy.MatrixSymbol) and m.shape[1] != 1:
            return CentredCovariance(expr=expr, matrix=m, count=m.shape[0], children=(GramMatrix(expr=m),))
    return None


# ----- misconceptions


def _trace_forgotten(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _trace_squared(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.Trace(parts[0]) ** 2,)


def _root_of_norm(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.sqrt(sympy.Trace(parts[0])),)


def _wrong_side(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = as_rule(node, GramMatrix).expr
    return (times(sympy.Integer(1), [m, la.transpose(m)]),)


def _mean_dropped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _bessel(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    n = as_rule(node, CentredCovariance).count
    return (times(1 / (n - 1), [parts[0]]),)


IDENTITY_BUGS: tuple[NodeBug, ...] = (
    NodeBug("trace_forgotten", "Stops at XᵀX for ‖X‖²: the matrix whose diagonal holds the column sums of "
            "squares, not their total.", frozenset({"frobenius_as_trace"}), _trace_forgotten,
            "‖{matrix}‖² is a number, and your answer is a matrix: its diagonal holds the sum of the squares of "
            "each column, and the norm adds them all up.",
            "The trace adds the diagonal entries: tr(M) = Σⱼ M_jj, a number."),
    NodeBug("trace_squared", "Squares the trace again: tr(XᵀX)² for ‖X‖².", frozenset({"frobenius_as_trace"}),
            _trace_squared,
            "Your answer squares the trace, but tr({matrix}ᵀ{matrix}) already adds the squares of the entries: "
            "each entry is squared once, inside the sum.",
            "‖X‖² = Σᵢⱼ X_ij²: each entry is squared once, and the trace of XᵀX adds exactly those squares."),
    NodeBug("norm_not_squared", "Gives the norm ‖X‖ = √tr(XᵀX) where its square is asked.",
            frozenset({"frobenius_as_trace"}), _root_of_norm,
            "Your answer is the norm itself, a square root; the question asks for its square, the sum of the "
            "squares of the entries.",
            "‖X‖ = √(Σᵢⱼ X_ij²), so ‖X‖² = Σᵢⱼ X_ij² with no root."),
    NodeBug("gram_wrong_side", "Multiplies X Xᵀ (rows dotted with rows, n×n) where XᵀX (columns dotted with "
            "columns) is meant.", frozenset({"gram_matrix"}), _wrong_side,
            "In {goal} the transpose is on the wrong side: X Xᵀ dots the examples (rows) with each other, while "
            "the features are the columns.",
            "Entry (j, k) of XᵀX is column j of X dotted with column k: Xᵀ comes first."),
    NodeBug("covariance_mean_dropped", "Forgets to divide the sum of products by the number of examples.",
            frozenset({"centred_covariance"}), _mean_dropped,
            "A covariance is a mean over the examples: the column dot products of {matrix} must be divided by "
            "the number of examples, {count}.",
            "Cov(x_j, x_k) = (1/n)·Σᵢ x_ij·x_ik for centred data: the sum, then the division by n."),
    NodeBug("covariance_n_minus_1", "Divides by n − 1 (the unbiased sample covariance) where the question "
            "divides by n.", frozenset({"centred_covariance"}), _bessel,
            "Dividing by {count} − 1 gives the unbiased sample covariance, a different estimator: this question "
            "divides by the number of examples, {count}.",
            "Both estimators are in use; read which one is asked. Here: the mean of the products, divided by n."),
)
"""The misconceptions of the data-matrix identities, in priority order."""


__all__ = ["CentredCovariance", "FrobeniusAsTrace", "GramMatrix", "IDENTITY_BUGS", "gram", "identity_tree"]
