"""Typed reading of one TOML table, with plain-words errors that name the key and its line.

Every key a table may hold is read through a `TableReader`; `finish()` then refuses any key nobody
asked for, with a did-you-mean, so a misspelt key is an error instead of being ignored.

>>> from tutor.problems.source import SourceText
>>> src = SourceText("x.toml", 'title = "t"\\ntitel = "u"\\n')
>>> r = TableReader(src, {"title": "t", "titel": "u"}, path=())
>>> r.text("title")
't'
>>> r.finish()
Traceback (most recent call last):
...
tutor.errors.ProblemFileError: x.toml:2, key 'titel': unknown key; did you mean 'title'?
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from tutor.errors import ProblemFileError
from tutor.problems.source import SourceText

_MISSING = object()

KeyPath = tuple[str | int, ...]


def dotted(path: KeyPath) -> str:
    """A key path as people read it: ``("tests", 1, "status")`` → ``tests[1].status``.

    >>> dotted(("tests", 1, "status")), dotted(("params", "a")), dotted(())
    ('tests[1].status', 'params.a', '')
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def to_fraction(value: int | float) -> Fraction:
    """A TOML number as an exact fraction; decimals are read as written (0.1 is 1/10).

    >>> to_fraction(0.1), to_fraction(3)
    (Fraction(1, 10), Fraction(3, 1))
    """
    if isinstance(value, float):
        return Fraction(repr(value))  # repr is the shortest text that reads back as this float
    return Fraction(value)


def _type_name(value: object) -> str:
    names = {str: "text", bool: "true/false", int: "a whole number", float: "a decimal number",
             list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


@dataclass
class TableReader:
    """Reads the keys of one table; knows where it is (problem, key path) to report errors."""

    source: SourceText
    table: dict[str, Any]
    path: KeyPath
    problem_index: int | None = None
    problem: str | None = None
    _seen: set[str] = field(default_factory=set)

    def fail(self, message: str, key: str | int | None = None) -> ProblemFileError:
        """An error at `key` of this table (or at the table itself)."""
        path = self.path + ((key,) if key is not None else ())
        return self.source.error(message, problem_index=self.problem_index, problem=self.problem,
                                 key=dotted(path) or None, key_path=path)

    def only(self, allowed: tuple[str, ...]) -> None:
        """Refuse, before anything is read, keys that this table never has (with a suggestion)."""
        for key in self.table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                extra = (f"did you mean '{close[0]}'?" if close
                         else f"the keys allowed here are {', '.join(allowed)}")
                raise self.fail(f"unknown key; {extra}", key)

    def get(self, key: str, default: Any = _MISSING) -> Any:
        """The raw value; a missing required key is an error."""
        self._seen.add(key)
        if key in self.table:
            return self.table[key]
        if default is _MISSING:
            raise self.fail(f"the required key '{key}' is missing", None)
        return default

    def _typed(self, key: str, types: tuple[type, ...], what: str, default: Any) -> Any:
        value = self.get(key, default)
        if value is default and default is not _MISSING:
            return value
        if isinstance(value, bool) and bool not in types:
            raise self.fail(f"expected {what}, got {_type_name(value)}", key)
        if not isinstance(value, types):
            raise self.fail(f"expected {what}, got {_type_name(value)}", key)
        return value

    def text(self, key: str, default: Any = _MISSING) -> Any:
        """A required (or defaulted) non-empty string."""
        value = self._typed(key, (str,), "text in quotes", default)
        if isinstance(value, str) and not value.strip():
            raise self.fail("this text is empty", key)
        return value

    def integer(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, (int,), "a whole number", default)

    def number(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, (int, float), "a number", default)

    def boolean(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, (bool,), "true or false", default)

    def table_at(self, key: str, default: Any = _MISSING) -> Any:
        return self._typed(key, (dict,), "a table ({ ... })", default)

    def texts(self, key: str, default: Any = _MISSING, *, single_ok: bool = False) -> Any:
        """A list of strings (or one string when `single_ok`), as a tuple."""
        value = self.get(key, default)
        if value is default and default is not _MISSING:
            return value
        if single_ok and isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"expected a list of texts, got {_type_name(value)}", key)
        return tuple(value)

    def tables(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        """An array of tables (``[[problems.tests]]``), as (index, table) pairs; absent → []."""
        value = self.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"expected a list of tables ([[...{key}]]), got {_type_name(value)}", key)
        return list(enumerate(value))

    def child(self, table: dict[str, Any], *path: str | int) -> TableReader:
        """A reader for a nested table, keeping this reader's problem."""
        return TableReader(self.source, table, self.path + path, self.problem_index, self.problem)

    def finish(self) -> None:
        """Refuse keys that were never read (misspelt or unsupported), with a suggestion."""
        for key in self.table:
            if key in self._seen:
                continue
            close = difflib.get_close_matches(key, sorted(self._seen), n=1, cutoff=0.6)
            known = ", ".join(sorted(self._seen))
            extra = f"did you mean '{close[0]}'?" if close else f"the keys allowed here are {known}"
            raise self.fail(f"unknown key; {extra}", key)
