"""Author operations for probability and statistics: mean, variance, binomial, normal and t.

Exact where the mathematics is exact (means, variances, binomial probabilities); the normal and
Student t distributions are computed with mpmath and returned as 15-digit decimals.

>>> OPERATIONS["variance"].fn((sympy.ImmutableMatrix([1, 2, 3, 4, 5, 6]),), None)
35/12
>>> OPERATIONS["binomial_pmf"].fn((sympy.Integer(2), sympy.Integer(4), sympy.Rational(1, 2)), None)
3/8
>>> OPERATIONS["normal_cdf"].fn((sympy.Integer(0), sympy.Integer(0), sympy.Integer(1)), None)
0.500000000000000
>>> OPERATIONS["round"].fn((sympy.Rational(2, 3), sympy.Integer(4)), None)
6667/10000
>>> OPERATIONS["bayes"].fn((sympy.Rational(1, 100), sympy.Rational(9, 10), sympy.Rational(1, 20)), None)
2/13
"""
from __future__ import annotations

import mpmath
import sympy

from tutor.problems.ops_base import (
    OPERATIONS, Args, Budget, FormulaError, entries, integer, is_matrix, number, operation, show,
)

_DIGITS = 15
_MAX_TRIALS = 100_000


def _decimal(value: mpmath.mpf) -> sympy.Float:
    return sympy.Float(value, _DIGITS)


def _mean(items: list[sympy.Basic]) -> sympy.Basic:
    return sympy.Add(*items) / len(items)


def _squares(items: list[sympy.Basic]) -> sympy.Basic:
    m = _mean(items)
    return sympy.Add(*[(v - m) ** 2 for v in items])


@operation("mean", (1, 99), "mean of the entries of a vector")
def _mean_op(args: Args, budget: Budget | None) -> sympy.Basic:
    return _mean(entries("mean", args))


@operation("median", (1, 99), "median of the entries of a vector (numbers)")
def _median(args: Args, budget: Budget | None) -> sympy.Basic:
    items = sorted(number("median", v, "each value") for v in entries("median", args))
    mid = len(items) // 2
    return items[mid] if len(items) % 2 else (items[mid - 1] + items[mid]) / 2


@operation("variance", (1, 99), "population variance (divide by n)")
def _variance(args: Args, budget: Budget | None) -> sympy.Basic:
    items = entries("variance", args)
    return sympy.expand(_squares(items) / len(items))


@operation("std", (1, 99), "population standard deviation (divide by n)")
def _std(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.sqrt(_variance(args, budget))


def _sample(op: str, args: Args) -> list[sympy.Basic]:
    items = entries(op, args)
    if len(items) < 2:
        raise FormulaError(f"{op} needs at least two values (it divides by n − 1)")
    return items


@operation("sample_variance", (1, 99), "sample variance (divide by n − 1)")
def _sample_variance(args: Args, budget: Budget | None) -> sympy.Basic:
    items = _sample("sample_variance", args)
    return sympy.expand(_squares(items) / (len(items) - 1))


@operation("sample_std", (1, 99), "sample standard deviation (divide by n − 1)")
def _sample_std(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.sqrt(_sample_variance(args, budget))


@operation("covariance", (1, 2), "population covariance of two equally long vectors; of one data matrix "
           "(rows the examples): the covariance matrix of its columns")
def _covariance(args: Args, budget: Budget | None) -> sympy.Basic:
    if len(args) == 1:
        return _covariance_matrix(args[0])
    xs, ys = entries("covariance", args[:1]), entries("covariance", args[1:])
    if len(xs) != len(ys):
        raise FormulaError(f"covariance needs vectors of the same length, got {len(xs)} and {len(ys)}")
    mx, my = _mean(xs), _mean(ys)
    return sympy.expand(sympy.Add(*[(a - mx) * (b - my) for a, b in zip(xs, ys)]) / len(xs))


def _covariance_matrix(data: sympy.Basic) -> sympy.Basic:
    """The population covariance matrix of the columns of a data matrix whose rows are the examples.

    A declared matrix (symbols, which cannot be centred) is taken as centred, as the problem must say:
    (1/n)·XᵀX. Numbers are centred first.

    >>> _covariance_matrix(sympy.ImmutableMatrix([[1, 2], [3, 6]]))
    Matrix([
    [1, 2],
    [2, 4]])
    >>> X = sympy.MatrixSymbol("X", sympy.Symbol("n"), sympy.Symbol("d"))
    >>> _covariance_matrix(X)
    1/n*X.T*X
    """
    if isinstance(data, sympy.MatrixSymbol) and data.shape[1] != 1:
        n = data.shape[0]
        return sympy.MatMul(1 / n, data.T, data, evaluate=False)
    if not is_matrix(data) or data.shape[1] < 2:
        raise FormulaError("covariance needs two vectors of values, or one data matrix with a column per "
                           f"feature, got {show(data)}")
    n = data.shape[0]
    centred = sympy.ImmutableMatrix(data - sympy.ones(n, 1) * (sympy.ones(1, n) * data) / n)
    return sympy.ImmutableMatrix((centred.T * centred) / n).applyfunc(sympy.expand)


def _probability(op: str, p: sympy.Basic) -> sympy.Basic:
    p = number(op, p, "the probability p")
    if not 0 <= p <= 1:
        raise FormulaError(f"{op}: p must be between 0 and 1, got {show(p)}")
    return p


@operation("binomial_pmf", (3, 3), "P(X = k) for X ~ Binomial(n, p)")
def _binomial_pmf(args: Args, budget: Budget | None) -> sympy.Basic:
    n = integer("binomial_pmf", args[1], "the number of trials n", 0, _MAX_TRIALS)
    k = integer("binomial_pmf", args[0], "the count k")
    p = _probability("binomial_pmf", args[2])
    if not 0 <= k <= n:
        return sympy.Integer(0)
    return sympy.binomial(n, k) * p**k * (1 - p) ** (n - k)


@operation("binomial_cdf", (3, 3), "P(X ≤ k) for X ~ Binomial(n, p)")
def _binomial_cdf(args: Args, budget: Budget | None) -> sympy.Basic:
    n = integer("binomial_cdf", args[1], "the number of trials n", 0, 10_000)
    k = min(integer("binomial_cdf", args[0], "the count k"), n)
    p = _probability("binomial_cdf", args[2])
    return sympy.Add(*[sympy.binomial(n, i) * p**i * (1 - p) ** (n - i) for i in range(0, k + 1)])


def _mp(op: str, value: sympy.Basic, what: str) -> mpmath.mpf:
    return mpmath.mpf(sympy.Float(number(op, value, what), 30)._mpf_)


def _sigma(op: str, value: sympy.Basic) -> mpmath.mpf:
    sigma = _mp(op, value, "the standard deviation sigma")
    if sigma <= 0:
        raise FormulaError(f"{op}: sigma must be positive, got {show(value)}")
    return sigma


def _quantile(op: str, value: sympy.Basic) -> mpmath.mpf:
    q = _mp(op, value, "the probability q")
    if not 0 < q < 1:
        raise FormulaError(f"{op}: q must be strictly between 0 and 1, got {show(value)}")
    return q


@operation("normal_cdf", (1, 3), "P(X ≤ x) for X ~ N(mu, sigma²) (default N(0, 1))")
def _normal_cdf(args: Args, budget: Budget | None) -> sympy.Basic:
    with mpmath.workdps(30):
        x = _mp("normal_cdf", args[0], "x")
        mu = _mp("normal_cdf", args[1], "mu") if len(args) > 1 else mpmath.mpf(0)
        sigma = _sigma("normal_cdf", args[2]) if len(args) > 2 else mpmath.mpf(1)
        return _decimal(mpmath.ncdf(x, mu, sigma))


@operation("normal_ppf", (1, 3), "the q-quantile of N(mu, sigma²) (default N(0, 1))")
def _normal_ppf(args: Args, budget: Budget | None) -> sympy.Basic:
    with mpmath.workdps(30):
        q = _quantile("normal_ppf", args[0])
        mu = _mp("normal_ppf", args[1], "mu") if len(args) > 1 else mpmath.mpf(0)
        sigma = _sigma("normal_ppf", args[2]) if len(args) > 2 else mpmath.mpf(1)
        return _decimal(mu + sigma * mpmath.sqrt(2) * mpmath.erfinv(2 * q - 1))


def _t_cdf_mp(t: mpmath.mpf, df: mpmath.mpf) -> mpmath.mpf:
    tail = mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
    return 1 - tail if t >= 0 else tail


def _df(op: str, value: sympy.Basic) -> mpmath.mpf:
    df = _mp(op, value, "the degrees of freedom")
    if not 0 < df <= 10**6:
        raise FormulaError(f"{op}: the degrees of freedom must be positive, got {show(value)}")
    return df


@operation("t_cdf", (2, 2), "P(T ≤ t) for Student's t with df degrees of freedom")
def _t_cdf(args: Args, budget: Budget | None) -> sympy.Basic:
    with mpmath.workdps(30):
        return _decimal(_t_cdf_mp(_mp("t_cdf", args[0], "t"), _df("t_cdf", args[1])))


@operation("t_ppf", (2, 2), "the q-quantile of Student's t with df degrees of freedom")
def _t_ppf(args: Args, budget: Budget | None) -> sympy.Basic:
    with mpmath.workdps(30):
        q, df = _quantile("t_ppf", args[0]), _df("t_ppf", args[1])
        start = mpmath.sqrt(2) * mpmath.erfinv(2 * q - 1)  # the normal quantile is close
        try:
            root = mpmath.findroot(lambda t: _t_cdf_mp(t, df) - q, (start, start * 1.1 + 0.1),
                                   solver="secant", tol=mpmath.mpf(10) ** -25)
        except (ValueError, ZeroDivisionError):
            root = _t_bisect(q, df)
        return _decimal(root)


def _t_bisect(q: mpmath.mpf, df: mpmath.mpf) -> mpmath.mpf:
    """The slow sure way: the cdf is monotone, and 120 halvings of [-1e6, 1e6] reach 25 digits."""
    low, high = mpmath.mpf(-10) ** 6, mpmath.mpf(10) ** 6
    for _ in range(120):
        mid = (low + high) / 2
        low, high = (mid, high) if _t_cdf_mp(mid, df) < q else (low, mid)
    return (low + high) / 2


def _chance(op: str, value: sympy.Basic, what: str) -> sympy.Basic:
    """A probability: a number in [0, 1], or an expression (a parameter the learner sees as a name)."""
    if isinstance(value, sympy.Expr) and value.is_number:
        p = number(op, value, what)
        if not 0 <= p <= 1:
            raise FormulaError(f"{op}: {what} must be between 0 and 1, got {show(p)}")
        return p
    if not isinstance(value, sympy.Expr) or isinstance(value, sympy.MatrixBase):
        raise FormulaError(f"{op} needs a probability for {what}, got {show(value)}")
    return value


@operation("bayes", (3, 3), "P(H | E) from P(H), P(E | H) and P(E | not H) (Bayes' rule)")
def _bayes(args: Args, budget: Budget | None) -> sympy.Basic:
    prior = _chance("bayes", args[0], "the prior P(H)")
    given_h = _chance("bayes", args[1], "P(E | H)")
    given_not_h = _chance("bayes", args[2], "P(E | not H)")
    evidence = prior * given_h + (1 - prior) * given_not_h
    if evidence.is_number and evidence == 0:
        raise FormulaError("bayes: P(E) = 0, so P(H | E) is not defined")
    return prior * given_h / evidence


@operation("p_union", (3, 3), "P(A or B) from P(A), P(B) and P(A and B) (the addition rule)")
def _p_union(args: Args, budget: Budget | None) -> sympy.Basic:
    a, b = _chance("p_union", args[0], "P(A)"), _chance("p_union", args[1], "P(B)")
    both = _chance("p_union", args[2], "P(A and B)")
    return a + b - both


@operation("approx", (1, 2), "a decimal value to so many significant digits (default 15)")
def _approx(args: Args, budget: Budget | None) -> sympy.Basic:
    value = args[0]
    digits = integer("approx", args[1], "the number of digits", 1, 50) if len(args) > 1 else _DIGITS
    if not (isinstance(value, sympy.Expr) and value.is_number):
        raise FormulaError(f"approx needs a number, got {show(value)}")
    return sympy.Float(value.evalf(digits + 5), digits)


@operation("round", (2, 2), "a decimal rounded to n decimal places (an exact value)")
def _round(args: Args, budget: Budget | None) -> sympy.Basic:
    value = number("round", args[0], "the value")
    places = integer("round", args[1], "the number of decimal places", 0, 6)
    # a decimal value with digits to spare first: floor() of a symbolic value is very slow
    scaled = (value * 10**places).evalf(places + 30) if not value.is_Rational else value * 10**places
    # exact, so that arithmetic with it stays exact (a low-precision Float would not)
    return sympy.Rational(int(sympy.floor(scaled + sympy.S.Half)), 10**places)


@operation("interval", (2, 2), "the open interval (a, b)")
def _interval(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.Interval.open(args[0], args[1])


@operation("closed_interval", (2, 2), "the closed interval [a, b]")
def _closed_interval(args: Args, budget: Budget | None) -> sympy.Basic:
    return sympy.Interval(args[0], args[1])


__all__ = ["OPERATIONS"]
