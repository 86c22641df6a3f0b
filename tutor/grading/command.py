"""``tutor schema`` (the JSON Schema of requests, verdicts and errors) and ``tutor grade``."""
from __future__ import annotations

import argparse
import json
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
