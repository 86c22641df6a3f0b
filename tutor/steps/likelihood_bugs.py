"""Misconceptions about likelihoods of data, as wrong rules run on the nodes of `tutor.steps.likelihood`.

The log-likelihood given for the likelihood (and the other way round), a sum where independent
probabilities multiply, the exponents of the Bernoulli pmf swapped or dropped,
the log of a product taken as a product of logs, an exponent not brought down, ln(1 − p) split as if it
were a product, and the three slips of solving for the estimate (n − 1 for n, the count without the
division, the fraction of zeros). Messages speak of the rule and of what the question shows, never of
a value computed from the answer.

>>> from tutor.steps.solve import solution_steps
>>> decl = {"x": "sequence(n)", "p": "positive"}
>>> solution_steps("prod(p^(x_i) (1 - p)^(1 - x_i), i, 1, n)", declare=decl).diagnose(
...     "sum(p^(x_i) (1 - p)^(1 - x_i), i, 1, n)").bug
'likelihood_sum_not_product'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.likelihood import IndependentProduct, LogOfPower, LogOfProduct, OneObservation, SolveFor
from tutor.steps.node import Node, NodeBug, as_rule


def _summed(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.Sum(parts[0], *as_rule(node, IndependentProduct).limits),)


def _powers(node: Node) -> list[sympy.Pow]:
    one = as_rule(node, OneObservation)
    return [f for f in sympy.Mul.make_args(one.expr) if isinstance(f, sympy.Pow) and f.exp.has(*one.data)]


def _two_powers(node: Node) -> bool:
    return len(as_rule(node, OneObservation).data) == 1 and len(_powers(node)) == 2


def _swapped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    first, second = _powers(node)
    return (node.expr.xreplace({first: first.base ** second.exp, second: second.base ** first.exp}),)


def _exponent_dropped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return tuple(node.expr.xreplace({power: power.base}) for power in _powers(node))


def _factor_left_out(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    powers = _powers(node)
    return tuple(node.expr.xreplace({power: sympy.Integer(1)}) for power in powers)


def _log_left_out(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return tuple(sympy.Add(*parts[:k], *parts[k + 1:]) for k in range(len(parts))) if len(parts) > 1 else ()


def _product_of_logs(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    logged = as_rule(node, LogOfProduct)
    return (sympy.Product(parts[0], *logged.limits), sympy.Product(sympy.log(logged.product.function),
                                                                   *logged.limits))


def _log_exponent_dropped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.log(as_rule(node, LogOfPower).base),)


def _one_minus(node: Node) -> tuple[Basic, Basic] | None:
    base = as_rule(node, LogOfPower).base
    if not isinstance(base, sympy.Add) or len(base.args) != 2:
        return None
    constant = [a for a in base.args if a.is_number]
    rest = [a for a in base.args if not a.is_number]
    if len(constant) != 1 or len(rest) != 1 or not rest[0].could_extract_minus_sign():
        return None
    return constant[0], -rest[0]


def _log_of_difference(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    split = _one_minus(node)
    if split is None:
        return ()
    a, b = split
    return (as_rule(node, LogOfPower).power * (sympy.log(a) - sympy.log(b)),)


def _fraction(node: Node) -> tuple[Basic, Basic]:
    return sympy.fraction(as_rule(node, SolveFor).result)


def _count(node: Node) -> Basic | None:
    """n, the number of observations: the bound of the sums in the estimate."""
    sums = as_rule(node, SolveFor).result.atoms(sympy.Sum)
    bounds = {limit[2] - limit[1] + 1 for s in sums for limit in s.limits}
    return bounds.pop() if len(bounds) == 1 else None


def _divides_by_count(node: Node) -> bool:
    count = _count(node)
    return count is not None and _fraction(node)[1] == count


def _logged(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.log(node.combine(parts)),)


def _not_logged(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (as_rule(node, LogOfProduct).product,)


def _n_minus_one(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    numerator, count = _fraction(node)
    return (numerator / (count - 1),)


def _not_divided(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (_fraction(node)[0],)


def _roles_swapped(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (1 - as_rule(node, SolveFor).result,)


LIKELIHOOD_BUGS: tuple[NodeBug, ...] = (
    NodeBug("likelihood_sum_not_product", "Adds the probabilities of independent observations instead of "
            "multiplying them.", frozenset({"independent_product"}), _summed,
            "Independent probabilities multiply: the likelihood of all the observations is a product over "
            "them, not a sum (the log-likelihood is the sum).",
            "P(A and B) = P(A)·P(B) for independent events: L = Π P(x_i); the logarithm later turns it into a sum."),
    NodeBug("likelihood_logged", "Gives the log-likelihood where the likelihood itself is asked for.",
            frozenset({"independent_product"}), _logged,
            "That is the log-likelihood, the logarithm of what is asked: the likelihood is the product of the "
            "observations' probabilities itself (the logarithm comes later, to turn it into a sum).",
            "L = Π P(x_i): leave the product as it is; ln L is the next question."),
    NodeBug("pmf_exponents_swapped", "Writes the Bernoulli pmf with its exponents swapped: p^(1 − x_i)·(1 − p)^(x_i).",
            frozenset({"one_observation"}), _swapped,
            "The exponents of your {probability} are the wrong way round: put {datum} = 1 into your formula, "
            "and it gives the probability of a 0 where it must give the probability of a 1.",
            "A factor raised to the power {datum} is switched on when {datum} = 1; the one raised to 1 − "
            "{datum} when {datum} = 0.", when=_two_powers),
    NodeBug("pmf_exponent_dropped", "Drops the exponent of one factor of the Bernoulli pmf, so that factor is "
            "there for every observation.", frozenset({"one_observation"}), _exponent_dropped,
            "In your {probability} each factor needs its exponent: without it a factor stays in for every "
            "observation, whatever {datum} is.",
            "Check the formula for one observation at {datum} = 1 and at {datum} = 0: it must give the "
            "probability of each outcome.", when=_two_powers),
    NodeBug("pmf_factor_left_out", "Writes one observation's probability with one factor only (p^(x_i)), "
            "so that the other outcome has probability 1.", frozenset({"one_observation"}), _factor_left_out,
            "Your {probability} covers one outcome only: put {datum} = 0 and {datum} = 1 into it; each outcome "
            "must get its own probability, and one of them gets 1.",
            "One observation's probability is a product of one factor per outcome, each switched on by its "
            "own exponent.", when=_two_powers),
    NodeBug("log_term_left_out", "Leaves out the logarithm of one factor of the term (keeps x_i ln p and "
            "drops the term of 1 − p).", frozenset({"log_of_factors"}), _log_left_out,
            "In {goal} every factor gives its own logarithm: ln(a·b) = ln a + ln b, and your answer has "
            "lost one of them.",
            "Take the logarithm of each factor of the term and add them all."),
    NodeBug("log_product_as_product", "Takes the logarithm of a product to be the product of the logarithms.",
            frozenset({"log_of_product"}), _product_of_logs,
            "The logarithm turns a product into a sum: ln Π a_i is Σ ln a_i, not a product of logarithms.",
            "ln(a·b) = ln a + ln b: a product inside the logarithm becomes a sum outside it."),
    NodeBug("log_likelihood_not_logged", "Gives the likelihood where its logarithm is asked for.",
            frozenset({"log_of_product"}), _not_logged,
            "That is the likelihood itself: the question asks for its logarithm, which turns the product "
            "over the observations into a sum.",
            "ln Π a_i = Σ ln a_i: take the logarithm of each factor and add them up."),
    NodeBug("log_exponent_dropped", "Drops the exponent when taking the logarithm of a power: ln(a^k) = ln a.",
            frozenset({"log_of_power"}), _log_exponent_dropped,
            "In {goal} the exponent {power} comes down in front of the logarithm: ln(a^k) = k·ln a, and "
            "your answer has lost it.",
            "ln(a^k) = k·ln a: the exponent becomes a factor in front."),
    NodeBug("log_of_difference", "Splits the logarithm of a difference as if it were a quotient: "
            "ln(1 − p) = ln 1 − ln p.", frozenset({"log_of_power"}), _log_of_difference,
            "ln({base}) cannot be split: the logarithm turns products into sums and quotients into "
            "differences, but there is no rule for the logarithm of a difference.",
            "ln(a/b) = ln a − ln b, but ln(a − b) stays as it is.",
            when=lambda node: _one_minus(node) is not None),
    NodeBug("mle_n_minus_one", "Divides by n − 1 in the maximum-likelihood estimate, as in the sample variance.",
            frozenset({"solve_for"}), _n_minus_one,
            "The equation gives {variable} exactly: divide by the number of observations, n; the n − 1 of "
            "the sample variance does not come in here.",
            "Solve the collected equation for {variable}: divide by its coefficient, the number of observations.",
            when=_divides_by_count),
    NodeBug("mle_not_divided", "Gives the count Σ x_i as the estimate, without dividing by the number of "
            "observations.", frozenset({"solve_for"}), _not_divided,
            "That is a count: {variable} is a probability, so the estimate is a fraction of the observations; "
            "the coefficient of {variable} in the equation still has to be divided out.",
            "Solving a·{variable} = b gives {variable} = b/a: divide by the coefficient of {variable}.",
            when=_divides_by_count),
    NodeBug("mle_roles_swapped", "Swaps the roles of the two outcomes: gives the fraction of zeros, 1 − x̄, "
            "as the estimate of p.", frozenset({"solve_for"}), _roles_swapped,
            "That is the estimate of the other outcome's probability: {variable} is the probability that "
            "an observation is 1, so the estimate counts the ones.",
            "{variable} is the probability of a 1: in the log-likelihood the data multiply ln {variable}, so the "
            "ones in the data pull {variable} up.", when=lambda node: as_rule(node, SolveFor).complement),
)
"""Every misconception about likelihoods of data, in priority order."""

__all__ = ["LIKELIHOOD_BUGS"]
