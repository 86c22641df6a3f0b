"""Numbers given to a precision: significant figures, decimal places, and exact tolerances.

How many figures a learner wrote is a property of the text (``1.50`` has three, ``1.5`` two,
``1500`` between two and four), so these checks read `Parsed.text`. Accuracy is decided with
exact rational arithmetic: an answer to n significant figures is accurate when it is the
exact answer rounded (half up) to n figures, or within half a unit of its last figure.

>>> written("0.0010").sig_figs(), written("1500").sig_figs(), written("3.14e2").decimal_places()
((2, 2), (2, 4), 0)
>>> round_sig(Fraction(2, 3), 3)
Fraction(667, 1000)
"""
from __future__ import annotations

import math
import re
from fractions import Fraction

import sympy

from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.judgement import Judgement, incorrect
from tutor.checker.options import CheckOptions
from tutor.checker.verdict import Method, Status
from tutor.parser.evaluate import too_large
from tutor.words import counted
from tutor.values import frozen

_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]?)(?P<int>\d*)(?:\.(?P<frac>\d*))?"
    r"(?:(?:[eE](?P<e1>[+\-−]?\d+))|(?:\s*[*×·]\s*10\s*\^\s*\(?\s*(?P<e2>[+\-−]?\d+)\s*\)?))?$")


@frozen
class Written:
    """A decimal number as typed: its digits, where the point was, and the power of ten."""

    negative: bool
    whole: str
    frac: str | None
    exponent: int

    @property
    def value(self) -> Fraction:
        digits = int((self.whole or "0") + (self.frac or "")) if (self.whole or self.frac) else 0
        v = Fraction(digits, 10 ** len(self.frac or "")) * Fraction(10) ** self.exponent
        return -v if self.negative else v

    def sig_figs(self) -> tuple[int, int]:
        """(fewest, most) significant figures: trailing zeros of a whole number are ambiguous."""
        digits = (self.whole + (self.frac or "")).lstrip("0")
        if not digits:
            return (max(1, len(self.frac or "")),) * 2
        if self.frac is not None:
            return (len(digits),) * 2
        return (len(digits.rstrip("0")), len(digits))

    def decimal_places(self) -> int:
        return max(0, len(self.frac or "") - self.exponent)


def written(text: str) -> Written | None:
    """The decimal number typed in `text`, or None when it is not a plain decimal number.

    >>> written("1.50").value, written("pi")
    (Fraction(3, 2), None)
    """
    m = _NUMBER.match(text.replace(" ", ""))
    if m is None or not (m["int"] or m["frac"]):
        return None
    exp = m["e1"] or m["e2"] or "0"
    return Written(m["sign"] in "-−" and m["sign"] != "", m["int"] or "", m["frac"],
                   int(exp.replace("−", "-")))


def exact_value(value: sympy.Basic, digits: int = 60) -> Fraction | None:
    """An exact rational for a rational SymPy number, or a `digits`-digit approximation of a real
    constant; None when it is not a real number, or too large to write out.

    >>> exact_value(sympy.Rational(1, 3)), float(exact_value(sympy.pi))
    (Fraction(1, 3), 3.141592653589793)
    >>> exact_value(sympy.Pow(9, sympy.Float(8e8), evaluate=False)) is None    # 800 million digits
    True
    """
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    if not value.is_number or value.free_symbols or too_large(value):
        return None
    try:
        approx = sympy.N(value, digits)
    except (TypeError, ValueError, OverflowError):
        return None
    if not approx.is_Float or not approx.is_finite or abs(approx._mpf_[2] + approx._mpf_[3]) > _MOST_BITS:
        return None     # 9^(9^9.35) has 800 million digits: its decimal text would never be written out
    return Fraction(str(approx))


_MOST_BITS = 40_000     # about 12,000 decimal digits: past any number a learner writes as a decimal


def _exponent10(x: Fraction) -> int:
    """e with 10^e <= |x| < 10^(e+1)."""
    x = abs(x)
    e = math.floor(math.log10(x.numerator) - math.log10(x.denominator))
    while Fraction(10) ** e > x:
        e -= 1
    while Fraction(10) ** (e + 1) <= x:
        e += 1
    return e


def _round_half_up(x: Fraction) -> int:
    n = math.floor(abs(x) + Fraction(1, 2))
    return -n if x < 0 else n


def round_sig(x: Fraction, n: int) -> Fraction:
    """x rounded half up to n significant figures.

    >>> round_sig(Fraction(61250), 3)
    Fraction(61300, 1)
    """
    if x == 0:
        return x
    unit = Fraction(10) ** (_exponent10(x) - n + 1)
    return _round_half_up(x / unit) * unit


def _accurate_sig(got: Fraction, want: Fraction, n: int) -> bool:
    if want == 0:
        return got == 0
    half = Fraction(10) ** (_exponent10(want) - n + 1) / 2
    return round_sig(got, n) == round_sig(want, n) or abs(got - want) < half


def _accurate_dp(got: Fraction, want: Fraction, d: int) -> bool:
    unit = Fraction(1, 10 ** d)
    return _round_half_up(want / unit) * unit == got or abs(got - want) < unit / 2


def judge_written(expected: sympy.Basic, text: str, options: CheckOptions) -> Judgement:
    """A response that must be a decimal to given significant figures or decimal places.

    >>> judge_written(sympy.pi, "3.14", CheckOptions(sig_figs=(3, 3))).status
    <Status.CORRECT: 'correct'>
    """
    number = written(text)
    want = exact_value(expected)
    if number is None or want is None:
        return incorrect(Method.NUMERIC, finding(Code.NOT_DECIMAL))
    got = number.value
    found: list[Finding] = []
    if got and want and (got < 0) != (want < 0):
        found.append(finding(Code.SIGN_ERROR))
    if options.sig_figs is not None:
        found += _sig_fig_findings(number, got, want, *options.sig_figs)
    else:
        found += _decimal_findings(number, got, want, options.decimal_places or 0)
    if found:
        return incorrect(Method.NUMERIC, *found)
    return Judgement(Status.CORRECT, Method.NUMERIC)


def _sig_fig_findings(number: Written, got: Fraction, want: Fraction, n: int, m: int) -> list[Finding]:
    lo, hi = number.sig_figs()
    found = []
    if (m == -1 and hi < n) or (m != -1 and not lo <= n <= hi):
        shown = str(lo) if lo == hi else f"{lo} to {hi}"
        found.append(finding(Code.WRONG_SIG_FIGS, wanted=counted(n, "significant figure"), got=shown))
    accuracy = n if m == -1 else m
    if accuracy > 0 and not _accurate_sig(got, want, accuracy):
        found.append(finding(Code.INACCURATE))
    return found


def _decimal_findings(number: Written, got: Fraction, want: Fraction, d: int) -> list[Finding]:
    found = []
    if number.decimal_places() != d:
        found.append(finding(Code.WRONG_DECIMAL_PLACES, wanted=counted(d, "decimal place"),
                             got=str(number.decimal_places())))
    if not _accurate_dp(got, want, d):
        found.append(finding(Code.INACCURATE))
    return found


def within(got: Fraction, want: Fraction, rel: Fraction | None, abs_: Fraction | None) -> bool:
    """|got − want| <= max(rel·|want|, abs), exactly.

    >>> within(Fraction(95, 100), Fraction(1), Fraction(5, 100), None)
    True
    """
    allowance = max((rel or 0) * abs(want), abs_ or 0)
    return abs(got - want) <= allowance


def close(got: Fraction, want: Fraction) -> bool:
    """Within 1% of the expected value (but not equal).

    >>> close(Fraction(333, 1000), Fraction(1, 3)), close(Fraction(3, 10), Fraction(1, 3))
    (True, False)
    """
    if want == 0:
        return abs(got) < Fraction(1, 10 ** 6)
    return abs(got - want) <= abs(want) / 100


MIN_FIGURES = 4
"""A decimal for an exact answer needs at least this many significant figures."""
_MOST_FIGURES = 1000   # beyond this, no rounding is checked (the decimal is judged as a number)
_LITERAL = re.compile(r"(?<![\w.])(?P<num>\d+\.?\d*|\.\d+)(?:[eE](?P<exp>[+\-−]?\d+))?(?P<pct>\s*%)?")


@frozen
class Typed:
    """The decimal numbers typed in a response: each one's size (sign dropped) and its
    (fewest, most) significant figures, so entries of a vector can be judged on their digits."""

    figures: tuple[tuple[Fraction, tuple[int, int]], ...]

    def of(self, value: Fraction) -> tuple[int, int] | None:
        """The figures typed for a number with this value, or None when no decimal typed has it.

        >>> typed_decimals("[0.1430, -2.5]").of(Fraction(-5, 2))
        (2, 2)
        """
        size = abs(value)
        return next((f for v, f in self.figures if v == size), None)


def typed_decimals(text: str) -> Typed:
    """Every decimal literal in `text` (with a point, an exponent or a percent sign), and the
    whole text when it is one number (``1.2*10^3``).

    >>> typed_decimals("52.63%").figures
    ((Fraction(5263, 10000), (4, 4)),)
    >>> typed_decimals("[0.1430, 2]").figures
    ((Fraction(143, 1000), (4, 4)),)
    """
    found: list[tuple[Fraction, tuple[int, int]]] = []
    whole = written(text)
    if whole is not None:
        found.append((abs(whole.value), whole.sig_figs()))
    for m in _LITERAL.finditer(text):
        if not ("." in m["num"] or m["exp"] or m["pct"]):
            continue
        number = written(m["num"] + (f"e{m['exp']}" if m["exp"] else ""))
        if number is None:
            continue
        value = abs(number.value) / (100 if m["pct"] else 1)
        found.append((value, number.sig_figs()))
    return Typed(tuple(dict.fromkeys(found)))


def approximate(got: Fraction, expected: sympy.Basic, figures: tuple[int, int]) -> Judgement | None:
    """A decimal `got` typed with `figures` significant figures for an exact `expected` number.

    Correct (note APPROXIMATE) when it is the expected value correctly rounded (half up) to the
    figures typed, with at least `MIN_FIGURES` of them; that value rounded to fewer figures is
    incorrect (TOO_FEW_FIGURES); None when it is neither (or the exact value), for the caller
    to judge as any other number.

    >>> approximate(Fraction("0.5263"), sympy.Rational(10, 19), (4, 4)).findings[0].code
    <Code.APPROXIMATE: 'APPROXIMATE'>
    >>> approximate(Fraction("0.333"), sympy.Rational(1, 3), (3, 3)).status
    <Status.INCORRECT: 'incorrect'>
    >>> approximate(Fraction("0.5264"), sympy.Rational(10, 19), (4, 4)) is None
    True
    """
    lo, hi = figures
    if hi > _MOST_FIGURES:
        return None
    want = exact_value(expected, hi + 20)
    if want is None or want == 0 or (expected.is_Rational and got == want):
        return None
    rounded = [n for n in range(max(lo, 1), hi + 1) if round_sig(want, n) == got]
    if any(n >= MIN_FIGURES for n in rounded):
        return Judgement(Status.CORRECT, Method.NUMERIC, (finding(Code.APPROXIMATE),))
    if rounded:
        return incorrect(Method.NUMERIC, finding(Code.TOO_FEW_FIGURES, figures=str(MIN_FIGURES)))
    return None
