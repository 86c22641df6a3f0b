"""The linear algebra engine: against the author interpreter on random instances, its teaching, its bugs."""
from __future__ import annotations

import random

import pytest
import sympy

from steps_oracle import (check_against_interpreter, gives_away, integer_matrix, interpreted, unimodular,
                          with_eigenvalues)
from tutor.errors import StepError
from tutor.steps.linalg_bugs import LINALG_BUGS
from tutor.steps.solve import solution_steps

PER_OPERATION = 20  # × 11 operations: over 200 random instances for the engine


def _text(m: sympy.ImmutableMatrix) -> str:
    return str(m.tolist())


def _det(rng):
    n = rng.choice([2, 2, 3, 3, 4])
    return "det(A)", {"A": _text(integer_matrix(rng, n, n))}


def _inverse(rng):
    n = rng.choice([2, 3])
    m = integer_matrix(rng, n, n)
    while m.det() == 0:
        m = integer_matrix(rng, n, n)
    return "inverse(A)", {"A": _text(m)}


def _rref(rng):
    rows, cols = rng.choice([(2, 3), (3, 3), (3, 4), (2, 2)])
    m = integer_matrix(rng, rows, cols, -3, 3)
    if rng.random() < 0.4:  # a dependent row now and then
        m = m.row_insert(rows, rng.randint(-2, 2) * m.row(0))
    return "rref(A)", {"A": _text(m)}


def _rank(rng):
    name, values = _rref(rng)
    return "rank(A)", values


def _solve(rng):
    n = rng.choice([2, 3])
    a = integer_matrix(rng, n, n, -4, 4)
    while a.det() == 0:
        a = integer_matrix(rng, n, n, -4, 4)
    names = sympy.symbols("x y z")[:n]
    b = [rng.randint(-9, 9) for _ in range(n)]
    equations = {f"e{i + 1}": f"{sympy.sstr(sum(a[i, j] * names[j] for j in range(n)))} = {b[i]}"
                 for i in range(n)}
    unknowns = ", ".join(str(v) for v in names)
    return f"solve({', '.join(equations)}, {unknowns})", equations


def _charpoly(rng):
    n = rng.choice([2, 3])
    return "charpoly(A, l)", {"A": _text(integer_matrix(rng, n, n))}


def _eigenvalues(rng):
    if rng.random() < 0.5:
        return "eigenvalues(A)", {"A": _text(integer_matrix(rng, 2, 2))}
    m, _ = with_eigenvalues(rng, 3)
    return "eigenvalues(A)", {"A": _text(m)}


def _eigenvector(rng):
    m, values = with_eigenvalues(rng, rng.choice([2, 3]))
    return "eigenvector(A, v)", {"A": _text(m), "v": rng.choice(values)}


def _dot(rng):
    n = rng.randint(2, 5)
    return "dot(u, v)", {"u": _text(integer_matrix(rng, n, 1)), "v": _text(integer_matrix(rng, n, 1))}


def _norm(rng):
    n = rng.randint(2, 4)
    return "norm(u - v)", {"u": _text(integer_matrix(rng, n, 1)), "v": _text(integer_matrix(rng, n, 1))}


def _product(rng):
    rows, inner, cols = (rng.randint(1, 3) for _ in range(3))
    return "A B", {"A": _text(integer_matrix(rng, rows, inner)), "B": _text(integer_matrix(rng, inner, cols))}


INSTANCES = [_det, _inverse, _rref, _rank, _solve, _charpoly, _eigenvalues, _eigenvector, _dot, _norm,
             _product]


@pytest.mark.parametrize("make", INSTANCES, ids=[f.__name__[1:] for f in INSTANCES])
def test_the_engine_agrees_with_the_author_interpreter_on_random_instances(make):
    rng = random.Random(f"linalg-{make.__name__}")
    for _ in range(PER_OPERATION):
        formula, values = make(rng)
        check_against_interpreter(formula, **values)


def test_the_rule_follows_the_size_and_the_zeros():
    assert solution_steps("det([[3, 2], [1, 4]])").root.rule == "det_2x2"
    cofactor = solution_steps("det([[1, 2, 3], [0, 4, 0], [5, 6, 7]])").root
    assert cofactor.rule == "cofactor_expansion" and cofactor.fields()["line"] == "row 2"
    assert len(cofactor.children) == 1                           # zeros need no minor
    column = solution_steps("det([[1, 0, 3], [4, 0, 6], [7, 8, 9]])").root
    assert column.fields()["line"] == "column 2"
    big = solution_steps("det(A)", A=_text(integer_matrix(random.Random(1), 4, 4)))
    assert big.root.rule == "det_row_reduction"
    assert {c.rule for c in big.root.children} <= {"row_swap", "row_replace"}
    assert solution_steps("inverse([[4, 7], [2, 6]])").root.rule == "inverse_2x2"
    assert solution_steps("inverse([[2, 0, 1], [1, 1, 0], [0, 3, 1]])").root.rule == "gauss_jordan"
    assert solution_steps("det(2 A)", A="[[1, 2], [3, 4]]").root.rule == "det_scalar_multiple"


def test_nodes_know_their_subexpression_result_role_and_rule():
    s = solution_steps("eigenvalues([[2, 1], [1, 2]])")
    charpoly = s.root.children[0]
    shift, det = charpoly.children
    assert (charpoly.rule, charpoly.subgoal, str(charpoly.result)) == ("charpoly", True,
                                                                      "lambda**2 - 4*lambda + 3")
    assert (shift.rule, shift.subgoal) == ("shift_diagonal", False)
    assert det.goal() == "det([[2 − λ, 1], [1, 2 − λ]])" and det.subgoal
    assert s.path(det) == "0.0.1" and s.find("0.0.1") is det


def test_the_product_is_row_by_column():
    s = solution_steps("A B", A="[[1, 2], [3, 4]]", B="[[0, 1], [1, 0]]")
    assert s.result.tolist() == [[2, 1], [4, 3]]
    assert [c.instance() for c in s.root.children][:2] == ["1·0 + 2·1", "1·1 + 2·0"]
    assert "Matrix product" in s.render()


def test_row_operations_are_steps_with_their_own_results():
    s = solution_steps("solve(e1, e2, x, y)", e1="x + y = 3", e2="x - y = 1")
    ops = [n for n in s.walk() if n.rule.startswith("row_")]
    assert [op.goal() for op in ops] == ["R2 → R2 − R1", "R2 → (−1/2)·R2", "R1 → R1 − R2"]
    assert s.result.T.tolist() == [[2, 1]]


def test_the_ladder_states_the_answer_only_on_its_last_rung():
    for formula in ["det([[1, 2, 0], [3, 4, 5], [0, 1, 2]])", "inverse([[4, 7], [2, 6]])",
                    "eigenvalues([[2, 1], [1, 2]])"]:
        s = solution_steps(formula)
        hints = s.hints()
        answer = f"= {__import__('tutor.steps.node', fromlist=['show']).show(s.result)}"
        assert hints[-1].text.endswith(answer)
        assert not any(h.text.endswith(answer) for h in hints[:-1]), formula


def test_bad_input_gets_a_clear_message():
    with pytest.raises(StepError, match="singular"):
        solution_steps("inverse([[1, 2], [2, 4]])")
    with pytest.raises(StepError, match="square"):
        solution_steps("det([[1, 2, 3], [4, 5, 6]])")
    with pytest.raises(StepError, match="not an eigenvalue"):
        solution_steps("eigenvector([[2, 1], [1, 2]], 5)")
    with pytest.raises(StepError, match="cannot multiply"):
        solution_steps("A B", A="[[1, 2]]", B="[[1, 2]]")


# ----- misconceptions: each on two instances, the wrong answer worked out by hand

BUG_CASES = [
    ("product_order_ba", "A B", {"A": "[[1, 2], [3, 4]]", "B": "[[0, 1], [1, 0]]"}, "[[3, 4], [1, 2]]"),
    ("product_order_ba", "A B", {"A": "[[1, 1], [0, 1]]", "B": "[[1, 0], [2, 1]]"}, "[[1, 1], [2, 3]]"),
    ("entrywise_product", "A B", {"A": "[[1, 2], [3, 4]]", "B": "[[0, 1], [1, 0]]"}, "[[0, 2], [3, 0]]"),
    ("entrywise_product", "A B", {"A": "[[2, 1], [1, 3]]", "B": "[[5, 2], [2, 1]]"}, "[[10, 2], [2, 3]]"),
    ("det_ad_plus_bc", "det(A)", {"A": "[[3, 2], [1, 4]]"}, "14"),
    ("det_ad_plus_bc", "det(A)", {"A": "[[5, -1], [2, 3]]"}, "13"),
    ("cofactor_sign_pattern", "det(A)", {"A": "[[1, 2, 0], [3, 4, 5], [0, 1, 2]]"}, "15"),
    ("cofactor_sign_pattern", "det(A)", {"A": "[[2, 1, 0], [1, 3, 2], [1, 1, 1]]"}, "1"),
    ("det_swap_sign_forgotten", "det(A)", {"A": "[[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 2, 0], [0, 0, 0, 3]]"},
     "6"),
    ("det_swap_sign_forgotten", "det(A)", {"A": "[[0, 2, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]]"},
     "2"),
    ("det_scalar_linear", "det(2 A)", {"A": "[[1, 2], [3, 4]]"}, "-4"),
    ("det_scalar_linear", "det(3 A)", {"A": "[[1, 0, 0], [0, 2, 0], [0, 0, 1]]"}, "6"),
    ("inverse_forgot_det", "inverse(A)", {"A": "[[4, 7], [2, 6]]"}, "[[6, -7], [-2, 4]]"),
    ("inverse_forgot_det", "inverse(A)", {"A": "[[3, 1], [4, 2]]"}, "[[2, -1], [-4, 3]]"),
    ("inverse_entrywise_reciprocal", "inverse(A)", {"A": "[[4, 7], [2, 6]]"}, "[[1/4, 1/7], [1/2, 1/6]]"),
    ("inverse_entrywise_reciprocal", "inverse(A)", {"A": "[[2, 1, 1], [1, 3, 2], [1, 1, 4]]"},
     "[[1/2, 1, 1], [1, 1/3, 1/2], [1, 1, 1/4]]"),
    ("inverse_swap_no_negate", "inverse(A)", {"A": "[[4, 7], [2, 6]]"}, "[[6/10, 7/10], [2/10, 4/10]]"),
    ("inverse_swap_no_negate", "inverse(A)", {"A": "[[3, 1], [5, 2]]"}, "[[2, 1], [5, 3]]"),
    ("inverse_negate_wrong_entries", "inverse(A)", {"A": "[[4, 7], [2, 6]]"},
     "[[4/10, -7/10], [-2/10, 6/10]]"),
    ("inverse_negate_wrong_entries", "inverse(A)", {"A": "[[3, 1], [5, 2]]"}, "[[-3, 1], [5, -2]]"),
    ("eigenvalues_from_diagonal", "eigenvalues(A)", {"A": "[[2, 1], [1, 2]]"}, "{2}"),
    ("eigenvalues_from_diagonal", "eigenvalues(A)", {"A": "[[4, 1], [2, 3]]"}, "{4, 3}"),
    ("eigenvalues_root_sign", "eigenvalues(A)", {"A": "[[2, 1], [1, 2]]"}, "{-1, -3}"),
    ("eigenvalues_root_sign", "eigenvalues(A)", {"A": "[[4, 1], [2, 3]]"}, "{-2, -5}"),
    ("charpoly_det_minus_lambda", "charpoly(A, l)", {"A": "[[2, 1], [1, 2]]"}, "3 - l"),
    ("charpoly_det_minus_lambda", "eigenvalues(A)", {"A": "[[4, 1], [2, 3]]"}, "{10}"),
    ("rank_counts_dependent_rows", "rank(A)", {"A": "[[1, 2], [2, 4]]"}, "2"),
    ("rank_counts_dependent_rows", "rank(A)", {"A": "[[1, 2, 3], [2, 4, 6], [1, 1, 1]]"}, "3"),
    ("rank_nonzero_rows_unreduced", "rank(A)", {"A": "[[1, 2], [2, 4], [0, 0]]"}, "2"),
    ("rank_nonzero_rows_unreduced", "rank(A)", {"A": "[[1, 1, 1], [2, 2, 2], [0, 0, 0], [3, 3, 3]]"}, "3"),
    ("rref_echelon_only", "rref(A)", {"A": "[[1, 2], [3, 4]]"}, "[[1, 2], [0, 1]]"),
    ("rref_echelon_only", "rref(A)", {"A": "[[1, 1, 2], [1, 2, 3]]"}, "[[1, 1, 2], [0, 1, 1]]"),
    ("dot_entrywise", "dot(u, v)", {"u": "[1, 2, 3]", "v": "[4, 5, 6]"}, "[4, 10, 18]"),
    ("dot_entrywise", "dot(u, v)", {"u": "[2, -1]", "v": "[3, 3]"}, "[6, -3]"),
    ("norm_without_root", "norm(v)", {"v": "[3, 4]"}, "25"),
    ("norm_without_root", "norm(v)", {"v": "[1, 2, 2]"}, "9"),
    ("norm_sum_of_entries", "norm(v)", {"v": "[3, 4]"}, "7"),
    ("norm_sum_of_entries", "norm(v)", {"v": "[1, -2, 2]"}, "5"),
]


@pytest.mark.parametrize("bug, formula, values, response", BUG_CASES,
                         ids=[f"{c[0]}-{i % 2}" for i, c in enumerate(BUG_CASES)])
def test_each_misconception_is_diagnosed(bug, formula, values, response):
    diagnosis = solution_steps(formula, **values).diagnose(response)
    assert diagnosis is not None, (bug, formula, response)
    assert bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]


def test_every_linear_algebra_bug_is_tested_on_two_instances():
    for bug in LINALG_BUGS:
        assert len({(f, str(v)) for b, f, v, _ in BUG_CASES if b == bug.id}) >= 2, bug.id


def test_two_bugs_that_give_the_same_answer_are_both_named():
    # for [[3, 1], [5, 2]] (det 1) "forgot 1/det" and the correct adjugate coincide with nothing, but
    # swapping without negating and negating the wrong entries coincide when b = c = 0 ... use rank:
    diagnosis = solution_steps("rank(A)", A="[[1, 2], [2, 4], [0, 0]]").diagnose("2")
    assert {diagnosis.bug, *[d.bug for d in diagnosis.alternatives]} == {
        "rank_counts_dependent_rows", "rank_nonzero_rows_unreduced"}
    assert "could be any of them" in diagnosis.message


def test_messages_do_not_give_away_the_answer():
    for bug, formula, values, response in BUG_CASES:
        s = solution_steps(formula, **values)
        d = s.diagnose(response)
        for text in [d.message, *[h.text for h in d.hints]]:
            assert not gives_away(text, s, values), (bug, text)


def test_correct_answers_are_never_diagnosed_in_any_form():
    rng = random.Random("correct")
    for make in INSTANCES:
        for _ in range(5):
            formula, values = make(rng)
            s = solution_steps(formula, **values)
            expected = interpreted(formula, **values)
            assert s.diagnose(expected) is None
            if isinstance(expected, sympy.Expr) and expected.is_number:
                assert s.diagnose(sympy.N(expected, 6)) is None


def test_a_triangular_matrix_has_its_diagonal_as_eigenvalues_and_that_is_not_a_bug():
    s = solution_steps("eigenvalues([[2, 1], [0, 3]])")
    assert s.diagnose("{2, 3}") is None
    assert unimodular(random.Random(0), 3).det() in (1, -1)


def test_larger_inverses_and_systems_are_row_reduced():
    rng = random.Random("large")
    m = unimodular(rng, 4)
    s = solution_steps("inverse(A)", A=_text(m))
    assert s.root.rule == "gauss_jordan" and s.result == m.inv()
    with pytest.raises(StepError, match="up to 6×6"):
        solution_steps("det(A)", A=_text(integer_matrix(rng, 7, 7)))


@pytest.mark.parametrize("rows", [
    [[2, 1, 0, 0], [1, 2, 1, 0], [0, 1, 2, 1], [0, 0, 1, 3]],   # a cubic factor in Cardano's form
    [[1, 1, 0], [1, 0, 1], [0, 1, -1]],                          # three real irrational roots
    [[0, -1, 0], [1, 0, 0], [0, 0, 2]],                          # one real, two complex
])
def test_eigenvalues_keep_every_real_root(rows):
    """Roots whose realness SymPy cannot decide (Cardano) were dropped: {3} for a 4×4 with four."""
    m = sympy.Matrix(rows)
    expected = sorted(complex(v).real for v in m.eigenvals(multiple=True) if abs(complex(v).imag) < 1e-9)
    worked = solution_steps("eigenvalues(A)", A=str(rows))
    assert sorted(float(v) for v in worked.result) == pytest.approx(expected)
    assert sorted(float(v) for v in interpreted("eigenvalues(A)", A=str(rows))) == pytest.approx(expected)
