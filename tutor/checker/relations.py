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

from typing import Literal

import sympy

from tutor.checker.equivalence import Compiled, constant_ratio, probeable
from tutor.checker.expressions import wrong_kind
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.guards import degree_bound
from tutor.checker.judgement import Context, Judgement, incorrect, undetermined
from tutor.checker.probe import Outcome, Probeable, compare
from tutor.checker.solutions import missing_solution, numerator
from tutor.checker.verdict import Method, Status
from tutor.checker.pool import run_task
from tutor.parser.evaluate import too_large
from tutor.parser import Kind, Parsed
from tutor.values import frozen



class TooLarge(ValueError):
    """A side of a relation holds a number too large to compute with (``x < 9^9^9``)."""


def _minus(a: sympy.Basic, b: sympy.Basic) -> sympy.Basic:
    """a − b, refusing a side that holds an astronomical number: SymPy would compute it
    (``x - 9^9^9`` writes out 9^387420489) and never return.

    >>> x = sympy.Symbol("x")
    >>> _minus(x, sympy.Integer(2))
    x - 2
    """
    if too_large(a) or too_large(b):
        raise TooLarge("a number too large to compute with")
    return a - b


def _difference(rel: sympy.Basic) -> sympy.Basic:
    return _minus(rel.lhs, rel.rhs)


def _too_large() -> Judgement:
    """A response relation with an astronomical number: no decision (its solution set can be
    neither computed nor probed; an expected answer like it is refused when it is prepared)."""
    return undetermined(timed_out=False)


def _worker(task: str, args: tuple, deadline: float) -> tuple[str, tuple] | None:
    """The worker's answer on solution sets; None on timeout."""
    if any(isinstance(a, sympy.Basic) and too_large(a) for a in args[:2]):
        return ("unknown", ())  # a worker would only spend the budget rebuilding the number
    answer = run_task(task, args, deadline)
    if answer is None or answer[0] != "ok":
        return None if answer is None else ("unknown", ())
    return answer[1]


def _assumed(ctx: Context) -> tuple[tuple[str, str], ...]:
    """What the variables are known to be, as the worker's tasks take it: (name, word) pairs."""
    return tuple((name, how.value) for name, how in ctx.space.assume.items())


def _witness_text(point: tuple) -> str:
    return ", ".join(f"{name} = {value}".replace("-", "−") for name, value in point)


class EquationTarget:
    """An expected equation (`Eq`), prepared once."""

    def __init__(self, value: sympy.Basic, ctx: Context) -> None:
        self.ctx = ctx
        self.f = ctx.to_domain(_difference(value))
        self.compiled = Compiled(self.f, ctx.space, complex_mode=ctx.complex)
        num = numerator(self.f)
        self.numerator = None if num is None else Compiled(num, ctx.space, complex_mode=ctx.complex)
        self.zero = _identically_zero(self.compiled.probe)

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        if response.kind is not Kind.EQUATION:
            return wrong_kind(Kind.EQUATION, response.kind)
        try:
            g = self.ctx.to_domain(_difference(response.value))
        except TooLarge:
            return _too_large()
        found = self.ctx.unknown(g)
        probe = probeable(g, self.ctx.space, self.ctx.complex)
        decided = self._numeric(g, probe)
        if decided is True:
            return Judgement(Status.CORRECT, Method.NUMERIC)
        if decided is not None:
            return incorrect(Method.NUMERIC, *found, decided)
        if self.ctx.complex:
            return undetermined(timed_out=False)   # the worker compares real solution sets only
        names = sorted({s.name for s in g.free_symbols | self.f.free_symbols})
        answer = _worker("equation_sets", (g, self.f, names, 3, _assumed(self.ctx)), deadline)
        return _set_verdict(answer, found, "equation", "solves")

    def _numeric(self, g: sympy.Basic, probe: Probeable | None) -> Literal[True] | Finding | None:
        """True (same set), a finding (different), or None (probing cannot tell)."""
        if probe is None or self.compiled.probe is None:
            return None
        zero = _identically_zero(probe)
        if zero or self.zero:
            if zero and self.zero:
                return True
            return finding(Code.SOLUTIONS_DIFFER, what="equation", where="")
        if _nonzero_ratio(self.compiled, probe):
            return True
        if self.numerator is not None:
            num = numerator(g)
            if num is not None and _nonzero_ratio(self.numerator, probeable(num, self.ctx.space, self.ctx.complex)):
                return True
        if self.ctx.complex:
            return _complex_linear(g, self.f, self.ctx)
        witness = missing_solution(g, self.f, self.ctx.space) or missing_solution(self.f, g, self.ctx.space)
        if witness:
            return finding(Code.SOLUTIONS_DIFFER, what="equation",
                           where=f" (for example {witness} solves one but not the other)")
        return None


def _complex_linear(g: sympy.Basic, f: sympy.Basic, ctx: Context) -> Literal[True] | Finding | None:
    """Complex equations both linear in one variable v: the same set when they give the same
    v (``i a = b`` gives b = i·a, ``b = a/i`` gives b = −i·a); None when no such variable.

    >>> from tutor.checker.options import CheckOptions
    >>> from tutor.checker.probe import Space
    >>> a, b = sympy.symbols("a b")
    >>> ctx = Context(CheckOptions(complex_numbers=True), Space(), frozenset({"a", "b"}))
    >>> _complex_linear(b - a / sympy.I, sympy.I * a - b, ctx).code
    <Code.SOLUTIONS_DIFFER: 'SOLUTIONS_DIFFER'>
    >>> _complex_linear(2 * b - 2 * sympy.I * a, sympy.I * a - b, ctx)
    True
    """
    for v in sorted(f.free_symbols & g.free_symbols, key=lambda s: s.name):
        if degree_bound(f, v) != 1 or degree_bound(g, v) != 1:
            continue
        roots = [_linear_root(h, v) for h in (f, g)]
        compiled = [probeable(r, ctx.space, True) if r is not None else None for r in roots]
        if compiled[0] is None or compiled[1] is None:
            continue
        outcome = compare(compiled[0], compiled[1]).outcome
        if outcome is Outcome.EQUAL:
            return True
        if outcome is Outcome.DIFFERENT:
            return finding(Code.SOLUTIONS_DIFFER, what="equation", where="")
    return None


def _linear_root(h: sympy.Basic, v: sympy.Symbol) -> sympy.Basic | None:
    """The root of h, linear in v: −h(v = 0) / (∂h/∂v), or None when that is 0."""
    slope = sympy.diff(h, v)
    if slope == 0:
        return None
    return -h.xreplace({v: sympy.S.Zero}) / slope


def _identically_zero(probe: Probeable | None) -> bool:
    """Whether an equation's f = lhs − rhs is 0 everywhere (the equation always holds)."""
    if probe is None:
        return False
    if probe.expr == 0:
        return True
    zero = Probeable(sympy.Integer(0), probe.space, complex_mode=probe.program.ops.complex)
    return compare(zero, probe).outcome is Outcome.EQUAL


def _nonzero_ratio(target: Compiled, probe: Probeable | None) -> bool:
    return constant_ratio(target, probe) is not None


# --- inequalities ----------------------------------------------------------------------------

@frozen
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
            out.append(_Atom(_minus(p.lhs, p.rhs), isinstance(p, sympy.StrictLessThan)))
        elif isinstance(p, (sympy.StrictGreaterThan, sympy.GreaterThan)):
            out.append(_Atom(_minus(p.rhs, p.lhs), isinstance(p, sympy.StrictGreaterThan)))
        elif isinstance(p, sympy.Unequality):
            out.append(_Atom(_minus(p.lhs, p.rhs), True, ne=True))
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
        found = self.ctx.unknown(response.value)
        try:
            atoms = _atoms(response.value)
        except TooLarge:
            return _too_large()
        if atoms is not None and len(atoms) == len(self.atoms):
            matched = self._match(atoms)
            if matched is True:
                return Judgement(Status.CORRECT, Method.NUMERIC)
            if matched is not None and len(atoms) == 1:
                return incorrect(Method.NUMERIC, *found, matched)
        names = sorted({s.name for s in response.value.free_symbols | self.value.free_symbols})
        answer = _worker("relation_sets", (response.value, self.value, names, _assumed(self.ctx)), deadline)
        return _set_verdict(answer, found, "inequality", "satisfies")

    def _match(self, atoms: list[_Atom]) -> Literal[True] | Finding | None:
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


def _set_verdict(answer, found, what: str, verb: str) -> Judgement:
    """The judgement from the worker's comparison of two solution sets (None: out of time).

    >>> _set_verdict(("equal", None), (), "equation", "solves").status
    <Status.CORRECT: 'correct'>
    """
    if answer is None:
        return undetermined()
    status, point = answer
    if status == "equal":
        return Judgement(Status.CORRECT, Method.SYMBOLIC)
    if status == "different":
        where = f" (for example {_witness_text(point)} {verb} one but not the other)" if point else ""
        return incorrect(Method.SYMBOLIC, *found, finding(Code.SOLUTIONS_DIFFER, what=what, where=where))
    return undetermined(timed_out=False)
