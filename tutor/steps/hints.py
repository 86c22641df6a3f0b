"""The hint ladder: from "what is the outermost operation?" down to the result, one rung at a time.

The ladder walks the step tree in teaching order (a step, then the
derivatives it needs, then its result). Each step gives up to four rungs:
*orient* (a question about its outermost operation), *rule* (the rule stated
in general), *instantiate* (the rule on this expression, with its bindings)
and *bottom_out* (the step's result). Nothing before the last rung shows the
final answer: a sub-step whose result is already the final answer keeps quiet.

>>> import sympy
>>> from tutor.steps import derivative_steps
>>> x = sympy.Symbol("x")
>>> [h.level.value for h in derivative_steps(sympy.sin(x**2), x).hints()][:3]
['orient', 'rule', 'instantiate']
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sympy import Basic

from tutor.steps.render import TextWriter, latex_dd
from tutor.steps.step import Step
from tutor.steps.text import to_latex


class HintLevel(StrEnum):
    """How much a hint gives away, from least to most."""

    ORIENT = "orient"
    RULE = "rule"
    INSTANTIATE = "instantiate"
    BOTTOM_OUT = "bottom_out"


@dataclass(frozen=True)
class Hint:
    """One rung of a hint ladder: its level, text (and LaTeX when it has a formula), and the step path."""

    level: HintLevel
    text: str
    latex: str | None = None
    step: str = "0"

    def __str__(self) -> str:
        return self.text


def ladder(root: Step, w: TextWriter, shown: Callable[[Step], Basic], final: Basic) -> tuple[Hint, ...]:
    """The whole ladder for a derivation whose simplified answer is `final` (see `Derivation.hints`).

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.exp(sympy.Symbol("x")), "x")
    >>> [h.text for h in ladder(d.steps, d.writer, d.shown, d.result)]
    ['d/dx e^x: which basic derivative do you know for e^x?', 'Exponential rule: d/dx e^x = e^x.', 'd/dx e^x = e^x']
    """
    hints: list[Hint] = []
    _step_hints(root, w, shown, _Reveal(root, shown, final), hints)
    return tuple(hints)


class _Reveal:
    """Knows which results are the final answer, so that only the last rung shows it."""

    def __init__(self, root: Step, shown: Callable[[Step], Basic], final: Basic) -> None:
        self.root = root
        self.final = final
        self.shown = shown

    def gives_away(self, step: Step) -> bool:
        return step is not self.root and (step.result == self.root.result or self.shown(step) == self.final)


def _step_hints(step: Step, w: TextWriter, shown: Callable[[Step], Basic], reveal: _Reveal,
                out: list[Hint]) -> None:
    root = step is reveal.root
    if step.trivial and not step.children:
        if root or not reveal.gives_away(step):
            hint = bottom_out(step, w, step.result)
            out.append(Hint(hint.level, f"{step.instance(w).rstrip('.')}: {hint.text}", hint.latex,
                            step.path))
        return
    if step.children or root:
        out.append(orient(step, w, root))
    out.append(rule_hint(step))
    instance = step.instance(w)
    if instance:
        out.append(Hint(HintLevel.INSTANTIATE, instance, None, step.path))
    for child in step.children:
        _step_hints(child, w, shown, reveal, out)
    if root:
        out.append(_final(step, w, reveal.final))
    elif not reveal.gives_away(step):
        out.append(bottom_out(step, w, shown(step)))


def orient(step: Step, w: TextWriter, first: bool = False) -> Hint:
    """The question that starts a step: what is the outermost operation?

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.sin(sympy.Symbol("x") ** 2), "x")
    >>> orient(d.steps.children[1], d.writer).text
    'd/dx x²: which basic derivative do you know for x²?'
    """
    expr = w.text(step.expr)
    if not step.children:
        text = f"{w.dd(step.expr, step.wrt)}: which basic derivative do you know for {expr}?"
    elif first:
        text = (f"To find {w.dd(step.expr, step.wrt)}: what is the outermost operation of {expr}, "
                f"the one you would compute last? It decides the first rule.")
    else:
        text = f"Next, {w.dd(step.expr, step.wrt)}: what is the outermost operation in {expr}?"
    return Hint(HintLevel.ORIENT, text, None, step.path)


def rule_hint(step: Step) -> Hint:
    """The rule of a step, stated in general.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> rule_hint(derivative_steps(sympy.Symbol("x") ** 3, "x").steps).text[:30]
    'Power rule: d/dx xⁿ = n·xⁿ⁻¹ f'
    """
    name = step.name[0].upper() + step.name[1:]
    return Hint(HintLevel.RULE, f"{name}: {step.statement}", step.statement_latex or None, step.path)


def bottom_out(step: Step, w: TextWriter, result: Basic) -> Hint:
    """The result of a step.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.Symbol("x") ** 3, "x")
    >>> bottom_out(d.steps, d.writer, d.result).text
    'd/dx x³ = 3x²'
    """
    note = step.note()
    text = f"{note[0].upper()}{note[1:]}: {w.equation(step, result)}" if note else w.equation(step, result)
    latex = f"{latex_dd(step.expr, step.wrt, w)} = {to_latex(result)}"
    return Hint(HintLevel.BOTTOM_OUT, text, latex, step.path)


def _final(root: Step, w: TextWriter, final: Basic) -> Hint:
    """The last rung: the root's result as the rule gives it, then simplified."""
    hint = bottom_out(root, w, root.result)
    if root.result == final or w.text(root.result) == w.text(final):
        return hint
    return Hint(HintLevel.BOTTOM_OUT, f"{hint.text} = {w.text(final)}",
                f"{hint.latex} = {to_latex(final)}", root.path)
