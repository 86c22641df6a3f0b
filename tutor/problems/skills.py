"""The skill model: every skill declared once in ``problems/skills.toml``, and the topics of
machine learning that need them in ``problems/topics.toml``.

A problem's tags name skills, by id or by name. Skills have prerequisites (a graph with no
cycles); a topic lists the skills it uses, and `Catalogue.chain` orders a topic's skills with all
their prerequisites, the most basic first: the path to learn right before the topic.
The files are data read with `tomllib` (nothing in them runs), so loading is quick.

>>> cat = load_catalogue()
>>> cat.skill("chain rule").id, cat.skill("chain-rule").course
('chain-rule', 'calculus')
>>> [s.id for s in cat.chain(cat.topic("Gradient descent"))][-1]
'gradient-descent'
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from tutor.errors import TutorError
from tutor.problems.discovery import CATALOGUE_FILES, default_problem_dirs
from tutor.values import frozen

SKILLS_FILE, TOPICS_FILE = CATALOGUE_FILES


class CatalogueError(TutorError):
    """`skills.toml` or `topics.toml` cannot be read, or contradicts itself."""


class UnknownTopicError(TutorError):
    """A topic name that matches no topic."""


@frozen
class Skill:
    """One skill: its id, the name tags and learners use, where the syllabus teaches it, what it builds on."""

    id: str
    name: str
    course: str
    week: int
    prerequisites: tuple[str, ...]


@frozen
class Topic:
    """A machine-learning topic and the skills it uses directly."""

    id: str
    title: str
    skills: tuple[str, ...]


@frozen
class Catalogue:
    """Every declared skill and topic (from one or more problem folders; the first folder wins)."""

    skills: tuple[Skill, ...]
    topics: tuple[Topic, ...]

    def find(self, tag: str) -> Skill | None:
        """The skill a tag names (its id or its name), or None.

        >>> load_catalogue().find("no such skill") is None
        True
        """
        for s in self.skills:
            if tag in (s.id, s.name):
                return s
        return None

    def skill(self, tag: str) -> Skill:
        """The skill a tag names; `CatalogueError` when none does.

        >>> load_catalogue().skill("PCA").name
        'PCA'
        """
        found = self.find(tag)
        if found is None:
            raise CatalogueError(f"no skill is declared as {tag!r} in {SKILLS_FILE}")
        return found

    def topic(self, name: str) -> Topic:
        """The topic with this id or title, ignoring case, spaces, '-' and '_'.

        >>> load_catalogue().topic("LOGISTIC REGRESSION").id
        'logistic-regression'
        """
        key = _key(name)
        for t in self.topics:
            if key in (_key(t.id), _key(t.title)):
                return t
        known = ", ".join(t.title for t in self.topics)
        raise UnknownTopicError(f"there is no topic {name!r}. Topics: {known}.")

    def chain(self, topic: Topic) -> tuple[Skill, ...]:
        """The topic's skills and all their prerequisites, each after what it needs.

        Among skills whose prerequisites are met the earlier course week comes first.

        >>> cat = load_catalogue()
        >>> ids = [s.id for s in cat.chain(cat.topic("pca"))]
        >>> ids.index("dot-product") < ids.index("projection") < ids.index("pca")
        True
        """
        needed = closure(self, topic.skills)
        return tuple(self.skill(i) for i in _topological(self, needed))


def closure(catalogue: Catalogue, ids: Iterable[str]) -> set[str]:
    """The skills `ids` with every prerequisite, directly or not.

    >>> sorted(closure(load_catalogue(), ["sigmoid"]))
    ['chain-rule', 'exponential', 'power-rule', 'sigmoid']
    """
    by_id = {s.id: s for s in catalogue.skills}
    seen: set[str] = set()
    todo = list(ids)
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        todo.extend(by_id[sid].prerequisites if sid in by_id else ())
    return seen


def _topological(catalogue: Catalogue, ids: set[str]) -> list[str]:
    by_id = {s.id: s for s in catalogue.skills if s.id in ids}
    done: list[str] = []
    placed: set[str] = set()
    while len(done) < len(by_id):
        ready = [s for s in by_id.values() if s.id not in placed
                 and all(p in placed or p not in by_id for p in s.prerequisites)]
        if not ready:  # a cycle: `problems` reports it; here it must not hang
            ready = [s for s in by_id.values() if s.id not in placed]
        first = min(ready, key=lambda s: (s.week, s.course, s.id))
        done.append(first.id)
        placed.add(first.id)
    return done


def problems(catalogue: Catalogue) -> list[str]:
    """What is wrong with the catalogue: unknown prerequisites, repeated names, cycles, bad topics.

    >>> problems(load_catalogue())
    []
    >>> bad = Catalogue((Skill("a", "A", "c", 1, ("b",)), Skill("b", "B", "c", 1, ("a",))), ())
    >>> problems(bad)
    ['the prerequisites of the skills form a cycle: a → b → a']
    """
    out: list[str] = []
    ids = {s.id for s in catalogue.skills}
    names: dict[str, str] = {}
    for s in catalogue.skills:
        out += [f"skill {s.id!r} needs {p!r}, which is not declared" for p in s.prerequisites
                if p not in ids]
        if s.name in names or (s.name in ids and s.name != s.id):
            out.append(f"the name {s.name!r} is used twice (skill {s.id!r})")
        names[s.name] = s.id
    out += [f"topic {t.id!r} needs {sid!r}, which is not a declared skill"
            for t in catalogue.topics for sid in t.skills if sid not in ids]
    cycle = find_cycle(catalogue)
    if cycle:
        out.append("the prerequisites of the skills form a cycle: " + " → ".join(cycle))
    return out


def find_cycle(catalogue: Catalogue) -> list[str]:
    """One cycle among the prerequisites as a list of ids (first = last), or [] when there is none.

    >>> find_cycle(load_catalogue())
    []
    """
    graph = {s.id: s.prerequisites for s in catalogue.skills}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            nexts = [p for p in graph.get(node, ()) if p in graph]
            if i == len(nexts):
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            stack[-1] = (node, i + 1)
            nxt = nexts[i]
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, 0))
                path.append(nxt)
    return []


def load_catalogue(dirs: Sequence[Path] | None = None) -> Catalogue:
    """The skills and topics declared in the problem folders (`default_problem_dirs` by default).

    >>> len(load_catalogue().skills) > 50
    True
    """
    if dirs is None:
        dirs = default_problem_dirs()
    skills: dict[str, Skill] = {}
    topics: dict[str, Topic] = {}
    for folder in dirs:
        for skill in _read_skills(Path(folder) / SKILLS_FILE):
            skills.setdefault(skill.id, skill)
        for topic in _read_topics(Path(folder) / TOPICS_FILE):
            topics.setdefault(topic.id, topic)
    return Catalogue(tuple(skills.values()), tuple(topics.values()))


def _read_table(path: Path, key: str) -> Mapping[str, object]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise CatalogueError(f"{path} cannot be read: {err}") from err
    table = data.get(key, {})
    if not isinstance(table, dict) or set(data) - {key}:
        raise CatalogueError(f"{path} must hold one table [{key}] and nothing else")
    return table


def _read_skills(path: Path) -> list[Skill]:
    out = []
    for sid, entry in _read_table(path, "skills").items():
        if not isinstance(entry, dict) or set(entry) != {"name", "course", "week", "prerequisites"}:
            raise CatalogueError(f"{path}: skill {sid!r} needs exactly name, course, week and "
                                 "prerequisites")
        name, course, week, pre = entry["name"], entry["course"], entry["week"], entry["prerequisites"]
        if not (isinstance(name, str) and isinstance(course, str) and isinstance(week, int)
                and isinstance(pre, list) and all(isinstance(p, str) for p in pre)):
            raise CatalogueError(f"{path}: skill {sid!r}: name and course are text, week an "
                                 "integer, prerequisites a list of skill ids")
        out.append(Skill(sid, name, course, week, tuple(pre)))
    return out


def _read_topics(path: Path) -> list[Topic]:
    out = []
    for tid, entry in _read_table(path, "topics").items():
        if (not isinstance(entry, dict) or set(entry) != {"title", "skills"}
                or not isinstance(entry["title"], str) or not isinstance(entry["skills"], list)
                or not all(isinstance(s, str) for s in entry["skills"])):
            raise CatalogueError(f"{path}: topic {tid!r} needs a title (text) and skills "
                                 "(a list of skill ids)")
        out.append(Topic(tid, entry["title"], tuple(entry["skills"])))
    return out


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())
