"""The practice widget: a `Session` shown with ipywidgets.

The prompt is typeset, the answer box shows how the answer is read as it is typed, and the
Check / Hint / Steps / Skip buttons submit to the session exactly as the terminal's Enter,
``:hint``, ``:steps`` and ``:skip`` do; every attempt goes to the learner's progress store. A skill
met for the first time starts with a worked example and a faded one to finish. All text is
HTML-escaped before it is shown. Tests (and the example notebook) drive it through its parts:
set ``answer.value`` and call ``check_button.click()``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets  # type: ignore[import-untyped]

from tutor.notebook.html import block, escaped, prompt_html
from tutor.progress import ProgressStore
from tutor.session import Feedback, Session


class PracticeWidget(widgets.VBox):
    """A practice session as a widget (see the module's documentation)."""

    def __init__(self, session: Session, coach: Any = None, store: ProgressStore | None = None,
                 *, header: str = "") -> None:
        self.session = session
        self.coach = coach
        self.store = store
        self._intro: Any = None
        self._introduced: set[str] = set()
        self.header = widgets.HTML(header)
        self.title = widgets.HTML()
        self.example = widgets.HTML()
        self.prompt = widgets.HTMLMath()
        self.answer = widgets.Text(placeholder="your answer, e.g. 2x cos(x^2)", continuous_update=True,
                                   layout=widgets.Layout(width="60%"))
        self.reading = widgets.HTML()
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.hint_button = widgets.Button(description="Hint")
        self.steps_button = widgets.Button(description="Steps")
        self.skip_button = widgets.Button(description="Skip")
        self.feedback = widgets.HTML()
        self.status = widgets.HTML()
        self.answer.observe(self._read, names="value")
        self.check_button.on_click(lambda _: self.check())
        self.hint_button.on_click(lambda _: self.hint())
        self.steps_button.on_click(lambda _: self.steps())
        self.skip_button.on_click(lambda _: self.skip())
        buttons = widgets.HBox([self.check_button, self.hint_button, self.steps_button, self.skip_button])
        super().__init__([self.header, self.title, self.example, self.prompt, self.answer, self.reading,
                          buttons, self.feedback, self.status])
        self._show_problem()

    # -- the four buttons ---------------------------------------------------------------------

    def check(self) -> None:
        """Check the answer typed (or the faded example's completion)."""
        text = self.answer.value.strip()
        if not text:
            self.feedback.value = block("Type your answer first.")
            return
        if self._intro is not None:
            verdict = self._intro.check(text)
            if str(verdict.status) == "correct":
                self._end_example("✓ Right. Now one on your own.")
            else:
                lead = "✗ Not quite. " if str(verdict.status) == "incorrect" else ""
                self.feedback.value = block(f"{lead}{(verdict.feedback or '').strip()} "
                                            "Try again, or Steps for the rest.")
            return
        self._submit(text)

    def hint(self) -> None:
        """The next hint (in an example: nothing to hint; the rest is one click on Steps away)."""
        if self._intro is not None:
            self.feedback.value = block("This is a worked example to finish: Steps shows the rest.")
            return
        self._submit(":hint")

    def steps(self) -> None:
        """The worked solution (counts as giving up, as in the terminal)."""
        if self._intro is not None:
            self._end_example("The rest of it:\n" + self._intro.rest + "\nNow one on your own.")
            return
        self._submit(":steps")

    def skip(self) -> None:
        """Move on."""
        if self._intro is not None:
            self._end_example("Example skipped. Now one on your own.")
            return
        self._submit(":skip")

    # -- showing ------------------------------------------------------------------------------

    def _submit(self, text: str) -> None:
        feedback: Feedback = self.session.submit(text)
        self.feedback.value = block(buttons_for_commands(feedback.text))
        if feedback.advanced:
            self.answer.value = ""
            self._show_problem(keep_feedback=True)

    def _show_problem(self, keep_feedback: bool = False) -> None:
        notices = self.session.take_notices()
        if not keep_feedback:
            self.feedback.value = ""
        if notices:
            self.feedback.value += block("\n".join(notices))
        cur = self.session.current
        if cur is None:
            self.title.value = f"<b>{escaped(self.session.problem_set.title)}</b>: done"
            self.prompt.value = ""
            self.example.value = ""
            self._enable(False)
            self.status.value = ""
            self._close()
            return
        if self.coach is not None and self._intro is None:
            self._intro = self.coach.introduction(self.session, self._introduced)
        if self._intro is not None:
            self._show_example()
            return
        again = " · back for another try" if cur.review else ""
        self.title.value = (f"<b>Problem {cur.number} of {cur.total}</b> · {escaped(cur.title)}"
                            f"{escaped(again)}")
        self.example.value = ""
        self.prompt.value = prompt_html(self.session.instance)
        self.status.value = f"<i>answer: {escaped(cur.expects)}</i>"

    def _show_example(self) -> None:
        intro = self._intro
        self.title.value = f"<b>New skill: {escaped(', '.join(intro.skills))}</b>. First a worked example:"
        self.example.value = (block(intro.worked) + "<p><b>Now finish this one</b> (the last steps "
                              "are yours; Steps shows them):</p>")
        self.prompt.value = escaped(intro.prompt) + (block(intro.faded) if intro.faded else "")
        self.status.value = "<i>a worked example: nothing is counted</i>"

    def _end_example(self, message: str) -> None:
        self._intro = None
        self.answer.value = ""
        self._show_problem()
        self.feedback.value = block(message)

    def _read(self, change: dict) -> None:
        """The live reading of the answer box."""
        self.reading.value = reading_html(change["new"], self._variables())

    def _variables(self) -> tuple[str, ...]:
        cur = self.session.current
        return () if cur is None else cur.variables

    def _enable(self, on: bool) -> None:
        for button in (self.check_button, self.hint_button, self.steps_button, self.skip_button):
            button.disabled = not on
        self.answer.disabled = not on

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


_BUTTONS = {":hint": "Hint", ":steps": "Steps", ":skip": "Skip", ":back": "the cell above", ":help": "the buttons"}


def buttons_for_commands(text: str) -> str:
    """The session's words with the terminal's commands named as the widget's buttons.

    >>> buttons_for_commands("Try again, or :hint for a hint, :skip to move on.")
    'Try again, or Hint for a hint, Skip to move on.'
    """
    for command, button in _BUTTONS.items():
        text = text.replace(command, button)
    return text


def reading_html(text: str, variables: Sequence[str] = ()) -> str:
    """How an answer is read, or why it cannot be, as HTML.

    >>> reading_html("sin 2x")
    '<span style="color: gray">read as:</span> sin(2·x)'
    >>> reading_html("2x +").startswith('<span style="color: #b00">cannot read:')
    True
    """
    from tutor.errors import ParseError
    from tutor.parser import parse

    if not text.strip() or text.lstrip().startswith(":"):
        return ""
    try:
        parsed = parse(text, variables=list(variables) or None)
        return f'<span style="color: gray">read as:</span> {escaped(parsed.interpreted)}'
    except ParseError as err:
        return f'<span style="color: #b00">cannot read: {escaped(err.message)}</span>'
    except Exception as err:  # noqa: BLE001 - a preview must never break the widget
        return f'<span style="color: #b00">no preview ({escaped(type(err).__name__)})</span>'


def path_table(title: str, steps: Sequence[Any]) -> str:
    """A topic's chain of skills with the learner's mastery, as an HTML table."""
    from tutor.mastery import bar

    rows = []
    for number, step in enumerate(steps, 1):
        level = "not practised yet" if step.mastery is None else f"{bar(step.mastery, 10)} {step.mastery:.2f}"
        mark = "✓" if step.mastered else ""
        rows.append(f"<tr><td>{number}</td><td>{mark}</td><td>{escaped(step.skill.name)}</td>"
                    f"<td>{escaped(step.skill.course)} week {step.skill.week}</td><td>{escaped(level)}</td></tr>")
    return (f"<p><b>{escaped(title)}</b>: the skills it needs, the most basic first "
            f"(mastered ones are skipped)</p><table>{''.join(rows)}</table>")
