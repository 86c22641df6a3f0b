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
from dataclasses import dataclass
from fractions import Fraction

import sympy

from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.guards import astronomical
from tutor.checker.judgement import Judgement, incorrect
from tutor.checker.options import CheckOptions
from tutor.checker.verdict import Method, Status
from tutor.words import counted

_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]?)(?P<int>\d*)(?:\.(?P<frac>\d*))?"
    r"(?:(?:[eE](?P<e1>[+\-−]?\d+))|(?:\s*[*×·]\s*10\s*\^\s*\(?\s*(?P<e2>[+\-−]?\d+)\s*\)?))?$")


@dataclass(frozen=True)
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


def exact_value(value: sympy.Basic) -> Fraction | None:
    """An exact rational for a rational SymPy number, or a 60-digit approximation of a real
    constant; None when it is not a real number.

    >>> exact_value(sympy.Rational(1, 3)), float(exact_value(sympy.pi))
    (Fraction(1, 3), 3.141592653589793)
    """
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    if not value.is_number or value.free_symbols or astronomical(value):
        return None
    try:
        approx = sympy.N(value, 60)
    except (TypeError, ValueError, OverflowError):
        return None
    if not approx.is_Float:
        return None
    return Fraction(str(approx))


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
