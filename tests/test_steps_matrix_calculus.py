"""The matrix-calculus engine: against the author interpreter on random instances, its teaching, its bugs."""
from __future__ import annotations

import argparse
import io
import random

import pytest
import sympy

from tutor.errors import StepError, TutorError
from tutor.linalg.declare import declarations
from tutor.linalg.numeric import Unevaluable, draw, value
from tutor.linalg.shapes import shape_of
from tutor.parser import parse
from tutor.problems.interpreter import AUTHOR_OPS, interpret
from tutor.steps.command import run
from tutor.steps.matrix_calculus_bugs import MATRIX_CALCULUS_BUGS
from tutor.steps.node import show
from tutor.steps.solve import as_value, solution_steps

DECL = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)", "A": "matrix(d, d)", "S": "symmetric(d)",
        "b": "vector(d)"}
LSQ = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
QUAD = {"A": "matrix(d, d)", "b": "vector(d)", "w": "vector(d)"}
SQUARE = {"X": "matrix(d, d)", "w": "vector(d)", "y": "vector(d)"}

TERMS = ["norm(X w - y)^2", "norm(y - X w)^2", "norm(w)^2", "norm(w - b)^2", "norm(A w + b)^2", "norm(X w)^2",
         "norm(2 X w - y)^2", "b^T w", "w^T b", "y^T X w", "b^T A w", "w^T A w", "w^T S w", "w^T X^T X w",
         "w^T A b", "y^T y", "3", "w^T w", "dot(b, w)"]
FACTORS = ["", "2 ", "3 ", "1/2 ", "c/n ", "lam ", "-", "1/n "]


def interpreted(formula: str, declare: dict[str, str], **values: object) -> sympy.Basic:
    """What the author language computes for `formula` (parsed with the declarations, as problem files are)."""
    shapes = declarations(declare)
    names = [*values, *shapes, *{d for s in shapes.values() for d in s.dim_names}]
    env = {sympy.Symbol(name): as_value(name, v) for name, v in values.items()}
    # with declared data, sum and prod are the language's own Σ and Π, as in problem files
    data = any(d.kind.value == "sequence" for d in shapes.values())
    functions = [op for op in AUTHOR_OPS if not (data and op in ("sum", "prod"))]
    return interpret(parse(formula, variables=names, functions=functions, shapes=shapes).expr, env)


def agree(a: sympy.Basic, b: sympy.Basic, declare: dict[str, str], seed: int) -> bool:
    """Same shape, and the same numbers in three random worlds (sizes 1 … 7)."""
    import numpy as np

    if shape_of(a) != shape_of(b):
        return False
    shapes, rng = declarations(declare), random.Random(seed)
    names = sorted({s.name for e in (a, b) for s in e.free_symbols if isinstance(s, sympy.Symbol)})
    checked = 0
    for _ in range(6):
        world = draw(shapes, names, rng)
        try:
            x, y = np.asarray(value(a, world), dtype=float), np.asarray(value(b, world), dtype=float)
        except Unevaluable:
            continue
        if x.shape != y.shape or not np.allclose(x, y, rtol=1e-9, atol=1e-9):
            return False
        checked += 1
    return checked >= 3


def _random_gradient(rng: random.Random) -> str:
    terms = []
    for _ in range(rng.randint(1, 3)):
        factor, term = rng.choice(FACTORS), rng.choice(TERMS)
        terms.append(f"{factor}({term})" if factor else term)
    body = " + ".join(terms).replace("+ -", "- ")
    return f"gradient({body}, w)"


@pytest.mark.parametrize("seed", range(220))
def test_the_engine_agrees_with_the_author_interpreter_on_random_instances(seed):
    rng = random.Random(seed)
    formula = _random_gradient(rng)
    values = {"c": rng.choice([1, 2, 3]), "lam": rng.choice(["0.1", "1/2", "2"])}
    solution = solution_steps(formula, declare=DECL, **values)
    expected = interpreted(formula, DECL, **values)
    assert agree(solution.result, expected, DECL, seed), (formula, show(solution.result), expected)
    for node in solution.walk():
        assert node.recompute() == node.result, (formula, node.rule)
    assert not solution.has_unknown, formula
    assert solution.diagnose(solution.result) is None
    assert solution.diagnose(show(solution.result)) is None, (formula, show(solution.result))


@pytest.mark.parametrize("formula, values", [
    ("gradient(c/n norm(X w - y)^2, w)", {"c": 2}),
    ("gradient(norm(X w - y)^2 / n + lam norm(w)^2, w)", {"lam": "0.5"}),
])
def test_the_least_squares_answers_of_the_problem_files_are_worked(formula, values):
    solution = solution_steps(formula, declare=LSQ, **values)
    assert agree(solution.result, interpreted(formula, LSQ, **values), LSQ, 1)
    assert any(node.rule == "squared_norm" for node in solution.walk())
    assert not solution.has_unknown


def test_the_quadratic_form_of_the_problem_files_is_worked():
    solution = solution_steps("gradient(w^T A w + k b^T w, w)", declare=QUAD, k=3)
    assert agree(solution.result, interpreted("gradient(w^T A w + k b^T w, w)", QUAD, k=3), QUAD, 2)
    assert {"quadratic_form", "linear_form"} <= {node.rule for node in solution.walk()}
    assert show(solution.result) == "3·b + (A + A^T)·w"


def test_a_symmetric_matrix_gives_two_a_w():
    solution = solution_steps("gradient(w^T S w, w)", declare={"S": "symmetric(d)", "w": "vector(d)"})
    assert show(solution.result) == "2·S·w"
    assert solution.diagnose("2 S w") is None and solution.diagnose("(S + S^T) w") is None


def test_the_least_squares_gradient_is_taught_through_the_residual():
    solution = solution_steps("gradient(c/n norm(X w - y)^2, w)", declare=LSQ, c=3)
    assert show(solution.result) == "6/n·X^T·(X·w − y)"
    rules = [node.rule for node in solution.walk()]
    assert rules == ["constant_factor", "squared_norm", "jacobian"]
    assert solution.root.children[0].children[0].result == sympy.MatrixSymbol("X", sympy.Symbol("n"),
                                                                              sympy.Symbol("d"))
    text = solution.render()
    assert "∂(X·w − y)/∂w = X" in text and text.endswith("= 6/n·X^T·(X·w − y)")
    assert r"\left\| X w - y \right\|" in solution.latex()


@pytest.mark.parametrize("formula, values, declare", [
    ("gradient(c/n norm(X w - y)^2, w)", {"c": 3}, LSQ),
    ("gradient(norm(X w - y)^2 / n + lam norm(w)^2, w)", {"lam": "0.5"}, LSQ),
    ("gradient(w^T A w + k b^T w, w)", {"k": 2}, QUAD),
    ("gradient(norm(w)^2, w)", {}, LSQ),
])
def test_the_ladder_is_short_and_states_the_answer_only_on_its_last_rung(formula, values, declare):
    solution = solution_steps(formula, declare=declare, **values)
    hints = solution.hints()
    assert 2 <= len(hints) <= 8
    assert hints[0].level == "orient" and hints[-1].level == "bottom_out"
    answer = show(solution.result)
    assert answer in hints[-1].text
    for hint in hints[:-1]:
        assert answer not in hint.text, (formula, hint.text)
        assert "u₁" not in hint.text


# ----- misconceptions: (bug, formula, values, declarations, wrong answer)

MISTAKES = [
    ("missing_transpose", "gradient(norm(X w - y)^2, w)", {}, SQUARE, "2 X (X w - y)"),
    ("missing_transpose", "gradient(c/n norm(X w - y)^2, w)", {"c": 1}, SQUARE, "2/n X (X w - y)"),
    ("quadratic_assumes_symmetric", "gradient(w^T A w + k b^T w, w)", {"k": 3}, QUAD, "2 A w + 3 b"),
    ("quadratic_assumes_symmetric", "gradient(w^T A w, w)", {}, QUAD, "2 A w"),
    ("quadratic_one_term", "gradient(w^T A w + k b^T w, w)", {"k": 3}, QUAD, "A w + 3 b"),
    ("quadratic_one_term", "gradient(w^T A w, w)", {}, QUAD, "A^T w"),
    ("reversed_product_order", "gradient(norm(X w - y)^2, w)", {}, LSQ, "2 (X w - y)^T X"),
    ("reversed_product_order", "gradient(w^T A w + k b^T w, w)", {"k": 1}, QUAD, "w^T (A + A^T) + b^T"),
    ("norm_dropped_two", "gradient(c/n norm(X w - y)^2, w)", {"c": 2}, LSQ, "2/n X^T (X w - y)"),
    ("norm_dropped_two", "gradient(norm(X w - y)^2 / n + lam norm(w)^2, w)", {"lam": 2}, LSQ,
     "2/n X^T (X w - y) + 2 w"),
    ("residual_sign_flipped", "gradient(norm(X w - y)^2, w)", {}, LSQ, "2 X^T (y - X w)"),
    ("residual_sign_flipped", "gradient(c/n norm(X w - y)^2, w)", {"c": 3}, LSQ, "6/n X^T (y - X w)"),
    ("dropped_mean_factor", "gradient(c/n norm(X w - y)^2, w)", {"c": 3}, LSQ, "6 X^T (X w - y)"),
    ("dropped_mean_factor", "gradient(norm(X w - y)^2 / n + lam norm(w)^2, w)", {"lam": 1}, LSQ,
     "2 X^T (X w - y) + 2 w"),
    ("dropped_constant_factor", "gradient(c/n norm(X w - y)^2, w)", {"c": 3}, LSQ, "2 X^T (X w - y)"),
    ("dropped_constant_factor", "gradient(3 norm(w)^2, w)", {}, LSQ, "2 w"),
]


@pytest.mark.parametrize("bug, formula, values, declare, response", MISTAKES)
def test_each_misconception_is_diagnosed(bug, formula, values, declare, response):
    diagnosis = solution_steps(formula, declare=declare, **values).diagnose(response)
    assert diagnosis is not None, (formula, response)
    assert bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]


def test_two_bugs_that_give_the_same_answer_are_both_named():
    diagnosis = solution_steps("gradient(w^T A w, w)", declare=QUAD).diagnose("2 A w")
    assert {diagnosis.bug, *(d.bug for d in diagnosis.alternatives)} == {"missing_transpose",
                                                                          "quadratic_assumes_symmetric"}


@pytest.mark.parametrize("bug, formula, values, declare, response", MISTAKES)
def test_messages_do_not_give_away_the_answer(bug, formula, values, declare, response):
    solution = solution_steps(formula, declare=declare, **values)
    diagnosis = solution.diagnose(response)
    answer = show(solution.result)
    for text in [diagnosis.message, *(h.text for h in diagnosis.hints)]:
        assert answer not in text, (bug, text)
        assert "^T·(" not in text, (bug, text)   # no pulled-back product written out


@pytest.mark.parametrize("formula, values, declare, responses", [
    ("gradient(c/n norm(X w - y)^2, w)", {"c": 3}, LSQ,
     ["6/n X^T (X w - y)", "(6/n) X^T X w - (6/n) X^T y", "-6/n X^T (y - X w)", "6 X^T (X w - y) / n"]),
    ("gradient(w^T A w + k b^T w, w)", {"k": 2}, QUAD, ["A w + A^T w + 2 b", "(A^T + A) w + 2 b"]),
])
def test_correct_answers_are_never_diagnosed_in_any_form(formula, values, declare, responses):
    solution = solution_steps(formula, declare=declare, **values)
    for response in responses:
        assert solution.diagnose(response) is None, response


def test_a_response_whose_shapes_do_not_fit_is_refused_as_input():
    solution = solution_steps("gradient(norm(X w - y)^2, w)", declare=LSQ)
    with pytest.raises(TutorError, match="cannot be multiplied"):
        solution.diagnose("2 X (X w - y)")


@pytest.mark.parametrize("declare, message", [
    ({"X": "matrx(n, d)"}, "is not a declaration"),
    ({"w": "vector(d)", "d": "vector(d)"}, "also used as a dimension"),
    ("w=vector(d)", "declare must map"),
])
def test_bad_declarations_get_a_clear_message(declare, message):
    with pytest.raises(StepError, match=message):
        solution_steps("gradient(norm(w)^2, w)", declare=declare)


def test_a_name_both_declared_and_given_a_value_is_refused():
    with pytest.raises(StepError, match="'X' is declared"):
        solution_steps("gradient(norm(X w - y)^2, w)", declare=LSQ, X="[[1, 2], [3, 4]]")


def test_what_no_rule_covers_says_so():
    with pytest.raises(StepError, match="not available"):
        solution_steps("gradient(norm(w), w)", declare=LSQ)


def test_without_declarations_nothing_changes():
    assert solution_steps("diff(x^2 sin(x), x)").result == sympy.sympify("x**2*cos(x) + 2*x*sin(x)")


def test_the_command_line_takes_declarations_as_tutor_check_does():
    out = io.StringIO()
    args = argparse.Namespace(expr="gradient(norm(X w - y)^2, w)", let=None, hints=False, latex=False,
                              var=["X=matrix(n,d)", "w=vector(d)", "y=vector(n)"])
    assert run(args, out) == 0
    assert out.getvalue().splitlines()[-1] == "Answer: ∇_w ‖X·w − y‖² = 2·X^T·(X·w − y)"
    out = io.StringIO()
    args.diagnose = "2 X^T (y - X w)"
    assert run(args, out) == 1
    assert "residual_sign_flipped" in out.getvalue()
    args.var = ["X=matrx(n,d)"]
    assert run(args, io.StringIO()) == 2


# ----- sums over data, differentiated by a number

DATA = {"x": "sequence(n)", "y": "sequence(n)", "w": "scalar", "b": "scalar"}
SUM_TERMS = ["(w x_i + b - y_i)^2", "(w x_i - y_i)^2", "(y_i - b - w x_i)^2", "w x_i", "(w x_i + b)^3",
             "y_i log(σ(w x_i + b)) + (1 - y_i) log(1 - σ(w x_i + b))", "log(1 + exp(w x_i + b))", "x_i y_i"]


@pytest.mark.parametrize("seed", range(60))
def test_sums_over_data_agree_with_the_author_interpreter(seed):
    rng = random.Random(1000 + seed)
    factor = rng.choice(["", "1/n ", "-1/n ", "c/n ", "2 "])
    term = rng.choice(SUM_TERMS)
    extra = rng.choice(["", " + w^2", " + lam b"])
    formula = f"diff({factor}sum({term}, i, 1, n){extra}, {rng.choice(['w', 'b'])})"
    values = {"c": rng.choice([1, 2, 3]), "lam": 2}
    solution = solution_steps(formula, declare=DATA, **values)
    expected = interpreted(formula, DATA, **values)
    assert agree(solution.result, expected, DATA, seed), (formula, show(solution.result), expected)
    for node in solution.walk():
        assert node.recompute() == node.result, (formula, node.rule)
    assert solution.diagnose(solution.result) is None


def test_the_mse_gradient_keeps_the_index_and_teaches_the_chain_rule_on_one_term():
    solution = solution_steps("diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", declare=DATA)
    assert [node.rule for node in solution.walk()] == ["constant_factor", "sum_over_data", "term_power",
                                                       "term_inside"]
    assert isinstance(solution.result.args[-1], sympy.Sum) or solution.result.has(sympy.Sum)
    assert solution.diagnose("(2/n) Σ_{i=1}^{n} x_i (w x_i + b - y_i)") is None
    assert solution.diagnose("(2/n) sum(w x_i^2 + b x_i - x_i y_i, i, 1, n)") is None
    hints = solution.hints()
    assert "d/dw (b − y_i + w·x_i) = x_i" in solution.render()
    assert len(hints) <= 8 and show(solution.result) not in " ".join(h.text for h in hints[:-1])


def test_the_logistic_loss_over_data_is_worked_term_by_term():
    formula = "diff(-1/n sum(y_i log(σ(w x_i + b)) + (1 - y_i) log(1 - σ(w x_i + b)), i, 1, n), w)"
    solution = solution_steps(formula, declare=DATA)
    assert "term_derivative" in [node.rule for node in solution.walk()]
    assert solution.diagnose("1/n sum(x_i (σ(w x_i + b) - y_i), i, 1, n)") is None
    assert agree(solution.result, interpreted(formula, DATA), DATA, 5)


SUM_MISTAKES = [
    ("dropped_power_factor", "diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", {},
     "(1/n) Σ_{i=1}^{n} x_i (w x_i + b - y_i)"),
    ("dropped_power_factor", "diff(c/n sum((w x_i + b - y_i)^2, i, 1, n), b)", {"c": 3},
     "(3/n) Σ_{i=1}^{n} (w x_i + b - y_i)"),
    ("chain_dropped_inside", "diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", {},
     "(2/n) Σ_{i=1}^{n} (w x_i + b - y_i)"),
    ("chain_dropped_inside", "diff(sum((w x_i - y_i)^3, i, 1, n), w)", {}, "sum(3 (w x_i - y_i)^2, i, 1, n)"),
    ("other_parameter", "diff(c/n sum((w x_i + b - y_i)^2, i, 1, n), b)", {"c": 2},
     "(4/n) Σ_{i=1}^{n} x_i (w x_i + b - y_i)"),
    ("other_parameter", "diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", {}, "(2/n) Σ_{i=1}^{n} (w x_i + b - y_i)"),
    ("dropped_mean_factor", "diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", {},
     "2 Σ_{i=1}^{n} x_i (w x_i + b - y_i)"),
    ("residual_sign_flipped", "diff(1/n sum((w x_i + b - y_i)^2, i, 1, n), w)", {},
     "(2/n) Σ_{i=1}^{n} x_i (y_i - w x_i - b)"),
    ("loss_sign_dropped", "diff(-1/n sum(y_i log(σ(w x_i + b)) + (1 - y_i) log(1 - σ(w x_i + b)), i, 1, n), w)",
     {}, "1/n sum(x_i (y_i - σ(w x_i + b)), i, 1, n)"),
    ("loss_sign_dropped", "diff(-c/n sum(y_i log(σ(w x_i)), i, 1, n), w)", {"c": 2},
     "2/n sum(x_i y_i (1 - σ(w x_i)), i, 1, n)"),
]


@pytest.mark.parametrize("bug, formula, values, response", SUM_MISTAKES)
def test_each_misconception_in_a_sum_is_diagnosed(bug, formula, values, response):
    solution = solution_steps(formula, declare=DATA, **values)
    diagnosis = solution.diagnose(response)
    assert diagnosis is not None, (formula, response)
    assert bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]
    for text in [diagnosis.message, *(h.text for h in diagnosis.hints)]:
        assert show(solution.result) not in text




@pytest.mark.parametrize("seed", range(3))
def test_every_gradient_answer_of_the_matrix_problems_has_steps(seed):
    import tutor

    problems = tutor.load_problem_set("problems/calculus/matrix_gradients.toml").problems
    worked = 0
    for problem in problems:
        if problem.definition.spec.answer.startswith(("gradient(", "diff(")):
            instance = problem.instantiate(seed)
            solution = instance.auto_steps()
            assert not solution.has_unknown, problem.id
            assert instance.diagnose(instance.answer_text) is None, problem.id
            worked += 1
    assert worked >= 5


# ----- the transpose and the inverse of a product

SQUARES = {"A": "matrix(n, n)", "B": "matrix(n, n)", "C": "matrix(n, n)", "X": "matrix(n, d)"}
FACTORS_OF_PRODUCTS = ["A", "B", "C", "A^T", "B^T", "C^(-1)", "A^(-1)"]


@pytest.mark.parametrize("seed", range(30))
def test_products_agree_with_the_author_interpreter(seed):
    rng = random.Random(2000 + seed)
    factors = " ".join(rng.choice(FACTORS_OF_PRODUCTS) for _ in range(rng.randint(2, 4)))
    formula = f"{rng.choice(['transpose', 'inverse'])}({rng.choice(['', '2 ', '1/2 '])}{factors})"
    solution = solution_steps(formula, declare=SQUARES)
    expected = interpreted(formula, SQUARES)
    assert agree(solution.result, expected, SQUARES, seed), (formula, show(solution.result), expected)
    for node in solution.walk():
        assert node.recompute() == node.result, (formula, node.rule)
    assert solution.diagnose(show(solution.result)) is None


@pytest.mark.parametrize("formula, answer", [
    ("transpose(A B)", "B^T·A^T"), ("(A B)^T", "B^T·A^T"), ("inverse(A B)", "B^(−1)·A^(−1)"),
    ("(A B)^(-1)", "B^(−1)·A^(−1)"), ("transpose(A^T B^T C^T)", "C·B·A"), ("inverse(A^(-1) B^(-1))", "B·A"),
])
def test_the_order_reverses(formula, answer):
    solution = solution_steps(formula, declare=SQUARES)
    assert show(solution.result) == answer
    hints = solution.hints()
    assert len(hints) <= 8 and answer not in " ".join(h.text for h in hints[:-1])


def test_a_nested_transpose_or_inverse_is_printed_so_that_it_reads_back():
    solution = solution_steps("inverse(A^T B)", declare=SQUARES)
    assert show(solution.result) == "B^(−1)·(A^T)^(−1)"
    assert solution.diagnose("B^(-1) (A^T)^(-1)") is None


def test_a_product_that_cannot_be_split_into_inverses_says_so():
    with pytest.raises(StepError, match="no operation with steps"):
        solution_steps("inverse(X^T X)", declare=SQUARES)


PRODUCT_MISTAKES = [
    ("transpose_keeps_order", "transpose(A B)", "A^T B^T"),
    ("transpose_keeps_order", "transpose(A^T B^T C^T)", "A B C"),
    ("transpose_only_reversed", "transpose(A B)", "B A"),
    ("transpose_only_reversed", "transpose(A B C)", "C B A"),
    ("inverse_keeps_order", "inverse(A B)", "A^(-1) B^(-1)"),
    ("inverse_keeps_order", "inverse(A^(-1) B^(-1))", "A B"),
]


@pytest.mark.parametrize("bug, formula, response", PRODUCT_MISTAKES)
def test_each_misconception_about_products_is_diagnosed(bug, formula, response):
    solution = solution_steps(formula, declare=SQUARES)
    diagnosis = solution.diagnose(response)
    assert diagnosis is not None and diagnosis.bug == bug, (formula, response)
    assert show(solution.result) not in diagnosis.message



# ----- the chain rule through a function applied entry by entry (σ, log σ, exp, softplus)

LOGISTIC = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)", "u": "vector(n)", "b": "vector(n)"}
ENTRYWISE = ["y^T log(σ(X w))", "u^T log(σ(-X w))", "y^T σ(X w + b)", "y^T exp(X w - b)", "log(σ(X w))^T u",
             "y^T softplus(X w)", "norm(X w - y)^2"]


def numeric_gradient(f: sympy.Basic, world: dict, h: float = 1e-6):
    """Central differences of f by the entries of w in `world`."""
    import numpy as np

    w0, out = world["w"], []
    for k in range(w0.shape[0]):
        step = np.zeros_like(w0)
        step[k, 0] = h
        up, down = dict(world, w=w0 + step), dict(world, w=w0 - step)
        out.append((value(f, up) - value(f, down)) / (2 * h))
    return np.array(out).reshape(-1, 1)


@pytest.mark.parametrize("seed", range(40))
def test_entrywise_chains_agree_with_finite_differences(seed):
    import numpy as np

    rng = random.Random(3000 + seed)
    terms = [rng.choice(["", "2 ", "-1/n ", "1/2 "]) + rng.choice(ENTRYWISE) for _ in range(rng.randint(1, 2))]
    body = " + ".join(f"({t})" for t in terms)
    names = [*LOGISTIC, "n", "d"]
    f = parse(body, variables=names, shapes=declarations(LOGISTIC)).expr
    solution = solution_steps(f"gradient({body}, w)", declare=LOGISTIC)
    assert not solution.has_unknown
    for node in solution.walk():
        assert node.recompute() == node.result
    world = draw(declarations(LOGISTIC), ["n"], rng)
    assert np.allclose(value(solution.result, world), numeric_gradient(f, world), rtol=1e-5, atol=1e-6), body
    assert solution.diagnose(show(solution.result)) is None


def test_the_logistic_loss_in_matrix_form_gives_the_prediction_error_pulled_back():
    # 1 − y cannot be written for a vector y, so the labels' complement is declared as u = 1 − y
    solution = solution_steps("gradient(-1/n (y^T log(σ(X w)) + u^T log(σ(-X w))), w)", declare=LOGISTIC)
    assert "entrywise_chain" in [node.rule for node in solution.walk()]
    assert show(solution.result) == "(−1/n)·(X^T·(y ⊙ σ(−X·w)) − X^T·(u ⊙ σ(X·w)))"
    import numpy as np

    world = draw(declarations(LOGISTIC), ["n"], random.Random(4))
    world["y"] = np.array([[float(random.Random(k).random() < 0.5)] for k in range(world["y"].shape[0])])
    world["u"] = 1 - world["y"]
    teacher = parse("1/n X^T (σ(X w) - y)", variables=[*LOGISTIC, "n"], shapes=declarations(LOGISTIC)).expr
    assert np.allclose(value(solution.result, world), value(teacher, world))


ENTRYWISE_MISTAKES = [
    ("entrywise_dropped_derivative", "gradient(y^T log(σ(X w)), w)", LOGISTIC, "X^T y"),
    ("entrywise_dropped_derivative", "gradient(y^T exp(X w), w)", LOGISTIC, "X^T y"),
    ("missing_transpose", "gradient(y^T log(σ(X w)), w)", SQUARE, "X (y ⊙ σ(-X w))"),
    ("reversed_product_order", "gradient(y^T exp(X w), w)", LOGISTIC, "(y ⊙ exp(X w))^T X"),
    ("log_loss_sign_flipped", "gradient(-(1/n) (y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w))), w)", LOGISTIC,
     "1/n X^T (y - σ(X w))"),
    ("log_loss_sign_flipped", "gradient(2 ((1 - y)^T log(σ(-X w)) + y^T log(σ(X w))), w)", LOGISTIC,
     "2 X^T (σ(X w) - y)"),
    ("reversed_product_order", "gradient(-(1/n) (y^T log(σ(X w)) + (1 - y)^T log(1 - σ(X w))), w)", LOGISTIC,
     "1/n (σ(X w) - y)^T X"),
]


@pytest.mark.parametrize("bug, formula, declare, response", ENTRYWISE_MISTAKES)
def test_each_misconception_in_an_entrywise_chain_is_diagnosed(bug, formula, declare, response):
    solution = solution_steps(formula, declare=declare)
    diagnosis = solution.diagnose(response)
    assert diagnosis is not None and bug in [diagnosis.bug] + [d.bug for d in diagnosis.alternatives]
    assert show(solution.result) not in diagnosis.message


def test_every_bug_is_tested_on_two_instances():
    rows = [row[0] for table in (MISTAKES, SUM_MISTAKES, PRODUCT_MISTAKES, ENTRYWISE_MISTAKES) for row in table]
    for bug in MATRIX_CALCULUS_BUGS:
        assert rows.count(bug.id) >= 2, bug.id


@pytest.mark.parametrize("formula, method, rule", [
    ("gradient(norm(X w - y)^2/n, w)", "squared norm", "∇_w ‖r‖² = 2·(∂r/∂w)ᵀ·r"),
    ("gradient(3 w^T A w, w)", "quadratic form", "∇_w (wᵀA w)"),
])
def test_the_plan_names_the_method_under_a_constant_factor(formula, method, rule):
    """A constant factor is bookkeeping: the first rung names the rule that does the work too, and
    still gives nothing of the answer away."""
    solution = solution_steps(formula, declare={**LSQ, **QUAD})
    plan = solution.hints()[0].text
    assert plan.startswith("To find ∇_w") and "constant factor stays in front" in plan
    assert f"then the {method} for" in plan and rule in plan
    assert show(solution.result) not in plan
