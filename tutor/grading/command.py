"""``tutor schema`` (the JSON Schema of requests, verdicts and errors) and ``tutor grade``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from tutor.grading.schema import json_schema


def run_schema(args: argparse.Namespace, out: TextIO) -> int:
    """Print the JSON Schema of the grading contract.

    >>> import io
    >>> out = io.StringIO()
    >>> run_schema(argparse.Namespace(), out), '"tutor.verdict/1"' in out.getvalue()
    (0, True)
    """
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False), file=out)
    return 0


def run_grade(args: argparse.Namespace, out: TextIO) -> int:
    """``tutor grade IN [-o OUT] …``: grade every request of IN, results in order to OUT (or
    standard output). Exit 0 when every line was graded, whatever the verdicts; a file that
    cannot be read is a `TutorError` (exit 4) from `grade_file`.
    """
    from tutor.grading.request import DEFAULT_EXTRACT
    from tutor.grading.run import GradeRun, grade_file

    run = GradeRun(input=Path(args.input), output=Path(args.output) if args.output else None,
                   workers=args.workers, format=args.format, extract=args.extract or DEFAULT_EXTRACT,
                   time_budget=args.time_budget, emit=args.emit, ray=args.ray,
                   ray_address=args.ray_address)
    summary = grade_file(run, out)
    if run.output is not None or args.emit == "gradescope":
        print(summary.line(), file=sys.stderr)
    return 0
