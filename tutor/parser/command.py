"""``tutor parse TEXT``: show how an answer is read, or where and why it cannot be."""
from __future__ import annotations

import argparse
import json
from typing import TextIO

from tutor.errors import ParseError
from tutor.parser import parse


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
        parsed = parse(args.text, variables=args.var, functions=args.func)
    except ParseError as err:
        if args.json:
            print(json.dumps({"ok": False, "code": err.code, "message": err.message,
                              "span": list(err.span), "suggestion": err.suggestion},
                             ensure_ascii=False), file=out)
        else:
            print(str(err), file=out)
        return 2
    if args.json:
        print(json.dumps({"ok": True, "kind": str(parsed.kind), "interpreted": parsed.interpreted,
                          "latex": parsed.latex, "value": str(parsed.value),
                          "variables": sorted(parsed.variables),
                          "notes": [n.message for n in parsed.notes]}, ensure_ascii=False), file=out)
        return 0
    print(f"read as:   {parsed.interpreted}", file=out)
    print(f"kind:      {parsed.kind}", file=out)
    if parsed.variables:
        print(f"variables: {', '.join(sorted(parsed.variables))}", file=out)
    for note in parsed.notes:
        print(f"note:      {note.message}", file=out)
    return 0
