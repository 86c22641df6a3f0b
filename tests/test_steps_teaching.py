"""Teaching order: the step trees and hint ladders of the course's pinned examples, and the ladder's
general properties (orient → rule → instantiate → bottom-out per step; the answer only at the end).
"""
from __future__ import annotations

import pytest

from steps_corpus import CORPUS
from tutor.steps import HintLevel, derivative_steps
from tutor.steps.text import to_text

LOSS = "-(y ln(σ(z)) + (1 - y) ln(1 - σ(z)))"
LEVEL_ORDER = [HintLevel.ORIENT, HintLevel.RULE, HintLevel.INSTANTIATE, HintLevel.BOTTOM_OUT]


def tree(text: str, wrt: str) -> list[tuple[str, str]]:
    """(path, rule) of every step, parents first."""
    return [(s.path, s.rule) for s in derivative_steps(text, wrt).steps.walk()]


def ladder(text: str, wrt: str) -> list[tuple[str, str, str]]:
    """(level, path, text) of every hint."""
    return [(h.level.value, h.step, h.text) for h in derivative_steps(text, wrt).detailed_hints()]


def first(hints, predicate) -> int:
    return next(i for i, h in enumerate(hints) if predicate(h))


# ----- the logistic loss


def test_logistic_loss_tree_in_teaching_order():
    assert tree(LOSS, "z") == [
        ("0", "constant_multiple"),            # the minus sign of the negative log-likelihood
        ("0.0", "sum"),
        ("0.0.0", "constant_multiple"),        # y · ln σ(z)
        ("0.0.0.0", "chain"),                  # ln σ(z): u₁ = σ(z)
        ("0.0.0.0.0", "log"),
        ("0.0.0.0.1", "sigmoid"),
        ("0.0.1", "constant_multiple"),        # (1 − y) · ln(1 − σ(z))
        ("0.0.1.0", "chain"),                  # u₂ = 1 − σ(z)
        ("0.0.1.0.0", "log"),
        ("0.0.1.0.1", "sum"),
        ("0.0.1.0.1.0", "constant"),
        ("0.0.1.0.1.1", "constant_multiple"),
        ("0.0.1.0.1.1.0", "sigmoid"),
    ]


def test_logistic_loss_ladder_starts_at_the_negation_names_the_chain_rule_uses_sigma_prime_ends_at_answer():
    hints = ladder(LOSS, "z")
    assert hints[0][:2] == ("orient", "0") and "outermost operation" in hints[0][2]
    assert hints[1][:2] == ("rule", "0") and hints[1][2].startswith("Constant multiple rule")
    assert "minus sign" in hints[2][2]                                       # the negation, instantiated
    assert ("orient", "0.0") == hints[3][:2] and hints[4][2].startswith("Sum rule")
    chain = first(hints, lambda h: h[0] == "rule" and h[1] == "0.0.0.0")
    assert hints[chain][2].startswith("Chain rule")
    assert "u₁ = σ(z)" in hints[chain + 1][2] and "ln(u₁)" in hints[chain + 1][2]
    sigma_rule = first(hints, lambda h: h[0] == "rule" and h[1] == "0.0.0.0.1")
    assert "σ(x)·(1 − σ(x))" in hints[sigma_rule][2] and sigma_rule > chain
    assert hints[-1][:2] == ("bottom_out", "0")
    assert hints[-1][2].endswith("= σ(z) − y")
    assert not any("σ(z) − y" in text for _, _, text in hints[:-1])


# ----- the squared loss, in w and in b


def test_squared_loss_in_w():
    assert tree("(w x + b - y)^2", "w") == [
        ("0", "chain"), ("0.0", "power"), ("0.1", "sum"), ("0.1.0", "constant_multiple"),
        ("0.1.0.0", "identity"), ("0.1.1", "held_constant"), ("0.1.2", "held_constant")]
    hints = ladder("(w x + b - y)^2", "w")
    assert [h[0] for h in hints[:3]] == ["orient", "rule", "instantiate"]
    assert "Chain rule" in hints[1][2] and "u₁ = wx + b − y" in hints[2][2]
    assert "Power rule" in hints[3][2]
    held = [h for h in hints if h[1] in ("0.1.1", "0.1.2")]
    assert [h[0] for h in held] == ["bottom_out", "bottom_out"]
    assert all("held constant" in h[2] for h in held)
    assert hints[-1][2].endswith("= 2x(wx + b − y)")


def test_squared_loss_in_b():
    assert tree("(w x + b - y)^2", "b") == [
        ("0", "chain"), ("0.0", "power"), ("0.1", "sum"), ("0.1.0", "held_constant"),
        ("0.1.1", "identity"), ("0.1.2", "held_constant")]
    hints = ladder("(w x + b - y)^2", "b")
    assert hints[-1][2].endswith("= 2(wx + b − y)")
    assert "∂/∂b" in hints[0][2]


# ----- σ(wx + b), x² eˣ, sin(x)/x


def test_sigmoid_of_a_linear_function():
    assert tree("σ(w x + b)", "w") == [
        ("0", "chain"), ("0.0", "sigmoid"), ("0.1", "sum"), ("0.1.0", "constant_multiple"),
        ("0.1.0.0", "identity"), ("0.1.1", "held_constant")]
    hints = ladder("σ(w x + b)", "w")
    assert "u₁ = wx + b" in hints[2][2]
    assert hints[3][:2] == ("rule", "0.0") and "σ(x)·(1 − σ(x))" in hints[3][2]
    assert hints[-1][2].endswith("= x·σ(wx + b)·(1 − σ(wx + b))")


def test_x_squared_times_e_to_the_x():
    assert tree("x^2 e^x", "x") == [("0", "product"), ("0.0", "power"), ("0.1", "exp")]
    hints = ladder("x^2 e^x", "x")
    assert [h[:2] for h in hints] == [
        ("orient", "0"), ("rule", "0"), ("instantiate", "0"),
        ("rule", "0.0"), ("instantiate", "0.0"), ("bottom_out", "0.0"),
        ("rule", "0.1"), ("bottom_out", "0.1"),
        ("bottom_out", "0")]
    assert "f = x², g = e^x" in hints[2][2]
    assert hints[5][2] == "d/dx x² = 2x" and hints[7][2] == "d/dx e^x = e^x"
    assert hints[-1][2] == "d/dx (x²·e^x) = x²·e^x + 2x·e^x = x(x + 2)·e^x"


def test_sin_x_over_x_is_taught_with_the_quotient_rule():
    assert tree("sin(x)/x", "x") == [("0", "quotient"), ("0.0", "sin"), ("0.1", "identity")]
    hints = ladder("sin(x)/x", "x")
    assert hints[1][2] == "Quotient rule: (f/g)′ = (f′·g − f·g′)/g²."
    assert "f = sin(x) (numerator) and g = x (denominator)" in hints[2][2]
    assert hints[-1][2] == "d/dx (sin(x)/x) = (x·cos(x) − sin(x))/x²"


# ----- properties of every ladder


@pytest.mark.parametrize("text, wrt", CORPUS, ids=[f"{t} d{v}" for t, v in CORPUS])
def test_every_ladder_goes_from_orient_to_the_answer_in_order(text, wrt):
    derivation = derivative_steps(text, wrt)
    hints = derivation.detailed_hints()
    if derivation.steps.children:
        assert hints[0].level == HintLevel.ORIENT and hints[0].step == "0"
    assert hints[-1].level == HintLevel.BOTTOM_OUT and hints[-1].step == "0"
    # within a step the levels rise; a step's children are hinted after its instantiation and
    # before its result
    for step in derivation.steps.walk():
        own = [i for i, h in enumerate(hints) if h.step == step.path]
        levels = [LEVEL_ORDER.index(hints[i].level) for i in own]
        assert levels == sorted(levels), step.path
        inside = [i for i, h in enumerate(hints) if h.step.startswith(step.path + ".")]
        before = [i for i in own if hints[i].level != HintLevel.BOTTOM_OUT]
        after = [i for i in own if hints[i].level == HintLevel.BOTTOM_OUT]
        if inside and before:
            assert max(before) < min(inside)
        if inside and after:
            assert max(inside) < min(after)


@pytest.mark.parametrize("text, wrt", CORPUS, ids=[f"{t} d{v}" for t, v in CORPUS])
def test_no_hint_before_the_last_shows_the_final_answer(text, wrt):
    derivation = derivative_steps(text, wrt)
    answer = to_text(derivation.result)
    hints = derivation.detailed_hints()
    assert hints[-1].text.endswith(f"= {answer}")
    for hint in hints[:-1]:
        assert not hint.text.endswith(f"= {answer}"), hint
        if hint.level == HintLevel.BOTTOM_OUT and len(answer) > 3:
            assert f"= {answer} " not in hint.text + " ", hint


def test_rule_hints_carry_latex_and_bottom_outs_carry_the_equation():
    hints = derivative_steps("sin(x^2)", "x").detailed_hints()
    rule = next(h for h in hints if h.level == HintLevel.RULE)
    assert rule.latex == r"\frac{d}{dx} f(u) = f'(u)\,\frac{du}{dx}"
    assert hints[-1].latex.startswith(r"\frac{d}{d x}\left(\sin{\left(x^{2} \right)}\right) = ")
    assert all(h.latex is None for h in hints if h.level in (HintLevel.ORIENT, HintLevel.INSTANTIATE))


def test_a_trivial_derivative_has_a_one_rung_ladder():
    hints = derivative_steps("5", "x").detailed_hints()
    assert [(h.level, h.step) for h in hints] == [(HintLevel.BOTTOM_OUT, "0")]
    assert "constant" in hints[0].text


def test_a_relu_ladder_states_the_convention():
    texts = [h.text for h in derivative_steps("relu(3x - 2)", "x").detailed_hints()]
    assert any("convention" in t for t in texts)
