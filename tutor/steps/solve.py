"""`solution_steps`: any author formula, worked step by step by the engine of its outermost operation.

The formula is read by `tutor.parse` with the engines' operation names; its
outermost operation chooses the engine (`ENGINES`): ``diff``, ``gradient`` and
``hessian`` go to the derivative engine (a `Derivation`, `Gradient` or
`Hessian`), the others to the rule nodes of `tutor.steps.linalg`,
`tutor.steps.stats` and `tutor.steps.integrals` (a `Solution`). A formula
whose outermost operation is arithmetic on engine calls (``1 − normal_cdf(z)``,
``abs(det(A))``) is worked call by call, then put together. Values are text
in our language, int, Fraction or SymPy.

>>> s = solution_steps("inverse(A)", A="[[4, 7], [2, 6]]")
>>> s.root.rule, s.result.tolist()
('inverse_2x2', [[3/5, -7/10], [-1/5, 2/5]])
>>> solution_steps("diff(x^2 sin(x), x)").result
x**2*cos(x) + 2*x*sin(x)
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Union

import sympy
from sympy import Basic
from sympy.core.function import AppliedUndef

from tutor import ops
from tutor.errors import StepError, TutorError
from tutor.linalg.declare import Declaration
from tutor.steps import arrays, evaluate, integrals, likelihood, linalg, points, stats
from tutor.steps.calculus import Hessian, hessian_steps
from tutor.steps.derivation import Derivation, Gradient, derivative_steps, gradient_steps
from tutor.steps.expressions import evaluated
from tutor.steps.evaluate_bugs import EVALUATE_BUGS
from tutor.steps.integral_bugs import INTEGRAL_BUGS
from tutor.steps.likelihood_bugs import LIKELIHOOD_BUGS
from tutor.steps.linalg_bugs import LINALG_BUGS
from tutor.steps.node import Node, NodeBug, show
from tutor.steps.solution import Solution
from tutor.steps.stats_bugs import STATS_BUGS
from tutor.values import frozen

Worked = Union[Derivation, Gradient, Hessian, Solution]
Value = Union[str, int, Fraction, Basic]
Build = Callable[[Sequence[Basic], "Context"], Node]

BUGS = LINALG_BUGS + STATS_BUGS + INTEGRAL_BUGS + EVALUATE_BUGS + LIKELIHOOD_BUGS
"""Every misconception the node engines know, in priority order."""


@frozen
class Engine:
    """How an author operation is worked: its arity and the builder of its rule node."""

    name: str
    arity: tuple[int, int]
    build: Build


def _matrix_call(fn: Callable[..., Node]) -> Build:
    return lambda args, ctx: fn(*[ctx.value(a) for a in args])


def _det(args: Sequence[Basic], ctx: Context) -> Node:
    scaled = ctx.scalar_times_matrix(args[0])
    if scaled is not None:
        return linalg.build_scaled_det(*scaled)
    return linalg.build_det(ctx.value(args[0]))


def _subs(args: Sequence[Basic], ctx: Context) -> Node:
    """subs(f, x, a, …): a derivative in `f` is worked first; then the point is put in."""
    f, rest = args[0], args[1:]
    names = rest[0::2]
    if len(rest) % 2 or not all(isinstance(n, sympy.Symbol) for n in names):
        raise StepError("subs takes an expression, then each name and its value: subs(f, x, 2, y, 3).")
    point = tuple((n, ctx.value(v)) for n, v in zip(names, rest[1::2]))
    inner = ctx.derived(f)
    if inner is None:  # the expression itself at the point: a formula with the point's values
        return evaluate.build(ctx.substitute(f), {**ctx.values(), **dict(point)})
    return points.AtPoint(expr=ctx.substitute(f), children=(inner,), point=point)


def _solve(args: Sequence[Basic], ctx: Context) -> Node:
    values = [ctx.value(a) for a in args]  # equations may be given as values: solve(e1, e2, x, y)
    split = len(values)
    while split > 1 and isinstance(values[split - 1], sympy.Symbol):
        split -= 1
    equations, unknowns = values[:split], values[split:]
    if not unknowns:
        raise StepError("solve needs the unknowns after the equations, e.g. solve(e1, e2, x, y).")
    return linalg.build_system(equations, unknowns)


def _charpoly(args: Sequence[Basic], ctx: Context) -> Node:
    if not isinstance(args[1], sympy.Symbol):
        raise StepError("charpoly needs the variable of the polynomial second, e.g. charpoly(A, l).")
    return linalg.build_charpoly(ctx.value(args[0]), args[1])


ENGINES: dict[str, Engine] = {e.name: e for e in (
    Engine("det", (1, 1), _det),
    Engine("inverse", (1, 1), _matrix_call(linalg.build_inverse)),
    Engine("rref", (1, 1), _matrix_call(linalg.build_rref)),
    Engine("rank", (1, 1), lambda args, ctx: linalg.build_rank(ctx.value(args[0]))),
    Engine("solve", (2, 99), _solve),
    Engine("subs", (3, 99), _subs),
    Engine("charpoly", (2, 2), _charpoly),
    Engine("eigenvalues", (1, 1), _matrix_call(linalg.build_eigenvalues)),
    Engine("eigenvector", (2, 2), _matrix_call(linalg.build_eigenvector)),
    Engine("dot", (2, 2), _matrix_call(linalg.build_dot)),
    Engine("norm", (1, 1), _matrix_call(linalg.build_norm)),
    Engine("argmax", (2, 2), lambda args, ctx: likelihood.argmax_tree(ctx.substitute(args[0]), args[1])),
    *(Engine(*entry) for entry in stats.ENGINES),
    *(Engine(*entry) for entry in integrals.ENGINES),
)}
"""The node engines, by author operation."""

CALCULUS = ("diff", "gradient", "hessian")
"""The operations worked by the derivative engine."""

OPERATIONS: tuple[str, ...] = tuple(sorted([*ENGINES, *CALCULUS]))
"""Every author operation that has steps."""

PRESENTATION = ("approx",)
"""Author operations that only say how a value is given (as a decimal): the steps work their argument."""


def solution_steps(formula: str, /, *, declare: Mapping[str, str] | None = None, **values: Value) -> Worked:
    """Work the author `formula` step by step, with `values` for its names.

    >>> solution_steps("det([[3, 2], [1, 4]])").result
    10
    >>> solution_steps("abs(det(A))", A="[[1, 2], [3, 4]]").root.rule
    'formula'

    `declare` gives names as vectors, matrices or data, as the checker's `variables` does
    (``{"X": "matrix(n, d)", "w": "vector(d)"}``): the formula is read with those shapes, and a
    gradient by a declared vector goes to the matrix-calculus engine (`tutor.steps.arrays`).

    >>> decl = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
    >>> print(solution_steps("gradient(c/n norm(X w - y)^2, w)", declare=decl, c=3))
    ∇_w (3/n·‖X·w − y‖²) = 6/n·X^T·(X·w − y)
    """
    if not isinstance(formula, str):
        raise StepError("The formula must be text in the author language, e.g. det(A).")
    shapes = arrays.read_declarations(declare)
    clash = sorted(set(shapes) & set(values))
    if clash:
        raise StepError(f"'{clash[0]}' is declared ({declare[clash[0]] if declare else ''}) and also given a value: "
                        "give one or the other.")
    env = {_name(name): as_value(name, value) for name, value in values.items()}
    expr = _parse(formula, list(values) + arrays.names_of(shapes), shapes)
    if shapes:
        worked = arrays.array_steps(formula, Context(env).substitute(expr), shapes)
        if worked is not None:
            return worked
    if isinstance(expr, AppliedUndef) and expr.func.__name__ in CALCULUS:
        return _calculus(expr, env)
    ctx = Context(env)
    root = ctx.node(expr)
    return Solution(formula, root, BUGS, integrals.comparison(root))


def as_value(name: str, value: object) -> Basic:
    """A value given for `name`: text in our language, int, Fraction, SymPy, or a list of rows.

    >>> as_value("A", "[[1, 2], [3, 4]]").shape, as_value("p", Fraction(1, 3))
    ((2, 2), 1/3)
    """
    if isinstance(value, bool):
        raise StepError(f"The value of {name} must be a number, a matrix or an expression, not a bool.")
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, str):
        from tutor.parser import parse

        try:
            return parse(value).expr
        except TutorError as err:
            raise StepError(f"The value of {name} cannot be read: {err}") from None
    if isinstance(value, (list, tuple)):
        return sympy.ImmutableMatrix(value)
    if isinstance(value, sympy.MatrixBase):
        return sympy.ImmutableMatrix(value)
    if isinstance(value, Basic):
        return value
    raise StepError(f"The value of {name} must be text, an int, a Fraction or SymPy, not a "
                    f"{type(value).__name__}.")


def _name(name: str) -> str:
    """The name as the parser spells its symbol (``e1`` is read as e₁, ``e_1``)."""
    from tutor.parser import parse

    try:
        symbol = parse(name, variables=[name]).expr
    except TutorError:
        raise StepError(f"'{name}' cannot be used as a name.") from None
    if not isinstance(symbol, sympy.Symbol):
        raise StepError(f"'{name}' is not read as one name.")
    return symbol.name


def _parse(formula: str, names: list[str], shapes: Mapping[str, Declaration] | None = None) -> Basic:
    from tutor.parser import parse

    if not shapes:
        return parse(formula, variables=names, functions=[*OPERATIONS, *PRESENTATION]).expr
    # with declared arrays, the registry's matrix operations (norm, inverse, dot, …) build the
    # parser's own nodes, as in the checker and the author language
    functions = [name for name in (*OPERATIONS, *PRESENTATION) if name not in ops.MATRIX_NAMES]
    return parse(formula, variables=names, functions=functions, shapes=shapes).expr


class Context:
    """The values of one formula's names; evaluates arguments, working inner engine calls first."""

    def __init__(self, env: Mapping[str, Basic]) -> None:
        self.env = dict(env)

    def derived(self, call: Basic) -> points.Derived | None:
        """A derivative written in the formula (diff(f, x), diff(f, x, 2), gradient(f, x, y)) as
        one rule node worked by the derivative engine, or None for anything else."""
        if not (isinstance(call, AppliedUndef) and call.func.__name__ in ("diff", "gradient")):
            return None
        f, variables = self.substitute(call.args[0]), call.args[1:]
        if not variables or not isinstance(variables[0], sympy.Symbol):
            raise StepError(f"{call.func.__name__} needs a function and then its variables, e.g. diff(f, x).")
        if call.func.__name__ == "gradient":
            node = points.Derived(expr=f, worked=gradient_steps(f, list(variables)))
        elif len(variables) == 2 and variables[1] == 2:
            first = derivative_steps(f, variables[0])
            node = points.Derived(expr=f, worked=derivative_steps(first.result, variables[0]), order=2)
        elif len(variables) == 1:
            node = points.Derived(expr=f, worked=derivative_steps(f, variables[0]))
        else:
            raise StepError("Steps are given for diff(f, x) and diff(f, x, 2).")
        return node

    def given(self) -> set[Basic]:
        """The names that have values, as symbols."""
        return {sympy.Symbol(name) for name in self.env}

    def values(self) -> dict[sympy.Symbol, Basic]:
        """The given values, by symbol."""
        return {sympy.Symbol(name): value for name, value in self.env.items()}

    def substitute(self, expr: Basic) -> Basic:
        """`expr` with the given values put in for its names."""
        if isinstance(expr, sympy.MatrixBase):
            return sympy.ImmutableMatrix(expr.applyfunc(self.substitute))
        mapping = {s: self.env[s.name] for s in getattr(expr, "free_symbols", ()) if
                   isinstance(s, sympy.Symbol) and s.name in self.env}
        return expr.xreplace(mapping) if mapping else expr

    def value(self, expr: Basic) -> Basic:
        """The value of an argument: names replaced, engine calls worked, arithmetic done."""
        calls = _calls(expr)
        if calls:
            expr = expr.xreplace({call: self.node(call).result for call in calls})
        return _evaluate(self.substitute(expr))

    def scalar_times_matrix(self, expr: Basic) -> tuple[Basic, sympy.ImmutableMatrix] | None:
        """(c, M) when `expr` is written as a number times a matrix, such as ``2 A``."""
        if not isinstance(expr, sympy.Mul) or _calls(expr):
            return None
        values = [self.value(f) for f in expr.args]
        matrices = [v for v in values if isinstance(v, sympy.MatrixBase)]
        if len(matrices) != 1:
            return None
        c = sympy.Mul(*[v for v in values if not isinstance(v, sympy.MatrixBase)])
        return (c, sympy.ImmutableMatrix(matrices[0])) if c != 1 else None

    def node(self, expr: Basic) -> Node:
        """The rule node of `expr`: its engine, or arithmetic on engine calls."""
        if isinstance(expr, AppliedUndef) and expr.func.__name__ in PRESENTATION:
            return self.node(expr.args[0])  # approx(x): the steps work x exactly
        if isinstance(expr, AppliedUndef):
            name = expr.func.__name__
            engine = ENGINES.get(name)
            if engine is None:
                raise StepError(f"Steps for {name} inside a formula are not available; "
                                f"work it on its own: tutor steps \"{show(expr)}\".")
            low, high = engine.arity
            if not low <= len(expr.args) <= high:
                raise StepError(f"{name} takes {low}{'' if low == high else f' to {high}'} arguments, "
                                f"got {len(expr.args)}.")
            return engine.build(expr.args, self)
        product = self._product(expr)
        if product is not None:
            return product
        calls = _calls(expr)
        if not calls:
            if evaluate.compound(expr) and expr.free_symbols and expr.free_symbols <= self.given():
                return evaluate.build(expr, self.values())
            raise StepError(f"{show(expr)} has no operation with steps (such as det, inverse, bayes, "
                            "integrate or diff), nor values to put into it.")
        children = tuple(self.node(call) for call in calls)
        return Formula(expr=self.substitute(expr), calls=tuple(self.substitute(c) for c in calls),
                       children=children)

    def _product(self, expr: Basic) -> Node | None:
        if not isinstance(expr, sympy.Mul) or _calls(expr):
            return None
        values = [self.value(f) for f in expr.args]
        if sum(1 for v in values if isinstance(v, sympy.MatrixBase)) != 2 or len(values) != 2:
            return None
        return linalg.build_product(*values)


@frozen(eq=False, kw_only=True)
class Formula(Node):
    """Arithmetic on the results of engine calls: work each call, then put the results in."""

    calls: tuple[Basic, ...]
    rule = "formula"
    name = "put the parts together"
    statement = "Work out each operation on its own, then put its value into the formula."

    def combine(self, parts: Sequence[Basic]) -> Basic:
        return _evaluate(self.expr.xreplace(dict(zip(self.calls, parts))))

    def goal(self) -> str:
        return self._written([child.goal() for child in self.children], tight=True)

    def instance(self) -> str:
        return self._written([show(child.result) for child in self.children], tight=True)

    def _written(self, texts: Sequence[str], tight: bool = False) -> str:
        # each call stands in as a placeholder name, replaced by its text once the formula is written
        holders = [sympy.Symbol(f"CALL{chr(97 + k)}") for k in range(len(self.calls))]
        text = show(self.expr.xreplace(dict(zip(self.calls, holders))))
        for holder, written in sorted(zip(holders, texts), key=lambda h: -len(h[0].name)):
            needs = tight and (written.startswith("−") or _spaced(written))
            text = text.replace(holder.name, f"({written})" if needs else written)
        return text


def _spaced(text: str) -> bool:
    """Whether `text` has a space outside its brackets (a sum, "… at x = 2"): it needs brackets
    to stand as one factor; dot([1, 2], [3, 4]) does not."""
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == " " and depth == 0:
            return True
    return False


def _calls(expr: Basic) -> list[Basic]:
    """The outermost author calls in `expr`, in reading order."""
    if isinstance(expr, AppliedUndef):
        return [expr]
    if isinstance(expr, sympy.MatrixBase):
        return [c for e in expr for c in _calls(e)]
    found: list[Basic] = []
    for arg in getattr(expr, "args", ()):
        for call in _calls(arg):
            if call not in found:
                found.append(call)
    return found


def _evaluate(value: Basic) -> Basic:
    if isinstance(value, sympy.MatrixBase):
        return sympy.ImmutableMatrix(value.applyfunc(evaluated))
    if isinstance(value, (sympy.Equality, sympy.Tuple, sympy.FiniteSet)):
        return value.func(*[_evaluate(a) for a in value.args])
    return evaluated(value)


def _calculus(expr: Basic, env: Mapping[str, Basic]) -> Worked:
    name, args = expr.func.__name__, Context(env)
    # the function keeps its typed structure: the derivative engine reads it
    f = args.substitute(expr.args[0]) if expr.args else None
    variables = expr.args[1:]
    if f is None or not variables or not all(isinstance(v, sympy.Symbol) for v in variables):
        raise StepError(f"{name} needs a function and then its variables, e.g. {name}(f, x).")
    if name == "diff":
        if len(variables) == 2 and variables[1].is_Integer:
            raise StepError("Steps are given for first derivatives: diff(f, x).")
        if len(variables) != 1:
            raise StepError("diff takes one variable: diff(f, x); use gradient(f, x, y) for several.")
        return derivative_steps(f, variables[0])
    if name == "gradient":
        return gradient_steps(f, list(variables))
    return hessian_steps(f, list(variables))
