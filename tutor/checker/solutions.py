"""A solution of one equation that another equation lacks: the counterexample for equations.

f = 0 is solved for a variable it is a polynomial in: exactly when it is linear (the
coefficients by calculus, never by expanding ``(x − a)^6000``), numerically up to degree 8,
with the other variables at probe points. Each solution is then tried in g, by coordinates
(never by substituting: SymPy would simplify √y − √y to 0 and lose where it is undefined).
A solution where g is undefined, or clearly not zero, is missing from g's solution set.

>>> import sympy
>>> from tutor.checker.probe import Space
>>> x = sympy.Symbol("x")
>>> missing_solution(x**2 - 4, x - 2, Space())
'x = −2'
>>> missing_solution(x - 2, x**2 - 4, Space()) is None
True
"""
from __future__ import annotations

import math
from typing import Union

import sympy
from mpmath import libmp as L

from tutor.checker.describe import number_text, point_text
from tutor.checker.evaluator import Sample
from tutor.checker.guards import degree_bound, small
from tutor.checker.probe import PER_LEVEL, Probeable, Space

Coordinate = Union[float, tuple]   # a float, or an mpf tuple (exact to working precision)

_POINTS = 2 * PER_LEVEL
_MAX_NODES = 200       # larger equations are not brought to a common denominator here
_MAX_DEGREE = 8        # polynomial equations up to this degree are solved numerically
_ROOT_BITS = -100      # a root computed to 113 bits leaves this much relative residue


def numerator(f: sympy.Basic) -> sympy.Basic | None:
    """The numerator of f over a common denominator (None when f is too large to try).

    >>> x = sympy.Symbol("x")
    >>> numerator(1/x + 1/(x + 1))
    2*x + 1
    """
    if not small(f, _MAX_NODES):
        return None
    try:
        return sympy.together(f).as_numer_denom()[0]
    except (ValueError, TypeError, RecursionError):
        return None


def missing_solution(f: sympy.Basic, g: sympy.Basic, space: Space) -> str | None:
    """A readable point where f = 0 but g is undefined or not 0, or None if none was found.

    >>> x, y = sympy.symbols("x y")
    >>> missing_solution(x - y, sympy.sqrt(x) - sympy.sqrt(y), Space()) is not None
    True
    """
    if not small(f, _MAX_NODES):
        return None
    num = numerator(f)
    if num is None:
        return None
    search = _Search(f, g, space)
    for v in sorted(num.free_symbols, key=lambda s: s.name):
        degree = degree_bound(num, v)
        if degree == 1:
            found = search.exact_root(-num.xreplace({v: 0}) / sympy.diff(num, v), v)
        elif 2 <= degree <= _MAX_DEGREE:
            found = search.numeric_roots([sympy.diff(num, v, k).xreplace({v: 0}) / sympy.factorial(k)
                                          for k in range(int(degree), -1, -1)], v)
        else:
            continue
        if found:
            return found
    return None


class _Search:
    """f and g compiled once, for trying many candidate points."""

    def __init__(self, f: sympy.Basic, g: sympy.Basic, space: Space) -> None:
        self.space = space
        self.f, self.g = _compile(f, space), _compile(g, space)
        self.names = sorted({s.name for s in f.free_symbols | g.free_symbols})

    def exact_root(self, root: sympy.Basic, v: sympy.Symbol) -> str | None:
        """f solved exactly for v (= root): a probe point of f's solutions that g lacks."""
        solved = _compile(root, self.space)
        if solved is None or self.f is None:
            return None
        others = [n for n in self.names if n != v.name]
        for k, root_value in _readable_first(solved, _POINTS if others else 1):
            point: dict[str, Coordinate] = {n: self.space.coordinate(n, k) for n in others}
            point[v.name] = root_value.value   # huge roots stay exact
            if self._lacks(point, v.name, exact=True):
                return _text(point)
        return None

    def numeric_roots(self, exprs: list[sympy.Basic], v: sympy.Symbol) -> str | None:
        """Real roots of the polynomial with coefficients `exprs` (highest first)."""
        import numpy

        coeffs = [c for c in (_compile(e, self.space) for e in exprs) if c is not None]
        if len(coeffs) < len(exprs) or self.f is None:
            return None
        others = [n for n in self.names if n != v.name]
        for k in range(PER_LEVEL if others else 1):
            values = _coefficients(coeffs, k)
            if values is None:
                continue
            for r in numpy.roots(values):
                if abs(r.imag) > 1e-9 * max(1.0, abs(r.real)):
                    continue
                point: dict[str, Coordinate] = {n: self.space.coordinate(n, k) for n in others}
                point[v.name] = float(r.real)
                if self._lacks(point, v.name, exact=False):
                    return _text(point)
        return None

    def _lacks(self, point: dict[str, Coordinate], name: str, exact: bool) -> bool:
        """`point` solves f = 0 (where f is defined) but not g = 0, and the root is a value the
        variable may take (p = 2 is no solution for a probability p)."""
        return self._allowed(point[name], name) and _zero_at(self.f, point, name, exact) is True \
            and _zero_at(self.g, point, name, exact) is not True

    def _allowed(self, value: Coordinate, name: str) -> bool:
        how = self.space.assume.get(name)
        if how is None:
            return True
        return how.admits(L.to_float(value) if isinstance(value, tuple) else value)


def _compile(expr: sympy.Basic, space: Space) -> Probeable | None:
    from tutor.checker.equivalence import probeable

    return probeable(expr, space)


def _coefficients(coeffs: list[Probeable], k: int) -> list[float] | None:
    samples = [s for s in (c.sample_at(k) for c in coeffs) if isinstance(s, Sample)]
    if len(samples) < len(coeffs):      # undefined or overflowing at this point
        return None
    values = [L.to_float(s.value) for s in samples]
    while values and values[0] == 0:
        values.pop(0)
    if len(values) < 2 or not all(math.isfinite(x) for x in values):
        return None
    return values


def _readable_first(solved: Probeable, count: int) -> list[tuple[int, Sample]]:
    """Probe points where the solved value exists, with it, those with a readable size first."""
    usable = [(k, s) for k in range(count) if isinstance(s := solved.sample_at(k), Sample)]

    def odd(item: tuple[int, Sample]) -> bool:
        v = item[1].value
        return bool(v[1]) and not -20 < v[2] + v[3] < 20
    return sorted(usable, key=odd)


def _text(point: dict[str, Coordinate]) -> str:
    return point_text(sorted((k, number_text(v) if isinstance(v, tuple) else v) for k, v in point.items()))


def _sample(p: Probeable | None, point: dict[str, Coordinate]) -> Sample | None:
    if p is None or any(n not in point for n in p.names):
        return None
    s = p.sample([point[n] for n in p.names])
    return None if isinstance(s, str) else s


def _zero_at(p: Probeable | None, point: dict[str, Coordinate], name: str, exact: bool) -> bool | None:
    """Whether the expression vanishes at a root (within its rounding error, and that of the
    root itself; loosely, relative to its size nearby, when the root is only a float); None
    where it is undefined."""
    s = _sample(p, point)
    if s is None or p is None:
        return None
    size = L.mpf_abs(s.value)
    if L.mpf_le(size, L.mpf_shift(s.err, 10)) or L.mpf_le(size, L.mpf_shift(s.scale, _ROOT_BITS)):
        return True
    return not exact and abs(L.to_float(s.value)) <= 1e-7 * _size_near(p, point, name)


def _size_near(p: Probeable, point: dict[str, Coordinate], name: str) -> float:
    """How big the expression is around `point` (moving `name` by ±1/2): its rounding scale."""
    sizes = [1.0]
    here = point[name] if isinstance(point[name], tuple) else L.from_float(point[name])
    for step in (-0.5, 0.5):
        moved = L.mpf_add(here, L.from_float(step), 200, L.round_nearest)
        s = _sample(p, {**point, name: moved})
        if s is not None:
            v = abs(L.to_float(s.value))
            sizes.append(v if math.isfinite(v) else 1.0)
    return max(sizes)
