"""Typical learner answers in Math-for-ML courses, shared by the benchmarks."""
from __future__ import annotations

BASE = [
    "e^(-z)/(1+e^(-z))^2", "σ(z)(1-σ(z))", "sigmoid(z)*(1 - sigmoid(z))", "σ(z) - y",
    "-(y ln σ(z) + (1 - y) ln(1 - σ(z)))", "2(w x + b - y) x", "2(wx+b-y)", "2x cos(x^2)",
    "x^2 e^x + 2x e^x", "(x cos x - sin x)/x^2", "1/(1+e^(-x))", "ln(1 + e^x)", "1 - tanh^2(x)",
    "2(1 - tanh(2x)^2)", "3x^2 - 4x + 1", "(x+1)(x-1)", "x^2 - 1", "1/2x", "0.7", "70%", "1e-3",
    "2/3", "sqrt(2)/2", "pi/4", "[1, 2, 3]", "[[1,2],[3,4]]", "[1 2; 3 4]", "[[2, 0], [0, 3]]",
    "(0, 1]", "[0, inf)", "{1, 2}", "1, -2", "y = 2x + 1", "0 < x < 1", "x <= 5", "|x - 1|",
    "relu(x)", "softplus(x)", "log(x, 2)", "x_1 + x_2", "θ_0 + θ_1 x", "w^T x + b", "A^T",
    "exp(-x^2/2)/sqrt(2 pi)", "n!/(k!(n-k)!)", "binomial(10, 3) 0.5^10", "0.3*0.9/(0.3*0.9+0.7*0.2)",
    "sin x cos x", "sin^2(x) + cos^2(x)", "e^x(x+1)", "2xy + y^2", "x^3/3 + C", "-sin(x)",
    "1/(x ln 2)", "(2x+1)^5", "10(2x+1)^4", "-2/(x^3)", "3.5", "-4", "12", "1/6", "7/2",
    "[0.5, -0.5]", "[[1, 0], [0, 1]]", "[[2, 1], [1, 2]]", "[1, -1]", "x_1 x_2", "-2",
    "λ^2 - 4λ + 3", "(λ - 3)(λ - 1)", "{1, 3}", "3, 1", "2/13", "0.154", "18/19", "0.009",
    "μ = 3.5", "35/12", "k/n", "(x_1 + x_2)/2", "1/n", "p^k (1-p)^(n-k)",
]
VARIANTS = ["x", "t", "u", "v", "s"]


def typical_answers() -> list[str]:
    """At least 200 answers: the base list, and each rewritten with other variable names."""
    out = list(BASE)
    for var in VARIANTS[1:]:
        out += [a.replace("x", var) for a in BASE if "x" in a and "exp" not in a]
    return out
