"""`tutor lint [PATH ...]`: print one line per problem and a summary; exit 1 on any failure.

>>> import io
>>> from pathlib import Path
>>> from types import SimpleNamespace
>>> out = io.StringIO()
>>> root = Path(__file__).resolve().parents[2]
>>> run(SimpleNamespace(paths=[str(root / "problems/linear_algebra/determinants.toml")], seeds=2), out)
0
"""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from tutor.problems.lint import SEEDS, FileReport, LintReport, default_jobs, lint_paths
from tutor.words import counted


def run(args, out: TextIO) -> int:
    """Lint the paths in `args.paths` (default: the problems folders) and print the report.

    Returns 0 when everything passed, 1 when a problem failed, 2 for bad arguments.

    >>> import io
    >>> from types import SimpleNamespace
    >>> out = io.StringIO()
    >>> run(SimpleNamespace(paths=["no/such/folder"]), out), out.getvalue()
    (2, 'tutor lint: no such file or folder: no/such/folder\\n')
    """
    paths = [Path(p) for p in (args.paths or [])] or _default_paths()
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"tutor lint: no such file or folder: {missing[0]}", file=out)
        return 2
    seeds = getattr(args, "seeds", None)
    seeds = SEEDS if seeds is None else seeds
    if seeds < 1:
        print("tutor lint: --seeds must be at least 1", file=out)
        return 2
    jobs = getattr(args, "jobs", None) or default_jobs()
    report = lint_paths(paths, seeds=seeds, jobs=jobs)
    print_report(report, out)
    return 0 if report.ok else 1


def _default_paths() -> list[Path]:
    local = Path("problems")
    if local.is_dir():
        return [local]
    from tutor.problems.discovery import default_problem_dirs

    return default_problem_dirs()[-1:]


def print_report(report: LintReport, out: TextIO) -> None:
    """One line per problem (failures indented below it), then the summary with the time.

    >>> import sys
    >>> from tutor.problems.lint import ProblemReport
    >>> ok = ProblemReport("die-mean", (), 25, 1, 0.5)
    >>> bad = ProblemReport("die-sum", ("seed 3: the answer does not check as correct",), 25, 20, 1.25)
    >>> file = FileReport(Path("dice.toml"), "probability/dice", problems=(ok, bad))
    >>> print_report(LintReport((file,), 2.0), sys.stdout)
    ok    probability/dice  die-mean  (25 seeds, 1 distinct, 0.50 s)
    FAIL  probability/dice  die-sum  (25 seeds, 20 distinct, 1.25 s)
            seed 3: the answer does not check as correct
    2 problems in 1 file: 1 failed (2.0 s)
    """
    width = max((len(f.set_id) for f in report.files), default=0)
    for file in report.files:
        _print_file(file, width, out)
    files = len(report.files)
    failed = report.failed_count
    verdict = "all passed" if report.ok else f"{failed} failed"
    if not report.files:
        verdict = "no problem files found"
    print(f"{counted(report.problem_count, 'problem')} in {counted(files, 'file')}: {verdict} "
          f"({report.seconds:.1f} s)", file=out)


def _print_file(file: FileReport, width: int, out: TextIO) -> None:
    if file.error is not None:
        print(f"FAIL  {file.set_id:<{width}}  (file)  {file.error}", file=out)
        return
    if not file.problems:  # the skills and topics of a folder: nothing per problem to show
        print(f"ok    {file.set_id:<{width}}  (file)  {file.path.name}", file=out)
    for p in file.problems:
        status = "ok  " if p.ok else "FAIL"
        figures = f"{counted(p.seeds, 'seed')}, {p.distinct} distinct, {p.seconds:.2f} s"
        print(f"{status}  {file.set_id:<{width}}  {p.problem_id}  ({figures})", file=out)
        for failure in p.failures:
            print(f"        {failure}", file=out)
        for warning in p.warnings:
            print(f"        {warning}", file=out)
