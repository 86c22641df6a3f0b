"""Grading files: JSONL or CSV requests in, one entry per line, a malformed line an error
record (with its line number) in its place, never a stop.

JSONL: one request object per line (blank lines skipped). CSV: a header with the columns
``response`` and ``expected`` and optionally ``id``, ``options`` (a JSON object),
``format`` and ``extract``; other columns are ignored (platform exports carry names and
e-mail addresses). A request without an id gets its line number, so every result can be
matched and a run resumed.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "in.jsonl"
...     _ = path.write_text('{"response": "2x", "expected": "x+x"}\\n{oops\\n', encoding="utf-8")
...     entries = list(read_entries(path))
>>> entries[0].item["id"], entries[1].line, entries[1].error.code
(1, 2, <ErrorCode.INVALID_ITEM: 'INVALID_ITEM'>)
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tutor.contract import ErrorCode, ErrorRecord
from tutor.errors import TutorError
from tutor.grading.request import DEFAULT_EXTRACT, item_from_request
from tutor.values import frozen

CSV_COLUMNS = ("id", "response", "expected", "options", "format", "extract")


class GradingFileError(TutorError):
    """A grading file that cannot be read at all (missing, or a CSV without the needed columns)."""


@frozen
class Entry:
    """One request of a grading file: its line, and the item to check or the error in its place."""

    line: int
    item: dict[str, Any] | None = None
    error: ErrorRecord | None = None

    @property
    def id(self) -> Any:
        return self.item["id"] if self.item is not None else self.error.id if self.error else None


def is_csv(path: Path) -> bool:
    """CSV by the file's extension; anything else (``.jsonl``, ``.ndjson``, ``-``) is JSONL.

    >>> is_csv(Path("answers.CSV")), is_csv(Path("answers.jsonl"))
    (True, False)
    """
    return path.suffix.lower() == ".csv"


def read_entries(path: Path, *, format: str | None = None,
                 extract: str | None = DEFAULT_EXTRACT) -> Iterator[Entry]:
    """Every request of the file at `path`, in order (see the module's docstring)."""
    if not path.is_file():
        raise GradingFileError(f"tutor grade: no such file: {path}")
    reader = _csv_entries if is_csv(path) else _jsonl_entries
    yield from reader(path, format, extract)


def count_lines(path: Path) -> int:
    """Lines in the file (the progress bar's total; a CSV's header not counted)."""
    with path.open("rb") as stream:
        lines = sum(1 for _ in stream)
    return max(0, lines - 1) if is_csv(path) else lines


def entry_for(line: int, data: Any, format: str | None = None,
              extract: str | None = DEFAULT_EXTRACT) -> Entry:
    """The entry of one decoded request; a request without an id is known by its line.

    >>> entry_for(4, {"response": "x", "expected": "x"}).item["id"]
    4
    """
    if isinstance(data, dict) and data.get("id") is None:
        data = {**data, "id": line}
    found = item_from_request(data, format=format, extract=extract)
    if isinstance(found, ErrorRecord):
        return Entry(line, error=found)
    return Entry(line, item=found)


def _jsonl_entries(path: Path, format: str | None, extract: str | None) -> Iterator[Entry]:
    with path.open("rb") as stream:
        yield from jsonl_entries(stream, format=format, extract=extract)


def jsonl_entries(lines: Iterable[bytes], *, format: str | None = None,
                  extract: str | None = DEFAULT_EXTRACT) -> Iterator[Entry]:
    """An entry for each non-blank line of JSONL given as bytes (a file, or an HTTP body).

    >>> [e.line for e in jsonl_entries([b'{"response": "x", "expected": "x"}\\n', b"\\n", b"[]"])]
    [1, 3]
    """
    for number, raw in enumerate(lines, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield _malformed(number, f"Line {number} is not UTF-8 text ({err.reason} at byte {err.start}).")
            continue
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            yield _malformed(number, f"Line {number} is not valid JSON: {err.msg} (column {err.colno}).")
            continue
        yield entry_for(number, data, format, extract)


def _csv_entries(path: Path, format: str | None, extract: str | None) -> Iterator[Entry]:
    with path.open("r", encoding="utf-8", errors="replace", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [c for c in ("response", "expected") if c not in (reader.fieldnames or ())]
        if missing:
            raise GradingFileError(f"tutor grade: {path} has no column {missing[0]!r} "
                                   f"(columns: {', '.join(CSV_COLUMNS)}).")
        for row in reader:
            number = reader.line_num
            data: dict[str, Any] = {k: row[k] for k in CSV_COLUMNS if row.get(k) not in (None, "")}
            if None in row or any(row.get(k) is None for k in ("response", "expected")):
                yield _malformed(number, f"Line {number} does not have as many fields as the header.")
                continue
            data.setdefault("response", "")
            if isinstance(data.get("options"), str):
                try:
                    data["options"] = json.loads(data["options"])
                except json.JSONDecodeError as err:
                    yield Entry(number, error=ErrorRecord(
                        ErrorCode.INVALID_OPTIONS, f"Line {number}: the options are not valid JSON: "
                        f"{err.msg}.", field="options", id=data.get("id", number)))
                    continue
            yield entry_for(number, data, format, extract)


def _malformed(line: int, message: str) -> Entry:
    return Entry(line, error=ErrorRecord(ErrorCode.INVALID_ITEM, message))


def done_keys(path: Path) -> set[str]:
    """What a previous run already wrote to `path` (a JSONL output): the key of each record,
    its id, or its line when it had none. A last line cut short by a crash is removed, so
    the run goes on from a clean end.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = Path(tmp) / "out.jsonl"
    ...     _ = out.write_text('{"id": 1}\\n{"line": 4, "schema": "tutor.error/1"}\\n{"id": 3, "sta', encoding="utf-8")
    ...     keys = done_keys(out)
    ...     rest = out.read_text(encoding="utf-8")
    >>> sorted(keys), rest.count("\\n")
    (['id:1', 'line:4'], 2)
    """
    if not path.is_file():
        return set()
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with path.open("r+b") as stream:
            stream.truncate(end)
    keys: set[str] = set()
    for raw in io.BytesIO(data[:end]):
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(record, dict):
            key = record_key(record.get("id"), record.get("line"))
            if key:
                keys.add(key)
    return keys


def record_key(ident: Any, line: Any) -> str | None:
    """The key a result is known by when resuming: its id, else its line.

    >>> record_key("q1", 3), record_key(None, 3), record_key(None, None)
    ('id:"q1"', 'line:3', None)
    """
    if ident is not None:
        return "id:" + json.dumps(ident, sort_keys=True, ensure_ascii=False)
    if line is not None:
        return f"line:{line}"
    return None
