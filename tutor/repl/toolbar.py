"""The bottom toolbar: how the answer being typed is read, or why it cannot be, as it is typed.

>>> bar = Toolbar(AnswerReader(), lambda: "Problem 1 of 3")
>>> "".join(text for _, text in bar.fragments("e^(-z)/(1+e^(-z))^2"))
' interpreted as: e^(−z)/(1 + e^(−z))²'
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.repl.key_bindings import key_summary
from tutor.repl.reading import AnswerReader
from tutor.repl.render import Fragments
from tutor.session_text import COMMAND_HELP, COMMANDS

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

_WHAT = dict(COMMAND_HELP)


class Toolbar:
    """A `bottom_toolbar` callable; `status` says where the run is when nothing is typed."""

    def __init__(self, reader: AnswerReader, status: Callable[[], str]) -> None:
        self.reader = reader
        self.status = status

    def __call__(self) -> StyleAndTextTuples:
        from prompt_toolkit.application import get_app

        try:
            return list(self.fragments(get_app().current_buffer.text))
        except Exception as err:  # noqa: BLE001 - the toolbar must never take the prompt down
            return [("class:toolbar.error", f" no preview ({type(err).__name__})")]

    def fragments(self, text: str) -> Fragments:
        """The toolbar for the line `text`."""
        if not text.strip():
            return [("class:toolbar", f" {self.status()} · {key_summary()}")]
        if text.lstrip().startswith(":"):
            return _command(text.strip()[1:].strip().lower())
        reading = self.reader.read(text)
        if reading is None:     # not an answer: read() makes the same two tests as above
            return []
        if reading.parsed is not None:
            out = [("class:toolbar.label", " interpreted as: "),
                   ("class:toolbar.interpreted", reading.parsed.interpreted)]
            notes = [note.message for note in reading.parsed.notes]
            if notes:
                out.append(("class:toolbar.note", "  (" + "; ".join(notes) + ")"))
            return out
        if reading.error is not None:
            where = reading.error.span[0] + 1
            return [("class:toolbar.error", f" cannot read: {reading.error.message} "
                                            f"(at character {where})")]
        return [("class:toolbar.error", f" no preview: {reading.failed}")]


def _command(word: str) -> Fragments:
    name = COMMANDS.get(word)
    matches = sorted({n for key, n in COMMANDS.items() if word and key.startswith(word)})
    if name is None and len(matches) == 1:
        name = matches[0]
    if name is not None:
        return [("class:toolbar.command", f" :{name}"), ("class:toolbar", f" — {_WHAT[name]}")]
    if matches:
        return [("class:toolbar", " one of " + ", ".join(f":{m}" for m in matches))]
    return [("class:toolbar.error", f" no command :{word} (:help lists them)")]
