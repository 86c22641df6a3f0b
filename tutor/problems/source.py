"""Where things are in a problem file: lines of problems and keys, for error messages.

`tomllib` gives a line only for syntax errors; for a semantic error (an unknown key, a formula
that does not parse) we find the key's line in the file text ourselves.

>>> src = SourceText("x.toml", 'title = "t"\\n[[problems]]\\nid = "p"\\nanswer = "2x"\\n')
>>> src.line_of(0, ("answer",))
4
>>> src.error("no good", problem_index=0, problem="p", key="answer").line
4
"""
from __future__ import annotations

import re
from dataclasses import field
from functools import cached_property

from tutor.errors import ProblemFileError
from tutor.values import frozen

_PROBLEM_HEADER = re.compile(r"^\s*\[\[\s*problems\s*\]\]")


def _component_pattern(name: str) -> re.Pattern[str]:
    # a key as written: `name =`, `"name" =`, inside `{ ... name = }`, or a table header `.name]`
    quoted = re.escape(name)
    return re.compile(rf"(?:^|[\s{{,.\[])\"?{quoted}\"?\s*(?:=|\]|\.)")


@frozen
class SourceText:
    """The text of one problem file, to point errors at lines."""

    path: str
    text: str
    _lines: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lines", tuple(self.text.splitlines()))

    @cached_property
    def problem_starts(self) -> tuple[int, ...]:
        """0-based line index of each `[[problems]]` header."""
        return tuple(i for i, line in enumerate(self._lines) if _PROBLEM_HEADER.match(line))

    def _block(self, problem_index: int | None) -> tuple[int, int]:
        starts = self.problem_starts
        if problem_index is None:
            return 0, starts[0] if starts else len(self._lines)
        if problem_index >= len(starts):
            return 0, len(self._lines)
        end = starts[problem_index + 1] if problem_index + 1 < len(starts) else len(self._lines)
        return starts[problem_index], end

    def line_of(self, problem_index: int | None, key_path: tuple[str | int, ...] = ()) -> int | None:
        """1-based line of a key inside a problem (or the set header when `problem_index` is None).

        A path component that is an int selects the n-th array-of-tables entry
        (``("tests", 2, "status")``). Falls back to the nearest enclosing line found.
        """
        start, end = self._block(problem_index)
        found = start if problem_index is not None else None
        cursor = start
        parent = None
        for part in key_path:
            if isinstance(part, int):
                line = self._nth_table(parent, part, cursor, end)
            else:
                line = self._find(part, cursor, end)
                parent = part
            if line is None:
                break
            found = cursor = line
        return None if found is None else found + 1

    def _find(self, name: str, start: int, end: int) -> int | None:
        pattern = _component_pattern(name)
        for i in range(start, end):
            code = self._lines[i].split("#", 1)[0]
            if pattern.search(code):
                return i
        return None

    def _nth_table(self, name: str | None, n: int, start: int, end: int) -> int | None:
        if name is None:
            return None
        header = re.compile(rf"^\s*\[\[\s*problems\.{re.escape(name)}\s*\]\]")
        hits = [i for i in range(start, end) if header.match(self._lines[i])]
        return hits[n] if n < len(hits) else None

    def error(self, message: str, *, problem_index: int | None = None, problem: str | None = None,
              key: str | None = None, key_path: tuple[str | int, ...] | None = None,
              line: int | None = None) -> ProblemFileError:
        """A `ProblemFileError` for this file, with the key's line found when not given."""
        if line is None:
            path = key_path if key_path is not None else tuple(key.split(".")) if key else ()
            line = self.line_of(problem_index, path)
        return ProblemFileError(self.path, message, key=key, problem=problem, line=line)
