"""How a wrong expression is wrong, when that can be known cheaply.

Each diagnosis is confirmed by probing, never guessed from structure alone: a sign error
means the negated answer is equivalent; a constant factor means the ratio is the same
constant at every probe point; a wrong term means every other term matches one of the
expected answer's terms.

>>> import sympy, time
>>> from tutor.checker.equivalence import Compiled, decide
>>> from tutor.checker.probe import Space
>>> x = sympy.Symbol("x")
>>> target = Compiled(3 * x**2 + 2 * x, Space())
>>> wrong = 3 * x**2 + 2
>>> eq = decide(target, wrong, time.monotonic() + 1)
>>> [f.code.value for f in diagnose(target, wrong, eq)]
['TERM_WRONG']
"""
from __future__ import annotations

import math
from fractions import Fraction

import sympy
from mpmath import libmp as L

from tutor.checker.calculus import real_diff
from tutor.checker.floats import FloatFn, compile_float
from tutor.checker.describe import (
    counterexample_texts, expr_text, nice_counterexample, number_text,
)
from tutor.checker.equivalence import (Compiled, Equivalence, constant_difference, constant_ratio,
                                       probeable)
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.guards import degree_bound, depth_weight, small
from tutor.checker.probe import Outcome, Probeable, compare
from tutor.parser.evaluate import evaluate, too_large
from tutor.deadline import tick

_TERM_POINTS = 8
_MAX_DIFF_NODES = 120   # larger answers are not differentiated for a diagnosis
_MAX_EXPAND_NODES = 40  # larger products are not multiplied out to compare terms


def diagnose(target: Compiled, value: sympy.Basic, eq: Equivalence,
             question: Compiled | None = None) -> list[Finding]:
    """Findings that say how `value` differs from the target (at least NOT_EQUIVALENT).

    >>> import time
    >>> from tutor.checker.equivalence import decide
    >>> from tutor.checker.probe import Space
    >>> x = sympy.Symbol("x")
    >>> target = Compiled(2 * x, Space())
    >>> [f.code.value for f in diagnose(target, -2 * x, decide(target, -2 * x, time.monotonic() + 1))]
    ['SIGN_ERROR']
    """
    out: list[Finding] = []
    if question is not None and _same(question, value):
        return [finding(Code.UNCHANGED)]
    kind = kind_mismatch(target.value, value)
    if kind:
        out.append(kind)
    if too_large(value):     # multiplying out or differentiating −9^(9^91) would compute it
        return out + [_not_equivalent(target, eq)]
    for check in (_scaled, _added_constant, _terms, _integrated):
        tick()
        found = check(target, value, eq)
        if found is not None:
            return out + [found]
    if out:
        return out
    return [_not_equivalent(target, eq)]


def _same(target: Compiled, value: sympy.Basic) -> bool:
    if value == target.value:
        return True
    r = probeable(value, target.space, target.complex)
    return target.probe is not None and r is not None and \
        compare(target.probe, r).outcome is Outcome.EQUAL


def kind_mismatch(expected: sympy.Basic, value: sympy.Basic, entries: int = 0) -> Finding | None:
    """A number where an expression is expected, or the other way round (by the variables in
    each); `entries`: how many entries of a vector or matrix they are, if they are.

    >>> x = sympy.Symbol("x")
    >>> kind_mismatch(sympy.Integer(2), x).text
    'The answer is a number, but yours depends on x.'
    >>> kind_mismatch(sympy.Tuple(2, 3), sympy.Tuple(x, 3), entries=2).text
    'These entries are numbers, but yours depend on x.'
    """
    want, got = expected.free_symbols, value.free_symbols
    if want and not got:
        return finding(Code.NUMBER_FOR_EXPRESSION, variables=_names(want), entries=entries)
    if got and not want:
        return finding(Code.EXPRESSION_FOR_NUMBER, variables=_names(got), entries=entries)
    return None


def _names(symbols: set) -> str:
    names = sorted(s.name for s in symbols)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _scaled(target: Compiled, value: sympy.Basic, eq: Equivalence) -> Finding | None:
    found = scale_finding(target, eq.response)
    if found is not None and found.code is Code.CONSTANT_FACTOR and \
            not (target.value.free_symbols or value.free_symbols):
        return None   # two numbers are always a constant factor apart: nothing learnt (a sign is)
    return found


def scale_finding(target: Compiled, response: Probeable | None) -> Finding | None:
    """SIGN_ERROR or CONSTANT_FACTOR when the response is a constant multiple of the target.

    >>> from tutor.checker.probe import Space
    >>> x, space = sympy.Symbol("x"), Space()
    >>> scale_finding(Compiled(x**2, space), probeable(x**2 / 2, space)).text
    'Your answer is off by a constant factor.'
    """
    ratio = None if target.complex else constant_ratio(target, response)
    if ratio is None:
        return None
    r = L.to_float(ratio.value)
    if abs(r + 1) < 1e-20:
        return finding(Code.SIGN_ERROR)
    if abs(r - 1) < 1e-15:
        return None  # a tiny difference, not a factor: the next checks say what it is
    return finding(Code.CONSTANT_FACTOR,
                   detail=f"The response is {_constant_text(ratio.value)} times the expected answer.")


def _added_constant(target: Compiled, value: sympy.Basic, eq: Equivalence) -> Finding | None:
    if not (target.value.free_symbols or value.free_symbols):
        return None  # two numbers always differ by a constant: nothing learnt
    delta = None if target.complex else constant_difference(target, eq.response)
    if delta is None or not delta.value[1]:
        return None
    return finding(Code.ADDED_CONSTANT,
                   detail=f"The response minus the expected answer is {_constant_text(delta.value)}.")


def _constant_text(v: tuple) -> str:
    """A constant as a short fraction when it is one, else a decimal."""
    x = L.to_float(v)
    if math.isfinite(x) and x != 0:
        frac = Fraction(x).limit_denominator(1000)
        if frac and abs(float(frac) - x) <= 1e-12 * abs(x):
            text = str(frac.numerator) if frac.denominator == 1 else f"{frac.numerator}/{frac.denominator}"
            return text.replace("-", "−")
    return number_text(v)


def _integrated(target: Compiled, value: sympy.Basic, eq: Equivalence) -> Finding | None:
    """The second derivative of the answer is the expected one: it is an antiderivative of
    what was to be differentiated."""
    symbols = target.value.free_symbols
    if len(symbols) != 1 or value.free_symbols != symbols or not small(value, _MAX_DIFF_NODES) \
            or not depth_weight(value, _MAX_DIFF_NODES * 4):
        return None   # sin(sin(…(x))): each derivative multiplies the size by the depth
    (x,) = symbols
    if "second" not in target.memo:   # the target's values at the points: once per target
        g = compile_float(target.value, (x,))
        target.memo["second"] = None if g is None else tuple(g((p,)) for p in _SECOND_POINTS)
    # the response's float function, compiled for probing, when it is one of x alone
    probed = eq.response.float_function if eq.response is not None and eq.response.symbols == (x,) else None
    if not _second_derivative_may_match(target.memo["second"], value, x, probed):
        return None   # a cheap numeric look first: differentiating twice costs milliseconds
    try:
        first = real_diff(value, x)
        if not depth_weight(first, _MAX_DIFF_NODES * 16):
            return None
        tick()
        second = real_diff(first, x)
    except (ValueError, TypeError, NotImplementedError):
        return None
    if not small(second, _MAX_DIFF_NODES * 16):
        return None
    return finding(Code.INTEGRATED_INSTEAD) if _same(target, second) else None


_SECOND_POINTS = (0.37, 0.81, 1.23, 1.77)
_STEP = 1e-3


def _second_derivative_may_match(expected: tuple[float, ...] | None, value: sympy.Basic,
                                 x: sympy.Symbol, compiled: FloatFn | None = None) -> bool:
    """Whether the central second difference of `value` is close to the expected values (floats
    at `_SECOND_POINTS`, None when floats cannot compute them) at a few points: a loose test,
    confirmed exactly afterwards. True when floats cannot tell. `compiled` is `value` already
    compiled to floats (as probing compiled it), if it is.

    >>> x = sympy.Symbol("x")
    >>> at = tuple(3 * p for p in _SECOND_POINTS)   # the expected answer 3x
    >>> _second_derivative_may_match(at, x**3 / 2, x), _second_derivative_may_match(at, x**2, x)
    (True, False)
    """
    f = compiled or compile_float(value, (x,))
    if f is None or expected is None:
        return True
    for p, want in zip(_SECOND_POINTS, expected):
        a, b, c = f((p - _STEP,)), f((p,)), f((p + _STEP,))
        if not all(math.isfinite(v) for v in (a, b, c, want)):
            continue
        got = (a - 2 * b + c) / (_STEP * _STEP)
        if abs(got - want) > 1e-3 * max(1.0, abs(want), abs(b)):
            return False
    return True


def _terms(target: Compiled, value: sympy.Basic, eq: Equivalence) -> Finding | None:
    if "terms" not in target.memo:   # the target's terms and fingerprints: once per target
        terms = _sum_terms(target.value)
        target.memo["terms"] = (terms, _fingerprints(target, terms) if len(terms) <= 12 else None)
    want, fw = target.memo["terms"]
    got = _sum_terms(value)
    if len(want) < 2 and len(got) < 2 or len(want) > 12 or len(got) > 12:
        return None
    fg = _fingerprints(target, got)
    if fw is None or fg is None:
        return None
    unmatched_want = list(range(len(want)))
    unmatched_got = []
    for j, g in enumerate(fg):
        i = next((i for i in unmatched_want if _close(fw[i], g)), None)
        if i is None:
            unmatched_got.append(j)
        else:
            unmatched_want.remove(i)
    if len(unmatched_got) == 1 and len(unmatched_want) == 1:
        return finding(Code.TERM_WRONG, term=expr_text(got[unmatched_got[0]]))
    if not unmatched_got and len(unmatched_want) == 1:
        return finding(Code.TERM_MISSING)
    if len(unmatched_got) == 1 and not unmatched_want:
        return finding(Code.TERM_EXTRA, term=expr_text(got[unmatched_got[0]]))
    return None


def _sum_terms(e: sympy.Basic) -> tuple:
    """The terms of a sum; a short product is multiplied out first ((x+1)e^x: x·e^x + e^x).

    A response comes as typed (never evaluated: `ExpressionTarget.judge`), so a number before a
    bracketed sum is multiplied into it, as SymPy's evaluation does: 2(w x + b − y) + x is four
    terms, and −(a − b) is −a + b.

    >>> from tutor.parser import parse
    >>> sorted(str(t) for t in _sum_terms(parse("2(w x + b - y) + x").expr))
    ['-2*y', '2*b', '2*w*x', 'x']
    """
    terms = tuple(t for term in sympy.Add.make_args(e) for t in _spread(term))
    if len(terms) == 1 and e.is_Mul and small(e, _MAX_EXPAND_NODES) and \
            all(degree_bound(a, s) <= 4 for a in e.args if a.is_Add or a.is_Pow for s in a.free_symbols):
        return sympy.Add.make_args(sympy.expand(e))
    return terms


def _spread(term: sympy.Basic) -> tuple:
    """A number times a bracketed sum, as the terms it makes (each times the number); else the
    term itself."""
    if not term.is_Mul:
        return (term,)
    factors = _factors(term)
    sums = [f for f in factors if f.is_Add]
    numbers = [f for f in factors if not f.is_Add]
    if len(sums) != 1 or not all(f.is_number for f in numbers):
        return (term,)
    coefficient = evaluate(sympy.Mul(*numbers, evaluate=False)) if numbers else sympy.S.One
    if not coefficient.is_Rational:
        return (term,)
    return tuple(t for part in sympy.Add.make_args(sums[0]) for t in _spread(sympy.Mul(coefficient, part)))


def _factors(term: sympy.Basic) -> tuple:
    """The factors of a product typed inside a product (−2(x + 1) is −1·(2·(x + 1)))."""
    return tuple(a for f in sympy.Mul.make_args(term) for a in (_factors(f) if f.is_Mul else (f,)))


def _fingerprints(target: Compiled, terms: tuple) -> list[list[float]] | None:
    """Each term's float values at the first probe points (the same points for all terms);
    None when floats cannot compute a term (or in complex mode)."""
    if target.complex:
        return None
    out = []
    for term in terms:
        symbols = tuple(sorted(term.free_symbols, key=lambda s: s.name))
        f = compile_float(term, symbols)
        if f is None:
            return None
        names = tuple(s.name for s in symbols)
        out.append([f(target.space.points(names, k)) for k in range(_TERM_POINTS)])
    return out


def _close(a: list[float], b: list[float]) -> bool:
    seen = 0
    for x, y in zip(a, b):
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        seen += 1
        if abs(x - y) > 1e-9 * max(abs(x), abs(y), 1e-300):
            return False
    return seen >= 3


def _not_equivalent(target: Compiled, eq: Equivalence) -> Finding:
    where = detail = ""
    if eq.probe is not None and eq.response is not None and target.probe is not None:
        cex = nice_counterexample(target.probe, eq.response, eq.probe.counterexample)
        if cex is not None:
            where, detail = counterexample_texts(cex, target.complex)
    return finding(Code.NOT_EQUIVALENT, detail=detail, where=where, number=not target.value.free_symbols)
