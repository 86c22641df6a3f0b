"""A simulated learner: sessions on the fixture set over simulated days, with one progress store."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tutor.coach import Coach
from tutor.problems import load_problem_set
from tutor.problems.skills import load_catalogue
from tutor.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "problems"
START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


class Learner:
    """Practises `calculus/basics` as told: right, wrong, with hints; the clock is simulated."""

    def __init__(self, data_dir: Path) -> None:
        self.store = ProgressStore.open(data_dir)
        self.now = START
        self.coach = Coach(self.store, load_catalogue([FIXTURES, ROOT / "problems"]), now=lambda: self.now)
        self.problem_set = load_problem_set(FIXTURES / "calculus" / "basics.toml")

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)
        self.coach = Coach(self.store, self.coach.catalogue, now=lambda: self.now)  # a new start

    def run(self, *plan: str, seed: int = 1, problem_set=None, sources=None):
        """One run: each word is what to do on the current problem ("right", "wrong", "hint",
        "steps", "skip", "quit"); the session is returned."""
        session = self.coach.session(problem_set or self.problem_set, seed=seed, sources=sources)
        for word in plan:
            if session.finished:
                break
            if word == "right":
                session.submit(session.instance.answer_text)
            elif word == "wrong":
                session.submit("12345")
            else:
                session.submit(f":{word}")
        if not session.finished:
            session.submit(":quit")
        return session
