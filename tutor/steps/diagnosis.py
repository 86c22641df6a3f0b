"""Diagnosis: which known mistake produces the learner's answer (model tracing with buggy rules).

For a derivation, every wrong rule of `tutor.steps.bugs` that applies at a
step is run there and its result carried up to the root — one step at a
time, then at every applicable step at once (a learner who drops the inner
derivative usually drops all of them). Each buggy final answer gets a numeric
fingerprint, once per derivation. A response is fingerprinted once and
compared against them, most specific explanation first; a match is confirmed
on further points before it is named. Correct answers are never diagnosed.

>>> import sympy
>>> x = sympy.Symbol("x")
>>> from tutor.steps import derivative_steps
>>> derivative_steps(sympy.sin(x**2), x).diagnose(sympy.cos(x**2)).bug
'chain_drop_inner'
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sympy
from sympy import Basic

from tutor.deadline import tick
from tutor.errors import StepError
from tutor.steps.bugs import ANSWER_BUGS, STEP_BUGS, AnswerBug, StepBug
from tutor.steps.hints import Hint, HintLevel, rule_hint
from tutor.parser.evaluate import too_large
from tutor.steps.numeric import Fingerprint, close, fingerprint
from tutor.steps.render import TextWriter
from tutor.steps.rules import Chain
from tutor.steps.step import Step
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.parser import Parsed
    from tutor.steps.derivation import Derivation

# a confirmation the checker cannot decide in this time falls back to this many further points
_CONFIRM_SECONDS = 0.5
_CONFIRM_POINTS = 8


@frozen
class Diagnosis:
    """A named mistake: `bug` (id), `message` (for the learner), `step` (path), `hints` (remediation).

    `alternatives` are the other known mistakes that give the same answer, each a `Diagnosis`;
    when there are some, `message` names them all instead of asserting one.
    """

    bug: str
    message: str
    step: str
    hints: tuple[Hint, ...]
    alternatives: tuple[Diagnosis, ...] = ()

    def __str__(self) -> str:
        return self.message


@frozen
class Candidate:
    """A buggy final answer: the bug, the step where it was applied (the first one when `everywhere`)."""

    bug: StepBug
    step: Step
    everywhere: bool
    value: Basic
    fingerprint: Fingerprint | None   # None where it cannot be evaluated


def diagnose(derivation: Derivation, response: str | Basic | Parsed) -> Diagnosis | None:
    """The most specific known mistake that gives `response`, or None (see `Derivation.diagnose`).

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> x = sympy.Symbol("x")
    >>> diagnose(derivative_steps(x**3, x), 3 * x**3).bug
    'power_keep_exponent'
    """
    value = _response_value(response)
    if too_large(value) or too_large(derivation.expr):
        return None  # 9^9^9^9: nothing to compare, and SymPy arithmetic on it might not end
    seen = fingerprint(value)
    correct = fingerprint(derivation.steps.result)
    if seen is None or correct is None or close(seen, correct):
        return None
    hits: list[Diagnosis] = []
    for candidate in derivation.candidates:
        tick()
        if any(d.bug == candidate.bug.id for d in hits):
            continue
        if close(seen, candidate.fingerprint) and (hits or same(value, candidate.value)):
            hits.append(step_diagnosis(derivation, candidate))
    if hits:
        return combined(hits)
    return _answer_diagnosis(derivation, value, seen, correct)


def combined(found: list[Diagnosis]) -> Diagnosis:
    """One diagnosis naming every mistake in `found` (the first, most specific, as `bug`).

    >>> d = combined([Diagnosis("a", "Slip A.", "0", ()), Diagnosis("b", "Slip B.", "0.1", ())])
    >>> d.bug, [a.bug for a in d.alternatives]
    ('a', ['b'])
    >>> print(d.message)
    Different slips give this same answer, so it could be any of them:
    – Slip A.
    – Slip B.
    """
    first = found[0]
    if len(found) == 1:
        return first
    message = ("Different slips give this same answer, so it could be any of them:\n"
               + "\n".join(f"– {d.message}" for d in found))
    return Diagnosis(first.bug, message, first.step, first.hints, tuple(found[1:]))


def build_candidates(derivation: Derivation) -> tuple[Candidate, ...]:
    """Every distinct buggy final answer of each misconception of a derivation, most specific first.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> x = sympy.Symbol("x")
    >>> [c.value for c in build_candidates(derivative_steps(x**3, x))][:2]
    [3*x**3, x**2]
    """
    root = derivation.steps
    correct = None if too_large(root.expr) else fingerprint(root.result)
    if correct is None:  # a "don't know" step, or nothing to evaluate: no answer to compare with
        return ()
    found: list[Candidate] = []
    for bug in STEP_BUGS:  # the catalogue order is the priority order
        steps = [step for step in root.walk() if bug.applies(step)]
        for step in steps:
            tick()
            for variant in bug.variants(step, [child.result for child in step.children]):
                found.append(_candidate(bug, step, False, _replace(root, step.path, variant)))
        if len(steps) > 1:  # named after the first step where it happens, in teaching order
            found.append(_candidate(bug, steps[0], True, _everywhere(root, bug)))
    # one step at a time explains more precisely than a bug applied at every step
    ordered = [c for c in found if not c.everywhere] + [c for c in found if c.everywhere]
    distinct: list[Candidate] = []
    for candidate in ordered:
        if candidate.fingerprint is None or close(candidate.fingerprint, correct):
            continue
        # the same value from another misconception is kept: diagnosis names both
        if not any(close(candidate.fingerprint, other.fingerprint) and candidate.bug.id == other.bug.id
                   for other in distinct):
            distinct.append(candidate)
    return tuple(distinct)


def _candidate(bug: StepBug, step: Step, everywhere: bool, value: Basic) -> Candidate:
    return Candidate(bug, step, everywhere, value, fingerprint(value))


def _replace(step: Step, path: str, value: Basic) -> Basic:
    """The root's result when the step at `path` gives `value` instead of its own result."""
    if step.path == path:
        return value
    if not path.startswith(step.path + "."):
        return step.result
    return step.combine([_replace(child, path, value) for child in step.children])


def _everywhere(step: Step, bug: StepBug) -> Basic:
    """The result when `bug` is applied at every step where it applies."""
    parts = [_everywhere(child, bug) for child in step.children]
    if bug.applies(step):
        variants = bug.variants(step, parts)
        if variants:
            return variants[0]
    return step.combine(parts)


def same(a: Basic, b: Basic) -> bool:
    """Whether two expressions are equal: the confirmation after the fingerprint screen.

    Decided by the checker (`tutor.checker.equivalent`); when it cannot decide in time, by the
    values at further sample points.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> same(sympy.sin(2 * x), 2 * sympy.sin(x) * sympy.cos(x))
    True
    """
    from tutor.checker import equivalent

    decided = equivalent(a, b, time_budget=_CONFIRM_SECONDS)
    if decided is not None:
        return decided
    return close(fingerprint(a, _CONFIRM_POINTS, first=8), fingerprint(b, _CONFIRM_POINTS, first=8))


def _response_value(response: object) -> Basic:
    if isinstance(response, str):
        from tutor.parser import parse

        response = parse(response)
    if isinstance(response, (int, float)) and not isinstance(response, bool):
        return sympy.Integer(response) if isinstance(response, int) else sympy.Float(response)
    value = getattr(response, "value", response)
    if not isinstance(value, Basic):
        raise StepError(f"An answer to diagnose must be text or an expression, not a {type(response).__name__}.")
    return value


# ----- messages

def _fields(step: Step, w: TextWriter) -> dict[str, str]:
    fields = {"expr": w.text(step.expr), "x": w.text(step.wrt), "d": w.d(step.wrt)}
    fields.update((name, w.text(value)) for name, value in step.bindings())
    if isinstance(step, Chain):
        fields.update(u=w.text(step.u), inner=w.text(step.inner), outer=w.text(step.outer),
                      du=w.dd(step.u, step.wrt))
    return fields


def step_diagnosis(derivation: Derivation, candidate: Candidate) -> Diagnosis:
    """The diagnosis of one candidate slip alone: its message and its remedy.

    >>> import sympy
    >>> from tutor.steps import derivative_steps
    >>> d = derivative_steps(sympy.sin(3 * sympy.Symbol("x")), "x")
    >>> step_diagnosis(d, d.candidates[0]).bug
    'chain_drop_inner'
    """
    w = derivation.writer
    bug, step = candidate.bug, candidate.step
    fields = _fields(step, w)
    message = bug.message.format(**fields)
    if candidate.everywhere:
        message += " (You did this at every such step.)"
    remedy = [Hint(HintLevel.RULE, bug.remedy.format(**fields), None, step.path)]
    if not candidate.everywhere:
        remedy.append(rule_hint(step))
        instance = step.instance(w)
        if instance:
            remedy.append(Hint(HintLevel.INSTANTIATE, instance, None, step.path))
    return Diagnosis(bug.id, message, step.path, tuple(remedy))


def _answer_diagnosis(derivation: Derivation, value: Basic, seen: Fingerprint,
                      correct: Fingerprint) -> Diagnosis | None:
    checks: dict[str, Callable[[], dict[str, str] | None]] = {
        "original_returned": lambda: {} if close(seen, fingerprint(derivation.expr)) else None,
        "global_sign_error": lambda: {} if close(seen, tuple(-v for v in correct)) else None,
        "integrated_instead": lambda: _integrated(derivation, value),
        "constant_factor_off": lambda: _factor(seen, correct),
    }
    for bug in ANSWER_BUGS:
        extra = checks[bug.id]()
        if extra is not None:
            return _answer(derivation, bug, extra)
    return None


def _answer(derivation: Derivation, bug: AnswerBug, extra: dict[str, str]) -> Diagnosis:
    fields = _fields(derivation.steps, derivation.writer) | extra
    hint = Hint(HintLevel.RULE, bug.remedy.format(**fields), None, "0")
    return Diagnosis(bug.id, bug.message.format(**fields), "0", (hint,))


def _integrated(derivation: Derivation, value: Basic) -> dict[str, str] | None:
    variable = next((s for s in value.free_symbols if s.name == derivation.wrt.name), None)
    if variable is None:
        return None
    derivative = sympy.diff(value, variable).xreplace({variable: derivation.wrt})
    return {} if close(fingerprint(derivative), fingerprint(derivation.expr)) else None


def _factor(seen: Fingerprint, correct: Fingerprint) -> dict[str, str] | None:
    if any(abs(c) < 1e-12 for c in correct):
        return None
    ratios = [s / c for s, c in zip(seen, correct)]
    k = ratios[0]
    if abs(k.imag) > 1e-9 or abs(k.real) < 1e-9 or abs(k - 1) < 1e-9 or abs(k + 1) < 1e-9:
        return None
    if not close(ratios, [k] * len(ratios)):
        return None
    return {}   # the factor itself is not said: it would give the derivative away
