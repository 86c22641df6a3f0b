"""Equations and inequalities, compared by their solution sets (never as true/false samples).

Equations: ``l = r`` is read as f = l − r = 0. Two equations are equivalent when f and g are
constant multiples of each other (also after clearing denominators), which covers nearly
every learner rearrangement; otherwise a point on one solution set where the other equation
is defined but false rejects, and a symbolic comparison of the solution sets (in the
worker) accepts. Inequalities alike, with the direction and strictness checked.

>>> import time, sympy, tutor
>>> from tutor.checker.judgement import Context
>>> from tutor.checker.options import CheckOptions
>>> from tutor.checker.probe import Space
>>> ctx = Context(CheckOptions(), Space(), frozenset({"x", "y"}))
>>> t = EquationTarget(tutor.parse("y = 2x + 1").value, ctx)
>>> [t.judge(tutor.parse(s), time.monotonic() + 2).status.value for s in ("2y = 4x + 2", "y = 2x")]
['correct', 'incorrect']
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import sympy
from mpmath import libmp as L

from tutor.checker.describe import number_text, point_text
from tutor.checker.equivalence import Compiled, constant_ratio, probeable
from tutor.checker.expressions import wrong_kind
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.guards import astronomical, degree_bound, small
from tutor.checker.judgement import Context, Judgement, incorrect, undetermined
from tutor.checker.probe import PER_LEVEL, Outcome, Probeable, compare
from tutor.checker.verdict import Method, Status
from tutor.checker.worker import run_task
from tutor.parser import Kind, Parsed

_POINTS = 2 * PER_LEVEL
_MAX_NODES = 200       # larger equations are not brought to a common denominator in-process
_MAX_ROOT_DEGREE = 8   # polynomial equations up to this degree are solved numerically
_ROOT_BITS = -100      # a root computed to 113 bits leaves this much relative residue


def _difference(rel: sympy.Basic) -> sympy.Basic:
    return rel.lhs - rel.rhs


def _numerator(f: sympy.Basic) -> sympy.Basic | None:
    if not small(f, _MAX_NODES):
        return None
    try:
        return sympy.together(f).as_numer_denom()[0]
    except (ValueError, TypeError, RecursionError):
        return None


def _unknown(value: sympy.Basic, ctx: Context) -> list[Finding]:
    names = sorted(s.name for s in value.free_symbols if s.name not in ctx.names)
    return [finding(Code.UNKNOWN_VARIABLE, names=", ".join(names))] if names else []


def _worker(task: str, args: tuple, deadline: float) -> tuple[str, tuple] | None:
    """The worker's answer on solution sets; None on timeout."""
    if any(isinstance(a, sympy.Basic) and astronomical(a) for a in args[:2]):
        return ("unknown", ())  # a worker would only spend the budget rebuilding the number
    answer = run_task(task, args, deadline)
    if answer is None or answer[0] != "ok":
        return None if answer is None else ("unknown", ())
    return answer[1]


def _witness_text(point: tuple) -> str:
    return ", ".join(f"{name} = {value}".replace("-", "−") for name, value in point)


class EquationTarget:
    """An expected equation (`Eq`), prepared once."""

    def __init__(self, value: sympy.Basic, ctx: Context) -> None:
        self.ctx = ctx
        self.f = ctx.to_domain(_difference(value))
        self.compiled = Compiled(self.f, ctx.space, complex_mode=ctx.complex)
        num = _numerator(self.f)
        self.numerator = None if num is None else Compiled(num, ctx.space, complex_mode=ctx.complex)
        self.zero = _identically_zero(self.compiled)

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        if response.kind is not Kind.EQUATION:
            return wrong_kind(Kind.EQUATION, response.kind)
        g = self.ctx.to_domain(_difference(response.value))
        found = _unknown(g, self.ctx)
        probe = probeable(g, self.ctx.space, self.ctx.complex)
        decided = self._numeric(g, probe)
        if decided is True:
            return Judgement(Status.CORRECT, Method.NUMERIC)
        if decided is not None:
            return incorrect(Method.NUMERIC, *found, decided)
        names = sorted({s.name for s in g.free_symbols | self.f.free_symbols})
        positive = [n for n, how in self.ctx.space.assume.items() if how == "positive"]
        answer = _worker("equation_sets", (g, self.f, names, 3, positive), deadline)
        if answer is None:
            return undetermined()
        status, point = answer
        if status == "equal":
            return Judgement(Status.CORRECT, Method.SYMBOLIC)
        if status == "different":
            where = f" (for example {_witness_text(point)} solves one but not the other)" if point else ""
            return incorrect(Method.SYMBOLIC, *found, finding(Code.SOLUTIONS_DIFFER, what="equation", where=where))
        return undetermined(timed_out=False)

    def _numeric(self, g: sympy.Basic, probe: Probeable | None) -> bool | Finding | None:
        """True (same set), a finding (different), or None (probing cannot tell)."""
        if probe is None or self.compiled.probe is None:
            return None
        zero = _identically_zero_probe(probe, self.ctx)
        if zero or self.zero:
            if zero and self.zero:
                return True
            return finding(Code.SOLUTIONS_DIFFER, what="equation", where="")
        if _nonzero_ratio(self.compiled, probe):
            return True
        if self.numerator is not None:
            num = _numerator(g)
            if num is not None and _nonzero_ratio(self.numerator, probeable(num, self.ctx.space, self.ctx.complex)):
                return True
        witness = _off_the_other(g, self.f, self.ctx) or _off_the_other(self.f, g, self.ctx)
        if witness:
            return finding(Code.SOLUTIONS_DIFFER, what="equation",
                           where=f" (for example {witness} solves one but not the other)")
        return None


def _identically_zero(target: Compiled) -> bool:
    if target.value == 0:
        return True
    if target.probe is None:
        return False
    zero = probeable(sympy.Integer(0), target.space, target.complex)
    return compare(zero, target.probe).outcome is Outcome.EQUAL


def _identically_zero_probe(probe: Probeable, ctx: Context) -> bool:
    if probe.expr == 0:
        return True
    zero = probeable(sympy.Integer(0), ctx.space, ctx.complex)
    return compare(zero, probe).outcome is Outcome.EQUAL


def _nonzero_ratio(target: Compiled, probe: Probeable | None) -> bool:
    ratio = constant_ratio(target, probe)
    return ratio is not None


def _off_the_other(f: sympy.Basic, g: sympy.Basic, ctx: Context) -> str | None:
    """A point where f = 0 but g is defined and not 0: f is solved for a variable it is a
    polynomial in (exactly when linear, numerically up to degree 8), the others at probe points."""
    if ctx.complex or not small(f, _MAX_NODES):
        return None
    num = _numerator(f)
    if num is None:
        return None
    for v in sorted(num.free_symbols, key=lambda s: s.name):
        degree = degree_bound(num, v)
        if degree == 1:
            # f = a·v + b; the coefficients by calculus, never by expanding (x − a)^6000
            found = _root_witness(-num.xreplace({v: 0}) / sympy.diff(num, v), v, f, g, ctx)
        elif 2 <= degree <= _MAX_ROOT_DEGREE:
            coeffs = [sympy.diff(num, v, k).xreplace({v: 0}) / sympy.factorial(k)
                      for k in range(int(degree), -1, -1)]
            found = _numeric_root_witness(coeffs, v, f, g, ctx)
        else:
            continue
        if found:
            return found
    return None


def _root_witness(root: sympy.Basic, v: sympy.Symbol, f: sympy.Basic, g: sympy.Basic,
                  ctx: Context) -> str | None:
    """f solved exactly for v (= root): a probe point of f's solutions that g lacks."""
    solved = probeable(root, ctx.space)
    if solved is None:
        return None
    others = sorted((f.free_symbols | g.free_symbols) - {v}, key=lambda s: s.name)
    for k in _readable_first(solved, _POINTS if others else 1):
        value = solved.sample_at(k)
        point: dict[str, float | tuple] = {s.name: ctx.space.coordinate(s.name, k) for s in others}
        point[v.name] = value.value   # exact to working precision: huge roots stay exact
        if _lacks(point, v.name, f, g, ctx, exact=True):
            return _point_text(point)
    return None


def _readable_first(solved: Probeable, count: int) -> list[int]:
    """Probe points where the solved value exists, those with a readable size first."""
    usable = [k for k in range(count) if not isinstance(solved.sample_at(k), str)]

    def odd(k: int) -> bool:
        v = solved.sample_at(k).value
        return bool(v[1]) and not -20 < v[2] + v[3] < 20
    return sorted(usable, key=odd)


def _numeric_root_witness(exprs: list[sympy.Basic], v: sympy.Symbol, f: sympy.Basic, g: sympy.Basic,
                          ctx: Context) -> str | None:
    """Roots of the polynomial with coefficients `exprs` (highest first), found numerically:
    one that g lacks."""
    import numpy

    coeffs = [probeable(c, ctx.space) for c in exprs]
    if any(c is None for c in coeffs):
        return None
    others = sorted((f.free_symbols | g.free_symbols) - {v}, key=lambda s: s.name)
    for k in range(PER_LEVEL if others else 1):
        samples = [c.sample_at(k) for c in coeffs]
        if any(isinstance(x, str) for x in samples):
            continue
        values = [L.to_float(x.value) for x in samples]
        while values and values[0] == 0:
            values.pop(0)
        if len(values) < 2 or not all(math.isfinite(x) for x in values):
            continue
        for r in numpy.roots(values):
            if abs(r.imag) > 1e-9 * max(1.0, abs(r.real)):
                continue
            point = {s.name: ctx.space.coordinate(s.name, k) for s in others}
            point[v.name] = float(r.real)
            if _lacks(point, v.name, f, g, ctx, exact=False):
                return _point_text(point)
    return None


def _point_text(point: dict[str, float | tuple]) -> str:
    return point_text(sorted((k, number_text(v) if isinstance(v, tuple) else v) for k, v in point.items()))


def _lacks(point: dict[str, float | tuple], name: str, f: sympy.Basic, g: sympy.Basic, ctx: Context,
           exact: bool) -> bool:
    """Whether `point`, a solution of f = 0 (where f is defined), is not one of g = 0: g is
    undefined there or clearly not zero. Evaluated by coordinates, never by substituting
    (SymPy would simplify √y − √y to 0 and lose where it is undefined)."""
    return _zero_at(f, point, name, ctx, exact) is True and _zero_at(g, point, name, ctx, exact) is not True


def _sample_at(expr: sympy.Basic, point: dict[str, float | tuple], ctx: Context):
    p = probeable(expr, ctx.space)
    if p is None or any(s.name not in point for s in p.symbols):
        return None
    s = p.sample([point[s.name] for s in p.symbols])
    return None if isinstance(s, str) else s


def _size_near(expr: sympy.Basic, point: dict[str, float | tuple], name: str, ctx: Context) -> float:
    """How big `expr` is around `point` (moving `name` by ±1/2): the scale of its rounding."""
    sizes = [1.0]
    for step in (-0.5, 0.5):
        moved = L.mpf_add(_as_mpf(point[name]), L.from_float(step), 200, L.round_nearest)
        s = _sample_at(expr, {**point, name: moved}, ctx)
        if s is not None:
            v = abs(L.to_float(s.value))
            sizes.append(v if math.isfinite(v) else 1.0)
    return max(sizes)


def _as_mpf(v: float | tuple) -> tuple:
    return v if isinstance(v, tuple) else L.from_float(v)


def _zero_at(expr: sympy.Basic, point: dict[str, float | tuple], name: str, ctx: Context,
             exact: bool) -> bool | None:
    """Whether expr vanishes at a root (within its rounding error; loosely, relative to its
    size nearby, when the root is only a float); None where it is undefined."""
    s = _sample_at(expr, point, ctx)
    if s is None:
        return None
    size = L.mpf_abs(s.value)
    if L.mpf_le(size, L.mpf_shift(s.err, 10)) or L.mpf_le(size, L.mpf_shift(s.scale, _ROOT_BITS)):
        return True  # zero up to rounding, including the rounding of the root itself
    return not exact and abs(L.to_float(s.value)) <= 1e-7 * _size_near(expr, point, name, ctx)


# --- inequalities ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Atom:
    """F < 0 (strict) or F <= 0, from one relation; `ne` for ≠."""

    f: sympy.Basic
    strict: bool
    ne: bool = False


def _atoms(rel: sympy.Basic) -> list[_Atom] | None:
    parts = rel.args if isinstance(rel, sympy.And) else (rel,)
    out = []
    for p in parts:
        if isinstance(p, (sympy.StrictLessThan, sympy.LessThan)):
            out.append(_Atom(p.lhs - p.rhs, isinstance(p, sympy.StrictLessThan)))
        elif isinstance(p, (sympy.StrictGreaterThan, sympy.GreaterThan)):
            out.append(_Atom(p.rhs - p.lhs, isinstance(p, sympy.StrictGreaterThan)))
        elif isinstance(p, sympy.Unequality):
            out.append(_Atom(p.lhs - p.rhs, True, ne=True))
        else:
            return None
    return out


class InequalityTarget:
    """An expected inequality or chain (`And` of relations), prepared once."""

    def __init__(self, value: sympy.Basic, ctx: Context) -> None:
        self.ctx = ctx
        self.value = value
        self.atoms = _atoms(value) or []
        self.compiled = [Compiled(a.f, ctx.space) for a in self.atoms]

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        if response.kind is not Kind.INEQUALITY:
            return wrong_kind(Kind.INEQUALITY, response.kind)
        found = _unknown(response.value, self.ctx)
        atoms = _atoms(response.value)
        if atoms is not None and len(atoms) == len(self.atoms):
            matched = self._match(atoms)
            if matched is True:
                return Judgement(Status.CORRECT, Method.NUMERIC)
            if matched is not None and len(atoms) == 1:
                return incorrect(Method.NUMERIC, *found, matched)
        names = sorted({s.name for s in response.value.free_symbols | self.value.free_symbols})
        answer = _worker("relation_sets", (response.value, self.value, names), deadline)
        if answer is None:
            return undetermined()
        status, point = answer
        if status == "equal":
            return Judgement(Status.CORRECT, Method.SYMBOLIC)
        if status == "different":
            where = f" (for example {_witness_text(point)} satisfies one but not the other)" if point else ""
            return incorrect(Method.SYMBOLIC, *found, finding(Code.SOLUTIONS_DIFFER, what="inequality", where=where))
        return undetermined(timed_out=False)

    def _match(self, atoms: list[_Atom]) -> bool | Finding | None:
        """True when each response relation is a positive multiple of an expected one (same
        strictness); a finding for a single relation that is reversed or differs only in
        strictness; None otherwise."""
        remaining = list(range(len(self.atoms)))
        for atom in atoms:
            probe = probeable(atom.f, self.ctx.space)
            hit = None
            for i in remaining:
                ratio = constant_ratio(self.compiled[i], probe)
                if ratio is None:
                    continue
                positive = not ratio.value[0]
                if self.atoms[i].ne and atom.ne:
                    hit = i
                elif positive and atom.strict == self.atoms[i].strict and not atom.ne:
                    hit = i
                elif len(atoms) == 1:
                    return finding(Code.DIRECTION_REVERSED if not positive else Code.STRICTNESS)
                if hit is not None:
                    break
            if hit is None:
                return None
            remaining.remove(hit)
        return True

