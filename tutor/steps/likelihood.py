"""Likelihoods of data: the product over the data, its logarithm as a sum, and the maximum-likelihood estimate.

With a declared sequence x (``variables = { x = "sequence(n)" }``) three author formulas are worked as
a statistics teacher works them:

* ``prod(p^(x_i) (1 - p)^(1 - x_i), i, 1, n)``, the likelihood L(p): one observation's probability
  written with x_i as an exponent (`OneObservation`), then independence: the product over the data
  (`IndependentProduct`);
* ``ln(prod(…, i, 1, n))``, the log-likelihood: the log of a product is the sum of the logs
  (`LogOfProduct`), the log of one term a sum of the logs of its factors (`LogOfFactors`), the log of
  a power its exponent times the log of the base (`LogOfPower`);
* ``argmax(sum(…, i, 1, n), p)``, the maximum-likelihood estimate: differentiate the sum term by
  term (`tutor.steps.data_sums`), split the sum of the derivatives into sums of the data
  (`SplitSum`), set it to zero and clear the denominators (`ClearDenominators`), multiply out and
  collect (`CollectTerms`), and solve for p (`SolveFor`). A log-likelihood of counts with no data
  declared (``argmax(3 ln(p) + 2 ln(1 - p), p)``) is differentiated by the derivative engine.

>>> from tutor.steps.solve import solution_steps
>>> decl = {"x": "sequence(n)", "p": "positive"}
>>> print(solution_steps("ln(prod(p^(x_i) (1 - p)^(1 - x_i), i, 1, n))", declare=decl))
ln(Π_{i=1}^{n} p^(x_i)·(1 − p)^(1 − x_i)) = Σ_{i=1}^{n} ((1 − x_i)·ln(1 − p) + x_i·ln(p))
>>> s = solution_steps("argmax(sum(x_i ln(p) + (1 - x_i) ln(1 - p), i, 1, n), p)", declare={"x": "sequence(n)"})
>>> print(s)
p̂ = 1/n·Σ_{i=1}^{n} x_i
>>> print(solution_steps("argmax(3 ln(p) + 2 ln(1 - p), p)"))
p̂ = 3/5
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.errors import StepError
from tutor.steps.data_sums import sum_tree
from tutor.steps.node import Node, show
from tutor.values import frozen


def data_of(expr: Basic) -> set[Basic]:
    """The data in `expr` (x_i, y_i) and their indices: what changes from one observation to the next.

    >>> i = sympy.Symbol("i")
    >>> sorted(map(str, data_of(sympy.IndexedBase("x")[i] + sympy.Symbol("p"))))
    ['i', 'x[i]']
    """
    found: set[Basic] = set()
    for datum in expr.atoms(sympy.Indexed):
        found |= {datum, *datum.indices}
    return found


def parameters(expr: Basic, limits: tuple[Basic, ...]) -> list[sympy.Symbol]:
    """The names of `expr` that are neither data, indices nor bounds: what the likelihood is a function of.

    >>> i, n, p = sympy.symbols("i n p")
    >>> parameters(p ** sympy.IndexedBase("x")[i], ((i, 1, n),))
    [p]
    """
    bound = {s for limit in limits for part in limit for s in getattr(part, "free_symbols", ())}
    data = {d.base.label for d in expr.atoms(sympy.Indexed)}
    return sorted((s for s in expr.free_symbols if isinstance(s, sympy.Symbol) and s not in bound | data),
                  key=str)


def _of(names: Sequence[sympy.Symbol]) -> str:
    return ", ".join(show(s) for s in names)


# ----- the likelihood: a product over the data

@frozen(eq=False, kw_only=True)
class OneObservation(Node):
    """The probability of one observation x_i (or pair x_i, y_i), as one formula with the data in it."""

    data: tuple[Basic, ...]
    rule = "one_observation"
    name = "one observation"
    statement = ("Write the probability of one observation as one formula in x_i: a factor raised to the "
                 "power x_i is itself when x_i = 1 and 1 when x_i = 0, so the exponents switch the factors "
                 "on and off.")

    @property
    def probability(self) -> str:
        """P(x_i), or P(x_i, y_i) for a pair."""
        return f"P({', '.join(show(d) for d in self.data)})"

    def goal(self) -> str:
        if len(self.data) != 1:
            return self.probability
        x = self.data[0]
        cases = [self.expr.xreplace({x: v}) for v in (1, 0)]
        if any(c.has(x) for c in cases):
            return self.probability
        return f"{self.probability} as one formula ({show(cases[0])} when {show(x)} = 1, {show(cases[1])} when " \
               f"{show(x)} = 0)"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.expr

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "datum": show(self.data[0]), "probability": self.probability}


@frozen(eq=False, kw_only=True)
class IndependentProduct(Node):
    """L = Π_i P(x_i): independent observations multiply."""

    rule = "independent_product"
    name = "independence"
    statement = ("Independent observations: the probability of all of them together is the product of the "
                 "probability of each, L = Π_{i=1}^{n} P(x_i).")

    @property
    def limits(self) -> tuple[Basic, ...]:
        """The index and its bounds, (i, 1, n)."""
        return tuple(self.expr.limits)

    def goal(self) -> str:
        return f"L({_of(parameters(self.expr, self.limits))})"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Product(parts[0], *self.limits)

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "term": self.children[0].goal()}


def product_tree(expr: Basic) -> Node | None:
    """The rule tree of a likelihood Π_i f(x_i) over declared data, or None for another expression.

    >>> i, n, p = sympy.symbols("i n p")
    >>> x = sympy.IndexedBase("x")[i]
    >>> product_tree(sympy.Product(p ** x * (1 - p) ** (1 - x), (i, 1, n))).rule
    'independent_product'
    >>> product_tree(p) is None
    True
    """
    if not isinstance(expr, sympy.Product) or len(expr.limits) != 1:
        return None
    term, (index, _, _) = expr.function, expr.limits[0]
    data = sorted((d for d in term.atoms(sympy.Indexed) if index in d.indices), key=str)
    if not data:
        return None
    return IndependentProduct(expr=expr, children=(OneObservation(expr=term, data=tuple(data)),))


# ----- the log-likelihood: a sum over the data

def _log(value: Basic) -> Basic:
    return sympy.log(value, evaluate=False)


@frozen(eq=False, kw_only=True)
class LogOfPower(Node):
    """ln(a^k) = k·ln a: the exponent comes down in front."""

    rule = "log_of_power"
    name = "log of a power"
    statement = "ln(a^k) = k·ln a: the exponent comes down in front of the logarithm."

    @property
    def base(self) -> Basic:
        """a, the base of the power."""
        return self.expr.args[0].base

    @property
    def power(self) -> Basic:
        """k, the exponent."""
        return self.expr.args[0].exp

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.power * sympy.log(self.base)

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "base": show(self.base), "power": show(self.power)}


@frozen(eq=False, kw_only=True)
class LogOfFactor(Node):
    """The log of a factor that is not a power: kept as it is (bookkeeping)."""

    rule = "log_of_factor"
    name = "log of a factor"
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.log(self.expr.args[0])


@frozen(eq=False, kw_only=True)
class LogOfFactors(Node):
    """ln(a·b) = ln a + ln b, for one term of the product."""

    rule = "log_of_factors"
    name = "log of one term"
    statement = "ln(a·b) = ln a + ln b: the logarithm of one term is the sum of the logarithms of its factors."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        # evaluated (in SymPy's order): the numbers of a world where 1 − p < 0 cannot compare logarithms,
        # so a learner's product of logarithms is recognised by its form
        return sympy.Add(*parts)


@frozen(eq=False, kw_only=True)
class LogOfProduct(Node):
    """ln Π_i a_i = Σ_i ln a_i: the logarithm of a product over the data is a sum over the data."""

    rule = "log_of_product"
    name = "log of a product"
    statement = "ln Π a_i = Σ ln a_i: the logarithm of a product is the sum of the logarithms of its terms."

    @property
    def product(self) -> sympy.Product:
        """The product inside the logarithm."""
        return self.expr.args[0]

    @property
    def limits(self) -> tuple[Basic, ...]:
        """The index and its bounds, (i, 1, n)."""
        return tuple(self.product.limits)

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Sum(parts[0], *self.limits)

    def instance(self) -> str:
        return show(sympy.Sum(_log(self.product.function), *self.limits))

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "term": show(self.product.function)}


def _log_tree(term: Basic) -> Node:
    if isinstance(term, sympy.Pow):
        return LogOfPower(expr=_log(term))
    if isinstance(term, sympy.Mul):
        return LogOfFactors(expr=_log(term), children=tuple(_log_tree(f) for f in term.args))
    return LogOfFactor(expr=_log(term))


def log_tree(expr: Basic) -> Node | None:
    """The rule tree of ln Π_i f(x_i) over declared data, or None for another expression.

    >>> i, n, p = sympy.symbols("i n p")
    >>> x = sympy.IndexedBase("x")[i]
    >>> log_tree(sympy.log(sympy.Product(p ** x * (1 - p) ** (1 - x), (i, 1, n)))).result
    Sum((1 - x[i])*log(1 - p) + log(p)*x[i], (i, 1, n))
    """
    if not (isinstance(expr, sympy.log) and isinstance(expr.args[0], sympy.Product)):
        return None
    product = expr.args[0]
    if len(product.limits) != 1 or not product.function.has(product.limits[0][0]):
        return None
    return LogOfProduct(expr=expr, children=(_log_tree(product.function),))


# ----- the maximum-likelihood estimate

def linear_sum(total: Basic) -> Basic:
    """Σ_i of a sum written as sums of the data: constants come out, Σ_{i=1}^{n} c = n·c.

    >>> i, n, p = sympy.symbols("i n p")
    >>> x = sympy.IndexedBase("x")[i]
    >>> linear_sum(sympy.Sum(x / p - (1 - x) / (1 - p), (i, 1, n)))
    -(n - Sum(x[i], (i, 1, n)))/(1 - p) + Sum(x[i], (i, 1, n))/p
    """
    if not isinstance(total, sympy.Sum):
        return total
    limits = total.limits
    index, low, high = limits[0]
    count = high - low + 1
    out = []
    for term in sympy.Add.make_args(total.function):
        constant = sympy.Mul(*[f for f in sympy.Mul.make_args(term) if not f.has(index)])
        varying = [f for f in sympy.Mul.make_args(term) if f.has(index)]
        if len(varying) == 1 and isinstance(varying[0], sympy.Add):   # Σ c·(1 − x_i) = c·(n − Σ x_i)
            out.append(constant * sympy.Add(*[_sum_of(a, limits, count) for a in varying[0].args]))
        else:
            out.append(constant * _sum_of(sympy.Mul(*varying), limits, count))
    return sympy.Add(*out)


def _sum_of(term: Basic, limits: tuple[Basic, ...], count: Basic) -> Basic:
    index = limits[0][0]
    constant = sympy.Mul(*[f for f in sympy.Mul.make_args(term) if not f.has(index)])
    varying = sympy.Mul(*[f for f in sympy.Mul.make_args(term) if f.has(index)])
    return constant * (sympy.Sum(varying, *limits) if varying != 1 else count)


def _sums(expr: Basic) -> dict[Basic, sympy.Dummy]:
    return {s: sympy.Dummy("S") for s in expr.atoms(sympy.Sum)}


@frozen(eq=False, kw_only=True)
class SplitSum(Node):
    """Σ of the derivatives written with sums of the data: Σ (x_i/p − (1 − x_i)/(1 − p)) = Σx_i/p − (n − Σx_i)/(1 − p)."""

    rule = "split_sum"
    name = "sums of the data"
    statement = ("Split the sum term by term and take what does not change with i out of each sum: "
                 "Σ c·a_i = c·Σ a_i, and Σ_{i=1}^{n} c = n·c.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        split = self.expr.xreplace({s: linear_sum(s) for s in self.expr.atoms(sympy.Sum)})
        # a constant in front (2·Σ …) multiplies each term, so that each keeps its own denominator
        return sympy.expand(split, deep=False, mul=True, multinomial=False, power_exp=False, power_base=False,
                            log=False)


@frozen(eq=False, kw_only=True)
class ClearDenominators(Node):
    """Set the derivative to zero and multiply through by its denominators: the left side, = 0."""

    wrt: sympy.Symbol
    rule = "clear_denominators"
    name = "set to zero and clear the fractions"
    statement = ("At the maximum the derivative is zero; multiply the equation through by the denominators "
                 "(they are not zero inside the range of the parameter) to get an equation with no fractions.")

    @property
    def denominators(self) -> Basic:
        """The product of the denominators that hold the parameter."""
        dens = {sympy.fraction(t)[1] for t in sympy.Add.make_args(self.expr)}
        return sympy.Mul(*[d for d in dens if d.has(self.wrt)])

    def goal(self) -> str:
        dens = self.denominators
        return f"({show(self.expr)})·{f'({show(dens)})' if isinstance(dens, sympy.Add) else show(dens)}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        out = []
        for term in sympy.Add.make_args(self.expr):
            numerator, denominator = sympy.fraction(term)
            out.append(numerator * sympy.cancel(self.denominators / denominator))
        return sympy.Add(*out)

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "denominators": show(self.denominators), "variable": show(self.wrt)}


@frozen(eq=False, kw_only=True)
class CollectTerms(Node):
    """Multiply out and collect: the terms in p·Σx_i cancel."""

    wrt: sympy.Symbol
    rule = "collect_terms"
    name = "multiply out and collect"
    statement = "Multiply out the brackets and collect the terms with the parameter: some of them cancel."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        sums = _sums(self.expr)
        collected = sympy.collect(sympy.expand(self.expr.xreplace(sums)), self.wrt)
        return collected.xreplace({v: k for k, v in sums.items()})


@frozen(eq=False, kw_only=True)
class SolveFor(Node):
    """Solve a linear equation for the parameter."""

    wrt: sympy.Symbol
    complement: bool = False   # the parameter is a probability whose complement 1 − p is also in the model
    rule = "solve_for"
    name = "solve for the parameter"
    statement = "The equation is linear in the parameter: move the other terms across and divide by its coefficient."

    def goal(self) -> str:
        return f"{show(self.expr)} = 0 solved for {show(self.wrt)}"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return solve_linear(self.expr, self.wrt)

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "variable": show(self.wrt)}


def solve_linear(expr: Basic, wrt: sympy.Symbol) -> Basic:
    """The root of `expr` = 0, linear in `wrt` (sums of the data held as numbers), or a `StepError`.

    >>> i, n, p = sympy.symbols("i n p")
    >>> total = sympy.Sum(sympy.IndexedBase("x")[i], (i, 1, n))
    >>> solve_linear(total - n * p, p)
    Sum(x[i], (i, 1, n))/n
    """
    sums = _sums(expr)
    plain = sympy.expand(expr.xreplace(sums))
    slope, rest = plain.coeff(wrt, 1), plain.coeff(wrt, 0)
    if slope == 0 or sympy.expand(slope * wrt + rest - plain) != 0 or slope.has(wrt):
        raise StepError(f"{show(expr)} = 0 is not a linear equation in {show(wrt)}: steps are given for "
                        "a derivative that becomes linear once its denominators are cleared.")
    return (-rest / slope).xreplace({v: k for k, v in sums.items()})


@frozen(eq=False, kw_only=True)
class Maximum(Node):
    """The maximum of a log-likelihood: where its derivative is zero."""

    wrt: sympy.Symbol
    rule = "stationary_point"
    name = "maximum where the derivative is zero"
    statement = ("Inside its range the parameter that makes the log-likelihood largest is where its "
                 "derivative is zero: differentiate, set the derivative to zero, and solve for the parameter.")

    def goal(self) -> str:
        return f"{show(self.wrt)}̂"

    def combine(self, parts: Sequence[Basic]) -> Basic:
        """The last stage's result. Each stage works on the one before it, so a stage that went its
        own way (a slip being diagnosed: a derivative with the chain rule's −1 dropped) is carried
        through the stages after it, each done again on what it is given."""
        values = list(parts)
        for k, child in enumerate(self.children[:-1]):
            if values[k] is not child.result and values[k] != child.result:
                for j in range(k + 1, len(self.children)):
                    values[j] = _again(self.children[j], values[j - 1])
                break
        return values[-1]

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "variable": show(self.wrt), "function": show(self.expr)}


def _again(stage: Node, given: Basic) -> Basic:
    """What `stage` gives when it works on `given` instead of its own input (ValueError if it cannot:
    a slipped derivative whose equation is not linear in the parameter)."""
    try:
        return dataclasses.replace(stage, expr=given).result
    except StepError as err:
        raise ValueError(err.message) from None


def argmax_tree(f: Basic, wrt: sympy.Symbol) -> Node:
    """The rule tree of the maximum-likelihood estimate of `wrt` from a log-likelihood `f` summed over data.

    >>> i, n, p = sympy.symbols("i n p")
    >>> x = sympy.IndexedBase("x")[i]
    >>> argmax_tree(sympy.Sum(x * sympy.log(p) + (1 - x) * sympy.log(1 - p), (i, 1, n)), p).result
    Sum(x[i], (i, 1, n))/n
    """
    if not f.has(wrt):
        raise StepError(f"argmax needs a function of {show(wrt)}, such as a log-likelihood "
                        "argmax(sum(x_i ln(p) + (1 - x_i) ln(1 - p), i, 1, n), p).")
    steps: list[Node]
    if f.has(sympy.Sum):
        derivative = sum_tree(f, wrt)
        steps = [derivative, SplitSum(expr=derivative.result)]
    else:   # a log-likelihood of counts, 3 ln(p) + 2 ln(1 − p): the derivative engine for numbers
        from tutor.steps.derivation import derivative_steps
        from tutor.steps.points import Derived

        steps = [Derived(expr=f, worked=derivative_steps(f, wrt))]
    cleared = ClearDenominators(expr=steps[-1].result, wrt=wrt)
    if cleared.denominators != 1:   # no fractions (5 − 2l): nothing to clear
        steps.append(cleared)
    collected = CollectTerms(expr=steps[-1].result, wrt=wrt)
    if collected.result != collected.expr:
        steps.append(collected)
    solved = SolveFor(expr=steps[-1].result, wrt=wrt, complement=f.has(1 - wrt))
    # a minimum is refused where its sign can be told: over symbolic data (a Sum) the second
    # derivative's sign is not known to SymPy, and asking costs most of the engine's time
    if not f.has(sympy.Sum) and sympy.diff(f, wrt, 2).xreplace({wrt: solved.result}).is_positive:
        raise StepError(f"The one point where the derivative of {show(f)} is zero is its minimum, not its maximum.")
    return Maximum(expr=f, wrt=wrt, children=(*steps, solved))


__all__ = ["ClearDenominators", "CollectTerms", "IndependentProduct", "LogOfFactors", "LogOfPower",
           "LogOfProduct", "Maximum", "OneObservation", "SolveFor", "SplitSum", "argmax_tree", "linear_sum",
           "log_tree", "product_tree", "solve_linear"]
