"""What to practise next, as a run a `Session` can take: the due reviews, or a topic's path.

A run may gather problems from several sets; `Plan` is a made-up `ProblemSet` of them together
with the set each came from (the `Session`'s ``sources``), so every attempt is recorded under its
own set and problem. Only the sets a plan needs are loaded.

>>> from tutor.problems import default_problem_dirs
>>> from tutor.problems.skills import load_catalogue
>>> cat = load_catalogue()
>>> steps = path_steps(cat, cat.topic("gradient descent"), {}, tagged(default_problem_dirs(), cat))
>>> steps[-1].skill.id, steps[-1].mastered, len(steps[-1].problems) > 0
('gradient-descent', False, True)
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.errors import TutorError
from tutor.mastery import SkillMastery
from tutor.problems.discovery import discover, problem_files, set_id
from tutor.problems.skills import Catalogue, Skill, Topic
from tutor.progress import Attempt
from tutor.values import frozen

if TYPE_CHECKING:  # pragma: no cover - the model imports SymPy, which only a run needs
    from tutor.problems.model import Problem, ProblemSet

ProblemKey = tuple[str, str]  # (set id, problem id)
PER_SKILL = 2  # problems practised per skill on a path


@frozen
class Plan:
    """A run over problems of several sets: a made-up set, and the set of each problem."""

    problem_set: ProblemSet
    sources: tuple[str, ...]


@frozen
class PathStep:
    """One skill on a topic's path: the learner's mastery of it and the problems that practise it."""

    skill: Skill
    mastery: float | None  # None: never practised
    mastered: bool
    problems: tuple[ProblemKey, ...]


def tagged(dirs: Sequence[Path], catalogue: Catalogue) -> dict[str, list[ProblemKey]]:
    """The problems tagged with each skill (by id), read from the files' tags only (no SymPy).

    A problem whose first tag is the skill comes before one that only also practises it.
    """
    primary: dict[str, list[ProblemKey]] = {}
    also: dict[str, list[ProblemKey]] = {}
    seen: set[str] = set()
    for folder in dirs:
        for path in problem_files(Path(folder)):
            sid = set_id(path)
            if sid in seen:
                continue
            seen.add(sid)
            for problem in _problems_of(path):
                tags = problem.get("tags", {}).get("skills", []) if isinstance(problem.get("tags"), dict) else []
                for i, tag in enumerate(t for t in tags if isinstance(t, str)):
                    skill = catalogue.find(tag)
                    if skill is not None:
                        (primary if i == 0 else also).setdefault(skill.id, []).append((sid, str(problem["id"])))
    return {k: primary.get(k, []) + also.get(k, []) for k in set(primary) | set(also)}


def _problems_of(path: Path) -> list[dict]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []  # `tutor lint` reports it; a path just does without it
    problems = data.get("problems")
    return [p for p in problems if isinstance(p, dict) and "id" in p] if isinstance(problems, list) else []


def path_steps(catalogue: Catalogue, topic: Topic, mastery: Mapping[str, SkillMastery],
               problems: Mapping[str, list[ProblemKey]]) -> list[PathStep]:
    """The topic's chain of skills, most basic first, each with its mastery and problems."""
    out = []
    for skill in catalogue.chain(topic):
        m = mastery.get(skill.id)
        out.append(PathStep(skill, None if m is None else m.p, bool(m and m.mastered),
                            tuple(problems.get(skill.id, ()))))
    return out


def path_problems(steps: Sequence[PathStep], per_skill: int = PER_SKILL) -> list[ProblemKey]:
    """The problems a walk along the path practises: a few per skill not yet mastered, in order.

    >>> from tutor.problems.skills import Skill
    >>> s = lambda i, done: PathStep(Skill(i, i, "c", 1, ()), None, done, (("c/a", i), ("c/a", "x")))
    >>> path_problems([s("one", True), s("two", False), s("three", False)])
    [('c/a', 'two'), ('c/a', 'x'), ('c/a', 'three')]
    """
    chosen: list[ProblemKey] = []
    for step in steps:
        if step.mastered:
            continue
        fresh = [p for p in step.problems if p not in chosen][:per_skill]
        chosen.extend(fresh)
    return chosen


class SetLoader:
    """Loads the sets a plan needs, once each."""

    def __init__(self, dirs: Sequence[Path]) -> None:
        self._paths = {info.id: info.path for info in discover(list(dirs))}
        self._loaded: dict[str, ProblemSet] = {}

    def problem(self, key: ProblemKey) -> Problem | None:
        """The problem, or None when its set or the problem is gone (or the file is broken)."""
        from tutor.problems.loader import load_problem_set

        sid, pid = key
        if sid not in self._paths:
            return None
        if sid not in self._loaded:
            try:
                self._loaded[sid] = load_problem_set(self._paths[sid])
            except TutorError:
                return None
        try:
            return self._loaded[sid].problem(pid)
        except KeyError:
            return None


def plan(keys: Sequence[ProblemKey], loader: SetLoader, *, set_id: str, title: str,
         description: str = "") -> Plan:
    """A run over `keys` in order (problems that no longer exist are left out)."""
    from tutor.problems.model import ProblemSet

    problems: list[Problem] = []
    sources: list[str] = []
    for key in keys:
        problem = loader.problem(key)
        if problem is not None:
            problems.append(problem)
            sources.append(key[0])
    course = set_id.split("/", 1)[0]
    return Plan(ProblemSet(Path(set_id), set_id, course, title, description, tuple(problems)),
                tuple(sources))


def topic_path(dirs: Sequence[Path], name: str, attempts: Sequence[Attempt]) -> tuple[Topic, list[PathStep]]:
    """The topic called `name` (id or title) and its path, with mastery from `attempts`.

    >>> from tutor.problems import default_problem_dirs
    >>> topic, steps = topic_path(default_problem_dirs(), "naive bayes", [])
    >>> topic.id, steps[-1].skill.id
    ('naive-bayes', 'naive-bayes')
    """
    from tutor.mastery import estimate
    from tutor.problems.skills import load_catalogue

    catalogue = load_catalogue(list(dirs))
    topic = catalogue.topic(name)

    def skill_id(tag: str) -> str:
        found = catalogue.find(tag)
        return found.id if found is not None else tag

    mastery = estimate(attempts, name=skill_id)
    return topic, path_steps(catalogue, topic, mastery, tagged(dirs, catalogue))
