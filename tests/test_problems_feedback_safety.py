"""The problems' feedback never gives the expected answer away either.

`tests/test_checker_feedback_safety.py` covers the checker; here every problem in `problems/` is
answered wrongly on purpose, for a few seeds: with each anticipated mistake's own answer, each
bug rule's answer from the step engine, the answer with its sign flipped, and twice the answer.
The learner-facing text (the verdict's feedback, authored or diagnosed) must quote no number
computed from the expected answer (its value, the difference or ratio of the two answers, at
probe points, printed as a fraction or at the precisions we print) unless the response or the
prompt has that number too (a named mistake may quote what the question gives).
"""
from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

import pytest
import sympy

from tutor.errors import TutorError
from tutor.problems import default_problem_dirs, discover, interpret, load_problem_set
from tutor.problems.instance import ProblemInstance, build_instance
from tutor.problems.render import readable

SEEDS = (0, 1)
_NUMBER = re.compile(r"(?<![\w.^])[−-]?\d+(?:\.\d+)?(?:/\d+)?")
_POINTS = (sympy.Integer(1), sympy.Integer(2), sympy.Rational(1, 2), sympy.Integer(-1), sympy.Rational(3, 2))
_HARMLESS = {Fraction(n) for n in (-2, -1, 0, 1, 2)}


_PLACES = re.compile(r"\b(?:Entr(?:y|ies)|Items?|[Rr]ows?|[Cc]olumns?)\s[\d(), and]+")


def _numbers(text: str) -> set[Fraction]:
    """The numbers quoted in a text (not the places named, as in "Entries (1, 2) and 3")."""
    found = set()
    for token in _NUMBER.findall(_PLACES.sub(" ", text)):
        try:
            found.add(Fraction(token.replace("−", "-")))
        except (ValueError, ZeroDivisionError):
            pass
    return found


def _near(v: float) -> set[Fraction]:
    """The ways a printer could show `v`: as a fraction, and rounded to 0–6 decimals or 1–6 figures."""
    out = {Fraction(v).limit_denominator(1000)}
    out |= {Fraction(str(round(v, digits))) for digits in range(7)}
    out |= {Fraction(f"{v:.{sig}g}") for sig in range(1, 7) if "e" not in f"{v:.{sig}g}"}
    return out


def _entries(value: sympy.Basic) -> list[sympy.Basic]:
    if isinstance(value, sympy.MatrixBase):
        return list(value)
    if isinstance(value, (sympy.FiniteSet, sympy.Tuple)):
        return [e for v in value.args for e in _entries(v)]
    if isinstance(value, sympy.Interval):
        return [value.start, value.end]
    return [value]


def _number(e: sympy.Basic, env: dict) -> float | None:
    if not isinstance(e, sympy.Expr) or e.has(sympy.MatrixSymbol, sympy.Indexed):
        return None     # declared matrices and data have no value at a scalar point
    try:
        v = complex(e.xreplace(env).evalf(30))
    except (TypeError, ValueError, ZeroDivisionError, AttributeError):
        return None
    return v.real if abs(v.imag) < 1e-12 and v.real == v.real and abs(v.real) < 1e12 else None


def _computed(expected: sympy.Basic, response: sympy.Basic) -> tuple[set[Fraction], set[Fraction]]:
    """(numbers computed from the expected answer, the response's own values) at the probe points."""
    leaks: set[Fraction] = set()
    own: set[Fraction] = set()
    want, got = _entries(expected), _entries(response)
    names = sorted({s for e in want + got if isinstance(e, sympy.Basic) for s in e.free_symbols}, key=str)
    for p in _POINTS:
        env = {s: p + sympy.Rational(i, 7) for i, s in enumerate(names)}
        for k, e in enumerate(want):
            ev = _number(e, env)
            if ev is None:
                continue
            leaks |= _near(ev)
            rv = _number(got[k], env) if len(got) == len(want) else None
            if rv is not None:
                own |= _near(rv)
                leaks |= _near(rv - ev)
                if ev:
                    leaks |= _near(rv / ev)
        if not names:
            break
    return leaks, own


def _instances() -> list[ProblemInstance]:
    out = []
    for info in discover(default_problem_dirs()):
        for problem in load_problem_set(info.path).problems:
            for seed in SEEDS:
                out.append(build_instance(problem, seed))
    return out


@lru_cache(maxsize=1)
def _all() -> tuple[ProblemInstance, ...]:
    return tuple(_instances())


def _wrong_answers(instance: ProblemInstance) -> list[sympy.Basic]:
    answer = instance.answer
    found: list[sympy.Basic] = []
    env = {**instance.params.values, sympy.Symbol("answer"): answer}
    for rule in instance.definition.feedback:
        if rule.formula is not None:
            try:
                found.append(interpret(rule.formula, env))
            except TutorError:
                pass
    derivation = instance.derivation
    for candidate in getattr(derivation, "candidates", ())[:6]:
        found.append(candidate.value)
    if isinstance(answer, (sympy.Expr, sympy.MatrixBase)) and not getattr(answer, "is_Boolean", False):
        found += [-answer, 2 * answer, 3 * answer]
    return found


def _ids() -> list[str]:
    return [f"{i.problem.id}#{i.seed}" for i in _all()]


@pytest.mark.parametrize("index", range(len(_all())), ids=_ids())
def test_problem_feedback_quotes_nothing_computed_from_the_expected_answer(index: int) -> None:
    instance = _all()[index]
    prompt = _numbers(instance.prompt)
    prompt |= {-q for q in prompt}    # "− 3" in a prompt is the constant −3
    for wrong in _wrong_answers(instance):
        text = readable(wrong)
        verdict = instance.check(text)
        if str(verdict.status) != "incorrect":
            continue
        leaks, own = _computed(instance.answer, wrong)
        allowed = _numbers(text) | prompt | own | _HARMLESS
        bad = {q for q in _numbers(verdict.feedback) if q in leaks and q not in allowed}
        assert not bad, (f"{text!r}: {verdict.feedback!r} quotes {sorted(map(str, bad))}, computed "
                         f"from the expected answer {readable(instance.answer)!r}")


def test_the_session_says_no_more_than_the_verdict() -> None:
    """What a practice session prints for a wrong answer (headline, feedback, retry line)
    quotes nothing computed from the expected answer either: the first problem of every set."""
    from tutor.session import Session

    for info in discover(default_problem_dirs()):
        session = Session(load_problem_set(info.path), seed=0)
        instance = session.instance
        assert instance is not None
        prompt = _numbers(instance.prompt)
        prompt |= {-q for q in prompt}
        for wrong in _wrong_answers(instance):
            text = readable(wrong)
            shown = session.submit(text)
            if shown.verdict is None or str(shown.verdict.status) != "incorrect":
                continue
            leaks, own = _computed(instance.answer, wrong)
            allowed = _numbers(text) | prompt | own | _HARMLESS
            bad = {q for q in _numbers(shown.text) if q in leaks and q not in allowed}
            assert not bad, f"{info.id}: {text!r} → {shown.text!r} quotes {sorted(map(str, bad))}"
