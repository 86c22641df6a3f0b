"""`Parsed.value`: the typed expression evaluated by SymPy, without ever computing astronomically.

SymPy would happily try to compute ``9^9^9^9``, ``9^(-9^9^9)`` or ``(10^100)!`` and never return.
Here a power, factorial or binomial whose result would have more than `MAX_RESULT_DIGITS` digits
is kept unevaluated, and so is everything built on top of it (``-9^9^9``, ``9^(-9^9^9)``);
relations are never collapsed to True or False.

>>> import sympy
>>> evaluate(sympy.Mul(2, sympy.Pow(4, -1, evaluate=False), evaluate=False))
1/2
>>> big = evaluate(sympy.Pow(9, sympy.Pow(9, 99, evaluate=False), evaluate=False))
>>> big.is_Pow and big.exp == 9**99      # 9^99 is computed; 9^(9^99) is kept as a power
True
"""
from __future__ import annotations

import math
from fractions import Fraction
from functools import cmp_to_key

import sympy
from sympy.core.relational import Relational

from tutor import ops
from tutor.deadline import tick
from tutor.ops.matrix_nodes import AsScalar
from tutor.tree import preorder

MAX_RESULT_DIGITS = 10_000
MAX_FACTORIAL = 3_000


def evaluate(expr: sympy.Basic) -> sympy.Basic:
    """Evaluate bottom-up, keeping huge numeric results (and all above them) unevaluated.

    >>> import sympy
    >>> tower = sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False)
    >>> evaluate(sympy.Pow(9, -tower, evaluate=False)).is_Pow    # never computed
    True
    """
    return _evaluate(expr)[0]


def _evaluate(expr: sympy.Basic) -> tuple[sympy.Basic, bool]:
    """The evaluated expression, and whether a part of it had to be kept unevaluated."""
    tick()
    if isinstance(expr, sympy.MatrixBase):
        pairs = [_evaluate(e) for e in expr]
        values = sympy.ImmutableMatrix(expr.rows, expr.cols, [v for v, _ in pairs])
        return values, any(kept for _, kept in pairs)
    if not expr.args:
        return expr, False
    pairs = [_evaluate(a) for a in expr.args]
    args = [a for a, _ in pairs]
    kept = any(k for _, k in pairs)
    if isinstance(expr, (Relational, sympy.And)):
        return _unevaluated(expr, args), kept
    if kept or _too_big(expr, args):
        return _unevaluated(expr, args), True
    if isinstance(expr, AsScalar) and isinstance(args[0], sympy.MatrixBase) and args[0].shape == (1, 1):
        return args[0][0, 0], False     # xᵀy of typed vectors: the number
    exact = _rational(expr, args)
    if exact is not None:
        return exact, False
    op = ops.matrix_operation_of(expr)
    if op is not None and all(isinstance(a, sympy.MatrixBase) for a in args):
        try:    # det, tr, ‖·‖ of typed matrices: the registry's exact value
            return op.exact(*args), False
        except (ArithmeticError, ValueError, TypeError):
            return expr, False
    try:
        return expr.func(*args), False
    except (TypeError, ValueError, ArithmeticError, NotImplementedError):
        # SymPy refuses to evaluate this node (e.g. a function of a matrix): keep it as typed
        return expr, False


def too_large(expr: sympy.Basic) -> bool:
    """Whether `expr` holds a number that `evaluate` would keep unevaluated as too large to compute
    (``9^9^9``, ``(10^100)!``), judged from its structure, computing nothing.

    SymPy's matrix arithmetic multiplies out the numbers it is given, unevaluated or not:
    ``9^9^9·[1, 2]·9^9^9`` would compute ``9^(2·9^9)``. The parser refuses such a number where it
    meets a vector or matrix.

    >>> too_large(sympy.Pow(9, sympy.Pow(9, 9, evaluate=False), evaluate=False))
    True
    >>> too_large(sympy.Pow(sympy.Symbol("x"), 10**10, evaluate=False)), too_large(sympy.Integer(10)**300)
    (False, False)

    A typed tree's arguments are not evaluated yet: ``(10^100)!`` is the factorial of a power,
    judged by the power's size.

    >>> too_large(sympy.factorial(sympy.Pow(10, 100, evaluate=False), evaluate=False))
    True

    It is the one test of "too large to compute" in `tutor`: the checker's guards and the step
    engine ask it too, of typed and evaluated trees alike (evaluation keeps only such numbers as
    they are). 2^√2 and (1/3)! are not too large, though SymPy keeps them unevaluated too.

    >>> too_large(2 ** sympy.sqrt(2)), too_large(sympy.factorial(sympy.Rational(1, 3)))
    (False, False)
    """
    return any(_too_large_node(node) for node in preorder(expr))


def _too_large_node(node: sympy.Basic) -> bool:
    """`too_large` for one node, its arguments left to the walk, which visits them too."""
    return bool(node.args) and (_too_big(node, list(node.args)) or _counting_past_limit(node))


def _counting_past_limit(node: sympy.Basic) -> bool:
    """A factorial, binomial or gamma of a typed number that may pass `MAX_FACTORIAL`."""
    return isinstance(node, _COUNTING) and any(
        a.is_number and not a.is_Integer and magnitude(a) > _FACTORIAL_DIGITS for a in node.args)


def _rational(expr: sympy.Basic, args: list[sympy.Basic]) -> sympy.Rational | None:
    """A sum, product or whole power of rational numbers, computed with Python's fractions:
    the same number SymPy gives, without its assumption machinery (``1/2`` is Mul(1, Pow(2, −1)),
    and a fresh Pow asks half a dozen questions about its base). None for anything else, and for
    0 to a negative power (SymPy's complex infinity).

    >>> _rational(sympy.Pow(2, -3, evaluate=False), [sympy.Integer(2), sympy.Integer(-3)])
    1/8
    >>> _rational(sympy.Pow(0, -1, evaluate=False), [sympy.Integer(0), sympy.Integer(-1)]) is None
    True
    """
    kind = type(expr)
    if kind not in _EXACT or not all(isinstance(a, sympy.Rational) for a in args):
        return None
    values = [Fraction(int(a.p), int(a.q)) for a in args]
    if kind is sympy.Add:
        total = sum(values, Fraction(0))
    elif kind is sympy.Mul:
        total = math.prod(values, start=Fraction(1))
    else:
        base, exp = values
        if exp.denominator != 1 or (base == 0 and exp < 0):
            return None
        total = base ** exp.numerator
    return sympy.Rational(total.numerator, total.denominator)


_EXACT = (sympy.Add, sympy.Mul, sympy.Pow)


_SYMPY_ORDER = cmp_to_key(sympy.Basic.compare)   # the order of SymPy's own sums and products


def _unevaluated(expr: sympy.Basic, args: list[sympy.Basic]) -> sympy.Basic:
    """The node rebuilt from `args` as it stands, asking SymPy nothing about them.

    A sum or product is built from its arguments directly: ``Mul(..., evaluate=False)`` still runs
    SymPy's post-processing, which for a factor that is a matrix makes a ``MatMul`` and asks
    whether the other factors are zero; asking that of ``λ·66^(50^50)·∞`` computes the power.

    >>> import sympy
    >>> huge = sympy.Pow(66, sympy.Pow(50, 50, evaluate=False), evaluate=False)
    >>> root = sympy.MatPow(sympy.ImmutableMatrix([[1, 2], [3, 4]]), sympy.Rational(1, 2))
    >>> _unevaluated(sympy.Mul(huge, root, evaluate=False), [huge, root]).args == (huge, root)
    True

    Its terms (or commuting factors) are put in SymPy's own order, nested sums (products) flattened,
    so that ``9^9^9 + x`` and ``x + 9^9^9`` are the same sum, as SymPy would make them:

    >>> x = sympy.Symbol("x")
    >>> _unevaluated(sympy.Add(huge, x, evaluate=False), [huge, x]) == _unevaluated(sympy.Add(x, huge), [x, huge])
    True
    """
    if isinstance(expr, (sympy.Add, sympy.Mul)):
        kind = expr.func
        flat = [part for a in args for part in (a.args if type(a) is kind else (a,))]
        commuting = sorted((a for a in flat if a.is_commutative), key=_SYMPY_ORDER)
        return kind._from_args(commuting + [a for a in flat if not a.is_commutative])
    try:
        return expr.func(*args, evaluate=False)
    except TypeError:  # a class without an `evaluate` switch: build the node as it stands
        return sympy.Basic.__new__(type(expr), *args)


def _too_big(expr: sympy.Basic, args: list[sympy.Basic]) -> bool:
    if isinstance(expr, sympy.Pow):
        return _too_big_power(*args)
    if isinstance(expr, _COUNTING):
        # binomial(-5, 10^9) is as costly as (10^9)!: every whole-number argument counts
        return any(a.is_Integer and abs(a) > MAX_FACTORIAL for a in args)
    if isinstance(expr, _NEEDS_DIGITS):
        # floor(π^(10^7)) needs all five million digits of π^(10^7) before the point
        return any(a.is_number and _too_many_digits(a) for a in args)
    return False


def _too_many_digits(value: sympy.Basic) -> bool:
    """Whether a number may have more than `MAX_RESULT_DIGITS` digits before or after its point;
    when its size cannot be bounded (tan(2)), only a power to a possibly large exponent counts.

    >>> _too_many_digits(sympy.Pow(sympy.pi, 10**7, evaluate=False)), _too_many_digits(sympy.tan(2))
    (True, False)
    """
    digits = magnitude(value)
    if digits < math.inf:
        return digits > MAX_RESULT_DIGITS
    return any((node.is_Pow or isinstance(node, sympy.exp))
               and magnitude(node.as_base_exp()[1]) > _LARGE_EXPONENT_DIGITS
               for node in preorder(value))


_LARGE_EXPONENT_DIGITS = 3   # an exponent that may pass 1000
_FACTORIAL_DIGITS = math.log10(MAX_FACTORIAL)


# functions whose value at a whole number n costs about n multiplications
_COUNTING = (sympy.factorial, sympy.binomial, sympy.factorial2, sympy.subfactorial, sympy.RisingFactorial,
             sympy.FallingFactorial, sympy.gamma)
# functions whose value at a number needs its integer part, or a comparison at full precision
_NEEDS_DIGITS = (sympy.floor, sympy.ceiling, sympy.frac, sympy.Mod, sympy.Max, sympy.Min, sympy.sign,
                 sympy.Abs)


def _digits(n: sympy.Basic) -> float:
    """Roughly how many decimal digits the numerator or denominator of a rational has."""
    return max(math.log10(abs(int(n.p)) + 1), math.log10(int(n.q) + 1))


def _too_big_power(base: sympy.Basic, exp: sympy.Basic) -> bool:
    if base.is_Rational and exp.is_Rational:
        if base in (0, 1, -1):
            return False
        size = abs(float(exp)) if abs(exp) < 10 ** 300 else math.inf
        return size * _digits(base) > MAX_RESULT_DIGITS
    if not (base.is_number and exp.is_number):
        return False
    # √2^(10^7) becomes 2^5000000 at once; e^tan(2), whose size is not known, stays symbolic
    digits = magnitude(sympy.Pow(base, exp, evaluate=False))
    return MAX_RESULT_DIGITS < digits < math.inf


_LOG10_E = math.log10(math.e)
_BOUNDED = (sympy.sin, sympy.cos, sympy.tanh, sympy.atan, sympy.acot, sympy.asin, sympy.acos)


def magnitude(expr: sympy.Basic) -> float:
    """A bound on how many decimal digits a number has before or after its point, that is on
    |log10 |expr||, found from its structure without computing it; inf when unknown.

    >>> import sympy
    >>> magnitude(sympy.Integer(12345)) < 6, magnitude(sympy.Pow(sympy.pi, 10**7, evaluate=False)) > 10**6
    (True, True)
    >>> magnitude(sympy.tan(2))
    inf

    A power to an exponent known to be past 10^300 gets a finite bound of the order of `PAST`,
    past any limit: it is known to be too large, which "unknown" is not. 9^(10^(2187√3)) is one:

    >>> 10**299 < magnitude(sympy.Pow(9, sympy.Pow(10, 2187 * sympy.sqrt(3)))) < math.inf
    True
    """
    if expr.is_Rational:
        return max(math.log10(abs(int(expr.p)) or 1), math.log10(int(expr.q)))
    if expr.is_Float:
        return abs(float(sympy.log(abs(expr), 10))) + 1 if expr else 0.0
    if expr is sympy.I:
        return 0.0   # |i| = 1: i^(10^400) is 1
    if isinstance(expr, sympy.NumberSymbol):
        return 1.0
    if expr.is_Add:
        return max(magnitude(a) for a in expr.args) + math.log10(len(expr.args))
    if expr.is_Mul:
        return sum(magnitude(a) for a in expr.args)
    if expr.is_Pow or isinstance(expr, sympy.exp):
        base, exp = expr.as_base_exp()
        return _times(magnitude(base), _size(exp))
    if isinstance(expr, sympy.log):
        return math.log10(2.31 * magnitude(expr.args[0]) + 1) + 1
    if isinstance(expr, _BOUNDED):
        return 1.0 if all(magnitude(a) < 300 for a in expr.args) else math.inf
    if isinstance(expr, sympy.Abs):
        return magnitude(expr.args[0])
    if isinstance(expr, (sympy.factorial, sympy.gamma)):
        return _factorial_digits(expr)
    return math.inf


def _factorial_digits(expr: sympy.Basic) -> float:
    """A bound on the digits of n! (or Γ(n + 1)) for a number n ≥ 0 (typed or not): n! ≤ n^n, so
    about n·log10 n; inf when n is not such a number. A typed 2^(9!) is then too large, as its
    evaluation would find.

    >>> nine = sympy.factorial(sympy.Integer(9), evaluate=False)
    >>> _factorial_digits(nine) < 10, _factorial_digits(sympy.gamma(-sympy.Rational(1, 2)))
    (True, inf)
    """
    least = 1 if isinstance(expr, sympy.gamma) else 0
    n = _size(expr.args[0])
    if n == math.inf or not _at_least(expr.args[0], least):
        return math.inf     # near the poles of Γ at 0 and the negative integers it has no bound
    n -= least
    return min(PAST, max(n, 1.0) * math.log10(max(n, 1.0)) + 1.0)


def _at_least(arg: sympy.Basic, least: int) -> bool:
    """Whether `arg` (typed or not) is a rational number at least `least`."""
    try:
        value = evaluate(arg)
    except (TypeError, ValueError, ArithmeticError):
        return False
    return bool(value.is_Rational and value >= least)


def _size(expr: sympy.Basic) -> float:
    """A bound on |expr| itself: `PAST` when it is past 10^300, inf when unknown.

    >>> _size(sympy.Rational(1, 2)), _size(sympy.Pow(10, 7, evaluate=False)), _size(sympy.Integer(10)**400)
    (0.5, 10000000.0, 1e+300)
    """
    if expr.is_Rational:
        return float(abs(expr)) if abs(expr) < 10 ** 300 else PAST
    digits = magnitude(expr)
    if digits == math.inf:
        return math.inf
    if digits >= 300:
        return PAST
    try:   # a number of moderate size is cheap to evaluate roughly (e^(−5) is small, not 10^5)
        return abs(complex(sympy.N(expr, 5)))
    except (TypeError, ValueError, ArithmeticError):
        return 10 ** digits


def _times(a: float, b: float) -> float:
    if a == 0 or b == 0:
        return 0.0
    return a * b if math.inf in (a, b) else min(a * b, PAST)


# a bound known to be past 10^300: finite, so that it is told apart from "unknown" (inf), and past
# every limit here, so that a number of `PAST` digits is too large wherever it is met
PAST = 1e300
