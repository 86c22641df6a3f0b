"""The core differentiation rules, one small `Step` class each.

Each class states its rule in its docstring and in `statement`, binds its
parts as fields, and recomputes its result from its children in `combine`.
Which rule applies is decided elsewhere (`tutor.steps.dispatch`).

>>> import sympy
>>> x = sympy.Symbol("x")
>>> inner = Power(expr=x**2, wrt=x, path="0.0", n=sympy.Integer(2))
>>> Sum(expr=x**2 + 3, wrt=x, path="0", children=(inner, Constant(expr=sympy.Integer(3), wrt=x,
...     path="0.1"))).result
2*x
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic, S

from tutor import ops
from tutor.steps.expressions import evaluated
from tutor.steps.step import Step, Writer
from tutor.values import frozen


def _step_rule(head: type) -> ops.StepRule:
    op = ops.by_class(head)
    assert op is not None and isinstance(op.step, ops.StepRule), head
    return op.step


def _facts(head: type) -> tuple[str, str, str, str]:
    """A function's rule id, name and statements, as declared in `tutor.ops`."""
    rule = _step_rule(head)
    return rule.rule, rule.name, rule.statement, rule.statement_latex


def _derivative(head: type):
    return _step_rule(head).derivative


@frozen(eq=False, kw_only=True)
class Constant(Step):
    """d/dx c = 0 for a constant c."""

    rule = "constant"
    name = "constant rule"
    statement = "The derivative of a constant is 0: d/dx c = 0."
    statement_latex = r"\frac{d}{dx} c = 0"
    trivial = True

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return S.Zero

    def instance(self, w: Writer) -> str:
        return f"{w.text(self.expr)} is a constant, so its derivative is 0."


@frozen(eq=False, kw_only=True)
class HeldConstant(Constant):
    """∂c/∂x = 0 when c involves only the other variables, which a partial derivative holds constant."""

    rule = "held_constant"
    name = "partial derivative: other variables held constant"
    statement = ("In a partial derivative every other variable is held constant, so a term "
                 "without the variable has derivative 0.")
    statement_latex = r"\frac{\partial}{\partial x} c(y) = 0"

    def instance(self, w: Writer) -> str:
        return (f"{w.text(self.expr)} does not involve {w.text(self.wrt)}: it is held constant, "
                f"so its derivative is 0.")


@frozen(eq=False, kw_only=True)
class Identity(Step):
    """d/dx x = 1."""

    rule = "identity"
    name = "identity rule"
    statement = "The derivative of the variable itself is 1: d/dx x = 1."
    statement_latex = r"\frac{d}{dx} x = 1"
    trivial = True

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return S.One

    def instance(self, w: Writer) -> str:
        return f"{w.text(self.wrt)} is the variable itself."


@frozen(eq=False, kw_only=True)
class Sum(Step):
    """(u + v)′ = u′ + v′ and (u − v)′ = u′ − v′: differentiate term by term."""

    rule = "sum"
    name = "sum rule"
    statement = "(u + v)′ = u′ + v′ and (u − v)′ = u′ − v′: differentiate term by term."
    statement_latex = r"(u + v)' = u' + v'"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Add(*parts)

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return tuple((f"term {i + 1}", child.expr) for i, child in enumerate(self.children))

    def instance(self, w: Writer) -> str:
        parts = " + ".join(w.dd(child.expr, self.wrt) for child in self.children)
        return f"Differentiate each term separately and add: {w.dd(self.expr, self.wrt)} = {parts}."


@frozen(eq=False, kw_only=True)
class ConstantMultiple(Step):
    """(c·u)′ = c·u′ for a constant c (a minus sign is the constant −1)."""

    c: Basic
    u: Basic
    rule = "constant_multiple"
    name = "constant multiple rule"
    statement = ("(c·u)′ = c·u′ — a constant factor stays as it is "
                 "(a minus sign is the factor −1).")
    statement_latex = r"(c\,u)' = c\,u'"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return evaluated(self.c) * parts[0]

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("c", self.c), ("u", self.u))

    def instance(self, w: Writer) -> str:
        u, dd = w.text(self.u), w.dd(self.expr, self.wrt)
        if evaluated(self.c) == S.NegativeOne:
            return (f"Keep the minus sign (the constant factor −1) and differentiate u = {u}: "
                    f"{dd} = −{w.dd(self.u, self.wrt)}.")
        why = "" if self.c.is_number else f" ({w.text(self.c)} does not involve {w.text(self.wrt)})"
        return (f"Keep the constant factor c = {w.text(self.c)}{why} and differentiate u = {u}: "
                f"{dd} = {w.text(self.c, tight=True)}·{w.dd(self.u, self.wrt)}.")


_FACTOR_NAMES = ("f", "g", "h")


@frozen(eq=False, kw_only=True)
class Product(Step):
    """(f·g)′ = f′·g + f·g′; with more factors, one term per factor's derivative."""

    factors: tuple[Basic, ...]
    rule = "product"
    name = "product rule"
    statement = ("(f·g)′ = f′·g + f·g′; with more factors, differentiate one factor "
                 "at a time and add: (f·g·h)′ = f′·g·h + f·g′·h + f·g·h′.")
    statement_latex = r"(f\,g)' = f'\,g + f\,g'"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        values = [evaluated(f) for f in self.factors]
        return sympy.Add(*(part * sympy.Mul(*values[:i], *values[i + 1:])
                           for i, part in enumerate(parts)))

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        names = _FACTOR_NAMES if len(self.factors) <= 3 else [f"f{i + 1}" for i in range(len(self.factors))]
        return tuple(zip(names, self.factors))

    def instance(self, w: Writer) -> str:
        named = ", ".join(f"{name} = {w.text(f)}" for name, f in self.bindings())
        terms = []
        for i in range(len(self.factors)):
            shown = [w.dd(f, self.wrt) if j == i else w.text(f, tight=True)
                     for j, f in enumerate(self.factors)]
            terms.append("·".join(f"({s})" if j == i else s for j, s in enumerate(shown)))
        return f"Here {named}: {w.dd(self.expr, self.wrt)} = {' + '.join(terms)}."


@frozen(eq=False, kw_only=True)
class Quotient(Step):
    """(f/g)′ = (f′·g − f·g′)/g²."""

    numerator: Basic
    denominator: Basic
    rule = "quotient"
    name = "quotient rule"
    statement = "(f/g)′ = (f′·g − f·g′)/g²."
    statement_latex = r"\left(\frac{f}{g}\right)' = \frac{f'\,g - f\,g'}{g^{2}}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        f, g = evaluated(self.numerator), evaluated(self.denominator)
        return (parts[0] * g - f * parts[1]) / g**2

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("f", self.numerator), ("g", self.denominator))

    def instance(self, w: Writer) -> str:
        f, g, x = self.numerator, self.denominator, self.wrt
        return (f"Here f = {w.text(f)} (numerator) and g = {w.text(g)} (denominator): "
                f"{w.dd(self.expr, x)} = (({w.dd(f, x)})·{w.text(g, tight=True)} − "
                f"{w.text(f, tight=True)}·({w.dd(g, x)}))/{w.text(g**2)}.")


@frozen(eq=False, kw_only=True)
class Power(Step):
    """d/dx xⁿ = n·xⁿ⁻¹ for a constant n (integer, negative, fractional, √x = x^(1/2))."""

    n: Basic
    rule = "power"
    name = "power rule"
    statement = ("d/dx xⁿ = n·xⁿ⁻¹ for any constant n "
                 "(also √x = x^(1/2) and 1/x = x^(−1)).")
    statement_latex = r"\frac{d}{dx} x^{n} = n\,x^{n-1}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        n = evaluated(self.n)
        return n * self.wrt ** (n - 1)

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("n", self.n),)

    def instance(self, w: Writer) -> str:
        return f"Here n = {w.text(self.n)}: bring the exponent down and lower it by one."


@frozen(eq=False, kw_only=True)
class Exp(Step):
    """d/dx eˣ = eˣ."""

    rule, name, statement, statement_latex = _facts(sympy.exp)

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return _derivative(sympy.exp)(self.wrt)


@frozen(eq=False, kw_only=True)
class ExpBase(Step):
    """d/dx aˣ = aˣ·ln a for a constant base a > 0."""

    a: Basic
    rule = "exp_base"
    name = "exponential rule for base a"
    statement = "d/dx a^x = a^x·ln(a) for a constant a > 0."
    statement_latex = r"\frac{d}{dx} a^{x} = a^{x} \ln a"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        a = evaluated(self.a)
        return a**self.wrt * sympy.log(a)

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("a", self.a),)

    def instance(self, w: Writer) -> str:
        return f"Here the base is a = {w.text(self.a)}, a constant; the exponent is the variable."


@frozen(eq=False, kw_only=True)
class Log(Step):
    """d/dx ln x = 1/x."""

    rule, name, statement, statement_latex = _facts(sympy.log)

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return _derivative(sympy.log)(self.wrt)


@frozen(eq=False, kw_only=True)
class LogBase(Step):
    """d/dx log_b x = 1/(x·ln b)."""

    b: Basic
    rule = "log_base"
    name = "logarithm rule for base b"
    statement = "d/dx log_b(x) = 1/(x·ln(b))."
    statement_latex = r"\frac{d}{dx} \log_{b} x = \frac{1}{x \ln b}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return 1 / (self.wrt * sympy.log(evaluated(self.b)))

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("b", self.b),)

    def instance(self, w: Writer) -> str:
        return f"Here the base is b = {w.text(self.b)}."


@frozen(eq=False, kw_only=True)
class Chain(Step):
    """d/dx f(u) = f′(u)·du/dx: the outer derivative at the inner function, times the inner derivative.

    Children: the outer function's derivative in `u`, then the inner function's in x.
    """

    u: sympy.Symbol
    inner: Basic
    outer: Basic
    rule = "chain"
    name = "chain rule"
    statement = ("d/dx f(u) = f′(u)·du/dx — differentiate the outer function at the "
                 "inner one, then multiply by the derivative of the inner function.")
    statement_latex = r"\frac{d}{dx} f(u) = f'(u)\,\frac{du}{dx}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return parts[0].xreplace({self.u: evaluated(self.inner)}) * parts[1]

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return ((self.u.name, self.inner), ("outer", self.outer))

    def instance(self, w: Writer) -> str:
        u, x = self.u, self.wrt
        return (f"Let {w.text(u)} = {w.text(self.inner)}, so that {w.text(self.expr)} = "
                f"{w.text(self.outer)}. Then {w.dd(self.expr, x)} = "
                f"({w.dd(self.outer, u)})·{w.dd(u, x)}.")


@frozen(eq=False, kw_only=True)
class LogDiff(Step):
    """y = u^v with both depending on x: ln y = v·ln u, so y′ = u^v·(v·ln u)′."""

    base: Basic
    exponent: Basic
    rule = "log_diff"
    name = "logarithmic differentiation"
    statement = ("When both the base u and the exponent v depend on x, "
                 "take logarithms: ln(u^v) = v·ln(u), so (u^v)′ = u^v·(v·ln(u))′.")
    statement_latex = r"(u^{v})' = u^{v}\,(v \ln u)'"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return evaluated(self.expr) * parts[0]

    def bindings(self) -> tuple[tuple[str, Basic], ...]:
        return (("u", self.base), ("v", self.exponent))

    def instance(self, w: Writer) -> str:
        log_form = sympy.Mul(self.exponent, sympy.log(self.base), evaluate=False)
        return (f"Here u = {w.text(self.base)} and v = {w.text(self.exponent)}: "
                f"ln({w.text(self.expr)}) = {w.text(log_form)}, so {w.dd(self.expr, self.wrt)} = "
                f"{w.text(self.expr, tight=True)}·{w.dd(log_form, self.wrt)}.")


@frozen(eq=False, kw_only=True)
class Unknown(Step):
    """No rule is known: the derivative is left unevaluated and the step says so."""

    rule = "unknown"
    name = "no known rule"
    statement = "tutor does not know a rule for this function yet."
    statement_latex = ""

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Derivative(evaluated(self.expr), self.wrt)

    def instance(self, w: Writer) -> str:
        return (f"I do not know a rule for the derivative of {w.text(self.expr)}; "
                f"it is left as {w.dd(self.expr, self.wrt)}.")
