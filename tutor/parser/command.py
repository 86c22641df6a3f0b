"""``tutor parse TEXT``: show how an answer is read, or where and why it cannot be."""
from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from tutor.errors import CheckError, ParseError
from tutor.linalg.declare import Declaration, declarations, parse_var_option
from tutor.printable import json_text
from tutor.parser import parse
from tutor.parser.computed import reading


def parse_result(text: str, variables: Sequence[str] | None = None,
                 functions: Sequence[str] | None = None,
                 shapes: Mapping[str, Declaration] | None = None, format: str = "auto") -> dict[str, Any]:
    """The JSON-ready reading of `text` (``tutor parse --json`` and the service's ``/v1/parse``):
    ``{"ok": true, "kind", "interpreted", ...}`` or ``{"ok": false, "code", "message", "span", ...}``.

    A preview shows the reading, never a computed result: `interpreted` (text) and `latex` show
    the answer as typed, and `value` is the same reading in SymPy's syntax, unevaluated
    (``2 + 3`` stays ``2 + 3``, the inverse of a typed matrix stays an inverse).

    >>> parse_result("2x")["interpreted"], parse_result("2x +")["span"]
    ('2·x', [3, 4])
    >>> parse_result("2+3")["value"], parse_result("[[-1,-1],[5,2]]^-1")["interpreted"]
    ('2 + 3', '[[−1, −1], [5, 2]]^−1')
    """
    try:
        parsed = parse(text, variables=variables, functions=functions, shapes=shapes, format=format)
    except ParseError as err:
        return {"ok": False, "code": err.code, "message": err.message, "span": list(err.span),
                "suggestion": err.suggestion}
    return {"ok": True, "kind": str(parsed.kind), "interpreted": parsed.interpreted,
            "latex": parsed.latex, "value": str(reading(parsed.expr)), "variables": sorted(parsed.variables),
            "notes": [n.message for n in parsed.notes]}


def _declared(given: Sequence[str] | None) -> tuple[list[str] | None, dict[str, Declaration] | None]:
    """``--var x --var X=matrix(n,d)``: the names, and the declarations of those that have one.

    >>> _declared(["x", "w=vector(d)"])[1]["w"].shape
    ('d', 1)
    """
    if not given:
        return None, None
    pairs = [parse_var_option(g) for g in given]
    shapes = declarations({name: decl for name, decl in pairs if decl is not None})
    return [name for name, _ in pairs], shapes or None


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the interpretation (exit 0) or the error with its caret (exit 2).

    >>> import argparse, io
    >>> out = io.StringIO()
    >>> run(argparse.Namespace(text="sin 2x", var=None, func=None, json=False), out)
    0
    >>> out.getvalue().splitlines()[0]
    'read as:   sin(2·x)'
    """
    try:
        names, shapes = _declared(args.var)
    except CheckError as err:
        print(str(err), file=out)
        return CheckError.exit_code
    if args.json:
        result = parse_result(args.text, variables=names, functions=args.func, shapes=shapes,
                              format=getattr(args, "format", "auto"))
        print(json_text(result), file=out)
        return 0 if result["ok"] else 2
    try:
        parsed = parse(args.text, variables=names, functions=args.func, shapes=shapes,
                       format=getattr(args, "format", "auto"))
    except ParseError as err:
        print(str(err), file=out)
        return 2
    print(f"read as:   {parsed.interpreted}", file=out)
    print(f"kind:      {parsed.kind}", file=out)
    if parsed.variables:
        print(f"variables: {', '.join(sorted(parsed.variables))}", file=out)
    for note in parsed.notes:
        print(f"note:      {note.message}", file=out)
    return 0
