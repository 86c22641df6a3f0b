"""The minimiser of a least-squares loss, step by step: ∇ = 0, the normal equations, then w = (XᵀX)⁻¹Xᵀy.

``solve(gradient(norm(X w - y)^2, w), w)`` (the w where the gradient is 0) is worked in three parts:
the gradient, by the matrix-calculus engine (`tutor.steps.matrix_calculus`); the normal equations
M w = b, the terms with w on the left (`NormalEquations`); and the solution w = M⁻¹b, a number factor
common to both sides cancelled first (`SolveNormalEquations`). Both sides are split by
`tutor.linalg.calculus.linear_parts`, as the author language's ``solve`` does.

The misconceptions (`NORMAL_EQUATION_BUGS`): the inverse left out (Xᵀy), the right-hand side's sign
flipped when it moves across, and a factor cancelled on one side only.

>>> from tutor.steps.solve import solution_steps
>>> decl = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
>>> s = solution_steps("solve(gradient(norm(X w - y)^2, w), w)", declare=decl)
>>> [node.rule for node in s.root.walk()][:3], str(s.result)
(['solve_normal_equations', 'normal_equations', 'squared_norm'], '(X.T*X)**(-1)*X.T*y')
>>> s.diagnose("X^T y").bug
'normal_inverse_dropped'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.errors import StepError
from tutor.linalg import calculus
from tutor.linalg import nodes as la
from tutor.steps.matrix_calculus import scaled, times
from tutor.steps.node import Node, NodeBug, as_rule, show
from tutor.values import frozen


class NotLinearStep(StepError, ValueError):
    """A gradient that is not M w − b: a `StepError` for the author; for a wrong value carried up from a
    misconception below (a row where the gradient is a column), a `ValueError`, which ends that path."""


def _sides(equation: Basic, w: sympy.MatrixSymbol) -> tuple[Basic, Basic]:
    """(M, b) of an equation M w = b (an `Eq`) or of a vector expression g = M w − b."""
    if isinstance(equation, sympy.Equality):
        c, factors = la.split_product(equation.lhs)   # M w as `NormalEquations` writes it: read M off
        if len(factors) > 1 and factors[-1] == w and not c.has(w) and not any(f.has(w) for f in factors[:-1]):
            return times(c, factors[:-1]), equation.rhs
    g = sympy.MatAdd(equation.lhs, -equation.rhs) if isinstance(equation, sympy.Equality) else equation
    try:
        return calculus.linear_parts(g, w)
    except calculus.NotLinear as err:
        raise NotLinearStep(f"this gradient is not linear in {w}: {err}") from None


@frozen(eq=False, kw_only=True)
class NormalEquations(Node):
    """∇ = M w − b = 0 written as M w = b."""

    wrt: sympy.MatrixSymbol
    rule = "normal_equations"
    name = "the normal equations"
    statement = ("At the minimum the gradient is 0. It is linear in w: keep the terms with w on the left, move "
                 "the others to the right (changing their sign), and factor w out on the right of its matrix.")

    def goal(self) -> str:
        return f"the equations ∇ = 0 for {show(self.wrt)}"

    def instance(self) -> str:
        return f"{show(self.children[0].result)} = 0"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        m, b = _sides(parts[0], self.wrt)
        return sympy.Eq(times(sympy.Integer(1), [m, self.wrt]), b, evaluate=False)


@frozen(eq=False, kw_only=True)
class SolveNormalEquations(Node):
    """M w = b gives w = M⁻¹b: multiply on the left by the inverse (M square, assumed invertible)."""

    wrt: sympy.MatrixSymbol
    rule = "solve_normal_equations"
    name = "solving the normal equations"
    statement = ("Multiply M w = b on the left by M⁻¹, after cancelling a number common to both sides: "
                 "w = M⁻¹b. M = XᵀX is d×d, and invertible when the columns of X are independent; X itself "
                 "is not square and has no inverse.")

    def goal(self) -> str:
        return f"the {show(self.wrt)} where the gradient is 0"

    def instance(self) -> str:
        return f"{show(self.children[0].result)}, multiplied on the left by the inverse of the matrix of {show(self.wrt)}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        m, b = _sides(parts[0], self.wrt)
        c, inner = calculus.common_factor(m)
        return scaled(1 / c, times(sympy.Integer(1), [la.inverse(inner), b]))

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "wrt": show(self.wrt)}


def normal_equations_tree(gradient: Node, w: sympy.MatrixSymbol, expr: Basic) -> Node:
    """The rule tree of solve(∇f, w) from the tree of ∇f (`tutor.steps.matrix_calculus.gradient_tree`).

    >>> from tutor.steps.matrix_calculus import gradient_tree
    >>> from tutor.linalg.nodes import matrix_symbol
    >>> from tutor.ops.matrix_nodes import Norm
    >>> X, w, y = matrix_symbol("X", ("n", "d")), matrix_symbol("w", ("d", 1)), matrix_symbol("y", ("n", 1))
    >>> f = Norm(sympy.MatAdd(X * w, -y)) ** 2
    >>> normal_equations_tree(gradient_tree(f, w), w, sympy.Function("solve")(f, w)).children[0].result
    Eq(2*X.T*X*w, 2*X.T*y)
    """
    equations = NormalEquations(expr=gradient.result, wrt=w, children=(gradient,))
    return SolveNormalEquations(expr=expr, wrt=w, children=(equations,))


# ----- misconceptions


def _inverse_dropped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    solve = as_rule(node, SolveNormalEquations)
    m, b = _sides(parts[0], solve.wrt)
    c, _ = calculus.common_factor(m)
    return (scaled(1 / c, b),)


def _sign_flipped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (scaled(sympy.Integer(-1), node.combine(parts)),)


def _one_side_cancelled(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    solve = as_rule(node, SolveNormalEquations)
    m, _ = _sides(parts[0], solve.wrt)
    c, _ = calculus.common_factor(m)
    right = node.combine(parts)
    return (scaled(c, right), scaled(1 / c, right))


def _has_factor(node: Node) -> bool:
    solve = as_rule(node, SolveNormalEquations)
    try:
        m, _ = _sides(solve.children[0].result, solve.wrt)
    except StepError:
        return False
    return calculus.common_factor(m)[0] not in (1, -1)


NORMAL_EQUATION_BUGS: tuple[NodeBug, ...] = (
    NodeBug("normal_inverse_dropped", "Stops at the right-hand side of the normal equations (Xᵀy): w is still "
            "multiplied by XᵀX.", frozenset({"solve_normal_equations"}), _inverse_dropped,
            "That is only the right-hand side of the normal equations: {wrt} is still multiplied by a matrix on "
            "the left, so multiply both sides on the left by its inverse.",
            "M w = b gives w = M⁻¹b, not w = b: undo the multiplication by M with M⁻¹, on the left."),
    NodeBug("normal_sign_flipped", "Gets the sign of the right-hand side wrong when moving it across.",
            frozenset({"solve_normal_equations"}), _sign_flipped,
            "Your answer has the opposite sign: in the gradient, the term without {wrt} changes sign when it moves "
            "to the other side of the equation.",
            "From M w − b = 0, add b to both sides: M w = b, with b's sign as it is after moving."),
    NodeBug("normal_factor_one_side", "Cancels a number (the 2 of the squared norm) on one side of the normal "
            "equations only.", frozenset({"solve_normal_equations"}), _one_side_cancelled,
            "A number in front of both sides of the normal equations cancels from both sides; your answer keeps it "
            "on one side.",
            "2XᵀX w = 2Xᵀy: divide both sides by 2, then solve XᵀX w = Xᵀy.", when=_has_factor),
)
"""The misconceptions of solving the normal equations, in priority order."""


__all__ = ["NORMAL_EQUATION_BUGS", "NormalEquations", "SolveNormalEquations", "normal_equations_tree"]
