"""The Hessian on the derivative engine, and the diagnosis of vector and matrix answers entry by entry.

A `Hessian` is the gradient's derivations, then one derivation per second
partial derivative ∂/∂vⱼ (∂f/∂vᵢ), each worked by `derivative_steps`. A vector
or matrix answer (a gradient, a Hessian) is diagnosed at its first wrong
entry, by that entry's own derivation.

>>> h = hessian_steps("x^2 y + y^3", ["x", "y"])
>>> h.result.tolist()
[[2*y, 2*x], [2*x, 6*y]]
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

import sympy
from sympy import Basic

from tutor.deadline import tick
from tutor.errors import StepError
from tutor.steps.derivation import Derivation, Gradient, derivative_steps, gradient_steps
from tutor.steps.diagnosis import Diagnosis
from tutor.steps.hints import MAX_RUNGS, Hint, HintLevel, entry_step
from tutor.steps.text import to_latex, to_text
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.parser import Parsed


@frozen(eq=False)
class Hessian:
    """The matrix of second partial derivatives: the gradient, then each of its entries differentiated."""

    gradient: Gradient
    rows: tuple[tuple[Derivation, ...], ...]

    @property
    def result(self) -> sympy.ImmutableMatrix:
        """The Hessian matrix."""
        return sympy.ImmutableMatrix([[d.result for d in row] for row in self.rows])

    @property
    def has_unknown(self) -> bool:
        """True when some derivative has a "don't know" step."""
        return self.gradient.has_unknown or any(d.has_unknown for row in self.rows for d in row)

    def _derivations(self) -> list[Derivation]:
        return [d for row in self.rows for d in row]

    def render(self) -> str:
        """The first partial derivatives, then each second partial derivative, then the matrix."""
        parts = [self.gradient.render()] + [d.render() for d in self._derivations()]
        return "\n\n".join(parts + [f"Hessian: {_rows_text(self.result)}"])

    def latex(self) -> str:
        """Each derivative's LaTeX, then the Hessian matrix."""
        return "\n\n".join([self.gradient.latex()] + [d.latex() for d in self._derivations()]
                           + [to_latex(self.result)])

    def hints(self, budget: int = MAX_RUNGS) -> tuple[Hint, ...]:
        """The gradient's ladder, each second derivative's ladder, then the matrix; at most `budget` rungs.

        Each second derivative gets the rungs left over, at least its result; when even that is too
        many, one rung gives them all (its ``more`` holds their detailed steps).

        >>> len(hessian_steps("x^3 y^2", ["x", "y"]).hints(8)) <= 8
        True
        """
        second = self._derivations()
        first = max(2, budget // 3)
        hints = [dataclasses.replace(h, step=f"first {h.step}") for h in self.gradient.hints(first)
                 if h.level is not HintLevel.BOTTOM_OUT or h.step != "0"]
        each = max(1, (budget - 1 - len(hints)) // max(1, len(second)))
        # an entry's own bottom-out is a step of this ladder: only the matrix is the bottom-out
        rest = [dataclasses.replace(h, step=entry_step(k, h.step), level=_inner(h.level))
                for k, d in enumerate(second) for h in d.hints(each)]
        if len(hints) + len(rest) >= budget:
            rest = [Hint(HintLevel.INSTANTIATE, "; ".join(h.text for h in rest), None, "0",
                         tuple(h for d in second for h in d.detailed_hints()))]
        hints += rest
        hints.append(Hint(HintLevel.BOTTOM_OUT, f"Put the second partial derivatives in a matrix: "
                                                f"{_rows_text(self.result)}", to_latex(self.result), "0"))
        return tuple(hints)

    def diagnose(self, response: str | Basic | Parsed) -> Diagnosis | None:
        """The known mistake in the first wrong entry of `response`, or None."""
        # an entry is named by its place, not by the first derivative it differentiates (that is
        # a step the learner is asked to find)
        names = [f"∂²f/∂{a}∂{b}" if a != b else f"∂²f/∂{a}²"
                 for a in self.gradient.variables for b in self.gradient.variables]
        return diagnose_entries(self._derivations(), response, self.result.shape, names)

    def __str__(self) -> str:
        return f"Hessian = {_rows_text(self.result)}"


def hessian_steps(expr: str | Basic | Parsed, wrt: Sequence[str | sympy.Symbol]) -> Hessian:
    """The Hessian of `expr` in the variables `wrt`, each entry derived step by step.

    >>> hessian_steps("x y", ["x", "y"]).rows[0][1].result
    1
    """
    if not wrt:
        raise StepError("A Hessian needs at least one variable.")
    gradient = gradient_steps(expr, wrt)
    rows = tuple(tuple(derivative_steps(first.result, v) for v in gradient.variables)
                 for first in gradient.derivations)
    return Hessian(gradient, rows)


def diagnose_entries(derivations: Sequence[Derivation], response: object,
                     shape: tuple[int, int], names: Sequence[str] = ()) -> Diagnosis | None:
    """Diagnose a vector or matrix answer at its first wrong entry, by that entry's derivation
    (named by `names`, else by the derivative it asks for).

    >>> g = gradient_steps("x^3 + y^2", ["x", "y"])
    >>> diagnose_entries(g.derivations, "[3x^3, 2y]", (2, 1)).bug
    'power_keep_exponent'
    """
    value = _value(response)
    if not isinstance(value, sympy.MatrixBase) or len(value) != len(derivations):
        return None
    if 1 not in shape or 1 not in value.shape:
        if value.shape != shape:
            return None
    for k, (entry, derivation) in enumerate(zip(value, derivations)):
        tick()
        found = derivation.diagnose(entry)
        if found is not None:
            named = names[k] if k < len(names) else derivation.writer.dd(derivation.expr, derivation.wrt)
            where = f"In {named}: "
            # the step path within entry k, as the entry's rungs in the ladder are tagged ("1:0.2")
            return Diagnosis(found.bug, where + found.message, entry_step(k, found.step), found.hints,
                             found.alternatives)
    return None


def _value(response: object) -> Basic:
    if isinstance(response, str):
        from tutor.parser import parse

        response = parse(response)
    value = getattr(response, "value", response)
    if isinstance(value, (list, tuple)):
        return sympy.ImmutableMatrix(value)
    return value


def _rows_text(m: sympy.ImmutableMatrix) -> str:
    return "[" + ", ".join("[" + ", ".join(to_text(e) for e in m.row(i)) + "]" for i in range(m.rows)) + "]"


def _inner(level: HintLevel) -> HintLevel:
    return HintLevel.INSTANTIATE if level is HintLevel.BOTTOM_OUT else level
