"""``tutor check RESPONSE --expected EXPECTED``: print the verdict; exit 0 correct, 1 incorrect,
2 invalid, 3 undetermined.

A bad option or an unreadable expected answer is a `CheckError`: the CLI prints it and exits 2.
"""
from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from tutor.checker.checker import check
from tutor.checker.verdict import Status

EXIT_CODES = {Status.CORRECT: 0, Status.INCORRECT: 1, Status.INVALID: 2, Status.UNDETERMINED: 3}


def options_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The check options given on the command line.

    >>> from tutor.cli import build_parser
    >>> options_from_args(build_parser().parse_args(["check", "x", "--expected", "x", "--rel-tol", "0.1"]))
    {'rel_tol': 0.1}
    """
    pairs = {
        "form": args.form, "rel_tol": args.rel_tol, "abs_tol": args.abs_tol,
        "sig_figs": args.sig_figs, "decimal_places": args.decimal_places, "variables": args.var,
        "up_to_constant": args.up_to_constant, "question": args.question,
        "time_budget": args.time_budget,
    }
    return {k: v for k, v in pairs.items() if v is not None}


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check one response and print the verdict (or its JSON with ``--json``).

    >>> import io
    >>> from tutor.cli import build_parser
    >>> run(build_parser().parse_args(["check", "2(x+1)", "--expected", "2x+2"]), io.StringIO())
    0
    """
    verdict = check(args.response, args.expected, **options_from_args(args))
    if args.json:
        print(json.dumps(verdict.to_dict(), ensure_ascii=False), file=out)
    else:
        print(f"{verdict.status}: {verdict.feedback}", file=out)
        if verdict.interpreted_as:
            print(f"read as: {verdict.interpreted_as}", file=out)
        if verdict.notes:
            print(f"notes:   {', '.join(verdict.notes)}", file=out)
        print(f"method:  {verdict.method} ({verdict.elapsed_ms:.2f} ms)", file=out)
    return EXIT_CODES[verdict.status]
