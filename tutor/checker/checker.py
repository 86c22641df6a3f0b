"""`Checker` (an expected answer compiled once, checked against many responses) and `check`.

>>> c = Checker("x^2 - 1", form="factored")
>>> c.check("(x-1)(x+1)").status, c.check("x^2 - 1").notes
(<Status.CORRECT: 'correct'>, ('FORM_NOT_FACTORED',))
>>> check("2x +", "2x").status
<Status.INVALID: 'invalid'>
"""
from __future__ import annotations

import dataclasses
import functools

import time
from typing import Any, Callable, Protocol

import sympy
from sympy.core.function import AppliedUndef

from tutor.checker.expressions import ExpressionTarget
from tutor.checker.feedback import Code, details_of, finding, render
from tutor.checker.forbid import shown, used
from tutor.checker.matrices import ArrayTarget, bound_names
from tutor.checker.judgement import Context, Judgement, invalid, undetermined
from tutor.checker.options import CheckOptions
from tutor.checker.probe import Space
from tutor.checker.relations import TooLarge
from tutor.checker.responses import Unreadable, from_sympy, read_response
from tutor.checker.verdict import Method, Status, Verdict
from tutor import deadline
from tutor.errors import CheckError, ParseError
from tutor.linalg.nodes import has_arrays
from tutor.parser import FORMATS, Kind, Parsed, parse
from tutor.parser.extract import EXTRACT_MODES, extract

_SLACK = 0.05   # seconds kept back from the budget for building the verdict


class Target(Protocol):
    def judge(self, response: Parsed, deadline: float) -> Judgement: ...


class Checker:
    """An expected answer prepared once; `check(response)` for each learner answer.

    `expected` is text in the learner language, a SymPy object, or a `Parsed`; options are
    those of `tutor.check`.
    """

    def __init__(self, expected: str | sympy.Basic | Parsed, *, frozen_options: CheckOptions | None = None,
                 format: str = "auto", extract: str | None = None, **options: Any) -> None:
        self.options = frozen_options if frozen_options is not None else CheckOptions.from_kwargs(**options)
        self.format, self.extract = reading(format, extract)
        budget = self.options.time_budget
        try:
            with deadline.keep(time.monotonic() + budget):
                self.expected = _expected(expected, self.options, self.format)
                self._prepare()
        except CheckError:
            raise
        except deadline.OutOfTime:
            raise CheckError(f"The expected answer takes longer than the time budget ({budget:g} s) "
                             "to prepare.") from None
        except Exception as err:  # an expected answer that cannot be checked is the author's error
            raise CheckError(f"The expected answer cannot be checked: {_reason(err)}.") from None

    def _prepare(self) -> None:
        value = self.expected.value
        names = set(self.options.variables or (s.name for s in value.free_symbols))
        names |= {d for decl in self.options.shapes.values() for d in decl.dim_names}
        if self.options.question is not None:
            names |= {s.name for s in self.options.question.free_symbols}
        functions = frozenset(type(f).__name__ for f in value.atoms(AppliedUndef))
        space = Space(dict(self.options.assume))
        self.context = Context(self.options, space, frozenset(names), functions)
        self._names = sorted(names)
        self._functions = sorted(functions) or None
        self.target: Target = build_target(self.expected, self.context)

    @property
    def kind(self) -> Kind:
        return self.expected.kind

    def check(self, response: str | sympy.Basic | Parsed) -> Verdict:
        """The verdict on one response, within the time budget."""
        start = time.perf_counter()
        limit = time.monotonic() + max(0.0, self.options.time_budget - _SLACK)
        with deadline.keep(limit + _SLACK):
            try:
                return self._check(response, start, limit)
            except deadline.OutOfTime:
                return _verdict(undetermined(), "", "", start, self.options.reveal)

    def _check(self, response: str | sympy.Basic | Parsed, start: float, limit: float) -> Verdict:
        several = False
        if self.extract is not None and isinstance(response, str):
            taken = extract(response, self.extract)
            if taken.text is None:
                how = {"boxed": "no \\boxed{…}", "last_math": "no $…$"}.get(taken.how, "no boxed or $…$ answer")
                return _verdict(invalid(finding(Code.NO_ANSWER_FOUND, how=how)), "", "", start, self.options.reveal)
            response, several = taken.text, taken.several
        try:
            parsed = read_response(response, self._names, self._functions, shapes=self.options.shapes or None,
                                   format=self.format)
        except (ParseError, Unreadable) as err:
            j = invalid(finding(Code.PARSE_ERROR, message=str(err)))
            if getattr(err, "code", None) == "not_invertible":
                j = j.adding(finding(Code.NOT_INVERTIBLE))
            return _verdict(j, "", "", start, self.options.reveal)
        verdict = self._judged(parsed, start, limit)
        if any(note.code == "ones_vector" for note in parsed.notes):   # 1 − y read as 𝟏 − y
            verdict = dataclasses.replace(verdict, notes=(*verdict.notes, Code.ONES_VECTOR.value))
        if several:
            verdict = dataclasses.replace(verdict, notes=(*verdict.notes, Code.SEVERAL_ANSWERS.value),
                                          feedback=f"{verdict.feedback} {finding(Code.SEVERAL_ANSWERS).text}")
        return verdict

    def _judged(self, parsed: Parsed, start: float, limit: float) -> Verdict:
        forbidden = used(parsed.expr, self.options.forbid) if self.options.forbid else ()
        if forbidden:
            j = invalid(finding(Code.FORBIDDEN_OPERATION, names=" and the ".join(shown(n) for n in forbidden)))
            return _verdict(j, lambda: parsed.interpreted, lambda: parsed.latex, start, self.options.reveal)
        target = self.target
        if not isinstance(target, ArrayTarget) and self.kind in (Kind.EXPRESSION, Kind.NUMBER) \
                and has_arrays(parsed.expr):
            # a sum for a closed form: the bounds of the response's sums take whole values
            target = ArrayTarget(self.expected.expr, self.context, bounds=frozenset(bound_names(parsed.expr)))
        try:
            judgement = target.judge(parsed, limit)
        except Exception:  # noqa: BLE001 - nothing escapes a check: a failure inside is no decision
            judgement = undetermined(timed_out=False)
        if time.monotonic() > limit + _SLACK and judgement.status is not Status.INVALID:
            judgement = undetermined()
        return _verdict(judgement, lambda: parsed.interpreted, lambda: parsed.latex, start, self.options.reveal)


def build_target(expected: Parsed, ctx: Context) -> Target:
    """The checking strategy for the kind of the expected answer.

    >>> from tutor.checker.judgement import Context
    >>> ctx = Context(CheckOptions(), Space(), frozenset({"x"}))
    >>> type(build_target(parse("x < 3"), ctx)).__name__
    'InequalityTarget'
    """
    from tutor.checker.relations import EquationTarget, InequalityTarget
    from tutor.checker.structures import IntervalTarget, ListTarget, MatrixTarget, SetTarget

    kind = expected.kind
    if ctx.options.declarations or has_arrays(expected.expr):
        return ArrayTarget(expected.expr, ctx)
    if kind in (Kind.EXPRESSION, Kind.NUMBER):
        return ExpressionTarget(expected.value, ctx, typed=expected.expr)
    if kind is Kind.EQUATION:
        return EquationTarget(expected.value, ctx)
    if kind is Kind.INEQUALITY:
        return InequalityTarget(expected.value, ctx)
    if kind in (Kind.VECTOR, Kind.MATRIX):
        return MatrixTarget(expected, ctx)
    if kind is Kind.SET:
        return SetTarget(expected.value, ctx)
    if kind is Kind.INTERVAL:
        return IntervalTarget(expected, ctx)
    if kind is Kind.LIST:
        return ListTarget(expected.value, ctx)
    raise CheckError(f"Cannot check answers of kind {kind}.")


def _reason(err: Exception) -> str:
    if isinstance(err, TooLarge):
        return "it holds a number too large to compute with"
    if isinstance(err, (RecursionError, MemoryError)):
        return "it is too large"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def reading(format: str, extract: str | None) -> tuple[str, str | None]:
    """`format` and `extract` checked (they are read beside the check options, not as options).

    >>> reading("auto", None), reading("latex", "boxed")
    (('auto', None), ('latex', 'boxed'))
    """
    if format not in FORMATS:
        raise CheckError(f"format must be one of {', '.join(FORMATS)} (got {format!r}).")
    if extract is not None and extract not in EXTRACT_MODES:
        raise CheckError(f"extract must be one of {', '.join(EXTRACT_MODES)} or None (got {extract!r}).")
    return format, extract


def _expected(expected: str | sympy.Basic | Parsed, options: CheckOptions, format: str = "auto") -> Parsed:
    if isinstance(expected, Parsed):
        return expected
    if isinstance(expected, (sympy.Basic, sympy.MatrixBase)):
        try:
            return from_sympy(expected)
        except Unreadable as err:
            raise CheckError(f"The expected answer cannot be checked: {err}") from None
    if isinstance(expected, str):
        try:
            return parse(expected, variables=options.variables, shapes=options.shapes or None, format=format)
        except ParseError as err:
            raise CheckError(f"The expected answer cannot be read: {err}") from None
    raise CheckError(f"The expected answer must be text, SymPy or Parsed, not {type(expected).__name__}.")


def _verdict(j: Judgement, interpreted: str | Callable[[], str], latex: str | Callable[[], str],
             start: float, reveal: bool = False) -> Verdict:
    verdict = Verdict(j.status, float(j.score or 0.0), render(j.status, j.findings, reveal), j.notes,
                      "", "", j.method if j.status is not Status.INVALID else Method.NONE,
                      (time.perf_counter() - start) * 1000.0, details=details_of(j.findings))
    return verdict.printed_lazily(interpreted, latex)


def check(response: str | sympy.Basic | Parsed, expected: str | sympy.Basic | Parsed, *,
          format: str = "auto", extract: str | None = None, **options: Any) -> Verdict:
    """Check a learner's `response` against the `expected` answer.

    `response` is the learner's text; `expected` is text in the same language, a SymPy
    object, or a `Parsed`. Options (all optional): `variables` (names; default: the free
    symbols of `expected`), `form` ("expanded", "factored", "single_fraction",
    "lowest_terms", "exact", "simplified"), `rel_tol`, `abs_tol`, `sig_figs` (n, or (n, m)),
    `decimal_places`, `ordered` (lists; default True for vectors, False for comma lists and
    sets), `up_to_constant` (a variable name: antiderivatives), `require_constant` (default
    True), `up_to_scalar`, `up_to_sign`, `domain` ("common" or "strict"), `assume`
    (e.g. ``{"x": "positive"}``), `question` (the expression the learner was asked about),
    `time_budget` (seconds, default 2), `complex_numbers` (``i`` is the imaginary unit),
    `endpoints_only` (intervals: the endpoints are graded, whether each end is included is not:
    a confidence interval). `reveal`, `forbid` and `in_terms_of` are described in the README.

    Beside the options: `format` ("auto", "text" or "latex"; for both answers: auto reads LaTeX
    when the text has a backslash command or ``$``) and `extract` (None, "auto", "boxed",
    "last_math": take the answer out of a longer response, such as an LLM's completion).

    >>> check("2(x+1)", "2x + 2").correct
    True
    >>> check("-2x", "2x").notes
    ('SIGN_ERROR',)
    >>> check(r"so \\boxed{\\frac{x}{2}}", "x/2", extract="auto").correct
    True
    """
    if isinstance(expected, str):
        try:
            key = tuple(sorted((name, _frozen(value)) for name, value in options.items()))
        except TypeError:  # an option that cannot be a cache key (an object of its own): compiled each time
            pass
        else:
            opts = _OPTIONS.get(key)
            if opts is None:
                opts = CheckOptions.from_kwargs(**options)
                if len(_OPTIONS) >= _KEPT:
                    _OPTIONS.clear()
                _OPTIONS[key] = opts
            return _compiled(expected, opts, format, extract).check(response)
    return Checker(expected, format=format, extract=extract, **options).check(response)


# the options of one-shot checks, read once per set of keyword arguments (by `_frozen` key)
_KEPT = 256
_OPTIONS: dict[tuple, CheckOptions] = {}


def _frozen(value: Any) -> Any:
    """An option's value as a hashable key, every part tagged by its type (so that ``{"x": "real"}``
    and ``[("x", "real")]``, or ``True`` and ``1``, stay apart); TypeError for anything unhashable.

    >>> _frozen({"x": "real"}) == _frozen([("x", "real")]), _frozen(True) == _frozen(1)
    (False, False)
    """
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((_frozen(k), _frozen(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_frozen(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(_frozen(v) for v in value))
    hash(value)
    return (type(value).__name__, value)


@functools.lru_cache(maxsize=256)
def _compiled(expected: str, options: CheckOptions, format: str = "auto", extract: str | None = None) -> Checker:
    """The expected answer compiled once per (text, options); lru_cache is bounded and thread-safe.

    >>> _compiled("2x", CheckOptions()) is _compiled("2x", CheckOptions())
    True
    """
    return Checker(expected, frozen_options=options, format=format, extract=extract)
