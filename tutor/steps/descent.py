"""One step of gradient descent, w − η∇_w f, worked as the gradient's own steps and then the step.

`descent_tree(expr, symmetric)` recognises an author formula ``w - eta gradient(f, w)`` (read with its
shape, `tutor.linalg.nodes.ArrayCall`) and builds a `DescentStep` node over the gradient's rule tree
(`tutor.steps.matrix_calculus.gradient_tree`): the gradient is worked first, then the weights step
against it. The gradient's misconceptions (`MATRIX_CALCULUS_BUGS`) are found at its own nodes and
carried up through the step by the step's `combine`, so a learner who drops the 2 of a squared norm
is diagnosed with that slip; `DESCENT_BUGS` are the slips of the step itself.

>>> from tutor.linalg.declare import declarations
>>> from tutor.parser import parse
>>> decls = declarations({"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"})
>>> expr = parse("w - eta gradient(norm(X w - y)^2/n, w)", variables=["X", "w", "y", "eta", "n"],
...              functions=["gradient"], shapes=decls).expr
>>> root = descent_tree(expr)
>>> root.rule, root.children[0].rule, show(root.result)
('descent_step', 'constant_factor', 'w − 2·η/n·X^T·(X·w − y)')
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sympy
from sympy import Basic

from tutor.linalg import nodes as la
from tutor.steps.matrix_calculus import gradient_tree, operand, split_product, times
from tutor.steps.node import Node, NodeBug, as_rule, show
from tutor.values import frozen


@frozen(eq=False, kw_only=True)
class DescentStep(Node):
    """w − η·∇_w f: the weights moved against the gradient (`children[0]`), by the learning rate η."""

    wrt: sympy.MatrixSymbol
    rate: Basic
    rule = "descent_step"
    name = "step against the gradient"
    statement = ("Gradient descent moves the weights against the gradient, scaled by the learning rate: "
                 "w_new = w − η·∇_w L(w). The gradient points uphill, so the step subtracts it.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return step(self.wrt, -self.rate, parts[0])

    def goal(self) -> str:
        return f"{show(self.wrt)} − {_factor(self.rate)}·∇_{show(self.wrt)} {operand(self.children[0].expr)}"

    def instance(self) -> str:
        return f"{show(self.wrt)} − {_factor(self.rate)}·({show(self.children[0].result)})"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "rate": rate_text(self.rate), "variable": show(self.wrt)}


def rate_text(rate: Basic) -> str:
    """A learning rate as a question gives it: a fraction with a finite decimal as that decimal.

    >>> rate_text(sympy.Rational(1, 20)), rate_text(sympy.Rational(1, 3)), rate_text(sympy.Symbol("eta"))
    ('0.05', '1/3', 'η')
    """
    if isinstance(rate, sympy.Rational) and not isinstance(rate, sympy.Integer):
        q = int(rate.q)
        while q % 2 == 0:
            q //= 2
        while q % 5 == 0:
            q //= 5
        if q == 1:
            return str(Decimal(int(rate.p)) / Decimal(int(rate.q))).replace("-", "−")
    return show(rate)


def _factor(value: Basic) -> str:
    text = rate_text(value)
    return f"({text})" if " " in text or "/" in text or text.startswith("−") else text


def step(w: Basic, c: Basic, gradient: Basic) -> Basic:
    """w + c·gradient, the product written out and kept unevaluated.

    >>> w, g = sympy.MatrixSymbol("w", 2, 1), sympy.MatrixSymbol("g", 2, 1)
    >>> show(step(w, -sympy.Rational(1, 10), sympy.MatMul(2, g, evaluate=False)))
    'w − 0.2·g'
    """
    if c.could_extract_minus_sign():   # w − η·g, not w + (−η)·g
        return sympy.MatAdd(w, sympy.MatMul(-1, times(-c, [gradient]), evaluate=False), evaluate=False)
    return sympy.MatAdd(w, times(c, [gradient]), evaluate=False)


def descent_call(expr: Basic) -> tuple[sympy.MatrixSymbol, Basic, Basic] | None:
    """(w, η, f) when `expr` is w − η·gradient(f, w) (or diff), with η a number that is not 0.

    >>> w = sympy.MatrixSymbol("w", 2, 1)
    >>> g = la.ArrayCall(la.Str("gradient"), sympy.Tuple(2, 1), sympy.Symbol("f"), w)
    >>> descent_call(sympy.MatAdd(w, sympy.MatMul(-sympy.Symbol("eta"), g, evaluate=False), evaluate=False))
    (w, eta, f)
    >>> descent_call(w) is None
    True
    """
    if not isinstance(expr, sympy.MatAdd) or len(expr.args) != 2:
        return None
    for w, term in (expr.args, reversed(expr.args)):
        c, factors = split_product(term)
        if len(factors) != 1 or not isinstance(factors[0], la.ArrayCall):
            continue
        call = factors[0]
        if call.name in ("gradient", "diff") and len(call.call_args) == 2 and call.call_args[1] == w \
                and not c.has(w) and c != 0:
            return w, -c, call.call_args[0]
    return None


def descent_tree(expr: Basic, symmetric: frozenset[str] = frozenset()) -> Node | None:
    """The rule tree of one gradient-descent step written w − η·gradient(f, w), or None.

    >>> w = sympy.MatrixSymbol("w", sympy.Symbol("d"), 1)
    >>> descent_tree(w) is None
    True
    """
    found = descent_call(expr)
    if found is None:
        return None
    w, rate, f = found
    return DescentStep(expr=expr, wrt=w, rate=rate, children=(gradient_tree(f, w, symmetric),))


def _ascends(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    descent = as_rule(node, DescentStep)
    return (step(descent.wrt, descent.rate, parts[0]),)


def _rate_dropped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    descent = as_rule(node, DescentStep)
    return (step(descent.wrt, sympy.Integer(-1), parts[0]),) if descent.rate != 1 else ()


DESCENT_BUGS: tuple[NodeBug, ...] = (
    NodeBug("descent_ascends", "Adds the gradient step to the weights instead of subtracting it: a step up "
            "the gradient, which raises the loss.", frozenset({"descent_step"}), _ascends,
            "Your step goes up the gradient: the gradient points in the direction in which the loss grows "
            "fastest, so descent subtracts the step from {variable}.",
            "w_new = w − η·∇L(w): the minus sign moves against the gradient, downhill."),
    NodeBug("descent_rate_dropped", "Subtracts the gradient itself, without multiplying it by the learning "
            "rate.", frozenset({"descent_step"}), _rate_dropped,
            "The learning rate is missing from your step: the gradient is multiplied by {rate} before it "
            "is subtracted from {variable}.",
            "w_new = w − η·∇L(w): η, the learning rate, sets how far one step goes."),
)
"""The slips of the step itself; the gradient's own are `MATRIX_CALCULUS_BUGS`."""
