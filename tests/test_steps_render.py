"""Putting derivations into words: teacher-style text, numbered steps, LaTeX, and `tutor steps`."""
from __future__ import annotations

import io
import subprocess
import sys

import sympy
import pytest
from sympy import Add, Mul, Pow, Rational, Symbol

from tutor.cli import main
from tutor.functions import relu, sigmoid
from tutor.steps import derivative_steps
from tutor.steps.text import symbol_text, to_latex, to_text

x, y, z, w, b = sympy.symbols("x y z w b")


@pytest.mark.parametrize("expr, text", [
    (2 * x * sympy.cos(x**2), "2x·cos(x²)"),
    (sigmoid(z) - y, "σ(z) − y"),
    (1 - sigmoid(z), "1 − σ(z)"),
    (sigmoid(z) * (1 - sigmoid(z)), "σ(z)·(1 − σ(z))"),
    (2 * x * (b + w * x - y), "2x(wx + b − y)"),
    (x**2 - 2 * x + 1, "x² − 2x + 1"),
    ((x * sympy.cos(x) - sympy.sin(x)) / x**2, "(x·cos(x) − sin(x))/x²"),
    (sympy.exp(-x), "e^(−x)"),
    (sympy.exp(x), "e^x"),
    (1 / (1 + sympy.exp(-z)), "1/(1 + e^(−z))"),
    (sympy.sqrt(x), "√x"),
    (1 / sympy.sqrt(x + 1), "1/√(x + 1)"),
    (x ** Rational(3, 2), "x^(3/2)"),
    (sympy.log(x), "ln(x)"),
    (sympy.log(x, 2, evaluate=False), "log₂(x)"),
    (sympy.Abs(x), "|x|"),
    (relu(x), "ReLU(x)"),
    (sympy.Heaviside(x, 0), "H(x)"),
    (sympy.Max(0, x), "max(0, x)"),
    (sympy.asin(x), "arcsin(x)"),
    (-x / 2, "−x/2"),
    (15 * (3 * x + 1)**4, "15(3x + 1)⁴"),
    (Symbol("theta_1") * Symbol("x_1"), "θ₁·x₁"),
    (sympy.pi**2, "π²"),
    (sympy.Derivative(sympy.floor(x), x), "d/dx floor(x)"),
    # typed structure is printed as typed
    (Mul(-1, Add(x, Mul(-1, y, evaluate=False), evaluate=False), evaluate=False), "−(x − y)"),
    (Mul(2, Pow(4, -1, evaluate=False), evaluate=False), "2/4"),
    (Mul(1, Pow(Add(1, x**2, evaluate=False), -1, evaluate=False), evaluate=False), "1/(x² + 1)"),
])
def test_teacher_style_text(expr, text):
    assert to_text(expr) == text


def test_symbol_names():
    assert symbol_text("u_1") == "u₁"
    assert symbol_text("lambda") == "λ"
    assert symbol_text("theta_j") == "θ_j"


def test_latex_orders_terms_like_the_text_and_handles_powers_of_ml_functions():
    assert to_latex(sigmoid(z) - y) == r"\sigma\left(z\right) - y"
    assert to_latex(sigmoid(z)**2) == r"\sigma\left(z\right)^{2}"
    assert to_latex(sympy.log(x, 2, evaluate=False)) == r"\log_{2}\left(x\right)"
    assert to_latex(sympy.Heaviside(x, 0)) == r"H\left(x\right)"


def test_render_numbers_the_steps_and_ends_with_the_answer():
    text = derivative_steps("sin(x^2)", "x").render()
    assert text.splitlines() == [
        "d/dx sin(x²)",
        "",
        "1. Chain rule. Let u₁ = x², so that sin(x²) = sin(u₁). Then d/dx sin(x²) = "
        "(d/du₁ sin(u₁))·du₁/dx.",
        "   1.1. Sine rule: d/du₁ sin(u₁) = cos(u₁)",
        "   1.2. Power rule: d/dx x² = 2x",
        "   So d/dx sin(x²) = 2x·cos(x²)",
        "",
        "Answer: d/dx sin(x²) = 2x·cos(x²)",
    ]


def test_render_states_the_relu_convention():
    assert "H(0) = 0" in derivative_steps("relu(x)", "x").render()


def test_latex_is_an_aligned_block_with_one_line_per_step():
    latex = derivative_steps("x^2 e^x", "x").latex()
    assert latex.startswith("\\begin{aligned}") and latex.endswith("\\end{aligned}")
    assert latex.count("\\\\") == 3                        # three steps and the answer
    assert "\\text{product rule}" in latex
    partial = derivative_steps("(w x + b)^2", "w").latex()
    assert "\\frac{\\partial}{\\partial w}" in partial and "\\frac{d}{d u_{1}}" in partial


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["steps", *argv], out=out), out.getvalue()


def test_cli_prints_the_derivation():
    code, out = run("x^2 sin(x)", "--wrt", "x")
    assert code == 0
    assert out.splitlines()[0] == "d/dx (x²·sin(x))"
    assert "Answer: d/dx (x²·sin(x)) = x²·cos(x) + 2x·sin(x)" in out


def test_cli_prints_the_hint_ladder_and_its_latex():
    code, out = run("-(y ln(σ(z)) + (1 - y) ln(1 - σ(z)))", "--wrt", "z", "--hints")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith(" 1. [orient]") and lines[-1].endswith("= σ(z) − y")
    code, out = run("sin(x)/x", "--wrt", "x", "--hints", "--latex")
    assert "LaTeX: \\left(\\frac{f}{g}\\right)'" in out


def test_cli_latex_and_macros():
    code, out = run("-(y ln(σ(z)) + (1 - y) ln(1 - σ(z)))", "--wrt", "z", "--macros", "--latex")
    assert code == 0 and "\\text{binary cross-entropy of a sigmoid}" in out


def test_cli_diagnoses_an_answer():
    code, out = run("x^2 sin(x)", "--wrt", "x", "--diagnose", "2x cos(x)")
    assert code == 1 and "product_of_derivatives" in out
    code, out = run("x^2 sin(x)", "--wrt", "x", "--diagnose", "2x sin(x) + x^2 cos(x)")
    assert code == 0 and "No known mistake" in out


def test_cli_exit_codes_for_unknown_steps_and_bad_input():
    code, out = run("floor(x)", "--wrt", "x")
    assert code == 3 and "do not know a rule" in out
    code, out = run("x^2 +", "--wrt", "x")
    assert code == 2 and "^" in out
    code, out = run("x^2", "--wrt", "2x")
    assert code == 2 and "not a variable name" in out


def test_importing_the_step_engine_is_light():
    code = ("import sys, tutor.steps; "
            "bad = [m for m in ('prompt_toolkit', 'tutor.repl', 'tutor.checker') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
