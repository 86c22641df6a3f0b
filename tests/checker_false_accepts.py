"""Wrong answers the checker once accepted (issue 11), and generated variations of them.

Each row is (response, expected, options, wanted status). Most are wrong answers that must be
`incorrect`; the rows of other checkers' edge cases want a specific verdict (right answers
among them too, where the old verdict turned them away). The families:
answers that differ only beyond a breakpoint of |u|, sign, floor, ceil, max, min, relu or
Heaviside (shifted, scaled, nested, in equations and inequalities), only far away or only at a
single point, only off the float grid (huge frequencies), or by less than working precision
(tiny constants, σ(100) against 1), and a response undefined where a strict domain needs it.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

Row = tuple[Any, Any, dict, str]

INCORRECT, CORRECT, UNDETERMINED = "incorrect", "correct", "undetermined"

# the 59 found and reported in issue 11 (those of this family)
REPORTED: list[Row] = [
    ("3 - x", "abs(x - 3)", {}, INCORRECT),
    ("x + 3", "sqrt((x+3)^2)", {}, INCORRECT),
    ("7 - 2x", "abs(2x - 7)", {}, INCORRECT),
    ("x > 2", "abs(x - 3) < 1", {}, INCORRECT),
    ("x > -1", "abs(x + 3) > 2", {}, INCORRECT),
    ("y = 3 - x", "y = abs(x - 3)", {}, INCORRECT),
    ("0", "relu(x - 3)", {}, INCORRECT),
    ("max(x, 3)", "3", {}, INCORRECT),
    ("0", "sin(2^56 pi x)", {}, INCORRECT),
    ("x", "x + 10^(-5000)", {}, INCORRECT),
    ("1", "sign(x)^2", {}, INCORRECT),
    ("(x^2 - 1)/(x - 1)", "x + 1", {"domain": "strict"}, INCORRECT),
    ("1", "σ(100)", {}, INCORRECT),
    ("1", "tanh(30)", {}, INCORRECT),
]


def _num(v: Fraction) -> str:
    return f"({v.numerator}/{v.denominator})" if v.denominator != 1 else f"({v.numerator})"


def _shifted() -> list[Row]:
    """|s x − a| against the sign dropped or flipped, for shifted and scaled breakpoints."""
    rows: list[Row] = []
    for a in (Fraction(-7), Fraction(-3), Fraction(5, 2), Fraction(4), Fraction(11), Fraction(40)):
        for s in (1, 2, 3):
            inner = f"{s}x - {_num(a)}"
            rows.append((inner, f"abs({inner})", {}, INCORRECT))
            rows.append((f"{_num(a)} - {s}x", f"abs({inner})", {}, INCORRECT))
    return rows


def _pieces() -> list[Row]:
    """max, min, relu, sign, floor, ceil against one of their pieces."""
    rows: list[Row] = []
    for a in (-5, -2, 3, 4, 9, 100):
        rows += [
            (f"{a}", f"max(x, {a})", {}, INCORRECT),
            ("x", f"max(x, {a})", {}, INCORRECT),
            ("x", f"min(x, {a})", {}, INCORRECT),
            (f"x - ({a})", f"relu(x - ({a}))", {}, INCORRECT),
            ("1", f"sign(x - ({a}))^2", {}, INCORRECT),
            ("1", f"ceil(x - ({a})) - floor(x - ({a}))", {}, INCORRECT),
            (f"sqrt((x - ({a}))^2)", f"x - ({a})", {}, INCORRECT),
        ]
    return rows


def _nested() -> list[Row]:
    return [
        ("abs(x) - 3", "abs(abs(x) - 3)", {}, INCORRECT),
        ("abs(x - 1) - 2", "abs(abs(x - 1) - 2)", {}, INCORRECT),
        ("3 - abs(x)", "abs(abs(x) - 3)", {}, INCORRECT),
        ("abs(x - 4)", "abs(abs(x) - 4)", {}, INCORRECT),
        ("x - 4", "abs(abs(x) - 4)", {}, INCORRECT),
        ("abs(x) + abs(x - 5)", "5", {}, INCORRECT),
        ("max(abs(x), 4)", "4", {}, INCORRECT),
        ("abs(2 - abs(x - 6))", "2 - abs(x - 6)", {}, INCORRECT),
        ("x^2 - 6x + 9", "abs(x - 3)^2 + abs(x - 5) - (5 - x)", {}, INCORRECT),
        ("sqrt(x^2 - 8x + 16)", "x - 4", {}, INCORRECT),
        ("abs(x y - 6)", "6 - x y", {}, INCORRECT),
        ("max(x, y)", "y", {}, INCORRECT),
    ]


def _relations() -> list[Row]:
    rows: list[Row] = []
    for a, r in ((3, 1), (-3, 2), (5, 2), (-6, 4), (10, 3)):
        rows += [
            (f"x > {a - r}", f"abs(x - ({a})) < {r}", {}, INCORRECT),
            (f"x < {a + r}", f"abs(x - ({a})) < {r}", {}, INCORRECT),
            (f"x > {a + r}", f"abs(x - ({a})) > {r}", {}, INCORRECT),
            (f"y = x - ({a})", f"y = abs(x - ({a}))", {}, INCORRECT),
            (f"y = {r}", f"y = max(x - ({a}), {r})", {}, INCORRECT),
        ]
    rows += [
        ("x < 1000", "abs(x) < 1000", {}, INCORRECT),
        ("y = 2x", "y = 2x + relu(x - 500)", {}, INCORRECT),
    ]
    return rows


def _far_and_tiny() -> list[Row]:
    return [
        ("x", "x + relu(x - 40)", {}, INCORRECT),
        ("x^2", "x^2 + relu(-x - 1000)", {}, INCORRECT),
        ("0", "cos(2^56 pi x) - 1", {}, INCORRECT),
        ("0", "sin(2^60 pi x)", {}, INCORRECT),
        ("x", "x + sin(2^55 pi x)", {}, INCORRECT),
        ("x", "x + 10^(-8000)", {}, INCORRECT),
        ("2x", "2x + 10^(-20000) x", {}, INCORRECT),
        ("x^2", "x^2 + 10^(-5000)", {}, INCORRECT),
        ("1", "σ(200)", {}, INCORRECT),
        ("1", "1 - e^(-100)", {}, INCORRECT),
        ("1", "1 - 10^(-60)", {}, INCORRECT),
        ("pi/2", "atan(10^30)", {}, INCORRECT),
        ("0", "e^(-200)", {}, INCORRECT),
        ("1", "tanh(40)", {}, INCORRECT),
    ]


def _strict() -> list[Row]:
    rows: list[Row] = []
    for a in (1, 2, -3, 7):
        rows.append((f"(x^2 - {a * a})/(x - ({a}))", f"x + ({a})", {"domain": "strict"}, INCORRECT))
    rows += [
        ("x/x", "1", {"domain": "strict"}, INCORRECT),
        ("x^2/x", "x", {"domain": "strict"}, INCORRECT),
        ("(x^2 - 1)/(x + 1)", "x - 1", {"domain": "strict"}, INCORRECT),
        ("(x y)/y", "x", {"domain": "strict"}, INCORRECT),
    ]
    return rows


def _heaviside() -> list[Row]:
    x = sympy.Symbol("x")
    return [(sympy.S.One, sympy.Heaviside(x - a), {}, INCORRECT) for a in (-4, 3, 12)] + [
        (sympy.Heaviside(x), (1 + sympy.sign(x - 1)) / 2, {}, INCORRECT),
    ]


def _other_checkers() -> list[Row]:
    """Edge cases found in other checkers' test suites (issue 11, item 4), each with the
    verdict it must get."""
    complex_ = {"complex_numbers": True}
    return [
        ("b = a/i", "i a = b", complex_, INCORRECT),
        ("b = i a", "i a = b", complex_, CORRECT),
        ("x^2 = -4", "x^2 = -1", complex_, UNDETERMINED),   # not linear: never a real-set "equal"
        ("(a^b)^c", "a^(b c)", {}, INCORRECT),
        ("a^(b c)", "(a^b)^c", {}, INCORRECT),
        ("1", "σ(100)", {}, INCORRECT),
        ("1", "tanh(30)", {}, INCORRECT),
        ("8.25", "8.250", {"sig_figs": (4, -1)}, INCORRECT),
        ("0.143", "1/7", {"sig_figs": (4, -1)}, INCORRECT),
        ("0.14295", "1/7", {"sig_figs": (4, -1)}, INCORRECT),
        ("0.14294", "1/7", {"sig_figs": (4, -1)}, CORRECT),
        ("[0.143, 2.000]", "[1/7, 2]", {"sig_figs": (4, -1)}, INCORRECT),
        ("[0.1429, 2.000]", "[1/7, 2]", {"sig_figs": (4, -1)}, CORRECT),
        ("[[2(x+1), 1], [1, 0]]", "[[2x+2, 1], [1, 0]]", {}, CORRECT),   # symmetric: not "transposed"
        ("[[1, 2], [2, 1]]", "[[1, 2], [2, 1]]", {}, CORRECT),
        ("[[1, 3], [2, 4]]", "[[1, 2], [3, 4]]", {}, INCORRECT),
        ("[[1.2, 2.00], [2.00, 1.00]]", "[[1.234, 2], [2, 1]]", {"decimal_places": 2}, INCORRECT),
        ("[[1.24, 2.00], [2.00, 1.00]]", "[[1.234, 2], [2, 1]]", {"decimal_places": 2}, INCORRECT),
        ("[[1.23, 2.00], [2.00, 1.00]]", "[[1.234, 2], [2, 1]]", {"decimal_places": 2}, CORRECT),
        ("[1.23, 2.00]", "[1.234, 2]", {"decimal_places": 2}, CORRECT),
        ("[1+i, 2]", "[1+i, 2]", complex_, CORRECT),
        ("[1-i, 2]", "[1+i, 2]", complex_, INCORRECT),
        ("{1+i, 2}", "{2, 1+i}", complex_, CORRECT),
        ("oo", "5", {}, INCORRECT),
        ("5", "oo", {}, INCORRECT),
        ("-oo", "oo", {}, INCORRECT),
        ("x", "oo", {}, INCORRECT),
        ("oo", "oo", {}, CORRECT),
        ("{{1}, 2}", "{{1}, 2}", {}, CORRECT),
        ("{2, {1}}", "{{1}, 2}", {}, CORRECT),
        ("{{1}, 2}", "{{1}, 3}", {}, INCORRECT),
        ("{1, 2}", "{{1}, 2}", {}, INCORRECT),
        ("([1, 2])", sympy.Interval(1, 2), {}, CORRECT),          # grouping, not an open interval
        ("([1, 2])", sympy.Interval.open(1, 2), {}, INCORRECT),
        ("(-1)!", "1", {}, INCORRECT),
        ("1", "(-1)!", {}, INCORRECT),
        ("φ(x)", "φ(x)", {}, CORRECT),
        ("phi(x)", "φ(x)", {}, CORRECT),
        ("2φ(x)", "φ(x)", {}, INCORRECT),
    ]


def _complex_functions() -> list[Row]:
    """sech, csch, coth and the inverse sec, csc, cot, coth at complex arguments (the
    evaluator's tables are being fixed with the registry of operations)."""
    complex_ = {"complex_numbers": True}
    pairs = [("sech(1+i)", "1/cosh(1+i)"), ("csch(1+i)", "1/sinh(1+i)"), ("coth(1+i)", "cosh(1+i)/sinh(1+i)"),
             ("asec(1+i)", "acos(1/(1+i))"), ("acsc(1+i)", "asin(1/(1+i))"), ("acot(1+i)", "atan(1/(1+i))"),
             ("acoth(2+i)", "atanh(1/(2+i))")]
    return [(a, b, complex_, CORRECT) for a, b in pairs] + [(a, f"{b} + 1/1000", complex_, INCORRECT)
                                                              for a, b in pairs]


def _long_decimals() -> list[Row]:
    """A long decimal for an irrational number whose last figure is off by two: not the value
    correctly rounded, so wrong however many figures are right (the correctly rounded ones are
    APPROXIMATE, never exact: tests/test_checker_decimals.py)."""
    rows: list[Row] = []
    for name, value in (("pi", sympy.pi), ("sqrt(2)", sympy.sqrt(2)), ("e", sympy.E), ("log(2)", sympy.log(2))):
        for digits in (40, 120, 400):
            text = str(sympy.N(value, digits))
            rows.append((text[:-1] + str((int(text[-1]) + 2) % 10), name, {}, INCORRECT))
    return rows


ROWS: list[Row] = REPORTED + _shifted() + _pieces() + _nested() + _relations() + _far_and_tiny() \
    + _strict() + _heaviside() + _other_checkers() + _complex_functions() + _long_decimals()

# right answers of the same shapes: the new points must not turn them away
RIGHT: list[tuple[Any, Any, dict]] = [
    ("abs(3 - x)", "abs(x - 3)", {}), ("sqrt((x+3)^2)", "abs(x+3)", {}),
    ("max(x,3)", "(x+3+abs(x-3))/2", {}), ("relu(x-3)", "max(x-3, 0)", {}),
    ("x sign(x)", "abs(x)", {}), ("y = abs(3 - x)", "y = abs(x-3)", {}),
    ("2abs(x-3)", "abs(2x - 6)", {}), ("ceil(x)", "-floor(-x)", {}),
    ("min(x,y)", "(x+y-abs(x-y))/2", {}), ("abs(x)^2", "x^2", {}), ("sqrt(x^2)", "abs(x)", {}),
    ("2 sin(2^40 x) cos(2^40 x)", "sin(2^41 x)", {}), ("x+1", "(x^2-1)/(x-1)", {"domain": "strict"}),
    ("σ(100)", "1/(1+e^(-100))", {}), ("tanh(30)", "(e^60-1)/(e^60+1)", {}),
    ("sqrt(x^2 - 6x + 9)", "abs(x-3)", {}), ("abs(x^2 - 4)", "abs(x-2) abs(x+2)", {}),
    ("max(abs(x), 2)", "(abs(x)+2+abs(abs(x)-2))/2", {}), ("10^(-5000) + x", "x + 10^(-5000)", {}),
    ("abs(x)/x", "sign(x)", {}), ("x < 2", "x - 2 < 0", {}),
]
