"""What ``tutor`` (the menu), ``tutor practice SET`` and ``tutor progress`` run.

Heavy pieces are imported only on the path that needs them: the plain mode
never imports prompt_toolkit, and nothing loads a problem file before the
learner has chosen it.
"""
from __future__ import annotations

import argparse
import difflib
import io
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tutor.errors import TutorError
from tutor.printable import underlying
from tutor.progress import ProgressStore, Tally, report, resolve_data_dir
from tutor.repl.menu import matching
from tutor.words import counted

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems import SetInfo
    from tutor.session import Session


class UnknownSetError(TutorError):
    """A set name that matches no problem set."""


def run_practice(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor practice SET [--seed N] [--plain]``: one set, interactive at a terminal, else plain."""
    dirs = _problem_dirs(args)
    path = _find(args.set, dirs)
    with _open_store(args) as store:
        return _practise(path, _set_ids(dirs), store, args, out)


def run_menu(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor``: the menu of sets at a terminal; elsewhere the help and the list, without waiting.

    >>> import argparse, io, tempfile
    >>> out = io.StringIO()
    >>> run_menu(argparse.Namespace(problems=None, data_dir=tempfile.mkdtemp()), out)
    0
    >>> out.getvalue().startswith("usage: tutor")
    True
    """
    sets = _discover(args)
    if not _interactive(args, out):
        from tutor.cli import build_parser
        from tutor.repl.menu import menu_fragments
        from tutor.repl.render import plain

        build_parser().print_help(out)
        out.write("\nProblem sets (start one with `tutor practice SET`):\n")
        out.write(plain(menu_fragments(sets, _solved(args))) if sets else _no_sets() + "\n")
        return 0
    from tutor.repl.menu import choose_set

    if not sets:
        out.write(_no_sets() + "\n")
        return 0
    # SymPy and the grammar load while the learner reads the menu, not after the choice
    threading.Thread(target=_warm_up, name="tutor-warm-up", daemon=True).start()
    while (chosen := choose_set(sets, _solved(args))) is not None:
        try:
            with _open_store(args) as store:
                _practise(Path(chosen.path), [s.id for s in sets], store, args, out)
        except TutorError as err:  # a broken file or store: say so and offer the menu again
            out.write(f"{err}\n")
    return 0


def run_progress(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor progress``: what has been done, per course, set and skill.

    >>> import argparse, io, tempfile
    >>> out = io.StringIO()
    >>> run_progress(argparse.Namespace(problems=None, data_dir=tempfile.mkdtemp()), out)
    0
    >>> out.getvalue().startswith("No progress yet")
    True
    """
    data_dir = resolve_data_dir(args.data_dir)
    # read-only: a report never migrates, locks out a running session, or needs a writable disk
    store = ProgressStore.open_existing(data_dir, read_only=True)
    r, damage = None, ""
    if store is not None:
        with store:
            reading = store.read()
            r, damage = report(reading.attempts), reading.damage_notice(store.path)
    if damage:
        out.write(damage + "\n")
    if store is None or r is None or not r.worked_on:
        out.write(f"No progress yet (looked in {data_dir}). Start with `tutor`, or "
                  "`tutor practice SET`.\n")
        return 0
    out.write(f"Progress kept in {store.path} ({counted(r.worked_on, 'problem')} worked on)\n")
    sets = _discover(args)
    courses: dict[str, int] = {}
    for info in sets:
        courses[info.course] = courses.get(info.course, 0) + info.problem_count
    _print_tallies(out, "Courses", r.courses, courses)
    _print_tallies(out, "Sets", r.sets, {info.id: info.problem_count for info in sets})
    _print_tallies(out, "Skills", r.skills, {})
    return 0


def _print_tallies(out: TextIO, heading: str, tallies: Sequence[Tally], totals: dict[str, int]) -> None:
    if not tallies:
        return
    out.write(f"\n{heading}\n")
    width = max(len(t.name) for t in tallies)
    for t in tallies:
        of = f" of {totals[t.name]}" if t.name in totals else ""
        out.write(f"  {t.name:<{width}}  {t.solved}{of} solved, {t.first_try} right first try, "
                  f"{t.tried} tried\n")


# -- the pieces ---------------------------------------------------------------------------------

def _practise(path: Path, set_ids: Sequence[str], store: ProgressStore, args: argparse.Namespace,
              out: TextIO) -> int:
    from tutor.problems import load_problem_set
    from tutor.session import Session

    problem_set = load_problem_set(path)
    session = Session(problem_set, seed=getattr(args, "seed", None), store=store,
                      next_set=_next_set(problem_set.id, set_ids))
    if not _interactive(args, out):
        from tutor.repl.plain import run_plain

        if isinstance(sys.stdin, io.TextIOWrapper):
            # a byte that is not UTF-8 must not end the run: run_plain reads it as �
            sys.stdin.reconfigure(errors="surrogateescape")
        return run_plain(session, sys.stdin, out)
    return _run_repl(session, store)


def _run_repl(session: Session, store: ProgressStore) -> int:
    from tutor.checker import warm_up
    from tutor.repl.app import PracticeRepl, set_history

    # the checker's worker process starts while the learner reads the first problem, so the first
    # answer that needs a symbolic proof does not wait about a second for it
    warm_up()
    return PracticeRepl(session, history=set_history(store, session.problem_set.id)).run()


def _interactive(args: argparse.Namespace, out: TextIO) -> bool:
    """A real terminal on both ends (and not --plain, not TERM=dumb)."""
    if getattr(args, "plain", False) or underlying(out) is not sys.stdout or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdin.isatty() and sys.stdout.isatty()


def _problem_dirs(args: argparse.Namespace) -> list[Path]:
    from tutor.problems import default_problem_dirs

    extra = [Path(p) for p in (args.problems or [])]
    return extra + [d for d in default_problem_dirs() if d not in extra]


def _discover(args: argparse.Namespace) -> list[SetInfo]:
    from tutor.problems import discover

    return discover(_problem_dirs(args))


def _set_ids(dirs: Sequence[Path]) -> list[str]:
    """Every set id in `dirs`, in the menu's order, from file names alone (nothing is read)."""
    from tutor.problems.discovery import problem_files

    return sorted({f"{p.parent.name}/{p.stem}" for d in dirs if d.is_dir() for p in problem_files(d)})


def _find(name: str, dirs: Sequence[Path]) -> Path:
    """The file of the set called `name`: a path, an id, or a file stem when it is unique."""
    if Path(name).is_file():
        return Path(name)
    if name.endswith(".toml"):
        raise UnknownSetError(f"there is no problem file {name}")
    # a full id names its file, so the common case reads no other file (start-up time)
    direct = [d / f"{name}.toml" for d in dirs if name.count("/") == 1]
    for path in direct:
        if path.is_file():
            return path
    from tutor.problems import discover

    sets = discover(list(dirs))
    found = matching(sets, name)
    if len({s.id for s in found}) == 1:  # the same id in two folders: the first folder wins
        return Path(found[0].path)
    if found:
        raise UnknownSetError(f"{name!r} could be any of {', '.join(s.id for s in found)}; "
                              "give the full name")
    close = difflib.get_close_matches(name, [s.id for s in sets], n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    raise UnknownSetError(f"there is no problem set {name!r}.{hint} Run `tutor` to see them all.")


def _next_set(set_id: str, ids: Sequence[str]) -> str | None:
    """The set after this one in the menu's order (the course's next topic), if any."""
    if set_id in ids and ids.index(set_id) + 1 < len(ids):
        return ids[ids.index(set_id) + 1]
    return None


def _solved(args: argparse.Namespace) -> dict[str, int]:
    store = ProgressStore.open_existing(resolve_data_dir(args.data_dir), read_only=True)
    if store is None:
        return {}
    with store:
        return {t.name: t.solved for t in report(store.attempts()).sets}


def _warm_up() -> None:
    try:
        import tutor.problems.loader  # noqa: F401 - imported for its side effect: loaded once
        from tutor.parser import parse

        parse("x")
    except Exception:  # noqa: BLE001 - only a head start: the real call reports any error
        pass


def _open_store(args: argparse.Namespace) -> ProgressStore:
    return ProgressStore.open(resolve_data_dir(args.data_dir))


def _no_sets() -> str:
    return ("No problem sets were found. Give a folder with --problems PATH, or list folders in "
            "TUTOR_PROBLEMS.")
