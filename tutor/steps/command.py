"""``tutor steps FORMULA [--let NAME=VALUE]… [--var NAME=DECL]… [--wrt x] [--hints] [--latex] [--macros] [--diagnose ANSWER]``.

FORMULA is an author formula (``det(A)``, ``bayes(0.01, 0.9, 0.05)``,
``diff(x^2 sin(x), x)``) whose outermost operation chooses the engine; with
``--wrt x`` it is an expression to differentiate (the shorthand for
``diff(FORMULA, x)``); ``--var X=matrix(n,d)`` declares a name's shape, as for
``tutor check``. Prints the numbered steps (or the hint ladder, or
LaTeX). Exit codes: 0 done, 1 a diagnosed mistake (with ``--diagnose``), 2 the
input cannot be used, 3 some step has no known rule (the steps are printed
with it).
"""
from __future__ import annotations

import argparse
import time
from typing import TextIO

from tutor import deadline
from tutor.checker.options import TIME_BUDGET
from tutor.errors import StepError, TutorError
from tutor.linalg.declare import parse_var_option
from tutor.steps.derivation import derivative_steps
from tutor.steps.solve import Worked, solution_steps


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``tutor steps`` and return its exit code.

    >>> import argparse, io
    >>> out = io.StringIO()
    >>> run(argparse.Namespace(expr="x^2", wrt="x", hints=False, latex=False), out)
    0
    >>> out.getvalue().splitlines()[-1]
    'Answer: d/dx x² = 2x'
    >>> run(argparse.Namespace(expr="det(A)", let=["A=[[3, 2], [1, 4]]"], hints=False, latex=False), out)
    0
    >>> out.getvalue().splitlines()[-1]
    'Answer: det([[3, 2], [1, 4]]) = 10'
    """
    try:
        worked = _work(args)
        if getattr(args, "diagnose", None) is not None:
            return _diagnose(worked, args.diagnose, out)
    except TutorError as err:
        print(str(err), file=out)
        return 2
    if args.hints:
        _print_hints(worked, args.latex, out)
    else:
        print(worked.latex() if args.latex else worked.render(), file=out)
    return 3 if worked.has_unknown else 0


def _work(args: argparse.Namespace) -> Worked:
    wrt = getattr(args, "wrt", None)
    if wrt is not None:
        return derivative_steps(args.expr, wrt, macros=getattr(args, "macros", False))
    values: dict[str, str] = {}
    for item in getattr(args, "let", None) or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise StepError(f"--let needs NAME=VALUE, e.g. --let A=\"[[1, 2], [3, 4]]\"; got '{item}'.")
        values[name.strip()] = value
    return solution_steps(args.expr, declare=_declared(getattr(args, "var", None)), **values)


def _declared(given: list[str] | None) -> dict[str, str] | None:
    """``--var X=matrix(n,d)`` (repeatable) as the declarations of `solution_steps`; a name alone is a scalar.

    >>> _declared(["X=matrix(n,d)", "c"]), _declared(None)
    ({'X': 'matrix(n,d)', 'c': 'scalar'}, None)
    """
    if not given:
        return None
    pairs = [parse_var_option(g) for g in given]
    if any(not name for name, _ in pairs):
        raise StepError("--var needs NAME=DECLARATION, e.g. --var X=matrix(n,d).")
    return {name: decl or "scalar" for name, decl in pairs}


def _print_hints(worked: Worked, latex: bool, out: TextIO) -> None:
    for i, hint in enumerate(worked.hints(), 1):
        print(f"{i:>2}. [{hint.level}] {hint.text}", file=out)
        if latex and hint.latex:
            print(f"    LaTeX: {hint.latex}", file=out)
        for step in hint.more:  # the detailed steps behind the rung (the learner's :more)
            print(f"      · [{step.level}] {step.text}", file=out)
            if latex and step.latex:
                print(f"        LaTeX: {step.latex}", file=out)


def _diagnose(worked: Worked, answer: str, out: TextIO) -> int:
    try:
        with deadline.keep(time.monotonic() + TIME_BUDGET):   # a check's budget: the engine ticks
            diagnosis = worked.diagnose(answer)
    except deadline.OutOfTime:
        print(f"No known mistake was found within {TIME_BUDGET:g} s.", file=out)
        return 0
    if diagnosis is None:
        print("No known mistake gives this answer.", file=out)
        return 0
    bugs = ", ".join([diagnosis.bug] + [d.bug for d in diagnosis.alternatives])
    print(f"{diagnosis.message}\n[{bugs} at step {diagnosis.step}]", file=out)
    for hint in diagnosis.hints:
        print(f"  - {hint.text}", file=out)
    return 1
