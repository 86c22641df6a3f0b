"""Author operations for algebra and calculus: diff, integrate, gradient, solve, sum, ...

>>> x = sympy.Symbol("x")
>>> OPERATIONS["diff"].fn((x**3, x), None)
3*x**2
"""
from __future__ import annotations

import sympy
from sympy.matrices import MatrixBase
from sympy.simplify.simplify import factor_sum

from tutor.linalg import calculus as matrix_calculus

from tutor.problems.ops_base import (
    MAX_TERMS, OPERATIONS, Args, Budget, FormulaError, entries, integer, is_matrix, operation, scalar,
    show, small, symbol,
)


@operation("diff", (2, 3), "derivative (n-th) with respect to a variable")
def _diff(args: Args, budget: Budget | None) -> sympy.Basic:
    if len(args) == 2 and isinstance(args[1], sympy.MatrixSymbol):
        return _by_array("diff", args[0], args[1])
    f, x = args[0], symbol("diff", args[1], "the variable to differentiate by")
    n = integer("diff", args[2], "the order", 1, 10) if len(args) == 3 else 1
    if not (isinstance(f, sympy.Expr) or is_matrix(f)):
        raise FormulaError(f"diff needs an expression or a matrix, got {show(f)}")
    return f.diff(x, n)


@operation("integrate", (2, 4), "antiderivative, or definite integral from a to b")
def _integrate(args: Args, budget: Budget | None) -> sympy.Basic:
    if len(args) == 3:
        raise FormulaError("integrate takes (f, x) or (f, x, a, b): give both limits")
    f = small("integrate", scalar("integrate", args[0]))
    x = symbol("integrate", args[1], "the variable of integration")
    result = sympy.integrate(f, x) if len(args) == 2 else sympy.integrate(f, (x, args[2], args[3]))
    if result.has(sympy.Integral):
        raise FormulaError(f"integrate could not find an integral of {show(f)}")
    return result


def _by_array(op: str, f: sympy.Basic, wrt: sympy.MatrixSymbol) -> sympy.Basic:
    """The gradient by a declared vector (or matrix): ``gradient(norm(X w - y)^2, w)`` is 2Xᵀ(Xw − y)."""
    try:
        return matrix_calculus.gradient(f, wrt)
    except matrix_calculus.NotDifferentiable as err:
        raise FormulaError(f"{op}: {err}") from None


def _variables(op: str, args: Args) -> list[sympy.Symbol]:
    if not args:
        raise FormulaError(f"{op} needs the variables after the function, e.g. {op}(f, x, y)")
    return [symbol(op, a) for a in args]


@operation("gradient", (2, 99), "the vector of partial derivatives")
def _gradient(args: Args, budget: Budget | None) -> sympy.Basic:
    if len(args) == 2 and isinstance(args[1], sympy.MatrixSymbol):
        return _by_array("gradient", args[0], args[1])
    f = scalar("gradient", args[0])
    return sympy.ImmutableMatrix([f.diff(v) for v in _variables("gradient", args[1:])])


@operation("hessian", (2, 99), "the matrix of second partial derivatives")
def _hessian(args: Args, budget: Budget | None) -> sympy.Basic:
    f = scalar("hessian", args[0])
    names = _variables("hessian", args[1:])
    return sympy.ImmutableMatrix([[f.diff(a, b) for b in names] for a in names])


def _rewrite(name: str, fn):
    def run(args: Args, budget: Budget | None) -> sympy.Basic:
        value = small(name, args[0])
        if is_matrix(value):
            return sympy.ImmutableMatrix(value.applyfunc(fn))
        return fn(scalar(name, value))
    return run


operation("expand", (1, 1), "multiply out products and powers")(_rewrite("expand", sympy.expand))
operation("factor", (1, 1), "factor a polynomial")(_rewrite("factor", sympy.factor))
operation("simplify", (1, 1), "SymPy's simplification")(_rewrite("simplify", sympy.simplify))


@operation("subs", (3, 99), "replace variables by values: subs(f, x, v, y, w, ...)")
def _subs(args: Args, budget: Budget | None) -> sympy.Basic:
    f, pairs = args[0], args[1:]
    if len(pairs) % 2:
        raise FormulaError("subs takes pairs after the expression: subs(f, x, 1, y, 2)")
    mapping = {symbol("subs", pairs[i], "a variable to replace"): pairs[i + 1]
               for i in range(0, len(pairs), 2)}
    if not hasattr(f, "xreplace"):
        raise FormulaError(f"subs cannot substitute into {show(f)}")
    # xreplace is simultaneous and much faster than subs; values here never need subs' care
    # for unevaluated derivatives, since diff is always evaluated
    return f.xreplace(mapping)


def _equation(value: sympy.Basic) -> sympy.Expr:
    if isinstance(value, sympy.Equality):
        return value.lhs - value.rhs
    if isinstance(value, sympy.Expr) and not is_matrix(value):
        return value
    raise FormulaError(f"solve needs equations (or expressions equal to 0), got {show(value)}")


@operation("solve", (2, 99), "real solutions of an equation (a set), or of a system (a vector); for a "
           "declared vector w, the w with g = 0 for a vector expression g linear in w")
def _solve(args: Args, budget: Budget | None) -> sympy.Basic:
    if len(args) == 2 and isinstance(args[1], sympy.MatrixSymbol):
        return _solve_for_vector(args[0], args[1])
    split = len(args)
    while split > 1 and isinstance(args[split - 1], sympy.Symbol):
        split -= 1
    equations = [small("solve", _equation(a)) for a in args[:split]]
    unknowns = list(args[split:])
    if not unknowns:
        raise FormulaError("solve needs the unknowns after the equations, e.g. solve(x^2 = 4, x)")
    if len(unknowns) == 1 and len(equations) == 1:
        return _solve_one(equations[0], unknowns[0])
    return _solve_system(equations, unknowns)


def _solve_for_vector(g: sympy.Basic, w: sympy.MatrixSymbol) -> sympy.Basic:
    """``solve(gradient(norm(X w - y)^2, w), w)``: the normal equations solved, (XᵀX)⁻¹Xᵀy."""
    try:
        return matrix_calculus.linear_solution(g, w)
    except matrix_calculus.NotLinear as err:
        raise FormulaError(f"solve: the equation must be a matrix times {w} minus a vector, = 0 ({err})") from None


def _solve_one(equation: sympy.Expr, x: sympy.Symbol) -> sympy.Basic:
    result = sympy.solveset(equation, x, domain=sympy.S.Reals)
    if not isinstance(result, (sympy.FiniteSet, sympy.EmptySet.__class__)):
        raise FormulaError(f"solve: the solutions of {show(equation)} = 0 are not a finite set "
                           f"({show(result)})")
    return result


@operation("argmax", (2, 2), "argmax(f, p): the p where f is largest, its one stationary point (a "
           "log-likelihood summed over data allowed)")
def _argmax(args: Args, budget: Budget | None) -> sympy.Basic:
    """The one root of d/dp f = 0, sums over data held as numbers; refused when it is a minimum.

    >>> p = sympy.Symbol("p")
    >>> _argmax((3 * sympy.log(p) + 2 * sympy.log(1 - p), p), None)
    3/5
    """
    f, p = args[0], symbol("argmax", args[1], "the variable to maximise over")
    if not isinstance(f, sympy.Expr) or not f.has(p):
        raise FormulaError(f"argmax needs an expression in {show(p)}, got {show(f)}")
    slope = sympy.expand(small("argmax", sympy.diff(f, p)))
    slope = slope.xreplace({s: factor_sum(s).doit() for s in slope.atoms(sympy.Sum)})
    held = {s: sympy.Dummy("S") for s in slope.atoms(sympy.Sum)}   # Σ x_i is a number of the data
    numerator, _ = sympy.fraction(sympy.together(slope.xreplace(held)))
    roots = sympy.solve(numerator, p)
    if len(roots) != 1:
        raise FormulaError(f"argmax: d/d{show(p)} of {show(f)} = 0 has {len(roots)} solutions; it must have "
                           "exactly one")
    bend = sympy.diff(f, p, 2).xreplace({p: roots[0]})
    if bend.is_positive:
        raise FormulaError(f"argmax: the one stationary point of {show(f)} is a minimum")
    return roots[0].xreplace({v: k for k, v in held.items()})


def _solve_system(equations: list[sympy.Expr], unknowns: list[sympy.Basic]) -> sympy.Basic:
    linear = _solve_linear(equations, unknowns)
    if linear is not None:
        return linear
    solutions = [s for s in sympy.solve(equations, unknowns, dict=True)
                 if all(v.is_real is not False for v in s.values())]  # real solutions only
    if len(solutions) != 1 or set(solutions[0]) != set(unknowns):
        count = "no solution" if not solutions else (
            f"{len(solutions)} solutions" if len(solutions) > 1 else "infinitely many solutions")
        raise FormulaError(f"solve: the system has {count}; it must have exactly one")
    (solution,) = solutions
    return sympy.ImmutableMatrix([solution[u] for u in unknowns])


def _solve_linear(equations: list[sympy.Expr], unknowns: list[sympy.Basic]) -> sympy.Basic | None:
    """A square linear system with a unique solution, solved directly (much faster than solve)."""
    try:
        matrix, rhs = sympy.linear_eq_to_matrix(equations, unknowns)
    except ValueError:  # NonlinearError is a ValueError: not a linear system
        return None
    if matrix.rows != matrix.cols or matrix.det() == 0:
        return None
    return sympy.ImmutableMatrix(matrix.LUsolve(rhs))


@operation("sum", (1, 4), "sum(f, k, a, b) = f for k = a..b added up; sum(v) adds a vector's entries",
           lazy=True)
def _sum(args: Args, evaluate) -> sympy.Basic:
    if len(args) == 1:
        value = evaluate(args[0])
        return sympy.Add(*entries("sum", (value,)))
    if len(args) != 4:
        raise FormulaError("sum takes (f, k, a, b), or one vector: sum([1, 2, 3])")
    body, k = args[0], symbol("sum", args[1], "the index variable")
    low = integer("sum", evaluate(args[2]), "the lower limit")
    high = integer("sum", evaluate(args[3]), "the upper limit")
    if high - low + 1 > MAX_TERMS:
        raise FormulaError(f"sum: {high - low + 1} terms is more than the limit of {MAX_TERMS}")
    terms = [evaluate(body, {k: sympy.Integer(i)}) for i in range(low, high + 1)]
    if any(isinstance(t, MatrixBase) for t in terms):
        total = terms[0]
        for t in terms[1:]:
            total = total + t
        return total
    return sympy.Add(*terms)


__all__ = ["OPERATIONS"]
