"""The probability and statistics engine: means and variances, binomial, normal and t, Bayes' rule.

One rule node per step a course teaches: the mean, the squared deviations
from it, the division by n (or n − 1); Var(cX) = c²·Var(X) and
Var(X + Y) = Var X + Var Y + 2 Cov(X, Y) when the data are written that way;
the binomial coefficient and the two powers of a binomial probability, a
cumulative probability as a sum of them; standardising before the normal
table, and un-standardising after the inverse table; Student's t from its
table; Bayes' rule as a tree (the two joint probabilities, their total, the
posterior) and the probability of a union. `ENGINES` maps each author
operation to its builder.

>>> from tutor.steps.solve import solution_steps
>>> s = solution_steps("bayes(1/100, 9/10, 1/20)")
>>> s.result, [c.rule for c in s.root.children]
(2/13, ['bayes_joint', 'bayes_joint_complement'])
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import mpmath
import sympy
from sympy import Basic

from tutor.errors import StepError
from tutor.steps.node import Node, show, tight
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.steps.solve import Context

_DIGITS = 15
_MAX_TERMS = 200  # terms of a cumulative binomial probability worked one by one


def _vector_text(items: Sequence[Basic]) -> str:
    return "[" + ", ".join(show(v) for v in items) + "]"


def _values(node: Node) -> list[Basic]:
    return list(node.expr)


# ----- means and variances


@frozen(eq=False, kw_only=True)
class Mean(Node):
    """x̄ = (x₁ + … + xₙ)/n."""

    rule = "mean"
    name = "mean"
    statement = "The mean x̄ = (x₁ + x₂ + … + xₙ)/n: add the values, divide by how many there are."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        items = _values(self)
        return sympy.Add(*items) / len(items)

    def goal(self) -> str:
        return f"mean({_vector_text(_values(self))})"

    def instance(self) -> str:
        items = _values(self)
        return f"({' + '.join(show(v) for v in items)})/{len(items)}"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "data": _vector_text(_values(self)), "n": str(len(_values(self)))}


@frozen(eq=False, kw_only=True)
class SquaredDeviations(Node):
    """Σ (xᵢ − x̄)²: how far each value is from the mean, squared and added."""

    rule = "squared_deviations"
    name = "sum of squared deviations"
    statement = "Subtract the mean from each value, square, and add: Σ (xᵢ − x̄)²."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.expand(sympy.Add(*[(v - parts[0]) ** 2 for v in _values(self)]))

    def goal(self) -> str:
        return "Σ (xᵢ − x̄)²"

    def instance(self) -> str:
        m = self.children[0].result
        return " + ".join(f"({show(v)} − {tight(m)})²" for v in _values(self))


@frozen(eq=False, kw_only=True)
class Variance(Node):
    """Var = Σ (xᵢ − x̄)²/n (population); the sample variance divides by n − 1."""

    sample: bool = False
    rule = "variance"
    name = "variance"
    statement = ("The variance is the mean squared deviation: Σ (xᵢ − x̄)²/n for a population; a sample "
                 "variance divides by n − 1 instead.")

    def divisor(self) -> int:
        return len(_values(self)) - (1 if self.sample else 0)

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.expand(parts[0] / self.divisor())

    def goal(self) -> str:
        return f"{'sample_variance' if self.sample else 'variance'}({_vector_text(_values(self))})"

    def instance(self) -> str:
        n = len(_values(self))
        return f"Σ (xᵢ − x̄)²/{'(' + str(n) + ' − 1)' if self.sample else n}"

    def fields(self) -> dict[str, str]:
        n = len(_values(self))
        return {"goal": self.goal(), "data": _vector_text(_values(self)), "n": str(n)}


@frozen(eq=False, kw_only=True)
class SampleVariance(Variance):
    """s² = Σ (xᵢ − x̄)²/(n − 1)."""

    sample: bool = True
    rule = "sample_variance"
    name = "sample variance"
    statement = ("The sample variance divides the sum of squared deviations by n − 1 (one degree of "
                 "freedom goes to the mean): s² = Σ (xᵢ − x̄)²/(n − 1).")


def build_variance(items: Sequence[Basic], sample: bool = False) -> Variance:
    """The variance of the values through the mean and the squared deviations.

    >>> build_variance([sympy.Integer(v) for v in (1, 2, 3, 4)]).result
    5/4
    """
    vector = sympy.ImmutableMatrix(list(items))
    if sample and len(items) < 2:
        raise StepError("A sample variance needs at least two values (it divides by n − 1).")
    deviations = SquaredDeviations(expr=vector, children=(Mean(expr=vector),))
    kind = SampleVariance if sample else Variance
    return kind(expr=vector, children=(deviations,))


@frozen(eq=False, kw_only=True)
class Std(Node):
    """σ = √Var: the standard deviation is the square root of the variance."""

    rule = "std"
    name = "standard deviation"
    statement = "The standard deviation is the square root of the variance: σ = √Var."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.sqrt(parts[0])

    def goal(self) -> str:
        return self.children[0].goal().replace("variance", "std", 1)

    def instance(self) -> str:
        return f"√{self.children[0].goal()}"

    def fields(self) -> dict[str, str]:
        return self.children[0].fields() | {"goal": self.goal()}


@frozen(eq=False, kw_only=True)
class ScaledVariance(Node):
    """Var(cX) = c²·Var(X): a constant factor comes out squared."""

    c: Basic
    rule = "variance_scale"
    name = "variance of a multiple"
    statement = "Var(cX) = c²·Var(X): each deviation is c times as large, so its square is c² times."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.expand(self.c**2 * parts[0])

    def goal(self) -> str:
        return f"variance({tight(self.c)}·{show(self.expr)})"

    def instance(self) -> str:
        return f"{tight(self.c)}²·{self.children[0].goal()}"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "c": show(self.c), "data": show(self.expr)}


@frozen(eq=False, kw_only=True)
class Covariance(Node):
    """Cov(X, Y) = Σ (xᵢ − x̄)(yᵢ − ȳ)/n."""

    other: sympy.ImmutableMatrix
    rule = "covariance"
    name = "covariance"
    statement = "Cov(X, Y) = Σ (xᵢ − x̄)(yᵢ − ȳ)/n: the mean product of the deviations from the two means."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        xs, ys = _values(self), list(self.other)
        return sympy.expand(sympy.Add(*[(a - parts[0]) * (b - parts[1]) for a, b in zip(xs, ys)]) / len(xs))

    def goal(self) -> str:
        return f"covariance({_vector_text(_values(self))}, {_vector_text(list(self.other))})"

    def instance(self) -> str:
        mx, my = (c.result for c in self.children)
        terms = " + ".join(f"({show(a)} − {tight(mx)})({show(b)} − {tight(my)})"
                           for a, b in zip(_values(self), self.other))
        return f"({terms})/{len(_values(self))}"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "n": str(len(_values(self)))}


def build_covariance(xs: Sequence[Basic], ys: Sequence[Basic]) -> Covariance:
    """Cov(X, Y) through the two means.

    >>> build_covariance([sympy.Integer(v) for v in (1, 2, 3)], [sympy.Integer(v) for v in (2, 4, 6)]).result
    4/3
    """
    if len(xs) != len(ys):
        raise StepError(f"covariance needs vectors of the same length, got {len(xs)} and {len(ys)}.")
    x, y = sympy.ImmutableMatrix(list(xs)), sympy.ImmutableMatrix(list(ys))
    return Covariance(expr=x, other=y, children=(Mean(expr=x), Mean(expr=y)))


@frozen(eq=False, kw_only=True)
class SumVariance(Node):
    """Var(X + Y) = Var X + Var Y + 2 Cov(X, Y)."""

    other: sympy.ImmutableMatrix
    rule = "variance_sum"
    name = "variance of a sum"
    statement = ("Var(X + Y) = Var(X) + Var(Y) + 2·Cov(X, Y); the covariance term vanishes only when X and Y "
                 "are uncorrelated.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.expand(parts[0] + parts[1] + 2 * parts[2])

    def goal(self) -> str:
        return f"variance({show(self.expr)} + {show(self.other)})"

    def instance(self) -> str:
        a, b, c = (child.goal() for child in self.children)
        return f"{a} + {b} + 2·{c}"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal()}


# ----- binomial


@frozen(eq=False, kw_only=True)
class BinomialCoefficient(Node):
    """C(n, k) = n!/(k!·(n − k)!): the number of ways to place k successes among n trials."""

    rule = "binomial_coefficient"
    name = "binomial coefficient"
    statement = "C(n, k) = n!/(k!·(n − k)!) counts the orders in which k successes can fall among n trials."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        n, k = self.expr
        return sympy.binomial(n, k)

    def goal(self) -> str:
        n, k = self.expr
        return f"C({show(n)}, {show(k)})"

    def instance(self) -> str:
        n, k = self.expr
        return f"{show(n)}!/({show(k)}!·{show(n - k)}!)"


@frozen(eq=False, kw_only=True)
class BinomialPmf(Node):
    """P(X = k) = C(n, k)·pᵏ·(1 − p)ⁿ⁻ᵏ."""

    rule = "binomial_pmf"
    name = "binomial probability"
    statement = ("P(X = k) = C(n, k)·pᵏ·(1 − p)ⁿ⁻ᵏ: the number of orders, times the probability of one "
                 "order (k successes and n − k failures).")

    def kn_p(self) -> tuple[Basic, Basic, Basic]:
        k, n, p = self.expr
        return k, n, p

    def combine(self, parts: Sequence[Basic]) -> Basic:
        k, n, p = self.kn_p()
        if not 0 <= k <= n:
            return sympy.Integer(0)
        return parts[0] * p**k * (1 - p) ** (n - k)

    def goal(self) -> str:
        k, n, p = self.kn_p()
        return f"P(X = {show(k)}) for X ~ B({show(n)}, {show(p)})"

    def instance(self) -> str:
        k, n, p = self.kn_p()
        if not 0 <= k <= n:
            return f"0, since {show(k)} successes cannot happen in {show(n)} trials"
        return f"C({show(n)}, {show(k)})·{tight(p)}^{show(k)}·{tight(1 - p)}^{show(n - k)}"

    def fields(self) -> dict[str, str]:
        k, n, p = self.kn_p()
        return {"goal": self.goal(), "k": show(k), "n": show(n), "p": show(p), "q": show(1 - p)}


def build_pmf(k: Basic, n: Basic, p: Basic) -> BinomialPmf:
    """P(X = k) for X ~ B(n, p).

    >>> build_pmf(sympy.Integer(2), sympy.Integer(4), sympy.Rational(1, 2)).result
    3/8
    """
    children = (BinomialCoefficient(expr=sympy.Tuple(n, k)),) if 0 <= k <= n else ()
    return BinomialPmf(expr=sympy.Tuple(k, n, p), children=children)


@frozen(eq=False, kw_only=True)
class BinomialCdf(Node):
    """P(X ≤ k) = P(X = 0) + P(X = 1) + … + P(X = k)."""

    rule = "binomial_cdf"
    name = "cumulative binomial probability"
    statement = "P(X ≤ k) adds the probabilities of 0, 1, …, k successes (k included)."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Add(*parts)

    def goal(self) -> str:
        k, n, p = self.expr
        return f"P(X ≤ {show(k)}) for X ~ B({show(n)}, {show(p)})"

    def instance(self) -> str:
        k = self.expr[0]
        return " + ".join(f"P(X = {i})" for i in range(len(self.children))) if k >= 0 else "0"

    def fields(self) -> dict[str, str]:
        k, n, p = self.expr
        return {"goal": self.goal(), "k": show(k), "n": show(n), "p": show(p)}


def build_cdf(k: Basic, n: Basic, p: Basic) -> BinomialCdf:
    """P(X ≤ k) as a sum of binomial probabilities.

    >>> build_cdf(sympy.Integer(1), sympy.Integer(3), sympy.Rational(1, 2)).result
    1/2
    """
    top = min(int(k), int(n))
    if top + 1 > _MAX_TERMS:
        raise StepError(f"P(X ≤ {k}) would add {top + 1} terms; steps are given up to {_MAX_TERMS}.")
    children = tuple(build_pmf(sympy.Integer(i), n, p) for i in range(0, top + 1))
    return BinomialCdf(expr=sympy.Tuple(k, n, p), children=children)


# ----- normal and t


def _decimal(value: mpmath.mpf) -> sympy.Float:
    return sympy.Float(value, _DIGITS)


def _mp(value: Basic) -> mpmath.mpf:
    return mpmath.mpf(sympy.Float(value, 30)._mpf_)


def phi(z: Basic) -> sympy.Float:
    """Φ(z), the standard normal cumulative probability (the table), to 15 digits.

    >>> phi(sympy.Integer(0))
    0.500000000000000
    """
    with mpmath.workdps(30):
        return _decimal(mpmath.ncdf(_mp(z)))


def phi_inverse(q: Basic) -> sympy.Float:
    """z with Φ(z) = q (the table read backwards), to 15 digits.

    >>> round(float(phi_inverse(sympy.Float(0.975))), 4)
    1.96
    """
    with mpmath.workdps(30):
        return _decimal(mpmath.sqrt(2) * mpmath.erfinv(2 * _mp(q) - 1))


@frozen(eq=False, kw_only=True)
class Standardise(Node):
    """z = (x − μ)/σ: how many standard deviations x lies from the mean."""

    rule = "standardise"
    name = "standardise"
    statement = "z = (x − μ)/σ: subtract the mean, divide by the standard deviation (σ, not σ²)."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        x, mu, sigma = self.expr
        return (x - mu) / sigma

    def goal(self) -> str:
        return "z"

    def instance(self) -> str:
        x, mu, sigma = self.expr
        return f"({show(x)} − {tight(mu)})/{tight(sigma)}"

    def fields(self) -> dict[str, str]:
        x, mu, sigma = self.expr
        return {"goal": self.goal(), "x": show(x), "mu": show(mu), "sigma": show(sigma)}


@frozen(eq=False, kw_only=True)
class NormalCdf(Node):
    """P(X ≤ x) = Φ((x − μ)/σ): standardise, then read the standard normal table."""

    rule = "normal_cdf"
    name = "normal probability"
    statement = "P(X ≤ x) = Φ(z) with z = (x − μ)/σ: standardise, then read Φ(z) from the table."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return phi(parts[0] if parts else self.expr[0])

    def goal(self) -> str:
        x, mu, sigma = self.expr
        return f"P(X ≤ {show(x)}) for X ~ N({show(mu)}, {tight(sigma)}²)"

    def instance(self) -> str:
        z = self.children[0].result if self.children else self.expr[0]
        return f"Φ({show(z)}) from the table"

    def fields(self) -> dict[str, str]:
        x, mu, sigma = self.expr
        return {"goal": self.goal(), "x": show(x), "mu": show(mu), "sigma": show(sigma)}


@frozen(eq=False, kw_only=True)
class NormalQuantile(Node):
    """z_q with Φ(z_q) = q: the standard normal table read backwards."""

    rule = "normal_table_inverse"
    name = "inverse normal table"
    statement = "Find z with Φ(z) = q in the table (read it backwards)."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return phi_inverse(self.expr)

    def goal(self) -> str:
        return f"z with Φ(z) = {show(self.expr)}"


@frozen(eq=False, kw_only=True)
class NormalPpf(Node):
    """x = μ + σ·z_q: the quantile of N(μ, σ²) from the standard one."""

    rule = "normal_ppf"
    name = "normal quantile"
    statement = "The q-quantile of N(μ, σ²) is x = μ + σ·z, where Φ(z) = q: un-standardise with σ, not σ²."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        _, mu, sigma = self.expr
        return _decimal(_mp(mu + sigma * parts[0]))

    def goal(self) -> str:
        q, mu, sigma = self.expr
        return f"the {show(q)}-quantile of N({show(mu)}, {tight(sigma)}²)"

    def instance(self) -> str:
        _, mu, sigma = self.expr
        return f"{show(mu)} + {tight(sigma)}·z"

    def fields(self) -> dict[str, str]:
        q, mu, sigma = self.expr
        return {"goal": self.goal(), "q": show(q), "mu": show(mu), "sigma": show(sigma)}


def t_cdf_value(t: Basic, df: Basic) -> sympy.Float:
    """P(T ≤ t) for Student's t with df degrees of freedom, to 15 digits.

    >>> t_cdf_value(sympy.Integer(0), sympy.Integer(5))
    0.500000000000000
    """
    with mpmath.workdps(30):
        tt, d = _mp(t), _mp(df)
        tail = mpmath.betainc(d / 2, mpmath.mpf(1) / 2, 0, d / (d + tt * tt), regularized=True) / 2
        return _decimal(1 - tail if tt >= 0 else tail)


@frozen(eq=False, kw_only=True)
class TCdf(Node):
    """P(T ≤ t) from the t table with df degrees of freedom."""

    rule = "t_cdf"
    name = "t probability"
    statement = ("Read P(T ≤ t) from the t table in the row of the degrees of freedom; the t distribution "
                 "has heavier tails than the normal, so do not use the z table.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return t_cdf_value(*self.expr)

    def goal(self) -> str:
        t, df = self.expr
        return f"P(T ≤ {show(t)}) with {show(df)} degrees of freedom"

    def fields(self) -> dict[str, str]:
        t, df = self.expr
        return {"goal": self.goal(), "t": show(t), "df": show(df)}


# ----- Bayes' rule and unions


@frozen(eq=False, kw_only=True)
class Complement(Node):
    """P(not H) = 1 − P(H)."""

    rule = "complement"
    name = "complement"
    statement = "P(not H) = 1 − P(H)."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return 1 - self.expr

    def goal(self) -> str:
        return "P(not H)"

    def instance(self) -> str:
        return f"1 − {show(self.expr)}"


@frozen(eq=False, kw_only=True)
class Joint(Node):
    """P(H and E) = P(H)·P(E | H): the branch of the tree through H and then E."""

    rule = "bayes_joint"
    name = "joint probability"
    statement = "Multiply along a branch of the tree: P(H and E) = P(H)·P(E | H)."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        prior, likelihood = self.expr
        return (parts[0] if parts else prior) * likelihood

    def goal(self) -> str:
        return "P(H and E)"

    def fields(self) -> dict[str, str]:
        prior, likelihood = self.expr
        return {"goal": self.goal(), "prior": show(prior), "likelihood": show(likelihood)}

    def instance(self) -> str:
        prior, likelihood = self.expr
        return f"{tight(prior)}·{tight(likelihood)}"


@frozen(eq=False, kw_only=True)
class JointComplement(Joint):
    """P(not H and E) = P(not H)·P(E | not H): the other branch that ends in E."""

    rule = "bayes_joint_complement"
    name = "joint probability through not H"
    statement = "The other branch that gives E: P(not H and E) = (1 − P(H))·P(E | not H)."

    def goal(self) -> str:
        return "P(not H and E)"

    def instance(self) -> str:
        prior, likelihood = self.expr
        return f"(1 − {show(prior)})·{tight(likelihood)}"


@frozen(eq=False, kw_only=True)
class Bayes(Node):
    """P(H | E) = P(H and E)/P(E), with P(E) = P(H and E) + P(not H and E) (total probability)."""

    rule = "bayes_posterior"
    name = "Bayes' rule"
    statement = ("P(H | E) = P(H)·P(E | H) / P(E), where P(E) = P(H)·P(E | H) + P(not H)·P(E | not H) adds the "
                 "two branches of the tree that end in E (total probability).")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return parts[0] / (parts[0] + parts[1])

    def goal(self) -> str:
        return "P(H | E)"

    def instance(self) -> str:
        return "P(H and E) / (P(H and E) + P(not H and E))"

    def fields(self) -> dict[str, str]:
        prior, given_h, given_not_h = self.expr
        return {"goal": self.goal(), "prior": show(prior), "given_h": show(given_h),
                "given_not_h": show(given_not_h)}


def build_bayes(prior: Basic, given_h: Basic, given_not_h: Basic) -> Bayes:
    """P(H | E) from P(H), P(E | H) and P(E | not H), as a probability tree.

    >>> build_bayes(sympy.Rational(1, 2), sympy.Rational(1, 2), sympy.Rational(1, 4)).result
    2/3
    """
    for value in (prior, given_h, given_not_h):
        if value.is_number and not 0 <= value <= 1:
            raise StepError(f"bayes needs probabilities between 0 and 1, got {show(value)}.")
    joint = Joint(expr=sympy.Tuple(prior, given_h))
    other = JointComplement(expr=sympy.Tuple(prior, given_not_h), children=(Complement(expr=prior),))
    if sympy.simplify(joint.result + other.result) == 0:
        raise StepError("P(E) = 0: the evidence cannot happen, so P(H | E) is not defined.")
    return Bayes(expr=sympy.Tuple(prior, given_h, given_not_h), children=(joint, other))


@frozen(eq=False, kw_only=True)
class Union(Node):
    """P(A or B) = P(A) + P(B) − P(A and B): the overlap is counted once."""

    rule = "union"
    name = "addition rule"
    statement = "P(A or B) = P(A) + P(B) − P(A and B): adding P(A) and P(B) counts the overlap twice."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        a, b, both = self.expr
        return a + b - both

    def goal(self) -> str:
        return "P(A or B)"

    def instance(self) -> str:
        a, b, both = self.expr
        return f"{show(a)} + {show(b)} − {show(both)}"

    def fields(self) -> dict[str, str]:
        a, b, both = self.expr
        return {"goal": self.goal(), "a": show(a), "b": show(b), "both": show(both)}


# ----- builders from author calls


def _items(op: str, args: Sequence[Basic], ctx: Context) -> list[Basic]:
    values = [ctx.value(a) for a in args]
    if len(values) == 1:
        (value,) = values
        if isinstance(value, sympy.MatrixBase):
            if 1 not in value.shape:
                raise StepError(f"{op} needs a vector (one row or one column), got a {value.rows}×{value.cols} "
                                "matrix.")
            return list(value)
        if isinstance(value, (sympy.Tuple, sympy.FiniteSet)):
            return list(value.args)
        raise StepError(f"{op} needs a list of values, e.g. {op}([1, 2, 3]), got {show(value)}.")
    return values


def _number(op: str, value: Basic, what: str) -> Basic:
    if not (isinstance(value, sympy.Expr) and value.is_number and value.is_extended_real):
        raise StepError(f"{op} needs a number for {what}, got {show(value)}.")
    return value


def _variance(sample: bool):
    def build(args: Sequence[Basic], ctx: Context) -> Node:
        op = "sample_variance" if sample else "variance"
        if len(args) == 1 and not sample:
            special = _decomposed(args[0], ctx)
            if special is not None:
                return special
        return build_variance(_items(op, args, ctx), sample)
    return build


def _decomposed(arg: Basic, ctx: Context) -> Node | None:
    """variance(c·v) and variance(u + v) written that way: the rules for a multiple and for a sum."""
    scaled = ctx.scalar_times_matrix(arg)
    if scaled is not None:
        c, v = scaled
        return ScaledVariance(expr=v, c=c, children=(build_variance(list(v)),))
    if isinstance(arg, sympy.Add) and len(arg.args) == 2:
        u, v = (ctx.value(a) for a in arg.args)
        if isinstance(u, sympy.MatrixBase) and isinstance(v, sympy.MatrixBase) and len(u) == len(v):
            children = (build_variance(list(u)), build_variance(list(v)), build_covariance(list(u), list(v)))
            return SumVariance(expr=sympy.ImmutableMatrix(list(u)), other=sympy.ImmutableMatrix(list(v)),
                               children=children)
    return None


def _std(sample: bool):
    def build(args: Sequence[Basic], ctx: Context) -> Node:
        variance = build_variance(_items("sample_std" if sample else "std", args, ctx), sample)
        node = SampleStd if sample else Std
        return node(expr=variance.expr, children=(variance,))
    return build


@frozen(eq=False, kw_only=True)
class SampleStd(Std):
    """s = √(sample variance)."""

    rule = "sample_std"
    name = "sample standard deviation"


def _covariance(args: Sequence[Basic], ctx: Context) -> Node:
    return build_covariance(_items("covariance", args[:1], ctx), _items("covariance", args[1:], ctx))


def _binomial(cumulative: bool):
    def build(args: Sequence[Basic], ctx: Context) -> Node:
        op = "binomial_cdf" if cumulative else "binomial_pmf"
        k, n, p = (ctx.value(a) for a in args)
        for value, what in ((k, "the count k"), (n, "the number of trials n")):
            if not (isinstance(value, sympy.Expr) and value.is_integer):
                raise StepError(f"{op} needs a whole number for {what}, got {show(value)}.")
        if n < 0:
            raise StepError(f"{op}: the number of trials n must be at least 0, got {show(n)}.")
        p = _probability(op, p)
        return build_cdf(k, n, p) if cumulative else build_pmf(k, n, p)
    return build


def _probability(op: str, p: Basic) -> Basic:
    p = _number(op, p, "the probability p")
    if not 0 <= p <= 1:
        raise StepError(f"{op}: p must be between 0 and 1, got {show(p)}.")
    return p


def _normal_args(op: str, args: Sequence[Basic], ctx: Context) -> tuple[Basic, Basic, Basic]:
    values = [_number(op, ctx.value(a), what) for a, what in zip(args, ("x", "mu", "sigma"))]
    x, mu, sigma = values + [sympy.Integer(0), sympy.Integer(1)][len(values) - 1:]
    if sigma <= 0:
        raise StepError(f"{op}: sigma must be positive, got {show(sigma)}.")
    return x, mu, sigma


def _normal_cdf(args: Sequence[Basic], ctx: Context) -> Node:
    x, mu, sigma = _normal_args("normal_cdf", args, ctx)
    standard = (mu, sigma) == (0, 1)
    children = () if standard else (Standardise(expr=sympy.Tuple(x, mu, sigma)),)
    return NormalCdf(expr=sympy.Tuple(x, mu, sigma), children=children)


def _normal_ppf(args: Sequence[Basic], ctx: Context) -> Node:
    q, mu, sigma = _normal_args("normal_ppf", args, ctx)
    if not 0 < q < 1:
        raise StepError(f"normal_ppf: q must be strictly between 0 and 1, got {show(q)}.")
    return NormalPpf(expr=sympy.Tuple(q, mu, sigma), children=(NormalQuantile(expr=q),))


def _t_cdf(args: Sequence[Basic], ctx: Context) -> Node:
    t = _number("t_cdf", ctx.value(args[0]), "t")
    df = _number("t_cdf", ctx.value(args[1]), "the degrees of freedom")
    if not 0 < df <= 10**6:
        raise StepError(f"t_cdf: the degrees of freedom must be positive, got {show(df)}.")
    return TCdf(expr=sympy.Tuple(t, df))


def _bayes(args: Sequence[Basic], ctx: Context) -> Node:
    return build_bayes(*(ctx.value(a) for a in args))


def _union(args: Sequence[Basic], ctx: Context) -> Node:
    a, b, both = (ctx.value(x) for x in args)
    return Union(expr=sympy.Tuple(a, b, both))


ENGINES = (
    ("mean", (1, 99), lambda args, ctx: Mean(expr=sympy.ImmutableMatrix(_items("mean", args, ctx)))),
    ("variance", (1, 99), _variance(False)),
    ("sample_variance", (1, 99), _variance(True)),
    ("std", (1, 99), _std(False)),
    ("sample_std", (1, 99), _std(True)),
    ("covariance", (2, 2), _covariance),
    ("binomial_pmf", (3, 3), _binomial(False)),
    ("binomial_cdf", (3, 3), _binomial(True)),
    ("normal_cdf", (1, 3), _normal_cdf),
    ("normal_ppf", (1, 3), _normal_ppf),
    ("t_cdf", (2, 2), _t_cdf),
    ("bayes", (3, 3), _bayes),
    ("p_union", (3, 3), _union),
)
"""(author operation, arity, builder) for each operation of this engine."""

__all__ = ["ENGINES", "phi", "phi_inverse", "t_cdf_value"]
