"""Misconceptions in integration, as wrong rules run on the integration engine's nodes (`NodeBug`).

>>> from tutor.steps.solve import solution_steps
>>> solution_steps("integrate(x e^x, x)").diagnose("x^2/2 e^x").bug
'parts_factors_separately'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.integrals import Antiderivative, build_integral
from tutor.steps.node import Node, NodeBug


def _var(node: Node) -> sympy.Symbol:
    if not isinstance(node, Antiderivative):
        raise TypeError(f"an integration bug applied at a {node.rule} node")
    return node.var


def _no_divide(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    n = node.n  # type: ignore[attr-defined]
    return (_var(node) ** (n + 1),) if n + 1 != 1 else ()


def _differentiated(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.diff(node.expr, _var(node)),)


def _missing_factor(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    constant = sympy.diff(node.inner, _var(node)).as_coeff_Mul()[0]  # type: ignore[attr-defined]
    if constant in (1, -1):
        return ()
    return ((constant * parts[0]).xreplace({node.u: node.inner}),)  # type: ignore[attr-defined]


def _separately(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    u_integral = build_integral(node.u, _var(node))  # type: ignore[attr-defined]
    if any(n.rule == "unknown" for n in u_integral.walk()):
        return ()
    return (u_integral.result * parts[0],)


def _parts_sign(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (node.u * parts[0] + parts[1],)  # type: ignore[attr-defined]


def _trig_sign(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (-node.combine(parts),)


def _reversed(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (-node.combine(parts),)


def _upper_only(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    at_low = node.evaluate_at(parts[0], node.low)  # type: ignore[attr-defined]
    return (sympy.simplify(node.evaluate_at(parts[0], node.high)),) if at_low != 0 else ()  # type: ignore[attr-defined]


INTEGRAL_BUGS: tuple[NodeBug, ...] = (
    NodeBug("integral_power_no_divide", "Raises the exponent but forgets to divide by the new exponent.",
            frozenset({"power"}), _no_divide,
            "In ∫ {f} d{x} you raised the exponent to {n1} but did not divide by it: power rule, "
            "∫ xⁿ dx = xⁿ⁺¹/(n + 1).",
            "Power rule for integrals: raise the exponent by one, then divide by the new exponent."),
    NodeBug("differentiated_instead", "Differentiates instead of integrating.", frozenset({"power", "table",
                                                                                         "trig", "exp"}),
            _differentiated,
            "You differentiated {f} instead of integrating it: the integral raises powers (∫ xⁿ dx = "
            "xⁿ⁺¹/(n + 1)); check by differentiating your answer, which should give back {f}.",
            "An antiderivative F of f satisfies F′ = f: differentiate your answer to check it."),
    NodeBug("substitution_missing_factor", "Substitutes u = g(x) but forgets the constant from du = g′(x) dx.",
            frozenset({"substitution"}), _missing_factor,
            "With {u} = {inner}, d{u} = {du} d{x}: the constant in {du} has to be divided out, and your "
            "answer keeps it in.",
            "Substitution: write dx = du/g′(x) and cancel; a constant left over stays as a factor, "
            "e.g. ∫ e^(2x) dx = e^(2x)/2."),
    NodeBug("parts_factors_separately", "Integrates the two factors of a product separately and multiplies.",
            frozenset({"parts"}), _separately,
            "The integral of a product is not the product of the integrals: ∫ {u}·{dv} d{x} needs "
            "integration by parts, ∫ u dv = u·v − ∫ v du.",
            "Integration by parts: u = {u}, dv = {dv} d{x}; then u·v − ∫ v du."),
    NodeBug("parts_sign", "Adds ∫ v du instead of subtracting it.", frozenset({"parts"}), _parts_sign,
            "In integration by parts the second term is subtracted: ∫ u dv = u·v − ∫ v du.",
            "∫ u dv = u·v − ∫ v du (it comes from the product rule (uv)′ = u′v + uv′)."),
    NodeBug("trig_integral_sign", "Gets the sign of ∫ sin or ∫ cos wrong.", frozenset({"trig"}), _trig_sign,
            "Check the sign: ∫ sin x dx = −cos x and ∫ cos x dx = sin x (differentiate to check).",
            "d/dx (−cos x) = sin x, so ∫ sin x dx = −cos x."),
    NodeBug("definite_reversed", "Computes F(a) − F(b) instead of F(b) − F(a).", frozenset({"definite"}),
            _reversed,
            "The upper limit comes first: ∫ from {a} to {b} is F({b}) − F({a}), and your answer has the "
            "opposite sign.",
            "∫ₐᵇ f dx = F(b) − F(a): upper limit minus lower limit."),
    NodeBug("definite_lower_limit_dropped", "Evaluates the antiderivative at the upper limit only.",
            frozenset({"definite"}), _upper_only,
            "You evaluated the antiderivative at {b} only; subtract its value at the lower limit {a} too.",
            "∫ₐᵇ f dx = F(b) − F(a), and F({a}) is not 0 here."),
)
