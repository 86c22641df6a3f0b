"""Formula evaluation as steps: the question's numbers put into a formula, worked part by part.

Many answers are a formula to apply: the standard error σ/√n, a z statistic
(x̄ − μ₀)/(s/√n), a posterior by hand, 1 − (5/6)^k. No author operation is
called, so no other engine applies; this one builds a tree of rule nodes over
the formula as it is written, one node per sub-expression that is not a single
name or number:

* ``quotient`` (a fraction), ``product``, ``sum``, ``difference`` (a − b),
  ``complement`` (1 − p), ``power``, ``root`` (√), ``apply`` (|x|, ⌈x⌉, eˣ, ln,
  σ, …);
* each node's ``goal()`` is its sub-expression with the question's values put
  in, as written ("3/√25": the formula's own names may be names the learner has
  never seen), and its result is computed from its parts' results by ordinary
  arithmetic (exact where the values are exact);
* a node whose parts are all names or numbers and that only multiplies or adds
  is bookkeeping (``subgoal`` False), folded into its parent on a short ladder.

Misconceptions on these nodes (a dropped square root, a fraction upside down,
a difference reversed, a forgotten complement, …) are in
`tutor.steps.evaluate_bugs`.

>>> import sympy
>>> sigma, n = sympy.symbols("sigma n")
>>> typed = sympy.Mul(sigma, sympy.Pow(sympy.sqrt(n), -1, evaluate=False), evaluate=False)  # σ/√n, typed
>>> node = build(typed, {sigma: sympy.Integer(3), n: sympy.Integer(25)})
>>> node.rule, node.goal(), node.result
('value_quotient', '3/√25', 3/5)
>>> [child.rule for child in node.children]
['value_root']
"""
from __future__ import annotations

import functools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import ClassVar

import sympy
from sympy import Basic

from tutor.errors import StepError
from tutor.steps.expressions import evaluated
from tutor.steps.node import Node, show
from tutor.values import frozen

Values = Mapping[sympy.Symbol, Basic]


@frozen(eq=False, kw_only=True)
class Part(Node):
    """A sub-expression of a formula (`expr`, as written), worked with the question's `values`."""

    values: Values = field(default_factory=dict)

    rule: ClassVar[str] = "value_part"
    name: ClassVar[str] = "part"
    statement: ClassVar[str] = ""

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return value_of(self._arguments(parts), self.expr)

    def _arguments(self, parts: Sequence[Basic]) -> list[Basic]:
        """The values of `expr`'s arguments: from a part's result for a compound one (a compound
        denominator is a part: its result is inverted here), else the given value."""
        left = iter(parts)
        out = []
        for a in self.expr.args:
            if _over(a):
                out.append(next(left) ** a.exp)
            elif compound(a):
                out.append(next(left))
            else:
                out.append(_given(a, self.values))
        return out

    def goal(self) -> str:
        # the part with the question's numbers put in: the formula's own names (p₁₁, zc) may be
        # names the learner has never seen; a sum over an index inside stands as its value
        done = {c.expr: c.result for c in self.walk() if isinstance(c, Series) and c is not self}
        return written(self.expr, self.values, done)

    def instance(self) -> str:
        return ""

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal()}


@frozen(eq=False, kw_only=True)
class Sum(Part):
    rule, name = "value_sum", "sum"

    @property
    def subgoal(self) -> bool:  # type: ignore[override]
        """Bookkeeping when it only adds given values; a step when a part of it is worked."""
        return bool(self.children)


@frozen(eq=False, kw_only=True)
class Difference(Part):
    rule, name = "value_difference", "difference"
    statement = "Subtract in the order the formula gives."


@frozen(eq=False, kw_only=True)
class Complement(Part):
    rule, name = "value_complement", "complement"
    statement = "The probability of the opposite event is 1 minus the probability of the event."


@frozen(eq=False, kw_only=True)
class Negation(Part):
    rule, name = "value_negation", "negative"
    subgoal = False


@frozen(eq=False, kw_only=True)
class Product(Part):
    rule, name = "value_product", "product"

    @property
    def subgoal(self) -> bool:  # type: ignore[override]
        """Bookkeeping when it only multiplies given values; a step when a part of it is worked."""
        return bool(self.children)


@frozen(eq=False, kw_only=True)
class Quotient(Part):
    rule, name = "value_quotient", "fraction"
    statement = "Work out the numerator and the denominator, then divide."

    def numerator_denominator(self) -> tuple[Basic, Basic]:
        """The fraction's numerator and denominator as written."""
        num, den = sympy.fraction(self.expr, exact=True)
        return num, den


@frozen(eq=False, kw_only=True)
class Power(Part):
    rule, name = "value_power", "power"


@frozen(eq=False, kw_only=True)
class Root(Part):
    rule, name = "value_root", "square root"


@frozen(eq=False, kw_only=True)
class Series(Part):
    """Σ or Π over an index with bounds: the values put in, then the terms added (or multiplied)."""

    rule, name = "value_series", "sum over the index"
    statement = "Write out the terms for each value of the index, then add them."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return evaluated(self.expr.xreplace(dict(self.values)).doit())

    def goal(self) -> str:
        return written(self.expr, self.values)

    def instance(self) -> str:
        expr = self.expr.xreplace(dict(self.values))
        index, low, high = expr.limits[0]
        if not (low.is_Integer and high.is_Integer) or high - low > 5:
            return written(self.expr, self.values)
        terms = [expr.function.xreplace({index: k}) for k in range(int(low), int(high) + 1)]
        join = " + " if isinstance(expr, sympy.Sum) else "·"
        return join.join(_shown(t) for t in terms)


@frozen(eq=False, kw_only=True)
class Apply(Part):
    rule, name = "value_apply", "function value"


def build(expr: Basic, values: Values) -> Part:
    """The rule node of `expr` (a compound sub-expression of a formula) with its parts below it.

    >>> x, y = sympy.symbols("x y")
    >>> node = build(1 - x * y, {x: sympy.Rational(1, 2), y: sympy.Rational(1, 3)})
    >>> node.rule, node.goal(), node.result
    ('value_complement', '1 − (1/2)·(1/3)', 5/6)
    """
    if not compound(expr):
        raise StepError(f"{show(expr)} is a single value: there is nothing to work out.")
    missing = sorted(s.name for s in expr.free_symbols if s not in values)
    if missing:
        raise StepError(f"{show(expr)} needs a value for {', '.join(missing)}.")
    kind = _kind(expr)
    children = () if kind is Series else \
        tuple(build(a.base if _over(a) else a, values) for a in _operands(expr) if compound(a))
    node = kind(expr=expr, children=children, values=values)
    if node.result.has(sympy.zoo, sympy.nan) or node.result is sympy.S.ComplexInfinity:
        raise StepError(f"{show(expr)} is undefined for these values.")
    return node


def _operands(expr: Basic) -> tuple[Basic, ...]:
    return expr.args


def _over(arg: Basic) -> bool:
    """Whether `arg` is a compound denominator, 1/(…): its part is the bracket, inverted after."""
    return isinstance(arg, sympy.Pow) and arg.exp.is_Number and arg.exp.is_negative and compound(arg.base)


def compound(expr: Basic) -> bool:
    """Whether `expr` is worked as a part (not a name, a number or −1·name written as −name).

    >>> x = sympy.Symbol("x")
    >>> compound(x + 1), compound(-x), compound(sympy.Rational(5, 6)), compound(x)
    (True, False, False, False)
    """
    if expr.is_Atom:
        return False
    if isinstance(expr, sympy.Mul) and len(expr.args) == 2 and expr.args[0] == -1 and expr.args[1].is_Atom:
        return False
    if isinstance(expr, sympy.Pow) and expr.exp == -1 and expr.base.is_Atom:
        return False  # 1/n, or 5/6 written as 5·6⁻¹: read with the fraction it is part of
    if isinstance(expr, sympy.Mul) and all(a.is_Number or (isinstance(a, sympy.Pow) and a.base.is_Number
                                                           and a.exp == -1) for a in expr.args):
        return False  # 5/6
    return bool(getattr(expr, "free_symbols", ()))


def _kind(expr: Basic) -> type[Part]:
    if isinstance(expr, sympy.Add):
        negated = [a for a in expr.args if _negative(a)]
        if len(expr.args) == 2 and len(negated) == 1:
            return Complement if sympy.S.One in expr.args else Difference
        return Sum
    if isinstance(expr, sympy.Mul):
        if len(expr.args) == 2 and expr.args[0] == -1:
            return Negation
        return Quotient if any(_reciprocal(a) for a in expr.args) else Product
    if isinstance(expr, sympy.Pow):
        if expr.exp == sympy.S.Half:
            return Root
        return Quotient if expr.exp == -1 else Power
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        return Series
    if isinstance(expr, sympy.Function):
        return Apply
    raise StepError(f"{show(expr)}: no step-by-step rule for {type(expr).__name__}.")


def _negative(term: Basic) -> bool:
    return isinstance(term, sympy.Mul) and term.args[0].is_Number and term.args[0].is_negative


def _reciprocal(factor: Basic) -> bool:
    return isinstance(factor, sympy.Pow) and factor.exp.is_Number and factor.exp.is_negative


def _given(simple: Basic, values: Values) -> Basic:
    """The value of a name, a number, or a simple term such as −x or 5/6."""
    if isinstance(simple, sympy.Symbol):
        return values.get(simple, simple)
    return evaluated(simple.xreplace(dict(values))) if simple.free_symbols else simple


def value_of(args: Sequence[Basic], expr: Basic) -> Basic:
    """`expr`'s operation applied to the values `args` (matrices too: scalar times vector).

    >>> x, y = sympy.symbols("x y")
    >>> value_of([sympy.Integer(2), sympy.ImmutableMatrix([1, 3])], x * y)
    Matrix([
    [2],
    [6]])
    """
    if isinstance(expr, sympy.Add):
        result = functools.reduce(operator.add, args)
    elif isinstance(expr, sympy.Mul):
        result = functools.reduce(operator.mul, args)
    elif isinstance(expr, sympy.Pow):
        result = args[0] ** args[1]
    else:
        result = expr.func(*args)
    if isinstance(result, sympy.MatrixBase):
        return sympy.ImmutableMatrix(result.applyfunc(evaluated))
    return evaluated(result)


def written(expr: Basic, values: Values, done: Mapping[Basic, Basic] | None = None) -> str:
    """`expr` with each name replaced by its value, as written, not worked out.

    >>> a, b = sympy.symbols("a b")
    >>> written(a - b / 2, {a: sympy.Integer(-3), b: sympy.Rational(1, 2)})
    '(−3) − (1/2)/2'
    """
    stand_ins: dict[Basic, Basic] = {part: sympy.Symbol(_shown(value)) for part, value in (done or {}).items()}
    with sympy.evaluate(False):  # (zc·σ/E)² stays one square, not zc²·σ²/E²
        expr = expr.xreplace(stand_ins)
        stand_ins = {s: sympy.Symbol(_shown(values[s])) for s in expr.free_symbols if s in values}
        put_in = expr.xreplace(stand_ins)
    return show(put_in)


def _shown(value: Basic) -> str:
    text = show(value)
    compound_text = any(c in text for c in " /+·") or (text.startswith("−") and len(text) > 1)
    return f"({text})" if compound_text and not text.startswith("[") else text
