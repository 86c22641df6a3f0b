"""Checking answers built from declared matrices, vectors, sums and data (`tutor.linalg`).

Shapes first: a response of another shape than expected is incorrect (TRANSPOSED when, turned
round, it is the expected answer, else SHAPE_MISMATCH); shapes that do not fit inside the response were
already refused by the parser (invalid). Then probing: both sides are computed in several random
worlds — fresh sizes for every dimension name (2 … 7, then 1 … 7), random matrices (symmetric ones
symmetric), scalars and data — and compared entry by entry. A world where the expected answer has no
value (a singular matrix) is skipped. When they differ, the diagnosis looks only at how the response
relates to the expected answer (a sign, a constant or 1/n factor, a transpose, a product in the other
order) and never shows a value computed from the expected answer.

>>> from tutor.checker.checker import check
>>> decl = {"X": "matrix(n, d)", "w": "vector(d)", "y": "vector(n)"}
>>> check("2/n X^T (X w - y)", "2 X^T (X w - y)/n", variables=decl).status
<Status.CORRECT: 'correct'>
>>> check("1/n X^T (X w - y)", "2/n X^T (X w - y)", variables=decl).notes
('CONSTANT_FACTOR',)
"""
from __future__ import annotations

import random
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import sympy

from tutor.checker.describe import point_text
from tutor.checker.feedback import Code, finding
from tutor.checker.judgement import Context, Judgement, incorrect, invalid, undetermined
from tutor.checker.verdict import Method, Status
from tutor.linalg import nodes as la
from tutor.linalg.shapes import ShapeMismatch, check_product, shape_of, shape_text
from tutor.parser import Parsed
from tutor.words import with_article
from tutor.tree import preorder

if TYPE_CHECKING:  # pragma: no cover
    from tutor.linalg.numeric import World

WORLDS = 8          # random worlds tried at most
AGREE = 4           # worlds that must agree for a correct verdict
_SEED = 20261204


class ArrayTarget:
    """An expected answer holding declared arrays or sums, compared by shape and by probing."""

    def __init__(self, expected: sympy.Basic, ctx: Context, *, bounds: frozenset[str] = frozenset()) -> None:
        self.expected = expected
        self.bounds = bounds   # names that are bounds of a sum in the response only (n in Σ_{k=1}^{n})
        self.ctx = ctx
        self.decls = ctx.options.shapes
        self.shape = shape_of(expected)
        self.assume = dict(ctx.options.assume)
        self._worlds: list[tuple[World, Any]] | None = None

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        got = response.expr
        if isinstance(got, sympy.Equality) and isinstance(got.lhs, sympy.MatrixSymbol) and la.is_array(got.rhs):
            # w = (XᵀX)⁻¹Xᵀy: the value is judged, and a note says the value alone is the answer
            judgement = self._judge_value(got.rhs, deadline)
            if judgement.status is Status.CORRECT:
                return judgement.adding(finding(Code.VALUE_AS_EQUATION, name=str(got.lhs)))
            return judgement
        if not isinstance(got, sympy.Expr) and not la.is_array(got):
            return invalid(finding(Code.WRONG_KIND, expected="an expression", got=str(response.kind)))
        return self._judge_value(got, deadline)

    def _judge_value(self, got: sympy.Basic, deadline: float) -> Judgement:
        # NumPy loads on the first array check, not at start-up (it costs a tenth of a second)
        from tutor.linalg.numeric import OutsideDomain, Unevaluable, value

        shape = shape_of(got)
        if shape != self.shape:
            mismatch = incorrect(Method.STRUCTURAL, finding(Code.SHAPE_MISMATCH, wanted=_described(self.shape),
                                                            got=_described(shape)))
            if shape and self.shape and shape == self.shape[::-1]:
                # turned round: it is the transpose only if, turned back, it is the expected answer
                back = self._judge_value(sympy.transpose(got), deadline)
                if back.status is Status.CORRECT:
                    return incorrect(Method.NUMERIC, finding(Code.TRANSPOSED))
                if back.status is Status.UNDETERMINED:
                    return back
            return mismatch
        if got == self.expected:
            return Judgement(Status.CORRECT, Method.STRUCTURAL)
        agree, differ, singular, tried = 0, [], 0, 0
        outside: list[World] = []
        for world, want in self.worlds(got):
            if time.monotonic() > deadline:
                return undetermined()
            tried += 1
            try:
                have = value(got, world)
            except OutsideDomain:
                outside.append(world)
                continue
            except Unevaluable as err:
                singular += str(err) == "singular"
                continue
            if _close(have, want):
                agree += 1
            else:
                differ.append((world, want, have))
                break
            if agree >= AGREE:
                return Judgement(Status.CORRECT, Method.NUMERIC)
        if differ:
            return incorrect(Method.NUMERIC, *self._diagnose(got, deadline))
        if agree == 0 and singular and singular == len(self._worlds or ()):
            return incorrect(Method.NUMERIC, finding(Code.NOT_INVERTIBLE))
        if tried and len(outside) == tried:
            # every world where the expected answer has a value lies outside the answer's domain
            # (ln(p − 1) for a probability p): as for expressions, not defined where it should be
            return incorrect(Method.NUMERIC, finding(Code.DOMAIN_MISMATCH, point=_scalars_of(outside[0], got)))
        return undetermined(timed_out=False)

    def worlds(self, got: sympy.Basic) -> Iterator[tuple[World, Any]]:
        """Random worlds with the expected answer's value in each (made once, reused)."""
        from tutor.linalg.numeric import Unevaluable, draw, value

        if self._worlds is None:
            self._worlds = []
            rng = random.Random(_SEED)
            names = _names(self.expected)
            bounds = (bound_names(self.expected) | self.bounds) - {d for decl in self.decls.values() for d in decl.dim_names}
            integers = {n for n, how in self.ctx.options.assume if how.value == "integer"}
            for k in range(WORLDS * 2):
                lo = 2 if k < WORLDS else 1
                dims = {d: rng.randint(lo, 7) for decl in self.decls.values() for d in decl.dim_names}
                # a bound of a sum: 1 … 7; a declared integer also 0 and negatives
                dims.update({b: rng.randint(-3 if b in integers else lo, 7) for b in sorted(bounds)})
                world = draw(self.decls, names, rng, dims=dims, assume=self.assume)
                try:
                    self._worlds.append((world, value(self.expected, world)))
                except Unevaluable:
                    continue
                if len(self._worlds) >= WORLDS:
                    break
        extra = _names(got) - set().union(*(w.keys() for w, _ in self._worlds)) if self._worlds else set()
        for world, want in self._worlds:
            if extra:
                world = dict(world)
                rng = random.Random(hash(tuple(sorted(extra))) & 0xFFFF)
                world.update(draw({}, extra, rng))
            yield world, want

    def _diagnose(self, got: sympy.Basic, deadline: float) -> tuple:
        import numpy as np

        from tutor.linalg.numeric import Unevaluable, value

        pairs = []
        for world, want in self.worlds(got):
            try:
                pairs.append((world, want, value(got, world)))
            except Unevaluable:
                continue
        if not pairs:
            return (finding(Code.NOT_EQUIVALENT, where=""),)
        if all(_close(have, -want) for _, want, have in pairs):
            return (finding(Code.SIGN_ERROR),)
        factor = _factor(pairs)
        if factor is not None:
            return (finding(Code.CONSTANT_FACTOR, factor=factor),)
        if self.shape and self.shape[0] == self.shape[1] and \
                all(isinstance(have, np.ndarray) and _close(have.T, want) for _, want, have in pairs):
            return (finding(Code.TRANSPOSED),)
        if _order_swapped(got, pairs, deadline):
            return (finding(Code.ORDER_SWAPPED),)
        return (finding(Code.NOT_EQUIVALENT, where=""),)


def _scalars_of(world: World, got: sympy.Basic) -> str:
    """The point of `world` where `got` has no value, told by its scalar names (``p = 0.42``); the
    data and arrays drawn there are not shown."""
    names = sorted(n for n in _names(got) if isinstance(world.get(n), float))
    return point_text([(n, world[n]) for n in names]) or "the values tried"


def _described(shape: tuple) -> str:
    if not shape:
        return "a scalar"
    if shape[1] == 1:
        return f"a column vector ({shape_text(shape)})"
    if shape[0] == 1:
        return f"a row vector ({shape_text(shape)})"
    return with_article(f"{shape_text(shape)} matrix")


def _names(expr: sympy.Basic) -> set[str]:
    out = set()
    for node in preorder(expr):
        if isinstance(node, (sympy.Symbol, sympy.MatrixSymbol)):
            out.add(node.name)
    bound = {str(lim[0]) for node in preorder(expr)
             if isinstance(node, (sympy.Sum, sympy.Product)) for lim in node.limits}
    return out - bound - {"I_size"}


def bound_names(expr: sympy.Basic) -> set[str]:
    """Names in the bounds of sums and products: they take whole values.

    >>> k, n = sympy.symbols("k n")
    >>> bound_names(sympy.Sum(k, (k, 1, n)) + 1)
    {'n'}
    """
    out: set[str] = set()
    for node in preorder(expr):
        if isinstance(node, (sympy.Sum, sympy.Product)):
            for _, low, high in node.limits:
                out |= {s.name for s in (low.free_symbols | high.free_symbols) if isinstance(s, sympy.Symbol)}
    return out


def _close(a, b) -> bool:
    import numpy as np

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    scale = max(1.0, float(np.max(np.abs(b))) if b.size else 1.0)
    return bool(np.all(np.abs(a - b) <= 1e-7 * scale))


def _factor(pairs) -> str | None:
    """'2', '1/2', 'n', '1/n' when the response is that multiple of the expected answer everywhere."""
    import numpy as np

    ratios = []
    for world, want, have in pairs:
        w, h = np.asarray(want, dtype=float).ravel(), np.asarray(have, dtype=float).ravel()
        k = int(np.argmax(np.abs(w)))
        if abs(w[k]) < 1e-9:
            return None
        r = h[k] / w[k]
        if not _close(h, r * w) or abs(r - 1) < 1e-9:
            return None
        ratios.append((world, r))
    for text, of in (("2", lambda w: 2.0), ("1/2", lambda w: 0.5), ("−1/2", lambda w: -0.5),
                     ("−2", lambda w: -2.0)):
        if all(abs(r - of(w)) < 1e-7 for w, r in ratios):
            return text
    for name in sorted({d for w, _ in ratios for d in w if isinstance(w[d], float)}):
        for text, of in ((name, lambda w, n=name: w[n]), (f"1/{name}", lambda w, n=name: 1 / w[n])):
            if all(abs(r - of(w)) < 1e-7 * max(1, abs(r)) for w, r in ratios):
                return text
    return None


def _order_swapped(got: sympy.Basic, pairs, deadline: float) -> bool:
    """Does the response equal the expected answer once one of its matrix products is reversed?"""
    from tutor.linalg.numeric import Unevaluable, value

    for node in preorder(got):
        if time.monotonic() > deadline:
            return False
        if not isinstance(node, sympy.MatMul):
            continue
        arrays = [a for a in node.args if la.is_array(a)]
        if len(arrays) < 2:
            continue
        scalars = [a for a in node.args if not la.is_array(a)]
        flipped = [la.transpose(a) if _needs_flip(arrays) else a for a in arrays[::-1]]
        if not _fits(flipped):
            continue
        swapped = got.xreplace({node: la.product(scalars + flipped)})
        try:
            if all(_close(value(swapped, world), want) for world, want, _ in pairs):
                return True
        except Unevaluable:
            continue
    return False


def _needs_flip(arrays: list) -> bool:
    return not _fits(arrays[::-1])


def _fits(arrays: list) -> bool:
    try:
        for a, b in zip(arrays, arrays[1:]):
            check_product(a, b, "", "")
    except ShapeMismatch:
        return False
    return True
