"""The interactive practice loop: a prompt_toolkit prompt around a `Session`.

Input and output are injectable (tests drive it with ``create_pipe_input()``
and ``DummyOutput()``). The loop survives anything: Ctrl-C clears the line,
Ctrl-D quits, and an error inside `tutor` is reported and the prompt comes
back, with every answer already saved.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.history import History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output
from prompt_toolkit.styles import BaseStyle

from tutor.errors import TutorError
from tutor.progress import ProgressStore
from tutor.repl.completer import PracticeCompleter
from tutor.repl.key_bindings import KeyCommand, key_summary, load_practice_bindings
from tutor.repl.lexer import MathLexer
from tutor.repl.reading import AnswerReader
from tutor.repl.render import (Fragments, example_fragments, faded_verdict_fragments, feedback_fragments,
                               notice_fragments, printable_fragments, problem_fragments)
from tutor.repl.style import default_style
from tutor.repl.toolbar import Toolbar
from tutor.repl.validator import AnswerValidator
from tutor.session import Feedback, FeedbackKind, Session


def set_history(store: ProgressStore, set_id: str) -> History:
    """Up/down history of the answers given in a set, across runs (kept in the progress store)."""
    return InMemoryHistory(store.responses(set_id))


class PracticeRepl:
    """Runs a session at a terminal. `history` holds earlier answers (per set, across runs).
    `on_first_prompt` is called once, just after the first prompt is on the screen (start-up is
    over then); `on_first_input` once the learner starts to answer: at the first change to the
    text of a prompt, or when a prompt returns, whichever comes first (the checker's worker process
    starts then: it is ready well before the answer is sent, and a learner who only looks and
    leaves never starts one)."""

    def __init__(self, session: Session, *, input: Input | None = None, output: Output | None = None,
                 history: History | None = None, style: BaseStyle | None = None,
                 coach: Any = None, on_first_prompt: Callable[[], None] | None = None,
                 on_first_input: Callable[[], None] | None = None) -> None:
        self.session = session
        self._on_first_prompt = on_first_prompt
        self._on_first_input = on_first_input
        self.coach = coach  # a tutor.coach.Coach: worked examples when a skill is new
        self._introduced: set[str] = set()
        self.output = output
        self.style = style or default_style()
        self.reader = AnswerReader(self._variables)
        self.prompt: PromptSession[str] = PromptSession(
            message=self._message, lexer=MathLexer(), completer=PracticeCompleter(self._variables),
            complete_while_typing=False, validator=AnswerValidator(self.reader),
            validate_while_typing=False, bottom_toolbar=Toolbar(self.reader, self._status),
            key_bindings=load_practice_bindings(), style=self.style,
            include_default_pygments_style=False, history=history or InMemoryHistory(),
            input=input, output=output)

    def run(self) -> int:
        """Practise until the set is done or the learner quits; returns the exit code 0."""
        self._introduce()
        self._show_problem()
        draft = ""
        while not self.session.finished:
            text, draft = self._read(draft)
            if text is None:
                continue
            feedback = self._submit(text)
            if feedback is None:
                continue
            self.show(feedback_fragments(feedback))
            if feedback.kind is FeedbackKind.HELP:
                self.show([("class:help", "Keys: " + key_summary())])
            if feedback.advanced:
                draft = ""
                self._introduce()
                self._show_problem()
        return 0

    def show(self, fragments: Fragments) -> None:
        """Print styled text above the prompt."""
        print_formatted_text(FormattedText(printable_fragments(fragments)), style=self.style, output=self.output,
                             include_default_pygments_style=False)

    # -- one turn -----------------------------------------------------------------------------

    def _read(self, draft: str) -> tuple[str | None, str]:
        """The next line (or command key) and the draft to offer after it."""
        try:
            result = self.prompt.prompt(default=draft, pre_run=self._after_first_draw())
        except KeyboardInterrupt:  # Ctrl-C clears the line and nothing else
            self._first_input()
            return None, ""
        except EOFError:  # Ctrl-D on an empty line
            return ":quit", ""
        self._first_input()
        if isinstance(result, KeyCommand):
            return result.command, result.draft
        return result, ""

    def _after_first_draw(self) -> Callable[[], None] | None:
        """For the first prompt only: a pre_run hook that calls `on_first_prompt` once the prompt
        has been drawn (pre_run runs before the first draw; the loop runs what it schedules after)."""
        start, self._on_first_prompt = self._on_first_prompt, None
        if start is None and self._on_first_input is None:
            return None
        buffer = self.prompt.default_buffer

        def typed(_: object) -> None:
            buffer.on_text_changed -= typed
            self._first_input()

        def pre_run() -> None:
            if start is not None:
                asyncio.get_running_loop().call_soon(start)
            if self._on_first_input is not None:
                buffer.on_text_changed += typed

        return pre_run

    def _first_input(self) -> None:
        """Call `on_first_input`, once."""
        call, self._on_first_input = self._on_first_input, None
        if call is not None:
            call()

    def _submit(self, text: str) -> Feedback | None:
        try:
            return self.session.submit(text)
        except KeyboardInterrupt:
            self.show(notice_fragments("Cancelled; nothing was counted."))
        except TutorError as err:
            self.show(notice_fragments(str(err)))
        except Exception as err:  # noqa: BLE001 - the loop survives a bug in any stage
            self.show(notice_fragments(
                f"Something went wrong inside tutor ({type(err).__name__}: {err}). Everything "
                "answered so far is saved; try again, or :skip this problem."))
        return None

    def _introduce(self) -> None:
        """A skill met for the first time: a worked example, then a faded one the learner finishes."""
        if self.coach is None or self.session.finished:
            return
        try:
            intro = self.coach.introduction(self.session, self._introduced)
        except (TutorError, OSError) as err:
            self.show(notice_fragments(f"No worked example this time ({err})."))
            return
        if intro is None:
            return
        self.show(example_fragments(intro))
        try:
            self._finish(intro)
        finally:
            self.prompt.message = self._message  # prompt() keeps the message it was last given

    def _finish(self, intro: Any) -> None:
        """Ask for the faded example's answer until it is right, or the learner asks for the rest."""
        while True:
            try:
                result = self.prompt.prompt([("class:prompt", "finish it › ")])
            except KeyboardInterrupt:
                continue
            except EOFError:
                return
            self._first_input()
            text = (result.command if isinstance(result, KeyCommand) else result).strip()
            if not text:
                continue
            if text.startswith(":"):
                self.show([("class:solution", "The rest of it:\n" + intro.rest + "\nNow one on your own.")])
                return
            verdict = intro.check(text)
            self.show(faded_verdict_fragments(verdict))
            if str(verdict.status) == "correct":
                return

    def _show_problem(self) -> None:
        for notice in self.session.take_notices():
            self.show(notice_fragments(notice))
        if self.session.current is not None:
            self.show(problem_fragments(self.session.current))

    # -- what the prompt pieces ask -------------------------------------------------------------

    def _message(self) -> StyleAndTextTuples:
        cur = self.session.current
        if cur is None:
            return [("class:prompt", "› ")]
        if cur.review:
            return [("class:prompt.review", f"[{cur.number}/{cur.total} again] › ")]
        return [("class:prompt", f"[{cur.number}/{cur.total}] › ")]

    def _status(self) -> str:
        cur = self.session.current
        return "" if cur is None else f"Problem {cur.number} of {cur.total} · answer: {cur.expects}"

    def _variables(self) -> tuple[str, ...]:
        cur = self.session.current
        return () if cur is None else cur.variables
