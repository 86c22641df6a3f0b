"""Derivatives of sums over data by a number, term by term with the index kept.

``diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)`` with x and y declared as sequences is worked as a
teacher does it: the constant 1/n stays in front, the derivative of the sum is the sum of the
derivatives of its terms (`SumOverData`, the index i kept), and one term is differentiated with x_i
and y_i held as numbers. A power of an inside, (w x_i + b − y_i)², is the chain rule (`TermPower`,
whose inside's derivative is `TermInside`); any other term (the cross-entropy of σ(w x_i + b)) goes
to the derivative engine for numbers (`TermDerivative`), its data standing as plain names.

>>> from tutor.steps.solve import solution_steps
>>> decl = {"x": "sequence(n)", "y": "sequence(n)", "w": "scalar", "b": "scalar"}
>>> s = solution_steps("diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", declare=decl)
>>> [node.rule for node in s.walk()]
['constant_factor', 'sum_over_data', 'term_power', 'term_inside']
>>> print(s)
d/dw (1/n·Σ_{i=1}^{n} (b − y_i + w·x_i)²) = 1/n·Σ_{i=1}^{n} 2·x_i·(b − y_i + w·x_i)
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from typing import Any

import sympy
from sympy import Basic

from tutor.errors import TutorError
from tutor.steps.matrix_calculus import Derivative, GradConstant, GradScale, GradSum, constant_and_varying, depends
from tutor.steps.node import Node, Unknown, show
from tutor.values import frozen


@frozen(eq=False, kw_only=True)
class SumOverData(Derivative):
    """d/dw Σ_i f_i = Σ_i d/dw f_i: differentiate one term, keep the index and the bounds."""

    rule = "sum_over_data"
    name = "sum over the data"
    statement = ("The derivative of a sum over the data is the sum of the derivatives of its terms: "
                 "differentiate one term, with its data x_i, y_i held as numbers, and keep the index.")
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Sum(parts[0], *self.expr.limits)


@frozen(eq=False, kw_only=True)
class TermInside(Derivative):
    """The derivative of the inside of one term, data held as numbers (d/dw (w x_i + b − y_i) = x_i)."""

    rule = "term_inside"
    name = "the inside"
    statement = "Differentiate the inside, holding the data of the term as numbers."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.diff(self.expr, self.wrt)


@frozen(eq=False, kw_only=True)
class TermPower(Derivative):
    """d/dw u^k = k·u^(k−1)·du/dw for one term (the chain rule on a power of an inside)."""

    rule = "term_power"
    name = "chain rule on one term"
    statement = "d/dw u^k = k·u^(k−1)·du/dw: the power rule on the outside, times the derivative of the inside."

    @property
    def inside(self) -> Basic:
        """u, the inside of the power."""
        return self.expr.base

    @property
    def power(self) -> Basic:
        """k, the exponent."""
        return self.expr.exp

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return power_rule(self.power, self.inside, parts[0])

    def instance(self) -> str:
        k, u = self.power, self.inside
        outer = f"{show(k)}·({show(u)})" + ("" if k == 2 else f"^{show(k - 1)}")
        return f"{outer}·{self.children[0].goal()}"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "inside": show(self.inside), "residual": show(self.inside),
                "power": show(self.power)}


def power_rule(k: Basic, u: Basic, inner: Basic) -> Basic:
    """k·u^(k−1)·inner, written with the inner derivative first: 2·x_i·(w x_i + b − y_i).

    >>> u, x = sympy.symbols("u x")
    >>> power_rule(sympy.Integer(2), u, x), power_rule(sympy.Integer(3), u, 1)
    (2*u*x, 3*u**2)
    """
    factors = [k] + ([] if inner == 1 else [inner]) + [u if k == 2 else u ** (k - 1)]
    factors = [f for f in factors if f != 1] or [sympy.Integer(1)]
    # unevaluated, as a teacher writes it: 2·(w x_i + b − y_i), not −2y_i + 2b + 2w x_i
    return factors[0] if len(factors) == 1 else sympy.Mul(*factors, evaluate=False)


@frozen(eq=False, kw_only=True)
class TermDerivative(Derivative):
    """One term differentiated by the derivative engine for numbers, its data held as plain names."""

    value: Basic
    worked: Any = field(default=None, repr=False)   # the derivative engine's work, its data as plain names
    renamed: tuple[tuple[Basic, Basic], ...] = ()   # (plain name, datum): x_i stood as the name x_i there
    rule = "term_derivative"
    name = "derivative of one term"
    statement = "Differentiate one term with the rules for numbers, its data x_i, y_i held as numbers."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.value


def sum_tree(f: Basic, x: sympy.Symbol) -> Node:
    """The rule tree of d/dx f for an `f` holding sums over data and a number `x`.

    >>> i, n, w = sympy.symbols("i n w")
    >>> data = sympy.IndexedBase("x")[i]
    >>> sum_tree(sympy.Sum(w * data, (i, 1, n)), w).result
    Sum(x[i], (i, 1, n))
    """
    if not depends(f, x):
        return GradConstant(expr=f, wrt=x)
    if isinstance(f, sympy.Add):
        return GradSum(expr=f, wrt=x, children=tuple(sum_tree(t, x) for t in f.args))
    if isinstance(f, sympy.Mul):
        constant, varying = constant_and_varying(f, x)
        if constant != 1 and varying is not None:
            return GradScale(expr=f, wrt=x, factor=constant, children=(sum_tree(varying, x),))
    if isinstance(f, sympy.Sum) and not any(depends(limit, x) for limit in f.limits):
        return SumOverData(expr=f, wrt=x, children=(term_tree(f.function, x),))
    return Unknown(expr=f, value=sympy.diff(f, x))


def term_tree(term: Basic, x: sympy.Symbol) -> Node:
    """The rule tree of d/dx of one term of a sum over data.

    >>> i, w = sympy.symbols("i w")
    >>> term_tree((w * sympy.IndexedBase("x")[i] - 1) ** 2, w).rule
    'term_power'
    """
    if not depends(term, x):
        return GradConstant(expr=term, wrt=x)
    if isinstance(term, sympy.Mul):
        constant, varying = constant_and_varying(term, x)
        if constant != 1 and varying is not None:
            return GradScale(expr=term, wrt=x, factor=constant, children=(term_tree(varying, x),))
    if isinstance(term, sympy.Pow) and term.exp.is_number and term.exp != 1 and not depends(term.exp, x):
        return TermPower(expr=term, wrt=x, children=(TermInside(expr=term.base, wrt=x),))
    value, worked, renamed = _by_engine(term, x)
    return TermDerivative(expr=term, wrt=x, value=value, worked=worked, renamed=renamed)


def _by_engine(term: Basic, x: sympy.Symbol) -> tuple[Basic, Any, tuple[tuple[Basic, Basic], ...]]:
    """The derivative of one term, the engine's work on it (None where SymPy's own `diff` had to do),
    and how its data were renamed for that work."""
    from tutor.steps.derivation import derivative_steps

    data = {d: sympy.Symbol(f"{d.base.label}_{'_'.join(map(str, d.indices))}") for d in term.atoms(sympy.Indexed)}
    if any(s in term.free_symbols for s in data.values()):
        return sympy.diff(term, x), None, ()   # a name already spelt like a datum: differentiate without renaming
    try:
        worked = derivative_steps(term.xreplace(data), x)
    except TutorError:
        return sympy.diff(term, x), None, ()
    if worked.has_unknown:
        return sympy.diff(term, x), None, ()
    back = tuple((v, k) for k, v in data.items())
    return worked.result.xreplace(dict(back)), worked, back
