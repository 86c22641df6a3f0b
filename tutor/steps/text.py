"""Expressions written the way a teacher writes them: 2x·cos(x²), σ(z) − y, wx + b − y.

`to_text` prints plain unicode on one line (juxtaposed coefficients, ``·``
between other factors, superscript integer powers, √, e^x, ln, σ, a true minus
sign); `to_latex` prints LaTeX. Both order the terms of a sum as a teacher
would: highest degree first, numbers last, and never a leading minus when a
positive term can lead. Typed (unevaluated) structure is printed as it is.

>>> import sympy
>>> from tutor.functions import sigmoid
>>> x, y, z = sympy.symbols("x y z")
>>> to_text(2 * x * sympy.cos(x**2)), to_text(sigmoid(z) - y)
('2x·cos(x²)', 'σ(z) − y')
"""
from __future__ import annotations

from functools import lru_cache

import sympy
from sympy import Basic, S
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

from tutor import ops
from tutor.linalg.nodes import has_arrays
from tutor.parser.printer import to_latex as typed_latex
from tutor.parser.printer import to_text as typed_text
from tutor.parser.names import GREEK_LETTER

MINUS = "−"
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_FUNCTION_NAMES = {op.head.__name__: op.printers.unicode for op in ops.OPERATIONS}
# a solution prints the same expressions again and again (a node's goal for the rung picker, each
# ladder and the plan; a result as a rung and as the step below it): printing is kept per expression
_PRINTED = 4096


def to_text(expr: Basic) -> str:
    """`expr` as one line of teacher-style unicode.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> to_text((x * sympy.cos(x) - sympy.sin(x)) / x**2)
    '(x·cos(x) − sin(x))/x²'

    Declared matrices, vectors and sums over data are written as the learner types them:

    >>> X, w = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1)
    >>> to_text(2 * X * w)
    '2·X·w'
    """
    return _text(expr)


def forget_printed() -> None:
    """Empty what the printers keep (a benchmark that times a cold start calls it beside SymPy's
    `clear_cache`, so that no instance is printed faster for the ones before it).

    >>> forget_printed()
    """
    _text.cache_clear()
    _latex.cache_clear()


@lru_cache(maxsize=_PRINTED)
def _text(expr: Basic) -> str:
    if has_arrays(expr):
        return typed_text(expr)
    return _TextPrinter().doprint(expr)


def to_latex(expr: Basic) -> str:
    r"""`expr` as LaTeX, terms in teacher order.

    >>> import sympy
    >>> from tutor.functions import sigmoid
    >>> to_latex(sigmoid(sympy.Symbol("z")) - sympy.Symbol("y"))
    '\\sigma\\left(z\\right) - y'
    """
    return _latex(expr)


@lru_cache(maxsize=_PRINTED)
def _latex(expr: Basic) -> str:
    if has_arrays(expr):
        return typed_latex(expr)
    return _LatexPrinter().doprint(expr)


def symbol_text(name: str) -> str:
    """A symbol's name for display: Greek letters by name, numeric subscripts (x_1 → x₁).

    >>> symbol_text("theta_1"), symbol_text("u_12"), symbol_text("w")
    ('θ₁', 'u₁₂', 'w')
    """
    stem, sep, sub = name.partition("_")
    stem = GREEK_LETTER.get(stem, stem)
    if not sep:
        return stem
    return stem + (sub.translate(_SUBSCRIPTS) if sub.isdigit() else "_" + sub)


def ordered_terms(expr: Basic) -> list[Basic]:
    """The terms of a sum in teacher order (see the module docstring).

    >>> import sympy
    >>> b, w, x, y = sympy.symbols("b w x y")
    >>> ordered_terms(b + w * x - y)
    [w*x, b, -y]
    """
    degrees = [_degree(t) for t in expr.args]
    polynomial = max(degrees) > 0  # x² + 1 puts the number last; 1 + e^x keeps it first
    order = sorted(range(len(degrees)), key=lambda i: (polynomial and expr.args[i].is_number,
                                                       -degrees[i], _is_negative(expr.args[i])))
    terms = [expr.args[i] for i in order]
    if _is_negative(terms[0]):
        lead = next((i for i, t in enumerate(terms) if not _is_negative(t)), None)
        if lead is not None:
            terms.insert(0, terms.pop(lead))
    return terms


def _degree(term: Basic) -> int:
    degree = 0
    for factor in (term.args if isinstance(term, sympy.Mul) else (term,)):
        if factor.is_Symbol:
            degree += 1
        elif isinstance(factor, sympy.Pow) and factor.args[0].is_Symbol and factor.args[1].is_Integer:
            degree += max(0, int(factor.args[1]))
    return degree


def _is_negative(term: Basic) -> bool:
    return _split_sign(term)[0]


def _split_sign(term: Basic) -> tuple[bool, Basic]:
    """(True, −term) when `term` is written with a leading minus, else (False, term)."""
    if term.is_Number and term.is_negative:
        return True, -term
    if isinstance(term, sympy.Mul) and term.args and term.args[0].is_Number and term.args[0].is_negative:
        coefficient = -term.args[0]
        rest = term.args[1:] if coefficient == S.One else (coefficient, *term.args[1:])
        return True, rest[0] if len(rest) == 1 else sympy.Mul(*rest, evaluate=False)
    return False, term


def _symbol_like(expr: Basic) -> bool:
    if isinstance(expr, sympy.Pow) and expr.args[1].is_Integer and expr.args[1] > 0:
        expr = expr.args[0]
    return bool(expr.is_Symbol)


def _short_symbol(expr: Basic) -> bool:
    if isinstance(expr, sympy.Pow):
        expr = expr.args[0]
    return len(symbol_text(expr.name)) == 1


def _factor_group(factor: Basic) -> int:
    # numbers, then variables and their powers, then everything else in the order given
    if factor.is_Number:
        return 0
    return 1 if _symbol_like(factor) else 2


def ordered_factors(factors: list[Basic]) -> list[Basic]:
    """The factors of a product in teacher order: numbers, then variables, then the rest in the
    order given, except that a function goes before a sum that contains it: σ(z)·(1 − σ(z)).

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> ordered_factors([sympy.cos(x), x, sympy.Integer(2)])
    [2, x, cos(x)]
    """
    ordered = sorted(factors, key=_factor_group)
    for i in range(len(ordered)):
        if isinstance(ordered[i], sympy.Add):
            later = next((j for j in range(i + 1, len(ordered))
                          if not isinstance(ordered[j], sympy.Add) and ordered[i].has(ordered[j])), None)
            if later is not None:
                ordered.insert(i, ordered.pop(later))
    return ordered


def _is_root(expr: Basic) -> bool:
    return isinstance(expr, sympy.Pow) and expr.args[1] == S.Half


def _bracketed_sum(expr: Basic) -> bool:
    """A sum, or a power of a sum: printed in brackets, so a coefficient can stand next to it."""
    return isinstance(expr, sympy.Add) or (isinstance(expr, sympy.Pow) and isinstance(expr.args[0], sympy.Add))


class _TextPrinter(StrPrinter):
    """StrPrinter with teacher-style unicode; see `to_text`."""

    def _print_Symbol(self, expr: Basic) -> str:
        return symbol_text(expr.name)

    _print_Dummy = _print_Symbol

    def _print_Integer(self, expr: Basic) -> str:
        return (MINUS + str(-expr.p)) if expr.p < 0 else str(expr.p)

    def _print_Rational(self, expr: Basic) -> str:
        sign = MINUS if expr.p < 0 else ""
        return f"{sign}{abs(expr.p)}/{expr.q}"

    def _print_Float(self, expr: Basic) -> str:
        return super()._print_Float(expr).replace("-", MINUS)

    def _print_Exp1(self, expr: Basic) -> str:
        return "e"

    def _print_Pi(self, expr: Basic) -> str:
        return "π"

    def _print_Infinity(self, expr: Basic) -> str:
        return "∞"

    def _print_ImaginaryUnit(self, expr: Basic) -> str:
        return "i"

    def _print_Add(self, expr: Basic, order: str | None = None) -> str:
        out = []
        for i, term in enumerate(ordered_terms(expr)):
            negative, body = _split_sign(term)
            text = self._print(body)
            if negative and isinstance(body, sympy.Add):
                text = f"({text})"
            sign = (MINUS if negative else "") if i == 0 else (f" {MINUS} " if negative else " + ")
            out.append(sign + text)
        return "".join(out)

    def _print_Mul(self, expr: Basic) -> str:
        negative, body = _split_sign(expr)
        if negative:
            inner = self._print(body)
            return MINUS + (f"({inner})" if isinstance(body, sympy.Add) else inner)
        above, below = [], []
        for factor in expr.args:
            if factor.is_Rational and not factor.is_Integer:
                above += [] if factor.p == 1 else [sympy.Integer(factor.p)]
                below.append(sympy.Integer(factor.q))
            elif (isinstance(factor, sympy.Pow) and factor.args[1].is_number
                  and factor.args[1].is_negative):
                exponent = -factor.args[1]
                below.append(factor.args[0] if exponent == S.One else sympy.Pow(factor.args[0], exponent))
            else:
                above.append(factor)
        above = [f for f in above if f != S.One]  # a typed 1/2·u is Mul(1, 2⁻¹, u)
        text = self._join(above) if above else "1"
        if not below:
            return text
        if len(above) == 1 and isinstance(above[0], sympy.Add):
            text = f"({text})"
        return f"{text}/{self._denominator(below)}"

    def _denominator(self, factors: list[Basic]) -> str:
        text = self._join(factors)
        single = len(factors) == 1 and not isinstance(factors[0], (sympy.Add, sympy.Mul))
        return text if single else f"({text})"

    def _join(self, factors: list[Basic]) -> str:
        factors = ordered_factors(factors)
        out = []
        for i, factor in enumerate(factors):
            text = self._print(factor)
            if isinstance(factor, sympy.Add) and len(factors) > 1:
                text = f"({text})"
            if i == 0:
                out.append(text)
            else:
                out.append(("" if self._juxtapose(factors[i - 1], factor) else "·") + text)
        return "".join(out)

    @staticmethod
    def _juxtapose(left: Basic, right: Basic) -> bool:
        if _stands_for_value(left) or _stands_for_value(right):
            return False  # 2·3, not 23, when a value stands in for a name
        if left.is_Number:
            return _symbol_like(right) or _bracketed_sum(right) or _is_root(right)
        if _symbol_like(left) and _short_symbol(left):
            return (_symbol_like(right) and _short_symbol(right)) or _bracketed_sum(right)
        return False

    def _print_Pow(self, expr: Basic, rational: bool = False) -> str:
        base, exponent = expr.args
        if base is S.Exp1:
            return self._exp(exponent)
        if exponent == S.Half:
            return "√" + self._wrapped(base, simple=_symbol_like(base) or base.is_Integer)
        if exponent.is_number and exponent.is_negative:
            positive = -exponent
            return "1/" + self._wrapped(base if positive == S.One else sympy.Pow(base, positive),
                                        simple=positive != S.One or not isinstance(base, sympy.Add))
        base_text = self._base(base)
        if exponent.is_Integer:
            return base_text + str(exponent).translate(_SUPERSCRIPTS)
        simple = exponent.is_Symbol or (exponent.is_Integer and exponent > 0)
        return f"{base_text}^{self._wrapped(exponent, simple)}"

    def _base(self, base: Basic) -> str:
        simple = base.is_Symbol or (base.is_Integer and base >= 0) or isinstance(base, sympy.Function)
        return self._wrapped(base, simple or base is S.Exp1 or base is S.Pi)

    def _wrapped(self, expr: Basic, simple: bool) -> str:
        text = self._print(expr)
        return text if simple else f"({text})"

    def _exp(self, exponent: Basic) -> str:
        simple = exponent.is_Symbol or (exponent.is_Integer and exponent > 0)
        return "e^" + self._wrapped(exponent, simple)

    def _print_exp(self, expr: Basic) -> str:
        return self._exp(expr.args[0])

    def _print_Abs(self, expr: Basic) -> str:
        return f"|{self._print(expr.args[0])}|"

    def _print_log(self, expr: Basic) -> str:
        if len(expr.args) == 2:
            base = expr.args[1]
            sub = str(base.p).translate(_SUBSCRIPTS) if base.is_Integer and base > 0 else None
            name = f"log{sub}" if sub else f"log_{self._wrapped(base, base.is_Symbol)}"
            return f"{name}({self._print(expr.args[0])})"
        return f"ln({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr: Basic) -> str:
        return f"{_FUNCTION_NAMES['Heaviside']}({self._print(expr.args[0])})"  # H(0) is not shown

    def _print_Function(self, expr: Basic) -> str:
        name = _FUNCTION_NAMES.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({', '.join(self._print(arg) for arg in expr.args)})"

    _print_Max = _print_Min = _print_Function

    def _print_Derivative(self, expr: Basic) -> str:
        variables = "".join(f"d{self._print(v)}" for v in expr.variables)
        return f"d/{variables} {self._wrapped(expr.expr, isinstance(expr.expr, sympy.Function))}"


class _LatexPrinter(LatexPrinter):
    """LaTeX with teacher-ordered sums, ln and H for the step function; see `to_latex`."""

    # not "_latex": the ML functions' own _latex methods do not take the `exp` of a power (σ(z)²)
    printmethod = "_tutor_latex"

    def __init__(self) -> None:
        super().__init__({"ln_notation": True})

    def _named(self, name: str, expr: Basic, exp: str | None) -> str:
        text = r"%s\left(%s\right)" % (name, self._print(expr.args[0]))
        return text if exp is None else f"{text}^{{{exp}}}"

    def _print_Function(self, expr: Basic, exp: str | None = None) -> str:
        op = ops.by_class(type(expr))
        if op is not None and op.printers.latex_own:
            return self._named(op.printers.latex, expr, exp)
        return super()._print_Function(expr, exp)

    def _as_ordered_terms(self, expr: Basic, order: str | None = None) -> list[Basic]:
        return ordered_terms(expr)

    _print_Heaviside = _print_Function  # SymPy's own would print θ

    def _print_atan2(self, expr: Basic, exp: str | None = None) -> str:
        # SymPy prints atan2 as atan with a subscript 2, which reads back as a name: print it by name
        op = ops.by_class(type(expr))
        assert op is not None
        name = op.printers.latex
        text = r"%s\left(%s, %s\right)" % (name, self._print(expr.args[0]), self._print(expr.args[1]))
        return text if exp is None else f"{text}^{{{exp}}}"

    def _print_log(self, expr: Basic, exp: str | None = None) -> str:
        if len(expr.args) == 1:
            return super()._print_log(expr, exp)
        text = r"\log_{%s}\left(%s\right)" % (self._print(expr.args[1]), self._print(expr.args[0]))
        return text if exp is None else f"{text}^{{{exp}}}"

    def _print_Mul(self, expr: Basic) -> str:
        # a typed 1/g is Mul(1, g⁻¹): print it without the factor 1
        factors = [f for f in expr.args if f != S.One]
        if len(factors) == len(expr.args) or not factors:
            return super()._print_Mul(expr)
        return self._print(factors[0] if len(factors) == 1 else sympy.Mul(*factors, evaluate=False))


def _stands_for_value(factor: Basic) -> bool:
    """A symbol named by a value ("3", "(−1/2)", "[1, 2]"): a formula with its values put in."""
    if isinstance(factor, sympy.Pow):
        factor = factor.base
    return isinstance(factor, sympy.Symbol) and not factor.name[:1].isalpha()
