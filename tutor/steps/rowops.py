"""Row operations as rule nodes, and the elimination that chooses them (Gauss–Jordan, exact).

Each operation is a bookkeeping `Node` whose ``expr`` is the matrix before it
and whose result is the matrix after it, so every operation recomputes itself.
`eliminate` chooses the operations the way a teacher does: the first non-zero
pivot in each column (a row with a pivot of ±1 preferred, to avoid fractions),
swap it up, scale it to 1 (for the reduced form), clear the column.

>>> import sympy
>>> ops = eliminate(sympy.ImmutableMatrix([[2, 4], [1, 3]]), reduced=True)
>>> [op.operation() for op in ops]
['R1 ↔ R2', 'R2 → R2 − 2·R1', 'R2 → (−1/2)·R2', 'R1 → R1 − 3·R2']
>>> ops[-1].result.tolist()
[[1, 0], [0, 1]]
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.node import Node, latex, show, tight
from tutor.values import frozen


@frozen(eq=False, kw_only=True)
class RowOp(Node):
    """One elementary row operation on the matrix `expr` (rows numbered from 0)."""

    i: int
    subgoal = False

    def goal(self) -> str:
        return self.operation()

    def operation(self) -> str:
        """The operation in the usual shorthand, e.g. ``R2 → R2 − 3·R1``."""
        raise NotImplementedError

    def goal_latex(self) -> str:
        return latex(self.expr)


@frozen(eq=False, kw_only=True)
class RowSwap(RowOp):
    """Rᵢ ↔ Rⱼ: exchange two rows."""

    j: int
    rule = "row_swap"
    name = "row swap"
    statement = "Exchanging two rows gives an equivalent system (and changes the sign of a determinant)."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        rows = [list(self.expr.row(r)) for r in range(self.expr.rows)]
        rows[self.i], rows[self.j] = rows[self.j], rows[self.i]
        return sympy.ImmutableMatrix(rows)

    def operation(self) -> str:
        return f"R{self.i + 1} ↔ R{self.j + 1}"


@frozen(eq=False, kw_only=True)
class RowScale(RowOp):
    """Rᵢ → k·Rᵢ for k ≠ 0: make the pivot 1."""

    k: Basic
    rule = "row_scale"
    name = "row scaling"
    statement = "Multiplying a row by a non-zero number gives an equivalent system."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        m = sympy.Matrix(self.expr)
        m[self.i, :] = self.k * m[self.i, :]
        return sympy.ImmutableMatrix(m)

    def operation(self) -> str:
        k = show(self.k)
        factor = f"({k})" if "/" in k else k
        if factor.startswith("−") and "/" in k:
            factor = f"−({k[1:]})"
        return f"R{self.i + 1} → {factor}·R{self.i + 1}"


@frozen(eq=False, kw_only=True)
class RowReplace(RowOp):
    """Rᵢ → Rᵢ − k·Rⱼ: clear an entry below or above a pivot."""

    j: int
    k: Basic
    rule = "row_replace"
    name = "row replacement"
    statement = ("Subtracting a multiple of one row from another gives an equivalent system "
                 "(and keeps a determinant).")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        m = sympy.Matrix(self.expr)
        m[self.i, :] = m[self.i, :] - self.k * m[self.j, :]
        return sympy.ImmutableMatrix(m.applyfunc(sympy.expand) if m.free_symbols else m)

    def operation(self) -> str:
        k = self.k
        sign, size = ("+", -k) if k.is_negative else ("−", k)
        factor = "" if size == 1 else f"{tight(size)}·"
        return f"R{self.i + 1} → R{self.i + 1} {sign} {factor}R{self.j + 1}"


def eliminate(m: sympy.ImmutableMatrix, *, reduced: bool, columns: int | None = None,
              scale: bool = True) -> tuple[RowOp, ...]:
    """The row operations that bring `m` to (reduced) row echelon form, in order.

    Only the first `columns` columns get pivots (the coefficient part of an augmented matrix);
    without `scale`, pivots are not made 1 (for a determinant).

    >>> import sympy
    >>> [op.rule for op in eliminate(sympy.ImmutableMatrix([[1, 2], [3, 4]]), reduced=False, scale=False)]
    ['row_replace']
    """
    ops: list[RowOp] = []
    current = sympy.ImmutableMatrix(m)
    row = 0
    for col in range(m.cols if columns is None else columns):
        if row >= m.rows:
            break
        pivot = _pivot_row(current, row, col)
        if pivot is None:
            continue
        steps: list[RowOp] = []
        if pivot != row:
            steps.append(RowSwap(expr=current, i=row, j=pivot))
            current = steps[-1].result
        if reduced and scale and current[row, col] != 1:
            steps.append(RowScale(expr=current, i=row, k=1 / current[row, col]))
            current = steps[-1].result
        targets = range(m.rows) if reduced else range(row + 1, m.rows)
        for r in targets:
            if r != row and current[r, col] != 0:
                steps.append(RowReplace(expr=current, i=r, j=row, k=current[r, col] / current[row, col]))
                current = steps[-1].result
        ops += steps
        row += 1
    return tuple(ops)


def _pivot_row(m: sympy.ImmutableMatrix, row: int, col: int) -> int | None:
    nonzero = [r for r in range(row, m.rows) if m[r, col] != 0]
    if not nonzero:
        return None
    if not all(m[r, col].is_number for r in nonzero):
        return nonzero[0]
    unit = [r for r in nonzero if abs(m[r, col]) == 1]
    if m[row, col] != 0 and (abs(m[row, col]) == 1 or not unit):
        return row
    return unit[0] if unit else nonzero[0]


def last(m: sympy.ImmutableMatrix, parts: Sequence[Basic]) -> sympy.ImmutableMatrix:
    """The matrix after the last operation (`m` itself when there is none).

    >>> last(sympy.ImmutableMatrix([[1]]), [])
    Matrix([[1]])
    """
    return sympy.ImmutableMatrix(parts[-1]) if parts else sympy.ImmutableMatrix(m)
