"""The author-formula interpreter: the whitelisted operations, and refusal of everything else."""
from __future__ import annotations

import pytest
import sympy
from sympy import Function, ImmutableMatrix, Integer, Rational, Symbol

import tutor
from tutor.errors import ParseError
from tutor.functions import sigmoid
from tutor.problems.interpreter import AUTHOR_OPS, author_calls, check_calls, interpret
from tutor.problems.ops_base import Budget, FormulaError

x, y, k, M, a = sympy.symbols("x y k M a")
F = Function


def run(text: str, **env: sympy.Basic) -> sympy.Basic:
    """Parse an author formula the way the loader does, then interpret it."""
    names = sorted(set(env) | {"x", "y", "k", "l"})
    expr = tutor.parse(text, variables=names, functions=AUTHOR_OPS).expr
    return interpret(expr, {Symbol(n): v for n, v in env.items()})


A2 = ImmutableMatrix([[2, 1], [-3, 6]])


# --- each operation on hand-built trees (no parser involved) --------------------------------------

@pytest.mark.parametrize(("tree", "env", "expected"), [
    (F("diff")(a * x**3, x), {a: Integer(2)}, 6 * x**2),
    (F("diff")(sympy.sin(x), x, 2), {}, -sympy.sin(x)),
    (F("integrate")(x, x, 0, 2), {}, Integer(2)),
    (F("integrate")(2 * x, x), {}, x**2),
    (F("det")(M), {M: A2}, Integer(15)),
    (F("inverse")(M), {M: ImmutableMatrix([[4, 7], [2, 6]])},
     ImmutableMatrix([[Rational(3, 5), Rational(-7, 10)], [Rational(-1, 5), Rational(2, 5)]])),
    (F("transpose")(M), {M: A2}, A2.T),
    (F("rank")(M), {M: ImmutableMatrix([[1, 2], [2, 4]])}, Integer(1)),
    (F("eigenvalues")(M), {M: A2}, sympy.FiniteSet(3, 5)),
    (F("eigenvector")(M, 5), {M: A2}, ImmutableMatrix([1, 3])),
    (F("charpoly")(M, Symbol("l")), {M: A2}, Symbol("l")**2 - 8 * Symbol("l") + 15),
    (F("expand")((x + 1)**2), {}, x**2 + 2 * x + 1),
    (F("factor")(x**2 - 1), {}, (x - 1) * (x + 1)),
    (F("subs")(x**2 + y, x, 3, y, 1), {}, Integer(10)),
    (F("solve")(x**2 - 4, x), {}, sympy.FiniteSet(-2, 2)),
    (F("solve")(x + y - 3, x - y - 1, x, y), {}, ImmutableMatrix([2, 1])),
    (F("sum")(k**2, k, 1, 3), {}, Integer(14)),
    (F("mean")(M), {M: ImmutableMatrix([1, 2, 6])}, Integer(3)),
    (F("variance")(M), {M: ImmutableMatrix([1, 2, 3, 4, 5, 6])}, Rational(35, 12)),
    (F("sample_variance")(M), {M: ImmutableMatrix([-1, 0, 2])}, Rational(7, 3)),
    (F("binomial_pmf")(3, 20, Rational(1, 6)), {},
     sympy.binomial(20, 3) * Rational(1, 6)**3 * Rational(5, 6)**17),
    (F("gradient")(x**2 * y, x, y), {}, ImmutableMatrix([2 * x * y, x**2])),
    (F("hessian")(x**3 + y**2, x, y), {}, ImmutableMatrix([[6 * x, 0], [0, 2]])),
    (F("dot")(M, M), {M: ImmutableMatrix([1, 2, 2])}, Integer(9)),
    (F("norm")(M), {M: ImmutableMatrix([3, 4])}, Integer(5)),
])
def test_operations_on_hand_built_trees(tree, env, expected):
    assert interpret(tree, env) == expected


def test_parameters_are_values_not_text():
    # a matrix parameter multiplies as a matrix; a negative number stays a number
    value = interpret(sympy.Mul(M, M, evaluate=False), {M: ImmutableMatrix([[1, 2], [3, 4]])})
    assert value == ImmutableMatrix([[7, 10], [15, 22]])
    assert interpret(sympy.Add(x, a, evaluate=False), {a: Integer(-3)}) == x - 3


# --- the same through the parser, the way authors write them ----------------------------------------

@pytest.mark.parametrize(("text", "env", "expected"), [
    ("det(M)", {"M": A2}, Integer(15)),
    ("M^-1", {"M": ImmutableMatrix([[2, 0], [0, 4]])}, ImmutableMatrix([[Rational(1, 2), 0], [0, Rational(1, 4)]])),
    ("M^T", {"M": A2}, A2.T),
    ("M M", {"M": A2}, A2 * A2),
    ("2 M - M", {"M": A2}, A2),
    ("diff(sigmoid(a x), x)", {"a": Integer(3)}, 3 * sigmoid(3 * x) * (1 - sigmoid(3 * x))),
    ("sum(binomial_pmf(k, 10, 1/2), k, 0, 1)", {}, Rational(11, 1024)),
    ("1 - binomial_cdf(1, 10, 1/2)", {}, Rational(1013, 1024)),
    ("[a, 2a]", {"a": Integer(3)}, ImmutableMatrix([3, 6])),
    ("a != 0", {"a": Integer(3)}, sympy.true),
    ("0 < a < 1", {"a": Rational(1, 2)}, sympy.true),
    ("interval(1, 2)", {}, sympy.Interval.open(1, 2)),
    ("round(2/3, 3)", {}, Rational(667, 1000)),
])
def test_author_formulas_through_the_parser(text, env, expected):
    assert run(text, **env) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("normal_cdf(1.96)", 0.975002104851780),
    ("normal_ppf(0.975)", 1.959963984540054),
    ("normal_cdf(185, 170, 10)", 0.933192798731142),
    ("t_ppf(0.975, 19)", 2.093024054408263),
    ("t_cdf(2.093024054408263, 19)", 0.975),
])
def test_statistical_functions_are_accurate_decimals(text, expected):
    value = run(text)
    assert isinstance(value, sympy.Float)
    assert abs(float(value) - expected) < 1e-12


# --- refusals ---------------------------------------------------------------------------------------

def test_a_function_outside_the_whitelist_is_refused():
    for name in ("eval", "exec", "__import__", "open", "system", "lambdify"):
        with pytest.raises(FormulaError, match="is not an author operation"):
            interpret(F(name)(x))
        with pytest.raises(FormulaError, match="is not an author operation"):
            check_calls(F(name)(x) + 1)


def test_the_parser_refuses_what_is_not_our_language():
    for text in ("__import__('os')", "x.__class__", "eval(x)", "lambda x: x", "x; y", "open('f')"):
        with pytest.raises(ParseError):
            tutor.parse(text, variables=["x", "y"], functions=AUTHOR_OPS)


@pytest.mark.parametrize(("tree", "env", "words"), [
    (F("det")(x), {}, "det needs a matrix"),
    (F("det")(M), {M: ImmutableMatrix([[1, 2, 3]])}, "1×3, not square"),
    (F("inverse")(M), {M: ImmutableMatrix([[1, 2], [2, 4]])}, "singular"),
    (sympy.Pow(M, -1, evaluate=False), {M: ImmutableMatrix([[1, 2], [2, 4]])}, "singular"),
    (F("det")(M), {M: ImmutableMatrix.eye(7)}, "limit is 6×6"),
    (F("sum")(k, k, 1, 10**6), {}, "more than the limit"),
    (F("mean")(x), {}, "needs a list"),
    (F("diff")(x**2, 3), {}, "variable to differentiate by"),
    (F("diff")(x**2, x, 50), {}, "order must be 1 to 10"),
    (F("binomial_pmf")(1, 10, 2), {}, "between 0 and 1"),
    (F("normal_cdf")(0, 0, -1), {}, "sigma must be positive"),
    (F("solve")(x**2 + 1, x, y), {}, "system has no solution"),
    (F("eigenvector")(M, 7), {M: A2}, "not an eigenvalue"),
    (F("expand")((x + 1)**1000), {}, "too high"),
    (sympy.Pow(Integer(9), Integer(10**6), evaluate=False), {}, "digits"),
    (sympy.factorial(Integer(10**5), evaluate=False), {}, "too large"),
    (sympy.Add(M, 1, evaluate=False), {M: A2}, "cannot add"),
    (sympy.sin(M), {M: A2}, "cannot be applied to a matrix"),
    (F("integrate")(x, x, 1), {}, "give both limits"),
    (F("subs")(x, x), {}, "takes at least 3 arguments"),
])
def test_bad_arguments_and_oversized_work_are_refused_with_a_message(tree, env, words):
    with pytest.raises(FormulaError, match=words):
        interpret(tree, env)


def test_the_time_budget_stops_a_computation():
    expired = Budget(0.0)
    with pytest.raises(FormulaError, match="took longer than"):
        interpret(F("sum")(k, k, 1, 5000), budget=expired)


def test_the_operation_list_and_calls_found():
    assert {"diff", "integrate", "det", "inverse", "transpose", "rank", "eigenvalues", "solve",
            "expand", "factor", "simplify", "subs", "sum", "mean", "variance", "binomial_pmf",
            "normal_cdf"} <= set(AUTHOR_OPS)
    tree = F("det")(M) + F("diff")(x, x)
    assert [c.func.__name__ for c in author_calls(tree)] == ["det", "diff"]


def test_the_operation_table_in_the_authoring_guide_is_complete():
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "problems" / "README.md").read_text(encoding="utf-8")
    missing = [name for name in AUTHOR_OPS if f"`{name}(" not in guide]
    assert not missing, f"operations missing from problems/README.md: {missing}"
