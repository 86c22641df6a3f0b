"""The misconception catalogue, executable: buggy versions of the rules, and mistakes on the whole answer.

A `StepBug` is a wrong version of a rule: given a step and its children's
results it returns what a learner with that misconception computes there
(the chain rule without the inner derivative, the product rule as the product
of the derivatives, σ′ taken as σ, ...). Run on a step tree and carried up to
the root, it yields the final answer that learner writes — which is how
`tutor.steps.diagnosis` recognises the mistake. An `AnswerBug` is a mistake
seen only on the whole answer (a sign error, a constant factor off, the
integral instead of the derivative).

Messages and remedies are templates: ``{expr}``, ``{d}`` (d/dx or ∂/∂x),
``{x}`` and the step's bindings (``{u}``, ``{inner}``, ``{outer}``, ``{du}``,
``{c}``, ``{n}``, ``{f}``, ``{g}``, ``{a}``) are filled in for the step.

>>> len(STEP_BUGS) + len(ANSWER_BUGS) >= 20
True
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy
from sympy import Basic, E, S

from tutor.functions import relu, sigmoid
from tutor.steps.expressions import evaluated
from tutor.steps.rules import Chain, ConstantMultiple, ExpBase, Power, Product, Quotient
from tutor.steps.node import as_rule
from tutor.steps.step import Step
from tutor.values import frozen

Variants = Callable[[Step, Sequence[Basic]], tuple[Basic, ...]]


@frozen
class StepBug:
    """A misconception as a wrong rule: where it applies and what it computes there."""

    id: str
    misconception: str
    rules: frozenset[str]
    variants: Variants
    message: str
    remedy: str
    when: Callable[[Step], bool] = lambda step: True

    def applies(self, step: Step) -> bool:
        """Whether this wrong rule can be used at `step`."""
        return step.rule in self.rules and self.when(step)


@frozen
class AnswerBug:
    """A mistake recognised on the whole answer; `tutor.steps.diagnosis` has its test."""

    id: str
    misconception: str
    message: str
    remedy: str


# ----- chain rule

def _chain_drop_inner(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    chain = as_rule(step, Chain)
    return (parts[0].xreplace({chain.u: evaluated(chain.inner)}),)


def _chain_outer_at_variable(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0].xreplace({as_rule(step, Chain).u: step.wrt}) * parts[1],)


def _log_reciprocal(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return () if parts[1] == 0 else (1 / parts[1],)


def _outer_is_log(step: Step) -> bool:
    return step.children[0].rule == "log"


# ----- product and quotient rules

def _product_of_derivatives(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.Mul(*parts),)


def _product_term_dropped(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    values = [evaluated(f) for f in as_rule(step, Product).factors]
    terms = [part * sympy.Mul(*values[:i], *values[i + 1:]) for i, part in enumerate(parts)]
    return tuple(sympy.Add(*terms[:i], *terms[i + 1:]) for i in range(len(terms)))


def _fg(step: Step) -> tuple[Basic, Basic]:
    quotient = as_rule(step, Quotient)
    return evaluated(quotient.numerator), evaluated(quotient.denominator)


def _quotient_reversed(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    f, g = _fg(step)
    return ((f * parts[1] - parts[0] * g) / g**2,)


def _quotient_no_square(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    f, g = _fg(step)
    return ((parts[0] * g - f * parts[1]) / g,)


def _quotient_of_derivatives(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return () if parts[1] == 0 else (parts[0] / parts[1],)


# ----- powers, exponentials, functions

def _power_keep_exponent(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    n = evaluated(as_rule(step, Power).n)
    return (n * step.wrt**n,)


def _power_coefficient_dropped(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (step.wrt ** (evaluated(as_rule(step, Power).n) - 1),)


def _power_rule_on_exponential(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a = evaluated(step.a) if isinstance(step, ExpBase) else E
    return (step.wrt * a ** (step.wrt - 1),)


def _constant(value: Callable[[sympy.Symbol], Basic]) -> Variants:
    return lambda step, parts: (value(step.wrt),)


# ----- constants and constant factors

def _negative_factor(step: Step) -> bool:
    # −1, −2, −2y: a factor written with a minus sign (1 − y is not one)
    return bool(evaluated(as_rule(step, ConstantMultiple).c).as_coeff_Mul()[0].is_negative)


def _is_loss_negation(step: Step) -> bool:
    return step.path == "0" and evaluated(as_rule(step, ConstantMultiple).c) == S.NegativeOne and step.expr.has(sympy.log)


def _sign_dropped(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (-evaluated(as_rule(step, ConstantMultiple).c) * parts[0],)


def _factor_dropped(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _is_scale(step: Step) -> bool:
    c = evaluated(as_rule(step, ConstantMultiple).c)
    return bool(c.is_number and c not in (S.One, S.NegativeOne) and not c.is_negative)


def _constant_kept(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    value = evaluated(step.expr)
    return () if value == 0 else (value,)


def _is_function_of_a_number(step: Step) -> bool:
    return isinstance(step.expr, (sympy.Function, sympy.Pow)) and step.expr.is_number


def _constant_as_variable(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    # d/dx ln 2 taken as 1/2, d/dx π² as 2π: the constant's own argument treated as the variable
    expr = evaluated(step.expr)
    if not isinstance(expr, (sympy.Function, sympy.Pow)):
        return ()
    t = sympy.Dummy("t")
    argument, rest = expr.args[0], expr.args[1:]
    return (sympy.diff(expr.func(t, *rest), t).subs(t, argument),)


def _others(step: Step, expr: Basic) -> list[sympy.Symbol]:
    return sorted((s for s in expr.free_symbols if s != step.wrt), key=lambda s: s.name)


def _others_differentiated(step: Step, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    # every other variable treated as if it moved with x (d(other)/dx = 1)
    if step.rule == "held_constant":
        expr = evaluated(step.expr)
        return (sympy.Add(*(sympy.diff(expr, s) for s in _others(step, expr))),)
    multiple = as_rule(step, ConstantMultiple)
    c, u = evaluated(multiple.c), evaluated(multiple.u)
    dc = sympy.Add(*(sympy.diff(c, s) for s in _others(step, c)))
    return (c * parts[0] + u * dc,)


def _has_other_variables(step: Step) -> bool:
    expr = step.expr if step.rule == "held_constant" else as_rule(step, ConstantMultiple).c
    return bool(_others(step, expr))


STEP_BUGS: tuple[StepBug, ...] = (
    StepBug("chain_drop_inner", "Differentiates the outer function and forgets to multiply by the "
            "inner derivative (d/dx e^(−x) = e^(−x)).", frozenset({"chain"}), _chain_drop_inner,
            "You differentiated the outer function {outer} but did not multiply by {du}, the "
            "derivative of the inner function {u} = {inner}: chain rule.",
            "Chain rule: d/dx f(u) = f′(u)·du/dx. Here {u} = {inner}: find {du} and multiply by it."),
    StepBug("sigmoid_prime_as_one", "Stops at the derivative with respect to σ: takes dσ/dz = 1.",
            frozenset({"sigmoid"}), _constant(lambda x: S.One),
            "You stopped at the derivative with respect to σ: the derivative of {expr} is not 1 but "
            "σ·(1 − σ), and the chain rule needs it.",
            "Sigmoid rule: σ′(z) = σ(z)·(1 − σ(z)). Multiply by it where you differentiate σ."),
    StepBug("sigmoid_prime_as_sigmoid", "Takes σ′ = σ, as if σ were e^x.", frozenset({"sigmoid"}),
            _constant(sigmoid),
            "You took the derivative of {expr} to be {expr} itself; that is true of e^x, not of σ: "
            "sigmoid rule.",
            "Sigmoid rule: σ′(z) = σ(z)·(1 − σ(z)), not σ(z)."),
    StepBug("nll_sign_dropped", "Drops the minus sign of the negative log-likelihood (ascent instead "
            "of descent).", frozenset({"constant_multiple"}), _sign_dropped,
            "You dropped the minus sign in front of the log-likelihood: the loss is −(…), so its "
            "derivative keeps the minus (without it you would climb the loss instead of descending).",
            "Constant multiple rule: (−u)′ = −u′. Keep the minus sign of {expr}.",
            when=_is_loss_negation),
    StepBug("constant_sign_dropped", "Loses the minus sign of a constant factor in one term.",
            frozenset({"constant_multiple"}), _sign_dropped,
            "You lost the minus sign of the factor {c} in {expr}: constant multiple rule, "
            "(c·u)′ = c·u′ keeps the constant with its sign.",
            "Constant multiple rule: {d} ({expr}) = {c}·{d} ({u}): the sign stays.",
            when=lambda step: _negative_factor(step) and not _is_loss_negation(step)),
    StepBug("constant_factor_lost", "Drops a constant factor such as the ½ of the squared error or "
            "the 1/n of a mean.", frozenset({"constant_multiple"}), _factor_dropped,
            "You dropped the constant factor {c} of {expr}: constant multiple rule, the factor stays "
            "in the derivative.",
            "Constant multiple rule: (c·u)′ = c·u′. Here c = {c}: keep it.", when=_is_scale),
    StepBug("product_of_derivatives", "Takes (f·g)′ = f′·g′.", frozenset({"product"}),
            _product_of_derivatives,
            "You multiplied the derivatives of the factors of {expr}: the product rule is "
            "(f·g)′ = f′·g + f·g′, not f′·g′.",
            "Product rule: (f·g)′ = f′·g + f·g′. Here f = {f} and g = {g}."),
    StepBug("product_term_dropped", "Keeps only one of the product rule's terms.",
            frozenset({"product"}), _product_term_dropped,
            "You kept only part of the product rule for {expr}: (f·g)′ = f′·g + f·g′ has one term "
            "for each factor's derivative.",
            "Product rule: (f·g)′ = f′·g + f·g′. Here f = {f} and g = {g}: write both terms."),
    StepBug("quotient_numerator_reversed", "Writes the quotient rule's numerator as f·g′ − f′·g.",
            frozenset({"quotient"}), _quotient_reversed,
            "The numerator of the quotient rule for {expr} is the wrong way round: it is f′·g − f·g′ "
            "(derivative of the top first), so your answer has the opposite sign.",
            "Quotient rule: (f/g)′ = (f′·g − f·g′)/g². Here f = {f} and g = {g}."),
    StepBug("quotient_no_square", "Forgets to square the denominator in the quotient rule.",
            frozenset({"quotient"}), _quotient_no_square,
            "In the quotient rule for {expr} the denominator is g², here ({g})²; you divided by g once.",
            "Quotient rule: (f/g)′ = (f′·g − f·g′)/g². Here g = {g}: divide by its square."),
    StepBug("quotient_of_derivatives", "Takes (f/g)′ = f′/g′.", frozenset({"quotient"}),
            _quotient_of_derivatives,
            "You divided the derivative of the top of {expr} by the derivative of the bottom: that is "
            "not the quotient rule.",
            "Quotient rule: (f/g)′ = (f′·g − f·g′)/g². Here f = {f} and g = {g}."),
    StepBug("power_keep_exponent", "Brings the exponent down but does not lower it: n·xⁿ.",
            frozenset({"power"}), _power_keep_exponent,
            "You brought the exponent {n} down but did not lower it by one: power rule, "
            "d/dx xⁿ = n·xⁿ⁻¹.",
            "Power rule: d/dx xⁿ = n·xⁿ⁻¹. Here n = {n}: the new exponent is n − 1."),
    StepBug("power_coefficient_dropped", "Lowers the exponent but forgets the factor n.",
            frozenset({"power"}), _power_coefficient_dropped,
            "You lowered the exponent of {expr} but forgot to multiply by the old exponent {n}: "
            "power rule, d/dx xⁿ = n·xⁿ⁻¹.",
            "Power rule: d/dx xⁿ = n·xⁿ⁻¹. Here n = {n}: it comes down as a factor."),
    StepBug("power_rule_on_exponential", "Uses the power rule on an exponential: d/dx aˣ = x·aˣ⁻¹.",
            frozenset({"exp", "exp_base"}), _power_rule_on_exponential,
            "You used the power rule on {expr}, but there the variable is in the exponent: "
            "d/dx a^x = a^x·ln(a) (and d/dx e^x = e^x).",
            "Exponential rule: the base is constant and the exponent varies, so d/dx a^x = a^x·ln(a)."),
    StepBug("tanh_prime_sign", "Takes tanh′ = 1 + tanh².", frozenset({"tanh"}),
            _constant(lambda x: 1 + sympy.tanh(x)**2),
            "The derivative of tanh is 1 − tanh², with a minus: you wrote 1 + tanh².",
            "tanh′(x) = 1 − tanh²(x) (it is at most 1, since tanh is bounded)."),
    StepBug("trig_derivative_sign", "Gets the sign of the derivative of sin or cos wrong.",
            frozenset({"sin", "cos"}),
            lambda step, parts: (sympy.sin(step.wrt) if step.rule == "cos" else -sympy.cos(step.wrt),),
            "Check the sign: d/dx sin(x) = cos(x) and d/dx cos(x) = −sin(x).",
            "d/dx cos(x) = −sin(x) (cos decreases where sin is positive); d/dx sin(x) = cos(x)."),
    StepBug("relu_prime_as_relu", "Takes ReLU′ = ReLU.", frozenset({"relu"}), _constant(relu),
            "The derivative of ReLU is the step function H (1 for positive inputs, 0 otherwise), "
            "not ReLU itself.",
            "ReLU rule: ReLU′(x) = H(x): 1 for x > 0 and 0 for x ≤ 0 (0 at 0 by convention)."),
    StepBug("log_reciprocal_of_derivative", "Writes d ln g = 1/g′.", frozenset({"chain"}),
            _log_reciprocal,
            "You wrote the derivative of ln({inner}) as 1 over the derivative of {inner}; it is the "
            "derivative of {inner} divided by {inner} itself: chain rule, with d/du ln(u) = 1/u.",
            "d/dx ln(g) = g′/g. Here g = {inner}.", when=_outer_is_log),
    StepBug("chain_outer_at_variable", "Evaluates the outer derivative at x instead of at the inner "
            "function.", frozenset({"chain"}), _chain_outer_at_variable,
            "You evaluated the derivative of the outer function at {x} instead of at {u} = {inner}: "
            "chain rule, f′(u)·du/dx.",
            "Chain rule: after differentiating the outer function, put {u} = {inner} back in."),
    StepBug("constant_kept", "Keeps a constant term: d/dx (5x² + 3) = 10x + 3.",
            frozenset({"constant", "held_constant"}), _constant_kept,
            "The constant term {expr} does not change with {x}: its derivative is 0, so it "
            "disappears.",
            "The derivative of a constant is 0: {d} {expr} = 0."),
    StepBug("constant_treated_as_variable", "Differentiates a constant such as ln 2 or π² as if it "
            "were a function.", frozenset({"constant"}), _constant_as_variable,
            "{expr} is a number, a constant: its derivative is 0. You differentiated it as a function.",
            "{expr} does not depend on {x}, so {d} {expr} = 0.", when=_is_function_of_a_number),
    StepBug("partial_differentiates_other_var", "In a partial derivative, differentiates the other "
            "variables as if they changed too.", frozenset({"held_constant", "constant_multiple"}),
            _others_differentiated,
            "In the partial derivative {d}, the other variables are held constant: you also "
            "differentiated them in {expr}.",
            "Partial derivative: treat every variable other than {x} as a constant number.",
            when=_has_other_variables),
)

ANSWER_BUGS: tuple[AnswerBug, ...] = (
    AnswerBug("original_returned", "Returns the original expression.",
              "Your answer is the expression itself, not its derivative.",
              "Start from the outermost operation of {expr} and apply its rule."),
    AnswerBug("global_sign_error", "The whole answer has the wrong sign.",
              "Your answer has the opposite sign of the derivative: check each minus sign.",
              "Go through the steps once more and follow every minus sign."),
    AnswerBug("integrated_instead", "Integrates instead of differentiating.",
              "You integrated {expr} instead of differentiating it: your answer's derivative is "
              "{expr}.",
              "We want the derivative {d} ({expr}), not an antiderivative."),
    AnswerBug("constant_factor_off", "The answer is off by a constant factor.",
              "Your answer is a constant multiple of the derivative: check the constant factors (½, 1/n, "
              "a factor from the chain rule).",
              "Check each constant factor: constant multiples stay, and the chain rule multiplies "
              "by the inner derivative."),
)
