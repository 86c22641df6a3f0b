"""`assert_correct`: an answer check for notebook tests (nbgrader, otter, plain ``assert``).

>>> assert_correct("2(x+1)", "2x + 2").correct
True
>>> assert_correct("-2x", "2x")
Traceback (most recent call last):
...
AssertionError: incorrect: Not quite. Check the sign: your answer is the negative of the expected answer. (read as: −2·x)
"""
from __future__ import annotations

from typing import Any

from tutor.checker import Verdict, check


def assert_correct(response: Any, expected: Any, **options: Any) -> Verdict:
    """The verdict when `response` is correct; otherwise `AssertionError` with the verdict's
    status, its feedback (never the expected answer) and how the response was read. Options
    are those of `tutor.check`; a bad option or expected answer raises `tutor.CheckError`.
    """
    verdict = check(response, expected, **options)
    if not verdict.correct:
        read = f" (read as: {verdict.interpreted_as})" if verdict.interpreted_as else ""
        raise AssertionError(f"{verdict.status}: {verdict.feedback}{read}")
    return verdict
