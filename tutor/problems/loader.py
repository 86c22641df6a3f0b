"""`load_problem_set(path)`: read a TOML file, check its shape, compile every problem.

>>> from pathlib import Path
>>> root = Path(__file__).resolve().parents[2]
>>> s = load_problem_set(root / "problems/calculus/logistic_regression.toml")
>>> s.course, len(s.problems) > 0
('calculus', True)
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tutor.errors import ProblemFileError
from tutor.problems.compile import compile_problem
from tutor.problems.discovery import set_id
from tutor.problems.model import ProblemSet
from tutor.problems.schema import read_set
from tutor.problems.source import SourceText

_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")
# tomllib's messages, in plainer words
_PLAIN = (
    ("Cannot overwrite a value", "this key is written twice"),
    ("Cannot declare", "this table is written twice"),
    ("Expected '=' after a key", "expected '=' after the key (write key = value)"),
    ("Invalid value", "this value cannot be read: text needs quotes, lists [ ], tables { }"),
    ("Unclosed array", "a list opened with '[' is never closed"),
    ("Unclosed inline table", "a table opened with '{' is never closed"),
    ("Unterminated string", "a text is never closed: add the closing quote"),
    ("Illegal character '\\n'", "a text in quotes is never closed on this line: add the closing "
                              "quote (use triple quotes for text over several lines)"),
    ("Unescaped '\\'", "a backslash inside quotes must be written \\\\ (or use 'single quotes')"),
    ("Illegal character", "a character that TOML does not allow here"),
)


def toml_error(path: str, err: tomllib.TOMLDecodeError) -> ProblemFileError:
    """A TOML syntax error in plain words, with its line.

    >>> try:
    ...     tomllib.loads('title = "t"\\nx = [1,\\n')
    ... except tomllib.TOMLDecodeError as err:
    ...     print(toml_error("x.toml", err))
    x.toml: TOML syntax: this value cannot be read: text needs quotes, lists [ ], tables { }
    """
    text = str(err)
    match = _AT.search(text)
    line = int(match.group(1)) if match and match.group(1) else None
    raw = _AT.sub("", text)
    plain = next((words for prefix, words in _PLAIN if raw.startswith(prefix)), raw)
    return ProblemFileError(path, f"TOML syntax: {plain}", line=line)


def load_problem_set(path: str | Path) -> ProblemSet:
    """Load one problem file; raises `ProblemFileError` naming file, line, problem and key.

    >>> fixtures = Path(__file__).resolve().parents[2] / "tests/fixtures/problems"
    >>> s = load_problem_set(fixtures / "probability/dice.toml")
    >>> s.id, s.course, s.title, [p.id for p in s.problems]
    ('probability/dice', 'probability', 'Dice for the REPL tests', ['die-mean'])
    >>> load_problem_set("no/such.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tutor.errors.ProblemFileError: no/such.toml: the file cannot be read: [Errno 2] No such file ...
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ProblemFileError(str(path), f"the file cannot be read: {err}") from None
    try:
        data = tomllib.loads(text)
        source = SourceText(str(path), text)
        spec = read_set(source, data)
        course = path.parent.name
        problems = tuple(compile_problem(source, p, course) for p in spec.problems)
    except tomllib.TOMLDecodeError as err:
        raise toml_error(str(path), err) from None
    except RecursionError:
        raise ProblemFileError(str(path), TOO_DEEP) from None
    return ProblemSet(path, set_id(path), course, spec.title, spec.description, problems)


TOO_DEEP = "the file nests tables or lists too deeply to read"
