"""Required forms, checked on what the learner typed (`Parsed.expr`), apart from equivalence.

The parser keeps the typed structure (``2(x+1)`` stays a product, ``2/4`` stays 2/4), so each
form is a property of that tree: expanded (no product or power of a sum), factored (each
factor irreducible over the rationals, no common whole-number factor left inside), a single
fraction (no fraction inside a fraction), lowest terms, exact (no decimals), simplified.

>>> import tutor
>>> from tutor.checker.options import Form
>>> form_problem(Form.FACTORED, tutor.parse("2x - 2")).code.value
'FORM_NOT_FACTORED'
>>> form_problem(Form.FACTORED, tutor.parse("2(x - 1)")) is None
True
"""
from __future__ import annotations

import math
from typing import Callable, Iterator

import sympy

from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.guards import small_polynomial
from tutor.checker.options import Form
from tutor import ops
from tutor.parser import Parsed
from tutor.parser.computed import reading
from tutor.tree import preorder

_MAX_DEGREE = 40     # larger polynomials are not factored in-process (assumed irreducible)
_MAX_TERMS = 80


def form_problem(form: Form, response: Parsed) -> Finding | None:
    """A finding when the response is not in `form`, else None.

    >>> import tutor
    >>> form_problem(Form.EXPANDED, tutor.parse("(x+1)^2")).code.value
    'FORM_NOT_EXPANDED'
    """
    return _CHECKS[form](response)


# --- walking the typed tree -----------------------------------------------------------------

def _nodes(e: sympy.Basic) -> Iterator[sympy.Basic]:
    stack = [e]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, sympy.MatrixBase):
            stack.extend(node)
        else:
            stack.extend(node.args)


def _is_division(e: sympy.Basic) -> bool:
    return e.is_Pow and e.exp.is_number and e.exp.is_negative


def _has_division(e: sympy.Basic) -> bool:
    """A division in the algebraic structure: not inside an exponent (5^(3/2)) or the
    argument of a function (sin(x/2)), which are not fractions of the expression."""
    if _is_division(e):
        return True
    if e.is_Add or e.is_Mul:
        return any(_has_division(a) for a in e.args)
    if e.is_Pow:
        return _has_division(e.base)
    return False


def _strip_sign(e: sympy.Basic) -> sympy.Basic:
    while e.is_Mul and len(e.args) == 2 and e.args[0] == -1:
        e = e.args[1]
    return e


# --- expanded --------------------------------------------------------------------------------

def _expanded(response: Parsed) -> Finding | None:
    for node in _nodes(response.expr):
        if node.is_Mul and any(a.is_Add for a in node.args):
            return finding(Code.FORM_NOT_EXPANDED)
        if node.is_Pow and node.base.is_Add and node.exp.is_Integer and node.exp > 1:
            return finding(Code.FORM_NOT_EXPANDED)
    return None


# --- factored --------------------------------------------------------------------------------

def _factors(e: sympy.Basic) -> Iterator[sympy.Basic]:
    """The non-numeric factors of a typed product (bases of powers, nested products opened)."""
    e = _strip_sign(e)
    if e.is_Mul:
        for a in e.args:
            yield from _factors(a)
    elif e.is_Pow and e.exp.is_Integer and e.exp > 0:
        yield from _factors(e.base)
    elif not e.is_number:
        yield e


def _factored(response: Parsed) -> Finding | None:
    if response.expr.is_number:
        return None
    for factor in _factors(response.expr):
        if not _irreducible(_value(factor)):
            return finding(Code.FORM_NOT_FACTORED)
    return None


def _value(e: sympy.Basic) -> sympy.Basic:
    from tutor.parser.evaluate import evaluate

    return evaluate(e)


def _irreducible(f: sympy.Basic) -> bool:
    """Whether one typed factor is irreducible: a polynomial (in its symbols and functions)
    with no whole-number common factor that does not factor over the rationals."""
    if not f.is_Add:
        return not _has_division(f)
    if _has_division(f):
        return False  # x(x − 4 + 4/x): a fraction inside a factor
    if not small_polynomial(f, _MAX_DEGREE):
        return True   # not a polynomial, or too big to factor here: taken as typed
    try:
        poly = sympy.Poly(f)
    except (sympy.PolynomialError, sympy.GeneratorsError, ValueError, TypeError):
        return True
    if poly.total_degree() > _MAX_DEGREE or len(poly.terms()) > _MAX_TERMS:
        return True
    coeffs = poly.coeffs()
    if all(c.is_Integer for c in coeffs) and math.gcd(*(int(c) for c in coeffs)) > 1:
        return False  # 3y + 6: a common factor 3 left inside
    if poly.total_degree() <= 1:
        return True
    try:
        _, parts = sympy.factor_list(poly)
    except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
        return True
    return sum(m for _, m in parts) <= 1


# --- single fraction and lowest terms -------------------------------------------------------

def _single_fraction(response: Parsed) -> Finding | None:
    top = _strip_sign(response.expr)
    if _is_division(top):
        parts = [top.base]
    elif top.is_Mul:
        parts = [a.base if _is_division(a) else a for a in top.args]
    else:
        parts = [top]
    if any(_has_division(p) for p in parts):
        return finding(Code.FORM_NOT_SINGLE_FRACTION)
    return None


def _fractions(e: sympy.Basic, in_product: bool = False) -> Iterator[tuple[sympy.Basic, sympy.Basic]]:
    """(numerator, denominator) of every typed division."""
    if e.is_Mul and any(_is_division(a) for a in e.args):
        num = [a for a in e.args if not _is_division(a)]
        den = [a.base ** -a.exp for a in e.args if _is_division(a)]
        yield sympy.Mul(*num), sympy.Mul(*den)
    elif _is_division(e) and not in_product:
        yield sympy.Integer(1), e.base ** -e.exp
    for a in e.args:
        yield from _fractions(a, e.is_Mul)


def _lowest_terms(response: Parsed) -> Finding | None:
    for num, den in _fractions(response.expr):
        num, den = _value(num), _value(den)
        if _common_factor(num, den):
            return finding(Code.FORM_NOT_LOWEST_TERMS)
    return None


def _common_factor(num: sympy.Basic, den: sympy.Basic) -> bool:
    if num.is_Rational and den.is_Rational:
        return num.is_Integer and den.is_Integer and math.gcd(int(num), int(den)) > 1
    if not (small_polynomial(num, _MAX_DEGREE) and small_polynomial(den, _MAX_DEGREE)):
        return False
    try:
        g = sympy.gcd(num, den)
    except (sympy.PolynomialError, ValueError, TypeError):
        return False
    if g.is_number:
        return g.is_Integer and abs(g) > 1 and (num.is_Integer or den.is_Integer or
                                                _integer_content(num) % int(g) == 0)
    return True


def _integer_content(e: sympy.Basic) -> int:
    if not small_polynomial(e, _MAX_DEGREE):
        return 1
    try:
        coeffs = sympy.Poly(e).coeffs()
    except (sympy.PolynomialError, sympy.GeneratorsError, ValueError, TypeError):
        return 1
    if not all(c.is_Integer for c in coeffs):
        return 1
    return math.gcd(*(int(c) for c in coeffs))


# --- exact and simplified -------------------------------------------------------------------

def _exact(response: Parsed) -> Finding | None:
    if response.features & {"decimal", "scientific"}:
        return finding(Code.FORM_NOT_EXACT)
    if any(n.is_Float for n in _nodes(response.expr)):
        return finding(Code.FORM_NOT_EXACT)
    return None


def _simplified(response: Parsed) -> Finding | None:
    if _lowest_terms(response) is not None:
        return finding(Code.FORM_NOT_SIMPLIFIED, why="a fraction can be reduced")
    for node in _nodes(response.expr):
        why = _unsimplified(node)
        if why:
            return finding(Code.FORM_NOT_SIMPLIFIED, why=why)
    return None


def _unsimplified(node: sympy.Basic) -> str | None:
    if node.is_Add:
        if sum(1 for a in node.args if a.is_number) > 1:
            return "numbers can be added"
        if any(a == 0 for a in node.args):
            return "adding 0 changes nothing"
        return _like_terms(node)
    if node.is_Mul:
        numbers = [a for a in node.args if a.is_Number and a != -1]
        if len(numbers) > 1:
            return "numbers can be multiplied"
        if any(a == 1 for a in node.args) and not any(_is_division(a) for a in node.args):
            return "multiplying by 1 changes nothing"
        bases = [a.base if a.is_Pow else a for a in node.args if not a.is_number]
        if len(bases) != len(set(bases)):
            return "powers of the same base can be combined"
    if node.is_Pow:
        if node.exp == 1 or node.exp == 0:
            return "a power of 1 or 0 can be simplified"
        if node.base.is_Number and node.exp.is_Integer and node.exp > 1:
            return "a power of a number can be worked out"
        if node.base.is_Integer and node.exp == sympy.S.Half and _has_square_factor(int(node.base)):
            return "a square root can be simplified"
    return None


def _like_terms(node: sympy.Add) -> str | None:
    seen = set()
    for term in node.args:
        rest = _value(term).as_coeff_Mul()[1]
        if rest.is_number:
            continue
        if rest in seen:
            return "like terms can be collected"
        seen.add(rest)
    return None


def _has_square_factor(n: int) -> bool:
    n = abs(n)
    if n > 10 ** 12:
        return False
    return any(n % (k * k) == 0 for k in range(2, math.isqrt(n) + 1))


def in_terms_of_problem(name: str, response: Parsed) -> Finding | None:
    """A finding unless the response is written in terms of the registry operation `name`: it
    uses the operation, and the variables inside it appear nowhere outside it.

    >>> import tutor
    >>> in_terms_of_problem("sigmoid", tutor.parse("σ(z)(1 - σ(z))")) is None
    True
    >>> in_terms_of_problem("sigmoid", tutor.parse("e^(-z)/(1 + e^(-z))^2")).text
    'Your answer is right, but write it in terms of σ.'
    """
    op = ops.by_name(name)
    assert isinstance(op, ops.Operation), name
    expr = reading(response.expr)
    inside: set[sympy.Basic] = set()
    for node in preorder(expr):
        if isinstance(node, op.head):
            inside |= node.free_symbols
    if not inside or _outside(expr, op.head, inside):
        return finding(Code.FORM_NOT_IN_TERMS_OF, name=op.printers.text)
    return None


def _outside(e: sympy.Basic, head: type, names: set[sympy.Basic]) -> bool:
    """Whether one of `names` appears in `e` outside every `head` node."""
    if isinstance(e, head):
        return False
    if isinstance(e, sympy.Symbol):
        return e in names
    return any(_outside(a, head, names) for a in e.args)


_CHECKS: dict[Form, Callable[[Parsed], Finding | None]] = {
    Form.EXPANDED: _expanded,
    Form.FACTORED: _factored,
    Form.SINGLE_FRACTION: _single_fraction,
    Form.LOWEST_TERMS: _lowest_terms,
    Form.EXACT: _exact,
    Form.SIMPLIFIED: _simplified,
}
