"""The logistic log-likelihood yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z)) and its gradient: one fact, read by
the author interpreter (`tutor.linalg.calculus`) and taught by the step engine (`tutor.steps.matrix_calculus`).

With p = σ(z) applied entry by entry, (log σ)′(z) = 1 − σ(z) and (log(1 − σ))′(z) = −σ(z), so the
gradient of the log-likelihood by z is y ⊙ (1 − σ(z)) − (1 − y) ⊙ σ(z) = y − σ(z), the labels minus
the predictions; by w, for z = X w, the chain rule pulls it back: Xᵀ(y − σ(X w)). The negative
log-likelihood (the log-loss) has the opposite sign, Xᵀ(σ(X w) − y). 1 − σ(z) may also be written
σ(−z), and 1 − y is the vector of ones minus y (`sympy.OneMatrix`, as the parser reads it).

>>> X, w, y = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1), sympy.MatrixSymbol("y", 3, 1)
>>> def log(m): return Elementwise(Str("log"), m)
>>> def one_minus(v): return sympy.MatAdd(sympy.OneMatrix(3, 1), sympy.MatMul(-1, v), evaluate=False)
>>> z = product([X, w])
>>> ones_term = AsScalar(product([sympy.Transpose(one_minus(y)), log(one_minus(sigmoid(z)))]))
>>> f = AsScalar(product([y.T, log(sigmoid(z))])) + ones_term
>>> log_likelihood(f)
(y, X*w, 1)
>>> error(y, z, negated=True)
sigmoid(X*w) - y
"""
from __future__ import annotations

import sympy
from sympy.core.symbol import Str

from tutor.linalg.nodes import AsScalar, Elementwise, is_array, product


def complement(m: sympy.Basic) -> sympy.Basic | None:
    """v when `m` is 𝟏 − v (the vector of ones minus v), else None.

    >>> y = sympy.MatrixSymbol("y", 3, 1)
    >>> complement(sympy.MatAdd(sympy.OneMatrix(3, 1), sympy.MatMul(-1, y), evaluate=False)), complement(y)
    (y, None)
    """
    if not isinstance(m, sympy.MatAdd) or len(m.args) != 2:
        return None
    for ones, other in (m.args, reversed(m.args)):
        if isinstance(ones, sympy.OneMatrix) and isinstance(other, sympy.MatMul) and other.args[0] == -1:
            rest = other.args[1:]
            return rest[0] if len(rest) == 1 else sympy.MatMul(*rest, evaluate=False)
    return None


def sigmoid(z: sympy.Basic) -> Elementwise:
    """σ(z), entry by entry.

    >>> sigmoid(sympy.MatrixSymbol("z", 3, 1))
    sigmoid(z)
    """
    return Elementwise(Str("sigmoid"), z)


def sigmoid_arg(m: sympy.Basic) -> sympy.Basic | None:
    """z when `m` is σ(z), else None.

    >>> z = sympy.MatrixSymbol("z", 3, 1)
    >>> sigmoid_arg(sigmoid(z)), sigmoid_arg(z)
    (z, None)
    """
    return m.arg if isinstance(m, Elementwise) and m.name == "sigmoid" else None


def negative(z: sympy.Basic) -> sympy.Basic:
    """−z for a vector, without a double minus: −(−X w) is X w.

    >>> X, w = sympy.MatrixSymbol("X", 3, 2), sympy.MatrixSymbol("w", 2, 1)
    >>> negative(sympy.MatMul(-1, X, w, evaluate=False)), negative(sympy.MatMul(X, w, evaluate=False))
    (X*w, -(X*w))
    """
    if isinstance(z, sympy.MatMul) and z.args[0] == -1:
        rest = z.args[1:]
        return rest[0] if len(rest) == 1 else sympy.MatMul(*rest, evaluate=False)
    return sympy.MatMul(-1, z, evaluate=False)


def one_minus_sigmoid(m: sympy.Basic) -> sympy.Basic | None:
    """z when `m` is 1 − σ(z), written so or as σ(−z), else None.

    >>> z = sympy.MatrixSymbol("z", 3, 1)
    >>> one_minus_sigmoid(sigmoid(negative(z))), one_minus_sigmoid(sigmoid(z))
    (z, None)
    """
    inner = complement(m)
    if inner is not None:
        return sigmoid_arg(inner)
    z = sigmoid_arg(m)
    if isinstance(z, sympy.MatMul) and z.args[0] == -1:
        return negative(z)
    return None


def _weighted_log(term: sympy.Basic) -> tuple[sympy.Basic, sympy.Basic] | None:
    """(a, p) for a term aᵀlog(p) or log(p)ᵀa, a number written as a 1×1 product."""
    m = term.arg if isinstance(term, AsScalar) else term
    if not isinstance(m, sympy.MatMul) or len(m.args) != 2 or not all(is_array(a) for a in m.args):
        return None
    left, right = m.args
    if isinstance(left, sympy.Transpose) and _is_log(right):
        return left.arg, right.arg
    if isinstance(left, sympy.Transpose) and _is_log(left.arg):
        return right, left.arg.arg
    return None


def _is_log(m: sympy.Basic) -> bool:
    return isinstance(m, Elementwise) and m.name == "log"


def log_likelihood(f: sympy.Basic) -> tuple[sympy.Basic, sympy.Basic, sympy.Basic] | None:
    """(y, z, c) when `f` is c·(yᵀlog σ(z) + (1 − y)ᵀlog(1 − σ(z))) (its terms in either order; a
    number c that SymPy has multiplied into both terms), else None.

    >>> y, z = sympy.MatrixSymbol("y", 3, 1), sympy.MatrixSymbol("z", 3, 1)
    >>> log_likelihood(AsScalar(product([y.T, Elementwise(Str("log"), sigmoid(z))]))) is None
    True
    """
    if not isinstance(f, sympy.Add) or len(f.args) != 2:
        return None
    (c, first), (k, second) = (t.as_coeff_Mul() for t in f.args)
    one, other = _weighted_log(first), _weighted_log(second)
    if c != k or one is None or other is None:
        return None
    for (a, p), (b, q) in ((one, other), (other, one)):
        z = sigmoid_arg(p)
        if z is not None and complement(b) == a and one_minus_sigmoid(q) == z:
            return a, z, c
    return None


def error(y: sympy.Basic, z: sympy.Basic, *, negated: bool) -> sympy.Basic:
    """The gradient by z: y − σ(z) for the log-likelihood, σ(z) − y for its negative (the log-loss).

    >>> y, z = sympy.MatrixSymbol("y", 3, 1), sympy.MatrixSymbol("z", 3, 1)
    >>> error(y, z, negated=False)
    -sigmoid(z) + y
    """
    if negated:
        return sympy.MatAdd(sigmoid(z), sympy.MatMul(-1, y, evaluate=False), evaluate=False)
    return sympy.MatAdd(y, sympy.MatMul(-1, sigmoid(z), evaluate=False), evaluate=False)
