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
from tutor.progress import ProgressStore, resolve_data_dir
from tutor.repl.menu import matching

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems import ProblemSet, SetInfo
    from tutor.problems.skills import Catalogue
    from tutor.session import Session


class UnknownSetError(TutorError):
    """A set name that matches no problem set."""


def run_practice(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor practice SET [--seed N] [--plain]``: one set, interactive at a terminal, else plain.

    With ``--path TOPIC`` instead of a set: the skills the topic needs (`tutor.repl.learning`).
    """
    if getattr(args, "path", None):
        if args.set:
            raise UnknownSetError("give a set or --path TOPIC, not both")
        from tutor.repl.learning import run_path_practice

        return run_path_practice(args, out)
    if not args.set:
        raise UnknownSetError("say which set to practise (`tutor` lists them), or --path TOPIC")
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
        due = _due_count(args)
        if due:
            out.write(f"\n{_due_text(due)}\n")
        return 0
    from tutor.repl.menu import choose_set
    from tutor.startup import resume_collector

    resume_collector()  # the menu is start-up's end (`tutor.startup`)
    if not sets:
        out.write(_no_sets() + "\n")
        return 0
    # SymPy and the grammar load while the learner reads the menu, not after the choice
    threading.Thread(target=_warm_up, name="tutor-warm-up", daemon=True).start()
    while (chosen := choose_set(sets, _solved(args), status=lambda: _due_text(_due_count(args)))) is not None:
        try:
            with _open_store(args) as store:
                _practise(Path(chosen.path), [s.id for s in sets], store, args, out)
        except TutorError as err:  # a broken file or store: say so and offer the menu again
            out.write(f"{err}\n")
    return 0


# -- the pieces ---------------------------------------------------------------------------------

def _practise(path: Path, set_ids: Sequence[str], store: ProgressStore, args: argparse.Namespace,
              out: TextIO) -> int:
    from tutor.problems import load_problem_set

    problem_set = load_problem_set(path)
    return _run_session(problem_set, store, args, out, next_set=_next_set(problem_set.id, set_ids))


def _run_session(problem_set: ProblemSet, store: ProgressStore, args: argparse.Namespace, out: TextIO,
                 *, sources: tuple[str, ...] | None = None, next_set: str | None = None,
                 rerun: str | None = None, catalogue: Catalogue | None = None) -> int:
    """Run a session wired to the learner's history: plainly without a terminal, else the REPL."""
    from tutor.clock import now
    from tutor.coach import Coach

    now()  # a TUTOR_NOW that is not a date-time is said now, not at the first answer
    coach = Coach(store, catalogue, load_catalogue=lambda: _lazy_catalogue(args))
    session = coach.session(problem_set, seed=getattr(args, "seed", None), sources=sources,
                            next_set=next_set, rerun=rerun)
    if not _interactive(args, out):
        from tutor.repl.plain import run_plain

        if isinstance(sys.stdin, io.TextIOWrapper):
            # a byte that is not UTF-8 must not end the run: run_plain reads it as �
            sys.stdin.reconfigure(errors="surrogateescape")
        return run_plain(session, sys.stdin, out)
    return _run_repl(session, store, None if getattr(args, "no_examples", False) else coach)


def _run_repl(session: Session, store: ProgressStore, coach: object = None) -> int:
    from tutor.checker import warm_up
    from tutor.repl.app import PracticeRepl, set_history
    from tutor.startup import resume_collector

    # start-up is over once the first prompt is drawn; the checker's worker process starts when the
    # learner starts to answer, so that the first answer needing a symbolic proof does not wait
    # about a second for it, and it does not compete with building the prompt (start-up time)
    return PracticeRepl(session, history=set_history(store, session.problem_set.id), coach=coach,
                        on_first_prompt=resume_collector, on_first_input=warm_up).run()


def _lazy_catalogue(args: argparse.Namespace) -> Catalogue | None:
    """The skills declared in the problem folders (read from two small TOML files; None if broken)."""
    from tutor.problems.skills import load_catalogue

    try:
        return load_catalogue(_problem_dirs(args))
    except TutorError:
        return None


def _due_count(args: argparse.Namespace) -> int:
    """How many reviews are due now (0 without a progress store)."""
    from tutor.clock import now

    store = ProgressStore.open_existing(resolve_data_dir(args.data_dir), read_only=True)
    if store is None:
        return 0
    with store:
        return store.due_count(now().timestamp())


def _due_text(count: int) -> str:
    """The menu's line about reviews due.

    >>> _due_text(2), _due_text(0)
    ('Reviews due: 2 (`tutor review` runs them)', '')
    """
    return f"Reviews due: {count} (`tutor review` runs them)" if count else ""


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
    from tutor.stats import figures_by

    with store:
        return {name: f.solved for name, f in figures_by(store.attempts(), lambda a: [a.set_id]).items()}


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
