"""Misconceptions in integration, as wrong rules run on the integration engine's nodes (`NodeBug`).

>>> from tutor.steps.solve import solution_steps
>>> solution_steps("integrate(x e^x, x)").diagnose("x^2/2 e^x").bug
'parts_factors_separately'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.integrals import Antiderivative, IDefinite, IParts, IPower, ISubstitution, build_integral
from tutor.steps.node import Node, NodeBug, as_rule


def _var(node: Node) -> sympy.Symbol:
    return as_rule(node, Antiderivative).var


def _no_divide(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    n = as_rule(node, IPower).n
    return (_var(node) ** (n + 1),) if n + 1 != 1 else ()


def _differentiated(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.diff(node.expr, _var(node)),)


def _missing_factor(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    substitution = as_rule(node, ISubstitution)
    constant = sympy.diff(substitution.inner, substitution.var).as_coeff_Mul()[0]
    if constant in (1, -1):
        return ()
    return ((constant * parts[0]).xreplace({substitution.u: substitution.inner}),)


def _separately(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    u_integral = build_integral(as_rule(node, IParts).u, _var(node))
    if any(n.rule == "unknown" for n in u_integral.walk()):
        return ()
    return (u_integral.result * parts[0],)


def _parts_sign(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (as_rule(node, IParts).u * parts[0] + parts[1],)


def _trig_sign(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (-node.combine(parts),)


def _reversed(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (-node.combine(parts),)


def _upper_only(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    definite = as_rule(node, IDefinite)
    at_low = definite.evaluate_at(parts[0], definite.low)
    return (sympy.simplify(definite.evaluate_at(parts[0], definite.high)),) if at_low != 0 else ()


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
