"""``tutor check RESPONSE --expected EXPECTED``: print the verdict; exit 0 correct, 1 incorrect,
2 invalid, 3 undetermined.

A bad option or an unreadable expected answer is not a verdict: the message goes to stderr (with
``--json`` the error object of `tutor.contract` goes to stdout) and the exit code is 4.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from tutor.linalg.declare import parse_var_option
from tutor.checker.checker import check
from tutor.checker.options import CheckOptions
from tutor.checker.verdict import Status
from tutor.contract import ErrorCode, ErrorRecord
from tutor.errors import CheckError, ParseError
from tutor.printable import json_text

EXIT_CODES = {Status.CORRECT: 0, Status.INCORRECT: 1, Status.INVALID: 2, Status.UNDETERMINED: 3}


def options_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The check options given on the command line.

    >>> from tutor.cli import build_parser
    >>> options_from_args(build_parser().parse_args(["check", "x", "--expected", "x", "--rel-tol", "0.1"]))
    {'rel_tol': 0.1}
    >>> options_from_args(build_parser().parse_args(["check", "X", "--expected", "X", "--var", "X=matrix(n,d)"]))
    {'variables': {'X': 'matrix(n,d)'}}
    """
    pairs = {
        "form": args.form, "rel_tol": args.rel_tol, "abs_tol": args.abs_tol,
        "sig_figs": args.sig_figs, "decimal_places": args.decimal_places, "variables": _variables(args.var),
        "up_to_constant": args.up_to_constant, "question": args.question,
        "time_budget": args.time_budget, "reveal": args.reveal or None,
        "forbid": getattr(args, "forbid", None),
        "endpoints_only": getattr(args, "endpoints_only", False) or None,
    }
    return {k: v for k, v in pairs.items() if v is not None}


def _variables(given: list[str] | None) -> list[str] | dict[str, str] | None:
    """``--var x`` (repeatable) gives names; once any is ``--var X=matrix(n,d)``, a mapping of
    declarations (a name given alone is a scalar)."""
    if not given:
        return None
    pairs = [parse_var_option(g) for g in given]
    if all(decl is None for _, decl in pairs):
        return [name for name, _ in pairs]
    return {name: decl or "scalar" for name, decl in pairs}


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check one response and print the verdict (or its JSON with ``--json``).

    >>> import io
    >>> from tutor.cli import build_parser
    >>> run(build_parser().parse_args(["check", "2(x+1)", "--expected", "2x+2"]), io.StringIO())
    0
    """
    options = options_from_args(args)
    try:
        verdict = check(args.response, args.expected, format=getattr(args, "format", "auto"),
                        extract=getattr(args, "extract", None), **options)
    except CheckError as err:
        return _refuse(_error_record(err, args.expected, options), str(err), args.json, out)
    if args.json:
        print(json_text(verdict.to_dict()), file=out)
    else:
        print(f"{verdict.status}: {verdict.feedback}", file=out)
        if verdict.interpreted_as:
            print(f"read as: {verdict.interpreted_as}", file=out)
        if verdict.notes:
            print(f"notes:   {', '.join(verdict.notes)}", file=out)
        print(f"method:  {verdict.method} ({verdict.elapsed_ms:.2f} ms)", file=out)
    return EXIT_CODES[verdict.status]


def _error_record(err: CheckError, expected: str, options: dict[str, Any]) -> ErrorRecord:
    """Which part of the request is at fault: the options, else the expected answer.

    >>> _error_record(CheckError("x"), "2x +", {}).to_dict()["error"]["span"]
    [3, 4]
    """
    try:
        checked = CheckOptions.from_kwargs(**options)
    except CheckError as bad:
        return ErrorRecord(ErrorCode.INVALID_OPTIONS, bad.message, field="options")
    from tutor.parser import parse

    try:
        parse(expected, variables=checked.variables, shapes=checked.shapes or None)
    except ParseError as unreadable:
        return ErrorRecord(ErrorCode.INVALID_EXPECTED, f"The expected answer cannot be read: {unreadable.message}",
                           field="expected", span=unreadable.span)
    return ErrorRecord(ErrorCode.INVALID_EXPECTED, err.message, field="expected")


def _refuse(record: ErrorRecord, message: str, as_json: bool, out: TextIO) -> int:
    print(message, file=sys.stderr)
    if as_json:
        print(json_text(record.to_dict()), file=out)
    return CheckError.exit_code
