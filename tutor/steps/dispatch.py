"""Choosing the rule: the dispatcher that builds a derivation's `Step` tree.

The order of the checks is the teaching order: a constant or the variable
itself first, then recognised forms (σ written out, macros when asked), then
the outermost operation — sum, constant multiple (before the product rule, so
``−1·u`` is not a product), quotient, product, powers, exponentials,
logarithms, the table of functions — with the chain rule wrapped around a rule
whenever its argument is not the variable itself. Anything else is an
`Unknown` step: "don't know" is a returned value, never an exception.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> step = Builder(x).build(sympy.sin(x**2), x, "0")
>>> step.rule, [child.rule for child in step.children], step.result
('chain', ['sin', 'power'], 2*x*cos(x**2))
"""
from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import Basic, E, S

from tutor.functions import relu, sigmoid
from tutor.steps import ml
from tutor.steps.elementary import FUNCTIONS, FunctionRule
from tutor.steps.expressions import evaluated, exponential_exponent, numerator_denominator, product
from tutor.steps.rules import (Chain, Constant, ConstantMultiple, Exp, ExpBase, HeldConstant, Identity,
                               Log, LogBase, LogDiff, Power, Product, Quotient, Sum, Unknown)
from tutor.steps.step import Step
from tutor.steps.text import ordered_factors, ordered_terms

_INNER_LETTERS = ("u", "v", "t", "s", "p", "q")


class Builder:
    """Builds the step tree of one derivation; numbers the chain rule's inner functions u₁, u₂, …

    `macros` turns on the macro steps of `tutor.steps.ml` (σ(z) − y for the
    cross-entropy of a sigmoid, ...).
    """

    def __init__(self, variable: sympy.Symbol, *, macros: bool = False,
                 names: frozenset[str] = frozenset()) -> None:
        self.variable = variable
        self.macros = macros
        self.letter = next((c for c in _INNER_LETTERS if not any(n.startswith(c + "_") for n in names)),
                           "w")
        self.count = 0

    def build(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        """The step for d/d`wrt` of `expr`, placed at `path` in the tree."""
        if not expr.has(wrt):
            kind = HeldConstant if expr.free_symbols else Constant
            return kind(expr=expr, wrt=wrt, path=path)
        if expr == wrt:
            return Identity(expr=expr, wrt=wrt, path=path)
        step = self._recognise(expr, wrt, path)
        if step is not None:
            return step
        handler = self._HANDLERS.get(type(expr))
        if handler is not None:
            return handler(self, expr, wrt, path)
        if type(expr) in FUNCTIONS:
            return self._function(expr, wrt, path)
        return Unknown(expr=expr, wrt=wrt, path=path)

    # ----- recognised forms and macros

    def _recognise(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step | None:
        if self.macros:
            step = self._macro(expr, wrt, path)
            if step is not None:
                return step
        z = ml.sigmoid_argument(expr)
        if z is not None and z == wrt and path == "0":
            # the question is σ itself: σ′ is what is asked, so derive it from the written-out form
            written = self._HANDLERS[type(expr)](self, expr, wrt, path + ".0")
            return ml.SigmoidFromDefinition(expr=expr, wrt=wrt, path=path, z=z, children=(written,))
        if z is not None:
            return self._rewrite(ml.RecogniseSigmoid, expr, sigmoid(z), wrt, path)
        u = ml.relu_argument(expr)
        if u is not None:
            return self._rewrite(ml.RecogniseRelu, expr, relu(u), wrt, path)
        return None

    def _rewrite(self, kind: type[ml.Rewrite], expr: Basic, target: Basic, wrt: sympy.Symbol,
                 path: str) -> Step:
        child = self.build(target, wrt, path + ".0")
        return kind(expr=expr, wrt=wrt, path=path, target=target, children=(child,))

    def _macro(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step | None:
        parts = ml.cross_entropy_parts(expr, wrt)
        if parts is not None:
            y, z = parts
            if z == wrt:
                return ml.CrossEntropySigmoid(expr=expr, wrt=wrt, path=path, y=y)
            return self._chain(expr, wrt, path, z, lambda u: ml.binary_cross_entropy(y, u))
        found = ml.log_sigmoid_argument(expr)
        if found is None:
            return None
        kind, z = found
        if z == wrt:
            return ml.MACROS[kind](expr=expr, wrt=wrt, path=path)
        return self._chain(expr, wrt, path, z, lambda u: expr.func(expr.args[0].xreplace({z: u})))

    # ----- the outermost operation

    def _sum(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        # in reading order, so the step numbers follow the sum as it is printed
        terms = ordered_terms(expr)
        children = tuple(self.build(term, wrt, f"{path}.{i}") for i, term in enumerate(terms))
        return Sum(expr=expr, wrt=wrt, path=path, children=children)

    def _mul(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        constants = [f for f in expr.args if not f.has(wrt)]
        rest = ordered_factors([f for f in expr.args if f.has(wrt)])
        if constants:
            u = product(rest)
            if evaluated(product(constants)) == S.One:  # 1/g is typed as 1·g⁻¹: no factor to keep
                return self.build(u, wrt, path)
            child = self.build(u, wrt, path + ".0")
            return ConstantMultiple(expr=expr, wrt=wrt, path=path, c=product(constants), u=u,
                                    children=(child,))
        above, below = numerator_denominator(tuple(rest))
        if above and below:
            f, g = product(above), product(below)
            children: tuple[Step, ...] = (self.build(f, wrt, path + ".0"), self.build(g, wrt, path + ".1"))
            return Quotient(expr=expr, wrt=wrt, path=path, numerator=f, denominator=g,
                            children=children)
        if len(rest) == 1:
            return self.build(rest[0], wrt, path)
        children = tuple(self.build(f, wrt, f"{path}.{i}") for i, f in enumerate(rest))
        return Product(expr=expr, wrt=wrt, path=path, factors=tuple(rest), children=children)

    def _pow(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        base, exponent = expr.args
        if base is E:
            return self._exp(expr, wrt, path)
        if not exponent.has(wrt):
            if base == wrt:
                return Power(expr=expr, wrt=wrt, path=path, n=exponent)
            return self._chain(expr, wrt, path, base, lambda u: sympy.Pow(u, exponent))
        if not base.has(wrt):
            if base in (0, 1):   # 0^u and 1^u are constants where defined; ln a of the exponential rule is not
                return Constant(expr=expr, wrt=wrt, path=path)
            if exponent == wrt:
                return ExpBase(expr=expr, wrt=wrt, path=path, a=base)
            return self._chain(expr, wrt, path, exponent, lambda u: sympy.Pow(base, u))
        log_form = sympy.Mul(exponent, sympy.log(base), evaluate=False)
        child = self.build(log_form, wrt, path + ".0")
        return LogDiff(expr=expr, wrt=wrt, path=path, base=base, exponent=exponent, children=(child,))

    def _exp(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        exponent = exponential_exponent(expr)
        if exponent == wrt:
            return Exp(expr=expr, wrt=wrt, path=path)
        return self._chain(expr, wrt, path, exponent, sympy.exp)

    def _log(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        arg = expr.args[0]
        if len(expr.args) == 2:
            base = expr.args[1]
            if base.has(wrt):
                quotient = sympy.Mul(sympy.log(arg), sympy.Pow(sympy.log(base), -1), evaluate=False)
                return self._rewrite(ml.ChangeOfBase, expr, quotient, wrt, path)
            if arg == wrt:
                return LogBase(expr=expr, wrt=wrt, path=path, b=base)
            return self._chain(expr, wrt, path, arg, lambda u: sympy.log(u, base, evaluate=False))
        if arg == wrt:
            return Log(expr=expr, wrt=wrt, path=path)
        return self._chain(expr, wrt, path, arg, lambda u: sympy.log(u))

    def _function(self, expr: Basic, wrt: sympy.Symbol, path: str) -> Step:
        if len(expr.args) != 1:
            return Unknown(expr=expr, wrt=wrt, path=path)
        if expr.args[0] == wrt:
            return FunctionRule(expr=expr, wrt=wrt, path=path)
        return self._chain(expr, wrt, path, expr.args[0], expr.func)

    # ----- the chain rule

    def _chain(self, expr: Basic, wrt: sympy.Symbol, path: str, inner: Basic,
               outer_of: Callable[[Basic], Basic]) -> Step:
        self.count += 1
        u = sympy.Symbol(f"{self.letter}_{self.count}")
        outer = outer_of(u)
        children = (self.build(outer, u, path + ".0"), self.build(inner, wrt, path + ".1"))
        return Chain(expr=expr, wrt=wrt, path=path, u=u, inner=inner, outer=outer, children=children)

    _HANDLERS: dict[type, Callable[[Builder, Basic, sympy.Symbol, str], Step]] = {
        sympy.Add: _sum,
        sympy.Mul: _mul,
        sympy.Pow: _pow,
        sympy.exp: _exp,
        sympy.log: _log,
    }
