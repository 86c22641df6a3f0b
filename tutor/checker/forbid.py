"""Operations an answer may not use: ``forbid`` ("find the inverse" is not answered by the sign ⁻¹).

The names are the registry's (`tutor.ops`, any alias; the matrix operations ``inverse``, ``det``,
``tr``, ``transpose``, ``diag``, ``dot``, ``norm`` and ``matmul`` too): an operation is found in the
answer as typed (`tutor.parser.computed.reading`, so a typed matrix's inverse is still an inverse)
by its SymPy class (`ops.by_class`, `ops.matrix_operation_of`: a matrix raised to −1 is the
inverse). Such an answer is `invalid`: it is not wrong, it is not finished, and costs the learner
nothing.

>>> import tutor
>>> from tutor.checker.options import CheckOptions
>>> used(tutor.parse("2 exp(3)").expr, ("exp",))
('exp',)
>>> used(tutor.parse("2 e^3").expr, ("exp",))
()
>>> used(tutor.parse("[[1, 2], [3, 4]]^-1").expr, ("inverse",)), used(tutor.parse("det([[1, 2], [3, 4]])").expr, ("det",))
(('inverse',), ('det',))
"""
from __future__ import annotations

from collections.abc import Iterable

import sympy
from sympy.matrices.expressions import MatrixExpr

from tutor import ops
from tutor.errors import CheckError
from tutor.parser.computed import reading
from tutor.tree import preorder


# Operations that are not functions of the registry but that a response can hold unevaluated (a
# grader's SymPy Derivative or Integral, a sum or product over an index), named as the problem files'
# author operations name them (tutor.problems.ops_calculus: diff, integrate; sum, prod over data).
_UNEVALUATED: dict[str, type] = {"diff": sympy.Derivative, "integrate": sympy.Integral, "sum": sympy.Sum,
                                 "prod": sympy.Product}


def canonical(names: Iterable[str], key: str = "forbid") -> tuple[str, ...]:
    """The registry names of the operations listed (aliases resolved), or `CheckError`;
    ``diff`` and ``integrate`` name an unevaluated derivative and integral, ``sum`` and ``prod`` a
    sum and a product over an index (for `forbid`).

    >>> canonical(["arcsin", "exp"])
    ('asin', 'exp')
    >>> canonical(["nothing"])
    Traceback (most recent call last):
    ...
    tutor.errors.CheckError: The option forbid names operations of the registry (tutor.ops); 'nothing' is not one.
    """
    out: list[str] = []
    for name in names:
        if key == "forbid" and name in _UNEVALUATED:
            out.append(name)
            continue
        matrix = ops.matrix_by_name(name) if isinstance(name, str) else None
        if matrix is not None:
            out.append(matrix.name)
            continue
        op = ops.by_name(name) if isinstance(name, str) else None
        if not isinstance(op, ops.Operation):
            raise CheckError(f"The option {key} names operations of the registry (tutor.ops); {name!r} is not one.")
        out.append(op.name)
    return tuple(dict.fromkeys(out))


def used(expr: sympy.Basic, forbidden: tuple[str, ...]) -> tuple[str, ...]:
    """The forbidden operations (registry names) that `expr`, as typed, contains.

    >>> import tutor
    >>> used(tutor.parse("exp(1) + abs(x)").expr, ("abs", "log"))
    ('abs',)
    """
    found: list[str] = []
    for node in preorder(reading(expr)):
        name = _operation(node)
        if name is not None and name in forbidden:
            found.append(name)
    return tuple(dict.fromkeys(found))


def shown(name: str) -> str:
    """How an operation is named to a learner (its unicode printer).

    >>> shown("asin"), shown("inverse")
    ('arcsin', 'inverse')
    """
    matrix = ops.matrix_by_name(name)
    if matrix is not None:
        return matrix.noun
    op = ops.by_name(name)
    if isinstance(op, ops.Operation):
        return op.printers.unicode
    return {"diff": "derivative", "integrate": "integral", "sum": "sum Σ", "prod": "product Π"}.get(name, name)


def _operation(node: sympy.Basic) -> str | None:
    """The name of the operation at the top of `node`, if it is one."""
    unevaluated = next((name for name, cls in _UNEVALUATED.items() if isinstance(node, cls)), None)
    if unevaluated is not None:
        return unevaluated
    matrix = ops.matrix_operation_of(node)
    if matrix is not None:
        if matrix.name == "matmul" and sum(isinstance(a, MatrixExpr) for a in node.args) < 2:
            return None     # 2·A scales a matrix; it multiplies no two matrices
        return matrix.name
    op = ops.by_class(type(node))
    return None if op is None else op.name
