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

import sympy
from sympy import Basic

from tutor.errors import TutorError
from tutor.values import frozen

Dims = tuple[object, ...]
"""A shape: () for a scalar, (rows, cols) for a matrix; a dimension is an int or a name."""


class ShapeError(TutorError):
    """Arguments whose shapes an operation cannot take (a matrix given to a scalar-only function);
    `code` names the rule broken (``matrix_shape``, ``not_invertible``, ``not_a_matrix``)."""

    def __init__(self, message: str, code: str = "matrix_shape") -> None:
        super().__init__(message)
        self.code = code


class Shape(enum.Enum):
    """How an operation maps the shapes of its arguments to the shape of its result.

    The scalar functions are ELEMENTWISE or SCALAR; the matrix operations (`tutor.ops.matrices`)
    each name their rule here, and `result` is the one place that knows what fits.
    """

    ELEMENTWISE = "elementwise"     # f applied to each entry: σ(X w) has the shape of X w
    SCALAR = "scalar"               # scalars only (binomial, max, min)
    TRANSPOSE = "transpose"         # r×c → c×r
    SQUARE = "square"               # n×n → n×n (the inverse)
    SQUARE_TO_SCALAR = "square to scalar"    # n×n → a number (det, tr)
    COLUMN_TO_SQUARE = "column to square"    # n×1 → n×n (diag)
    COLUMNS_TO_SCALAR = "columns to scalar"  # two n×1 → a number (dot)
    ARRAY_TO_SCALAR = "array to scalar"      # any array → a number (norm)
    PRODUCT = "product"             # a×b times b×c → a×c, in the order given

    def result(self, shapes: Sequence[Dims], texts: Sequence[str] = (), noun: str = "this operation",
               called: str = "") -> Dims:
        """The result's shape for arguments of these shapes, or `ShapeError` saying why not.

        `texts` (the arguments as typed), `noun` (what the result is called: "no inverse") and
        `called` (the name it was called by: "diag takes …"; default `noun`) make the message.

        >>> Shape.ELEMENTWISE.result([(3, 1)]), Shape.SCALAR.result([(), ()])
        ((3, 1), ())
        >>> Shape.SCALAR.result([(2, 2)])
        Traceback (most recent call last):
        ...
        tutor.ops.operation.ShapeError: this operation takes scalars, not a 2×2 array
        >>> Shape.TRANSPOSE.result([("n", "d")]), Shape.PRODUCT.result([("n", "d"), ("d", 1)])
        (('d', 'n'), ('n', 1))
        >>> Shape.SQUARE.result([("n", "d")], ["X"], "inverse")
        Traceback (most recent call last):
        ...
        tutor.ops.operation.ShapeError: X is n×d, not square, so it has no inverse (did you mean (X^T X)^(-1)?).
        """
        if self in (Shape.ELEMENTWISE, Shape.SCALAR):
            return self._scalar_result(shapes)
        texts = list(texts) or [f"argument {k + 1}" for k in range(len(shapes))]
        called = called or noun
        for dims, text in zip(shapes, texts):
            if dims == ():
                raise ShapeError(f"{called} takes a vector or matrix; {text} is a scalar.", "not_a_matrix")
        first = shapes[0]
        if self is Shape.TRANSPOSE:
            return (first[1], first[0])
        if self is Shape.ARRAY_TO_SCALAR:
            return ()
        if self in (Shape.SQUARE, Shape.SQUARE_TO_SCALAR):
            if first[0] != first[1]:
                hint = f" (did you mean ({texts[0]}^T {texts[0]})^(-1)?)" \
                    if self is Shape.SQUARE and texts[0].replace("_", "").isalnum() else ""
                raise ShapeError(f"{texts[0]} is {_dims_text(first)}, not square, so it has no {noun}{hint}.",
                                 "not_invertible" if self is Shape.SQUARE else "matrix_shape")
            return first if self is Shape.SQUARE else ()
        if self is Shape.COLUMN_TO_SQUARE:
            if first[1] != 1:
                raise ShapeError(f"{called} takes a column vector; here it has {_dims_text(first)}.")
            return (first[0], first[0])
        if self is Shape.COLUMNS_TO_SCALAR:
            if any(s != first or s[1] != 1 for s in shapes):
                raise ShapeError(f"{called} takes two column vectors of the same size; here they are "
                                 + " and ".join(_dims_text(s) for s in shapes) + ".")
            return ()
        out = first
        for dims, text in zip(shapes[1:], texts[1:]):
            if out[1] != dims[0]:
                raise ShapeError(f"{_dims_text(out)} times {_dims_text(dims)} ({text}): the sizes do not fit.")
            out = (out[0], dims[1])
        return out

    def _scalar_result(self, shapes: Sequence[Dims]) -> Dims:
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


@frozen
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


@frozen
class StepRule:
    """The derivative facet: d/du f(u) as a SymPy function of u, and the step rule that teaches it."""

    rule: str                       # the rule's id in derivations and hints ("sin", "acosh")
    name: str                       # what a teacher calls it ("sine rule")
    statement: str                  # the rule in plain unicode text
    statement_latex: str            # the rule in LaTeX
    derivative: Callable[[Basic], Basic]
    note: str = ""                  # where the rule holds, when not everywhere


@frozen
class NoStepRule:
    """An explicit "no derivative rule", with the reason (several arguments, integer-valued)."""

    reason: str


@frozen
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


@frozen
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


@frozen
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
    head: type[Basic]                           # the SymPy class of what `build` returns
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


@frozen
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


@frozen
class Written:
    r"""How a matrix operation is written around its arguments (``{0}``, ``{1}``): in the learner
    language (`text`, the teacher's unicode) and in LaTeX; `latex_names` are the LaTeX commands a
    reader takes as its name when it is written as a call (``\det``, ``\operatorname{tr}``).

    >>> Written("tr({0})", r"\operatorname{{tr}}\left({0}\right)").text.format("A")
    'tr(A)'
    """

    text: str
    latex: str
    latex_names: tuple[str, ...] = ()

    @property
    def postfix(self) -> bool:
        """Whether the argument comes first and must be bracketed unless atomic (``A^T``).

        >>> Written("{0}^T", "{0}^{{T}}").postfix, Written("tr({0})", "").postfix
        (True, False)
        """
        return self.text.startswith("{0}")


@frozen
class MatrixOperation:
    """One operation on matrices and vectors, every facet in one place (`tutor.ops.matrices`).

    `build` makes the unevaluated SymPy node (its class is `head`) from symbolic or explicit
    matrices; `exact` computes the value from explicit SymPy matrices (the author language, the
    parser's literal matrices); `float` from NumPy arrays (the prober); `shape` says what fits;
    `written` how it prints; `noun` what a teacher calls it ("the inverse" in "compute it: your
    answer still contains the inverse"). `learner` False: a learner writes it without a name
    (the matrix product, by juxtaposition).

    >>> from tutor.ops import matrix_by_name
    >>> op = matrix_by_name("trace")
    >>> op.name, op.noun, op.shape.result([(3, 3)])
    ('tr', 'trace', ())
    """

    name: str
    noun: str
    head: type[Basic]
    build: Callable[..., Basic]
    exact: Callable[..., Basic]
    float: Callable[..., object]
    arity: tuple[int, int]
    shape: Shape
    written: Written
    step: StepRule | NoStepRule
    aliases: tuple[str, ...] = ()
    learner: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a learner may type for it as a call, canonical first (none if not `learner`)."""
        return (self.name, *self.aliases) if self.learner else ()

