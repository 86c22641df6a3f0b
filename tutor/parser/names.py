"""What names mean: built-in functions, Greek letters, constants, and suggestions for typos.

>>> FUNCTIONS["arcsin"].canonical
'asin'
>>> greek_name("θ"), greek_name("theta"), greek_name("x")
('theta', 'theta', None)
>>> suggest_function("sigmoyd")
'sigmoid'
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable

import sympy

from tutor import functions as ml


@dataclass(frozen=True)
class FunctionSpec:
    """A built-in function: its canonical name, how many arguments it takes, and how to build it."""

    canonical: str
    arity: tuple[int, int]          # (least, most); most = 0 means any number
    build: Callable[..., sympy.Basic]


def _one(f: Callable[..., sympy.Basic]) -> Callable[..., sympy.Basic]:
    return lambda a: f(a, evaluate=False)


def _log(x: sympy.Basic, base: sympy.Basic | None = None) -> sympy.Basic:
    if base is None:
        return sympy.log(x, evaluate=False)
    return sympy.log(x, base, evaluate=False)


def _sqrt(x: sympy.Basic) -> sympy.Basic:
    return sympy.Pow(x, sympy.S.Half, evaluate=False)


def _cbrt(x: sympy.Basic) -> sympy.Basic:
    return sympy.Pow(x, sympy.Rational(1, 3), evaluate=False)


def _minmax(cls: type) -> Callable[..., sympy.Basic]:
    return lambda *args: cls(*args, evaluate=False)


_SPECS: list[tuple[tuple[str, ...], FunctionSpec]] = [
    (("sin",), FunctionSpec("sin", (1, 1), _one(sympy.sin))),
    (("cos",), FunctionSpec("cos", (1, 1), _one(sympy.cos))),
    (("tan",), FunctionSpec("tan", (1, 1), _one(sympy.tan))),
    (("sec",), FunctionSpec("sec", (1, 1), _one(sympy.sec))),
    (("csc", "cosec"), FunctionSpec("csc", (1, 1), _one(sympy.csc))),
    (("cot",), FunctionSpec("cot", (1, 1), _one(sympy.cot))),
    (("asin", "arcsin"), FunctionSpec("asin", (1, 1), _one(sympy.asin))),
    (("acos", "arccos"), FunctionSpec("acos", (1, 1), _one(sympy.acos))),
    (("atan", "arctan"), FunctionSpec("atan", (1, 1), _one(sympy.atan))),
    (("acot", "arccot"), FunctionSpec("acot", (1, 1), _one(sympy.acot))),
    (("asec", "arcsec"), FunctionSpec("asec", (1, 1), _one(sympy.asec))),
    (("acsc", "arccsc"), FunctionSpec("acsc", (1, 1), _one(sympy.acsc))),
    (("sinh",), FunctionSpec("sinh", (1, 1), _one(sympy.sinh))),
    (("cosh",), FunctionSpec("cosh", (1, 1), _one(sympy.cosh))),
    (("tanh",), FunctionSpec("tanh", (1, 1), _one(sympy.tanh))),
    (("asinh", "arsinh", "arcsinh"), FunctionSpec("asinh", (1, 1), _one(sympy.asinh))),
    (("acosh", "arcosh", "arccosh"), FunctionSpec("acosh", (1, 1), _one(sympy.acosh))),
    (("atanh", "artanh", "arctanh"), FunctionSpec("atanh", (1, 1), _one(sympy.atanh))),
    (("acoth", "arcoth", "arccoth"), FunctionSpec("acoth", (1, 1), _one(sympy.acoth))),
    (("asech", "arsech", "arcsech"), FunctionSpec("asech", (1, 1), _one(sympy.asech))),
    (("acsch", "arcsch", "arccsch"), FunctionSpec("acsch", (1, 1), _one(sympy.acsch))),
    (("sech",), FunctionSpec("sech", (1, 1), _one(sympy.sech))),
    (("csch",), FunctionSpec("csch", (1, 1), _one(sympy.csch))),
    (("coth",), FunctionSpec("coth", (1, 1), _one(sympy.coth))),
    (("exp",), FunctionSpec("exp", (1, 1), _one(sympy.exp))),
    (("ln",), FunctionSpec("ln", (1, 1), _log)),
    (("log",), FunctionSpec("log", (1, 2), _log)),
    (("log10", "lg"), FunctionSpec("log10", (1, 1), lambda x: _log(x, sympy.Integer(10)))),
    (("log2",), FunctionSpec("log2", (1, 1), lambda x: _log(x, sympy.Integer(2)))),
    (("sqrt", "√"), FunctionSpec("sqrt", (1, 1), _sqrt)),
    (("cbrt",), FunctionSpec("cbrt", (1, 1), _cbrt)),
    (("abs",), FunctionSpec("abs", (1, 1), _one(sympy.Abs))),
    (("floor",), FunctionSpec("floor", (1, 1), _one(sympy.floor))),
    (("ceil", "ceiling"), FunctionSpec("ceil", (1, 1), _one(sympy.ceiling))),
    (("sign", "sgn"), FunctionSpec("sign", (1, 1), _one(sympy.sign))),
    (("max",), FunctionSpec("max", (1, 0), _minmax(sympy.Max))),
    (("min",), FunctionSpec("min", (1, 0), _minmax(sympy.Min))),
    (("binomial", "choose"), FunctionSpec("binomial", (2, 2),
                                         lambda n, k: sympy.binomial(n, k, evaluate=False))),
    (("factorial",), FunctionSpec("factorial", (1, 1), _one(sympy.factorial))),
    (("sigmoid", "σ"), FunctionSpec("sigmoid", (1, 1), _one(ml.sigmoid))),
    (("relu", "ReLU"), FunctionSpec("relu", (1, 1), _one(ml.relu))),
    (("softplus",), FunctionSpec("softplus", (1, 1), _one(ml.softplus))),
]

FUNCTIONS: dict[str, FunctionSpec] = {alias: spec for aliases, spec in _SPECS for alias in aliases}

# Functions whose argument learners often write without brackets: `sin x`, `ln x`.
BARE_OK = frozenset(name for name, spec in FUNCTIONS.items() if spec.arity[0] == 1 and spec.arity[1] <= 2
                    and spec.canonical not in ("max", "min"))

GREEK: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho",
    "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi",
    "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda",
    "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
GREEK_NAMES = frozenset(GREEK.values())
GREEK_LETTER = {name: char for char, name in GREEK.items() if char not in "ϵϑςϕ"}

CONSTANTS: dict[str, sympy.Basic] = {
    "e": sympy.E, "pi": sympy.pi, "π": sympy.pi, "inf": sympy.oo, "oo": sympy.oo,
    "∞": sympy.oo, "infinity": sympy.oo,
}

_WRONG_CASE = {name.lower(): name for name in FUNCTIONS if name.isascii()} | {
    "pi": "pi", "inf": "inf", "infinity": "inf"}
_SUBSCRIPT = re.compile(r"^(?P<base>[^_\d]+?)(?P<digits>\d*)(?:_(?P<sub>.+))?$")


def greek_name(text: str) -> str | None:
    """The ASCII name of a Greek letter typed as a character or spelled out, else None.

    >>> greek_name("θ"), greek_name("mu"), greek_name("q")
    ('theta', 'mu', None)
    """
    if text in GREEK:
        return GREEK[text]
    if text in GREEK_NAMES:
        return text
    return None


def split_subscript(name: str) -> tuple[str, str | None]:
    """``x_1`` → ('x', '1'); ``x_{12}`` → ('x', '12'); ``x1`` → ('x', '1'); ``x`` → ('x', None).

    >>> split_subscript("x_{12}"), split_subscript("w0"), split_subscript("x")
    (('x', '12'), ('w', '0'), ('x', None))
    """
    match = _SUBSCRIPT.match(name)
    if match is None:
        return name, None
    sub = match["sub"]
    if sub is not None:
        return match["base"] + match["digits"], sub.strip("{}")
    if match["digits"]:
        return match["base"], match["digits"]
    return name, None


def wrong_case(name: str) -> str | None:
    """The built-in function a wrongly capitalised name stands for (``Sin`` → ``sin``), else None.

    >>> wrong_case("Sin"), wrong_case("In"), wrong_case("sin")
    ('sin', 'ln', None)
    """
    if name in FUNCTIONS or name in CONSTANTS or len(name) < 2:
        return None
    if name == "In":
        return "ln"
    return _WRONG_CASE.get(name.lower())


def suggest_function(name: str, extra: frozenset[str] = frozenset()) -> str | None:
    """The closest known function name to a misspelt one, or None.

    >>> suggest_function("sqrtt"), suggest_function("xyz")
    ('sqrt', None)
    """
    candidates = [n for n in FUNCTIONS if n.isascii()] + sorted(extra)
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return found[0] if found else None


def function_prefix(run: str, extra: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Split ``sinx`` into ('sin', 'x'): a known function glued to what follows, else None.

    >>> function_prefix("sinx"), function_prefix("xy")
    (('sin', 'x'), None)
    """
    names = sorted((n for n in set(FUNCTIONS) | extra if n.isalpha() and len(n) > 1),
                   key=len, reverse=True)
    for fname in names:
        if run.startswith(fname) and len(run) > len(fname):
            return fname, run[len(fname):]
    return None


def function_suffix(run: str, extra: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Split ``xsin`` into ('x', 'sin'): letters glued in front of a known function, else None.

    >>> function_suffix("xsin"), function_suffix("sin")
    (('x', 'sin'), None)
    """
    names = sorted((n for n in set(FUNCTIONS) | extra if n.isalpha() and len(n) > 1),
                   key=len, reverse=True)
    for fname in names:
        if run.endswith(fname) and len(run) > len(fname) and run[: -len(fname)].isalpha():
            return run[: -len(fname)], fname
    return None
