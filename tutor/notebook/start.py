"""`practice` and `path`: find the set or topic, open the learner's store, and build the widget."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.coach import Coach
from tutor.errors import TutorError
from tutor.notebook.widget import PracticeWidget, path_table
from tutor.problems.discovery import default_problem_dirs, discover
from tutor.problems.skills import load_catalogue
from tutor.progress import ProgressStore, resolve_data_dir


class UnknownSetError(TutorError):
    """No problem set has that name."""


def practice(set_name: str, *, seed: int | None = None, data_dir: str | None = None,
             problems: Sequence[str] = (), examples: bool = True) -> PracticeWidget:
    """A widget to practise one problem set (``course/name``, or a file name when unique)."""
    from tutor.problems.loader import load_problem_set

    dirs = _dirs(problems)
    problem_set = load_problem_set(_find(set_name, dirs))
    store = ProgressStore.open(resolve_data_dir(data_dir))
    coach = Coach(store, load_catalogue(dirs))
    return PracticeWidget(coach.session(problem_set, seed=seed), coach if examples else None, store)


def path(topic: str, *, seed: int | None = None, data_dir: str | None = None,
         problems: Sequence[str] = (), examples: bool = True) -> PracticeWidget:
    """A widget that shows a topic's chain of skills with mastery, then walks it (mastered skipped)."""
    from tutor.plan import SetLoader, path_problems, plan, topic_path

    dirs = _dirs(problems)
    store = ProgressStore.open(resolve_data_dir(data_dir))
    found, steps = topic_path(dirs, topic, store.attempts())
    run = plan(path_problems(steps), SetLoader(dirs), set_id=f"path/{found.id}",
               title=f"Path to {found.title}")
    coach = Coach(store, load_catalogue(dirs))
    session = coach.session(run.problem_set, seed=seed, sources=run.sources,
                            rerun=f'tutor.notebook.path("{found.title}")')
    return PracticeWidget(session, coach if examples else None, store, header=path_table(found.title, steps))


def _dirs(problems: Sequence[str]) -> list[Path]:
    extra = [Path(p) for p in problems]
    return extra + [d for d in default_problem_dirs() if d not in extra]


def _find(name: str, dirs: Sequence[Path]) -> Path:
    if Path(name).is_file():
        return Path(name)
    sets = discover(list(dirs))
    found = [s for s in sets if s.id == name] or [s for s in sets if s.id.rsplit("/", 1)[-1] == name]
    if len({s.id for s in found}) != 1:
        known = ", ".join(s.id for s in sets)
        raise UnknownSetError(f"there is no problem set {name!r} (or it is not unique). Sets: {known}")
    return Path(found[0].path)
