"""Practice without a terminal: plain prompts, one answer per line, the same verdicts.

For ``tutor practice SET < answers.txt``, for scripts, and for screen readers
(``--plain``). Each answer read is echoed after the prompt, so a transcript
reads like the session it was. End of input ends the run with its summary.

>>> import io
>>> from tutor.repl.plain import PROMPT
>>> PROMPT
'answer> '
"""
from __future__ import annotations

from typing import TextIO

from tutor.errors import TutorError
from tutor.printable import printable
from tutor.repl.render import feedback_fragments, notice_fragments, plain, problem_fragments
from tutor.session import Session
from tutor.startup import resume_collector

PROMPT = "answer> "


def run_plain(session: Session, lines: TextIO, out: TextIO) -> int:
    """Run `session` reading answers from `lines` and writing to `out`; returns the exit code 0."""
    _show_problem(session, out)
    resume_collector()  # start-up is over (`tutor.startup`)
    while not session.finished:
        out.write(PROMPT)
        out.flush()
        line = _decoded(lines.readline())
        if not line:  # end of input: finish as if the learner typed :quit
            out.write("\n")
            line = ":quit"
        else:
            out.write(printable(line if line.endswith("\n") else line + "\n"))
        try:
            feedback = session.submit(line.rstrip("\r\n"))
        except TutorError as err:
            _write(out, notice_fragments(str(err)))
            continue
        _write(out, feedback_fragments(feedback))
        if feedback.advanced:
            _show_problem(session, out)
    return 0


def _decoded(line: str) -> str:
    """A line as text: bytes that were not UTF-8 (kept by Python as lone surrogates) become �.

    >>> _decoded("2x\\udcff")
    '2x�'
    """
    try:
        line.encode("utf-8")
        return line
    except UnicodeEncodeError:
        try:
            return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a surrogate that no byte escaped into
            return line.encode("utf-8", "replace").decode("utf-8")


def _show_problem(session: Session, out: TextIO) -> None:
    for notice in session.take_notices():
        _write(out, notice_fragments(notice))
    if session.current is not None:
        _write(out, problem_fragments(session.current))


def _write(out: TextIO, fragments: list[tuple[str, str]]) -> None:
    out.write(plain(fragments) + "\n")
    out.flush()  # a reader at the other end of a pipe sees each verdict as it is given
