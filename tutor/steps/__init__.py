"""Steps: a rule tree for any author formula, its hint ladder, and misconception diagnosis.

`solution_steps` works any author formula (det, inverse, bayes, integrate,
diff, ...) with the engine of its outermost operation; `derivative_steps` and
`gradient_steps` are the shortcuts for derivatives.

>>> import sympy
>>> from tutor.steps import derivative_steps
>>> from tutor.functions import sigmoid
>>> y, z = sympy.symbols("y z")
>>> loss = -(y * sympy.log(sigmoid(z)) + (1 - y) * sympy.log(1 - sigmoid(z)))
>>> derivative_steps(loss, "z").result
-y + sigmoid(z)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from tutor.steps.calculus import Hessian, hessian_steps
    from tutor.steps.derivation import Derivation, Gradient, derivative_steps, gradient_steps
    from tutor.steps.diagnosis import Diagnosis
    from tutor.steps.hints import Hint, HintLevel
    from tutor.steps.node import Node
    from tutor.steps.solution import Solution
    from tutor.steps.solve import solution_steps
    from tutor.steps.step import Step

# imported on first use: a derivative's steps need neither the integral, linear-algebra nor
# statistics engines behind `solution_steps` (a tenth of a second of a practice session's start)
_LAZY = {
    "Hessian": "tutor.steps.calculus", "hessian_steps": "tutor.steps.calculus",
    "Derivation": "tutor.steps.derivation", "Gradient": "tutor.steps.derivation",
    "derivative_steps": "tutor.steps.derivation", "gradient_steps": "tutor.steps.derivation",
    "Diagnosis": "tutor.steps.diagnosis", "Hint": "tutor.steps.hints", "HintLevel": "tutor.steps.hints",
    "Node": "tutor.steps.node", "Solution": "tutor.steps.solution", "solution_steps": "tutor.steps.solve",
    "Step": "tutor.steps.step",
}

__all__ = ["solution_steps", "derivative_steps", "gradient_steps", "hessian_steps", "Derivation", "Gradient",
           "Hessian", "Solution", "Node", "Step", "Hint", "HintLevel", "Diagnosis"]

__getattr__, __dir__ = lazy_exports("tutor.steps", _LAZY, globals())
