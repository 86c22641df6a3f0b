"""The slow path: symbolic proofs and solution sets, run only inside a worker process.

Every task here may take unbounded time on hostile input; `worker.run_task` runs it in a
process that is killed at the check's deadline. Tasks take SymPy objects and return only
plain data (strings, tuples of strings), because unpickling a SymPy expression in the
caller could evaluate it.

Variables are real, as everywhere in the checker: each task first replaces the symbols by
real ones (positive or integer where the problem says so).

>>> import sympy
>>> x = sympy.Symbol("x")
>>> prove_equal(sympy.tanh(x), (sympy.exp(2*x) - 1) / (sympy.exp(2*x) + 1))
'equal'
>>> relation_sets(sympy.Lt(x, 3), sympy.Gt(3, x), ("x",))
('equal', ())
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from fractions import Fraction
from typing import Callable, Sequence

import sympy

# a helper of the checker's, imported so that workers forked from the forkserver have it
from tutor import functions as _ml  # noqa: F401
from tutor.assumptions import Assumption
from tutor.checker.edges import break_of, find_edges
from tutor.tree import preorder


def ping() -> str:
    """A task that proves the worker is alive.

    >>> ping()
    'pong'
    """
    return "pong"


def spin(seconds: float) -> str:
    """A task that computes for `seconds`: it exercises the deadline and the kill.

    >>> spin(0.01)
    'done'
    """
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(i * i for i in range(1000))
    return "done"


def _realify(exprs: Sequence[sympy.Basic], positive: Sequence[str] = (),
             integer: Sequence[str] = ()) -> list[sympy.Basic]:
    symbols = set().union(*(e.free_symbols for e in exprs))
    subs = {}
    for s in symbols:
        if s.name in integer:
            subs[s] = sympy.Symbol(s.name, integer=True)
        elif s.name in positive:
            subs[s] = sympy.Symbol(s.name, positive=True)
        else:
            subs[s] = sympy.Symbol(s.name, real=True)
    return [e.xreplace(subs) for e in exprs]


def _attempts(kinks: bool = False) -> list[Callable[[sympy.Basic], sympy.Basic]]:
    """Rewrites tried in order, cheap first; each returns an expression equal to its input on
    the common domain. The forced rewrites take variables as positive (true where logs and
    powers are defined, so on the common domain), which is wrong for |x|, max, relu, sign:
    with such `kinks` they are replaced by splitting into cases (Piecewise)."""
    forced: list[Callable[[sympy.Basic], sympy.Basic]] = [
        lambda d: sympy.expand_log(d, force=True),
        lambda d: sympy.powsimp(sympy.powdenest(d, force=True), force=True),
    ]
    cases: list[Callable[[sympy.Basic], sympy.Basic]] = [
        lambda d: sympy.simplify(sympy.piecewise_fold(d.rewrite(sympy.Piecewise))),
    ]
    return [
        lambda d: d.doit() if d.has(sympy.Derivative, sympy.Integral, sympy.Subs) else d,
        sympy.cancel,
        sympy.expand,
        *(cases if kinks else forced),
        sympy.simplify,
        lambda d: sympy.simplify(d.rewrite(sympy.exp)),
        sympy.trigsimp,
        lambda d: sympy.simplify(sympy.expand_trig(d)),
        lambda d: sympy.nsimplify(d) if d.is_number else d,
    ]


def prove_equal(a: sympy.Basic, b: sympy.Basic, positive: Sequence[str] = (),
                integer: Sequence[str] = ()) -> str:
    """'equal' when a − b simplifies to 0, 'different' when to a nonzero constant, else 'unknown'.

    >>> x = sympy.Symbol("x")
    >>> prove_equal(sympy.sin(x)**2, 1 - sympy.cos(x)**2)
    'equal'
    """
    a, b = _realify([a, b], positive, integer)
    diff = a - b
    if diff == 0:
        return "equal"
    kinks = any(break_of(node) is not None for node in preorder(diff))
    for attempt in _attempts(kinks):
        try:
            diff = attempt(diff)
        except (ValueError, TypeError, NotImplementedError, AttributeError, ZeroDivisionError):
            continue
        if diff == 0:
            return "equal"
        if diff.is_number and diff.is_zero is False and diff.is_finite:
            return "different"
    return "unknown"


# --- equations and inequalities -------------------------------------------------------------

_EDGE_SLICES = 12   # slices taken at edge points, besides the random ones

def _slices(names: Sequence[str], var: str, count: int, seed: int,
            exprs: Sequence[sympy.Basic] = (),
            kinds: Mapping[str, Assumption] | None = None) -> list[dict[str, sympy.Rational]]:
    """Values of the variables other than `var`: `count` random ones, then the edge points
    of `exprs` (beyond a breakpoint in another variable, the slices can differ); each a value
    its variable may take (`kinds`).

    >>> x, y = sympy.symbols("x y")
    >>> {13} <= {s["x"] for s in _slices(("x", "y"), "y", 3, 7, (sympy.Max(x - 10, 3),))}
    True
    """
    rng = random.Random(seed)
    kinds = kinds or {}
    others = [n for n in names if n != var]
    out = []
    for _ in range(count if others else 1):
        out.append({n: _draw(rng, kinds.get(n)) for n in others})
    if others and exprs:
        index = [list(names).index(n) for n in others]
        for point in find_edges(exprs, names).points:
            fixed = {n: sympy.Rational(point[i].numerator, point[i].denominator) for n, i in zip(others, index)}
            allowed = all(_may_be(kinds[n], v) for n, v in fixed.items() if n in kinds)
            if allowed and fixed not in out and len(out) < count + _EDGE_SLICES:
                out.append(fixed)
    return out


def _draw(rng: random.Random, how: Assumption | None) -> sympy.Rational:
    """A random rational (±2/17 … ±29/3) that a variable described by `how` may take."""
    for _ in range(100):
        value = sympy.Rational(rng.choice([-1, 1]) * rng.randint(2, 29), rng.randint(3, 17))
        if how is None or _may_be(how, value):
            return value
    return sympy.Rational(rng.randint(1, 16), 17)   # in (0, 1): allowed by every word but integer


def _defined_at(f: sympy.Basic, v: sympy.Symbol, r: sympy.Basic) -> sympy.Basic | None:
    """f at v = r, as a high-precision real number, or None if undefined there."""
    try:
        val = f.subs(v, r).evalf(60)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    if not val.is_number or val.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    re, im = val.as_real_imag()
    if abs(im) > 1e-40:
        return None
    return re


def _point_text(point: dict[str, sympy.Basic]) -> tuple[tuple[str, str], ...]:
    return tuple((k, _number_text(v)) for k, v in sorted(point.items()))


def _number_text(v: sympy.Basic) -> str:
    if v.is_Rational and v.q < 1000:
        return str(v)
    return f"{float(v):.6g}"


def _roots_agree(f: sympy.Basic, g: sympy.Basic, v: sympy.Symbol, roots: sympy.Set) -> sympy.Basic | None:
    """A root of one equation (in `roots`) that the other does not have (it is undefined or
    not zero there), or None."""
    for r in roots:
        val = _defined_at(g, v, r)
        if val is None or abs(val) > sympy.Float(1e-30) * (1 + abs(r)):
            return r
    return None


def equation_sets(f: sympy.Basic, g: sympy.Basic, names: Sequence[str], slices: int = 3,
                  assume: Sequence[tuple[str, str]] = ()) -> tuple[str, tuple]:
    """Do f = 0 and g = 0 have the same real solutions (where both are defined)?

    Returns ('equal', ()), ('different', point), or ('unknown', ()). Several variables are
    compared on slices: the others fixed at random rationals, one solved for.

    `assume` says what some variables are (name, `Assumption` word): only such values are
    solutions, and the other variables are fixed at such values.

    >>> x = sympy.Symbol("x")
    >>> equation_sets(x - 2, x**2 - 4, ("x",))
    ('different', (('x', '-2'),))
    >>> equation_sets(x - 2, x**2 - 4, ("x",), assume=(("x", "positive"),))
    ('equal', ())
    """
    kinds = _kinds(assume)
    f, g = _realify([f, g], _positive(kinds))
    symbols = {s.name: s for s in f.free_symbols | g.free_symbols}
    if not symbols:
        return ("unknown", ())
    var = _best_variable(f, g, symbols)
    v = symbols[var]
    for fixed in _slices(sorted(symbols), var, slices, seed=7, exprs=(f, g), kinds=kinds):
        subs = {symbols[n]: val for n, val in fixed.items()}
        fs, gs = f.xreplace(subs), g.xreplace(subs)
        sf = _allowed(_finite(sympy.solveset(fs, v, sympy.S.Reals)), kinds.get(var))
        sg = _allowed(_finite(sympy.solveset(gs, v, sympy.S.Reals)), kinds.get(var))
        if sf == sg:
            continue
        if not (isinstance(sf, sympy.FiniteSet) and isinstance(sg, sympy.FiniteSet)):
            return ("unknown", ())
        for one, other, roots in ((fs, gs, sf), (gs, fs, sg)):
            bad = _roots_agree(one, other, v, roots)
            if bad is not None:
                return ("different", _point_text({**fixed, var: bad}))
    return ("equal", ())


def _finite(s: sympy.Set) -> sympy.Set:
    return sympy.FiniteSet() if s is sympy.S.EmptySet else s


def _kinds(assume: Sequence[tuple[str, str]]) -> dict[str, Assumption]:
    """The (name, word) pairs a task is given, as assumptions by name."""
    return {name: Assumption(how) for name, how in assume}


def _positive(kinds: Mapping[str, Assumption]) -> list[str]:
    """The names only positive values are allowed (made positive symbols: SymPy simplifies more)."""
    return [name for name, how in kinds.items() if how in (Assumption.POSITIVE, Assumption.PROBABILITY)]


def domain_of(how: Assumption | None) -> sympy.Set:
    """The real numbers a variable described by `how` may take: `Assumption.allows` as a set
    (tests hold the two to the same numbers).

    >>> domain_of(Assumption.PROBABILITY), domain_of(None)
    (Interval.open(0, 1), Reals)
    """
    oo, reals = sympy.oo, sympy.S.Reals
    return {
        Assumption.POSITIVE: sympy.Interval.open(0, oo), Assumption.NEGATIVE: sympy.Interval.open(-oo, 0),
        Assumption.NONNEGATIVE: sympy.Interval(0, oo), Assumption.NONPOSITIVE: sympy.Interval(-oo, 0),
        Assumption.NONZERO: reals - sympy.FiniteSet(0), Assumption.INTEGER: sympy.S.Integers,
        Assumption.PROBABILITY: sympy.Interval.open(0, 1),
    }.get(how, reals) if how is not None else reals


def _allowed(s: sympy.Set, how: Assumption | None) -> sympy.Set:
    """The solutions in `s` a variable described by `how` may take (a finite set; others as
    they are)."""
    if how is None or not isinstance(s, sympy.FiniteSet):
        return s
    return sympy.FiniteSet(*(r for r in s.args if _may_be(how, r)))


def _may_be(how: Assumption, value: sympy.Basic) -> bool:
    try:
        number = float(value)
    except TypeError:   # not a real number: not ours to refuse
        return True
    return how.admits(number)


def _best_variable(f: sympy.Basic, g: sympy.Basic, symbols: dict[str, sympy.Symbol]) -> str:
    """The variable to solve for: one both equations have, of the lowest total degree."""
    shared = sorted(n for n in symbols if symbols[n] in f.free_symbols and symbols[n] in g.free_symbols)
    candidates = shared or sorted(symbols)

    def degree(name: str) -> int:
        total = 0
        for e in (f, g):
            try:
                total += sympy.degree(sympy.together(e).as_numer_denom()[0], symbols[name])
            except (sympy.PolynomialError, ValueError, TypeError):
                total += 50
        return total
    return min(candidates, key=degree)


def relation_sets(a: sympy.Basic, b: sympy.Basic, names: Sequence[str],
                  assume: Sequence[tuple[str, str]] = ()) -> tuple[str, tuple]:
    """Do two inequalities (or chains: And/Or of relations) hold on the same real set?

    One variable: compare their solution sets exactly. Several: compare on random slices.
    `assume` as for `equation_sets`: only values the variables may take count.

    >>> x = sympy.Symbol("x")
    >>> relation_sets(sympy.Le(x, 5), sympy.Le(x, 3), ("x",))
    ('different', (('x', '4'),))
    >>> relation_sets(sympy.Gt(x**2, 4), sympy.Gt(x, 2), ("x",), assume=(("x", "positive"),))
    ('equal', ())
    """
    kinds = _kinds(assume)
    a, b = _realify([a, b], _positive(kinds))
    symbols = {s.name: s for s in a.free_symbols | b.free_symbols}
    if not symbols:
        same = bool(a) == bool(b)
        return ("equal" if same else "different", ())
    var = sorted(symbols)[0]
    v = symbols[var]
    domain = domain_of(kinds.get(var))
    for fixed in _slices(sorted(symbols), var, 3, seed=11, exprs=_sides(a) + _sides(b), kinds=kinds):
        subs = {symbols[n]: val for n, val in fixed.items()}
        sa = _as_set(a.xreplace(subs), v)
        sb = _as_set(b.xreplace(subs), v)
        if sa is None or sb is None:
            return ("unknown", ())
        sa, sb = sa.intersect(domain), sb.intersect(domain)
        diff = sympy.Union(sympy.Complement(sa, sb), sympy.Complement(sb, sa))
        if diff is sympy.S.EmptySet:
            continue
        witness = _witness(diff)
        if witness is None:
            return ("unknown", ())
        return ("different", _point_text({**fixed, var: witness}))
    return ("equal", ())


def _sides(rel: sympy.Basic) -> tuple[sympy.Basic, ...]:
    """lhs − rhs of every relation in an And/Or chain."""
    if isinstance(rel, sympy.core.relational.Relational):
        return (rel.lhs - rel.rhs,)
    return tuple(d for part in getattr(rel, "args", ()) if isinstance(part, sympy.Basic) for d in _sides(part))


def _as_set(rel: sympy.Basic, v: sympy.Symbol) -> sympy.Set | None:
    if rel is sympy.true:
        return sympy.S.Reals
    if rel is sympy.false:
        return sympy.S.EmptySet
    try:
        return rel.as_set() if rel.free_symbols else (sympy.S.Reals if bool(rel) else sympy.S.EmptySet)
    except (NotImplementedError, TypeError, ValueError):
        try:
            return sympy.solveset(rel, v, sympy.S.Reals)
        except (NotImplementedError, TypeError, ValueError):
            return None


def _witness(s: sympy.Set) -> sympy.Basic | None:
    """A point of a nonempty set of reals, preferring a simple one."""
    if isinstance(s, sympy.FiniteSet):
        return min(s, key=lambda e: sympy.count_ops(e)) if len(s) else None
    if isinstance(s, sympy.Interval):
        lo, hi = s.start, s.end
        if lo.is_infinite and hi.is_infinite:
            return sympy.Integer(0)
        if lo.is_infinite:
            return sympy.floor(hi) - 1
        if hi.is_infinite:
            return sympy.ceiling(lo) + 1
        mid = (lo + hi) / 2
        return sympy.nsimplify(Fraction(float(mid)).limit_denominator(100)) if not mid.is_Rational else mid
    if isinstance(s, sympy.Union):
        for part in s.args:
            w = _witness(part)
            if w is not None:
                return w
    return None


TASKS: dict[str, Callable] = {
    "ping": ping,
    "spin": spin,
    "prove_equal": prove_equal,
    "equation_sets": equation_sets,
    "relation_sets": relation_sets,
}

