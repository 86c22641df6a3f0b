"""What names mean: built-in functions, Greek letters, constants, and suggestions for typos.

>>> FUNCTIONS["arcsin"].name
'asin'
>>> greek_name("θ"), greek_name("theta"), greek_name("x")
('theta', 'theta', None)
>>> suggest_function("sigmoyd")
'sigmoid'
"""
from __future__ import annotations

import difflib
import re
from typing import Union

import sympy

from tutor import ops
from tutor.ops import Operation, Spelling

FunctionSpec = Union[Operation, Spelling]
"""A built-in function as the parser sees it: `name`, `arity` (least, most; most = 0 means any
number) and `build`, the exact unevaluated SymPy constructor. Declared in `tutor.ops`."""

FUNCTIONS: dict[str, FunctionSpec] = dict(ops.NAMES)

# Functions whose argument learners often write without brackets: `sin x`, `ln x`.
BARE_OK = frozenset(name for name, spec in FUNCTIONS.items() if spec.arity[0] == 1 and 0 < spec.arity[1] <= 2)

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
    "∞": sympy.oo, "infinity": sympy.oo, "infty": sympy.oo,
}

_WRONG_CASE = {name.lower(): name for name in FUNCTIONS if name.isascii()} | {
    "pi": "pi", "inf": "inf", "infinity": "inf", "infty": "inf"}
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
