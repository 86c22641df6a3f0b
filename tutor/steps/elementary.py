"""Rules for one-argument functions applied to the variable itself: sin x, tanh x, σ(x), ReLU(x), |x| ...

One `FunctionRule` step class reads its rule from the step-rule facet of the
function's declaration in `tutor.ops`, so a function declared there has a rule here.
When the argument is not the variable, the dispatcher wraps this rule in the
chain rule.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> step = FunctionRule(expr=sympy.tanh(x), wrt=x, path="0")
>>> step.rule, step.result
('tanh', 1 - tanh(x)**2)
"""
from __future__ import annotations

from collections.abc import Sequence

from sympy import Basic

from tutor import ops
from tutor.ops import StepRule
from tutor.steps.step import Step
from tutor.values import frozen

FUNCTIONS: dict[type, StepRule] = {
    op.head: op.step for op in ops.OPERATIONS if op.arity[0] == 1 and isinstance(op.step, StepRule)}
"""The operations of one argument with a derivative rule, by SymPy class (exp and log have their own steps)."""


@frozen(eq=False, kw_only=True)
class FunctionRule(Step):
    """d/dx f(x) = f′(x) for a function f in the table `FUNCTIONS` (its argument is the variable)."""

    # the rule's id, name and statement come from the table row of this step's function
    @property
    def spec(self) -> StepRule:
        """The table row of this step's function."""
        return FUNCTIONS[type(self.expr)]

    @property
    def rule(self) -> str:  # type: ignore[override]
        return self.spec.rule

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.spec.name

    @property
    def statement(self) -> str:  # type: ignore[override]
        return self.spec.statement

    @property
    def statement_latex(self) -> str:  # type: ignore[override]
        return self.spec.statement_latex

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.spec.derivative(self.wrt)

    def note(self) -> str:
        return self.spec.note
