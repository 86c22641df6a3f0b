"""The ``tutor`` command line: ``main(argv) -> int``.

Each sub-command's work lives in its stage (``tutor.<stage>.command.run``) and
is imported only when that sub-command runs, so start-up stays fast. Errors are
turned into a message and an exit code here, at the edge, and nowhere else.

>>> main(["parse", "2x"], out=__import__("io").StringIO())
0
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import TextIO

from tutor.errors import TutorError

# sub-command -> "module:function"; the function takes (args, out) and returns an exit code
_COMMANDS = {
    "parse": "tutor.parser.command:run",
    "check": "tutor.checker.command:run",
    "steps": "tutor.steps.command:run",
    "lint": "tutor.problems.command:run",
    "practice": "tutor.repl.command:run_practice",
    "progress": "tutor.repl.command:run_progress",
    "schema": "tutor.grading.command:run_schema",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(
        prog="tutor",
        description="A symbolic-math tutor for the mathematics of machine learning.",
    )
    parser.add_argument("--problems", action="append", metavar="PATH",
                        help="another folder of problem sets (repeatable)")
    parser.add_argument("--data-dir", metavar="PATH", help="where progress is kept")
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
    p.add_argument("--var", action="append", metavar="NAME", help="a variable of the question")
    p.add_argument("--up-to-constant", metavar="NAME", help="antiderivative in this variable")
    p.add_argument("--question", help="the expression the learner was asked about")
    p.add_argument("--time-budget", type=float, metavar="SECONDS")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")


def _add_steps(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("steps", help="differentiate step by step, or print the hint ladder")
    p.add_argument("expr", help="the expression to differentiate")
    p.add_argument("--wrt", required=True, metavar="NAME", help="the variable")
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
    p = sub.add_parser("practice", help="practise a problem set")
    p.add_argument("set", metavar="SET", help="a set name (e.g. calculus/logistic_regression) or file")
    p.add_argument("--seed", type=int, help="a seed for a reproducible run")
    p.add_argument("--plain", action="store_true",
                   help="plain prompts, one answer per line (the default when input is not a terminal)")
    sub.add_parser("progress", help="what has been done, per course, set and skill")


def _add_grading(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("schema", help="print the JSON Schema of grading requests, verdicts and errors")


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
    """Run the command line and return its exit code."""
    out = out if out is not None else sys.stdout
    parser = build_parser()
    args = parser.parse_args(_protect_math(parser, sys.argv[1:] if argv is None else list(argv)))
    # no sub-command: the menu of problem sets (which prints the help when not at a terminal)
    target = _COMMANDS[args.command] if args.command else "tutor.repl.command:run_menu"
    try:
        return int(_dispatch(target)(args, out))
    except TutorError as err:
        print(str(err), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`tutor steps … | head`): stop quietly, as Unix tools do
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
