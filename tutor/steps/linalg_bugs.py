"""Misconceptions in linear algebra, as wrong rules run on the engine's nodes (`NodeBug`).

Each bug names the rule ids it applies to and computes the wrong value a
learner who holds it would get there; `tutor.steps.solution` carries that
value up to the final answer. Messages name the slip in terms of what the
question shows (its entries, its matrix), never a value the learner is asked
to find.

>>> from tutor.steps.solve import solution_steps
>>> solution_steps("inverse([[4, 7], [2, 6]])").diagnose("[[6, -7], [-2, 4]]").bug
'inverse_forgot_det'
"""
from __future__ import annotations

from collections.abc import Sequence

import sympy
from sympy import Basic

from tutor.steps.linalg import (CharPoly, CofactorExpansion, Dot, MatrixProduct, ScaledDet, TriangularDet,
                                real_roots)
from tutor.steps.node import Node, NodeBug, as_rule
from tutor.steps.rowops import eliminate, last


def _m(node: Node) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(node.expr)


def _ba(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a, b = _m(node), as_rule(node, MatrixProduct).right
    return (sympy.ImmutableMatrix(b * a),) if b.cols == a.rows else ()


def _entrywise(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a, b = _m(node), as_rule(node, MatrixProduct).right
    return (sympy.ImmutableMatrix(a.multiply_elementwise(b)),) if a.shape == b.shape else ()


def _ad_plus_bc(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a, b, c, d = _m(node)
    return (sympy.expand(a * d + b * c),)


def _cofactor_signs(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = _m(node)
    positions = as_rule(node, CofactorExpansion).positions
    all_plus = sympy.expand(sympy.Add(*[m[p] * part for p, part in zip(positions, parts)]))
    # + − + along the line whatever its place in the pattern (the first row's signs everywhere)
    alternating = sympy.expand(sympy.Add(*[(-1) ** k * m[p] * part
                                           for k, (p, part) in enumerate(zip(positions, parts))]))
    return (all_plus, alternating)


def _swap_sign(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    u = last(_m(node), parts)
    return (sympy.Mul(*[u[i, i] for i in range(u.rows)]),) if as_rule(node, TriangularDet).swaps() % 2 else ()


def _scaled_linear(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (as_rule(node, ScaledDet).c * parts[0],)


def _adjugate(node: Node) -> sympy.ImmutableMatrix:
    a, b, c, d = _m(node)
    return sympy.ImmutableMatrix([[d, -b], [-c, a]])


def _forgot_det(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (_adjugate(node),)


def _reciprocals(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = _m(node)
    return () if any(e == 0 for e in m) else (m.applyfunc(lambda e: 1 / e),)


def _swap_no_negate(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a, b, c, d = _m(node)
    return (sympy.ImmutableMatrix([[d, b], [c, a]]) / parts[0],)


def _negate_diagonal(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    a, b, c, d = _m(node)
    return (sympy.ImmutableMatrix([[-a, b], [c, -d]]) / parts[0], sympy.ImmutableMatrix([[a, -b], [-c, d]]) / parts[0])


def _diagonal(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = _m(node)
    return (sympy.FiniteSet(*[m[i, i] for i in range(m.rows)]),)


def _triangular(node: Node) -> bool:
    m = _m(node)
    return m.is_upper or m.is_lower


def _negate_set(roots: Basic) -> Basic:
    return sympy.FiniteSet(*[-r for r in roots.args]) if isinstance(roots, sympy.FiniteSet) else roots


def _roots_negated(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    # at the eigenvalues, whose child is the characteristic polynomial in its variable
    return (_negate_set(real_roots(parts[0], as_rule(node.children[0], CharPoly).variable)),)


def _det_minus_lambda(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = _m(node)
    return (sympy.expand(m.det() - as_rule(node, CharPoly).variable),)


def _rows(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.Integer(_m(node).rows), sympy.Integer(min(_m(node).shape)))


def _nonzero_rows(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = _m(node)
    return (sympy.Integer(sum(1 for i in range(m.rows) if any(e != 0 for e in m.row(i)))),)


def _echelon_only(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    m = _m(node)
    echelon = last(m, [op.result for op in eliminate(m, reduced=False)])
    rows = []
    for i in range(echelon.rows):  # the same, with each pivot scaled to 1 but nothing cleared above
        pivot = next((e for e in echelon.row(i) if e != 0), 1)
        rows.append([e / pivot for e in echelon.row(i)])
    return (echelon, sympy.ImmutableMatrix(rows))


def _dot_entrywise(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.ImmutableMatrix([a * b for a, b in zip(node.expr, as_rule(node, Dot).other)]),)


def _no_sqrt(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (parts[0],)


def _sum_abs(node: Node, parts: Sequence[Basic]) -> tuple[Basic, ...]:
    return (sympy.Add(*[abs(e) for e in node.expr]),)


LINALG_BUGS: tuple[NodeBug, ...] = (
    NodeBug("product_order_ba", "Multiplies in the order BA when AB is asked (matrix products do not "
            "commute).", frozenset({"matrix_product"}), _ba,
            "You multiplied in the other order: for {goal} the rows come from the left matrix {A} and "
            "the columns from the right one {B}; BA is usually a different matrix.",
            "Matrix product: entry (i, j) of AB is row i of A times column j of B. Keep the order."),
    NodeBug("entrywise_product", "Multiplies matching entries instead of rows by columns.",
            frozenset({"matrix_product"}), _entrywise,
            "You multiplied matching entries of {A} and {B}. The matrix product takes a row of the left "
            "matrix times a column of the right one, multiplied entry by entry and added.",
            "Entry (i, j) of AB is row i of A · column j of B: multiply matching entries and add them up."),
    NodeBug("det_ad_plus_bc", "Takes the 2×2 determinant as ad + bc.", frozenset({"det_2x2"}),
            _ad_plus_bc,
            "For {goal} you added the two diagonal products; the determinant subtracts them: ad − bc, "
            "here {a}·{d} − {b}·{c}.",
            "2×2 determinant: det [[a, b], [c, d]] = ad − bc (main diagonal minus the other diagonal)."),
    NodeBug("cofactor_sign_pattern", "Forgets the cofactor signs (−1)^(i+j), or starts the + − + pattern "
            "with + on every line.", frozenset({"cofactor_expansion"}), _cofactor_signs,
            "The signs in the expansion of {goal} along {line} are wrong: each term carries (−1)^(i+j), "
            "from the checkerboard + − + / − + − / + − +.",
            "Cofactor expansion: det A = Σ (−1)^(i+j)·aᵢⱼ·det(Mᵢⱼ). Read each sign off the checkerboard "
            "at the entry's own row and column."),
    NodeBug("det_swap_sign_forgotten", "Forgets that a row swap changes the sign of the determinant.",
            frozenset({"det_row_reduction"}), _swap_sign,
            "In reducing {matrix} you swapped rows: each swap changes the sign of the determinant, and "
            "your answer has the opposite sign.",
            "Row swap: det changes sign. Count the swaps and multiply by (−1) for each."),
    NodeBug("det_scalar_linear", "Takes det(cA) = c·det(A).", frozenset({"det_scalar_multiple"}),
            _scaled_linear,
            "det(cA) is not c·det(A): each of the {n} rows of the matrix carries the factor {c}, so "
            "det(cA) = c^{n}·det(A).",
            "det(cA) = cⁿ·det(A) for an n×n matrix A."),
    NodeBug("inverse_forgot_det", "Swaps and negates the 2×2 entries but forgets to divide by det.",
            frozenset({"inverse_2x2"}), _forgot_det,
            "You swapped the diagonal and negated the other entries of {matrix}, but did not divide by "
            "the determinant ad − bc.",
            "2×2 inverse: (1/(ad − bc))·[[d, −b], [−c, a]]. Compute ad − bc and divide every entry by it."),
    NodeBug("inverse_entrywise_reciprocal", "Takes the inverse to be the matrix of reciprocals 1/aᵢⱼ.",
            frozenset({"inverse_2x2", "gauss_jordan"}), _reciprocals,
            "The inverse of {matrix} is not the matrix of reciprocals of its entries: A⁻¹ is the matrix "
            "with A·A⁻¹ = I.",
            "Check any candidate by multiplying: A·A⁻¹ must be I. Use the 2×2 formula or row reduce [A | I]."),
    NodeBug("inverse_swap_no_negate", "Swaps the diagonal but does not negate the off-diagonal entries.",
            frozenset({"inverse_2x2"}), _swap_no_negate,
            "You swapped a and d of {matrix} but kept the signs of b and c: they change sign, "
            "[[d, −b], [−c, a]].",
            "2×2 inverse: swap a and d, negate b and c, divide by ad − bc."),
    NodeBug("inverse_negate_wrong_entries", "Negates the diagonal (or keeps it in place) instead of "
            "swapping a and d.", frozenset({"inverse_2x2"}), _negate_diagonal,
            "In the 2×2 inverse of {matrix} the diagonal entries a and d trade places (without a sign "
            "change); only b and c are negated.",
            "2×2 inverse: [[a, b], [c, d]]⁻¹ = (1/(ad − bc))·[[d, −b], [−c, a]]."),
    NodeBug("eigenvalues_from_diagonal", "Reads the eigenvalues off the diagonal of a matrix that is not "
            "triangular.", frozenset({"eigenvalues"}), _diagonal,
            "The diagonal entries of {matrix} are its eigenvalues only when the matrix is triangular; "
            "this one is not. Solve det(A − λI) = 0.",
            "Eigenvalues: find det(A − λI) and its roots.",
            when=lambda node: not _triangular(node)),
    NodeBug("eigenvalues_root_sign", "Takes the roots of (λ − r)(λ − s) to be −r and −s.",
            frozenset({"eigenvalues"}), _roots_negated,
            "Your eigenvalues have the wrong signs: a factor (λ − r) is zero at λ = r, not at λ = −r.",
            "Factor det(A − λI) and set each factor to zero: λ − r = 0 gives λ = r."),
    NodeBug("charpoly_det_minus_lambda", "Takes det(A) − λ for det(A − λI).",
            frozenset({"charpoly"}), _det_minus_lambda,
            "You subtracted λ once from det {matrix}; λ is subtracted from every diagonal entry before "
            "taking the determinant: det(A − λI).",
            "Characteristic polynomial: first A − λI (λ off each diagonal entry), then its determinant."),
    NodeBug("rank_counts_dependent_rows", "Counts every row (or the smaller dimension) as the rank, "
            "missing rows that depend on others.", frozenset({"rank"}), _rows,
            "Not every row of {matrix} adds to the rank: a row that is a combination of others becomes "
            "zero when you row reduce. Count the pivots.",
            "Rank: row reduce and count the non-zero rows."),
    NodeBug("rank_nonzero_rows_unreduced", "Counts the non-zero rows before row reducing.",
            frozenset({"rank"}), _nonzero_rows,
            "You counted the non-zero rows of {matrix} as it stands; row reduce it first, since "
            "dependent rows only become zero then.",
            "Rank: count the non-zero rows of the echelon form, not of the original matrix."),
    NodeBug("rref_echelon_only", "Stops at an echelon form: pivots not 1, or entries above them not "
            "cleared.", frozenset({"rref"}), _echelon_only,
            "That is an echelon form of {matrix}, not the reduced one: in rref each pivot is 1 and is the "
            "only non-zero entry of its column.",
            "Reduced form: scale each pivot row so the pivot is 1, then clear the entries above it too."),
    NodeBug("dot_entrywise", "Gives the vector of products instead of their sum.", frozenset({"dot"}),
            _dot_entrywise,
            "The dot product {goal} is a number: after multiplying matching entries, add the products.",
            "u·v = u₁v₁ + u₂v₂ + …"),
    NodeBug("norm_without_root", "Gives the sum of squares (‖v‖²) for the length.", frozenset({"norm"}),
            _no_sqrt,
            "You added the squares of the entries of {v}: that is ‖v‖². The length is its square root.",
            "‖v‖ = √(v₁² + v₂² + …)."),
    NodeBug("norm_sum_of_entries", "Adds the absolute values of the entries (the 1-norm).",
            frozenset({"norm"}), _sum_abs,
            "You added the sizes of the entries; the length squares them, adds, and takes the "
            "square root.",
            "‖v‖ = √(v₁² + v₂² + …), Pythagoras in every dimension."),
)
