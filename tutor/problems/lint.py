"""`tutor lint`: prove a problem file before a learner sees it.

For every problem and each of 25 seeds: the parameters are drawn (constraints met), the prompt
renders, the answer computes and checks as correct against itself, every `tests` entry gets its
status, the hint ladder exists (without "don't know" steps), and what the hints, the solution and
the prompt say is true of the seed (`tutor.problems.lint_content`: no hint states the answer before
the last, numbers in hints hold, the ladder is about the prompt's expression, no triangular matrix
where eigenvalues are asked); over the seeds, too many identical instances are flagged when the
parameters promise variety. The result is a value; printing is
the command's job.

>>> from pathlib import Path
>>> report = lint_paths([Path(__file__).resolve().parents[2] / "problems/linear_algebra/determinants.toml"], seeds=2)
>>> report.ok
True
"""
from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from tutor import ops
from tutor.errors import ProblemFileError, TutorError
from tutor.problems.discovery import CATALOGUE_FILES, default_problem_dirs, problem_files
from tutor.problems.instance import INSTANCE_SECONDS
from tutor.problems.lint_content import content_failures
from tutor.problems.model import Problem
from tutor.problems.params import variety
from tutor.problems.schema import StepsKind
from tutor.problems.skills import SKILLS_FILE, Catalogue, CatalogueError, load_catalogue, problems
from tutor.words import counted
from tutor.values import frozen

SEEDS = 25
MIN_TESTS = 2
MIN_HINTS = 3


@frozen
class ProblemReport:
    """The outcome for one problem: failures (empty when it passed) and a few figures."""

    problem_id: str
    failures: tuple[str, ...]
    seeds: int
    distinct: int
    seconds: float
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures


@frozen
class FileReport:
    """The outcome for one file: a load error, or one report per problem."""

    path: Path
    set_id: str
    error: str | None = None
    problems: tuple[ProblemReport, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None and all(p.ok for p in self.problems)


@frozen
class LintReport:
    """Everything lint found, and how long it took."""

    files: tuple[FileReport, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return bool(self.files) and all(f.ok for f in self.files)

    @property
    def problem_count(self) -> int:
        return sum(len(f.problems) for f in self.files)

    @property
    def failed_count(self) -> int:
        return sum(1 for f in self.files for p in f.problems if not p.ok) + sum(
            1 for f in self.files if f.error is not None)


@dataclass
class _Failures:
    """Failures grouped by kind, so one mistake over 25 seeds is one line with its seeds."""

    first: dict[str, str] = field(default_factory=dict)
    seeds: dict[str, list[int]] = field(default_factory=dict)

    def add(self, kind: str, seed: int | None, message: str) -> None:
        self.first.setdefault(kind, message)
        if seed is not None:
            self.seeds.setdefault(kind, []).append(seed)

    def lines(self) -> tuple[str, ...]:
        out = []
        for kind, message in self.first.items():
            seeds = self.seeds.get(kind, [])
            where = ""
            if seeds:
                shown = ", ".join(str(s) for s in seeds[:5]) + (", ..." if len(seeds) > 5 else "")
                where = f"seed{'s' if len(seeds) > 1 else ''} {shown}: "
            out.append(where + message)
        return tuple(out)


def lint_paths(paths: list[Path], seeds: int = SEEDS, jobs: int = 1) -> LintReport:
    """Lint every problem file under `paths` (files or folders), on `jobs` processes.

    >>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
    >>> report = lint_paths([fixtures / "probability"], seeds=2)
    >>> [f.set_id for f in report.files], report.problem_count, report.ok  # with the folder's skills
    (['skills', 'probability/dice'], 1, True)
    >>> lint_paths([fixtures / "no-such-folder"]).ok  # no problem file is a failure, not a pass
    False
    """
    start = time.perf_counter()
    found = [p for path in paths for p in problem_files(Path(path))]
    catalogues = [_lint_catalogue(root) for root in _roots(paths, found)]
    # forking a process that already runs threads (the checker's workers) is unsafe: stay serial
    if jobs > 1 and len(found) > 1 and threading.active_count() == 1:
        files = _lint_in_parallel(found, seeds, jobs)
    else:
        files = [lint_file(p, seeds) for p in found]
    return LintReport(tuple(catalogues + files), time.perf_counter() - start)


def _roots(paths: list[Path], found: list[Path]) -> list[Path]:
    """The problem folders whose skills and topics to check: those named, and those of the files."""
    roots = [Path(p).parent if Path(p).name in CATALOGUE_FILES else Path(p) for p in paths]
    roots += [f.parent.parent for f in found]
    out: list[Path] = []
    for root in roots:
        if any((root / name).is_file() for name in CATALOGUE_FILES) and root not in out:
            out.append(root)
    return out


def _lint_catalogue(root: Path) -> FileReport:
    """The skills and topics of one problem folder: readable, every name known, no cycle.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "skills.toml").write_text(
    ...         '[skills]\\nx = { name = "x", course = "c", week = 1, prerequisites = ["x"] }\\n')
    ...     print(_lint_catalogue(Path(tmp)).error)
    the prerequisites of the skills form a cycle: x → x
    """
    try:
        found = problems(load_catalogue([root, *default_problem_dirs()]))
    except CatalogueError as err:
        found = [str(err)]
    return FileReport(root / SKILLS_FILE, "skills", error="; ".join(found) if found else None)


def _catalogue_for(path: Path) -> Catalogue:
    """The skills a problem file may name: its own folder's, then the default folders'."""
    return load_catalogue([path.parent.parent, *default_problem_dirs()])


def default_jobs() -> int:
    """One worker per core, up to 4 (lint is CPU-bound; more only adds start-up).

    >>> default_jobs() == max(1, min(4, os.cpu_count() or 1))
    True
    """
    return max(1, min(4, os.cpu_count() or 1))


def _lint_in_parallel(files: list[Path], seeds: int, jobs: int) -> list[FileReport]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start with everything already imported, so they begin at once
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=context) as pool:
        return list(pool.map(lint_file, files, [seeds] * len(files)))


def lint_file(path: Path, seeds: int = SEEDS) -> FileReport:
    """Load one file and lint each of its problems.

    >>> import tempfile
    >>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
    >>> report = lint_file(fixtures / "probability/dice.toml", seeds=2)
    >>> report.set_id, [p.problem_id for p in report.problems], report.ok
    ('probability/dice', ['die-mean'], True)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "calculus" / "broken.toml"
    ...     path.parent.mkdir()
    ...     _ = path.write_text('title = "T"\\ndescription = "D"\\n', encoding="utf-8")
    ...     report = lint_file(path)
    >>> report.ok, report.error.endswith("the file has no problems: add at least one [[problems]] table")
    (False, True)
    """
    from tutor.problems.discovery import set_id
    from tutor.problems.loader import load_problem_set

    try:
        problem_set = load_problem_set(path)
        catalogue = _catalogue_for(path)
    except (ProblemFileError, CatalogueError) as err:
        return FileReport(path, set_id(path), error=str(err))
    reports = tuple(lint_problem(p, seeds, catalogue) for p in problem_set.problems)
    return FileReport(path, problem_set.id, problems=reports)


def lint_problem(problem: Problem, seeds: int = SEEDS, catalogue: Catalogue | None = None) -> ProblemReport:
    """Exercise one problem over `seeds` seeds and report what failed.

    With a `catalogue`, every tag must name a declared skill.

    >>> from tutor.problems.loader import load_problem_set
    >>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
    >>> problem = load_problem_set(fixtures / "probability/dice.toml").problems[0]
    >>> report = lint_problem(problem, seeds=3)
    >>> report.problem_id, report.failures, report.seeds, report.distinct  # no parameters: one instance
    ('die-mean', (), 3, 1)
    """
    start = time.perf_counter()
    failures = _Failures()
    _content_rules(problem, failures)
    if catalogue is not None:
        for tag in problem.tags.skills:
            if catalogue.find(tag) is None:
                failures.add(f"tag:{tag}", None, f"the tag {tag!r} names no skill declared in "
                                                 f"{SKILLS_FILE}; declare it there or fix the tag")
    instances: dict[tuple[str, str], list[int]] = {}
    for seed in range(seeds):
        began = time.monotonic()
        key = _lint_seed(problem, seed, failures)
        if key is not None:
            instances.setdefault(key, []).append(seed)
        elif time.monotonic() - began >= INSTANCE_SECONDS:
            # an instance that ran out of time: the other seeds would only wait as long again
            failures.add("slow", None, f"seeds {seed + 1} to {seeds - 1} were not tried" if seed + 1 < seeds
                         else "no more seeds to try")
            break
    _variety(problem, seeds, instances, failures)
    return ProblemReport(problem.id, failures.lines(), seeds, len(instances),
                         time.perf_counter() - start, form_warnings(problem) + compute_warnings(problem))


# words of a prompt that ask for a form, and the check option that checks it
_FORM_WORDS: tuple[tuple[re.Pattern[str], str, Callable[[Any], bool]], ...] = (
    (re.compile(r"\bin terms of\b", re.I), "check.in_terms_of", lambda c: c.in_terms_of is not None),
    (re.compile(r"\bsimplif(?:y|ied)\b", re.I), 'check.form = "simplified"', lambda c: c.form == "simplified"),
    (re.compile(r"\bfactori[sz]e|\bfully factor", re.I), 'check.form = "factored"', lambda c: c.form == "factored"),
    (re.compile(r"\bexpand(?:ed)?\b", re.I), 'check.form = "expanded"', lambda c: c.form == "expanded"),
    (re.compile(r"\bsingle fraction\b", re.I), 'check.form = "single_fraction"',
     lambda c: c.form == "single_fraction"),
    (re.compile(r"\blowest terms\b", re.I), 'check.form = "lowest_terms"', lambda c: c.form == "lowest_terms"),
)


def form_warnings(problem: Problem) -> tuple[str, ...]:
    """Warnings for prompt words asking for a form that no check option checks.

    >>> from tutor.problems.loader import load_problem_set
    >>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
    >>> form_warnings(load_problem_set(fixtures / "probability/dice.toml").problems[0])
    ()
    """
    prompt = problem.definition.spec.prompt
    check = problem.definition.spec.check
    return tuple(f"warning: the prompt asks for {m.group(0)!r}, but no {option} checks it; set it, "
                 f"or let the prompt say less" for pattern, option, checked in _FORM_WORDS
                 for m in [pattern.search(prompt)] if m is not None and not checked(check))


# A prompt asks to compute an operation when a verb of computing is followed, in the same clause,
# by what a teacher calls it (the registry's noun: "the determinant", "the inverse", "the matrix
# product") or by one of these other ways prompts name it. Only operations a learner can type
# (`tutor.ops.matrices`) need `forbid`: the learner language refuses a derivative or an integral.
_COMPUTE = re.compile(r"\b(?:compute|find|calculate|evaluate|work out|what is|give)\b", re.I)
_ALSO_ASKED: dict[str, str] = {
    "matmul": r"product\s+[A-Z]{2}\b",
    "norm": r"(?:euclidean\s+)?(?:length|distance)\b",
    "dot": r"cos\s*θ|angle\b|scalar\s+projection",
}


def _asked_to_compute(prompt: str) -> tuple[str, ...]:
    """The registry's matrix operations a prompt asks the learner to compute.

    >>> _asked_to_compute("Compute the determinant of A = [[1, 2], [3, 4]].")
    ('det',)
    >>> _asked_to_compute("A = [[1, 2]] and B = [[3], [4]]. Compute the product AB.")
    ('matmul',)
    >>> _asked_to_compute("For which k is the matrix singular?")
    ()
    """
    found: list[str] = []
    for clause in re.split(r"[.?!;]\s", prompt):
        verb = _COMPUTE.search(clause)
        if verb is None:
            continue
        rest = clause[verb.end():].split("(")[0]     # a bracketed aside asks for nothing
        for op in ops.MATRIX_OPERATIONS:
            words = [rf"\b{re.escape(op.noun)}\b"] + ([_ALSO_ASKED[op.name]] if op.name in _ALSO_ASKED else [])
            if any(re.search(w, rest, re.I) for w in words):
                found.append(op.name)
    if "dot" in found and "norm" not in found and re.search(r"cos\s*θ|angle\b|projection", prompt, re.I):
        found.append("norm")   # cos θ and a projection divide by lengths: both are what is asked
    return tuple(dict.fromkeys(found))


def compute_warnings(problem: Problem) -> tuple[str, ...]:
    """Warnings for a prompt that asks to compute a matrix operation `forbid` does not cover: the
    learner could type the operation itself (``det([[3, 2], [1, 4]])``) and be marked correct.

    >>> from tutor.problems.loader import load_problem_set
    >>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
    >>> compute_warnings(load_problem_set(fixtures / "probability/dice.toml").problems[0])
    ()
    """
    spec = problem.definition.spec
    missing = [name for name in _asked_to_compute(spec.prompt) if name not in spec.check.forbid]
    return tuple(f"warning: the prompt asks to compute the {_noun(name)}, but check.forbid "
                 f"does not list {name!r}, so typing the operation itself would be marked correct"
                 for name in missing)


def _noun(name: str) -> str:
    op = ops.matrix_by_name(name)
    return op.noun if op is not None else name


def _content_rules(problem: Problem, failures: _Failures) -> None:
    spec = problem.definition.spec
    if len(spec.tests) < MIN_TESTS:
        failures.add("tests", None, f"has {counted(len(spec.tests), 'test')}; write at least {MIN_TESTS}")
    if spec.steps is None and len(spec.hints) < MIN_HINTS:
        failures.add("hints", None, f"has {counted(len(spec.hints), 'hint')} and no steps; write a ladder of at "
                                    f"least {MIN_HINTS} hints or set steps")


def _lint_seed(problem: Problem, seed: int, failures: _Failures) -> tuple[str, str] | None:
    try:
        instance = problem.instantiate(seed)
    except TutorError as err:
        failures.add("instantiate", seed, _one_line(err))
        return None
    except Exception as err:  # noqa: BLE001 - lint reports every failure, never crashes
        failures.add("instantiate", seed, f"internal error: {type(err).__name__}: {err}")
        return None
    _guarded(failures, "self", seed, lambda: _self_check(instance, failures))
    for test in problem.definition.tests:
        _guarded(failures, f"test{test.index}", seed, lambda t=test: _run_test(instance, t, failures))
    _guarded(failures, "parts", seed, lambda: _parts(instance, failures))
    _guarded(failures, "hints", seed, lambda: _hints(instance, failures))
    _guarded(failures, "content", seed, lambda: _content(instance, failures))
    return instance.prompt, instance.answer_text


def _guarded(failures: _Failures, kind: str, seed: int, run) -> None:
    try:
        run()
    except TutorError as err:
        failures.add(kind, seed, _one_line(err))
    except Exception as err:  # noqa: BLE001
        failures.add(kind, seed, f"internal error: {type(err).__name__}: {err}")


def _one_line(err: Exception) -> str:
    return _short(str(err).split("\n")[0], 300)


def _self_check(instance, failures: _Failures, where: str = "") -> None:
    verdict = instance.check(instance.answer_text)
    if "FORBIDDEN_OPERATION" in verdict.notes:
        # the answer as written uses what the learner must compute (forbid): its value must check
        verdict = instance.check(_decimal(instance.answer))
    if str(verdict.status) != "correct":
        failures.add(f"{where}self", instance.seed, f"{where}the answer '{_short(instance.answer_text, 80)}' "
                     f"does not check as correct against itself ({verdict.status}: {_short(verdict.feedback)})")


def _decimal(value) -> str:
    """A value worked out to 15 significant figures, as text a learner could type.

    >>> import sympy
    >>> _decimal(sympy.exp(1))
    '2.71828182845905'
    """
    import sympy

    return str(sympy.N(value, 15)).replace("Matrix(", "(").replace("**", "^")


def _parts(instance, failures: _Failures) -> None:
    """Each part's answer checks against itself and passes its own tests, as the problem's does."""
    for part in instance.parts:
        where = f"part {part.number}: "
        _guarded(failures, f"part{part.number}", instance.seed, lambda p=part: _self_check(p, failures, where))
        for test in part.part.tests:
            _guarded(failures, f"part{part.number}.test{test.index}", instance.seed,
                     lambda p=part, t=test: _run_test(p, t, failures, where))


def _run_test(instance, test, failures: _Failures, where: str = "") -> None:
    response = test.response.typed(instance.values)
    verdict = instance.check(response)
    label = f"{where}test {test.index + 1} ('{_short(response, 80)}')"
    kind = f"{where}test{test.index}"
    if str(verdict.status) != str(test.status):
        failures.add(kind, instance.seed, f"{label} should be {test.status} but is {verdict.status}: "
                     f"{_short(verdict.feedback)} (answer: {_short(instance.answer_text, 80)})")
    elif test.note is not None and test.note not in verdict.notes:
        failures.add(kind, instance.seed, f"{label} should have note {test.note}; notes: "
                     f"{', '.join(verdict.notes) or 'none'}")
    elif test.feedback is not None and test.feedback not in verdict.feedback:
        failures.add(kind, instance.seed, f"{label} feedback should contain '{test.feedback}'; it is: "
                     f"{_short(verdict.feedback)}")


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _hints(instance, failures: _Failures) -> None:
    hints = instance.hints()
    if not hints:
        failures.add("hints", instance.seed, "the hint ladder is empty")
    derivation = instance.derivation
    if instance.definition.spec.steps is StepsKind.AUTO and derivation is None:
        try:
            instance.auto_steps()
        except TutorError as err:
            failures.add("steps", instance.seed, f"steps = \"auto\" cannot work the answer: {err}")
    if derivation is not None and getattr(derivation, "has_unknown", False):
        failures.add("hints", instance.seed, "the step engine has a \"don't know\" step for "
                     f"{instance.question}; its ladder would be incomplete")


def _content(instance, failures: _Failures) -> None:
    # what the hints, solution and prompt say must be true of this seed (tutor.problems.lint_content)
    for message in content_failures(instance):
        failures.add("content", instance.seed, message)


def _variety(problem: Problem, seeds: int, instances: dict[tuple[str, str], list[int]],
             failures: _Failures) -> None:
    promised = variety(problem.definition.params)
    drawn = sum(len(v) for v in instances.values())
    if promised <= 1 or drawn < 2:
        return
    # expected number of distinct values among `drawn` uniform draws from `promised` possibilities
    expected = promised * (1 - (1 - 1 / promised) ** drawn)
    if len(instances) >= expected / 2:
        return
    same = next(v for v in instances.values() if len(v) > 1)
    failures.add("variety", None, f"only {counted(len(instances), 'different instance')} in {counted(drawn, 'seed')} (seeds "
                 f"{same[0]} and {same[1]} are identical) although the parameters allow about "
                 f"{promised}; a constraint or value may ignore the parameters")
