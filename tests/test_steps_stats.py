"""The probability and statistics engine: against the author interpreter on random instances, its bugs."""
from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

from steps_oracle import check_against_interpreter, gives_away, interpreted
from tutor.problems.interpreter import AUTHOR_OPS
from tutor.steps.solve import solution_steps
from tutor.steps.stats_bugs import STATS_BUGS
from tutor.errors import StepError

PER_OPERATION = 16  # × 14 operations: over 200 random instances for the engine


def _data(rng, n=None):
    return str([rng.randint(-9, 9) for _ in range(n or rng.randint(2, 7))])


def _p(rng):
    return Fraction(rng.randint(1, 19), 20)


def _mean(rng):
    return "mean(x)", {"x": _data(rng)}


def _variance(rng):
    return "variance(x)", {"x": _data(rng)}


def _sample_variance(rng):
    return "sample_variance(x)", {"x": _data(rng)}


def _std(rng):
    return rng.choice(["std(x)", "sample_std(x)"]), {"x": _data(rng)}


def _scaled(rng):
    return "variance(c x)", {"c": rng.choice([-3, -2, 2, 3, 5, Fraction(1, 2)]), "x": _data(rng)}


def _sum(rng):
    n = rng.randint(2, 6)
    return "variance(x + y)", {"x": _data(rng, n), "y": _data(rng, n)}


def _covariance(rng):
    n = rng.randint(2, 6)
    return "covariance(x, y)", {"x": _data(rng, n), "y": _data(rng, n)}


def _pmf(rng):
    n = rng.randint(1, 12)
    return "binomial_pmf(k, n, p)", {"k": rng.randint(0, n), "n": n, "p": _p(rng)}


def _cdf(rng):
    n = rng.randint(1, 12)
    return "binomial_cdf(k, n, p)", {"k": rng.randint(0, n), "n": n, "p": _p(rng)}


def _normal_cdf(rng):
    if rng.random() < 0.3:
        return "normal_cdf(z)", {"z": Fraction(rng.randint(-300, 300), 100)}
    return "normal_cdf(x, m, s)", {"x": rng.randint(50, 150), "m": rng.randint(80, 120), "s": rng.randint(1, 25)}


def _normal_ppf(rng):
    return "normal_ppf(q, m, s)", {"q": Fraction(rng.randint(1, 99), 100), "m": rng.randint(-20, 120),
                                   "s": rng.randint(1, 25)}


def _t_cdf(rng):
    return "t_cdf(t, d)", {"t": Fraction(rng.randint(-400, 400), 100), "d": rng.randint(1, 40)}


def _bayes(rng):
    return "bayes(a, b, c)", {"a": Fraction(rng.randint(1, 99), 100), "b": _p(rng), "c": _p(rng)}


def _union(rng):
    a, b = _p(rng), _p(rng)
    both = Fraction(rng.randint(0, int(min(a, b) * 20)), 20)
    return "p_union(a, b, c)", {"a": a, "b": b, "c": both}


INSTANCES = [_mean, _variance, _sample_variance, _std, _scaled, _sum, _covariance, _pmf, _cdf, _normal_cdf,
             _normal_ppf, _t_cdf, _bayes, _union]


@pytest.mark.parametrize("make", INSTANCES, ids=[f.__name__[1:] for f in INSTANCES])
def test_the_engine_agrees_with_the_author_interpreter_on_random_instances(make):
    rng = random.Random(f"stats-{make.__name__}")
    for _ in range(PER_OPERATION):
        formula, values = make(rng)
        check_against_interpreter(formula, **values)


def test_bayes_and_the_union_are_author_operations():
    assert {"bayes", "p_union"} <= set(AUTHOR_OPS)
    assert interpreted("bayes(1/100, 9/10, 1/20)") == sympy.Rational(2, 13)
    prev, sens, fp = sympy.symbols("prev sens fp")
    value = interpreted("bayes(a, b, c)", a=prev, b=sens, c=fp)
    assert sympy.simplify(value - sens * prev / (sens * prev + fp * (1 - prev))) == 0
    with pytest.raises(Exception, match="between 0 and 1"):
        interpreted("bayes(2, 1/2, 1/2)")


def test_bayes_is_taught_as_a_tree():
    s = solution_steps("bayes(1/100, 9/10, 1/20)")
    joint, other = s.root.children
    assert (joint.rule, joint.result) == ("bayes_joint", sympy.Rational(9, 1000))
    assert (other.rule, other.result) == ("bayes_joint_complement", sympy.Rational(99, 2000))
    assert other.children[0].rule == "complement" and not other.children[0].subgoal
    assert "P(not H and E)" in s.render() and "total probability" in s.root.statement


def test_normal_probabilities_standardise_then_read_the_table():
    s = solution_steps("normal_cdf(110, 100, 15)")
    assert [c.rule for c in s.root.children] == ["standardise"]
    assert s.root.children[0].result == sympy.Rational(2, 3)
    assert s.diagnose("0.7475") is None                     # read from a table, to 4 places
    ppf = solution_steps("normal_ppf(0.975, 100, 15)")
    assert ppf.root.children[0].rule == "normal_table_inverse"
    assert abs(float(ppf.result) - 129.4) < 0.01


def test_bad_input_gets_a_clear_message():
    with pytest.raises(StepError, match="between 0 and 1"):
        solution_steps("binomial_pmf(1, 3, 2)")
    with pytest.raises(StepError, match="positive"):
        solution_steps("normal_cdf(1, 0, -1)")
    with pytest.raises(StepError, match="at least two"):
        solution_steps("sample_variance([3])")
    with pytest.raises(StepError, match="same length"):
        solution_steps("covariance([1, 2], [1, 2, 3])")


BUG_CASES = [
    ("variance_divides_by_n_minus_1", "variance([1, 2, 3, 4])", "5/3"),
    ("variance_divides_by_n_minus_1", "variance([2, 4, 9])", "13"),
    ("sample_variance_divides_by_n", "sample_variance([1, 2, 3, 4])", "5/4"),
    ("sample_variance_divides_by_n", "sample_variance([2, 4, 9])", "26/3"),
    ("std_for_variance", "variance([1, 2, 3, 4])", "sqrt(5)/2"),
    ("std_for_variance", "sample_variance([2, 4, 9])", "sqrt(13)"),
    ("variance_for_std", "std([1, 2, 3, 4])", "5/4"),
    ("variance_for_std", "sample_std([2, 4, 9])", "13"),
    ("variance_scale_linear", ("variance(c x)", {"c": 3, "x": "[1, 2, 3, 4]"}), "15/4"),
    ("variance_scale_linear", ("variance(c x)", {"c": 2, "x": "[2, 4, 9]"}), "52/3"),
    ("variance_sum_without_covariance", ("variance(x + y)", {"x": "[1, 2, 3]", "y": "[2, 5, 4]"}), "2/3 + 14/9"),
    ("variance_sum_without_covariance", ("variance(x + y)", {"x": "[1, 2]", "y": "[1, 2]"}), "1/2"),
    ("covariance_divides_by_n_minus_1", "covariance([1, 2, 3], [2, 4, 6])", "2"),
    ("covariance_divides_by_n_minus_1", "covariance([1, 3, 5], [0, 4, 2])", "2"),
    ("binomial_missing_coefficient", "binomial_pmf(2, 4, 1/2)", "1/16"),
    ("binomial_missing_coefficient", "binomial_pmf(1, 3, 1/3)", "4/27"),
    ("binomial_wrong_exponent", "binomial_pmf(2, 4, 1/2)", "6/64"),
    ("binomial_wrong_exponent", "binomial_pmf(1, 3, 1/3)", "3 (1/3) (2/3)^3"),
    ("binomial_cdf_single_term", "binomial_cdf(2, 4, 1/2)", "3/8"),
    ("binomial_cdf_single_term", "binomial_cdf(1, 3, 1/3)", "4/9"),
    ("binomial_cdf_excludes_k", "binomial_cdf(2, 4, 1/2)", "5/16"),
    ("binomial_cdf_excludes_k", "binomial_cdf(1, 3, 1/3)", "8/27"),
    ("standardise_with_variance", "normal_cdf(110, 100, 5)", "0.6554"),     # Φ(10/25) = Φ(0.4)
    ("standardise_with_variance", "normal_cdf(106, 100, 2)", "0.9332"),     # Φ(6/4) = Φ(1.5)
    ("standardise_reversed", "normal_cdf(115, 100, 15)", "0.1587"),         # Φ(−1)
    ("standardise_reversed", "normal_cdf(90, 100, 5)", "0.9772"),           # Φ(2)
    ("normal_upper_tail", "normal_cdf(1)", "0.1587"),
    ("normal_upper_tail", "normal_cdf(2)", "0.0228"),
    ("normal_ppf_with_variance", "normal_ppf(0.975, 100, 15)", "100 + 225·1.959964"),
    ("normal_ppf_with_variance", "normal_ppf(0.5, 10, 3)", None),            # z = 0: no difference
    ("normal_ppf_with_variance", "normal_ppf(0.8413447, 10, 3)", "19"),
    ("normal_ppf_wrong_tail", "normal_ppf(0.975, 100, 15)", "70.6"),
    ("normal_ppf_wrong_tail", "normal_ppf(0.8413447, 10, 3)", "7"),
    ("t_cdf_as_normal", "t_cdf(2, 5)", "0.9772"),
    ("t_cdf_as_normal", "t_cdf(-1, 3)", "0.1587"),
    ("confusion_of_inverse", "bayes(1/100, 9/10, 1/20)", "0.9"),
    ("confusion_of_inverse", "bayes(1/2, 1/5, 3/5)", "1/5"),
    ("base_rate_neglect", "bayes(1/100, 9/10, 1/20)", "18/19"),
    ("base_rate_neglect", "bayes(1/5, 1/2, 1/4)", "2/3"),
    ("bayes_missing_denominator", "bayes(1/100, 9/10, 1/20)", "0.009"),
    ("bayes_missing_denominator", "bayes(1/5, 1/2, 1/4)", "1/10"),
    ("bayes_prior_not_complemented", "bayes(1/100, 9/10, 1/20)", "18/19"),
    ("bayes_prior_not_complemented", "bayes(1/5, 1/2, 1/4)", "2/3"),
    ("union_without_overlap", "p_union(1/2, 2/5, 1/5)", "9/10"),
    ("union_without_overlap", "p_union(0.3, 0.6, 0.1)", "0.9"),
]


@pytest.mark.parametrize("bug, formula, response", [c for c in BUG_CASES if c[2] is not None],
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(BUG_CASES) if c[2] is not None])
def test_each_misconception_is_diagnosed(bug, formula, response):
    formula, values = formula if isinstance(formula, tuple) else (formula, {})
    s = solution_steps(formula, **values)
    diagnosis = s.diagnose(response)
    assert diagnosis is not None, (bug, formula, response)
    assert bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]
    for text in [diagnosis.message, *[h.text for h in diagnosis.hints]]:
        assert not gives_away(text, s, values), (bug, text)


def test_every_statistics_bug_is_tested_on_two_instances():
    for bug in STATS_BUGS:
        assert len({str(f) for b, f, r in BUG_CASES if b == bug.id and r is not None}) >= 2, bug.id


def test_a_wrong_path_that_gives_the_right_answer_is_not_a_diagnosis():
    # σ = 1 or z = 0: the variance slip changes nothing, so the right answer is not diagnosed
    assert solution_steps("normal_ppf(0.5, 10, 3)").diagnose("10") is None
    assert solution_steps("normal_cdf(110, 100, 1)").diagnose("1") is None


def test_base_rate_neglect_and_the_uncomplemented_prior_are_both_named():
    d = solution_steps("bayes(1/100, 9/10, 1/20)").diagnose("18/19")
    assert {d.bug, *[a.bug for a in d.alternatives]} == {"base_rate_neglect", "bayes_prior_not_complemented"}


def test_correct_answers_are_never_diagnosed_in_any_form():
    rng = random.Random("stats-correct")
    for make in INSTANCES:
        for _ in range(6):
            formula, values = make(rng)
            s = solution_steps(formula, **values)
            expected = interpreted(formula, **values)
            assert s.diagnose(expected) is None, (formula, values)
            assert s.diagnose(sympy.N(expected, 6)) is None, (formula, values)
