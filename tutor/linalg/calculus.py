"""Derivatives with respect to a declared vector or matrix: ∇_w ‖X w − y‖² = 2 Xᵀ(X w − y).

The author language asks for them (``gradient(norm(X w - y)^2, w)``); SymPy's matrix calculus
computes them once our own nodes are written as SymPy's: ‖v‖² as vᵀv, a 1×1 product used as a
number (`AsScalar`) as that product. The logistic log-likelihood yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z))
is differentiated by its rule (`tutor.linalg.log_loss`): (∂z/∂w)ᵀ(y − σ(z)). What SymPy cannot
differentiate (another function applied entry-wise, ‖v‖ to another power) is refused with a
message, never guessed.

>>> from tutor.linalg.nodes import matrix_symbol, product, transpose
>>> X, w, y = matrix_symbol("X", ("n", "d")), matrix_symbol("w", ("d", 1)), matrix_symbol("y", ("n", 1))
>>> r = sympy.MatAdd(product([X, w]), -y)
>>> gradient(Norm(r) ** 2, w)
2*X.T*(X*w - y)
>>> gradient(AsScalar(product([transpose(w), product([transpose(X), y])])), w)
X.T*y
"""
from __future__ import annotations

import sympy
from sympy.matrices.expressions import MatrixExpr

from tutor.errors import TutorError
from tutor.linalg import log_loss
from tutor.linalg.nodes import AsScalar, Elementwise, Norm, split_product
from tutor.tree import preorder


class NotDifferentiable(TutorError):
    """An expression this module cannot differentiate by a matrix or vector."""


def gradient(f: sympy.Basic, wrt: sympy.MatrixSymbol) -> sympy.Basic:
    """∂f/∂wrt for a scalar `f` and a declared vector or matrix `wrt` (the result has its shape),
    or `NotDifferentiable`. Sums and constant factors are taken apart here (linearity, the product
    and power rules for scalars); SymPy differentiates each product of matrices.

    >>> from tutor.linalg.nodes import matrix_symbol, product, transpose
    >>> w, A = matrix_symbol("w", ("d", 1)), matrix_symbol("A", ("d", "d"))
    >>> gradient(AsScalar(product([transpose(w), A, w])), w)
    A*w + A.T*w
    >>> gradient(AsScalar(product([transpose(w), A, w])) + 3, w)
    A*w + A.T*w
    """
    if isinstance(f, MatrixExpr) and not isinstance(f, sympy.MatrixBase) and f.shape != (1, 1):
        raise NotDifferentiable(f"the gradient is of a number, and this is a {f.shape[0]}×{f.shape[1]} array")
    result = _gradient(f, wrt)
    return sympy.ZeroMatrix(*wrt.shape) if result is None else result


def _gradient(f: sympy.Basic, w: sympy.MatrixSymbol) -> sympy.Basic | None:
    """The gradient, or None where it is zero (f does not depend on w)."""
    if not f.has(w):
        return None
    if isinstance(f, (AsScalar, MatrixExpr)) and _entrywise(f):
        # SymPy recurses without end on σ(X w) inside a product: refuse it here, with a message
        raise NotDifferentiable("only sums, products, powers and squared norms of linear and quadratic "
                                "forms are differentiated here (not ‖v‖ itself, nor σ(X w) entry-wise)")
    if isinstance(f, sympy.Add):
        found = log_loss.log_likelihood(f)
        if found is not None:   # c·(log-likelihood), c a number
            y, z, c = found
            return _log_loss_gradient(c, y, z, w)
        parts = [g for g in (_gradient(a, w) for a in f.args) if g is not None]
        return parts[0] if len(parts) == 1 else sympy.MatAdd(*parts) if parts else None
    if isinstance(f, sympy.Mul):
        constant = [a for a in f.args if not a.has(w)]
        varying = [a for a in f.args if a.has(w)]
        scale = sympy.Mul(*constant)
        found = log_loss.log_likelihood(varying[0]) if len(varying) == 1 else None
        if found is not None:
            y, z, c = found
            return _log_loss_gradient(scale * c, y, z, w)
        if len(varying) == 1:
            inner = _gradient(varying[0], w)
        else:   # the product rule, for scalar factors: ∇(g h) = h ∇g + g ∇h
            terms = []
            for k, factor in enumerate(varying):
                rest = sympy.Mul(*(varying[:k] + varying[k + 1:]))
                g = _gradient(factor, w)
                if g is not None:
                    terms.append(_scaled(rest, g))
            inner = sympy.MatAdd(*terms) if len(terms) > 1 else terms[0] if terms else None
        return None if inner is None else _scaled(scale, inner)
    if isinstance(f, sympy.Pow) and isinstance(f.base, Norm) and f.exp == 2:
        v = f.base.arg
        return _diff(sympy.MatMul(v.T, v) if v.shape[1] == 1 else sympy.Trace(sympy.MatMul(v.T, v)), w)
    if isinstance(f, sympy.Pow) and not f.exp.has(w):
        inner = _gradient(f.base, w)
        return None if inner is None else _scaled(f.exp * f.base ** (f.exp - 1), inner)
    if isinstance(f, AsScalar):
        return _diff(f.arg, w)
    if isinstance(f, (Norm, Elementwise)) or any(isinstance(n, Elementwise) for n in preorder(f)):
        raise NotDifferentiable("only sums, products, powers and squared norms of linear and quadratic "
                                "forms are differentiated here (not ‖v‖ itself, nor σ(X w) entry-wise)")
    if isinstance(f, MatrixExpr):
        return _diff(f, w)
    raise NotDifferentiable(f"cannot differentiate {type(f).__name__} by the vector {w}")


def _log_loss_gradient(c: sympy.Basic, y: sympy.Basic, z: sympy.Basic, w: sympy.MatrixSymbol) -> sympy.Basic:
    """∇_w c·(yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z))) = c·(∂z/∂w)ᵀ(y − σ(z)); for a negative c (the
    log-loss) written with the minus taken inside, |c|·(∂z/∂w)ᵀ(σ(z) − y)."""
    negated = bool(c.could_extract_minus_sign())
    return _scaled(-c if negated else c, pulled_back(z, w, log_loss.error(y, z, negated=negated)))


def pulled_back(z: sympy.Basic, w: sympy.MatrixSymbol, r: sympy.Basic) -> sympy.Basic:
    """(∂z/∂w)ᵀ·r for z affine in w (z = X w + c): SymPy differentiates hᵀz with h held as a
    symbol, then r is put in for h; `NotDifferentiable` when z is not affine in w.

    >>> from tutor.linalg.nodes import matrix_symbol, product
    >>> X, w, r = matrix_symbol("X", ("n", "d")), matrix_symbol("w", ("d", 1)), matrix_symbol("r", ("n", 1))
    >>> pulled_back(product([X, w]), w, r)
    X.T*r
    """
    held = sympy.MatrixSymbol("held", *z.shape)
    jacobian_t = _diff(sympy.MatMul(held.T, z), w)
    if jacobian_t.has(w) or not jacobian_t.has(held):
        raise NotDifferentiable(f"{z} does not change with {w} as a matrix times {w} plus a constant")
    return jacobian_t.xreplace({held: r})


def _entrywise(f: sympy.Basic) -> bool:
    return any(isinstance(n, Elementwise) for n in preorder(f))


def _scaled(scale: sympy.Basic, m: sympy.Basic) -> sympy.Basic:
    if scale == 1:
        return m
    if scale.has(AsScalar):     # a number such as wᵀb times a matrix: keep it a number
        return sympy.MatMul(scale, m)
    return scale * m


def _diff(f: sympy.Basic, w: sympy.MatrixSymbol) -> sympy.Basic:
    try:
        return sympy.diff(f, w)
    except (TypeError, ValueError, NotImplementedError, AttributeError) as err:
        raise NotDifferentiable(f"SymPy cannot differentiate it by {w}: {err}") from None


class NotLinear(TutorError):
    """An equation that is not of the form M w − b = 0 for the declared vector w."""


def linear_parts(g: sympy.Basic, w: sympy.MatrixSymbol) -> tuple[sympy.Basic, sympy.Basic]:
    """(M, b) with g = M w − b, for a vector expression `g` linear in the declared vector `w`, or
    `NotLinear`: the normal equations of ∇_w ‖X w − y‖² = 2Xᵀ(X w − y) are M = 2XᵀX, b = 2Xᵀy.

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> X, w, y = matrix_symbol("X", ("n", "d")), matrix_symbol("w", ("d", 1)), matrix_symbol("y", ("n", 1))
    >>> linear_parts(gradient(Norm(sympy.MatAdd(X * w, -y)) ** 2, w), w)
    (2*X.T*X, 2*X.T*y)
    """
    d = w.shape[0]
    matrix: list[sympy.Basic] = []
    constant: list[sympy.Basic] = []
    expanded = sympy.expand(g) if isinstance(g, MatrixExpr) else g
    terms = expanded.args if isinstance(expanded, sympy.MatAdd) else (expanded,)
    for term in terms:
        if not term.has(w):
            constant.append(-term)
            continue
        if term == w:
            matrix.append(sympy.Identity(d))
            continue
        c, factors = split_product(term)
        if factors[-1] != w or c.has(w) or any(f.has(w) for f in factors[:-1]):
            raise NotLinear(f"{term} is not a matrix times {w}")
        m = sympy.MatMul(*factors[:-1]) if len(factors) > 1 else sympy.Identity(d)
        matrix.append(m if c == 1 else c * m)
    if not matrix:
        raise NotLinear(f"the equation does not contain {w}")
    m_total = matrix[0] if len(matrix) == 1 else sympy.MatAdd(*matrix)
    b_total = sympy.ZeroMatrix(d, 1) if not constant else constant[0] if len(constant) == 1 else sympy.MatAdd(*constant)
    return m_total, b_total


def linear_solution(g: sympy.Basic, w: sympy.MatrixSymbol) -> sympy.Basic:
    """The w with g = 0, for g linear in the declared vector w: M⁻¹b (M assumed invertible), or
    `NotLinear`. A common number factor of M and b cancels: 2XᵀX w = 2Xᵀy gives (XᵀX)⁻¹Xᵀy.

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> X, w, y = matrix_symbol("X", ("n", "d")), matrix_symbol("w", ("d", 1)), matrix_symbol("y", ("n", 1))
    >>> linear_solution(gradient(Norm(sympy.MatAdd(X * w, -y)) ** 2, w), w)
    (X.T*X)**(-1)*X.T*y
    """
    m, b = linear_parts(g, w)
    if m.shape[0] != m.shape[1]:
        raise NotLinear(f"{m} is not square")
    c, m = common_factor(m)
    return sympy.MatMul(1 / c, sympy.Inverse(m), b).doit(deep=False) if c != 1 else \
        sympy.MatMul(sympy.Inverse(m), b)


def common_factor(m: sympy.Basic) -> tuple[sympy.Basic, sympy.Basic]:
    """(c, m / c) for the rational number in front of every term of a matrix: (2, XᵀX) for 2XᵀX,
    (2, λI + XᵀX) for 2λI + 2XᵀX; (1, m) when there is none.

    >>> from tutor.linalg.nodes import matrix_symbol
    >>> X, lam = matrix_symbol("X", ("n", "d")), sympy.Symbol("lam")
    >>> common_factor(sympy.MatAdd(2 * lam * sympy.Identity(sympy.Symbol("d")), 2 * X.T * X / sympy.Symbol("n")))
    (2, lam*I + 1/n*X.T*X)
    """
    terms = m.args if isinstance(m, sympy.MatAdd) else (m,)
    coefficients = [_number_factor(t) for t in terms]
    c = sympy.Integer(0)
    for k in coefficients:
        c = sympy.gcd(c, k) if c != 0 else abs(k)
    if c in (0, 1):
        return sympy.Integer(1), m
    parts = [_scaled(1 / c, t) for t in terms]
    return c, parts[0] if len(parts) == 1 else sympy.MatAdd(*parts)


def _number_factor(term: sympy.Basic) -> sympy.Basic:
    """The rational number in front of one term of a matrix sum (2 for 2λI, 2 for (2/n)XᵀX)."""
    coefficient, _ = split_product(term)[0].as_coeff_Mul()
    return coefficient if coefficient.is_Rational else sympy.Integer(1)
