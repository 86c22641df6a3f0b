"""Whether two values built from declared matrices, vectors and data agree: same shape, same numbers.

The step engine's results for matrix calculus are symbolic (2Xᵀ(X w − y)), so they are compared as
the checker compares such answers: by shape first (a row is not a column), then by their values in a
few random worlds (`tutor.linalg.numeric`: random sizes for n and d, random matrices, scalars and
data). The worlds are drawn from fixed seeds, so a comparison gives the same answer every time.

>>> from tutor.linalg.declare import declarations
>>> from tutor.parser import parse
>>> decls = declarations({"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"})
>>> same = ArrayCompare.of(decls)
>>> read = lambda text: parse(text, variables=["X", "w", "y"], shapes=decls).expr
>>> same(read("2 X^T (X w - y)"), read("2 X^T X w - 2 X^T y"))
True
>>> same(read("2 X^T (X w - y)"), read("2 (X w - y)^T X"))
False
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import field
from typing import Any

import sympy
from sympy import Basic

from tutor.errors import TutorError
from tutor.linalg.declare import Declaration
from tutor.linalg.shapes import shape_of
from tutor.values import frozen

WORLDS = 4          # random worlds where both values are defined, compared at most
DRAWN = 12          # worlds drawn: (XᵀX)⁻¹ is undefined wherever n < d, so some are skipped
_SEED = 20261205
_RELATIVE = 1e-7


@frozen(eq=False)
class ArrayCompare:
    """Compares values under `decls` (name → declaration); callable as ``compare(a, b)``."""

    decls: tuple[tuple[str, Declaration], ...]
    _worlds: dict[tuple[str, ...], list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _values: dict[tuple[Basic, tuple[str, ...], int], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, decls: Mapping[str, Declaration]) -> ArrayCompare:
        """The comparison for these declarations.

        >>> from tutor.linalg.declare import declarations
        >>> ArrayCompare.of(declarations({"w": "vector(3)"})).decls[0][0]
        'w'
        """
        return cls(tuple(sorted(decls.items())))

    def __call__(self, a: Basic, b: Basic) -> bool:
        from tutor.linalg.numeric import Unevaluable

        if not _comparable(a) or not _comparable(b) or _shape(a) != _shape(b):
            return False
        if a == b:
            return True
        agree = 0
        names = tuple(sorted(scalar_names(a) | scalar_names(b)))
        for k in range(len(self.worlds(names))):
            try:
                if not _close(self._value(a, names, k), self._value(b, names, k)):
                    return False
            except (Unevaluable, TutorError):
                continue
            agree += 1
            if agree >= WORLDS:
                break
        return agree >= 2

    def _value(self, expr: Basic, names: tuple[str, ...], k: int) -> Any:
        """`expr`'s value in world `k` of `names` (kept: a solution compares its answer with
        every step's result, in the same worlds; a value that cannot be had raises each time)."""
        from tutor.linalg.numeric import value

        key = (expr, names, k)
        if key not in self._values:
            self._values[key] = value(expr, self.worlds(names)[k])
        return self._values[key]

    def worlds(self, names: tuple[str, ...]) -> list[dict[str, Any]]:
        """The random worlds for these scalar names (made once per set of names)."""
        from tutor.linalg.numeric import draw

        if names not in self._worlds:
            decls = dict(self.decls)
            dims = sorted({d for decl in decls.values() for d in decl.dim_names})
            made = []
            for k in range(DRAWN):
                rng = random.Random(_SEED + k)
                # sizes from 2 up: n and d differ in most worlds, so a missing transpose shows
                made.append(draw(decls, names, rng, dims={d: rng.randint(2, 6) for d in dims}))
            self._worlds[names] = made
        return self._worlds[names]


def scalar_names(expr: Basic) -> set[str]:
    """The names of the plain symbols in `expr` (not indices bound by a sum, not arrays).

    >>> i, n, c = sympy.symbols("i n c")
    >>> sorted(scalar_names(c * sympy.Sum(sympy.IndexedBase("x")[i], (i, 1, n))))
    ['c', 'n']
    """
    found: set[str] = set()
    for s in getattr(expr, "free_symbols", ()):
        if isinstance(s, sympy.Symbol) and not isinstance(s, sympy.Dummy):
            found.add(s.name)
        elif isinstance(s, sympy.MatrixSymbol):
            found |= {d.name for d in s.shape if isinstance(d, sympy.Symbol)}
    data = {str(base.label) for base in expr.atoms(sympy.IndexedBase)} if isinstance(expr, Basic) else set()
    return found - data - {"I_size"}


def _comparable(value: object) -> bool:
    return isinstance(value, Basic) and not isinstance(value, (sympy.MatrixBase, sympy.Set, sympy.Tuple))


def _shape(value: Basic) -> tuple:
    return tuple(shape_of(value))


def _close(a: Any, b: Any) -> bool:
    import numpy as np

    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        return False
    scale = max(1.0, float(np.max(np.abs(y))) if y.size else 1.0)
    return bool(np.all(np.abs(x - y) <= _RELATIVE * scale))
