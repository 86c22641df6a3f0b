"""`Step`: one node of a derivation, a small rule object that recomputes its own result.

Each rule is a frozen dataclass deriving from `Step` (as in SymPy's
``manualintegrate``): its fields are the bindings of the rule on this
expression (u = 1 + e^(−z), n = 2, ...), its children are the derivatives the
rule needs, and `combine` turns the children's results into this step's
result. The code that chooses a rule lives apart, in `tutor.steps.dispatch`.

>>> import sympy
>>> from tutor.steps.rules import Power
>>> x = sympy.Symbol("x")
>>> step = Power(expr=x**3, wrt=x, path="0", n=sympy.Integer(3))
>>> step.rule, step.result, step.recompute() == step.result
('power', 3*x**2, True)
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

import sympy
from sympy import Basic
from tutor.values import frozen


class Writer(Protocol):
    """How rules put expressions into words (implemented by `tutor.steps.render.TextWriter`)."""

    def text(self, expr: Basic, tight: bool = False) -> str:
        """`expr` as teacher-style unicode text; `tight` brackets a sum (to use it as a factor)."""

    def d(self, variable: Basic) -> str:
        """The derivative operator for `variable`: ``d/dx`` or ``∂/∂x``."""

    def dd(self, expr: Basic, variable: Basic) -> str:
        """``d/dx (expr)`` with brackets where they are needed."""


@frozen(eq=False, kw_only=True)
class Step:
    """d/d`wrt` of `expr` by one rule; `result` is computed from the children at construction."""

    expr: Basic
    wrt: sympy.Symbol
    path: str
    children: tuple[Step, ...] = ()
    result: Basic = field(init=False)

    rule: ClassVar[str] = "step"
    name: ClassVar[str] = "rule"
    statement: ClassVar[str] = ""
    statement_latex: ClassVar[str] = ""
    # a leaf that teaches nothing on its own (d/dx 5 = 0, d/dx x = 1) gets no hints of its own
    trivial: ClassVar[bool] = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "result", self.recompute())

    def combine(self, parts: Sequence[Basic]) -> Basic:
        """This step's result from its children's results (in order)."""
        raise NotImplementedError

    def recompute(self) -> Basic:
        """The result recomputed from the children, as the rule states it."""
        return self.combine([child.result for child in self.children])

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        """The names the rule binds on this expression, e.g. ``(("u", x**2),)``."""
        return ()

    def instance(self, w: Writer) -> str:
        """The rule applied to this expression, in words, without its result."""
        return ""

    def note(self) -> str:
        """A convention or caveat that qualifies the result ("with H(0) = 0, …"), or ""."""
        return ""

    def walk(self) -> Iterator[Step]:
        """This step and all steps below it, parents first (teaching order)."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, path: str) -> Step | None:
        """The step at `path` in this subtree, or None."""
        return next((step for step in self.walk() if step.path == path), None)
