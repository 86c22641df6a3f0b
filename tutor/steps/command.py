"""``tutor steps EXPR --wrt x [--hints] [--latex] [--macros] [--diagnose ANSWER]``.

Prints the numbered derivation (or its hint ladder, or LaTeX). Exit codes: 0
done, 1 a diagnosed mistake (with ``--diagnose``), 2 the input cannot be
used, 3 some step has no known rule (the derivation is printed with it).
"""
from __future__ import annotations

import argparse
from typing import TextIO

from tutor.errors import TutorError
from tutor.steps.derivation import Derivation, derivative_steps


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``tutor steps`` and return its exit code.

    >>> import argparse, io
    >>> out = io.StringIO()
    >>> run(argparse.Namespace(expr="x^2", wrt="x", hints=False, latex=False), out)
    0
    >>> out.getvalue().splitlines()[-1]
    'Answer: d/dx x² = 2x'
    """
    try:
        derivation = derivative_steps(args.expr, args.wrt, macros=getattr(args, "macros", False))
        if getattr(args, "diagnose", None) is not None:
            return _diagnose(derivation, args.diagnose, out)
    except TutorError as err:
        print(str(err), file=out)
        return 2
    if args.hints:
        _print_hints(derivation, args.latex, out)
    else:
        print(derivation.latex() if args.latex else derivation.render(), file=out)
    return 3 if derivation.has_unknown else 0


def _print_hints(derivation: Derivation, latex: bool, out: TextIO) -> None:
    for i, hint in enumerate(derivation.hints(), 1):
        print(f"{i:>2}. [{hint.level}] {hint.text}", file=out)
        if latex and hint.latex:
            print(f"    LaTeX: {hint.latex}", file=out)


def _diagnose(derivation: Derivation, answer: str, out: TextIO) -> int:
    diagnosis = derivation.diagnose(answer)
    if diagnosis is None:
        print("No known mistake gives this answer.", file=out)
        return 0
    print(f"{diagnosis.message}\n[{diagnosis.bug} at step {diagnosis.step}]", file=out)
    for hint in diagnosis.hints:
        print(f"  - {hint.text}", file=out)
    return 1
