"""Showing values, points and expressions to a learner, and finding a readable counterexample.

Probe points are deliberately odd numbers (0.734512…); before quoting a difference the checker
looks for the same difference at a simple point like x = 2.

>>> from mpmath import libmp
>>> values_text(libmp.from_rational(1, 3, 113), libmp.from_rational(1, 3, 113) )
('0.333333', '0.333333')
>>> values_text(libmp.from_int(1), libmp.mpf_add(libmp.from_int(1), libmp.from_rational(1, 10**12, 113), 113))
('1', '1.000000000001')
"""
from __future__ import annotations

from fractions import Fraction
from itertools import cycle, islice
from typing import Sequence

import sympy
from mpmath import libmp as L

from tutor.checker.probe import Counterexample, Probeable, Tolerance, samples_equal

_NICE = [Fraction(n) for n in (1, 2, -1, 3, -2)] + [Fraction(1, 2), Fraction(0), Fraction(5),
                                                      Fraction(-1, 2), Fraction(1, 3), Fraction(10)]
_MINUS = "−"


def expr_text(expr: sympy.Basic) -> str:
    """An expression as the learner would read it (explicit ·, unicode minus).

    >>> expr_text(2 * sympy.Symbol("x"))
    '2·x'
    """
    from tutor.parser.printer import to_text

    try:
        return to_text(expr)
    except Exception:  # a printer gap must never cost a verdict
        return str(expr)


def number_text(v: tuple, digits: int = 6) -> str:
    """An mpf value with up to `digits` significant digits, without trailing zeros.

    >>> number_text(L.from_rational(1, 3, 113)), number_text(L.from_rational(-1, 10**40, 200))
    ('0.333333', '−1e−40')
    """
    if not v[1]:
        return "0"
    text = L.to_str(v, digits, strip_zeros=True)
    if "e" in text:
        mant, _, exp = text.partition("e")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        return f"{mant}e{int(exp)}".replace("-", _MINUS)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace("-", _MINUS)


def values_text(a: tuple, b: tuple) -> tuple[str, str]:
    """Two values shown with just enough digits to see that they differ (if they do).

    >>> values_text(L.from_int(2), L.from_rational(2000001, 1000000, 113))
    ('2', '2.000001')
    """
    for digits in (6, 10, 16, 24, 34):
        ta, tb = number_text(a, digits), number_text(b, digits)
        if ta != tb:
            return ta, tb
    return number_text(a), number_text(b)


def point_text(point: Sequence[tuple[str, object]]) -> str:
    """``x = 2, y = −1`` for a point given as (name, value) pairs.

    >>> point_text([("x", Fraction(-1, 2)), ("y", 3.0)])
    'x = −1/2, y = 3'
    """
    def show(v: object) -> str:
        if isinstance(v, Fraction):
            text = str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
        elif isinstance(v, float):
            text = f"{v:.6g}"
        else:
            text = str(v)
        return text.replace("-", _MINUS)
    return ", ".join(f"{n} = {show(v)}" for n, v in point)


def nice_counterexample(expected: Probeable, response: Probeable, found: Counterexample | None,
                        tol: Tolerance | None = None) -> Counterexample | None:
    """A counterexample at a simple point if there is one nearby in spirit, else `found`.

    >>> from tutor.checker.probe import Space
    >>> space, x = Space(), sympy.Symbol("x")
    >>> cex = nice_counterexample(Probeable(x**2, space), Probeable(2 * x, space), None)
    >>> cex.point
    (('x', Fraction(1, 1)),)
    """
    names = sorted({s.name for s in expected.symbols} | {s.name for s in response.symbols})
    if not names:
        return found
    for shift in range(len(_NICE)):
        values = dict(zip(names, islice(cycle(_NICE), shift, shift + len(names))))
        a, b = expected.sample_exact(values), response.sample_exact(values)
        if isinstance(a, str) or isinstance(b, str):
            continue
        if not samples_equal(b, a, tol, complex_mode=expected.program.ops.complex):
            return Counterexample(tuple(values.items()), b, a)
    return found


def counterexample_texts(cex: Counterexample, complex_mode: bool = False) -> tuple[str, str]:
    """Where the response goes wrong, for the learner and for instructors: ' (at x = 2 your
    answer is 5)' quotes only the learner's own value there, never the expected answer's
    (feedback gives nothing of it away); the detail gives both. ('', '') when unquotable.

    >>> from tutor.checker.probe import Space
    >>> space, x = Space(), sympy.Symbol("x")
    >>> cex = nice_counterexample(Probeable(x**2, space), Probeable(2 * x, space), None)
    >>> counterexample_texts(cex)
    (' (at x = 1 your answer is 2)', 'At x = 1 the response is 2 and the expected answer is 1.')
    """
    if not cex.point or isinstance(cex.response, str) or isinstance(cex.expected, str) or complex_mode:
        return "", ""
    got, want = values_text(cex.response.value, cex.expected.value)   # enough digits to differ
    at = point_text(cex.point)
    return f" (at {at} your answer is {got})", f"At {at} the response is {got} and the expected answer is {want}."
