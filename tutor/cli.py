"""The ``tutor`` command line: ``main(argv) -> int``.

Each sub-command's work lives in its stage (``tutor.<stage>.command.run``) and
is imported only when that sub-command runs, so start-up stays fast. Errors are
turned into a message and an exit code here, at the edge, and nowhere else.

Exit codes: 0-3 a verdict (correct, incorrect, invalid, undetermined); 4 a
request that cannot be done as asked (an unreadable expected answer, a bad
option or argument); 5 an internal error. A crash never exits with a verdict's
code, never prints a traceback (unless ``TUTOR_DEBUG`` is set), and with
``--json`` every failure prints the error object of `tutor.contract`.
Everything printed passes through `tutor.printable`: author text never
reaches the terminal as escape sequences.

>>> main(["parse", "2x"], out=__import__("io").StringIO())
0
"""
from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from typing import NoReturn, TextIO

from tutor.contract import ErrorCode, ErrorRecord
from tutor.errors import TutorError, UsageError
from tutor.printable import PrintableWriter, json_text, printable
from tutor.reading import EXTRACT_MODES, FORMATS
from tutor.startup import resume_collector

EXIT_INTERNAL = 5  # a bug in tutor; 0-3 are verdicts and 4 a request that cannot be done

# sub-command -> "module:function"; the function takes (args, out) and returns an exit code
_COMMANDS = {
    "parse": "tutor.parser.command:run",
    "check": "tutor.checker.command:run",
    "steps": "tutor.steps.command:run",
    "lint": "tutor.problems.command:run",
    "practice": "tutor.repl.command:run_practice",
    "progress": "tutor.repl.learning:run_progress",
    "review": "tutor.repl.learning:run_review",
    "path": "tutor.repl.learning:run_path",
    "schema": "tutor.grading.command:run_schema",
    "grade": "tutor.grading.command:run_grade",
    "serve": "tutor.service.command:run",
}

# the sessions and the menu turn the garbage collector back on themselves, once their first prompt
# or problem is shown; every other command as soon as its code is imported (`tutor.startup`)
_RESUME_AT_FIRST_PROMPT = frozenset({_COMMANDS["practice"], _COMMANDS["review"], "tutor.repl.command:run_menu"})


class _Exit(Exception):
    """argparse asked to stop (after --help): leave `main` with this code rather than SystemExit."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _ArgumentParser(argparse.ArgumentParser):
    """argparse raising `UsageError` (exit 4) instead of exiting with 2, a verdict's code."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage(), _option_at_fault(message))

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise _Exit(status)


def _option_at_fault(message: str) -> str | None:
    """The option an argparse message is about ("argument --rel-tol: …", "… required: --expected").

    >>> _option_at_fault("argument --rel-tol: invalid float value: 'abc'")
    '--rel-tol'
    >>> _option_at_fault("unrecognized arguments:  --no-such-flag") is None
    True
    """
    for lead in ("argument ", "the following arguments are required: "):
        if message.startswith(lead) and message[len(lead):].startswith("--"):
            return message[len(lead):].split(":")[0].split(",")[0].split("/")[0].strip()
    return None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = _ArgumentParser(
        prog="tutor",
        description="A symbolic-math tutor for the mathematics of machine learning.",
    )
    parser.add_argument("--problems", action="append", metavar="PATH",
                        help="another folder of problem sets (repeatable)")
    parser.add_argument("--data-dir", metavar="PATH", help="where progress is kept")
    parser.add_argument("--no-examples", action="store_true",
                        help="no worked examples when a skill is new (they are shown only at a terminal)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_parse(sub)
    _add_check(sub)
    _add_steps(sub)
    _add_lint(sub)
    _add_practice(sub)
    _add_grading(sub)
    return parser


def _add_parse(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="show how an answer is read, or why it cannot be")
    p.add_argument("text", help="the answer as a learner would type it")
    p.add_argument("--var", action="append", metavar="NAME", help="a variable of the question")
    p.add_argument("--func", action="append", metavar="NAME", help="a function name to allow")
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="text, latex, or auto (the default: LaTeX when there is a \\command or $)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check an answer against the expected one")
    p.add_argument("response", help="the learner's answer")
    p.add_argument("--expected", required=True, help="the expected answer")
    p.add_argument("--form", help="required form: expanded, factored, single_fraction, "
                                  "lowest_terms, exact, simplified")
    p.add_argument("--rel-tol", type=float, metavar="X")
    p.add_argument("--abs-tol", type=float, metavar="X")
    p.add_argument("--sig-figs", type=int, metavar="N")
    p.add_argument("--decimal-places", type=int, metavar="N")
    p.add_argument("--var", action="append", metavar="NAME[=DECL]",
                   help="a variable of the question, optionally declared: X=matrix(n,d), w=vector(d)")
    p.add_argument("--up-to-constant", metavar="NAME", help="antiderivative in this variable")
    p.add_argument("--question", help="the expression the learner was asked about")
    p.add_argument("--time-budget", type=float, metavar="SECONDS")
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="text, latex, or auto (the default: LaTeX when there is a \\command or $)")
    p.add_argument("--extract", choices=EXTRACT_MODES,
                   help="take the answer out of a longer response (\\boxed{…}, the last $…$, …)")
    p.add_argument("--reveal", action="store_true",
                   help="put the instructors' details (values of the expected answer) in the feedback")
    p.add_argument("--endpoints-only", action="store_true",
                   help="an interval answer is graded on its endpoints; open or closed ends do not matter")
    p.add_argument("--forbid", action="append", metavar="OPERATION",
                   help="an operation the answer may not contain (a tutor.ops name, e.g. exp); repeatable")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")


def _add_steps(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("steps", help="work an author formula step by step, or print the hint ladder")
    p.add_argument("expr", metavar="FORMULA",
                   help="an author formula such as det(A), bayes(0.01, 0.9, 0.05), diff(x^2 sin(x), x); "
                        "with --wrt, an expression to differentiate")
    p.add_argument("--let", action="append", metavar="NAME=VALUE",
                   help="a value for a name of the formula, e.g. --let A=\"[[4, 7], [2, 6]]\" (repeatable)")
    p.add_argument("--var", action="append", metavar="NAME=DECL",
                   help="declare a name as a vector, matrix or data, as tutor check --var does: "
                        "--var X=matrix(n,d) --var w=vector(d) (repeatable)")
    p.add_argument("--wrt", metavar="NAME", help="differentiate FORMULA by this variable (diff(FORMULA, NAME))")
    p.add_argument("--hints", action="store_true", help="print the hint ladder instead")
    p.add_argument("--latex", action="store_true", help="print LaTeX")
    p.add_argument("--macros", action="store_true",
                   help="take known compound steps at once (d/dz of the cross-entropy of σ(z) = σ(z) − y)")
    p.add_argument("--diagnose", metavar="ANSWER", help="name the mistake that gives this answer")


def _add_lint(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check problem files before learners see them")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: problems/)")
    p.add_argument("--seeds", type=int, default=25, metavar="N",
                   help="seeds to try per problem (default: 25)")
    p.add_argument("--jobs", type=int, metavar="N", help="processes to use (default: one per core)")


def _add_practice(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("practice", help="practise a problem set, or the path to a topic")
    p.add_argument("set", metavar="SET", nargs="?",
                   help="a set name (e.g. calculus/logistic_regression) or file")
    p.add_argument("--path", metavar="TOPIC",
                   help="instead of a set: the skills a machine-learning topic needs, mastered ones skipped")
    _add_run_options(p)
    p = sub.add_parser("progress", help="what has been done, mastery per skill, and what is due")
    p.add_argument("--json", action="store_true", help="everything as JSON (schema tutor.progress/1)")
    p = sub.add_parser("review", help="the problems due for review, with fresh numbers")
    p.add_argument("--limit", type=int, metavar="N", help="at most N problems (default 20)")
    _add_run_options(p)
    p = sub.add_parser("path", help="the skills a machine-learning topic needs, with your mastery")
    p.add_argument("topic", metavar="TOPIC", help="e.g. \"logistic regression\", pca, \"A/B testing\"")


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, help="a seed for a reproducible run")
    p.add_argument("--plain", action="store_true",
                   help="plain prompts, one answer per line (the default when input is not a terminal)")


def _add_grading(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("schema", help="print the JSON Schema of grading requests, verdicts and errors")
    p = sub.add_parser("grade", help="grade a JSONL or CSV file of answers, results as JSONL in order")
    p.add_argument("input", metavar="IN", help="requests: JSONL, or CSV with the columns id, response, "
                                               "expected, options (JSON)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="where to write (default: standard output); ids already there are skipped")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--format", choices=FORMATS, help="how answers are written (default auto)")
    p.add_argument("--extract", choices=EXTRACT_MODES,
                   help="take the answer out of a longer response (default auto)")
    p.add_argument("--time-budget", type=float, metavar="S", help="seconds per answer (default 2)")
    p.add_argument("--emit", choices=("tutor", "prairielearn", "gradescope"), default="tutor",
                   help="what to write: tutor verdicts (default), PrairieLearn lines, or one "
                        "Gradescope results.json at the end")
    p.add_argument("--ray", action="store_true", help="check on a Ray cluster (pip install tutor[ray])")
    p.add_argument("--ray-address", metavar="A", help="the Ray cluster (default: a running one, "
                                                      "or a new local one)")
    p = sub.add_parser("serve", help="the HTTP checking service (pip install 'tutor[serve]')")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--workers", type=int, metavar="N", help="checking processes (default: one per core)")
    p.add_argument("--max-body", type=int, metavar="BYTES", help="largest request body (default 8 MiB)")
    p.add_argument("--max-batch", type=int, metavar="N", help="most requests in a batch (default 10000)")
    p.add_argument("--max-budget", type=float, metavar="S", help="longest time budget (default 10 s)")
    p.add_argument("--max-in-flight", type=int, metavar="N",
                   help="requests served at once; more get 429 (default 64)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))


def _option_names(parser: argparse.ArgumentParser) -> set[str]:
    names = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                names |= set(sub._option_string_actions)
    return names


def _protect_math(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Let answers start with a minus sign: ``tutor check "-sin(x)" --expected "-sin(x)"``.

    argparse takes any word starting with '-' for an option; a word that is not one of our options
    gets a leading space, which the math parser ignores.

    >>> _protect_math(build_parser(), ["parse", "-x", "--json"])
    ['parse', ' -x', '--json']
    """
    options = _option_names(parser)
    return [f" {word}" if word.startswith("-") and word != "--" and word.split("=", 1)[0] not in options
            else word for word in argv]


def _dispatch(target: str):
    module, _, function = target.partition(":")
    return getattr(import_module(module), function)


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line and return its exit code (it never raises, whatever `argv` holds)."""
    safe_out: TextIO = PrintableWriter(out if out is not None else sys.stdout)  # type: ignore[assignment]
    words = [str(w) for w in (sys.argv[1:] if argv is None else list(argv))]
    as_json = "--json" in words
    try:
        parser = build_parser()
        args = parser.parse_args(_protect_math(parser, words))
        # no sub-command: the menu of problem sets (which prints the help when not at a terminal)
        target = _COMMANDS[args.command] if args.command else "tutor.repl.command:run_menu"
        command = _dispatch(target)
        if target not in _RESUME_AT_FIRST_PROMPT:
            resume_collector()
        return int(command(args, safe_out))
    except _Exit as stop:
        return stop.status
    except TutorError as err:
        return _fail(err, _record(err), as_json, safe_out)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`tutor steps … | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - the edge: a bug becomes exit 5, never a verdict's code
        if os.environ.get("TUTOR_DEBUG"):
            raise
        message = (f"internal error (a bug in tutor; please report it with the command that caused it): "
                   f"{type(err).__name__}: {err}")
        record = ErrorRecord(ErrorCode.INTERNAL_ERROR, f"{type(err).__name__}: {err}")
        _fail(message, record, as_json, safe_out)
        return EXIT_INTERNAL


def run() -> None:
    """The ``tutor`` program (and ``python -m tutor``): `main`, then the process ends without the
    interpreter's slow teardown (`tutor.process_exit`); the garbage collector is paused while it
    starts (`tutor.startup`)."""
    from tutor.process_exit import exit_process
    from tutor.startup import pause_collector

    pause_collector()
    exit_process(main())


def _record(err: TutorError) -> ErrorRecord:
    """The error object for a failure that escaped a command."""
    if isinstance(err, UsageError):
        option = (err.option or "").lstrip("-").replace("-", "_")
        if option == "expected":
            return ErrorRecord(ErrorCode.INVALID_EXPECTED, err.message, field="expected")
        if option and option not in ("json", "problems", "data_dir"):
            return ErrorRecord(ErrorCode.INVALID_OPTIONS, err.message, field=option)
    return ErrorRecord(ErrorCode.INVALID_REQUEST, err.message)


def _fail(err: TutorError | str, record: ErrorRecord, as_json: bool, out: TextIO) -> int:
    """Say what went wrong on stderr (and as the error object on stdout with --json)."""
    print(printable(str(err)), file=sys.stderr)
    if as_json:
        print(json_text(record.to_dict()), file=out)
    return err.exit_code if isinstance(err, TutorError) else EXIT_INTERNAL
