"""What ``tutor progress``, ``tutor review``, ``tutor path TOPIC`` and ``tutor practice --path
TOPIC`` run: the learner model (mastery, review, paths) at the command line.

``tutor progress --json`` prints the documented ``tutor.progress/1`` schema::

    {"schema": "tutor.progress/1",
     "skills": [{"skill": id, "course": course, "mastery": P(L) from 0 to 1,
                 "due": the earliest due time of its problems (ISO 8601, UTC) or null}, ...],
     "attempts": [{"set": set id, "problem": problem id, "seed": seed,
                   "response": what was typed, "status": the verdict's status for an answer,
                   else what was done ("hint", "solution", "skip"),
                   "hints": hints shown before it, "time": ISO 8601, UTC}, ...]}
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tutor.clock import from_timestamp, now
from tutor.mastery import BKT, SkillMastery, bar, estimate
from tutor.progress import Attempt, ProgressStore, resolve_data_dir
from tutor.stats import figures, figures_by

if TYPE_CHECKING:  # pragma: no cover
    from tutor.problems.skills import Catalogue

SCHEMA = "tutor.progress/1"
REVIEW_LIMIT = 20  # problems in one review run at most


# -- tutor progress ------------------------------------------------------------------------------

def run_progress(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor progress [--json]``: the figures per course, set and skill, mastery as bars, what is due.

    >>> import argparse, io, tempfile
    >>> out = io.StringIO()
    >>> run_progress(argparse.Namespace(problems=None, data_dir=tempfile.mkdtemp(), json=False), out)
    0
    >>> out.getvalue().startswith("No progress yet")
    True
    """
    from tutor.repl.command import _discover, _problem_dirs

    data_dir = resolve_data_dir(args.data_dir)
    # read-only: a report never migrates, locks out a running session, or needs a writable disk
    store = ProgressStore.open_existing(data_dir, read_only=True)
    attempts: list[Attempt] = []
    due: dict[tuple[str, str], datetime] = {}
    damage = ""
    if store is not None:
        with store:
            reading = store.read()
            attempts, damage = list(reading.attempts), reading.damage_notice(store.path)
            due = {(r.set_id, r.problem_id): from_timestamp(r.due) for r in store.latest_reviews()}
    catalogue = _catalogue(_problem_dirs(args))
    if getattr(args, "json", False):
        out.write(json.dumps(progress_json(attempts, due, catalogue), ensure_ascii=False, indent=1) + "\n")
        return 0
    if damage:
        out.write(damage + "\n")
    if not attempts:
        out.write(f"No progress yet (looked in {data_dir}). Start with `tutor`, or "
                  "`tutor practice SET`.\n")
        return 0
    sets = _discover(args)
    out.write(f"Progress kept in {store.path if store else data_dir}\n")
    out.write(f"All runs: {figures(attempts)}\n")
    courses: dict[str, int] = {}
    for info in sets:
        courses[info.course] = courses.get(info.course, 0) + info.problem_count
    _print_figures(out, "Courses", figures_by(attempts, lambda a: [a.course]), courses)
    _print_figures(out, "Sets", figures_by(attempts, lambda a: [a.set_id]),
                   {info.id: info.problem_count for info in sets})
    _print_skills(out, attempts, due, catalogue)
    _print_due(out, due)
    return 0


def _print_figures(out: TextIO, heading: str, table: dict, totals: dict[str, int]) -> None:
    if not table:
        return
    out.write(f"\n{heading}\n")
    width = max(len(name) for name in table)
    for name, f in table.items():
        out.write(f"  {name:<{width}}  {f.text(totals.get(name))}\n")


def _print_skills(out: TextIO, attempts: list[Attempt], due: dict[tuple[str, str], datetime],
                  catalogue: Catalogue | None) -> None:
    rows = skill_rows(attempts, due, catalogue)
    if not rows:
        return
    out.write(f"\nSkills (mastery by knowledge tracing; ✓ from {BKT().threshold:.2f})\n")
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        mark = "✓" if r["mastered"] else " "
        when = f"  due {_when(r['due'])}" if r["due"] is not None else ""
        out.write(f"  {r['name']:<{width}}  {bar(r['mastery'])} {r['mastery']:.2f} {mark}{when}\n")


def _print_due(out: TextIO, due: dict[tuple[str, str], datetime]) -> None:
    if not due:
        return
    moment = now()
    ready = sorted(k for k, t in due.items() if t <= moment)
    out.write("\nReview\n")
    if ready:
        out.write(f"  due now: {len(ready)} ({', '.join(f'{s}:{p}' for s, p in ready[:5])}"
                  f"{', …' if len(ready) > 5 else ''}); `tutor review` runs them\n")
    later = sorted(t for t in due.values() if t > moment)
    if later:
        out.write(f"  next: {_when(later[0])} ({len(later)} scheduled)\n")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def skill_rows(attempts: Sequence[Attempt], due: dict[tuple[str, str], datetime],
               catalogue: Catalogue | None) -> list[dict]:
    """Per practised skill: its id, name, course, mastery and the earliest due time of its problems."""
    def skill_id(tag: str) -> str:
        found = catalogue.find(tag) if catalogue is not None else None
        return found.id if found is not None else tag

    mastery: dict[str, SkillMastery] = estimate(attempts, name=skill_id)
    courses: dict[str, str] = {}
    problems: dict[str, set[tuple[str, str]]] = {}
    for a in attempts:
        for tag in a.skills:
            courses.setdefault(skill_id(tag), a.course)
            problems.setdefault(skill_id(tag), set()).add((a.set_id, a.problem_id))
    rows = []
    for sid in sorted(problems):
        skill = catalogue.find(sid) if catalogue is not None else None
        m = mastery.get(sid)
        times = [due[k] for k in problems[sid] if k in due]
        rows.append({"skill": sid, "name": skill.name if skill else sid,
                     "course": skill.course if skill else courses[sid],
                     "mastery": round(m.p, 4) if m else BKT().prior, "mastered": bool(m and m.mastered),
                     "due": min(times) if times else None})
    return rows


def progress_json(attempts: Sequence[Attempt], due: dict[tuple[str, str], datetime],
                  catalogue: Catalogue | None) -> dict:
    """Everything in the ``tutor.progress/1`` schema (see the module's documentation).

    >>> progress_json([], {}, None)
    {'schema': 'tutor.progress/1', 'skills': [], 'attempts': []}
    """
    skills = [{"skill": r["skill"], "course": r["course"], "mastery": r["mastery"],
               "due": r["due"].isoformat() if r["due"] is not None else None}
              for r in skill_rows(attempts, due, catalogue)]
    rows = [{"set": a.set_id, "problem": a.problem_id, "seed": a.seed, "response": a.response,
             "status": a.status if a.action == "answer" else str(a.action), "hints": a.hints_used,
             "time": from_timestamp(a.created_at).isoformat()} for a in attempts]
    return {"schema": SCHEMA, "skills": skills, "attempts": rows}


def _catalogue(dirs: Sequence[Path]) -> Catalogue | None:
    from tutor.errors import TutorError
    from tutor.problems.skills import load_catalogue

    try:
        return load_catalogue(list(dirs))
    except TutorError:
        return None  # progress is still shown, by tag; `tutor lint` names the broken file


# -- tutor review --------------------------------------------------------------------------------

def run_review(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor review``: the problems due, with fresh numbers, taking turns across sets."""
    from tutor.plan import SetLoader, plan
    from tutor.repl.command import _open_store, _problem_dirs, _run_session
    from tutor.review import ReviewBook, interleave

    dirs = _problem_dirs(args)
    with _open_store(args) as store:
        book = ReviewBook(store)
        moment = now()
        due = interleave(book.due(moment))
        if not due:
            later = [t for t in book.next_due().values() if t > moment]
            nxt = f" The next review is due {_when(min(later))}." if later else ""
            out.write(f"Nothing is due for review.{nxt} Practise with `tutor` or `tutor practice SET`.\n")
            return 0
        limit = getattr(args, "limit", None) or REVIEW_LIMIT
        run = plan([(d.set_id, d.problem_id) for d in due[:limit]], SetLoader(dirs), set_id="review/due",
                   title="Review", description="Problems due for review, with fresh numbers")
        if not run.problem_set.problems:
            out.write("The problems due for review are no longer in the problem sets.\n")
            return 0
        return _run_session(run.problem_set, store, args, out, sources=run.sources,
                            rerun="tutor review", catalogue=_catalogue(dirs))


# -- tutor path TOPIC ----------------------------------------------------------------------------

def run_path(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor path TOPIC``: the skills a topic needs, most basic first, with the learner's mastery.

    >>> import argparse, io, tempfile
    >>> out = io.StringIO()
    >>> run_path(argparse.Namespace(problems=None, data_dir=tempfile.mkdtemp(), topic="PCA"), out)
    0
    >>> out.getvalue().splitlines()[0]
    'Principal component analysis (PCA): the skills it needs, the most basic first'
    """
    steps, topic = _path_steps(args)
    out.write(f"{topic.title}: the skills it needs, the most basic first\n")
    width = max(len(s.skill.name) for s in steps)
    for number, step in enumerate(steps, 1):
        level = "not practised yet" if step.mastery is None else f"{bar(step.mastery)} {step.mastery:.2f}"
        mark = "✓" if step.mastered else " "
        where = f"{step.skill.course} week {step.skill.week}"
        none = "" if step.problems else "  (no problems yet)"
        out.write(f"  {number:>2}. {mark} {step.skill.name:<{width}}  {where:<22} {level}{none}\n")
    left = sum(not s.mastered and bool(s.problems) for s in steps)
    if left:
        out.write(f"Walk it: tutor practice --path \"{topic.title}\" ({left} skills to practise; "
                  "mastered ones are skipped)\n")
    else:
        out.write("Every skill on this path is mastered.\n")
    return 0


def run_path_practice(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor practice --path TOPIC``: practise the path's skills in order, skipping the mastered."""
    from tutor.plan import SetLoader, path_problems, plan
    from tutor.repl.command import _open_store, _problem_dirs, _run_session

    steps, topic = _path_steps(args)
    keys = path_problems(steps)
    if not keys:
        out.write(f"Every skill on the path to {topic.title} is mastered; nothing to practise.\n")
        return 0
    dirs = _problem_dirs(args)
    run = plan(keys, SetLoader(dirs), set_id=f"path/{topic.id}", title=f"Path to {topic.title}",
               description="The skills the topic needs, the most basic first")
    with _open_store(args) as store:
        return _run_session(run.problem_set, store, args, out, sources=run.sources,
                            rerun=f'tutor practice --path "{topic.title}"', catalogue=_catalogue(dirs))


def _path_steps(args: argparse.Namespace):
    from tutor.plan import topic_path
    from tutor.repl.command import _problem_dirs

    store = ProgressStore.open_existing(resolve_data_dir(args.data_dir), read_only=True)
    attempts: list[Attempt] = []
    if store is not None:
        with store:
            attempts = store.attempts()
    topic, steps = topic_path(_problem_dirs(args), args.topic if getattr(args, "topic", None) else args.path,
                              attempts)
    return steps, topic
