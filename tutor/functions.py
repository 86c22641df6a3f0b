r"""The machine-learning functions SymPy lacks: sigmoid (σ), ReLU and softplus.

Each is a SymPy `Function` that stays unevaluated for symbolic arguments (so a
learner's `σ(z)` is kept as written), knows its derivative, rewrites to
elementary functions with ``expr.rewrite(exp)``, and evaluates numerically at
any precision.

>>> import sympy
>>> z = sympy.Symbol("z")
>>> sigmoid(z).diff(z)
(1 - sigmoid(z))*sigmoid(z)
>>> sigmoid(z).rewrite(sympy.exp)
1/(1 + exp(-z))
>>> softplus(z).diff(z)
sigmoid(z)
>>> relu(-3), relu(sympy.Rational(1, 2))
(0, 1/2)
>>> print(sympy.latex(sigmoid(z) ** 2))
{\sigma\left(z\right)}^{2}

"""
from __future__ import annotations

import sympy
from sympy import Function, S, exp, log


class _UnaryML(Function):
    """What the ML functions share: one argument, real for real input, LaTeX by name, evalf by rewrite."""

    nargs = 1
    latex_name = ""

    def _eval_evalf(self, prec):
        return self.rewrite(self.evalf_form)._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_extended_real

    def _latex(self, printer, exp=None):
        return _with_power(r"%s\left(%s\right)" % (self.latex_name, printer._print(self.args[0])), exp)


def _sigmoid_value(cls, arg):
    """SymPy's evaluation hook: the value at special arguments, else None (stay unevaluated).
    Only a number is asked whether it is zero: asking a symbol costs SymPy's assumption system."""
    if arg.is_Number and arg.is_zero:
        return S.Half
    if arg is S.Infinity:
        return S.One
    if arg is S.NegativeInfinity:
        return S.Zero
    return None


class sigmoid(_UnaryML):  # noqa: N801 - SymPy names functions in lower case
    """The logistic sigmoid σ(x) = 1 / (1 + e^(−x))."""

    latex_name = r"\sigma"
    evalf_form = exp
    eval = classmethod(_sigmoid_value)  # SymPy's hook for automatic evaluation

    def fdiff(self, argindex=1):  # noqa: D102 - SymPy hook
        return self * (1 - self)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + exp(-arg))

    _eval_rewrite_as_tractable = _eval_rewrite_as_exp

    def _eval_is_positive(self):
        return self.args[0].is_extended_real

    def _pretty(self, printer):
        return printer._print_Function(self, func_name="σ")


def _softplus_value(cls, arg):
    """SymPy's evaluation hook: the value at special arguments, else None (stay unevaluated)."""
    if arg is S.NegativeInfinity:
        return S.Zero
    if arg is S.Infinity:
        return S.Infinity
    return None


class softplus(_UnaryML):  # noqa: N801
    """softplus(x) = ln(1 + e^x), the smooth ReLU; its derivative is σ(x)."""

    latex_name = r"\operatorname{softplus}"
    evalf_form = exp
    eval = classmethod(_softplus_value)  # SymPy's hook for automatic evaluation

    def fdiff(self, argindex=1):  # noqa: D102
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return log(1 + exp(arg))

    _eval_rewrite_as_log = _eval_rewrite_as_exp
    _eval_rewrite_as_tractable = _eval_rewrite_as_exp

    def _eval_is_positive(self):
        return self.args[0].is_extended_real


def _relu_value(cls, arg):
    """SymPy's evaluation hook: the value at special arguments, else None (stay unevaluated)."""
    if arg.is_extended_nonnegative:
        return arg if arg.is_number else None
    if arg.is_extended_negative:
        return S.Zero
    return None


class relu(_UnaryML):  # noqa: N801
    """ReLU(x) = max(0, x); its derivative uses the deep-learning convention 0 at 0."""

    latex_name = r"\operatorname{ReLU}"
    evalf_form = sympy.Max
    eval = classmethod(_relu_value)  # SymPy's hook for automatic evaluation

    def fdiff(self, argindex=1):  # noqa: D102
        return sympy.Heaviside(self.args[0], 0)

    def _eval_rewrite_as_Max(self, arg, **kwargs):
        return sympy.Max(0, arg)

    def _eval_rewrite_as_Piecewise(self, arg, **kwargs):
        return sympy.Piecewise((arg, arg > 0), (0, True))

    _eval_rewrite_as_tractable = _eval_rewrite_as_Max

    def _eval_is_nonnegative(self):
        return self.args[0].is_extended_real


class transpose_of(Function):  # noqa: N801
    """Aᵀ for a name A that is not a matrix literal: kept unevaluated, printed A^T."""

    nargs = 1

    def _latex(self, printer, exp=None):
        return _with_power(r"{%s}^{T}" % printer._print(self.args[0]), exp)


def _with_power(latex: str, exp: str | None) -> str:
    """SymPy's printer passes the exponent in when it prints f(x)**n."""
    return latex if exp is None else r"{%s}^{%s}" % (latex, exp)


ML_FUNCTIONS: dict[str, type[Function]] = {
    "sigmoid": sigmoid,
    "softplus": softplus,
    "relu": relu,
}
