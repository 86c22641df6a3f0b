"""Misconceptions in applying a formula, as wrong rules on the nodes of `tutor.steps.evaluate`.

Each computes the value a learner who makes the slip gets at that part of the
formula; `tutor.steps.solution` carries it up to the answer. Messages name the
slip without numbers (a part of the formula with its values put in may hold a
value the learner computed); the hint that follows the diagnosis shows the part.

>>> from tutor.steps.solve import solution_steps
>>> solution_steps("sigma / sqrt(n)", sigma=3, n=25).diagnose("3/25").bug
'formula_dropped_root'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.evaluate import Part, Quotient, compound, value_of
from tutor.steps.node import Node, NodeBug, as_rule


def _part(node: Node) -> Part:
    return as_rule(node, Part)


def _radicand(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    (value,) = _part(node)._arguments(parts)[:1]
    return (value,)


def _upside_down(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    result = node.result
    if isinstance(result, sympy.MatrixBase) or result == 0:
        return ()
    return (sympy.Integer(1) / result,)


def _reversed(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (-node.result,)


def _uncomplemented(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (1 - node.result,)


def _base_only(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (_part(node)._arguments(parts)[0],)


def _without_one(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    # n − 1 read as n (and n + 1 as n)
    p = _part(node)
    kept = [v for a, v in zip(p.expr.args, p._arguments(parts)) if not (a.is_Number and abs(a) == 1)]
    return (value_of(kept, p.expr),) if kept and len(kept) < len(p.expr.args) else ()


def _with_one_less(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    # a fraction over n computed over n − 1 (and back, by `_without_one`)
    p = as_rule(node, Quotient)
    num, den = p.numerator_denominator()
    if not isinstance(den, sympy.Symbol):
        return ()
    n = p.values.get(den)
    if n is None or not n.is_Integer or n <= 1:
        return ()
    return (node.result * n / (n - 1),)


def _root_dropped_in_denominator(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    # (x̄ − μ)/(σ/√n) computed as (x̄ − μ)/σ: the √n of the standard error left out
    p = _part(node)
    out = []
    for a, v in zip(p.expr.args, p._arguments(parts)):
        if isinstance(a, sympy.Pow) and a.exp == -1 and isinstance(a.base, sympy.Pow) and a.base.exp == sympy.S.Half:
            out.append(node.result * v ** -1)  # multiply the root back in: the division by it undone
    return tuple(out)


def _has_one(node: Node) -> bool:
    return any(a.is_Number and abs(a) == 1 for a in node.expr.args)


def _compound_fraction(node: Node) -> bool:
    num, den = as_rule(node, Quotient).numerator_denominator()
    return compound(num) or compound(den)


def _square(node: Node) -> bool:
    return node.expr.exp == 2


def _over_root(node: Node) -> bool:
    return any(isinstance(a, sympy.Pow) and a.exp == -1 and isinstance(a.base, sympy.Pow)
               and a.base.exp == sympy.S.Half for a in node.expr.args)


EVALUATE_BUGS: tuple[NodeBug, ...] = (
    NodeBug("formula_dropped_root", "Leaves out a square root in the formula.", frozenset({"value_root"}),
            _radicand, "A square root seems to be left out.",
            "Take the square root where the formula has √: σ/√n divides by the root of n, not by n."),
    NodeBug("formula_standard_error_root", "Divides by σ where the formula divides by σ/√n "
            "(the standard deviation for the standard error).", frozenset({"value_quotient"}),
            _root_dropped_in_denominator, "The division by a square root seems to be left out: the spread of a mean is "
            "the standard error, σ/√n, not σ.",
            "The standard error of a mean of n values is σ/√n.", when=_over_root),
    NodeBug("formula_upside_down", "Divides the other way round (b/a for a/b).",
            frozenset({"value_quotient"}),
            _upside_down, "A fraction seems to be turned upside down: check which part is the numerator.",
            "In a/b, a is on top.", when=_compound_fraction),
    NodeBug("formula_reversed_difference", "Subtracts in the wrong order (b − a for a − b).",
            frozenset({"value_difference"}), _reversed,
            "The sign is off: a difference seems to be taken the other way round.",
            "a − b and b − a differ by their sign."),
    NodeBug("formula_missing_complement", "Gives p where the formula asks for 1 − p.",
            frozenset({"value_complement"}), _uncomplemented,
            "That is the probability of the opposite event: the formula takes one minus it.",
            "P(not A) = 1 − P(A)."),
    NodeBug("formula_dropped_power", "Leaves out the square (x for x²).", frozenset({"value_power"}),
            _base_only, "A square seems to be left out.", "Square the whole bracket.",
            when=_square),
    NodeBug("formula_dropped_one", "Reads n − 1 as n (or n + 1 as n).",
            frozenset({"value_sum", "value_difference"}),
            _without_one, "A 1 seems to be left out: n − 1 (or n + 1) read as n.",
            "n − 1 and n differ: a sample variance divides by n − 1.", when=_has_one),
    NodeBug("formula_n_minus_one", "Divides by n − 1 where the formula divides by n.",
            frozenset({"value_quotient"}),
            _with_one_less, "That divides by n − 1 where the formula divides by n.",
            "A mean divides by n; only a sample variance divides by n − 1."),
)
"""The formula misconceptions, in priority order."""
