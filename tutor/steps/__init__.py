"""Steps: a rule tree for any author formula, its hint ladder, and misconception diagnosis.

`solution_steps` works any author formula (det, inverse, bayes, integrate,
diff, ...) with the engine of its outermost operation; `derivative_steps` and
`gradient_steps` are the shortcuts for derivatives.

>>> import sympy
>>> from tutor.functions import sigmoid
>>> y, z = sympy.symbols("y z")
>>> loss = -(y * sympy.log(sigmoid(z)) + (1 - y) * sympy.log(1 - sigmoid(z)))
>>> derivative_steps(loss, "z").result
-y + sigmoid(z)
"""
from __future__ import annotations

from tutor.steps.calculus import Hessian, hessian_steps
from tutor.steps.derivation import Derivation, Gradient, derivative_steps, gradient_steps
from tutor.steps.diagnosis import Diagnosis
from tutor.steps.hints import Hint, HintLevel
from tutor.steps.node import Node
from tutor.steps.solution import Solution
from tutor.steps.solve import solution_steps
from tutor.steps.step import Step

__all__ = ["solution_steps", "derivative_steps", "gradient_steps", "hessian_steps", "Derivation", "Gradient",
           "Hessian", "Solution", "Node", "Step", "Hint", "HintLevel", "Diagnosis"]
