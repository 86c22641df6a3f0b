"""Misconceptions in probability and statistics, as wrong rules run on the engine's nodes (`NodeBug`).

Messages name the slip in terms of the question's own quantities (the data,
n, p, μ, σ, the given probabilities), never a value the learner is asked for.

>>> from tutor.steps.solve import solution_steps
>>> solution_steps("bayes(1/100, 9/10, 1/20)").diagnose("9/10").bug
'confusion_of_inverse'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.node import Node, NodeBug, as_rule
from tutor.steps.stats import ScaledVariance, phi


def _n(node: Node) -> int:
    return len(list(node.expr))


def _by_n_minus_1(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    n = _n(node)
    return (sympy.expand(parts[0] / (n - 1)),) if n > 1 else ()


def _by_n(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.expand(parts[0] / _n(node)),)


def _root(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.sqrt(node.combine(parts)),)


def _no_root(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _scale_linear(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    c = as_rule(node, ScaledVariance).c
    return (sympy.expand(c * parts[0]), sympy.expand(abs(c) * parts[0]))


def _no_covariance(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.expand(parts[0] + parts[1]),)


def _covariance_n_minus_1(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    n = _n(node)
    return (node.combine(parts) * n / (n - 1),) if n > 1 else ()


def _kn_p(node: Node) -> tuple[Basic, Basic, Basic]:
    k, n, p = node.expr
    return k, n, p


def _in_range(node: Node) -> bool:
    k, n, _ = _kn_p(node)
    return bool(0 <= k <= n)


def _no_coefficient(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    k, n, p = _kn_p(node)
    return (p**k * (1 - p) ** (n - k),)


def _wrong_exponent(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    k, n, p = _kn_p(node)
    c = parts[0]
    return (c * p**k * (1 - p) ** n, c * p**k * (1 - p) ** k, c * p ** (n - k) * (1 - p) ** k)


def _single_term(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[-1],) if len(parts) > 1 else ()


def _excludes_k(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.Add(*parts[:-1]),) if len(parts) > 1 else ()


def _with_variance(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    x, mu, sigma = node.expr
    return ((x - mu) / sigma**2,) if sigma != 1 else ()


def _reversed(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    x, mu, sigma = node.expr
    return ((mu - x) / sigma,)


def _upper_tail(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (1 - node.combine(parts),)


def _ppf_variance(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    _, mu, sigma = node.expr
    return (mu + sigma**2 * parts[0],) if sigma != 1 else ()


def _ppf_tail(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    _, mu, sigma = node.expr
    return (mu - sigma * parts[0],)


def _t_as_normal(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (phi(node.expr[0]),)


def _bayes(node: Node) -> tuple[Basic, Basic, Basic]:
    prior, given_h, given_not_h = node.expr
    return prior, given_h, given_not_h


def _inverse(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (_bayes(node)[1],)


def _base_rate(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    _, given_h, given_not_h = _bayes(node)
    return (given_h / (given_h + given_not_h),) if given_h + given_not_h != 0 else ()


def _joint_only(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _prior_not_complemented(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    prior, likelihood = node.expr
    return (prior * likelihood,)


def _no_overlap(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a, b, _ = node.expr
    return (a + b,)


STATS_BUGS: tuple[NodeBug, ...] = (
    NodeBug("variance_divides_by_n_minus_1", "Divides by n − 1 for a population variance.",
            frozenset({"variance"}), _by_n_minus_1,
            "For the (population) variance of {data}, divide the sum of squared deviations by n = {n}; "
            "dividing by n − 1 is the sample variance.",
            "Population variance: Σ (xᵢ − x̄)²/n. Sample variance: Σ (xᵢ − x̄)²/(n − 1)."),
    NodeBug("sample_variance_divides_by_n", "Divides by n for a sample variance.",
            frozenset({"sample_variance"}), _by_n,
            "A sample variance divides by n − 1, not by n = {n}: one degree of freedom goes to the "
            "sample mean.",
            "Sample variance: s² = Σ (xᵢ − x̄)²/(n − 1)."),
    NodeBug("std_for_variance", "Gives the standard deviation when the variance is asked.",
            frozenset({"variance", "sample_variance"}), _root,
            "You took a square root: that is the standard deviation. The variance is the mean squared "
            "deviation itself, in squared units.",
            "Variance = Σ (xᵢ − x̄)²/n (no square root); the standard deviation is its square root."),
    NodeBug("variance_for_std", "Gives the variance when the standard deviation is asked.",
            frozenset({"std", "sample_std"}), _no_root,
            "That is the variance of {data}; the standard deviation is its square root (in the units of "
            "the data).",
            "Standard deviation = √variance."),
    NodeBug("variance_scale_linear", "Takes Var(cX) = c·Var(X).", frozenset({"variance_scale"}),
            _scale_linear,
            "Var(cX) is not c·Var(X): every deviation is multiplied by c = {c}, so its square, and the "
            "variance, by c².",
            "Var(cX) = c²·Var(X)."),
    NodeBug("variance_sum_without_covariance", "Takes Var(X + Y) = Var X + Var Y for data that are "
            "correlated.", frozenset({"variance_sum"}), _no_covariance,
            "Var(X + Y) = Var X + Var Y only when X and Y are uncorrelated; here you also need the "
            "2·Cov(X, Y) term.",
            "Var(X + Y) = Var(X) + Var(Y) + 2·Cov(X, Y)."),
    NodeBug("covariance_divides_by_n_minus_1", "Divides by n − 1 for a population covariance.",
            frozenset({"covariance"}), _covariance_n_minus_1,
            "The (population) covariance divides by n = {n}, not n − 1.",
            "Cov(X, Y) = Σ (xᵢ − x̄)(yᵢ − ȳ)/n."),
    NodeBug("binomial_missing_coefficient", "Leaves out C(n, k): counts only one order of the successes.",
            frozenset({"binomial_pmf"}), _no_coefficient,
            "pᵏ·(1 − p)ⁿ⁻ᵏ is the probability of one particular order of {k} successes in {n} trials; "
            "multiply by C({n}, {k}), the number of orders.",
            "P(X = k) = C(n, k)·pᵏ·(1 − p)ⁿ⁻ᵏ.", when=_in_range),
    NodeBug("binomial_wrong_exponent", "Uses the wrong exponents: (1 − p)ⁿ or (1 − p)ᵏ for (1 − p)ⁿ⁻ᵏ, "
            "or swaps them.", frozenset({"binomial_pmf"}), _wrong_exponent,
            "Check the exponents: with {k} successes in {n} trials there are n − k failures, so p gets "
            "the exponent k and 1 − p gets n − k.",
            "P(X = k) = C(n, k)·pᵏ·(1 − p)ⁿ⁻ᵏ: one factor p per success, one factor 1 − p per failure.",
            when=_in_range),
    NodeBug("binomial_cdf_single_term", "Gives P(X = k) when P(X ≤ k) is asked.",
            frozenset({"binomial_cdf"}), _single_term,
            "P(X ≤ {k}) is not just P(X = {k}): add the probabilities of 0, 1, …, {k} successes.",
            "P(X ≤ k) = P(X = 0) + P(X = 1) + … + P(X = k)."),
    NodeBug("binomial_cdf_excludes_k", "Stops at k − 1: gives P(X < k) for P(X ≤ k).",
            frozenset({"binomial_cdf"}), _excludes_k,
            "P(X ≤ {k}) includes X = {k} itself; you stopped one term early.",
            "P(X ≤ k) = P(X = 0) + … + P(X = k), k included."),
    NodeBug("standardise_with_variance", "Divides by the variance σ² instead of σ when standardising.",
            frozenset({"standardise"}), _with_variance,
            "To standardise, divide by the standard deviation σ = {sigma}, not by its square: "
            "z = (x − μ)/σ.",
            "z = (x − μ)/σ, with σ the standard deviation."),
    NodeBug("standardise_reversed", "Standardises as (μ − x)/σ.", frozenset({"standardise"}), _reversed,
            "z = (x − μ)/σ: subtract the mean from the value, not the value from the mean.",
            "z = (x − μ)/σ is positive when x is above the mean."),
    NodeBug("normal_upper_tail", "Reads the upper tail 1 − Φ(z) for P(X ≤ x).", frozenset({"normal_cdf"}),
            _upper_tail,
            "P(X ≤ x) is the area to the left of z, Φ(z) itself; 1 − Φ(z) is the area to the right.",
            "The table gives Φ(z) = P(Z ≤ z), the area to the left."),
    NodeBug("normal_ppf_with_variance", "Un-standardises with σ² instead of σ: x = μ + σ²·z.",
            frozenset({"normal_ppf"}), _ppf_variance,
            "Go back from z with the standard deviation σ = {sigma}, not its square: x = μ + σ·z.",
            "x = μ + σ·z."),
    NodeBug("normal_ppf_wrong_tail", "Takes the z of the other tail: x = μ − σ·z.",
            frozenset({"normal_ppf"}), _ppf_tail,
            "The {q}-quantile has {q} of the area to its left: use the z with Φ(z) = {q}, "
            "then x = μ + σ·z.",
            "Φ(z) = q, then x = μ + σ·z; for q above 1/2, x is above the mean."),
    NodeBug("t_cdf_as_normal", "Reads the normal table for a t statistic.", frozenset({"t_cdf"}),
            _t_as_normal,
            "That is the normal table's value; with {df} degrees of freedom the t distribution has "
            "heavier tails, so use the t table.",
            "Read P(T ≤ t) in the t table, row df = {df}."),
    NodeBug("confusion_of_inverse", "Gives P(E | H) for P(H | E).", frozenset({"bayes_posterior"}),
            _inverse,
            "You gave P(E | H) = {given_h}, but the question asks the other way round, P(H | E): how "
            "likely H is once E is seen.",
            "Bayes' rule: P(H | E) = P(H)·P(E | H) / P(E)."),
    NodeBug("base_rate_neglect", "Ignores the prior: P(E | H)/(P(E | H) + P(E | not H)).",
            frozenset({"bayes_posterior"}), _base_rate,
            "You left out the prior P(H) = {prior}: each branch of the tree is weighted by how common H "
            "and not H are before the evidence.",
            "Multiply along each branch: P(H)·P(E | H) and (1 − P(H))·P(E | not H)."),
    NodeBug("bayes_missing_denominator", "Stops at the joint probability P(H and E): forgets to divide "
            "by P(E).", frozenset({"bayes_posterior"}), _joint_only,
            "P(H)·P(E | H) is the probability of H and E together; P(H | E) divides it by P(E), the "
            "total probability of the evidence.",
            "P(E) = P(H)·P(E | H) + P(not H)·P(E | not H); then P(H | E) = P(H)·P(E | H)/P(E)."),
    NodeBug("bayes_prior_not_complemented", "Uses P(H) on the branch through not H instead of 1 − P(H).",
            frozenset({"bayes_joint_complement"}), _prior_not_complemented,
            "On the branch through not H, multiply by P(not H) = 1 − {prior}, not by P(H).",
            "P(not H and E) = (1 − P(H))·P(E | not H)."),
    NodeBug("union_without_overlap", "Takes P(A or B) = P(A) + P(B) for events that overlap.",
            frozenset({"union"}), _no_overlap,
            "Adding P(A) = {a} and P(B) = {b} counts the outcomes in both twice: subtract "
            "P(A and B) = {both} once.",
            "Addition rule: P(A or B) = P(A) + P(B) − P(A and B)."),
)
