"""Showing math: readable unicode for prompts, and our input language for answers a learner types.

Two printers over SymPy trees, and `tidy`, which puts parameter values into an author's
unevaluated formula and cleans it (``1·x`` → ``x``, ``+ 0`` dropped, numbers combined) while
keeping the author's structure (``3(x + 1)`` stays a product).

>>> import sympy

>>> x = sympy.Symbol("x")
>>> readable(3*x**2 - 2*x + 1)
'3x² − 2x + 1'
>>> input_text(3*x**2 - 2*x + 1)
'3*x^2 - 2*x + 1'
>>> a = sympy.Symbol("a")
>>> readable(tidy(sympy.Mul(a, sympy.Add(x, a, evaluate=False), evaluate=False), {a: sympy.Integer(-3)}))
'−3(x − 3)'
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import sympy
from mpmath.libmp import prec_to_dps, to_str
from sympy.core.function import AppliedUndef
from sympy.matrices import MatrixBase
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from tutor import ops
from tutor.functions import sigmoid

MINUS = "−"
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "lam": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Delta": "Δ", "Sigma": "Σ", "Phi": "Φ", "Omega": "Ω",
}


def ordered(expr: sympy.Basic) -> sympy.Basic:
    """Rebuild evaluated sums in the conventional printing order (x² before x before 1), unevaluated.

    >>> x = sympy.Symbol("x")
    >>> ordered(1 + x + x**2).args
    (x**2, x, 1)
    >>> ordered(sympy.ImmutableMatrix([x + 1]))[0].args
    (x, 1)
    """
    if isinstance(expr, MatrixBase):
        return sympy.ImmutableMatrix(expr.rows, expr.cols, [ordered(e) for e in expr])
    if not isinstance(expr, sympy.Basic) or expr.is_Atom or not expr.args:
        return expr
    if isinstance(expr, sympy.Add):
        return sympy.Add(*[ordered(t) for t in expr.as_ordered_terms()], evaluate=False)
    if isinstance(expr, (sympy.Mul, sympy.Pow)):
        return expr.func(*[ordered(a) for a in expr.args], evaluate=False)
    if isinstance(expr, sympy.Interval):
        return expr
    try:
        return expr.func(*[ordered(a) for a in expr.args])
    except (TypeError, ValueError):
        return expr


class _Printer(StrPrinter):
    """StrPrinter in the order terms were built, with our language's spellings."""

    def __init__(self) -> None:
        super().__init__({"order": "none"})

    def _print_Exp1(self, expr) -> str:
        return "e"

    def _print_Infinity(self, expr) -> str:
        return "inf"

    def _print_NegativeInfinity(self, expr) -> str:
        return "-inf"

    def _print_Pow(self, expr, rational=False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_exp(self, expr) -> str:
        return f"e^({self._print(expr.args[0])})"

    def _print_log(self, expr) -> str:
        return f"ln({self._print(expr.args[0])})" if len(expr.args) == 1 else \
            f"log({self._print(expr.args[0])}, {self._print(expr.args[1])})"

    def _print_Abs(self, expr) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Max(self, expr) -> str:
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr) -> str:
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_transpose_of(self, expr) -> str:
        return f"{self.parenthesize(expr.args[0], PRECEDENCE['Pow'], strict=True)}^T"

    def _print_MatrixBase(self, expr) -> str:
        if expr.cols == 1:
            return "[" + ", ".join(self._print(e) for e in expr) + "]"
        return "[" + ", ".join(
            "[" + ", ".join(self._print(e) for e in expr.row(i)) + "]" for i in range(expr.rows)) + "]"

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase

    # declared matrices and vectors (tutor.linalg): products by juxtaposition in the order built,
    # the registry's operations as it writes them (X^T, A^(−1), tr(A), ‖v‖)
    def _print_MatrixSymbol(self, expr) -> str:
        return expr.name

    def _print_MatMul(self, expr) -> str:
        coeff, factors = expr.as_coeff_matrices()
        parts = [self.parenthesize(f, PRECEDENCE["Mul"] + 1, strict=True) for f in factors]
        if coeff == -1:
            return "-" + " ".join(parts)
        if coeff != 1:
            shown = self._print(coeff)
            parts.insert(0, shown if coeff.is_Atom and not coeff.is_Rational or coeff.is_Integer else f"({shown})")
        return " ".join(parts)

    def _print_MatAdd(self, expr) -> str:
        def negative(term: sympy.Basic) -> bool:
            coeff = term.as_coeff_matrices()[0] if isinstance(term, sympy.MatMul) else sympy.S.One
            return bool(coeff.is_number and coeff < 0)

        out = ""
        # SymPy sorts the terms of a sum (−y + X w): the subtracted ones are written last (X w − y)
        for k, term in enumerate(sorted(expr.args, key=negative)):
            text = self._print(-term if negative(term) else term)
            out += (" - " if negative(term) else " + ") + text if k else ("-" + text if negative(term) else text)
        return out

    def _print_matrix_operation(self, expr) -> str:
        op = ops.matrix_by_class(type(expr))
        if op is None:
            return super()._print_Basic(expr)
        args = [self.parenthesize(a, PRECEDENCE["Pow"] + 1, strict=True) if op.written.postfix
                else self._print(a) for a in expr.args]
        return op.written.text.replace("−", "-").format(*args)

    _print_Transpose = _print_Inverse = _print_Trace = _print_Determinant = _print_matrix_operation
    _print_DiagMatrix = _print_Norm = _print_matrix_operation

    def _print_AsScalar(self, expr) -> str:
        return self._print(expr.arg)

    def _print_Identity(self, expr) -> str:
        return "I"

    # sums and products over declared data: sum(x_i (w x_i − y_i), i, 1, n), x_i for x[i]
    # (SymPy's Indexed prints itself, so the data are renamed before printing)
    def _print_Sum(self, expr) -> str:
        return self._big("sum", expr)

    def _print_Product(self, expr) -> str:
        return self._big("prod", expr)

    def _big(self, name: str, expr) -> str:
        index, low, high = expr.limits[0]
        body = expr.function.xreplace({d: sympy.Symbol(f"{d.base.label}_{d.indices[0]}")
                                       for d in expr.function.atoms(sympy.Indexed)})
        return f"{name}({self._print(body)}, {self._print(index)}, {self._print(low)}, {self._print(high)})"

    def _print_Relational(self, expr) -> str:
        op = {"==": "=", "!=": "!="}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_Interval(self, expr) -> str:
        left = "(" if expr.left_open else "["
        right = ")" if expr.right_open else "]"
        return f"{left}{self._print(expr.start)}, {self._print(expr.end)}{right}"

    def _print_Tuple(self, expr) -> str:
        return ", ".join(self._print(a) for a in expr.args)

    def _print_FiniteSet(self, expr) -> str:
        items = sorted(expr.args, key=sympy.default_sort_key)
        return "{" + ", ".join(self._print(a) for a in items) + "}"

    def _print_EmptySet(self, expr) -> str:
        return "{}"

    def _print_Symbol(self, expr) -> str:
        return expr.name

    def _print_Rational(self, expr) -> str:
        # a short terminating fraction reads better as a decimal (3/5 → 0.6; 1/3 stays), and
        # our language reads decimals exactly, so nothing is lost
        for places in range(1, 7):
            if (10**places) % expr.q == 0:
                digits = str(abs(expr.p) * (10**places // expr.q)).rjust(places + 1, "0")
                sign = "-" if expr.p < 0 else ""
                return f"{sign}{digits[:-places]}.{digits[-places:]}"
        return super()._print_Rational(expr)


_INPUT = _Printer()


def input_text(expr: sympy.Basic) -> str:
    """The value in our input language, as a learner could type it.

    >>> import sympy
    >>> input_text(sympy.ImmutableMatrix([[1, 2], [3, 4]])), input_text(sympy.exp(-sympy.Symbol("x")))
    ('[[1, 2], [3, 4]]', 'e^(-x)')
    """
    return _INPUT.doprint(ordered(expr))


class _Readable(_Printer):
    """Unicode for people: σ, superscripts, √, ·, −, Greek letters, vectors as (1, 2)."""

    def _print_Infinity(self, expr) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr) -> str:
        return "-∞"

    def _print_Pi(self, expr) -> str:
        return "π"

    def _print_Symbol(self, expr) -> str:
        base, sep, sub = expr.name.partition("_")
        base = _GREEK.get(base, base)
        sub = sub.strip("{}")
        if sub.isdigit():
            return base + sub.translate(_SUBSCRIPT)
        return base + (f"_{_GREEK.get(sub, sub)}" if sep else "")

    def _print_Pow(self, expr, rational=False) -> str:
        base, exp = expr.args
        if exp == sympy.S.Half:
            inner = self._print(base)
            return f"√{inner}" if base.is_Atom else f"√({inner})"
        if exp.is_Integer and 1 < int(exp) < 1000 and not isinstance(base, AppliedUndef):   # (1 − p)¹²
            return self.parenthesize(base, PRECEDENCE["Pow"], strict=True) + str(exp).translate(_SUPERSCRIPT)
        if base is sympy.E:
            return self._exp_text(exp)
        return super()._print_Pow(expr, rational)

    def _exp_text(self, exp: sympy.Basic) -> str:
        inner = self._print(exp)
        if exp.is_Integer and exp > 0:
            return "e" + inner.translate(_SUPERSCRIPT)
        return f"e^{inner}" if exp.is_Atom and not exp.is_negative else f"e^({inner})"

    def _print_exp(self, expr) -> str:
        return self._exp_text(expr.args[0])

    def _print_sigmoid(self, expr) -> str:
        return f"σ({self._print(expr.args[0])})"

    def _print_Abs(self, expr) -> str:
        return f"|{self._print(expr.args[0])}|"

    def _print_transpose_of(self, expr) -> str:
        return f"{self.parenthesize(expr.args[0], PRECEDENCE['Pow'], strict=True)}ᵀ"

    def _print_Float(self, expr) -> str:
        # at most 6 significant digits, never more than the value was given with
        whole = len(str(abs(int(expr)))) if expr.is_finite else 1
        digits = min(max(6, whole + 2), prec_to_dps(expr._prec))
        return to_str(expr._mpf_, digits, strip_zeros=True, min_fixed=-5, max_fixed=9)


    def _print_MatrixBase(self, expr) -> str:
        if expr.cols == 1:
            return "(" + ", ".join(self._print(e) for e in expr) + ")"
        return super()._print_MatrixBase(expr)

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase

    def _print_Relational(self, expr) -> str:
        op = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥"}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"


_READABLE = _Readable()
# a number times what follows: "3·x" → "3x", "2·(x + 1)" → "2(x + 1)"; not between two numbers
_COEFFICIENT = re.compile(r"(?<![\w.^/·])(\d+(?:\.\d+)?)\*(?=[^\d\W]|[(√|σ])")


def readable(expr: sympy.Basic, *, typed_order: bool = False) -> str:
    """Unicode math for people (prompts, hints, the answer shown after a try).

    `typed_order` keeps the order the terms were built in (an author's formula); otherwise
    sums are printed in the conventional order.

    >>> import sympy
    >>> z = sympy.Symbol("z")
    >>> readable(sigmoid(z) * (1 - sigmoid(z)))
    '(1 − σ(z))·σ(z)'
    >>> readable(sympy.exp(-z) / (1 + sympy.exp(-z))**2)
    'e^(−z)/(1 + e^(−z))²'
    """
    text = _READABLE.doprint(expr if typed_order else ordered(expr))
    text = _COEFFICIENT.sub(r"\1", text)
    return text.replace("*", "·").replace("-", MINUS)


def tidy(expr: sympy.Basic, env: Mapping[sympy.Symbol, sympy.Basic] | None = None) -> sympy.Basic:
    """Put values into an unevaluated formula and clean it without changing its structure.

    Drops ``+ 0`` and ``1·``, makes ``0·x`` vanish, joins numeric factors into one coefficient,
    simplifies ``x^1`` and evaluates purely numeric parts.

    >>> import sympy
    >>> a, b, x = sympy.symbols("a b x")
    >>> f = sympy.Add(sympy.Mul(a, x**2, evaluate=False), sympy.Mul(b, x, evaluate=False), evaluate=False)
    >>> readable(tidy(f, {a: sympy.Integer(1), b: sympy.Integer(-2)}), typed_order=True)
    'x² − 2x'
    """
    env = env or {}
    if isinstance(expr, sympy.Symbol):
        value = env.get(expr, expr)
        return value if value is expr else ordered(value)
    if isinstance(expr, MatrixBase):
        return sympy.ImmutableMatrix(expr.shape[0], expr.shape[1], [tidy(e, env) for e in expr])
    if not isinstance(expr, sympy.Basic) or expr.is_Atom or not expr.args:
        return expr
    args = [tidy(a, env) for a in expr.args]
    if isinstance(expr, sympy.Add):
        return _tidy_add(args)
    if isinstance(expr, sympy.Mul):
        return _tidy_mul(args)
    if isinstance(expr, sympy.Pow):
        return _tidy_pow(*args)
    if isinstance(expr, AppliedUndef):
        return expr.func(*args)
    try:
        return expr.func(*args)
    except (TypeError, ValueError):
        return expr


def _is_matrix(value: sympy.Basic) -> bool:
    return isinstance(value, MatrixBase)


def _tidy_add(args: list[sympy.Basic]) -> sympy.Basic:
    terms = [a for a in args if not (a.is_Number and a == 0)]
    if not terms:
        return sympy.Integer(0)
    if all(t.is_Number for t in terms):
        return sympy.Add(*terms)
    return terms[0] if len(terms) == 1 else sympy.Add(*terms, evaluate=False)


def _tidy_mul(args: list[sympy.Basic]) -> sympy.Basic:
    if any(_is_matrix(a) for a in args):
        return sympy.Mul(*args, evaluate=False)
    numbers = [a for a in args if a.is_Number]
    rest = [a for a in args if not a.is_Number]
    coefficient = sympy.Mul(*numbers) if numbers else sympy.Integer(1)
    if coefficient == 0 or not rest:
        return coefficient
    if coefficient == 1:
        return rest[0] if len(rest) == 1 else sympy.Mul(*rest, evaluate=False)
    if len(rest) == 1 and rest[0].is_Atom and not coefficient.is_Integer:
        return sympy.Mul(coefficient, rest[0])  # ⅔·x reads better as 2x/3
    return sympy.Mul(coefficient, *rest, evaluate=False)


def _tidy_pow(base: sympy.Basic, exp: sympy.Basic) -> sympy.Basic:
    if exp == 1:
        return base
    if exp == 0:
        return sympy.Integer(1)
    if base.is_Number and exp.is_Number and (not exp.is_Integer or abs(exp) < 100):
        return base ** exp
    return sympy.Pow(base, exp, evaluate=False)


