"""Where probing must look beyond its random points: the edges of an expression.

Two analytic expressions that agree on an interval agree everywhere, so random points in a
small range are enough for them. Expressions built from non-analytic pieces are not: ``3 − x``
and ``|x − 3|`` agree at every point below 3, ``max(x, 3)`` and ``3`` at every point below 3,
``sign(x)²`` and ``1`` everywhere but 0. This module chooses the points that split such an
expression into its cases: every breakpoint exactly (the real roots of the arguments of |u|,
sign, floor, ceil, max, min, relu, Heaviside, and of the bases of fractional powers that
can vanish), points on both sides of each and inside every gap between them, far and tiny
magnitudes, the zeros of denominators (for a strict domain), non-dyadic points when a
periodic function has a huge frequency (``sin(2^56 π x)`` is 0 at every float), and the
working precision that extreme constants (``10^-5000``) need.

Roots are found cheaply: exactly for linear and quadratic arguments, numerically up to
degree 8, by a sign-change scan otherwise. `Edges.complete` says whether every case was
surely covered (a transcendental argument may have roots the scan missed; a constant beyond
`MAX_BITS`); when it is not, agreement at the points is not a proof.

Which operations break where is the registry's "breakpoints" facet (`tutor.ops`), read in
one place, `break_of`.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> e = find_edges((sympy.Abs(x - 3),), ("x",))
>>> e.complete, Fraction(3) in [p[0] for p in e.points]
(True, True)
>>> find_edges((x**2 + 1,), ("x",)).points
()
"""
from __future__ import annotations

import itertools
import math
import zlib
from fractions import Fraction
from typing import Callable, Iterable, Sequence

import sympy

from tutor.checker.floats import compile_float
from tutor.checker.guards import degree_bound, small
from tutor.checker.options import Assumption
from tutor.parser.evaluate import too_large
from tutor.ops import BreakAt, by_head_name
from tutor.values import frozen
from tutor.tree import preorder


_PERIODIC = frozenset({"sin", "cos", "tan", "sec", "csc", "cot"})


def break_of(node: sympy.Basic) -> BreakAt | None:
    """Where the operation at the head of `node` breaks, or None when it is smooth: the
    "breakpoints" facet of the registry of operations (`tutor.ops`), the one place that
    says it.

    >>> x = sympy.Symbol("x")
    >>> break_of(sympy.Abs(x)), break_of(sympy.sin(x))
    (<BreakAt.ZERO: 'zero'>, None)
    """
    op = by_head_name(type(node).__name__)
    if op is None or op.breaks.smooth:
        return None
    return op.breaks.at


MAX_NODES = 400        # larger expressions are scanned only this far
MAX_BITS = 1 << 17     # constants beyond 2^±MAX_BITS are not probed at full precision
PRECISE_BITS = 3900    # constants beyond this need more than the evaluator's own precision
HUGE_FREQUENCY = 40    # bits: a periodic function of a multiple beyond 2^40 of a variable
_MAX_ROOTS = 8         # roots used per argument and variable
_MAX_POINTS = 200
_LATTICE = (Fraction(-2), Fraction(-1, 2), Fraction(1, 2), Fraction(2), Fraction(3))
_LATTICE_POINTS = 64
_NEAR = Fraction(1, 1021)                                   # just beside a breakpoint
_BESIDE = (Fraction(37, 100), Fraction(31, 10), Fraction(10007, 10))   # then further out
_FAR = (Fraction(100037, 100), Fraction(1700003, 1), Fraction(1, 7919))
_GRID = tuple(sorted({0.0} | {s * 10 ** (k / 4) for k in range(-12, 17) for s in (1, -1)}
                     | {k / 4 for k in range(-16, 17)}))


@frozen
class Features:
    """What an expression holds that random points can miss."""

    zeros: tuple[sympy.Expr, ...] = ()    # arguments whose real roots are breakpoints
    poles: tuple[sympy.Expr, ...] = ()    # denominators with variables
    bases: tuple[sympy.Expr, ...] = ()    # bases of fractional powers, kinked where they touch 0
    frequency: bool = False              # a periodic function of a huge multiple of a variable
    bits: int = 0                        # the largest |log2| of a constant in it
    truncated: bool = False              # too large to scan in full
    lattice: bool = False                # a variable exponent of a base that can be negative

    @property
    def plain(self) -> bool:
        """Nothing that random points can miss (the common case: no extra work)."""
        return not (self.zeros or self.bases or self.frequency or self.truncated or self.lattice) \
            and self.bits <= PRECISE_BITS


def features(expr: sympy.Basic) -> Features:
    """The edges-relevant parts of `expr`, from one bounded walk of its tree.

    >>> x = sympy.Symbol("x")
    >>> features(sympy.Max(x, 3) + 1 / (x - 1)).zeros, features(sympy.Max(x, 3)).plain
    ((3 - x,), False)
    >>> features(sympy.sin(x) + x**2).plain
    True
    """
    zeros: list[sympy.Expr] = []
    poles: list[sympy.Expr] = []
    bases: list[sympy.Expr] = []
    frequency, lattice, bits, count = False, False, 0, 0
    for node in preorder(expr):
        count += 1
        if count > MAX_NODES:
            return Features(tuple(zeros), tuple(poles), tuple(bases), frequency, bits, True, lattice)
        # no free_symbols on every node: it walks the subtree each time (most of the cost)
        if node.is_Number:
            bits = max(bits, _bits(node))
            continue
        if node.is_Symbol or node.is_NumberSymbol:
            continue
        at = break_of(node)
        if at is not None:
            if node.free_symbols:
                zeros.extend(_break_arguments(node, at))
        elif node.is_Pow:
            if node.base.is_Number and node.exp.is_Number:
                bits = max(bits, _power_bits(node))
                continue
            _power(node, bases, poles)
            # (a^b)^c is not a^(bc) where a < 0 and b, c are simple fractions (a = −2, b = 2, c = ½)
            lattice = lattice or bool(node.exp.free_symbols and node.base.free_symbols
                                      and not node.base.is_positive and node.base is not sympy.E)
        elif type(node).__name__ in _PERIODIC and _huge_multiple(node.args[0]):
            frequency = True
    return Features(tuple(dict.fromkeys(zeros)), tuple(dict.fromkeys(poles)), tuple(dict.fromkeys(bases)),
                    frequency, bits, False, lattice)


def _break_arguments(node: sympy.Basic, at: BreakAt) -> list[sympy.Expr]:
    """Expressions whose roots are the breaks of `node`: the registry's `Breakpoints.where`,
    except that a jump at every integer (sin(πu) = 0) is looked for at u = −1, 0, 1, whose
    roots can be found exactly.

    >>> x = sympy.Symbol("x")
    >>> _break_arguments(sympy.floor(2 * x), BreakAt.INTEGERS)
    [2*x, 2*x - 1, 2*x + 1]
    >>> _break_arguments(sympy.Max(x, 3), BreakAt.TIES)
    [3 - x]
    """
    if at is BreakAt.INTEGERS:
        u = node.args[0]
        return [u, u - 1, u + 1]
    op = by_head_name(type(node).__name__)
    return list(op.breaks.where(node.args[:6])) if op is not None else []


def _power(node: sympy.Pow, bases: list, poles: list) -> None:
    base, exp = node.base, node.exp
    if not base.free_symbols:
        return
    if exp.is_Integer and int(exp) < 0:     # a Python comparison: SymPy's builds a relation
        poles.append(base)
    elif exp.is_Rational and not exp.is_Integer and not base.is_positive and _not_linear(base):
        bases.append(base)   # √((x+3)²), √(x² − 6x + 9): a kink where the base vanishes


def _not_linear(u: sympy.Basic) -> bool:
    return any(degree_bound(u, s) != 1 for s in u.free_symbols)


def _huge_multiple(u: sympy.Basic) -> bool:
    if u.is_Symbol:
        return False    # sin(x): the common case, no coefficient
    for term in sympy.Add.make_args(u):
        constant = [f for f in sympy.Mul.make_args(term) if not f.free_symbols]
        if not constant:
            continue    # a coefficient of 1
        coeff = constant[0] if len(constant) == 1 else sympy.Mul(*constant)
        if coeff.is_number and term.free_symbols:
            if too_large(coeff):
                return True
            try:
                size = abs(float(coeff))
            except (TypeError, OverflowError):
                return True
            if size > 2.0 ** HUGE_FREQUENCY:
                return True
    return False


def _bits(n: sympy.Number) -> int:
    if n.is_Rational:
        p, q = abs(int(n.p)), int(n.q)
        return max(p.bit_length(), q.bit_length()) if p else 0
    if n.is_Float:
        m = n._mpf_
        return abs(m[2] + m[3]) if m[1] else 0
    return 0


def _power_bits(node: sympy.Pow) -> int:
    """The magnitude in bits of number^number, estimated without computing it."""
    try:
        size = abs(float(node.exp)) * abs(math.log2(abs(float(node.base))))
    except (TypeError, ValueError, OverflowError):
        return MAX_BITS + 1
    return int(min(size, MAX_BITS + 1))


@frozen
class Edges:
    """The points to look at besides the random ones (exact rationals, in the order of
    `names`), the precision extreme constants need (0: the usual), whether every case was
    surely covered, and which points are `essential` (a case that cannot be evaluated there
    is a case not looked at)."""

    points: tuple[tuple[Fraction, ...], ...] = ()
    prec: int = 0
    complete: bool = True
    essential: frozenset[tuple[Fraction, ...]] = frozenset()   # on or just beside a breakpoint


NO_EDGES = Edges()


def find_edges(exprs: Sequence[sympy.Basic], names: Sequence[str], *,
               coordinate: Callable[[str, int], float] | None = None,
               assume: dict[str, Assumption] | None = None, strict: bool = False,
               found: Sequence[Features] | None = None) -> Edges:
    """The edge points of the expressions `exprs` over the variables `names`.

    `coordinate(name, k)` gives the values of the other variables while one is moved along
    (the random probe points); `strict` adds the zeros of denominators; `found` are the
    `features` of `exprs`, when already known.

    >>> x = sympy.Symbol("x")
    >>> [float(p[0]) for p in find_edges((sympy.sign(x),), ("x",)).points][:3]
    [0.0, -0.0009794319294809011, 0.0009794319294809011]
    """
    feats = list(found) if found is not None else [features(e) for e in exprs]
    if all(f.plain for f in feats) and not (strict and any(f.poles for f in feats)):
        return NO_EDGES
    chooser = _Chooser(tuple(names), coordinate or _default_coordinate, dict(assume or {}))
    bits = max(f.bits for f in feats)
    complete = bits <= MAX_BITS and not any(f.truncated for f in feats)
    for f in feats:
        for u in f.zeros:
            complete = chooser.breakpoints(u) and complete
        for u in f.bases:
            chooser.breakpoints(u)   # roots a scan misses are roots of no sign change: no kink seen
        if strict:
            for u in f.poles:
                chooser.breakpoints(u, beside=False)
        if f.frequency:
            chooser.off_grid()
    if any(f.zeros or f.bases or f.frequency for f in feats):
        chooser.far()
    if any(f.lattice for f in feats):
        chooser.lattice()
    prec = bits + 200 if PRECISE_BITS < bits <= MAX_BITS else 0
    return Edges(tuple(chooser.points), prec, complete, frozenset(chooser.essential))


def _default_coordinate(name: str, k: int) -> float:
    h = zlib.crc32(f"{name}#{k}".encode())
    return (0.2 + 2.8 * (h & 0xFFFF) / 0xFFFF) * (-1 if h >> 31 else 1)


class _Chooser:
    """Collects edge points: for each breakpoint argument, each variable moved along its roots
    while the others sit at random probe points."""

    def __init__(self, names: tuple[str, ...], coordinate: Callable[[str, int], float],
                 assume: dict[str, Assumption]) -> None:
        self.names = names
        self.coordinate = coordinate
        self.assume = assume
        self.points: list[tuple[Fraction, ...]] = []
        self.essential: set[tuple[Fraction, ...]] = set()
        self._seen: set[tuple[Fraction, ...]] = set()

    def _base(self, k: int) -> list[Fraction]:
        return [Fraction(self.coordinate(n, k)) for n in self.names]

    def _add(self, point: list[Fraction], essential: bool = False) -> None:
        if len(self.points) >= _MAX_POINTS:
            return
        for name, value in zip(self.names, point):
            if not self.assume.get(name, Assumption.REAL).allows(value):
                return
        key = tuple(point)
        if key not in self._seen:
            self._seen.add(key)
            self.points.append(key)
            if essential:
                self.essential.add(key)

    def breakpoints(self, u: sympy.Basic, beside: bool = True) -> bool:
        """Add the points around the real roots of `u` along each variable; whether every
        root was surely found."""
        symbols = sorted((s for s in u.free_symbols if s.name in self.names), key=lambda s: s.name)
        if not symbols or not small(u, 200):
            return not symbols
        complete = True
        for v in symbols[:3]:
            for k in range(1 if len(symbols) == 1 else 2):
                base = self._base(k)
                fixed = {s: sympy.Rational(base[self.names.index(s.name)]) for s in symbols if s != v}
                roots, sure = _roots(u.xreplace(fixed) if fixed else u, v)
                complete = complete and sure
                i = self.names.index(v.name)
                for r, essential in _around(roots, beside):
                    point = list(base)
                    point[i] = r
                    self._add(point, essential)
        return complete

    def off_grid(self) -> None:
        """Random points nudged off the dyadic rationals (every float is one)."""
        for k in range(6):
            self._add([c + Fraction(1, 3 * 1021) * (1 if c >= 0 else -1) for c in self._base(k)])

    def lattice(self) -> None:
        """Points whose coordinates are simple fractions, negative ones included: where powers
        of negative bases are defined (every combination, for up to three variables)."""
        names = self.names
        if len(names) <= 3:
            for combo in itertools.product(_LATTICE, repeat=len(names)):
                self._add(list(combo))
            return
        for k in range(_LATTICE_POINTS):
            self._add([_LATTICE[zlib.crc32(f"{n}%{k}".encode()) % len(_LATTICE)] for n in names])

    def far(self) -> None:
        """Every variable far from 0, and close to it."""
        for j, size in enumerate(_FAR):
            for k in range(2):
                signs = [1 if zlib.crc32(f"{n}@{j}{k}".encode()) & 1 else -1 for n in self.names]
                if k:
                    signs = [-s for s in signs]
                self._add([size * s for s in signs])


def _around(roots: list[Fraction], beside: bool) -> Iterable[tuple[Fraction, bool]]:
    """Each root, and (when `beside`) points just beside it, inside every gap between
    neighbouring roots, and further out on both outer sides; with whether it is essential
    (all but the furthest out)."""
    roots = sorted(set(roots))[:_MAX_ROOTS]
    for r in roots:
        yield r, True
        if beside:
            s = max(Fraction(1), abs(r))
            yield r - _NEAR * s, True
            yield r + _NEAR * s, True
    if not beside or not roots:
        return
    for a, b in zip(roots, roots[1:]):
        for t in (Fraction(1, 7), Fraction(1, 2), Fraction(6, 7)):
            yield a + (b - a) * t, True
    lo, hi = roots[0], roots[-1]
    for d in _BESIDE:
        yield lo - d * max(Fraction(1), abs(lo)), False
        yield hi + d * max(Fraction(1), abs(hi)), False


def _roots(u: sympy.Basic, v: sympy.Symbol) -> tuple[list[Fraction], bool]:
    """Real roots of u as a function of v alone (a few, as exact rationals or close to them)
    and whether they are surely all of them."""
    roots: list[Fraction] = []
    sure = True
    for branch in _unfolded(u):
        for p in _factors(branch):
            found, ok = _part_roots(p, v)
            roots += found
            sure = sure and ok
    return roots, sure


_MAX_BRANCHES = 16


def _unfolded(u: sympy.Basic) -> list[sympy.Basic]:
    """u with every inner |h|, max, min, relu, sign replaced by each of its pieces: at a root
    of u each of them is one of its pieces, so the roots of the pieces include u's roots
    (``|x| − 3`` gives x − 3 and −x − 3).

    >>> x = sympy.Symbol("x")
    >>> sorted(map(str, _unfolded(sympy.Abs(x) - 3)))
    ['-x - 3', 'x - 3']
    """
    for node in preorder(u):
        pieces = _pieces(node)
        if pieces:
            out: list[sympy.Basic] = []
            for piece in pieces:
                out += _unfolded(u.xreplace({node: piece}))
                if len(out) > _MAX_BRANCHES:
                    return [u]
            return out
    return [u]


def _pieces(node: sympy.Basic) -> tuple[sympy.Basic, ...]:
    name = type(node).__name__
    if name == "Abs":
        return (node.args[0], -node.args[0])
    if name in ("Max", "Min"):
        return tuple(node.args)
    if name == "relu":
        return (node.args[0], sympy.S.Zero)
    if name == "sign":
        return (sympy.S.One, -sympy.S.One, sympy.S.Zero)
    return ()


def _factors(u: sympy.Basic) -> list[sympy.Basic]:
    """Pieces whose roots are the roots of u: the factors of a product, bases of powers."""
    if u.is_Mul:
        return [p for a in u.args for p in _factors(a)]
    if u.is_Pow and u.exp.is_positive:
        return _factors(u.base)
    if isinstance(u, sympy.Abs):
        return _factors(u.args[0])
    return [u] if u.free_symbols else []


def _part_roots(u: sympy.Basic, v: sympy.Symbol) -> tuple[list[Fraction], bool]:
    degree = degree_bound(u, v)
    if 1 <= degree <= 8:
        try:
            poly = sympy.Poly(u, v)
        except (sympy.PolynomialError, sympy.GeneratorsNeeded, ValueError, TypeError):
            poly = None
        if poly is not None and all(c.is_number for c in poly.all_coeffs()):
            return _poly_roots(poly), True
    return _scan(u, v), False


def _poly_roots(poly: sympy.Poly) -> list[Fraction]:
    if poly.domain.is_QQ or poly.domain.is_ZZ:
        poly = poly.sqf_part()
    coeffs = poly.all_coeffs()
    if poly.degree() == 1:
        return [_fraction(-coeffs[1] / coeffs[0])]
    if poly.degree() == 2:
        return _quadratic_roots(*coeffs)
    found = _float_poly_roots([float(c) for c in coeffs])
    return [Fraction(r) for r in found]


def _quadratic_roots(a: sympy.Basic, b: sympy.Basic, c: sympy.Basic) -> list[Fraction]:
    """Real roots of a x² + b x + c by the formula: exact when they are rational, else floats.

    SymPy's `roots` could run for minutes on a coefficient such as 10²² (no time budget reaches
    inside it); the formula takes microseconds.

    >>> _quadratic_roots(sympy.Integer(1), sympy.Integer(-3), sympy.Integer(2))
    [Fraction(1, 1), Fraction(2, 1)]
    >>> [round(float(r), 6) for r in _quadratic_roots(sympy.Integer(1), sympy.Integer(0), sympy.Integer(-2))]
    [-1.414214, 1.414214]
    """
    if all(x.is_Rational for x in (a, b, c)):
        A, B, C = (Fraction(int(x.p), int(x.q)) for x in (a, b, c))
        disc = B * B - 4 * A * C
        if disc < 0:
            return []
        root = _exact_root(disc)
        if root is not None:
            return sorted({(-B - root) / (2 * A), (-B + root) / (2 * A)})
        fa, fb, fd = float(A), float(B), float(disc) ** 0.5
    else:
        try:
            fa, fb, fc = (float(sympy.N(x, 17)) for x in (a, b, c))
        except (TypeError, ValueError):
            return []
        d2 = fb * fb - 4 * fa * fc
        if d2 < 0 or fa == 0:
            return []
        fd = d2 ** 0.5
    return sorted({Fraction((-fb - fd) / (2 * fa)), Fraction((-fb + fd) / (2 * fa))})


def _exact_root(q: Fraction) -> Fraction | None:
    """√q when it is rational, else None."""
    n, d = math.isqrt(q.numerator), math.isqrt(q.denominator)
    return Fraction(n, d) if n * n == q.numerator and d * d == q.denominator else None


def _fraction(value: sympy.Basic) -> Fraction:
    value = sympy.nsimplify(value) if value.is_Float else value
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return Fraction(float(value))


def _float_poly_roots(coeffs: list[float]) -> list[float]:
    """Real roots of a square-free polynomial with float coefficients (highest first): a
    sign-change scan inside Cauchy's bound on the roots."""
    n = len(coeffs) - 1

    def f(x: float) -> float:
        acc = 0.0
        for c in coeffs:
            acc = acc * x + c
        return acc

    bound = 1 + max(abs(c / coeffs[0]) for c in coeffs[1:])
    grid = [-bound + 2 * bound * j / (64 * n) for j in range(64 * n + 1)]
    return _sign_changes(f, grid)


def _scan(u: sympy.Basic, v: sympy.Symbol) -> list[Fraction]:
    f = compile_float(u, (v,))
    if f is None:
        return []
    return [Fraction(r) for r in _sign_changes(lambda x: f((x,)), _GRID)][:_MAX_ROOTS]


def _sign_changes(f: Callable[[float], float], grid: Sequence[float]) -> list[float]:
    """Points of `grid` where f is 0, and the roots (by bisection) between neighbours where f
    changes sign."""
    roots: list[float] = []
    prev_x, prev = None, math.nan
    for x in grid:
        y = f(x)
        if y == 0.0:
            roots.append(x)
        elif prev_x is not None and prev == prev and y == y and (prev < 0) != (y < 0) and prev != 0.0:
            roots.append(_bisect(f, prev_x, x, prev))
        prev_x, prev = x, y
    return roots


def _bisect(f: Callable[[float], float], a: float, b: float, fa: float) -> float:
    for _ in range(60):
        m = (a + b) / 2
        if m in (a, b):
            break
        fm = f(m)
        if fm == 0.0 or fm != fm:
            return m
        if (fm < 0) == (fa < 0):
            a, fa = m, fm
        else:
            b = m
    return (a + b) / 2
