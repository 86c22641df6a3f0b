"""Misconceptions in matrix calculus, as wrong rules run on the gradient nodes (`NodeBug`).

Each bug computes the wrong value a learner who holds it gets at one node (`tutor.steps.matrix_calculus`);
`tutor.steps.solution` carries it up to the final answer. Two bugs that give the same answer (2A w for
∇ wᵀA w: a missing transpose, or A taken as symmetric) are both named (`Diagnosis.alternatives`).
Messages speak of the rule and of what the question shows, never of a value computed from the answer.

>>> from tutor.steps.solve import solution_steps
>>> decl = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
>>> solution_steps("gradient(norm(X w - y)^2, w)", declare=decl).diagnose("2 X^T (y - X w)").bug
'residual_sign_flipped'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.data_sums import TermInside, TermPower, power_rule
from tutor.linalg import log_loss
from tutor.steps.matrix_calculus import (GradEntrywise, GradLogLoss, GradQuadratic, GradScale, GradSquaredNorm,
                                         pulled_back, scaled, times, transposed)
from tutor.steps.matrix_products import ProductInverted, ProductTransposed
from tutor.steps.node import Node, NodeBug, as_rule


def _jacobian_is_identity(node: Node) -> bool:
    jacobian = node.children[0].result
    return isinstance(jacobian, sympy.Identity) or (
        isinstance(jacobian, sympy.MatMul) and any(isinstance(a, sympy.Identity) for a in jacobian.args))


def _missing_transpose(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    if isinstance(node, GradQuadratic):   # A w + A w: the second appearance of w without its transpose
        return (times(sympy.Integer(2), [node.matrix, node.wrt]),)
    if isinstance(node, GradEntrywise):   # X (y ⊙ σ(−X w))
        slope, jacobian = parts
        return (times(sympy.Integer(1), [jacobian, sympy.HadamardProduct(node.weights, slope, evaluate=False)]),)
    norm = as_rule(node, GradSquaredNorm)
    return (times(sympy.Integer(2), [parts[0], norm.residual]),)


def _log_loss_sign(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    loss = as_rule(node, GradLogLoss)
    flipped = log_loss.error(loss.labels, loss.logits, negated=not loss.negated)
    return (pulled_back(sympy.Integer(1), parts[0], flipped),)


def _dropped_slope(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    entrywise = as_rule(node, GradEntrywise)
    return (pulled_back(sympy.Integer(1), parts[1], entrywise.weights),)


def _assumes_symmetric(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    quadratic = as_rule(node, GradQuadratic)
    return (times(sympy.Integer(2), [quadratic.matrix, quadratic.wrt]),)


def _reversed_order(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    if isinstance(node, GradSquaredNorm):   # (X w − y)ᵀX: a row where the gradient is a column
        return (times(sympy.Integer(2), [transposed(node.residual), parts[0]]),)
    return (transposed(node.result),)     # wᵀ(A + Aᵀ), bᵀ


def _one_term(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    quadratic = as_rule(node, GradQuadratic)
    a, w = quadratic.matrix, quadratic.wrt
    return (times(sympy.Integer(1), [a, w]), times(sympy.Integer(1), [transposed(a), w]))


def _dropped_two(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (pulled_back(sympy.Integer(1), parts[0], as_rule(node, GradSquaredNorm).residual),)


def _sign_flipped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    if isinstance(node, TermPower):   # 2·x_i·(y_i − w x_i − b): the inside turned round, its derivative kept
        return (power_rule(node.power, sympy.Mul(-1, node.inside, evaluate=False), parts[0]),)
    return (pulled_back(sympy.Integer(-2), parts[0], as_rule(node, GradSquaredNorm).residual),)


def _even_power(node: Node) -> bool:
    return not isinstance(node, TermPower) or bool(node.power.is_even)


def _sign_dropped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (scaled(-as_rule(node, GradScale).factor, parts[0]),)


def _negative_factor(node: Node) -> bool:
    return bool(as_rule(node, GradScale).factor.could_extract_minus_sign())


def _denominators(node: Node) -> list[Basic]:
    _, denominator = sympy.fraction(as_rule(node, GradScale).factor)
    return [f for f in sympy.Mul.make_args(denominator) if f.free_symbols]


def _dropped_mean(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    factor = as_rule(node, GradScale).factor
    return tuple(scaled(factor * d, parts[0]) for d in _denominators(node))


def _dropped_factor(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _whole_factor_matters(node: Node) -> bool:
    # a factor 1/n alone is the mean's: dropping it is `dropped_mean_factor`
    numerator, _ = sympy.fraction(as_rule(node, GradScale).factor)
    return numerator not in (1, -1)


def _dropped_power(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    power = as_rule(node, TermPower)
    return (sympy.Mul(parts[0], power.inside ** (power.power - 1), evaluate=False),)


def _dropped_inside(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    power = as_rule(node, TermPower)
    return (power_rule(power.power, power.inside, sympy.Integer(1)),) if parts[0] != 1 else ()


def _other_parameter(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    inside = as_rule(node, TermInside)
    others = sorted((s for s in inside.expr.free_symbols if isinstance(s, sympy.Symbol) and s != inside.wrt
                     and not _is_index_or_data(s, inside.expr)), key=str)
    return tuple(sympy.diff(inside.expr, s) for s in others)


def _is_index_or_data(s: sympy.Symbol, expr: Basic) -> bool:
    return any(s in d.indices or s == d.base.label for d in expr.atoms(sympy.Indexed))


def _keeps_order(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    if isinstance(node, ProductInverted):
        return (times(1 / node.coefficient, list(reversed(parts))),)
    return (times(as_rule(node, ProductTransposed).coefficient, list(reversed(parts))),)


def _reversed_only(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    product = as_rule(node, ProductTransposed)
    return (times(product.coefficient, [child.expr for child in node.children]),)


MATRIX_CALCULUS_BUGS: tuple[NodeBug, ...] = (
    NodeBug("missing_transpose", "Leaves out a transpose in a matrix gradient (X r for Xᵀr, A w + A w for "
            "A w + Aᵀw).", frozenset({"squared_norm", "quadratic_form", "entrywise_chain"}),
            _missing_transpose,
            "In {goal} a transpose is missing: the matrix that carries w forward must be transposed to "
            "carry the gradient back to w.",
            "Chain rule for vectors: if r changes with w through a matrix M (r = M w + c), then "
            "∇_w g = Mᵀ ∇_r g. In wᵀA w the w on the left contributes Aᵀw.",
            when=lambda node: not isinstance(node, GradSquaredNorm) or not _jacobian_is_identity(node)),
    NodeBug("entrywise_dropped_derivative", "In the chain rule through a function applied entry by entry, "
            "forgets the derivative of that function (∇ yᵀlog σ(X w) = Xᵀy).", frozenset({"entrywise_chain"}),
            _dropped_slope,
            "In {goal} each entry is weighted by the derivative of the function applied to it, entry by "
            "entry; your answer has left that derivative out.",
            "Chain rule: ∇_w aᵀg(M w) = Mᵀ(a ⊙ g′(M w)); the g′ is taken entry by entry at M w."),
    NodeBug("quadratic_assumes_symmetric", "Takes ∇_w (wᵀA w) = 2A w for a matrix A that is not symmetric.",
            frozenset({"quadratic_form"}), _assumes_symmetric,
            "2·{matrix}·w is the gradient of {function} only when {matrix} is symmetric, and nothing says it "
            "is: w appears on both sides of {matrix}, and each side gives its own term.",
            "∇_w (wᵀA w) = A w + Aᵀw; the two terms are equal only when Aᵀ = A.",
            when=lambda node: not as_rule(node, GradQuadratic).symmetric),
    NodeBug("quadratic_one_term", "Keeps one of the two terms of ∇_w (wᵀA w): A w, or Aᵀw, alone.",
            frozenset({"quadratic_form"}), _one_term,
            "In {function} the vector w appears twice, on both sides of {matrix}: each appearance gives a "
            "term of the gradient, and your answer has only one of them.",
            "Product rule for wᵀA w: differentiate the left w (A w held fixed), then the right w (wᵀA held "
            "fixed), and add the two terms."),
    NodeBug("reversed_product_order", "Writes the factors of a matrix gradient in the reverse order "
            "((X w − y)ᵀX for Xᵀ(X w − y), wᵀ(A + Aᵀ), bᵀ), giving a row where the gradient is a column.",
            frozenset({"squared_norm", "quadratic_form", "linear_form", "entrywise_chain", "log_loss"}),
            _reversed_order,
            "Your answer to {goal} is a row: its factors are in the reverse order (or transposed). The "
            "gradient by a column vector w is a column of the same size as w.",
            "Matrix products do not commute: the gradient is (transposed matrix) times (column), in that "
            "order, so that it has the shape of w; ∇_w (aᵀw) = a, a column."),
    NodeBug("norm_dropped_two", "Forgets the factor 2 of the squared norm: ∇ ‖r‖² = Jᵀr.",
            frozenset({"squared_norm"}), _dropped_two,
            "In {goal} the factor 2 from the square is missing: ∇_r (rᵀr) = 2r, as d/dx x² = 2x.",
            "‖r‖² = rᵀr = r₁² + … + r_n², and each square gives 2·r_k: the gradient has a factor 2."),
    NodeBug("residual_sign_flipped", "Turns the residual round (y − X w for X w − y) without the minus sign "
            "that goes with it.", frozenset({"squared_norm", "term_power"}), _sign_flipped,
            "Your answer to {goal} has the opposite sign: the residual {residual} appears in the gradient as "
            "it is written in the loss; turning it round changes the sign.",
            "‖r‖² = ‖−r‖², but the gradient keeps the residual r as it is written inside the square, together "
            "with how that same r changes with the variable.", when=_even_power),
    NodeBug("log_loss_sign_flipped", "Gives the gradient of the log-loss with the labels minus the predictions "
            "(Xᵀ(y − σ(X w))): the gradient of the log-likelihood, which the loss negates.", frozenset({"log_loss"}),
            _log_loss_sign,
            "Your answer to {goal} has the opposite sign: with p = σ(z), the log-likelihood changes with z as "
            "y − p (labels minus predictions), and the log-loss, its negative, as p − y.",
            "(log σ)′(z) = 1 − σ(z) and (log(1 − σ))′(z) = −σ(z), so the log-likelihood's gradient by z is "
            "y ⊙ (1 − σ(z)) − (1 − y) ⊙ σ(z) = y − σ(z); the minus in front of the loss turns it into σ(z) − y."),
    NodeBug("loss_sign_dropped", "Drops the minus sign in front of a loss (a negative log-likelihood) from its "
            "gradient: ascent where descent is asked.", frozenset({"constant_factor"}), _sign_dropped,
            "The factor {factor} in front of {goal} carries a minus sign, and it stays in front of the "
            "derivative; your answer has the opposite sign.",
            "∇(−f) = −∇f: the minus of a negative log-likelihood stays; check the sign by asking whether a "
            "step against your gradient lowers the loss.", when=_negative_factor),
    NodeBug("dropped_power_factor", "Forgets the exponent that the power rule brings down (the 2 of a "
            "square) in one term of a sum.", frozenset({"term_power"}), _dropped_power,
            "In {goal} the power rule brings the exponent {power} down in front: (u^k)′ = k·u^(k−1)·u′, and "
            "your answer has lost it.",
            "Chain rule on a power: d/dw u^k = k·u^(k−1)·du/dw; for a square, 2·u·du/dw."),
    NodeBug("chain_dropped_inside", "Differentiates the outside of a term but forgets to multiply by the "
            "derivative of its inside.", frozenset({"term_power"}), _dropped_inside,
            "In {goal} the chain rule multiplies by the derivative of the inside {inside}, and that factor "
            "is missing from your answer.",
            "Chain rule: d/dw u^k = k·u^(k−1)·du/dw. Differentiate the inside with the data held as numbers."),
    NodeBug("other_parameter", "Differentiates by another parameter of the model (∂L/∂b when ∂L/∂w is "
            "asked).", frozenset({"term_inside"}), _other_parameter,
            "That is the derivative by another parameter: here only {variable} changes, so the chain rule "
            "multiplies by how the inside {function} changes with {variable}.",
            "Partial derivative: differentiate by the one variable asked for and hold the other parameters, "
            "like the data, as numbers."),
    NodeBug("dropped_mean_factor", "Drops the 1/n of a mean from the gradient.", frozenset({"constant_factor"}),
            _dropped_mean,
            "A constant factor stays in front of the derivative: the division in {factor}, in front of "
            "{goal}, is missing from your answer.",
            "∇(c·f) = c·∇f: a mean over the examples keeps its 1/n in front of the gradient."),
    NodeBug("dropped_constant_factor", "Drops the constant factor in front of a loss from its gradient.",
            frozenset({"constant_factor"}), _dropped_factor,
            "A constant factor stays in front of the derivative: the factor {factor} of {goal} is missing "
            "from your answer.",
            "∇(c·f) = c·∇f: differentiate f and keep c in front.",
            when=_whole_factor_matters),
    NodeBug("transpose_keeps_order", "Takes (AB)ᵀ = AᵀBᵀ: transposes each factor but keeps their order.",
            frozenset({"transpose_of_product"}), _keeps_order,
            "Transposing a product reverses the order of its factors: your answer to {goal} transposes "
            "each factor but keeps them in the original order.",
            "(P Q)ᵀ = Qᵀ Pᵀ: the last factor comes first. Check the sizes: for P m×k and Q k×n, Qᵀ Pᵀ is "
            "n×k times k×m."),
    NodeBug("transpose_only_reversed", "Takes (AB)ᵀ = BA: reverses the order but does not transpose the "
            "factors.", frozenset({"transpose_of_product"}), _reversed_only,
            "The order in your answer to {goal} is reversed, as it should be, but each factor must also be "
            "transposed.",
            "(P Q)ᵀ = Qᵀ Pᵀ: reverse the order and transpose every factor."),
    NodeBug("inverse_keeps_order", "Takes (AB)⁻¹ = A⁻¹B⁻¹: inverts each factor but keeps their order.",
            frozenset({"inverse_of_product"}), _keeps_order,
            "The inverse of a product reverses the order of its factors: your answer to {goal} inverts "
            "each factor but keeps them in the original order.",
            "(P Q)⁻¹ = Q⁻¹ P⁻¹: check by multiplying, P Q Q⁻¹ P⁻¹ = P P⁻¹ = I, while P Q P⁻¹ Q⁻¹ is not I "
            "in general."),
)
"""Every matrix-calculus misconception, in priority order."""
