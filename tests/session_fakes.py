"""Small stand-ins for problem sets, instances and verdicts, shaped like the interfaces the session uses."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from tutor.errors import CheckError, ProblemFileError


@dataclass(frozen=True)
class FakeVerdict:
    status: str
    feedback: str = ""
    notes: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.status == "correct"


@dataclass(frozen=True)
class FakeHint:
    level: str
    text: str
    latex: str | None = None
    step: str = ""


@dataclass(frozen=True)
class Tags:
    course: str
    week: int | None
    skills: tuple[str, ...]


# what the fake checker answers for each response; anything else is "incorrect"
RESPONSES = {
    "right": FakeVerdict("correct", "Correct."),
    "garbage": FakeVerdict("invalid", "Something is missing after '+'.\n  2x +\n      ^", ("PARSE_ERROR",)),
    "vector": FakeVerdict("invalid", "Your answer isn't a number or an expression (it looks like a vector).",
                          ("WRONG_KIND",)),
    "unsure": FakeVerdict("undetermined", "The check ran out of time."),
}


@dataclass(frozen=True)
class FakeInstance:
    problem: FakeProblem
    seed: int
    answer_kind: str = "expression"
    example: str = "2x + 1"

    @property
    def prompt(self) -> str:
        return f"{self.problem.title}: what is {self.seed % 97} + {self.seed % 89}?"

    @property
    def answer(self) -> sympy.Basic:
        return sympy.Symbol("x") * (self.seed % 97)

    @property
    def answer_text(self) -> str:
        return "right"

    def check(self, response: str) -> FakeVerdict:
        if response == "crash":
            raise CheckError("the checker broke")
        return RESPONSES.get(response, FakeVerdict("incorrect", "Check the sign.", ("sign_error",)))

    def hints(self) -> tuple[FakeHint, ...]:
        return self.problem.hint_ladder

    def solution(self) -> str:
        return f"Add them: the answer is {self.seed % 97 + self.seed % 89}."


@dataclass(frozen=True)
class FakeProblem:
    id: str
    title: str
    tags: Tags
    hint_ladder: tuple[FakeHint, ...] = (
        FakeHint("orient", "What operation is it?"),
        FakeHint("rule", "Add the two numbers."),
        FakeHint("bottom_out", "It is their sum."),
    )
    broken: bool = False

    def instantiate(self, seed: int) -> FakeInstance:
        if self.broken:
            raise ProblemFileError("problems/fake.toml", "the params cannot be met", problem=self.id)
        return FakeInstance(self, seed)


@dataclass(frozen=True)
class FakeSet:
    id: str
    course: str
    title: str
    problems: tuple[FakeProblem, ...]
    description: str = ""
    path: str = "problems/fake.toml"


def fake_set(n: int = 4, *, broken: tuple[int, ...] = (), no_hints: tuple[int, ...] = ()) -> FakeSet:
    """A set of `n` problems p1..pn; problem i has skills ("adding", f"skill {i}")."""
    problems = tuple(
        FakeProblem(f"p{i}", f"Problem {i}", Tags("calculus", 1, ("adding", f"skill {i}")),
                    **({"hint_ladder": ()} if i in no_hints else {}), broken=i in broken)
        for i in range(1, n + 1))
    return FakeSet("calculus/fake", "calculus", "Fake sums", problems)


@dataclass
class FakeClock:
    now: float = 100.0
    step: float = 1.5
    ticks: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        self.now += self.step
        return self.now
