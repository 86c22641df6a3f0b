"""The loaded values: `ProblemSet`, `Problem`, `Tags`, and a problem's compiled `Definition`.

>>> from tutor.problems import load_problem_set, default_problem_dirs
>>> from pathlib import Path
>>> s = load_problem_set(Path(__file__).resolve().parents[2] / "problems/calculus/logistic_regression.toml")
>>> s.id, s.problems[0].instantiate(3) == s.problems[0].instantiate(3)
('calculus/logistic_regression', True)
"""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

import sympy

from tutor.problems.params import Constraint, Param
from tutor.problems.schema import CheckOptions, HintLevel, ProblemSpec, TestStatus
from tutor.problems.source import SourceText
from tutor.problems.templates import Template
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems.instance import ProblemInstance


@frozen
class Tags:
    """What a problem is about: course (folder), syllabus week, skills."""

    course: str
    week: int | None
    skills: tuple[str, ...]


@frozen
class FeedbackRule:
    """An anticipated wrong answer: a formula (or a checker note code) and its message."""

    index: int
    message: Template
    formula: sympy.Basic | None = None
    note: str | None = None


@frozen
class ProblemTest:
    """A `tests` entry: a response template and what it must get."""

    index: int
    response: Template
    status: TestStatus
    note: str | None = None
    feedback: str | None = None


@frozen
class AuthoredHint:
    """An authored hint: its level (None = by position) and text."""

    level: HintLevel | None
    text: Template


@frozen
class Part:
    """A compiled `[[problems.parts]]` entry: its prompt, answer formula, checks, hints and tests."""

    index: int
    prompt: Template
    answer: sympy.Basic
    check: CheckOptions
    hints: tuple[AuthoredHint, ...]
    tests: tuple[ProblemTest, ...]


@frozen
class Definition:
    """Everything compiled from one problem's table: parsed formulas, parameters, templates."""

    spec: ProblemSpec
    source: SourceText
    params: tuple[Param, ...]
    constraints: tuple[Constraint, ...]
    variables: tuple[sympy.Symbol, ...]
    prompt: Template
    question: sympy.Basic | None
    answer: sympy.Basic
    check: CheckOptions
    hints: tuple[AuthoredHint, ...]
    feedback: tuple[FeedbackRule, ...]
    tests: tuple[ProblemTest, ...]
    solution: Template | None
    parts: tuple[Part, ...] = ()

    def line(self, *key_path: str | int) -> int | None:
        """The line of a key of this problem, for messages."""
        return self.source.line_of(self.spec.index, key_path)


@frozen
class Problem:
    """One problem template; `instantiate(seed)` gives the same instance for the same seed."""

    id: str
    title: str
    tags: Tags
    definition: Definition = field(repr=False, compare=False)

    def instantiate(self, seed: int) -> ProblemInstance:
        """Draw the parameters for `seed` and compute the prompt and the answer.

        Raises `ProblemFileError` when the parameters cannot be drawn or the answer cannot be
        computed (naming the file, the problem and the key).
        """
        from tutor.problems.instance import build_instance

        return build_instance(self, seed)


@frozen
class ProblemSet:
    """A loaded file: its id (``course/stem``), course, title, description and problems."""

    path: Path
    id: str
    course: str
    title: str
    description: str
    problems: tuple[Problem, ...]

    def problem(self, problem_id: str) -> Problem:
        """The problem with this id (KeyError if there is none)."""
        for p in self.problems:
            if p.id == problem_id:
                return p
        raise KeyError(problem_id)
