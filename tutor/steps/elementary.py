"""Rules for one-argument functions applied to the variable itself: sin x, tanh x, σ(x), ReLU(x), |x| ...

One `FunctionRule` step class reads its rule from a table of `FunctionSpec`s
keyed by the SymPy function class, so adding a function is one table row.
When the argument is not the variable, the dispatcher wraps this rule in the
chain rule.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> step = FunctionRule(expr=sympy.tanh(x), wrt=x, path="0")
>>> step.rule, step.result
('tanh', 1 - tanh(x)**2)
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy
from sympy import Basic

from tutor.functions import relu, sigmoid, softplus
from tutor.steps.step import Step


@dataclass(frozen=True)
class FunctionSpec:
    """One function's derivative rule: id, name, statement (text and LaTeX) and formula."""

    rule: str
    name: str
    statement: str
    statement_latex: str
    derivative: Callable[[Basic], Basic]
    note: str = ""


FUNCTIONS: dict[type, FunctionSpec] = {
    sympy.sin: FunctionSpec("sin", "sine rule", "d/dx sin(x) = cos(x).",
                     r"\frac{d}{dx}\sin x = \cos x", sympy.cos),
    sympy.cos: FunctionSpec("cos", "cosine rule", "d/dx cos(x) = −sin(x).",
                     r"\frac{d}{dx}\cos x = -\sin x", lambda u: -sympy.sin(u)),
    sympy.tan: FunctionSpec("tan", "tangent rule", "d/dx tan(x) = 1 + tan²(x) = 1/cos²(x).",
                     r"\frac{d}{dx}\tan x = 1 + \tan^{2} x", lambda u: 1 + sympy.tan(u)**2),
    sympy.cot: FunctionSpec("cot", "cotangent rule", "d/dx cot(x) = −1 − cot²(x) = −1/sin²(x).",
                     r"\frac{d}{dx}\cot x = -1 - \cot^{2} x", lambda u: -1 - sympy.cot(u)**2),
    sympy.sec: FunctionSpec("sec", "secant rule", "d/dx sec(x) = sec(x)·tan(x).",
                     r"\frac{d}{dx}\sec x = \sec x \tan x", lambda u: sympy.sec(u) * sympy.tan(u)),
    sympy.csc: FunctionSpec("csc", "cosecant rule", "d/dx csc(x) = −csc(x)·cot(x).",
                     r"\frac{d}{dx}\csc x = -\csc x \cot x",
                     lambda u: -sympy.csc(u) * sympy.cot(u)),
    sympy.asin: FunctionSpec("asin", "arcsine rule", "d/dx arcsin(x) = 1/√(1 − x²).",
                      r"\frac{d}{dx}\arcsin x = \frac{1}{\sqrt{1 - x^{2}}}",
                      lambda u: 1 / sympy.sqrt(1 - u**2)),
    sympy.acos: FunctionSpec("acos", "arccosine rule", "d/dx arccos(x) = −1/√(1 − x²).",
                      r"\frac{d}{dx}\arccos x = -\frac{1}{\sqrt{1 - x^{2}}}",
                      lambda u: -1 / sympy.sqrt(1 - u**2)),
    sympy.atan: FunctionSpec("atan", "arctangent rule", "d/dx arctan(x) = 1/(1 + x²).",
                      r"\frac{d}{dx}\arctan x = \frac{1}{1 + x^{2}}", lambda u: 1 / (1 + u**2)),
    sympy.sinh: FunctionSpec("sinh", "hyperbolic sine rule", "d/dx sinh(x) = cosh(x).",
                      r"\frac{d}{dx}\sinh x = \cosh x", sympy.cosh),
    sympy.cosh: FunctionSpec("cosh", "hyperbolic cosine rule", "d/dx cosh(x) = sinh(x).",
                      r"\frac{d}{dx}\cosh x = \sinh x", sympy.sinh),
    sympy.tanh: FunctionSpec("tanh", "hyperbolic tangent rule", "d/dx tanh(x) = 1 − tanh²(x).",
                      r"\frac{d}{dx}\tanh x = 1 - \tanh^{2} x", lambda u: 1 - sympy.tanh(u)**2),
    sympy.Abs: FunctionSpec("abs", "absolute value rule",
                     "d/dx |x| = sign(x): −1 for x < 0 and 1 for x > 0 (|x| has no derivative at 0).",
                     r"\frac{d}{dx}|x| = \operatorname{sign} x", sympy.sign,
                     note="for x ≠ 0 (|x| has no derivative at 0)"),
    sigmoid: FunctionSpec("sigmoid", "sigmoid rule", "d/dx σ(x) = σ(x)·(1 − σ(x)).",
                   r"\frac{d}{dx}\sigma(x) = \sigma(x)\,(1 - \sigma(x))",
                   lambda u: sigmoid(u) * (1 - sigmoid(u))),
    softplus: FunctionSpec("softplus", "softplus rule",
                    "d/dx softplus(x) = σ(x), since softplus(x) = ln(1 + e^x).",
                    r"\frac{d}{dx}\operatorname{softplus}(x) = \sigma(x)", sigmoid),
    relu: FunctionSpec("relu", "ReLU rule",
                "d/dx ReLU(x) = H(x), the step function: 1 for x > 0 and 0 for x < 0. ReLU has no "
                "derivative at 0; we use 0 there, the convention of deep-learning frameworks.",
                r"\frac{d}{dx}\operatorname{ReLU}(x) = H(x),\ H(0) = 0",
                lambda u: sympy.Heaviside(u, 0),
                note="with H the step function and H(0) = 0, the deep-learning convention"),
}


@dataclass(frozen=True, eq=False, kw_only=True)
class FunctionRule(Step):
    """d/dx f(x) = f′(x) for a function f in the table `FUNCTIONS` (its argument is the variable)."""

    # the rule's id, name and statement come from the table row of this step's function
    @property
    def spec(self) -> FunctionSpec:
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
