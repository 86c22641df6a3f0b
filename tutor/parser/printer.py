"""How a parsed answer is shown back: plain text with explicit `·` and brackets, and LaTeX.

The text printer walks the unevaluated tree in the order it was typed, so a learner sees exactly
how the answer was read (``1/2x`` shows as ``1/2·x``, ``sin 2x`` as ``sin(2·x)``).

>>> import sympy
>>> x = sympy.Symbol("x")
>>> to_text(sympy.Mul(2, sympy.Add(x, 1, evaluate=False), evaluate=False))
'2·(x + 1)'
>>> to_text(sympy.Pow(sympy.E, -x, evaluate=False))
'e^(−x)'
"""
from __future__ import annotations

import sympy
from sympy.core.relational import Relational

from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter
from sympy.printing.precedence import PRECEDENCE

from sympy.matrices.expressions import MatrixExpr

from tutor import functions as ml
from tutor import ops
from tutor.linalg import nodes as la
from tutor.parser.names import GREEK_LETTER
from tutor.parser.computed import Computed

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_REL = {"==": "=", "<": "<", "<=": "≤", ">": ">", ">=": "≥", "!=": "≠"}
_FUNC_NAMES = {op.head.__name__: op.printers.text for op in ops.OPERATIONS}
# a product and a 1×1 product used as a number are printed as what they multiply, not as an operation
_NOT_WRITTEN_BY_REGISTRY = (sympy.MatMul, la.AsScalar)
MINUS = "−"

# precedence levels: higher binds tighter
ADD, NEG, MUL, POW, ATOM = 10, 15, 20, 30, 40


_LATEX_REL = {"<=": r"\le", ">=": r"\ge", "!=": r"\neq", "==": "="}


def _negative_product(m: sympy.MatMul) -> bool:
    """Whether a matrix product leads with a negative number (−2 Xᵀy). SymPy asks the product whether
    it could extract a minus sign instead, which negates and evaluates the whole product: a few
    milliseconds for each product in a hint ladder. The leading number says the same.

    >>> X = sympy.MatrixSymbol("X", 2, 2)
    >>> _negative_product(sympy.MatMul(-2, X, X, evaluate=False)), _negative_product(sympy.MatMul(X, X))
    (True, False)
    """
    first = m.args[0]
    return bool(first.is_Number and first.is_negative)


class _TypedLatex(LatexPrinter):
    """SymPy's LaTeX printer, but products and quotients are shown in the order they were typed."""

    def parenthesize(self, item, level, is_neg=False, strict=False) -> str:
        if isinstance(item, sympy.MatMul) and not (is_neg and strict):
            prec = PRECEDENCE["Add"] if _negative_product(item) else PRECEDENCE["Mul"]
            text = self._print(item)
            return self._add_parens(text) if prec < level or (not strict and prec <= level) else text
        return super().parenthesize(item, level, is_neg, strict)

    def _print_FiniteSet(self, expr):
        # in the set's own order, as the text printer does: SymPy's sorts the elements by value, which
        # computes a number too large to compute (182 + 7.0^(10^(10^6))·π) for ever
        return r"\left\{%s\right\}" % ", ".join(self._print(a) for a in expr.args)

    def _print_MatMul(self, expr):
        # SymPy's, with the sign read from the leading number (see `_negative_product`)
        negative = _negative_product(expr)
        level = PRECEDENCE["Add"] if negative else PRECEDENCE["Mul"]
        args = list(expr.args)

        def parens(x):
            if isinstance(x, sympy.Mul) and not isinstance(x, sympy.MatMul):
                return self._print(x)
            return self.parenthesize(x, level, False)

        if negative:
            if args[0] == -1:
                args = args[1:]
            else:
                args[0] = -args[0]
            return "- " + " ".join(map(parens, args))
        return " ".join(map(parens, args))

    def _print_Computed(self, expr):
        # a matrix computed from literal matrices is shown as typed, never as its value
        return self._print(expr.typed) if expr.typed is not None else self._print_MatrixBase(expr)

    def _print_matrix_operation(self, expr, exp=None):
        # det, tr, diag (and the others) as the registry writes them: SymPy prints det(A) as |A|,
        # which reads back as an absolute value, and diag(v) as DiagMatrix
        op = ops.matrix_by_class(type(expr))
        if op is None:      # a subclass the registry does not know: SymPy's generic way
            return self._print_Basic(expr)
        args = [self.parenthesize(a, PRECEDENCE["Pow"]) if op.written.postfix else self._print(a)
                for a in expr.args]
        text = op.written.latex.format(*args)
        return text if exp is None else rf"\left({text}\right)^{{{exp}}}"

    _print_Determinant = _print_Trace = _print_DiagMatrix = _print_matrix_operation

    def _print_HadamardProduct(self, expr):
        # ⊙ as the reader takes it (SymPy writes \circ)
        return r" \odot ".join(self.parenthesize(a, PRECEDENCE["Mul"] + 1) for a in expr.args)

    def _print_OneMatrix(self, expr):
        # 𝟏 − y as typed: SymPy's \mathbb{1} is no part of what the LaTeX reader takes
        return "1"

    def _print_atan2(self, expr, exp=None):
        # SymPy prints atan2 as atan with a subscript 2, which reads back as a name: print it by name
        op = ops.by_class(type(expr))
        if op is None:      # a subclass of atan2 the registry does not know: SymPy's own way
            return self._print_Function(expr, exp)
        name = op.printers.latex
        text = r"%s\left(%s, %s\right)" % (name, self._print(expr.args[0]), self._print(expr.args[1]))
        return text if exp is None else f"{text}^{{{exp}}}"

    def _print_log(self, expr, exp=None):
        # log(x, b) typed with a base keeps it (SymPy's printer drops the second argument)
        if len(expr.args) == 2:
            tex = rf"\log_{{{self._print(expr.args[1])}}}\left({self._print(expr.args[0])}\right)"
            return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"
        return super()._print_log(expr, exp)

    def _print_And(self, expr):
        # 0 < x < 1 as a chain, as it was typed (SymPy writes 0 < x \wedge x < 1)
        rels = _chain_order(list(expr.args))
        if len(rels) > 1 and all(isinstance(r, Relational) for r in rels) and all(
                a.rhs == b.lhs for a, b in zip(rels, rels[1:])):
            out = self._print(rels[0].lhs)
            for r in rels:
                out += f" {_LATEX_REL.get(r.rel_op, r.rel_op)} {self._print(r.rhs)}"
            return out
        return super()._print_And(expr)

    def _print_Mul(self, expr):
        if not isinstance(expr, sympy.Mul):   # SymPy hands negative powers to _print_Mul
            if isinstance(expr, sympy.Pow) and expr.exp == -1:
                return r"\frac{1}{%s}" % self._print(expr.base)
            return super()._print_Mul(expr)
        args = list(expr.args)
        if len(args) > 1 and args[0] == -1:
            inner = self._print_Mul(sympy.Mul(*args[1:], evaluate=False)) if len(args) > 2 \
                else self.parenthesize(args[1], PRECEDENCE["Mul"])
            return "- " + inner
        out = None
        for factor in args:
            if isinstance(factor, sympy.Pow) and factor.exp == -1:
                out = r"\frac{%s}{%s}" % (out if out is not None else "1", self._print(factor.base))
            else:
                piece = self.parenthesize(factor, PRECEDENCE["Mul"])
                out = piece if out is None else out + r" \cdot " + piece
        return out


def to_latex(expr: sympy.Basic) -> str:
    r"""LaTeX for an answer, keeping the typed order of terms and factors.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> print(to_latex(sympy.Mul(1, sympy.Pow(2, -1, evaluate=False), x, evaluate=False)))
    \frac{1}{2} \cdot x
    """
    try:
        return _TypedLatex({"order": "none"}).doprint(expr)
    except Exception:  # noqa: BLE001 - a printing failure must never break parsing
        return sympy.latex(expr)


def to_text(expr: sympy.Basic) -> str:
    """Plain unicode text for an answer, with explicit ``·`` and the brackets it was read with.

    >>> import sympy
    >>> to_text(sympy.Mul(sympy.Symbol("theta"), sympy.Pow(2, -1, evaluate=False), evaluate=False))
    'θ/2'
    """
    return _text(expr)


def name_text(name: str) -> str:
    """A symbol name as shown: ``theta_j`` → ``θ_j``.

    >>> name_text("theta_j"), name_text("x_1")
    ('θ_j', 'x_1')
    """
    base, sep, sub = name.partition("_")
    return GREEK_LETTER.get(base, base) + sep + sub


def _prec(e: sympy.Basic) -> int:
    if isinstance(e, sympy.Add):
        return ADD
    if _is_negative(e):
        return NEG
    if isinstance(e, sympy.Mul):
        return MUL
    if isinstance(e, sympy.Rational) and not e.is_Integer:
        return MUL
    if isinstance(e, sympy.Pow):
        return MUL if e.exp == -1 else POW
    if isinstance(e, sympy.factorial):
        return POW
    if isinstance(e, sympy.HadamardProduct):
        return ADD   # bracketed as a factor: X^T·(a ⊙ b), not X^T·a ⊙ b
    if isinstance(e, (sympy.Transpose, sympy.Inverse, sympy.MatPow)):
        return POW   # a postfix form inside another: (A^T)^(−1), never A^T^(−1), which reads back wrong
    return ATOM


def _is_negative(e: sympy.Basic) -> bool:
    if e.is_Number:
        return bool(e.is_extended_negative)
    return isinstance(e, sympy.Mul) and len(e.args) > 0 and e.args[0].is_Number and e.args[0].is_extended_negative


def _wrap(e: sympy.Basic, least: int) -> str:
    text = _text(e)
    return f"({text})" if _prec(e) < least else text


def _text(e: sympy.Basic) -> str:  # noqa: C901 - a dispatch table in disguise
    if isinstance(e, Computed) and e.typed is not None:
        return _text(e.typed)   # [[1, 2], [3, 4]]^−1 as typed, never its value
    if isinstance(e, sympy.MatrixBase):
        return _matrix(e)
    if e.is_Number:
        return _number(e)
    if isinstance(e, sympy.Symbol):
        return name_text(e.name)
    if isinstance(e, sympy.Add):
        return _add(e)
    if isinstance(e, sympy.Mul):
        return _mean(e) or _mul(e)
    if isinstance(e, sympy.Pow):
        return _pow(e)
    if isinstance(e, (sympy.Function, sympy.Max, sympy.Min)):
        return _function(e)
    if isinstance(e, (MatrixExpr, la.Norm, la.AsScalar, sympy.Trace, sympy.Determinant, sympy.Sum,
                      sympy.Product, sympy.Indexed)):
        return _array(e)
    return _special(e)


def _mean(e: sympy.Mul) -> str | None:
    """x̄, the mean of a sequence, as the parser builds it (tutor.parser.bigops.mean)."""
    sums = [a for a in e.args if isinstance(a, sympy.Sum)]
    rest = [a for a in e.args if not isinstance(a, sympy.Sum)]
    if len(sums) != 1 or not 1 <= len(rest) <= 2 or any(
            a != -1 and not (isinstance(a, sympy.Pow) and a.exp == -1) for a in rest):
        return None
    index, body = sums[0].limits[0][0], sums[0].function
    if index.name != "k_mean" or not isinstance(body, sympy.Indexed):
        return None
    return (MINUS if -1 in rest else "") + name_text(str(body.base.label)) + "\u0304"


def _array(e: sympy.Basic) -> str:
    """Declared matrices and vectors (`tutor.linalg.nodes`), in the learner language."""
    if isinstance(e, sympy.MatrixSymbol):
        return name_text(e.name)
    op = ops.matrix_by_class(type(e))
    if op is not None and op.head not in _NOT_WRITTEN_BY_REGISTRY:
        # transpose, inverse, det, tr, diag, norm: as the registry writes them
        return op.written.text.format(*(_wrap(a, ATOM) if op.written.postfix else _text(a) for a in e.args))
    if isinstance(e, sympy.MatPow):
        return _wrap(e.base, ATOM) + f"^{_text(e.exp)}"
    if isinstance(e, sympy.OneMatrix):
        return "1"   # 𝟏 − y as typed: 1 beside a vector reads back as the vector of ones
    if isinstance(e, sympy.Identity):
        return "I" if isinstance(e.rows, sympy.Symbol) and e.rows.name == "I_size" else f"I_{_text(e.rows)}"
    if isinstance(e, la.AsScalar):
        return _text(e.arg)
    if isinstance(e, la.Elementwise):
        named = ops.by_name(e.name)
        return f"{named.printers.text if isinstance(named, ops.Operation) else e.name}({_text(e.arg)})"
    if isinstance(e, sympy.Indexed):
        return f"{name_text(str(e.base.label))}_{_text(e.indices[0])}"
    if isinstance(e, (sympy.Sum, sympy.Product)):
        index, low, high = e.limits[0]
        glyph = "Σ" if isinstance(e, sympy.Sum) else "Π"
        body = _text(e.function)
        body = f"({body})" if _prec(e.function) <= ADD else body
        return f"{glyph}_{{{_text(index)}={_text(low)}}}^{{{_text(high)}}} {body}"
    if isinstance(e, sympy.HadamardProduct):
        return " ⊙ ".join(_wrap(a, MUL + 1) for a in e.args)
    return str(e)


def _special(e: sympy.Basic) -> str:
    constants = {sympy.E: "e", sympy.pi: "π", sympy.oo: "∞", -sympy.oo: f"{MINUS}∞",
                 sympy.EmptySet: "{}"}
    if e in constants:
        return constants[e]
    if isinstance(e, Relational):
        return f"{_text(e.lhs)} {_REL.get(e.rel_op, e.rel_op)} {_text(e.rhs)}"
    if isinstance(e, sympy.And):
        return _chain(e)
    if isinstance(e, sympy.FiniteSet):
        return "{" + ", ".join(_text(a) for a in e.args) + "}"
    if isinstance(e, sympy.Interval):
        left = "(" if e.left_open else "["
        right = ")" if e.right_open else "]"
        return f"{left}{_text(e.start)}, {_text(e.end)}{right}"
    if isinstance(e, sympy.Tuple):
        return ", ".join(_text(a) for a in e.args)
    return str(e)


def _number(n: sympy.Basic) -> str:
    sign = MINUS if n.is_extended_negative else ""
    n = abs(n)
    if n.is_infinite:
        return sign + "∞"
    if n.is_Integer or not n.is_Rational:
        return sign + str(n)
    p, q = int(n.p), int(n.q)
    for k in range(1, 16):
        if 10 ** k % q == 0:
            digits = str(p * (10 ** k // q)).rjust(k + 1, "0")
            return f"{sign}{digits[:-k]}.{digits[-k:]}"
    return f"{sign}{p}/{q}"


def _add(e: sympy.Add) -> str:
    parts = [_wrap(e.args[0], ADD)]
    for term in e.args[1:]:
        if _is_negative(term):
            parts.append(f" {MINUS} {_wrap(_negated(term), NEG + 1)}")
        elif isinstance(term, sympy.Add):
            parts.append(f" + ({_text(term)})")
        else:
            parts.append(f" + {_text(term)}")
    return "".join(parts)


def _negated(term: sympy.Basic) -> sympy.Basic:
    if term.is_Number:
        return -term
    rest = term.args[1:]
    coeff = -term.args[0]
    if coeff == 1:
        return rest[0] if len(rest) == 1 else sympy.Mul(*rest, evaluate=False)
    return sympy.Mul(coeff, *rest, evaluate=False)


def _mul(e: sympy.Mul) -> str:
    args = list(e.args)
    prefix = ""
    if args[0] == -1 and len(args) > 1:
        prefix, args = MINUS, args[1:]
    out = ""
    for i, factor in enumerate(args):
        if isinstance(factor, sympy.Pow) and factor.exp == -1:
            out += ("1" if i == 0 else "") + "/" + _wrap(factor.base, POW)
        else:
            out += ("" if i == 0 else "·") + _wrap(factor, MUL + (1 if i else 0) if _is_negative(factor)
                                                    else MUL)
    if prefix and len(args) > 1 and _is_negative(args[0]):
        return f"{prefix}({out})"
    return prefix + out


def _pow(e: sympy.Pow) -> str:
    base, exp = e.args
    if exp == -1:
        return "1/" + _wrap(base, POW)
    if exp == sympy.S.Half:
        return f"√({_text(base)})"
    # e^x is printed as a power too: (e^x)^(−0.5), not e^x^(−0.5) (which reads as e^(x^(−0.5)))
    # so are Σ and Π, which take everything to their right: (Σ_{k=1}^{n} k)², not Σ_{k=1}^{n} k²
    bracketed = (sympy.Pow, sympy.exp, sympy.Sum, sympy.Product)
    base_text = _wrap(base, ATOM) if not isinstance(base, bracketed) else f"({_text(base)})"
    if exp.is_Integer and 1 < exp < 10:
        return base_text + str(exp).translate(_SUPER)
    if isinstance(exp, sympy.Symbol) or exp.is_Integer and exp >= 0:
        return f"{base_text}^{_text(exp)}"
    return f"{base_text}^({_text(exp)})"


def _function(e: sympy.Basic) -> str:
    if isinstance(e, sympy.Abs):
        return f"|{_text(e.args[0])}|"
    if isinstance(e, sympy.factorial):
        return _wrap(e.args[0], ATOM) + "!"
    if isinstance(e, ml.transpose_of):
        return _wrap(e.args[0], ATOM) + "ᵀ"
    if isinstance(e, sympy.exp):
        return f"e^({_text(e.args[0])})" if _prec(e.args[0]) < ATOM else f"e^{_text(e.args[0])}"
    name = getattr(e.func, "__name__", str(e.func))
    if name == "log" and len(e.args) == 2:
        return f"log({_text(e.args[0])}, {_text(e.args[1])})"
    name = _FUNC_NAMES.get(name, name)
    return f"{name}({', '.join(_text(a) for a in e.args)})"


def _chain(e: sympy.And) -> str:
    rels = _chain_order(list(e.args))
    if all(isinstance(r, Relational) for r in rels) and all(
            a.rhs == b.lhs for a, b in zip(rels, rels[1:])):
        out = _text(rels[0].lhs)
        for r in rels:
            out += f" {_REL.get(r.rel_op, r.rel_op)} {_text(r.rhs)}"
        return out
    return " and ".join(_text(r) for r in rels)


def _chain_order(rels: list) -> list:
    """The parts of a chain in reading order: each one's right side is the next one's left side."""
    if not all(isinstance(r, Relational) for r in rels):
        return rels
    starts = [r for r in rels if not any(o.rhs == r.lhs for o in rels if o is not r)]
    if len(starts) != 1:
        return rels
    ordered = [starts[0]]
    while len(ordered) < len(rels):
        following = [r for r in rels if r.lhs == ordered[-1].rhs and r not in ordered]
        if not following:
            return rels
        ordered.append(following[0])
    return ordered


def _matrix(m: sympy.MatrixBase) -> str:
    if m.cols == 1:
        return "[" + ", ".join(_text(v) for v in m) + "]"
    rows = ("[" + ", ".join(_text(v) for v in m.row(i)) + "]" for i in range(m.rows))
    return "[" + ", ".join(rows) + "]"


class _InputPrinter(StrPrinter):
    """SymPy's plain printer, but in our input language: e, pi, inf, abs, max, ceil, x = y."""

    def _print_Exp1(self, expr):
        return "e"

    def _print_Pi(self, expr):
        return "pi"

    def _print_Infinity(self, expr):
        return "inf"

    def _print_NegativeInfinity(self, expr):
        return "-inf"

    def _print_Function(self, expr):
        op = ops.by_class(type(expr))
        name = op.name if op is not None else expr.func.__name__
        return f"{name}({', '.join(self._print(a) for a in expr.args)})"

    _print_Abs = _print_Max = _print_Min = _print_ceiling = _print_Function

    def _print_transpose_of(self, expr):
        return f"({self._print(expr.args[0])})^T"

    def _print_Relational(self, expr):
        op = {"==": "=", "!=": "!="}.get(expr.rel_op, expr.rel_op)
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_And(self, expr):
        return _chain(expr) if all(isinstance(r, Relational) for r in expr.args) else \
            " and ".join(self._print(a) for a in expr.args)

    def _print_MatrixBase(self, expr):
        if expr.cols == 1:
            return "[" + ", ".join(self._print(v) for v in expr) + "]"
        return "[" + ", ".join("[" + ", ".join(self._print(v) for v in expr.row(i)) + "]"
                               for i in range(expr.rows)) + "]"

    _print_ImmutableDenseMatrix = _print_MutableDenseMatrix = _print_MatrixBase

    def _print_FiniteSet(self, expr):
        return "{" + ", ".join(self._print(a) for a in expr.args) + "}"

    def _print_EmptySet(self, expr):
        return "{}"

    def _print_Interval(self, expr):
        left = "(" if expr.left_open else "["
        right = ")" if expr.right_open else "]"
        return f"{left}{self._print(expr.start)}, {self._print(expr.end)}{right}"

    def _print_Tuple(self, expr):
        return ", ".join(self._print(a) for a in expr.args)


def to_input(expr: sympy.Basic) -> str:
    """An expression written in tutor's own input language (ASCII), so it reads back the same.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> to_input(sympy.E ** x * sympy.Abs(x) + sympy.pi)
    'pi + abs(x)*exp(x)'
    """
    return _InputPrinter({"order": "none"}).doprint(expr)
