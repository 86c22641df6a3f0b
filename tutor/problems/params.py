"""Seeded random parameters: ranges, choices, computed values, and `where` constraints.

A draw walks the parameters in file order (so a computed value may use any parameter above it),
then checks every `where` constraint with the interpreter, and draws again until all hold or
the attempts run out (then it gives up with a message naming the constraint that failed most).

>>> import random, sympy
>>> from fractions import Fraction
>>> a = Param("a", sympy.Symbol("a"), low=Fraction(1), step=Fraction(1), count=9)
>>> d = draw((a,), (), random.Random(1))
>>> d.values[sympy.Symbol("a")] in range(1, 10)
True
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import field
from fractions import Fraction

import sympy

from tutor.problems.interpreter import author_calls, interpret
from tutor.problems.ops_base import Budget, FormulaError, show
from tutor.problems.render import ordered, tidy
from tutor.words import counted
from tutor.values import frozen

MAX_ATTEMPTS = 2000


class ConstraintError(FormulaError):
    """The `where` constraints could not be met; names the constraint that failed most."""


@frozen
class Param:
    """A compiled parameter: a range (low + i·step, i < count), choices, or a formula."""

    name: str
    symbol: sympy.Symbol
    low: Fraction | None = None
    step: Fraction = Fraction(1)
    count: int = 0
    excluded: frozenset[Fraction] = frozenset()
    choices: tuple[sympy.Basic, ...] = ()
    formula: sympy.Basic | None = None

    @property
    def variety(self) -> int:
        """How many different values this parameter can take (1 for a computed value)."""
        if self.formula is not None:
            return 1
        if self.choices:
            return len(set(self.choices))
        return max(self.count - len(self.excluded), 0)

    def _pick(self, rng: random.Random) -> sympy.Basic:
        if self.choices:
            return rng.choice(self.choices)
        if self.low is None:
            raise FormulaError(f"parameter '{self.name}' has no range, choices or formula")
        for _ in range(10_000):
            value = self.low + self.step * rng.randrange(self.count)
            if value not in self.excluded:
                return sympy.Rational(value.numerator, value.denominator)
        raise FormulaError(f"parameter '{self.name}': no allowed value could be drawn")


@frozen
class Constraint:
    """A compiled `where` constraint and its text (for messages)."""

    text: str
    expr: sympy.Basic


@frozen
class Draw:
    """The parameters of one instance: `values` (evaluated) and `shown` (the author's structure)."""

    values: Mapping[sympy.Symbol, sympy.Basic]
    shown: Mapping[sympy.Symbol, sympy.Basic]
    attempts: int = 1
    names: Mapping[str, sympy.Symbol] = field(default_factory=dict)

    def by_name(self, which: Mapping[sympy.Symbol, sympy.Basic]) -> dict[str, sympy.Basic]:
        """`values` or `shown`, keyed by the parameter names as written (``b2``, not ``b_2``)."""
        return {name: which[symbol] for name, symbol in self.names.items()}


def variety(params: tuple[Param, ...], cap: int = 10**9) -> int:
    """How many different draws the parameters promise (before constraints), capped.

    >>> a = Param("a", sympy.Symbol("a"), low=Fraction(1), count=9)
    >>> b = Param("b", sympy.Symbol("b"), choices=(sympy.Integer(2), sympy.Integer(3)))
    >>> c = Param("c", sympy.Symbol("c"), formula=sympy.Symbol("a") + sympy.Symbol("b"))
    >>> variety((a, b, c)), variety((a, b), cap=10)
    (18, 10)
    """
    total = 1
    for p in params:
        total = min(total * max(p.variety, 1), cap)
    return total


def draw(params: tuple[Param, ...], constraints: tuple[Constraint, ...], rng: random.Random, *,
         budget: Budget | None = None, max_attempts: int = MAX_ATTEMPTS) -> Draw:
    """Draw all parameters until every constraint holds.

    Raises `ConstraintError` after `max_attempts` draws, naming the constraint that failed most,
    and `FormulaError` when a computed value or a constraint cannot be computed.

    >>> a, b = sympy.symbols("a b")
    >>> params = (Param("a", a, low=Fraction(1), count=9), Param("b", b, formula=2 * a))
    >>> d = draw(params, (Constraint("a > 5", sympy.Gt(a, 5)),), random.Random(0))
    >>> d.values[a] > 5, d.values[b] == 2 * d.values[a]
    (True, True)
    >>> never = (Constraint("a > 9", sympy.Gt(a, 9)),)
    >>> draw(params, never, random.Random(0), max_attempts=5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tutor.problems.params.ConstraintError: no parameters ... in 5 draws: 'a > 9' failed 5 times; ...
    """
    budget = budget or Budget(5.0)
    failures: Counter[str] = Counter()
    for attempt in range(1, max_attempts + 1):
        values, shown = _draw_once(params, rng, budget)
        failed = _first_failure(constraints, values, budget)
        if failed is None:
            return Draw(values, shown, attempt, {p.name: p.symbol for p in params})
        failures[failed] += 1
    worst, count = failures.most_common(1)[0]
    raise ConstraintError(
        f"no parameters satisfying the constraints were found in {max_attempts} draws: "
        f"'{worst}' failed {counted(count, 'time')}; widen the ranges or relax the constraint")


def _draw_once(params: tuple[Param, ...], rng: random.Random, budget: Budget
               ) -> tuple[dict[sympy.Symbol, sympy.Basic], dict[sympy.Symbol, sympy.Basic]]:
    values: dict[sympy.Symbol, sympy.Basic] = {}
    shown: dict[sympy.Symbol, sympy.Basic] = {}
    for p in params:
        raw = p.formula if p.formula is not None else p._pick(rng)
        try:
            value = interpret(raw, values, budget=budget)
        except FormulaError as err:
            raise FormulaError(f"parameter '{p.name}': {err.message}") from None
        values[p.symbol] = value
        shown[p.symbol] = ordered(value) if author_calls(raw) else tidy(raw, shown)
    return values, shown


def _first_failure(constraints: tuple[Constraint, ...], values: Mapping[sympy.Symbol, sympy.Basic],
                   budget: Budget) -> str | None:
    for c in constraints:
        try:
            result = interpret(c.expr, values, budget=budget)
        except FormulaError as err:
            raise FormulaError(f"constraint '{c.text}': {err.message}") from None
        if result is sympy.false:
            return c.text
        if result is not sympy.true:
            raise FormulaError(f"constraint '{c.text}' is neither true nor false once the parameters "
                               f"are put in (it becomes {show(result)})")
    return None
