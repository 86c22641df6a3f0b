"""Whether two results agree: matrices entry by entry, sets as sets, numbers to a table's precision.

Diagnosis compares a learner's answer with the correct result and with every
buggy rule's result. Numbers match when they agree to about 4 significant
digits (a learner who rounds 2/13 to 0.1538, or reads Φ(1) = 0.8413 from a
table, is right); expressions with variables match when their values agree at
fixed sample points (`tutor.steps.numeric`).

>>> import sympy
>>> matches(sympy.Float(0.1538), sympy.Rational(2, 13))
True
>>> matches(sympy.ImmutableMatrix([1, 2]), sympy.ImmutableMatrix([1, 3]))
False
>>> matches(sympy.FiniteSet(3, 1), sympy.ImmutableMatrix([1, 3]))
True
"""
from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import Basic

from tutor.parser.evaluate import too_large
from tutor.steps.numeric import fingerprint

# numbers: a relative tolerance for rounded decimals, and an absolute one near 0
_REL = 5e-4
_ABS = 5e-5
# expressions with variables: values at the sample points must agree closely
_REL_SYMBOLIC = 1e-8


def entries(value: Basic) -> tuple[tuple[int, int] | None, list[Basic]] | None:
    """The shape (None for a set or a scalar) and the entries of a value, or None if it has none.

    Sets, tuples and vectors given for a set are sorted by value, so {3, 1} and [1, 3] agree.

    >>> entries(sympy.FiniteSet(3, 1))
    (None, [1, 3])
    """
    if isinstance(value, sympy.MatrixBase):
        return value.shape, list(value)
    if value is sympy.S.EmptySet:
        return None, []
    if isinstance(value, (sympy.FiniteSet, sympy.Tuple)):
        items = list(value.args)
        if any(too_large(e) for e in items):
            return None, items      # sorting compares values, and would compute 182 + 7.0^(10^(10^6))
        try:
            # numbers only: asked for the complex value of x_9^387420489, SymPy expands (a + b i)^387420489
            if not all(e.is_number for e in items):
                raise TypeError
            items.sort(key=lambda e: complex(sympy.N(e)).real)
        except (TypeError, ValueError):
            items.sort(key=sympy.default_sort_key)
        return None, items
    if isinstance(value, sympy.Expr):
        return (1, 1), [value]
    return None


def matches(a: Basic, b: Basic) -> bool:
    """Whether value `a` agrees with value `b` (see the module docstring).

    >>> x = sympy.Symbol("x")
    >>> matches(2 * sympy.sin(x) * sympy.cos(x), sympy.sin(2 * x)), matches(x, x + 1)
    (True, False)
    """
    first, second = entries(a), entries(b)
    if first is None or second is None:
        return False
    (shape_a, items_a), (shape_b, items_b) = first, second
    if len(items_a) != len(items_b):
        return False
    if shape_a is not None and shape_b is not None and shape_a != shape_b:
        # a column vector and a row vector with the same entries are the same vector to a learner
        if 1 not in shape_a or 1 not in shape_b:
            return False
    return all(_same(x, y) for x, y in zip(items_a, items_b))


def _same(a: Basic, b: Basic) -> bool:
    if a == b:
        return True
    numbers = not getattr(a, "free_symbols", True) and not getattr(b, "free_symbols", True)
    fa, fb = fingerprint(a), fingerprint(b)
    if fa is None or fb is None:
        return False
    rel, absolute = (_REL, _ABS) if numbers else (_REL_SYMBOLIC, 1e-10)
    return all(abs(u - v) <= rel * abs(v) + absolute for u, v in zip(fa, fb))


def matches_up_to(key: Callable[[Basic], Basic]) -> Callable[[Basic, Basic], bool]:
    """A comparison of `key(a)` with `key(b)`: e.g. derivatives, for antiderivatives up to a constant.

    >>> x = sympy.Symbol("x")
    >>> matches_up_to(lambda f: sympy.diff(f, x))(x**2 + 5, x**2)
    True
    """
    return lambda a, b: matches(key(a), key(b))
