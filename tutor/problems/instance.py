"""`ProblemInstance`: one seeded draw of a problem, with its prompt, answer, checks and hints.

The checker is compiled once per instance (on the first check) and reused; authored feedback and
the step engine's misconception diagnosis are folded into the verdict of a wrong answer.

>>> from pathlib import Path
>>> from tutor.problems.loader import load_problem_set
>>> s = load_problem_set(Path(__file__).resolve().parents[2] / "problems/linear_algebra/determinants.toml")
>>> inst = s.problems[0].instantiate(7)
>>> inst.check(inst.answer_text).correct
True
"""
from __future__ import annotations

import dataclasses
import random
import time
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy
from sympy.matrices import MatrixBase

from tutor import deadline
from tutor.checker import alarm
from tutor.checker.feedback import Code
from tutor.errors import CheckError, ProblemFileError, StepError, TutorError
from tutor.parser.parsed import Kind
from tutor.problems.interpreter import author_calls, interpret
from tutor.problems.ops_base import Budget, FormulaError
from tutor.problems.params import Draw, draw
from tutor.problems.render import input_text, ordered, readable, tidy
from tutor.problems.schema import HintLevel, StepsKind
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems.model import Definition, Part, Problem

AUTHORED_NOTE = "AUTHORED_FEEDBACK"
MISCONCEPTION_NOTE = "MISCONCEPTION"
FORBIDDEN_NOTE = Code.FORBIDDEN_OPERATION.value
BUG_PREFIX = "BUG:"  # BUG:<rule>, one note code per bug rule of tutor.steps.bugs (see tutor.notes)
INSTANCE_SECONDS = 5.0   # wall-clock seconds to compute one instance (parameters, answer, prompt)


def kind_of(value: sympy.Basic) -> Kind:
    """The answer kind of a value.

    >>> kind_of(sympy.Integer(3)), kind_of(sympy.ImmutableMatrix([1, 2])), kind_of(sympy.Symbol("x"))
    (<Kind.NUMBER: 'number'>, <Kind.VECTOR: 'vector'>, <Kind.EXPRESSION: 'expression'>)
    """
    if isinstance(value, MatrixBase):
        return Kind.VECTOR if value.cols == 1 else Kind.MATRIX
    kinds = ((sympy.Equality, Kind.EQUATION), (sympy.core.relational.Relational, Kind.INEQUALITY),
             (sympy.And, Kind.INEQUALITY), (sympy.Interval, Kind.INTERVAL), (sympy.Set, Kind.SET),
             (sympy.Tuple, Kind.LIST))
    for cls, kind in kinds:
        if isinstance(value, cls):
            return kind
    return Kind.NUMBER if getattr(value, "is_number", False) else Kind.EXPRESSION


def example_for(value: sympy.Basic) -> str:
    """How to type an answer like `value`.

    >>> example_for(sympy.ImmutableMatrix([[1, 0], [0, 1]]))
    '[[1, 2], [3, 4]]'
    """
    kind = kind_of(value)
    if kind is Kind.MATRIX:
        rows, cols = value.shape
        return "[" + ", ".join("[" + ", ".join(str(r * cols + c + 1) for c in range(cols)) + "]"
                               for r in range(rows)) + "]"
    if kind is Kind.VECTOR:
        return "[" + ", ".join(str(i + 1) for i in range(value.rows)) + "]"
    return {
        Kind.NUMBER: "3/4 (or 0.75)", Kind.EXPRESSION: "3x^2 - 2x + 1", Kind.EQUATION: "y = 2x + 1",
        Kind.INEQUALITY: "x < 3", Kind.INTERVAL: "(0.5, 1.5)", Kind.SET: "{1, 2}",
        Kind.LIST: "1, -2",
    }[kind]


def build_instance(problem: Problem, seed: int) -> ProblemInstance:
    """Draw the parameters for `seed` and compute everything a learner sees.

    >>> from tutor.problems.compile import compile_problem
    >>> from tutor.problems.schema import read_set
    >>> from tutor.problems.source import SourceText
    >>> data = {"title": "T", "description": "D", "problems": [{
    ...     "id": "p1", "title": "P", "tags": {"week": 1, "skills": []}, "prompt": "Add {a} and 1.",
    ...     "params": {"a": {"min": 1, "max": 9}}, "answer": "a + 1", "hints": ["a", "b", "c"],
    ...     "tests": [{"response": "{answer}", "status": "correct"}]}]}
    >>> source = SourceText("x.toml", "")
    >>> problem = compile_problem(source, read_set(source, data).problems[0], "arithmetic")
    >>> inst = build_instance(problem, 3)
    >>> a = int(inst.values["a"])
    >>> inst.prompt == f"Add {a} and 1.", inst.answer_text == str(a + 1), inst.answer_kind
    (True, True, 'number')
    >>> build_instance(problem, 3) == inst  # the same seed gives the same instance
    True
    """
    d = problem.definition
    budget = Budget(INSTANCE_SECONDS)
    stage = ["where" if d.constraints else "params"]
    try:
        # the budget's ticks stop work between steps; the alarm stops one step that runs on
        # (floor(e^(10^7)), diff(x^x^x^x, x, 10)) where it can: on the main thread
        with alarm.limit(budget.deadline):
            return _build(problem, seed, budget, stage)
    except alarm.Expired:
        raise _error(d, f"computing this instance took longer than {INSTANCE_SECONDS:g} s and was stopped",
                     stage[0]) from None
    except (MemoryError, RecursionError):
        raise _error(d, f"computing this instance needs too much memory or nesting ({stage[0]})",
                     stage[0]) from None


def _build(problem: Problem, seed: int, budget: Budget, stage: list[str]) -> ProblemInstance:
    d = problem.definition
    rng = random.Random(f"{problem.id}:{seed}")  # str seeds are hashed stably across runs
    try:
        params = draw(d.params, d.constraints, rng, budget=budget)
    except FormulaError as err:
        raise _error(d, err.message, "where" if d.constraints else "params") from None
    stage[0] = "question"
    question = _compute(d, d.question, params, budget, "question", keep_structure=True)
    stage[0] = "answer"
    answer = _compute(d, d.answer, params, budget, "answer")
    stage[0] = "prompt"
    try:
        prompt = d.prompt.readable(params.by_name(params.shown), params.shown)
    except (FormulaError, KeyError) as err:
        raise _error(d, f"the prompt cannot be shown: {err}", "prompt") from None
    return ProblemInstance(problem, seed, prompt, answer, input_text(answer), str(kind_of(answer)),
                           example_for(answer), params, question)


def _error(d: Definition, message: str, *key_path: str | int) -> ProblemFileError:
    return d.source.error(message, problem_index=d.spec.index, problem=d.spec.id,
                          key=".".join(str(k) for k in key_path), key_path=key_path)


def _compute(d: Definition, expr: sympy.Basic | None, params: Draw, budget: Budget, key: str, *,
             keep_structure: bool = False) -> Any:
    if expr is None:
        return None
    if keep_structure and not author_calls(expr):
        return tidy(expr, params.shown)
    try:
        return interpret(expr, params.values, budget=budget)
    except FormulaError as err:
        raise _error(d, f"the {key} cannot be computed: {err.message}", key) from None


@frozen
class ProblemInstance:
    """One seeded instance of a problem (same seed, same instance)."""

    problem: Problem
    seed: int
    prompt: str
    answer: sympy.Basic
    answer_text: str
    answer_kind: str
    example: str
    params: Draw = field(repr=False, compare=False)
    question: sympy.Basic | None = field(default=None, repr=False, compare=False)

    @property
    def definition(self) -> Definition:
        return self.problem.definition

    # values by name, for templates -----------------------------------------------------------
    @cached_property
    def shown(self) -> dict[str, sympy.Basic]:
        """Parameter values as the author wrote them (plus the answer), by name."""
        return {**self.params.by_name(self.params.shown), "answer": ordered(self.answer)}

    @cached_property
    def values(self) -> dict[str, sympy.Basic]:
        """Evaluated parameter values (plus the answer), by name."""
        return {**self.params.by_name(self.params.values), "answer": self.answer}

    def render(self, template) -> str:
        """An author template (hint, message, solution) rendered for this instance."""
        symbols = {**self.params.shown, sympy.Symbol("answer"): self.answer}
        return template.readable(self.shown, symbols)

    # checking --------------------------------------------------------------------------------
    @cached_property
    def checker(self):
        """The compiled checker for this instance's answer (built on first use)."""
        return _make_checker(self.answer, self._check_options())

    def _check_options(self) -> dict[str, object]:
        options = self.definition.check.as_kwargs()
        declared = self.definition.spec.declared()
        if declared:
            options.setdefault("variables", declared)
        elif self.definition.variables:
            options.setdefault("variables", [s.name for s in self.definition.variables])
        if self.question is not None:
            options.setdefault("question", self.question)
        return options

    def check(self, response: str):
        """Check a learner's response; a wrong answer gets authored feedback or a diagnosis.

        An answer holding a forbidden operation is `invalid` ("compute it"), unless its value is a
        mistake the problem anticipates: then that mistake is named (a product of logarithms where
        the log of a product was to be taken apart is a misconception, not an unfinished answer).
        """
        checker = self.checker
        until = time.monotonic() + checker.options.time_budget   # the check and its diagnosis together
        verdict = checker.check(response)
        if str(verdict.status) == "invalid" and FORBIDDEN_NOTE in verdict.notes:
            unforbidden = self._unforbidden_checker
            with deadline.keep(until):   # an answer past the budget is undetermined, never an error
                again = unforbidden.check(response)
            named = self._named_mistake(response, again, until)
            return verdict if named is None else named
        if str(verdict.status) != "incorrect":
            return verdict
        return self._named_mistake(response, verdict, until) or verdict

    @cached_property
    def _unforbidden_checker(self):
        options = {k: v for k, v in self._check_options().items() if k != "forbid"}
        return _make_checker(self.answer, options)

    def _named_mistake(self, response: str, verdict, until: float):
        """`verdict` (incorrect) with the authored feedback or the diagnosis of `response`, or None.

        Both are looked for before `until` (a `time.monotonic()` value), the end of the check's
        time budget; what is not found by then is not named, and the verdict stands.
        """
        if str(verdict.status) != "incorrect":
            return None
        # the author's checkers are built (and their errors raised) outside the budget
        self._feedback_checkers  # noqa: B018
        try:
            with deadline.keep(until):
                authored = self._authored_feedback(response, verdict)
        except deadline.OutOfTime:
            return None
        if authored is not None:
            return _fold(verdict, authored, (AUTHORED_NOTE,))
        diagnosis = self._diagnose(response, until)
        if diagnosis is not None:
            return _fold(verdict, diagnosis.message, (MISCONCEPTION_NOTE, f"{BUG_PREFIX}{diagnosis.bug}"))
        return None

    @cached_property
    def _feedback_checkers(self) -> tuple[tuple[Any, Any], ...]:
        out = []
        # a mistake is recognised by its value: how it is written (forms) is not the point here
        options = {k: v for k, v in self._check_options().items()
                   if k not in ("form", "question", "in_terms_of", "forbid")}
        env = {**self.params.values, sympy.Symbol("answer"): self.answer}
        for rule in self.definition.feedback:
            checker = None
            if rule.formula is not None:
                try:
                    value = interpret(rule.formula, env, budget=Budget(INSTANCE_SECONDS))
                except FormulaError as err:
                    raise _error(self.definition, f"this feedback answer cannot be computed: "
                                 f"{err.message}", "feedback", rule.index, "answer") from None
                checker = _make_checker(value, options)
            out.append((rule, checker))
        return tuple(out)

    def _authored_feedback(self, response: str, verdict) -> str | None:
        for rule, checker in self._feedback_checkers:
            if rule.note is not None and rule.note in verdict.notes:
                return self.render(rule.message)
            if checker is not None and checker.check(response).correct:
                return self.render(rule.message)
        return None

    # parts -----------------------------------------------------------------------------------
    @cached_property
    def parts(self) -> tuple[PartInstance, ...]:
        """The problem's `[[problems.parts]]`, asked in order before its own question."""
        d = self.definition
        out = []
        for part in d.parts:
            budget = Budget(INSTANCE_SECONDS)
            try:
                with alarm.limit(budget.deadline):
                    value = _compute(d, part.answer, self.params, budget, f"parts[{part.index}].answer")
            except alarm.Expired:
                raise _error(d, f"computing part {part.index + 1} took longer than {INSTANCE_SECONDS:g} s",
                             "parts", part.index, "answer") from None
            try:
                prompt = part.prompt.readable(self.params.by_name(self.params.shown), self.params.shown)
            except (FormulaError, KeyError) as err:
                raise _error(d, f"the prompt of part {part.index + 1} cannot be shown: {err}", "parts",
                             part.index, "prompt") from None
            out.append(PartInstance(self, part, part.index + 1, prompt, value, input_text(value),
                                    str(kind_of(value)), example_for(value)))
        return tuple(out)

    # steps and hints -------------------------------------------------------------------------
    @cached_property
    def derivation(self):
        """The step engine's derivation (or gradient) of the question, or None without `steps`."""
        spec = self.definition.spec
        if spec.steps is None:
            return None
        steps = _steps_module()
        if spec.steps is StepsKind.AUTO:
            return self._auto_steps(steps)
        names = [_symbol_name(self.definition, n) for n in spec.wrt]
        if spec.steps is StepsKind.DERIVATIVE:
            return steps.derivative_steps(self.question, names[0])
        return steps.gradient_steps(self.question, names)

    def _auto_steps(self, steps):
        """`steps = "auto"`: the answer formula worked by the engine of its outermost operation,
        with this instance's values; None (and a lint error) when no engine can work it or its
        result is not this instance's answer."""
        try:
            return self.auto_steps()
        except TutorError:
            return None

    def auto_steps(self):
        """The answer formula worked by `tutor.solution_steps` for this instance, or `StepError`
        saying why not (no engine for its outermost operation, or a result that is not the answer).
        """
        spec = self.definition.spec
        extra: dict[str, Any] = {"declare": dict(spec.declarations)} if spec.declarations else {}
        # the question, when the problem has one, is the expression to work (simplify (AᵀBᵀCᵀ)ᵀ);
        # otherwise the answer formula itself (det(A), bayes(…), diff(f, x))
        formula = spec.question if spec.question is not None else spec.answer
        worked = _steps_module().solution_steps(formula, **extra, **self.step_values())
        if not self.is_answer(worked.result):
            raise StepError(f"the step engine's result {readable(worked.result)} is not the answer "
                            f"{self.answer_text}")
        return worked

    def is_answer(self, value: sympy.Basic) -> bool:
        """Whether `value` equals this instance's answer (its value only: no forms, no tolerance)."""
        options = {k: v for k, v in self._check_options().items() if k == "variables"}
        if self.answer.has(sympy.Float):  # approx(…): the answer is a 15-digit decimal of the value
            options["rel_tol"] = 1e-12
        try:
            return bool(_make_checker(self.answer, options).check(input_text(value)).correct)
        except TutorError:
            return False

    def step_values(self) -> dict[str, sympy.Basic]:
        """The values the step engine works with, by name: numbers and matrices evaluated, a
        function of the variables as the author wrote it (the derivative engine reads its form)."""
        shown = self.params.by_name(self.params.shown)
        out = {}
        for name, value in self.params.by_name(self.params.values).items():
            structured = shown.get(name, value)
            keep = getattr(structured, "free_symbols", None) and not author_calls(structured)
            out[name] = structured if keep else value
        return out

    def diagnose(self, response: str):
        """The step engine's diagnosis of a wrong `response` (a `tutor.steps` Diagnosis), or None
        when it names no mistake within a check's time budget."""
        return self._diagnose(response, time.monotonic() + self.checker.options.time_budget)

    def _diagnose(self, response: str, until: float):
        try:
            # a Gradient is diagnosed at its first wrong partial derivative; the derivation is the
            # hints' too, and is built outside the budget
            diagnose = getattr(self.derivation, "diagnose", None)
            if diagnose is None:
                return None
            with deadline.keep(until):   # the step engine ticks in its loops
                return diagnose(response)
        except (TutorError, deadline.OutOfTime):
            return None  # a diagnosis is a bonus: the verdict stands without it

    def hints(self) -> tuple:
        """The hint ladder: authored hints, then the step engine's short ladder when `steps` is set.

        The two together have at most `tutor.steps.hints.MAX_RUNGS` rungs when the authored hints
        leave room: the engine's ladder gets what is left (at least its bottom-out).
        """
        authored = self._authored_hints()
        if self.derivation is None:
            return authored
        from tutor.steps.hints import MAX_RUNGS

        return authored + tuple(self.derivation.hints(max(1, MAX_RUNGS - len(authored))))

    def _authored_hints(self) -> tuple:
        hints = self.definition.hints
        if not hints:
            return ()
        hint_class, level_class = _hint_types()
        last = len(hints) - 1
        out = []
        for i, h in enumerate(hints):
            level = h.level or _position_level(i, last, self.derivation is None)
            out.append(hint_class(level=level_class(str(level)), text=self.render(h.text), latex=None,
                                  step=f"authored.{i}"))
        return tuple(out)

    def solution(self) -> str:
        """The full worked solution as text."""
        answer = f"Answer: {readable(self.answer)}"
        if self.definition.solution is not None:
            return f"{self.render(self.definition.solution)}\n{answer}"
        if self.derivation is not None:
            return f"{self.derivation.render()}\n{answer}"
        lines = [f"{i}. {h.text}" for i, h in enumerate(self._authored_hints(), 1)]
        return "\n".join(lines + [answer])


@frozen
class PartInstance:
    """One part of a problem instance: its prompt, answer and check, with the instance's numbers.

    It reads like a small `ProblemInstance` (`check`, `hints`, `values`, `answer_text`), so the
    session and lint treat it as one.
    """

    owner: ProblemInstance = field(repr=False, compare=False)
    part: Part = field(repr=False, compare=False)
    number: int
    prompt: str
    answer: sympy.Basic
    answer_text: str
    answer_kind: str
    example: str

    @property
    def seed(self) -> int:
        return self.owner.seed

    @cached_property
    def values(self) -> dict[str, sympy.Basic]:
        """The instance's values, with `answer` this part's answer."""
        return {**self.owner.values, "answer": self.answer}

    @cached_property
    def checker(self):
        """This part's checker: its own `check` options, the problem's variables."""
        options = self.part.check.as_kwargs()
        declared = self.owner.definition.spec.declared()
        names = [s.name for s in self.owner.definition.variables]
        if declared or names:
            options.setdefault("variables", declared or names)
        return _make_checker(self.answer, options)

    def check(self, response: str):
        """Check a learner's answer to this part."""
        return self.checker.check(response)

    def render(self, template) -> str:
        """An author template rendered for this part (``{answer}`` is the part's answer)."""
        shown = {**self.owner.shown, "answer": ordered(self.answer)}
        symbols = {**self.owner.params.shown, sympy.Symbol("answer"): self.answer}
        return template.readable(shown, symbols)

    def hints(self) -> tuple:
        """The part's own hints (orient first, the answer last)."""
        hints = self.part.hints
        if not hints:
            return ()
        hint_class, level_class = _hint_types()
        last = len(hints) - 1
        return tuple(hint_class(level=level_class(str(h.level or _position_level(i, last, True))),
                                text=self.render(h.text), latex=None, step=f"part{self.number}.{i}")
                     for i, h in enumerate(hints))


def _position_level(i: int, last: int, ends_ladder: bool) -> HintLevel:
    if i == 0:
        return HintLevel.ORIENT
    if i == last and ends_ladder:
        return HintLevel.BOTTOM_OUT
    return HintLevel.RULE if i == 1 else HintLevel.INSTANTIATE


def _symbol_name(d: Definition, name: str) -> str:
    """The parsed symbol's name for a declared variable (``w1`` is read as ``w_1``)."""
    return d.variables[d.spec.variables.index(name)].name


def _fold(verdict, message: str, notes: tuple[str, ...]):
    return dataclasses.replace(verdict, feedback=message, notes=tuple(verdict.notes) + notes)


def _make_checker(expected: sympy.Basic, options: dict[str, Any]):
    try:
        from tutor.checker import Checker
    except ImportError as err:
        raise CheckError(f"the answer checker (tutor.checker.Checker) is not available: {err}") from None
    return Checker(expected, **options)


def _steps_module():
    try:
        import tutor.steps as steps

        steps.derivative_steps  # noqa: B018 - fail here, clearly, while the step engine is missing
    except (ImportError, AttributeError) as err:
        raise StepError(f"the step engine (tutor.steps) is not available: {err}") from None
    return steps


def _hint_types():
    steps = _steps_module()
    hint = getattr(steps, "Hint", None)
    level = getattr(steps, "HintLevel", None)
    if hint is None or level is None:
        raise StepError("the step engine does not export Hint and HintLevel yet")
    return hint, level
