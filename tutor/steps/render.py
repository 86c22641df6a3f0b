"""Putting a derivation into words: numbered unicode steps, and LaTeX.

`TextWriter` is how rules and hints name things (d/dx or ∂/∂w, u₁, σ(z));
`render_text` and `render_latex` print a whole step tree, each step with its
rule, its instance and its result.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> TextWriter(x).dd(sympy.sin(x**2), x)
'd/dx sin(x²)'
"""
from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import Basic

from tutor.steps.step import Step
from tutor.steps.text import to_latex, to_text


class TextWriter:
    """Names derivatives and expressions for one derivation (∂ when it is a partial derivative)."""

    def __init__(self, variable: sympy.Symbol, partial: bool = False) -> None:
        self.variable = variable
        self.partial = partial

    def text(self, expr: Basic, tight: bool = False) -> str:
        """`expr` as teacher-style text; `tight` brackets a sum."""
        shown = to_text(expr)
        return f"({shown})" if tight and isinstance(expr, sympy.Add) else shown

    def _symbol(self, variable: Basic) -> tuple[str, str]:
        partial = self.partial and variable == self.variable
        return ("∂" if partial else "d"), to_text(variable)

    def d(self, variable: Basic) -> str:
        """``d/dx``, or ``∂/∂w`` for the variable of a partial derivative."""
        d, name = self._symbol(variable)
        return f"{d}/{d}{name}"

    def dd(self, expr: Basic, variable: Basic) -> str:
        """The derivative of `expr` written out: ``du₁/dx``, ``d/dx sin(x²)``, ``∂/∂w (wx + b)``."""
        d, name = self._symbol(variable)
        if expr.is_Symbol:
            return f"{d}{to_text(expr)}/{d}{name}"
        simple = expr.is_Atom or expr.is_Function or (
            isinstance(expr, sympy.Pow) and (expr.args[0].is_Atom or expr.args[0].is_Function))
        return f"{d}/{d}{name} {to_text(expr) if simple else '(' + to_text(expr) + ')'}"

    def equation(self, step: Step, result: Basic) -> str:
        """``d/dx expr = result`` for a step."""
        return f"{self.dd(step.expr, step.wrt)} = {self.text(result)}"


def number(path: str) -> str:
    """The step number people read for a path: "0.1.0" → "1.2.1".

    >>> number("0.1.0")
    '1.2.1'
    """
    return ".".join(str(int(part) + 1) for part in path.split("."))


def render_text(root: Step, w: TextWriter, shown: Callable[[Step], Basic], answer: Basic) -> str:
    """The numbered steps of a derivation, then its answer (see `Derivation.render`).

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> print(derivative_steps(sympy.Symbol("x") ** 2, "x").render())
    d/dx x²
    <BLANKLINE>
    1. Power rule: d/dx x² = 2x
    <BLANKLINE>
    Answer: d/dx x² = 2x
    """
    lines = [f"{w.dd(root.expr, root.wrt)}", ""]
    _render_step(root, w, shown, lines, 0)
    lines += ["", f"Answer: {w.dd(root.expr, root.wrt)} = {w.text(answer)}"]
    return "\n".join(lines)


def _render_step(step: Step, w: TextWriter, shown: Callable[[Step], Basic], lines: list[str],
                 depth: int) -> None:
    indent = "   " * depth
    head = f"{indent}{number(step.path)}. {step.name[0].upper()}{step.name[1:]}"
    note = step.note()
    if not step.children:
        detail = step.instance(w) if step.rule == "unknown" else w.equation(step, shown(step))
        lines.append(f"{head}: {detail}" + (f" ({note})" if note else ""))
        return
    lines.append(f"{head}. {step.instance(w)}")
    for child in step.children:
        _render_step(child, w, shown, lines, depth + 1)
    lines.append(f"{indent}   So {w.equation(step, shown(step))}")


def render_latex(root: Step, w: TextWriter, shown: Callable[[Step], Basic], answer: Basic) -> str:
    r"""The derivation as a LaTeX ``aligned`` block, one line per step, then the answer.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> print(derivative_steps(sympy.Symbol("x") ** 2, "x").latex())
    \begin{aligned}
    \frac{d}{d x}\left(x^{2}\right) &= 2 x && \text{power rule} \\
    \frac{d}{d x}\left(x^{2}\right) &= 2 x
    \end{aligned}
    """
    rows = [f"{latex_dd(step.expr, step.wrt, w)} &= {to_latex(shown(step))} && \\text{{{step.name}}}"
            for step in root.walk()]
    rows.append(f"{latex_dd(root.expr, root.wrt, w)} &= {to_latex(answer)}")
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"


def latex_dd(expr: Basic, variable: sympy.Symbol, w: TextWriter) -> str:
    r"""``\frac{d}{dx}\left(expr\right)`` (∂ for the variable of a partial derivative).

    >>> import sympy
    >>> w, x = sympy.symbols("w x")
    >>> latex_dd(w * x, w, TextWriter(w, partial=True))
    '\\frac{\\partial}{\\partial w}\\left(w x\\right)'
    """
    d = r"\partial" if w.partial and variable == w.variable else "d"
    return rf"\frac{{{d}}}{{{d} {to_latex(variable)}}}\left({to_latex(expr)}\right)"
