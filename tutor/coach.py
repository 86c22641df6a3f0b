"""The learner model at work in a run: review ratings, shorter hints, worked examples first.

A `Coach` belongs to one learner's progress store and wires a `Session` to what is known about
that learner, for every front end alike (the terminal and the notebook):

* when a problem instance ends it is rated and its FSRS card scheduled (`tutor.review`);
* a problem whose skills are all mastered (`tutor.mastery`) gets a shorter hint ladder: the most
  general rung, the rule stated in general, is left out;
* the first time the learner meets a skill, `introduction` gives a worked example (the solution of
  the same problem with other numbers), then a faded example whose last steps the learner
  completes, before the practice itself.

Everything about the learner is read lazily, at the first need after the first problem is shown,
so start-up does not grow with the learner's history.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tutor.clock import now as clock_now
from tutor.mastery import SkillMastery, estimate
from tutor.progress import Attempt, ProgressStore
from tutor.session import Session
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems.instance import ProblemInstance
    from tutor.problems.model import Problem, ProblemSet
    from tutor.problems.skills import Catalogue


@frozen
class Introduction:
    """The first meeting of a skill: a worked example, then a faded one to finish."""

    skills: tuple[str, ...]
    worked: str  # the full solution of one instance
    faded: str  # the first steps of another instance's solution
    instance: Any  # the faded instance (a ProblemInstance), whose answer the learner gives
    prompt: str  # the faded instance's question

    def check(self, text: str) -> Any:
        """Check the learner's completion of the faded example (a checker Verdict)."""
        return self.instance.check(text)

    @property
    def rest(self) -> str:
        """The steps left out of the faded example, shown when the learner gives up on it."""
        return _split(self.instance.solution())[1]


def fade(solution: str) -> tuple[str, str]:
    """Split a worked solution into the steps shown and the last steps left to the learner.

    The final answer and about the last third of the steps (at least one) are held back.

    >>> fade("1. a\\n2. b\\n3. c\\nAnswer: 4")
    ('1. a\\n2. b', '3. c\\nAnswer: 4')
    >>> fade("It is 3.\\nAnswer: 3")
    ('', 'It is 3.\\nAnswer: 3')
    """
    shown, rest = _split(solution)
    return shown, rest


def _split(solution: str) -> tuple[str, str]:
    lines = solution.rstrip().splitlines()
    answer_at = next((i for i, line in enumerate(lines) if line.startswith("Answer:")), len(lines))
    steps = lines[:answer_at]
    while steps and not steps[-1].strip():
        steps.pop()
    hidden = max(1, len([s for s in steps if s.strip()]) // 3)
    keep = steps[:max(0, len(steps) - hidden)]
    while keep and not keep[-1].strip():
        keep.pop()
    return "\n".join(keep), "\n".join(lines[len(keep):]).strip("\n")


def shorter_ladder(hints: tuple) -> tuple:
    """A ladder without its most general rung, when at least two more specific rungs remain.

    >>> shorter_ladder(("rule", "applied", "result")), shorter_ladder(("applied", "result"))
    (('applied', 'result'), ('applied', 'result'))
    """
    return hints[1:] if len(hints) >= 3 else hints


class Coach:
    """Connects runs to one learner's history in `store` (see the module's documentation)."""

    def __init__(self, store: ProgressStore | None, catalogue: Catalogue | None = None, *,
                 now: Callable[[], datetime] = clock_now,
                 load_catalogue: Callable[[], Catalogue | None] | None = None) -> None:
        self.store = store
        self._catalogue = catalogue
        self._load_catalogue = load_catalogue  # read at the first need, not before the first prompt
        self._now = now
        self._mastery: dict[str, SkillMastery] | None = None
        self._known: set[str] | None = None
        self._book: Any = None

    # -- what the learner knows ---------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue | None:
        """The declared skills (loaded at the first need when given as a loader)."""
        if self._catalogue is None and self._load_catalogue is not None:
            self._catalogue, self._load_catalogue = self._load_catalogue(), None
        return self._catalogue

    def skill_id(self, tag: str) -> str:
        """The id of the skill a tag names (the tag itself when it names no declared skill)."""
        found = self.catalogue.find(tag) if self.catalogue is not None else None
        return found.id if found is not None else tag

    def mastery(self) -> dict[str, SkillMastery]:
        """P(L) per skill id from the whole history (computed at the first need, then kept fresh)."""
        if self._mastery is None:
            attempts = self.store.attempts() if self.store is not None else []
            self._mastery = estimate(attempts, name=self.skill_id)
        return self._mastery

    def mastered(self, problem: Problem) -> bool:
        """Whether every skill of `problem` is mastered."""
        table = self.mastery()
        skills = [self.skill_id(t) for t in problem.tags.skills]
        return bool(skills) and all(s in table and table[s].mastered for s in skills)

    def met(self, tag: str) -> bool:
        """Whether the learner has practised a skill before (in any run)."""
        if self._known is None:
            seen = self.store.skills_seen() if self.store is not None else set()
            self._known = {self.skill_id(t) for t in seen}
        return self.skill_id(tag) in self._known

    # -- the session's hooks ------------------------------------------------------------------

    def on_end(self, group: list[Attempt]) -> bool:
        """Rate a finished instance for review; True when its problem was scheduled to come back."""
        self._mastery = None  # the history changed
        if self.store is None:
            return False
        if self._book is None:
            from tutor.review import ReviewBook  # FSRS only once something is rated

            self._book = ReviewBook(self.store)
        return self._book.rate(group, self._now()) is not None

    def hints(self, problem: Problem, ladder: tuple) -> tuple:
        """The hint ladder for `problem`: shorter when its skills are mastered."""
        return shorter_ladder(ladder) if self.mastered(problem) else ladder

    def session(self, problem_set: ProblemSet, *, seed: int | None = None,
                sources: tuple[str, ...] | None = None, next_set: str | None = None,
                rerun: str | None = None) -> Session:
        """A session wired to this learner's history."""
        return Session(problem_set, seed=seed, store=self.store, next_set=next_set, sources=sources,
                       on_end=self.on_end, hints=self.hints, rerun=rerun,
                       now=lambda: self._now().timestamp())

    # -- worked examples ----------------------------------------------------------------------

    def introduction(self, session: Session, shown: set[str]) -> Introduction | None:
        """A worked and a faded example when the current problem brings a skill never met before.

        `shown` holds the skills introduced in this run already (and is updated).
        """
        inst = session.instance
        problem = session.problem
        if inst is None or problem is None or draws_nothing(problem):
            return None   # (nothing to show: so neither the skills nor the learner's history are read)
        new = tuple(t for t in problem.tags.skills if not self.met(t) and self.skill_id(t) not in shown)
        if not new:
            return None
        found = example(problem, session.seed, new, avoid=inst.prompt)
        if found is not None:  # else a later problem of the skill introduces it
            shown.update(self.skill_id(t) for t in problem.tags.skills)
        return found


def example(problem: Problem, seed: int, skills: tuple[str, ...] = (), *,
            avoid: str | None = None) -> Introduction | None:
    """The worked and faded examples of `problem`, from two instances other than the practice one.

    None when the problem has no worked solution, or when its other instances are the practice
    problem itself (a problem without parameters): an example would give the answer away.
    """
    from tutor.errors import TutorError

    if draws_nothing(problem):
        return None   # every instance is the practice problem itself
    try:
        drawn: list[ProblemInstance] = []
        for attempt in range(6):
            inst = problem.instantiate(_seed(seed, problem.id, f"example{attempt}"))
            if inst.prompt != avoid and all(inst.prompt != d.prompt for d in drawn):
                drawn.append(inst)
            if len(drawn) == 2:
                break
        else:
            return None
        worked, faded = drawn
        worked_text = f"{worked.prompt}\n\n{worked.solution()}"
        shown, _ = _split(faded.solution())
    except TutorError:
        return None
    return Introduction(skills, worked_text, shown, faded, faded.prompt)


def draws_nothing(problem: Problem) -> bool:
    """Whether every instance of `problem` is the same (each parameter takes one value): such a
    problem has no worked example that would not give its answer away."""
    return all(p.variety <= 1 for p in problem.definition.params)


def _seed(seed: int, problem_id: str, purpose: str) -> int:
    return zlib.crc32(f"{seed}:{problem_id}:{purpose}".encode())
