"""A derivative inside a formula: worked by the derivative engine, then evaluated at a point.

``subs(diff(f, x), x, x0)`` (a slope), ``x0 - subs(f, x, x0) / subs(diff(f, x), x, x0)`` (a Newton
step) and ``subs(diff(f, x, 2), x, r)`` (the second-derivative test) are formulas around a
derivative. `Derived` is the derivative as one rule node (its result is the derivative the
derivative engine finds, its steps that engine's); `AtPoint` puts the point in. The derivative
engine's misconceptions become wrong rules of the `Derived` node (`derivative_bugs`), so a learner
who drops a chain-rule factor and so gets a wrong slope is diagnosed with that slip.

>>> import sympy
>>> from tutor.steps.derivation import derivative_steps
>>> x = sympy.Symbol("x")
>>> d = Derived(expr=sympy.sin(3 * x), worked=derivative_steps(sympy.sin(3 * x), x))
>>> at = AtPoint(expr=sympy.sin(3 * x), children=(d,), point=((x, sympy.Integer(0)),))
>>> d.result, at.result, at.goal(), at.instance()
(3*cos(3*x), 3, 'd/dx sin(3x) at x = 0', '3·cos(3·0)')
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from typing import Any

import sympy
from sympy import Basic

from tutor.steps.diagnosis import step_diagnosis
from tutor.steps.evaluate import written
from tutor.steps.expressions import evaluated
from tutor.steps.node import Node, NodeBug, show
from tutor.values import frozen


@frozen(eq=False, kw_only=True)
class Derived(Node):
    """A derivative (or gradient) of `expr`, worked by the derivative engine (`worked`)."""

    worked: Any = field(default=None, repr=False)
    order: int = 1

    rule = "derivative"
    name = "derivative"
    statement = "Differentiate first: the rules of differentiation, step by step."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.worked.result

    def goal(self) -> str:
        writer = getattr(self.worked, "writer", None)
        wrt = getattr(self.worked, "wrt", None)
        if writer is not None and wrt is not None:
            written = writer.dd(self.worked.expr, wrt)
            return written if self.order == 1 else f"d²/d{wrt}² ({show(self.expr)})"
        return f"the gradient of {show(self.expr)}"


@frozen(eq=False, kw_only=True)
class AtPoint(Node):
    """`children[0]`'s result with the point put in (``point``: (name, value) pairs)."""

    point: tuple[tuple[sympy.Symbol, Basic], ...] = ()

    rule = "at_point"
    name = "value at the point"
    statement = "Put the point into the expression."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        value = parts[0].xreplace(dict(self.point))
        if isinstance(value, sympy.MatrixBase):
            return sympy.ImmutableMatrix(value.applyfunc(evaluated))
        return evaluated(value)

    def goal(self) -> str:
        inner = self.children[0].goal() if self.children else show(self.expr)
        return f"{inner} at {self.where()}"

    def instance(self) -> str:
        """The expression with the point put in, not worked out."""
        return written(self.children[0].result, dict(self.point)) if self.children else ""

    def where(self) -> str:
        """The point, as "x = 2, y = 1"."""
        return ", ".join(f"{s} = {show(v)}" for s, v in self.point)


def derivative_bugs(node: Node, rule: str = "derivative",
                    renamed: Sequence[tuple[Basic, Basic]] = ()) -> tuple[NodeBug, ...]:
    """The derivative engine's misconceptions for the derivative `node` holds (its `worked`), as
    wrong rules of `node` (whose rule is `rule`): each gives the wrong derivative a learner holding it
    finds, with the engine's own message; `renamed` puts back what the engine saw under other names
    (the datum x_i for the plain name x_i of a sum over data).

    >>> from tutor.steps.derivation import derivative_steps
    >>> x = sympy.Symbol("x")
    >>> node = Derived(expr=sympy.sin(3 * x), worked=derivative_steps(sympy.sin(3 * x), x))
    >>> [bug.id for bug in derivative_bugs(node)][:2]
    ['chain_drop_inner', 'constant_factor_lost']
    """
    worked = getattr(node, "worked", None)
    if worked is None:
        return ()
    candidates = getattr(worked, "candidates", ())
    out: list[NodeBug] = []
    seen: set[str] = set()
    for candidate in candidates:
        bug = candidate.bug
        if bug.id in seen:
            continue
        seen.add(bug.id)
        values = tuple(c.value for c in candidates if c.bug.id == bug.id)
        if worked.diagnose(values[0]) is None:   # a slip that gives the right derivative here
            continue
        # this slip's own message (the engine's diagnosis of the value may name other slips too)
        message = step_diagnosis(worked, candidate).message.replace("{", "{{").replace("}", "}}")
        back = dict(renamed)
        out.append(NodeBug(bug.id, bug.misconception, frozenset({rule}),
                           _at(node, tuple(v.xreplace(back) for v in values)), message, message))
    return tuple(out)


def _at(target: Node, values: tuple[Basic, ...]) -> Callable[[Node, Sequence[Basic]], tuple[Basic, ...]]:
    """The wrong values of one derivative, at its own node only."""
    def variants(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
        return values if node is target else ()
    return variants
