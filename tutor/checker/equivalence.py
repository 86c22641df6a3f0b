"""Are two expressions equivalent? Cheap to expensive: structure, probing, then a bounded proof.

`Compiled` holds an expected expression prepared once (compiled for probing, values cached);
`decide` compares a response value against it and says what decided. The symbolic proof
runs in a worker process under the deadline (`worker.run_task`).

>>> import sympy, time
>>> from tutor.checker.probe import Space
>>> x = sympy.Symbol("x")
>>> target = Compiled(sympy.exp(2 * sympy.log(x)), Space())
>>> decide(target, x**2, time.monotonic() + 2).outcome
<Outcome.EQUAL: 'equal'>
"""
from __future__ import annotations

import time
from typing import Any

import sympy
from mpmath import libmp as L

from tutor import ops
from tutor.checker.options import TIME_BUDGET
from tutor.checker.evaluator import NotNumeric, Sample
from tutor.checker.guards import huge_constant, ordinary_somewhere
from tutor.checker.probe import (PER_LEVEL, Outcome, Probe, Probeable, Space, Tolerance, compare,
                                 edges_of)
from tutor.checker.verdict import Method
from tutor.checker.pool import run_task
from tutor.parser.evaluate import too_large
from tutor.ops.arith import Arithmetic
from tutor.values import frozen
from tutor.tree import preorder

_RELATION_POINTS = 6
_CONSTANT_SCAN = 3 * PER_LEVEL   # the points looked at for a constant ratio or difference


class Compiled:
    """An expression prepared for many comparisons (None `probe` when it cannot be probed).

    `value` is the evaluated expression (for structural equality and diagnosis); probing
    uses `typed` (the expression as written) when given, because evaluation can widen the
    domain: SymPy turns √x² into x and e^(2 ln x) into x², which are defined for x < 0."""

    def __init__(self, value: sympy.Basic, space: Space, *, complex_mode: bool = False,
                 typed: sympy.Basic | None = None) -> None:
        self.value = value
        self.space = space
        self.complex = complex_mode
        # facts about the target computed once by whoever needs them (the diagnosis's terms)
        self.memo: dict[str, Any] = {}
        self.probe = None
        if typed is not None and typed != value:
            self.probe = probeable(typed, space, complex_mode)
        if self.probe is None:
            self.probe = probeable(value, space, complex_mode)


def probeable(value: sympy.Basic, space: Space, complex_mode: bool = False) -> Probeable | None:
    """`value` compiled for probing, or None when it cannot be evaluated at points.

    >>> probeable(sympy.Derivative(sympy.Function("f")(sympy.Symbol("x"))), Space()) is None
    True
    """
    if not isinstance(value, sympy.Expr):
        return None
    try:
        return Probeable(value, space, complex_mode=complex_mode)
    except (NotNumeric, RecursionError, TypeError, ValueError):
        return None


@frozen
class Equivalence:
    """The answer to "equal?": the outcome, what decided it, and what probing saw."""

    outcome: Outcome
    method: Method
    probe: Probe | None = None
    response: Probeable | None = None
    timed_out: bool = False


def decide(target: Compiled, value: sympy.Basic, deadline: float, *,
           tol: Tolerance | None = None, symbolic: bool = True,
           typed: sympy.Basic | None = None, strict: bool = False,
           probed: Probed | None = None) -> Equivalence:
    """Is `value` equal to the target on the common domain (within `tol`, if given)?

    `typed` is the response as written, probed for its domain (see `Compiled`); `strict`
    probes the zeros of denominators too (where a strict domain needs the response defined);
    `probed` is what `probe_typed` already found for `typed` with the same `tol` and `strict`
    (it is not probed again).

    >>> x = sympy.Symbol("x")
    >>> decide(Compiled(x + 1, Space()), 1 + x, time.monotonic() + 1).method
    <Method.STRUCTURAL: 'structural'>
    """
    if value == target.value and (typed is None or not restricts(typed)):
        return Equivalence(Outcome.EQUAL, Method.STRUCTURAL)   # the same is within any tolerance
    if probed is None:
        probed = probe_typed(target, typed if typed is not None and typed != value else value,
                             deadline, tol=tol, strict=strict)
        if probed.response is None and typed is not None and typed != value:
            probed = probe_typed(target, value, deadline, tol=tol, strict=strict)
    response, probe = probed.response, probed.probe
    if probe is not None:
        if probe.outcome is not Outcome.UNKNOWN:
            return Equivalence(probe.outcome, Method.NUMERIC, probe, response)
        if probe.timed_out:
            return Equivalence(Outcome.UNKNOWN, Method.NONE, probe, response, timed_out=True)
    if _huge_against_ordinary(target.value, value):
        return Equivalence(Outcome.DIFFERENT, Method.NUMERIC, response=response)
    if not symbolic or tol is not None:
        return Equivalence(Outcome.UNKNOWN, Method.NONE, response=response)
    verdict = prove(target.value, value, deadline, target.space)
    if verdict is None:
        return Equivalence(Outcome.UNKNOWN, Method.NONE, response=response, timed_out=True)
    outcome = {"equal": Outcome.EQUAL, "different": Outcome.DIFFERENT}.get(verdict, Outcome.UNKNOWN)
    return Equivalence(outcome, Method.SYMBOLIC if outcome is not Outcome.UNKNOWN else Method.NONE,
                       response=response)


@frozen
class Probed:
    """A response compiled for probing (None when it cannot be) and how it compared with the
    target (None when either cannot be probed)."""

    response: Probeable | None
    probe: Probe | None


def probe_typed(target: Compiled, expr: sympy.Basic, deadline: float, *,
                tol: Tolerance | None = None, strict: bool = False) -> Probed:
    """`expr` (a response as written, or its value) probed against the target: what `decide`
    does after its structural look, without evaluating the response.

    >>> x = sympy.Symbol("x")
    >>> probe_typed(Compiled(x**2, Space()), x * x, time.monotonic() + 1).probe.outcome
    <Outcome.EQUAL: 'equal'>
    """
    response = probeable(expr, target.space, target.complex)
    if target.probe is None or response is None:
        return Probed(response, None)
    return Probed(response, compare(target.probe, response, tol, deadline, strict=strict))


def _huge_against_ordinary(a: sympy.Basic, b: sympy.Basic) -> bool:
    """One side is a number too large to compute and the other is an ordinary value somewhere:
    they differ (``9^9^9^9`` is not 1), with no need to compute the huge one."""
    if too_large(a) == too_large(b):
        return False
    huge, other = (a, b) if too_large(a) else (b, a)
    return huge_constant(huge) and ordinary_somewhere(other)


_RESTRICTING = frozenset(op.head.__name__ for op in ops.OPERATIONS if op.domain is ops.Domain.RESTRICTED)


def restricts(expr: sympy.Basic) -> bool:
    """Whether an expression as written can be undefined somewhere (roots, division, logs,
    inverse trigonometry, poles), so that its domain must be probed.

    >>> x = sympy.Symbol("x")
    >>> restricts(sympy.sqrt(x)), restricts(x**2 + sympy.exp(x))
    (True, False)
    """
    for node in preorder(expr):
        if node.is_Pow and not (node.exp.is_Integer and node.exp >= 0) and not node.base.is_positive:
            return True
        if type(node).__name__ in _RESTRICTING:
            return True
    return False


def prove(a: sympy.Basic, b: sympy.Basic, deadline: float, space: Space) -> str | None:
    """The worker's symbolic verdict ('equal', 'different', 'unknown'), None on timeout.

    >>> x = sympy.Symbol("x")
    >>> prove(sympy.cosh(x)**2, 1 + sympy.sinh(x)**2, time.monotonic() + 30, Space())
    'equal'
    """
    if deadline - time.monotonic() <= 0.01:
        return None
    if too_large(a) or too_large(b):
        return "unknown"  # a worker would only spend the budget rebuilding the number
    positive = tuple(n for n, how in space.assume.items() if how.nonnegative)
    integer = tuple(n for n, how in space.assume.items() if how == "integer")
    answer = run_task("prove_equal", (a, b, positive, integer), deadline)
    if answer is None:
        return None
    status, result = answer
    return result if status == "ok" else "unknown"


def equivalent(a: sympy.Basic, b: sympy.Basic, *, time_budget: float = TIME_BUDGET) -> bool | None:
    """Whether `a` and `b` are equal wherever both are defined (variables real); None when
    this could not be decided within `time_budget` seconds.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> equivalent(sympy.log(x**2), 2 * sympy.log(x)), equivalent(sympy.sqrt(x**2), x)
    (True, False)
    >>> equivalent(sympy.Eq(2 * x, 4), sympy.Eq(x, 2))
    True
    """
    if not isinstance(a, sympy.Expr):  # equations, matrices, sets: the whole checker decides
        from tutor.checker.checker import Checker

        status = Checker(a, time_budget=time_budget).check(b).status
        return {"correct": True, "incorrect": False}.get(str(status))
    result = decide(Compiled(a, Space()), b, time.monotonic() + time_budget)
    return {Outcome.EQUAL: True, Outcome.DIFFERENT: False}.get(result.outcome)


# --- constant relations between two probed expressions (for diagnosis and options) -----------

def constant_ratio(target: Compiled, response: Probeable | None) -> Sample | None:
    """response / expected when it is the same nonzero number at every probe point (up to
    rounding); None otherwise.

    >>> x, space = sympy.Symbol("x"), Space()
    >>> L.to_float(constant_ratio(Compiled(x**2, space), probeable(3 * x**2, space)).value)
    3.0
    """
    found = _constant(target, response, ratio=True)
    if found is None or target.probe is None or target.probe.program.ops.is_zero(found.value):
        return None
    return found


def constant_difference(target: Compiled, response: Probeable | None) -> Sample | None:
    """response − expected when it is the same at every probe point (up to rounding).

    >>> x, space = sympy.Symbol("x"), Space()
    >>> L.to_float(constant_difference(Compiled(x**2, space), probeable(x**2 - 2, space)).value)
    -2.0
    """
    return _constant(target, response, ratio=False)


def _constant(target: Compiled, response: Probeable | None, ratio: bool) -> Sample | None:
    e = target.probe
    if e is None or response is None or e.program.ops is not response.program.ops:
        return None
    ops = e.program.ops
    if _floats_vary(e, response, ratio):
        return None
    values = []
    # points the comparison already computed first: a ratio that is not constant is then
    # usually seen with one new value, not two
    done = response.sampled(below=_CONSTANT_SCAN)
    for k in [*done, *(k for k in range(_CONSTANT_SCAN) if k not in done)]:
        a, b = e.sample_at(k), response.sample_at(k)
        if isinstance(a, str) or isinstance(b, str) or (ratio and ops.is_zero(a.value)):
            continue
        values.append(_combine(ops, b.value, a.value, ratio))
        if not _near(ops, values[-1], values[0]):
            return None   # not constant at the random points: no more points, nor the edges
        if len(values) >= _RELATION_POINTS or not (e.symbols or response.symbols):
            break
    if not values:
        return None
    first = values[0]
    if not ops.complex:
        edge = _edge_values(e, response, ratio)
        if edge is None or not all(_near(ops, v, first) for v in edge):
            return None
    return Sample(first, L.fzero, 100)


_SCREEN = 1e-6                 # a relative spread floats cannot be wrong by at ordinary values
_ORDINARY = (1e-6, 1e12)        # the values floats are trusted with for that (no cancellation to
                                # near 0, far from the ends of the float range)


def _floats_vary(e: Probeable, response: Probeable, ratio: bool) -> bool:
    """Whether the floats of the first sampling stage (already computed by the comparison)
    show response / expected (or −) far from constant, by far more than rounding can explain:
    then no high-precision value is needed to say so. Only ordinary values are looked at; with
    fewer than two such points, nothing is said (False).

    >>> x, space = sympy.Symbol("x"), Space()
    >>> e = Probeable(x**2 + 1, space)
    >>> _floats_vary(e, Probeable(3 * x**2 + 3, space), True), _floats_vary(e, Probeable(x + 1, space), True)
    (False, True)
    """
    low, high = _ORDINARY
    first = None
    for a, b in zip(e.floats(0), response.floats(0)):
        if not (low <= abs(a) <= high and low <= abs(b) <= high):
            continue        # also nan (undefined) and inf (floats cannot tell)
        v = b / a if ratio else b - a
        scale = abs(v) if ratio else max(abs(a), abs(b))
        if first is None:
            first, first_scale = v, scale
        elif abs(v - first) > _SCREEN * max(scale, first_scale):
            return True
    return False


def _edge_values(e: Probeable, response: Probeable, ratio: bool) -> list[tuple] | None:
    """response / expected (or −) at the edge points of both: a ratio that is constant at
    random points can change beyond a breakpoint (|x − 3| against 3 − x). None when there is
    surely no constant ratio (only one of them is 0 somewhere)."""
    names = tuple(sorted({s.name for s in e.symbols} | {s.name for s in response.symbols}))
    if not names:
        return []
    edges = edges_of(e, response)
    values = []
    for point in edges.points:
        at = dict(zip(names, point))
        a, b = e.sample_exact(at), response.sample_exact(at)
        if isinstance(a, str) or isinstance(b, str):
            continue   # as at the random points: only where both are defined
        if ratio and L.mpf_eq(a.value, L.fzero):
            if not L.mpf_eq(b.value, L.fzero):
                return None
            continue
        values.append(_combine(e.program.ops, b.value, a.value, ratio))
    return values


def _near(ops: Arithmetic, a: tuple, b: tuple) -> bool:
    """|a − b| <= 2^-66 · max(|a|, |b|), in mpf (the values may be far beyond floats)."""
    diff = _abs(ops, _combine(ops, a, b, False))
    if not diff[1]:
        return True
    size = max(_abs(ops, a), _abs(ops, b), key=lambda v: (v[1] != 0, v[2] + v[3]))
    return diff[2] + diff[3] <= size[2] + size[3] - 66


def _abs(ops: Arithmetic, v: tuple) -> tuple:
    return L.mpc_abs(v, 60, L.round_nearest) if ops.complex else L.mpf_abs(v)


def _combine(ops: Arithmetic, a: tuple, b: tuple, ratio: bool) -> tuple:
    """a / b or a − b, real or complex."""
    if ops.complex:
        return (L.mpc_div if ratio else L.mpc_sub)(a, b, 100, L.round_nearest)
    return (L.mpf_div if ratio else L.mpf_sub)(a, b, 100, L.round_nearest)

