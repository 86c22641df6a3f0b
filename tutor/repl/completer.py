"""Tab completion: commands after ``:``, otherwise function names and the problem's variables.

>>> from prompt_toolkit.document import Document
>>> [c.text for c in PracticeCompleter().get_completions(Document("sigm"), None)]
['sigmoid(']
>>> [c.text for c in PracticeCompleter().get_completions(Document(":pr"), None)]
['preview', 'progress']
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from tutor.repl.lexer import function_names
from tutor.session_text import COMMAND_HELP

_WORD = re.compile(r"[^\W\d]\w*$")


class PracticeCompleter(Completer):
    """Completes the word before the cursor; `variables` is asked each time (the problem changes)."""

    def __init__(self, variables: Callable[[], Iterable[str]] = tuple) -> None:
        self._variables = variables

    def get_completions(self, document: Document, complete_event: CompleteEvent | None
                        ) -> Iterator[Completion]:
        text = document.text_before_cursor
        if text.lstrip().startswith(":"):
            yield from _commands(text.lstrip()[1:].lstrip())
            return
        match = _WORD.search(text)
        if match is None:
            return
        word = match.group()
        for name in sorted(n for n in function_names() if n.isascii() and len(n) > 1):
            if name.startswith(word) and name != word:
                yield Completion(name + "(", -len(word), display=name, display_meta="function")
        for name in sorted(set(self._variables())):
            if name.startswith(word) and name != word:
                yield Completion(name, -len(word), display_meta="variable")


def _commands(word: str) -> Iterator[Completion]:
    for name, what in COMMAND_HELP:
        if name.startswith(word.lower()):
            yield Completion(name, -len(word), display=f":{name}", display_meta=what)
