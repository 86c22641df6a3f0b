"""What `tutor grade` writes for each result: tutor's own JSONL, PrairieLearn's lines, or one
Gradescope ``results.json`` at the end.

>>> import io
>>> from tutor.checker import check
>>> out = io.StringIO()
>>> w = writer("tutor", out)
>>> w.write(check("x", "x"), 1); w.close()
>>> json.loads(out.getvalue())["status"]
'correct'
"""
from __future__ import annotations

import json
from typing import Any, Protocol, TextIO

from tutor.adapters import gradescope, prairielearn
from tutor.checker import Verdict
from tutor.contract import ErrorRecord
from tutor.printable import json_text

EMITS = ("tutor", "prairielearn", "gradescope")

Result = Verdict | ErrorRecord


class Writer(Protocol):
    def write(self, result: Result, line: int) -> None: ...
    def close(self) -> None: ...


def tutor_record(result: Result, line: int) -> dict[str, Any]:
    """The verdict's object (``tutor.verdict/1``), or the error object with its line.

    >>> from tutor.contract import ErrorCode
    >>> tutor_record(ErrorRecord(ErrorCode.INVALID_ITEM, "bad"), 7)["line"]
    7
    """
    record = result.to_dict()
    if isinstance(result, ErrorRecord):
        record["line"] = line
    return record


class _Lines:
    """One JSON object per line, written (and flushed) as each result comes."""

    def __init__(self, stream: TextIO, emit: str) -> None:
        self.stream = stream
        self.emit = emit

    def write(self, result: Result, line: int) -> None:
        if self.emit == "prairielearn":
            record = prairielearn.record(result)
            if result.id is None:
                record["line"] = line
        else:
            record = tutor_record(result, line)
        self.stream.write(json_text(record) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class _Gradescope:
    """Every result kept, then one ``results.json`` written whole at the end."""

    def __init__(self, stream: TextIO | None, path: str | None) -> None:
        self.stream = stream
        self.path = path
        self.results: list[Result] = []

    def write(self, result: Result, line: int) -> None:
        self.results.append(result)

    def close(self) -> None:
        if self.path is not None:
            gradescope.write_results(self.results, self.path)
        elif self.stream is not None:
            self.stream.write(json_text(gradescope.results_json(self.results)) + "\n")


def writer(emit: str, stream: TextIO | None, path: str | None = None) -> Writer:
    """The writer for `emit` ("tutor", "prairielearn" or "gradescope"); Gradescope's file goes
    to `path` when given, else to `stream`."""
    if emit == "gradescope":
        return _Gradescope(stream, path)
    assert stream is not None
    return _Lines(stream, emit)
