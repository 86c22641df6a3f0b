"""One hundred expressions a Math-for-ML course differentiates, as a learner or author types them.

Used by the step-engine tests (every one must derive without a "don't know" step and agree with
`sympy.diff`) and by `benchmarks/bench_steps.py` (timing). Each row is (text, variable).
"""
from __future__ import annotations

CORPUS: tuple[tuple[str, str], ...] = (
    # powers, sums, constant multiples
    ("5", "x"), ("x", "x"), ("x^2", "x"), ("x^3", "x"), ("3x^4 - 2x + 7", "x"), ("5x^2 + 3", "x"),
    ("x^(-2)", "x"), ("1/x", "x"), ("sqrt(x)", "x"), ("x^(3/2)", "x"), ("1/sqrt(x)", "x"),
    ("2/x^3", "x"), ("x^10 - x^5", "x"), ("-x", "x"), ("x/2", "x"), ("1/2 (x - 3)^2", "x"),
    ("(x + 1)/3", "x"), ("x + ln(2)", "x"), ("4 sqrt(x) - 3/x", "x"),
    # exponentials and logarithms
    ("e^x", "x"), ("e^(-x)", "x"), ("e^(3x + 1)", "x"), ("2^x", "x"), ("10^(2x)", "x"),
    ("ln(x)", "x"), ("ln(x^2 + 1)", "x"), ("log(x, 2)", "x"), ("log10(x)", "x"), ("ln(3x)", "x"),
    ("e^(x^2)", "x"), ("ln(1 + e^x)", "x"), ("x e^(-x)", "x"), ("e^x / x", "x"), ("ln(ln(x))", "x"),
    # trigonometric and hyperbolic
    ("sin(x)", "x"), ("cos(x)", "x"), ("tan(x)", "x"), ("sin(x^2)", "x"), ("cos(3x)^2", "x"),
    ("sin(x) cos(x)", "x"), ("tan(2x + 1)", "x"), ("arcsin(x)", "x"), ("arctan(x^2)", "x"),
    ("arccos(2x)", "x"), ("sinh(x)", "x"), ("cosh(2x)", "x"), ("tanh(x)", "x"), ("tanh(2x)", "x"),
    # products and quotients
    ("x^2 e^x", "x"), ("x ln(x)", "x"), ("x^2 sin(x)", "x"), ("sin(x)/x", "x"), ("x/(1 + x^2)", "x"),
    ("(x^2 + 1)/(x - 1)", "x"), ("e^x sin(x) cos(x)", "x"), ("ln(x)/x^2", "x"), ("x^3 cos(x)", "x"),
    ("(2x + 1)^5", "x"), ("(3x + 1)^5", "x"), ("sqrt(x^2 + 1)", "x"), ("1/(1 + x^2)", "x"),
    ("x^x", "x"), ("|x^2 - 1|", "x"), ("x sqrt(1 - x)", "x"),
    # the functions of machine learning
    ("σ(z)", "z"), ("sigmoid(x)", "x"), ("σ(w x + b)", "w"), ("σ(w x + b)", "b"),
    ("1/(1 + e^(-z))", "z"), ("1/(1 + e^(-(w x + b)))", "w"), ("e^z/(1 + e^z)", "z"),
    ("softplus(x)", "x"), ("softplus(2x - 1)", "x"), ("relu(x)", "x"), ("relu(3x - 2)", "x"),
    ("max(0, x)", "x"), ("tanh(w x + b)", "w"), ("σ(z)(1 - σ(z))", "z"), ("ln(σ(z))", "z"),
    ("ln(1 - σ(z))", "z"),
    # losses
    ("-(y ln(σ(z)) + (1 - y) ln(1 - σ(z)))", "z"), ("-(y ln(p) + (1 - y) ln(1 - p))", "p"),
    ("-(y ln(σ(w x + b)) + (1 - y) ln(1 - σ(w x + b)))", "w"), ("(w x + b - y)^2", "w"),
    ("(w x + b - y)^2", "b"), ("1/2 (w x - y)^2", "w"), ("(y - w x)^2", "w"), ("(p - y)^2", "p"),
    ("1/2 (σ(w x + b) - y)^2", "w"), ("ln(1 + e^(-y z))", "z"), ("(w_1 x_1 + w_2 x_2 + b - y)^2", "w_1"),
    # partial derivatives
    ("x y^2", "x"), ("x y^2", "y"), ("x^2 y + 3 x y^3", "y"), ("e^(x y)", "x"), ("sin(x y)", "y"),
    ("w^2 + λ w", "w"), ("θ^2 - 2θ + 1", "θ"), ("ln(x^2 + y^2)", "x"), ("x/y", "y"),
)

assert len(CORPUS) == 100, len(CORPUS)
