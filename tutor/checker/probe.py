"""Numeric probing: are two expressions equal wherever both are defined?

Two different elementary expressions almost never agree at random points (Schwartz–Zippel),
so probing is the workhorse of checking. The points are fixed pseudo-random values of each
variable by name (so the expected answer's values can be computed once and reused), spread
symmetrically around zero, widened in stages when the expected answer is defined on few of
them, and finally integers (for answers like ``(-1)^n``).

Floats rank the points; mpmath decides. A float disagreement is confirmed at high precision
before it becomes a counterexample, and agreement in floats is confirmed at high precision at
the point where floats agreed least, so both ``x^3`` against ``x^3 + 0.0001x`` and ``x``
against ``x + 10^-12`` are told apart.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> space = Space()
>>> compare(Probeable(sympy.log(x**2), space), Probeable(2 * sympy.log(x), space)).outcome
<Outcome.EQUAL: 'equal'>
>>> compare(Probeable(x, space), Probeable(x + sympy.Rational(1, 10**12), space)).outcome
<Outcome.DIFFERENT: 'different'>
"""
from __future__ import annotations

import math
import time
import zlib
from dataclasses import replace
from enum import Enum
from fractions import Fraction
from typing import Literal, Sequence

import sympy
from mpmath import libmp as L

from tutor.checker.arith import RND, Overflow, Undefined
from tutor.checker.edges import Edges, Features, features, find_edges
from tutor.checker.evaluator import MAX_PREC, PREC, Program, Sample, compile_expr, from_float
from tutor.checker.floats import FloatFn, compile_float
from tutor.checker.options import Assumption
from tutor.values import frozen

PER_LEVEL = 16     # points per sampling stage
MIN_POINTS = 12    # common points wanted before deciding
MIN_COMMON = 4     # fewer common points than this: the common domain is negligible
_RANGES = ((0.2, 3.0), (0.5, 12.0), (3.0, 150.0))   # |value| ranges of the real stages
LEVELS = len(_RANGES) + 2                            # then integers, then values near ±1
_CLEAR = 1e-7      # float relative difference that is surely not rounding
_CONFIRM = 1       # agreeing points re-checked at high precision (tiny differences show anywhere)
_CONSTANT_PREC = 1024   # bits: two different constants that agree at PREC are compared again
_EDGE_PREC = 4 * MAX_PREC   # bits: an edge point where the evaluator's own precision ran out


class Outcome(Enum):
    EQUAL = "equal"
    DIFFERENT = "different"
    UNKNOWN = "unknown"


UNDEFINED = "undefined"
OVERFLOW = "overflow"


class Space:
    """Where variables are sampled: the assumptions on each name.

    >>> Space().coordinate("x", 0) == Space().coordinate("x", 0)
    True
    >>> Space({"x": Assumption.POSITIVE}).coordinate("x", 3) > 0
    True
    """

    def __init__(self, assume: dict[str, Assumption] | None = None,
                 positive: frozenset[str] = frozenset()) -> None:
        self.assume = {name: Assumption(how) for name, how in (assume or {}).items()}
        for name in positive:
            self.assume.setdefault(name, Assumption.POSITIVE)
        self._points: dict[tuple[tuple[str, ...], int], tuple[float, ...]] = {}

    def coordinate(self, name: str, k: int) -> float:
        """The value of variable `name` at point `k` (a float exactly representable)."""
        h = zlib.crc32(f"{name}#{k}".encode())
        u = (h & 0xFFFFF) / float(1 << 20)
        negative = bool(h >> 31)
        how = self.assume.get(name, Assumption.REAL)
        level = k // PER_LEVEL
        if how == Assumption.PROBABILITY:
            # strictly inside (0, 1), nudged off round values as below; the stages differ by k alone
            return round(0.01 + 0.98 * u, 6) + 1e-9 * (1 + (h & 0xFF))
        if level == LEVELS - 1:
            # just off ±1, where huge powers like x^(10^10) stay representable
            value = 1.0 + (1 + (h & 0xFFFF)) * 2.0 ** -40
        elif how == Assumption.INTEGER or level == len(_RANGES):
            value = float(1 + int(11 * u))
        else:
            lo, hi = _RANGES[level]
            # six decimals, nudged off round values (1.0, 2.5, ...) where identities hide
            value = round(lo * (hi / lo) ** u, 6) + 1e-9 * (1 + (h & 0xFF))
        if how in (Assumption.POSITIVE, Assumption.NONNEGATIVE):
            return value
        if how in (Assumption.NEGATIVE, Assumption.NONPOSITIVE):
            return -value
        return -value if negative else value

    def point(self, symbols: Sequence[sympy.Symbol], k: int) -> tuple[float, ...]:
        return self.points(tuple(s.name for s in symbols), k)

    def points(self, names: tuple[str, ...], k: int) -> tuple[float, ...]:
        """The point `k` for variables `names` (cached: every probe of a problem reuses it)."""
        p = self._points.get((names, k))
        if p is None:
            p = self._points[(names, k)] = tuple(self.coordinate(n, k) for n in names)
        return p


_EXACT_KEPT = 256   # values at exact points an expression keeps (nice points, edges)


class Probeable:
    """An expression compiled for probing, with its values cached per point.

    Raises `NotNumeric` (from `evaluator`) when it cannot be evaluated.
    """

    def __init__(self, expr: sympy.Basic, space: Space, *, complex_mode: bool = False) -> None:
        self.expr = expr
        self.space = space
        self.symbols = tuple(sorted(expr.free_symbols, key=lambda s: s.name))
        self.names = tuple(s.name for s in self.symbols)
        self.program: Program = compile_expr(expr, self.symbols, complex_mode=complex_mode)
        self._floats = None if complex_mode else compile_float(expr, self.symbols)
        self._f: dict[int, float] = {}
        self._level: dict[int, list[float]] = {}
        self._h: dict[int, Sample | str] = {}
        self._exact: dict[tuple[tuple[Fraction, ...], int], Sample | str] = {}   # at exact points
        self._features: Features | None = None
        self._edges: dict[tuple[int, bool], Edges] = {}

    @property
    def float_function(self) -> FloatFn | None:
        """The expression compiled to a float function of a point (`floats.compile_float`), None in
        complex mode or where floats cannot compute it."""
        return self._floats

    @property
    def features(self) -> Features:
        """What random points can miss in this expression (`edges.features`, computed once)."""
        if self._features is None:
            self._features = features(self.expr)
        return self._features

    def float_at(self, k: int) -> float:
        """nan: undefined (per floats); inf: floats cannot tell; else the value."""
        v = self._f.get(k)
        if v is None:
            point = self.space.points(self.names, k)
            v = math.inf if self._floats is None else self._floats(point)
            self._f[k] = v
        return v

    def floats(self, level: int) -> list[float]:
        """`float_at` for every point of a sampling stage, at once."""
        values = self._level.get(level)
        if values is None:
            ks = range(level * PER_LEVEL, (level + 1) * PER_LEVEL)
            if self._floats is None:
                values = [math.inf] * PER_LEVEL
            else:
                run, points = self._floats, self.space.points
                values = [run(points(self.names, k)) for k in ks]
            self._level[level] = values
            self._f.update(zip(ks, values))
        return values

    def sample_at(self, k: int) -> Sample | str:
        """The high-precision value at point `k`, or UNDEFINED / OVERFLOW."""
        v = self._h.get(k)
        if v is None:
            v = self._h[k] = self.sample(self.space.points(self.names, k))
        return v

    def sampled(self, below: int) -> tuple[int, ...]:
        """The points before `below` whose high-precision value is already known."""
        return tuple(k for k in self._h if k < below)

    def sample_with(self, k: int, prec: int) -> Sample | str:
        """The value at point `k` computed from `prec` bits up (to match a sample that
        needed more precision than the default)."""
        try:
            return self.program.sample([from_float(c) for c in self.space.points(self.names, k)], prec)
        except Undefined:
            return UNDEFINED
        except (Overflow, OverflowError, MemoryError, RecursionError):
            return OVERFLOW

    def sample(self, coords: Sequence[float | tuple]) -> Sample | str:
        """The value at a point given as floats or mpf tuples, or UNDEFINED / OVERFLOW."""
        try:
            return self.program.sample([c if isinstance(c, tuple) else from_float(c) for c in coords])
        except Undefined:
            return UNDEFINED
        except (Overflow, OverflowError, MemoryError, RecursionError):
            return OVERFLOW

    def sample_exact(self, values: dict[str, Fraction], prec: int = PREC) -> Sample | str:
        """The value at a point given by exact rationals (for quoting nice counterexamples,
        and at edge points), computed from `prec` bits up."""
        at = tuple(values[s.name] for s in self.symbols)
        key = (at, prec)
        found = self._exact.get(key)
        if found is None:
            found = self._sample_exact(at, prec)
            if len(self._exact) < _EXACT_KEPT:   # an expected answer lives for many checks
                self._exact[key] = found
        return found

    def _sample_exact(self, at: tuple[Fraction, ...], prec: int) -> Sample | str:
        coords = [L.from_rational(v.numerator, v.denominator, prec + 64, RND) for v in at]
        try:
            return self.program.sample(coords, prec)
        except Undefined:
            return UNDEFINED
        except (Overflow, OverflowError, MemoryError, RecursionError):
            return OVERFLOW


@frozen
class Tolerance:
    """Pointwise tolerance: |a − b| <= max(rel·|b|, abs)."""

    rel: Fraction = Fraction(0)
    abs: Fraction = Fraction(0)

    def allowance(self, expected: float) -> float:
        return max(float(self.rel) * abs(expected), float(self.abs))


@frozen
class Counterexample:
    """A point where the two expressions differ (or where only one is defined)."""

    point: tuple[tuple[str, float], ...]
    response: Sample | str
    expected: Sample | str


@frozen
class Probe:
    """What probing found."""

    outcome: Outcome
    points: int = 0
    narrower: bool = False
    wider: bool = False
    counterexample: Counterexample | None = None
    domain_only: bool = False
    narrower_at: tuple[tuple[str, float], ...] = ()
    timed_out: bool = False


def _above_rounding(a: Sample, b: Sample, complex_mode: bool) -> bool:
    """Whether two samples differ by more than rounding at their precision can explain: the
    error bound allows for SLACK lost bits, so a real difference of 2^-90 relative can sit
    inside it; such a pair is looked at again with many more bits.

    >>> space, x = Space(), sympy.Symbol("x")
    >>> e, r = Probeable(x + 2, space), Probeable(x + 2 + sympy.Rational(1, 10**24), space)
    >>> _above_rounding(e.sample_at(0), r.sample_at(0), False)
    True
    >>> _above_rounding(e.sample_at(0), Probeable(2 + x, space).sample_at(0), False)
    False
    """
    if complex_mode:
        diff = L.mpc_abs(L.mpc_sub(a.value, b.value, PREC, RND), 53, RND)
        size = max(L.mpc_abs(a.value, 53, RND), L.mpc_abs(b.value, 53, RND), key=L.to_float)
    else:
        diff = L.mpf_abs(L.mpf_sub(a.value, b.value, PREC, RND))
        size = max(L.mpf_abs(a.value), L.mpf_abs(b.value), key=L.to_float)
    if not diff[1]:
        return False
    size = max(size, a.scale, b.scale, key=L.to_float)
    noise = L.mpf_shift(size, 16 - min(a.prec, b.prec))
    return L.mpf_gt(diff, noise)


def samples_equal(a: Sample, b: Sample, tol: Tolerance | None = None, *,
                  complex_mode: bool = False) -> bool:
    """Whether two high-precision values agree within their error bounds (and tolerance).

    >>> space, x = Space(), sympy.Symbol("x")
    >>> a, b = Probeable(x + 1, space).sample_at(0), Probeable(1 + x, space).sample_at(0)
    >>> samples_equal(a, b)
    True
    """
    if complex_mode:
        diff = L.mpc_abs(L.mpc_sub(a.value, b.value, PREC, RND), 53, RND)
    else:
        diff = L.mpf_abs(L.mpf_sub(a.value, b.value, PREC, RND))
    bound = L.mpf_add(a.err, b.err, 53, RND)
    if tol is not None:
        ref = L.mpc_abs(b.value, 53, RND) if complex_mode else L.mpf_abs(b.value)
        allow = max(L.mpf_mul(L.from_rational(tol.rel.numerator, tol.rel.denominator, 80, RND), ref,
                              80, RND), L.from_rational(tol.abs.numerator, tol.abs.denominator, 80, RND),
                    key=L.to_float)
        bound = L.mpf_add(bound, allow, 80, RND)
    return L.mpf_le(diff, bound)


def compare(expected: Probeable, response: Probeable, tol: Tolerance | None = None,
            deadline: float = math.inf, *, strict: bool = False) -> Probe:
    """Compare on the common domain: EQUAL, DIFFERENT (with a counterexample), or UNKNOWN
    (the expected answer is defined at too few probe points to say, or the `deadline`, a
    `time.monotonic()` value, passed, or the expressions have breakpoints that could not
    all be found, so agreement at the points found proves nothing).

    Agreement at the random points is then tried at the edges (`edges`): breakpoints and
    both their sides, far and tiny magnitudes, off-float points for huge frequencies, the
    precision extreme constants need, and with `strict`, the zeros of denominators (where
    the response must be defined too). Both must be compiled over the same `Space`.

    >>> space, x = Space(), sympy.Symbol("x")
    >>> compare(Probeable(sympy.Abs(x), space), Probeable(x, space)).outcome
    <Outcome.DIFFERENT: 'different'>
    """
    if expected.space is not response.space:
        raise ValueError("compare() needs both expressions probed in the same Space")
    if expected.program.ops is not response.program.ops:
        raise ValueError("compare() needs both expressions compiled for the same numbers")
    symbols = tuple(sorted(set(expected.symbols) | set(response.symbols), key=lambda s: s.name))
    try:
        run = _Run(expected, response, expected.space, tol, symbols, deadline)
        probe = run.decide()
        if probe.outcome is not Outcome.DIFFERENT and symbols and not run.complex:
            probe = _AtEdges(run, strict).check(probe)
        return probe
    except _OutOfTime:
        return Probe(Outcome.UNKNOWN, timed_out=True)


class _OutOfTime(Exception):
    pass


class _Run:
    """One comparison: walks the sampling stages and keeps what it learnt."""

    def __init__(self, e: Probeable, r: Probeable, space: Space, tol: Tolerance | None,
                 symbols: tuple[sympy.Symbol, ...], deadline: float) -> None:
        self.e, self.r, self.space, self.tol, self.symbols = e, r, space, tol, symbols
        self.deadline = deadline
        self.complex = e.program.ops.complex
        self.common: list[tuple[float, int]] = []      # (float difference, point)
        self.e_only: list[int] = []                    # defined for expected only (per floats)
        self.r_only: list[int] = []
        self.e_defined = 0

    def decide(self) -> Probe:
        if not self.symbols:
            return self._constant()
        for level in range(LEVELS):
            self._scan(level)
            if len(self.common) >= MIN_POINTS:
                break
            if level == 0 and self.e_defined >= MIN_POINTS and len(self.common) >= MIN_COMMON:
                break
        if len(self.common) < MIN_COMMON:
            return self._too_few()
        self.common.sort(reverse=True)
        found = self._confirm()
        if found is Outcome.UNKNOWN:
            return Probe(Outcome.UNKNOWN, points=len(self.common))
        if found is not None:
            return self._probe(Outcome.DIFFERENT, found)
        return self._probe(Outcome.EQUAL, None)

    def _constant(self) -> Probe:
        a, b = self.e.sample_at(0), self.r.sample_at(0)
        if a is UNDEFINED and b is not UNDEFINED:
            return Probe(Outcome.DIFFERENT, 1, wider=True, counterexample=Counterexample((), b, a))
        if b is UNDEFINED and a is not UNDEFINED:
            return Probe(Outcome.DIFFERENT, 1, narrower=True, domain_only=True,
                         counterexample=Counterexample((), b, a))
        if isinstance(a, str) or isinstance(b, str):
            return Probe(Outcome.UNKNOWN)
        if samples_equal(b, a, self.tol, complex_mode=self.complex) and self._still_equal(a, b):
            return Probe(Outcome.EQUAL, 1)
        return Probe(Outcome.DIFFERENT, 1, counterexample=Counterexample((), b, a))

    def _still_equal(self, a: Sample, b: Sample) -> bool:
        """Two different constants equal at working precision, looked at again with many more
        bits: σ(100) is 1 − 10^-44 and tanh(30) is 1 − 10^-26, not 1."""
        if self.tol is not None or self.e.expr == self.r.expr:
            return True
        feats = (self.e.features, self.r.features)
        prec = max(_CONSTANT_PREC, find_edges((), (), found=feats).prec)
        a2, b2 = self.e.sample_with(0, prec), self.r.sample_with(0, prec)
        if isinstance(a2, str) or isinstance(b2, str):
            return True
        return samples_equal(b2, a2, complex_mode=self.complex)

    def _scan(self, level: int) -> None:
        self._clock()
        start = level * PER_LEVEL
        pairs = zip(self.e.floats(level), self.r.floats(level))
        for k, (fa, fb) in enumerate(pairs, start):
            if fa == fb and fa - fa == 0.0:   # the common case: finite and identical
                self.e_defined += 1
                self.common.append((0.0, k))
                continue
            a, b = self._state(self.e, k, fa), self._state(self.r, k, fb)
            if a is None or b is None:
                continue
            if a is not UNDEFINED:
                self.e_defined += 1
            if a is UNDEFINED and b is UNDEFINED:
                continue
            if b is UNDEFINED:
                self.e_only.append(k)
            elif a is UNDEFINED:
                self.r_only.append(k)
            else:
                self.common.append((self._float_diff(a, b), k))

    def _state(self, p: Probeable, k: int, v: float):
        """A float value, UNDEFINED, or None (overflowed even at high precision)."""
        if v != v:
            return UNDEFINED
        if v in (math.inf, -math.inf):
            s = p.sample_at(k)
            if isinstance(s, str):      # None when it overflowed
                return UNDEFINED if s is UNDEFINED else None
            return _to_float(s.value, self.complex)
        return v

    def _float_diff(self, a: float, b: float) -> float:
        if self.tol is not None:
            excess = abs(a - b) - self.tol.allowance(a)
            return excess / max(abs(a), abs(b), 1e-300) if excess > 0 else 0.0
        if a == b:
            return 0.0
        if math.isinf(a) or math.isinf(b) or a != a or b != b:
            return 1.0  # floats overflowed on one side only: let mpmath look first
        return abs(a - b) / max(abs(a), abs(b))

    def _clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise _OutOfTime

    def _differs_at(self, k: int, prec: int) -> bool:
        """Whether the values at point k differ when computed from `prec` bits up."""
        a, b = self.e.sample_with(k, prec), self.r.sample_with(k, prec)
        if isinstance(a, str) or isinstance(b, str):
            return False
        return not samples_equal(b, a, self.tol, complex_mode=self.complex)

    def _differs(self, k: int) -> bool | None:
        """High-precision verdict at point k (None if it cannot be evaluated there)."""
        self._clock()
        a, b = self.e.sample_at(k), self.r.sample_at(k)
        if isinstance(a, str) or isinstance(b, str):
            return None
        # compare at the same precision: a difference of 10^-40 is invisible at 113 bits
        if a.prec < b.prec:
            a = self.e.sample_with(k, b.prec)
        elif b.prec < a.prec:
            b = self.r.sample_with(k, a.prec)
        if isinstance(a, str) or isinstance(b, str):
            return None
        if not samples_equal(b, a, self.tol, complex_mode=self.complex):
            return True
        if self.tol is None and _above_rounding(a, b, self.complex):
            # within the error bound, but larger than rounding at this precision explains:
            # x + 2 + 10^-24 hides inside the bound at 113 bits and shows at 1024
            return self._differs_at(k, _CONSTANT_PREC)
        return False

    def _confirm(self) -> int | None | Literal[Outcome.UNKNOWN]:
        """The point of a confirmed difference, None when the answers agree, or UNKNOWN
        when high precision could not look at enough points."""
        worst_diff, worst = self.common[0]
        checks = [k for _, k in self.common]
        if worst_diff > _CLEAR:
            verdict = self._differs(worst)
            if verdict:
                return worst
            # floats were misled (cancellation, underflow): trust only high precision now
            wanted = MIN_COMMON
        else:
            wanted = _CONFIRM
        agreed = 0
        for k in checks:
            verdict = self._differs(k)
            if verdict:
                return k
            if verdict is False:
                agreed += 1
                if agreed >= wanted and worst_diff <= _CLEAR:
                    return None
        return None if agreed >= min(wanted, len(checks)) and agreed else Outcome.UNKNOWN

    def _too_few(self) -> Probe:
        if self.e_defined < MIN_COMMON:
            return Probe(Outcome.UNKNOWN, points=len(self.common))
        for k in self.e_only:
            if self.r.sample_at(k) is UNDEFINED:
                return self._probe(Outcome.DIFFERENT, k, domain_only=True)
        return Probe(Outcome.UNKNOWN, points=len(self.common))

    def _probe(self, outcome: Outcome, k: int | None, domain_only: bool = False) -> Probe:
        narrow = next((j for j in self.e_only[:3] if self.r.sample_at(j) is UNDEFINED), None)
        cex = None
        if k is not None:
            cex = Counterexample(self._point(k), self.r.sample_at(k), self.e.sample_at(k))
        return Probe(outcome, len(self.common), narrow is not None, bool(self.r_only), cex,
                     domain_only, self._point(narrow) if narrow is not None else ())

    def _point(self, k: int) -> tuple[tuple[str, float], ...]:
        return tuple((s.name, self.space.coordinate(s.name, k)) for s in self.symbols)


def edges_of(expected: Probeable, response: Probeable, strict: bool = False) -> Edges:
    """The edge points of two expressions (`edges.find_edges`) over the names of both, in
    alphabetical order; computed once per pair (kept by the response).

    >>> space, x = Space(), sympy.Symbol("x")
    >>> len(edges_of(Probeable(x, space), Probeable(abs(x), space)).points) > 6
    True
    """
    key = (id(expected), strict)
    found = response._edges.get(key)
    if found is None:
        names = tuple(sorted({s.name for s in expected.symbols} | {s.name for s in response.symbols}))
        space = expected.space
        found = find_edges((expected.expr, response.expr), names, coordinate=space.coordinate,
                           assume=space.assume, strict=strict,
                           found=(expected.features, response.features))
        response._edges[key] = found
    return found


class _AtEdges:
    """Agreement at the random points, tried at the edge points of both expressions."""

    def __init__(self, run: _Run, strict: bool) -> None:
        self.run = run
        self.names = tuple(s.name for s in run.symbols)
        self.edges = edges_of(run.e, run.r, strict)
        self.blind = False

    def check(self, probe: Probe) -> Probe:
        edges = self.edges
        narrow: tuple[tuple[str, float], ...] = ()
        for point in edges.points:
            self.run._clock()
            values = dict(zip(self.names, point))
            found = self._at(values, point in edges.essential)
            if found == "narrower" and not narrow:
                narrow = tuple((n, float(v)) for n, v in values.items())
            elif isinstance(found, Counterexample):
                return replace(probe, outcome=Outcome.DIFFERENT, counterexample=found)
        if probe.outcome is not Outcome.EQUAL:
            return probe   # the edges found no difference, and cannot prove equality alone
        if edges.prec:
            for _, k in self.run.common[:2]:
                if self.run._differs_at(k, edges.prec):
                    return self.run._probe(Outcome.DIFFERENT, k)
        if not edges.complete or self.blind:
            return Probe(Outcome.UNKNOWN, points=probe.points)
        if narrow and not probe.narrower:
            return replace(probe, narrower=True, narrower_at=narrow)
        return probe

    def _at(self, values: dict[str, Fraction], essential: bool) -> Counterexample | str | None:
        """A counterexample at this point, "narrower" when only the expected answer is
        defined there, else None."""
        e, r, run = self.run.e, self.run.r, self.run
        a, b = e.sample_exact(values), r.sample_exact(values)
        if a is OVERFLOW or b is OVERFLOW:
            # a case it cannot look at: agreement elsewhere proves nothing
            self.blind = self.blind or essential
            return None
        if a is UNDEFINED:
            return None
        if b is UNDEFINED:
            return "narrower"
        assert isinstance(a, Sample) and isinstance(b, Sample)
        if a.prec != b.prec:
            prec = max(a.prec, b.prec)
            a, b = e.sample_exact(values, prec), r.sample_exact(values, prec)
            if isinstance(a, str) or isinstance(b, str):
                return None
        if samples_equal(b, a, run.tol, complex_mode=run.complex):
            if max(a.prec, b.prec) < MAX_PREC or run.tol is not None:
                return None
            # the evaluator ran out of bits (e^x + relu(x − 2807) beside e^x): look once more
            a, b = e.sample_exact(values, _EDGE_PREC), r.sample_exact(values, _EDGE_PREC)
            if isinstance(a, str) or isinstance(b, str):
                return None
            if samples_equal(b, a, complex_mode=run.complex):
                # a value beyond 2^EDGE_PREC hides any difference of ordinary size
                huge = max(_magnitude(a.value), _magnitude(b.value)) > _EDGE_PREC - 64
                self.blind = self.blind or (essential and huge)
                return None
        return Counterexample(tuple((n, float(v)) for n, v in values.items()), b, a)


def _magnitude(v: tuple) -> int:
    """log2 of |v|, roughly (real mpf tuple; 0 for zero)."""
    return v[2] + v[3] if v[1] else 0


def _to_float(v: tuple, complex_mode: bool) -> float:
    if complex_mode:
        return L.to_float(v[0]) + abs(L.to_float(v[1]))
    return L.to_float(v)
