"""Vectors, matrices, sets, comma lists and intervals: compared part by part.

Each expected entry (element, item, endpoint) is compiled once as an expression target; the
response's parts are matched against them, so partial credit and "which entries are wrong"
come for free. A shape mismatch and a transposed matrix get their own messages.

>>> import time, tutor
>>> from tutor.checker.judgement import Context
>>> from tutor.checker.options import CheckOptions
>>> from tutor.checker.probe import Space
>>> ctx = Context(CheckOptions(), Space(), frozenset())
>>> t = MatrixTarget(tutor.parse("[[1, 2], [3, 4]]"), ctx)
>>> j = t.judge(tutor.parse("[[1, 3], [2, 4]]"), time.monotonic() + 2)
>>> j.status.value, j.notes
('incorrect', ('TRANSPOSED',))
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable

import sympy
from sympy.logic.boolalg import Boolean

from tutor.checker import precision
from tutor.checker.describe import expr_text
from tutor.checker.diagnose import kind_mismatch
from tutor.checker.expressions import ExpressionTarget, decimals_typed, wrong_kind
from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.judgement import Context, Judgement, incorrect, undetermined
from tutor.checker.verdict import Method, Status
from tutor.words import counted, plural, with_article
from tutor.parser import Kind, Parsed


def _entry_context(ctx: Context) -> Context:
    """Entries are plain expressions: whole-answer options do not apply to them."""
    opts = replace(ctx.options, question=None, up_to_constant=None, up_to_scalar=False,
                   up_to_sign=False, form=None)
    return Context(opts, ctx.space, ctx.names, ctx.functions)


def _part(expr: sympy.Basic) -> Parsed:
    from tutor.parser import kind_of

    return Parsed(str(expr), expr, kind_of(expr))


def _rounding(judgements: list[Judgement]) -> tuple[Finding, ...]:
    """The decimal policy's notes of the parts, once each: a part correct as a rounded decimal
    (APPROXIMATE), a part rounded to too few figures (TOO_FEW_FIGURES)."""
    codes = (Code.APPROXIMATE, Code.TOO_FEW_FIGURES)
    found = [f for j in judgements for f in j.findings if f.code in codes]
    return tuple({f.code: f for f in found}.values())


def _method(judgements: list[Judgement]) -> Method:
    order = (Method.SYMBOLIC, Method.NUMERIC, Method.STRUCTURAL)
    used = {j.method for j in judgements}
    return next((m for m in order if m in used), Method.STRUCTURAL)


def _ordinal_list(items: list[str], noun: str) -> str:
    """
    >>> _ordinal_list(["1", "3"], "entry")
    'Entries 1 and 3 are'
    """
    if len(items) == 1:
        return f"{noun.capitalize()} {items[0]} is"
    return f"{plural(noun).capitalize()} {', '.join(items[:-1])} and {items[-1]} are"


class MatrixTarget:
    """An expected vector (n×1) or matrix, entry by entry."""

    def __init__(self, expected: Parsed, ctx: Context) -> None:
        self.ctx = ctx
        self.kind = expected.kind
        self.value = sympy.ImmutableMatrix(expected.value)
        self.typed = expected.expr
        entry_ctx = _entry_context(ctx)
        self.entries = [ExpressionTarget(e, entry_ctx) for e in self.value]

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        opts = self.ctx.options
        if response.expr == self.typed and opts.sig_figs is None and opts.decimal_places is None:
            return Judgement(Status.CORRECT, Method.STRUCTURAL)   # written as the expected answer was
        value = _as_matrix(response)
        if value is None:
            return wrong_kind(self.kind, response.kind)
        if value.shape != self.value.shape:
            if value.T.shape == self.value.shape and self._all_equal(value.T, deadline):
                return incorrect(Method.NUMERIC, finding(Code.TRANSPOSED))
            return incorrect(Method.STRUCTURAL, finding(
                Code.SHAPE_MISMATCH, wanted=_shape_text(self.value, self.kind), got=_shape_text(value, None)))
        if self.ctx.options.up_to_scalar or self.ctx.options.up_to_sign:
            scaled = self._scaled(value, deadline)
            if scaled is not None:
                return scaled
        decimals = decimals_typed(response)
        if self.kind is Kind.VECTOR and opts.ordered is False:
            return _match(len(self.entries), list(value),
                          lambda i, v: self.entries[i].judge_value(v, deadline, decimals), reuse=False,
                          show=expr_text)
        if opts.sig_figs is not None or opts.decimal_places is not None:
            return self._written(response, value)
        judged = self._entrywise(value, deadline, decimals=decimals)
        # a symmetric expected matrix equals its transpose: only a wrong answer can be transposed
        if judged.status is Status.INCORRECT and value.shape[0] == value.shape[1] > 1 \
                and self._all_equal(value.T, deadline):
            return incorrect(Method.NUMERIC, finding(Code.TRANSPOSED))
        return judged

    def _written(self, response: Parsed, value: sympy.ImmutableMatrix) -> Judgement:
        """Entries to significant figures or decimal places, judged on the digits typed."""
        texts = entry_texts(response.text, len(self.entries))
        if texts is None:
            texts = [str(v) for v in value]
        judgements = [precision.judge_written(t.value, text, self.ctx.options)
                      for t, text in zip(self.entries, texts)]
        wrong = [i for i, j in enumerate(judgements) if j.status is not Status.CORRECT]
        if not wrong:
            return Judgement(Status.CORRECT, Method.NUMERIC)
        found = [f for i in wrong for f in judgements[i].findings]
        notes = list(dict.fromkeys(f.code for f in found))
        cols = self.value.shape[1]
        names = [str(i + 1) if cols == 1 else f"({i // cols + 1}, {i % cols + 1})" for i in wrong]
        return incorrect(Method.NUMERIC, finding(Code.WRONG_ENTRIES, which=_ordinal_list(names, "entry")),
                         *[next(f for f in found if f.code == c) for c in notes],
                         score=1 - len(wrong) / len(judgements))

    def _entrywise(self, value: sympy.ImmutableMatrix, deadline: float,
                   targets: list[ExpressionTarget] | None = None,
                   decimals: precision.Typed | None = None) -> Judgement:
        targets = targets or self.entries
        judgements = [t.judge_value(v, deadline, decimals) for t, v in zip(targets, value)]
        undecided = _first_undetermined(judgements)
        if undecided is not None:
            return undecided
        wrong = [i for i, j in enumerate(judgements) if j.status is not Status.CORRECT]
        if not wrong:
            return Judgement(Status.CORRECT, _method(judgements), _rounding(judgements))
        cols = self.value.shape[1]
        names = [str(i + 1) if cols == 1 else f"({i // cols + 1}, {i % cols + 1})" for i in wrong]
        score = 1 - len(wrong) / len(judgements)
        # entries that still hold the variables where numbers are asked (a gradient not evaluated at
        # its point), or the other way round: said once, for all of them
        kind = kind_mismatch(sympy.Tuple(*(targets[i].value for i in wrong)),
                             sympy.Tuple(*(value[i] for i in wrong)), entries=len(wrong))
        return incorrect(_method(judgements), finding(Code.WRONG_ENTRIES, which=_ordinal_list(names, "entry")),
                         *([kind] if kind else []), *_rounding([judgements[i] for i in wrong]), score=score)

    def _all_equal(self, value: sympy.ImmutableMatrix, deadline: float) -> bool:
        return all(t.judge_value(v, deadline).status is Status.CORRECT
                   for t, v in zip(self.entries, value))

    def _scaled(self, value: sympy.ImmutableMatrix, deadline: float) -> Judgement | None:
        """response = c·expected for one nonzero c (±1 for up_to_sign)."""
        pivot = next((i for i, e in enumerate(self.value) if e != 0), None)
        if pivot is None or value[pivot] == 0:
            return None
        c = value[pivot] / self.value[pivot]
        if c == 0 or (self.ctx.options.up_to_sign and c not in (1, -1)):
            return None
        targets = [ExpressionTarget(e, _entry_context(self.ctx)) for e in self.value * c]
        j = self._entrywise(value, deadline, targets)
        if j.status is Status.CORRECT and c != 1:
            return Judgement(Status.CORRECT, j.method, (finding(Code.SCALAR_MULTIPLE),))
        return None


def entry_texts(text: str, count: int) -> list[str] | None:
    """The entries of a vector or matrix of plain numbers as typed (their digits matter for
    significant figures), or None when `text` is not such a literal of `count` entries.

    >>> entry_texts("[[1.20, 2], [3, 4e-3]]", 4)
    ['1.20', '2', '3', '4e-3']
    """
    parts = [p.strip() for p in re.split(r"[,;\s]+", re.sub(r"[\[\]()]", " ", text)) if p.strip()]
    if len(parts) != count or not all(precision.written(p) for p in parts):
        return None
    return parts


def _as_matrix(response: Parsed) -> sympy.ImmutableMatrix | None:
    """The response as a matrix, or None: a list of numbers or expressions is a column, a list
    holding equations, sets or lists (x = 1, y = 2) is not a vector.

    >>> from tutor.parser import parse
    >>> _as_matrix(parse("1, 2")).shape, _as_matrix(parse("x = 1, y = 2")) is None
    ((2, 1), True)
    """
    value = response.value
    if isinstance(value, sympy.MatrixBase):
        return sympy.ImmutableMatrix(value)
    if isinstance(value, sympy.Tuple) and all(isinstance(v, sympy.Expr) for v in value):
        return sympy.ImmutableMatrix(list(value))
    return None


def _shape_text(m: sympy.MatrixBase, kind: Kind | None) -> str:
    rows, cols = m.shape
    if kind is Kind.VECTOR or (kind is None and cols == 1):
        return f"a vector of length {rows}"
    return with_article(f"{rows}×{cols} matrix")


def _match(count: int, parts: list, judge: Callable[[int, Any], Judgement], *, reuse: bool,
           show: Callable[[Any], str]) -> Judgement:
    """Match response parts to `count` expected parts in any order. Each expected part is
    used once, unless `reuse` (sets, where repetition does not matter)."""
    left = list(range(count))
    extra: list = []
    used: list[Judgement] = []
    missed: list[Judgement] = []   # what the parts that matched nothing were told (decimal policy)
    for part in parts:
        hit = None
        tried: list[Judgement] = []
        for i in range(count) if reuse else left:
            j = judge(i, part)
            if j.status is Status.UNDETERMINED:
                return j    # with its reason: out of time, or beyond what can be checked
            tried.append(j)
            if j.status is Status.CORRECT:
                hit = i
                used.append(j)
                break
        if hit is None:
            extra.append(part)
            missed += tried
        elif hit in left:
            left.remove(hit)
    if not extra and not left:
        return Judgement(Status.CORRECT, _method(used), _rounding(used))
    found: list[Finding] = []
    if len(parts) != count and not reuse:
        found.append(finding(Code.WRONG_LENGTH, wanted=counted(count, "item"), got=str(len(parts))))
    if extra:
        found.append(finding(Code.EXTRA_ELEMENTS, which=", ".join(show(e) for e in extra)))
    if left:
        found.append(finding(Code.MISSING_ELEMENTS))
    found += [f for f in _rounding(missed) if f.code is Code.TOO_FEW_FIGURES]
    total = max(count, len(parts))
    return incorrect(_method(used), *found, score=(count - len(left)) / total if total else 0.0)


class SetTarget:
    """An expected finite set: order and repetition do not matter."""

    def __init__(self, value: sympy.Basic, ctx: Context) -> None:
        from tutor.checker.checker import build_target

        self.ctx = ctx
        entry_ctx = _entry_context(ctx)
        # elements are expressions, or themselves sets, vectors, intervals: each judged as such
        self.elements = [ExpressionTarget(e, entry_ctx) if isinstance(e, sympy.Expr) and not e.is_Matrix
                         else build_target(_part(e), entry_ctx)
                         for e in sorted(value, key=sympy.default_sort_key)]

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        if response.kind not in (Kind.SET, Kind.LIST):
            return wrong_kind(Kind.SET, response.kind)
        typed = list(response.value) if response.kind is Kind.SET else list(dict.fromkeys(response.value))
        values = _solved_for(typed)
        if values is None:
            return wrong_kind(Kind.SET, response.kind)
        decimals = decimals_typed(response)
        return _match(len(self.elements), values, lambda i, v: self._element(i, v, deadline, decimals),
                      reuse=True, show=expr_text)

    def _element(self, i: int, v: sympy.Basic, deadline: float,
                 decimals: precision.Typed | None = None) -> Judgement:
        target = self.elements[i]
        if isinstance(target, ExpressionTarget):
            if not isinstance(v, sympy.Expr) or getattr(v, "is_Matrix", False):
                return incorrect(Method.STRUCTURAL)   # a set is not a number
            return target.judge_value(v, deadline, decimals)
        return target.judge(_part(v), deadline)


def _solved_for(values: list[sympy.Basic]) -> list[sympy.Basic] | None:
    """The elements of a set answer: ``λ = 0, λ = 4`` (one name, solved for) stands for {0, 4};
    None when an element is a relation left over (sets, matrices and tuples are judged element
    by element, against what the set expects in their place).

    >>> l = sympy.Symbol("λ")
    >>> _solved_for([sympy.Eq(l, 0), sympy.Eq(l, 4)])
    [0, 4]
    >>> _solved_for([sympy.Eq(l, 0), sympy.Lt(l, 4)]) is None
    True
    """
    if values and all(isinstance(v, sympy.Eq) for v in values):
        names = {v.lhs for v in values}
        name = names.pop() if len(names) == 1 else None
        if isinstance(name, sympy.Symbol) and not any(name in v.rhs.free_symbols for v in values):
            values = [v.rhs for v in values]
    if any(isinstance(v, Boolean) and not isinstance(v, sympy.Expr) for v in values):   # a Symbol is a Boolean too
        return None
    return values


def _first_undetermined(judgements: list[Judgement]) -> Judgement | None:
    """The first judgement without a decision (keeping its reason), if any."""
    return next((j for j in judgements if j.status is Status.UNDETERMINED), None)


class ListTarget:
    """Several answers separated by commas; in any order unless `ordered`."""

    def __init__(self, value: sympy.Basic, ctx: Context) -> None:
        from tutor.checker.checker import build_target

        self.ctx = ctx
        self.value = value
        self.ordered = bool(ctx.options.ordered)
        entry_ctx = _entry_context(ctx)
        self.items = [build_target(_part(item), entry_ctx) for item in value]

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        if response.kind not in (Kind.LIST, Kind.SET, Kind.VECTOR):
            return wrong_kind(Kind.LIST, response.kind)
        parts = [_part(e) for e in (response.expr if response.kind is not Kind.VECTOR
                                    else list(response.expr))]
        texts = entry_texts(response.text, len(parts)) if decimals_typed(response) else None
        if texts is not None:   # plain numbers: their digits count (the decimal policy)
            parts = [Parsed(text, p.expr, p.kind, features=response.features) for text, p in zip(texts, parts)]
        if self.ordered:
            return self._ordered(parts, deadline)
        return self._unordered(parts, deadline)

    def _ordered(self, parts: list[Parsed], deadline: float) -> Judgement:
        if len(parts) != len(self.items):
            unordered = self._unordered(parts, deadline)
            return incorrect(unordered.method, finding(Code.WRONG_LENGTH, wanted=counted(len(self.items), "item"),
                                                       got=str(len(parts))), score=0.0)
        judgements = [t.judge(p, deadline) for t, p in zip(self.items, parts)]
        undecided = _first_undetermined(judgements)
        if undecided is not None:
            return undecided
        wrong = [str(i + 1) for i, j in enumerate(judgements) if j.status is not Status.CORRECT]
        if not wrong:
            return Judgement(Status.CORRECT, _method(judgements), _rounding(judgements))
        if self._unordered(parts, deadline).status is Status.CORRECT:
            return incorrect(_method(judgements), finding(Code.WRONG_ORDER), score=0.5)
        return incorrect(_method(judgements), finding(Code.WRONG_ENTRIES, which=_ordinal_list(wrong, "item")),
                         score=1 - len(wrong) / len(parts))

    def _unordered(self, parts: list[Parsed], deadline: float) -> Judgement:
        return _match(len(self.items), parts, lambda i, p: self.items[i].judge(p, deadline),
                      reuse=False, show=lambda p: expr_text(p.expr))


class IntervalTarget:
    """An expected interval: both endpoints, and which ends are included."""

    def __init__(self, expected: Parsed, ctx: Context) -> None:
        self.ctx = ctx
        self.value = expected.value
        entry_ctx = _entry_context(ctx)
        self.ends = [ExpressionTarget(self.value.start, entry_ctx), ExpressionTarget(self.value.end, entry_ctx)]

    def judge(self, response: Parsed, deadline: float) -> Judgement:
        interval = _as_interval(response)
        decimals = decimals_typed(response)
        if interval is None:
            interval = self._plus_minus(response)
            decimals = None   # the ends were worked out, not typed: their digits say nothing
        if interval is None:
            return wrong_kind(Kind.INTERVAL, response.kind)
        start, end, lopen, ropen = interval
        found: list[Finding] = []
        judged: list[Judgement] = []
        for side, target, v in (("left", self.ends[0], start), ("right", self.ends[1], end)):
            j = _endpoint(target, v, deadline, decimals)
            if j.status is Status.UNDETERMINED:
                return undetermined()
            judged.append(j)
            if j.status is not Status.CORRECT:
                found.append(finding(Code.WRONG_ENDPOINT, side=side))
        if found:
            wrong = [j for j in judged if j.status is not Status.CORRECT]
            return incorrect(Method.NUMERIC, *found, *_rounding(wrong), score=0.5 if len(found) == 1 else 0.0)
        if (lopen, ropen) != (bool(self.value.left_open), bool(self.value.right_open)) \
                and not self.ctx.options.endpoints_only:
            return incorrect(Method.STRUCTURAL, finding(Code.WRONG_BRACKET), score=0.5)
        # endpoints typed as rounded decimals say so (APPROXIMATE), as entries of a vector do
        return Judgement(Status.CORRECT, Method.NUMERIC, _rounding(judged))


    def _plus_minus(self, response: Parsed) -> tuple[sympy.Basic, sympy.Basic, bool, bool] | None:
        """x̄ ± E where an interval is asked: the interval between the two values. ± says nothing of
        which ends are included, so they are taken as the expected interval's."""
        value = response.value
        if not (isinstance(value, sympy.FiniteSet) and len(value) == 2
                and any(note.code == "plus_minus" for note in response.notes)):
            return None
        low, high = value.args
        if (low > high) is sympy.true:
            low, high = high, low
        return low, high, bool(self.value.left_open), bool(self.value.right_open)


def _endpoint(target: ExpressionTarget, v: sympy.Basic, deadline: float,
              decimals: precision.Typed | None = None) -> Judgement:
    if target.value.is_infinite or v.is_infinite:
        return Judgement(Status.CORRECT if target.value == v else Status.INCORRECT, Method.STRUCTURAL)
    return target.judge_value(v, deadline, decimals)


def _as_interval(response: Parsed) -> tuple[sympy.Basic, sympy.Basic, bool, bool] | None:
    value = response.value
    if isinstance(value, sympy.Interval):
        return value.start, value.end, bool(value.left_open), bool(value.right_open)
    if response.kind is Kind.VECTOR and value.shape == (2, 1) and response.delimiters:
        # "(0, 1)" and "[0, 1]" are read as vectors; here they can only mean intervals
        left, right = response.delimiters
        return value[0], value[1], left == "(", right == ")"
    return None
