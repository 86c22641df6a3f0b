"""Values of matrix, vector and sum expressions at concrete sizes and data (NumPy, float64).

`draw` makes one random world — a size for each dimension name (1 … 7), a value for each scalar,
an array for each declared vector or matrix (symmetric ones symmetric), a list for each sequence —
and `value` computes an expression in it. Functions of the registry are applied entry by entry
through their float facet. A singular inverse, a value outside a function's domain or a bound that
is not a whole number raises `Unevaluable`: the prober skips that world.

>>> import random, sympy
>>> from tutor.linalg.declare import declaration
>>> from tutor.linalg.nodes import matrix_symbol, product, transpose
>>> decls = {"X": declaration("matrix(n, d)"), "w": declaration("vector(d)")}
>>> world = draw(decls, ["X", "w", "n"], random.Random(1), dims={"n": 3, "d": 2})
>>> X, w = matrix_symbol("X", ("n", "d")), matrix_symbol("w", ("d", 1))
>>> value(product([X, w]), world).shape, value(sympy.Symbol("n"), world)
((3, 1), 3.0)
"""
from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import sympy
from sympy.matrices.expressions import MatrixExpr

from tutor import ops
from tutor.assumptions import Assumption
from tutor.ops.matrices import SINGULAR_CONDITION
from tutor.errors import TutorError
from tutor.linalg.declare import Declaration, DeclKind
from tutor.linalg.nodes import AsScalar, Elementwise

MAX_DIM = 7
MAX_TERMS = 2000    # terms of a sum or product evaluated at most, per world


class Unevaluable(TutorError):
    """This expression has no value in this world (singular matrix, outside a domain, …)."""


class OutsideDomain(Unevaluable):
    """The world lies outside the expression's domain: a logarithm or even root of a negative
    number, a division by zero (not a value too large, nor something that cannot be computed)."""


World = dict
"""Name → value: float for a scalar or a dimension, ndarray for an array, list for a sequence."""


def draw(decls: Mapping[str, Declaration], names: Iterable[str], rng: random.Random, *,
         dims: Mapping[str, int] | None = None, assume: Mapping[str, Assumption] | None = None) -> World:
    """One random world for the declared names and the other (scalar) `names`; a scalar is drawn
    as `assume` (else its declaration) says it is, and so are the entries of a sequence.

    >>> from tutor.linalg.declare import declaration
    >>> world = draw({"S": declaration("symmetric(3)"), "p": declaration("probability")}, ["b", "p"],
    ...              random.Random(0), assume={"b": Assumption.POSITIVE})
    >>> bool((world["S"] == world["S"].T).all()), world["b"] > 0, 0 < world["p"] < 1
    (True, True, True)
    """
    sizes = dict(dims or {})
    for decl in decls.values():
        for d in decl.dim_names:
            sizes.setdefault(d, rng.randint(1, MAX_DIM))
    world: World = {k: float(v) for k, v in sizes.items()}
    told = dict(assume or {})
    for name, decl in decls.items():
        if decl.kind is DeclKind.SEQUENCE:
            continue
        if decl.is_array:
            rows, cols = (sizes[d] if isinstance(d, str) else d for d in decl.shape)
            array = np.array([[rng.uniform(-2, 2) for _ in range(cols)] for _ in range(rows)])
            if decl.kind is DeclKind.SYMMETRIC:
                array = (array + array.T) / 2
            world[name] = array
    for name, decl in decls.items():
        if decl.kind is DeclKind.SEQUENCE:
            length = sizes.get(str(decl.dims[0]), decl.dims[0]) if decl.dims else MAX_DIM
            world[name] = [_scalar(rng, told.get(name, Assumption.REAL)) for _ in range(int(length) + MAX_DIM)]
    for name in names:
        if name not in world:
            found = decls.get(name)
            declared = Assumption(found.assumption) if found and found.assumption else Assumption.REAL
            world[name] = _scalar(rng, told.get(name, declared))
    return world


def _scalar(rng: random.Random, how: Assumption) -> float:
    if how is Assumption.INTEGER:
        return float(rng.randint(-4, 5))
    if how is Assumption.PROBABILITY:
        return rng.uniform(0.05, 0.95)
    size = rng.uniform(0.3, 2.5)
    if how.nonnegative:
        return size
    if how in (Assumption.NEGATIVE, Assumption.NONPOSITIVE):
        return -size
    return rng.choice((-1, 1)) * size


def value(expr: sympy.Basic, world: World):
    """The value of `expr` in `world`: a float or a 2-D ndarray.

    >>> value(sympy.Symbol("a") + 1, {"a": 2.0})
    3.0
    >>> value(sympy.Pow(sympy.Symbol("a"), -1), {"a": 0.0})
    Traceback (most recent call last):
    ...
    tutor.linalg.numeric.OutsideDomain: division by zero
    """
    try:
        result = _value(expr, world)
    except (ZeroDivisionError, ValueError) as err:   # math.log(-1), 1/0: outside the domain
        raise OutsideDomain(str(err)) from None
    except (OverflowError, ArithmeticError, np.linalg.LinAlgError) as err:
        raise Unevaluable(str(err)) from None
    if isinstance(result, complex):
        raise OutsideDomain("not a real number")
    if isinstance(result, np.ndarray):
        if not np.all(np.isfinite(result)):
            raise Unevaluable("not finite")
    elif not math.isfinite(result):
        raise Unevaluable("not finite")
    return result


def _value(e: sympy.Basic, w: World):   # noqa: C901 - one dispatch on node type
    if isinstance(e, sympy.Number):
        return float(e)
    if isinstance(e, sympy.NumberSymbol):
        return float(e)
    if isinstance(e, (sympy.Symbol, sympy.MatrixSymbol)):
        if e.name not in w:
            raise Unevaluable(f"no value for {e.name}")
        return w[e.name]
    if isinstance(e, sympy.Indexed):
        seq = w.get(str(e.base.label))
        k = _whole(_value(e.indices[0], w))
        if not isinstance(seq, list) or not 1 <= k <= len(seq):
            raise Unevaluable(f"no datum {e}")
        return seq[k - 1]
    if isinstance(e, sympy.MatMul):
        out = None
        for f in e.args:
            v = _value(f, w)
            if out is None:
                out = v
            elif isinstance(out, np.ndarray) and isinstance(v, np.ndarray):
                if out.shape[1] != v.shape[0]:
                    raise Unevaluable("sizes do not fit")
                out = out @ v
            else:
                out = out * v
        return out
    if isinstance(e, (sympy.MatAdd, sympy.Add)):
        vals = [_value(a, w) for a in e.args]
        total = vals[0]
        for v in vals[1:]:
            total = total + v
        return total
    if isinstance(e, sympy.Mul):
        out = 1.0
        for a in e.args:
            out = out * _value(a, w)
        return out
    if isinstance(e, sympy.Pow):
        base, exp = _value(e.base, w), _value(e.exp, w)
        if isinstance(base, np.ndarray):
            raise Unevaluable("power of an array")
        if base == 0 and exp < 0:
            raise OutsideDomain("division by zero")
        if base < 0 and exp != int(exp):
            raise OutsideDomain("root of a negative number")
        return float(base) ** float(exp)
    if isinstance(e, sympy.MatPow):
        m, k = _value(e.base, w), _whole(_value(e.exp, w))
        if k < 0 and np.linalg.cond(m) > SINGULAR_CONDITION:
            raise Unevaluable("singular")
        return np.linalg.matrix_power(m, k)
    op = ops.matrix_by_class(type(e))
    if op is not None and op.head is not AsScalar:
        # transpose, inverse, det, tr, diag, norm: the registry's float facet
        try:
            return op.float(*(_value(a, w) for a in e.args))
        except ArithmeticError as err:
            raise Unevaluable(str(err)) from None
    if isinstance(e, sympy.Identity):
        return np.eye(_whole(_value(e.rows, w)))
    if isinstance(e, sympy.OneMatrix):
        return np.ones((_whole(_value(e.rows, w)), _whole(_value(e.cols, w))))
    if isinstance(e, sympy.ZeroMatrix):
        return np.zeros((_whole(_value(e.rows, w)), _whole(_value(e.cols, w))))
    if isinstance(e, sympy.HadamardProduct):
        out = _value(e.args[0], w)
        for a in e.args[1:]:
            out = out * _value(a, w)
        return out
    if isinstance(e, AsScalar):
        m = _value(e.arg, w)
        return float(m[0, 0]) if isinstance(m, np.ndarray) else m
    if isinstance(e, Elementwise):
        fn = _float_fn(e.name)
        arr = _value(e.arg, w)
        return np.vectorize(fn, otypes=[float])(arr)
    if isinstance(e, (sympy.Sum, sympy.Product)):
        return _big_operator(e, w)
    if isinstance(e, sympy.Function):
        fn = _float_fn_of(type(e))
        return fn(*(float(_value(a, w)) for a in e.args))
    if isinstance(e, MatrixExpr):
        raise Unevaluable(f"cannot compute {type(e).__name__}")
    raise Unevaluable(f"cannot compute {type(e).__name__}")


def _big_operator(e: sympy.Basic, w: World) -> Any:
    body, (index, low, high) = e.function, e.limits[0]
    a, b = _whole(_value(low, w)), _whole(_value(high, w))
    if b - a + 1 > MAX_TERMS:
        raise Unevaluable("too many terms")
    inner = dict(w)
    is_sum = isinstance(e, sympy.Sum)
    out: Any = 0.0 if is_sum else 1.0
    if b < a - 1:  # SymPy's (Karr) convention for reversed bounds
        sign_sum = _big_operator(type(e)(body, (index, b + 1, a - 1)), w)
        return -sign_sum if is_sum else 1.0 / sign_sum
    for k in range(a, b + 1):
        inner[index.name] = float(k)
        v = _value(body, inner)
        out = out + v if is_sum else out * v
    return out


def _whole(v) -> int:
    if isinstance(v, np.ndarray) or abs(v - round(v)) > 1e-9:
        raise Unevaluable("not a whole number")
    return int(round(v))


def _float_fn(name: str):
    op = ops.by_name(name)
    if op is None or not isinstance(op, ops.Operation):
        raise Unevaluable(f"no numeric value for {name}")
    return op.numeric.float


def _float_fn_of(cls: type):
    op = ops.by_class(cls)
    if op is None:
        raise Unevaluable(f"no numeric value for {cls.__name__}")
    return op.numeric.float
