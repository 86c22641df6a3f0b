"""Finding problem sets: which folders to look in, and a cheap listing of the sets in them.

`discover` reads each file's header with `tomllib` only (no formulas, no SymPy), so a menu of
sets appears at once.

>>> info = [i for i in discover(default_problem_dirs()) if i.id == "calculus/logistic_regression"][0]
>>> info.course, info.problem_count > 0
('calculus', True)
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from tutor.values import frozen

# files beside the course folders that declare skills and topics (never problem sets)
CATALOGUE_FILES = ("skills.toml", "topics.toml")


@frozen
class SetInfo:
    """What a menu needs to show about a set, without loading it."""

    path: Path
    id: str
    course: str
    title: str
    description: str
    problem_count: int


def set_id(path: Path) -> str:
    """``problems/calculus/logistic_regression.toml`` → ``calculus/logistic_regression``.

    >>> set_id(Path("problems/calculus/logistic_regression.toml"))
    'calculus/logistic_regression'
    """
    return f"{path.parent.name}/{path.stem}"


def builtin_problem_dir() -> Path | None:
    """The problem sets that come with `tutor`: ``tutor/problem_sets`` in an installed wheel,
    or the repository's ``problems/`` in a source checkout (an editable install); None if
    neither is there.

    >>> builtin_problem_dir().joinpath("calculus", "derivatives.toml").is_file()
    True
    """
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "problem_sets", package.parent / "problems"):
        # the checkout's folder only beside its pyproject: site-packages/problems is someone else's
        if folder.is_dir() and (folder.name == "problem_sets"
                                or (package.parent / "pyproject.toml").is_file()):
            return folder
    return None


def default_problem_dirs() -> list[Path]:
    """`TUTOR_PROBLEMS` (os.pathsep-separated), then ``./problems``, then the built-in sets.

    >>> builtin_problem_dir().resolve() in [d.resolve() for d in default_problem_dirs()]
    True
    """
    candidates = [Path(p) for p in os.environ.get("TUTOR_PROBLEMS", "").split(os.pathsep) if p]
    local = Path("problems")
    if local.is_dir():
        candidates.append(local)
    own = builtin_problem_dir()
    if own is not None:
        candidates.append(own)
    out: list[Path] = []
    seen: set[Path] = set()
    for path in candidates:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def problem_files(path: Path) -> list[Path]:
    """The problem files under a folder, or the file itself, sorted.

    Problem sets live in course folders: in a folder that has course folders, the files beside
    them (``skills.toml``, ``topics.toml``) are not problem sets.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     (folder / "calculus").mkdir()
    ...     for name in ("calculus/b.toml", "calculus/a.toml", "notes.txt", "skills.toml"):
    ...         _ = (folder / name).write_text("", encoding="utf-8")
    ...     print([p.relative_to(folder).as_posix() for p in problem_files(folder)])
    ...     print([p.name for p in problem_files(folder / "calculus")])
    ...     print(problem_files(folder / "calculus/b.toml") == [folder / "calculus/b.toml"])
    ['calculus/a.toml', 'calculus/b.toml']
    ['a.toml', 'b.toml']
    True
    """
    if path.is_file():
        return [] if path.name in CATALOGUE_FILES else [path]
    if not path.is_dir():
        return []
    has_courses = any(child.is_dir() for child in path.iterdir())
    return sorted(p for p in path.rglob("*.toml") if p.is_file() and p.name not in CATALOGUE_FILES
                  and not (has_courses and p.parent == path))


def read_info(path: Path) -> SetInfo:
    """The header of one file; an unreadable file is listed with the reason as its description.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "calculus" / "limits.toml"
    ...     path.parent.mkdir()
    ...     _ = path.write_text('title = "Limits"\\n[[problems]]\\nid = "p1"\\n', encoding="utf-8")
    ...     good = read_info(path)
    ...     _ = path.write_text('title = "Limits\\n', encoding="utf-8")  # the quote is never closed
    ...     bad = read_info(path)
    >>> good.id, good.title, good.problem_count
    ('calculus/limits', 'Limits', 1)
    >>> bad.title, bad.problem_count, bad.description.startswith("This file cannot be read")
    ('limits', 0, True)
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as err:
        why = "it nests too deeply" if isinstance(err, RecursionError) else err
        return SetInfo(path, set_id(path), path.parent.name, path.stem,
                       f"This file cannot be read ({why}); run `tutor lint {path}`.", 0)
    problems = data.get("problems")
    count = len(problems) if isinstance(problems, list) else 0
    title, description = data.get("title"), data.get("description")
    return SetInfo(path, set_id(path), path.parent.name, title if isinstance(title, str) else path.stem,
                   description if isinstance(description, str) else "", count)


def discover(dirs: list[Path] | list[str]) -> list[SetInfo]:
    """Every set in `dirs`, sorted by id; when two folders hold the same id, the first wins.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for folder, name, title in (("mine", "limits", "Mine"), ("shared", "limits", "Shared"),
    ...                                 ("shared", "chain", "Chain")):
    ...         path = Path(tmp) / folder / "calculus" / f"{name}.toml"
    ...         path.parent.mkdir(parents=True, exist_ok=True)
    ...         _ = path.write_text(f'title = "{title}"\\n', encoding="utf-8")
    ...     print([(i.id, i.title) for i in discover([Path(tmp) / "mine", Path(tmp) / "shared"])])
    [('calculus/chain', 'Chain'), ('calculus/limits', 'Mine')]
    """
    found: dict[str, SetInfo] = {}
    for folder in dirs:
        for path in problem_files(Path(folder)):
            info = read_info(path)
            found.setdefault(info.id, info)
    return sorted(found.values(), key=lambda info: info.id)
