"""The linear algebra engine: products, determinants, inverses, row reduction, eigenvalues, ...

One rule node per method a course teaches: a matrix product entry by entry
(row · column), the 2×2 determinant ad − bc, cofactor expansion along the
line with the most zeros (3×3, and any matrix with variables), row reduction
to a triangle for larger numeric determinants, the 2×2 inverse formula and
Gauss–Jordan on [A | I], rref, rank, linear systems by row reduction of
[A | b], the characteristic polynomial det(A − λI), its roots, an eigenvector
from the null space of A − λI, dot products and lengths. The builders choose
a rule (`BUILDERS`, by author operation); the nodes compute.

>>> import sympy
>>> node = build_det(sympy.ImmutableMatrix([[1, 2, 0], [3, 4, 0], [5, 6, 7]]))
>>> node.rule, node.fields()["line"], node.result
('cofactor_expansion', 'column 3', -14)
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from math import gcd, lcm

import sympy
from sympy import Basic

from tutor.errors import StepError
from tutor.linalg import roots
from tutor.steps.node import Node, as_rule, latex, show, tight
from tutor.steps.rowops import RowOp, eliminate, last
from tutor.words import with_article
from tutor.values import frozen

LAMBDA = sympy.Symbol("lambda")
_MAX = 6


def call(name: str, *args: object) -> str:
    """An author call as text: ``det([[1, 2], [3, 4]])``.

    >>> call("dot", sympy.ImmutableMatrix([1, 2]), sympy.ImmutableMatrix([3, 4]))
    'dot([1, 2], [3, 4])'
    """
    return f"{name}({', '.join(show(a) for a in args)})"


def _entries(m: sympy.ImmutableMatrix) -> dict[str, str]:
    names = "abcd" if m.shape == (2, 2) else ""
    return {name: show(value) for name, value in zip(names, m)}


# ----- products


@frozen(eq=False, kw_only=True)
class RowColumn(Node):
    """Entry (i, j) of a product: row i of the left matrix · column j of the right one."""

    column: sympy.ImmutableMatrix
    i: int
    j: int
    rule = "row_column"
    name = "row times column"
    statement = "Multiply matching entries of the row and the column, and add."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Add(*[a * b for a, b in zip(self.expr, self.column)])

    def goal(self) -> str:
        return f"entry ({self.i + 1}, {self.j + 1})"

    def instance(self) -> str:
        return " + ".join(f"{tight(a)}·{tight(b)}" for a, b in zip(self.expr, self.column))


@frozen(eq=False, kw_only=True)
class MatrixProduct(Node):
    """(AB)ᵢⱼ = row i of A · column j of B."""

    right: sympy.ImmutableMatrix
    rule = "matrix_product"
    name = "matrix product"
    statement = "Entry (i, j) of AB is row i of A times column j of B: multiply matching entries and add."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.ImmutableMatrix(self.expr.rows, self.right.cols, list(parts))

    def goal(self) -> str:
        return f"{show(self.expr)}·{show(self.right)}"

    def goal_latex(self) -> str:
        return f"{latex(self.expr)}{latex(self.right)}"

    def instance(self) -> str:
        return (f"{with_article(f'{self.expr.rows}×{self.expr.cols}')} times "
                f"{with_article(f'{self.right.rows}×{self.right.cols}')} matrix gives "
                f"{with_article(f'{self.expr.rows}×{self.right.cols} matrix')}; each entry is a row times a column.")

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "A": show(self.expr), "B": show(self.right)}


def build_product(a: sympy.ImmutableMatrix, b: sympy.ImmutableMatrix) -> Node:
    """The product AB, entry by entry.

    >>> build_product(sympy.ImmutableMatrix([[1, 2]]), sympy.ImmutableMatrix([[3], [4]])).result
    Matrix([[11]])
    """
    if a.cols != b.rows:
        raise StepError(f"A {a.rows}×{a.cols} matrix cannot multiply a {b.rows}×{b.cols} one: "
                        "the columns of the first must match the rows of the second.")
    children = tuple(RowColumn(expr=a.row(i), column=b.col(j), i=i, j=j)
                     for i in range(a.rows) for j in range(b.cols))
    return MatrixProduct(expr=a, right=b, children=children)


# ----- determinants


@frozen(eq=False, kw_only=True)
class Det(Node):
    """A determinant node: its goal is det(M)."""

    def goal(self) -> str:
        return call("det", self.expr)

    def goal_latex(self) -> str:
        return rf"\det {latex(self.expr)}"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr), **_entries(self.expr)}


@frozen(eq=False, kw_only=True)
class Det1x1(Det):
    """det [a] = a."""

    rule = "det_1x1"
    name = "1×1 determinant"
    statement = "The determinant of a 1×1 matrix is its entry."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.expr[0, 0]


@frozen(eq=False, kw_only=True)
class Det2x2(Det):
    """det [[a, b], [c, d]] = ad − bc."""

    rule = "det_2x2"
    name = "2×2 determinant"
    statement = "det [[a, b], [c, d]] = ad − bc: the main diagonal's product minus the other diagonal's."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        a, b, c, d = self.expr
        return sympy.expand(a * d - b * c)

    def instance(self) -> str:
        a, b, c, d = self.expr
        return f"{tight(a)}·{tight(d)} − {tight(b)}·{tight(c)}"


@frozen(eq=False, kw_only=True)
class CofactorExpansion(Det):
    """det A = Σⱼ (−1)^(i+j)·aᵢⱼ·Mᵢⱼ along one row (or column); zero entries need no minor."""

    positions: tuple[tuple[int, int], ...]
    line: str
    rule = "cofactor_expansion"
    name = "cofactor expansion"
    statement = ("Along one row or column: det A = Σ (−1)^(i+j)·aᵢⱼ·det(Mᵢⱼ), where Mᵢⱼ drops row i and "
                 "column j. The signs follow the pattern + − + / − + − / + − +; a line with zeros "
                 "saves work.")

    def signs(self) -> list[int]:
        return [(-1) ** (i + j) for i, j in self.positions]

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.expand(sympy.Add(*[s * self.expr[p] * part
                                        for s, p, part in zip(self.signs(), self.positions, parts)]))

    def instance(self) -> str:
        terms = []
        for k, (sign, p, child) in enumerate(zip(self.signs(), self.positions, self.children)):
            text = f"{tight(self.expr[p])}·{child.goal()}"
            terms.append(("− " if sign < 0 else ("+ " if k else "")) + text)
        return f"along {self.line}: " + " ".join(terms) if terms else f"{self.line} is all zeros: 0"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "line": self.line}


@frozen(eq=False, kw_only=True)
class TriangularDet(Det):
    """Row replacements keep det, each swap changes its sign; a triangular det is its diagonal product."""

    rule = "det_row_reduction"
    name = "determinant by row reduction"
    statement = ("Row replacements (Rᵢ → Rᵢ − k·Rⱼ) keep the determinant and each row swap changes its "
                 "sign; once the matrix is triangular, its determinant is the product of the diagonal.")

    def swaps(self) -> int:
        return sum(1 for c in self.children if c.rule == "row_swap")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        u = last(self.expr, parts)
        return (-1) ** self.swaps() * sympy.Mul(*[u[i, i] for i in range(u.rows)])

    def instance(self) -> str:
        swaps = self.swaps()
        sign = f"(−1)^{swaps} · " if swaps else ""
        return f"{sign}the product of the diagonal of the triangular matrix"


@frozen(eq=False, kw_only=True)
class ScaledDet(Det):
    """det(cA) = cⁿ·det A for an n×n matrix A: every row carries the factor c."""

    c: Basic
    rule = "det_scalar_multiple"
    name = "determinant of a multiple"
    statement = "det(cA) = cⁿ·det(A) for an n×n matrix: each of the n rows carries the factor c."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return self.c ** self.expr.rows * parts[0]

    def goal(self) -> str:
        return f"det({tight(self.c)}·{show(self.expr)})"

    def instance(self) -> str:
        return f"{tight(self.c)}^{self.expr.rows}·{self.children[0].goal()}"

    def fields(self) -> dict[str, str]:
        return {**super().fields(), "c": show(self.c), "n": str(self.expr.rows)}


def build_det(m: sympy.ImmutableMatrix) -> Node:
    """det(M) by the rule a course uses for its size (see the module docstring).

    >>> build_det(sympy.ImmutableMatrix([[3, 2], [1, 4]])).instance()
    '3·4 − 2·1'
    """
    _square("det", m)
    if m.rows == 1:
        return Det1x1(expr=m)
    if m.rows == 2:
        return Det2x2(expr=m)
    if m.rows >= 4 and not m.free_symbols:
        ops = eliminate(m, reduced=False, scale=False)
        return TriangularDet(expr=m, children=ops)
    return _cofactor(m)


def _cofactor(m: sympy.ImmutableMatrix) -> Node:
    # the line with the most zeros; on a tie the first row, then the first column
    lines = [("row", i, m.row(i)) for i in range(m.rows)] + [("column", j, m.col(j)) for j in range(m.cols)]
    kind, k, _ = max(lines, key=lambda line: sum(1 for e in line[2] if e == 0))
    positions = [(k, j) if kind == "row" else (j, k) for j in range(m.rows)]
    positions = [p for p in positions if m[p] != 0]
    minors = tuple(build_det(sympy.ImmutableMatrix(m.minor_submatrix(*p))) for p in positions)
    return CofactorExpansion(expr=m, positions=tuple(positions), line=f"{kind} {k + 1}", children=minors)


def build_scaled_det(c: Basic, m: sympy.ImmutableMatrix) -> Node:
    """det(c·M) as cⁿ·det(M).

    >>> build_scaled_det(sympy.Integer(2), sympy.ImmutableMatrix([[1, 2], [3, 4]])).result
    -8
    """
    return ScaledDet(expr=m, c=c, children=(build_det(m),))


# ----- inverses, rref, rank, systems


@frozen(eq=False, kw_only=True)
class Inverse2x2(Node):
    """[[a, b], [c, d]]⁻¹ = 1/(ad − bc)·[[d, −b], [−c, a]]."""

    rule = "inverse_2x2"
    name = "2×2 inverse formula"
    statement = ("[[a, b], [c, d]]⁻¹ = (1/det)·[[d, −b], [−c, a]] with det = ad − bc: swap the diagonal, "
                 "negate the other two entries, divide by the determinant.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        a, b, c, d = self.expr
        return sympy.ImmutableMatrix([[d, -b], [-c, a]]) / parts[0]

    def goal(self) -> str:
        return call("inverse", self.expr)

    def instance(self) -> str:
        a, b, c, d = self.expr
        return f"(1/{self.children[0].goal()})·[[{show(d)}, {show(-b)}], [{show(-c)}, {show(a)}]]"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr), **_entries(self.expr)}


@frozen(eq=False, kw_only=True)
class Rref(Node):
    """Row reduce until every pivot is 1 and is the only non-zero entry of its column."""

    rule = "rref"
    name = "row reduction"
    statement = ("Row reduce: take the first non-zero pivot of each column, make it 1, and clear the rest "
                 "of its column with row replacements.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return last(self.expr, parts)

    def goal(self) -> str:
        return call("rref", self.expr)

    def instance(self) -> str:
        ops = [c.operation() for c in self.children if isinstance(c, RowOp)]
        return ", ".join(ops) if ops else "it is already reduced"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr)}


def build_rref(m: sympy.ImmutableMatrix) -> Rref:
    """The reduced row echelon form, one row operation at a time.

    >>> build_rref(sympy.ImmutableMatrix([[1, 2], [2, 4]])).result
    Matrix([
    [1, 2],
    [0, 0]])
    """
    _size("rref", m)
    return Rref(expr=m, children=eliminate(m, reduced=True))


@frozen(eq=False, kw_only=True)
class GaussJordan(Node):
    """A⁻¹ is the right half of rref([A | I]) when the left half becomes I."""

    rule = "gauss_jordan"
    name = "Gauss–Jordan inverse"
    statement = "Row reduce [A | I]: when the left half becomes I, the right half is A⁻¹."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        n = self.expr.rows
        return sympy.ImmutableMatrix(parts[0][:, n:])

    def goal(self) -> str:
        return call("inverse", self.expr)

    def instance(self) -> str:
        return "row reduce [A | I] and read A⁻¹ on the right"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr)}


def build_inverse(m: sympy.ImmutableMatrix) -> Node:
    """A⁻¹: the 2×2 formula, Gauss–Jordan for larger matrices.

    >>> build_inverse(sympy.ImmutableMatrix([[4, 7], [2, 6]])).result
    Matrix([
    [ 3/5, -7/10],
    [-1/5,   2/5]])
    """
    _square("inverse", m)
    if m.det() == 0:
        raise StepError(f"The matrix {show(m)} is singular (det = 0), so it has no inverse.")
    if m.rows == 2:
        return Inverse2x2(expr=m, children=(build_det(m),))
    augmented = sympy.ImmutableMatrix(m.row_join(sympy.eye(m.rows)))
    rref = Rref(expr=augmented, children=eliminate(augmented, reduced=True, columns=m.rows))
    return GaussJordan(expr=m, children=(rref,))


@frozen(eq=False, kw_only=True)
class Rank(Node):
    """rank A = the number of pivots = the number of non-zero rows of its echelon form."""

    rule = "rank"
    name = "rank"
    statement = ("Row reduce and count the non-zero rows (the pivots): rows that are combinations of "
                 "others become zero and do not count.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        reduced = parts[0]
        return sympy.Integer(sum(1 for i in range(reduced.rows) if any(e != 0 for e in reduced.row(i))))

    def goal(self) -> str:
        return call("rank", self.expr)

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr), "rows": str(self.expr.rows)}


def build_rank(m: sympy.ImmutableMatrix) -> Node:
    """rank(M) from its reduced form.

    >>> build_rank(sympy.ImmutableMatrix([[1, 2], [2, 4]])).result
    1
    """
    return Rank(expr=m, children=(build_rref(_size("rank", m)),))


@frozen(eq=False, kw_only=True)
class LinearSystem(Node):
    """Ax = b: row reduce [A | b]; with a pivot in every column of A, x is the last column."""

    unknowns: tuple[Basic, ...]
    equations: tuple[Basic, ...]
    rule = "linear_system"
    name = "elimination"
    statement = "Write the augmented matrix [A | b], row reduce it, and read each unknown off its pivot row."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.ImmutableMatrix(parts[0][: len(self.unknowns), -1])

    def goal(self) -> str:
        return "solve(" + ", ".join(show(e) for e in self.equations) + ")"

    def instance(self) -> str:
        return f"the augmented matrix [A | b] = {show(self.expr)}"


def build_system(equations: Sequence[Basic], unknowns: Sequence[Basic]) -> Node:
    """A square linear system with one solution, by row reduction of [A | b].

    >>> x, y = sympy.symbols("x y")
    >>> build_system([sympy.Eq(x + y, 3), sympy.Eq(x - y, 1)], [x, y]).result.T
    Matrix([[2, 1]])
    """
    exprs = [e.lhs - e.rhs if isinstance(e, sympy.Equality) else e for e in equations]
    try:
        a, b = sympy.linear_eq_to_matrix(exprs, list(unknowns))
    except ValueError:
        raise StepError("Steps are given for linear systems only.") from None
    if a.rows != a.cols or a.det() == 0:
        raise StepError("Steps are given for square linear systems with exactly one solution.")
    if a.rows > _MAX:
        raise StepError(f"Steps are given for systems of up to {_MAX} equations.")
    augmented = sympy.ImmutableMatrix(a.row_join(b))
    rref = Rref(expr=augmented, children=eliminate(augmented, reduced=True, columns=a.cols))
    return LinearSystem(expr=augmented, unknowns=tuple(unknowns), equations=tuple(equations),
                        children=(rref,))


# ----- eigenvalues and eigenvectors


@frozen(eq=False, kw_only=True)
class Shift(Node):
    """A − λI: subtract λ from every diagonal entry."""

    value: Basic
    rule = "shift_diagonal"
    name = "subtract λ on the diagonal"
    statement = "A − λI subtracts λ from each diagonal entry and leaves the others as they are."
    subgoal = False

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.ImmutableMatrix(self.expr - self.value * sympy.eye(self.expr.rows))

    def goal(self) -> str:
        return f"{show(self.expr)} − {tight(self.value)}·I"


@frozen(eq=False, kw_only=True)
class CharPoly(Node):
    """p(λ) = det(A − λI), expanded."""

    variable: sympy.Symbol
    rule = "charpoly"
    name = "characteristic polynomial"
    statement = "p(λ) = det(A − λI): subtract λ on the diagonal, take the determinant, expand."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.expand(parts[1])

    def goal(self) -> str:
        return f"det({show(self.expr)} − {show(self.variable)}·I)"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr)}


def build_charpoly(m: sympy.ImmutableMatrix, variable: sympy.Symbol = LAMBDA) -> CharPoly:
    """det(M − λI) through a determinant node on the shifted matrix.

    >>> build_charpoly(sympy.ImmutableMatrix([[2, 1], [1, 2]])).result
    lambda**2 - 4*lambda + 3
    """
    _square("charpoly", m)
    shift = Shift(expr=m, value=variable)
    return CharPoly(expr=m, variable=variable, children=(shift, build_det(shift.result)))


@frozen(eq=False, kw_only=True)
class Eigenvalues(Node):
    """The eigenvalues are the real roots of det(A − λI) = 0."""

    rule = "eigenvalues"
    name = "eigenvalues"
    statement = "Solve det(A − λI) = 0: the eigenvalues are the roots of the characteristic polynomial."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return real_roots(parts[0], as_rule(self.children[0], CharPoly).variable)

    def goal(self) -> str:
        return call("eigenvalues", self.expr)

    def instance(self) -> str:
        return f"the roots of {show(self.children[0].result)} = 0"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr)}


def real_roots(p: Basic, variable: sympy.Symbol) -> sympy.FiniteSet:
    """The set of real roots of a polynomial (`tutor.linalg.roots.real_roots`).

    >>> real_roots(LAMBDA**2 - 4 * LAMBDA + 3, LAMBDA)
    {1, 3}
    """
    return roots.real_roots(p, variable)


def build_eigenvalues(m: sympy.ImmutableMatrix) -> Node:
    """The eigenvalues from the characteristic polynomial.

    >>> build_eigenvalues(sympy.ImmutableMatrix([[2, 1], [1, 2]])).result
    {1, 3}
    """
    return Eigenvalues(expr=m, children=(build_charpoly(m),))


@frozen(eq=False, kw_only=True)
class Eigenvector(Node):
    """An eigenvector for λ spans the null space of A − λI: set a free variable to 1, solve for the rest."""

    value: Basic
    rule = "eigenvector"
    name = "eigenvector from the null space"
    statement = ("Solve (A − λI)v = 0: row reduce A − λI, set the free variable to 1, read the pivot "
                 "variables off their rows; any non-zero multiple is an eigenvector too.")

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return integer_direction(null_vector(parts[1]))

    def goal(self) -> str:
        return call("eigenvector", self.expr, self.value)

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "matrix": show(self.expr), "value": show(self.value)}


def null_vector(reduced: sympy.ImmutableMatrix) -> sympy.ImmutableMatrix:
    """One vector of the null space of a reduced matrix: the first free variable set to 1.

    >>> null_vector(sympy.ImmutableMatrix([[1, -1], [0, 0]])).T
    Matrix([[1, 1]])
    """
    pivots = {}
    for r in range(reduced.rows):
        col = next((c for c in range(reduced.cols) if reduced[r, c] != 0), None)
        if col is not None:
            pivots[col] = r
    free = next((c for c in range(reduced.cols) if c not in pivots), None)
    if free is None:
        raise StepError("The null space is only the zero vector: this is not an eigenvalue.")
    v = [sympy.Integer(1) if c == free else (-reduced[pivots[c], free] if c in pivots else 0)
         for c in range(reduced.cols)]
    return sympy.ImmutableMatrix(v)


def integer_direction(v: sympy.ImmutableMatrix) -> sympy.ImmutableMatrix:
    """A rational vector scaled to coprime integers with a positive first non-zero entry.

    >>> integer_direction(sympy.ImmutableMatrix([sympy.Rational(-1, 2), 1])).T
    Matrix([[1, -2]])
    """
    if not all(e.is_Rational for e in v):
        return v
    denominators = reduce(lcm, (int(e.q) for e in v), 1)
    ints = [int(e * denominators) for e in v]
    common = reduce(gcd, ints, 0) or 1
    sign = -1 if next((i for i in ints if i), 1) < 0 else 1
    return sympy.ImmutableMatrix([sign * i // common for i in ints])


def build_eigenvector(m: sympy.ImmutableMatrix, value: Basic) -> Node:
    """An eigenvector of M for the eigenvalue `value`.

    >>> build_eigenvector(sympy.ImmutableMatrix([[2, 1], [1, 2]]), sympy.Integer(3)).result.T
    Matrix([[1, 1]])
    """
    _square("eigenvector", m)
    shift = Shift(expr=m, value=value)
    if shift.result.det() != 0:
        raise StepError(f"{show(value)} is not an eigenvalue of {show(m)}: A − λI is invertible.")
    return Eigenvector(expr=m, value=value, children=(shift, build_rref(shift.result)))


# ----- vectors


@frozen(eq=False, kw_only=True)
class Dot(Node):
    """u·v = Σ uᵢvᵢ."""

    other: sympy.ImmutableMatrix
    rule = "dot"
    name = "dot product"
    statement = "u·v = u₁v₁ + u₂v₂ + …: multiply matching entries and add; the result is a number."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.Add(*[a * b for a, b in zip(self.expr, self.other)])

    def goal(self) -> str:
        return call("dot", self.expr, self.other)

    def instance(self) -> str:
        return " + ".join(f"{tight(a)}·{tight(b)}" for a, b in zip(self.expr, self.other))

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "u": show(self.expr), "v": show(self.other)}


@frozen(eq=False, kw_only=True)
class Norm(Node):
    """‖v‖ = √(v·v)."""

    rule = "norm"
    name = "length of a vector"
    statement = "‖v‖ = √(v·v): the square root of the sum of the squares of the entries."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return sympy.sqrt(parts[0])

    def goal(self) -> str:
        return call("norm", self.expr)

    def instance(self) -> str:
        return f"√({self.children[0].instance()})"

    def fields(self) -> dict[str, str]:
        return {"goal": self.goal(), "v": show(self.expr)}


def build_dot(u: sympy.ImmutableMatrix, v: sympy.ImmutableMatrix) -> Node:
    """u·v entry by entry.

    >>> build_dot(sympy.ImmutableMatrix([1, 2]), sympy.ImmutableMatrix([3, 4])).result
    11
    """
    u, v = _vector("dot", u), _vector("dot", v)
    if len(u) != len(v):
        raise StepError(f"dot needs vectors of the same length, got {len(u)} and {len(v)}.")
    return Dot(expr=u, other=v)


def build_norm(v: sympy.ImmutableMatrix) -> Node:
    """‖v‖ as √(v·v).

    >>> build_norm(sympy.ImmutableMatrix([3, 4])).result
    5
    """
    v = _vector("norm", v)
    return Norm(expr=v, children=(Dot(expr=v, other=v),))


# ----- arguments


def _size(op: str, m: object) -> sympy.ImmutableMatrix:
    if not isinstance(m, sympy.MatrixBase):
        raise StepError(f"{op} needs a matrix, got {show(m)}.")
    if m.rows > _MAX or m.cols > _MAX:
        raise StepError(f"{op}: the matrix is {m.rows}×{m.cols}; steps are given up to {_MAX}×{_MAX}.")
    return sympy.ImmutableMatrix(m)


def _square(op: str, m: object) -> sympy.ImmutableMatrix:
    matrix = _size(op, m)
    if matrix.rows != matrix.cols:
        raise StepError(f"{op} needs a square matrix, got a {matrix.rows}×{matrix.cols} one.")
    return matrix


def _vector(op: str, v: object) -> sympy.ImmutableMatrix:
    if not isinstance(v, sympy.MatrixBase) or 1 not in v.shape:
        raise StepError(f"{op} needs vectors, got {show(v)}.")
    return sympy.ImmutableMatrix(list(v))
