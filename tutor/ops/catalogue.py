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
from tutor.ops import fl, mp
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


def _arc(name: str, latex_name: str) -> Printers:
    """Printers for an inverse function: typed asin, shown arcsin, LaTeX as SymPy prints it."""
    shown = ("ar" if name.endswith("h") else "arc") + name[1:]
    return Printers(name, shown, rf"\operatorname{{{name}}}", latex_also=(rf"\{latex_name}",) if latex_name else ())


def _rule(rule: str, name: str, statement: str, latex: str, derivative: Callable[[Basic], Basic],
          note: str = "") -> StepRule:
    return StepRule(rule, name, statement, f"{D}{latex}", derivative, note)


_C = cmath
TRIGONOMETRIC: tuple[Operation, ...] = (
    _func("sin", sympy.sin, Numeric(mp.Real.sin, mp.Complex.sin, fl.Float.sin, _C.sin, amplifying=True),
          _rule("sin", "sine rule", "d/dx sin(x) = cos(x).", r"\sin x = \cos x", sympy.cos),
          _named("sin", r"\sin"), inverse="asin"),
    _func("cos", sympy.cos, Numeric(mp.Real.cos, mp.Complex.cos, fl.Float.cos, _C.cos, amplifying=True),
          _rule("cos", "cosine rule", "d/dx cos(x) = −sin(x).", r"\cos x = -\sin x",
                lambda u: -sympy.sin(u)),
          _named("cos", r"\cos"), inverse="acos"),
    _func("tan", sympy.tan, Numeric(mp.Real.tan, mp.Complex.tan, fl.Float.tan, _C.tan, amplifying=True),
          _rule("tan", "tangent rule", "d/dx tan(x) = 1 + tan²(x) = 1/cos²(x).",
                r"\tan x = 1 + \tan^{2} x", lambda u: 1 + sympy.tan(u)**2),
          _named("tan", r"\tan"), inverse="atan", domain=Domain.RESTRICTED, interval=(-1.2, 1.2)),
    _func("sec", sympy.sec, Numeric(mp.Real.sec, mp.Complex.sec, fl.Float.sec, fl.CFloat.sec, amplifying=True),
          _rule("sec", "secant rule", "d/dx sec(x) = sec(x)·tan(x).", r"\sec x = \sec x \tan x",
                lambda u: sympy.sec(u) * sympy.tan(u)),
          _named("sec", r"\sec"), inverse="asec", domain=Domain.RESTRICTED, interval=(-1.2, 1.2)),
    _func("csc", sympy.csc, Numeric(mp.Real.csc, mp.Complex.csc, fl.Float.csc, fl.CFloat.csc, amplifying=True),
          _rule("csc", "cosecant rule", "d/dx csc(x) = −csc(x)·cot(x).", r"\csc x = -\csc x \cot x",
                lambda u: -sympy.csc(u) * sympy.cot(u)),
          _named("csc", r"\csc"), aliases=("cosec",), inverse="acsc", domain=Domain.RESTRICTED,
          interval=(0.2, 3.0)),
    _func("cot", sympy.cot, Numeric(mp.Real.cot, mp.Complex.cot, fl.Float.cot, fl.CFloat.cot, amplifying=True),
          _rule("cot", "cotangent rule", "d/dx cot(x) = −1 − cot²(x) = −1/sin²(x).",
                r"\cot x = -1 - \cot^{2} x", lambda u: -1 - sympy.cot(u)**2),
          _named("cot", r"\cot"), inverse="acot", domain=Domain.RESTRICTED, interval=(0.2, 3.0)),
    _func("asin", sympy.asin, Numeric(mp.Real.asin, mp.Complex.asin, math.asin, _C.asin),
          _rule("asin", "arcsine rule", "d/dx arcsin(x) = 1/√(1 − x²).",
                r"\arcsin x = \frac{1}{\sqrt{1 - x^{2}}}", lambda u: 1 / sqrt(1 - u**2)),
          _arc("asin", "arcsin"), aliases=("arcsin",), domain=Domain.RESTRICTED, interval=UNIT),
    _func("acos", sympy.acos, Numeric(mp.Real.acos, mp.Complex.acos, math.acos, _C.acos),
          _rule("acos", "arccosine rule", "d/dx arccos(x) = −1/√(1 − x²).",
                r"\arccos x = -\frac{1}{\sqrt{1 - x^{2}}}", lambda u: -1 / sqrt(1 - u**2)),
          _arc("acos", "arccos"), aliases=("arccos",), domain=Domain.RESTRICTED, interval=UNIT),
    _func("atan", sympy.atan, Numeric(mp.Real.atan, mp.Complex.atan, math.atan, _C.atan),
          _rule("atan", "arctangent rule", "d/dx arctan(x) = 1/(1 + x²).",
                r"\arctan x = \frac{1}{1 + x^{2}}", lambda u: 1 / (1 + u**2)),
          _arc("atan", "arctan"), aliases=("arctan",)),
    _func("acot", sympy.acot, Numeric(mp.Real.acot, mp.Complex.acot, fl.Float.acot, fl.CFloat.acot),
          _rule("acot", "arccotangent rule", "d/dx arccot(x) = −1/(1 + x²).",
                r"\operatorname{arccot} x = -\frac{1}{1 + x^{2}}", lambda u: -1 / (1 + u**2), "for x ≠ 0"),
          _arc("acot", ""), aliases=("arccot",), interval=POSITIVE),
    _func("asec", sympy.asec, Numeric(mp.Real.asec, mp.Complex.asec, fl.Float.asec, fl.CFloat.asec),
          _rule("asec", "arcsecant rule", "d/dx arcsec(x) = 1/(|x|·√(x² − 1)).",
                r"\operatorname{arcsec} x = \frac{1}{|x| \sqrt{x^{2} - 1}}",
                lambda u: 1 / (Abs(u) * sqrt(u**2 - 1)), "for |x| > 1"),
          _arc("asec", ""), aliases=("arcsec",), domain=Domain.RESTRICTED, interval=BEYOND_ONE),
    _func("acsc", sympy.acsc, Numeric(mp.Real.acsc, mp.Complex.acsc, fl.Float.acsc, fl.CFloat.acsc),
          _rule("acsc", "arccosecant rule", "d/dx arccsc(x) = −1/(|x|·√(x² − 1)).",
                r"\operatorname{arccsc} x = -\frac{1}{|x| \sqrt{x^{2} - 1}}",
                lambda u: -1 / (Abs(u) * sqrt(u**2 - 1)), "for |x| > 1"),
          _arc("acsc", ""), aliases=("arccsc",), domain=Domain.RESTRICTED, interval=BEYOND_ONE),
)

HYPERBOLIC: tuple[Operation, ...] = (
    _func("sinh", sympy.sinh, Numeric(mp.Real.sinh, mp.Complex.sinh, math.sinh, _C.sinh, amplifying=True),
          _rule("sinh", "hyperbolic sine rule", "d/dx sinh(x) = cosh(x).", r"\sinh x = \cosh x", sympy.cosh),
          _named("sinh", r"\sinh"), inverse="asinh"),
    _func("cosh", sympy.cosh, Numeric(mp.Real.cosh, mp.Complex.cosh, math.cosh, _C.cosh, amplifying=True),
          _rule("cosh", "hyperbolic cosine rule", "d/dx cosh(x) = sinh(x).", r"\cosh x = \sinh x", sympy.sinh),
          _named("cosh", r"\cosh"), inverse="acosh"),
    _func("tanh", sympy.tanh, Numeric(mp.Real.tanh, mp.Complex.tanh, math.tanh, _C.tanh, amplifying=True),
          _rule("tanh", "hyperbolic tangent rule", "d/dx tanh(x) = 1 − tanh²(x).",
                r"\tanh x = 1 - \tanh^{2} x", lambda u: 1 - sympy.tanh(u)**2),
          _named("tanh", r"\tanh"), inverse="atanh"),
    _func("asinh", sympy.asinh, Numeric(mp.Real.asinh, mp.Complex.asinh, math.asinh, _C.asinh),
          _rule("asinh", "inverse hyperbolic sine rule", "d/dx arsinh(x) = 1/√(x² + 1).",
                r"\operatorname{arsinh} x = \frac{1}{\sqrt{x^{2} + 1}}", lambda u: 1 / sqrt(u**2 + 1)),
          _arc("asinh", "arsinh"), aliases=("arsinh", "arcsinh")),
    _func("acosh", sympy.acosh, Numeric(mp.Real.acosh, mp.Complex.acosh, math.acosh, _C.acosh),
          _rule("acosh", "inverse hyperbolic cosine rule", "d/dx arcosh(x) = 1/√(x² − 1).",
                r"\operatorname{arcosh} x = \frac{1}{\sqrt{x^{2} - 1}}", lambda u: 1 / sqrt(u**2 - 1),
                "for x > 1"),
          _arc("acosh", "arcosh"), aliases=("arcosh", "arccosh"), domain=Domain.RESTRICTED,
          interval=BEYOND_ONE),
    _func("atanh", sympy.atanh, Numeric(mp.Real.atanh, mp.Complex.atanh, math.atanh, _C.atanh),
          _rule("atanh", "inverse hyperbolic tangent rule", "d/dx artanh(x) = 1/(1 − x²).",
                r"\operatorname{artanh} x = \frac{1}{1 - x^{2}}", lambda u: 1 / (1 - u**2), "for |x| < 1"),
          _arc("atanh", "artanh"), aliases=("artanh", "arctanh"), domain=Domain.RESTRICTED, interval=UNIT),
    _func("acoth", sympy.acoth, Numeric(mp.Real.acoth, mp.Complex.acoth, fl.Float.acoth, fl.CFloat.acoth),
          _rule("acoth", "inverse hyperbolic cotangent rule", "d/dx arcoth(x) = 1/(1 − x²).",
                r"\operatorname{arcoth} x = \frac{1}{1 - x^{2}}", lambda u: 1 / (1 - u**2), "for |x| > 1"),
          _arc("acoth", ""), aliases=("arcoth", "arccoth"), domain=Domain.RESTRICTED, interval=BEYOND_ONE),
    _func("asech", sympy.asech, Numeric(mp.Real.asech, mp.Complex.asech, fl.Float.asech, fl.CFloat.asech),
          _rule("asech", "inverse hyperbolic secant rule", "d/dx arsech(x) = −1/(x·√(1 − x²)).",
                r"\operatorname{arsech} x = -\frac{1}{x \sqrt{1 - x^{2}}}", lambda u: -1 / (u * sqrt(1 - u**2)),
                "for 0 < x < 1"),
          _arc("asech", ""), aliases=("arsech", "arcsech"), domain=Domain.RESTRICTED, interval=(0.1, 0.9)),
    _func("acsch", sympy.acsch, Numeric(mp.Real.acsch, mp.Complex.acsch, fl.Float.acsch, fl.CFloat.acsch),
          _rule("acsch", "inverse hyperbolic cosecant rule", "d/dx arcsch(x) = −1/(|x|·√(1 + x²)).",
                r"\operatorname{arcsch} x = -\frac{1}{|x| \sqrt{1 + x^{2}}}",
                lambda u: -1 / (Abs(u) * sqrt(1 + u**2)), "for x ≠ 0"),
          _arc("acsch", ""), aliases=("arcsch", "arccsch"), domain=Domain.RESTRICTED,
          interval=POSITIVE),
    _func("sech", sympy.sech, Numeric(mp.Real.sech, mp.Complex.sech, fl.Float.sech, fl.CFloat.sech),
          _rule("sech", "hyperbolic secant rule", "d/dx sech(x) = −sech(x)·tanh(x).",
                r"\operatorname{sech} x = -\operatorname{sech} x \tanh x",
                lambda u: -sympy.sech(u) * sympy.tanh(u)),
          _named("sech", r"\operatorname{sech}"), inverse="asech"),
    _func("csch", sympy.csch, Numeric(mp.Real.csch, mp.Complex.csch, fl.Float.csch, fl.CFloat.csch),
          _rule("csch", "hyperbolic cosecant rule", "d/dx csch(x) = −csch(x)·coth(x).",
                r"\operatorname{csch} x = -\operatorname{csch} x \coth x",
                lambda u: -sympy.csch(u) * sympy.coth(u), "for x ≠ 0"),
          _named("csch", r"\operatorname{csch}"), inverse="acsch", domain=Domain.RESTRICTED,
          interval=POSITIVE),
    _func("coth", sympy.coth, Numeric(mp.Real.coth, mp.Complex.coth, fl.Float.coth, fl.CFloat.coth),
          _rule("coth", "hyperbolic cotangent rule", "d/dx coth(x) = 1 − coth²(x) = −1/sinh²(x).",
                r"\coth x = 1 - \coth^{2} x", lambda u: 1 - sympy.coth(u)**2, "for x ≠ 0"),
          _named("coth", r"\coth"), inverse="acoth", domain=Domain.RESTRICTED, interval=POSITIVE),
)

EXPONENTIAL: tuple[Operation | Spelling, ...] = (
    _func("exp", sympy.exp, Numeric(mp.Real.exp, mp.Complex.exp, math.exp, _C.exp, amplifying=True),
          _rule("exp", "exponential rule", "d/dx e^x = e^x.", r" e^{x} = e^{x}", sympy.exp),
          Printers("exp", "exp", "e^", latex_also=(r"\exp",))),
    Spelling("ln", _log, (1, 1)),
    _func("log", sympy.log, Numeric(mp.Real.log, mp.Complex.log, math.log, fl.CFloat.log),
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
    _func("abs", sympy.Abs, Numeric(mp.Real.absolute, mp.Complex.abs, abs, fl.CFloat.abs),
          _rule("abs", "absolute value rule",
                "d/dx |x| = sign(x): −1 for x < 0 and 1 for x > 0 (|x| has no derivative at 0).",
                r"|x| = \operatorname{sign} x", sympy.sign, "for x ≠ 0 (|x| has no derivative at 0)"),
          Printers("abs", "abs", r"\left|", latex_also=(r"\lvert", "|")), breaks=KINK_AT_ZERO,
          interval=POSITIVE),
    _func("floor", sympy.floor, Numeric(mp.Real.floor, mp.lift(mp.Real.floor), fl.Float.floor, fl.creal(fl.Float.floor), **_REAL_ONLY),
          _PIECEWISE_CONSTANT,
          Printers("floor", "floor", r"\left\lfloor", latex_also=(r"\lfloor",)), breaks=JUMP_AT_INTEGERS,
          interval=(0.1, 0.9)),
    _func("ceil", sympy.ceiling,
          Numeric(mp.Real.ceiling, mp.lift(mp.Real.ceiling), fl.Float.ceiling, fl.creal(fl.Float.ceiling), **_REAL_ONLY),
          _PIECEWISE_CONSTANT,
          Printers("ceil", "ceil", r"\left\lceil", latex_also=(r"\lceil",)), aliases=("ceiling",),
          breaks=JUMP_AT_INTEGERS, interval=(0.1, 0.9)),
    _func("sign", sympy.sign, Numeric(mp.Real.sign, mp.Complex.sign, fl.Float.sign, fl.CFloat.sign),
          _PIECEWISE_CONSTANT,
          _named("sign", r"\operatorname{sign}"), aliases=("sgn",), breaks=JUMP_AT_ZERO, interval=POSITIVE),
    _func("max", sympy.Max, Numeric(mp.Real.maximum, mp.Complex.maximum, max, fl.creal(max), **_REAL_ONLY),
          NoStepRule("max of several arguments: the derivative follows whichever argument is largest"),
          _named("max", r"\max"), arity=(1, 0), shape=Shape.SCALAR, breaks=KINK_AT_TIES),
    _func("min", sympy.Min, Numeric(mp.Real.minimum, mp.Complex.minimum, min, fl.creal(min), **_REAL_ONLY),
          NoStepRule("min of several arguments: the derivative follows whichever argument is smallest"),
          _named("min", r"\min"), arity=(1, 0), shape=Shape.SCALAR, breaks=KINK_AT_TIES),
)

COMBINATORIAL: tuple[Operation, ...] = (
    _func("binomial", sympy.binomial,
          Numeric(mp.Real.binomial, mp.Complex.binomial, fl.Float.binomial, fl.creal(fl.Float.binomial), **_REAL_ONLY),
          NoStepRule("binomial coefficients count; they are not differentiated in this course"),
          Printers("binomial", "binomial", r"\binom"), aliases=("choose",), arity=(2, 2), shape=Shape.SCALAR,
          domain=Domain.RESTRICTED, interval=POSITIVE),
    _func("factorial", sympy.factorial,
          Numeric(mp.Real.factorial, mp.Complex.factorial, fl.Float.factorial, fl.CFloat.factorial, amplifying=True),
          _rule("factorial", "factorial rule",
                "d/dx x! = Γ(x + 1)·ψ(x + 1), with Γ the gamma function and ψ the digamma function.",
                r"x! = \Gamma(x + 1)\,\psi(x + 1)",
                lambda u: sympy.gamma(u + 1) * sympy.polygamma(0, u + 1)),
          Printers("factorial", "factorial", "!"), domain=Domain.RESTRICTED, interval=POSITIVE),
)

MACHINE_LEARNING: tuple[Operation, ...] = (
    _func("sigmoid", ml.sigmoid, Numeric(mp.Real.sigmoid, mp.Complex.sigmoid, fl.Float.sigmoid, fl.CFloat.sigmoid, amplifying=True),
          StepRule("sigmoid", "sigmoid rule", "d/dx σ(x) = σ(x)·(1 − σ(x)).",
                   r"\frac{d}{dx}\sigma(x) = \sigma(x)\,(1 - \sigma(x))",
                   lambda u: ml.sigmoid(u) * (1 - ml.sigmoid(u))),
          Printers("σ", "σ", ml.sigmoid.latex_name, latex_own=True), aliases=("σ",)),
    _func("relu", ml.relu, Numeric(mp.Real.relu, mp.lift(mp.Real.relu), fl.Float.relu, fl.creal(fl.Float.relu), **_REAL_ONLY),
          StepRule("relu", "ReLU rule",
                   "d/dx ReLU(x) = H(x), the step function: 1 for x > 0 and 0 for x < 0. ReLU has no "
                   "derivative at 0; we use 0 there, the convention of deep-learning frameworks.",
                   r"\frac{d}{dx}\operatorname{ReLU}(x) = H(x),\ H(0) = 0",
                   lambda u: sympy.Heaviside(u, 0),
                   "with H the step function and H(0) = 0, the deep-learning convention"),
          Printers("relu", "ReLU", ml.relu.latex_name, latex_own=True), aliases=("ReLU",),
          breaks=KINK_AT_ZERO),
    _func("softplus", ml.softplus,
          Numeric(mp.Real.softplus, mp.Complex.softplus, fl.Float.softplus, fl.CFloat.softplus, amplifying=True),
          StepRule("softplus", "softplus rule", "d/dx softplus(x) = σ(x), since softplus(x) = ln(1 + e^x).",
                   r"\frac{d}{dx}\operatorname{softplus}(x) = \sigma(x)", ml.sigmoid),
          Printers("softplus", "softplus", ml.softplus.latex_name, latex_own=True)),
)

LEARNER: tuple[Operation | Spelling, ...] = (
    *TRIGONOMETRIC, *HYPERBOLIC, *EXPONENTIAL, *PIECEWISE, *COMBINATORIAL, *MACHINE_LEARNING,
)

ENGINE: tuple[Operation, ...] = (
    _func("Heaviside", sympy.Heaviside,
          Numeric(mp.Real.heaviside, mp.Complex.heaviside, fl.Float.heaviside, fl.CFloat.heaviside, **_REAL_ONLY),
          _PIECEWISE_CONSTANT,
          Printers("Heaviside", "H", "H", latex_own=True), arity=(1, 2), learner=False, breaks=JUMP_AT_ZERO,
          interval=POSITIVE),
    _func("gamma", sympy.gamma, Numeric(mp.Real.gamma, mp.Complex.gamma, fl.Float.gamma, fl.CFloat.gamma, amplifying=True),
          _rule("gamma", "gamma function rule", "d/dx Γ(x) = Γ(x)·ψ(x), with ψ the digamma function.",
                r"\Gamma(x) = \Gamma(x)\,\psi(x)", lambda u: sympy.gamma(u) * sympy.polygamma(0, u)),
          Printers("gamma", "Γ", r"\Gamma"), learner=False, domain=Domain.RESTRICTED, interval=POSITIVE),
    _func("erf", sympy.erf, Numeric(mp.Real.erf, mp.lift(mp.Real.erf), math.erf, fl.creal(math.erf), **_REAL_ONLY),
          _rule("erf", "error function rule", "d/dx erf(x) = (2/√π)·e^(−x²).",
                r"\operatorname{erf} x = \frac{2}{\sqrt{\pi}} e^{-x^{2}}",
                lambda u: 2 * sympy.exp(-u**2) / sqrt(sympy.pi)),
          _named("erf", r"\operatorname{erf}"), learner=False),
    _func("erfc", sympy.erfc, Numeric(mp.Real.erfc, mp.lift(mp.Real.erfc), math.erfc, fl.creal(math.erfc), **_REAL_ONLY),
          _rule("erfc", "complementary error function rule", "d/dx erfc(x) = −(2/√π)·e^(−x²).",
                r"\operatorname{erfc} x = -\frac{2}{\sqrt{\pi}} e^{-x^{2}}",
                lambda u: -2 * sympy.exp(-u**2) / sqrt(sympy.pi)),
          _named("erfc", r"\operatorname{erfc}"), learner=False),
)
