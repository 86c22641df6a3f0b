"""What one operation is: a frozen `Operation` with every facet of it, and the small values it holds.

An `Operation` is a SymPy function class (its *head*) with everything each stage needs to
know about it, in one place: the names a learner types, how many arguments it takes, how it
maps shapes, the exact SymPy constructor, three numeric evaluations, its derivative with the
step rule that teaches it, its printers, and where it breaks (kinks and jumps).

A `Spelling` is a learner name that builds an expression of *other* operations
(``sqrt(x)`` is ``x^(1/2)``, ``log10(x)`` is ``log(x, 10)``): it has names, an arity and a
constructor, and every other facet is that of what it builds.

>>> import sympy
>>> rule = StepRule("sin", "sine rule", "d/dx sin(x) = cos(x).", r"\\frac{d}{dx}\\sin x = \\cos x",
...                 sympy.cos)
>>> rule.derivative(sympy.Symbol("u"))
cos(u)
>>> Shape.ELEMENTWISE.result(((), ()))
()
"""
from __future__ import annotations

import builtins
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy
from sympy import Basic

from tutor.errors import TutorError

Dims = tuple[object, ...]
"""A shape: () for a scalar, (rows, cols) for a matrix; a dimension is an int or a name."""


class ShapeError(TutorError):
    """Arguments whose shapes an operation cannot take (a matrix given to a scalar-only function)."""


class Shape(enum.Enum):
    """How an operation maps the shapes of its arguments to the shape of its result.

    Today every argument is a scalar; the matrix work fills in the non-scalar cases here, in
    `result`, and nowhere else.
    """

    ELEMENTWISE = "elementwise"     # f applied to each entry: σ(X w) has the shape of X w
    SCALAR = "scalar"               # scalars only (binomial, max, min)

    def result(self, shapes: Sequence[Dims]) -> Dims:
        """The result's shape for arguments of these shapes, or `ShapeError`.

        >>> Shape.ELEMENTWISE.result([(3, 1)]), Shape.SCALAR.result([(), ()])
        ((3, 1), ())
        >>> Shape.SCALAR.result([(2, 2)])
        Traceback (most recent call last):
        ...
        tutor.ops.operation.ShapeError: this operation takes scalars, not a 2×2 array
        """
        kinds = {s for s in shapes if s != ()}
        if not kinds:
            return ()
        if self is Shape.SCALAR:
            raise ShapeError(f"this operation takes scalars, not a {_dims_text(next(iter(kinds)))} array")
        if len(kinds) > 1:
            raise ShapeError("element-wise arguments must have the same shape: "
                             + ", ".join(_dims_text(k) for k in sorted(kinds, key=str)))
        return next(iter(kinds))


def _dims_text(dims: Dims) -> str:
    return "×".join(str(d) for d in dims)


class Break(enum.Enum):
    """Where an operation is not smooth on the real line: the points a prober must look at."""

    NONE = "none"
    KINK = "kink"       # continuous, but the derivative jumps (|x|, ReLU, max, min)
    JUMP = "jump"       # the value jumps (sign, floor, ceil, Heaviside)


class BreakAt(enum.Enum):
    """Which arguments put an operation on its break."""

    NOWHERE = "nowhere"
    ZERO = "zero"           # the argument is 0
    INTEGERS = "integers"   # the argument is an integer
    TIES = "ties"           # two arguments are equal


@dataclass(frozen=True)
class Breakpoints:
    """The break facet: its kind and where it happens.

    >>> Breakpoints(Break.KINK, BreakAt.ZERO).smooth
    False
    """

    kind: Break = Break.NONE
    at: BreakAt = BreakAt.NOWHERE

    @property
    def smooth(self) -> bool:
        """Whether the operation has no break at all."""
        return self.kind is Break.NONE

    def where(self, args: Sequence[Basic]) -> tuple[Basic, ...]:
        """Expressions that vanish exactly where a call with these arguments breaks.

        ZERO gives the argument, TIES each difference of two arguments, INTEGERS sin(π·argument)
        (zero exactly at the integers); a prober looks for points near their zeros.

        >>> import sympy
        >>> x, y = sympy.symbols("x y")
        >>> Breakpoints(Break.JUMP, BreakAt.INTEGERS).where([2 * x])
        (sin(2*pi*x),)
        >>> Breakpoints(Break.KINK, BreakAt.TIES).where([x, y, 0])
        (x - y, x, y)
        """
        if self.at is BreakAt.ZERO:
            return (args[0],)
        if self.at is BreakAt.INTEGERS:
            return (sympy.sin(sympy.pi * args[0]),)
        if self.at is BreakAt.TIES:
            return tuple(a - b for i, a in enumerate(args) for b in args[i + 1:])
        return ()


SMOOTH = Breakpoints()


@dataclass(frozen=True)
class StepRule:
    """The derivative facet: d/du f(u) as a SymPy function of u, and the step rule that teaches it."""

    rule: str                       # the rule's id in derivations and hints ("sin", "acosh")
    name: str                       # what a teacher calls it ("sine rule")
    statement: str                  # the rule in plain unicode text
    statement_latex: str            # the rule in LaTeX
    derivative: Callable[[Basic], Basic]
    note: str = ""                  # where the rule holds, when not everywhere


@dataclass(frozen=True)
class NoStepRule:
    """An explicit "no derivative rule", with the reason (several arguments, integer-valued)."""

    reason: str


@dataclass(frozen=True)
class Printers:
    """The printer facet: how each printer names the operation.

    `text` is the parser's echo of what it read (``σ(x)``, ``ln(x)``); `unicode` is the
    teacher's display in steps and hints (``arcsin(x)``, ``ReLU(x)``); `latex` is the LaTeX
    command, printed by tutor when `latex_own` (SymPy cannot print it) and by SymPy otherwise;
    `latex_also` are other LaTeX spellings a reader should accept. The ASCII input
    language (``to_input``) writes the operation's canonical name.
    """

    text: str
    unicode: str
    latex: str
    latex_own: bool = False
    latex_also: tuple[str, ...] = ()

    @property
    def latex_names(self) -> tuple[str, ...]:
        r"""Every LaTeX spelling of the operation's name, the printed one first.

        >>> print(*Printers("asin", "arcsin", r"\operatorname{asin}", latex_also=(r"\arcsin",)).latex_names)
        \operatorname{asin} \arcsin
        """
        return (self.latex, *self.latex_also)


class Domain(enum.Enum):
    """The real domain of an operation."""

    ALL = "all"                 # defined at every real argument
    RESTRICTED = "restricted"   # undefined somewhere (poles, roots of negatives, |x| > 1 ...)


@dataclass(frozen=True)
class Numeric:
    """The evaluation facets beyond the exact constructor.

    `real` and `complex` take mpmath raw values and a precision in bits (`tutor.ops.arith`);
    `float` takes and returns Python floats; `cfloat` takes and returns Python complex numbers.
    `complex_plane` says whether `complex` is defined off the real line (False: it accepts only
    values that are real up to rounding, and raises `Undefined` otherwise). `amplifying`: the
    absolute error of the result grows with the size of the argument (exp, sin), which the
    evaluator counts as lost bits.
    """

    real: Callable[..., tuple]
    complex: Callable[..., tuple]
    float: Callable[..., builtins.float]
    cfloat: Callable[..., builtins.complex]
    complex_plane: bool = True
    amplifying: bool = False


@dataclass(frozen=True)
class Operation:
    """One function of the learner language (or one the engine computes with), every facet in one place.

    Every facet without a default must be given, so an operation cannot be declared without
    them; `tests/test_ops_registry.py` checks what they say.

    >>> import sympy
    >>> from tutor.ops import by_name
    >>> op = by_name("sech")
    >>> op.names, op.unary
    (('sech',), True)
    """

    name: str                                   # canonical name; also what ``to_input`` prints
    head: type                                  # the SymPy class of what `build` returns
    build: Callable[..., Basic]                 # exact, unevaluated SymPy constructor
    arity: tuple[int, int]                      # (least, most); most = 0 means any number
    numeric: Numeric                            # real, complex, float and complex-float evaluation
    step: StepRule | NoStepRule                 # the derivative and its step rule, or why there is none
    printers: Printers
    aliases: tuple[str, ...] = ()               # other learner names, Greek and symbols included
    learner: bool = True                        # False: the engine computes with it, learners cannot type it
    shape: Shape = Shape.ELEMENTWISE
    breaks: Breakpoints = SMOOTH
    domain: Domain = Domain.ALL
    interval: tuple[float, float] = (-3.0, 3.0)  # a real interval where it is defined and smooth
    inverse: str | None = None                  # the operation f^-1 means (sin^-1 → asin)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a learner may type for it, canonical first (none if not `learner`)."""
        return (self.name, *self.aliases) if self.learner else ()

    @property
    def unary(self) -> bool:
        """Whether it takes exactly one argument."""
        return self.arity == (1, 1)

    @property
    def derivative(self) -> Callable[[Basic], Basic] | None:
        """d/du f(u) as a function of u, if it has a step rule."""
        return self.step.derivative if isinstance(self.step, StepRule) else None


@dataclass(frozen=True)
class Spelling:
    """A learner name for an expression of other operations: ``sqrt(x)`` → ``x^(1/2)``.

    >>> import sympy
    >>> cube = Spelling("cbrt", lambda u: sympy.Pow(u, sympy.Rational(1, 3), evaluate=False), (1, 1))
    >>> cube.build(sympy.Symbol("x"))
    x**(1/3)
    """

    name: str
    build: Callable[..., Basic]
    arity: tuple[int, int]
    aliases: tuple[str, ...] = ()
    interval: tuple[float, float] = (0.2, 3.0)   # where it is real and smooth

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a learner may type for it, canonical first."""
        return (self.name, *self.aliases)
