"""Spaced review: when each problem should come back, scheduled by FSRS.

Every problem template (a set and a problem id) is one FSRS card of the `fsrs` package. When a
problem instance ends, the attempt is rated and the card reviewed with that rating:

* **again**: given up, or left (skipped, or the run ended) after a wrong answer or a hint; or
  right only after two hints or more;
* **hard**: right after a wrong answer, or right with one hint;
* **good**: right at the first try, without hints, in more than `EASY_SECONDS`;
* **easy**: right at the first try, without hints, within `EASY_SECONDS`.

A skip or an unreadable answer alone says nothing, and is not rated. The scheduler has no
learning steps (a session already brings a wrong problem back within minutes, with new numbers)
and aims at 90 % recall. Its interval fuzzing spreads reviews of problems learned together; it is
on unless ``TUTOR_FSRS_FUZZ=0`` (the tests turn it off, so the schedule is exact).

>>> from tutor.progress import Action, Attempt
>>> rating([Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "x", "correct", elapsed_s=8.0)])
<Rating.Easy: 4>
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler

from tutor.clock import from_timestamp
from tutor.progress import GRADED, Action, Attempt, Outcome, ProgressStore, Review, outcome_of
from tutor.values import frozen

EASY_SECONDS = 20.0
FUZZ_ENV = "TUTOR_FSRS_FUZZ"


def scheduler(env: Mapping[str, str] | None = None) -> Scheduler:
    """The FSRS scheduler `tutor` uses (fuzzing off when ``TUTOR_FSRS_FUZZ=0``).

    >>> scheduler({"TUTOR_FSRS_FUZZ": "0"}).enable_fuzzing
    False
    """
    env = os.environ if env is None else env
    return Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(),
                     enable_fuzzing=env.get(FUZZ_ENV, "1") != "0")


def rating(group: Sequence[Attempt]) -> Rating | None:
    """The FSRS rating of one problem instance from its attempts (None: nothing to rate).

    >>> from tutor.progress import Action, Attempt
    >>> wrong = Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "x", "incorrect")
    >>> rating([wrong, Attempt(1, "s", "c", "p", (), 1, Action.ANSWER, "2x", "correct")])
    <Rating.Hard: 2>
    >>> rating([Attempt(1, "s", "c", "p", (), 1, Action.SKIP)]) is None
    True
    """
    outcome = outcome_of(group)
    hints = max((a.hints_used + (a.action is Action.HINT) for a in group), default=0)
    if outcome is Outcome.FIRST_TRY:
        right = next(a for a in group if a.action is Action.ANSWER and a.status == "correct")
        return Rating.Easy if right.elapsed_s <= EASY_SECONDS else Rating.Good
    if outcome is Outcome.AFTER_RETRY:
        return Rating.Hard
    if outcome is Outcome.WITH_HINTS:
        return Rating.Hard if hints <= 1 else Rating.Again
    if outcome is Outcome.GAVE_UP:
        return Rating.Again
    tried = hints or any(a.action is Action.ANSWER and a.status in GRADED for a in group)
    return Rating.Again if tried else None


@frozen
class Due:
    """A problem due for review: which, since when, and the seed last seen (to draw a fresh one)."""

    set_id: str
    problem_id: str
    due: datetime
    last_seed: int


class ReviewBook:
    """The review schedule kept in a progress store."""

    def __init__(self, store: ProgressStore, sched: Scheduler | None = None) -> None:
        self.store = store
        self.scheduler = sched or scheduler()

    def rate(self, group: Sequence[Attempt], now: datetime) -> Review | None:
        """Rate a finished instance and schedule its problem again; None when there is nothing to rate."""
        if not group:
            return None
        grade = rating(group)
        if grade is None:
            return None
        first = group[0]
        card = self._card(first.set_id, first.problem_id)
        card, _ = self.scheduler.review_card(card, grade, review_datetime=now)
        review = Review(first.set_id, first.problem_id, first.run_id, first.seed, int(grade),
                        now.timestamp(), card.due.timestamp(), card.to_json())
        return review if self.store.record_review(review) else None

    def due(self, now: datetime) -> list[Due]:
        """The problems due at `now`, the longest overdue first."""
        return [Due(r.set_id, r.problem_id, from_timestamp(r.due), r.seed)
                for r in self.store.latest_reviews() if r.due <= now.timestamp()]

    def due_count(self, now: datetime) -> int:
        """How many problems are due at `now`."""
        return self.store.due_count(now.timestamp())

    def next_due(self) -> dict[tuple[str, str], datetime]:
        """When each reviewed problem is due next."""
        return {(r.set_id, r.problem_id): from_timestamp(r.due) for r in self.store.latest_reviews()}

    def _card(self, set_id: str, problem_id: str) -> Card:
        for r in self.store.latest_reviews():
            if (r.set_id, r.problem_id) == (set_id, problem_id):
                try:
                    return Card.from_json(r.card)
                except (ValueError, TypeError, KeyError):
                    break  # a damaged card: the problem starts afresh rather than stop the session
        return Card()


def interleave(items: Iterable[Due]) -> list[Due]:
    """Due problems taking turns across sets (the longest overdue set first), never two of a set
    in a row while another set has some left.

    >>> from datetime import datetime, timezone
    >>> t = datetime(2026, 1, 1, tzinfo=timezone.utc)
    >>> items = [Due("a", "1", t, 0), Due("a", "2", t, 0), Due("b", "1", t + timedelta(1), 0)]
    >>> [(d.set_id, d.problem_id) for d in interleave(items)]
    [('a', '1'), ('b', '1'), ('a', '2')]
    """
    queues: dict[str, list[Due]] = {}
    for item in sorted(items, key=lambda d: (d.due, d.set_id, d.problem_id)):
        queues.setdefault(item.set_id, []).append(item)
    out: list[Due] = []
    while queues:
        for set_id in list(queues):
            out.append(queues[set_id].pop(0))
            if not queues[set_id]:
                del queues[set_id]
    return out
