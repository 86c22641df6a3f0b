"""Derivatives as the checker needs them: with the variables real.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> real_diff(sympy.log(sympy.Abs(x)), x)
sign(x)/Abs(x)
"""
from __future__ import annotations

import sympy


def real_diff(expr: sympy.Basic, x: sympy.Symbol) -> sympy.Basic:
    """d expr/dx with the variables real, as everywhere in the checker (so |x|' is sign(x),
    not an expression in re(x) and im(x)); the result is in the original symbols.

    >>> x = sympy.Symbol("x")
    >>> real_diff(sympy.Abs(x), x)
    sign(x)
    """
    if not expr.has(sympy.Abs, sympy.sign, sympy.re, sympy.im, sympy.arg):
        return sympy.diff(expr, x)  # nothing whose derivative depends on realness
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols}
    back = {v: k for k, v in real.items()}
    return sympy.diff(expr.xreplace(real), real.get(x, x)).xreplace(back)
