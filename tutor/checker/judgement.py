"""What each kind of check hands back before it becomes a `Verdict`, and the shared context.

>>> j = Judgement(Status.CORRECT, Method.NUMERIC)
>>> j.score, j.notes
(1.0, ())
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy
from sympy.core.parameters import evaluate as evaluation

from tutor.checker.feedback import Code, Finding, finding
from tutor.checker.options import CheckOptions
from tutor.checker.probe import Space
from tutor.checker.verdict import Method, Status
from tutor.parser.evaluate import too_large
from tutor.values import frozen

IMAGINARY = sympy.Symbol("i")
ENGINEERS_IMAGINARY = sympy.Symbol("j")   # electrical engineering's imaginary unit, in complex mode


@frozen
class Judgement:
    """A decision with what is worth saying about it; `score` defaults from the status."""

    status: Status
    method: Method = Method.NONE
    findings: tuple[Finding, ...] = ()
    score: float | None = None

    def __post_init__(self) -> None:
        if self.score is None:
            object.__setattr__(self, "score", 1.0 if self.status is Status.CORRECT else 0.0)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(str(f.code) for f in self.findings)

    def adding(self, *findings: Finding) -> Judgement:
        return replace(self, findings=self.findings + tuple(findings))


def incorrect(method: Method, *findings: Finding, score: float = 0.0) -> Judgement:
    """An incorrect judgement saying why.

    >>> incorrect(Method.NUMERIC, finding(Code.SIGN_ERROR)).notes
    ('SIGN_ERROR',)
    """
    return Judgement(Status.INCORRECT, method, tuple(findings), score)


def invalid(*findings: Finding) -> Judgement:
    """An invalid judgement: unreadable, or not the sort of answer asked for.

    >>> invalid().status
    <Status.INVALID: 'invalid'>
    """
    return Judgement(Status.INVALID, Method.NONE, tuple(findings))


def undetermined(timed_out: bool = True) -> Judgement:
    """No decision: out of time, or beyond what can be checked.

    >>> undetermined().notes
    ('TIMEOUT',)
    """
    return Judgement(Status.UNDETERMINED, Method.NONE,
                     (finding(Code.TIMEOUT) if timed_out else finding(Code.NOT_DECIDED),))


@dataclass
class Context:
    """Everything a check of one problem shares: options, the sampling space, allowed names."""

    options: CheckOptions
    space: Space
    names: frozenset[str]
    functions: frozenset[str] = field(default_factory=frozenset)

    @property
    def complex(self) -> bool:
        return self.options.complex_numbers

    def unknown(self, expr: sympy.Basic) -> list[Finding]:
        """UNKNOWN_VARIABLE when the response uses names the question does not have."""
        names = sorted(s.name for s in expr.free_symbols if s.name not in self.names)
        return [finding(Code.UNKNOWN_VARIABLE, names=", ".join(names))] if names else []

    def to_domain(self, expr: sympy.Basic) -> sympy.Basic:
        """In complex mode, `i` is the imaginary unit, and so is `j` (the engineers' spelling)
        unless the question declares a variable j; outside complex mode both are variables.

        >>> j = sympy.Symbol("j")
        >>> Context(CheckOptions(complex_numbers=True), Space(), frozenset()).to_domain(3 + 4 * j)
        3 + 4*I
        >>> Context(CheckOptions(), Space(), frozenset()).to_domain(3 + 4 * j)
        4*j + 3
        """
        if not self.complex:
            return expr
        units = {IMAGINARY: sympy.I}
        if ENGINEERS_IMAGINARY.name not in (self.options.variables or ()):
            units[ENGINEERS_IMAGINARY] = sympy.I
        found = {s: unit for s, unit in units.items() if s in expr.free_symbols}
        if not found:
            return expr
        if too_large(expr):     # rebuilding 9^9^9·i evaluated, SymPy would compute 9^9^9
            with evaluation(False):
                return expr.xreplace(found)
        return expr.xreplace(found)
