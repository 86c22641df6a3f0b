"""The one error root of `tutor` and the errors of each stage.

Library code raises these; only the command line and the REPL turn them into
messages and exit codes. The command line's exit codes: 0-3 a verdict (correct,
incorrect, invalid, undetermined), 4 a request that cannot be done as asked (an
unreadable expected answer, a bad option or argument, a broken file or store),
5 an internal error (a bug in tutor), never a verdict's code.
"""
from __future__ import annotations

from tutor.printable import visible


class TutorError(Exception):
    """Root of every error `tutor` raises on purpose.

    >>> issubclass(ParseError, TutorError)
    True
    """

    exit_code = 4  # a request that cannot be done as asked; never a verdict's code

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ParseError(TutorError):
    """Text that cannot be read as mathematics.

    `message` is in a learner's words, `span` is the (start, end) of the
    problem in `text`, and `code` is a stable label for graders and tests.
    `str(err)` shows the input with a caret under the problem.

    >>> err = ParseError("2x +", (4, 4), "Something is missing after '+'.", "missing_operand")
    >>> print(err)
    Something is missing after '+'.
      2x +
          ^
    """

    exit_code = 2  # the text is invalid, as a learner's unreadable answer is

    def __init__(self, text: str, span: tuple[int, int], message: str, code: str = "syntax",
                 suggestion: str | None = None) -> None:
        super().__init__(message)
        self.text = text
        self.span = span
        self.code = code
        self.suggestion = suggestion

    def caret(self) -> str:
        """The input on one line and carets under the span, indented by two spaces."""
        start, end = self.span
        # one column per character, and no escape sequence reaches the terminal
        line = visible(self.text.replace("\n", " ").replace("\t", " "))
        start = max(0, min(start, len(line)))
        width = max(1, min(end, len(line)) - start)
        return f"  {line}\n  {' ' * start}{'^' * width}"

    def __str__(self) -> str:
        if not self.text:
            return self.message
        if len(self.text) > 200:
            return f"{self.message} (at character {self.span[0] + 1})"
        return f"{self.message}\n{self.caret()}"


class ProblemFileError(TutorError):
    """A problem file that cannot be loaded: names the file, line, problem and key."""

    def __init__(self, path: str, message: str, *, key: str | None = None,
                 problem: str | None = None, line: int | None = None) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        self.line = line
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        if self.problem:
            where += f", problem '{self.problem}'"
        if self.key:
            where += f", key '{self.key}'"
        return f"{where}: {self.message}"


class CheckError(TutorError):
    """A check that cannot be run as asked (a bad option, an unusable expected answer)."""


class UsageError(TutorError):
    """Command-line arguments that do not make a request (an unknown option, a missing argument).

    `option` is the option at fault when one is named (``"--rel-tol"``).
    """

    def __init__(self, message: str, usage: str = "", option: str | None = None) -> None:
        super().__init__(message)
        self.usage = usage
        self.option = option

    def __str__(self) -> str:
        return f"{self.usage}tutor: error: {self.message}"


class StepError(TutorError):
    """A derivation that cannot be built as asked (for example no variable to differentiate by)."""


class ProgressError(TutorError):
    """The progress store cannot be opened or written (corrupt, or from a newer tutor)."""
