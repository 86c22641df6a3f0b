"""Looking operations up: by a name a learner types, by SymPy class, or all of them.

The indexes are built once, when this module is imported (a few dozen entries: microseconds).

>>> import sympy
>>> by_name("arcsin").name, by_class(sympy.asin).name
('asin', 'asin')
>>> by_name("sqrt").build(sympy.Symbol("x"))
sqrt(x)
>>> by_class(sympy.Symbol) is None
True
"""
from __future__ import annotations

import sympy
from sympy import Basic

from tutor.ops.catalogue import ENGINE, LEARNER
from tutor.ops.matrices import MATRIX
from tutor.ops.operation import MatrixOperation, Operation, Spelling
from tutor.tree import preorder

OPERATIONS: tuple[Operation, ...] = tuple(e for e in (*LEARNER, *ENGINE) if isinstance(e, Operation))
"""Every operation, learner ones first, in declaration order."""

SPELLINGS: tuple[Spelling, ...] = tuple(e for e in LEARNER if isinstance(e, Spelling))
"""Learner names that build expressions of other operations (sqrt, cbrt, ln, log10, log2)."""

NAMES: dict[str, Operation | Spelling] = {name: e for e in LEARNER for name in e.names}
"""Every name in the learner language → what it means, in declaration order."""

MATRIX_OPERATIONS: tuple[MatrixOperation, ...] = MATRIX
"""The operations on matrices and vectors (transpose, inverse, det, tr, diag, dot, norm, matmul)."""

MATRIX_NAMES: dict[str, MatrixOperation] = {name: op for op in MATRIX for name in op.names}
"""Every name a learner may call a matrix operation by (``tr``, ``trace``, ``det``, …)."""

_BY_CLASS: dict[type, Operation] = {op.head: op for op in OPERATIONS}
_MATRIX_BY_CLASS: dict[type, MatrixOperation] = {op.head: op for op in MATRIX}
_MATRIX_BY_NAME: dict[str, MatrixOperation] = {name: op for op in MATRIX for name in (op.name, *op.aliases)}
_BY_HEAD_NAME: dict[str, Operation] = {op.head.__name__: op for op in OPERATIONS}


def by_name(name: str) -> Operation | Spelling | None:
    """What a learner name means (any alias: ``arcsin``, ``σ``, ``√``), or None.

    >>> by_name("σ").name, by_name("nothing")
    ('sigmoid', None)
    """
    return NAMES.get(name)


def by_class(cls: type) -> Operation | None:
    """The operation whose SymPy class is `cls` (``sympy.sech``, ``tutor.functions.sigmoid``), or None.

    >>> import sympy
    >>> by_class(sympy.Max).name
    'max'
    """
    return _BY_CLASS.get(cls)


def by_head_name(name: str) -> Operation | None:
    """The operation whose SymPy class is called `name` (``"ceiling"``, ``"Abs"``), or None.

    >>> by_head_name("ceiling").name
    'ceil'
    """
    return _BY_HEAD_NAME.get(name)


def breaks_in(expr: Basic) -> tuple[tuple[Basic, Operation], ...]:
    """The calls in `expr` to operations that kink or jump, each with its operation, outermost first.

    ``op.breaks.where(node.args)`` gives expressions that vanish where the call breaks.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> [(str(node), op.breaks.kind.value) for node, op in breaks_in(sympy.Abs(x - 1) + sympy.floor(x))]
    [('Abs(x - 1)', 'kink'), ('floor(x)', 'jump')]
    """
    found = []
    for node in preorder(expr):
        op = _BY_CLASS.get(type(node))
        if op is not None and not op.breaks.smooth:
            found.append((node, op))
    return tuple(found)


def matrix_by_name(name: str) -> MatrixOperation | None:
    """The matrix operation a name means (canonical or alias, ``matmul`` included), or None.

    >>> matrix_by_name("trace").name, matrix_by_name("matmul").noun, matrix_by_name("sin")
    ('tr', 'matrix product', None)
    """
    return _MATRIX_BY_NAME.get(name)


def matrix_by_class(cls: type) -> MatrixOperation | None:
    """The matrix operation whose SymPy node class is `cls` (``sympy.Inverse`` → inverse), or None.

    >>> import sympy
    >>> matrix_by_class(sympy.Inverse).name, matrix_by_class(sympy.sin)
    ('inverse', None)
    """
    return _MATRIX_BY_CLASS.get(cls)


def matrix_operation_of(node: Basic) -> MatrixOperation | None:
    """The matrix operation at the top of `node`: by its class, and a matrix to the power −1 as
    the inverse (SymPy builds ``MatPow(A, -1)`` for a typed ``A^-1`` of an explicit matrix).

    >>> import sympy
    >>> M = sympy.ImmutableMatrix([[1, 2], [3, 4]])
    >>> matrix_operation_of(sympy.MatPow(M, -1, evaluate=False)).name
    'inverse'
    """
    if isinstance(node, sympy.MatPow) and node.exp == -1:
        return _MATRIX_BY_CLASS[sympy.Inverse]
    return _MATRIX_BY_CLASS.get(type(node))

