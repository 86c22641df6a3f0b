r"""The LaTeX reader's table: what LLMs and web math editors (MathLive, MathQuill) write, each
row with the same answer in the text language; and LaTeX that must be refused, with where.

READS rows are (latex, text): `parse(latex, format="latex")` must give exactly the value of
`parse(text)`. REFUSES rows are (latex, code, position of the caret).
"""
from __future__ import annotations

READS: list[tuple[str, str]] = [
    # fractions
    (r"\frac{1}{2}", "1/2"), (r"\dfrac{1}{2}", "1/2"), (r"\tfrac{1}{2}", "1/2"), (r"\cfrac{1}{2}", "1/2"),
    (r"\frac12", "1/2"), (r"\frac{x}{2}", "x/2"), (r"\frac{x+1}{x-1}", "(x+1)/(x-1)"),
    (r"\frac{1}{2}x", "x/2"), (r"\frac{1}{2} x^2", "x^2/2"), (r"\frac{\pi}{4}", "pi/4"),
    (r"\frac{-b}{2a}", "-b/(2a)"), (r"-\frac{1}{2}", "-1/2"), (r"\frac{1}{\frac{1}{x}}", "x"),
    (r"\frac{d}{2}", "d/2"), (r"\frac{e^{-z}}{(1+e^{-z})^2}", "e^(-z)/(1+e^(-z))^2"),
    (r"\frac{1}{1+e^{-x}}", "1/(1+e^(-x))"), (r"\frac{x^2-1}{x+1}", "(x^2-1)/(x+1)"),
    (r"\frac{2}{n} X", "2/n X"), (r"\frac {1} {2}", "1/2"), (r"\frac{a}{b}\cdot\frac{c}{d}", "a c/(b d)"),
    # powers and roots
    (r"x^2", "x^2"), (r"x^{2}", "x^2"), (r"x^{10}", "x^10"), (r"x^{-1}", "x^(-1)"), (r"e^{-x}", "e^(-x)"),
    (r"e^{x^2}", "e^(x^2)"), (r"2^{3^2}", "2^(3^2)"), (r"x^{1/2}", "x^(1/2)"), (r"x^{\frac{1}{2}}", "x^(1/2)"),
    (r"\sqrt{x}", "sqrt(x)"), (r"\sqrt x", "sqrt(x)"), (r"\sqrt{2}", "sqrt(2)"), (r"\sqrt{x^2+1}", "sqrt(x^2+1)"),
    (r"\sqrt[3]{x}", "x^(1/3)"), (r"\sqrt[n]{x}", "x^(1/n)"), (r"\sqrt[3]{8}", "2"), (r"2\sqrt{2}", "2 sqrt(2)"),
    (r"\frac{\sqrt{3}}{2}", "sqrt(3)/2"), (r"(x+1)^{2}", "(x+1)^2"), (r"{(x+1)}^2", "(x+1)^2"),
    (r"e^{i\pi}", "e^(i pi)"), (r"\mathrm{e}^{x}", "e^x"), (r"\exp(x)", "exp(x)"), (r"\exp\left(-x^2\right)", "exp(-x^2)"),
    # brackets and sizing
    (r"\left(x+1\right)", "x+1"), (r"\left( x + 1 \right)^2", "(x+1)^2"), (r"\left[x+1\right]", "x+1"),
    (r"\bigl(x+1\bigr)", "x+1"), (r"\Big(x\Big)", "x"), (r"\left\{1, 2\right\}", "{1, 2}"),
    (r"{x}", "x"), (r"{{x+1}}", "x+1"), (r"2\left(x+1\right)", "2(x+1)"), (r"\left(\frac{1}{2}\right)^{2}", "1/4"),
    # products
    (r"2 \cdot 3", "6"), (r"2\times 3", "6"), (r"a \cdot b", "a b"), (r"2\ast x", "2x"), (r"x\cdot y\cdot z", "x y z"),
    (r"2x", "2x"), (r"2\pi r", "2 pi r"), (r"xy", "x y"), (r"ab^2", "a b^2"), (r"3 \div 4", "3/4"),
    (r"\sigma(z)(1-\sigma(z))", "σ(z)(1-σ(z))"), (r"\sigma(z)\left(1-\sigma(z)\right)", "σ(z)(1-σ(z))"),
    (r"x\,y", "x y"), (r"x\;y", "x y"), (r"x~y", "x y"), (r"2\,x", "2x"), (r"x \quad", "x"),
    # functions with and without brackets
    (r"\sin x", "sin(x)"), (r"\sin(x)", "sin(x)"), (r"\sin\left(x\right)", "sin(x)"), (r"\sin{x}", "sin(x)"),
    (r"\cos 2x", "cos(2x)"), (r"\tan\theta", "tan(θ)"), (r"\sin^2 x", "sin(x)^2"), (r"\sin^{2}(x)", "sin(x)^2"),
    (r"\sin^2 x + \cos^2 x", "sin(x)^2 + cos(x)^2"), (r"\cos(x)^2", "cos(x)^2"), (r"\sin^{-1}(x)", "asin(x)"), (r"\arcsin x", "asin(x)"),
    (r"\arccos(x)", "acos(x)"), (r"\arctan(x)", "atan(x)"), (r"\sinh x", "sinh(x)"), (r"\cosh(x)", "cosh(x)"),
    (r"\tanh(x)", "tanh(x)"), (r"\coth(x)", "coth(x)"), (r"\sec x", "sec(x)"), (r"\csc x", "csc(x)"), (r"\cot x", "cot(x)"),
    (r"\operatorname{sech}(x)", "sech(x)"), (r"\operatorname{csch}(x)", "csch(x)"), (r"\operatorname{ReLU}(x)", "relu(x)"),
    (r"\operatorname{relu}(x-3)", "relu(x-3)"), (r"\operatorname{softplus}(x)", "softplus(x)"),
    (r"\operatorname{sign}(x)", "sign(x)"), (r"\operatorname{sgn}(x)", "sign(x)"), 
    (r"\operatorname{sigmoid}(z)", "σ(z)"), (r"\operatorname{arcsin}(x)", "asin(x)"), (r"\operatorname*{sech}(x)", "sech(x)"),
    (r"\ln x", "ln(x)"), (r"\ln(x)", "ln(x)"), (r"\ln\left(1+e^{x}\right)", "ln(1+e^x)"), (r"\log(x)", "ln(x)"),
    (r"\log x", "ln(x)"), (r"\log_{2} 8", "3"), (r"\log_2 8", "3"), (r"\log_{10}(100)", "2"), (r"\log_b x", "log(x, b)"),
    (r"\log_{2}(x+1)", "log(x+1, 2)"), (r"\max(x, 0)", "max(x, 0)"), (r"\min(a, b)", "min(a, b)"),
    (r"\binom{5}{2}", "10"), (r"\dbinom{n}{k}", "binomial(n, k)"), (r"\binom{n}{2}", "binomial(n, 2)"),
    (r"\lfloor x \rfloor", "floor(x)"), (r"\left\lfloor 2.5 \right\rfloor", "2"), (r"\lceil x\rceil", "ceil(x)"),
    (r"\left\lceil 2.5\right\rceil", "3"), (r"|x|", "|x|"), (r"\left|x-3\right|", "|x-3|"), (r"\lvert x\rvert", "|x|"),
    (r"\vert x \vert", "|x|"), (r"|x| + |y|", "|x| + |y|"), (r"\|x\|", "|x|"), (r"5!", "120"), (r"n!", "n!"),
    (r"\sin(x)\cos(x)", "sin(x)cos(x)"), (r"\sin x \cos x", "sin(x) cos(x)"), (r"sin(x)", "sin(x)"), (r"ln(x)", "ln(x)"),
    (r"\exp x", "exp(x)"), (r"f(x)", "f(x)"),
    # Greek letters, accents, fonts, symbols
    (r"\alpha", "α"), (r"\beta x", "β x"), (r"\theta_0 + \theta_1 x", "θ_0 + θ_1 x"), (r"\theta_{1}", "θ_1"),
    (r"\lambda", "λ"), (r"\mu + \sigma", "μ + σ"), (r"2\pi", "2 pi"), (r"\pi r^2", "pi r^2"), (r"\varepsilon", "ε"),
    (r"\phi", "ϕ"), (r"\varphi", "φ"), (r"\Sigma", "Σ"), (r"\Delta x", "Δ x"), (r"\hat{y}", "ŷ"), (r"\hat y - y", "ŷ - y"),
    (r"\bar{x}", "x̄"), (r"\overline{x}", "x̄"), (r"\mathbf{x}", "x"), (r"\boldsymbol{\beta}", "β"), (r"\vec{v}", "v"),
    (r"\mathrm{x}", "x"), (r"x_1 + x_2", "x_1 + x_2"), (r"x_{12}", "x_12"), (r"w_i", "w_i"), (r"\infty", "∞"),
    (r"-\infty", "-∞"), (r"\displaystyle \frac{1}{2}", "1/2"),
    # relations, equations, inequalities
    (r"x \le 3", "x <= 3"), (r"x \leq 3", "x <= 3"), (r"x \leqslant 3", "x <= 3"), (r"x\ge 0", "x >= 0"),
    (r"x \geq 0", "x >= 0"), (r"x \neq 2", "x != 2"), (r"x \ne 2", "x != 2"), (r"x < 3", "x < 3"), (r"x > 3", "x > 3"),
    (r"0 < x \le 1", "0 < x <= 1"), (r"x = 2", "x = 2"), (r"y = 2x + 1", "y = 2x + 1"), (r"x \lt 3", "x < 3"),
    (r"x = \frac{-b}{2a}", "x = -b/(2a)"), (r"x = 1 \text{ or } x = 2", "x = 1, x = 2"), (r"x=1\text{ and }y=2", "x = 1, y = 2"),
    # sets, intervals, lists, vectors, matrices
    (r"\{1, 2, 3\}", "{1, 2, 3}"), (r"\{ 0, 4 \}", "{0, 4}"), (r"\emptyset", "{}"), (r"\varnothing", "{}"),
    (r"[0, 1]", "[0, 1]"), (r"(0, 1)", "(0, 1)"), (r"(0, 1]", "(0, 1]"), (r"[0, 1)", "[0, 1)"), (r"[0, \infty)", "[0, ∞)"),
    (r"(-\infty, 2]", "(-∞, 2]"), (r"\left[0, 1\right)", "[0, 1)"), (r"\left(0, \frac{1}{2}\right]", "(0, 1/2]"),
    (r"1, 2", "1, 2"), (r"(1, 2, 3)", "(1, 2, 3)"),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", "[[1, 2], [3, 4]]"),
    (r"\begin{bmatrix}1&2\\3&4\end{bmatrix}", "[[1, 2], [3, 4]]"), (r"\begin{matrix}1&0\\0&1\end{matrix}", "[[1,0],[0,1]]"),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", "[1, 2]"), (r"\begin{bmatrix} x \\ y \\ z \end{bmatrix}", "[x, y, z]"),
    (r"\begin{pmatrix} \frac{1}{2} & 0 \\ 0 & 1 \end{pmatrix}", "[[1/2, 0], [0, 1]]"),
    (r"\begin{bmatrix}1&2\\3&4\\\end{bmatrix}", "[[1,2],[3,4]]"),
    (r"\begin{pmatrix}1 & 2\\3 & 4\end{pmatrix}^{-1}", "[[1, 2], [3, 4]]^(-1)"),
    (r"2\begin{pmatrix}1\\2\end{pmatrix}", "2[1, 2]"), (r"\left[1, 2\right]", "[1, 2]"),
    # numbers: percent, degrees, thousands, decimals
    (r"50\%", "50%"), (r"12.5\%", "12.5%"), (r"0.5", "0.5"), (r".5", ".5"), (r"1{,}000", "1000"), (r"1\,000", "1000"),
    (r"2{,}500{,}000", "2500000"), (r"1{,}000.5", "1000.5"), (r"30^\circ", "pi/6"), (r"90^{\circ}", "pi/2"),
    (r"45°", "pi/4"), (r"1.5\times 10^{3}", "1500"), (r"3 \times 10^{-2}", "0.03"), (r"-3", "-3"), (r"+3", "3"),
    # ± (two answers) and set operations
    (r"x = \pm 2", "x = 2, x = -2"), (r"\frac{1 \pm 3}{2}", "{2, -1}"), (r"(1 \pm \sqrt{5})/2", "{(1+sqrt(5))/2, (1-sqrt(5))/2}"),
    (r"182 \pm 7.35", "{174.65, 189.35}"), (r"\pm 1", "{1, -1}"), (r"\mp 1", "{-1, 1}"), (r"2 ± 1", "{1, 3}"),
    (r"[0,1) \cup [1,2)", "[0, 2)"), (r"\{1, 2\} \cup \{3\}", "{1, 2, 3}"), (r"\{1,2,3\} \setminus \{2\}", "{1, 3}"),
    (r"[0,2) \cap [1,3]", "[1, 2)"), (r"(0, 2) \cap [1, 3]", "[1, 2)"), (r"\{1, 2\} \cap \{2, 3\}", "{2}"),
    (r"\{1\} \cap \{2\}", "{}"),
    # units and words dropped
    (r"5\text{ cm}", "5"), (r"5 \text{ m/s}", "5"), (r"3\,\mathrm{kg}", "3"), (r"12\text{ apples}", "12"),
    (r"\$5", "5"), (r"10\mbox{ km}", "10"),
    # whole answers in delimiters (as LLMs write them)
    (r"$x^2$", "x^2"), (r"$$\frac{1}{2}$$", "1/2"), (r"\(x+1\)", "x+1"), (r"\[2x\]", "2x"), (r" $ 3 $ ", "3"),
    (r"\boxed{2x}", "2x"), (r"\displaystyle\boxed{\frac{3}{4}}", "3/4"),
    # machine-learning formulas
    (r"\sigma(z)\left(1 - \sigma(z)\right)", "σ(z)(1 - σ(z))"),
    (r"-\left[y\log(\hat{y}) + (1-y)\log(1-\hat{y})\right]", "-(y ln(ŷ) + (1-y) ln(1-ŷ))"),
    (r"\frac{1}{1+e^{-(w x + b)}}", "1/(1+e^(-(w x + b)))"), (r"\frac{\partial}{}", None),
    (r"\max(0, x)", "max(0, x)"), (r"\ln\left(1 + e^{x}\right)", "softplus(x)"),
    (r"\frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}", "1/sqrt(2 pi σ^2) e^(-(x-μ)^2/(2σ^2))"),
    (r"\frac{x - \mu}{\sigma}", "(x - μ)/σ"), (r"\mu \pm 1.96\frac{\sigma}{\sqrt{n}}", None),
    (r"\binom{n}{k} p^k (1-p)^{n-k}", "binomial(n, k) p^k (1-p)^(n-k)"),
    (r"\frac{P(B|A)P(A)}{P(B)}", None),
    (r"2(x-3)", "2(x-3)"), (r"\frac{2}{n}\left(w x - y\right)x", "2/n (w x - y) x"),
    (r"\frac{n!}{k!(n-k)!}", "n!/(k!(n-k)!)"), (r"\sum_{i=1}^{3} i", "6"), (r"\prod_{k=1}^{4} k", "24"),
    (r"\sum\limits_{i=1}^{3} i^2", "14"), (r"\sum_{k=0}^{n} k", "sum(k, k, 0, n)"),
]
READS = [(latex, text) for latex, text in READS if text is not None]

REFUSES: list[tuple[str, str, int]] = [
    (r"\frac{1}{2", "unclosed_bracket", 8), (r"x^{2", "unclosed_bracket", 2), (r"\frac{1}", "missing_operand", 8),
    (r"1 \pm 2 \pm 3 \pm 4", "plus_minus", 14), (r"x \pm 1, 2", "plus_minus", 2), (r"A \cup B", "set_operation", 0),
    (r"[0,1] \cup [2,3]", "set_operation", 0), (r"\{1\} \cap x", "set_operation", 11),
    (r"\int x\,dx", "latex", 0), (r"\lim_{x\to 0} x", "latex", 0), (r"\foo{x}", "latex", 0), (r"x \approx 2", "latex", 2),
    (r"x \in [0, 1]", "latex", 2), (r"\hat{xy}", "latex", 0), (r"2 + \cdot 3", "two_operators", 2), (r"\frac{}{2}", "empty_brackets", 5),
    (r"\left( x", "unclosed_bracket", 5), (r"x \right)", "unopened_bracket", 8), (r"$x", "bad_char", 0),
    (r"\sqrt{}", "empty_brackets", 5), (r"x^", "missing_operand", 1), (r"2 \\ 3", "unexpected", 2),
    (r"\log_{x+1} 2", "latex", 0), (r"\partial f", "latex", 0), (r"x \to 0", "latex", 2),
]
