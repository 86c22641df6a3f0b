"""How well a learner knows each skill: Bayesian knowledge tracing (BKT).

The model is Corbett & Anderson's (1995, "Knowledge tracing: modeling the acquisition of
procedural knowledge", *User Modeling and User-Adapted Interaction* 4): a skill is either
learned or not; P(L) is the probability it is learned. Each practised problem instance gives
one observation for every skill it is tagged with, and after each observation the learner may
learn the skill (P(T)):

* the **first try** decides the observation: a correct first graded answer with no hint before
  it is *correct*; a wrong first answer is *incorrect*;
* **hints**: asking for a hint or the worked solution before answering right counts as
  *incorrect*, as tutors that trace knowledge do (help requests are errors in Corbett &
  Anderson's tutors and in OATutor);
* **diagnosed mistakes**: a wrong answer that the step engine or the author's anticipated
  feedback recognised as a known mistake is unlikely to be a slip, so it is weighed with a
  smaller slip probability (``slip_diagnosed``), and lowers P(L) more;
* skipping without trying, and unreadable answers, say nothing.

Parameters (`BKT`): P(L0) = 0.2, P(T) = 0.15, P(G) = 0.2, P(S) = 0.1, P(S | diagnosed) = 0.02;
a skill counts as mastered at P(L) ≥ 0.95, Corbett & Anderson's threshold. With these, three
right first tries in a row take a new skill from 0.2 to about 0.98.

>>> p = BKT().prior
>>> for _ in range(3):
...     p = BKT().update(p, Evidence.CORRECT)
>>> round(p, 2), BKT().mastered(p)
(0.98, True)
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

from tutor.progress import GRADED, Action, Attempt
from tutor.stats import instances
from tutor.values import frozen

# verdict notes that mean "a known mistake was recognised" (set by tutor.problems.instance)
DIAGNOSED_NOTES = frozenset({"MISCONCEPTION", "AUTHORED_FEEDBACK"})


class Evidence(StrEnum):
    """What one problem instance says about its skills."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    DIAGNOSED = "diagnosed"  # wrong, and recognised as a known mistake
    HELPED = "helped"  # a hint or the solution before any right answer


@frozen
class BKT:
    """The parameters of knowledge tracing (see the module's documentation)."""

    prior: float = 0.2  # P(L0): known before any practice
    learn: float = 0.15  # P(T): learned by one practice opportunity
    guess: float = 0.2  # P(G): right without knowing
    slip: float = 0.1  # P(S): wrong although known
    slip_diagnosed: float = 0.02  # P(S) when the mistake was diagnosed
    threshold: float = 0.95  # mastered from here

    def update(self, p: float, evidence: Evidence) -> float:
        """P(L) after one observation and the chance to learn that follows it.

        >>> round(BKT().update(0.2, Evidence.INCORRECT), 3), round(BKT().update(0.2, Evidence.DIAGNOSED), 3)
        (0.176, 0.155)
        """
        if evidence is Evidence.CORRECT:
            known = p * (1 - self.slip)
            posterior = known / (known + (1 - p) * self.guess)
        else:
            slip = self.slip_diagnosed if evidence is Evidence.DIAGNOSED else self.slip
            known = p * slip
            posterior = known / (known + (1 - p) * (1 - self.guess))
        return posterior + (1 - posterior) * self.learn

    def mastered(self, p: float) -> bool:
        """Whether P(L) reaches the mastery threshold."""
        return p >= self.threshold


@frozen
class SkillMastery:
    """The estimate for one skill: P(L) and how many instances it rests on."""

    skill: str
    p: float
    observations: int
    mastered: bool


def evidence(group: Iterable[Attempt]) -> Evidence | None:
    """The observation one problem instance gives (None when it says nothing).

    >>> from tutor.progress import Action, Attempt
    >>> evidence([Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "x", "incorrect", notes=("MISCONCEPTION",))])
    <Evidence.DIAGNOSED: 'diagnosed'>
    """
    for a in group:
        if a.action in (Action.HINT, Action.SOLUTION):
            return Evidence.HELPED
        if a.action is Action.ANSWER and a.status in GRADED:
            if a.status == "correct":
                return Evidence.HELPED if a.hints_used else Evidence.CORRECT
            return Evidence.DIAGNOSED if DIAGNOSED_NOTES & set(a.notes) else Evidence.INCORRECT
    return None


def estimate(attempts: Iterable[Attempt], *, name: Callable[[str], str] = str,
             model: BKT | None = None) -> dict[str, SkillMastery]:
    """P(L) per skill from every attempt, instances in the order they began.

    `name` maps a tag to the skill it names (an id), so tags that name one skill by its id and by
    its name count together.

    >>> from tutor.progress import Action, Attempt
    >>> right = [Attempt(r, "s", "c", "p", ("k",), 1, Action.ANSWER, "x", "correct") for r in (1, 2, 3)]
    >>> m = estimate(right)["k"]
    >>> m.observations, m.mastered
    (3, True)
    """
    model = model or BKT()
    p: dict[str, float] = {}
    seen: dict[str, int] = {}
    for group in instances(attempts).values():
        ev = evidence(group)
        if ev is None:
            continue
        for tag in group[0].skills:
            skill = name(tag)
            p[skill] = model.update(p.get(skill, model.prior), ev)
            seen[skill] = seen.get(skill, 0) + 1
    return {s: SkillMastery(s, p[s], seen[s], model.mastered(p[s])) for s in sorted(p)}


def bar(p: float, width: int = 20) -> str:
    """P(L) as a bar of `width` cells.

    >>> bar(0.5, 10)
    '█████░░░░░'
    """
    full = round(max(0.0, min(1.0, p)) * width)
    return "█" * full + "░" * (width - full)
