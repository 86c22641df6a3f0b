"""Grading a whole file: requests in, results out in the same order, resumable.

Results stream to the output as they come (a crash loses nothing already written); a run
started again on the same output skips the ids (or lines) already there. Malformed lines are
written as error records in their place. The checking itself is `tutor.check_many` (or
`tutor.distributed.check_many` with ``ray=True``): one pool, one budget per item.

>>> import io, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     src = Path(tmp) / "in.jsonl"
...     _ = src.write_text('{"id": "a", "response": "2x", "expected": "x+x"}\\n', encoding="utf-8")
...     out = io.StringIO()
...     summary = grade_file(GradeRun(input=src), out)
>>> json.loads(out.getvalue())["status"], summary.counts
('correct', {'correct': 1})
"""
from __future__ import annotations

import collections
import json
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tutor.checker import Verdict
from tutor.contract import ErrorRecord
from tutor.errors import TutorError
from tutor.grading.emit import writer
from tutor.grading.files import Entry, count_lines, done_keys, read_entries, record_key
from tutor.grading.request import DEFAULT_EXTRACT
from tutor.values import frozen

Result = Verdict | ErrorRecord


@frozen
class GradeRun:
    """What to grade and how (the arguments of ``tutor grade``)."""

    input: Path
    output: Path | None = None
    workers: int | None = None
    format: str | None = None
    extract: str | None = DEFAULT_EXTRACT
    time_budget: float | None = None
    emit: str = "tutor"
    ray: bool = False
    ray_address: str | None = None


@dataclass
class Summary:
    """How many results of each kind a run wrote, and how many it skipped as already done."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    def add(self, result: Verdict | ErrorRecord) -> None:
        kind = str(result.status) if isinstance(result, Verdict) else "error"
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def line(self) -> str:
        """One line for the terminal.

        >>> Summary({"correct": 2, "error": 1}, skipped=4).line()
        'graded 3: correct 2, error 1; skipped 4 already done'
        """
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        done = f"; skipped {self.skipped} already done" if self.skipped else ""
        return f"graded {sum(self.counts.values())}: {parts or 'nothing'}{done}"


def grade_file(run: GradeRun, out: TextIO) -> Summary:
    """Grade `run.input` into `run.output` (appending after what is there), or into `out`."""
    summary = Summary()
    entries = read_entries(run.input, format=run.format, extract=run.extract)
    resumable = run.output is not None and run.emit != "gradescope"
    done = done_keys(run.output) if resumable and run.output is not None else set()
    todo = _skipping(entries, done, summary)
    stream: TextIO | None = out
    if resumable and run.output is not None:
        stream = run.output.open("a", encoding="utf-8")
    path = str(run.output) if run.emit == "gradescope" and run.output is not None else None
    sink = writer(run.emit, stream, path)
    try:
        for result, line in _progress(in_order(todo, lambda items: _check_many(items, run)), run.input):
            summary.add(result)
            sink.write(result, line)
        sink.close()
    finally:
        if stream is not out and stream is not None:
            stream.close()
    return summary


def _skipping(entries: Iterator[Entry], done: set[str], summary: Summary) -> Iterator[Entry]:
    for entry in entries:
        if done and (record_key(entry.id, None) in done or record_key(None, entry.line) in done):
            summary.skipped += 1
            continue
        yield entry


def in_order(entries: Iterator[Entry], check: Callable[[Iterator[dict[str, Any]]], Iterator[Result]]
             ) -> Generator[tuple[Result, int], None, None]:
    """Each entry's result with its line, in input order: the items go through `check` (a batch
    API such as `tutor.check_many`), the error records of malformed lines are put back in their
    places.

    >>> from tutor.checker.batch import check_many
    >>> from tutor.contract import ErrorCode
    >>> bad = Entry(2, error=ErrorRecord(ErrorCode.INVALID_ITEM, "Line 2 is not valid JSON."))
    >>> good = Entry(1, item={"id": 1, "response": "x", "expected": "x"})
    >>> [(type(r).__name__, line) for r, line in in_order(iter([good, bad]), check_many)]
    [('Verdict', 1), ('ErrorRecord', 2)]
    """
    waiting: collections.deque[Entry] = collections.deque()

    def items() -> Iterator[dict[str, Any]]:
        for entry in entries:
            waiting.append(entry)
            if entry.item is not None:
                yield entry.item

    for result in check(items()):
        while waiting and waiting[0].item is None:
            yield _error(waiting.popleft())
        yield result, waiting.popleft().line
    while waiting:
        yield _error(waiting.popleft())


def _error(entry: Entry) -> tuple[Result, int]:
    assert entry.error is not None
    return entry.error, entry.line


def _check_many(items: Iterator[dict[str, Any]], run: GradeRun) -> Iterator[Verdict | ErrorRecord]:
    options: dict[str, Any] = {}
    if run.time_budget is not None:
        options["time_budget"] = run.time_budget
    if run.ray:
        try:
            from tutor.distributed import check_many as distributed
        except ImportError as err:
            raise TutorError(f"tutor grade --ray needs Ray: pip install 'tutor[ray]' ({err}).") from None
        return distributed(items, address=run.ray_address, num_actors=run.workers, **options)
    from tutor.checker.batch import check_many

    return check_many(items, workers=run.workers, **options)


def _progress(results: Iterator[Any], source: Path) -> Iterator[Any]:
    """A progress bar on standard error, only when it is a terminal (tqdm draws it)."""
    if not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=count_lines(source), unit="answer", file=sys.stderr,
                     dynamic_ncols=True))
