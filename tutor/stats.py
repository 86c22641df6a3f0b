"""The figures a learner is shown, each defined once: the session summary, `tutor progress` and
the menu all count with `figures`, so they can only disagree about *what* they count (this run,
this set, everything), never about *how*.

* **attempted**: distinct problems on which the learner answered (right or wrong), took a hint or
  asked for the worked solution. Skipping without trying, and unreadable answers, do not count.
* **solved**: distinct problems answered correctly at least once.
* **right first try**: distinct problems of which some instance was answered correctly at the
  first graded answer, with no hint before it.
* **hints used**: hints taken, each ``:hint`` once.

A problem is a (set, problem id) pair: the same problem again with fresh numbers is the same problem.

>>> from tutor.progress import Action, Attempt
>>> a = [Attempt(1, "c/s", "c", "p", ("k",), 1, Action.HINT),
...      Attempt(1, "c/s", "c", "p", ("k",), 1, Action.ANSWER, "x", "correct", hints_used=1),
...      Attempt(1, "c/s", "c", "q", ("k",), 1, Action.SKIP)]
>>> figures(a)
Figures(attempted=1, solved=1, first_try=0, hints=1)
>>> str(figures(a))
'1 attempted, 1 solved, 0 right first try, 1 hint used'
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from tutor.progress import GRADED, Action, Attempt, Outcome, outcome_of
from tutor.words import counted
from tutor.values import frozen

Problem = tuple[str, str]  # (set id, problem id)
Instance = tuple[int, str, str, int]  # (run id, set id, problem id, seed)

LABELS = {"attempted": "attempted", "solved": "solved", "first_try": "right first try",
          "hints": "hints used"}


@frozen
class Figures:
    """The four figures of a group of attempts."""

    attempted: int = 0
    solved: int = 0
    first_try: int = 0
    hints: int = 0

    def __str__(self) -> str:
        return self.text()

    def text(self, total: int | None = None) -> str:
        """The figures in words; `total` is the number of problems there are to attempt.

        >>> Figures(2, 1, 1, 0).text(total=5)
        '2 of 5 attempted, 1 solved, 1 right first try, 0 hints used'
        """
        of = f" of {total}" if total is not None else ""
        return (f"{self.attempted}{of} attempted, {self.solved} solved, {self.first_try} right first try, "
                f"{counted(self.hints, 'hint')} used")


def instances(attempts: Iterable[Attempt]) -> dict[Instance, list[Attempt]]:
    """Attempts grouped by problem instance, each group oldest first, groups in order of first attempt.

    >>> from tutor.progress import Action, Attempt
    >>> list(instances([Attempt(1, "c/s", "c", "p", (), 7, Action.SKIP)]))
    [(1, 'c/s', 'p', 7)]
    """
    out: dict[Instance, list[Attempt]] = {}
    for a in attempts:
        out.setdefault((a.run_id, a.set_id, a.problem_id, a.seed), []).append(a)
    return out


def tried(group: Iterable[Attempt]) -> bool:
    """Whether an instance's attempts count as trying it (an answer graded, a hint, the solution).

    >>> from tutor.progress import Action, Attempt
    >>> tried([Attempt(1, "c/s", "c", "p", (), 7, Action.ANSWER, "x(", "invalid")])
    False
    """
    return any(a.action in (Action.HINT, Action.SOLUTION) or (a.action is Action.ANSWER and a.status in GRADED)
               for a in group)


def figures(attempts: Iterable[Attempt]) -> Figures:
    """The figures of `attempts` (see the module's definitions)."""
    attempted: set[Problem] = set()
    solved: set[Problem] = set()
    first: set[Problem] = set()
    hints = 0
    for group in instances(attempts).values():
        problem = (group[0].set_id, group[0].problem_id)
        hints += sum(a.action is Action.HINT for a in group)
        if tried(group):
            attempted.add(problem)
        if any(a.status == "correct" for a in group):
            solved.add(problem)
        if outcome_of(group) is Outcome.FIRST_TRY:
            first.add(problem)
    return Figures(len(attempted), len(solved), len(first), hints)


def figures_by(attempts: Iterable[Attempt], keys: Callable[[Attempt], Iterable[str]]) -> dict[str, Figures]:
    """`figures` of each group, an attempt going to every group `keys` names (a set, a course, skills).

    >>> from tutor.progress import Action, Attempt
    >>> a = Attempt(1, "c/s", "c", "p", ("k", "l"), 1, Action.ANSWER, "x", "correct")
    >>> {k: f.first_try for k, f in figures_by([a], lambda a: a.skills).items()}
    {'k': 1, 'l': 1}
    """
    groups: dict[str, list[Attempt]] = {}
    for a in attempts:
        for key in keys(a):
            groups.setdefault(key, []).append(a)
    return {key: figures(group) for key, group in sorted(groups.items())}
