"""Derivative steps: a rule tree for any course expression, its hint ladder, and misconception diagnosis.

>>> import sympy
>>> from tutor.functions import sigmoid
>>> y, z = sympy.symbols("y z")
>>> loss = -(y * sympy.log(sigmoid(z)) + (1 - y) * sympy.log(1 - sigmoid(z)))
>>> derivative_steps(loss, "z").result
-y + sigmoid(z)
"""
from __future__ import annotations

from tutor.steps.derivation import Derivation, Gradient, derivative_steps, gradient_steps
from tutor.steps.diagnosis import Diagnosis
from tutor.steps.hints import Hint, HintLevel
from tutor.steps.step import Step

__all__ = ["derivative_steps", "gradient_steps", "Derivation", "Gradient", "Step", "Hint", "HintLevel",
           "Diagnosis"]
