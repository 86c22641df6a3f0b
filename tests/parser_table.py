"""The parser's table: what a learner types → the SymPy it must be read as, or the error it must give.

Rows follow the intended notation of issue 2, not whatever the parser happens to do. Expected
structures are built here from SymPy constructors with ``evaluate=False`` (never by parsing a
string) and compared with ``srepr``; where only the meaning matters, `value` is compared with
structural ``==``. Error rows give the error `code` and where its span starts.

Imported by `test_parser_table.py`; each section is a list of `Row`s and `ROWS` joins them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

import sympy
from sympy import (Abs, E, EmptySet, Eq, FiniteSet, ImmutableMatrix, Integer, Interval, Rational,
                   Symbol, Tuple, oo, pi, sin)

from tutor import functions as ml

# ---- the row type -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """An extra property of a `Parsed`, with a name that says what it checks."""

    name: str
    holds: Callable[[object], bool]


@dataclass(frozen=True)
class Row:
    """One input and what it must give. Unset fields are not checked."""

    id: str
    text: str
    expr: sympy.Basic | None = None          # compared as srepr(parsed.expr)
    value: sympy.Basic | None = None         # compared with parsed.value ==
    kind: str | None = None
    interpreted: str | None = None
    notes: tuple[str, ...] = ()              # note codes that must be among parsed.notes
    note_text: str | None = None             # must appear in one of the note messages
    quiet: bool = False                      # True: no notes at all (nothing implicit was read)
    features: tuple[str, ...] = ()           # flags that must be in parsed.features
    delimiters: tuple[str, str] | None = None
    latex: tuple[str, ...] = ()              # parsed.latex must be one of these
    checks: tuple[Check, ...] = ()
    error: str | None = None                 # the ParseError code
    at: int | None = None                    # where the error span starts
    suggestion: str | None = None
    variables: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()


def ok(id: str, text: str, expr: sympy.Basic | None = None, **kw) -> Row:  # noqa: A002
    return Row(id, text, expr=expr, **kw)


ANY = "any"   # an error code for rows where only "a clear ParseError, not a crash" is specified


def err(id: str, text: str, code: str, at: int | None, **kw) -> Row:  # noqa: A002
    return Row(id, text, error=code, at=at, **kw)


def section(prefix: str, rows: list[Row]) -> list[Row]:
    return [replace(r, id=f"{prefix}/{r.id}") for r in rows]


# words that belong to the implementation (token names, Python types), never to a learner's message
_INTERNAL_WORDS = re.compile(r"Token|Tree|Group\(|Sympify|operand type|Immutable|Dense|"
                             r"\$END|\b[A-Z]{3,}\b|Traceback|object|NoneType")


def learner_words(message: str) -> bool:
    """No implementation words outside the quoted text the learner typed."""
    return not _INTERNAL_WORDS.search(re.sub(r"'[^']*'", "", message))


# ---- SymPy builders: the structure a learner typed, unevaluated ---------------------------------

x, y, z, a, b, c, d, n, k, r = (Symbol(v) for v in "x y z a b c d n k r".split())
A, T, f, w, i = Symbol("A"), Symbol("T"), Symbol("f"), Symbol("w"), Symbol("i")
theta, sigma, mu, lam = Symbol("theta"), Symbol("sigma"), Symbol("mu"), Symbol("lambda")


def add(*args: sympy.Basic) -> sympy.Basic:
    return sympy.Add(*args, evaluate=False)


def mul(*args: sympy.Basic) -> sympy.Basic:
    return sympy.Mul(*args, evaluate=False)


def pw(base: sympy.Basic, exp: sympy.Basic) -> sympy.Basic:
    return sympy.Pow(base, exp, evaluate=False)


def neg(value: sympy.Basic) -> sympy.Basic:
    """−value as typed: −1·value."""
    return mul(Integer(-1), value)


def inv(value: sympy.Basic) -> sympy.Basic:
    """The divisor of a quotient: a/b is a·b⁻¹."""
    return pw(value, Integer(-1))


def sqrt(value: sympy.Basic) -> sympy.Basic:
    return pw(value, sympy.S.Half)


def fn(cls, *args: sympy.Basic) -> sympy.Basic:
    return cls(*args, evaluate=False)


def col(*items) -> ImmutableMatrix:
    """A column vector."""
    return ImmutableMatrix([[v] for v in items])


def mat(*rows) -> ImmutableMatrix:
    return ImmutableMatrix([list(row) for row in rows])


def undefined(name: str, *args: sympy.Basic) -> sympy.Basic:
    return sympy.Function(name)(*args)


def _no_huge_integers(p) -> bool:
    """Nothing astronomically large was computed: the value is no literal, and has no huge integer."""
    value = p.value
    return not value.is_Integer and all(
        len(str(abs(int(atom)))) < 20_000 for atom in value.atoms(sympy.Integer))


STAYS_UNEVALUATED = Check("stays unevaluated", _no_huge_integers)


# ---- numbers ------------------------------------------------------------------------------------

NUMBERS = section("number", [
    ok("integer", "7", Integer(7), kind="number", quiet=True),
    ok("decimal-is-exact", "0.7", Rational(7, 10), value=Rational(7, 10), kind="number",
       features=("decimal",)),
    ok("trailing-zero-decimal", "0.70", Rational(7, 10)),
    ok("leading-point", ".5", Rational(1, 2)),
    ok("negative-decimal", "-0.25", value=Rational(-1, 4), kind="number"),
    ok("long-decimal", "3.14159", Rational(314159, 100000)),
    ok("scientific-negative-exponent", "1e-3", Rational(1, 1000), kind="number",
       features=("scientific",)),
    ok("scientific-capital-e", "2.5E3", Integer(2500), features=("scientific",)),
    ok("scientific-plus", "1E+3", Integer(1000)),
    ok("scientific-zero-exponent", "3e0", Integer(3)),
    ok("avogadro", "6.02e23", Integer(602) * Integer(10) ** 21),
    # found by hypothesis: brackets after a power hold the whole argument, as in sin(x)²·sin(y)
    ok("squared-function-then-product", "sin^2(x) sin(y)", sin(x)**2 * sin(y)),
    ok("squared-function-then-name", "sin^2(x) y", y * sin(x)**2),
    ok("percent", "70%", Rational(7, 10), value=Rational(7, 10), kind="number",
       features=("percent",), notes=("percent",)),
    ok("percent-decimal", "12.5%", value=Rational(1, 8), features=("percent",)),
    ok("percent-whole", "100%", value=Integer(1)),
    ok("percent-small", "0.5%", value=Rational(1, 200)),
    ok("fraction-stays-unreduced", "2/4", mul(Integer(2), inv(Integer(4))), value=Rational(1, 2),
       kind="number", interpreted="2/4"),
    ok("million", "1000000", Integer(10) ** 6),
    ok("negative-integer", "-5", value=Integer(-5), kind="number"),
    ok("decimal-times-name", "1.5e2x", value=150 * x, features=("scientific",)),
])

# ---- operators and precedence -------------------------------------------------------------------

OPERATORS = section("operator", [
    ok("plus", "x + y", add(x, y), quiet=True),
    ok("minus-is-plus-negative", "x - y", add(x, neg(y)), interpreted="x − y"),
    ok("minus-number", "x - 2", add(x, Integer(-2)), value=x - 2),
    ok("times", "x * y", mul(x, y), quiet=True),
    ok("divide-is-times-reciprocal", "x / y", mul(x, inv(y))),
    ok("caret-power", "x ^ y", pw(x, y)),
    ok("double-star-power", "x**2", pw(x, Integer(2))),
    ok("unary-minus-below-power", "-2^2", neg(pw(Integer(2), Integer(2))), value=Integer(-4)),
    ok("minus-x-squared", "-x^2", neg(pw(x, Integer(2))), value=-x ** 2),
    ok("bracketed-negative-squared", "(-2)^2", pw(Integer(-2), Integer(2)), value=Integer(4)),
    ok("bracketed-minus-x-squared", "(-x)^2", pw(neg(x), Integer(2)), value=x ** 2),
    ok("power-right-associative", "2^3^2", pw(Integer(2), pw(Integer(3), Integer(2))),
       value=Integer(512)),
    ok("double-star-right-associative", "2**3**2", value=Integer(512)),
    ok("implicit-product-after-division", "1/2x", mul(Integer(1), inv(Integer(2)), x),
       value=x / 2, notes=("division_then_product",), interpreted="1/2·x"),
    ok("bracketed-half-x", "(1/2)x", value=x / 2),
    ok("bracketed-denominator", "1/(2x)", mul(Integer(1), inv(mul(Integer(2), x))),
       value=1 / (2 * x)),
    ok("division-left-to-right", "a/b/c", mul(a, inv(b), inv(c)), value=a / (b * c)),
    ok("subtraction-left-to-right", "a-b-c", add(a, neg(b), neg(c)), value=a - b - c),
    ok("bracketed-subtraction", "a-(b-c)", add(a, neg(add(b, neg(c)))), value=a - b + c),
    ok("times-before-plus", "2*3+4", add(mul(Integer(2), Integer(3)), Integer(4)),
       value=Integer(10)),
    ok("plus-before-times", "2+3*4", value=Integer(14)),
    ok("brackets-first", "(2+3)*4", mul(add(Integer(2), Integer(3)), Integer(4)),
       value=Integer(20)),
    ok("negative-exponent", "2^-1", pw(Integer(2), Integer(-1)), value=Rational(1, 2)),
    ok("negative-exponent-of-e", "e^-x", pw(E, neg(x)), value=sympy.exp(-x)),
    ok("negative-exponent-of-x", "x^-2", pw(x, Integer(-2))),
    ok("reciprocal-latex", "x^-1", pw(x, Integer(-1)), latex=("x^{-1}", r"\frac{1}{x}")),
    ok("reciprocal-of-bracket-latex", "(x+1)^-1",
       latex=(r"\left(x + 1\right)^{-1}", r"\frac{1}{x + 1}")),
    ok("double-negative", "--x", value=x),
    ok("plus-minus", "a+-b", value=a - b),
    ok("times-negative", "x*-1", value=-x),
    ok("unary-plus", "+x", x),
    ok("power-then-juxtaposition", "2^x y", mul(pw(Integer(2), x), y)),
    ok("factorial", "n!", fn(sympy.factorial, n)),
    ok("factorial-number", "3!", fn(sympy.factorial, Integer(3)), value=Integer(6), kind="number"),
    ok("factorial-of-bracket", "(n+1)!", fn(sympy.factorial, add(n, Integer(1)))),
    ok("minus-factorial", "-3!", neg(fn(sympy.factorial, Integer(3))), value=Integer(-6)),
    ok("factorial-binds-tighter", "2n!", mul(Integer(2), fn(sympy.factorial, n))),
    ok("factorial-quotient", "n!/k!",
       mul(fn(sympy.factorial, n), inv(fn(sympy.factorial, k)))),
    ok("absolute-value", "|x|", fn(Abs, x), interpreted="|x|"),
    ok("absolute-value-of-difference", "|x-1|", fn(Abs, add(x, Integer(-1)))),
    ok("two-absolute-values", "|x|+|y|", add(fn(Abs, x), fn(Abs, y))),
    ok("number-times-absolute", "2|x|", mul(Integer(2), fn(Abs, x))),
    ok("absolute-of-negative", "|-3|", value=Integer(3)),
    ok("nested-absolute", "||x||", fn(Abs, fn(Abs, x))),
])

UNICODE = section("unicode", [
    # compatibility forms (NFKC), one character for one: spans still point at what was typed
    ok("full-width", "ｘ＋１", add(x, Integer(1)), notes=("compatibility_form",), note_text="ｘ as x"),
    ok("full-width-brackets", "２（ｘ）", mul(Integer(2), x), notes=("compatibility_form",)),
    ok("subscript-digit", "x₁", Symbol("x_1"), notes=("compatibility_form",)),
    ok("script-e", "ℯ^x", pw(E, x), notes=("compatibility_form",)),
    ok("superscript-stays-a-power", "x²", pw(x, Integer(2)), quiet=True),
    err("full-width-error-span", "ｘ＋", "missing_operand", 1),
    ok("times-cross", "3×4", mul(Integer(3), Integer(4)), value=Integer(12)),
    ok("middle-dot", "x·y", mul(x, y)),
    ok("dot-operator", "x⋅y", mul(x, y)),
    ok("division-sign", "6÷2", mul(Integer(6), inv(Integer(2))), value=Integer(3)),
    ok("minus-sign", "5−2", add(Integer(5), Integer(-2)), value=Integer(3)),
    ok("minus-sign-before-name", "a − b", add(a, neg(b))),
    ok("square-root-sign", "√x", sqrt(x)),
    ok("square-root-of-bracket", "√(x+1)", sqrt(add(x, Integer(1)))),
    ok("number-times-root", "2√x", mul(Integer(2), sqrt(x))),
    ok("root-of-number", "√2", sqrt(Integer(2)), kind="number"),
    ok("superscript-two", "x²", pw(x, Integer(2))),
    ok("superscript-three", "x³", pw(x, Integer(3))),
    ok("superscript-on-bracket", "(x+1)²", pw(add(x, Integer(1)), Integer(2))),
    ok("superscript-minus-one", "x⁻¹", pw(x, Integer(-1))),
    ok("superscript-then-name", "x²y", mul(pw(x, Integer(2)), y)),
    ok("pi-letter", "π", pi, kind="number"),
    ok("pi-r-squared", "π×r^2", mul(pi, pw(r, Integer(2)))),
    ok("infinity-sign", "∞", oo),
    ok("less-or-equal-sign", "2≤x", fn(sympy.Le, Integer(2), x), kind="inequality"),
    ok("greater-or-equal-sign", "x≥2", fn(sympy.Ge, x, Integer(2))),
    ok("not-equal-sign", "x≠2", fn(sympy.Ne, x, Integer(2))),
])

GREEK = section("greek", [
    ok("sigma-letter-is-a-name", "σ", sigma, kind="expression"),
    ok("sigma-spelled", "sigma", sigma),
    ok("sigma-called-is-sigmoid", "σ(z)", fn(ml.sigmoid, z)),
    ok("sigma-squared", "σ^2", pw(sigma, Integer(2))),
    ok("theta-letter", "θ", theta),
    ok("theta-spelled", "theta", theta),
    ok("mu-letter", "μ", mu),
    ok("mu-spelled", "mu", mu),
    ok("lambda-letter", "λ", lam),
    ok("lambda-spelled", "lambda", lam),
    ok("alpha-letter", "α", Symbol("alpha")),
    ok("beta-spelled", "beta", Symbol("beta")),
    ok("epsilon-letter", "ε", Symbol("epsilon")),
    ok("capital-delta", "Δ", Symbol("Delta")),
    ok("number-times-theta", "2θ", mul(Integer(2), theta)),
    ok("mean-plus-sd", "μ + σ", add(mu, sigma)),
    ok("eigenvalue-polynomial", "λ^2 - 4λ + 3",
       add(pw(lam, Integer(2)), neg(mul(Integer(4), lam)), Integer(3))),
    ok("greek-name-glued-to-letter", "thetax", mul(theta, x), notes=("split_name",)),
])

# ---- implicit multiplication --------------------------------------------------------------------

IMPLICIT = section("implicit", [
    ok("number-name", "2x", mul(Integer(2), x), interpreted="2·x"),
    ok("number-space-name", "2 x", mul(Integer(2), x)),
    ok("number-bracket-stays-product", "2(x+1)", mul(Integer(2), add(x, Integer(1))),
       value=2 * x + 2, interpreted="2·(x + 1)"),
    ok("two-brackets", "(x+1)(x-1)", mul(add(x, Integer(1)), add(x, Integer(-1))),
       interpreted="(x + 1)·(x − 1)"),
    ok("names-with-space", "x y", mul(x, y), interpreted="x·y"),
    ok("number-function", "2 sin(x)", mul(Integer(2), fn(sympy.sin, x))),
    ok("exponential-times-bracket", "e^x(x+1)", mul(pw(E, x), add(x, Integer(1))),
       value=(x + 1) * sympy.exp(x), notes=("call_as_product",)),
    ok("bracket-then-name", "(x+2)y", mul(add(x, Integer(2)), y)),
    ok("bracket-then-number", "(5x+1)3", mul(add(mul(Integer(5), x), Integer(1)), Integer(3))),
    ok("function-then-name", "sin(x)a", mul(fn(sympy.sin, x), a)),
    ok("function-then-bracket", "sin(x)(a+b)", mul(fn(sympy.sin, x), add(a, b))),
    ok("function-of-product-then-bracket", "cos(2x)(x+1)",
       mul(fn(sympy.cos, mul(Integer(2), x)), add(x, Integer(1)))),
    ok("sum-with-product", "2+3(x+1)", add(Integer(2), mul(Integer(3), add(x, Integer(1))))),
    ok("negative-number-bracket", "-12(7x+1)", value=-12 * (7 * x + 1)),
    ok("negative-monomial-bracket", "-3x(1+x)", value=-3 * x * (1 + x)),
    ok("spaced-polynomial", "1+3x^2+7 x",
       add(Integer(1), mul(Integer(3), pw(x, Integer(2))), mul(Integer(7), x))),
    ok("number-pi-name", "2πr", mul(Integer(2), pi, r)),
    ok("number-pi", "2pi", mul(Integer(2), pi), kind="number"),
    ok("declared-letters-xy", "xy", mul(x, y), variables=("x", "y"), notes=("split_name",),
       note_text="x·y", interpreted="x·y"),
    ok("declared-letters-xyz", "xyz", mul(x, y, z), variables=("x", "y", "z")),
    ok("declared-letters-then-power", "xy²", mul(x, pw(y, Integer(2))), variables=("x", "y")),
    ok("declared-name-bracket", "x(x+1)", mul(x, add(x, Integer(1))), variables=("x",)),
    ok("undeclared-name-bracket", "x(x+1)", value=x * (x + 1)),
    ok("subscripted-names", "x_1 x_2", mul(Symbol("x_1"), Symbol("x_2"))),
    ok("weights-and-inputs", "w_1 x_1 + w_0",
       add(mul(Symbol("w_1"), Symbol("x_1")), Symbol("w_0"))),
    ok("greek-times-greek", "σ(z)(1-σ(z))",
       mul(fn(ml.sigmoid, z), add(Integer(1), neg(fn(ml.sigmoid, z))))),
    ok("explicit-star-is-quiet", "2*x", mul(Integer(2), x), quiet=True),
    ok("feature-number-name", "2x", features=("implicit_product",)),
    ok("feature-space", "x y", features=("implicit_product",)),
    ok("feature-bracket", "2(x+1)", features=("implicit_product",)),
    err("two-numbers-side-by-side", "12 3", "two_numbers", 0, suggestion="12*3"),
    err("number-then-decimal", "12 3.7", "two_numbers", 0),
    err("two-decimal-points", "1.2.3", "bad_number", 0),
])

# ---- functions ----------------------------------------------------------------------------------


def _call(name: str, cls, *, text: str | None = None) -> Row:
    return ok(f"{name}", text or f"{name}(x)", fn(cls, x), quiet=True)


FUNCTIONS = section("function", [
    _call("sin", sympy.sin), _call("cos", sympy.cos), _call("tan", sympy.tan),
    _call("sec", sympy.sec), _call("csc", sympy.csc), _call("cot", sympy.cot),
    _call("asin", sympy.asin), _call("acos", sympy.acos), _call("atan", sympy.atan),
    _call("arcsin", sympy.asin), _call("arccos", sympy.acos), _call("arctan", sympy.atan),
    _call("sinh", sympy.sinh), _call("cosh", sympy.cosh), _call("tanh", sympy.tanh),
    _call("exp", sympy.exp), _call("ln", sympy.log), _call("log", sympy.log),
    _call("abs", Abs), _call("floor", sympy.floor), _call("ceil", sympy.ceiling),
    _call("sign", sympy.sign), _call("sigmoid", ml.sigmoid), _call("relu", ml.relu),
    _call("softplus", ml.softplus),
    ok("sigma-sign-call", "σ(x)", fn(ml.sigmoid, x)),
    ok("sqrt", "sqrt(x)", sqrt(x)),
    ok("log10", "log10(x)", fn(sympy.log, x, Integer(10))),
    ok("log2", "log2(x)", fn(sympy.log, x, Integer(2))),
    ok("log-with-base", "log(x, b)", fn(sympy.log, x, b)),
    ok("max", "max(x, y)", fn(sympy.Max, x, y)),
    ok("min", "min(x, y)", fn(sympy.Min, x, y)),
    ok("max-of-three", "max(1, 2, 3)", value=Integer(3)),
    ok("binomial", "binomial(n, k)", fn(sympy.binomial, n, k)),
    ok("choose", "choose(n, k)", fn(sympy.binomial, n, k)),
    ok("binomial-value", "binomial(5, 2)", value=Integer(10), kind="number"),
    ok("choose-value", "choose(5, 2)", value=Integer(10)),
    ok("binom", "binom(n, k)", fn(sympy.binomial, n, k)),
    # C(n, k) as probability books write n choose k (a product cannot take a pair); C(x + 1) is C·(x + 1)
    ok("binomial-c", "C(5, 2)", value=Integer(10), notes=("binomial_c",), interpreted="binomial(5, 2)"),
    ok("binomial-c-in-a-product", "C(11, 5) (1/6)^5", value=sympy.binomial(11, 5) / 6**5,
       notes=("binomial_c",)),
    ok("log10-value", "log10(100)", value=Integer(2)),
    ok("log2-value", "log2(8)", value=Integer(3)),
    ok("log-base-value", "log(8, 2)", value=Integer(3)),
    ok("ln-of-e", "ln(e)", value=Integer(1)),
    ok("exp-of-zero", "exp(0)", value=Integer(1)),
    ok("sqrt-value", "sqrt(4)", value=Integer(2)),
    ok("floor-value", "floor(2.5)", value=Integer(2)),
    ok("ceil-value", "ceil(2.5)", value=Integer(3)),
    ok("sign-value", "sign(-2)", value=Integer(-1)),
    ok("abs-value", "abs(-3)", value=Integer(3)),
    ok("sigmoid-at-zero", "σ(0)", value=Rational(1, 2)),
    ok("relu-of-negative", "relu(-2)", value=Integer(0)),
    ok("cosec-alias", "cosec(x)", fn(sympy.csc, x)),
    ok("exp-of-quadratic", "exp(-x^2/2)", value=sympy.exp(-x ** 2 / 2)),
    ok("power-of-call", "sin(x)^2", pw(fn(sympy.sin, x), Integer(2)), quiet=True),
    ok("reciprocal-of-call", "sin(x)^-1", pw(fn(sympy.sin, x), Integer(-1)),
       value=1 / sympy.sin(x)),
    err("no-argument", "sin()", "arity", 0),
    err("log-three-arguments", "log(x, 2, 3)", "arity", 0),
    err("binomial-one-argument", "binomial(5)", "arity", 0),
    err("bare-name-alone", "sin", "missing_argument", 0),
    err("max-without-brackets", "max", "missing_argument", 0),
])

BARE = section("bare-function", [
    ok("sin-x", "sin x", fn(sympy.sin, x), notes=("bare_function",), interpreted="sin(x)"),
    ok("sin-2x", "sin 2x", fn(sympy.sin, mul(Integer(2), x)), notes=("bare_function",),
       interpreted="sin(2·x)", note_text="sin(2·x)"),
    ok("ln-x", "ln x", fn(sympy.log, x), notes=("bare_function",)),
    ok("ln-2x", "ln 2x", fn(sympy.log, mul(Integer(2), x))),
    ok("log-x", "log x", fn(sympy.log, x)),
    ok("sqrt-x", "sqrt x", sqrt(x)),
    ok("exp-x", "exp x", fn(sympy.exp, x)),
    ok("sin-x-plus-one", "sin x + 1", add(fn(sympy.sin, x), Integer(1))),
    ok("sin-x-cos-x", "sin x cos x", mul(fn(sympy.sin, x), fn(sympy.cos, x)),
       interpreted="sin(x)·cos(x)"),
    ok("two-sin-x", "2 sin x", mul(Integer(2), fn(sympy.sin, x))),
    ok("x-sin-x", "x sin x", mul(x, fn(sympy.sin, x))),
    ok("sin-x-over-two", "sin x/2", mul(fn(sympy.sin, x), inv(Integer(2))),
       value=sympy.sin(x) / 2),
    ok("sin-of-power", "sin x^2", fn(sympy.sin, pw(x, Integer(2)))),
    ok("sin-squared-of-x", "sin^2(x)", pw(fn(sympy.sin, x), Integer(2)),
       interpreted="sin(x)²"),
    ok("sin-squared-bare", "sin^2 x", pw(fn(sympy.sin, x), Integer(2))),
    ok("sin-superscript-two", "sin²(x)", pw(fn(sympy.sin, x), Integer(2))),
    ok("pythagoras", "cos^2(x) + sin^2(x)",
       add(pw(fn(sympy.cos, x), Integer(2)), pw(fn(sympy.sin, x), Integer(2)))),
    ok("sin-inverse", "sin^-1(x)", fn(sympy.asin, x), notes=("inverse_function",)),
    ok("cos-inverse", "cos^-1(x)", fn(sympy.acos, x)),
    ok("tan-inverse-bare", "tan^-1 x", fn(sympy.atan, x)),
    ok("tanh-squared", "1 - tanh^2(x)", add(Integer(1), neg(pw(fn(sympy.tanh, x), Integer(2))))),
    ok("sigmoid-bare", "sigmoid z", fn(ml.sigmoid, z)),
    ok("sinh-bare", "sinh x", fn(sympy.sinh, x)),
    ok("explicit-call-is-quiet", "sin(2x)", fn(sympy.sin, mul(Integer(2), x)), quiet=True),
    ok("e-to-ln", "e^(ln 2)", value=Integer(2)),
    ok("cross-entropy", "-(y ln σ(z) + (1 - y) ln(1 - σ(z)))",
       value=-(y * sympy.log(ml.sigmoid(z)) + (1 - y) * sympy.log(1 - ml.sigmoid(z)))),
    ok("x-cos-x-minus-sin-x", "(x cos x - sin x)/x^2",
       value=(x * sympy.cos(x) - sympy.sin(x)) / x ** 2),
    err("glued-sinx", "sinx", "unknown_function", 0, suggestion="sin(x)"),
    err("glued-cosx", "cosx", "unknown_function", 0, suggestion="cos(x)"),
    err("glued-lnx", "lnx", "unknown_function", 0, suggestion="ln(x)"),
    err("glued-sqrtx", "sqrtx", "unknown_function", 0, suggestion="sqrt(x)"),
    err("glued-sinx-in-sum", "1 + sinx", "unknown_function", 4, suggestion="sin(x)"),
    err("letter-glued-before-function", "xsin(x)", "unknown_function", 0),
    err("unknown-function", "foo(x)", "unknown_function", 0),
    err("misspelt-function", "sigmoyd(x)", "unknown_function", 0, suggestion="sigmoid"),
])

CONSTANTS = section("constant", [
    ok("infty", "infty", oo, kind="number"),
    ok("atan2", "atan2(1, -1)", fn(sympy.atan2, Integer(1), Integer(-1)), value=3 * pi / 4, kind="number"),
    # `or` between relations separates a list of answers (two characters for two: spans hold)
    ok("or-between-equations", "x = 1 or x = 2", kind="list", notes=("or_as_list",)),
    ok("or-between-three", "x = 1 or x = 2 or x = 3", kind="list", notes=("or_as_list",)),
    ok("or-without-relations-is-letters", "2 or 3", notes=("split_name",)),
    # square brackets glued to a function name are its call brackets: cos[x^2] is cos(x²)
    ok("call-square-brackets", "cos[x^2]", fn(sympy.cos, pw(x, Integer(2))), notes=("bare_function",)),
    # ... and without brackets or with square ones, a typed matrix is refused as in sqrt([[1, 2], [3, 4]])
    err("square-brackets-matrix", "sqrt[[1,2],[3,4]]", "not_a_scalar", 0),
    err("bare-function-of-a-matrix", "sqrt [[1,2],[3,4]]", "not_a_scalar", 0),
    err("square-brackets-vector", "ln[1,2]", "not_a_scalar", 0),
    err("inverse-function-of-a-vector", "sin^-1 [1,2]", "not_a_scalar", 0),
    # a matrix operation before a typed matrix is that operation, as det([[1, 2], [3, 4]]) is, with
    # nothing declared; before anything else, letters (det x is d·e·t·x)
    ok("bare-det-of-a-typed-matrix", "det [[1,2],[3,4]]", value=Integer(-2), kind="number",
       notes=("bare_function",)),
    ok("glued-tr-of-a-typed-matrix", "tr[[1,2],[3,4]]", value=Integer(5), kind="number"),
    ok("bare-det-in-a-product", "2 det [[1,2],[3,4]] + 1", value=Integer(-3)),
    ok("bare-det-of-letters", "det x", notes=("split_name",)),
    err("bare-det-of-a-vector", "det [1,2]", "matrix_shape", 0),
    ok("call-square-brackets-power", "sin^2[x]", pw(fn(sympy.sin, x), Integer(2))),
    ok("interval-to-infty", "[0, infty)", Interval(0, oo, right_open=True)),
    ok("e", "e", E, kind="number"),
    ok("e-to-x", "e^x", pw(E, x), value=sympy.exp(x)),
    ok("e-to-bracket", "e^(2x)", pw(E, mul(Integer(2), x))),
    ok("e-squared-times-x", "e^2x", mul(pw(E, Integer(2)), x)),
    ok("pi", "pi", pi, kind="number"),
    ok("pi-over-two", "pi/2", mul(pi, inv(Integer(2))), kind="number"),
    ok("two-space-pi", "2 pi", mul(Integer(2), pi)),
    ok("inf", "inf", oo),
    ok("oo", "oo", oo),
    ok("minus-inf", "-inf", value=-oo, interpreted="−∞"),
    ok("minus-infinity-sign", "-∞", value=-oo, interpreted="−∞"),
    ok("x-minus-infinity", "x - oo", value=x - oo, interpreted="x − ∞"),
    ok("sin-of-pi", "sin(pi)", value=Integer(0)),
    ok("i-is-a-variable", "i", i, kind="expression"),
    ok("i-squared-stays", "i^2", pw(i, Integer(2)), value=i ** 2),
    ok("complex-looking", "3 + 4i", add(Integer(3), mul(Integer(4), i))),
    ok("i-times-bracket", "i(1+i)", value=i * (1 + i)),
    ok("e-to-i-pi", "e^(iπ)", value=sympy.exp(i * pi)),
])

CASE = section("case", [
    err("Sin", "Sin(x)", "wrong_case", 0, suggestion="sin"),
    err("SIN", "SIN(x)", "wrong_case", 0, suggestion="sin"),
    err("Sin-bare", "Sin x", "wrong_case", 0, suggestion="sin"),
    err("COS-bare", "COS x", "wrong_case", 0, suggestion="cos"),
    err("LN", "LN(x)", "wrong_case", 0, suggestion="ln"),
    err("Ln-bare", "Ln x", "wrong_case", 0, suggestion="ln"),
    err("In-for-ln", "In(x)", "wrong_case", 0, suggestion="ln"),
    err("In-for-ln-bare", "In x", "wrong_case", 0, suggestion="ln"),
    err("In-inside-sum", "2 + In(x)", "wrong_case", 4, suggestion="ln"),
    err("Exp", "Exp(x)", "wrong_case", 0, suggestion="exp"),
    err("Log", "Log(x)", "wrong_case", 0, suggestion="log"),
    err("Sqrt", "Sqrt(x)", "wrong_case", 0, suggestion="sqrt"),
    ok("capital-letter-is-a-name", "X", Symbol("X")),
    ok("capital-E-is-a-name", "E", Symbol("E")),
])

SUBSCRIPTS = section("subscript", [
    ok("x-1", "x_1", Symbol("x_1"), quiet=True),
    ok("w-0", "w_0", Symbol("w_0")),
    ok("theta-j-letter", "θ_j", Symbol("theta_j")),
    ok("theta-0-spelled", "theta_0", Symbol("theta_0")),
    ok("braced", "x_{12}", Symbol("x_12")),
    ok("braced-letters", "x_{ij}", Symbol("x_ij")),
    ok("letter-index", "x_i", Symbol("x_i")),
    ok("capital-with-index", "M_1", Symbol("M_1")),
    ok("digit-suffix", "x1", Symbol("x_1"), notes=("subscript",)),
    ok("subscript-plus-one", "a_n+1", add(Symbol("a_n"), Integer(1))),
    ok("average-of-two", "(x_1 + x_2)/2", value=(Symbol("x_1") + Symbol("x_2")) / 2),
    ok("number-times-greek-subscript", "3beta_47", mul(Integer(3), Symbol("beta_47"))),
    ok("variables-are-subscripted-names", "θ_j x_1 + w_0",
       checks=(Check("variables are theta_j, x_1, w_0",
                     lambda p: p.variables == {"theta_j", "x_1", "w_0"}),)),
    err("subscript-without-name", "_x", "bad_subscript", 0),
])

# ---- structures ---------------------------------------------------------------------------------

STRUCTURES = section("structure", [
    ok("vector-square", "[1, 2, 3]", col(1, 2, 3), kind="vector", delimiters=("[", "]")),
    ok("vector-round", "(1, 2, 3)", col(1, 2, 3), kind="vector", delimiters=("(", ")")),
    ok("vector-of-names", "[x, y]", col(x, y), kind="vector"),
    ok("vector-negative-entry", "[1, -2]", col(1, -2)),
    ok("vector-semicolons", "[1; 2; 3]", col(1, 2, 3), kind="vector"),
    ok("pair-round-is-vector", "(0, 1)", col(0, 1), kind="vector", delimiters=("(", ")")),
    ok("pair-square-is-vector", "[0, 1]", col(0, 1), kind="vector", delimiters=("[", "]")),
    ok("matrix-nested", "[[1,2],[3,4]]", mat((1, 2), (3, 4)), kind="matrix"),
    ok("matrix-nested-spaced", "[[1, 2], [3, 4]]", mat((1, 2), (3, 4)), kind="matrix"),
    ok("matrix-matlab", "[1 2; 3 4]", mat((1, 2), (3, 4)), kind="matrix"),
    ok("matrix-commas-and-semicolons", "[1, 2; 3, 4]", mat((1, 2), (3, 4))),
    ok("matrix-matlab-negative", "[1 -2; 3 4]", mat((1, -2), (3, 4))),
    ok("matrix-matlab-names", "[a b; c d]", mat((a, b), (c, d))),
    ok("matrix-matlab-products", "[2x 3; 1 y]", mat((mul(Integer(2), x), 3), (1, y))),
    ok("matrix-matlab-sum-entry", "[x+1 2; 3 4]", mat((add(x, Integer(1)), 2), (3, 4))),
    ok("matrix-one-row", "[[1, 2, 3]]", mat((1, 2, 3)), kind="matrix"),
    ok("matrix-of-round-rows", "[(1, 2), (3, 4)]", mat((1, 2), (3, 4)), kind="matrix"),
    ok("round-matrix-is-not-flattened", "((1, 2), (3, 4))", value=mat((1, 2), (3, 4)),
       kind="matrix"),
    ok("transpose-of-name", "A^T", fn(ml.transpose_of, A), notes=("transpose",)),
    ok("transpose-in-product", "θ^T x", mul(fn(ml.transpose_of, theta), x)),
    ok("linear-model", "w^T x + b", add(mul(fn(ml.transpose_of, w), x), b)),
    # a transpose of a typed matrix is computed, and the reading keeps it as typed (a preview never computes)
    ok("transpose-of-vector", "[1, 2, 3]^T", value=mat((1, 2, 3)), kind="matrix", interpreted="[1, 2, 3]^T"),
    ok("transpose-of-matrix", "[[1, 2], [3, 4]]^T", value=mat((1, 3), (2, 4)), interpreted="[[1, 2], [3, 4]]^T"),
    ok("transpose-of-matlab-matrix", "[1 2; 3 4]^T", value=mat((1, 3), (2, 4)), interpreted="[[1, 2], [3, 4]]^T"),
    ok("declared-T-is-a-power", "A^T", pw(A, T), variables=("A", "T")),
    ok("vector-sum", "[1, 2] + [3, 4]", value=col(4, 6), kind="vector"),
    ok("negated-vector", "-[1, 2]", value=col(-1, -2)),
    ok("matrix-times-vector-matlab", "[1 2; 3 4][1; 1]", value=col(3, 7), kind="vector"),
    ok("matrix-squared", "[[1,2],[3,4]]^2", value=mat((7, 10), (15, 22))),
    ok("scalar-times-vector", "2[1, 2]", value=col(2, 4), kind="vector"),
    ok("scalar-star-vector", "2*[1, 2]", value=col(2, 4)),
    ok("vector-over-scalar", "[2, 4]/2", value=col(1, 2)),
    ok("matrix-times-vector-nested", "[[1, 2], [3, 4]][1, 2]", value=col(5, 11)),
    ok("row-times-column", "[1, 2]^T [3, 4]", value=mat((11,))),
    err("ragged-nested", "[[1, 2], [3]]", "ragged_matrix", 0),
    err("ragged-matlab", "[1 2; 3]", "ragged_matrix", 0),
    err("numbers-and-rows-mixed", "[[1, 2], 3]", "ragged_matrix", 0),
    err("round-tuple-mixed", "((x, y), a)", "ragged_matrix", 0),
    err("incompatible-shapes", "[1, 2] * [3, 4]", "matrix_shape", 0),
    err("vector-plus-number", "[1, 2] + 1", "matrix_shape", 0),
    err("binomial-of-a-vector", "binomial(n, [a])", ANY, None),
])

RELATIONS = section("relation", [
    ok("equation", "x = 2", fn(Eq, x, Integer(2)), kind="equation"),
    ok("line", "y = 2x + 1", fn(Eq, y, add(mul(Integer(2), x), Integer(1))), kind="equation"),
    ok("quadratic-equation", "x^2 = 4", fn(Eq, pw(x, Integer(2)), Integer(4))),
    ok("two-unknowns", "2x + 3y = 7",
       fn(Eq, add(mul(Integer(2), x), mul(Integer(3), y)), Integer(7))),
    ok("less", "x < 1", fn(sympy.Lt, x, Integer(1)), kind="inequality"),
    ok("less-equal", "x <= 1", fn(sympy.Le, x, Integer(1)), kind="inequality"),
    ok("less-equal-sign", "x ≤ 1", fn(sympy.Le, x, Integer(1))),
    ok("greater", "x > 1", fn(sympy.Gt, x, Integer(1))),
    ok("greater-equal", "x >= 1", fn(sympy.Ge, x, Integer(1))),
    ok("greater-equal-sign", "x ≥ 1", fn(sympy.Ge, x, Integer(1))),
    ok("not-equal", "x != 1", fn(sympy.Ne, x, Integer(1)), kind="inequality"),
    ok("not-equal-sign", "x ≠ 1", fn(sympy.Ne, x, Integer(1))),
    ok("chain", "0 < x < 1",
       fn(sympy.And, fn(sympy.Lt, Integer(0), x), fn(sympy.Lt, x, Integer(1))),
       kind="inequality", interpreted="0 < x < 1"),
    ok("chain-mixed-strictness", "0 <= x < 1",
       fn(sympy.And, fn(sympy.Le, Integer(0), x), fn(sympy.Lt, x, Integer(1)))),
    ok("chain-signs", "0 ≤ x ≤ 1",
       fn(sympy.And, fn(sympy.Le, Integer(0), x), fn(sympy.Le, x, Integer(1)))),
    ok("chain-downwards", "3 > x > 1",
       fn(sympy.And, fn(sympy.Gt, Integer(3), x), fn(sympy.Gt, x, Integer(1)))),
    ok("chain-of-three", "a < b < c < d",
       fn(sympy.And, fn(sympy.Lt, a, b), fn(sympy.Lt, b, c), fn(sympy.Lt, c, d))),
    ok("chain-keeps-typed-order", "3 > x >= 1", interpreted="3 > x ≥ 1"),
    # an empty range is a wrong answer, but still the inequality the learner typed, not False
    ok("contradictory-chain-stays-a-chain", "2 > x >= 2", kind="inequality",
       checks=(Check("is not collapsed to True/False",
                     lambda p: not isinstance(p.expr, sympy.logic.boolalg.BooleanAtom)),)),
    ok("mean-equation", "μ = 3.5", fn(Eq, mu, Rational(7, 2))),
    err("equation-chain", "x = 1 = 2", "relation_chain", 6),
    err("percent-of-a-set", "{}%", "percent", 0),   # found by hypothesis: SymPy multiplied a set
    err("chain-both-ways", "0 < x > 1", "relation_chain", 0),
    err("backward-greater-equal", "x => 1", "relation", 2, suggestion=">="),
    err("backward-less-equal", "x =< 1", "relation", 2, suggestion="<="),
    err("double-equals", "x == 1", "relation", 2, suggestion="="),
    err("basic-not-equal", "x <> 1", "relation", 2, suggestion="!="),
])

COLLECTIONS = section("collection", [
    ok("set", "{1, 2}", fn(FiniteSet, Integer(1), Integer(2)), kind="set", delimiters=("{", "}")),
    ok("set-of-names", "{x, y, z}", fn(FiniteSet, x, y, z), kind="set"),
    ok("set-of-one-decimal", "{1.5}", fn(FiniteSet, Rational(3, 2))),
    ok("empty-set", "{}", EmptySet, kind="set"),
    ok("interval-open-closed", "(0, 1]", Interval(0, 1, True, False), kind="interval",
       delimiters=("(", "]")),
    ok("interval-closed-open", "[0, 1)", Interval(0, 1, False, True), kind="interval",
       delimiters=("[", ")")),
    ok("interval-to-inf", "[0, inf)", Interval(0, oo, False, True), kind="interval"),
    ok("interval-to-infinity-sign", "[0, ∞)", Interval(0, oo, False, True)),
    ok("interval-from-minus-inf", "(-inf, 0]", Interval(-oo, 0, True, False),
       interpreted="(−∞, 0]"),
    ok("interval-of-names", "(a, b]", Interval(a, b, True, False)),
    ok("list", "1, -2", Tuple(Integer(1), Integer(-2)), kind="list", interpreted="1, −2"),
    ok("list-of-three", "1, 2, 3", Tuple(Integer(1), Integer(2), Integer(3)), kind="list"),
    ok("list-of-equations", "x = 1, x = 2",
       Tuple(fn(Eq, x, Integer(1)), fn(Eq, x, Integer(2))), kind="list"),
    ok("list-of-vectors", "[1, 2], [3, 4]", Tuple(col(1, 2), col(3, 4)), kind="list"),
    ok("list-of-sets", "{1}, {2}", value=Tuple(FiniteSet(1), FiniteSet(2))),
])

DECLARED = section("declared", [
    ok("function-call", "f(x)", undefined("f", x), functions=("f",), quiet=True),
    ok("function-two-arguments", "f(x, y)", undefined("f", x, y), functions=("f",)),
    ok("determinant", "det(A)", undefined("det", A), functions=("det",)),
    ok("two-functions", "f(x)+g(x)", add(undefined("f", x), undefined("g", x)),
       functions=("f", "g")),
    ok("undeclared-f-is-product", "f(x)", mul(f, x), notes=("call_as_product",),
       note_text="f·(x)"),
    ok("other-function-declared", "f(x)", mul(f, x), functions=("g",)),
    ok("declared-long-name", "ab", Symbol("ab"), variables=("ab",)),
    ok("declared-theta-and-x", "theta x", mul(theta, x), variables=("theta", "x")),
    ok("declared-kx", "kx", mul(k, x), variables=("k", "x")),
    ok("declared-multi-letter-in-product", "2mm", mul(Integer(2), Symbol("mm")),
       variables=("mm",)),
    err("undeclared-det", "det(A)", "unknown_function", 0),
])

# ---- errors -------------------------------------------------------------------------------------

ERRORS = section("error", [
    # notation that means an operation an answer cannot hold: refused, never a silent product
    err("derivative-operator", "d/dx sin(x)", "derivative_operator", 0),
    err("derivative-operator-bracket", "d/dx (x^2)", "derivative_operator", 0),
    err("derivative-operator-after-sum", "1 + d/dt t^2", "derivative_operator", 4),
    err("expectation", "E(X)", "expectation", 0),
    err("expectation-square", "E[X]", "expectation", 0),
    err("expectation-in-sum", "2 + E(X^2)", "expectation", 4),
    err("variance", "Var(X)", "expectation", 0),
    err("covariance", "Cov(X, Y)", "expectation", 0),
    err("expectation-equals-vector", "E(X) = [1, 2]", "expectation", 0),
    err("expectation-equals-expectation", "E(X) = E(Y)", "expectation", 7),
    err("expectation-equals-nothing", "E(X) = 2 +", ANY, 9),
    # the value given as an equation naming the quantity: read as x = 2 is (the checker takes the value)
    ok("expectation-value", "E(X) = 2.5", sympy.Eq(Symbol("E(X)"), Rational(5, 2), evaluate=False),
       kind="equation", notes=("named_value",)),
    ok("variance-value-spaced", "Var [ X ] =0.25", sympy.Eq(Symbol("Var[X]"), Rational(1, 4), evaluate=False),
       kind="equation", notes=("named_value",)),
    ok("covariance-value", "Cov(X, Y) = 0", sympy.Eq(Symbol("Cov(X,Y)"), Integer(0), evaluate=False),
       kind="equation", notes=("named_value",)),
    ok("declared-e-times-bracket", "E(X)", variables=("E", "X"), value=Symbol("E") * Symbol("X")),
    err("unclosed-round", "(x+1", "unclosed_bracket", 0),
    err("unclosed-after-number", "2(x+1", "unclosed_bracket", 1),
    err("unclosed-outer", "((x)", "unclosed_bracket", 0),
    err("unclosed-call", "sin(x", "unclosed_bracket", 3),
    err("unclosed-square", "[1, 2", "unclosed_bracket", 0),
    err("unclosed-brace", "{1, 2", "unclosed_bracket", 0),
    err("unclosed-bar", "|x", "unclosed_bar", 0),
    err("unclosed-second-bar", "|x| + |y", "unclosed_bar", 6),
    err("closed-twice", "(x+1))", "unopened_bracket", 5),
    err("closed-never-opened", "x+1)", "unopened_bracket", 3),
    err("lone-closer", ")", "unopened_bracket", 0),
    err("lone-square-closer", "x]", "unopened_bracket", 1),
    err("brace-closed-by-round", "{x)", "mismatched_bracket", 2),
    err("missing-after-plus", "2x +", "missing_operand", 3),
    err("missing-after-minus", "3 -", "missing_operand", 2),
    err("missing-after-power", "x^", "missing_operand", 1),
    err("missing-after-times", "2x*", "missing_operand", 2),
    err("missing-after-equals", "x =", "missing_operand", 2),
    err("missing-after-comma", "x,", "missing_operand", 1),
    err("missing-before-times", "*2", "missing_operand", 0),
    err("missing-before-divide", "/2", "missing_operand", 0),
    err("plus-then-times", "2 + * 3", "two_operators", 2),
    err("times-then-divide", "x */ y", "two_operators", 2),
    err("power-then-power", "x ^ ^ 2", "two_operators", 2),
    err("plus-then-bang", "2+!4*x", "two_operators", 1),
    err("empty-brackets", "()", "empty_brackets", 0),
    err("decimal-comma", "0,5", "decimal_comma", 1, suggestion="0.5"),
    err("decimal-comma-pi", "3,14", "decimal_comma", 1, suggestion="3.14"),
    err("decimal-comma-negative", "-1,29", "decimal_comma", 2, suggestion="-1.29"),
    err("decimal-comma-in-equation", "x = 0,5", "decimal_comma", 5),
    err("dollar", "2 $ 3", "bad_char", 2),
    err("emoji", "💗", "bad_char", 0),
    err("question-mark", "x ? y", "bad_char", 2),
    err("hash", "a # b", "bad_char", 2),
    err("ampersand", "x & y", "bad_char", 2),
    # ± is read now (two answers: tests/test_parser_notation.py); alone at the end, something is missing
    err("plus-minus-sign", "x = ±", "missing_operand", 4),
    # an error inside an answer with ± points at the text (the copies for each sign keep positions)
    err("plus-minus-then-two-numbers", "±{0 4}", "two_numbers", 2),
    # SymPy compares an interval's ends on sight: an end too large to compute is refused
    err("interval-end-too-large", "(9^9^97, 9^9^9!]", "too_large", 0),
    err("matrix-entry-too-large", "[[9^9^9, 1], [1, 1]]", "too_large", 0),
    err("prime", "f'(x)+1", "prime", 1),
    # LaTeX is read (format="auto": tutor.parser.latex); a command it does not know is refused
    err("latex-command", "\\foo{1}", "latex", 0),
    err("empty", "", "empty", 0),
    err("only-spaces", "   ", "empty", 0),
])

# ---- limits -------------------------------------------------------------------------------------

_LONG_SUM = "+".join(["1"] * 1000) + " "   # 2,000 characters, flat: nothing nested
_DIGITS = "1234567890" * 100               # 1,000 digits

LIMITS = section("limit", [
    ok("2000-characters-flat-sum", _LONG_SUM, value=Integer(1000)),
    ok("2000-letters", "x" * 2000, value=x ** 2000),
    err("2001-characters", "x" * 2001, "too_long", 2000),
    ok("nested-100-deep", "(" * 100 + "x" + ")" * 100, x),
    err("nested-101-deep", "(" * 101 + "x" + ")" * 101, "too_deep", 100),
    err("square-nested-101-deep", "[" * 101 + "x" + "]" * 101, "too_deep", 100),
    ok("1000-digit-integer", _DIGITS, Integer(int(_DIGITS))),
    ok("negative-1000-digit-integer", "-" + _DIGITS, value=-Integer(int(_DIGITS))),
    err("1001-digit-integer", _DIGITS + "1", "number_too_long", 0),
    err("1001-digit-integer-in-sum", "x + " + _DIGITS + "1", "number_too_long", 4),
    ok("power-tower", "9^9^9^9",
       pw(Integer(9), pw(Integer(9), pw(Integer(9), Integer(9)))), kind="number",
       checks=(STAYS_UNEVALUATED,)),
    ok("factorial-of-googol", "(10^100)!", fn(sympy.factorial, pw(Integer(10), Integer(100))),
       kind="number", checks=(STAYS_UNEVALUATED,)),
    ok("huge-exponent", "x^(10^10)", pw(x, pw(Integer(10), Integer(10))),
       value=pw(x, Integer(10) ** 10)),
    ok("googol-factorial-plus-one", "(10^100)! + 1", checks=(STAYS_UNEVALUATED,)),
    ok("ten-tower", "10^10^10", checks=(STAYS_UNEVALUATED,)),
    ok("googol-is-computed", "10^100", value=Integer(10) ** 100),
])

ROWS: list[Row] = (NUMBERS + OPERATORS + UNICODE + GREEK + IMPLICIT + FUNCTIONS + BARE + CONSTANTS
                   + CASE + SUBSCRIPTS + STRUCTURES + RELATIONS + COLLECTIONS + DECLARED + ERRORS
                   + LIMITS)
