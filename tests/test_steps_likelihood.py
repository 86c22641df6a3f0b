"""The likelihood engine: against the author interpreter on random instances, its teaching, its bugs."""
from __future__ import annotations

import random
import re

import pytest
import sympy

from test_steps_matrix_calculus import agree, interpreted
from tutor.errors import StepError, TutorError
from tutor.problems import load_problem_set
from tutor.problems.instance import BUG_PREFIX, MISCONCEPTION_NOTE
from tutor.steps.likelihood_bugs import LIKELIHOOD_BUGS
from tutor.steps.node import show
from tutor.steps.solve import solution_steps

BERNOULLI = {"x": "sequence(n)", "p": "positive"}
DATA = {"x": "sequence(n)", "y": "sequence(n)", "p": "positive", "q": "positive", "l": "positive"}
LIKELIHOOD = "prod(p^(x_i) (1 - p)^(1 - x_i), i, 1, n)"
LOG_LIKELIHOOD = "ln(prod(p^(x_i) (1 - p)^(1 - x_i), i, 1, n))"
MLE = "argmax(sum(x_i ln(p) + (1 - x_i) ln(1 - p), i, 1, n), p)"

# terms whose logarithm is real for positive parameters and any data, so that numbers can compare them
POSITIVE_TERMS = ["p^(x_i)", "p^(x_i) q^(1 - x_i)", "q^(2 x_i + 1) p^(y_i)", "(p q)^(x_i)", "3 p^(x_i y_i)",
                  "p^(x_i) (1 + q)^(y_i - x_i)", "exp(x_i) p^2"]


def random_log_likelihood(rng: random.Random) -> str:
    """ln of a random product over the data (also the benchmark's instances)."""
    return f"ln(prod({' '.join(rng.sample(POSITIVE_TERMS, rng.randint(1, 2)))}, i, 1, n))"


def random_likelihood(rng: random.Random) -> str:
    """A random product of powers over the data (also the benchmark's instances)."""
    a, b = rng.sample(["p", "q", "l", "(1 + p)", "p q"], 2)
    return f"prod({a}^(x_i) {b}^({rng.choice(['1 - x_i', 'y_i', '2 - x_i'])}), i, 1, n)"


@pytest.mark.parametrize("seed", range(30))
def test_the_log_of_a_product_agrees_with_the_author_interpreter(seed):
    formula = random_log_likelihood(random.Random(3000 + seed))
    solution = solution_steps(formula, declare=DATA)
    expected = interpreted(formula, DATA)
    assert agree(solution.result, expected, DATA, seed), (formula, show(solution.result), expected)
    assert isinstance(solution.result, sympy.Sum) and not solution.result.has(sympy.Product)
    for node in solution.walk():
        assert node.recompute() == node.result, (formula, node.rule)
    assert solution.diagnose(solution.result) is None
    assert solution.diagnose(show(solution.result)) is None, (formula, show(solution.result))


@pytest.mark.parametrize("seed", range(30))
def test_a_likelihood_product_agrees_with_the_author_interpreter(seed):
    formula = random_likelihood(random.Random(4000 + seed))
    solution = solution_steps(formula, declare=DATA)
    assert agree(solution.result, interpreted(formula, DATA), DATA, seed), formula
    assert [node.rule for node in solution.walk()] == ["independent_product", "one_observation"]
    assert solution.diagnose(show(solution.result)) is None


# log-likelihoods whose derivative is linear in the parameter once its fractions are cleared:
# (template, parameter, the estimate written by hand)
ESTIMATES = [
    ("sum({a} x_i ln(p) + ({a} - {a} x_i) ln(1 - p), i, 1, n)", "p", "sum(x_i, i, 1, n)/n"),
    ("sum(x_i ln(p) + ({a} - x_i) ln(1 - p), i, 1, n)", "p", "sum(x_i, i, 1, n)/({a} n)"),
    ("sum(x_i ln(l) - {a} l, i, 1, n)", "l", "sum(x_i, i, 1, n)/({a} n)"),
    ("sum({a} ln(l) - l x_i, i, 1, n)", "l", "{a} n/sum(x_i, i, 1, n)"),
    ("sum((x_i + {a}) ln(q) + y_i ln(1 - q), i, 1, n)", "q",
     "(sum(x_i, i, 1, n) + {a} n)/(sum(x_i, i, 1, n) + {a} n + sum(y_i, i, 1, n))"),
    ("{a} sum(y_i ln(p) + (1 - y_i) ln(1 - p), i, 1, n)", "p", "sum(y_i, i, 1, n)/n"),
]


def random_estimate(rng: random.Random, k: int) -> tuple[str, str]:
    """The k-th kind of estimate with a random coefficient: (argmax formula, the estimate by hand)."""
    template, wrt, by_hand = ESTIMATES[k % len(ESTIMATES)]
    a = rng.choice([1, 2, 3, 5])
    return f"argmax({template.format(a=a)}, {wrt})", by_hand.format(a=a)


@pytest.mark.parametrize("seed", range(24))
def test_the_estimate_agrees_with_the_author_interpreter_and_with_the_hand_worked_one(seed):
    formula, by_hand = random_estimate(random.Random(5000 + seed), seed)
    wrt = formula.rsplit(", ", 1)[1].rstrip(")")
    solution = solution_steps(formula, declare=DATA)
    assert agree(solution.result, interpreted(formula, DATA), DATA, seed), (formula, show(solution.result))
    assert agree(solution.result, interpreted(by_hand, DATA), DATA, seed), formula
    assert not solution.result.has(sympy.Symbol(wrt))
    for node in solution.walk():
        assert node.recompute() == node.result, (formula, node.rule)
    assert not solution.has_unknown
    assert solution.diagnose(show(solution.result)) is None


def test_the_likelihood_is_taught_as_one_observation_then_independence():
    solution = solution_steps(LIKELIHOOD, declare=BERNOULLI)
    hints = solution.hints()
    assert [h.level for h in hints] == ["orient", "instantiate", "bottom_out"]
    assert "Independent observations" in hints[0].text
    assert "p when x_i = 1, 1 − p when x_i = 0" in hints[1].text
    assert hints[-1].text == "L(p) = Π_{i=1}^{n} p^(x_i)·(1 − p)^(1 − x_i)"


def test_the_log_likelihood_is_taught_rule_by_rule():
    solution = solution_steps(LOG_LIKELIHOOD, declare=BERNOULLI)
    assert [node.rule for node in solution.walk()] == ["log_of_product", "log_of_factors", "log_of_power",
                                                       "log_of_power"]
    text = solution.render()
    assert "ln(p^(x_i)) = x_i·ln(p)" in text and "ln((1 − p)^(1 − x_i)) = (1 − x_i)·ln(1 − p)" in text
    for response in ["Σ_{i=1}^{n} (x_i ln(p) + (1 - x_i) ln(1 - p))",
                     "ln(p) Σ_{i=1}^{n} x_i + ln(1 - p) Σ_{i=1}^{n} (1 - x_i)"]:
        assert solution.diagnose(response) is None, response


def test_the_estimate_is_taught_from_the_derivative_to_the_solved_equation():
    solution = solution_steps(MLE, declare={"x": "sequence(n)"})
    rules = [node.rule for node in solution.walk()]
    assert rules[0] == "stationary_point" and rules[-4:] == ["split_sum", "clear_denominators", "collect_terms",
                                                             "solve_for"]
    assert "sum_over_data" in rules
    text = solution.render()
    assert "1/p·Σ_{i=1}^{n} x_i − 1/(1 − p)·(n − Σ_{i=1}^{n} x_i)" in text
    assert "= −n·p + Σ_{i=1}^{n} x_i" in text
    assert show(solution.result) == "1/n·Σ_{i=1}^{n} x_i"
    for response in ["(1/n) Σ_{i=1}^{n} x_i", "sum(x_i, i, 1, n)/n", "x̄"]:
        assert solution.diagnose(response) is None, response


@pytest.mark.parametrize("formula, declare", [(LIKELIHOOD, BERNOULLI), (LOG_LIKELIHOOD, BERNOULLI),
                                              (MLE, {"x": "sequence(n)"})])
def test_the_ladder_is_short_and_states_the_answer_only_on_its_last_rung(formula, declare):
    solution = solution_steps(formula, declare=declare)
    hints = solution.hints()
    assert 2 <= len(hints) <= 8
    assert hints[0].level == "orient" and hints[-1].level == "bottom_out"
    answer = show(solution.result)
    assert answer in hints[-1].text
    assert not any(answer in h.text for h in hints[:-1])


# ----- misconceptions: (bug, formula, declarations, wrong answer); each on two instances

BERN_Q = {"y": "sequence(m)", "q": "positive"}
LIKELIHOOD_Q = "prod(q^(y_i) (1 - q)^(1 - y_i), i, 1, m)"   # the same likelihood, other names
MISTAKES = [
    ("likelihood_sum_not_product", LIKELIHOOD, BERNOULLI, "sum(p^(x_i) (1 - p)^(1 - x_i), i, 1, n)"),
    ("likelihood_sum_not_product", LIKELIHOOD_Q, BERN_Q,
     "Σ_{i=1}^{m} q^(y_i) (1 - q)^(1 - y_i)"),
    ("pmf_exponents_swapped", LIKELIHOOD, BERNOULLI, "Π_{i=1}^{n} p^(1 - x_i) (1 - p)^(x_i)"),
    ("pmf_exponents_swapped", LIKELIHOOD_Q, BERN_Q,
     "prod(q^(1 - y_i) (1 - q)^(y_i), i, 1, m)"),
    ("likelihood_logged", LIKELIHOOD, BERNOULLI, "ln(p) sum(x_i) + ln(1 - p) (n - sum(x_i))"),
    ("likelihood_logged", LIKELIHOOD_Q, BERN_Q,
     "sum(y_i ln(q) + (1 - y_i) ln(1 - q), i, 1, m)"),
    ("log_likelihood_not_logged", LOG_LIKELIHOOD, BERNOULLI, "Π_{i=1}^{n} p^(x_i) (1 - p)^(1 - x_i)"),
    ("log_likelihood_not_logged", f"ln({LIKELIHOOD_Q})", BERN_Q,
     "q^(sum(y_i, i, 1, m)) (1 - q)^(m - sum(y_i, i, 1, m))"),
    ("pmf_exponent_dropped", LIKELIHOOD, BERNOULLI, "Π_{i=1}^{n} p (1 - p)^(1 - x_i)"),
    ("pmf_exponent_dropped", LIKELIHOOD_Q, BERN_Q, "prod(q^(y_i) (1 - q), i, 1, m)"),
    ("pmf_factor_left_out", LIKELIHOOD, BERNOULLI, "Π_{i=1}^{n} p^(x_i)"),
    ("pmf_factor_left_out", LIKELIHOOD_Q, BERN_Q, "prod((1 - q)^(1 - y_i), i, 1, m)"),
    ("log_term_left_out", LOG_LIKELIHOOD, BERNOULLI, "Σ_{i=1}^{n} x_i ln(p)"),
    ("log_term_left_out", f"ln({LIKELIHOOD_Q})", BERN_Q,
     "sum((1 - y_i) ln(1 - q), i, 1, m)"),
    ("log_product_as_product", LOG_LIKELIHOOD, BERNOULLI, "Π_{i=1}^{n} (x_i ln(p) + (1 - x_i) ln(1 - p))"),
    ("log_product_as_product", f"ln({LIKELIHOOD_Q})", BERN_Q,
     "prod(ln(q^(y_i) (1 - q)^(1 - y_i)), i, 1, m)"),
    ("log_exponent_dropped", LOG_LIKELIHOOD, BERNOULLI, "Σ_{i=1}^{n} (ln(p) + ln(1 - p))"),
    ("log_exponent_dropped", f"ln({LIKELIHOOD_Q})", BERN_Q,
     "sum(y_i ln(q) + ln(1 - q), i, 1, m)"),
    ("log_of_difference", LOG_LIKELIHOOD, BERNOULLI, "Σ_{i=1}^{n} (x_i ln(p) - (1 - x_i) ln(p))"),
    ("log_of_difference", f"ln({LIKELIHOOD_Q})", BERN_Q,
     "sum(y_i ln(q) + (1 - y_i) (ln(1) - ln(q)), i, 1, m)"),
    ("mle_n_minus_one", MLE, {"x": "sequence(n)"}, "1/(n-1) Σ_{i=1}^{n} x_i"),
    ("mle_n_minus_one", "argmax(sum(y_i ln(q) + (1 - y_i) ln(1 - q), i, 1, m), q)", BERN_Q,
     "sum(y_i, i, 1, m)/(m - 1)"),
    ("mle_not_divided", MLE, {"x": "sequence(n)"}, "Σ_{i=1}^{n} x_i"),
    ("mle_not_divided", "argmax(sum(x_i ln(l) - l, i, 1, n), l)", {"x": "sequence(n)", "l": "positive"},
     "sum(x_i, i, 1, n)"),
    ("mle_roles_swapped", MLE, {"x": "sequence(n)"}, "1 - x̄"),
    ("mle_roles_swapped", "argmax(sum(y_i ln(q) + (1 - y_i) ln(1 - q), i, 1, m), q)", BERN_Q,
     "1 - sum(y_i, i, 1, m)/m"),
]


@pytest.mark.parametrize("bug, formula, declare, response", MISTAKES)
def test_each_misconception_is_diagnosed_and_its_message_gives_nothing_away(bug, formula, declare, response):
    solution = solution_steps(formula, declare=declare)
    diagnosis = solution.diagnose(response)
    assert diagnosis is not None, (formula, response)
    assert bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]
    answer = show(solution.result)
    for text in [diagnosis.message, *(h.text for h in diagnosis.hints)]:
        assert answer not in text, (bug, text)
        assert not re.search(r"\{(goal|datum|probability|term|base|power|variable|function)\}", text), (bug, text)   # every field of the message was filled


def test_every_likelihood_bug_is_tested_on_two_instances():
    counts = {bug.id: sum(1 for m in MISTAKES if m[0] == bug.id) for bug in LIKELIHOOD_BUGS}
    assert all(count >= 2 for count in counts.values()), counts


def test_the_fraction_of_zeros_is_not_offered_where_there_is_no_second_outcome():
    solution = solution_steps("argmax(sum(x_i ln(l) - l, i, 1, n), l)", declare={"x": "sequence(n)",
                                                                                 "l": "positive"})
    assert "mle_roles_swapped" not in {c.bug.id for c in solution.candidates}


@pytest.mark.parametrize("seed", range(12))
def test_an_estimate_from_counts_agrees_with_the_author_interpreter(seed):
    rng = random.Random(6000 + seed)
    a, b = rng.randint(1, 9), rng.randint(1, 9)
    formula, expected = rng.choice([(f"argmax({a} ln(p) + {b} ln(1 - p), p)", sympy.Rational(a, a + b)),
                                    (f"argmax({a} ln(l) - {b} l, l)", sympy.Rational(a, b)),
                                    (f"argmax(-(p - {a})^2 + {b}, p)", sympy.Integer(a))])
    solution = solution_steps(formula)
    assert solution.result == expected == interpreted(formula, {}), formula
    assert not solution.has_unknown and solution.diagnose(str(expected)) is None


def test_an_estimate_from_counts_is_taught_and_its_complement_diagnosed():
    solution = solution_steps("argmax(3 ln(p) + 2 ln(1 - p), p)")
    assert [node.rule for node in solution.root.children] == ["derivative", "clear_denominators", "solve_for"]
    assert "(3/p − 2/(1 − p))·p(1 − p) = 3 − 5p" in solution.render()
    assert solution.diagnose("2/5").bug == "mle_roles_swapped"


def test_argmax_refuses_a_minimum_and_an_equation_it_cannot_solve_step_by_step():
    with pytest.raises(StepError, match="minimum"):
        solution_steps("argmax((p - 3)^2, p)")
    with pytest.raises(StepError, match="not a linear equation"):
        solution_steps("argmax(ln(p) - p^2, p)")
    with pytest.raises(StepError, match="needs a function of p"):
        solution_steps("argmax(3, p)")


def test_the_author_interpreter_refuses_a_minimum_and_several_stationary_points():
    with pytest.raises(TutorError, match="minimum"):
        interpreted("argmax((p - 3)^2, p)", {})
    with pytest.raises(TutorError, match="exactly one"):
        interpreted("argmax(p^3 - 3 p, p)", {})


# ----- the problem file

PROBLEMS = [
    ("bernoulli-likelihood-product", "Π_{i=1}^{n} p^(1 - x_i) (1 - p)^(x_i)", "pmf_exponents_swapped"),
    ("bernoulli-log-likelihood-sum", "Π_{i=1}^{n} (x_i ln(p) + (1 - x_i) ln(1 - p))", "log_product_as_product"),
    ("bernoulli-mle-data", "1 - x̄", "mle_roles_swapped"),
]


@pytest.mark.parametrize("pid, wrong, bug", PROBLEMS)
@pytest.mark.parametrize("seed", [0, 7])
def test_the_likelihood_problems_are_worked_by_the_engine_and_diagnosed(pid, wrong, bug, seed):
    (problem,) = [p for p in load_problem_set("problems/probability/likelihood_data.toml").problems
                  if p.id == pid]
    instance = problem.instantiate(seed)
    assert problem.definition.spec.steps == "auto"
    solution = instance.auto_steps()
    assert instance.is_answer(solution.result) and not solution.has_unknown
    assert instance.check(instance.answer_text).correct
    verdict = instance.check(wrong)
    assert verdict.status == "incorrect"
    assert MISCONCEPTION_NOTE in verdict.notes and f"{BUG_PREFIX}{bug}" in verdict.notes
    assert len(instance.hints()) <= 8


def test_a_slip_in_the_derivative_is_carried_through_to_the_estimate():
    """The estimate is solved from the derivative: a learner who takes d/dp ln(1 − p) as 1/(1 − p)
    (the chain rule's −1 dropped) solves the wrong equation correctly, and that answer is named by
    the slip in the derivative, not left unexplained."""
    solution = solution_steps(MLE, declare=BERNOULLI)
    found = solution.diagnose("sum(x_i)/(2 sum(x_i) - n)")
    assert found is not None and found.bug == "chain_drop_inner"
    assert "derivative of the inner function u₁ = 1 − p" in found.message
    assert show(solution.result) not in found.message
    # the slips of the last step are still told apart, and a right answer is not a slip
    assert solution.diagnose("sum(x_i)/(n - 1)").bug == "mle_n_minus_one"
    assert solution.diagnose("x̄") is None


def test_the_shipped_estimate_names_a_chain_rule_slip():
    (mle,) = [p for p in load_problem_set("problems/probability/likelihood_data.toml").problems
              if p.id == "bernoulli-mle-data"]
    verdict = mle.instantiate(1).check("sum(x_i)/(2 sum(x_i) - n)")
    assert verdict.status.value == "incorrect"
    assert MISCONCEPTION_NOTE in verdict.notes and f"{BUG_PREFIX}chain_drop_inner" in verdict.notes
    assert "chain rule" in verdict.feedback


@pytest.mark.parametrize("formula, slip, bug", [
    ("argmax(3 ln(p) + 2 ln(1 - p), p)", "3", "chain_drop_inner"),                      # 3/p + 2/(1 − p) = 0
    ("argmax(3 ln(p) + 2 ln(1 - p), p)", "3/2", "log_reciprocal_of_derivative"),
    ("argmax(5 ln(l) - 2 l, l)", "5", "constant_factor_lost"),                          # 1/l − 2 = 0 from ln(l)
])
def test_a_slip_in_the_derivative_of_counts_is_carried_to_the_estimate(formula, slip, bug):
    solution = solution_steps(formula)
    found = solution.diagnose(slip)
    assert found is not None and found.bug == bug
    assert show(solution.result) not in found.message
