"""Compile a SymPy expression once into a fast numeric program, and run it at sample points.

The program is a tree of Python closures over mpmath's raw arithmetic (`arith`), so running
it costs a few microseconds per node and never touches SymPy. Each run reports how many bits
cancellation cost (an `Add` whose result is far smaller than its terms) and the dynamic range
of its sums (a tiny term next to a big one); `Program.sample` uses them to re-run at a higher
precision, so that ``x + 10^-40`` is told apart from ``x`` while ``sin(x)^2 + cos(x)^2 - 1``
is still seen as zero.

Functions no one can evaluate (an unevaluated derivative, a matrix symbol) make
`compile_expr` raise `NotNumeric`; names the learner declared as functions (``f(x)``) become
fixed pseudo-random smooth functions, the same on both sides of a comparison.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> prog = compile_expr(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, (x,))
>>> s = prog.sample([from_float(0.3)])
>>> round(to_float(s.value), 12)
1.0
"""
from __future__ import annotations

import math
import zlib
from typing import Callable, Iterable, Sequence

import sympy
from mpmath import libmp as L
from sympy.core.function import AppliedUndef

from tutor import ops
from tutor.deadline import tick
from tutor.ops.arith import RND, Arithmetic, ComplexOps, Overflow, RealOps, Undefined
from tutor.functions import sigmoid
from tutor.values import frozen

PREC = 113            # bits: quadruple precision, enough to see 1e-30 relative differences
MAX_PREC = 4096       # re-runs never go beyond this
SLACK = 32            # bits of rounding error allowed for on top of the working precision

from_float = L.from_float
to_float = L.to_float


class NotNumeric(Exception):
    """The expression contains something that cannot be evaluated at a point."""


class _Env:
    __slots__ = ("vals", "prec", "lost", "range", "zero")

    def __init__(self, vals: Sequence, prec: int) -> None:
        self.vals = vals
        self.prec = prec
        self.lost = 0.0
        self.range = 0.0
        self.zero = False


Node = Callable[[_Env], tuple]


@frozen
class Sample:
    """A value at one point, with an estimate of its absolute error, and the size of the
    largest term that went into it (raw mpf tuples; `scale` is zero when unknown)."""

    value: tuple
    err: tuple
    prec: int
    scale: tuple = L.fzero


class Program:
    """A compiled expression: `sample(point)` evaluates it with error control."""

    def __init__(self, node: Node, symbols: tuple[sympy.Symbol, ...], ops: Arithmetic) -> None:
        self._node = node
        self.symbols = symbols
        self.ops = ops

    def run(self, point: Sequence, prec: int) -> tuple[tuple, _Env]:
        """One evaluation at `prec` bits: (value, bookkeeping); raises `Undefined`/`Overflow`."""
        tick()
        env = _Env(point if not self.ops.complex else [(v, L.fzero) for v in point], prec)
        return self._node(env), env

    def sample(self, point: Sequence, prec: int = PREC) -> Sample:
        """The value at `point` (mpf tuples, one per symbol), re-run at a higher precision
        when cancellation or a wide dynamic range makes the first run unreliable."""
        v1, first = self.run(point, prec)
        if not _needs_more(first):
            return Sample(v1, _rel_err(self.ops, v1, first), prec, _scale(self.ops, v1, first))
        prec2 = int(min(max(MAX_PREC, prec), prec + max(first.lost, first.range, prec) + 64))
        v2, second = self.run(point, prec2)
        if second.zero and prec2 < MAX_PREC:
            # a sum inside still cancels to exactly zero: it may need far more bits than the first
            # run could measure (2 − 2σ(u) for u near 1000 needs about 1450), and the zero would
            # silently drop a term, or make the whole value a false 0. Run once more at the most
            # precision allowed; the two runs' difference then bounds the error as before.
            v1, prec = v2, prec2
            prec2 = MAX_PREC
            v2, second = self.run(point, prec2)
        if self.ops.is_zero(v2) and self.ops.is_zero(v1):
            return Sample(v2, L.fzero, prec2)
        # the first run's error, seen against the second, bounds the second's
        diff = _abs(self.ops, _sub(self.ops, v1, v2, prec2))
        err = L.mpf_shift(diff, prec - prec2 + SLACK) if diff[1] else L.fzero
        err = L.mpf_add(err, _rel_err(self.ops, v2, second), 53, RND)
        return Sample(v2, err, prec2, _scale(self.ops, v2, second))


def _needs_more(env: _Env) -> bool:
    return env.zero or env.lost > env.prec - 60 or env.range > env.prec - 40


def _abs(ops: Arithmetic, v: tuple) -> tuple:
    if ops.complex:
        return L.mpc_abs(v, 53, RND)
    return L.mpf_abs(v)


def _sub(ops: Arithmetic, a: tuple, b: tuple, prec: int) -> tuple:
    if ops.complex:
        return L.mpc_sub(a, b, prec, RND)
    return L.mpf_sub(a, b, prec, RND)


def _scale(ops: Arithmetic, value: tuple, env: _Env) -> tuple:
    """|value| · 2^lost: the size of the largest term before cancellation."""
    a = _abs(ops, value)
    return L.mpf_shift(a, int(min(env.lost, 100000))) if a[1] else L.fzero


def _rel_err(ops: Arithmetic, value: tuple, env: _Env) -> tuple:
    """|value| · 2^(lost + SLACK − prec): rounding error after cancellation."""
    a = _abs(ops, value)
    if not a[1]:
        return L.fzero
    return L.mpf_shift(a, int(min(env.lost, env.prec)) + SLACK - env.prec)


def compile_expr(expr: sympy.Basic, symbols: Sequence[sympy.Symbol], *,
                 complex_mode: bool = False) -> Program:
    """Compile `expr` into a `Program` over `symbols` (raises `NotNumeric`).

    >>> x = sympy.Symbol("x")
    >>> to_float(compile_expr(x**2, (x,)).sample([from_float(3.0)]).value)
    9.0
    """
    ops = ComplexOps if complex_mode else RealOps
    index = {s: i for i, s in enumerate(symbols)}
    return Program(_Compiler(index, ops).build(expr), tuple(symbols), ops)


class _Compiler:
    def __init__(self, index: dict[sympy.Symbol, int], ops: Arithmetic) -> None:
        self.index = index
        self.ops = ops
        self.funcs = _COMPLEX if ops.complex else _REAL

    def build(self, e: sympy.Basic) -> Node:
        tick()
        if e.is_Symbol:
            return self._symbol(e)
        if e.is_Number:
            return self._number(e)
        if e.is_NumberSymbol or e is sympy.S.ImaginaryUnit:
            return self._constant(e)
        if e.is_Add:
            return self._add([self.build(a) for a in _without_sigmoid_cancellation(e.args)])
        if e.is_Mul:
            return self._mul(e)
        if e.is_Pow:
            return self._pow(e.base, e.exp)
        if isinstance(e, AppliedUndef):
            return self._undefined_function(e)
        if isinstance(e, (sympy.Function, sympy.Max, sympy.Min)) and not e.is_Boolean:
            return self._function(e)
        raise NotNumeric(f"cannot evaluate {type(e).__name__}")

    def _symbol(self, e: sympy.Symbol) -> Node:
        if e not in self.index:
            raise NotNumeric(f"unknown symbol {e}")
        i = self.index[e]
        return lambda env: env.vals[i]

    def _number(self, e: sympy.Number) -> Node:
        ops = self.ops
        if e.is_Integer:
            v = ops.from_int(int(e))
            return lambda env: v
        if e.is_Rational:
            p, q = int(e.p), int(e.q)
            cache: dict[int, tuple] = {}

            def rational(env: _Env) -> tuple:
                v = cache.get(env.prec)
                if v is None:
                    v = cache[env.prec] = ops.from_rational(p, q, env.prec)
                return v
            return rational
        if e.is_Float:
            v = ops.from_mpf(e._mpf_)
            return lambda env: v
        raise NotNumeric(f"cannot evaluate {e}")

    def _constant(self, e: sympy.Basic) -> Node:
        ops = self.ops
        if e is sympy.S.ImaginaryUnit:
            if not ops.complex:
                def imaginary(env: _Env) -> tuple:
                    raise Undefined("i is not a real number")
                return imaginary
            v = (L.fzero, L.fone)
            return lambda env: v
        makers = {sympy.pi: L.mpf_pi, sympy.E: L.mpf_e, sympy.EulerGamma: L.mpf_euler,
                  sympy.GoldenRatio: L.mpf_phi}
        make = makers.get(e)
        if make is None:
            raise NotNumeric(f"cannot evaluate {e}")
        return lambda env: ops.from_mpf(make(env.prec, RND))

    def _add(self, nodes: list[Node]) -> Node:
        add, mag, inf = self.ops.add, self.ops.mag, math.inf

        def node(env: _Env) -> tuple:
            vals = [f(env) for f in nodes]
            result = add(vals, env.prec)
            mags = [mag(v) for v in vals]
            top = max(mags)
            if top == -inf:
                return result
            low = min(m for m in mags if m != -inf)
            r = mag(result)
            if r == -inf:
                env.zero = True
            elif top - r > env.lost:
                env.lost = top - r
            if top - low > env.range:
                env.range = top - low
            return result
        return node

    def _mul(self, e: sympy.Mul) -> Node:
        num, den = [], []
        for a in e.args:
            if a.is_Pow and a.exp.is_Integer and a.exp < 0:
                den.append(self._pow(a.base, -a.exp))
            elif a.is_Rational and not a.is_Integer and a.p == 1:
                den.append(self._number(sympy.Integer(a.q)))
            else:
                num.append(self.build(a))
        mul, div, one = self.ops.mul, self.ops.div, self.ops.one

        def product(nodes: list[Node], env: _Env) -> tuple:
            r = nodes[0](env)
            for f in nodes[1:]:
                r = mul(r, f(env), env.prec)
            return r

        if not den:
            return lambda env: product(num, env)
        if not num:
            return lambda env: div(one, product(den, env), env.prec)
        return lambda env: div(product(num, env), product(den, env), env.prec)

    def _pow(self, base: sympy.Basic, exp: sympy.Basic) -> Node:
        ops = self.ops
        if base is sympy.E:
            return self._amplifying(self.funcs["exp"], self.build(exp))
        b = self.build(base)
        if exp.is_Integer:
            n = int(exp)
            if n == 1:
                return b
            if abs(n) > 1 << 62:
                def huge(env: _Env) -> tuple:
                    raise Overflow("exponent too large")
                return huge
            if abs(n) > 16:
                bits = math.log2(abs(n))

                def big_power(env: _Env) -> tuple:
                    if bits > env.lost:
                        env.lost = bits
                    return ops.pow_int(b(env), n, env.prec)
                return big_power
            return lambda env: ops.pow_int(b(env), n, env.prec)
        if exp.is_Rational:
            p, q = int(exp.p), int(exp.q)
            return lambda env: ops.pow_rat(b(env), p, q, env.prec)
        x = self.build(exp)
        return lambda env: ops.pow(b(env), x(env), env.prec)

    def _function(self, e: sympy.Function) -> Node:
        name = type(e).__name__
        fn = self.funcs.get(name)
        if fn is None:
            raise NotNumeric(f"cannot evaluate the function {name}")
        if name == "log" and len(e.args) == 2:
            return self.build(sympy.log(e.args[0]) / sympy.log(e.args[1]))
        if name == "Heaviside" and len(e.args) == 1:
            return self._apply(fn, [self.build(e.args[0]), self._number(sympy.S.Half)])
        if name in _AMPLIFYING:
            return self._amplifying(fn, self.build(e.args[0]))
        return self._apply(fn, [self.build(a) for a in e.args])

    def _amplifying(self, fn: Callable, a: Node) -> Node:
        """f(x) whose absolute error grows like |x| (exp, sin, ...): count the bits it costs."""
        mag = self.ops.mag

        def node(env: _Env) -> tuple:
            v = a(env)
            m = mag(v)
            if m > env.lost:
                env.lost = m
            return fn(v, env.prec)
        return node

    def _apply(self, fn: Callable, nodes: list[Node]) -> Node:
        if len(nodes) == 1:
            (a,) = nodes
            return lambda env: fn(a(env), env.prec)
        return lambda env: fn(*[f(env) for f in nodes], prec=env.prec)

    def _undefined_function(self, e: AppliedUndef) -> Node:
        """A declared function f: a fixed smooth function chosen from its name, so that both
        sides of a comparison see the same f (Schwartz–Zippel over a random f)."""
        seed = zlib.crc32(type(e).__name__.encode())
        coeffs = [((seed >> (4 * k)) & 15) / 8 + 0.3 for k in range(8)]
        nodes = [self.build(a) for a in e.args]
        ops = self.ops
        fixed = [ops.from_mpf(from_float(c)) for c in coeffs]

        def node(env: _Env) -> tuple:
            p = env.prec
            acc = fixed[0]
            for k, f in enumerate(nodes):
                t = ops.mul(fixed[(k + 1) % 8], f(env), p)
                wave = ops.trig(_sin_for(ops), ops.add([t, fixed[(k + 3) % 8]], p), p)
                acc = ops.add([acc, ops.mul(fixed[(k + 5) % 8], wave, p), ops.mul(t, fixed[(k + 2) % 8], p)], p)
            return acc
        return node


def _without_sigmoid_cancellation(terms: Iterable[sympy.Basic]) -> list:
    """Terms of a sum with 1 − σ(u) written as σ(−u), an exact identity.

    For large u, σ(u) is 1 − e^(−u) and 1 − σ(u) cancels to nothing at any working precision,
    while σ(−u) ≈ e^(−u) keeps every digit: without this, σ(u)(1 − σ(u)) would "differ" from
    e^(−u)/(1 + e^(−u))² wherever u is large.

    >>> u = sympy.Symbol("u")
    >>> _without_sigmoid_cancellation((sympy.S.One, -sigmoid(u)))
    [sigmoid(-u)]
    """
    terms = list(terms)
    if sympy.S.One not in terms:
        return terms
    for i, term in enumerate(terms):
        if term.is_Mul and len(term.args) == 2 and term.args[0] == -1 and isinstance(term.args[1], sigmoid):
            rest = [t for j, t in enumerate(terms) if j != i]
            rest.remove(sympy.S.One)
            return rest + [sigmoid(-term.args[1].args[0])]
    return terms


def _sin_for(ops: Arithmetic) -> Callable:
    return L.mpc_sin if ops.complex else L.mpf_sin


# --- function tables: every operation's real and complex facets, by SymPy class name ------

def _tables() -> tuple[dict[str, Callable], dict[str, Callable]]:
    real = {op.head.__name__: op.numeric.real for op in ops.OPERATIONS}
    complex_ = {op.head.__name__: op.numeric.complex for op in ops.OPERATIONS}
    return real, complex_


def supported_function(name: str) -> bool:
    """Whether probing can evaluate a function of this name.

    >>> supported_function("sigmoid"), supported_function("Derivative")
    (True, False)
    """
    return name in _REAL


_REAL, _COMPLEX = _tables()
# functions whose relative error grows with the size of the argument
_AMPLIFYING = frozenset(op.head.__name__ for op in ops.OPERATIONS if op.numeric.amplifying)
