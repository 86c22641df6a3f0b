"""Rewrites that recognise a written-out function, and the macro steps of machine learning.

Recognising: 1/(1 + e^(−z)) and e^z/(1 + e^z) are σ(z); max(0, u) is ReLU(u);
log_b(u) with a variable base is ln(u)/ln(b). Each is an explicit step whose
child differentiates the recognised form.

Macro steps are what a teacher writes once the parts are known:
d/dz −(y·ln σ(z) + (1 − y)·ln(1 − σ(z))) = σ(z) − y, d/dz ln σ(z) = 1 − σ(z),
d/dz ln(1 − σ(z)) = −σ(z). They are used only when a derivation asks for macros.

>>> import sympy
>>> z = sympy.Symbol("z")
>>> sigmoid_argument(1 / (1 + sympy.exp(-z)))
z
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic, S

from tutor.functions import sigmoid
from tutor.steps.expressions import evaluated, exponential_exponent, negated, numerator_denominator
from tutor.steps.step import Step, Writer
from tutor.values import frozen


def _one_plus_exp(expr: Basic) -> Basic | None:
    """t when `expr` is 1 + e^t (in either order), else None."""
    if not isinstance(expr, sympy.Add) or len(expr.args) != 2:
        return None
    one, other = expr.args
    if evaluated(one) != S.One:
        other, one = one, other
    if evaluated(one) != S.One:
        return None
    return exponential_exponent(other)


def sigmoid_argument(expr: Basic) -> Basic | None:
    """z when `expr` is σ(z) written out as 1/(1 + e^(−z)) or e^z/(1 + e^z), else None.

    >>> import sympy
    >>> z = sympy.Symbol("z")
    >>> sigmoid_argument(sympy.exp(z) / (1 + sympy.exp(z)))
    z
    """
    if isinstance(expr, sympy.Pow) and expr.args[1] == S.NegativeOne:
        t = _one_plus_exp(expr.args[0])
        return None if t is None else negated(t)
    if not isinstance(expr, sympy.Mul):
        return None
    above, below = numerator_denominator(expr.args)
    if len(above) != 1 or len(below) != 1:
        return None
    z, t = exponential_exponent(above[0]), _one_plus_exp(below[0])
    if z is not None and t is not None and evaluated(z) == evaluated(t):
        return z
    return None


def relu_argument(expr: Basic) -> Basic | None:
    """u when `expr` is max(0, u) (in either order), else None.

    >>> import sympy
    >>> relu_argument(sympy.Max(0, sympy.Symbol("x"), evaluate=False))
    x
    """
    if not isinstance(expr, sympy.Max) or len(expr.args) != 2:
        return None
    a, b = expr.args
    if a == S.Zero:
        return b
    return a if b == S.Zero else None


def binary_cross_entropy(y: Basic, z: Basic) -> Basic:
    """−(y·ln σ(z) + (1 − y)·ln(1 − σ(z))), evaluated.

    >>> import sympy
    >>> binary_cross_entropy(sympy.Integer(1), sympy.Symbol("z"))
    -log(sigmoid(z))
    """
    return -(y * sympy.log(sigmoid(z)) + (1 - y) * sympy.log(1 - sigmoid(z)))


def cross_entropy_parts(expr: Basic, variable: sympy.Symbol) -> tuple[Basic, Basic] | None:
    """(y, z) when `expr` is the binary cross-entropy of σ(z) with label y, else None.

    >>> import sympy
    >>> y, z = sympy.symbols("y z")
    >>> cross_entropy_parts(binary_cross_entropy(y, 2 * z), z)
    (y, 2*z)
    """
    if not (expr.has(sigmoid) and expr.has(sympy.log)):
        return None
    arguments = {evaluated(s.args[0]) for s in expr.atoms(sigmoid)}
    if len(arguments) != 1:
        return None
    z = arguments.pop()
    value = sympy.expand(evaluated(expr))
    y = -value.coeff(sympy.log(sigmoid(z)))
    if y.has(variable) or y.is_number or sympy.expand(value - binary_cross_entropy(y, z)) != 0:
        return None
    return y, z


def log_sigmoid_argument(expr: Basic) -> tuple[str, Basic] | None:
    """("log_sigmoid", z) for ln σ(z), ("log_one_minus_sigmoid", z) for ln(1 − σ(z)), else None.

    >>> import sympy
    >>> log_sigmoid_argument(sympy.log(1 - sigmoid(sympy.Symbol("z"))))
    ('log_one_minus_sigmoid', z)
    """
    if not isinstance(expr, sympy.log) or len(expr.args) != 1:
        return None
    arg = expr.args[0]
    if isinstance(arg, sigmoid):
        return "log_sigmoid", arg.args[0]
    rest = evaluated(1 - arg)
    if isinstance(rest, sigmoid):
        return "log_one_minus_sigmoid", rest.args[0]
    return None


@frozen(eq=False, kw_only=True)
class Rewrite(Step):
    """Write the expression in a form with a known rule; the one child differentiates that form."""

    target: Basic

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return parts[0]

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("as", self.target),)

    def instance(self, w: Writer) -> str:
        return f"{w.text(self.expr)} = {w.text(self.target)}."


@frozen(eq=False, kw_only=True)
class RecogniseSigmoid(Rewrite):
    """1/(1 + e^(−z)) = e^z/(1 + e^z) = σ(z), whose derivative is σ(z)·(1 − σ(z))."""

    rule = "recognise_sigmoid"
    name = "recognise the sigmoid"
    statement = ("1/(1 + e^(−z)) (also written e^z/(1 + e^z)) is the sigmoid σ(z): "
                 "differentiate it as σ, using σ′ = σ·(1 − σ).")
    statement_latex = r"\frac{1}{1 + e^{-z}} = \sigma(z)"


@frozen(eq=False, kw_only=True)
class SigmoidFromDefinition(Step):
    """d/dz of σ(z) written out, derived from that form and then written with σ: σ′ = σ·(1 − σ).

    When the whole question is 1/(1 + e^(−z)) in its own variable, σ′ is what the learner is
    asked to derive, so the derivation does not quote it: its child differentiates the written-out
    form, and this step writes the result in terms of σ (e^(−z) = (1 − σ)/σ).
    """

    z: Basic
    rule = "sigmoid_from_definition"
    name = "the sigmoid's derivative from its definition"
    statement = ("differentiate the written-out form with the usual rules, then write the result with σ, "
                 "using e^(−z) = (1 − σ(z))/σ(z).")
    statement_latex = r"e^{-z} = \frac{1 - \sigma(z)}{\sigma(z)}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        s = sigmoid(self.z)
        written = sympy.simplify(parts[0].rewrite(sympy.exp).subs(sympy.exp(-self.z), (1 - s) / s))
        taught = s * (1 - s)
        return taught if sympy.simplify(written - taught) == 0 else written

    def instance(self, w: Writer) -> str:
        return (f"Differentiate {w.text(self.expr)} as it is written, then use e^(−{w.text(self.z)}) = "
                f"(1 − σ({w.text(self.z)}))/σ({w.text(self.z)}) to write it with σ.")


@frozen(eq=False, kw_only=True)
class RecogniseRelu(Rewrite):
    """max(0, u) = ReLU(u)."""

    rule = "recognise_relu"
    name = "recognise ReLU"
    statement = "max(0, u) is ReLU(u): differentiate it as ReLU."
    statement_latex = r"\max(0, u) = \operatorname{ReLU}(u)"


@frozen(eq=False, kw_only=True)
class ChangeOfBase(Rewrite):
    """log_b(u) = ln(u)/ln(b), used when the base b depends on the variable."""

    rule = "change_of_base"
    name = "change of base"
    statement = "log_b(u) = ln(u)/ln(b)."
    statement_latex = r"\log_{b} u = \frac{\ln u}{\ln b}"


@frozen(eq=False, kw_only=True)
class CrossEntropySigmoid(Step):
    """d/dz −(y·ln σ(z) + (1 − y)·ln(1 − σ(z))) = σ(z) − y (macro step: prediction minus label)."""

    y: Basic
    rule = "bce_sigmoid"
    name = "binary cross-entropy of a sigmoid"
    statement = ("d/dz −(y·ln σ(z) + (1 − y)·ln(1 − σ(z))) = "
                 "σ(z) − y, the prediction minus the label.")
    statement_latex = (r"\frac{d}{dz}\left[-\left(y \ln\sigma(z) + (1-y)\ln(1-\sigma(z))\right)\right]"
                       r" = \sigma(z) - y")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sigmoid(self.wrt) - evaluated(self.y)

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("y", self.y), ("z", self.wrt))

    def instance(self, w: Writer) -> str:
        return f"Here the label is y = {w.text(self.y)} and the logit is z = {w.text(self.wrt)}."


@frozen(eq=False, kw_only=True)
class LogSigmoid(Step):
    """d/dz ln σ(z) = 1 − σ(z) (macro step)."""

    rule = "log_sigmoid"
    name = "log-sigmoid"
    statement = "d/dz ln σ(z) = σ(z)·(1 − σ(z))/σ(z) = 1 − σ(z)."
    statement_latex = r"\frac{d}{dz}\ln\sigma(z) = 1 - \sigma(z)"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return 1 - sigmoid(self.wrt)


@frozen(eq=False, kw_only=True)
class LogOneMinusSigmoid(Step):
    """d/dz ln(1 − σ(z)) = −σ(z) (macro step)."""

    rule = "log_one_minus_sigmoid"
    name = "log of one minus sigmoid"
    statement = "d/dz ln(1 − σ(z)) = −σ(z)·(1 − σ(z))/(1 − σ(z)) = −σ(z)."
    statement_latex = r"\frac{d}{dz}\ln(1 - \sigma(z)) = -\sigma(z)"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return -sigmoid(self.wrt)


MACROS: dict[str, type[Step]] = {
    "log_sigmoid": LogSigmoid,
    "log_one_minus_sigmoid": LogOneMinusSigmoid,
}

