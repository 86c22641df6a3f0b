"""The small problem sets under tests/fixtures/problems and helpers to run `tutor` on them."""
from __future__ import annotations

import os
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "problems"
BASICS = FIXTURES / "calculus" / "basics.toml"


def answers(seed: int, count: int = 3) -> list[str]:
    """The expected answers of the first `count` problems of calculus/basics for a run seed."""
    from tutor.problems import load_problem_set
    from tutor.session import Session

    session = Session(load_problem_set(BASICS), seed=seed)
    found = []
    for _ in range(count):
        found.append(session.instance.answer_text)
        session.submit(":skip")  # a plain skip never comes back, so the order is the file's
    return found


def tutor_argv(data_dir: Path, *args: str) -> list[str]:
    """`python -m tutor` on the fixture sets with its own data folder."""
    return [sys.executable, "-m", "tutor", "--problems", str(FIXTURES), "--data-dir", str(data_dir),
            *args]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TUTOR_HOME", None)
    env.pop("TUTOR_PROBLEMS", None)
    return env
