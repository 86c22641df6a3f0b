r"""The declarations: one block per operation, every facet next to the others.

The order of `LEARNER` is the order of the parser's names table (it decides ties between
suggestions for a misspelt name); `ENGINE` holds the operations the engine computes with but a
learner cannot type (the step function H that ReLU′ gives, Γ and erf from author formulas).

>>> [op.name for op in LEARNER][:3]
['sin', 'cos', 'tan']
"""
from __future__ import annotations

import cmath
import math
from collections.abc import Callable

import sympy
from sympy import Abs, Basic, S, sqrt

from tutor import functions as ml
from tutor.ops.fl import CFloat, Float, creal
from tutor.ops.mp import Complex, Real, lift
from tutor.ops.operation import (
    Break, BreakAt, Breakpoints, Domain, NoStepRule, Numeric, Operation, Printers, Shape, Spelling, StepRule,
)

D = r"\frac{d}{dx}"
KINK_AT_ZERO = Breakpoints(Break.KINK, BreakAt.ZERO)
JUMP_AT_ZERO = Breakpoints(Break.JUMP, BreakAt.ZERO)
JUMP_AT_INTEGERS = Breakpoints(Break.JUMP, BreakAt.INTEGERS)
KINK_AT_TIES = Breakpoints(Break.KINK, BreakAt.TIES)
POSITIVE = (0.2, 3.0)
UNIT = (-0.9, 0.9)
BEYOND_ONE = (1.2, 4.0)


def _one(cls: type) -> Callable[[Basic], Basic]:
    return lambda u: cls(u, evaluate=False)


def _many(cls: type) -> Callable[..., Basic]:
    return lambda *args: cls(*args, evaluate=False)


def _log(x: Basic, base: Basic | None = None) -> Basic:
    if base is None:
        return sympy.log(x, evaluate=False)
    return sympy.log(x, base, evaluate=False)


def _func(name: str, cls: type, numeric: Numeric, step: StepRule | NoStepRule, printers: Printers,
          **facets) -> Operation:
    """An operation whose constructor is ``cls(*args, evaluate=False)``."""
    arity = facets.pop("arity", (1, 1))
    build = _one(cls) if arity == (1, 1) else _many(cls)
    return Operation(name, cls, build, arity, numeric, step, printers, **facets)


def _named(text: str, latex: str, unicode: str = "") -> Printers:
    """Printers for a function printed by name in every printer, LaTeX by SymPy."""
    return Printers(text, unicode or text, latex)


def _arc(name: str, of: str) -> Printers:
    r"""Printers for an inverse function: typed asin, shown arcsin, LaTeX as SymPy prints it
    (``\operatorname{asin}``); a LaTeX reader also meets ``\arcsin``, ``\operatorname{arcsin}``
    and ``\sin^{-1}`` (`of` is the LaTeX of the function it inverts)."""
    shown = ("ar" if name.endswith("h") else "arc") + name[1:]
    also = (rf"\{shown}",) if shown in ("arcsin", "arccos", "arctan") else ()
    return Printers(name, shown, rf"\operatorname{{{name}}}",
                    latex_also=(*also, rf"\operatorname{{{shown}}}", f"{of}^{{-1}}"))


def _rule(rule: str, name: str, statement: str, latex: str, derivative: Callable[[Basic], Basic],
          note: str = "") -> StepRule:
    return StepRule(rule, name, statement, f"{D}{latex}", derivative, note)


_C = cmath
TRIGONOMETRIC: tuple[Operation, ...] = (
    _func("sin", sympy.sin, Numeric(Real.sin, Complex.sin, Float.sin, _C.sin, amplifying=True),
          _rule("sin", "sine rule", "d/dx sin(x) = cos(x).", r"\sin x = \cos x", sympy.cos),
          _named("sin", r"\sin"), inverse="asin"),
    _func("cos", sympy.cos, Numeric(Real.cos, Complex.cos, Float.cos, _C.cos, amplifying=True),
          _rule("cos", "cosine rule", "d/dx cos(x) = −sin(x).", r"\cos x = -\sin x",
                lambda u: -sympy.sin(u)),
          _named("cos", r"\cos"), inverse="acos"),
    _func("tan", sympy.tan, Numeric(Real.tan, Complex.tan, Float.tan, _C.tan, amplifying=True),
          _rule("tan", "tangent rule", "d/dx tan(x) = 1 + tan²(x) = 1/cos²(x).",
                r"\tan x = 1 + \tan^{2} x", lambda u: 1 + sympy.tan(u)**2),
          _named("tan", r"\tan"), inverse="atan", domain=Domain.RESTRICTED, interval=(-1.2, 1.2)),
    _func("sec", sympy.sec, Numeric(Real.sec, Complex.sec, Float.sec, CFloat.sec, amplifying=True),
          _rule("sec", "secant rule", "d/dx sec(x) = sec(x)·tan(x).", r"\sec x = \sec x \tan x",
                lambda u: sympy.sec(u) * sympy.tan(u)),
          _named("sec", r"\sec"), inverse="asec", domain=Domain.RESTRICTED, interval=(-1.2, 1.2)),
    _func("csc", sympy.csc, Numeric(Real.csc, Complex.csc, Float.csc, CFloat.csc, amplifying=True),
          _rule("csc", "cosecant rule", "d/dx csc(x) = −csc(x)·cot(x).", r"\csc x = -\csc x \cot x",
                lambda u: -sympy.csc(u) * sympy.cot(u)),
          Printers("csc", "csc", r"\csc", latex_also=(r"\operatorname{cosec}",)), aliases=("cosec",),
          inverse="acsc", domain=Domain.RESTRICTED,
          interval=(0.2, 3.0)),
    _func("cot", sympy.cot, Numeric(Real.cot, Complex.cot, Float.cot, CFloat.cot, amplifying=True),
          _rule("cot", "cotangent rule", "d/dx cot(x) = −1 − cot²(x) = −1/sin²(x).",
                r"\cot x = -1 - \cot^{2} x", lambda u: -1 - sympy.cot(u)**2),
          _named("cot", r"\cot"), inverse="acot", domain=Domain.RESTRICTED, interval=(0.2, 3.0)),
    _func("asin", sympy.asin, Numeric(Real.asin, Complex.asin, math.asin, _C.asin),
          _rule("asin", "arcsine rule", "d/dx arcsin(x) = 1/√(1 − x²).",
                r"\arcsin x = \frac{1}{\sqrt{1 - x^{2}}}", lambda u: 1 / sqrt(1 - u**2)),
          _arc("asin", r"\sin"), aliases=("arcsin",), domain=Domain.RESTRICTED, interval=UNIT),
    _func("acos", sympy.acos, Numeric(Real.acos, Complex.acos, math.acos, _C.acos),
          _rule("acos", "arccosine rule", "d/dx arccos(x) = −1/√(1 − x²).",
                r"\arccos x = -\frac{1}{\sqrt{1 - x^{2}}}", lambda u: -1 / sqrt(1 - u**2)),
          _arc("acos", r"\cos"), aliases=("arccos",), domain=Domain.RESTRICTED, interval=UNIT),
    _func("atan", sympy.atan, Numeric(Real.atan, Complex.atan, math.atan, _C.atan),
          _rule("atan", "arctangent rule", "d/dx arctan(x) = 1/(1 + x²).",
                r"\arctan x = \frac{1}{1 + x^{2}}", lambda u: 1 / (1 + u**2)),
          _arc("atan", r"\tan"), aliases=("arctan",)),
    # atan2(y, x): the angle of the point (x, y), in (−π, π]; it jumps by 2π across the negative
    # x-axis, where y = 0 (BreakAt.ZERO looks near y = 0: the jump is on half of that line)
    _func("atan2", sympy.atan2, Numeric(Real.atan2, Complex.atan2, Float.atan2, creal(Float.atan2),
                                  complex_plane=False),
          NoStepRule("atan2 takes two arguments: within a quadrant it is atan(y/x) plus a constant, "
                     "differentiate that"),
          Printers("atan2", "atan2", r"\operatorname{atan2}", latex_own=True), arity=(2, 2), shape=Shape.SCALAR,
          domain=Domain.RESTRICTED, interval=POSITIVE, breaks=JUMP_AT_ZERO),
    _func("acot", sympy.acot, Numeric(Real.acot, Complex.acot, Float.acot, CFloat.acot),
          _rule("acot", "arccotangent rule", "d/dx arccot(x) = −1/(1 + x²).",
                r"\operatorname{arccot} x = -\frac{1}{1 + x^{2}}", lambda u: -1 / (1 + u**2), "for x ≠ 0"),
          _arc("acot", r"\cot"), aliases=("arccot",), interval=POSITIVE),
    _func("asec", sympy.asec, Numeric(Real.asec, Complex.asec, Float.asec, CFloat.asec),
          _rule("asec", "arcsecant rule", "d/dx arcsec(x) = 1/(|x|·√(x² − 1)).",
                r"\operatorname{arcsec} x = \frac{1}{|x| \sqrt{x^{2} - 1}}",
                lambda u: 1 / (Abs(u) * sqrt(u**2 - 1)), "for |x| > 1"),
          _arc("asec", r"\sec"), aliases=("arcsec",), domain=Domain.RESTRICTED, interval=BEYOND_ONE),
    _func("acsc", sympy.acsc, Numeric(Real.acsc, Complex.acsc, Float.acsc, CFloat.acsc),
          _rule("acsc", "arccosecant rule", "d/dx arccsc(x) = −1/(|x|·√(x² − 1)).",
                r"\operatorname{arccsc} x = -\frac{1}{|x| \sqrt{x^{2} - 1}}",
                lambda u: -1 / (Abs(u) * sqrt(u**2 - 1)), "for |x| > 1"),
          _arc("acsc", r"\csc"), aliases=("arccsc",), domain=Domain.RESTRICTED, interval=BEYOND_ONE),
)

HYPERBOLIC: tuple[Operation, ...] = (
    _func("sinh", sympy.sinh, Numeric(Real.sinh, Complex.sinh, math.sinh, _C.sinh, amplifying=True),
          _rule("sinh", "hyperbolic sine rule", "d/dx sinh(x) = cosh(x).", r"\sinh x = \cosh x", sympy.cosh),
          _named("sinh", r"\sinh"), inverse="asinh"),
    _func("cosh", sympy.cosh, Numeric(Real.cosh, Complex.cosh, math.cosh, _C.cosh, amplifying=True),
          _rule("cosh", "hyperbolic cosine rule", "d/dx cosh(x) = sinh(x).", r"\cosh x = \sinh x",
                sympy.sinh),
          _named("cosh", r"\cosh"), inverse="acosh"),
    _func("tanh", sympy.tanh, Numeric(Real.tanh, Complex.tanh, math.tanh, _C.tanh, amplifying=True),
          _rule("tanh", "hyperbolic tangent rule", "d/dx tanh(x) = 1 − tanh²(x).",
                r"\tanh x = 1 - \tanh^{2} x", lambda u: 1 - sympy.tanh(u)**2),
          _named("tanh", r"\tanh"), inverse="atanh"),
    _func("asinh", sympy.asinh, Numeric(Real.asinh, Complex.asinh, math.asinh, _C.asinh),
          _rule("asinh", "inverse hyperbolic sine rule", "d/dx arsinh(x) = 1/√(x² + 1).",
                r"\operatorname{arsinh} x = \frac{1}{\sqrt{x^{2} + 1}}", lambda u: 1 / sqrt(u**2 + 1)),
          _arc("asinh", r"\sinh"), aliases=("arsinh", "arcsinh")),
    _func("acosh", sympy.acosh, Numeric(Real.acosh, Complex.acosh, math.acosh, _C.acosh),
          _rule("acosh", "inverse hyperbolic cosine rule", "d/dx arcosh(x) = 1/√(x² − 1).",
                r"\operatorname{arcosh} x = \frac{1}{\sqrt{x^{2} - 1}}", lambda u: 1 / sqrt(u**2 - 1),
                "for x > 1"),
          _arc("acosh", r"\cosh"), aliases=("arcosh", "arccosh"), domain=Domain.RESTRICTED,
          interval=BEYOND_ONE),
    _func("atanh", sympy.atanh, Numeric(Real.atanh, Complex.atanh, math.atanh, _C.atanh),
          _rule("atanh", "inverse hyperbolic tangent rule", "d/dx artanh(x) = 1/(1 − x²).",
                r"\operatorname{artanh} x = \frac{1}{1 - x^{2}}", lambda u: 1 / (1 - u**2), "for |x| < 1"),
          _arc("atanh", r"\tanh"), aliases=("artanh", "arctanh"), domain=Domain.RESTRICTED, interval=UNIT),
    _func("acoth", sympy.acoth, Numeric(Real.acoth, Complex.acoth, Float.acoth, CFloat.acoth),
          _rule("acoth", "inverse hyperbolic cotangent rule", "d/dx arcoth(x) = 1/(1 − x²).",
                r"\operatorname{arcoth} x = \frac{1}{1 - x^{2}}", lambda u: 1 / (1 - u**2), "for |x| > 1"),
          _arc("acoth", r"\coth"), aliases=("arcoth", "arccoth"), domain=Domain.RESTRICTED,
          interval=BEYOND_ONE),
    _func("asech", sympy.asech, Numeric(Real.asech, Complex.asech, Float.asech, CFloat.asech),
          _rule("asech", "inverse hyperbolic secant rule", "d/dx arsech(x) = −1/(x·√(1 − x²)).",
                r"\operatorname{arsech} x = -\frac{1}{x \sqrt{1 - x^{2}}}",
                lambda u: -1 / (u * sqrt(1 - u**2)),
                "for 0 < x < 1"),
          _arc("asech", r"\operatorname{sech}"), aliases=("arsech", "arcsech"), domain=Domain.RESTRICTED,
          interval=(0.1, 0.9)),
    _func("acsch", sympy.acsch, Numeric(Real.acsch, Complex.acsch, Float.acsch, CFloat.acsch),
          _rule("acsch", "inverse hyperbolic cosecant rule", "d/dx arcsch(x) = −1/(|x|·√(1 + x²)).",
                r"\operatorname{arcsch} x = -\frac{1}{|x| \sqrt{1 + x^{2}}}",
                lambda u: -1 / (Abs(u) * sqrt(1 + u**2)), "for x ≠ 0"),
          _arc("acsch", r"\operatorname{csch}"), aliases=("arcsch", "arccsch"), domain=Domain.RESTRICTED,
          interval=POSITIVE),
    _func("sech", sympy.sech, Numeric(Real.sech, Complex.sech, Float.sech, CFloat.sech),
          _rule("sech", "hyperbolic secant rule", "d/dx sech(x) = −sech(x)·tanh(x).",
                r"\operatorname{sech} x = -\operatorname{sech} x \tanh x",
                lambda u: -sympy.sech(u) * sympy.tanh(u)),
          _named("sech", r"\operatorname{sech}"), inverse="asech"),
    _func("csch", sympy.csch, Numeric(Real.csch, Complex.csch, Float.csch, CFloat.csch),
          _rule("csch", "hyperbolic cosecant rule", "d/dx csch(x) = −csch(x)·coth(x).",
                r"\operatorname{csch} x = -\operatorname{csch} x \coth x",
                lambda u: -sympy.csch(u) * sympy.coth(u), "for x ≠ 0"),
          _named("csch", r"\operatorname{csch}"), inverse="acsch", domain=Domain.RESTRICTED,
          interval=POSITIVE),
    _func("coth", sympy.coth, Numeric(Real.coth, Complex.coth, Float.coth, CFloat.coth),
          _rule("coth", "hyperbolic cotangent rule", "d/dx coth(x) = 1 − coth²(x) = −1/sinh²(x).",
                r"\coth x = 1 - \coth^{2} x", lambda u: 1 - sympy.coth(u)**2, "for x ≠ 0"),
          _named("coth", r"\coth"), inverse="acoth", domain=Domain.RESTRICTED, interval=POSITIVE),
)

EXPONENTIAL: tuple[Operation | Spelling, ...] = (
    _func("exp", sympy.exp, Numeric(Real.exp, Complex.exp, math.exp, _C.exp, amplifying=True),
          _rule("exp", "exponential rule", "d/dx e^x = e^x.", r" e^{x} = e^{x}", sympy.exp),
          Printers("exp", "exp", "e^", latex_also=(r"\exp",))),
    Spelling("ln", _log, (1, 1)),
    _func("log", sympy.log, Numeric(Real.log, Complex.log, math.log, CFloat.log),
          _rule("log", "natural logarithm rule", "d/dx ln(x) = 1/x.", r" \ln x = \frac{1}{x}",
                lambda u: 1 / u),
          Printers("ln", "ln", r"\ln", latex_also=(r"\log",)), arity=(1, 2), domain=Domain.RESTRICTED,
          interval=POSITIVE),
    Spelling("log10", lambda x: _log(x, sympy.Integer(10)), (1, 1), aliases=("lg",)),
    Spelling("log2", lambda x: _log(x, sympy.Integer(2)), (1, 1)),
    Spelling("sqrt", lambda x: sympy.Pow(x, S.Half, evaluate=False), (1, 1), aliases=("√",)),
    Spelling("cbrt", lambda x: sympy.Pow(x, sympy.Rational(1, 3), evaluate=False), (1, 1)),
)

_REAL_ONLY = {"complex_plane": False}
# The derivative of a step-shaped function is 0 between its jumps and does not exist at them; the
# step engine says it has no rule rather than teach a 0 that is wrong at the jumps.
_PIECEWISE_CONSTANT = NoStepRule("piecewise constant: no derivative at its jumps, 0 between them")
PIECEWISE: tuple[Operation, ...] = (
    _func("abs", sympy.Abs, Numeric(Real.absolute, Complex.abs, abs, CFloat.abs),
          _rule("abs", "absolute value rule",
                "d/dx |x| = sign(x): −1 for x < 0 and 1 for x > 0 (|x| has no derivative at 0).",
                r"|x| = \operatorname{sign} x", sympy.sign, "for x ≠ 0 (|x| has no derivative at 0)"),
          Printers("abs", "abs", r"\left|", latex_also=(r"\lvert", "|")), breaks=KINK_AT_ZERO,
          interval=POSITIVE),
    _func("floor", sympy.floor,
          Numeric(Real.floor, lift(Real.floor), Float.floor, creal(Float.floor), **_REAL_ONLY),
          _PIECEWISE_CONSTANT,
          Printers("floor", "floor", r"\left\lfloor", latex_also=(r"\lfloor",)), breaks=JUMP_AT_INTEGERS,
          interval=(0.1, 0.9)),
    _func("ceil", sympy.ceiling,
          Numeric(Real.ceiling, lift(Real.ceiling), Float.ceiling, creal(Float.ceiling), **_REAL_ONLY),
          _PIECEWISE_CONSTANT,
          Printers("ceil", "ceil", r"\left\lceil", latex_also=(r"\lceil",)), aliases=("ceiling",),
          breaks=JUMP_AT_INTEGERS, interval=(0.1, 0.9)),
    _func("sign", sympy.sign, Numeric(Real.sign, Complex.sign, Float.sign, CFloat.sign),
          _PIECEWISE_CONSTANT,
          Printers("sign", "sign", r"\operatorname{sign}", latex_also=(r"\operatorname{sgn}",)),
          aliases=("sgn",), breaks=JUMP_AT_ZERO, interval=POSITIVE),
    _func("max", sympy.Max, Numeric(Real.maximum, Complex.maximum, max, creal(max), **_REAL_ONLY),
          NoStepRule("max of several arguments: the derivative follows whichever argument is largest"),
          _named("max", r"\max"), arity=(1, 0), shape=Shape.SCALAR, breaks=KINK_AT_TIES),
    _func("min", sympy.Min, Numeric(Real.minimum, Complex.minimum, min, creal(min), **_REAL_ONLY),
          NoStepRule("min of several arguments: the derivative follows whichever argument is smallest"),
          _named("min", r"\min"), arity=(1, 0), shape=Shape.SCALAR, breaks=KINK_AT_TIES),
)

COMBINATORIAL: tuple[Operation, ...] = (
    _func("binomial", sympy.binomial,
          Numeric(Real.binomial, Complex.binomial, Float.binomial, creal(Float.binomial), **_REAL_ONLY),
          NoStepRule("binomial coefficients count; they are not differentiated in this course"),
          Printers("binomial", "binomial", r"\binom", latex_also=(r"\choose",)), aliases=("choose", "binom"),
          arity=(2, 2), shape=Shape.SCALAR,
          domain=Domain.RESTRICTED, interval=POSITIVE),
    _func("factorial", sympy.factorial,
          Numeric(Real.factorial, Complex.factorial, Float.factorial, CFloat.factorial, amplifying=True),
          _rule("factorial", "factorial rule",
                "d/dx x! = Γ(x + 1)·ψ(x + 1), with Γ the gamma function and ψ the digamma function.",
                r"x! = \Gamma(x + 1)\,\psi(x + 1)",
                lambda u: sympy.gamma(u + 1) * sympy.polygamma(0, u + 1)),
          Printers("factorial", "factorial", "!"), domain=Domain.RESTRICTED, interval=POSITIVE),
)

MACHINE_LEARNING: tuple[Operation, ...] = (
    _func("sigmoid", ml.sigmoid,
          Numeric(Real.sigmoid, Complex.sigmoid, Float.sigmoid, CFloat.sigmoid, amplifying=True),
          StepRule("sigmoid", "sigmoid rule", "d/dx σ(x) = σ(x)·(1 − σ(x)).",
                   r"\frac{d}{dx}\sigma(x) = \sigma(x)\,(1 - \sigma(x))",
                   lambda u: ml.sigmoid(u) * (1 - ml.sigmoid(u))),
          Printers("σ", "σ", ml.sigmoid.latex_name, latex_own=True,
                   latex_also=(r"\operatorname{sigmoid}",)), aliases=("σ",)),
    _func("relu", ml.relu, Numeric(Real.relu, lift(Real.relu), Float.relu, creal(Float.relu), **_REAL_ONLY),
          StepRule("relu", "ReLU rule",
                   "d/dx ReLU(x) = H(x), the step function: 1 for x > 0 and 0 for x < 0. ReLU has no "
                   "derivative at 0; we use 0 there, the convention of deep-learning frameworks.",
                   r"\frac{d}{dx}\operatorname{ReLU}(x) = H(x),\ H(0) = 0",
                   lambda u: sympy.Heaviside(u, 0),
                   "with H the step function and H(0) = 0, the deep-learning convention"),
          Printers("relu", "ReLU", ml.relu.latex_name, latex_own=True,
                   latex_also=(r"\operatorname{relu}",)), aliases=("ReLU",),
          breaks=KINK_AT_ZERO),
    _func("softplus", ml.softplus,
          Numeric(Real.softplus, Complex.softplus, Float.softplus, CFloat.softplus, amplifying=True),
          StepRule("softplus", "softplus rule", "d/dx softplus(x) = σ(x), since softplus(x) = ln(1 + e^x).",
                   r"\frac{d}{dx}\operatorname{softplus}(x) = \sigma(x)", ml.sigmoid),
          Printers("softplus", "softplus", ml.softplus.latex_name, latex_own=True)),
)

LEARNER: tuple[Operation | Spelling, ...] = (
    *TRIGONOMETRIC, *HYPERBOLIC, *EXPONENTIAL, *PIECEWISE, *COMBINATORIAL, *MACHINE_LEARNING,
)

ENGINE: tuple[Operation, ...] = (
    _func("Heaviside", sympy.Heaviside,
          Numeric(Real.heaviside, Complex.heaviside, Float.heaviside, CFloat.heaviside, **_REAL_ONLY),
          _PIECEWISE_CONSTANT,
          Printers("Heaviside", "H", "H", latex_own=True), arity=(1, 2), learner=False, breaks=JUMP_AT_ZERO,
          interval=POSITIVE),
    _func("gamma", sympy.gamma,
          Numeric(Real.gamma, Complex.gamma, Float.gamma, CFloat.gamma, amplifying=True),
          _rule("gamma", "gamma function rule", "d/dx Γ(x) = Γ(x)·ψ(x), with ψ the digamma function.",
                r"\Gamma(x) = \Gamma(x)\,\psi(x)", lambda u: sympy.gamma(u) * sympy.polygamma(0, u)),
          Printers("gamma", "Γ", r"\Gamma"), learner=False, domain=Domain.RESTRICTED, interval=POSITIVE),
    _func("erf", sympy.erf, Numeric(Real.erf, lift(Real.erf), math.erf, creal(math.erf), **_REAL_ONLY),
          _rule("erf", "error function rule", "d/dx erf(x) = (2/√π)·e^(−x²).",
                r"\operatorname{erf} x = \frac{2}{\sqrt{\pi}} e^{-x^{2}}",
                lambda u: 2 * sympy.exp(-u**2) / sqrt(sympy.pi)),
          _named("erf", r"\operatorname{erf}"), learner=False),
    _func("erfc", sympy.erfc, Numeric(Real.erfc, lift(Real.erfc), math.erfc, creal(math.erfc), **_REAL_ONLY),
          _rule("erfc", "complementary error function rule", "d/dx erfc(x) = −(2/√π)·e^(−x²).",
                r"\operatorname{erfc} x = -\frac{2}{\sqrt{\pi}} e^{-x^{2}}",
                lambda u: -2 * sympy.exp(-u**2) / sqrt(sympy.pi)),
          _named("erfc", r"\operatorname{erfc}"), learner=False),
)
