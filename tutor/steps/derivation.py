"""`derivative_steps` and `gradient_steps`: an expression in, a worked derivation out.

A `Derivation` holds the step tree, the simplified result, and gives the
numbered steps (`render`, `latex`), the hint ladder (`hints`) and the diagnosis
of a wrong answer (`diagnose`).

>>> import sympy
>>> x = sympy.Symbol("x")
>>> d = derivative_steps(sympy.sin(x**2), x)
>>> d.result, d.steps.rule, d.has_unknown
(2*x*cos(x**2), 'chain', False)
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy
from sympy import Basic

from tutor.display import mimebundle, select
from tutor.errors import StepError
from tutor.parser.evaluate import too_large
from tutor.steps.dispatch import Builder
from tutor.steps.expressions import evaluated
from tutor.steps.hints import MAX_RUNGS, Hint, HintLevel, entry_step, ladder, short_ladder
from tutor.steps.render import TextWriter, render_latex, render_text
from tutor.steps.step import Step
from tutor.steps.text import to_latex, to_text
from tutor.steps.tidy import tidy
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.parser import Parsed
    from tutor.steps.diagnosis import Candidate, Diagnosis

@frozen(eq=False)
class Derivation:
    """d/d`wrt` of `expr`, worked step by step.

    `steps` is the root `Step`; `result` is its result simplified the way a
    teacher writes it; `partial` is True when other variables are held constant.
    """

    expr: Basic
    wrt: sympy.Symbol
    steps: Step
    result: Basic
    partial: bool = False

    @property
    def has_unknown(self) -> bool:
        """True when some step is a "don't know" step (a function with no known rule)."""
        return any(step.rule == "unknown" for step in self.steps.walk())

    @cached_property
    def writer(self) -> TextWriter:
        """How this derivation names its derivatives (∂/∂w for a partial derivative)."""
        return TextWriter(self.wrt, self.partial)

    def shown(self, step: Step) -> Basic:
        """A step's result as displayed: simplified like the final answer."""
        if step is self.steps:
            return self.result
        if step.path not in self._shown:
            self._shown[step.path] = tidy(step.result) if step.children else step.result
        return self._shown[step.path]

    @cached_property
    def _shown(self) -> dict[str, Basic]:
        # displayed results by step path, tidied once (the ladder and the rendering both show them)
        return {}

    def render(self) -> str:
        """Numbered plain-text (unicode) steps, then the answer."""
        return render_text(self.steps, self.writer, self.shown, self.result)

    def latex(self) -> str:
        """The steps as a LaTeX ``aligned`` block."""
        return render_latex(self.steps, self.writer, self.shown, self.result)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Jupyter's rich display: the numbered steps (escaped HTML), the LaTeX block, the JSON.

        >>> x = sympy.Symbol("x")
        >>> bundle = derivative_steps(x**2, x)._repr_mimebundle_()
        >>> "Power rule" in bundle["text/html"], sorted(bundle)
        (True, ['application/json', 'text/html', 'text/latex'])
        """
        text = self.render()
        title, _, body = text.partition("\n")
        rows = [("answer", to_text(self.result))]
        data = {"expr": to_text(self.expr), "wrt": str(self.wrt), "result": to_text(self.result),
                "steps": [line for line in body.splitlines() if line.strip()]}
        bundle = mimebundle(title, rows, latex=self.latex(), data=data,
                            preformatted=body.strip("\n").splitlines())
        return select(bundle, include, exclude)

    def hints(self, budget: int = MAX_RUNGS) -> tuple[Hint, ...]:
        """The short ladder: a plan, one rung per subgoal, the answer; at most `budget` rungs.

        Each rung's ``more`` holds its detailed steps (see `tutor.steps.hints`).
        """
        if budget not in self._ladders:
            self._ladders[budget] = short_ladder(self.steps, self.writer, self.shown, self.result, budget)
        return self._ladders[budget]

    @cached_property
    def _ladders(self) -> dict[int, tuple[Hint, ...]]:
        return {}

    def detailed_hints(self) -> tuple[Hint, ...]:
        """The detailed ladder: orient → rule → instantiate → bottom-out for every step, in teaching order."""
        return self._ladder

    @cached_property
    def _ladder(self) -> tuple[Hint, ...]:
        return ladder(self.steps, self.writer, self.shown, self.result)

    @cached_property
    def candidates(self) -> tuple[Candidate, ...]:
        """Every distinct wrong answer a known misconception gives here, most specific first."""
        from tutor.steps.diagnosis import build_candidates

        return build_candidates(self)

    def diagnose(self, response: str | Basic | Parsed) -> Diagnosis | None:
        """The known mistake that produces `response`, or None (also when `response` is right).

        Text goes through `tutor.parse` (a `ParseError` is raised for text that cannot be read).
        """
        from tutor.steps.diagnosis import diagnose

        return diagnose(self, response)

    def __str__(self) -> str:
        return f"{self.writer.dd(self.expr, self.wrt)} = {to_text(self.result)}"


@frozen(eq=False)
class Gradient:
    """The gradient of `expr`: one derivation per variable, and the assembled vector."""

    expr: Basic
    variables: tuple[sympy.Symbol, ...]
    derivations: tuple[Derivation, ...]

    @property
    def vector(self) -> sympy.ImmutableMatrix:
        """The gradient as a column vector, one partial derivative per variable."""
        return sympy.ImmutableMatrix([d.result for d in self.derivations])

    @property
    def result(self) -> sympy.ImmutableMatrix:
        """The gradient (the same as `vector`), so that every worked formula has a `result`."""
        return self.vector

    @property
    def has_unknown(self) -> bool:
        """True when some partial derivative has a "don't know" step."""
        return any(d.has_unknown for d in self.derivations)

    def diagnose(self, response: str | Basic | Parsed) -> Diagnosis | None:
        """The known mistake in the first wrong partial derivative of a vector `response`, or None."""
        from tutor.steps.calculus import diagnose_entries

        return diagnose_entries(self.derivations, response, self.vector.shape)

    def render(self) -> str:
        """Each partial derivative's steps, then the gradient."""
        parts = [d.render() for d in self.derivations]
        return "\n\n".join(parts + [f"Gradient: {self._text()}"])

    def latex(self) -> str:
        """Each partial derivative's LaTeX, then the gradient as a column vector."""
        return "\n\n".join([d.latex() for d in self.derivations] + [to_latex(self.vector)])

    def hints(self, budget: int = MAX_RUNGS) -> tuple[Hint, ...]:
        """Each partial derivative's short ladder in turn, then the gradient assembled; at most `budget` rungs.

        >>> w, b = sympy.symbols("w b")
        >>> len(gradient_steps((w * 3 + b - 1) ** 2, ["w", "b"]).hints(5))
        5
        """
        each = max(1, (budget - 1) // max(1, len(self.derivations)))
        # each partial derivative's rungs carry its index ("1:0.2"), as its diagnosis does
        hints = [dataclasses.replace(hint, step=entry_step(k, hint.step)) for k, d in enumerate(self.derivations)
                 for hint in d.hints(each)]
        if len(hints) >= budget:  # too many variables for a rung each: one rung for all partials
            hints = [Hint(HintLevel.INSTANTIATE, "; ".join(h.text for h in hints), None, "0",
                          tuple(h for d in self.derivations for h in d.detailed_hints()))]
        hints.append(Hint(HintLevel.BOTTOM_OUT, f"Put the partial derivatives together: {self._text()}",
                          to_latex(self.vector), "0"))
        return tuple(hints)

    def detailed_hints(self) -> tuple[Hint, ...]:
        """Each partial derivative's detailed ladder in turn, then the gradient assembled."""
        hints = [hint for d in self.derivations for hint in d.detailed_hints()]
        hints.append(Hint(HintLevel.BOTTOM_OUT, f"Put the partial derivatives together: {self._text()}",
                          to_latex(self.vector), "0"))
        return tuple(hints)

    def _text(self) -> str:
        operators = ", ".join(d.writer.d(d.wrt) for d in self.derivations)
        return f"∇ = ({operators}) = ({', '.join(to_text(d.result) for d in self.derivations)})"


def derivative_steps(expr: str | Basic | Parsed, wrt: str | sympy.Symbol, *,
                     macros: bool = False) -> Derivation:
    """Differentiate `expr` with respect to `wrt`, step by step.

    `expr` is text (read by `tutor.parse`), a SymPy expression, or a `Parsed`
    (its typed structure is kept). With `macros`, known compound steps such as
    d/dz of the cross-entropy of σ(z) are taken in one step (σ(z) − y).

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> print(derivative_steps(x**2 * sympy.exp(x), x))
    d/dx (x²·e^x) = x(x + 2)·e^x
    """
    expression = as_expression(expr)
    variable = as_variable(wrt, expression)
    _refuse_unusable(expression, variable)
    names = frozenset(s.name for s in expression.free_symbols)
    root = Builder(variable, macros=macros, names=names).build(expression, variable, "0")
    partial = bool(expression.free_symbols - {variable})
    return Derivation(expression, variable, root, tidy(root.result), partial)


def gradient_steps(expr: str | Basic | Parsed, wrt: Sequence[str | sympy.Symbol], *,
                   macros: bool = False) -> Gradient:
    """One derivation per variable of `wrt`, and the gradient they assemble into.

    >>> import sympy
    >>> w, b = sympy.symbols("w b")
    >>> gradient_steps(w**2 * b, ["w", "b"]).vector.T
    Matrix([[2*b*w, w**2]])
    """
    expression = as_expression(expr)
    if not wrt:
        raise StepError("A gradient needs at least one variable.")
    derivations = tuple(derivative_steps(expression, v, macros=macros) for v in wrt)
    return Gradient(expression, tuple(d.wrt for d in derivations), derivations)


def _refuse_unusable(expression: Basic, variable: sympy.Symbol) -> None:
    if expression.has(variable) and too_large(expression):
        # SymPy's arithmetic on 9^9^9^9 may try to compute it: refuse rather than hang
        raise StepError("This expression holds a number too large to work with, such as 9^9^9^9.")
    try:
        undefined = evaluated(expression).has(sympy.zoo, sympy.nan)
    except (ValueError, TypeError, ArithmeticError):  # SymPy refuses it, e.g. max(0, i)
        undefined = True
    if undefined:
        raise StepError("This expression is undefined (a division by zero, ln(0), or max of a "
                        "complex number), so it has no derivative.")


def as_expression(expr: object) -> Basic:
    """The SymPy expression to differentiate, from text, a `Parsed` or SymPy (kept as typed).

    >>> as_expression("2/4 x").args
    (2, 1/4, x)
    """
    if isinstance(expr, str):
        from tutor.parser import parse

        expr = parse(expr)
    expression = getattr(expr, "expr", expr)  # a Parsed keeps the typed structure in .expr
    if not isinstance(expression, sympy.Expr) or isinstance(expression, sympy.MatrixBase):
        what = getattr(expr, "kind", type(expr).__name__)
        raise StepError(f"Only an expression can be differentiated, not a {what}.")
    return expression


def as_variable(wrt: object, expression: Basic) -> sympy.Symbol:
    """The symbol of `expression` named like `wrt` (a name or a Symbol); read by the parser otherwise.

    >>> import sympy
    >>> as_variable("θ", sympy.Symbol("theta") ** 2)
    theta
    """
    name = wrt.name if isinstance(wrt, sympy.Symbol) else wrt
    if not isinstance(name, str) or not name.strip():
        raise StepError("Say which variable to differentiate by, e.g. --wrt x.")
    match = next((s for s in expression.free_symbols if s.name == name.strip()), None)
    if match is not None:
        return match
    if isinstance(wrt, sympy.Symbol):
        return sympy.Symbol(wrt.name)
    from tutor.parser import parse

    parsed = parse(name.strip())
    if not isinstance(parsed.expr, sympy.Symbol):
        raise StepError(f"'{name}' is not a variable name.")
    return next((s for s in expression.free_symbols if s == parsed.expr), parsed.expr)
